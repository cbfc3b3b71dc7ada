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
  std::vector<uint32_t> offs;
  uint32_t off = 0;
  for (const types::Var* p : params) {
    offs.push_back(off);
    off += layouts_.slots(p->type);
  }
  // The operands: expressions, or the results of one multi-value call f(g()).
  struct Operand {
    const ast::Expr* expr = nullptr;
    uint32_t slot = 0;
    const types::Type* type = nullptr;
  };
  std::vector<Operand> ops;
  if (e->args.size() == skip + 1 && type_of(e->args[skip]) && type_of(e->args[skip])->is<types::Tuple>()) {
    const auto* tup = type_of(e->args[skip])->as<types::Tuple>();
    uint32_t v = expr(e->args[skip]);  // stays allocated until the call is emitted
    uint32_t voff = 0;
    for (const types::Var* r : tup->vars) {
      ops.push_back(Operand{nullptr, v + voff, r->type});
      voff += layouts_.slots(r->type);
    }
  } else {
    for (size_t i = skip; i < e->args.size(); ++i) ops.push_back(Operand{e->args[i], 0, nullptr});
  }
  auto put = [&](const Operand& o, const types::Type* to, uint32_t dst) {
    size_t m = fb_->mark();
    if (o.expr) expr_to(o.expr, to, dst);
    else move_converted(dst, o.slot, o.type, to);
    fb_->release(m);
  };
  size_t fixed = sig->variadic ? params.size() - 1 : params.size();
  for (size_t i = 0; i < fixed; ++i) put(ops[i], params[i]->type, at + offs[i]);
  if (!sig->variadic) return;
  const types::Type* st = params.back()->type;
  uint32_t dst = at + offs.back();
  if (e->ellipsis != ast::NoPos) {
    put(ops.back(), st, dst);
    return;
  }
  size_t extra = ops.size() - fixed;
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
  uint32_t v = alloc(elem);
  for (size_t i = 0; i < extra; ++i) {
    put(ops[fixed + i], elem, v);
    fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(idx), static_cast<int32_t>(i)));
    store(LValue{LValue::SliceElem, dst, idx, 0, layouts_.elem_code(elem), elem}, v);
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

