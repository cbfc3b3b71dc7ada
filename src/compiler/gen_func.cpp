// Function bodies, closures, defers, method wrappers and method sets.
#include <algorithm>
#include <cstring>
#include <set>

#include "compiler/gen.h"
#include "syntax/ast_walk.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;

namespace {

// Whether a body registers defers (errdefer only when `err_only`).
bool contains_defer(const ast::Node* body, bool err_only = false) {
  bool found = false;
  ast::walk(body, [&](const ast::Node* n) {
    if (n->is<ast::FuncLit>()) return false;  // a literal's defers are its own
    if (auto* d = n->as<ast::DeferStmt>(); d && (!err_only || d->is_errdefer)) found = true;
    return !found;
  });
  return found;
}

bool ends_in_return(const ast::BlockStmt* b) {
  return b && !b->list.empty() && b->list.back()->is<ast::ReturnStmt>();
}

}  // namespace

void Gen::begin_function(bc::Function& fn, const types::Signature* sig, const ast::Node* owner) {
  sig_ = sig;
  cur_func_ = owner;
  const ast::BlockStmt* body = nullptr;
  if (auto* fd = owner ? owner->as<ast::FuncDecl>() : nullptr) body = fd->body;
  if (auto* fl = owner ? owner->as<ast::FuncLit>() : nullptr) body = fl->body;
  has_defer_ = body && contains_defer(body);
  has_errdefer_ = body && contains_defer(body, true);
  fn.has_defer = has_defer_;
  // Receiver and parameters occupy the first slots, in order.
  std::vector<types::Var*> params;
  if (sig->recv) params.push_back(sig->recv);
  for (types::Var* p : sig->params->vars) params.push_back(p);
  std::vector<std::pair<types::Var*, uint32_t>> escaping;
  for (types::Var* p : params) {
    uint32_t s = fb_->alloc(layouts_.kinds(p->type));
    vars_[p] = VarLoc{VarLoc::Local, s};
    if (p->escapes()) escaping.push_back({p, s});
  }
  fn.param_slots = fn.frame_slots;
  // Results: a value area returned by Ret; escaping results live in boxes
  // copied into the area when returning.
  results_.clear();
  result_slot_ = fn.frame_slots;
  std::vector<uint32_t> result_slots;
  for (types::Var* r : sig->results->vars) {
    results_.push_back(r);
    result_slots.push_back(fb_->alloc(layouts_.kinds(r->type)));
  }
  fn.result_slots = fn.frame_slots - fn.param_slots;
  for (size_t i = 0; i < results_.size(); ++i) {
    types::Var* r = results_[i];
    if (!r->escapes()) {
      vars_[r] = VarLoc{VarLoc::Local, result_slots[i]};
      continue;
    }
    uint32_t box = fb_->alloc({rt::SlotKind::Ref});
    bc::Aux ax;
    ax.layout = layouts_.box_layout(r->type);
    ax.n = std::max<uint32_t>(layouts_.slots(r->type), 1) * 8;
    fb_->emit(Op::New, box, fb_->add_aux(ax));
    vars_[r] = VarLoc{VarLoc::Boxed, box};
  }
  for (auto& [p, s] : escaping) {
    uint32_t box = fb_->alloc({rt::SlotKind::Ref});
    bc::Aux ax;
    ax.layout = layouts_.box_layout(p->type);
    ax.n = std::max<uint32_t>(layouts_.slots(p->type), 1) * 8;
    fb_->emit(Op::New, box, fb_->add_aux(ax));
    uint32_t n = layouts_.slots(p->type);
    emit_store(box, 0, s, n);
    vars_[p] = VarLoc{VarLoc::Boxed, box};
  }
}

