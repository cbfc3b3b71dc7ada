// Natives of package fmt: formatting is done by the runtime's engine
// (runtime/fmt_format.h); these bind it to arguments and output.
#include "runtime/fmt_format.h"
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

// A ...any parameter: the slice's elements are interface pairs.
const Slot* any_args(const Slot* slice, size_t* n) {
  rt::SliceRef s = api::arg_slice(slice);
  *n = static_cast<size_t>(s.len);
  return reinterpret_cast<const Slot*>(s.ptr);
}

void print(vm::NativeCtx& ctx, Slot* args, Slot* res) {
  size_t n;
  const Slot* a = any_args(args, &n);
  std::string s = rt::go_sprint(a, n, &api::method_caller(ctx));
  api::write_stdout(ctx, s);
  api::ret_int(res, static_cast<int64_t>(s.size()));
}

void println(vm::NativeCtx& ctx, Slot* args, Slot* res) {
  size_t n;
  const Slot* a = any_args(args, &n);
  std::string s = rt::go_sprintln(a, n, &api::method_caller(ctx));
  api::write_stdout(ctx, s);
  api::ret_int(res, static_cast<int64_t>(s.size()));
}

void printf(vm::NativeCtx& ctx, Slot* args, Slot* res) {
  size_t n;
  const Slot* a = any_args(args + 2, &n);
  std::string s = rt::go_sprintf(api::arg_string(args), a, n, &api::method_caller(ctx));
  api::write_stdout(ctx, s);
  api::ret_int(res, static_cast<int64_t>(s.size()));
}

void sprint(vm::NativeCtx& ctx, Slot* args, Slot* res) {
  size_t n;
  const Slot* a = any_args(args, &n);
  api::ret_string(ctx, res, rt::go_sprint(a, n, &api::method_caller(ctx)));
}

void sprintln(vm::NativeCtx& ctx, Slot* args, Slot* res) {
  size_t n;
  const Slot* a = any_args(args, &n);
  api::ret_string(ctx, res, rt::go_sprintln(a, n, &api::method_caller(ctx)));
}

void sprintf(vm::NativeCtx& ctx, Slot* args, Slot* res) {
  size_t n;
  const Slot* a = any_args(args + 2, &n);
  api::ret_string(ctx, res, rt::go_sprintf(api::arg_string(args), a, n, &api::method_caller(ctx)));
}

void errorf(vm::NativeCtx& ctx, Slot* args, Slot* res) {
  size_t n;
  const Slot* a = any_args(args + 2, &n);
  std::vector<size_t> wrapped;
  std::string msg = rt::go_sprintf(api::arg_string(args), a, n, &api::method_caller(ctx), &wrapped);
  api::ret_string(ctx, res, msg);
  api::ret_ints(ctx, res + 2, std::vector<int64_t>(wrapped.begin(), wrapped.end()));
}

constexpr NativeDef kNatives[] = {
    {"fmt.errorf", errorf},
    {"fmt.Print", print},     {"fmt.Println", println}, {"fmt.Printf", printf},
    {"fmt.Sprint", sprint},   {"fmt.Sprintln", sprintln}, {"fmt.Sprintf", sprintf},
};

}  // namespace

std::span<const NativeDef> fmt_natives() { return kNatives; }

}  // namespace vo::stdlib
