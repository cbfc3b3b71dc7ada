// Statements and function bodies.
#include <cstring>
#include <functional>

#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;

void Gen::line(ast::Pos p) {
  if (p == ast::NoPos) return;
  fb_->set_line(static_cast<uint32_t>(diags_.fset()->position(p).line));
}

// Declares a local variable (zeroed). Escaping variables get a fresh heap
// box; the returned slot then holds the box pointer.
uint32_t Gen::declare_local(types::Var* v) {
  if (v->escapes()) {
    uint32_t b = new_box(v->type, -1);
    vars_[v] = VarLoc{VarLoc::Boxed, b};
    return b;
  }
  uint32_t s = fb_->alloc(layouts_.kinds(v->type));
  zero(s, layouts_.slots(v->type));
  vars_[v] = VarLoc{VarLoc::Local, s};
  return s;
}

// Declares v and initializes it from the value in `src`.
void Gen::define_var(types::Var* v, uint32_t src) {
  uint32_t n = layouts_.slots(v->type);
  if (!v->escapes()) {  // no zeroing: the value is stored right away
    uint32_t slot = fb_->alloc(layouts_.kinds(v->type));
    vars_[v] = VarLoc{VarLoc::Local, slot};
    move(slot, src, n);
    return;
  }
  uint32_t s = declare_local(v);
  if (vars_[v].kind == VarLoc::Boxed) {
    emit_store(s, 0, src, n);
  } else {
    move(s, src, n);
  }
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
    case ast::NodeKind::DeferStmt: defer_stmt(s->as<ast::DeferStmt>()); break;
    case ast::NodeKind::TypeSwitchStmt: type_switch_stmt(s->as<ast::TypeSwitchStmt>(), ""); break;
    case ast::NodeKind::GoStmt: go_stmt(s->as<ast::GoStmt>()); break;
    case ast::NodeKind::SelectStmt: select_stmt(s->as<ast::SelectStmt>(), ""); break;
    case ast::NodeKind::SendStmt: send_stmt(s->as<ast::SendStmt>()); break;
    case ast::NodeKind::FailStmt: fail_stmt(s->as<ast::FailStmt>()); break;
    case ast::NodeKind::LabeledStmt: {
      const auto* l = s->as<ast::LabeledStmt>();
      if (auto* f = l->stmt->as<ast::ForStmt>()) for_stmt(f, l->label->name);
      else if (auto* r = l->stmt->as<ast::RangeStmt>()) range_stmt(r, l->label->name);
      else if (auto* sw = l->stmt->as<ast::SwitchStmt>()) switch_stmt(sw, l->label->name);
      else if (auto* ts = l->stmt->as<ast::TypeSwitchStmt>()) type_switch_stmt(ts, l->label->name);
      else if (auto* ss = l->stmt->as<ast::SelectStmt>()) select_stmt(ss, l->label->name);
      else stmt(l->stmt);
      break;
    }
    case ast::NodeKind::DeclStmt: {
      const auto* d = s->as<ast::DeclStmt>()->decl;
      if (d->tok != ast::Tok::Var) break;  // const and type declarations need no code
      for (const ast::Node* sp : d->specs) {
        const auto* vs = sp->as<ast::ValueSpec>();
        std::vector<types::Var*> vars;
        for (const ast::Ident* n : vs->names) {
          types::Object* o = info_->obj(n);
          vars.push_back(o && n->name != "_" ? o->as<types::Var>() : nullptr);
        }
        std::vector<const types::Type*> types_;
        for (size_t i = 0; i < vars.size(); ++i)
          types_.push_back(vars[i] ? vars[i]->type : (i < vs->values.size() && vs->values.size() == vars.size() ? type_of(vs->values[i]) : nullptr));
        std::vector<uint32_t> vals = rhs_values(vs->values, types_, vs->pos);
        for (size_t i = 0; i < vars.size(); ++i) {
          if (!vars[i]) continue;
          if (vals.empty()) declare_local(vars[i]);
          else define_var(vars[i], vals[i]);
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
    const types::Type* t = lv.type;
    uint32_t y = expr(s->rhs[0]);
    // A plain local is updated in place: every arithmetic op reads its
    // operands before writing its result.
    uint32_t r = lv.kind == LValue::Slots ? lv.a : alloc(t);
    emit_arith(ast::assign_op_base(s->tok), t, type_of(s->rhs[0]), r, old, y, s->tok_pos);
    store(lv, r);
    fb_->release(m);
    return;
  }
  // x := e for a new local: evaluate straight into its slots.
  if (s->tok == ast::Tok::Define && s->lhs.size() == 1 && s->rhs.size() == 1) {
    const auto* id = s->lhs[0]->as<ast::Ident>();
    types::Object* o = id && id->name != "_" ? info_->obj(id) : nullptr;
    types::Var* v = o && !vars_.count(o) ? o->as<types::Var>() : nullptr;
    if (v && !v->escapes()) {
      fb_->release(m);
      uint32_t slot = fb_->alloc(layouts_.kinds(v->type));
      size_t m2 = fb_->mark();
      expr_to(s->rhs[0], v->type, slot);
      fb_->release(m2);
      vars_[v] = VarLoc{VarLoc::Local, slot};
      return;
    }
  }
  if (s->tok == ast::Tok::Define && s->lhs.size() > 1 && s->rhs.size() == 1) {
    fb_->release(m);
    if (define_multi_in_place(s)) return;
    m = fb_->mark();
  }
  // x = e for a local variable: evaluate straight into it. Only composite
  // literals write their destination before reading all their operands.
  if (s->tok == ast::Tok::Assign && s->lhs.size() == 1 && s->rhs.size() == 1) {
    const ast::Expr* r = s->rhs[0];
    while (auto* p = r->as<ast::ParenExpr>()) r = p->x;
    if (auto* id = s->lhs[0]->as<ast::Ident>(); id && id->name != "_" && !r->is<ast::CompositeLit>()) {
      auto it = vars_.find(info_->obj(id));
      if (it != vars_.end() && it->second.kind == VarLoc::Local) {
        expr_to(s->rhs[0], info_->obj(id)->type, it->second.slot);
        fb_->release(m);
        return;
      }
    }
  }
  // Phase 1: locations; phase 2: values; phase 3: stores (Vo's order).
  // A location's own address computations wait for phase 3 (see place_sink_).
  std::vector<LValue> lvs;
  std::vector<types::Var*> fresh;
  std::vector<const types::Type*> targets;
  std::vector<std::vector<FuncBuilder::Pending>> places(s->lhs.size());
  for (const ast::Expr* l : s->lhs) {
    types::Var* nv = nullptr;
    if (s->tok == ast::Tok::Define) {
      if (auto* id = l->as<ast::Ident>(); id && id->name != "_") {
        types::Object* o = info_->obj(id);
        if (o && !vars_.count(o)) nv = o->as<types::Var>();
      }
    }
    fresh.push_back(nv);
    LValue lv;
    if (nv) {
      lv.kind = LValue::Blank;
      lv.type = nv->type;
    } else {
      snapshot_ = s->lhs.size() > 1;
      place_sink_ = &places[lvs.size()];
      lv = lvalue(l);
      place_sink_ = nullptr;
      snapshot_ = false;
    }
    lvs.push_back(lv);
    targets.push_back(lv.kind == LValue::Blank && !nv ? nullptr : lv.type);
  }
  std::vector<uint32_t> vals = rhs_values(s->rhs, targets, s->pos);
  for (size_t i = 0; i < lvs.size(); ++i) {
    if (fresh[i]) continue;
    fb_->replay(places[i]);
    store(lvs[i], vals[i]);
  }
  std::vector<std::pair<types::Var*, uint32_t>> defs;
  for (size_t i = 0; i < lvs.size(); ++i)
    if (fresh[i]) defs.emplace_back(fresh[i], vals[i]);
  if (defs.empty()) {
    fb_->release(m);
    return;
  }
  // New variables outlive the statement: copy values out of the temporaries first.
  std::vector<std::pair<types::Var*, uint32_t>> keep;
  for (auto& [v, val] : defs) {
    uint32_t c = alloc(v->type);
    move(c, val, layouts_.slots(v->type));
    keep.emplace_back(v, c);
  }
  for (auto& [v, c] : keep) define_var(v, c);
}

static const ast::Expr* unparen(const ast::Expr* e) {
  while (auto* p = e->as<ast::ParenExpr>()) e = p->x;
  return e;
}

// The types of the values of a multi-value expression (a comma-ok form or
// a call with several results), in order; empty for any other expression.
std::vector<const types::Type*> Gen::multi_value_parts(const ast::Expr* e) {
  e = unparen(e);
  const types::Type* ok = types::basic_type(types::BasicKind::Bool);
  if (auto* ix = e->as<ast::IndexExpr>()) {  // v, ok := m[k]
    if (auto* mt = types::underlying(type_of(ix->x))->as<types::Map>()) return {mt->elem, ok};
    return {};
  }
  if (auto* ta = e->as<ast::TypeAssertExpr>()) return {tv(ta->type).type, ok};  // v, ok := x.(T)
  if (auto* un = e->as<ast::UnaryExpr>(); un && un->op == ast::Tok::Arrow)     // v, ok := <-ch
    return {queue_of(type_of(un->x)).elem, ok};
  std::vector<const types::Type*> parts;
  if (auto* tup = type_of(e) ? type_of(e)->as<types::Tuple>() : nullptr)
    for (const types::Var* v : tup->vars) parts.push_back(v->type);
  return parts;
}

// Evaluates a multi-value expression (see multi_value_parts) into one block
// of consecutive values (at dest if given); returns its first slot.
uint32_t Gen::multi_value(const ast::Expr* e, int64_t dest) {
  e = unparen(e);
  if (auto* ix = e->as<ast::IndexExpr>()) {
    const types::Type* mt = type_of(ix->x);
    const types::Type* vt = types::underlying(mt)->as<types::Map>()->elem;
    std::vector<rt::SlotKind> k = layouts_.kinds(vt);
    k.push_back(rt::SlotKind::Scalar);
    uint32_t block = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc(k);
    size_t m = fb_->mark();
    uint32_t mp = expr(ix->x);
    uint32_t key = expr_to(ix->index, types::underlying(mt)->as<types::Map>()->key);
    bc::Aux ax;
    ax.ptr = layouts_.map_type(mt);
    fb_->emit(Op::MapGet, block, mp, key, 1);
    fb_->emit_ext(fb_->add_aux(ax));
    fb_->release(m);
    return block;
  }
  if (auto* ta = e->as<ast::TypeAssertExpr>()) return type_assert(ta, dest, true);
  if (auto* un = e->as<ast::UnaryExpr>(); un && un->op == ast::Tok::Arrow) {
    uint32_t r = recv(un, -1, true);  // always into fresh slots
    if (dest < 0) return r;
    move(static_cast<uint32_t>(dest), r, layouts_.slots(queue_of(type_of(un->x)).elem) + 1);
    return static_cast<uint32_t>(dest);
  }
  return expr(e, dest);
}

// v1, v2, ... := e for a multi-value e whose targets are all new local
// variables (or blank): the values land in one block that becomes the
// variables, with no temporaries (which matters for very wide values).
bool Gen::define_multi_in_place(const ast::AssignStmt* s) {
  if (s->tok != ast::Tok::Define || s->rhs.size() != 1 || s->lhs.size() < 2) return false;
  std::vector<const types::Type*> parts = multi_value_parts(s->rhs[0]);
  if (parts.size() != s->lhs.size()) return false;
  std::vector<types::Var*> vars;
  for (const ast::Expr* l : s->lhs) {
    const auto* id = l->as<ast::Ident>();
    if (!id) return false;
    types::Var* v = nullptr;
    if (id->name != "_") {
      types::Object* o = info_->obj(id);
      v = o && !vars_.count(o) ? o->as<types::Var>() : nullptr;
      if (!v || v->escapes() || !types::identical(v->type, parts[vars.size()])) return false;
    }
    vars.push_back(v);
  }
  std::vector<rt::SlotKind> kinds;
  for (const types::Type* t : parts) {
    const auto& k = layouts_.kinds(t);
    kinds.insert(kinds.end(), k.begin(), k.end());
  }
  uint32_t block = fb_->alloc(kinds);
  size_t m = fb_->mark();
  multi_value(s->rhs[0], block);
  fb_->release(m);
  uint32_t off = 0;
  for (size_t i = 0; i < vars.size(); ++i) {
    if (vars[i]) vars_[vars[i]] = VarLoc{VarLoc::Local, block + off};
    off += layouts_.slots(parts[i]);
  }
  return true;
}

// Evaluates right-hand sides for len(targets) destinations into independent
// temporaries converted to the target types (nullptr target: the value's own
// type). Handles multi-value calls and comma-ok forms.
std::vector<uint32_t> Gen::rhs_values(const std::vector<ast::Expr*>& rhs, const std::vector<const types::Type*>& targets,
                                      ast::Pos pos) {
  std::vector<uint32_t> out;
  if (rhs.empty()) return out;
  if (rhs.size() == 1 && targets.size() == 1) {
    // One value is read by one store with no code in between that could
    // change it: no independent copy is needed (wide values stay cheap).
    return {expr_to(rhs[0], targets[0] ? targets[0] : type_of(rhs[0]))};
  }
  if (rhs.size() == targets.size()) {
    for (size_t i = 0; i < rhs.size(); ++i) {
      const types::Type* t = targets[i] ? targets[i] : type_of(rhs[i]);
      size_t m = fb_->mark();
      uint32_t v = expr_to(rhs[i], t);
      fb_->release(m);
      uint32_t c = alloc(t);
      move(c, v, layouts_.slots(t));
      out.push_back(c);
    }
    return out;
  }
  std::vector<const types::Type*> parts = multi_value_parts(rhs[0]);
  if (parts.empty()) unsupported(pos, "this multi-value assignment");
  size_t m = fb_->mark();
  uint32_t block = multi_value(rhs[0], -1);
  uint32_t off = 0;
  std::vector<std::pair<uint32_t, const types::Type*>> pieces;
  for (const types::Type* pt : parts) {
    pieces.push_back({block + off, pt});
    off += layouts_.slots(pt);
  }
  // The temporaries stay allocated until the statement ends: releasing and
  // re-allocating here could hand one value's slots to another.
  for (size_t i = 0; i < pieces.size() && i < targets.size(); ++i) {
    const types::Type* t = targets[i] ? targets[i] : pieces[i].second;
    uint32_t c = alloc(t);
    move_converted(c, pieces[i].first, pieces[i].second, t);
    out.push_back(c);
  }
  (void)m;
  return out;
}

// Stores a value of type `from` into lv, boxing it when lv is an interface
// (or re-typing it when lv is another interface type).
void Gen::store_converted(const LValue& lv, uint32_t src, const types::Type* from) {
  bool boxes = types::is_interface(lv.type) && !types::is_interface(from);
  if (lv.kind != LValue::Blank && (boxes || needs_iface_conv(from, lv.type))) {
    size_t m = fb_->mark();
    uint32_t boxed = alloc(lv.type);
    move_converted(boxed, src, from, lv.type);
    store(lv, boxed);
    fb_->release(m);
    return;
  }
  store(lv, src);
}

void Gen::incdec_stmt(const ast::IncDecStmt* s) {
  LValue lv = lvalue(s->x);
  uint32_t old = load(lv, -1);
  uint32_t r = lv.kind == LValue::Slots ? lv.a : alloc(lv.type);  // locals in place
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
  // Go 1.22: each iteration has its own copy of the loop variables; for
  // captured (boxed) ones, move the value into a fresh box before the post
  // statement so closures of earlier iterations keep theirs.
  if (auto* as = s->init ? s->init->as<ast::AssignStmt>() : nullptr; as && as->tok == ast::Tok::Define) {
    for (const ast::Expr* l : as->lhs) {
      const types::Object* o = info_->obj(l);
      auto it = o ? vars_.find(o) : vars_.end();
      if (it == vars_.end() || it->second.kind != VarLoc::Boxed) continue;
      const types::Type* t = o->type;
      uint32_t n = layouts_.slots(t);
      size_t cm = fb_->mark();
      uint32_t tmp = alloc(t);
      emit_load(tmp, it->second.slot, 0, n);
      new_box(t, it->second.slot);
      emit_store(it->second.slot, 0, tmp, n);
      fb_->release(cm);
    }
  }
  if (s->post) stmt(s->post);
  fb_->patch_jump(fb_->emit_jump(Op::Jmp), top);
  for (uint32_t p : exits) fb_->patch_here(p);
  for (uint32_t p : ctx.breaks) fb_->patch_here(p);
  fb_->release(m);
}

void Gen::range_stmt(const ast::RangeStmt* s, const std::string& label) {
  size_t m = fb_->mark();
  const types::Type* xt = types::underlying(type_of(s->x));
  // Binds an iteration value; `:=` variables are declared inside the loop so
  // each iteration gets its own (a fresh box when captured: Go 1.22).
  auto bind = [&](const ast::Expr* target, uint32_t src, const types::Type* t) {
    if (!target) return;
    if (auto* id = target->as<ast::Ident>(); id && id->name == "_") return;
    if (s->tok == ast::Tok::Define) define_var(info_->obj(target)->as<types::Var>(), src);
    else store_converted(lvalue(target), src, t);
  };
  // `for k, v = range` resolves both targets before assigning either.
  auto bind2 = [&](uint32_t ksrc, const types::Type* kt, uint32_t vsrc, const types::Type* vt) {
    if (s->tok == ast::Tok::Define || !s->key || !s->value) {
      bind(s->key, ksrc, kt);
      bind(s->value, vsrc, vt);
      return;
    }
    snapshot_ = true;
    LValue kl = lvalue(s->key);
    LValue vl = lvalue(s->value);
    snapshot_ = false;
    store_converted(kl, ksrc, kt);
    store_converted(vl, vsrc, vt);
  };
  auto body = [&](const std::function<void()>& step, uint32_t top) {
    loops_.push_back(LoopCtx{label, {}, {}, true});
    size_t bm = fb_->mark();
    stmt(s->body);
    fb_->release(bm);
    LoopCtx ctx = std::move(loops_.back());
    loops_.pop_back();
    for (uint32_t p : ctx.continues) fb_->patch_here(p);
    step();
    fb_->patch_jump(fb_->emit_jump(Op::Jmp), top);
    return ctx.breaks;
  };
  if (xt->is<types::Chan>() || xt->is<types::Port>()) {
    // for v := range ch: receive until the channel (port) is closed and drained.
    Queue ct = queue_of(xt);
    uint32_t ch = fb_->alloc({rt::SlotKind::Ref});
    expr(s->x, ch);
    std::vector<rt::SlotKind> k = layouts_.kinds(ct.elem);
    k.push_back(rt::SlotKind::Scalar);
    uint32_t blk = fb_->alloc(k);
    bc::Aux ax;
    ax.type = layouts_.rtype(ct.elem);
    uint32_t top = fb_->pc();
    fb_->emit(ct.port ? Op::PortRecv : Op::ChanRecv, blk, ch, fb_->add_aux(ax), 1);
    uint32_t exit = fb_->emit_jump(Op::JmpIfNot, blk + layouts_.slots(ct.elem));
    size_t im = fb_->mark();
    bind(s->key, blk, ct.elem);
    std::vector<uint32_t> breaks = body([] {}, top);
    fb_->release(im);
    fb_->patch_here(exit);
    for (uint32_t p : breaks) fb_->patch_here(p);
    fb_->release(m);
    return;
  }
  if (auto* mt = xt->as<types::Map>()) {
    uint32_t blk = fb_->alloc({rt::SlotKind::Ref, rt::SlotKind::Scalar, rt::SlotKind::Scalar, rt::SlotKind::Scalar, rt::SlotKind::Scalar});
    expr(s->x, blk);
    fb_->emit(Op::MapIterInit, blk + 1, blk);
    uint32_t k = alloc(mt->key);
    uint32_t v = alloc(mt->elem);
    bc::Aux ax;
    ax.ptr = layouts_.map_type(type_of(s->x));
    uint32_t ai = fb_->add_aux(ax);
    uint32_t top = fb_->pc();
    uint32_t next = fb_->emit(Op::MapIterNext, blk + 1, k, s->value ? v : 0xFFFF);
    uint32_t ext = fb_->emit_ext(ai);
    size_t im = fb_->mark();
    bind2(k, mt->key, v, mt->elem);
    std::vector<uint32_t> breaks = body([] {}, top);
    fb_->release(im);
    // When done, MapIterNext jumps to just past the loop.
    fb_->fn().code[ext].b = static_cast<uint16_t>(fb_->pc() - (next + 2));
    for (uint32_t p : breaks) fb_->patch_here(p);
    fb_->release(m);
    return;
  }
  uint32_t idx = fb_->alloc_scalar();
  uint32_t step_n = fb_->alloc_scalar();
  uint32_t n = fb_->alloc_scalar();
  fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(idx), 0));
  uint32_t coll = 0;
  const types::Type* elem = nullptr;
  enum { Int, Slice, Array, String } what;
  const types::Type* key_t = types::basic_type(types::BasicKind::Int);
  if (auto* b = xt->as<types::Basic>(); b && b->is_integer()) {
    what = Int;
    expr(s->x, n);
    key_t = type_of(s->x);
  } else if (auto* sl = xt->as<types::Slice>()) {
    what = Slice;
    coll = alloc(type_of(s->x));
    expr(s->x, coll);
    move(n, coll + 1, 1);
    elem = sl->elem;
  } else if (auto* ar = xt->as<types::Array>()) {
    what = Array;
    coll = alloc(type_of(s->x));  // the array is snapshotted
    expr(s->x, coll);
    fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(n), static_cast<int32_t>(ar->len)));
    elem = ar->elem;
  } else if (b && b->is_string()) {
    what = String;
    fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(step_n), 1));
    coll = alloc(type_of(s->x));
    expr(s->x, coll);
    move(n, coll + 1, 1);
  } else {
    unsupported(s->pos, "range over this type");
  }
  uint32_t top = fb_->pc();
  uint32_t exit;  // target patched below
  const auto* kb = types::underlying(key_t)->as<types::Basic>();
  if (what == Int && kb && kb->is_unsigned()) {
    // A uint64 bound may exceed MaxInt64: compare unsigned.
    uint32_t c = fb_->alloc_scalar();
    fb_->emit(Op::LtU, c, idx, n);
    exit = fb_->emit_jump(Op::JmpIfNot, c);
  } else {
    exit = fb_->emit(Op::JNLt, idx, n);
  }
  size_t im = fb_->mark();
  if (what == String) {
    uint32_t rw = fb_->alloc_scalar(2);
    fb_->emit(Op::StrDecode, rw, coll, idx);
    bind2(idx, key_t, rw, types::basic_type(types::BasicKind::Int32));
    move(step_n, rw + 1, 1);
  } else {
    if (s->value && elem) {
      uint32_t v = alloc(elem);
      if (what == Slice) load(LValue{LValue::SliceElem, coll, idx, 0, layouts_.elem_code(elem), elem}, v);
      else load(LValue{LValue::ArrayElem, coll, idx, xt->as<types::Array>()->len, layouts_.elem_code(elem), elem}, v);
      bind2(idx, key_t, v, elem);
    } else {
      bind(s->key, idx, key_t);
    }
  }
  std::vector<uint32_t> breaks = body([&] {
    if (what == String) fb_->emit(Op::AddI, idx, idx, step_n);
    else fb_->emit(Op::AddImm, idx, idx, 1);
  }, top);
  fb_->release(im);
  fb_->patch_here(exit);
  for (uint32_t p : breaks) fb_->patch_here(p);
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
  // One unnamed result: evaluate straight into the result slots (nothing
  // else can observe them before the return).
  if (s->results.size() == 1 && results_.size() == 1 && results_[0]->name.empty() &&
      vars_[results_[0]].kind == VarLoc::Local) {
    size_t m = fb_->mark();
    expr_to(s->results[0], results_[0]->type, vars_[results_[0]].slot);
    fb_->release(m);
    emit_return();
    return;
  }
  if (!s->results.empty()) {
    // Evaluate all results before writing any result variable.
    std::vector<const types::Type*> targets;
    for (const types::Var* r : results_) targets.push_back(r->type);
    size_t m = fb_->mark();
    std::vector<uint32_t> vals = rhs_values(s->results, targets, s->pos);
    for (size_t i = 0; i < vals.size(); ++i) store(lvalue_of_var(results_[i]), vals[i]);
    fb_->release(m);
  }
  emit_return();
}