// Returns the current result values: runs pending defers first (they may
// change named results), then copies boxed results into the result area.
void Gen::emit_return() {
  if (has_errdefer_) {
    // Errdefers run when the final error result is non-nil, judged once
    // before any deferred call runs: RunDefers reads its type word.
    const VarLoc& loc = vars_[results_.back()];
    uint32_t word = loc.slot;
    size_t m = fb_->mark();
    if (loc.kind == VarLoc::Boxed) {
      word = fb_->alloc_scalar();
      fb_->emit(Op::Load1, word, loc.slot, 0);
    }
    fb_->emit(Op::RunDefers, word, 0, 0, 1);
    fb_->release(m);
  } else if (has_defer_) {
    fb_->emit(Op::RunDefers, 0, 0, 0, 0);
  }
  uint32_t off = 0;
  for (types::Var* r : results_) {
    uint32_t n = layouts_.slots(r->type);
    const VarLoc& loc = vars_[r];
    if (loc.kind == VarLoc::Boxed) emit_load(result_slot_ + off, loc.slot, 0, n);
    off += n;
  }
  fb_->emit(Op::Ret, result_slot_, fb_->fn().result_slots);
}

void Gen::end_function(const ast::BlockStmt* body) {
  if (!ends_in_return(body)) emit_return();
  if (has_defer_) {
    // After a deferred call recovers a panic the frame resumes here.
    fb_->fn().recover_pc = fb_->pc();
    emit_return();
  }
}

std::vector<const types::Var*> Gen::free_vars(const ast::FuncLit* e) {
  std::set<const ast::Node*> inner{e};
  std::vector<const types::Var*> out;
  std::set<const types::Var*> seen;
  ast::walk(e->body, [&](const ast::Node* n) {
    if (n->is<ast::FuncLit>()) inner.insert(n);
    if (auto* id = n->as<ast::Ident>()) {
      const types::Object* o = info_->obj(id);
      const types::Var* v = o ? o->as<types::Var>() : nullptr;
      if (v && !v->is_global && !v->is_field && !inner.count(v->owner_func) && vars_.count(v) && seen.insert(v).second)
        out.push_back(v);
    }
    return true;
  });
  return out;
}

uint32_t Gen::func_lit(const ast::FuncLit* e, int64_t dest) {
  std::vector<const types::Var*> free = free_vars(e);
  // The captures are the boxes of the captured variables.
  std::vector<rt::SlotKind> kinds(free.size(), rt::SlotKind::Ref);
  size_t m = fb_->mark();
  uint32_t caps = free.empty() ? 0 : fb_->alloc(kinds);
  for (size_t i = 0; i < free.size(); ++i) {
    const VarLoc& loc = vars_[free[i]];
    if (loc.kind == VarLoc::Boxed) fb_->emit(Op::Move, caps + static_cast<uint32_t>(i), loc.slot);
    else if (loc.kind == VarLoc::Captured) fb_->emit(Op::LoadCapture, caps + static_cast<uint32_t>(i), loc.slot, 1);
    else unsupported(e->pos, "capturing variable " + free[i]->name + " (not marked as captured)");
  }
  uint32_t fi = declare_function(fb_->fn().name + ".func" + std::to_string(++lit_counter_));
  {
    // Compile the literal as its own function with fresh state.
    auto saved_vars = std::move(vars_);
    auto saved_loops = std::move(loops_);
    auto saved_results = results_;
    FuncBuilder* saved_fb = fb_;
    const types::Signature* saved_sig = sig_;
    uint32_t saved_rs = result_slot_;
    bool saved_defer = has_defer_;
    bool saved_errdefer = has_errdefer_;
    const ast::Node* saved_cur = cur_func_;
    vars_.clear();
    loops_.clear();
    bc::Function& fn = funcs_[fi];
    fn.file = saved_fb->fn().file;
    fn.capture_kinds = kinds;
    FuncBuilder fb(fn);
    fb_ = &fb;
    for (size_t i = 0; i < free.size(); ++i) vars_[free[i]] = VarLoc{VarLoc::Captured, static_cast<uint32_t>(i)};
    const auto* sig = type_of(e)->as<types::Signature>();
    begin_function(fn, sig, e);
    block(e->body->list);
    end_function(e->body);
    vars_ = std::move(saved_vars);
    loops_ = std::move(saved_loops);
    results_ = saved_results;
    fb_ = saved_fb;
    sig_ = saved_sig;
    result_slot_ = saved_rs;
    has_defer_ = saved_defer;
    has_errdefer_ = saved_errdefer;
    cur_func_ = saved_cur;
  }
  uint32_t r = fb_->alloc({rt::SlotKind::Ref});
  fb_->emit(Op::MakeClosure, r, fi & 0xFFFF, caps, static_cast<uint8_t>(fi >> 16));
  fb_->release(m);
  uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
  move(d, r, 1);
  return d;
}

