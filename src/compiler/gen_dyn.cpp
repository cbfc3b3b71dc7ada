// Dynamic access (`~>`, Vo spec §3.4 and dynamic.md): each form becomes one
// call of a runtime native of package dyn (src/stdlib/dyn/natives.cpp).
//
// The natives take an argument block
//   [base: interface, 2 slots][descriptor: 1 slot][operands...]
// where the operands are the name (a string) for a~>name, the key (an `any`)
// for a~>[key], the arguments (one `any` each; a spread slice is passed boxed
// as the last one) for a~>(args), and the name then the arguments for
// a~>name(args). They write the values with the types the checker recorded
// for the access (the types of the assignment targets, `any` by default),
// then the error: a value that does not have its target's type is a
// dyn.ErrTypeMismatch (for a call: a result count or type mismatch is found
// before calling). The descriptor is an rt::RType made here whose `results`
// are those value types (nullptr for `any`) and whose `len` is the argument
// count (`variadic`: the last argument is spread).
//
// A base of type (any, error) short-circuits: a non-nil error becomes the
// access's error and its values are zero. A concrete base (it has the
// protocol method, the checker made sure) is boxed into an `any`, by address
// when the protocol method has a pointer receiver.
#include <functional>
#include <set>

#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;
using rt::SlotKind;

namespace {

constexpr SlotKind kIface[2] = {SlotKind::IfaceType, SlotKind::IfaceData};

const char* protocol_name(ast::DynExpr::Op op) {
  switch (op) {
    case ast::DynExpr::Op::Index: return "DynIndex";
    case ast::DynExpr::Op::Call: return "DynCall";
    default: return "DynAttr";
  }
}

bool is_empty_iface(const types::Type* t) {
  const auto* it = types::underlying(t)->as<types::Interface>();
  return it != nullptr && it->all_methods.empty();
}

// The slot-kind shape of a method signature, as the runtime spells it to find
// the bound-method function (dyn natives: bound_key).
std::string shape_key(const std::vector<SlotKind>& params, const std::vector<SlotKind>& results) {
  std::string k = "dyn.$bound(";
  for (SlotKind s : params) k += static_cast<char>('0' + static_cast<int>(s));
  k += '|';
  for (SlotKind s : results) k += static_cast<char>('0' + static_cast<int>(s));
  return k + ")";
}

}  // namespace

uint32_t Gen::dyn_native(const std::string& name, uint32_t params, uint32_t results) {
  std::string key = name + "/" + std::to_string(params) + "/" + std::to_string(results);
  auto it = dyn_natives_.find(key);
  if (it != dyn_natives_.end()) return it->second;
  bc::NativeFn fn = natives_ ? natives_(name) : nullptr;
  if (!fn) unsupported(ast::NoPos, "dynamic access without the runtime native " + name);
  uint32_t idx = static_cast<uint32_t>(mod_.natives.size());
  mod_.natives.push_back(bc::Native{name, fn, params, results});
  dyn_natives_[key] = idx;
  return idx;
}

uint32_t Gen::dyn_descriptor(const std::vector<const types::Type*>& values, uint32_t nargs, bool spread) {
  std::vector<const rt::RType*> want;
  std::string key = std::to_string(nargs) + (spread ? "s" : "") + ":";
  for (const types::Type* t : values) {
    const rt::RType* r = is_empty_iface(t) ? nullptr : layouts_.rtype(t);
    want.push_back(r);
    key += r ? std::to_string(r->id) : std::string("any");
    key += ",";
  }
  auto it = dyn_descs_.find(key);
  if (it != dyn_descs_.end()) return it->second;
  mod_.types.emplace_back();
  rt::RType* d = &mod_.types.back();
  d->type = d;
  d->kind = rt::Kind::Func;
  d->id = static_cast<uint32_t>(mod_.types.size() - 1);
  d->name = "dynamic access " + key;
  d->results = std::move(want);
  d->len = nargs;
  d->variadic = spread;
  d->layout = {SlotKind::Scalar};
  uint32_t c = slot_const(reinterpret_cast<rt::Slot>(d), SlotKind::Scalar);
  dyn_descs_[key] = c;
  return c;
}

