#include "runtime/page_heap.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace vo::rt {
namespace {

// Each island has its own heap, so the reservation must leave room for many;
// 256 GB each still allows hundreds in a 47-bit address space. Smaller sizes
// are tried when the system refuses (strict overcommit, ulimit -v).
constexpr size_t kReserveBytes = size_t{256} << 30;
constexpr size_t kMinReserveBytes = size_t{256} << 20;

[[noreturn]] void fatal(const char* what) {
  std::fprintf(stderr, "vo: fatal: %s\n", what);
  std::abort();
}

}  // namespace

PageHeap::PageHeap() {
  for (size_t bytes = kReserveBytes; bytes >= kMinReserveBytes; bytes /= 2) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) {
      base_ = static_cast<uint8_t*>(p);
      reserved_pages_ = bytes >> kHeapPageShift;
      return;
    }
  }
  fatal("cannot reserve address space for the heap");
}

PageHeap::~PageHeap() { munmap(base_, reserved_bytes()); }

void PageHeap::insert_run(size_t start, FreeRun r) {
  runs_.emplace(start, r);
  by_size_.emplace(r.npages, start);
}

void PageHeap::erase_run(std::map<size_t, FreeRun>::iterator it) {
  by_size_.erase({it->second.npages, it->first});
  runs_.erase(it);
}

PageHeap::Run PageHeap::alloc(size_t npages) {
  auto best = by_size_.lower_bound({npages, 0});
  if (best != by_size_.end()) {
    size_t start = best->second;
    auto it = runs_.find(start);
    FreeRun r = it->second;
    erase_run(it);
    if (r.npages > npages) insert_run(start + npages, {r.npages - npages, r.zeroed});
    return {page_addr(start), r.zeroed};
  }
  if (npages > reserved_pages_ - high_water_) fatal("out of memory (heap reservation exhausted)");
  size_t start = high_water_;
  high_water_ += npages;
  return {page_addr(start), true};  // fresh anonymous pages are zero
}

void PageHeap::free(uint8_t* p, size_t npages) {
  size_t start = page_index(p);
  FreeRun r{npages, false};
  auto next = runs_.find(start + npages);
  if (next != runs_.end()) {
    r.npages += next->second.npages;
    r.zeroed = false;
    erase_run(next);
  }
  auto prev = runs_.lower_bound(start);
  if (prev != runs_.begin()) {
    --prev;
    if (prev->first + prev->second.npages == start) {
      start = prev->first;
      r.npages += prev->second.npages;
      erase_run(prev);
    }
  }
  insert_run(start, r);
}

void PageHeap::scavenge(size_t retain_bytes) {
  size_t dirty = 0;
  for (const auto& [start, r] : runs_)
    if (!r.zeroed) dirty += r.npages << kHeapPageShift;
  for (auto it = runs_.rbegin(); it != runs_.rend() && dirty > retain_bytes; ++it) {
    FreeRun& r = it->second;
    if (r.zeroed) continue;
    madvise(page_addr(it->first), r.npages << kHeapPageShift, MADV_DONTNEED);
    r.zeroed = true;
    dirty -= r.npages << kHeapPageShift;
  }
}

}  // namespace vo::rt