uint32_t Gen::func_value(const types::Func* f, int64_t dest) {
  uint32_t fi = func_index(f);
  uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
  fb_->emit(Op::MakeClosure, d, fi & 0xFFFF, 0, static_cast<uint8_t>(fi >> 16));
  return d;
}

// A thunk is a closure that performs a prepared call with the callee and
// arguments captured by value (defer f(x) evaluates f and x at the defer).
uint32_t Gen::make_thunk(const CallPlan& plan, const std::string& name) {
  uint32_t fi = declare_function(name);
  bc::Function& fn = funcs_[fi];
  fn.file = fb_->fn().file;
  fn.is_thunk = true;
  fn.capture_kinds = plan.kinds;
  FuncBuilder fb(fn);
  uint32_t n = static_cast<uint32_t>(plan.kinds.size());
  uint32_t block = fb.alloc(plan.kinds);
  if (n) fb.emit(Op::LoadCapture, block, 0, n);
  uint32_t nres = plan.results ? layouts_.slots(plan.results) : 0;
  uint32_t res = nres ? fb.alloc(layouts_.kinds(plan.results)) : 0;
  auto rel = [&](uint32_t s) { return block + (s - plan.block); };
  switch (plan.kind) {
    case CallPlan::Static:
      fb.emit(Op::Call, res, plan.func & 0xFFFF, rel(plan.args), static_cast<uint8_t>(plan.func >> 16));
      break;
    case CallPlan::Closure: fb.emit(Op::CallClosure, res, rel(plan.callee), rel(plan.args)); break;
    case CallPlan::Iface: emit_call_iface(fb, res, rel(plan.callee), rel(plan.args), plan.method); break;
    case CallPlan::Native: fb.emit(Op::CallNative, res, plan.func, rel(plan.args)); break;
  }
  fb.emit(Op::Ret, 0, 0);
  return fi;
}

void Gen::defer_stmt(const ast::DeferStmt* s) {
  size_t m = fb_->mark();
  CallPlan plan = plan_call(s->call);
  uint32_t fi = make_thunk(plan, fb_->fn().name + ".defer" + std::to_string(++lit_counter_));
  uint32_t clo = fb_->alloc({rt::SlotKind::Ref});
  fb_->emit(Op::MakeClosure, clo, fi & 0xFFFF, plan.block, static_cast<uint8_t>(fi >> 16));
  fb_->emit(Op::Defer, clo, 0, 0, s->is_errdefer ? 1 : 0);
  fb_->release(m);
}

void Gen::emit_fail(uint32_t err) {
  for (size_t i = 0; i + 1 < results_.size(); ++i) {
    const types::Var* r = results_[i];
    if (!r->name.empty() && r->name != "_") continue;  // named results keep their values
    const VarLoc& loc = vars_[r];
    if (loc.kind == VarLoc::Local && layouts_.slots(r->type)) fb_->emit(Op::Zero, loc.slot, layouts_.slots(r->type));
  }
  store(lvalue_of_var(results_.back()), err);
  emit_return();
}

// x? : the value(s) of x without its final error; a non-nil error returns
// from the function.
uint32_t Gen::try_expr(const ast::TryExpr* e, int64_t dest) {
  const types::Type* xt = type_of(e->x);
  uint32_t n = layouts_.slots(xt);
  uint32_t v = expr(e->x);
  uint32_t err = v + n - 2;  // the error is last: {type word, data}
  uint32_t ok = fb_->emit_jump(Op::JmpIfNot, err);
  emit_fail(err);
  fb_->patch_here(ok);
  uint32_t rest = n - 2;
  if (dest < 0 || rest == 0) return v;
  move(static_cast<uint32_t>(dest), v, rest);
  return static_cast<uint32_t>(dest);
}

