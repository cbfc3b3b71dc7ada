// The narrow API through which standard-library natives reach the VM and
// runtime (as Lua's libraries use only lapi/lauxlib): reading arguments,
// allocating results, writing output, calling Vo methods, raising panics.
#pragma once
#include <string>
#include <string_view>

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

// Results.
void ret_string(vm::NativeCtx& ctx, Slot* res, std::string_view s);
inline void ret_int(Slot* res, int64_t v) { res[0] = static_cast<Slot>(v); }

// Program output (stdout, buffered by the VM and ordered with print/println).
void write_stdout(vm::NativeCtx& ctx, std::string_view s);
void write_stderr(vm::NativeCtx& ctx, std::string_view s);

// Calls Error()/String() on values for formatting.
rt::MethodCaller& method_caller(vm::NativeCtx& ctx);

// Raises a Vo panic with a string value.
[[noreturn]] void panic(std::string msg);

}  // namespace vo::api
