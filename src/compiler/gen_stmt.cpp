// Statements and function bodies.
#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;

void Gen::line(ast::Pos p) {
  if (p == ast::NoPos) return;
  fb_->set_line(static_cast<uint32_t>(diags_.fset()->position(p).line));
}

uint32_t Gen::declare_local(types::Var* v) {
  if (v->escapes()) unsupported(v->pos, "variables captured by closures or whose address is taken");
  uint32_t s = fb_->alloc(layouts_.kinds(v->type));
  vars_[v] = VarLoc{VarLoc::Local, s};
  return s;
}

void Gen::begin_function(bc::Function& fn, const types::Signature* sig, const ast::FuncType* ft, const ast::Node* owner) {
  sig_ = sig;
  // Parameters occupy the first slots, in order; then the results.
  for (types::Var* p : sig->params->vars) {
    uint32_t s = fb_->alloc(layouts_.kinds(p->type));
    if (p->escapes()) unsupported(p->pos, "parameters captured by closures");
    vars_[p] = VarLoc{VarLoc::Local, s};
  }
  fn.param_slots = fn.frame_slots;
  results_.clear();
  result_slot_ = fn.frame_slots;
  for (types::Var* r : sig->results->vars) {
    results_.push_back(r);
    declare_local(r);
  }
  fn.result_slots = fn.frame_slots - fn.param_slots;
}

void Gen::end_function() {
  // Falling off the end returns the result variables (zero if unnamed).
  fb_->emit(Op::Ret, result_slot_, fb_->fn().result_slots);
}

void Gen::block(const std::vector<ast::Stmt*>& list) {
  for (const ast::Stmt* s : list) stmt(s);
}

void Gen::stmt(const ast::Stmt* s) {
  line(s->pos);
  size_t m = fb_->mark();
  switch (s->kind) {
    case ast::NodeKind::EmptyStmt: break;
    case ast::NodeKind::BlockStmt: {
      size_t bm = fb_->mark();
      block(s->as<ast::BlockStmt>()->list);
      fb_->release(bm);
      return;
    }
    case ast::NodeKind::ExprStmt: expr(s->as<ast::ExprStmt>()->x); break;
    case ast::NodeKind::AssignStmt: assign_stmt(s->as<ast::AssignStmt>()); return;
    case ast::NodeKind::IncDecStmt: incdec_stmt(s->as<ast::IncDecStmt>()); break;
    case ast::NodeKind::IfStmt: if_stmt(s->as<ast::IfStmt>()); break;
    case ast::NodeKind::ForStmt: for_stmt(s->as<ast::ForStmt>(), ""); break;
    case ast::NodeKind::RangeStmt: range_stmt(s->as<ast::RangeStmt>(), ""); break;
    case ast::NodeKind::SwitchStmt: switch_stmt(s->as<ast::SwitchStmt>(), ""); break;
    case ast::NodeKind::ReturnStmt: return_stmt(s->as<ast::ReturnStmt>()); break;
    case ast::NodeKind::BranchStmt: branch_stmt(s->as<ast::BranchStmt>()); break;
    case ast::NodeKind::LabeledStmt: {
      const auto* l = s->as<ast::LabeledStmt>();
      if (auto* f = l->stmt->as<ast::ForStmt>()) for_stmt(f, l->label->name);
      else if (auto* r = l->stmt->as<ast::RangeStmt>()) range_stmt(r, l->label->name);
      else if (auto* sw = l->stmt->as<ast::SwitchStmt>()) switch_stmt(sw, l->label->name);
      else stmt(l->stmt);
      break;
    }
    case ast::NodeKind::DeclStmt: {
      const auto* d = s->as<ast::DeclStmt>()->decl;
      if (d->tok != ast::Tok::Var) break;  // const and type declarations need no code
      for (const ast::Node* sp : d->specs) {
        const auto* vs = sp->as<ast::ValueSpec>();
        if (vs->values.size() != vs->names.size() && !vs->values.empty())
          unsupported(vs->pos, "multi-value var declarations");
        std::vector<uint32_t> vals;
        for (size_t i = 0; i < vs->values.size(); ++i) {
          types::Var* v = info_->obj(vs->names[i])->as<types::Var>();
          vals.push_back(expr_to(vs->values[i], v->type));
        }
        for (size_t i = 0; i < vs->names.size(); ++i) {
          types::Object* o = info_->obj(vs->names[i]);
          if (!o) continue;
          types::Var* v = o->as<types::Var>();
          uint32_t slot = declare_local(v);
          if (i < vals.size()) move(slot, vals[i], layouts_.slots(v->type));
          else fb_->emit(Op::Zero, slot, layouts_.slots(v->type));
        }
      }
      return;  // keep the new variables' slots
    }
    default: unsupported(s->pos, "this statement");
  }
  fb_->release(m);
}