void Gen::fail_stmt(const ast::FailStmt* s) {
  size_t m = fb_->mark();
  uint32_t err = expr_to(s->x, types::universe_error());
  emit_fail(err);
  fb_->release(m);
}

// ---- methods -----------------------------------------------------------------

// For functions that forward a call (wrappers, bound methods): allocates the
// method's parameters (after anything already allocated) and its results,
// and sets the frame's parameter and result counts.
Gen::ForwardFrame Gen::forward_frame(FuncBuilder& fb, const types::Signature* msig) {
  ForwardFrame ff;
  for (types::Var* p : msig->params->vars) {
    const auto& k = layouts_.kinds(p->type);
    ff.param_kinds.insert(ff.param_kinds.end(), k.begin(), k.end());
  }
  ff.params = ff.param_kinds.empty() ? fb.fn().frame_slots : fb.alloc(ff.param_kinds);
  fb.fn().param_slots = fb.fn().frame_slots;
  ff.nres = layouts_.slots(msig->results);
  ff.res = ff.nres ? fb.alloc(layouts_.kinds(msig->results)) : 0;
  fb.fn().result_slots = ff.nres;
  return ff;
}

// Position of method `name` in an interface's sorted method list (its itab index).
uint32_t Gen::iface_method_index(const types::Type* iface, const std::string& name) {
  const auto* it = types::underlying(iface)->as<types::Interface>();
  uint32_t idx = 0;
  while (idx < it->all_methods.size() && it->all_methods[idx]->name != name) ++idx;
  return idx;
}

// A function taking (receiver as the caller has it, params...) that reaches
// the method's real receiver through `path` and calls it. For interface
// dispatch the receiver is the interface data word: a pointer for pointer
// and boxed types, the value itself otherwise.
uint32_t Gen::method_wrapper(const types::Type* recv, const types::Func* m, const std::vector<int>& path, bool for_iface) {
  const rt::RType* rr = layouts_.rtype(recv);
  std::string key = std::to_string(rr->id) + "." + m->name + (for_iface ? ".i" : ".v");
  for (int i : path) key += "." + std::to_string(i);
  auto it = wrappers_.find(key);
  if (it != wrappers_.end()) return it->second;
  bool iface_target = m->decl == nullptr;  // promoted from an embedded interface
  uint32_t target = iface_target ? 0 : func_index(m);
  bool recv_is_ptr = types::underlying(recv)->is<types::Pointer>();
  bool data_is_ptr = recv_is_ptr || (for_iface && rr->boxed);
  // Direct entry: the receiver word already is what the method expects.
  if (!iface_target && path.empty() && ((recv_is_ptr && m->ptr_recv) || (!data_is_ptr && !m->ptr_recv))) {
    wrappers_[key] = target;
    return target;
  }
  uint32_t fi = declare_function(rr->name + "." + m->name + "·wrap");
  wrappers_[key] = fi;
  bc::Function& fn = funcs_[fi];
  fn.file = iface_target ? mod_.main_file : funcs_[target].file;
  FuncBuilder fb(fn);
  FuncBuilder* saved = fb_;
  fb_ = &fb;
  const types::Signature* msig = m->sig();
  // Parameters: the receiver word(s), then the method's parameters.
  uint32_t recv_slot = data_is_ptr ? fb.alloc({rt::SlotKind::Ref}) : fb.alloc(layouts_.kinds(recv));
  const ForwardFrame ff = forward_frame(fb, msig);
  const std::vector<rt::SlotKind>& pk = ff.param_kinds;
  uint32_t params = ff.params, res = ff.res, nres = ff.nres;
  LValue base;
  const types::Type* cur = recv;
  if (data_is_ptr) {
    base = LValue{LValue::Ptr, recv_slot, 0, 0, 1, nullptr};
    cur = recv_is_ptr ? types::underlying(recv)->as<types::Pointer>()->elem : recv;
  } else {
    base = LValue{LValue::Slots, recv_slot, 0, 0, 1, nullptr};
  }
  const types::Type* final_t = cur;
  LValue lv = field_path(base, cur, path, &final_t);
  if (iface_target) {
    // Call the method on the embedded interface value.
    std::vector<rt::SlotKind> ik{rt::SlotKind::IfaceType, rt::SlotKind::IfaceData, rt::SlotKind::Scalar};
    ik.insert(ik.end(), pk.begin(), pk.end());
    uint32_t blk = fb.alloc(ik);
    lv.type = final_t;
    load(lv, blk);
    if (!pk.empty()) fb.emit(Op::MoveN, blk + 3, params, static_cast<uint32_t>(pk.size()));
    emit_call_iface(fb, res, blk, blk + 2, iface_method_index(final_t, m->name));
    fb.emit(Op::Ret, res, nres);
    fb_ = saved;
    return fi;
  }
  // Build the argument block: receiver then params.
  std::vector<rt::SlotKind> ak;
  const types::Type* mrecv_t = msig->recv->type;
  const auto& rk = layouts_.kinds(mrecv_t);
  ak.insert(ak.end(), rk.begin(), rk.end());
  ak.insert(ak.end(), pk.begin(), pk.end());
  uint32_t args = fb.alloc(ak);
  if (m->ptr_recv) {
    if (types::underlying(final_t)->is<types::Pointer>()) load(LValue{lv.kind, lv.a, lv.b, 0, 1, final_t}, args);
    else addr_of(lv, args);
  } else {
    if (types::underlying(final_t)->is<types::Pointer>()) {
      uint32_t p = load(LValue{lv.kind, lv.a, lv.b, 0, 1, final_t}, -1);
      load(LValue{LValue::Ptr, p, 0, 0, 1, mrecv_t}, args);
    } else {
      lv.type = mrecv_t;
      load(lv, args);
    }
  }
  move(args + static_cast<uint32_t>(rk.size()), params, static_cast<uint32_t>(pk.size()));
  fb.emit(Op::Call, res, target & 0xFFFF, args, static_cast<uint8_t>(target >> 16));
  fb.emit(Op::Ret, res, nres);
  fb_ = saved;
  return fi;
}

