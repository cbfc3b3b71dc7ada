// String, rune and slice helpers. Everything they allocate comes from the
// Heap; inputs that point into the heap are kept rooted (HandleScope) while
// these functions allocate, so callers need not root them separately.
#pragma once
#include <cstdint>
#include <string_view>

#include "runtime/heap.h"
#include "runtime/value.h"

namespace vo::rt {

// ---- layouts ----------------------------------------------------------------
// Raw bytes: string data and backing arrays of 1-byte elements.
const ObjLayout* bytes_layout();
// Arrays of scalar slots with no references (e.g. []rune, []int backing).
const ObjLayout* scalar_slots_layout();
// A non-nil address for zero-sized allocations ([]byte(""), make([]T, 0)).
// It is outside the heap and must never be written.
uint8_t* zero_base();

// ---- UTF-8 ------------------------------------------------------------------
inline constexpr int32_t kRuneError = 0xFFFD;
// Decodes one rune from p[0..n). Go's rules: an invalid or truncated
// encoding, an overlong form or a surrogate yields (U+FFFD, 1); n == 0 yields
// (U+FFFD, 0). Returns the width.
int decode_rune(const uint8_t* p, int64_t n, int32_t* rune);
// Bytes encode_rune writes for r (invalid runes count as U+FFFD: 3).
int rune_len(int64_t r);
// Writes r's UTF-8 (U+FFFD for negatives, surrogates, > 0x10FFFF) to out,
// which needs room for 4 bytes. Returns the width.
int encode_rune(int64_t r, uint8_t* out);

// ---- strings ----------------------------------------------------------------
// Bytewise ordering: <0, 0 or >0.
int string_compare(StringRef a, StringRef b);
StringRef string_concat(Heap& heap, StringRef a, StringRef b);
StringRef string_from_bytes(Heap& heap, const uint8_t* p, int64_t n);
inline StringRef string_from(Heap& heap, std::string_view s) {
  return string_from_bytes(heap, reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size()));
}
StringRef string_from_rune(Heap& heap, int64_t r);
// runes: n slots, one sign-extended rune each.
StringRef string_from_runes(Heap& heap, const Slot* runes, int64_t n);
// []byte(s): a fresh copy with cap == len, non-nil even when empty.
SliceRef bytes_from_string(Heap& heap, StringRef s);
// []rune(s): one 8-byte slot per rune (elem_size 8), cap == len, non-nil.
SliceRef runes_from_string(Heap& heap, StringRef s);

// ---- slices -----------------------------------------------------------------
// Element layout convention: for element type T with elem_size 1 the backing
// array uses bytes_layout(); otherwise an ObjLayout{elem_slots = T.slots,
// kinds = T.layout}, allocated with count = number of elements.

// Zeroed backing array of n elements. Throws "makeslice: len out of range"
// for n < 0 or a size the heap cannot hold; zero-sized arrays are zero_base().
void* alloc_array(Heap& heap, const ObjLayout* layout, uint32_t elem_size, int64_t n);
// make([]T, len, cap) with Go's checks and Vo's texts ("makeslice: len out of
// range", "cap out of range", "len larger than cap").
SliceRef make_slice(Heap& heap, const ObjLayout* layout, uint32_t elem_size, int64_t len, int64_t cap);
// Capacity Go 1.20+ picks when appending to reach new_len (before rounding
// up to the allocator's size class).
int64_t next_slice_cap(int64_t old_cap, int64_t new_len);
// append's growth: a new backing array with room for new_len elements,
// holding old's elements. The capacity is next_slice_cap rounded up the way
// Go's allocator rounds (Go's size classes and page rounding, including Go
// 1.22's malloc header for pointerful objects), so cap() matches Go.
// Returns {ptr, new_len, cap}; elements past old.len are zero.
SliceRef grow_slice(Heap& heap, const ObjLayout* layout, uint32_t elem_size, SliceRef old, int64_t new_len);

}  // namespace vo::rt
