// Natives of package dyn: the runtime of dynamic access (`~>`) and of
// GetAttr / GetIndex / SetAttr / SetIndex.
//
// The compiler (src/compiler/gen_dyn.cpp) calls
//   dyn.$attr    [base 2][desc 1][name 2]            a~>name
//   dyn.$index   [base 2][desc 1][key 2]             a~>[key]
//   dyn.$call    [callee 2][desc 1][args 2*n]        a~>(args)
//   dyn.$method  [base 2][desc 1][name 2][args 2*n]  a~>name(args)
// whose results are the values the descriptor asks for (each with the type
// desc->results[i], nullptr meaning `any`) followed by the error; and
//   dyn.$invoke  the body of the functions behind methods read as values.
//
// Rules (Vo's dynamic.md and the reference runtime's behaviour): a nil base
// is ErrNilBase; a protocol method (DynAttr, DynIndex, DynCall, DynSetAttr,
// DynSetIndex) takes precedence and its own error is passed through
// unchanged; otherwise struct fields (exported, or named by a `dyn:"name"`
// tag, promoted through embedding), then exported methods (as bound function
// values), map entries, and slice/array/string elements are reached by
// reflection. Reads check the value against the target's type without any
// conversion; writes and call arguments also convert between integer kinds.
// A dynamic call checks the result count and types and the arguments before
// calling; a panic in a dynamically called function becomes an
// ErrBadCall error.
//
// GC safety: natives allocate (boxes, slices, errors) and call Vo code.
// Values held across an allocation live in the native's argument or result
// slots (frame slots with static kinds); values held only in C++ memory are
// built with collection paused (NoGC), and no such pause or handle spans a
// call of Vo code (which may switch goroutines).
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/heap.h"
#include "runtime/map.h"
#include "runtime/panic.h"
#include "runtime/strings.h"
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Kind;
using rt::RMethod;
using rt::RType;
using rt::Slot;
using rt::SlotKind;
using vm::NativeCtx;

// ---- errors -----------------------------------------------------------------

// The categories, in the order of dyn.makeError's kinds.
enum Cat : int64_t { kUnknown, kNilBase, kBadField, kBadIndex, kOutOfBounds, kBadCall, kSigMismatch, kTypeMismatch };

struct Fail {
  Cat cat;
  std::string msg;
};
[[noreturn]] void fail(Cat c, std::string msg) { throw Fail{c, std::move(msg)}; }

// A protocol method's own non-nil error, passed through unchanged.
struct PassErr {
  Slot w[2];
};

// ---- values -----------------------------------------------------------------

// An `any`: its dynamic type (nullptr when nil) and data word.
struct Any {
  const RType* t = nullptr;
  Slot d = 0;
};

Any any_at(const Slot* s) { return Any{rt::dynamic_type(reinterpret_cast<const void*>(s[0])), s[1]}; }
void put_any(Slot* s, Any v) {
  s[0] = reinterpret_cast<Slot>(v.t);
  s[1] = v.t ? v.d : 0;
}
std::string_view str_at(const Slot* s) {
  return {reinterpret_cast<const char*>(s[0]), static_cast<size_t>(s[1])};
}