void Gen::dyn_base(const ast::DynExpr* e, uint32_t at) {
  const types::Type* bt = type_of(e->x);
  if (types::is_interface(bt)) {
    expr(e->x, at);
    return;
  }
  const types::Type* any = types::universe_any();
  types::Selection sel = types::lookup_field_or_method(bt, true, pkg_->pkg, protocol_name(e->op));
  const types::Func* m = sel.obj ? sel.obj->as<types::Func>() : nullptr;
  if (m && m->ptr_recv && !sel.indirect && !types::underlying(bt)->is<types::Pointer>()) {
    // Only the address has the pointer-receiver protocol method.
    size_t mk = fb_->mark();
    uint32_t p = fb_->alloc({SlotKind::Ref});
    recv_arg(e->x, sel.index, true, p);
    box(p, m->sig()->recv->type, any, at);
    fb_->release(mk);
    return;
  }
  expr_to(e->x, any, at);
}

uint32_t Gen::dyn_expr(const ast::DynExpr* e, int64_t dest) {
  dyn_bound_functions();
  const types::Type* rtype_ = type_of(e);
  std::vector<const types::Type*> values;
  if (const auto* tu = rtype_->as<types::Tuple>())
    for (size_t i = 0; i + 1 < tu->vars.size(); ++i) values.push_back(tu->vars[i]->type);
  const uint32_t nres = layouts_.slots(rtype_);
  const uint32_t res = dest_or_alloc(dest, rtype_);
  size_t mk = fb_->mark();

  // Operands after the base and the descriptor.
  std::vector<SlotKind> kinds{SlotKind::IfaceType, SlotKind::IfaceData, SlotKind::Scalar};
  const bool named = e->op == ast::DynExpr::Op::Field || e->op == ast::DynExpr::Op::Method;
  if (named) kinds.insert(kinds.end(), {SlotKind::Ref, SlotKind::Scalar});
  if (e->op == ast::DynExpr::Op::Index) kinds.insert(kinds.end(), kIface, kIface + 2);
  // Arguments: one multi-value call spreads into several.
  std::vector<const types::Type*> arg_types;
  const types::Tuple* multi = nullptr;
  const bool is_call = e->op == ast::DynExpr::Op::Call || e->op == ast::DynExpr::Op::Method;
  if (is_call) {
    if (e->args.size() == 1 && type_of(e->args[0]) && type_of(e->args[0])->is<types::Tuple>()) {
      multi = type_of(e->args[0])->as<types::Tuple>();
      for (const types::Var* v : multi->vars) arg_types.push_back(v->type);
    } else {
      for (const ast::Expr* a : e->args) arg_types.push_back(type_of(a));
    }
    for (size_t i = 0; i < arg_types.size(); ++i) kinds.insert(kinds.end(), kIface, kIface + 2);
  }
  const uint32_t block = fb_->alloc(kinds);

  // The base; an (any, error) base with a non-nil error short-circuits.
  uint32_t done = UINT32_MAX;
  const types::Type* bt = type_of(e->x);
  if (bt->is<types::Tuple>()) {
    uint32_t b = expr(e->x);
    uint32_t ok = fb_->emit_jump(Op::JmpIfNot, b + 2);
    if (nres > 2) fb_->emit(Op::Zero, res, nres - 2);
    move(res + nres - 2, b + 2, 2);
    done = fb_->emit_jump(Op::Jmp);
    fb_->patch_here(ok);
    move(block, b, 2);
  } else {
    dyn_base(e, block);
  }

  const bool spread = e->ellipsis != ast::NoPos;
  fb_->emit(Op::LoadConst, block + 2, dyn_descriptor(values, static_cast<uint32_t>(arg_types.size()), spread), 0, 1);
  uint32_t at = block + 3;
  if (named) {
    fb_->emit(Op::LoadConst, at, string_const(e->name ? e->name->name : ""), 0, 2);
    at += 2;
  }
  const types::Type* any = types::universe_any();
  if (e->op == ast::DynExpr::Op::Index) {
    size_t m2 = fb_->mark();
    expr_to(e->index, any, at);
    fb_->release(m2);
  } else if (is_call) {
    if (multi) {
      size_t m2 = fb_->mark();
      uint32_t v = expr(e->args[0]);
      uint32_t off = 0;
      for (const types::Type* t : arg_types) {
        if (types::is_interface(t)) {
          iface_conv(v + off, any, at);
        } else {
          box(v + off, t, any, at);
        }
        off += layouts_.slots(t);
        at += 2;
      }
      fb_->release(m2);
    } else {
      for (const ast::Expr* a : e->args) {
        size_t m2 = fb_->mark();
        expr_to(a, any, at);
        fb_->release(m2);
        at += 2;
      }
    }
  }

  const char* native = "dyn.$attr";
  switch (e->op) {
    case ast::DynExpr::Op::Field: native = "dyn.$attr"; break;
    case ast::DynExpr::Op::Index: native = "dyn.$index"; break;
    case ast::DynExpr::Op::Call: native = "dyn.$call"; break;
    case ast::DynExpr::Op::Method: native = "dyn.$method"; break;
  }
  line(e->arrow != ast::NoPos ? e->arrow : e->pos);
  fb_->emit(Op::CallNative, res, dyn_native(native, static_cast<uint32_t>(kinds.size()), nres), block);
  if (done != UINT32_MAX) fb_->patch_here(done);
  fb_->release(mk);
  return res;
}

