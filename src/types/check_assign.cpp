// Assignments, variable initialization, short variable declarations and
// return statements, in the manner of go/types (assignments.go), extended with
// Vo's dynamic-access values (assignable to any target, sized by the number of
// left-hand sides) and the comma-ok forms of map index, type assertion and
// receive (also on ports).
#include <string>
#include <unordered_set>
#include <vector>

#include "types/checker_impl.h"
#include "types/check_expr_util.h"

namespace vo::types {

using syntax::AssignStmt;
using syntax::CallExpr;
using syntax::DynExpr;
using syntax::Expr;
using syntax::Ident;
using syntax::ParenExpr;
using syntax::Pos;
using syntax::ReturnStmt;
using syntax::SelectorExpr;

namespace {

using xu::unparen;

using xu::usable_type;

bool is_invalid_type(const Type* t) { return t != nullptr && !usable_type(t); }

// Go's hasName: basic types and defined types have names; composite type
// literals do not (assignability between identical underlying types needs one
// side to be unnamed).
bool has_name(const Type* t) { return t->is<Basic>() || t->is<Named>(); }

bool is_boolean_type(const Type* t) {
  const Basic* b = t != nullptr && underlying(t) != nullptr ? underlying(t)->as<Basic>() : nullptr;
  return b != nullptr && b->is_boolean();
}

// Modes of operands that denote values (and may therefore be assigned).
bool is_value_mode(Mode m) {
  switch (m) {
    case Mode::Constant: case Mode::Variable: case Mode::MapIndex: case Mode::Value: case Mode::CommaOk:
      return true;
    default:
      return false;
  }
}

Pos pos_of(const Operand& x, Pos fallback = syntax::NoPos) { return x.expr != nullptr ? x.expr->pos : fallback; }

// "1 variable", "2 values", ...
std::string measure(size_t n, const char* unit) {
  std::string s = std::to_string(n) + " " + unit;
  if (n != 1) s += "s";
  return s;
}

// An expression that may produce several values: a call, a dynamic access
// (sized by its targets) or an error propagation of a tuple.
bool maybe_multi_valued(const Expr* e) {
  e = unparen(e);
  return e->is<CallExpr>() || e->is<DynExpr>() || e->is<syntax::TryExpr>();
}

std::vector<const Expr*> const_exprs(const std::vector<Expr*>& v) { return {v.begin(), v.end()}; }

}  // namespace

// ---- assignability ----------------------------------------------------------------

bool Checker::assignable_to(const Operand& x, const Type* t, std::string* reason) {
  if (x.invalid() || !usable_type(t) || !usable_type(x.type)) return true;  // avoid follow-up errors
  // A value read by dynamic access is checked against its target at run time.
  if (x.dyn) return true;
  const Type* v = x.type;
  if (identical(v, t)) return true;
  const Type* vu = underlying(v);
  const Type* tu = underlying(t);

  if (is_untyped(v)) {
    Value val;
    std::string why;
    return implicit_type(x, t, &val, &why) != nullptr;
  }

  // Identical underlying types and at least one side is not a named type.
  if (identical(vu, tu) && (!has_name(v) || !has_name(t))) return true;

  // T is an interface and V implements it.
  if (const Interface* ti = tu->as<Interface>()) {
    complete_interface(ti);
    if (ti->empty()) return true;
    std::optional<MissingMethod> m = missing_method(v, ti);
    if (!m) return true;
    if (reason != nullptr) *reason = tstr(v) + " does not implement " + tstr(t) + " " + missing_method_reason(v, t, *m);
    return false;
  }

  // V is an interface and T implements it: suggest an assertion.
  if (const Interface* vi = vu->as<Interface>()) {
    complete_interface(vi);
    if (reason != nullptr && !missing_method(t, vi)) *reason = "need type assertion";
    return false;
  }

  // A bidirectional channel converts to a directional one with the same
  // element type, and an owner port `port T` to its capabilities.
  if (const Chan* vc = vu->as<Chan>(); vc != nullptr && vc->dir == syntax::ChanDir::Both) {
    if (const Chan* tc = tu->as<Chan>(); tc != nullptr && identical(vc->elem, tc->elem)) {
      return !has_name(v) || !has_name(t);
    }
  }
  if (const Port* vp = vu->as<Port>(); vp != nullptr && vp->dir == syntax::ChanDir::Both) {
    if (const Port* tp = tu->as<Port>(); tp != nullptr && identical(vp->elem, tp->elem)) {
      return !has_name(v) || !has_name(t);
    }
  }
  return false;
}

// x is assigned to a variable of type t (t == nullptr: the blank identifier or
// an invisible temporary such as a switch tag; untyped values then take their
// default type).
void Checker::assignment(Operand& x, const Type* t, const std::string& context) {
  single_value(x);
  if (x.invalid()) return;
  if (!is_value_mode(x.mode)) {
    if (x.mode == Mode::NoValue) {
      error(pos_of(x), opstr(x) + " used as value");
    } else {
      error(pos_of(x), "cannot assign " + opstr(x) + " to " + (t != nullptr ? tstr(t) : std::string("_")) +
                           " in " + context);
    }
    x.set_invalid();
    return;
  }

  if (x.type != nullptr && is_untyped(x.type)) {
    const Type* target = t;
    // Untyped constants assigned to an interface or to `_` take their
    // default type first; nil keeps the interface as its type.
    if (t == nullptr || (is_interface(t) && !x.is_nil())) {
      if (t == nullptr && x.is_nil()) {
        error(pos_of(x), "use of untyped nil in " + context);
        x.set_invalid();
        return;
      }
      target = default_type(x.type);
    }
    if (!usable_type(target)) {
      x.set_invalid();
      return;
    }
    Value val;
    std::string why;
    const Type* nt = implicit_type(x, target, &val, &why);
    if (nt == nullptr) {
      std::string msg = "cannot use " + opstr(x) + " as " + tstr(target) + " value in " + context;
      if (!why.empty()) msg += " (" + why + ")";
      error(pos_of(x), msg);
      x.set_invalid();
      return;
    }
    if (x.mode == Mode::Constant && !val.is_unknown()) {
      x.val = val;
      // Keep the recorded constant in step with the rounded value.
      if (auto it = untyped_.find(x.expr); it != untyped_.end()) it->second.val = val;
    }
    if (nt != x.type) {
      x.type = nt;
      if (x.expr != nullptr) update_expr_type(x.expr, nt, false);
    }
  }

  if (t == nullptr) return;
  if (x.dyn) dyn_retarget(x, t);  // checked against t at run time
  std::string reason;
  if (!assignable_to(x, t, &reason)) {
    std::string msg = "cannot use " + opstr(x) + " as " + tstr(t) + " value in " + context;
    if (!reason.empty()) msg += ": " + reason;
    error(pos_of(x), msg);
    x.set_invalid();
  }
}

// ---- left-hand sides ------------------------------------------------------------------

// Evaluates an assignment target and returns its type: nullptr for the blank
// identifier, the invalid type after an error.
const Type* Checker::lhs_var(const Expr* lhs) {
  const Expr* e = unparen(lhs);
  const Ident* id = e->as<Ident>();
  if (id != nullptr && id->name == "_") return nullptr;

  // Vo has no dynamic assignment: writes must go through dyn.SetAttr /
  // dyn.SetIndex so that their error is handled.
  if (const DynExpr* d = e->as<DynExpr>()) {
    std::string what = expr_string(e);
    if (d->op == DynExpr::Op::Field) {
      error(lhs->pos, "cannot assign to " + what + ": use dyn.SetAttr and handle its returned error explicitly");
    } else if (d->op == DynExpr::Op::Index) {
      error(lhs->pos, "cannot assign to " + what + ": use dyn.SetIndex and handle its returned error explicitly");
    } else {
      error(lhs->pos, "cannot assign to " + what + " (neither addressable nor a map index expression)");
    }
    Operand base;
    multi_expr(base, d->x);
    if (d->index != nullptr) {
      Operand idx;
      expr(idx, d->index);
    }
    return invalid_type();
  }

  // Assigning to a variable is not a use of it: remember and restore `used`.
  Var* v = nullptr;
  bool v_used = false;
  if (id != nullptr && scope_ != nullptr) {
    if (Object* obj = scope_->lookup(id->name)) {
      if (Var* w = obj->as<Var>(); w != nullptr && w->pkg == pkg_) {
        v = w;
        v_used = w->used;
      }
    }
  }
  Operand x;
  expr(x, lhs);
  if (v != nullptr) v->used = v_used;
  if (x.invalid()) return invalid_type();

  switch (x.mode) {
    case Mode::Variable:
    case Mode::MapIndex:
      return x.type;
    default:
      break;
  }
  if (const SelectorExpr* sel = e->as<SelectorExpr>()) {
    // Use what was recorded for the base: checking it again would report
    // its errors twice (and a package name outside a selector).
    Mode base_mode = sel->x->id < info_.types.size() ? info_.types[sel->x->id].mode : Mode::Invalid;
    if (base_mode == Mode::MapIndex) {
      error(lhs->pos, "cannot assign to struct field " + expr_string(e) + " in map");
      return invalid_type();
    }
  }
  error(lhs->pos, "cannot assign to " + expr_string(e) +
                      " (cannot assign to expression: neither addressable nor a map index expression)");
  return invalid_type();
}

void Checker::assign_var(const Expr* lhs, Operand& x, const std::string& context) {
  const Type* t = lhs_var(lhs);
  if (is_invalid_type(t)) {
    x.set_invalid();
    return;
  }
  std::string ctx = context;
  if (t == nullptr && ctx == "assignment") ctx = "assignment to _ identifier";
  assignment(x, t, ctx);
}

void Checker::init_var(Var* v, Operand& x, const std::string& context) {
  single_value(x);
  if (x.invalid() || (is_value_mode(x.mode) && !usable_type(x.type)) || is_invalid_type(v->type)) {
    if (v->type == nullptr) v->type = invalid_type();
    x.set_invalid();
    return;
  }
  if (!is_value_mode(x.mode)) {
    assignment(x, v->type, context);  // reports the misuse
    if (v->type == nullptr) v->type = invalid_type();
    return;
  }
  // A variable without a declared type takes the (default) type of x.
  if (v->type == nullptr) {
    const Type* t = x.type;
    if (is_untyped(t)) {
      if (x.is_nil()) {
        error(pos_of(x, v->pos), "use of untyped nil in " + context);
        v->type = invalid_type();
        x.set_invalid();
        return;
      }
      t = default_type(t);
    }
    v->type = t;
  }
  assignment(x, v->type, context);
}

// ---- count mismatches -------------------------------------------------------------------

// rhs0 is the single right-hand side when there is exactly one (so that the
// message can name the function whose results are counted), else nullptr.
void Checker::assign_mismatch(Pos pos, size_t l, size_t r, const Expr* rhs0, bool is_return) {
  if (is_return) {
    const char* qualifier = r > l ? "too many" : "not enough";
    error(pos, std::string(qualifier) + " return values: wrong number of return values (want " + std::to_string(l) +
                   ", got " + std::to_string(r) + ")");
    return;
  }
  std::string vars = measure(l, "variable");
  std::string vals = measure(r, "value");
  if (rhs0 != nullptr) {
    const Expr* e = unparen(rhs0);
    if (const CallExpr* call = e->as<CallExpr>()) {
      error(rhs0->pos, "assignment mismatch: " + vars + " but " + expr_string(call->fun) + " returns " + vals);
      return;
    }
    if (e->is<DynExpr>() || e->is<syntax::TryExpr>()) {
      error(rhs0->pos, "assignment mismatch: " + vars + " but " + expr_string(e) + " returns " + vals);
      return;
    }
    pos = rhs0->pos;
  }
  error(pos, "assignment mismatch: " + vars + " but " + vals);
}

// Evaluates `rhs` as exactly n values: n expressions, one multi-valued
// expression (call, dynamic access, `?` of a tuple), or a comma-ok form
// (n == 2). targets[i] (may be shorter, entries may be nullptr) are the types
// the values will be assigned to: used as hints and for the comma-ok record.
bool Checker::unpack_rhs(const std::vector<const Expr*>& rhs, size_t n, std::vector<Operand>& out,
                         const std::vector<const Type*>& targets, bool is_return, Pos pos) {
  out.clear();
  auto target = [&](size_t i) -> const Type* {
    return i < targets.size() && usable_type(targets[i]) ? targets[i] : nullptr;
  };
  if (rhs.empty()) {
    if (n != 0) assign_mismatch(pos, n, 0, nullptr, is_return);
    return n == 0;
  }
  if (rhs.size() != 1) {
    if (rhs.size() == n) {
      bool ok = true;
      for (size_t i = 0; i < n; ++i) {
        Operand x;
        expr(x, rhs[i], target(i));
        ok = ok && !x.invalid();
        out.push_back(x);
      }
      return ok;
    }
    // Evaluate everything for its errors and records, then report the count.
    bool ok = true;
    for (const Expr* e : rhs) {
      Operand x;
      multi_expr(x, e);
      ok = ok && !x.invalid();
    }
    if (ok || is_return) assign_mismatch(pos, n, rhs.size(), nullptr, is_return);
    return false;
  }

  const Expr* e = rhs[0];
  const bool dyn = is_dyn_rhs(e);
  const int saved_targets = dyn_targets_;
  if (dyn) dyn_targets_ = static_cast<int>(n);
  Operand x;
  if (n == 1 && !maybe_multi_valued(e)) {
    expr(x, e, target(0));
  } else {
    multi_expr(x, e);
  }
  dyn_targets_ = saved_targets;
  if (x.invalid()) return false;
  if (x.mode == Mode::NoValue) {
    error(e->pos, opstr(x) + " used as value");
    return false;
  }

  if (const Tuple* tup = x.type != nullptr ? x.type->as<Tuple>() : nullptr) {
    if (tup->size() != n) {
      assign_mismatch(is_return ? pos : e->pos, n, tup->size(), e, is_return);
      return false;
    }
    for (size_t i = 0; i < n; ++i) {
      Operand y;
      y.mode = Mode::Value;
      y.expr = e;
      y.type = tup->vars[i]->type;
      // The values of a dynamic access are checked against their targets at
      // run time; its trailing error is an ordinary error value.
      y.dyn = dyn && !identical(y.type, universe_error());
      y.dyn_index = static_cast<int>(i);
      out.push_back(y);
    }
    return true;
  }

  if (n == 2 && (x.mode == Mode::MapIndex || x.mode == Mode::CommaOk)) {
    Operand v = x;  // keeps its mode for messages ("comma, ok expression")
    Operand ok;
    ok.mode = Mode::Value;
    ok.expr = e;
    ok.type = basic_type(BasicKind::UntypedBool);
    const Type* t1 = target(1);
    if (t1 == nullptr || !is_boolean_type(t1)) t1 = basic_type(BasicKind::Bool);
    record_comma_ok(e, x.type, t1);
    out.push_back(v);
    out.push_back(ok);
    return true;
  }
  if (n == 1) {
    out.push_back(x);
    return true;
  }
  assign_mismatch(is_return ? pos : e->pos, n, 1, e, is_return);
  return false;
}

// ---- declarations and assignments -----------------------------------------------------

void Checker::declare_var_in_scope(Var* v, const Ident* id) {
  if (fn_ != nullptr && v->owner_func == nullptr && !v->is_global) v->owner_func = fn_->node;
  if (v->name != "_" && scope_ != nullptr) {
    if (scope_->insert(v) != nullptr) error(v->pos, v->name + " redeclared in this block");
  }
  if (id != nullptr) record_def(id, v);
  if (fn_ != nullptr && !v->is_param && !v->is_global) fn_->locals.push_back(v);
}

namespace {

// init_vars with an explicit context for messages ("variable declaration",
// "assignment", "return statement").
void init_vars_in(Checker& c, const std::vector<Var*>& lhs, const std::vector<const Expr*>& rhs,
                  const syntax::Node* return_stmt, const std::string& context) {
  const size_t l = lhs.size();
  const size_t r = rhs.size();

  // n:n; a single call is unpacked below for a better message.
  if (l == r && !(r == 1 && maybe_multi_valued(rhs[0]))) {
    for (size_t i = 0; i < l; ++i) {
      Operand x;
      c.expr(x, rhs[i], usable_type(lhs[i]->type) ? lhs[i]->type : nullptr);
      c.init_var(lhs[i], x, context);
    }
    return;
  }

  std::vector<const Type*> targets;
  targets.reserve(l);
  for (const Var* v : lhs) targets.push_back(v->type);
  Pos pos = return_stmt != nullptr ? return_stmt->pos : (r > 0 ? rhs[0]->pos : syntax::NoPos);
  std::vector<Operand> xs;
  if (!c.unpack_rhs(rhs, l, xs, targets, return_stmt != nullptr, pos)) {
    for (Var* v : lhs) {
      if (v->type == nullptr) v->type = c.invalid_type();
    }
    return;
  }
  for (size_t i = 0; i < l && i < xs.size(); ++i) c.init_var(lhs[i], xs[i], context);
}

}  // namespace

// Variable declarations (one name per value: "variable declaration", as
// go/types' varDecl), multi-name initializations ("assignment") and returns.
void Checker::init_vars(const std::vector<Var*>& lhs, const std::vector<const Expr*>& rhs,
                        const syntax::Node* return_stmt) {
  std::string context = "assignment";
  if (return_stmt != nullptr) {
    context = "return statement";
  } else if (lhs.size() == 1) {
    context = "variable declaration";
  }
  init_vars_in(*this, lhs, rhs, return_stmt, context);
}

namespace {

// Evaluates expressions only for their errors and records (after a count
// mismatch); reports whether all were valid.
bool use_exprs(Checker& c, const std::vector<Expr*>& list) {
  bool ok = true;
  for (const Expr* e : list) {
    Operand x;
    c.multi_expr(x, e);
    ok = ok && !x.invalid();
  }
  return ok;
}

bool use_lhs(Checker& c, const std::vector<Expr*>& list) {
  bool ok = true;
  for (const Expr* e : list) {
    const Type* t = c.lhs_var(e);
    ok = ok && (t == nullptr || usable_type(t));
  }
  return ok;
}

// lhs = rhs for one pair: the target is evaluated first so that its type
// can guide the right-hand side.
void assign_pair(Checker& c, const Expr* lhs, const Expr* rhs) {
  const Type* t = c.lhs_var(lhs);
  if (is_invalid_type(t)) {
    Operand x;
    c.multi_expr(x, rhs);
    return;
  }
  Operand x;
  c.expr(x, rhs, t);
  c.assignment(x, t, t == nullptr ? "assignment to _ identifier" : "assignment");
}

}  // namespace

void Checker::assign_vars(const std::vector<Expr*>& lhs, const std::vector<Expr*>& rhs) {
  const size_t l = lhs.size();
  const size_t r = rhs.size();
  if (l == r && !(r == 1 && maybe_multi_valued(rhs[0]))) {
    for (size_t i = 0; i < l; ++i) assign_pair(*this, lhs[i], rhs[i]);
    return;
  }
  if (r != 1) {
    const bool ok_l = use_lhs(*this, lhs);
    const bool ok_r = use_exprs(*this, rhs);
    if (ok_l && ok_r) assign_mismatch(rhs.empty() ? syntax::NoPos : rhs[0]->pos, l, r, nullptr, false);
    return;
  }
  // One right-hand side for several targets: the targets' types size and
  // type the (comma-ok, tuple or dynamic) value.
  std::vector<const Type*> targets;
  targets.reserve(l);
  for (const Expr* e : lhs) targets.push_back(lhs_var(e));
  std::vector<Operand> xs;
  if (!unpack_rhs({rhs[0]}, l, xs, targets, false, rhs[0]->pos)) return;
  for (size_t i = 0; i < l && i < xs.size(); ++i) {
    if (is_invalid_type(targets[i])) continue;
    assignment(xs[i], targets[i], targets[i] == nullptr ? "assignment to _ identifier" : "assignment");
  }
}

void Checker::short_var_decl(const AssignStmt* s, const std::vector<Expr*>& lhs, const std::vector<Expr*>& rhs,
                             Pos pos) {
  std::unordered_set<std::string> seen;
  std::vector<Var*> lhs_vars(lhs.size(), nullptr);
  std::vector<Var*> new_vars;
  bool has_err = false;
  for (size_t i = 0; i < lhs.size(); ++i) {
    const Ident* id = lhs[i]->as<Ident>();
    if (id == nullptr) {
      use_lhs(*this, {lhs[i]});
      error(lhs[i]->pos, "non-name " + expr_string(lhs[i]) + " on left side of :=");
      has_err = true;
      continue;
    }
    const std::string& name = id->name;
    if (name != "_" && !seen.insert(name).second) {
      error(id->pos, name + " repeated on left side of :=");
      has_err = true;
      continue;
    }
    // Redeclaration: an object of the same name in the same scope is
    // reused (it must be a variable); mentioning it is not a use.
    if (Object* alt = scope_ != nullptr ? scope_->lookup_local(name) : nullptr) {
      Var* v = alt->as<Var>();
      const bool was_used = v != nullptr && v->used;
      record_use(id, alt);
      if (v != nullptr) {
        v->used = was_used;
        lhs_vars[i] = v;
      } else {
        error(id->pos, "cannot assign to " + name);
        has_err = true;
      }
      continue;
    }
    Var* v = new_var(name, id->pos, nullptr);
    if (fn_ != nullptr) v->owner_func = fn_->node;
    lhs_vars[i] = v;
    if (name != "_") new_vars.push_back(v);
    record_def(id, v);
  }
  // Dummy variables where the left-hand side was invalid.
  for (size_t i = 0; i < lhs_vars.size(); ++i) {
    if (lhs_vars[i] == nullptr) {
      lhs_vars[i] = new_var("_", lhs[i]->pos, nullptr);
      lhs_vars[i]->used = true;
    }
  }

  init_vars_in(*this, lhs_vars, const_exprs(rhs), nullptr, "assignment");

  if (new_vars.empty() && !has_err) {
    error(pos, "no new variables on left side of :=");
    return;
  }
  // The new variables are in scope only after the whole statement.
  for (Var* v : new_vars) declare_var_in_scope(v, nullptr);
  (void)s;
}

void Checker::assign_op(const AssignStmt* s) {
  const syntax::Tok op = syntax::assign_op_base(s->tok);
  if (s->lhs.size() != 1 || s->rhs.size() != 1) {
    error(s->tok_pos, "assignment operation " + std::string(syntax::tok_string(s->tok)) +
                          " requires single-valued expressions");
    return;
  }
  if (unparen(s->lhs[0])->is<DynExpr>()) {
    lhs_var(s->lhs[0]);  // reports the missing dyn.SetAttr / dyn.SetIndex
    Operand y;
    expr(y, s->rhs[0]);
    return;
  }
  Operand x;
  binary(x, nullptr, s->lhs[0], s->rhs[0], op, s->tok_pos);
  assign_var(s->lhs[0], x, "assignment operation");
}

void Checker::return_stmt(const ReturnStmt* s) {
  if (fn_ == nullptr || fn_->sig == nullptr) return;
  const Tuple* res = fn_->sig->results;
  const size_t nres = res != nullptr ? res->size() : 0;
  if (s->results.empty() && nres > 0 && !res->vars[0]->name.empty()) {
    // A bare return with named results: they must not be shadowed here.
    for (Var* v : res->vars) {
      if (v->name == "_" || v->name.empty() || scope_ == nullptr) continue;
      Object* alt = scope_->lookup(v->name);
      if (alt != nullptr && alt != v) error(s->pos, "result parameter " + v->name + " not in scope at return");
    }
    return;
  }
  if (s->results.empty() && nres == 0) return;
  std::vector<Var*> lhs;
  if (res != nullptr) lhs = res->vars;
  init_vars(lhs, const_exprs(s->results), s);
}

}  // namespace vo::types
