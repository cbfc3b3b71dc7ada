// Generic traversal of the AST: visit a node's direct children.
#pragma once
#include <functional>

#include "syntax/ast.h"

namespace vo::syntax {

// Calls f on every non-null direct child of n, in source order.
void for_each_child(const Node* n, const std::function<void(const Node*)>& f);

// Pre-order walk: calls f on n and its descendants; f returns false to skip
// a node's children.
void walk(const Node* n, const std::function<bool(const Node*)>& f);

}  // namespace vo::syntax
