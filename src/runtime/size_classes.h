// Size classes of the small-object allocator. A "cell" is an object's 8-byte
// header plus its payload; small cells (<= kMaxSmallCell bytes) are carved out
// of spans of one size class, larger ones get a page run of their own.
//
// Classes are spaced 16 bytes apart up to 256 and then by an eighth of the
// enclosing power of two, so rounding a request up wastes at most ~12.5%.
// The table is computed at compile time so that the allocation fast path
// (and compiled code inlining it) can map a size to its class with one load.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace vo::rt {

inline constexpr size_t kHeapPageShift = 13;
inline constexpr size_t kHeapPageSize = size_t{1} << kHeapPageShift;  // 8 KB
inline constexpr size_t kObjHeaderSize = 8;
inline constexpr size_t kMaxSmallCell = 32768;
inline constexpr size_t kMaxSmallPayload = kMaxSmallCell - kObjHeaderSize;
inline constexpr uint32_t kNumSizeClasses = 72;

struct SizeClassTable {
  std::array<uint32_t, kNumSizeClasses> cell{};   // cell bytes (header included)
  std::array<uint8_t, kNumSizeClasses> pages{};   // pages per span
  std::array<uint8_t, kMaxSmallCell / 16 + 1> by_cell16{};  // (cell+15)/16 -> class
};

namespace detail {

constexpr uint32_t class_step(uint32_t size) {
  if (size < 256) return 16;
  uint32_t pow2 = 256;
  while (pow2 * 2 <= size) pow2 *= 2;
  return pow2 / 8;
}

// Fewest pages holding at least 4 cells (1 for the largest classes), then
// more pages (up to 4x) while that cuts the tail waste below 1/8.
constexpr uint8_t pages_for(uint32_t cell) {
  size_t pages = 1;
  while (pages * kHeapPageSize < 4 * size_t{cell} && pages < 16) ++pages;
  for (size_t p = pages; p <= pages * 4 && p <= 32; ++p) {
    size_t bytes = p * kHeapPageSize;
    if ((bytes % cell) * 8 <= bytes) return static_cast<uint8_t>(p);
  }
  return static_cast<uint8_t>(pages);
}

constexpr SizeClassTable make_size_classes() {
  SizeClassTable t;
  uint32_t size = 16;
  for (uint32_t c = 0; c < kNumSizeClasses; ++c) {
    t.cell[c] = size;
    t.pages[c] = pages_for(size);
    size += class_step(size);
  }
  uint32_t c = 0;
  for (size_t i = 0; i < t.by_cell16.size(); ++i) {
    while (t.cell[c] < i * 16) ++c;
    t.by_cell16[i] = static_cast<uint8_t>(c);
  }
  return t;
}

}  // namespace detail

inline constexpr SizeClassTable kSizeClasses = detail::make_size_classes();
static_assert(kSizeClasses.cell[kNumSizeClasses - 1] == kMaxSmallCell,
              "size classes must end exactly at kMaxSmallCell");

// Size class for a payload of `bytes` (must be <= kMaxSmallPayload).
inline uint32_t size_class_for(size_t bytes) {
  return kSizeClasses.by_cell16[(bytes + kObjHeaderSize + 15) >> 4];
}

}  // namespace vo::rt