void Gen::assign_stmt(const ast::AssignStmt* s) {
  size_t m = fb_->mark();
  if (s->tok != ast::Tok::Assign && s->tok != ast::Tok::Define) {
    // x op= y: resolve x once.
    LValue lv = lvalue(s->lhs[0]);
    uint32_t old = load(lv, -1);
    ast::BinaryExpr be(s->tok_pos);
    (void)be;
    const types::Type* t = lv.type;
    uint32_t y = expr(s->rhs[0]);
    uint32_t r = alloc(t);
    auto* b = types::underlying(t)->as<types::Basic>();
    bool f = b && b->is_float();
    bool u = b && b->is_unsigned();
    bool sh_signed = !(types::underlying(type_of(s->rhs[0]))->as<types::Basic>() &&
                       types::underlying(type_of(s->rhs[0]))->as<types::Basic>()->is_unsigned());
    Op o;
    uint8_t flags = 0;
    switch (ast::assign_op_base(s->tok)) {
      case ast::Tok::Add: o = (b && b->is_string()) ? Op::StrConcat : f ? Op::AddF : Op::AddI; break;
      case ast::Tok::Sub: o = f ? Op::SubF : Op::SubI; break;
      case ast::Tok::Mul: o = f ? Op::MulF : Op::MulI; break;
      case ast::Tok::Quo: o = f ? Op::DivF : u ? Op::DivU : Op::DivI; break;
      case ast::Tok::Rem: o = u ? Op::RemU : Op::RemI; break;
      case ast::Tok::And: o = Op::And; break;
      case ast::Tok::Or: o = Op::Or; break;
      case ast::Tok::Xor: o = Op::Xor; break;
      case ast::Tok::AndNot: o = Op::AndNot; break;
      case ast::Tok::Shl: o = Op::Shl; flags = sh_signed; break;
      case ast::Tok::Shr: o = u ? Op::ShrU : Op::ShrS; flags = sh_signed; break;
      default: unsupported(s->tok_pos, "this assignment operator");
    }
    line(s->tok_pos);
    fb_->emit(o, r, old, y, flags);
    if (f && b->bkind == types::BasicKind::Float32) fb_->emit(Op::F32Round, r, r);
    else if (uint8_t n = layouts_.narrow_code(t)) fb_->emit(Op::Narrow, r, r, 0, n);
    store(lv, r);
    fb_->release(m);
    return;
  }
  if (s->rhs.size() != s->lhs.size()) unsupported(s->pos, "multi-value assignment from one call");
  // Phase 1: locations; phase 2: values; phase 3: stores (Vo's order).
  std::vector<LValue> lvs;
  std::vector<types::Var*> fresh;
  for (const ast::Expr* l : s->lhs) {
    types::Var* nv = nullptr;
    if (s->tok == ast::Tok::Define) {
      if (auto* id = l->as<ast::Ident>(); id && id->name != "_") {
        types::Object* o = info_->obj(id);
        if (o && !vars_.count(o)) nv = o->as<types::Var>();
      }
    }
    fresh.push_back(nv);
    if (nv) {
      LValue lv;
      lv.kind = LValue::Blank;
      lv.type = nv->type;
      lvs.push_back(lv);
    } else {
      lvs.push_back(lvalue(l));
    }
  }
  std::vector<uint32_t> vals;
  for (size_t i = 0; i < s->rhs.size(); ++i) {
    const types::Type* lt = fresh[i] ? fresh[i]->type : lvs[i].kind == LValue::Blank ? type_of(s->rhs[i]) : lvs[i].type;
    uint32_t v = expr_to(s->rhs[i], lt);
    if (s->rhs.size() > 1) {  // later right-hand sides must not clobber an earlier value read in place
      uint32_t c = alloc(lt);
      move(c, v, layouts_.slots(lt));
      v = c;
    }
    vals.push_back(v);
  }
  std::vector<std::pair<types::Var*, uint32_t>> defs;
  for (size_t i = 0; i < lvs.size(); ++i) {
    if (fresh[i]) defs.emplace_back(fresh[i], vals[i]);
    else store(lvs[i], vals[i]);
  }
  fb_->release(m);
  for (auto& [v, val] : defs) {
    uint32_t slot = declare_local(v);
    move(slot, val, layouts_.slots(v->type));
  }
}

