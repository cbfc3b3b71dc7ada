// Natives of package slices: the functions that take a slice of any
// element type held in an `any` (Sort, IsSorted, Reverse, Index, Contains,
// Equal, BinarySearch), working on the slice's memory directly.
#include <cmath>
#include <cstring>
#include <string>

#include "stdlib/registry.h"
#include "stdlib/sort/pdqsort.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Kind;
using rt::Slot;

// One element of a slice: its type and where it lives.
struct Elem {
  const rt::RType* t;
  const uint8_t* p;
};

enum class Class { Signed, Unsigned, Float, String, Bool, Iface, Other };

Class classify(const rt::RType* t) {
  switch (t->kind) {
    case Kind::Int: case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64:
      return Class::Signed;
    case Kind::Uint: case Kind::Uint8: case Kind::Uint16: case Kind::Uint32: case Kind::Uint64:
      return Class::Unsigned;
    case Kind::Float32: case Kind::Float64: return Class::Float;
    case Kind::String: return Class::String;
    case Kind::Bool: return Class::Bool;
    case Kind::Interface: return Class::Iface;
    default: return Class::Other;
  }
}

// The scalar in an element (packed 1-byte elements are bool, int8, uint8).
Slot load(const rt::RType* t, const uint8_t* p) {
  if (t->elem_size == 1) {
    if (t->kind == Kind::Int8) return static_cast<Slot>(static_cast<int64_t>(static_cast<int8_t>(*p)));
    return *p;
  }
  Slot s;
  std::memcpy(&s, p, 8);
  return s;
}

double as_double(Slot s) {
  double d;
  std::memcpy(&d, &s, 8);
  return d;
}

std::string_view as_string(const uint8_t* p) {
  Slot s[2];
  std::memcpy(s, p, 16);
  return {reinterpret_cast<const char*>(s[0]), static_cast<size_t>(s[1])};
}

struct SliceArg {
  rt::SliceRef s;
  const rt::RType* elem;
  uint32_t size;
  const uint8_t* at(int64_t i) const { return s.ptr + i * size; }
};

// The slice in the `any` at a; panics naming fn unless it holds a slice
// (of an ordered element type when `ordered`).
SliceArg slice_arg(const Slot* a, const char* fn, bool ordered) {
  const rt::RType* t = api::iface_type(a);
  if (!t || t->kind != Kind::Slice)
    api::panic(std::string("slices.") + fn + ": " + (t ? t->name : "nil") + " is not a slice");
  Class c = classify(t->elem);
  if (ordered ? (c == Class::Bool || c == Class::Iface || c == Class::Other) : c == Class::Other)
    api::panic(std::string("slices.") + fn + ": unsupported element type " + t->elem->name);
  const Slot* v = api::iface_value(a);
  rt::SliceRef s = v ? api::arg_slice(v) : rt::SliceRef{nullptr, 0, 0};
  return {s, t->elem, t->elem->elem_size};
}

