// Calls of functions and builtins.
#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;
using types::BuiltinId;
using types::Mode;

// Evaluates the arguments of a call into slots starting at `at`, converted
// to the parameter types; packs variadic extras into a slice.
void Gen::eval_args(const ast::CallExpr* e, const types::Signature* sig, uint32_t at, size_t skip) {
  const auto& params = sig->params->vars;
  std::vector<const ast::Expr*> args(e->args.begin() + static_cast<long>(skip), e->args.end());
  std::vector<uint32_t> offs;
  uint32_t off = 0;
  for (const types::Var* p : params) {
    offs.push_back(off);
    off += layouts_.slots(p->type);
  }
  // f(g()) where g returns several values.
  if (args.size() == 1 && params.size() > 1) {
    const auto* tup = type_of(args[0])->as<types::Tuple>();
    if (!tup) unsupported(e->pos, "this call's arguments");
    if (sig->variadic) unsupported(e->pos, "passing a multi-value call to a variadic function");
    size_t m = fb_->mark();
    uint32_t v = expr(args[0]);
    uint32_t voff = 0;
    for (size_t i = 0; i < params.size(); ++i) {
      const types::Type* vt = tup->vars[i]->type;
      uint32_t n = layouts_.slots(vt);
      if (types::is_interface(params[i]->type) && !types::is_interface(vt)) box(v + voff, vt, params[i]->type, at + offs[i]);
      else move(at + offs[i], v + voff, n);
      voff += n;
    }
    fb_->release(m);
    return;
  }
  size_t fixed = sig->variadic ? params.size() - 1 : params.size();
  for (size_t i = 0; i < fixed; ++i) {
    size_t m = fb_->mark();
    expr_to(args[i], params[i]->type, at + offs[i]);
    fb_->release(m);
  }
  if (!sig->variadic) return;
  const types::Type* st = params.back()->type;
  uint32_t dst = at + offs.back();
  if (e->ellipsis != ast::NoPos) {
    size_t m = fb_->mark();
    expr(args.back(), dst);
    fb_->release(m);
    return;
  }
  size_t extra = args.size() - fixed;
  if (extra == 0) {
    fb_->emit(Op::Zero, dst, 3);
    return;
  }
  const types::Type* elem = types::underlying(st)->as<types::Slice>()->elem;
  size_t m = fb_->mark();
  uint32_t lc = fb_->alloc_scalar(2);
  fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(lc), static_cast<int32_t>(extra)));
  fb_->emit(Op::Move, lc + 1, lc);
  bc::Aux ax;
  ax.type = layouts_.rtype(elem);
  ax.layout = layouts_.array_layout(elem);
  fb_->emit(Op::SliceMake, dst, lc, fb_->add_aux(ax));
  uint32_t idx = fb_->alloc_scalar();
  for (size_t i = 0; i < extra; ++i) {
    size_t m2 = fb_->mark();
    uint32_t v = expr_to(args[fixed + i], elem);
    fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(idx), static_cast<int32_t>(i)));
    fb_->emit(Op::SliceSet, dst, idx, v, layouts_.elem_code(elem));
    fb_->release(m2);
  }
  fb_->release(m);
}

static std::vector<rt::SlotKind> param_kinds(Layouts& layouts, const types::Signature* s) {
  std::vector<rt::SlotKind> k;
  for (const types::Var* v : s->params->vars) {
    const auto& vk = layouts.kinds(v->type);
    k.insert(k.end(), vk.begin(), vk.end());
  }
  return k;
}