LValue Gen::lvalue_of_var(const types::Var* v) {
  const VarLoc& loc = vars_.at(v);
  LValue lv;
  lv.type = v->type;
  if (loc.kind == VarLoc::Local) {
    lv.kind = LValue::Slots;
    lv.a = loc.slot;
  } else if (loc.kind == VarLoc::Boxed) {
    lv.kind = LValue::Ptr;
    lv.a = loc.slot;
  } else {
    unsupported(v->pos, "this result variable");
  }
  return lv;
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

namespace vo::compiler {

void Gen::type_switch_stmt(const ast::TypeSwitchStmt* s, const std::string& label) {
  size_t m = fb_->mark();
  if (s->init) stmt(s->init);
  const ast::TypeAssertExpr* ta = nullptr;
  if (auto* es = s->assign->as<ast::ExprStmt>()) ta = es->x->as<ast::TypeAssertExpr>();
  if (auto* as = s->assign->as<ast::AssignStmt>()) ta = as->rhs[0]->as<ast::TypeAssertExpr>();
  const types::Type* xt = type_of(ta->x);
  uint32_t x = alloc(xt);
  expr(ta->x, x);
  loops_.push_back(LoopCtx{label, {}, {}, false});
  const auto& clauses = s->body->list;
  std::vector<std::vector<uint32_t>> to_body(clauses.size());
  int default_idx = -1;
  uint32_t c = fb_->alloc_scalar();
  for (size_t i = 0; i < clauses.size(); ++i) {
    const auto* cc = clauses[i]->as<ast::CaseClause>();
    if (cc->list.empty()) default_idx = static_cast<int>(i);
    for (const ast::Expr* te : cc->list) {
      const types::TypeAndValue& t = tv(te);
      if (t.mode != types::Mode::TypeExpr) {  // case nil
        fb_->emit(Op::NeI, c, x, x);  // c = 0
        fb_->emit(Op::EqI, c, x, c);  // type word == 0
      } else {
        bc::Aux ax;
        ax.type = layouts_.rtype(t.type);
        fb_->emit(Op::TypeIs, c, x, fb_->add_aux(ax));
      }
      to_body[i].push_back(fb_->emit_jump(Op::JmpIf, c));
    }
  }
  uint32_t to_default = fb_->emit_jump(Op::Jmp);
  std::vector<uint32_t> ends;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const auto* cc = clauses[i]->as<ast::CaseClause>();
    uint32_t start = fb_->pc();
    for (uint32_t p : to_body[i]) fb_->patch_jump(p, start);
    if (static_cast<int>(i) == default_idx) fb_->patch_jump(to_default, start);
    size_t bm = fb_->mark();
    auto it = info_->implicits.find(cc);
    if (it != info_->implicits.end() && it->second) {
      auto* v = it->second->as<types::Var>();
      uint32_t val;
      if (types::is_interface(v->type)) {
        val = needs_iface_conv(xt, v->type) ? iface_conv(x, v->type, -1) : x;
      } else {
        val = alloc(v->type);
        bc::Aux ax;
        ax.type = layouts_.rtype(v->type);
        fb_->emit(Op::Unbox, val, x, fb_->add_aux(ax), 0);
      }
      define_var(v, val);
    }
    for (const ast::Stmt* st : cc->body) stmt(st);
    fb_->release(bm);
    ends.push_back(fb_->emit_jump(Op::Jmp));
  }
  if (default_idx < 0) fb_->patch_here(to_default);
  for (uint32_t p : ends) fb_->patch_here(p);
  LoopCtx ctx = std::move(loops_.back());
  loops_.pop_back();
  for (uint32_t p : ctx.breaks) fb_->patch_here(p);
  fb_->release(m);
}

}  // namespace vo::compiler
