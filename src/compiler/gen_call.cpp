// Calls of functions and builtins.
#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;
using types::BuiltinId;
using types::Mode;

void Gen::args_into(const ast::CallExpr* e, const types::Signature* sig, uint32_t at) {
  const auto& params = sig->params->vars;
  if (sig->variadic && e->ellipsis == ast::NoPos) unsupported(e->pos, "calls of variadic functions");
  if (e->args.size() == 1 && params.size() > 1) unsupported(e->pos, "passing a multi-value call as arguments");
  uint32_t off = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    const types::Type* pt = params[i]->type;
    size_t m = fb_->mark();
    expr_to(e->args[i], pt, at + off);
    fb_->release(m);
    off += layouts_.slots(pt);
  }
}

uint32_t Gen::call(const ast::CallExpr* e, int64_t dest) {
  const types::TypeAndValue& ftv = tv(e->fun);
  if (ftv.mode == Mode::Builtin) {
    const auto* b = info_->obj(e->fun) ? info_->obj(e->fun)->as<types::Builtin>() : nullptr;
    if (!b) unsupported(e->pos, "this builtin call");
    return builtin_call(e, b->id, dest);
  }
  const auto* sig = types::underlying(ftv.type)->as<types::Signature>();
  const ast::Expr* fun = e->fun;
  while (auto* p = fun->as<ast::ParenExpr>()) fun = p->x;
  const types::Func* target = nullptr;
  if (auto* id = fun->as<ast::Ident>()) target = info_->obj(id) ? info_->obj(id)->as<types::Func>() : nullptr;
  if (auto* sel = fun->as<ast::SelectorExpr>()) {
    if (info_->selections.count(sel)) unsupported(e->pos, "method calls");
    target = info_->obj(sel->sel) ? info_->obj(sel->sel)->as<types::Func>() : nullptr;
  }
  if (!target) unsupported(e->pos, "calls of function values");
  uint32_t nparams = 0;
  std::vector<rt::SlotKind> arg_kinds;
  for (const types::Var* p : sig->params->vars) {
    const auto& k = layouts_.kinds(p->type);
    arg_kinds.insert(arg_kinds.end(), k.begin(), k.end());
    nparams += layouts_.slots(p->type);
  }
  size_t m = fb_->mark();
  uint32_t args = fb_->alloc(arg_kinds);
  args_into(e, sig, args);
  const types::Type* rt = sig->results;
  uint32_t nres = layouts_.slots(rt);
  uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : 0;
  uint32_t res = nres ? fb_->alloc(layouts_.kinds(rt)) : 0;
  uint32_t fi = func_index(target);
  line(e->lparen);
  fb_->emit(Op::Call, res, fi & 0xFFFF, args, static_cast<uint8_t>(fi >> 16));
  fb_->release(m);
  if (nres == 0) return 0;
  if (dest < 0) d = fb_->alloc(layouts_.kinds(rt));
  move(d, res, nres);
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
    default:
      unsupported(e->pos, "builtin " + std::string(ast::tok_string(ast::Tok::Ident)));
  }
}

}  // namespace vo::compiler