// x.M as a value: a closure capturing the receiver (evaluated now).
uint32_t Gen::bound_method(const ast::SelectorExpr* e, int64_t dest) {
  const types::Selection& sel = info_->selections.at(e);
  const auto* m = sel.obj->as<types::Func>();
  size_t mk = fb_->mark();
  const types::Type* xt = type_of(e->x);
  uint32_t fi;
  uint32_t caps;
  bool promoted_iface = !types::is_interface(xt) && m->decl == nullptr;  // method of an embedded interface
  if (types::is_interface(xt) || promoted_iface) {
    uint32_t block = fb_->alloc({rt::SlotKind::IfaceType, rt::SlotKind::IfaceData});
    if (promoted_iface) {
      recv_arg(e->x, sel.index, false, block);
      xt = embedded_type(xt, sel.index);
    } else {
      move(block, expr(e->x), 2);
    }
    caps = block;
    // Thunk-like function: captures the interface, forwards the parameters.
    fi = declare_function(fb_->fn().name + ".bound" + std::to_string(++lit_counter_));
    bc::Function& fn = funcs_[fi];
    fn.file = fb_->fn().file;
    fn.capture_kinds = {rt::SlotKind::IfaceType, rt::SlotKind::IfaceData};
    FuncBuilder fb(fn);
    const ForwardFrame ff = forward_frame(fb, m->sig());
    const std::vector<rt::SlotKind>& pk = ff.param_kinds;
    uint32_t params = ff.params, res = ff.res, nres = ff.nres;
    uint32_t iface = fb.alloc({rt::SlotKind::IfaceType, rt::SlotKind::IfaceData});
    fb.emit(Op::LoadCapture, iface, 0, 2);
    std::vector<rt::SlotKind> ak{rt::SlotKind::Scalar};
    ak.insert(ak.end(), pk.begin(), pk.end());
    uint32_t args = fb.alloc(ak);
    if (!pk.empty()) fb.emit(Op::MoveN, args + 1, params, static_cast<uint32_t>(pk.size()));
    emit_call_iface(fb, res, iface, args, iface_method_index(xt, m->name));
    fb.emit(Op::Ret, res, nres);
  } else {
    // A value receiver reached through a pointer (x itself or an embedded
    // pointer field) is not copied now: the spec saves x, so the closure
    // keeps the pointer and later mutations through it stay visible.
    bool by_ref = !m->ptr_recv && reaches_through_pointer(xt, sel.index);
    const types::Type* mrecv_t = m->sig()->recv->type;
    caps = fb_->alloc(by_ref ? std::vector<rt::SlotKind>{rt::SlotKind::Ref} : layouts_.kinds(mrecv_t));
    recv_arg(e->x, sel.index, m->ptr_recv || by_ref, caps);
    fi = bound_concrete(m, mrecv_t, by_ref, e->sel->pos);
  }
  uint32_t r = fb_->alloc({rt::SlotKind::Ref});
  fb_->emit(Op::MakeClosure, r, fi & 0xFFFF, caps, static_cast<uint8_t>(fi >> 16));
  fb_->release(mk);
  uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
  move(d, r, 1);
  return d;
}