CallPlan Gen::plan_call(const ast::CallExpr* e) {
  CallPlan p;
  const ast::Expr* fun = e->fun;
  while (auto* pe = fun->as<ast::ParenExpr>()) fun = pe->x;
  const types::Func* target = nullptr;
  const types::Signature* sig = types::underlying(type_of(e->fun))->as<types::Signature>();
  p.results = sig->results;
  if (auto* id = fun->as<ast::Ident>()) {
    types::Object* o = info_->obj(id);
    if (o && o->kind == types::ObjKind::Func) target = o->as<types::Func>();
  }
  if (auto* sel = fun->as<ast::SelectorExpr>()) {
    auto it = info_->selections.find(sel);
    if (it == info_->selections.end()) {
      types::Object* o = info_->obj(sel->sel);
      if (o && o->kind == types::ObjKind::Func) target = o->as<types::Func>();
    } else if (it->second.kind == types::Selection::Kind::MethodVal) {
      const types::Selection& s = it->second;
      const auto* m = s.obj->as<types::Func>();
      const types::Type* xt = type_of(sel->x);
      if (types::is_interface(xt)) {
        p.kind = CallPlan::Iface;
        p.kinds = {rt::SlotKind::IfaceType, rt::SlotKind::IfaceData, rt::SlotKind::Scalar};
        auto pk = param_kinds(layouts_, m->sig());
        p.kinds.insert(p.kinds.end(), pk.begin(), pk.end());
        p.block = fb_->alloc(p.kinds);
        p.callee = p.block;
        p.args = p.block + 2;
        expr(sel->x, p.block);
        const auto* iface = types::underlying(xt)->as<types::Interface>();
        while (p.method < iface->all_methods.size() && iface->all_methods[p.method]->name != m->name) ++p.method;
        eval_args(e, m->sig(), p.args + 1, 0);
        return p;
      }
      p.kind = CallPlan::Static;
      p.func = func_index(m);
      const types::Type* rcv = m->sig()->recv->type;
      p.kinds = layouts_.kinds(rcv);
      uint32_t nr = static_cast<uint32_t>(p.kinds.size());
      auto pk = param_kinds(layouts_, m->sig());
      p.kinds.insert(p.kinds.end(), pk.begin(), pk.end());
      p.block = fb_->alloc(p.kinds);
      p.args = p.block;
      recv_arg(sel->x, s.index, m->ptr_recv, p.block);
      eval_args(e, m->sig(), p.block + nr, 0);
      return p;
    } else if (it->second.kind == types::Selection::Kind::MethodExpr) {
      const types::Selection& s = it->second;
      const auto* m = s.obj->as<types::Func>();
      if (types::is_interface(s.recv)) unsupported(e->pos, "calls of interface method expressions");
      p.kind = CallPlan::Static;
      p.func = method_wrapper(s.recv, m, s.index, false);
      p.kinds = param_kinds(layouts_, sig);
      p.block = fb_->alloc(p.kinds);
      p.args = p.block;
      eval_args(e, sig, p.block, 0);
      return p;
    }
  }
  if (target && native_ids_.count(target)) {
    p.kind = CallPlan::Native;
    p.func = native_ids_[target];
    p.kinds = param_kinds(layouts_, sig);
    p.block = fb_->alloc(p.kinds);
    p.args = p.block;
    eval_args(e, sig, p.block, 0);
    return p;
  }
  if (target && func_ids_.count(target)) {
    p.kind = CallPlan::Static;
    p.func = func_index(target);
    p.kinds = param_kinds(layouts_, sig);
    p.block = fb_->alloc(p.kinds);
    p.args = p.block;
    eval_args(e, sig, p.block, 0);
    return p;
  }
  if (target) unsupported(e->pos, "calling " + target->name + " (a function without a body)");
  p.kind = CallPlan::Closure;
  p.kinds = {rt::SlotKind::Ref};
  auto pk = param_kinds(layouts_, sig);
  p.kinds.insert(p.kinds.end(), pk.begin(), pk.end());
  p.block = fb_->alloc(p.kinds);
  p.callee = p.block;
  p.args = p.block + 1;
  expr(e->fun, p.block);
  eval_args(e, sig, p.args, 0);
  return p;
}

