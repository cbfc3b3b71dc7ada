// UTF-8 validity by Go's decoding rules (unicode/utf8.DecodeRune), shared by
// the pattern translation and the subject text.
#pragma once
#include <cstdint>
#include <string_view>

#include "runtime/strings.h"

namespace vo::stdlib::rx {

// The width of the valid UTF-8 sequence at s[i] (i < s.size()), or 0 when
// the byte there is invalid (Go decodes it as U+FFFD of width 1).
inline size_t valid_width(std::string_view s, size_t i) {
  int32_t r;
  int w = rt::decode_rune(reinterpret_cast<const uint8_t*>(s.data()) + i, static_cast<int64_t>(s.size() - i), &r);
  return r == rt::kRuneError && w == 1 ? 0 : static_cast<size_t>(w);
}

// The offset of the first invalid byte of s, or npos.
inline size_t first_invalid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t w = valid_width(s, i);
    if (w == 0) return i;
    i += w;
  }
  return std::string_view::npos;
}

}  // namespace vo::stdlib::rx
