// Stop-the-world mark-sweep. Marking uses an explicit stack (deep lists must
// not recurse on the C stack); sweeping rebuilds each span's free list from
// its mark bitmap and gives wholly dead spans back to the page heap.
#include <algorithm>

#include "runtime/heap_impl.h"

namespace vo::rt {
namespace {

bool needs_scan(const ObjLayout* l) { return l->trace || (!l->noscan && l->elem_slots > 0); }

}  // namespace

struct Heap::Impl::GcMarker final : Marker {
  explicit GcMarker(Impl& h) : h_(h) {}
  void mark(const void* p) override { h_.mark_ptr(p); }
  void scan_slots(const Slot* slots, const SlotKind* kinds, size_t n) override {
    h_.scan_slots(slots, kinds, n);
  }
  Impl& h_;
};

// See Heap::find_object for why p - 1 locates the cell.
void Heap::Impl::mark_ptr(const void* p) {
  uintptr_t q = reinterpret_cast<uintptr_t>(p) - 1;
  Span* s = span_at(q);
  if (!s) return;
  size_t i = s->large() ? 0 : s->cell_index(q - reinterpret_cast<uintptr_t>(s->start));
  if (i >= s->ncells) return;
  uint64_t& word = s->marks[i >> 6];
  uint64_t bit = uint64_t{1} << (i & 63);
  if (word & bit) return;
  uint8_t* cell = s->cell(i);
  ObjHeader h = read_header(cell);
  if (h.layout_id == 0) return;  // free cell: a stale reference
  word |= bit;
  marked_bytes += s->cell_size;
  ++marked_objects;
  const ObjLayout* l = Heap::layout_of(cell + kObjHeaderSize);
  if (needs_scan(l)) mark_stack.push_back({cell + kObjHeaderSize, l, (s->cell_size - kObjHeaderSize) / sizeof(Slot)});
}

void Heap::Impl::scan_slots(const Slot* slots, const SlotKind* kinds, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    switch (kinds[i]) {
      case SlotKind::Scalar:
        break;
      case SlotKind::Ref:
        if (slots[i]) mark_ptr(reinterpret_cast<const void*>(slots[i]));
        break;
      case SlotKind::IfaceType: {
        if (i + 1 >= n) break;
        const RType* t = dynamic_type(reinterpret_cast<const void*>(slots[i]));
        if (t && t->data_is_ref && slots[i + 1]) mark_ptr(reinterpret_cast<const void*>(slots[i + 1]));
        ++i;  // the data slot is handled
        break;
      }
      case SlotKind::IfaceData:
        break;  // only meaningful after its type word
    }
  }
}

void Heap::Impl::drain(Marker& m) {
  while (!mark_stack.empty()) {
    Gray g = mark_stack.back();
    mark_stack.pop_back();
    const ObjLayout* l = g.layout;
    if (l->trace) {
      l->trace(g.obj, m);
      continue;
    }
    // Never read past the cell or the kinds, even if a caller passed a count
    // too large or a layout is malformed.
    size_t count = Heap::count_of(g.obj);
    if (count == UINT32_MAX) count = SIZE_MAX;  // "as many as fit": arrays of >= 2^32 elements
    count = std::min(count, g.max_slots / l->elem_slots);
    size_t described = std::min<size_t>(l->elem_slots, l->kinds.size());
    const Slot* slots = reinterpret_cast<const Slot*>(g.obj);
    const SlotKind* kinds = l->kinds.data();
    if (l->elem_slots == 1) {  // arrays of references: the common wide case
      if (described == 1 && kinds[0] == SlotKind::Ref)
        for (size_t e = 0; e < count; ++e)
          if (slots[e]) mark_ptr(reinterpret_cast<const void*>(slots[e]));
      continue;
    }
    for (size_t e = 0; e < count; ++e) scan_slots(slots + e * l->elem_slots, kinds, described);
  }
}

