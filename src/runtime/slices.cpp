// Slice allocation and append growth.
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
  cap = static_cast<int64_t>(Heap::rounded_size(static_cast<size_t>(cap) * elem_size) / elem_size);
  HandleScope hs(heap);
  hs.slot() = reinterpret_cast<Slot>(old.ptr);
  auto* p = static_cast<uint8_t*>(alloc_elems(heap, layout, elem_size, cap));
  if (old.len > 0) std::memcpy(p, old.ptr, static_cast<size_t>(old.len) * elem_size);
  return {p, new_len, cap};
}

}  // namespace vo::rt
