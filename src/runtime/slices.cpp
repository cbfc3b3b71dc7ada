// Slice allocation and append growth.
#include <algorithm>
#include <array>
#include <limits>

#include "runtime/panic.h"
#include "runtime/strings.h"

namespace vo::rt {
namespace {

uint32_t clamp_count(int64_t n) {
  return n >= std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max() : static_cast<uint32_t>(n);
}

bool too_big(const Heap& heap, int64_t n, uint32_t elem_size) {
  return elem_size != 0 && static_cast<uint64_t>(n) > heap.max_alloc() / elem_size;
}

// n > 0 elements of a non-zero size that is known to fit.
void* alloc_elems(Heap& heap, const ObjLayout* layout, uint32_t elem_size, int64_t n) {
  return heap.alloc(layout, static_cast<size_t>(n) * elem_size, clamp_count(n));
}

// Go's malloc size classes (bytes). append rounds capacities the way Go's
// allocator would, so cap() after append matches Go exactly even though this
// heap's own classes differ (its cells carry an 8-byte header).
constexpr std::array<uint32_t, 67> kGoClassSizes = {
    8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,   160,   176,   192,
    208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,   512,   576,   640,
    704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304,  2688,  3072,  3200,
    3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288,
    13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};
constexpr uint64_t kGoMaxSmall = 32768;
constexpr uint64_t kGoPage = 8192;
constexpr uint64_t kGoMallocHeader = 8;    // Go 1.22+: pointerful objects > 512 bytes
constexpr uint64_t kGoMinForHeader = 512;

// Bytes Go's allocator hands out for a request of `size` bytes.
uint64_t go_roundup_size(uint64_t size, bool noscan) {
  if (size <= kGoMaxSmall - kGoMallocHeader) {
    uint64_t header = !noscan && size > kGoMinForHeader ? kGoMallocHeader : 0;
    uint64_t cls = *std::lower_bound(kGoClassSizes.begin(), kGoClassSizes.end(), size + header);
    return cls - header;
  }
  if (size > std::numeric_limits<uint64_t>::max() - kGoPage) return size;
  return (size + kGoPage - 1) & ~(kGoPage - 1);
}

bool layout_noscan(const ObjLayout* l) {
  return l->noscan || std::all_of(l->kinds.begin(), l->kinds.end(), [](SlotKind k) { return k == SlotKind::Scalar; });
}

}  // namespace

void* alloc_array(Heap& heap, const ObjLayout* layout, uint32_t elem_size, int64_t n) {
  if (n < 0 || too_big(heap, n, elem_size)) throw_panic("runtime error: makeslice: len out of range");
  if (n == 0 || elem_size == 0) return zero_base();
  return alloc_elems(heap, layout, elem_size, n);
}

SliceRef make_slice(Heap& heap, const ObjLayout* layout, uint32_t elem_size, int64_t len, int64_t cap) {
  if (len < 0 || too_big(heap, len, elem_size)) throw_panic("runtime error: makeslice: len out of range");
  if (cap < 0 || too_big(heap, cap, elem_size)) throw_panic("runtime error: makeslice: cap out of range");
  if (len > cap) throw_panic("runtime error: makeslice: len larger than cap");
  return {static_cast<uint8_t*>(alloc_array(heap, layout, elem_size, cap)), len, cap};
}

int64_t next_slice_cap(int64_t old_cap, int64_t new_len) {
  int64_t cap = old_cap;
  int64_t double_cap = cap + cap;
  if (new_len > double_cap) return new_len;
  constexpr int64_t kThreshold = 256;
  if (old_cap < kThreshold) return double_cap;
  // Move smoothly from 2x growth for small slices to 1.25x for large ones.
  // (unsigned arithmetic: an overflow shows up as a non-positive result)
  uint64_t c = static_cast<uint64_t>(cap);
  do {
    c += (c + 3 * kThreshold) >> 2;
  } while (c < static_cast<uint64_t>(new_len));
  return static_cast<int64_t>(c) <= 0 ? new_len : static_cast<int64_t>(c);
}

SliceRef grow_slice(Heap& heap, const ObjLayout* layout, uint32_t elem_size, SliceRef old, int64_t new_len) {
  if (new_len < 0 || too_big(heap, new_len, elem_size)) throw_panic("runtime error: growslice: len out of range");
  if (elem_size == 0) return {zero_base(), new_len, new_len};
  int64_t cap = next_slice_cap(old.cap, new_len);
  if (too_big(heap, cap, elem_size)) cap = new_len;
  cap = static_cast<int64_t>(go_roundup_size(static_cast<uint64_t>(cap) * elem_size, layout_noscan(layout)) / elem_size);
  HandleScope hs(heap);
  hs.slot() = reinterpret_cast<Slot>(old.ptr);
  auto* p = static_cast<uint8_t*>(alloc_elems(heap, layout, elem_size, cap));
  if (old.len > 0) std::memcpy(p, old.ptr, static_cast<size_t>(old.len) * elem_size);
  return {p, new_len, cap};
}

}  // namespace vo::rt
