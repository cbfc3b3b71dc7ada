// Heap allocation: size-class spans with a per-class cache (free list, then
// bump region) and large objects on their own page runs. Collection lives in
// gc.cpp.
#include <sys/mman.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/heap_impl.h"

namespace vo::rt {
namespace {

constexpr size_t kMinGcTrigger = size_t{4} << 20;  // 4 MB

[[noreturn]] void fatal(const char* what, size_t n = 0) {
  std::fprintf(stderr, "vo: fatal: %s", what);
  if (n) std::fprintf(stderr, " (%zu bytes)", n);
  std::fputc('\n', stderr);
  std::abort();
}

size_t large_pages(size_t bytes) {
  return (bytes + kObjHeaderSize + kHeapPageSize - 1) >> kHeapPageShift;
}

}  // namespace

Heap::Impl::Impl(Heap& h) : heap(h) {
  size_t n = pages.reserved_bytes() >> kHeapPageShift;
  void* p = mmap(nullptr, n * sizeof(Span*), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) fatal("cannot reserve the heap page map");
  page_map = static_cast<Span**>(p);
}

Heap::Impl::~Impl() {
  flush_caches();  // finalize_all needs each span's true bump_index
  for (Span* s : spans) {
    finalize_all(s);
    delete s;
  }
  munmap(page_map, (pages.reserved_bytes() >> kHeapPageShift) * sizeof(Span*));
}

Span* Heap::Impl::span_at(uintptr_t addr) const {
  uintptr_t off = addr - heap.region_base_;
  if (off >= heap.region_used_) return nullptr;
  return page_map[off >> kHeapPageShift];
}

Span* Heap::Impl::new_span(uint8_t cls, size_t npages) {
  PageHeap::Run run = pages.alloc(npages);
  heap.region_used_ = pages.used_bytes();
  auto* s = new Span;
  s->start = run.start;
  s->npages = npages;
  s->cls = cls;
  if (cls == kLargeClass) {
    s->cell_size = npages << kHeapPageShift;
    s->ncells = 1;
  } else {
    // Bump cells must be zero; reused pages are cleared once here.
    if (!run.zeroed) std::memset(run.start, 0, npages << kHeapPageShift);
    s->cell_size = kSizeClasses.cell[cls];
    s->ncells = static_cast<uint32_t>((npages << kHeapPageShift) / s->cell_size);
    s->div_magic = ~uint64_t{0} / s->cell_size + 1;
  }
  s->marks.assign((s->ncells + 63) / 64, 0);
  size_t first = pages.page_index(run.start);
  for (size_t i = 0; i < npages; ++i) page_map[first + i] = s;
  spans.push_back(s);
  if (cls == kLargeClass && !run.zeroed) std::memset(run.start, 0, s->cell_size);
  return s;
}

// Unmaps the span's pages from the page map and frees them; the caller
// removes it from `spans`.
void Heap::Impl::release_span(Span* s) {
  size_t first = pages.page_index(s->start);
  std::fill(page_map + first, page_map + first + s->npages, nullptr);
  pages.free(s->start, s->npages);
  delete s;
}

// Called when the cache of `cls` is empty: retires its span (now full) and
// loads the next span with free cells, or a new one.
void Heap::Impl::refill(uint32_t cls) {
  AllocCache& c = heap.caches_[cls];
  if (Span* old = cache_span[cls]) {
    old->bump_index = static_cast<uint32_t>((c.bump - old->start) / c.cell_size);
    old->free_list = nullptr;
  }
  Span* s = nullptr;
  while (!partial[cls].empty() && !s) {
    Span* p = partial[cls].back();
    partial[cls].pop_back();
    if (p->free_list || p->bump_index < p->ncells) s = p;
  }
  if (!s) s = new_span(static_cast<uint8_t>(cls), kSizeClasses.pages[cls]);
  cache_span[cls] = s;
  c.free = s->free_list;
  s->free_list = nullptr;
  c.bump = s->cell(s->bump_index);
  c.bump_end = s->cell(s->ncells);
}

// Writes the caches' positions back to their spans before a collection
// (sweep rebuilds the free lists from headers and mark bits).
void Heap::Impl::flush_caches() {
  for (uint32_t cls = 0; cls < kNumSizeClasses; ++cls) {
    AllocCache& c = heap.caches_[cls];
    if (Span* s = cache_span[cls]) {
      s->bump_index = static_cast<uint32_t>((c.bump - s->start) / c.cell_size);
      s->free_list = nullptr;
      cache_span[cls] = nullptr;
    }
    c.free = c.bump = c.bump_end = nullptr;
  }
}

uint8_t* Heap::Impl::alloc_large(size_t bytes) {
  Span* s = new_span(kLargeClass, large_pages(bytes));
  s->bump_index = 1;
  return s->start;
}

void Heap::Impl::finalize_all(Span* s) {
  if (!s->has_finalizers) return;
  for (uint32_t i = 0; i < s->bump_index; ++i) {
    ObjHeader h = read_header(s->cell(i));
    if (h.layout_id == 0) continue;
    const ObjLayout* l = Heap::layout_of(s->cell(i) + kObjHeaderSize);
    if (l && l->finalize) l->finalize(s->cell(i) + kObjHeaderSize);
  }
}

Heap::Heap() : impl_(std::make_unique<Impl>(*this)) {
  region_base_ = reinterpret_cast<uintptr_t>(impl_->pages.base());
  for (uint32_t cls = 0; cls < kNumSizeClasses; ++cls) caches_[cls].cell_size = kSizeClasses.cell[cls];
  gc_trigger_ = kMinGcTrigger;
  const char* env = std::getenv("VO_GC_STRESS");
  if (env && std::strcmp(env, "1") == 0) stress_ = true;
}

// Impl's destructor reads caches_ (flush before finalizing): destroy it
// first, while every other member is alive.
Heap::~Heap() { impl_.reset(); }

void* Heap::alloc(const ObjLayout* layout, size_t bytes, uint32_t count) {
  uint32_t id = layout_id(layout);
  if (bytes <= kMaxSmallPayload && !layout->finalize) {
    if (void* p = alloc_small_fast(size_class_for(bytes), id, count)) return p;
  }
  return alloc_slow(layout, id, bytes, count);
}

void* Heap::alloc_slow(const ObjLayout* layout, uint32_t id, size_t bytes, uint32_t count) {
  if (impl_->collecting) fatal("heap allocation during garbage collection");
  if (bytes > max_alloc()) fatal("out of memory: allocation too large", bytes);
  bool small = bytes <= kMaxSmallPayload;
  uint32_t cls = small ? size_class_for(bytes) : 0;
  size_t cell_bytes = small ? kSizeClasses.cell[cls] : large_pages(bytes) << kHeapPageShift;
  maybe_collect(cell_bytes);
  uint8_t* cell;
  if (small) {
    cell = take_cell(caches_[cls]);
    if (!cell) {
      impl_->refill(cls);
      cell = take_cell(caches_[cls]);
    }
    if (layout->finalize) impl_->cache_span[cls]->has_finalizers = true;
  } else {
    cell = impl_->alloc_large(bytes);
    if (layout->finalize) impl_->span_at(reinterpret_cast<uintptr_t>(cell))->has_finalizers = true;
  }
  write_header(cell, ObjHeader{id, count});
  stats_.bytes_allocated += cell_bytes;
  return cell + kObjHeaderSize;
}

void Heap::maybe_collect(size_t bytes) {
  if (paused_ > 0 || impl_->collecting) return;
  if (stress_ || stats_.bytes_allocated + bytes > gc_trigger_) collect();
}

size_t Heap::max_alloc() const { return impl_->pages.reserved_bytes() / 2; }

size_t Heap::rounded_size(size_t bytes) {
  if (bytes <= kMaxSmallPayload) return kSizeClasses.cell[size_class_for(bytes)] - kObjHeaderSize;
  return (large_pages(bytes) << kHeapPageShift) - kObjHeaderSize;
}

// Interior pointers, including one just past the end of an object (a slice
// s[len(s):] of a full array), belong to the cell holding the byte before
// them: a payload never starts at its cell's first byte, so p - 1 is always
// inside the object p refers to.
void* Heap::find_object(const void* p) const {
  uintptr_t q = reinterpret_cast<uintptr_t>(p) - 1;
  Span* s = impl_->span_at(q);
  if (!s) return nullptr;
  size_t i = s->large() ? 0 : s->cell_index(q - reinterpret_cast<uintptr_t>(s->start));
  if (i >= s->ncells) return nullptr;
  uint8_t* cell = s->cell(i);
  if (read_header(cell).layout_id == 0) return nullptr;
  return cell + kObjHeaderSize;
}

size_t Heap::object_size(const void* obj) const {
  Span* s = impl_->span_at(reinterpret_cast<uintptr_t>(obj));
  return s ? s->cell_size - kObjHeaderSize : 0;
}

void Heap::add_root_scanner(RootScanner s) { roots_.push_back(std::move(s)); }

}  // namespace vo::rt