static std::vector<const types::Type*> param_types(const types::Signature* s) {
  std::vector<const types::Type*> t;
  for (const types::Var* v : s->params->vars) t.push_back(v->type);
  return t;
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
      bool promoted_iface = !types::is_interface(xt) && m->decl == nullptr;  // method of an embedded interface
      if (types::is_interface(xt) || promoted_iface) {
        p.kind = CallPlan::Iface;
        p.kinds = {rt::SlotKind::IfaceType, rt::SlotKind::IfaceData, rt::SlotKind::Scalar};
        auto pk = param_kinds(layouts_, m->sig());
        p.kinds.insert(p.kinds.end(), pk.begin(), pk.end());
        p.block = fb_->alloc(p.kinds);
        p.callee = p.block;
        p.args = p.block + 2;
        const types::Type* it_type = xt;
        if (promoted_iface) {
          recv_arg(sel->x, s.index, false, p.block);
          it_type = embedded_type(xt, s.index);
        } else {
          expr(sel->x, p.block);
        }
        p.method = iface_method_index(it_type, m->name);
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
      p.types = param_types(m->sig());
      p.types.insert(p.types.begin(), rcv);
      p.block = fb_->alloc(p.kinds);
      p.args = p.block;
      recv_arg(sel->x, s.index, m->ptr_recv, p.block);
      eval_args(e, m->sig(), p.block + nr, 0);
      return p;
    } else if (it->second.kind == types::Selection::Kind::MethodExpr) {
      const types::Selection& s = it->second;
      const auto* m = s.obj->as<types::Func>();
      p.kind = CallPlan::Static;
      p.func = types::is_interface(s.recv) ? iface_method_func(s.recv, m) : method_wrapper(s.recv, m, s.index, false);
      p.kinds = param_kinds(layouts_, sig);
      p.types = param_types(sig);
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
    p.types = param_types(sig);
    p.block = fb_->alloc(p.kinds);
    p.args = p.block;
    eval_args(e, sig, p.block, 0);
    return p;
  }
  if (target && func_ids_.count(target)) {
    p.kind = CallPlan::Static;
    p.func = func_index(target);
    p.kinds = param_kinds(layouts_, sig);
    p.types = param_types(sig);
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
  p.types = param_types(sig);
  p.types.insert(p.types.begin(), type_of(e->fun));
  p.block = fb_->alloc(p.kinds);
  p.callee = p.block;
  p.args = p.block + 1;
  expr(e->fun, p.block);
  eval_args(e, sig, p.args, 0);
  return p;
}

// The std math functions the VM computes inline (FMath's flags), as Go's
// compiler does; -1 for any other call.
int Gen::math_intrinsic(const ast::CallExpr* e) {
  const auto* sel = e->fun->as<ast::SelectorExpr>();
  if (!sel || e->args.size() != 1) return -1;
  const types::Object* o = info_->obj(sel->sel);
  if (!o || o->kind != types::ObjKind::Func || !o->pkg || !o->pkg->is_std || o->pkg->path != "math") return -1;
  static const char* const kNames[] = {"Sqrt", "Abs", "Floor", "Ceil", "Trunc"};
  for (int i = 0; i < 5; ++i)
    if (o->name == kNames[i]) return i;
  return -1;
}

void emit_call_iface(FuncBuilder& fb, uint32_t res, uint32_t iface, uint32_t args, uint32_t method) {
  if (method <= 255) {
    fb.emit(Op::CallIface, res, iface, args, static_cast<uint8_t>(method));
    return;
  }
  fb.emit(Op::CallIfaceW, res, iface, args);
  fb.emit(bc::make_imm(Op::Ext, 0, static_cast<int32_t>(method)));
}

// Emits the call with its results written to `res`.
void Gen::emit_call(const CallPlan& p, uint32_t res) {
  switch (p.kind) {
    case CallPlan::Static:
      fb_->emit(Op::Call, res, p.func & 0xFFFF, p.args, static_cast<uint8_t>(p.func >> 16));
      break;
    case CallPlan::Closure: fb_->emit(Op::CallClosure, res, p.callee, p.args); break;
    case CallPlan::Iface: emit_call_iface(*fb_, res, p.callee, p.args, p.method); break;
    case CallPlan::Native: fb_->emit(Op::CallNative, res, p.func, p.args); break;
  }
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
  if (int fn = math_intrinsic(e); fn >= 0) {
    uint32_t d = dest_or_alloc(dest, types::basic_type(types::BasicKind::Float64));
    size_t m = fb_->mark();
    uint32_t x = expr(e->args[0]);
    fb_->emit(Op::FMath, d, x, 0, static_cast<uint8_t>(fn));
    fb_->release(m);
    return d;
  }
  const auto* sig = types::underlying(ftv.type)->as<types::Signature>();
  uint32_t nres = layouts_.slots(sig->results);
  // Results land directly in their destination: arguments are copied into
  // the callee's frame before it runs, so the destination may be an argument.
  uint32_t d = 0;
  if (nres) d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc(layouts_.kinds(sig->results));
  size_t m = fb_->mark();
  CallPlan p = plan_call(e);
  line(e->lparen);
  emit_call(p, d);
  fb_->release(m);
  return d;
}

// Number of print operands from args[first] on (a multi-value call counts its results).
uint32_t Gen::operand_count(const std::vector<ast::Expr*>& args, size_t first) {
  if (args.size() == first + 1 && type_of(args[first]) && type_of(args[first])->is<types::Tuple>())
    return static_cast<uint32_t>(type_of(args[first])->as<types::Tuple>()->size());
  return static_cast<uint32_t>(args.size() - first);
}

uint32_t Gen::print_args(const std::vector<ast::Expr*>& args, size_t first) {
  // print(f()) with a multi-value f: each result is an operand.
  if (args.size() == first + 1 && type_of(args[first]) && type_of(args[first])->is<types::Tuple>()) {
    const auto* tup = type_of(args[first])->as<types::Tuple>();
    std::vector<rt::SlotKind> kinds;
    for (size_t i = 0; i < tup->size(); ++i) {
      kinds.push_back(rt::SlotKind::IfaceType);
      kinds.push_back(rt::SlotKind::IfaceData);
    }
    uint32_t at = fb_->alloc(kinds);
    uint32_t v = expr(args[first]);
    uint32_t off = 0;
    for (size_t i = 0; i < tup->size(); ++i) {
      const types::Type* t = tup->vars[i]->type;
      if (types::is_interface(t)) move(at + 2 * static_cast<uint32_t>(i), v + off, 2);
      else box(v + off, t, types::universe_any(), at + 2 * static_cast<uint32_t>(i));
      off += layouts_.slots(t);
    }
    return at;
  }
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
      fb_->emit(Op::Print, 0, at, operand_count(e->args, 0), id == BuiltinId::Println ? 1 : 0);
      fb_->release(m);
      return 0;
    }
    case BuiltinId::Assert: {
      size_t m = fb_->mark();
      uint32_t c = expr(e->args[0]);
      uint32_t at = print_args(e->args, 1);
      line(e->lparen);
      fb_->emit(Op::Assert, c, at, operand_count(e->args, 1));
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
      else if (xt->is<types::Chan>()) fb_->emit(Op::ChanLen, d, x, 0, id == BuiltinId::Cap ? 1 : 0);
      else if (xt->is<types::Port>()) fb_->emit(Op::PortLen, d, x, 0, id == BuiltinId::Cap ? 1 : 0);
      else if (auto* ar = xt->as<types::Array>())  // evaluated for its calls; the length is static
        fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(d), static_cast<int32_t>(ar->len)));
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
        // All values first, then one append: capacity is checked for all of
        // them before anything is written.
        size_t n = e->args.size() - 1;
        if (n > 0) {
          std::vector<rt::SlotKind> kinds;
          for (size_t i = 0; i < n; ++i) {
            const auto& k = layouts_.kinds(sl->elem);
            kinds.insert(kinds.end(), k.begin(), k.end());
          }
          uint32_t vals = fb_->alloc(kinds);
          uint32_t es = layouts_.slots(sl->elem);
          for (size_t i = 0; i < n; ++i) {
            size_t m2 = fb_->mark();
            expr_to(e->args[i + 1], sl->elem, vals + static_cast<uint32_t>(i) * es);
            fb_->release(m2);
          }
          if (n > 0xFFFF) unsupported(e->pos, "append of more than 65535 values");
          fb_->emit(Op::Append, cur, cur, vals);
          fb_->emit_ext(ai, static_cast<uint32_t>(n));
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
      fb_->emit(bc::make_imm(Op::Ext, 0, static_cast<int32_t>(layouts_.elem_size(dt->as<types::Slice>()->elem))));
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
      } else if (auto* ch = u->as<types::Chan>()) {
        uint32_t size = 0xFFFF;
        if (e->args.size() > 1) size = expr(e->args[1]);
        bc::Aux ax;
        ax.type = layouts_.rtype(ch->elem);
        ax.layout = layouts_.box_layout(ch->elem);
        line(e->lparen);
        fb_->emit(Op::ChanMake, d, size, fb_->add_aux(ax));
      } else if (auto* pt = u->as<types::Port>()) {
        uint32_t size = expr(e->args[1]);
        bc::Aux ax;
        ax.type = layouts_.rtype(pt->elem);
        line(e->lparen);
        fb_->emit(Op::PortMake, d, size, fb_->add_aux(ax));
      } else if (u->is<types::Island>()) {
        line(e->lparen);
        fb_->emit(Op::IslandMake, d);
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
    case BuiltinId::Close: {
      size_t m = fb_->mark();
      uint32_t c = expr(e->args[0]);
      line(e->lparen);
      fb_->emit(types::underlying(type_of(e->args[0]))->is<types::Port>() ? Op::PortClose : Op::ChanClose, c);
      fb_->release(m);
      return 0;
    }
    default:
      unsupported(e->pos, "this builtin (islands come later)");
  }
}

}  // namespace vo::compiler
