// Natives of package math/bits. Arguments of the narrow unsigned kinds
// arrive zero-extended in their slots and results are returned the same way.
#include <cstdint>

#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

constexpr const char* kDivideError = "runtime error: integer divide by zero";
constexpr const char* kOverflowError = "runtime error: integer overflow";

template <typename T>
constexpr int kWidth = static_cast<int>(sizeof(T) * 8);

template <typename T>
T arg(const Slot* a) { return static_cast<T>(a[0]); }

template <typename T>
int leading_zeros(T x) { return x == 0 ? kWidth<T> : __builtin_clzll(static_cast<uint64_t>(x)) - (64 - kWidth<T>); }
template <typename T>
int trailing_zeros(T x) { return x == 0 ? kWidth<T> : __builtin_ctzll(static_cast<uint64_t>(x)); }

template <typename T>
void lz(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_int(r, leading_zeros(arg<T>(a))); }
template <typename T>
void tz(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_int(r, trailing_zeros(arg<T>(a))); }
template <typename T>
void ones(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_int(r, __builtin_popcountll(static_cast<uint64_t>(arg<T>(a)))); }
template <typename T>
void len(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_int(r, kWidth<T> - leading_zeros(arg<T>(a))); }

template <typename T>
void rotate_left(vm::NativeCtx&, Slot* a, Slot* r) {
  T x = arg<T>(a);
  int64_t k = static_cast<int64_t>(a[1]);
  unsigned s = static_cast<unsigned>(static_cast<uint64_t>(k) & (kWidth<T> - 1));
  T v = s == 0 ? x : static_cast<T>(static_cast<T>(x << s) | static_cast<T>(x >> (kWidth<T> - s)));
  r[0] = static_cast<Slot>(v);
}

uint64_t reverse64(uint64_t x) {
  x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
  x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
  x = ((x >> 4) & 0x0F0F0F0F0F0F0F0FULL) | ((x & 0x0F0F0F0F0F0F0F0FULL) << 4);
  return __builtin_bswap64(x);
}

template <typename T>
void reverse(vm::NativeCtx&, Slot* a, Slot* r) {
  r[0] = static_cast<Slot>(static_cast<T>(reverse64(static_cast<uint64_t>(arg<T>(a))) >> (64 - kWidth<T>)));
}
template <typename T>
void reverse_bytes(vm::NativeCtx&, Slot* a, Slot* r) {
  r[0] = static_cast<Slot>(static_cast<T>(__builtin_bswap64(static_cast<uint64_t>(arg<T>(a))) >> (64 - kWidth<T>)));
}

// Go's formulas, which define the results also for carry/borrow inputs
// other than 0 and 1.
void add64(vm::NativeCtx&, Slot* a, Slot* r) {
  uint64_t x = a[0], y = a[1], carry = a[2];
  uint64_t sum = x + y + carry;
  r[0] = sum;
  r[1] = ((x & y) | ((x | y) & ~sum)) >> 63;
}
void add32(vm::NativeCtx&, Slot* a, Slot* r) {
  uint64_t sum = static_cast<uint64_t>(arg<uint32_t>(a)) + arg<uint32_t>(a + 1) + arg<uint32_t>(a + 2);
  r[0] = static_cast<uint32_t>(sum);
  r[1] = static_cast<uint32_t>(sum >> 32);
}
void sub64(vm::NativeCtx&, Slot* a, Slot* r) {
  uint64_t x = a[0], y = a[1], borrow = a[2];
  uint64_t diff = x - y - borrow;
  r[0] = diff;
  r[1] = ((~x & y) | (~(x ^ y) & diff)) >> 63;
}
void sub32(vm::NativeCtx&, Slot* a, Slot* r) {
  uint32_t x = arg<uint32_t>(a), y = arg<uint32_t>(a + 1), borrow = arg<uint32_t>(a + 2);
  uint32_t diff = x - y - borrow;
  r[0] = diff;
  r[1] = static_cast<uint32_t>((~x & y) | (~(x ^ y) & diff)) >> 31;
}
void mul64(vm::NativeCtx&, Slot* a, Slot* r) {
  unsigned __int128 p = static_cast<unsigned __int128>(a[0]) * a[1];
  r[0] = static_cast<uint64_t>(p >> 64);
  r[1] = static_cast<uint64_t>(p);
}
void mul32(vm::NativeCtx&, Slot* a, Slot* r) {
  uint64_t p = static_cast<uint64_t>(arg<uint32_t>(a)) * arg<uint32_t>(a + 1);
  r[0] = static_cast<uint32_t>(p >> 32);
  r[1] = static_cast<uint32_t>(p);
}
void div64(vm::NativeCtx&, Slot* a, Slot* r) {
  uint64_t hi = a[0], lo = a[1], y = a[2];
  if (y == 0) api::panic(kDivideError);
  if (y <= hi) api::panic(kOverflowError);
  unsigned __int128 n = (static_cast<unsigned __int128>(hi) << 64) | lo;
  r[0] = static_cast<uint64_t>(n / y);
  r[1] = static_cast<uint64_t>(n % y);
}
void div32(vm::NativeCtx&, Slot* a, Slot* r) {
  uint32_t hi = arg<uint32_t>(a), lo = arg<uint32_t>(a + 1), y = arg<uint32_t>(a + 2);
  if (y != 0 && y <= hi) api::panic(kOverflowError);
  if (y == 0) api::panic(kDivideError);
  uint64_t z = (static_cast<uint64_t>(hi) << 32) | lo;
  r[0] = static_cast<uint32_t>(z / y);
  r[1] = static_cast<uint32_t>(z % y);
}
void rem64(vm::NativeCtx&, Slot* a, Slot* r) {
  uint64_t hi = a[0], lo = a[1], y = a[2];
  if (y == 0) api::panic(kDivideError);
  unsigned __int128 n = (static_cast<unsigned __int128>(hi % y) << 64) | lo;
  r[0] = static_cast<uint64_t>(n % y);
}
void rem32(vm::NativeCtx&, Slot* a, Slot* r) {
  uint32_t y = arg<uint32_t>(a + 2);
  if (y == 0) api::panic(kDivideError);
  uint64_t z = (static_cast<uint64_t>(arg<uint32_t>(a)) << 32) | arg<uint32_t>(a + 1);
  r[0] = static_cast<uint32_t>(z % y);
}