// The function behind a concrete method value: it takes the method's
// parameters, prepends the captured receiver (the value itself, or loaded
// through the captured pointer when by_ref, so a nil pointer faults at `pos`)
// and calls the method.
uint32_t Gen::bound_concrete(const types::Func* m, const types::Type* mrecv_t, bool by_ref, ast::Pos pos) {
  uint32_t target = func_index(m);
  uint32_t fi = declare_function(funcs_[target].name + "·bound");
  bc::Function& fn = funcs_[fi];
  fn.file = fb_->fn().file;
  fn.capture_kinds = by_ref ? std::vector<rt::SlotKind>{rt::SlotKind::Ref} : layouts_.kinds(mrecv_t);
  FuncBuilder fb(fn);
  const ForwardFrame ff = forward_frame(fb, m->sig());
  const std::vector<rt::SlotKind>& pk = ff.param_kinds;
  std::vector<rt::SlotKind> ak = layouts_.kinds(mrecv_t);
  uint32_t nr = static_cast<uint32_t>(ak.size());
  ak.insert(ak.end(), pk.begin(), pk.end());
  uint32_t args = fb.alloc(ak);
  if (by_ref) {
    uint32_t p = fb.alloc({rt::SlotKind::Ref});
    fb.emit(Op::LoadCapture, p, 0, 1);
    FuncBuilder* saved = fb_;
    fb_ = &fb;
    line(pos);
    load(LValue{LValue::Ptr, p, 0, 0, 1, mrecv_t}, args);
    fb_ = saved;
  } else if (nr) {
    fb.emit(Op::LoadCapture, args, 0, nr);
  }
  if (!pk.empty()) fb.emit(Op::MoveN, args + nr, ff.params, static_cast<uint32_t>(pk.size()));
  fb.emit(Op::Call, ff.res, target & 0xFFFF, args, static_cast<uint8_t>(target >> 16));
  fb.emit(Op::Ret, ff.res, ff.nres);
  return fi;
}

// Whether x.path is reached through a pointer: x itself, an embedded
// pointer field on the way, or the final embedded field.
bool Gen::reaches_through_pointer(const types::Type* t, const std::vector<int>& path) {
  for (int i : path) {
    if (types::underlying(t)->is<types::Pointer>()) return true;
    t = types::underlying(t)->as<types::Struct>()->fields[i]->type;
  }
  return types::underlying(t)->is<types::Pointer>();
}

uint32_t Gen::iface_method_func(const types::Type* iface, const types::Func* m) {
  const rt::RType* ir = layouts_.rtype(iface);
  std::string key = "iface." + std::to_string(ir->id) + "." + m->name;
  auto it = wrappers_.find(key);
  if (it != wrappers_.end()) return it->second;
  uint32_t fi = declare_function(ir->name + "." + m->name);
  wrappers_[key] = fi;
  bc::Function& fn = funcs_[fi];
  fn.file = fb_ ? fb_->fn().file : mod_.main_file;
  FuncBuilder fb(fn);
  uint32_t recv = fb.alloc({rt::SlotKind::IfaceType, rt::SlotKind::IfaceData});
  const ForwardFrame ff = forward_frame(fb, m->sig());
  std::vector<rt::SlotKind> ak{rt::SlotKind::Scalar};
  ak.insert(ak.end(), ff.param_kinds.begin(), ff.param_kinds.end());
  uint32_t args = fb.alloc(ak);
  if (!ff.param_kinds.empty()) fb.emit(Op::MoveN, args + 1, ff.params, static_cast<uint32_t>(ff.param_kinds.size()));
  emit_call_iface(fb, ff.res, recv, args, iface_method_index(iface, m->name));
  fb.emit(Op::Ret, ff.res, ff.nres);
  return fi;
}

