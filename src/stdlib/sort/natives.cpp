// Natives of package sort: sorting []int, []float64 and []string in place
// with the pattern-defeating quicksort of Go's sort package (the same
// algorithm as sort.vo's, so that even the order of elements that compare
// equal, such as -0 and +0, is Go's), and the element swap behind
// sort.Slice on a slice of any type held in an `any`.
#include <cstring>
#include <string>
#include <vector>

#include "stdlib/registry.h"
#include "stdlib/sort/pdqsort.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

struct Ints {
  int64_t* x;
  bool less(int64_t i, int64_t j) const { return x[i] < x[j]; }
  void swap(int64_t i, int64_t j) { std::swap(x[i], x[j]); }
};

struct Float64s {
  double* x;
  bool less(int64_t i, int64_t j) const { return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j]); }
  void swap(int64_t i, int64_t j) { std::swap(x[i], x[j]); }
};

struct Strings {
  Slot* x;  // {ptr, len} pairs
  bool less(int64_t i, int64_t j) const {
    api::Slot* a = x + 2 * i;
    api::Slot* b = x + 2 * j;
    size_t la = static_cast<size_t>(a[1]), lb = static_cast<size_t>(b[1]);
    size_t n = la < lb ? la : lb;
    int c = n ? std::memcmp(reinterpret_cast<const void*>(a[0]), reinterpret_cast<const void*>(b[0]), n) : 0;
    return c < 0 || (c == 0 && la < lb);
  }
  void swap(int64_t i, int64_t j) {
    std::swap(x[2 * i], x[2 * j]);
    std::swap(x[2 * i + 1], x[2 * j + 1]);
  }
};

// func sortInts(x []int)
void sort_ints(vm::NativeCtx&, Slot* a, Slot*) {
  rt::SliceRef s = api::arg_slice(a);
  Ints d{reinterpret_cast<int64_t*>(s.ptr)};
  pdqsort(d, s.len);
}

// func sortFloat64s(x []float64)
void sort_float64s(vm::NativeCtx&, Slot* a, Slot*) {
  rt::SliceRef s = api::arg_slice(a);
  Float64s d{reinterpret_cast<double*>(s.ptr)};
  pdqsort(d, s.len);
}

// func sortStrings(x []string)
void sort_strings(vm::NativeCtx&, Slot* a, Slot*) {
  rt::SliceRef s = api::arg_slice(a);
  Strings d{reinterpret_cast<Slot*>(s.ptr)};
  pdqsort(d, s.len);
}

// reflect.Kind's names, for Go's panic texts.
const char* kind_name(const rt::RType* t) {
  if (!t) return nullptr;
  switch (t->kind) {
    case rt::Kind::Bool: return "bool";
    case rt::Kind::Int: return "int";
    case rt::Kind::Int8: return "int8";
    case rt::Kind::Int16: return "int16";
    case rt::Kind::Int32: return "int32";
    case rt::Kind::Int64: return "int64";
    case rt::Kind::Uint: return "uint";
    case rt::Kind::Uint8: return "uint8";
    case rt::Kind::Uint16: return "uint16";
    case rt::Kind::Uint32: return "uint32";
    case rt::Kind::Uint64: return "uint64";
    case rt::Kind::Float32: return "float32";
    case rt::Kind::Float64: return "float64";
    case rt::Kind::String: return "string";
    case rt::Kind::Array: return "array";
    case rt::Kind::Slice: return "slice";
    case rt::Kind::Struct: return "struct";
    case rt::Kind::Pointer: return "ptr";
    case rt::Kind::Func: return "func";
    case rt::Kind::Interface: return "interface";
    case rt::Kind::Map: return "map";
    case rt::Kind::Chan: return "chan";
    case rt::Kind::Port: return "port";
    case rt::Kind::Island: return "island";
  }
  return "invalid";
}

