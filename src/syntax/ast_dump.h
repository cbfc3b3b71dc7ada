// A compact S-expression rendering of the AST, for tests and debugging.
//
// Examples: `(Binary + a (Binary * b c))`, `(Call f x ...)`,
// `(DynMethod obj Name 1)`, `(Assign := (x y) ((Call f)))`.
// Identifiers print as their name, literals as their source text, a missing
// child as `nil`.
#pragma once
#include <string>

#include "syntax/ast.h"

namespace vo::syntax {

std::string dump(const Node* n);

}  // namespace vo::syntax
