#include "vm/transfer.h"

#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "runtime/strings.h"
#include "vm/port.h"
#include "vm/vm.h"

namespace vo::vm {

using rt::Kind;
using rt::RType;
using rt::Slot;

Packed::Packed(Packed&& o) noexcept
    : root_(std::move(o.root_)), objects_(std::move(o.objects_)), fixes_(std::move(o.fixes_)), ports_(std::move(o.ports_)) {
  o.ports_.clear();
}

Packed& Packed::operator=(Packed&& o) noexcept {
  if (this != &o) {
    release_ports();
    root_ = std::move(o.root_);
    objects_ = std::move(o.objects_);
    fixes_ = std::move(o.fixes_);
    ports_ = std::move(o.ports_);
    o.ports_.clear();
  }
  return *this;
}

Packed::~Packed() { release_ports(); }

void Packed::release_ports() {
  for (PortFix& f : ports_) f.port->release();
  ports_.clear();
}

namespace {

uint32_t clamp_count(uint64_t n) {
  return n >= std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max() : static_cast<uint32_t>(n);
}

// A layout for `count` values of `type` copied out of memory that is not a
// heap object (a global, a goroutine's frame). Made once per type and kept
// for the life of the process, as every island may allocate with it.
const rt::ObjLayout* layout_for(const RType* type) {
  static std::mutex mu;
  static std::map<const RType*, std::unique_ptr<rt::ObjLayout>> cache;
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<rt::ObjLayout>& l = cache[type];
  if (!l) {
    l = std::make_unique<rt::ObjLayout>();
    l->name = "island copy";
    l->type = type;
    l->elem_slots = type->slots;
    l->kinds = type->layout;
    bool any_ref = false;
    for (rt::SlotKind k : type->layout) any_ref |= k != rt::SlotKind::Scalar;
    l->noscan = !any_ref || type->elem_size == 1;
    if (type->elem_size == 1) {
      l->elem_slots = 0;
      l->kinds.clear();
    }
  }
  return l.get();
}

// The static type of a closure: its captures are read from the function.
const RType* func_type() {
  static const RType t = [] {
    RType x;
    x.kind = Kind::Func;
    x.layout = {rt::SlotKind::Ref};
    return x;
  }();
  return &t;
}

}  // namespace

// Walks a value by its type, copying every heap object it reaches once.
class Packer {
 public:
  Packer(VM& vm, Packed& out) : vm_(vm), heap_(vm.heap()), out_(out) {}

  void root(const RType* t, const Slot* v) {
    out_.root_.assign(v, v + t->slots);
    scan(t, Packed::kRoot, 0);
  }

 private:
  using Obj = Packed::Object;
  VM& vm_;
  rt::Heap& heap_;
  Packed& out_;
  std::unordered_map<const void*, uint32_t> seen_;  // source object (or address) -> object index

  Slot& word(uint32_t holder, uint32_t w) {
    return holder == Packed::kRoot ? out_.root_[w] : out_.objects_[holder].words[w];
  }
  void fix(uint32_t holder, uint32_t w, uint32_t target, uint64_t off) {
    word(holder, w) = 0;
    out_.fixes_.push_back(Packed::Fix{holder, w, target, off});
  }
  uint32_t add(Obj o) {
    out_.objects_.push_back(std::move(o));
    return static_cast<uint32_t>(out_.objects_.size() - 1);
  }

  void scan(const RType* t, uint32_t holder, uint32_t w) {
    switch (t->kind) {
      case Kind::String: string(holder, w); return;
      case Kind::Slice: case Kind::Pointer: reference(t, holder, w); return;
      case Kind::Map: map(holder, w); return;
      case Kind::Func: func(holder, w); return;
      case Kind::Port: port(holder, w); return;
      case Kind::Array:
        if (t->elem->elem_size == 1) return;  // packed bytes: no references
        for (int64_t i = 0; i < t->len; ++i) scan(t->elem, holder, w + static_cast<uint32_t>(i) * t->elem->slots);
        return;
      case Kind::Struct:
        for (const rt::RField& f : t->fields) scan(f.type, holder, w + f.offset);
        return;
      case Kind::Interface: case Kind::Chan: case Kind::Island:
        // Not sendable; reached only through an object that aliasing pulled in.
        for (uint32_t i = 0; i < t->slots; ++i) word(holder, w + i) = 0;
        return;
      default: return;  // scalars
    }
  }

