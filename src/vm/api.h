// The narrow API through which standard-library natives reach the VM and
// runtime (as Lua's libraries use only lapi/lauxlib): reading arguments,
// allocating results, writing output, calling Vo methods, raising panics.
#pragma once
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/fmt_caller.h"
#include "runtime/value.h"
#include "vm/ops.h"

namespace vo::api {

using rt::Slot;

// Arguments as their slot views.
inline std::string_view arg_string(const Slot* s) {
  return {reinterpret_cast<const char*>(s[0]), static_cast<size_t>(s[1])};
}
inline rt::SliceRef arg_slice(const Slot* s) {
  return {reinterpret_cast<uint8_t*>(s[0]), static_cast<int64_t>(s[1]), static_cast<int64_t>(s[2])};
}
inline int64_t arg_int(const Slot* s) { return static_cast<int64_t>(s[0]); }
inline bool arg_bool(const Slot* s) { return s[0] != 0; }
inline double arg_float(const Slot* s) {
  double d;
  std::memcpy(&d, s, 8);
  return d;
}

// Results.
void ret_string(vm::NativeCtx& ctx, Slot* res, std::string_view s);
inline void ret_int(Slot* res, int64_t v) { res[0] = static_cast<Slot>(v); }
inline void ret_bool(Slot* res, bool v) { res[0] = v ? 1 : 0; }
inline void ret_float(Slot* res, double v) { std::memcpy(res, &v, 8); }
// A new []byte holding a copy of `bytes`.
void ret_bytes(vm::NativeCtx& ctx, Slot* res, std::string_view bytes);
// A new []string.
void ret_strings(vm::NativeCtx& ctx, Slot* res, const std::vector<std::string>& v);

// A new []int.
void ret_ints(vm::NativeCtx& ctx, Slot* res, const std::vector<int64_t>& v);

// Interface operands: two slots {type word, data word}.
// The dynamic type, or nullptr for a nil interface.
const rt::RType* iface_type(const Slot* iface);
// The slots of the value held (its boxed copy, or the data word itself).
const Slot* iface_value(const Slot* iface);
// Go's == on two interfaces; panics for uncomparable dynamic types.
bool iface_equal(const Slot* a, const Slot* b);

// The program's command-line arguments (os.Args: the program path first).
const std::vector<std::string>& program_args(vm::NativeCtx& ctx);
// Ends the program at once with `code` (os.Exit): output is flushed,
// deferred calls do not run.
[[noreturn]] void exit_program(vm::NativeCtx& ctx, int code);

// Program output (stdout, buffered by the VM and ordered with print/println).
void write_stdout(vm::NativeCtx& ctx, std::string_view s);
void write_stderr(vm::NativeCtx& ctx, std::string_view s);

// Calls Error()/String() on values for formatting.
rt::MethodCaller& method_caller(vm::NativeCtx& ctx);

// Raises a Vo panic with a string value.
[[noreturn]] void panic(std::string msg);

}  // namespace vo::api