constexpr NativeDef kNatives[] = {
    {"math/bits.LeadingZeros", lz<uint64_t>},
    {"math/bits.LeadingZeros8", lz<uint8_t>},
    {"math/bits.LeadingZeros16", lz<uint16_t>},
    {"math/bits.LeadingZeros32", lz<uint32_t>},
    {"math/bits.LeadingZeros64", lz<uint64_t>},
    {"math/bits.TrailingZeros", tz<uint64_t>},
    {"math/bits.TrailingZeros8", tz<uint8_t>},
    {"math/bits.TrailingZeros16", tz<uint16_t>},
    {"math/bits.TrailingZeros32", tz<uint32_t>},
    {"math/bits.TrailingZeros64", tz<uint64_t>},
    {"math/bits.OnesCount", ones<uint64_t>},
    {"math/bits.OnesCount8", ones<uint8_t>},
    {"math/bits.OnesCount16", ones<uint16_t>},
    {"math/bits.OnesCount32", ones<uint32_t>},
    {"math/bits.OnesCount64", ones<uint64_t>},
    {"math/bits.RotateLeft", rotate_left<uint64_t>},
    {"math/bits.RotateLeft8", rotate_left<uint8_t>},
    {"math/bits.RotateLeft16", rotate_left<uint16_t>},
    {"math/bits.RotateLeft32", rotate_left<uint32_t>},
    {"math/bits.RotateLeft64", rotate_left<uint64_t>},
    {"math/bits.Reverse", reverse<uint64_t>},
    {"math/bits.Reverse8", reverse<uint8_t>},
    {"math/bits.Reverse16", reverse<uint16_t>},
    {"math/bits.Reverse32", reverse<uint32_t>},
    {"math/bits.Reverse64", reverse<uint64_t>},
    {"math/bits.ReverseBytes", reverse_bytes<uint64_t>},
    {"math/bits.ReverseBytes16", reverse_bytes<uint16_t>},
    {"math/bits.ReverseBytes32", reverse_bytes<uint32_t>},
    {"math/bits.ReverseBytes64", reverse_bytes<uint64_t>},
    {"math/bits.Len", len<uint64_t>},
    {"math/bits.Len8", len<uint8_t>},
    {"math/bits.Len16", len<uint16_t>},
    {"math/bits.Len32", len<uint32_t>},
    {"math/bits.Len64", len<uint64_t>},
    {"math/bits.Add", add64},
    {"math/bits.Add32", add32},
    {"math/bits.Add64", add64},
    {"math/bits.Sub", sub64},
    {"math/bits.Sub32", sub32},
    {"math/bits.Sub64", sub64},
    {"math/bits.Mul", mul64},
    {"math/bits.Mul32", mul32},
    {"math/bits.Mul64", mul64},
    {"math/bits.Div", div64},
    {"math/bits.Div32", div32},
    {"math/bits.Div64", div64},
    {"math/bits.Rem", rem64},
    {"math/bits.Rem32", rem32},
    {"math/bits.Rem64", rem64},
};

}  // namespace

std::span<const NativeDef> bits_natives() { return kNatives; }

}  // namespace vo::stdlib
