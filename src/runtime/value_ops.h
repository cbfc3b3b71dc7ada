// Go's == and hashing for values laid out in slots (see value.h): what map
// keys, interface comparison and == on composite values need.
#pragma once
#include <cstdint>

#include "runtime/value.h"

namespace vo::rt {

// Go == for a comparable type t. Floats compare as doubles (NaN != NaN,
// +0 == -0); strings by bytes; arrays element by element and structs field by
// field in order, stopping at the first difference; references by identity;
// interfaces by iface_equal. Throws PanicError "comparing uncomparable type in
// interface value" when an interface holds an uncomparable dynamic type (and
// for slice/map/func values, which only compare with nil).
bool values_equal(const RType* t, const Slot* a, const Slot* b);

// Equal iff both type words have the same dynamic RType (or are both nil)
// and the values are equal; boxed values are compared through their pointers.
bool iface_equal(const void* tw1, Slot d1, const void* tw2, Slot d2);

// Hash consistent with values_equal (+0 and -0 hash alike; a NaN hashes to a
// fresh random value, as it never matches). Throws PanicError "hash of
// unhashable type" for an interface holding an uncomparable dynamic type.
uint64_t hash_value(const RType* t, const Slot* v, uint64_t seed);
uint64_t hash_iface(const void* type_word, Slot data, uint64_t seed);
uint64_t hash_bytes(const uint8_t* p, size_t n, uint64_t seed);
uint64_t hash_word(uint64_t w, uint64_t seed);

inline bool strings_equal(StringRef a, StringRef b) {
  return a.len == b.len && (a.len == 0 || std::memcmp(a.ptr, b.ptr, static_cast<size_t>(a.len)) == 0);
}

}  // namespace vo::rt
