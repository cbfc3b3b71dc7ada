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

// Go's strconv formatting, shared with the fmt engine (runtime/fmt_*.cpp):
// AppendFloat (fmt one of b e E f g G x X, prec -1 = shortest, bit_size 32
// or 64), Quote/QuoteToASCII, QuoteRune/QuoteRuneToASCII, CanBackquote and
// IsPrint.
void append_float(std::string& out, double v, char fmt, int prec, int bit_size);
void append_quote(std::string& out, std::string_view s, bool ascii_only);
void append_quote_rune(std::string& out, int32_t r, bool ascii_only);
bool can_backquote(std::string_view s);
bool is_print(int32_t r);

// len() of the value an interface holds when its dynamic type is a string,
// slice, array or map type; -1 for other types and for nil.
int64_t iface_len(const Slot* iface);

// Writes the VM's buffered standard output (before a native blocks reading
// stdin or writes to fd 1/2 directly).
void flush_stdout(vm::NativeCtx& ctx);

// ---- Calling Vo code and reflecting on the module (package dyn) ----------------
// The running module and heap.
const bc::Module& module(vm::NativeCtx& ctx);
rt::Heap& heap(vm::NativeCtx& ctx);
// Calls function `fn` of the module with its parameter slots in `args` (a
// closure's function gets the closure object) and copies its result slots to
// `results`. A panic in the callee keeps unwinding through the native (this
// throws). The arguments are copied into the callee's frame before it runs;
// results written to C++ memory are not roots (store them in the native's
// result slots, or pause collection, before allocating again).
void call(vm::NativeCtx& ctx, uint32_t fn, void* closure, const Slot* args, Slot* results);
// Same, but a panic in the callee ends there: it is consumed (a panic that
// was being unwound before the call resumes) and false is returned with the
// panic value's print form in *panic_msg (as the reference's dynamic calls
// turn a callee's panic into an error).
bool call_catching(vm::NativeCtx& ctx, uint32_t fn, void* closure, const Slot* args, Slot* results,
                   std::string* panic_msg);
// The closure object of the function that called the native (nullptr when
// that function is not running as a closure).
void* current_closure(vm::NativeCtx& ctx);
// A new closure of function `fn` whose captures are copied from `captures`
// (as many slots as the function's capture kinds); references in captures
// must be rooted during the call.
void* new_closure(vm::NativeCtx& ctx, uint32_t fn, const Slot* captures);
// The itab of dynamic type `dyn` for interface `iface`, or nullptr when dyn
// lacks one of its methods.
const rt::Itab* find_itab(vm::NativeCtx& ctx, const rt::RType* dyn, const rt::RType* iface);

// The source file and line being run `skip` Vo frames above the function
// that called the native (0: that function itself), as Go's runtime.Caller;
// false when there is no such frame.
// `pc` (optional) receives an opaque, nonzero code location.
bool caller(vm::NativeCtx& ctx, int64_t skip, std::string* file, int64_t* line, uint64_t* pc = nullptr);

// ---- Goroutines ----------------------------------------------------------------
// Parks the calling goroutine for ns nanoseconds (others run meanwhile).
void sleep(vm::NativeCtx& ctx, int64_t ns);
// Lets the island's other runnable goroutines run first.
void yield(vm::NativeCtx& ctx);
// The island's live goroutines (timer helpers excluded).
int64_t goroutines(vm::NativeCtx& ctx);
// Runs a full garbage collection of the island's heap now.
void collect_garbage(vm::NativeCtx& ctx);
// The calling goroutine no longer keeps the program alive (timer helpers):
// the program ends when only such goroutines are left.
void mark_daemon(vm::NativeCtx& ctx);

}  // namespace vo::api
