#include "vm/api.h"

#include <cstdio>
#include <cstring>

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

}  // namespace vo::api
