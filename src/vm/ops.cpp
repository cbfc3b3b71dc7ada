#include "vm/ops.h"

#include <unordered_map>

#include "runtime/heap.h"
#include "runtime/panic.h"
#include "runtime/strings.h"

namespace vo::vm {

namespace {

[[noreturn]] void fault(const std::string& msg) { throw rt::PanicError{"runtime error: " + msg}; }

std::string num(int64_t v) { return std::to_string(v); }

void store_value_as_elem(uint8_t* p, const Slot* v, const rt::RType* t) {
  if (t->elem_size == 1) *p = static_cast<uint8_t>(*v);
  else std::memcpy(p, v, t->slots * sizeof(Slot));
}

// Makes room for n more elements; returns the slice to write into.
rt::SliceRef grow_for(VM& vm, const Slot* src, int64_t n, const bc::Aux& elem) {
  rt::SliceRef s{reinterpret_cast<uint8_t*>(src[0]), static_cast<int64_t>(src[1]), static_cast<int64_t>(src[2])};
  if (s.len + n <= s.cap) return s;
  rt::SliceRef g = rt::grow_slice(vm.heap(), elem.layout, elem.type->elem_size, s, s.len + n);
  g.len = s.len;  // grow_slice reports the new length; callers append from the old one
  return g;
}

}  // namespace

Slot float_to_int(double d, uint8_t code) {
  if (std::isnan(d)) return 0;
  double t = std::trunc(d);
  auto clamp_s = [&](double lo, double hi) -> Slot {
    if (t <= lo) return static_cast<Slot>(static_cast<int64_t>(lo));
    if (t >= hi) return static_cast<Slot>(static_cast<int64_t>(hi));
    return static_cast<Slot>(static_cast<int64_t>(t));
  };
  auto clamp_u = [&](double hi) -> Slot {
    if (t <= 0) return 0;
    if (t >= hi) return static_cast<Slot>(hi);
    return static_cast<Slot>(t);
  };
  switch (code) {
    case 1: return clamp_s(-128.0, 127.0);
    case 2: return clamp_s(-32768.0, 32767.0);
    case 3: return clamp_s(-2147483648.0, 2147483647.0);
    case 4: return clamp_u(255.0);
    case 5: return clamp_u(65535.0);
    case 6: return clamp_u(4294967295.0);
    case 7:
      if (t <= 0) return 0;
      if (t >= 18446744073709551616.0) return ~Slot{0};
      return static_cast<Slot>(t);
    default:
      if (t <= -9223372036854775808.0) return static_cast<Slot>(INT64_MIN);
      if (t >= 9223372036854775808.0) return static_cast<Slot>(INT64_MAX);
      return static_cast<Slot>(static_cast<int64_t>(t));
  }
}

void slice_fault(int64_t lo, int64_t hi, int64_t max, uint8_t given, bool is_string, int64_t cap) {
  // Go's texts: strings and arrays are checked against their length, slices
  // against their capacity.
  const char* what = (is_string || (given & 8)) ? "length" : "capacity";
  if (given & 4) {  // 3-index form
    if (max < 0 || max > cap) fault("slice bounds out of range [::" + num(max) + "] with " + what + " " + num(cap));
    if (hi < 0 || hi > max) fault("slice bounds out of range [:" + num(hi) + ":" + num(max) + "]");
    fault("slice bounds out of range [" + num(lo) + ":" + num(hi) + ":]");
  }
  if (hi < 0 || hi > cap) fault("slice bounds out of range [:" + num(hi) + "] with " + what + " " + num(cap));
  if (lo < 0) fault("slice bounds out of range [" + num(lo) + ":]");
  fault("slice bounds out of range [" + num(lo) + ":" + num(hi) + "]");
}

void append_values(VM& vm, Slot* dst, const Slot* src, const Slot* values, int64_t n, const bc::Aux& elem) {
  rt::SliceRef s = grow_for(vm, src, n, elem);
  uint32_t es = elem.type->elem_size;
  uint32_t vs = elem.type->slots;
  for (int64_t i = 0; i < n; ++i) store_value_as_elem(s.ptr + (s.len + i) * es, values + i * vs, elem.type);
  put_slice(dst, rt::SliceRef{s.ptr, s.len + n, s.cap});
}

void append_raw(VM& vm, Slot* dst, const Slot* src, const uint8_t* p, int64_t n, const bc::Aux& elem) {
  if (n == 0) {
    std::memmove(dst, src, 3 * sizeof(Slot));
    return;
  }
  // p may point into src's own backing array; growing copies the old
  // elements first, and memmove handles the overlap when there is room.
  rt::HandleScope hs(vm.heap());
  Slot& keep = hs.slot();
  keep = reinterpret_cast<Slot>(p);
  rt::SliceRef s = grow_for(vm, src, n, elem);
  uint32_t es = elem.type->elem_size;
  std::memmove(s.ptr + s.len * es, reinterpret_cast<const uint8_t*>(keep), static_cast<size_t>(n) * es);
  put_slice(dst, rt::SliceRef{s.ptr, s.len + n, s.cap});
}

void box_value(VM& vm, Slot* dst, const Slot* src, const bc::Aux& ax) {
  const rt::RType* t = ax.type;
  Slot data;
  if (!t->boxed) {
    data = src[0];
  } else {
    Slot* b = static_cast<Slot*>(vm.heap().alloc(ax.layout, t->slots * sizeof(Slot), 1));
    std::memcpy(b, src, t->slots * sizeof(Slot));
    data = reinterpret_cast<Slot>(b);
  }
  dst[0] = reinterpret_cast<Slot>(ax.ptr);
  dst[1] = data;
}

static void copy_out(Slot* dst, const rt::RType* t, Slot data) {
  if (!t->boxed) dst[0] = data;
  else if (t->slots) std::memcpy(dst, reinterpret_cast<const Slot*>(data), t->slots * sizeof(Slot));
}

void unbox_value(VM& vm, Slot* dst, const Slot* iface, const bc::Aux& ax, bool comma_ok) {
  const rt::RType* want = ax.type;
  const rt::RType* dyn = rt::dynamic_type(reinterpret_cast<const void*>(iface[0]));
  Slot data = iface[1];
  if (dyn == want) {
    copy_out(dst, want, data);
    if (comma_ok) dst[want->slots] = 1;
    return;
  }
  if (!comma_ok) fault("interface conversion: interface is nil, not");
  std::memset(dst, 0, (want->slots + 1) * sizeof(Slot));
}

const rt::Itab* VM::find_itab(const rt::RType* dyn, const rt::RType* iface) {
  auto key = std::make_pair(dyn, iface);
  auto it = itab_cache_.find(key);
  if (it != itab_cache_.end()) return it->second;
  rt::Itab tab{dyn, iface, {}};
  const rt::Itab* result = nullptr;
  bool ok = true;
  // A method matches by name and identical signature.
  for (size_t i = 0; i < iface->iface_methods.size(); ++i) {
    const std::string& name = iface->iface_methods[i];
    const rt::RMethod* found = nullptr;
    for (const rt::RMethod& m : dyn->methods)
      if (m.name == name && m.sig == iface->iface_method_sigs[i]) { found = &m; break; }
    if (!found) { ok = false; break; }
    tab.funcs.push_back(found->func);
  }
  if (ok) {
    itabs_.push_back(std::move(tab));
    result = &itabs_.back();
  }
  itab_cache_[key] = result;
  return result;
}

void iface_assert(VM& vm, Slot* dst, const Slot* iface, const bc::Aux& ax, bool comma_ok) {
  const rt::RType* dyn = rt::dynamic_type(reinterpret_cast<const void*>(iface[0]));
  const void* word = nullptr;
  if (dyn) word = ax.type->iface_methods.empty() ? static_cast<const void*>(dyn) : vm.find_itab(dyn, ax.type);
  if (word) {
    dst[0] = reinterpret_cast<Slot>(word);
    dst[1] = iface[1];
    if (comma_ok) dst[2] = 1;
    return;
  }
  if (!comma_ok) fault("interface conversion: interface is nil, not");
  dst[0] = dst[1] = dst[2] = 0;
}

void iface_convert(VM& vm, Slot* dst, const Slot* iface, const bc::Aux& ax) {
  const rt::RType* dyn = rt::dynamic_type(reinterpret_cast<const void*>(iface[0]));
  Slot data = iface[1];
  if (!dyn) {
    dst[0] = dst[1] = 0;
    return;
  }
  const void* word = ax.type->iface_methods.empty() ? static_cast<const void*>(dyn) : vm.find_itab(dyn, ax.type);
  dst[0] = reinterpret_cast<Slot>(word);
  dst[1] = data;
}

bool type_matches(VM& vm, const void* type_word, const bc::Aux& ax) {
  const rt::RType* dyn = rt::dynamic_type(type_word);
  if (!dyn) return false;
  if (ax.type->kind != rt::Kind::Interface) return dyn == ax.type;
  return ax.type->iface_methods.empty() || vm.find_itab(dyn, ax.type) != nullptr;
}

}  // namespace vo::vm
