// Go's regexp/syntax error codes (their texts are part of Go's API: a
// compile error prints as "error parsing regexp: <code>: `<expr>`").
#pragma once
#include <string>

namespace vo::stdlib::rx {

inline constexpr const char* kErrInternalError = "regexp/syntax: internal error";
inline constexpr const char* kErrInvalidCharClass = "invalid character class";
inline constexpr const char* kErrInvalidCharRange = "invalid character class range";
inline constexpr const char* kErrInvalidEscape = "invalid escape sequence";
inline constexpr const char* kErrInvalidNamedCapture = "invalid named capture";
inline constexpr const char* kErrInvalidPerlOp = "invalid or unsupported Perl syntax";
inline constexpr const char* kErrInvalidRepeatOp = "invalid nested repetition operator";
inline constexpr const char* kErrInvalidRepeatSize = "invalid repeat count";
inline constexpr const char* kErrInvalidUTF8 = "invalid UTF-8";
inline constexpr const char* kErrMissingBracket = "missing closing ]";
inline constexpr const char* kErrMissingParen = "missing closing )";
inline constexpr const char* kErrMissingRepeatArgument = "missing argument to repetition operator";
inline constexpr const char* kErrTrailingBackslash = "trailing backslash at end of expression";
inline constexpr const char* kErrUnexpectedParen = "unexpected )";
inline constexpr const char* kErrNestingDepth = "expression nests too deeply";
inline constexpr const char* kErrLarge = "expression too large";

// A parse failure: Go's syntax.Error{Code, Expr}.
struct SyntaxError {
  std::string code;
  std::string expr;
};

}  // namespace vo::stdlib::rx
