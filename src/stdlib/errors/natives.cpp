// Natives of package errors: the runtime type questions Is and As ask.
#include <cstring>

#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

bool has_error_method(const rt::RType* t) {
  for (const rt::RMethod& m : t->methods)
    if (m.name == "Error") return true;
  return false;
}

void comparable(vm::NativeCtx&, Slot* a, Slot* r) {
  const rt::RType* t = api::iface_type(a);
  api::ret_bool(r, !t || t->comparable);
}

void equal(vm::NativeCtx&, Slot* a, Slot* r) {
  const rt::RType* x = api::iface_type(a);
  const rt::RType* y = api::iface_type(a + 2);
  api::ret_bool(r, x == y && (!x || x->comparable) && api::iface_equal(a, a + 2));
}

void identity(vm::NativeCtx&, Slot* a, Slot* r) {
  const rt::RType* t = api::iface_type(a);
  bool by_ref = t && (t->kind == rt::Kind::Pointer || t->kind == rt::Kind::Map || t->kind == rt::Kind::Chan ||
                      t->kind == rt::Kind::Func);
  r[0] = reinterpret_cast<Slot>(t);
  r[1] = by_ref ? a[1] : 0;
}

void check_target(vm::NativeCtx&, Slot* a, Slot*) {
  const rt::RType* t = api::iface_type(a);
  if (!t || t->kind != rt::Kind::Pointer || a[1] == 0) api::panic("errors: target must be a non-nil pointer");
  if (!has_error_method(t)) api::panic("errors: *target must be interface or implement error");
}

void assign_to(vm::NativeCtx&, Slot* a, Slot* r) {
  const rt::RType* e = api::iface_type(a);
  const rt::RType* target = api::iface_type(a + 2);
  const rt::RType* want = target->elem;
  auto* dst = reinterpret_cast<Slot*>(a[3]);
  const Slot* src = nullptr;
  if (e == want) src = api::iface_value(a);
  else if (e && e->kind == rt::Kind::Pointer && e->elem == want && a[1] != 0) src = reinterpret_cast<const Slot*>(a[1]);
  if (!src) return api::ret_bool(r, false);
  std::memmove(dst, src, want->slots * sizeof(Slot));
  api::ret_bool(r, true);
}

constexpr NativeDef kNatives[] = {
    {"errors.comparable", comparable}, {"errors.equal", equal},         {"errors.identity", identity},
    {"errors.checkTarget", check_target}, {"errors.assignTo", assign_to},
};

}  // namespace

std::span<const NativeDef> errors_natives() { return kNatives; }

}  // namespace vo::stdlib
