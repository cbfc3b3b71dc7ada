// The compiler: checked packages -> a bytecode module.
#pragma once
#include <memory>
#include <vector>

#include "bytecode/module.h"
#include "syntax/diag.h"
#include "types/checker.h"

namespace vo::compiler {

// Compiles the packages (in dependency order, main last) into one module.
// Constructs not supported yet are reported as errors naming them.
std::unique_ptr<bc::Module> compile_program(const std::vector<types::CheckedPackage*>& pkgs,
                                            syntax::Diagnostics& diags);

}  // namespace vo::compiler
