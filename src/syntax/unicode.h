// Unicode helpers shared by the lexer and later stages: UTF-8 decoding and
// the character classes that identifiers are made of (spec §3.1).
#pragma once
#include <string>
#include <string_view>

namespace vo::syntax {

constexpr char32_t kRuneError = 0xFFFD;
constexpr char32_t kMaxRune = 0x10FFFF;

struct Utf8Char {
  char32_t cp = kRuneError;  // kRuneError when !valid
  int len = 0;               // bytes consumed (1 for an invalid byte, 0 at end)
  bool valid = false;
};

// Decodes the UTF-8 sequence starting at s[i]. Overlong forms, surrogates and
// values above U+10FFFF are invalid; an invalid sequence consumes one byte.
Utf8Char decode_utf8(std::string_view s, size_t i);

// Appends the UTF-8 encoding of cp (kRuneError for invalid code points).
void append_utf8(std::string& out, char32_t cp);

// Unicode `Alphabetic` (letters may start an identifier; '_' is handled by callers).
bool is_letter(char32_t c);
// General category Nd.
bool is_decimal_digit(char32_t c);
// Unicode `Uppercase`.
bool is_upper(char32_t c);

// An identifier is exported when its first code point is Uppercase.
bool is_exported(std::string_view name);

}  // namespace vo::syntax
