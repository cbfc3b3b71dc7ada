// The compiler: checked packages -> a bytecode module.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bytecode/module.h"
#include "syntax/diag.h"
#include "types/checker.h"

namespace vo::compiler {

// Binds a bodiless (extern) function, by qualified name such as
// "fmt.Println" or "strings.Builder.String", to its native implementation;
// nullptr if there is none.
using NativeResolver = std::function<bc::NativeFn(const std::string& qualified)>;

// Compiles the packages (in dependency order, main last) into one module.
// Constructs not supported yet are reported as errors naming them.
std::unique_ptr<bc::Module> compile_program(const std::vector<types::CheckedPackage*>& pkgs,
                                            syntax::Diagnostics& diags, const NativeResolver& natives);

}  // namespace vo::compiler
