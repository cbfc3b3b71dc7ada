#include "runtime/value_ops.h"

#include <atomic>
#include <bit>
#include <cmath>

#include "runtime/panic.h"

namespace vo::rt {
namespace {

constexpr uint64_t kMul0 = 0x9e3779b97f4a7c15ull;
constexpr uint64_t kMul1 = 0xd6e8feb86659fd93ull;
constexpr uint64_t kMul2 = 0xa0761d6478bd642full;

// Folded 64x64->128 multiply: every input bit affects the whole result.
inline uint64_t fold_mul(uint64_t a, uint64_t b) {
  __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

[[noreturn]] void uncomparable() {
  throw_panic("runtime error: comparing uncomparable type in interface value");
}
[[noreturn]] void unhashable() { throw_panic("runtime error: hash of unhashable type"); }

double slot_double(Slot s) { return std::bit_cast<double>(s); }

// NaN keys never match, so their hash only needs to spread them out.
uint64_t nan_hash() {
  static std::atomic<uint64_t> counter{0};
  return counter.fetch_add(kMul0, std::memory_order_relaxed);
}

const Slot* boxed_data(const RType* t, const Slot& data) {
  return t->boxed ? reinterpret_cast<const Slot*>(data) : &data;
}

}  // namespace

uint64_t hash_word(uint64_t w, uint64_t seed) { return fold_mul(w ^ kMul0, seed ^ kMul1); }

uint64_t hash_bytes(const uint8_t* p, size_t n, uint64_t seed) {
  uint64_t h = fold_mul(seed ^ kMul2, n ^ kMul1);
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = fold_mul(h ^ w, kMul0);
  }
  if (n) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = fold_mul(h ^ w, kMul1);
  }
  return h;
}

bool iface_equal(const void* tw1, Slot d1, const void* tw2, Slot d2) {
  const RType* t = dynamic_type(tw1);
  if (t != dynamic_type(tw2)) return false;
  if (!t) return true;
  if (!t->comparable) uncomparable();
  return values_equal(t, boxed_data(t, d1), boxed_data(t, d2));
}

bool values_equal(const RType* t, const Slot* a, const Slot* b) {
  switch (t->kind) {
    case Kind::Float32:
    case Kind::Float64:
      return slot_double(a[0]) == slot_double(b[0]);
    case Kind::String:
      return strings_equal({reinterpret_cast<const uint8_t*>(a[0]), static_cast<int64_t>(a[1])},
                           {reinterpret_cast<const uint8_t*>(b[0]), static_cast<int64_t>(b[1])});
    case Kind::Interface:
      return iface_equal(reinterpret_cast<const void*>(a[0]), a[1], reinterpret_cast<const void*>(b[0]), b[1]);
    case Kind::Array: {
      const RType* e = t->elem;
      if (e->elem_size == 1)  // packed bytes; unused bytes are always zero
        return std::memcmp(a, b, static_cast<size_t>(t->len)) == 0;
      for (int64_t i = 0; i < t->len; ++i)
        if (!values_equal(e, a + i * e->slots, b + i * e->slots)) return false;
      return true;
    }
    case Kind::Struct:
      for (const RField& f : t->fields) {
        if (f.name == "_") continue;  // blank fields do not take part, as in Go
        if (!values_equal(f.type, a + f.offset, b + f.offset)) return false;
      }
      return true;
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func:
      uncomparable();
    default:  // integers, bools, pointers, chans, ports, islands
      return a[0] == b[0];
  }
}

uint64_t hash_iface(const void* type_word, Slot data, uint64_t seed) {
  const RType* t = dynamic_type(type_word);
  if (!t) return hash_word(0, seed);
  if (!t->comparable) unhashable();
  return hash_value(t, boxed_data(t, data), hash_word(reinterpret_cast<uintptr_t>(t), seed));
}

uint64_t hash_value(const RType* t, const Slot* v, uint64_t seed) {
  switch (t->kind) {
    case Kind::Float32:
    case Kind::Float64: {
      double d = slot_double(v[0]);
      if (d == 0) return hash_word(0, seed);  // +0 and -0
      if (std::isnan(d)) return hash_word(nan_hash(), seed);
      return hash_word(v[0], seed);
    }
    case Kind::String:
      return hash_bytes(reinterpret_cast<const uint8_t*>(v[0]), static_cast<size_t>(v[1]), seed);
    case Kind::Interface:
      return hash_iface(reinterpret_cast<const void*>(v[0]), v[1], seed);
    case Kind::Array: {
      const RType* e = t->elem;
      if (e->elem_size == 1) return hash_bytes(reinterpret_cast<const uint8_t*>(v), static_cast<size_t>(t->len), seed);
      uint64_t h = seed;
      for (int64_t i = 0; i < t->len; ++i) h = hash_value(e, v + i * e->slots, h);
      return h;
    }
    case Kind::Struct: {
      uint64_t h = seed;
      for (const RField& f : t->fields)
        if (f.name != "_") h = hash_value(f.type, v + f.offset, h);
      return h;
    }
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func:
      unhashable();
    default:
      return hash_word(v[0], seed);
  }
}

}  // namespace vo::rt