  // String bytes are immutable: the copy need not preserve sharing. Bytes
  // outside the heap (constants) are shared read-only by all islands.
  void string(uint32_t holder, uint32_t w) {
    const auto* p = reinterpret_cast<const uint8_t*>(word(holder, w));
    int64_t len = static_cast<int64_t>(word(holder, w + 1));
    if (!p || !heap_.contains(p)) return;
    if (len <= 0) {
      word(holder, w) = 0;
      return;
    }
    fix(holder, w, plain(p, rt::bytes_layout(), clamp_count(static_cast<uint64_t>(len)), static_cast<size_t>(len)), 0);
  }

  // A pointer or slice: the object it points into, copied whole.
  void reference(const RType* t, uint32_t holder, uint32_t w) {
    const auto* p = reinterpret_cast<const uint8_t*>(word(holder, w));
    if (!p || p == rt::zero_base()) return;
    if (!heap_.contains(p)) {  // a global or a frame: copy what the type covers
      int64_t n = t->kind == Kind::Slice ? static_cast<int64_t>(word(holder, w + 2)) : 1;
      fix(holder, w, outside_object(p, t->elem, n), 0);
      return;
    }
    const auto* base = static_cast<const uint8_t*>(heap_.find_object(p));
    if (!base) {
      word(holder, w) = 0;
      return;
    }
    fix(holder, w, heap_object(base, t->elem), static_cast<uint64_t>(p - base));
  }

  // A copy of `bytes` bytes at src, to be allocated with layout l.
  uint32_t plain(const uint8_t* src, const rt::ObjLayout* l, uint32_t count, size_t bytes) {
    Obj o;
    o.layout = l;
    o.count = count;
    o.bytes = bytes;
    o.words.assign((bytes + 7) / 8, 0);
    std::memcpy(o.words.data(), src, bytes);
    return add(std::move(o));
  }

  uint32_t heap_object(const uint8_t* base, const RType* static_elem) {
    auto it = seen_.find(base);
    if (it != seen_.end()) return it->second;
    const rt::ObjLayout* l = rt::Heap::layout_of(base);
    uint32_t idx = plain(base, l, rt::Heap::count_of(base), heap_.object_size(base));
    seen_.emplace(base, idx);
    // The object's own type when the compiler made its layout: a slice of
    // an array inside a struct points into the struct.
    const RType* type = l->type ? l->type : static_elem;
    if (l->noscan || !type) return idx;
    if (!l->type && type->slots != l->elem_slots) {  // a runtime layout that does not match: drop references
      zero_refs(idx, l);
      return idx;
    }
    scan_elements(type, idx);
    return idx;
  }

  uint32_t outside_object(const uint8_t* p, const RType* elem, int64_t n) {
    auto it = seen_.find(p);
    if (it != seen_.end()) return it->second;
    const rt::ObjLayout* l = layout_for(elem);
    uint32_t idx = plain(p, l, clamp_count(static_cast<uint64_t>(n)), static_cast<size_t>(n) * elem->elem_size);
    seen_.emplace(p, idx);
    if (!l->noscan) scan_elements(elem, idx);
    return idx;
  }

  void scan_elements(const RType* type, uint32_t idx) {
    if (type->slots == 0 || type->elem_size == 1) return;
    size_t n = out_.objects_[idx].words.size() / type->slots;
    for (size_t i = 0; i < n; ++i) scan(type, idx, static_cast<uint32_t>(i * type->slots));
  }

