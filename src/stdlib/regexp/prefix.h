// Go's Regexp.LiteralPrefix: the literal text every match starts with, and
// whether that text is the whole regexp. Go reads it off its compiled
// program, so it depends on how Go's parser factors alternations and how
// its simplifier expands counted repetitions; RE2 exposes nothing like it.
// It is computed from the tree of go_tree.h by walking the start of the
// program Go would compile.
#pragma once
#include <string>

#include "stdlib/regexp/go_tree.h"

namespace vo::stdlib::rx {

struct LiteralPrefix {
  std::string prefix;
  bool complete = false;
};

LiteralPrefix literal_prefix(const GoNode& root);

}  // namespace vo::stdlib::rx