// The slice in the `any` at a, or a Go-style panic naming `method` (as
// reflect's ValueError does) if it holds something else.
rt::SliceRef any_slice(Slot* a, const char* method, uint32_t* elem_size) {
  const rt::RType* t = api::iface_type(a);
  if (!t || t->kind != rt::Kind::Slice) {
    std::string m = std::string("reflect: call of ") + method + " on ";
    m += t ? std::string(kind_name(t)) + " Value" : "zero Value";
    api::panic(m);
  }
  if (elem_size) *elem_size = t->elem ? t->elem->elem_size : 8;
  const Slot* v = api::iface_value(a);
  if (!v) return {nullptr, 0, 0};
  return api::arg_slice(v);
}

// func anyLen(x any) int: reflect's Value.Len, which also accepts
// strings, arrays and maps.
void any_len(vm::NativeCtx&, Slot* a, Slot* r) {
  int64_t n = api::iface_len(a);
  if (n < 0) {
    const rt::RType* t = api::iface_type(a);
    api::panic(std::string("reflect: call of reflect.Value.Len on ") + (t ? std::string(kind_name(t)) + " Value" : "zero Value"));
  }
  api::ret_int(r, n);
}

// func checkSwapper(x any): the check reflect.Swapper makes.
void check_swapper(vm::NativeCtx&, Slot* a, Slot*) { any_slice(a, "Swapper", nullptr); }

// func anySwap(x any, i, j int)
void any_swap(vm::NativeCtx&, Slot* a, Slot*) {
  uint32_t size;
  rt::SliceRef s = any_slice(a, "Swapper", &size);
  uint64_t i = a[2], j = a[3];
  if (i >= static_cast<uint64_t>(s.len) || j >= static_cast<uint64_t>(s.len))
    api::panic("reflect: slice index out of range");
  if (i == j) return;
  uint8_t* p = s.ptr + i * size;
  uint8_t* q = s.ptr + j * size;
  if (size == 8) {
    std::swap(*reinterpret_cast<Slot*>(p), *reinterpret_cast<Slot*>(q));
    return;
  }
  uint8_t tmp[64];
  while (size > 0) {
    uint32_t n = size < sizeof tmp ? size : static_cast<uint32_t>(sizeof tmp);
    std::memcpy(tmp, p, n);
    std::memcpy(p, q, n);
    std::memcpy(q, tmp, n);
    p += n;
    q += n;
    size -= n;
  }
}

// func permute(x any, idx []int): x[i] = old x[idx[i]], where idx is a
// permutation of the indexes of x.
void permute(vm::NativeCtx&, Slot* a, Slot*) {
  uint32_t size;
  rt::SliceRef s = any_slice(a, "Swapper", &size);
  rt::SliceRef p = api::arg_slice(a + 2);
  if (p.len != s.len) api::panic("sort: bad permutation");
  const int64_t* idx = reinterpret_cast<const int64_t*>(p.ptr);
  std::vector<bool> seen(static_cast<size_t>(s.len));
  for (int64_t i = 0; i < s.len; i++) {
    if (idx[i] < 0 || idx[i] >= s.len || seen[idx[i]]) api::panic("sort: bad permutation");
    seen[idx[i]] = true;
  }
  // No allocation happens while the old elements (pointers included) sit
  // outside the Vo heap, so the collector cannot run and miss them.
  std::vector<uint8_t> old(s.ptr, s.ptr + s.len * size);
  for (int64_t i = 0; i < s.len; i++) std::memcpy(s.ptr + i * size, old.data() + idx[i] * size, size);
}

constexpr NativeDef kNatives[] = {
    {"sort.sortInts", sort_ints},       {"sort.sortFloat64s", sort_float64s},
    {"sort.sortStrings", sort_strings}, {"sort.anyLen", any_len},
    {"sort.checkSwapper", check_swapper}, {"sort.anySwap", any_swap},
    {"sort.permute", permute},
};

}  // namespace

std::span<const NativeDef> sort_natives() { return kNatives; }

}  // namespace vo::stdlib
