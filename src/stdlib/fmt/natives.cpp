// Natives of package fmt: formatting is done by the runtime's engine
// (runtime/fmt_format.h); these bind it to arguments and output.
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

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

// parseFloat(s) (float64, bool): a Go float literal (decimal or hex, with
// optional underscores between digits, or inf/infinity/nan), correctly
// rounded; ok is false for bad syntax. Out-of-range values give +-Inf.
void parse_float(vm::NativeCtx&, Slot* args, Slot* res) {
  std::string_view in = api::arg_string(args);
  std::string s;
  for (char c : in)
    if (c != '_') s.push_back(c);
  bool ok = !s.empty() && s.find_first_of(" \t\n\r\v\f") == std::string::npos;
  double v = 0;
  if (ok) {
    char* end = nullptr;
    errno = 0;
    v = std::strtod(s.c_str(), &end);
    ok = end == s.c_str() + s.size();
  }
  api::ret_float(res, ok ? v : 0);
  api::ret_bool(res + 1, ok);
}

// readLine() (string, bool): one line of standard input without its
// newline, read a byte at a time so that nothing past it is consumed.
void read_line(vm::NativeCtx& ctx, Slot*, Slot* res) {
  api::flush_stdout(ctx);
  std::string line;
  bool any = false;
  for (;;) {
    char c;
    ssize_t n = ::read(0, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    any = true;
    if (c == '\n') break;
    line.push_back(c);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  api::ret_string(ctx, res, line);
  api::ret_bool(res + 2, any);
}

constexpr NativeDef kNatives[] = {
    {"fmt.errorf", errorf},
    {"fmt.parseFloat", parse_float}, {"fmt.readLine", read_line},
    {"fmt.Print", print},     {"fmt.Println", println}, {"fmt.Printf", printf},
    {"fmt.Sprint", sprint},   {"fmt.Sprintln", sprintln}, {"fmt.Sprintf", sprintf},
};

}  // namespace

std::span<const NativeDef> fmt_natives() { return kNatives; }

}  // namespace vo::stdlib