// Emits the call; returns the first slot of the results.
uint32_t Gen::emit_call(const CallPlan& p, int64_t dest) {
  uint32_t nres = p.results ? layouts_.slots(p.results) : 0;
  uint32_t res = nres ? fb_->alloc(layouts_.kinds(p.results)) : 0;
  switch (p.kind) {
    case CallPlan::Static:
      fb_->emit(Op::Call, res, p.func & 0xFFFF, p.args, static_cast<uint8_t>(p.func >> 16));
      break;
    case CallPlan::Closure: fb_->emit(Op::CallClosure, res, p.callee, p.args); break;
    case CallPlan::Iface: fb_->emit(Op::CallIface, res, p.callee, p.args, static_cast<uint8_t>(p.method)); break;
    case CallPlan::Native: fb_->emit(Op::CallNative, res, p.func, p.args); break;
  }
  return res;
}

uint32_t Gen::call(const ast::CallExpr* e, int64_t dest) {
  const types::TypeAndValue& ftv = tv(e->fun);
  if (ftv.mode == Mode::Builtin) {
    const ast::Expr* fun = e->fun;
    while (auto* pe = fun->as<ast::ParenExpr>()) fun = pe->x;
    const auto* b = info_->obj(fun) ? info_->obj(fun)->as<types::Builtin>() : nullptr;
    if (!b) unsupported(e->pos, "this builtin call");
    return builtin_call(e, b->id, dest);
  }
  const auto* sig = types::underlying(ftv.type)->as<types::Signature>();
  uint32_t nres = layouts_.slots(sig->results);
  size_t m = fb_->mark();
  CallPlan p = plan_call(e);
  line(e->lparen);
  uint32_t res = emit_call(p, dest);
  // Keep the results while releasing the argument block.
  uint32_t d = 0;
  if (nres) {
    d = dest >= 0 ? static_cast<uint32_t>(dest) : UINT32_MAX;
    if (dest >= 0) move(d, res, nres);
  }
  fb_->release(m);
  if (nres == 0) return 0;
  if (dest < 0) {
    d = fb_->alloc(layouts_.kinds(sig->results));
    move(d, res, nres);
  }
  return d;
}

uint32_t Gen::print_args(const std::vector<ast::Expr*>& args, size_t first) {
  size_t n = args.size() - first;
  std::vector<rt::SlotKind> kinds;
  for (size_t i = 0; i < n; ++i) {
    kinds.push_back(rt::SlotKind::IfaceType);
    kinds.push_back(rt::SlotKind::IfaceData);
  }
  uint32_t at = fb_->alloc(kinds);
  for (size_t i = 0; i < n; ++i) {
    size_t m = fb_->mark();
    expr_to(args[first + i], types::universe_any(), at + 2 * static_cast<uint32_t>(i));
    fb_->release(m);
  }
  return at;
}

