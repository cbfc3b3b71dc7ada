// Go regexp syntax -> RE2 syntax. The two grammars are nearly the same (Go's
// parser is a port of RE2's), and RE2 reports the same errors for almost all
// of it; this pass rewrites only what differs:
//   - named groups: Go accepts (?P<name>re) and (?<name>re) with ASCII
//     [A-Za-z0-9_]+ names; RE2 (2022) knows only the first form and accepts
//     other names. Every group becomes a plain "(" and the names are kept here.
//   - \C (any byte) is an error in Go.
//   - \p{Name}: Go looks names up loosely (case, spaces, '_' and '-' ignored),
//     knows aliases such as "Letter" and the classes Any, ASCII, Assigned,
//     LC and Cn, its C includes unassigned code points, and its categories
//     are package unicode's (see unicode_class.h).
//   - \Q...\E: its text is re-emitted as escaped literals (or kept as an
//     empty \Q\E, which separates repetition operators as in Go).
//   - invalid UTF-8 in the pattern: Go's error names the offending text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/regexp/syntax_error.h"

namespace vo::stdlib::rx {

struct Translation {
  std::string pattern;                // RE2 syntax
  std::vector<std::string> names;     // names[i]: group i's name ("" if unnamed); names[0] = ""
  bool has_nonword_boundary = false;  // \B occurs (it can hold inside a UTF-8 sequence)
};

struct TranslateError {
  SyntaxError error;
  size_t translated = 0;  // length of the RE2 text emitted before the error
};

// Translates `go` into *out; false with *err when the pattern is invalid in
// a way the translation itself detects. out->pattern then holds the RE2 text
// emitted so far (the caller may ask RE2 whether an earlier error exists).
bool translate(std::string_view go, Translation* out, TranslateError* err);

}  // namespace vo::stdlib::rx