// Rebuilds the free list of a span with live cells (ascending addresses, for
// locality) and finalizes dead objects. Returns true if it has a free cell.
bool Heap::Impl::sweep_small(Span* s) {
  uint8_t* head = nullptr;
  uint8_t** tail = &head;
  bool finalizers = false;
  for (uint32_t i = 0; i < s->bump_index; ++i) {
    if ((i & 63) == 0 && s->marks[i >> 6] == ~uint64_t{0} && !s->has_finalizers && i + 64 <= s->bump_index) {
      i += 63;  // a fully live word: nothing to free
      continue;
    }
    uint8_t* cell = s->cell(i);
    ObjHeader h = read_header(cell);
    const ObjLayout* l = s->has_finalizers && h.layout_id ? Heap::layout_of(cell + kObjHeaderSize) : nullptr;
    if (s->marked(i)) {
      if (l && l->finalize) finalizers = true;
      continue;
    }
    if (l && l->finalize) l->finalize(cell + kObjHeaderSize);
    write_header(cell, ObjHeader{0, 0});
    *tail = cell;
    tail = reinterpret_cast<uint8_t**>(cell + kObjHeaderSize);
  }
  *tail = nullptr;
  s->free_list = head;
  s->has_finalizers = finalizers;
  return head || s->bump_index < s->ncells;
}

void Heap::Impl::sweep() {
  for (auto& p : partial) p.clear();
  size_t kept = 0;
  for (Span* s : spans) {
    bool any_live = std::any_of(s->marks.begin(), s->marks.end(), [](uint64_t w) { return w != 0; });
    if (!any_live) {
      finalize_all(s);
      release_span(s);
      continue;
    }
    if (!s->large() && sweep_small(s)) partial[s->cls].push_back(s);
    std::fill(s->marks.begin(), s->marks.end(), 0);
    spans[kept++] = s;
  }
  spans.resize(kept);
}

void Heap::collect() {
  Impl& h = *impl_;
  if (h.collecting || paused_ > 0) return;
  h.collecting = true;
  h.flush_caches();
  h.marked_bytes = h.marked_objects = 0;
  Impl::GcMarker m(h);
  for (auto& scan : roots_) {
    scan(m);
    h.drain(m);  // keeps the mark stack short
  }
  if (own_handles_) HandleScope::scan(*own_handles_, m);
  h.drain(m);
  h.sweep();
  stats_.bytes_live = h.marked_bytes;
  stats_.objects_live = h.marked_objects;
  stats_.bytes_allocated = 0;
  ++stats_.collections;
  gc_trigger_ = std::max<size_t>(size_t{4} << 20, h.marked_bytes);
  h.pages.scavenge(gc_trigger_);
  h.collecting = false;
}

HandleStack& Heap::handle_stack() {
  std::unique_ptr<HandleStack>& owner = handle_owner_ ? *handle_owner_ : own_handles_;
  if (!owner) owner = std::make_unique<HandleStack>();
  return *owner;
}

HandleScope::HandleScope(Heap& h) : stack_(h.handle_stack()), mark_(stack_.slots.size()) {}

HandleScope::~HandleScope() {
  stack_.slots.resize(mark_);
  stack_.kinds.resize(mark_);
}

Slot& HandleScope::slot(SlotKind kind) {
  stack_.kinds.push_back(kind);
  return stack_.slots.emplace_back(0);
}

void HandleScope::scan(const HandleStack& st, Marker& m) {
  const auto& slots = st.slots;
  const auto& kinds = st.kinds;
  for (size_t i = 0; i < slots.size(); ++i) {
    switch (kinds[i]) {
      case SlotKind::Ref:
        if (slots[i]) m.mark(reinterpret_cast<const void*>(slots[i]));
        break;
      case SlotKind::IfaceType:
        if (i + 1 < slots.size()) {
          const RType* t = dynamic_type(reinterpret_cast<const void*>(slots[i]));
          if (t && t->data_is_ref && slots[i + 1]) m.mark(reinterpret_cast<const void*>(slots[i + 1]));
          ++i;
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace vo::rt
