#include "vm/api.h"

#include <cstdio>
#include <cstring>

#include "runtime/fmt_internal.h"
#include "runtime/format.h"
#include "runtime/map.h"
#include "runtime/panic.h"
#include "runtime/strings.h"
#include "runtime/value_ops.h"
#include "vm/vm.h"

namespace vo::api {

void ret_string(vm::NativeCtx& ctx, Slot* res, std::string_view s) {
  rt::StringRef r = rt::string_from(ctx.vm.heap(), s);
  res[0] = reinterpret_cast<Slot>(r.ptr);
  res[1] = static_cast<Slot>(r.len);
}

void ret_bytes(vm::NativeCtx& ctx, Slot* res, std::string_view bytes) {
  rt::SliceRef r = rt::bytes_from_string(ctx.vm.heap(), rt::StringRef{reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int64_t>(bytes.size())});
  res[0] = reinterpret_cast<Slot>(r.ptr);
  res[1] = static_cast<Slot>(r.len);
  res[2] = static_cast<Slot>(r.cap);
}

void ret_strings(vm::NativeCtx& ctx, Slot* res, const std::vector<std::string>& v) {
  // The array is published in res (a typed slot of the caller's frame, so a
  // GC root) before the strings are allocated.
  rt::SliceRef arr = rt::make_slice(ctx.vm.heap(), ctx.vm.string_box_layout(), 16, static_cast<int64_t>(v.size()),
                                    static_cast<int64_t>(v.size()));
  res[0] = reinterpret_cast<Slot>(arr.ptr);
  res[1] = static_cast<Slot>(arr.len);
  res[2] = static_cast<Slot>(arr.cap);
  for (size_t i = 0; i < v.size(); ++i) {
    rt::StringRef s = rt::string_from(ctx.vm.heap(), v[i]);
    Slot* elem = reinterpret_cast<Slot*>(res[0]) + 2 * i;
    elem[0] = reinterpret_cast<Slot>(s.ptr);
    elem[1] = static_cast<Slot>(s.len);
  }
}

void ret_ints(vm::NativeCtx& ctx, Slot* res, const std::vector<int64_t>& v) {
  auto n = static_cast<int64_t>(v.size());
  rt::SliceRef arr = rt::make_slice(ctx.vm.heap(), ctx.vm.scalar_array_layout(), 8, n, n);
  if (n) std::memcpy(arr.ptr, v.data(), v.size() * sizeof(int64_t));
  res[0] = reinterpret_cast<Slot>(arr.ptr);
  res[1] = static_cast<Slot>(arr.len);
  res[2] = static_cast<Slot>(arr.cap);
}

const rt::RType* iface_type(const Slot* iface) { return rt::dynamic_type(reinterpret_cast<const void*>(iface[0])); }

const Slot* iface_value(const Slot* iface) {
  const rt::RType* t = iface_type(iface);
  if (t && t->boxed) return reinterpret_cast<const Slot*>(iface[1]);
  return iface + 1;
}

bool iface_equal(const Slot* a, const Slot* b) {
  return rt::iface_equal(reinterpret_cast<const void*>(a[0]), a[1], reinterpret_cast<const void*>(b[0]), b[1]);
}

const std::vector<std::string>& program_args(vm::NativeCtx& ctx) { return ctx.vm.args(); }

void exit_program(vm::NativeCtx& ctx, int code) {
  ctx.vm.flush_out();
  throw vm::ExitRequest{code};
}

void write_stdout(vm::NativeCtx& ctx, std::string_view s) {
  std::string& out = ctx.vm.out();
  out.append(s);
  if (out.size() > (1 << 16)) ctx.vm.flush_out();
}

void write_stderr(vm::NativeCtx& ctx, std::string_view s) {
  ctx.vm.flush_out();
  std::fwrite(s.data(), 1, s.size(), stderr);
}

namespace {

// Finds a method `name() string` in the dynamic type's method table.
const bc::Function* string_method(const bc::Module& m, const rt::RType* t, const char* name) {
  for (const rt::RMethod& meth : t->methods) {
    if (meth.name != name) continue;
    const bc::Function& f = m.funcs[meth.func];
    // Receiver word in, one string out.
    if (f.param_slots == 1 && f.result_slots == 2) return &f;
  }
  return nullptr;
}

class VmMethodCaller final : public rt::MethodCaller {
 public:
  explicit VmMethodCaller(vm::NativeCtx& ctx) : ctx_(ctx) {}
  bool stringify(const void* type_word, Slot data, std::string* out) override {
    const rt::RType* t = rt::dynamic_type(type_word);
    if (!t) return false;
    const bc::Function* f = string_method(ctx_.vm.module(), t, "Error");
    if (!f) f = string_method(ctx_.vm.module(), t, "String");
    if (!f) return false;
    Slot res[2] = {0, 0};
    Slot arg[1] = {data};
    if (!ctx_.vm.call_function(ctx_.fiber, f, nullptr, arg, res)) throw vm::PanicPending{};
    out->assign(reinterpret_cast<const char*>(res[0]), static_cast<size_t>(res[1]));
    return true;
  }