void Gen::incdec_stmt(const ast::IncDecStmt* s) {
  LValue lv = lvalue(s->x);
  uint32_t old = load(lv, -1);
  uint32_t r = alloc(lv.type);
  auto* b = types::underlying(lv.type)->as<types::Basic>();
  if (b->is_float()) {
    uint32_t one = fb_->alloc_scalar();
    double d = 1.0;
    rt::Slot bits;
    std::memcpy(&bits, &d, 8);
    fb_->emit(Op::LoadConst, one, slot_const(bits), 0, 1);
    fb_->emit(s->tok == ast::Tok::Inc ? Op::AddF : Op::SubF, r, old, one);
  } else {
    fb_->emit(Op::AddImm, r, old, static_cast<uint16_t>(s->tok == ast::Tok::Inc ? 1 : -1));
    if (uint8_t n = layouts_.narrow_code(lv.type)) fb_->emit(Op::Narrow, r, r, 0, n);
  }
  store(lv, r);
}

void Gen::if_stmt(const ast::IfStmt* s) {
  size_t m = fb_->mark();
  if (s->init) stmt(s->init);
  std::vector<uint32_t> to_else;
  cond_jump(s->cond, false, to_else);
  stmt(s->body);
  if (s->else_) {
    uint32_t to_end = fb_->emit_jump(Op::Jmp);
    for (uint32_t p : to_else) fb_->patch_here(p);
    stmt(s->else_);
    fb_->patch_here(to_end);
  } else {
    for (uint32_t p : to_else) fb_->patch_here(p);
  }
  fb_->release(m);
}

void Gen::for_stmt(const ast::ForStmt* s, const std::string& label) {
  size_t m = fb_->mark();
  if (s->init) stmt(s->init);
  // Go 1.22 gives each iteration its own loop variable; that matters only
  // when a closure captures it, which needs boxing (not supported yet).
  uint32_t top = fb_->pc();
  std::vector<uint32_t> exits;
  if (s->cond) cond_jump(s->cond, false, exits);
  loops_.push_back(LoopCtx{label, {}, {}, true});
  stmt(s->body);
  LoopCtx ctx = std::move(loops_.back());
  loops_.pop_back();
  for (uint32_t p : ctx.continues) fb_->patch_here(p);
  if (s->post) stmt(s->post);
  fb_->patch_jump(fb_->emit_jump(Op::Jmp), top);
  for (uint32_t p : exits) fb_->patch_here(p);
  for (uint32_t p : ctx.breaks) fb_->patch_here(p);
  fb_->release(m);
}

void Gen::range_stmt(const ast::RangeStmt* s, const std::string& label) {
  size_t m = fb_->mark();
  const types::Type* xt = types::underlying(type_of(s->x));
  auto bind = [&](const ast::Expr* target, uint32_t src, const types::Type* t) {
    if (!target) return;
    if (s->tok == ast::Tok::Define) {
      const auto* id = target->as<ast::Ident>();
      if (id->name == "_") return;
      types::Var* v = info_->obj(id)->as<types::Var>();
      uint32_t slot = vars_.count(v) ? vars_[v].slot : declare_local(v);
      move(slot, src, layouts_.slots(t));
    } else {
      store(lvalue(target), src);
    }
  };
  uint32_t idx = fb_->alloc_scalar();
  uint32_t one = fb_->alloc_scalar();
  fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(idx), 0));
  uint32_t n = fb_->alloc_scalar();
  uint32_t coll = 0;
  const types::Type* elem = nullptr;
  bool is_str = false;
  if (auto* b = xt->as<types::Basic>(); b && b->is_integer()) {
    expr(s->x, n);
  } else if (auto* sl = xt->as<types::Slice>()) {
    coll = alloc(type_of(s->x));
    expr(s->x, coll);
    move(n, coll + 1, 1);
    elem = sl->elem;
  } else if (b && b->is_string()) {
    coll = alloc(type_of(s->x));
    expr(s->x, coll);
    move(n, coll + 1, 1);
    is_str = true;
  } else {
    unsupported(s->pos, "range over this type");
  }
  uint32_t top = fb_->pc();
  uint32_t cond = fb_->alloc_scalar();
  fb_->emit(Op::LtI, cond, idx, n);
  uint32_t exit = fb_->emit_jump(Op::JmpIfNot, cond);
  uint32_t step = one;
  if (is_str) {
    uint32_t rw = fb_->alloc_scalar(2);
    fb_->emit(Op::StrDecode, rw, coll, idx);
    bind(s->key, idx, types::basic_type(types::BasicKind::Int));
    bind(s->value, rw, types::basic_type(types::BasicKind::Int32));
    move(step, rw + 1, 1);
  } else {
    fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(one), 1));
    bind(s->key, idx, s->key ? (s->tok == ast::Tok::Define ? info_->obj(s->key)->type : type_of(s->key)) : nullptr);
    if (s->value && elem) {
      uint32_t v = alloc(elem);
      fb_->emit(Op::SliceGet, v, coll, idx, layouts_.elem_code(elem));
      bind(s->value, v, elem);
    }
  }
  loops_.push_back(LoopCtx{label, {}, {}, true});
  stmt(s->body);
  LoopCtx ctx = std::move(loops_.back());
  loops_.pop_back();
  for (uint32_t p : ctx.continues) fb_->patch_here(p);
  fb_->emit(Op::AddI, idx, idx, step);
  fb_->patch_jump(fb_->emit_jump(Op::Jmp), top);
  fb_->patch_here(exit);
  for (uint32_t p : ctx.breaks) fb_->patch_here(p);
  fb_->release(m);
}

