// A compiled regular expression: the RE2 program for a Go pattern and what
// Go's Regexp reports about it. Compile errors carry Go's texts.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/regexp/syntax_error.h"

namespace re2 {
class RE2;
}

namespace vo::stdlib::rx {

struct Engine {
  std::unique_ptr<re2::RE2> re;
  std::vector<std::string> names;     // SubexpNames: names[0] = ""
  bool has_nonword_boundary = false;  // \B: matches must be checked for rune alignment
  std::string prefix;                 // LiteralPrefix
  bool prefix_complete = false;
  int64_t footprint = 0;              // estimated bytes the program holds outside the collected heap

  Engine();
  ~Engine();
  int num_subexp() const { return static_cast<int>(names.size()) - 1; }
};

// Compiles `expr` (Go syntax) with leftmost-first semantics, or leftmost-
// longest when `longest`. Returns nullptr and sets *err on a syntax error.
std::unique_ptr<Engine> compile(std::string_view expr, bool longest, SyntaxError* err);

}  // namespace vo::stdlib::rx