 private:
  vm::NativeCtx& ctx_;
};

}  // namespace

rt::MethodCaller& method_caller(vm::NativeCtx& ctx) {
  if (!ctx.caller) ctx.caller = std::make_unique<VmMethodCaller>(ctx);
  return *ctx.caller;
}

void panic(std::string msg) { throw rt::PanicError{std::move(msg)}; }

void append_float(std::string& out, double v, char fmt, int prec, int bit_size) {
  rt::fmtimpl::append_float(out, v, fmt, prec, bit_size);
}
void append_quote(std::string& out, std::string_view s, bool ascii_only) {
  rt::fmtimpl::append_quote(out, s, ascii_only);
}
void append_quote_rune(std::string& out, int32_t r, bool ascii_only) {
  rt::fmtimpl::append_quote_rune(out, r, ascii_only);
}
bool can_backquote(std::string_view s) { return rt::fmtimpl::can_backquote(s); }
bool is_print(int32_t r) { return rt::fmtimpl::is_print(r); }

int64_t iface_len(const Slot* iface) {
  const rt::RType* t = iface_type(iface);
  if (!t) return -1;
  const Slot* v = iface_value(iface);
  switch (t->kind) {
    case rt::Kind::String:
    case rt::Kind::Slice: return v ? static_cast<int64_t>(v[1]) : 0;
    case rt::Kind::Array: return t->len;
    case rt::Kind::Map: return rt::map_len(reinterpret_cast<const void*>(v[0]));
    default: return -1;
  }
}

void flush_stdout(vm::NativeCtx& ctx) { ctx.vm.flush_out(); }

// ---- Calling Vo code and reflecting on the module (package dyn) ----------------

const bc::Module& module(vm::NativeCtx& ctx) { return ctx.vm.module(); }
rt::Heap& heap(vm::NativeCtx& ctx) { return ctx.vm.heap(); }

void call(vm::NativeCtx& ctx, uint32_t fn, void* closure, const Slot* args, Slot* results) {
  static const Slot kNoArgs[1] = {0};
  if (!ctx.vm.call_function(ctx.fiber, &ctx.vm.module().funcs[fn], closure, args ? args : kNoArgs, results))
    throw vm::PanicPending{};
}

bool call_catching(vm::NativeCtx& ctx, uint32_t fn, void* closure, const Slot* args, Slot* results,
                   std::string* panic_msg) {
  static const Slot kNoArgs[1] = {0};
  vm::Fiber& f = ctx.fiber;
  size_t saved = f.saved_panics.size();
  if (ctx.vm.call_function(f, &ctx.vm.module().funcs[fn], closure, args ? args : kNoArgs, results)) return true;
  if (panic_msg) {
    panic_msg->clear();
    rt::format_iface(*panic_msg, reinterpret_cast<const void*>(f.panic.value[0]), f.panic.value[1]);
  }
  if (f.saved_panics.size() > saved) {
    f.panic = f.saved_panics.back();
    f.saved_panics.pop_back();
  } else {
    f.panic = vm::PanicState{};
  }
  return false;
}

void* current_closure(vm::NativeCtx& ctx) {
  return ctx.fiber.top ? ctx.fiber.top->closure : nullptr;
}

void* new_closure(vm::NativeCtx& ctx, uint32_t fn, const Slot* captures) {
  size_t n = ctx.vm.module().funcs[fn].capture_kinds.size();
  Slot* c = static_cast<Slot*>(ctx.vm.heap().alloc(ctx.vm.closure_layout(fn), (1 + n) * sizeof(Slot)));
  c[0] = fn;
  if (n) std::memcpy(c + 1, captures, n * sizeof(Slot));
  return c;
}

const rt::Itab* find_itab(vm::NativeCtx& ctx, const rt::RType* dyn, const rt::RType* iface) {
  return ctx.vm.find_itab(dyn, iface);
}

bool caller(vm::NativeCtx& ctx, int64_t skip, std::string* file, int64_t* line, uint64_t* pc) {
  vm::Fiber& f = ctx.fiber;
  if (skip < 0) return false;
  const vm::Frame* fr = f.top;
  for (int64_t i = 0; i < skip && fr; ++i) fr = fr->prev;
  if (!fr || !fr->fn) return false;
  auto at = static_cast<uint32_t>(fr->pc - fr->fn->code.data());
  *file = fr->fn->file;
  *line = fr->fn->line_at(at);
  if (pc) {
    auto fi = static_cast<uint64_t>(fr->fn - ctx.vm.module().funcs.data());
    *pc = (fi + 1) << 32 | at;
  }
  return true;
}

void sleep(vm::NativeCtx& ctx, int64_t ns) { ctx.vm.sched().sleep(std::chrono::nanoseconds(ns)); }

void mark_daemon(vm::NativeCtx& ctx) { ctx.vm.sched().mark_daemon(); }

void yield(vm::NativeCtx& ctx) { ctx.vm.sched().yield(); }

int64_t goroutines(vm::NativeCtx& ctx) { return static_cast<int64_t>(ctx.vm.sched().live_goroutines()); }

void collect_garbage(vm::NativeCtx& ctx) { ctx.vm.heap().collect(); }

}  // namespace vo::api
