// The formatting engine behind the `fmt` package: Go's Printf verbs, flags,
// width and precision (also '*' and explicit [n] operand indexes), error
// forms ("%!d(string=hi)", "%!d(MISSING)", "%!(EXTRA int=5)", ...) and
// composite values ({1 2}, map[a:1] with sorted keys, &{...} at top level),
// with one deliberate difference taken from the Vo reference: floats printed
// by %v (and by Sprint/Sprintln) use the println style of format_float
// (shortest digits, never an exponent: 1e21 -> "1000000000000000000000",
// +Inf -> "inf"). Explicit float verbs (%e %f %g %b %x ...) are Go's.
//
// Arguments are interface values: `args` points at n pairs of slots
// {type word, data}. Error() (preferred) or String() is called through the
// MethodCaller for %v %s %x %X %q and Print*, as Go does; mc may be nullptr
// (no methods are called). Simplifications: a panic in such a method
// propagates out of these functions (Go would print %!v(PANIC=...), or
// <nil> for a nil receiver); GoStringer and Formatter are not consulted.
// Ports print like chans, islands as "<island>" under %v.
//
// Nothing is allocated on the Vo heap here, but a called method may run the
// GC: the operands must stay reachable (they are, as the caller's arguments).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/fmt_caller.h"
#include "runtime/value.h"

namespace vo::rt {

// Sprintf. With `wrapped` (Errorf), %w formats an error operand like %v and
// its operand index is appended to *wrapped (sorted, without duplicates, when
// explicit indexes reordered them); otherwise %w is a bad verb, as in Go's
// Sprintf.
std::string go_sprintf(std::string_view format, const Slot* args, size_t n, MethodCaller* mc,
                       std::vector<size_t>* wrapped = nullptr);
// Sprint: a space between operands when neither is a string.
std::string go_sprint(const Slot* args, size_t n, MethodCaller* mc);
// Sprintln: a space between all operands, then "\n".
std::string go_sprintln(const Slot* args, size_t n, MethodCaller* mc);

}  // namespace vo::rt
