// Natives of package runtime.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

// Caller(skip) (pc uint64, file string, line int, ok bool)
void caller(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string file;
  int64_t line = 0;
  uint64_t pc = 0;
  bool ok = api::caller(ctx, api::arg_int(a), &file, &line, &pc);
  api::ret_int(r, ok ? static_cast<int64_t>(pc) : 0);
  api::ret_string(ctx, r + 1, ok ? file : "");
  api::ret_int(r + 3, ok ? line : 0);
  api::ret_bool(r + 4, ok);
}

void num_goroutine(vm::NativeCtx& ctx, Slot*, Slot* r) { api::ret_int(r, api::goroutines(ctx)); }

void gosched(vm::NativeCtx& ctx, Slot*, Slot*) { api::yield(ctx); }

void gc(vm::NativeCtx& ctx, Slot*, Slot*) { api::collect_garbage(ctx); }

constexpr NativeDef kNatives[] = {
    {"runtime.Caller", caller},
    {"runtime.NumGoroutine", num_goroutine},
    {"runtime.Gosched", gosched},
    {"runtime.GC", gc},
};

}  // namespace

std::span<const NativeDef> runtime_natives() { return kNatives; }

}  // namespace vo::stdlib