  void zero_refs(uint32_t idx, const rt::ObjLayout* l) {
    std::vector<Slot>& ws = out_.objects_[idx].words;
    if (l->elem_slots == 0) return;
    for (size_t i = 0; i < ws.size(); ++i)
      if (l->kinds[i % l->elem_slots] != rt::SlotKind::Scalar) ws[i] = 0;
  }

  void map(uint32_t holder, uint32_t w) {
    const void* m = reinterpret_cast<const void*>(word(holder, w));
    if (!m) return;
    auto it = seen_.find(m);
    if (it != seen_.end()) {
      fix(holder, w, it->second, 0);
      return;
    }
    const rt::MapType* mt = rt::map_type(m);
    uint32_t ks = mt->key->slots, vs = mt->value->slots;
    Obj o;
    o.kind = Obj::Kind::Map;
    o.map = mt;
    o.entries = rt::map_len(m);
    o.words.reserve(static_cast<size_t>(o.entries) * (ks + vs));
    rt::MapIter iter;
    rt::map_iter_init(m, &iter);
    const Slot *k = nullptr, *v = nullptr;
    int64_t entries = 0;
    while (rt::map_iter_next(m, &iter, &k, &v)) {
      o.words.insert(o.words.end(), k, k + ks);
      o.words.insert(o.words.end(), v, v + vs);
      ++entries;
    }
    o.entries = entries;
    uint32_t idx = add(std::move(o));
    seen_.emplace(m, idx);
    fix(holder, w, idx, 0);
    for (int64_t e = 0; e < entries && ks + vs > 0; ++e) {
      uint32_t at = static_cast<uint32_t>(e) * (ks + vs);
      scan(mt->key, idx, at);
      scan(mt->value, idx, at + ks);
    }
  }

  // A closure: a go @ thunk (typed captures) or a function literal, whose
  // captures are pointers to boxes of the captured variables.
  void func(uint32_t holder, uint32_t w) {
    const auto* c = reinterpret_cast<const Slot*>(word(holder, w));
    if (!c) return;
    auto it = seen_.find(c);
    if (it != seen_.end()) {
      fix(holder, w, it->second, 0);
      return;
    }
    uint32_t fi = static_cast<uint32_t>(c[0]);
    const bc::Function& fn = vm_.module().funcs[fi];
    Obj o;
    o.kind = Obj::Kind::Closure;
    o.func = fi;
    o.words.assign(c, c + 1 + fn.capture_kinds.size());
    uint32_t idx = add(std::move(o));
    seen_.emplace(c, idx);
    fix(holder, w, idx, 0);
    if (!fn.capture_types.empty()) {
      uint32_t at = 1;
      for (const RType* t : fn.capture_types) {
        scan(t, idx, at);
        at += t->slots;
      }
      return;
    }
    for (size_t i = 0; i < fn.capture_kinds.size(); ++i) {
      uint32_t at = static_cast<uint32_t>(1 + i);
      if (fn.capture_kinds[i] == rt::SlotKind::Ref) box_pointer(idx, at);
      else if (fn.capture_kinds[i] != rt::SlotKind::Scalar) word(idx, at) = 0;
    }
  }

  // A captured variable's box: its layout names its type.
  void box_pointer(uint32_t holder, uint32_t w) {
    const auto* p = reinterpret_cast<const uint8_t*>(word(holder, w));
    if (!p || !heap_.contains(p)) return;
    const auto* base = static_cast<const uint8_t*>(heap_.find_object(p));
    if (!base) {
      word(holder, w) = 0;
      return;
    }
    fix(holder, w, heap_object(base, nullptr), static_cast<uint64_t>(p - base));
  }

  void port(uint32_t holder, uint32_t w) {
    const void* h = reinterpret_cast<const void*>(word(holder, w));
    if (!h) return;
    PortState* ps = port_state(h);
    ps->retain();
    word(holder, w) = 0;
    out_.ports_.push_back(Packed::PortFix{holder, w, ps});
  }

