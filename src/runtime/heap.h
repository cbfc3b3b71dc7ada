// The garbage-collected heap: a span/size-class allocator with precise,
// non-moving, stop-the-world mark-sweep (../shared/DESIGN.md section 3).
//
// Every object has an 8-byte header just before its payload. The header names
// the object's ObjLayout (how to scan it) and an element count. References
// may point anywhere inside an object (slice data, &a[i], string bytes); a
// page map resolves an interior address to its object. Addresses outside the
// heap (static strings, nullptr) are ignored by the GC.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "runtime/size_classes.h"
#include "runtime/value.h"

namespace vo::rt {

class Heap;

// Callback interface the GC uses to find references.
class Marker {
 public:
  virtual ~Marker() = default;
  // Marks the object containing `p` (if p points into the heap) and queues it.
  virtual void mark(const void* p) = 0;
  // Scans `n` slots described by `kinds` (IfaceType/IfaceData pairs included).
  virtual void scan_slots(const Slot* slots, const SlotKind* kinds, size_t n) = 0;
};

// How to scan one heap object. An object is `count` consecutive elements of
// `elem_slots` slots each, described by `kinds`; or noscan (raw bytes); or
// custom (a C++-backed object such as a map's table, scanned by `trace` and
// released by `finalize` when it dies). A count of UINT32_MAX means "as many
// elements as fit in the object" (for arrays of 2^32 or more elements; the
// unused tail of an object is always zero).
struct ObjLayout {
  uint32_t elem_slots = 0;
  std::vector<SlotKind> kinds;  // size elem_slots
  bool noscan = false;          // no references at all
  void (*trace)(void* obj, Marker& m) = nullptr;
  void (*finalize)(void* obj) = nullptr;  // must not allocate on the heap
  const char* name = "";
  // The type of one element, when the compiler made the layout (boxes and
  // arrays): islands deep-copy objects by it. nullptr for runtime layouts.
  const RType* type = nullptr;
  // Process-wide id stored in object headers; assigned by the heap on first
  // use (see Heap::layout_id). A layout must not change once it is used.
  // reg_self == this tells that reg_id belongs to this very object (a copy
  // of a registered layout carries its original's id and gets its own).
  mutable uint32_t reg_id = 0;
  mutable const ObjLayout* reg_self = nullptr;
};

// The 8 bytes before every payload. layout_id 0 marks a free cell.
struct ObjHeader {
  uint32_t layout_id;
  uint32_t count;
};

// Per-size-class allocation state, exposed so the fast path can be inlined
// (by C++ callers now, by compiled code later). Cells are addressed by their
// header; `free` cells link through their first payload word and hold stale
// bytes; cells in [bump, bump_end) are known to be zero.
struct AllocCache {
  uint8_t* free = nullptr;
  uint8_t* bump = nullptr;
  uint8_t* bump_end = nullptr;
  size_t cell_size = 0;
};

// The roots of HandleScopes: C++ code's references to heap objects. Each
// goroutine has its own (a native may call back into Vo code that switches
// goroutines while its scope is open); deques keep references stable.
struct HandleStack {
  std::deque<Slot> slots;
  std::deque<SlotKind> kinds;
};

// Roots are reported by whoever owns them (the VM: fiber stacks, globals,
// constants; C++ runtime code: handle scopes) through this callback.
using RootScanner = std::function<void(Marker&)>;

struct HeapStats {
  size_t bytes_live = 0;       // after the last collection
  size_t bytes_allocated = 0;  // since the last collection
  size_t collections = 0;
  size_t objects_live = 0;
};

class Heap {
 public:
  Heap();
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // Allocates a zeroed object of `bytes` payload bytes described by `layout`
  // (which must outlive the heap), with `count` elements (for arrays). May
  // collect first (always, in stress mode). Never returns nullptr; aborts
  // with a clear message when memory is exhausted.
  void* alloc(const ObjLayout* layout, size_t bytes, uint32_t count = 1);

  // Layout and element count of the object whose payload starts at `obj`.
  static const ObjLayout* layout_of(const void* obj);
  static uint32_t count_of(const void* obj);
  // Base (payload start) of the object containing p, or nullptr if p is not
  // inside a live heap object. A pointer just past an object's end counts as
  // inside it (s[len(s):] of a full array); the GC resolves references the
  // same way.
  void* find_object(const void* p) const;
  // Usable payload size of the object starting at obj (>= requested bytes).
  size_t object_size(const void* obj) const;