// Go's cmp.Compare on two elements of the same ordered type (NaN first).
int compare_same(const rt::RType* t, const uint8_t* x, const uint8_t* y) {
  switch (classify(t)) {
    case Class::Signed: {
      auto a = static_cast<int64_t>(load(t, x)), b = static_cast<int64_t>(load(t, y));
      return a < b ? -1 : a > b ? 1 : 0;
    }
    case Class::Unsigned: {
      Slot a = load(t, x), b = load(t, y);
      return a < b ? -1 : a > b ? 1 : 0;
    }
    case Class::Float: {
      double a = as_double(load(t, x)), b = as_double(load(t, y));
      bool an = std::isnan(a), bn = std::isnan(b);
      if (an || bn) return an && bn ? 0 : an ? -1 : 1;
      return a < b ? -1 : a > b ? 1 : 0;
    }
    case Class::String: {
      int c = as_string(x).compare(as_string(y));
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    default: return 0;
  }
}

// Compares an element with a value held in an `any`: values of numeric
// types compare by value (so an untyped constant, an int, finds an
// element of any integer or float type), strings with strings, bools with
// bools, and interface elements with ==. Returns false in *ok when the two
// cannot be compared.
int compare_value(const rt::RType* t, const uint8_t* p, const Slot* v, bool* ok) {
  *ok = true;
  const rt::RType* vt = api::iface_type(v);
  Class ec = classify(t);
  if (ec == Class::Iface) {
    Slot e[2];
    std::memcpy(e, p, 16);
    return api::iface_equal(e, v) ? 0 : 1;
  }
  if (!vt) {
    *ok = false;
    return 0;
  }
  Class vc = classify(vt);
  const Slot* vv = api::iface_value(v);
  auto three = [](auto a, auto b) { return a < b ? -1 : a > b ? 1 : 0; };
  if (ec == Class::String || vc == Class::String) {
    if (ec != vc) *ok = false;
    return *ok ? three(as_string(p), std::string_view(reinterpret_cast<const char*>(vv[0]), static_cast<size_t>(vv[1])))
               : 0;
  }
  if (ec == Class::Bool || vc == Class::Bool) {
    if (ec != vc) *ok = false;
    return *ok ? (load(t, p) == vv[0] ? 0 : 1) : 0;
  }
  if (ec == Class::Other || vc == Class::Other || vc == Class::Iface) {
    *ok = false;
    return 0;
  }
  Slot e = load(t, p), w = vv[0];
  if (ec == Class::Float || vc == Class::Float) {
    double a = ec == Class::Float ? as_double(e) : ec == Class::Signed ? static_cast<double>(static_cast<int64_t>(e))
                                                                       : static_cast<double>(e);
    double b = vc == Class::Float ? as_double(w) : vc == Class::Signed ? static_cast<double>(static_cast<int64_t>(w))
                                                                       : static_cast<double>(w);
    bool an = std::isnan(a), bn = std::isnan(b);
    if (an || bn) return an && bn ? 0 : an ? -1 : 1;
    return three(a, b);
  }
  // Integers of any signedness, compared exactly.
  bool eneg = ec == Class::Signed && static_cast<int64_t>(e) < 0;
  bool wneg = vc == Class::Signed && static_cast<int64_t>(w) < 0;
  if (eneg != wneg) return eneg ? -1 : 1;
  return eneg ? three(static_cast<int64_t>(e), static_cast<int64_t>(w)) : three(e, w);
}

// An ordered slice for pdqsort (Go's slices.Sort runs the same algorithm).
struct OrderedData {
  SliceArg a;
  uint8_t tmp[16];
  bool less(int64_t i, int64_t j) const { return compare_same(a.elem, a.at(i), a.at(j)) < 0; }
  void swap(int64_t i, int64_t j) {
    uint8_t* p = const_cast<uint8_t*>(a.at(i));
    uint8_t* q = const_cast<uint8_t*>(a.at(j));
    std::memcpy(tmp, p, a.size);
    std::memcpy(p, q, a.size);
    std::memcpy(q, tmp, a.size);
  }
};

// func Sort(x any)
void sort_any(vm::NativeCtx&, Slot* a, Slot*) {
  SliceArg s = slice_arg(a, "Sort", true);
  OrderedData d{s, {}};
  pdqsort(d, s.s.len);
}

// func IsSorted(x any) bool
void is_sorted(vm::NativeCtx&, Slot* a, Slot* r) {
  SliceArg s = slice_arg(a, "IsSorted", true);
  for (int64_t i = s.s.len - 1; i > 0; i--) {
    if (compare_same(s.elem, s.at(i), s.at(i - 1)) < 0) {
      api::ret_bool(r, false);
      return;
    }
  }
  api::ret_bool(r, true);
}

// func Reverse(x any)
void reverse(vm::NativeCtx&, Slot* a, Slot*) {
  const rt::RType* t = api::iface_type(a);
  if (!t || t->kind != Kind::Slice)
    api::panic(std::string("slices.Reverse: ") + (t ? t->name : "nil") + " is not a slice");
  const Slot* v = api::iface_value(a);
  if (!v) return;
  rt::SliceRef s = api::arg_slice(v);
  uint32_t size = t->elem->elem_size;
  uint8_t tmp[64];
  for (int64_t i = 0, j = s.len - 1; i < j; i++, j--) {
    uint8_t* p = s.ptr + i * size;
    uint8_t* q = s.ptr + j * size;
    for (uint32_t off = 0; off < size; off += sizeof tmp) {
      uint32_t n = size - off < sizeof tmp ? size - off : static_cast<uint32_t>(sizeof tmp);
      std::memcpy(tmp, p + off, n);
      std::memcpy(p + off, q + off, n);
      std::memcpy(q + off, tmp, n);
    }
  }
}

int64_t index_of(const Slot* a, const char* fn) {
  SliceArg s = slice_arg(a, fn, false);
  for (int64_t i = 0; i < s.s.len; i++) {
    bool ok;
    int c = compare_value(s.elem, s.at(i), a + 2, &ok);
    if (!ok) {
      const rt::RType* vt = api::iface_type(a + 2);
      api::panic(std::string("slices.") + fn + ": cannot compare " + s.elem->name + " element with " +
                 (vt ? vt->name : "nil"));
    }
    if (c == 0 && !(classify(s.elem) == Class::Float && std::isnan(as_double(load(s.elem, s.at(i))))))
      return i;
  }
  return -1;
}

// func Index(x any, v any) int
void index(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_int(r, index_of(a, "Index")); }

// func Contains(x any, v any) bool
void contains(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_bool(r, index_of(a, "Contains") >= 0); }

// func Equal(x, y any) bool: same length and == elements (NaNs differ).
void equal(vm::NativeCtx&, Slot* a, Slot* r) {
  SliceArg x = slice_arg(a, "Equal", false);
  SliceArg y = slice_arg(a + 2, "Equal", false);
  if (x.elem != y.elem) api::panic("slices.Equal: slices of different types " + api::iface_type(a)->name + " and " +
                                   api::iface_type(a + 2)->name);
  bool eq = x.s.len == y.s.len;
  Class c = classify(x.elem);
  for (int64_t i = 0; eq && i < x.s.len; i++) {
    switch (c) {
      case Class::Iface: {
        Slot e[2], f[2];
        std::memcpy(e, x.at(i), 16);
        std::memcpy(f, y.at(i), 16);
        eq = api::iface_equal(e, f);
        break;
      }
      case Class::String: eq = as_string(x.at(i)) == as_string(y.at(i)); break;
      case Class::Float: eq = as_double(load(x.elem, x.at(i))) == as_double(load(x.elem, y.at(i))); break;
      default: eq = load(x.elem, x.at(i)) == load(x.elem, y.at(i)); break;
    }
  }
  api::ret_bool(r, eq);
}

// func BinarySearch(x any, target any) (int, bool)
void binary_search(vm::NativeCtx&, Slot* a, Slot* r) {
  SliceArg s = slice_arg(a, "BinarySearch", true);
  int64_t lo = 0, hi = s.s.len;
  bool ok = true;
  while (lo < hi) {
    int64_t h = static_cast<int64_t>(static_cast<uint64_t>(lo + hi) >> 1);
    if (compare_value(s.elem, s.at(h), a + 2, &ok) < 0)
      lo = h + 1;
    else
      hi = h;
    if (!ok) break;
  }
  bool found = ok && lo < s.s.len && compare_value(s.elem, s.at(lo), a + 2, &ok) == 0;
  if (!ok) {
    const rt::RType* vt = api::iface_type(a + 2);
    api::panic(std::string("slices.BinarySearch: cannot compare ") + s.elem->name + " element with " +
               (vt ? vt->name : "nil"));
  }
  api::ret_int(r, lo);
  api::ret_bool(r + 1, found);
}

constexpr NativeDef kNatives[] = {
    {"slices.Sort", sort_any},   {"slices.IsSorted", is_sorted}, {"slices.Reverse", reverse},
    {"slices.Index", index},     {"slices.Contains", contains},  {"slices.Equal", equal},
    {"slices.BinarySearch", binary_search},
};

}  // namespace

std::span<const NativeDef> slices_natives() { return kNatives; }

}  // namespace vo::stdlib
