#include "syntax/unicode.h"

#include <algorithm>

#include "syntax/unicode_tables.h"

namespace vo::syntax {

namespace {

bool in_table(char32_t c, const unicode_tables::Range* table, size_t size) {
  const unicode_tables::Range* end = table + size;
  // First range whose upper bound is >= c.
  const unicode_tables::Range* it = std::lower_bound(
      table, end, static_cast<uint32_t>(c),
      [](const unicode_tables::Range& r, uint32_t v) { return r.hi < v; });
  return it != end && it->lo <= c;
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

Utf8Char decode_utf8(std::string_view s, size_t i) {
  Utf8Char r;
  if (i >= s.size()) return r;
  const unsigned char b0 = static_cast<unsigned char>(s[i]);
  r.len = 1;
  if (b0 < 0x80) {
    r.cp = b0;
    r.valid = true;
    return r;
  }
  int need = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return r;  // stray continuation byte or invalid lead byte
  }
  if (i + static_cast<size_t>(need) >= s.size()) return r;  // truncated sequence
  for (int k = 1; k <= need; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if (!is_continuation(b)) return r;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > kMaxRune || (cp >= 0xD800 && cp <= 0xDFFF)) return r;
  r.cp = cp;
  r.len = need + 1;
  r.valid = true;
  return r;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > kMaxRune || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kRuneError;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return in_table(c, unicode_tables::kAlphabetic, unicode_tables::kAlphabeticSize);
}

bool is_decimal_digit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return in_table(c, unicode_tables::kDecimalNumber, unicode_tables::kDecimalNumberSize);
}

bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return in_table(c, unicode_tables::kUppercase, unicode_tables::kUppercaseSize);
}

bool is_exported(std::string_view name) {
  Utf8Char ch = decode_utf8(name, 0);
  return ch.valid && is_upper(ch.cp);
}

}  // namespace vo::syntax
