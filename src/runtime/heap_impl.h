// Private parts of the heap shared by heap.cpp (allocation) and gc.cpp
// (marking and sweeping). Not for use outside src/runtime/heap*.cpp, gc.cpp.
#pragma once
#include <array>
#include <deque>
#include <vector>

#include "runtime/heap.h"
#include "runtime/page_heap.h"

namespace vo::rt {

inline constexpr uint8_t kLargeClass = 0xff;

// A run of pages holding either cells of one size class or one large object.
// Mark bits live here, one per cell, so sweeping reads a compact bitmap and
// clearing them is a memset.
struct Span {
  uint8_t* start = nullptr;
  size_t npages = 0;
  size_t cell_size = 0;      // large spans: npages * kHeapPageSize
  uint64_t div_magic = 0;    // floor(2^64 / cell_size) + 1: offset / cell_size without a divide
  uint32_t ncells = 0;
  uint32_t bump_index = 0;   // cells [0, bump_index) have been handed out at least once
  uint8_t cls = kLargeClass;
  bool has_finalizers = false;  // some cell may hold an object whose layout finalizes
  uint8_t* free_list = nullptr; // free cells (header address) linked through the first payload word
  std::vector<uint64_t> marks;

  bool large() const { return cls == kLargeClass; }
  // Index of the cell holding byte `off` of the span. Exact: the reciprocal's
  // error times off (< 2^32) is far below 1/cell_size.
  size_t cell_index(size_t off) const {
    return static_cast<size_t>((static_cast<unsigned __int128>(off) * div_magic) >> 64);
  }
  uint8_t* cell(size_t i) const { return start + i * cell_size; }
  bool marked(size_t i) const { return marks[i >> 6] >> (i & 63) & 1; }
};

inline ObjHeader read_header(const uint8_t* cell) {
  ObjHeader h;
  std::memcpy(&h, cell, sizeof h);
  return h;
}
inline void write_header(uint8_t* cell, ObjHeader h) { std::memcpy(cell, &h, sizeof h); }

struct Heap::Impl {
  explicit Impl(Heap& h);
  ~Impl();

  Heap& heap;
  PageHeap pages;
  Span** page_map = nullptr;  // one entry per reserved page; nullptr = not in a span
  std::vector<Span*> spans;
  std::array<Span*, kNumSizeClasses> cache_span{};
  std::array<std::vector<Span*>, kNumSizeClasses> partial{};  // spans with free cells
  // Collection state.
  bool collecting = false;
  struct Gray {
    uint8_t* obj;            // payload
    const ObjLayout* layout;
    size_t max_slots;        // payload capacity in slots
  };
  std::vector<Gray> mark_stack;  // marked objects still to scan
  size_t marked_bytes = 0;
  size_t marked_objects = 0;

  // Allocation (heap.cpp).
  Span* span_at(uintptr_t addr) const;
  Span* new_span(uint8_t cls, size_t npages);
  void release_span(Span* s);
  void refill(uint32_t cls);
  void flush_caches();
  uint8_t* alloc_large(size_t bytes);
  void finalize_all(Span* s);

  // Collection (gc.cpp).
  struct GcMarker;
  void mark_ptr(const void* p);
  void scan_slots(const Slot* slots, const SlotKind* kinds, size_t n);
  void drain(Marker& m);
  void sweep();
  bool sweep_small(Span* s);
};

}  // namespace vo::rt
