// Natives of package log: the call site for Lshortfile/Llongfile.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

// caller(skip) (file string, line int, ok bool)
void caller(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string file;
  int64_t line = 0;
  bool ok = api::caller(ctx, api::arg_int(a), &file, &line);
  api::ret_string(ctx, r, ok ? file : "");
  api::ret_int(r + 2, ok ? line : 0);
  api::ret_bool(r + 3, ok);
}

constexpr NativeDef kNatives[] = {
    {"log.caller", caller},
};

}  // namespace

std::span<const NativeDef> log_natives() { return kNatives; }

}  // namespace vo::stdlib