  // True if p lies in the part of the heap's address range in use (a range
  // check; p may be in a free cell).
  bool contains(const void* p) const {
    return reinterpret_cast<uintptr_t>(p) - region_base_ < region_used_;
  }
  // Largest payload a single allocation can have.
  size_t max_alloc() const;
  // Usable payload size an allocation of `bytes` gets (its cell rounded up to
  // the size class, or to whole pages for large objects).
  static size_t rounded_size(size_t bytes);

  // Id of `layout` in the process-wide layout registry (registers it on first
  // use; thread-safe). Compiled code may cache it.
  static inline uint32_t layout_id(const ObjLayout* layout);
  // Allocation fast path: a zeroed small object of size class `cls`, or
  // nullptr when the slow path must run (cache empty, GC due, stress mode).
  // Layouts with a finalizer must go through alloc().
  inline void* alloc_small_fast(uint32_t cls, uint32_t layout_id, uint32_t count);

  void add_root_scanner(RootScanner s);
  void collect();  // full stop-the-world collection now (a no-op while paused)

  // The handle stack HandleScopes use from now on: `owner` holds it (made
  // on first use) for the running goroutine; nullptr selects the heap's own.
  // The owner scans its stack for the GC (HandleScope::scan).
  void set_handle_stack(std::unique_ptr<HandleStack>* owner) { handle_owner_ = owner; }
  HandleStack& handle_stack();

  void set_stress(bool on) { stress_ = on; }  // collect at every allocation
  bool stress() const { return stress_; }
  // GC is disabled while > 0 (e.g. while the VM is in a state that is not a safepoint).
  void pause() { ++paused_; }
  void resume() { --paused_; }
  const HeapStats& stats() const { return stats_; }

 private:
  friend class HandleScope;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  AllocCache caches_[kNumSizeClasses];
  uintptr_t region_base_ = 0;
  size_t region_used_ = 0;   // bytes of the region handed out so far
  size_t gc_trigger_ = 0;    // collect once stats_.bytes_allocated exceeds this
  std::vector<RootScanner> roots_;
  std::unique_ptr<HandleStack> own_handles_;
  std::unique_ptr<HandleStack>* handle_owner_ = nullptr;
  bool stress_ = false;
  int paused_ = 0;
  HeapStats stats_;
  void maybe_collect(size_t bytes);
  void* alloc_slow(const ObjLayout* layout, uint32_t id, size_t bytes, uint32_t count);
  static uint8_t* take_cell(AllocCache& c);
  static uint32_t register_layout(const ObjLayout* layout);
};

inline uint32_t Heap::layout_id(const ObjLayout* layout) {
  if (std::atomic_ref<const ObjLayout*>(layout->reg_self).load(std::memory_order_acquire) == layout)
    return layout->reg_id;
  return register_layout(layout);
}

// Pops a cell from the cache and zeroes its payload; nullptr if empty.
inline uint8_t* Heap::take_cell(AllocCache& c) {
  uint8_t* cell = c.free;
  if (cell) {
    std::memcpy(&c.free, cell + kObjHeaderSize, sizeof c.free);
    std::memset(cell + kObjHeaderSize, 0, c.cell_size - kObjHeaderSize);
    return cell;
  }
  if (c.bump != c.bump_end) {
    cell = c.bump;
    c.bump += c.cell_size;
  }
  return cell;
}

inline void* Heap::alloc_small_fast(uint32_t cls, uint32_t layout_id, uint32_t count) {
  AllocCache& c = caches_[cls];
  if (stress_ || stats_.bytes_allocated + c.cell_size > gc_trigger_) return nullptr;
  uint8_t* cell = take_cell(c);
  if (!cell) return nullptr;
  ObjHeader h{layout_id, count};
  std::memcpy(cell, &h, sizeof h);
  stats_.bytes_allocated += c.cell_size;
  return cell + kObjHeaderSize;
}

// Registers C++-held references as roots while runtime code may allocate
// (scopes nest LIFO and must end before their heap is destroyed):
//   HandleScope hs(heap); Slot& s = hs.slot(); s = (Slot)ptr; ... alloc ...
class HandleScope {
 public:
  explicit HandleScope(Heap& h);
  ~HandleScope();
  // A root slot of the given kind, valid until the scope ends.
  Slot& slot(SlotKind kind = SlotKind::Ref);
  // Marks what a handle stack refers to.
  static void scan(const HandleStack& st, Marker& m);

 private:
  HandleStack& stack_;
  size_t mark_;
};

}  // namespace vo::rt
