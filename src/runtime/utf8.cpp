// UTF-8 with Go's error handling (one U+FFFD per bad byte).
#include "runtime/strings.h"

namespace vo::rt {

int decode_rune(const uint8_t* p, int64_t n, int32_t* rune) {
  *rune = kRuneError;
  if (n <= 0) return 0;
  uint8_t b0 = p[0];
  if (b0 < 0x80) {
    *rune = b0;
    return 1;
  }
  int width;
  int32_t r;
  uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    width = 2;
    r = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    width = 3;
    r = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;       // overlong
    if (b0 == 0xED) hi = 0x9F;       // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    width = 4;
    r = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;       // overlong
    if (b0 == 0xF4) hi = 0x8F;       // > U+10FFFF
  } else {
    return 1;
  }
  if (n < width || p[1] < lo || p[1] > hi) return 1;
  r = r << 6 | (p[1] & 0x3F);
  for (int i = 2; i < width; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 1;
    r = r << 6 | (p[i] & 0x3F);
  }
  *rune = r;
  return width;
}

namespace {
bool valid_rune(int64_t r) { return r >= 0 && r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF); }
}  // namespace

int rune_len(int64_t r) {
  if (!valid_rune(r)) return 3;
  return r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
}

int encode_rune(int64_t r, uint8_t* out) {
  if (!valid_rune(r)) r = kRuneError;
  if (r < 0x80) {
    out[0] = static_cast<uint8_t>(r);
    return 1;
  }
  if (r < 0x800) {
    out[0] = static_cast<uint8_t>(0xC0 | r >> 6);
    out[1] = static_cast<uint8_t>(0x80 | (r & 0x3F));
    return 2;
  }
  if (r < 0x10000) {
    out[0] = static_cast<uint8_t>(0xE0 | r >> 12);
    out[1] = static_cast<uint8_t>(0x80 | (r >> 6 & 0x3F));
    out[2] = static_cast<uint8_t>(0x80 | (r & 0x3F));
    return 3;
  }
  out[0] = static_cast<uint8_t>(0xF0 | r >> 18);
  out[1] = static_cast<uint8_t>(0x80 | (r >> 12 & 0x3F));
  out[2] = static_cast<uint8_t>(0x80 | (r >> 6 & 0x3F));
  out[3] = static_cast<uint8_t>(0x80 | (r & 0x3F));
  return 4;
}

}  // namespace vo::rt
