// The println/print formatter (Vo's rules, not Go's: see
// shared/reference/vo-language-notes.md section 4.1). Each argument is
// formatted as a value boxed in an interface.
#pragma once
#include <cstdint>
#include <string>

#include "runtime/value.h"

namespace vo::rt {

// Appends the println form of the interface value {type_word, data}.
void format_iface(std::string& out, const void* type_word, Slot data);
// Same for a value of static type t laid out in slots at v (boxes nothing:
// a boxed type's data word is simply v).
void format_value(std::string& out, const RType* t, const Slot* v);

// Shortest round-trip digits, always in plain decimal (never exponent form),
// no trailing ".0": 3 -> "3", 1e21 -> "1000000000000000000000",
// 1e-7 -> "0.0000001", -0 -> "-0", "inf", "-inf", "NaN".
void format_float(std::string& out, double v);
// Same with float32 digits (float32(0.1) -> "0.1").
void format_float32(std::string& out, float v);
void format_int(std::string& out, int64_t v);
void format_uint(std::string& out, uint64_t v);

// Hook for types printed specially (the stdlib's *errors.Error prints its
// message chain). Consulted first; returns true if it formatted the value.
using ErrorFormatter = bool (*)(std::string& out, const void* type_word, Slot data);
void set_error_formatter(ErrorFormatter f);

}  // namespace vo::rt