uint32_t Gen::builtin_call(const ast::CallExpr* e, BuiltinId id, int64_t dest) {
  const types::Type* t = type_of(e);
  switch (id) {
    case BuiltinId::Print:
    case BuiltinId::Println: {
      size_t m = fb_->mark();
      uint32_t at = print_args(e->args, 0);
      fb_->emit(Op::Print, 0, at, static_cast<uint32_t>(e->args.size()), id == BuiltinId::Println ? 1 : 0);
      fb_->release(m);
      return 0;
    }
    case BuiltinId::Assert: {
      size_t m = fb_->mark();
      uint32_t c = expr(e->args[0]);
      uint32_t at = print_args(e->args, 1);
      line(e->lparen);
      fb_->emit(Op::Assert, c, at, static_cast<uint32_t>(e->args.size() - 1));
      fb_->release(m);
      return 0;
    }
    case BuiltinId::Len:
    case BuiltinId::Cap: {
      const types::Type* xt = types::underlying(type_of(e->args[0]));
      uint32_t d = dest_or_alloc(dest, t);
      size_t m = fb_->mark();
      uint32_t x = expr(e->args[0]);
      if (xt->is<types::Map>()) fb_->emit(Op::MapLen, d, x);
      else move(d, x + (id == BuiltinId::Len ? 1 : 2), 1);
      fb_->release(m);
      return d;
    }
    case BuiltinId::Append: {
      const auto* sl = types::underlying(t)->as<types::Slice>();
      uint32_t d = dest_or_alloc(dest, t);
      size_t m = fb_->mark();
      uint32_t s = expr(e->args[0]);
      uint32_t cur = alloc(t);
      move(cur, s, 3);
      bc::Aux ax;
      ax.type = layouts_.rtype(sl->elem);
      ax.layout = layouts_.array_layout(sl->elem);
      uint32_t ai = fb_->add_aux(ax);
      if (e->ellipsis != ast::NoPos) {
        uint32_t src = expr(e->args[1]);
        auto* b = types::underlying(type_of(e->args[1]))->as<types::Basic>();
        fb_->emit(Op::AppendSlice, cur, cur, src, b ? 1 : 0);
        fb_->emit_ext(ai);
      } else {
        for (size_t i = 1; i < e->args.size(); ++i) {
          size_t m2 = fb_->mark();
          uint32_t v = expr_to(e->args[i], sl->elem);
          fb_->emit(Op::Append, cur, cur, v);
          fb_->emit_ext(ai);
          fb_->release(m2);
        }
      }
      move(d, cur, 3);
      fb_->release(m);
      return d;
    }
    case BuiltinId::Copy: {
      const types::Type* dt = types::underlying(type_of(e->args[0]));
      uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc_scalar();
      size_t m = fb_->mark();
      uint32_t a = expr(e->args[0]);
      uint32_t b = expr(e->args[1]);
      fb_->emit(Op::Copy, d, a, b);
      fb_->emit_ext(layouts_.elem_code(dt->as<types::Slice>()->elem));
      fb_->release(m);
      return d;
    }
    case BuiltinId::Make: {
      const types::Type* u = types::underlying(t);
      uint32_t d = dest_or_alloc(dest, t);
      size_t m = fb_->mark();
      if (auto* sl = u->as<types::Slice>()) {
        uint32_t lc = fb_->alloc_scalar(2);
        expr(e->args[1], lc);
        if (e->args.size() > 2) expr(e->args[2], lc + 1);
        else move(lc + 1, lc, 1);
        bc::Aux ax;
        ax.type = layouts_.rtype(sl->elem);
        ax.layout = layouts_.array_layout(sl->elem);
        line(e->lparen);
        fb_->emit(Op::SliceMake, d, lc, fb_->add_aux(ax));
      } else if (u->is<types::Map>()) {
        uint32_t hint = 0xFFFF;
        if (e->args.size() > 1) hint = expr(e->args[1]);
        bc::Aux ax;
        ax.ptr = layouts_.map_type(t);
        fb_->emit(Op::MapMake, d, fb_->add_aux(ax), hint);
      } else {
        unsupported(e->pos, "make of this type");
      }
      fb_->release(m);
      return d;
    }
    case BuiltinId::Delete: {
      const auto* mt = types::underlying(type_of(e->args[0]))->as<types::Map>();
      size_t m = fb_->mark();
      uint32_t mp = expr(e->args[0]);
      uint32_t k = expr_to(e->args[1], mt->key);
      bc::Aux ax;
      ax.ptr = layouts_.map_type(type_of(e->args[0]));
      fb_->emit(Op::MapDelete, mp, k);
      fb_->emit_ext(fb_->add_aux(ax));
      fb_->release(m);
      return 0;
    }
    case BuiltinId::Panic: {
      size_t m = fb_->mark();
      uint32_t v = expr_to(e->args[0], types::universe_any());
      line(e->lparen);
      fb_->emit(Op::Panic, v);
      fb_->release(m);
      return 0;
    }
    case BuiltinId::New: {
      const types::Type* pt = types::underlying(t)->as<types::Pointer>()->elem;
      return new_box(pt, dest);
    }
    case BuiltinId::Recover: {
      uint32_t d = dest_or_alloc(dest, t);
      fb_->emit(Op::Recover, d);
      return d;
    }
    default:
      unsupported(e->pos, "this builtin (channels and islands come later)");
  }
}

}  // namespace vo::compiler