 public:
  void closure_root(const void* clo) {
    out_.root_.assign(1, reinterpret_cast<Slot>(clo));
    scan(func_type(), Packed::kRoot, 0);
  }
};

// Allocates every object, then patches references, then fills payloads and
// maps. The heap is paused throughout: the new objects are not rooted until
// the caller stores the root value.
class Unpacker {
 public:
  Unpacker(VM& vm, const Packed& p) : vm_(vm), heap_(vm.heap()), p_(p) {}

  std::vector<Slot> run() {
    heap_.pause();
    std::vector<Slot> root = p_.root_;
    std::vector<std::vector<Slot>> words(p_.objects_.size());
    addrs_.resize(p_.objects_.size());
    for (size_t i = 0; i < p_.objects_.size(); ++i) {
      addrs_[i] = allocate(p_.objects_[i]);
      words[i] = p_.objects_[i].words;
    }
    auto at = [&](uint32_t holder, uint32_t w) -> Slot& { return holder == Packed::kRoot ? root[w] : words[holder][w]; };
    for (const Packed::Fix& f : p_.fixes_) at(f.holder, f.word) = reinterpret_cast<Slot>(addrs_[f.target] + f.offset);
    for (const Packed::PortFix& f : p_.ports_) at(f.holder, f.word) = reinterpret_cast<Slot>(port_handle(vm_, f.port));
    for (size_t i = 0; i < p_.objects_.size(); ++i) fill(p_.objects_[i], addrs_[i], words[i]);
    heap_.resume();
    return root;
  }

 private:
  using Obj = Packed::Object;
  VM& vm_;
  rt::Heap& heap_;
  const Packed& p_;
  std::vector<uint8_t*> addrs_;

  uint8_t* allocate(const Obj& o) {
    switch (o.kind) {
      case Obj::Kind::Plain: return static_cast<uint8_t*>(heap_.alloc(o.layout, o.bytes, o.count));
      case Obj::Kind::Closure:
        return static_cast<uint8_t*>(heap_.alloc(vm_.closure_layout(o.func), o.words.size() * sizeof(Slot)));
      case Obj::Kind::Map: return static_cast<uint8_t*>(rt::map_new(heap_, o.map, o.entries));
    }
    return nullptr;
  }

  void fill(const Obj& o, uint8_t* addr, const std::vector<Slot>& ws) {
    if (o.kind != Obj::Kind::Map) {
      std::memcpy(addr, ws.data(), o.kind == Obj::Kind::Plain ? o.bytes : ws.size() * sizeof(Slot));
      return;
    }
    uint32_t ks = o.map->key->slots, vs = o.map->value->slots;
    static const Slot kNone[1] = {0};
    for (int64_t e = 0; e < o.entries; ++e) {
      const Slot* k = ks + vs ? ws.data() + static_cast<size_t>(e) * (ks + vs) : kNone;
      Slot* v = rt::map_insert(heap_, addr, k);
      if (vs) std::memcpy(v, k + ks, vs * sizeof(Slot));
    }
  }
};

Packed pack_value(VM& vm, const RType* type, const Slot* value) {
  Packed p;
  Packer(vm, p).root(type, value);
  return p;
}

Packed pack_closure(VM& vm, const void* closure) {
  Packed p;
  Packer(vm, p).closure_root(closure);
  return p;
}

void unpack_value(VM& vm, const Packed& p, Slot* dst) {
  std::vector<Slot> root = Unpacker(vm, p).run();
  if (dst && !root.empty()) std::memcpy(dst, root.data(), root.size() * sizeof(Slot));
}

void* unpack_closure(VM& vm, const Packed& p) {
  std::vector<Slot> root = Unpacker(vm, p).run();
  return reinterpret_cast<void*>(root.at(0));
}

}  // namespace vo::vm
