// Goroutines, channels and ports: go statements (go @ included), send,
// receive, select. A port is used as a channel is, with its own ops: its
// values are deep-copied between islands.
#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;

namespace {

}  // namespace

Gen::Queue Gen::queue_of(const types::Type* t) {
  const types::Type* u = types::underlying(t);
  if (const auto* c = u->as<types::Chan>()) return Queue{c->elem, false};
  return Queue{u->as<types::Port>()->elem, true};
}

// <-ch, with the ok flag after the value when comma_ok.
uint32_t Gen::recv(const ast::UnaryExpr* e, int64_t dest, bool comma_ok) {
  Queue ct = queue_of(type_of(e->x));
  std::vector<rt::SlotKind> k = layouts_.kinds(ct.elem);
  if (comma_ok) k.push_back(rt::SlotKind::Scalar);
  uint32_t d = (dest >= 0 && !comma_ok) ? static_cast<uint32_t>(dest) : fb_->alloc(k);
  size_t m = fb_->mark();
  uint32_t ch = expr(e->x);
  bc::Aux ax;
  ax.type = layouts_.rtype(ct.elem);
  line(e->pos);
  fb_->emit(ct.port ? Op::PortRecv : Op::ChanRecv, d, ch, fb_->add_aux(ax), comma_ok ? 1 : 0);
  fb_->release(m);
  return d;
}

void Gen::send_stmt(const ast::SendStmt* s) {
  Queue ct = queue_of(type_of(s->chan));
  size_t m = fb_->mark();
  uint32_t ch = fb_->alloc({rt::SlotKind::Ref});
  expr(s->chan, ch);
  uint32_t v = expr_to(s->value, ct.elem);
  line(s->arrow);
  fb_->emit(ct.port ? Op::PortSend : Op::ChanSend, ch, v);
  fb_->release(m);
}

// go f(x): the callee and arguments are evaluated here, into a thunk
// closure that the new goroutine runs (as defer does). With go @(isl), the
// island operand comes first and the thunk is deep-copied to the island,
// by the types of what it captured.
void Gen::go_stmt(const ast::GoStmt* s) {
  size_t m = fb_->mark();
  uint32_t isl = 0;
  if (s->island) {
    isl = fb_->alloc({rt::SlotKind::Ref});
    expr(s->island, isl);
  }
  CallPlan plan = plan_call(s->call);
  uint32_t fi = make_thunk(plan, fb_->fn().name + ".go" + std::to_string(++lit_counter_));
  if (s->island) {
    if (plan.kind == CallPlan::Iface) unsupported(s->pos, "an interface method call across islands");
    for (const types::Type* t : plan.types) funcs_[fi].capture_types.push_back(layouts_.rtype(t));
  }
  uint32_t clo = fb_->alloc({rt::SlotKind::Ref});
  fb_->emit(Op::MakeClosure, clo, fi & 0xFFFF, plan.block, static_cast<uint8_t>(fi >> 16));
  line(s->pos);
  if (s->island) fb_->emit(Op::GoIsland, isl, clo);
  else fb_->emit(Op::Go, clo);
  fb_->release(m);
}

void Gen::select_stmt(const ast::SelectStmt* s, const std::string& label) {
  size_t m = fb_->mark();
  struct Case {
    const ast::CommClause* cc;
    bc::Instr word;  // the Ext word describing it
    uint32_t val = 0;
    uint32_t ok = 0xFFFF;
    const types::Type* elem = nullptr;
  };
  std::vector<Case> cases;
  const ast::CommClause* dflt = nullptr;
  // Channel operands and sent values are evaluated once, in source order.
  for (const ast::Stmt* st : s->body->list) {
    const auto* cc = st->as<ast::CommClause>();
    if (!cc->comm) {
      dflt = cc;
      continue;
    }
    Case c{cc, bc::Instr{Op::Ext, 0, 0, 0xFFFF, 0xFFFF}};
    if (const auto* snd = cc->comm->as<ast::SendStmt>()) {
      Queue ct = queue_of(type_of(snd->chan));
      if (ct.port) unsupported(snd->pos, "sending on a port in select");  // the checker rejects it first
      uint32_t ch = fb_->alloc({rt::SlotKind::Ref});
      expr(snd->chan, ch);
      uint32_t v = alloc(ct.elem);
      expr_to(snd->value, ct.elem, v);
      c.word = bc::Instr{Op::Ext, 1, static_cast<uint16_t>(ch), static_cast<uint16_t>(v), 0xFFFF};
    } else {
      const ast::Expr* rx = nullptr;
      if (const auto* es = cc->comm->as<ast::ExprStmt>()) rx = es->x;
      if (const auto* as = cc->comm->as<ast::AssignStmt>()) rx = as->rhs[0];
      while (auto* p = rx->as<ast::ParenExpr>()) rx = p->x;
      const auto* un = rx->as<ast::UnaryExpr>();
      Queue ct = queue_of(type_of(un->x));
      uint32_t ch = fb_->alloc({rt::SlotKind::Ref});
      expr(un->x, ch);
      c.elem = ct.elem;
      c.val = alloc(ct.elem);
      const auto* as = cc->comm->as<ast::AssignStmt>();
      if (as && as->lhs.size() == 2) c.ok = fb_->alloc_scalar();
      c.word = bc::Instr{Op::Ext, static_cast<uint8_t>(ct.port ? 3 : 2), static_cast<uint16_t>(ch),
                         static_cast<uint16_t>(c.val), static_cast<uint16_t>(c.ok)};
    }
    cases.push_back(c);
  }
  if (cases.size() > bc::kMaxSelectCases)
    unsupported(s->pos, "select with more than " + std::to_string(bc::kMaxSelectCases) + " cases");
  uint32_t idx = fb_->alloc_scalar();
  line(s->pos);
  fb_->emit(Op::Select, idx, static_cast<uint32_t>(cases.size()), 0, dflt ? 1 : 0);
  for (const Case& c : cases) fb_->emit(c.word);

  loops_.push_back(LoopCtx{label, {}, {}, false});
  std::vector<uint32_t> ends;
  auto body = [&](const ast::CommClause* cc, const Case* c) {
    size_t bm = fb_->mark();
    if (c && c->elem) {
      if (const auto* as = cc->comm->as<ast::AssignStmt>()) {
        const ast::Expr* lhs[2] = {as->lhs[0], as->lhs.size() > 1 ? as->lhs[1] : nullptr};
        uint32_t srcs[2] = {c->val, c->ok};
        const types::Type* ts[2] = {c->elem, types::basic_type(types::BasicKind::Bool)};
        for (int i = 0; i < 2 && lhs[i]; ++i) {
          if (auto* id = lhs[i]->as<ast::Ident>(); id && id->name == "_") continue;
          if (as->tok == ast::Tok::Define) define_var(info_->obj(lhs[i])->as<types::Var>(), srcs[i]);
          else store_converted(lvalue(lhs[i]), srcs[i], ts[i]);
        }
      }
    }
    for (const ast::Stmt* b : cc->body) stmt(b);
    fb_->release(bm);
    ends.push_back(fb_->emit_jump(Op::Jmp));
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    uint32_t skip = fb_->emit(Op::JNEqK, idx, static_cast<uint16_t>(i));
    body(cases[i].cc, &cases[i]);
    fb_->patch_here(skip);
  }
  if (dflt) body(dflt, nullptr);
  for (uint32_t p : ends) fb_->patch_here(p);
  LoopCtx ctx = std::move(loops_.back());
  loops_.pop_back();
  for (uint32_t p : ctx.breaks) fb_->patch_here(p);
  fb_->release(m);
}

}  // namespace vo::compiler
