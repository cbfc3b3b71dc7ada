// Helpers of the interpreter that are too big to inline in the dispatch loop,
// or shared with natives: conversions, slicing faults, append, interfaces.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "bytecode/module.h"
#include "runtime/fmt_caller.h"
#include "runtime/value.h"
#include "vm/vm.h"

namespace vo::vm {

// Context handed to native functions.
struct NativeCtx {
  VM& vm;
  Fiber& fiber;
  std::unique_ptr<rt::MethodCaller> caller = nullptr;  // created on first use (api.cpp)
};

// Thrown by natives when a Vo call they made ended in a panic that must keep
// unwinding in the caller (the fiber's panic state is already set).
struct PanicPending {};

// Wraps a 64-bit value to a narrower integer kind (Narrow codes).
inline Slot narrow(Slot v, uint8_t code) {
  switch (code) {
    case 1: return static_cast<Slot>(static_cast<int64_t>(static_cast<int8_t>(v)));
    case 2: return static_cast<Slot>(static_cast<int64_t>(static_cast<int16_t>(v)));
    case 3: return static_cast<Slot>(static_cast<int64_t>(static_cast<int32_t>(v)));
    case 4: return static_cast<uint8_t>(v);
    case 5: return static_cast<uint16_t>(v);
    case 6: return static_cast<uint32_t>(v);
    default: return v;
  }
}

// Float to integer: truncate toward zero, then saturate to the target range
// (NaN gives 0), as the Vo reference defines it. Codes as Narrow, 0 = int64,
// 7 = uint64.
Slot float_to_int(double d, uint8_t code);

inline rt::StringRef str_at(const Slot* s) {
  return rt::StringRef{reinterpret_cast<const uint8_t*>(s[0]), static_cast<int64_t>(s[1])};
}
inline void put_str(Slot* d, rt::StringRef s) {
  d[0] = reinterpret_cast<Slot>(s.ptr);
  d[1] = static_cast<Slot>(s.len);
}
inline void put_slice(Slot* d, rt::SliceRef s) {
  d[0] = reinterpret_cast<Slot>(s.ptr);
  d[1] = static_cast<Slot>(s.len);
  d[2] = static_cast<Slot>(s.cap);
}

// Throws Go's "slice bounds out of range" text for the failing bound.
[[noreturn]] void slice_fault(int64_t lo, int64_t hi, int64_t max, uint8_t given, bool is_string, int64_t cap = 0);

// dst = append(src, values...) where values are n elements laid out in slots.
void append_values(VM& vm, Slot* dst, const Slot* src, const Slot* values, int64_t n, const bc::Aux& elem);
// dst = append(src, raw elements at p (n elements in element representation)).
void append_raw(VM& vm, Slot* dst, const Slot* src, const uint8_t* p, int64_t n, const bc::Aux& elem);

// Interfaces. Aux: type = the dynamic RType being boxed or asserted, ptr =
// the type word to store (the RType itself for `any`, an Itab otherwise).
void box_value(VM& vm, Slot* dst, const Slot* src, const bc::Aux& ax);
void unbox_value(VM& vm, Slot* dst, const Slot* iface, const bc::Aux& ax, bool comma_ok);
void iface_assert(VM& vm, Slot* dst, const Slot* iface, const bc::Aux& ax, bool comma_ok);
void iface_convert(VM& vm, Slot* dst, const Slot* iface, const bc::Aux& ax);
bool type_matches(VM& vm, const void* type_word, const bc::Aux& ax);

}  // namespace vo::vm