bool is_int_kind(Kind k) { return k >= Kind::Int && k <= Kind::Uint64; }
bool is_unsigned_kind(Kind k) { return k >= Kind::Uint && k <= Kind::Uint64; }
bool is_nilable(Kind k) {
  return k == Kind::Pointer || k == Kind::Slice || k == Kind::Map || k == Kind::Func || k == Kind::Chan ||
         k == Kind::Port || k == Kind::Island;
}
bool is_exported(std::string_view name) {
  if (name.empty()) return false;
  unsigned char c = static_cast<unsigned char>(name[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return false;  // non-ASCII names: no method lookup (none in practice)
}
// Narrow codes as vm::narrow uses them.
uint8_t narrow_code(Kind k) {
  switch (k) {
    case Kind::Int8: return 1;
    case Kind::Int16: return 2;
    case Kind::Int32: return 3;
    case Kind::Uint8: return 4;
    case Kind::Uint16: return 5;
    case Kind::Uint32: return 6;
    default: return 0;
  }
}
uint32_t slots_of(const RType* want) { return want ? want->slots : 2; }

// Same underlying type (components compare by identity: RTypes are canonical
// per module).
bool same_underlying(const RType* a, const RType* b) {
  if (a == b) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case Kind::Pointer: case Kind::Slice: case Kind::Chan: case Kind::Port:
      return a->elem == b->elem;
    case Kind::Array: return a->len == b->len && a->elem == b->elem;
    case Kind::Map: return a->key == b->key && a->elem == b->elem;
    case Kind::Struct: {
      if (a->fields.size() != b->fields.size()) return false;
      for (size_t i = 0; i < a->fields.size(); ++i) {
        const rt::RField& x = a->fields[i];
        const rt::RField& y = b->fields[i];
        if (x.name != y.name || x.type != y.type || x.embedded != y.embedded || x.tag != y.tag) return false;
      }
      return true;
    }
    case Kind::Func: return a->params == b->params && a->results == b->results && a->variadic == b->variadic;
    case Kind::Interface: return a->iface_methods == b->iface_methods && a->iface_method_sigs == b->iface_method_sigs;
    default: return true;  // the basic kinds
  }
}

// Go's assignability between two non-interface runtime types.
bool assignable(const RType* src, const RType* dst) {
  if (src == dst) return true;
  if (src->named && dst->named) return false;
  return same_underlying(src, dst);
}

// Interface a has every method of interface b.
bool iface_includes(const RType* a, const RType* b) {
  for (size_t i = 0; i < b->iface_methods.size(); ++i) {
    bool found = false;
    for (size_t j = 0; j < a->iface_methods.size() && !found; ++j)
      found = a->iface_methods[j] == b->iface_methods[i] && a->iface_method_sigs[j] == b->iface_method_sigs[i];
    if (!found) return false;
  }
  return true;
}

// ---- per-module facts ---------------------------------------------------------

struct ModuleInfo {
  const bc::Module* mod = nullptr;
  size_t nfuncs = 0;
  int64_t make_error = -1;
  const RType* uint8_type = nullptr;
  std::unordered_map<std::string, uint32_t> bound;  // "dyn.$bound(shape)" -> function
};

ModuleInfo& module_info(NativeCtx& ctx) {
  static std::mutex mu;
  static std::map<const bc::Module*, std::unique_ptr<ModuleInfo>> cache;
  const bc::Module& m = api::module(ctx);
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<ModuleInfo>& p = cache[&m];
  if (!p || p->nfuncs != m.funcs.size()) {
    p = std::make_unique<ModuleInfo>();
    p->mod = &m;
    p->nfuncs = m.funcs.size();
    for (size_t i = 0; i < m.funcs.size(); ++i) {
      const std::string& n = m.funcs[i].name;
      if (n == "dyn.makeError") p->make_error = static_cast<int64_t>(i);
      else if (n.rfind("dyn.$bound(", 0) == 0) p->bound[n] = static_cast<uint32_t>(i);
    }
    for (const RType& t : m.types)
      if (t.kind == Kind::Uint8 && (t.name == "uint8" || t.name == "byte")) p->uint8_type = &t;
  }
  return *p;
}

// Heap layouts for boxes and arrays, by slot kinds (they
// must outlive every heap, so they are never freed).
const rt::ObjLayout* slots_layout(const std::vector<SlotKind>& kinds) {
  static std::mutex mu;
  static std::map<std::vector<SlotKind>, std::unique_ptr<rt::ObjLayout>> cache;
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<rt::ObjLayout>& l = cache[kinds];
  if (!l) {
    l = std::make_unique<rt::ObjLayout>();
    l->elem_slots = static_cast<uint32_t>(kinds.size());
    l->kinds = kinds;
    bool any_ref = false;
    for (SlotKind k : kinds) any_ref |= k != SlotKind::Scalar;
    l->noscan = !any_ref;
    l->name = "dyn";
  }
  return l.get();
}

// Collection is paused while a native builds values that only C++ memory
// holds (no Vo code runs meanwhile, so no other goroutine can either).
class NoGC {
 public:
  explicit NoGC(NativeCtx& ctx) : heap_(api::heap(ctx)) { heap_.pause(); }
  ~NoGC() { heap_.resume(); }
  NoGC(const NoGC&) = delete;
  NoGC& operator=(const NoGC&) = delete;

 private:
  rt::Heap& heap_;
};

// The `any` holding a value of type t laid out at src (which must stay
// reachable from a root while this allocates).
Any box(NativeCtx& ctx, const RType* t, const Slot* src) {
  if (t->kind == Kind::Interface) return any_at(src);
  if (!t->boxed) return Any{t, src[0]};
  auto* b = static_cast<Slot*>(api::heap(ctx).alloc(slots_layout(t->layout), t->slots * sizeof(Slot), 1));
  if (t->slots) std::memcpy(b, src, t->slots * sizeof(Slot));
  return Any{t, reinterpret_cast<Slot>(b)};
}

enum class Mode {
  Read,   // a value read into a typed target: exact assignability
  Write,  // a value stored or passed: nil for nilable types, integer kinds convert
};

// Writes v as a value of type `want` (nullptr: any) to dst.
void convert(NativeCtx& ctx, Any v, const RType* want, Slot* dst, Mode mode) {
  if (want == nullptr) {
    put_any(dst, v);
    return;
  }
  if (want->kind == Kind::Interface) {
    if (!v.t) {
      dst[0] = dst[1] = 0;
      return;
    }
    if (want->iface_methods.empty()) {
      put_any(dst, v);
      return;
    }
    const rt::Itab* it = api::find_itab(ctx, v.t, want);
    if (!it) fail(kTypeMismatch, v.t->name + " does not implement " + want->name);
    dst[0] = reinterpret_cast<Slot>(it);
    dst[1] = v.d;
    return;
  }
  if (!v.t) {
    if (mode == Mode::Write && is_nilable(want->kind)) {
      std::memset(dst, 0, want->slots * sizeof(Slot));
      return;
    }
    fail(kTypeMismatch, "cannot use nil as " + want->name + " value");
  }
  if (mode == Mode::Write && is_int_kind(want->kind) && is_int_kind(v.t->kind)) {
    dst[0] = vm::narrow(v.d, narrow_code(want->kind));
    return;
  }
  if (!assignable(v.t, want)) fail(kTypeMismatch, "cannot use " + v.t->name + " as " + want->name + " value");
  if (!want->boxed) dst[0] = v.d;
  else if (want->slots) std::memcpy(dst, reinterpret_cast<const Slot*>(v.d), want->slots * sizeof(Slot));
}

// ---- sequences ----------------------------------------------------------------

// Element i of a sequence of elements of type e at p (packed bytes for
// 1-byte element types), as an `any`.
Any load_elem(NativeCtx& ctx, const RType* e, const uint8_t* p, int64_t i) {
  if (e->elem_size == 1) {
    uint8_t b = p[i];
    return Any{e, e->kind == Kind::Int8 ? static_cast<Slot>(static_cast<int64_t>(static_cast<int8_t>(b))) : b};
  }
  return box(ctx, e, reinterpret_cast<const Slot*>(p + i * static_cast<int64_t>(e->elem_size)));
}

void store_elem(const RType* e, uint8_t* p, int64_t i, const Slot* v) {
  if (e->elem_size == 1) p[i] = static_cast<uint8_t>(v[0]);
  else std::memcpy(p + i * static_cast<int64_t>(e->elem_size), v, e->slots * sizeof(Slot));
}

// The integer in key as an index into a sequence of length n.
int64_t index_of(Any key, int64_t n, const char* what) {
  if (!key.t || !is_int_kind(key.t->kind))
    fail(kBadIndex, std::string(what) + " index must be integer, not " + (key.t ? key.t->name : "nil"));
  bool ok;
  int64_t i = static_cast<int64_t>(key.d);
  if (is_unsigned_kind(key.t->kind)) ok = key.d < static_cast<uint64_t>(n);
  else ok = i >= 0 && i < n;
  if (!ok) {
    std::string s = is_unsigned_kind(key.t->kind) ? std::to_string(key.d) : std::to_string(i);
    fail(kOutOfBounds, std::string(what) + " index " + s + " out of bounds (length " + std::to_string(n) + ")");
  }
  return i;
}

// ---- struct fields ---------------------------------------------------------------

// The value of `key` in a Go struct tag (`k:"v" k2:"v2"`), if present.
std::optional<std::string> tag_lookup(std::string_view tag, std::string_view key) {
  size_t i = 0;
  while (i < tag.size()) {
    while (i < tag.size() && tag[i] == ' ') ++i;
    size_t start = i;
    while (i < tag.size() && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f) ++i;
    if (i == start || i + 1 >= tag.size() || tag[i] != ':' || tag[i + 1] != '"') return std::nullopt;
    std::string_view name = tag.substr(start, i - start);
    i += 2;
    std::string value;
    while (i < tag.size() && tag[i] != '"') {
      if (tag[i] == '\\' && i + 1 < tag.size()) ++i;
      value += tag[i++];
    }
    if (i >= tag.size()) return std::nullopt;
    ++i;
    if (name == key) return value;
  }
  return std::nullopt;
}

// The name a field answers to dynamically ("" when none): its dyn tag, or
// its own name when exported.
std::string dyn_name(const rt::RField& f) {
  if (f.name == "_") return "";
  if (f.tag.find("dyn:") != std::string::npos)
    if (std::optional<std::string> v = tag_lookup(f.tag, "dyn")) return *v == "-" ? "" : *v;
  return f.exported ? f.name : "";
}

bool embedding_visible(const rt::RField& f) {
  if (f.name == "_") return false;
  if (f.tag.find("dyn:") == std::string::npos) return true;
  std::optional<std::string> v = tag_lookup(f.tag, "dyn");
  return !v || (!v->empty() && *v != "-");
}

struct FieldRef {
  enum Status { Found, Missing, Ambiguous, NilPath } status = Missing;
  const RType* type = nullptr;
  Slot* addr = nullptr;  // the field's slots
};

// Go's field selection by depth (the shallowest match wins; two at the same
// depth are ambiguous), through embedded structs and pointers to structs.
// base may be nullptr (a nil pointer): a match is then NilPath.
FieldRef lookup_field(const RType* st, Slot* base, std::string_view name) {
  struct Node {
    const RType* st;
    Slot* base;
    bool nil;
    int mult;
  };
  std::vector<Node> level{{st, base, base == nullptr, 1}};
  std::set<const RType*> seen{st};
  while (!level.empty()) {
    const Node* hit_node = nullptr;
    const rt::RField* hit = nullptr;
    bool ambiguous = false;
    for (const Node& n : level)
      for (const rt::RField& f : n.st->fields) {
        if (dyn_name(f) != name) continue;
        if (hit || n.mult > 1) ambiguous = true;
        else hit_node = &n, hit = &f;
      }
    if (ambiguous) return FieldRef{FieldRef::Ambiguous};
    if (hit) {
      if (hit_node->nil) return FieldRef{FieldRef::NilPath};
      return FieldRef{FieldRef::Found, hit->type, hit_node->base + hit->offset};
    }
    std::vector<Node> next;
    std::map<const RType*, size_t> at;
    for (const Node& n : level)
      for (const rt::RField& f : n.st->fields) {
        if (!f.embedded || !embedding_visible(f)) continue;
        const RType* et = f.type;
        bool ptr = false;
        if (et->kind == Kind::Pointer && et->elem && et->elem->kind == Kind::Struct) {
          et = et->elem;
          ptr = true;
        } else if (et->kind != Kind::Struct) {
          continue;
        }
        auto a = at.find(et);
        if (a != at.end()) {
          next[a->second].mult = 2;
          continue;
        }
        if (seen.count(et)) continue;  // reached at a shallower depth
        Slot* b = nullptr;
        bool nil = n.nil;
        if (!nil) {
          if (ptr) {
            b = reinterpret_cast<Slot*>(n.base[f.offset]);
            nil = b == nullptr;
          } else {
            b = n.base + f.offset;
          }
        }
        at[et] = next.size();
        seen.insert(et);
        next.push_back(Node{et, b, nil, n.mult});
      }
    level = std::move(next);
  }
  return FieldRef{FieldRef::Missing};
}

[[noreturn]] void field_fail(const FieldRef& f, std::string_view name) {
  switch (f.status) {
    case FieldRef::Ambiguous: fail(kBadField, "field " + std::string(name) + " is ambiguous");
    case FieldRef::NilPath: fail(kNilBase, "nil pointer in embedding path to field " + std::string(name));
    default: fail(kBadField, "field not found: " + std::string(name));
  }
}

// ---- methods and protocols ---------------------------------------------------------

const RMethod* find_method(const RType* t, std::string_view name) {
  for (const RMethod& m : t->methods)
    if (m.name == name) return &m;
  return nullptr;
}

// The protocol method `name` when t has it with the protocol's shape.
const RMethod* protocol(const RType* t, const char* name, size_t params, size_t results) {
  const RMethod* m = find_method(t, name);
  if (!m || !m->sig || m->sig->params.size() != params || m->sig->results.size() != results) return nullptr;
  return m;
}

// Calls function fn; a panic in it becomes an ErrBadCall failure.
void invoke(NativeCtx& ctx, uint32_t fn, void* closure, const Slot* args, Slot* results) {
  std::string msg;
  if (!api::call_catching(ctx, fn, closure, args, results, &msg)) fail(kBadCall, "closure panicked: " + msg);
}

// Calls a getter protocol method (DynAttr / DynIndex) of the value whose data
// word is recv with a two-slot operand; returns its value or throws its error.
Any call_getter(NativeCtx& ctx, const RMethod* m, Slot recv, const Slot* operand) {
  Slot a[3] = {recv, operand[0], operand[1]};
  Slot r[4] = {0, 0, 0, 0};
  invoke(ctx, m->func, nullptr, a, r);
  if (r[2]) throw PassErr{{r[2], r[3]}};
  return any_at(r);
}

// Calls a setter protocol method (DynSetAttr / DynSetIndex); throws its error.
void call_setter(NativeCtx& ctx, const RMethod* m, Slot recv, const Slot* operand, Any v) {
  Slot a[5] = {recv, operand[0], operand[1], reinterpret_cast<Slot>(v.t), v.t ? v.d : 0};
  Slot r[2] = {0, 0};
  invoke(ctx, m->func, nullptr, a, r);
  if (r[0]) throw PassErr{{r[0], r[1]}};
}

// "dyn.$bound(shape)": the function behind a method value (made by the
// compiler, see gen_dyn.cpp).
uint32_t bound_function(NativeCtx& ctx, const RType* sig) {
  std::string k = "dyn.$bound(";
  for (const RType* p : sig->params)
    for (SlotKind s : p->layout) k += static_cast<char>('0' + static_cast<int>(s));
  k += '|';
  for (const RType* r : sig->results)
    for (SlotKind s : r->layout) k += static_cast<char>('0' + static_cast<int>(s));
  k += ')';
  ModuleInfo& mi = module_info(ctx);
  auto it = mi.bound.find(k);
  if (it == mi.bound.end()) fail(kBadCall, "no method value of type " + sig->name);
  return it->second;
}

// The exported method `name` of base bound to base, as a function value.
Any method_value(NativeCtx& ctx, Any base, std::string_view name) {
  const RMethod* m = is_exported(name) ? find_method(base.t, name) : nullptr;
  if (!m) fail(kBadField, "no field or method " + std::string(name) + " in " + base.t->name);
  uint32_t fn = bound_function(ctx, m->sig);
  Slot caps[3] = {m->func, reinterpret_cast<Slot>(base.t), base.d};
  void* clo = api::new_closure(ctx, fn, caps);
  return Any{m->sig, reinterpret_cast<Slot>(clo)};
}

// ---- reads ----------------------------------------------------------------------------

// A type declared by the program (not a predeclared one like int).
bool is_defined(const RType* t) { return t->named && t->name.find('.') != std::string::npos; }

// The key of a map with key type kt for a field name: the string itself, or
// the string in an interface (the box is new; the caller keeps the key slots
// where the GC sees them before allocating again, or only reads the map).
void name_key(NativeCtx& ctx, const RType* kt, const Slot* name, Slot* out) {
  if (kt->kind == Kind::String) {
    out[0] = name[0];
    out[1] = name[1];
    return;
  }
  const RType* st = api::module(ctx).string_type;
  if (kt->kind == Kind::Interface && st && (kt->iface_methods.empty() || api::find_itab(ctx, st, kt))) {
    Any v = box(ctx, st, name);
    convert(ctx, v, kt, out, Mode::Write);
    return;
  }
  fail(kBadField, "map key type " + kt->name + " is not string");
}

// base~>name. base and name must be rooted (the native's arguments).
Any get_attr(NativeCtx& ctx, Any base, const Slot* name) {
  if (!base.t) fail(kNilBase, "cannot access field on nil");
  if (const RMethod* m = protocol(base.t, "DynAttr", 1, 2)) return call_getter(ctx, m, base.d, name);
  std::string_view nm = str_at(name);
  const RType* t = base.t;
  switch (t->kind) {
    case Kind::Pointer:
    case Kind::Struct: {
      const RType* st = t->kind == Kind::Pointer ? t->elem : t;
      if (!st || st->kind != Kind::Struct) break;
      FieldRef f = lookup_field(st, reinterpret_cast<Slot*>(base.d), nm);
      if (f.status == FieldRef::Found) return box(ctx, f.type, f.addr);
      if (is_exported(nm) && find_method(t, nm)) return method_value(ctx, base, nm);
      if (t->kind == Kind::Pointer && !base.d) fail(kNilBase, "cannot access field " + std::string(nm) + " on nil pointer");
      field_fail(f, nm);
    }
    case Kind::Map: {
      if (!base.d) fail(kNilBase, "cannot access field on nil map");
      Slot k[2];
      name_key(ctx, t->key, name, k);
      const Slot* v = rt::map_find(reinterpret_cast<const void*>(base.d), k);
      if (!v) fail(kBadField, "map key not found: " + std::string(nm));
      return box(ctx, t->elem, v);
    }
    default:
      break;
  }
  if (is_defined(t)) return method_value(ctx, base, nm);
  fail(kTypeMismatch, "cannot access field on " + t->name);
}

// The slots of key as a key of a map with key type kt, into dst.
void map_key(NativeCtx& ctx, Any key, const RType* kt, Slot* dst) {
  try {
    convert(ctx, key, kt, dst, Mode::Write);
  } catch (Fail& f) {
    fail(kBadIndex, "map key type mismatch: " + f.msg);
  }
}

// base~>[key]. base and key must be rooted.
Any get_index(NativeCtx& ctx, Any base, Any key) {
  if (!base.t) fail(kNilBase, "cannot index nil");
  if (const RMethod* m = protocol(base.t, "DynIndex", 1, 2)) {
    Slot k[2];
    put_any(k, key);
    return call_getter(ctx, m, base.d, k);
  }
  const RType* t = base.t;
  switch (t->kind) {
    case Kind::Slice: {
      const Slot* s = reinterpret_cast<const Slot*>(base.d);
      if (!s[0] && !s[1]) fail(kNilBase, "cannot index nil slice");
      int64_t i = index_of(key, static_cast<int64_t>(s[1]), "slice");
      return load_elem(ctx, t->elem, reinterpret_cast<const uint8_t*>(s[0]), i);
    }
    case Kind::Array: {
      int64_t i = index_of(key, t->len, "array");
      return load_elem(ctx, t->elem, reinterpret_cast<const uint8_t*>(base.d), i);
    }
    case Kind::String: {
      const Slot* s = reinterpret_cast<const Slot*>(base.d);
      int64_t i = index_of(key, static_cast<int64_t>(s[1]), "string");
      const RType* u8 = module_info(ctx).uint8_type;
      if (!u8) fail(kUnknown, "uint8 type missing");
      return Any{u8, reinterpret_cast<const uint8_t*>(s[0])[i]};
    }
    case Kind::Map: {
      if (!base.d) fail(kNilBase, "cannot index nil map");
      std::vector<Slot> k(t->key->slots);
      map_key(ctx, key, t->key, k.data());
      const Slot* v;
      try {
        v = rt::map_find(reinterpret_cast<const void*>(base.d), k.data());
      } catch (rt::PanicError&) {
        fail(kBadIndex, "map key is not hashable");
      }
      if (!v) fail(kBadField, "map key not found");
      return box(ctx, t->elem, v);
    }
    default:
      fail(kTypeMismatch, "cannot index " + t->name);
  }
}

// ---- writes -----------------------------------------------------------------------

void set_attr(NativeCtx& ctx, Any base, const Slot* name, Any v) {
  if (!base.t) fail(kNilBase, "cannot set field on nil");
  if (const RMethod* m = protocol(base.t, "DynSetAttr", 2, 1)) return call_setter(ctx, m, base.d, name, v);
  std::string_view nm = str_at(name);
  const RType* t = base.t;
  if (t->kind == Kind::Pointer && t->elem && t->elem->kind == Kind::Struct) {
    if (!base.d) fail(kNilBase, "cannot set field " + std::string(nm) + " on nil pointer");
    FieldRef f = lookup_field(t->elem, reinterpret_cast<Slot*>(base.d), nm);
    if (f.status != FieldRef::Found) field_fail(f, nm);
    std::vector<Slot> tmp(f.type->slots);
    convert(ctx, v, f.type, tmp.data(), Mode::Write);
    if (!tmp.empty()) std::memcpy(f.addr, tmp.data(), tmp.size() * sizeof(Slot));
    return;
  }
  if (t->kind == Kind::Struct) fail(kTypeMismatch, "cannot set field of a struct value (a pointer is needed)");
  if (t->kind == Kind::Map) {
    if (!base.d) fail(kNilBase, "cannot set field on nil map");
    NoGC nogc(ctx);  // the key may be a new box
    Slot k[2];
    name_key(ctx, t->key, name, k);
    std::vector<Slot> tmp(t->elem->slots);
    convert(ctx, v, t->elem, tmp.data(), Mode::Write);
    Slot* dst = rt::map_insert(api::heap(ctx), reinterpret_cast<void*>(base.d), k);
    if (!tmp.empty()) std::memcpy(dst, tmp.data(), tmp.size() * sizeof(Slot));
    return;
  }
  fail(kTypeMismatch, "cannot set field on " + t->name);
}

void set_index(NativeCtx& ctx, Any base, Any key, Any v) {
  if (!base.t) fail(kNilBase, "cannot set index on nil");
  if (const RMethod* m = protocol(base.t, "DynSetIndex", 2, 1)) {
    Slot k[2];
    put_any(k, key);
    return call_setter(ctx, m, base.d, k, v);
  }
  const RType* t = base.t;
  switch (t->kind) {
    case Kind::Slice: {
      const Slot* s = reinterpret_cast<const Slot*>(base.d);
      if (!s[0] && !s[1]) fail(kNilBase, "cannot set index on nil slice");
      int64_t i = index_of(key, static_cast<int64_t>(s[1]), "slice");
      std::vector<Slot> tmp(t->elem->slots);
      convert(ctx, v, t->elem, tmp.data(), Mode::Write);
      store_elem(t->elem, reinterpret_cast<uint8_t*>(s[0]), i, tmp.data());
      return;
    }
    case Kind::Map: {
      if (!base.d) fail(kNilBase, "cannot set index on nil map");
      std::vector<Slot> k(t->key->slots);
      map_key(ctx, key, t->key, k.data());
      std::vector<Slot> tmp(t->elem->slots);
      convert(ctx, v, t->elem, tmp.data(), Mode::Write);
      Slot* dst;
      try {
        dst = rt::map_insert(api::heap(ctx), reinterpret_cast<void*>(base.d), k.data());
      } catch (rt::PanicError&) {
        fail(kBadIndex, "map key is not hashable");
      }
      if (!tmp.empty()) std::memcpy(dst, tmp.data(), tmp.size() * sizeof(Slot));
      return;
    }
    case Kind::Array: fail(kTypeMismatch, "cannot set index on value-type array");
    case Kind::String: fail(kTypeMismatch, "cannot set index on string");
    default: fail(kTypeMismatch, "cannot set index on " + t->name);
  }
}

// ---- results ------------------------------------------------------------------------

// The result block of a compiler-called native: the values the descriptor
// asks for, then the error.
struct Out {
  NativeCtx& ctx;
  Slot* res;
  const RType* desc;
  size_t nvals() const { return desc->results.size(); }
  uint32_t offset(size_t i) const {
    uint32_t o = 0;
    for (size_t j = 0; j < i; ++j) o += slots_of(desc->results[j]);
    return o;
  }
  Slot* err() const { return res + offset(nvals()); }
  // Value i read from v (checked against its target type).
  void set(size_t i, Any v) { convert(ctx, v, desc->results[i], res + offset(i), Mode::Read); }
};

// Writes the error of a failed operation to dst (two slots).
void write_error(NativeCtx& ctx, Slot* dst, Cat cat, const std::string& msg) {
  int64_t f = module_info(ctx).make_error;
  if (f < 0) api::panic("dynamic access: " + msg + " (package dyn is not part of the program)");
  rt::StringRef s = rt::string_from(api::heap(ctx), msg);
  Slot a[3] = {static_cast<Slot>(cat), reinterpret_cast<Slot>(s.ptr), static_cast<Slot>(s.len)};
  Slot r[2] = {0, 0};
  api::call(ctx, static_cast<uint32_t>(f), nullptr, a, r);
  dst[0] = r[0];
  dst[1] = r[1];
}

// Runs op (which fills the values), then writes the error slot; on failure
// the values are zero.
template <class F>
void run(NativeCtx& ctx, Slot* values, uint32_t nvalue_slots, Slot* err, F op) {
  try {
    op();
    err[0] = err[1] = 0;
    return;
  } catch (Fail& f) {
    std::memset(values, 0, nvalue_slots * sizeof(Slot));
    write_error(ctx, err, f.cat, f.msg);
  } catch (PassErr& p) {
    std::memset(values, 0, nvalue_slots * sizeof(Slot));
    err[0] = p.w[0];
    err[1] = p.w[1];
  }
}

const RType* desc_of(const Slot* s) { return reinterpret_cast<const RType*>(s[0]); }

// ---- calls ----------------------------------------------------------------------------

// The arguments of a dynamic call as `any`s (2 slots each; a spread slice
// contributes its elements). Call with collection paused: the boxes made for
// spread elements are held only here.
std::vector<Slot> collect_args(NativeCtx& ctx, const Slot* args, size_t nargs, bool spread) {
  size_t fixed = nargs;
  const Slot* sl = nullptr;
  const RType* st = nullptr;
  if (spread && nargs > 0) {
    Any s = any_at(args + 2 * (nargs - 1));
    fixed = nargs - 1;
    if (s.t && s.t->kind == Kind::Slice) {
      st = s.t;
      sl = reinterpret_cast<const Slot*>(s.d);
    } else if (s.t) {
      fail(kSigMismatch, "spread argument must be a slice");
    }
  }
  std::vector<Slot> out(args, args + 2 * fixed);
  int64_t n = sl ? static_cast<int64_t>(sl[1]) : 0;
  for (int64_t i = 0; i < n; ++i) {
    Any e = load_elem(ctx, st->elem, reinterpret_cast<const uint8_t*>(sl[0]), i);
    out.push_back(reinterpret_cast<Slot>(e.t));
    out.push_back(e.d);
  }
  return out;
}

// A dynamic call's operands: the callee's argument slots of the native.
struct CallArgs {
  const Slot* slots;
  size_t n;
  bool spread;
};

// Static assignability of a callee's result type to a target type.
bool result_assignable(NativeCtx& ctx, const RType* s, const RType* w) {
  if (w == nullptr || (w->kind == Kind::Interface && w->iface_methods.empty())) return true;
  if (w->kind == Kind::Interface) {
    if (s->kind == Kind::Interface) return iface_includes(s, w);
    return api::find_itab(ctx, s, w) != nullptr;
  }
  return assignable(s, w);
}

// Calls function fn (a closure's when closure is set) of signature sig with
// the receiver word recv first when has_recv and the `any` arguments
// converted to its parameters, and writes its results to out's values. The
// checks come first: a mismatched call is not made.
void do_call(NativeCtx& ctx, uint32_t fn, void* closure, const RType* sig, bool has_recv, Slot recv,
             const CallArgs& ca, Out& out) {
  const size_t want = out.nvals();
  if (sig->results.size() != want) {
    fail(kSigMismatch, "return count mismatch: expected " + std::to_string(want) +
                           " return value(s), function returns " + std::to_string(sig->results.size()) +
                           " (hint: adjust LHS variable count to match function signature)");
  }
  for (size_t i = 0; i < want; ++i)
    if (!result_assignable(ctx, sig->results[i], out.desc->results[i]))
      fail(kTypeMismatch, "dynamic return " + std::to_string(i) + " type mismatch: " + sig->results[i]->name +
                              " is not assignable to " + out.desc->results[i]->name);
  const size_t np = sig->params.size();
  const size_t fixed = sig->variadic && np > 0 ? np - 1 : np;

  // The argument slots, built with collection paused (they hold new boxes
  // and a new variadic slice until the callee's frame has them).
  std::vector<Slot> call_args;
  {
    NoGC nogc(ctx);
    std::vector<Slot> args = collect_args(ctx, ca.slots, ca.n, ca.spread);
    const size_t n = args.size() / 2;
    if (!sig->variadic && n != np)
      fail(kSigMismatch, "parameter count mismatch: expected " + std::to_string(np) + ", got " + std::to_string(n));
    if (sig->variadic && n < fixed)
      fail(kSigMismatch, "parameter count mismatch: expected at least " + std::to_string(fixed) + ", got " +
                             std::to_string(n));
    if (has_recv) call_args.push_back(recv);
    try {
      for (size_t i = 0; i < fixed; ++i) {
        size_t at = call_args.size();
        call_args.resize(at + sig->params[i]->slots);
        convert(ctx, any_at(&args[2 * i]), sig->params[i], call_args.data() + at, Mode::Write);
      }
      if (sig->variadic && np > 0) {
        const RType* e = sig->params.back()->elem;
        auto k = static_cast<int64_t>(n - fixed);
        rt::SliceRef s{nullptr, 0, 0};
        if (k > 0) {
          const rt::ObjLayout* l = e->elem_size == 1 ? rt::bytes_layout() : slots_layout(e->layout);
          s = rt::make_slice(api::heap(ctx), l, e->elem_size, k, k);
          std::vector<Slot> tmp(e->slots);
          for (int64_t j = 0; j < k; ++j) {
            convert(ctx, any_at(&args[2 * (fixed + static_cast<size_t>(j))]), e, tmp.data(), Mode::Write);
            store_elem(e, s.ptr, j, tmp.data());
          }
        }
        call_args.push_back(reinterpret_cast<Slot>(s.ptr));
        call_args.push_back(static_cast<Slot>(s.len));
        call_args.push_back(static_cast<Slot>(s.cap));
      }
    } catch (Fail& f) {
      fail(kSigMismatch, "argument type mismatch: " + f.msg);
    }
  }

  uint32_t nres = 0;
  for (const RType* r : sig->results) nres += r->slots;
  std::vector<Slot> results(nres ? nres : 1);
  invoke(ctx, fn, closure, call_args.data(), results.data());

  // The results are held only here until they are in out's slots.
  NoGC nogc(ctx);
  uint32_t src = 0;
  for (size_t i = 0; i < want; ++i) {
    const RType* s = sig->results[i];
    const RType* w = out.desc->results[i];
    Slot* dst = out.res + out.offset(i);
    if (w == nullptr || w->kind == Kind::Interface) {
      Any v = box(ctx, s, results.data() + src);
      convert(ctx, v, w, dst, Mode::Read);
    } else if (w->slots) {
      std::memcpy(dst, results.data() + src, w->slots * sizeof(Slot));
    }
    src += s->slots;
  }
}

// Calls a DynCall protocol method with the arguments as its ...any.
void call_protocol(NativeCtx& ctx, const RMethod* m, Slot recv, const CallArgs& ca, Out& out) {
  if (out.nvals() != 1)
    fail(kSigMismatch, "return count mismatch: DynCall returns 1 value, " + std::to_string(out.nvals()) + " expected");
  Slot a[4] = {recv, 0, 0, 0};
  {
    NoGC nogc(ctx);
    std::vector<Slot> args = collect_args(ctx, ca.slots, ca.n, ca.spread);
    auto n = static_cast<int64_t>(args.size() / 2);
    if (n > 0) {
      rt::SliceRef s =
          rt::make_slice(api::heap(ctx), slots_layout({SlotKind::IfaceType, SlotKind::IfaceData}), 16, n, n);
      std::memcpy(s.ptr, args.data(), args.size() * sizeof(Slot));
      a[1] = reinterpret_cast<Slot>(s.ptr);
      a[2] = a[3] = static_cast<Slot>(n);
    }
  }
  Slot r[4] = {0, 0, 0, 0};
  invoke(ctx, m->func, nullptr, a, r);
  if (r[2]) throw PassErr{{r[2], r[3]}};
  out.set(0, any_at(r));
}

// Calls the value `callee` (a function or a CallObject).
void call_value(NativeCtx& ctx, Any callee, const CallArgs& ca, Out& out, std::string_view what) {
  if (!callee.t) fail(kNilBase, "cannot call nil");
  if (const RMethod* m = protocol(callee.t, "DynCall", 1, 2)) return call_protocol(ctx, m, callee.d, ca, out);
  if (callee.t->kind != Kind::Func) fail(kBadCall, std::string(what) + " is not a function: " + callee.t->name);
  if (!callee.d) fail(kBadCall, "closure is null");
  auto* clo = reinterpret_cast<Slot*>(callee.d);
  do_call(ctx, static_cast<uint32_t>(clo[0]), clo, callee.t, false, 0, ca, out);
}

// ---- natives ---------------------------------------------------------------------------

void n_attr(NativeCtx& ctx, Slot* a, Slot* res) {
  Out out{ctx, res, desc_of(a + 2)};
  run(ctx, res, out.offset(out.nvals()), out.err(), [&] {
    Any v = get_attr(ctx, any_at(a), a + 3);
    if (out.nvals()) out.set(0, v);
  });
}

void n_index(NativeCtx& ctx, Slot* a, Slot* res) {
  Out out{ctx, res, desc_of(a + 2)};
  run(ctx, res, out.offset(out.nvals()), out.err(), [&] {
    Any v = get_index(ctx, any_at(a), any_at(a + 3));
    if (out.nvals()) out.set(0, v);
  });
}

void n_call(NativeCtx& ctx, Slot* a, Slot* res) {
  Out out{ctx, res, desc_of(a + 2)};
  run(ctx, res, out.offset(out.nvals()), out.err(), [&] {
    CallArgs args{a + 3, static_cast<size_t>(out.desc->len), out.desc->variadic};
    call_value(ctx, any_at(a), args, out, "value");
  });
}

void n_method(NativeCtx& ctx, Slot* a, Slot* res) {
  Out out{ctx, res, desc_of(a + 2)};
  run(ctx, res, out.offset(out.nvals()), out.err(), [&] {
    Any base = any_at(a);
    const Slot* name = a + 3;
    std::string_view nm = str_at(name);
    if (!base.t) fail(kNilBase, "cannot call method " + std::string(nm) + " on nil");
    CallArgs args{a + 5, static_cast<size_t>(out.desc->len), out.desc->variadic};
    if (const RMethod* m = protocol(base.t, "DynAttr", 1, 2)) {
      // The value DynAttr returns is held only here until the call has it
      // (nothing allocates before that).
      Any callee = call_getter(ctx, m, base.d, name);
      return call_value(ctx, callee, args, out, nm);
    }
    if (const RMethod* m = is_exported(nm) ? find_method(base.t, nm) : nullptr)
      return do_call(ctx, m->func, nullptr, m->sig, true, base.d, args, out);
    // A field holding a function (one slot: boxing it allocates nothing).
    const RType* st = base.t->kind == Kind::Pointer ? base.t->elem : base.t;
    if (st && st->kind == Kind::Struct && base.d) {
      FieldRef f = lookup_field(st, reinterpret_cast<Slot*>(base.d), nm);
      if (f.status == FieldRef::Found && !f.type->boxed) return call_value(ctx, box(ctx, f.type, f.addr), args, out, nm);
      if (f.status == FieldRef::Found) fail(kBadCall, std::string(nm) + " is not a function: " + f.type->name);
    }
    fail(kBadField, "method not found: " + std::string(nm) + " in " + base.t->name);
  });
}

// Body of a bound-method function: its closure captures {method function,
// receiver type word, receiver data word}.
void n_invoke(NativeCtx& ctx, Slot* a, Slot* res) {
  const Slot* clo = static_cast<const Slot*>(api::current_closure(ctx));
  auto fn = static_cast<uint32_t>(clo[1]);
  const bc::Function& f = api::module(ctx).funcs[fn];
  std::vector<Slot> args(f.param_slots ? f.param_slots : 1);
  args[0] = clo[3];
  if (f.param_slots > 1) std::memcpy(args.data() + 1, a, (f.param_slots - 1) * sizeof(Slot));
  api::call(ctx, fn, nullptr, args.data(), res);
}

void n_get_attr(NativeCtx& ctx, Slot* a, Slot* res) {
  run(ctx, res, 2, res + 2, [&] { put_any(res, get_attr(ctx, any_at(a), a + 2)); });
}

void n_get_index(NativeCtx& ctx, Slot* a, Slot* res) {
  run(ctx, res, 2, res + 2, [&] { put_any(res, get_index(ctx, any_at(a), any_at(a + 2))); });
}

void n_set_attr(NativeCtx& ctx, Slot* a, Slot* res) {
  run(ctx, res, 0, res, [&] { set_attr(ctx, any_at(a), a + 2, any_at(a + 4)); });
}

void n_set_index(NativeCtx& ctx, Slot* a, Slot* res) {
  run(ctx, res, 0, res, [&] { set_index(ctx, any_at(a), any_at(a + 2), any_at(a + 4)); });
}

const NativeDef kNatives[] = {
    {"dyn.GetAttr", n_get_attr},
    {"dyn.GetIndex", n_get_index},
    {"dyn.SetAttr", n_set_attr},
    {"dyn.SetIndex", n_set_index},
    {"dyn.$attr", n_attr},
    {"dyn.$index", n_index},
    {"dyn.$call", n_call},
    {"dyn.$method", n_method},
    {"dyn.$invoke", n_invoke},
};

}  // namespace

std::span<const NativeDef> dyn_natives() { return kNatives; }

}  // namespace vo::stdlib