// A method read as a value becomes a closure of one of these functions,
// capturing {method function, receiver interface}. Each forwards its
// parameters through the native dyn.$invoke, which calls the method with the
// receiver's data word first. They are made for every slot shape among the
// exported methods of the program's types and interfaces.
void Gen::dyn_bound_functions() {
  if (dyn_bound_done_) return;
  dyn_bound_done_ = true;
  // A string's element read dynamically is a byte: its type must exist.
  layouts_.rtype(types::basic_type(types::BasicKind::Uint8));
  std::set<std::string> made;
  auto kinds_of = [&](const types::Tuple* t) {
    std::vector<SlotKind> k;
    for (const types::Var* v : t->vars) {
      const auto& vk = layouts_.kinds(v->type);
      k.insert(k.end(), vk.begin(), vk.end());
    }
    return k;
  };
  auto make = [&](const types::Signature* sig) {
    std::vector<SlotKind> pk = kinds_of(sig->params), rk = kinds_of(sig->results);
    std::string name = shape_key(pk, rk);
    if (!made.insert(name).second) return;
    uint32_t fi = declare_function(name);
    bc::Function& fn = funcs_[fi];
    fn.file = "dyn";
    fn.capture_kinds = {SlotKind::Scalar, SlotKind::IfaceType, SlotKind::IfaceData};
    FuncBuilder fb(fn);
    uint32_t params = pk.empty() ? fn.frame_slots : fb.alloc(pk);
    fn.param_slots = fn.frame_slots;
    uint32_t nres = static_cast<uint32_t>(rk.size());
    uint32_t res = nres ? fb.alloc(rk) : 0;
    fn.result_slots = nres;
    if (fn.frame_slots == 0) fb.alloc_scalar();  // operands must name a slot
    fb.emit(Op::CallNative, res, dyn_native("dyn.$invoke", static_cast<uint32_t>(pk.size()), nres), params);
    fb.emit(Op::Ret, res, nres);
  };
  std::function<void(const types::Scope*)> walk_scope = [&](const types::Scope* s) {
    for (const types::Object* o : s->ordered) {
      const auto* tn = o->as<types::TypeName>();
      if (!tn || !tn->type) continue;
      if (const auto* it = types::underlying(tn->type)->as<types::Interface>())
        for (const types::Func* f : it->all_methods)
          if (f->exported()) make(f->sig());
    }
    for (const types::Scope* c : s->children) walk_scope(c);
  };
  for (auto& [pkg, unused] : var_inits_) {
    for (const ast::File* file : pkg->files)
      for (const ast::Decl* d : file->decls) {
        const auto* fd = d->as<ast::FuncDecl>();
        if (!fd || !fd->recv || !fd->body) continue;
        const types::Object* o = pkg->info.obj(fd->name);
        const types::Func* f = o ? o->as<types::Func>() : nullptr;
        if (f && f->exported()) make(f->sig());
      }
    if (pkg->pkg->scope) walk_scope(pkg->pkg->scope);
  }
}

}  // namespace vo::compiler
