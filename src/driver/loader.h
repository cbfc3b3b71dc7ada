// Loads a program: parses and type-checks the main package and, recursively,
// every package it imports (embedded standard library packages, or packages
// of the program's module when it has a vo.mod), in dependency order.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "syntax/ast.h"
#include "syntax/diag.h"
#include "types/checker.h"

namespace vo::driver {

struct Program {
  syntax::FileSet fset;
  syntax::Ast ast;
  types::TypeArena arena;
  // Checked packages in dependency order; the main package is last.
  std::vector<std::unique_ptr<types::CheckedPackage>> packages;
  std::vector<types::CheckedPackage*> ordered() const;
};

// Loads the program at `path` (a .vo file, or a directory of one package).
// Errors go to diags (with file:line:col); returns false if there were any.
bool load_program(Program& p, const std::string& path, syntax::Diagnostics& diags);

}  // namespace vo::driver
