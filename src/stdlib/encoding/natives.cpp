// Natives of the encoding/* packages: the hex and base64 inner loops.
#include <cstdint>
#include <string>

#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

struct Bytes {
  uint8_t* p;
  size_t n;
};

Bytes bytes_arg(const Slot* a) {
  rt::SliceRef s = api::arg_slice(a);
  return {s.ptr, s.len > 0 ? static_cast<size_t>(s.len) : 0};
}

[[noreturn]] void out_of_range(size_t i, size_t n) {
  api::panic("runtime error: index out of range [" + std::to_string(i) + "] with length " + std::to_string(n));
}

constexpr char kHex[] = "0123456789abcdef";

int from_hex(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// hex.encode(dst, src []byte) int
void hex_encode(vm::NativeCtx&, Slot* a, Slot* r) {
  Bytes dst = bytes_arg(a), src = bytes_arg(a + 3);
  if (dst.n / 2 < src.n) out_of_range(dst.n, dst.n);
  for (size_t i = 0; i < src.n; ++i) {
    dst.p[2 * i] = kHex[src.p[i] >> 4];
    dst.p[2 * i + 1] = kHex[src.p[i] & 0xF];
  }
  api::ret_int(r, static_cast<int64_t>(src.n * 2));
}

// hex.decode(dst, src []byte) (n int, bad int, code int): code 0 ok, 1 the
// invalid byte `bad`, 2 odd length. dst may alias src.
void hex_decode(vm::NativeCtx&, Slot* a, Slot* r) {
  Bytes dst = bytes_arg(a), src = bytes_arg(a + 3);
  size_t i = 0, j = 1;
  int64_t code = 0, bad = 0;
  for (; j < src.n; j += 2) {
    uint8_t p = src.p[j - 1], q = src.p[j];
    int hi = from_hex(p), lo = from_hex(q);
    if (hi < 0 || lo < 0) {
      code = 1;
      bad = hi < 0 ? p : q;
      break;
    }
    if (i >= dst.n) out_of_range(i, dst.n);
    dst.p[i++] = static_cast<uint8_t>(hi << 4 | lo);
  }
  if (code == 0 && src.n % 2 == 1) {
    if (from_hex(src.p[j - 1]) < 0) {
      code = 1;
      bad = src.p[j - 1];
    } else {
      code = 2;
    }
  }
  api::ret_int(r, static_cast<int64_t>(i));
  api::ret_int(r + 1, bad);
  api::ret_int(r + 2, code);
}

// base64.encode(dst, src []byte, alphabet string, pad int)
void b64_encode(vm::NativeCtx&, Slot* a, Slot*) {
  Bytes dst = bytes_arg(a), src = bytes_arg(a + 3);
  std::string_view enc = api::arg_string(a + 6);
  int64_t pad = api::arg_int(a + 8);
  if (enc.size() != 64) api::panic("base64: bad alphabet");
  size_t need = pad < 0 ? src.n / 3 * 4 + (src.n % 3 * 8 + 5) / 6 : (src.n + 2) / 3 * 4;
  if (dst.n < need) out_of_range(need - 1, dst.n);
  size_t di = 0, si = 0, n = src.n / 3 * 3;
  while (si < n) {
    uint32_t v = uint32_t(src.p[si]) << 16 | uint32_t(src.p[si + 1]) << 8 | src.p[si + 2];
    dst.p[di] = enc[v >> 18 & 0x3F];
    dst.p[di + 1] = enc[v >> 12 & 0x3F];
    dst.p[di + 2] = enc[v >> 6 & 0x3F];
    dst.p[di + 3] = enc[v & 0x3F];
    si += 3;
    di += 4;
  }
  size_t remain = src.n - si;
  if (remain == 0) return;
  uint32_t v = uint32_t(src.p[si]) << 16;
  if (remain == 2) v |= uint32_t(src.p[si + 1]) << 8;
  dst.p[di] = enc[v >> 18 & 0x3F];
  dst.p[di + 1] = enc[v >> 12 & 0x3F];
  if (remain == 2) {
    dst.p[di + 2] = enc[v >> 6 & 0x3F];
    if (pad >= 0) dst.p[di + 3] = static_cast<uint8_t>(pad);
  } else if (pad >= 0) {
    dst.p[di + 2] = static_cast<uint8_t>(pad);
    dst.p[di + 3] = static_cast<uint8_t>(pad);
  }
}

struct B64Decoder {
  uint8_t map[256];
  int64_t pad;
  bool strict;
  Bytes dst, src;
  size_t n = 0;  // bytes written

  void put(uint8_t c) {
    if (n >= dst.n) out_of_range(n, dst.n);
    dst.p[n++] = c;
  }
  static bool newline(uint8_t c) { return c == '\n' || c == '\r'; }

  // Decodes one quantum starting at si; returns false with *err set to the
  // offending offset, and advances si.
  bool quantum(size_t& si, int64_t* err) {
    uint8_t d[4] = {0, 0, 0, 0};
    size_t dlen = 4;
    int64_t trailing = -1;
    for (size_t j = 0; j < 4; ++j) {
      if (si == src.n) {
        if (j == 0) return true;
        if (j == 1 || pad >= 0) {
          *err = static_cast<int64_t>(si - j);
          return false;
        }
        dlen = j;
        break;
      }
      uint8_t in = src.p[si++];
      uint8_t out = map[in];
      if (out != 0xFF) {
        d[j] = out;
        continue;
      }
      if (newline(in)) {
        --j;
        continue;
      }
      if (pad < 0 || in != pad) {
        *err = static_cast<int64_t>(si - 1);
        return false;
      }
      if (j == 0 || j == 1) {
        *err = static_cast<int64_t>(si - 1);
        return false;
      }
      if (j == 2) {  // a second padding character must follow
        while (si < src.n && newline(src.p[si])) ++si;
        if (si == src.n) {
          *err = static_cast<int64_t>(src.n);
          return false;
        }
        if (src.p[si] != pad) {
          *err = static_cast<int64_t>(si - 1);
          return false;
        }
        ++si;
      }
      while (si < src.n && newline(src.p[si])) ++si;
      if (si < src.n) trailing = static_cast<int64_t>(si);
      dlen = j;
      break;
    }
    uint32_t v = uint32_t(d[0]) << 18 | uint32_t(d[1]) << 12 | uint32_t(d[2]) << 6 | d[3];
    uint8_t b0 = v >> 16, b1 = v >> 8, b2 = v;
    switch (dlen) {
      case 4:
        put(b0);
        put(b1);
        put(b2);
        break;
      case 3:
        if (strict && b2 != 0) {
          *err = static_cast<int64_t>(si - 1);
          return false;
        }
        put(b0);
        put(b1);
        break;
      case 2:
        if (strict && (b1 != 0 || b2 != 0)) {
          *err = static_cast<int64_t>(si - 2);
          return false;
        }
        put(b0);
        break;
    }
    if (trailing >= 0) {
      *err = trailing;
      return false;
    }
    return true;
  }
};

// base64.decode(dst, src []byte, alphabet string, pad int, strict bool)
// (n int, errAt int): errAt is -1, or the offset of corrupt input.
void b64_decode(vm::NativeCtx&, Slot* a, Slot* r) {
  B64Decoder d;
  d.dst = bytes_arg(a);
  d.src = bytes_arg(a + 3);
  std::string_view enc = api::arg_string(a + 6);
  d.pad = api::arg_int(a + 8);
  d.strict = api::arg_bool(a + 9);
  if (enc.size() != 64) api::panic("base64: bad alphabet");
  for (uint8_t& m : d.map) m = 0xFF;
  for (size_t i = 0; i < 64; ++i) d.map[static_cast<uint8_t>(enc[i])] = static_cast<uint8_t>(i);
  int64_t err = -1;
  size_t si = 0;
  while (si < d.src.n) {
    if (!d.quantum(si, &err)) break;
  }
  api::ret_int(r, static_cast<int64_t>(d.n));
  api::ret_int(r + 1, err);
}

constexpr NativeDef kNatives[] = {
    {"encoding/hex.encode", hex_encode},
    {"encoding/hex.decode", hex_decode},
    {"encoding/base64.encode", b64_encode},
    {"encoding/base64.decode", b64_decode},
};

}  // namespace

std::span<const NativeDef> encoding_natives() { return kNatives; }

}  // namespace vo::stdlib
