#include "runtime/strings.h"

#include <cstring>
#include <limits>

#include "runtime/panic.h"

namespace vo::rt {
namespace {

const ObjLayout kBytesLayout{0, {}, true, nullptr, nullptr, "bytes"};
const ObjLayout kScalarSlotsLayout{1, {SlotKind::Scalar}, true, nullptr, nullptr, "scalars"};
alignas(16) uint8_t g_zero_base[16];

uint32_t clamp_count(int64_t n) {
  return n >= std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max() : static_cast<uint32_t>(n);
}

uint8_t* alloc_bytes(Heap& heap, int64_t n) {
  return static_cast<uint8_t*>(heap.alloc(&kBytesLayout, static_cast<size_t>(n), clamp_count(n)));
}

// Keeps a heap address alive while the caller allocates.
void root(HandleScope& hs, const void* p) { hs.slot() = reinterpret_cast<Slot>(p); }

}  // namespace

const ObjLayout* bytes_layout() { return &kBytesLayout; }
const ObjLayout* scalar_slots_layout() { return &kScalarSlotsLayout; }
uint8_t* zero_base() { return g_zero_base; }

int string_compare(StringRef a, StringRef b) {
  size_t n = static_cast<size_t>(a.len < b.len ? a.len : b.len);
  int c = n ? std::memcmp(a.ptr, b.ptr, n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

StringRef string_concat(Heap& heap, StringRef a, StringRef b) {
  if (a.len == 0) return b;
  if (b.len == 0) return a;
  HandleScope hs(heap);
  root(hs, a.ptr);
  root(hs, b.ptr);
  int64_t n = a.len + b.len;
  uint8_t* p = alloc_bytes(heap, n);
  std::memcpy(p, a.ptr, static_cast<size_t>(a.len));
  std::memcpy(p + a.len, b.ptr, static_cast<size_t>(b.len));
  return {p, n};
}

StringRef string_from_bytes(Heap& heap, const uint8_t* src, int64_t n) {
  if (n <= 0) return {nullptr, 0};
  HandleScope hs(heap);
  root(hs, src);
  uint8_t* p = alloc_bytes(heap, n);
  std::memcpy(p, src, static_cast<size_t>(n));
  return {p, n};
}

StringRef string_from_rune(Heap& heap, int64_t r) {
  uint8_t buf[4];
  int n = encode_rune(r, buf);
  return string_from_bytes(heap, buf, n);
}

StringRef string_from_runes(Heap& heap, const Slot* runes, int64_t n) {
  int64_t len = 0;
  for (int64_t i = 0; i < n; ++i) len += rune_len(static_cast<int64_t>(runes[i]));
  if (len == 0) return {nullptr, 0};
  HandleScope hs(heap);
  root(hs, runes);
  uint8_t* p = alloc_bytes(heap, len);
  uint8_t* out = p;
  for (int64_t i = 0; i < n; ++i) out += encode_rune(static_cast<int64_t>(runes[i]), out);
  return {p, len};
}

SliceRef bytes_from_string(Heap& heap, StringRef s) {
  if (s.len == 0) return {zero_base(), 0, 0};
  HandleScope hs(heap);
  root(hs, s.ptr);
  uint8_t* p = alloc_bytes(heap, s.len);
  std::memcpy(p, s.ptr, static_cast<size_t>(s.len));
  return {p, s.len, s.len};
}

SliceRef runes_from_string(Heap& heap, StringRef s) {
  int64_t n = 0;
  int32_t r;
  for (int64_t i = 0; i < s.len; ++n) i += decode_rune(s.ptr + i, s.len - i, &r);
  if (n == 0) return {zero_base(), 0, 0};
  HandleScope hs(heap);
  root(hs, s.ptr);
  auto* out = static_cast<Slot*>(heap.alloc(&kScalarSlotsLayout, static_cast<size_t>(n) * sizeof(Slot), clamp_count(n)));
  int64_t k = 0;
  for (int64_t i = 0; i < s.len; ++k) {
    i += decode_rune(s.ptr + i, s.len - i, &r);
    out[k] = static_cast<Slot>(static_cast<int64_t>(r));
  }
  return {reinterpret_cast<uint8_t*>(out), n, n};
}

}  // namespace vo::rt