const rt::Itab* Gen::itab_for(const types::Type* dyn, const types::Type* iface) {
  const rt::RType* dr = layouts_.rtype(dyn);
  const rt::RType* ir = layouts_.rtype(iface);
  auto key = std::make_pair(dr, ir);
  auto it = itab_map_.find(key);
  if (it != itab_map_.end()) return it->second;
  mod_.itabs.push_back(rt::Itab{dr, ir, {}});
  rt::Itab* tab = &mod_.itabs.back();
  itab_map_[key] = tab;
  itabs_.push_back(PendingItab{tab, dyn});
  return tab;
}

// Builds the method table of every named type (and pointer to one) that has
// a runtime type, with wrappers taking the interface data word as receiver,
// then fills the static itabs from them.
void Gen::fill_method_sets() {
  for (size_t i = 0; i < layouts_.rtype_count(); ++i) {
    auto [t, r] = layouts_.rtype_at(i);
    if (types::is_interface(t)) continue;
    const types::Type* base = t;
    bool is_ptr = false;
    if (auto* p = types::underlying(t)->as<types::Pointer>(); p && !types::is_named(t)) {
      base = p->elem;
      is_ptr = true;
    }
    const auto* named = base->as<types::Named>();
    if (!named) continue;
    // Candidate names: methods of the type and of types embedded in it.
    std::set<std::string> names;
    std::vector<const types::Type*> work{base};
    std::set<const types::Type*> visited;
    while (!work.empty()) {
      const types::Type* w = work.back();
      work.pop_back();
      if (auto* pp = types::underlying(w)->as<types::Pointer>(); pp && !types::is_named(w)) w = pp->elem;
      if (!visited.insert(w).second) continue;
      if (auto* nm = w->as<types::Named>())
        for (const types::Func* f : nm->methods) names.insert(f->name);
      if (auto* it = types::underlying(w)->as<types::Interface>())
        for (const types::Func* f : it->all_methods) names.insert(f->name);
      if (auto* st = types::underlying(w)->as<types::Struct>())
        for (const types::Var* f : st->fields)
          if (f->embedded) work.push_back(f->type);
    }
    for (const std::string& name : names) {
      types::Selection sel = types::lookup_field_or_method(t, false, named->obj->pkg, name);
      const types::Func* f = sel.obj ? sel.obj->as<types::Func>() : nullptr;
      if (!f) continue;
      bool needs_ptr = f->ptr_recv && !sel.indirect && !is_ptr;
      if (needs_ptr) continue;  // not in the method set of a value
      if (f->decl && !func_ids_.count(f)) continue;  // methods without bodies are not callable
      uint32_t w;
      try {
        w = method_wrapper(t, f, sel.index, true);
      } catch (const Unsupported&) {
        continue;
      }
      r->methods.push_back(rt::RMethod{name, w, layouts_.rtype(f->type)});
    }
    std::sort(r->methods.begin(), r->methods.end(), [](const rt::RMethod& a, const rt::RMethod& b) { return a.name < b.name; });
  }
  for (const PendingItab& p : itabs_) {
    for (const std::string& name : p.itab->iface->iface_methods) {
      const rt::RMethod* found = nullptr;
      for (const rt::RMethod& m : p.itab->type->methods)
        if (m.name == name) found = &m;
      if (!found) unsupported(ast::NoPos, "method " + name + " of " + p.itab->type->name + " in an interface table");
      p.itab->funcs.push_back(found->func);
    }
  }
}

}  // namespace vo::compiler
