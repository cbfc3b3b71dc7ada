// Natives of package unicode/utf8. A string argument is {ptr, len} and a
// []byte argument {ptr, len, cap}, so each function reading bytes serves
// both the []byte and the string variant.
#include "runtime/strings.h"
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

struct Bytes {
  const uint8_t* p;
  int64_t n;
};
Bytes bytes_arg(const Slot* a) { return {reinterpret_cast<const uint8_t*>(a[0]), static_cast<int64_t>(a[1])}; }

void decode_rune(vm::NativeCtx&, Slot* a, Slot* r) {
  Bytes b = bytes_arg(a);
  int32_t rune;
  int w = rt::decode_rune(b.p, b.n, &rune);
  api::ret_int(r, rune);
  api::ret_int(r + 1, w);
}

void decode_last_rune(vm::NativeCtx&, Slot* a, Slot* r) {
  Bytes b = bytes_arg(a);
  if (b.n == 0) {
    api::ret_int(r, rt::kRuneError);
    api::ret_int(r + 1, 0);
    return;
  }
  int64_t start = b.n - 1;
  if (b.p[start] < 0x80) {
    api::ret_int(r, b.p[start]);
    api::ret_int(r + 1, 1);
    return;
  }
  int64_t lim = b.n - 4 < 0 ? 0 : b.n - 4;
  for (--start; start >= lim; --start)
    if ((b.p[start] & 0xC0) != 0x80) break;
  if (start < 0) start = 0;
  int32_t rune;
  int w = rt::decode_rune(b.p + start, b.n - start, &rune);
  if (start + w != b.n) {
    rune = rt::kRuneError;
    w = 1;
  }
  api::ret_int(r, rune);
  api::ret_int(r + 1, w);
}

void full_rune(vm::NativeCtx&, Slot* a, Slot* r) {
  Bytes b = bytes_arg(a);
  bool full;
  if (b.n == 0) {
    full = false;
  } else {
    uint8_t c = b.p[0];
    int need = c < 0x80 ? 1 : c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
    if (b.n >= need) {
      full = true;
    } else {
      // Short: full only if what is there is already invalid.
      uint8_t lo = 0x80, hi = 0xBF;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
      full = (b.n > 1 && (b.p[1] < lo || b.p[1] > hi)) || (b.n > 2 && (b.p[2] & 0xC0) != 0x80);
    }
  }
  api::ret_bool(r, full);
}

void rune_count(vm::NativeCtx&, Slot* a, Slot* r) {
  Bytes b = bytes_arg(a);
  int64_t n = 0;
  for (int64_t i = 0; i < b.n; ++n) {
    if (b.p[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t rune;
    i += rt::decode_rune(b.p + i, b.n - i, &rune);
  }
  api::ret_int(r, n);
}

void valid(vm::NativeCtx&, Slot* a, Slot* r) {
  Bytes b = bytes_arg(a);
  bool ok = true;
  for (int64_t i = 0; i < b.n;) {
    if (b.p[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t rune;
    int w = rt::decode_rune(b.p + i, b.n - i, &rune);
    if (w == 1) {  // a multi-byte lead decoding to width 1 is invalid
      ok = false;
      break;
    }
    i += w;
  }
  api::ret_bool(r, ok);
}

constexpr NativeDef kNatives[] = {
    {"unicode/utf8.DecodeRune", decode_rune},
    {"unicode/utf8.DecodeRuneInString", decode_rune},
    {"unicode/utf8.DecodeLastRune", decode_last_rune},
    {"unicode/utf8.DecodeLastRuneInString", decode_last_rune},
    {"unicode/utf8.FullRune", full_rune},
    {"unicode/utf8.FullRuneInString", full_rune},
    {"unicode/utf8.RuneCount", rune_count},
    {"unicode/utf8.RuneCountInString", rune_count},
    {"unicode/utf8.Valid", valid},
    {"unicode/utf8.ValidString", valid},
};

}  // namespace

std::span<const NativeDef> utf8_natives() { return kNatives; }

}  // namespace vo::stdlib
