// Page-level memory for one Heap: a single large MAP_NORESERVE reservation
// (so "is this address in the heap" is a range check and page indexes are
// plain offsets) handed out in runs of 8 KB pages. Physical memory is only
// committed when touched; large free runs are given back with MADV_DONTNEED.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "runtime/size_classes.h"

namespace vo::rt {

class PageHeap {
 public:
  PageHeap();
  ~PageHeap();
  PageHeap(const PageHeap&) = delete;
  PageHeap& operator=(const PageHeap&) = delete;

  struct Run {
    uint8_t* start;
    bool zeroed;  // every byte of the run is known to be zero
  };
  // A run of n pages; aborts when the reservation is exhausted.
  Run alloc(size_t npages);
  void free(uint8_t* start, size_t npages);
  // Returns dirty free pages to the OS (highest addresses first) until at
  // most `retain_bytes` of them are left: the next GC cycle will reuse that
  // much, and faulting pages back in costs far more than clearing them.
  void scavenge(size_t retain_bytes);

  uint8_t* base() const { return base_; }
  size_t reserved_bytes() const { return reserved_pages_ << kHeapPageShift; }
  size_t used_bytes() const { return high_water_ << kHeapPageShift; }  // ever handed out
  size_t page_index(const void* p) const {
    return static_cast<size_t>(static_cast<const uint8_t*>(p) - base_) >> kHeapPageShift;
  }
  uint8_t* page_addr(size_t index) const { return base_ + (index << kHeapPageShift); }

 private:
  struct FreeRun {
    size_t npages;
    bool zeroed;
  };
  uint8_t* base_ = nullptr;
  size_t reserved_pages_ = 0;
  size_t high_water_ = 0;                           // pages [0, high_water_) were handed out
  std::map<size_t, FreeRun> runs_;                  // start page -> run (coalesced)
  std::set<std::pair<size_t, size_t>> by_size_;     // (npages, start) for best fit

  void insert_run(size_t start, FreeRun r);
  void erase_run(std::map<size_t, FreeRun>::iterator it);
};

}  // namespace vo::rt
