// Natives of package cmp: whether a value held in an `any` is the zero
// value of its dynamic type (for cmp.Or).
#include <cmath>
#include <cstring>
#include <string>

#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Kind;
using rt::Slot;

// Go's `v == zero` for comparable kinds (so -0.0 is zero and NaN is not);
// for slices, maps and functions, whether v is nil.
bool value_is_zero(const rt::RType* t, const Slot* v) {
  switch (t->kind) {
    case Kind::Float32:
    case Kind::Float64: {
      double d;
      std::memcpy(&d, v, 8);
      return d == 0;
    }
    case Kind::String: return v[1] == 0;
    case Kind::Interface: return v[0] == 0;
    case Kind::Slice: return v[0] == 0;
    case Kind::Array: {
      const rt::RType* e = t->elem;
      if (e->elem_size == 1) {  // packed bytes
        const uint8_t* p = reinterpret_cast<const uint8_t*>(v);
        for (int64_t i = 0; i < t->len; ++i)
          if (p[i] != 0) return false;
        return true;
      }
      for (int64_t i = 0; i < t->len; ++i)
        if (!value_is_zero(e, v + i * e->slots)) return false;
      return true;
    }
    case Kind::Struct:
      for (const rt::RField& f : t->fields)
        if (!value_is_zero(f.type, v + f.offset)) return false;
      return true;
    default:  // integers, bools, pointers, maps, funcs, chans, ports, islands
      return v[0] == 0;
  }
}

// func isZeroValue(v any) bool
void is_zero_value(vm::NativeCtx&, Slot* a, Slot* r) {
  const rt::RType* t = api::iface_type(a);
  if (!t) {
    api::ret_bool(r, true);
    return;
  }
  const Slot* v = api::iface_value(a);
  // A value of zero size may have no box.
  api::ret_bool(r, v == nullptr || value_is_zero(t, v));
}

template <typename T>
int three_way(T a, T b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

std::string type_name(const rt::RType* t) { return t ? t->name : "nil"; }

// func Compare(a, b any) int
void compare(vm::NativeCtx&, Slot* a, Slot* r) {
  const rt::RType* t = api::iface_type(a);
  const rt::RType* u = api::iface_type(a + 2);
  if (t != u) api::panic("cmp.Compare: mismatched types " + type_name(t) + " and " + type_name(u));
  if (!t) api::panic("cmp.Compare: unordered type nil");
  const Slot* x = api::iface_value(a);
  const Slot* y = api::iface_value(a + 2);
  int c;
  switch (t->kind) {
    case Kind::Int: case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64:
      c = three_way(static_cast<int64_t>(x[0]), static_cast<int64_t>(y[0]));
      break;
    case Kind::Uint: case Kind::Uint8: case Kind::Uint16: case Kind::Uint32: case Kind::Uint64:
      c = three_way(x[0], y[0]);
      break;
    case Kind::Float32:
    case Kind::Float64: {
      double p, q;
      std::memcpy(&p, x, 8);
      std::memcpy(&q, y, 8);
      bool pn = std::isnan(p), qn = std::isnan(q);
      c = pn ? (qn ? 0 : -1) : qn ? 1 : three_way(p, q);
      break;
    }
    case Kind::String: {
      size_t lx = static_cast<size_t>(x[1]), ly = static_cast<size_t>(y[1]);
      size_t n = lx < ly ? lx : ly;
      int m = n ? std::memcmp(reinterpret_cast<const void*>(x[0]), reinterpret_cast<const void*>(y[0]), n) : 0;
      c = m < 0 ? -1 : m > 0 ? 1 : three_way(lx, ly);
      break;
    }
    default:
      api::panic("cmp.Compare: unordered type " + t->name);
  }
  api::ret_int(r, c);
}

constexpr NativeDef kNatives[] = {
    {"cmp.isZeroValue", is_zero_value},
    {"cmp.Compare", compare},
};

}  // namespace

std::span<const NativeDef> cmp_natives() { return kNatives; }

}  // namespace vo::stdlib