void Gen::switch_stmt(const ast::SwitchStmt* s, const std::string& label) {
  size_t m = fb_->mark();
  if (s->init) stmt(s->init);
  uint32_t tag = 0;
  const types::Type* tt = nullptr;
  if (s->tag) {
    tt = type_of(s->tag);
    tag = alloc(tt);
    expr(s->tag, tag);
  }
  loops_.push_back(LoopCtx{label, {}, {}, false});
  const auto& clauses = s->body->list;
  std::vector<uint32_t> body_jumps(clauses.size(), UINT32_MAX);
  std::vector<std::vector<uint32_t>> to_body(clauses.size());
  int default_idx = -1;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const auto* cc = clauses[i]->as<ast::CaseClause>();
    if (cc->list.empty()) default_idx = static_cast<int>(i);
    for (const ast::Expr* e : cc->list) {
      size_t cm = fb_->mark();
      uint32_t c;
      if (s->tag) {
        uint32_t v = expr_to(e, tt);
        c = compare(ast::Tok::Eql, tt, tag, v, -1);
      } else {
        c = expr(e);
      }
      to_body[i].push_back(fb_->emit_jump(Op::JmpIf, c));
      fb_->release(cm);
    }
  }
  uint32_t to_default = fb_->emit_jump(Op::Jmp);
  std::vector<uint32_t> ends;
  std::vector<uint32_t> fallthroughs;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const auto* cc = clauses[i]->as<ast::CaseClause>();
    uint32_t start = fb_->pc();
    for (uint32_t p : to_body[i]) fb_->patch_jump(p, start);
    if (static_cast<int>(i) == default_idx) fb_->patch_jump(to_default, start);
    for (uint32_t p : fallthroughs) fb_->patch_jump(p, start);
    fallthroughs.clear();
    size_t bm = fb_->mark();
    bool falls = !cc->body.empty() && cc->body.back()->is<ast::BranchStmt>() &&
                 cc->body.back()->as<ast::BranchStmt>()->tok == ast::Tok::Fallthrough;
    for (size_t k = 0; k + (falls ? 1 : 0) < cc->body.size(); ++k) stmt(cc->body[k]);
    fb_->release(bm);
    if (falls) fallthroughs.push_back(fb_->emit_jump(Op::Jmp));
    else ends.push_back(fb_->emit_jump(Op::Jmp));
  }
  if (default_idx < 0) fb_->patch_here(to_default);
  for (uint32_t p : ends) fb_->patch_here(p);
  LoopCtx ctx = std::move(loops_.back());
  loops_.pop_back();
  for (uint32_t p : ctx.breaks) fb_->patch_here(p);
  fb_->release(m);
}

void Gen::return_stmt(const ast::ReturnStmt* s) {
  const auto& rs = sig_->results->vars;
  if (s->results.size() == 1 && rs.size() > 1) unsupported(s->pos, "returning a multi-value call");
  // Evaluate all results before writing any named result.
  std::vector<uint32_t> vals;
  for (size_t i = 0; i < s->results.size(); ++i) {
    uint32_t v = expr_to(s->results[i], rs[i]->type);
    uint32_t c = alloc(rs[i]->type);
    move(c, v, layouts_.slots(rs[i]->type));
    vals.push_back(c);
  }
  for (size_t i = 0; i < vals.size(); ++i) move(vars_[rs[i]].slot, vals[i], layouts_.slots(rs[i]->type));
  fb_->emit(Op::Ret, result_slot_, fb_->fn().result_slots);
}

void Gen::branch_stmt(const ast::BranchStmt* s) {
  if (s->tok == ast::Tok::Goto) unsupported(s->pos, "goto");
  if (s->tok == ast::Tok::Fallthrough) return;  // handled by switch_stmt
  bool is_break = s->tok == ast::Tok::Break;
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) {
    if (s->label ? it->label != s->label->name : (!is_break && !it->is_loop)) continue;
    uint32_t j = fb_->emit_jump(Op::Jmp);
    (is_break ? it->breaks : it->continues).push_back(j);
    return;
  }
  unsupported(s->pos, "this branch statement");
}

}  // namespace vo::compiler
