// Statements, in the manner of go/types (stmt.go, labels.go, return.go), with
// Vo's rules: no goto, builtins cannot be deferred or started as goroutines,
// `fail` / `errdefer` need a final built-in error result, `go @(island)`,
// port sends and receives, range over integers and ports.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "types/checker_impl.h"
#include "types/check_expr_util.h"

namespace vo::types {

using syntax::AssignStmt;
using syntax::BlockStmt;
using syntax::BranchStmt;
using syntax::CallExpr;
using syntax::CaseClause;
using syntax::CommClause;
using syntax::Expr;
using syntax::ExprStmt;
using syntax::Ident;
using syntax::NodeKind;
using syntax::ParenExpr;
using syntax::Pos;
using syntax::Stmt;
using syntax::Tok;

namespace {

using xu::unparen;

using xu::usable_type;

const Basic* basic_under(const Type* t) {
  if (t == nullptr) return nullptr;
  const Type* u = underlying(t);
  return u != nullptr ? u->as<Basic>() : nullptr;
}

bool is_boolean_type(const Type* t) {
  const Basic* b = basic_under(t);
  return b != nullptr && b->is_boolean();
}

bool is_integer_type(const Type* t) {
  const Basic* b = basic_under(t);
  return b != nullptr && b->is_integer();
}

// Types whose values compare with nil (switch on them allows `case nil`).
bool has_nil(const Type* t) {
  const Type* u = underlying(t);
  if (u == nullptr) return false;
  switch (u->kind) {
    case TypeKind::Pointer: case TypeKind::Slice: case TypeKind::Map: case TypeKind::Chan:
    case TypeKind::Port: case TypeKind::Island: case TypeKind::Signature: case TypeKind::Interface:
      return true;
    case TypeKind::Basic:
      return u->as<Basic>()->bkind == BasicKind::UntypedNil;
    default:
      return false;
  }
}

// Constant equality for duplicate-case detection (1 and 1.0 converted to the
// same float type are the same case).
bool same_value(const Value& a, const Value& b) {
  if (a.kind() == b.kind()) return a == b;
  if (a.is_numeric() && b.is_numeric()) return compare(a.to_float(), Tok::Eql, b.to_float());
  return false;
}

const TypeAndValue* recorded(const Info& info, const Expr* e) {
  if (e == nullptr || e->id >= info.types.size()) return nullptr;
  return &info.types[e->id];
}

// go/types rangeKeyVal: the key and value types of a range over t (value
// nullptr when the range produces a single value).
bool range_key_val(const Type* t, const Type** key, const Type** val, std::string* cause) {
  *key = nullptr;
  *val = nullptr;
  const Type* u = underlying(t);
  if (u == nullptr) return false;
  if (const Basic* b = u->as<Basic>()) {
    if (b->is_string()) {
      *key = basic_type(BasicKind::Int);
      *val = universe_rune();
      return true;
    }
    if (b->is_integer()) {
      *key = t;
      return true;
    }
    return false;
  }
  if (const Array* a = u->as<Array>()) {
    *key = basic_type(BasicKind::Int);
    *val = a->elem;
    return true;
  }
  if (const Slice* s = u->as<Slice>()) {
    *key = basic_type(BasicKind::Int);
    *val = s->elem;
    return true;
  }
  if (const Map* m = u->as<Map>()) {
    *key = m->key;
    *val = m->elem;
    return true;
  }
  if (const Chan* c = u->as<Chan>()) {
    if (c->dir == syntax::ChanDir::Send) {
      *cause = "receive from send-only channel";
      return false;
    }
    *key = c->elem;
    return true;
  }
  if (const Port* p = u->as<Port>()) {
    if (p->dir == syntax::ChanDir::Send) {
      *cause = "cannot receive from send-only port";
      return false;
    }
    *key = p->elem;
    return true;
  }
  return false;
}

// ---- break analysis for terminating statements (go/types return.go) ----

bool has_break(const Stmt* s, const std::string& label, bool implicit);

bool has_break_list(const std::vector<Stmt*>& list, const std::string& label, bool implicit) {
  for (const Stmt* s : list) {
    if (has_break(s, label, implicit)) return true;
  }
  return false;
}

bool has_break_clauses(const BlockStmt* body, const std::string& label) {
  if (body == nullptr) return false;
  for (const Stmt* c : body->list) {
    if (const CaseClause* cc = c->as<CaseClause>(); cc && has_break_list(cc->body, label, false)) return true;
    if (const CommClause* cc = c->as<CommClause>(); cc && has_break_list(cc->body, label, false)) return true;
  }
  return false;
}

// Whether s contains a break out of the statement labeled `label` (implicit:
// an unlabeled break counts too, i.e. s is directly inside that statement).
bool has_break(const Stmt* s, const std::string& label, bool implicit) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case NodeKind::LabeledStmt:
      return has_break(s->as<syntax::LabeledStmt>()->stmt, label, implicit);
    case NodeKind::BranchStmt: {
      const BranchStmt* b = s->as<BranchStmt>();
      if (b->tok != Tok::Break) return false;
      if (b->label == nullptr) return implicit;
      return b->label->name == label;
    }
    case NodeKind::BlockStmt:
      return has_break_list(s->as<BlockStmt>()->list, label, implicit);
    case NodeKind::IfStmt: {
      const syntax::IfStmt* i = s->as<syntax::IfStmt>();
      return has_break(i->body, label, implicit) || has_break(i->else_, label, implicit);
    }
    case NodeKind::SwitchStmt:
      return !label.empty() && has_break_clauses(s->as<syntax::SwitchStmt>()->body, label);
    case NodeKind::TypeSwitchStmt:
      return !label.empty() && has_break_clauses(s->as<syntax::TypeSwitchStmt>()->body, label);
    case NodeKind::SelectStmt:
      return !label.empty() && has_break_clauses(s->as<syntax::SelectStmt>()->body, label);
    case NodeKind::ForStmt:
      return !label.empty() && has_break(s->as<syntax::ForStmt>()->body, label, false);
    case NodeKind::RangeStmt:
      return !label.empty() && has_break(s->as<syntax::RangeStmt>()->body, label, false);
    default:
      return false;
  }
}

// Reports a second `default` clause of a switch or select.
void check_multiple_defaults(Checker& c, const BlockStmt* body, const char* what) {
  if (body == nullptr) return;
  bool seen = false;
  for (const Stmt* s : body->list) {
    bool is_default = false;
    if (const CaseClause* cc = s->as<CaseClause>()) is_default = cc->is_default;
    if (const CommClause* cc = s->as<CommClause>()) is_default = cc->comm == nullptr;
    if (!is_default) continue;
    if (seen) c.error(s->pos, std::string("multiple defaults in ") + what);
    seen = true;
  }
}

}  // namespace

// ---- function bodies and statement lists -----------------------------------------------

void Checker::func_body_stmts(const BlockStmt* body) {
  if (body == nullptr) return;
  stmt_list(body->list, 0);
  labels(body);
  if (fn_ != nullptr && fn_->sig != nullptr && fn_->sig->results != nullptr && fn_->sig->results->size() > 0 &&
      !is_terminating(body, "")) {
    error(body->rbrace, "missing return");
  }
  usage(fn_);
}

void Checker::stmt_list(const std::vector<Stmt*>& list, unsigned ctx) {
  const bool fallthrough_ok = (ctx & kFallthroughOk) != 0;
  const unsigned inner = ctx & ~static_cast<unsigned>(kFallthroughOk);
  // Trailing empty statements do not hide a final fallthrough.
  size_t n = list.size();
  while (n > 0 && list[n - 1] != nullptr && list[n - 1]->is<syntax::EmptyStmt>()) --n;
  for (size_t i = 0; i < n; ++i) {
    unsigned c = inner;
    if (fallthrough_ok && i + 1 == n) c |= kFallthroughOk;
    stmt(list[i], c);
  }
}

void Checker::simple_stmt(const Stmt* s) {
  if (s != nullptr) stmt(s, 0);
}

void Checker::stmt(const Stmt* s, unsigned ctx) {
  if (s == nullptr) return;
  // Context flags that only apply to the statements directly in a clause.
  const unsigned inner = ctx & ~static_cast<unsigned>(kFallthroughOk | kFinalSwitchCase | kInTypeSwitch);
  switch (s->kind) {
    case NodeKind::BadStmt:
    case NodeKind::EmptyStmt:
      break;
    case NodeKind::DeclStmt:
      decl_stmt(s->as<syntax::DeclStmt>()->decl);
      break;
    case NodeKind::LabeledStmt:
      stmt(s->as<syntax::LabeledStmt>()->stmt, ctx);
      break;
    case NodeKind::ExprStmt:
      expr_stmt(s->as<ExprStmt>());
      break;
    case NodeKind::SendStmt:
      send_stmt(s->as<syntax::SendStmt>(), false);
      break;
    case NodeKind::IncDecStmt:
      inc_dec_stmt(s->as<syntax::IncDecStmt>());
      break;
    case NodeKind::AssignStmt:
      assign_stmt(s->as<AssignStmt>());
      break;
    case NodeKind::GoStmt: {
      const syntax::GoStmt* g = s->as<syntax::GoStmt>();
      if (g->call != nullptr) go_defer_stmt(g->call, "go", g->island);
      break;
    }
    case NodeKind::DeferStmt: {
      const syntax::DeferStmt* d = s->as<syntax::DeferStmt>();
      if (d->is_errdefer) require_error_result("errdefer", d->pos);
      if (d->call != nullptr) go_defer_stmt(d->call, d->is_errdefer ? "errdefer" : "defer", nullptr);
      break;
    }
    case NodeKind::FailStmt:
      fail_stmt(s->as<syntax::FailStmt>());
      break;
    case NodeKind::ReturnStmt:
      return_stmt(s->as<syntax::ReturnStmt>());
      break;
    case NodeKind::BranchStmt:
      branch_stmt(s->as<BranchStmt>(), ctx);
      break;
    case NodeKind::BlockStmt:
      open_scope(s, "block");
      stmt_list(s->as<BlockStmt>()->list, inner);
      close_scope();
      break;
    case NodeKind::IfStmt:
      if_stmt(s->as<syntax::IfStmt>(), inner);
      break;
    case NodeKind::SwitchStmt:
      switch_stmt(s->as<syntax::SwitchStmt>(), inner | kBreakOk);
      break;
    case NodeKind::TypeSwitchStmt:
      type_switch_stmt(s->as<syntax::TypeSwitchStmt>(), inner | kBreakOk | kInTypeSwitch);
      break;
    case NodeKind::SelectStmt:
      select_stmt(s->as<syntax::SelectStmt>(), inner | kBreakOk);
      break;
    case NodeKind::ForStmt:
      for_stmt(s->as<syntax::ForStmt>(), inner | kBreakOk | kContinueOk);
      break;
    case NodeKind::RangeStmt:
      range_stmt(s->as<syntax::RangeStmt>(), inner | kBreakOk | kContinueOk);
      break;
    default:
      error(s->pos, "invalid statement");
      break;
  }
}

// ---- simple statements --------------------------------------------------------------------

void Checker::expr_stmt(const ExprStmt* s) {
  static const char* const kRule = "expression statement must be a call, receive, or error propagation";
  const Expr* e = unparen(s->x);
  Operand x;
  // `o~>M()?` as a statement only propagates the error: no values.
  const int saved_targets = dyn_targets_;
  if (e != nullptr && e->is<syntax::TryExpr>() && is_dyn_rhs(e)) dyn_targets_ = 0;
  raw_expr(x, s->x, nullptr, false);
  dyn_targets_ = saved_targets;
  if (e == nullptr || e->is<syntax::BadExpr>()) return;

  if (const CallExpr* call = e->as<CallExpr>()) {
    const TypeAndValue* ftv = recorded(info_, unparen(call->fun));
    if (ftv != nullptr && ftv->mode == Mode::TypeExpr) {
      if (!x.invalid()) error(s->x->pos, opstr(x) + " is not used (" + kRule + "; a conversion is not a call)");
      return;
    }
    if (ftv != nullptr && ftv->mode == Mode::Builtin && !x.invalid() && x.mode != Mode::NoValue) {
      // Builtins that only compute a value cannot be statements (Go's rule).
      if (const Builtin* b = info_.obj(unparen(call->fun)) ? info_.obj(unparen(call->fun))->as<Builtin>() : nullptr) {
        switch (b->id) {
          case BuiltinId::Append: case BuiltinId::Cap: case BuiltinId::Len: case BuiltinId::Make:
          case BuiltinId::New:
            error(s->x->pos, opstr(x) + " is not used");
            return;
          default:
            break;
        }
      }
    }
    return;
  }
  if (const syntax::UnaryExpr* u = e->as<syntax::UnaryExpr>(); u != nullptr && u->op == Tok::Arrow) return;
  if (e->is<syntax::TryExpr>()) return;

  if (x.invalid()) return;
  std::string what;
  switch (x.mode) {
    case Mode::Builtin: what = opstr(x) + " must be called"; break;
    case Mode::TypeExpr: what = opstr(x) + " is not an expression"; break;
    default: what = opstr(x) + " is not used"; break;
  }
  error(s->x->pos, what + " (" + kRule + ")");
}

void Checker::send_stmt(const syntax::SendStmt* s, bool in_select) {
  Operand ch;
  expr(ch, s->chan);
  const Type* elem = nullptr;
  const Type* cu = !ch.invalid() && ch.type != nullptr ? underlying(ch.type) : nullptr;
  if (cu != nullptr) {
    if (const Chan* c = cu->as<Chan>()) elem = c->elem;
    if (const Port* p = cu->as<Port>()) elem = p->elem;
  }
  Operand val;
  expr(val, s->value, elem);
  if (ch.invalid() || val.invalid() || cu == nullptr) return;
  if (const Chan* c = cu->as<Chan>()) {
    if (c->dir == syntax::ChanDir::Recv) {
      error(s->pos, "invalid operation: cannot send to receive-only channel " + opstr(ch));
      return;
    }
  } else if (const Port* p = cu->as<Port>()) {
    if (p->dir == syntax::ChanDir::Recv) {
      error(s->pos, "invalid operation: cannot send to receive-only port " + opstr(ch));
      return;
    }
    if (in_select) {
      error(s->pos, "invalid select case: cannot send to port " + opstr(ch) +
                        " in select (ports take part in select only through receive cases)");
      return;
    }
  } else {
    error(s->pos, "invalid operation: cannot send to non-channel " + opstr(ch));
    return;
  }
  assignment(val, elem, "send");
}

void Checker::inc_dec_stmt(const syntax::IncDecStmt* s) {
  if (unparen(s->x)->is<syntax::DynExpr>()) {
    lhs_var(s->x);  // reports that dynamic targets cannot be assigned
    return;
  }
  Operand x;
  expr(x, s->x);
  if (x.invalid()) return;
  const Basic* b = basic_under(x.type);
  if (b == nullptr || !b->is_numeric()) {
    const std::string op(syntax::tok_string(s->tok));
    error(s->x->pos, "invalid operation: " + expr_string(s->x) + op + " (non-numeric type " + tstr(x.type) + ")");
    return;
  }
  assign_var(s->x, x, "assignment");
}

void Checker::assign_stmt(const AssignStmt* s) {
  if (s->tok == Tok::Define) {
    short_var_decl(s, s->lhs, s->rhs, s->tok_pos);
  } else if (s->tok == Tok::Assign) {
    assign_vars(s->lhs, s->rhs);
  } else {
    assign_op(s);
  }
}

void Checker::go_defer_stmt(const CallExpr* call, const char* keyword, const Expr* island) {
  Operand isl;
  if (island != nullptr) {
    expr(isl, island);
    if (!isl.invalid() && (isl.type == nullptr || underlying(isl.type) == nullptr ||
                           !underlying(isl.type)->is<Island>())) {
      error(island->pos, "go @(island) target has type " + (isl.type ? tstr(isl.type) : std::string("invalid type")) +
                             ", not island");
      isl.set_invalid();
    }
  }
  Operand x;
  raw_expr(x, call, nullptr, false);
  const Expr* fun = unparen(call->fun);
  const TypeAndValue* ftv = recorded(info_, fun);
  if (ftv != nullptr && ftv->mode == Mode::Builtin) {
    std::string name = expr_string(fun);
    if (Object* o = info_.obj(fun); o != nullptr && o->kind == ObjKind::Builtin) name = o->name;
    error(call->pos, std::string(keyword) + " cannot invoke compiler builtin " + name +
                         " (wrap the call in a function literal)");
    return;
  }
  if (ftv != nullptr && ftv->mode == Mode::TypeExpr) {
    error(call->pos, std::string(keyword) + " requires function call, not conversion");
    return;
  }
  if (island != nullptr && !isl.invalid() && !x.invalid()) check_island_call(call, isl);
}

void Checker::fail_stmt(const syntax::FailStmt* s) {
  require_error_result("fail", s->pos);
  if (s->x == nullptr) return;
  Operand x;
  expr(x, s->x, universe_error());
  if (x.invalid()) return;
  assignment(x, universe_error(), "fail statement");
}

bool Checker::require_error_result(const char* what, Pos pos) {
  const Tuple* res = fn_ != nullptr && fn_->sig != nullptr ? fn_->sig->results : nullptr;
  if (res != nullptr && res->size() > 0) {
    const Type* last = res->vars.back()->type;
    if (last == nullptr || !usable_type(last) || identical(last, universe_error())) return true;
  }
  error(pos, std::string(what) + " requires the final function result to be built-in error");
  return false;
}

void Checker::branch_stmt(const BranchStmt* s, unsigned ctx) {
  switch (s->tok) {
    case Tok::Goto:
      error(s->pos, "goto is not supported (use labeled break or continue)");
      return;
    case Tok::Break:
      if (s->label == nullptr && (ctx & kBreakOk) == 0) error(s->pos, "break is not in a loop, switch, or select");
      return;
    case Tok::Continue:
      if (s->label == nullptr && (ctx & kContinueOk) == 0) error(s->pos, "continue is not in a loop");
      return;
    case Tok::Fallthrough:
      if ((ctx & kFallthroughOk) == 0) {
        if ((ctx & kFinalSwitchCase) != 0) {
          error(s->pos, "cannot fallthrough final case in switch");
        } else if ((ctx & kInTypeSwitch) != 0) {
          error(s->pos, "cannot fallthrough in type switch");
        } else {
          error(s->pos, "fallthrough statement out of place");
        }
      }
      return;
    default:
      error(s->pos, "invalid branch statement");
      return;
  }
}

// ---- structured statements ---------------------------------------------------------------

void Checker::if_stmt(const syntax::IfStmt* s, unsigned ctx) {
  open_scope(s, "if");
  simple_stmt(s->init);
  if (s->cond != nullptr) {
    Operand x;
    expr(x, s->cond);
    if (!x.invalid() && !is_boolean_type(x.type)) error(s->cond->pos, "non-boolean condition in if statement");
  }
  stmt(s->body, ctx);
  if (s->else_ != nullptr) {
    if (s->else_->is<syntax::IfStmt>() || s->else_->is<BlockStmt>()) {
      stmt(s->else_, ctx);
    } else if (!s->else_->is<syntax::BadStmt>()) {
      error(s->else_->pos, "invalid else branch");
    }
  }
  close_scope();
}

void Checker::for_stmt(const syntax::ForStmt* s, unsigned ctx) {
  open_scope(s, "for");
  simple_stmt(s->init);
  if (s->cond != nullptr) {
    Operand x;
    expr(x, s->cond);
    if (!x.invalid() && !is_boolean_type(x.type)) error(s->cond->pos, "non-boolean condition in for statement");
  }
  simple_stmt(s->post);
  stmt(s->body, ctx);
  close_scope();
}

void Checker::switch_stmt(const syntax::SwitchStmt* s, unsigned ctx) {
  open_scope(s, "switch");
  simple_stmt(s->init);
  Operand tag;
  if (s->tag != nullptr) {
    expr(tag, s->tag);
    // As if the tag were assigned to an invisible temporary.
    assignment(tag, nullptr, "switch expression");
    if (!tag.invalid() && !comparable(tag.type) && !has_nil(tag.type)) {
      error(s->tag->pos, "cannot switch on " + opstr(tag) + " (" + tstr(tag.type) + " is not comparable)");
      tag.set_invalid();
    }
  } else {
    // A missing tag means `true`; case_values recognizes it by expr == nullptr.
    tag.mode = Mode::Constant;
    tag.type = basic_type(BasicKind::Bool);
    tag.val = Value::make_bool(true);
  }
  check_multiple_defaults(*this, s->body, "switch");
  std::vector<std::pair<Value, std::pair<const Type*, Pos>>> seen;
  const std::vector<Stmt*> empty;
  const std::vector<Stmt*>& clauses = s->body != nullptr ? s->body->list : empty;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const CaseClause* cc = clauses[i]->as<CaseClause>();
    if (cc == nullptr) continue;
    unsigned inner = ctx;
    inner |= i + 1 < clauses.size() ? kFallthroughOk : kFinalSwitchCase;
    case_values(tag, cc, seen);
    open_scope(cc, "case");
    stmt_list(cc->body, inner);
    close_scope();
  }
  close_scope();
}

void Checker::case_values(Operand& tag, const CaseClause* clause,
                          std::vector<std::pair<Value, std::pair<const Type*, Pos>>>& seen) {
  const bool tagless = tag.expr == nullptr;
  for (const Expr* e : clause->list) {
    Operand v;
    expr(v, e, tagless || tag.invalid() ? nullptr : tag.type);
    if (tag.invalid() || v.invalid()) continue;
    convert_untyped(v, tag.type);
    if (v.invalid()) continue;
    if (tagless) {
      if (!identical(v.type, tag.type)) {
        error(e->pos, "invalid case " + expr_string(e) + " in switch (mismatched types " + tstr(v.type) + " and bool)");
        continue;
      }
    } else {
      Operand res = v;
      Operand t = tag;
      comparison(res, t, Tok::Eql);
      if (res.invalid()) continue;
    }
    if (v.mode != Mode::Constant || v.val.is_unknown()) continue;
    bool dup = false;
    for (const auto& [val, prev] : seen) {
      if (same_value(val, v.val) && identical(v.type, prev.first)) {
        error(e->pos, "duplicate case " + opstr(v) + " in expression switch");
        dup = true;
        break;
      }
    }
    if (!dup) seen.push_back({v.val, {v.type, e->pos}});
  }
}

namespace {

bool is_nil_ident(const Checker& c, const Expr* e) {
  const Ident* id = unparen(e)->as<Ident>();
  if (id == nullptr || id->name != "nil" || c.scope_ == nullptr) return false;
  const Object* o = c.scope_->lookup("nil");
  return o != nullptr && o->kind == ObjKind::Nil;
}

// Checks the types (or nil) listed by one type-switch clause against the
// switch operand x (nullptr if invalid); returns the last one (nullptr for
// nil), which types the clause's variable when it is the only one.
const Type* case_types(Checker& c, const Operand* x, const CaseClause* cc,
                       std::vector<std::pair<const Type*, Pos>>& seen, const Expr* operand_expr) {
  const Type* T = nullptr;
  for (const Expr* e : cc->list) {
    if (is_nil_ident(c, e)) {
      T = nullptr;
      Operand dummy;
      c.expr(dummy, e);
      if (x != nullptr) c.update_expr_type(e, x->type, true);  // nil records the operand's type
    } else {
      T = c.typ(e);
      if (!usable_type(T)) continue;
    }
    bool dup = false;
    for (const auto& [prev, ppos] : seen) {
      if ((T == nullptr && prev == nullptr) || (T != nullptr && prev != nullptr && identical(T, prev))) {
        c.error(e->pos, "duplicate case " + (T != nullptr ? c.tstr(T) : std::string("nil")) + " in type switch");
        dup = true;
        break;
      }
    }
    if (dup) continue;
    seen.push_back({T, e->pos});
    if (x != nullptr && T != nullptr) c.assertable_to(x->type, T, e, true, operand_expr);
  }
  return T;
}

}  // namespace

void Checker::type_switch_stmt(const syntax::TypeSwitchStmt* s, unsigned ctx) {
  open_scope(s, "type switch");
  simple_stmt(s->init);

  // [lhs :=] x.(type)
  const Ident* lhs = nullptr;
  const syntax::TypeAssertExpr* guard = nullptr;
  if (const ExprStmt* es = s->assign != nullptr ? s->assign->as<ExprStmt>() : nullptr) {
    guard = unparen(es->x)->as<syntax::TypeAssertExpr>();
  } else if (const AssignStmt* as = s->assign != nullptr ? s->assign->as<AssignStmt>() : nullptr) {
    if (as->lhs.size() == 1 && as->rhs.size() == 1) {
      lhs = as->lhs[0]->as<Ident>();
      guard = unparen(as->rhs[0])->as<syntax::TypeAssertExpr>();
    }
  }
  if (guard == nullptr || guard->type != nullptr) {
    error(s->pos, "invalid type switch guard");
    close_scope();
    return;
  }
  if (lhs != nullptr && lhs->name == "_") {
    error(lhs->pos, "no new variable on left side of :=");
    lhs = nullptr;
  }

  Operand x;
  expr(x, guard->x);
  bool have_x = false;
  if (!x.invalid()) {
    if (is_interface(x.type)) {
      have_x = true;
      record_tv(guard, Mode::Value, x.type, Value());
    } else {
      error(guard->x->pos, opstr(x) + " is not an interface");
    }
  }

  check_multiple_defaults(*this, s->body, "switch");
  std::vector<Var*> lhs_vars;
  std::vector<std::pair<const Type*, Pos>> seen;  // nullptr type: case nil
  const std::vector<Stmt*> empty;
  const std::vector<Stmt*>& clauses = s->body != nullptr ? s->body->list : empty;
  for (const Stmt* c : clauses) {
    const CaseClause* cc = c->as<CaseClause>();
    if (cc == nullptr) continue;
    const Type* T = case_types(*this, have_x ? &x : nullptr, cc, seen, guard->x);
    open_scope(cc, "case");
    if (lhs != nullptr) {
      // The bound variable has the case type only for single-type clauses.
      const Type* vt = T;
      if (cc->list.size() != 1 || T == nullptr) vt = have_x ? x.type : invalid_type();
      Var* v = new_var(lhs->name, lhs->pos, vt);
      if (fn_ != nullptr) v->owner_func = fn_->node;
      scope_->insert(v);
      info_.implicits[cc] = v;
      lhs_vars.push_back(v);
    }
    stmt_list(cc->body, ctx);
    close_scope();
  }

  // The clause variables act as one for the unused-variable warning.
  if (lhs != nullptr) {
    bool used = false;
    for (Var* v : lhs_vars) used = used || v->used;
    for (Var* v : lhs_vars) v->used = true;
    if (!used) warning(lhs->pos, "declared and not used: " + lhs->name);
  }
  close_scope();
}

void Checker::select_stmt(const syntax::SelectStmt* s, unsigned ctx) {
  check_multiple_defaults(*this, s->body, "select");
  if (s->body == nullptr) return;
  for (const Stmt* c : s->body->list) {
    const CommClause* cc = c->as<CommClause>();
    if (cc == nullptr) continue;
    const Stmt* comm = cc->comm;
    bool valid = comm == nullptr || comm->is<syntax::SendStmt>();
    const Expr* rhs = nullptr;
    if (const AssignStmt* as = comm != nullptr ? comm->as<AssignStmt>() : nullptr) {
      if (as->rhs.size() == 1) rhs = as->rhs[0];
    } else if (const ExprStmt* es = comm != nullptr ? comm->as<ExprStmt>() : nullptr) {
      rhs = es->x;
    }
    if (rhs != nullptr) {
      const syntax::UnaryExpr* u = unparen(rhs)->as<syntax::UnaryExpr>();
      valid = u != nullptr && u->op == Tok::Arrow;
    }
    if (!valid) {
      if (!comm->is<syntax::BadStmt>()) error(comm->pos, "select case must be receive, send or assign recv");
      continue;
    }
    open_scope(cc, "case");
    if (comm != nullptr) {
      if (const syntax::SendStmt* ss = comm->as<syntax::SendStmt>()) {
        send_stmt(ss, true);
      } else {
        stmt(comm, 0);
      }
    }
    stmt_list(cc->body, ctx);
    close_scope();
  }
}

namespace {

// The value an iteration variable receives (range over a non-integer).
Operand iteration_value(const Expr* lhs, const Type* t) {
  Operand y;
  y.mode = Mode::Value;
  y.expr = lhs;  // no better expression for messages
  y.type = t;
  return y;
}

// for k, v := range x: declares the iteration variables of the range scope.
// x is the range operand (converted in place when it is an untyped integer).
void range_define(Checker& c, const syntax::RangeStmt* s, Operand& x, const Type* const rhs[2], bool int_range) {
  const Expr* lhs[2] = {s->key, s->value};
  std::vector<Var*> vars;
  std::unordered_set<std::string> names;
  for (int i = 0; i < 2; ++i) {
    if (lhs[i] == nullptr) continue;
    Var* obj = nullptr;
    if (const Ident* id = lhs[i]->as<Ident>()) {
      obj = c.new_var(id->name, id->pos, nullptr);
      c.record_def(id, obj);
      if (id->name != "_") {
        if (names.insert(id->name).second) {
          vars.push_back(obj);
        } else {
          c.error(id->pos, id->name + " repeated on left side of :=");
        }
      }
    } else {
      c.error(lhs[i]->pos, "non-name " + expr_string(lhs[i]) + " on left side of :=");
      obj = c.new_var("_", lhs[i]->pos, nullptr);
    }
    if (c.fn_ != nullptr) obj->owner_func = c.fn_->node;
    if (!usable_type(rhs[i])) {
      obj->type = c.invalid_type();
      obj->used = true;  // no unused warning after an error
      continue;
    }
    if (int_range) {
      c.init_var(obj, x, "range clause");
    } else {
      Operand y = iteration_value(lhs[i], rhs[i]);
      c.init_var(obj, y, "assignment");
    }
  }
  if (vars.empty()) c.error(s->tok_pos != syntax::NoPos ? s->tok_pos : s->pos, "no new variables on left side of :=");
  for (Var* v : vars) c.declare_var_in_scope(v, nullptr);
}

// for k, v = range x: assigns to existing targets.
void range_assign(Checker& c, const syntax::RangeStmt* s, Operand& x, const Type* const rhs[2], bool int_range) {
  const Expr* lhs[2] = {s->key, s->value};
  for (int i = 0; i < 2; ++i) {
    if (lhs[i] == nullptr) continue;
    if (!usable_type(rhs[i])) {
      c.lhs_var(lhs[i]);  // still resolve the target
      continue;
    }
    if (int_range) {
      // The bound takes the target's type (`var b uint8; for b = range 300`
      // overflows).
      c.assign_var(lhs[i], x, "range clause");
      if (!x.invalid() && !is_integer_type(x.type)) {
        c.error(lhs[i]->pos, "cannot use iteration variable of type " + c.tstr(x.type));
      }
    } else {
      Operand y = iteration_value(lhs[i], rhs[i]);
      c.assign_var(lhs[i], y, "assignment");
    }
  }
}

}  // namespace

void Checker::range_stmt(const syntax::RangeStmt* s, unsigned ctx) {
  Operand x;
  expr(x, s->x);
  const Type* rhs[2] = {nullptr, nullptr};  // key and value types
  bool int_range = false;
  if (!x.invalid()) {
    std::string cause;
    if (!range_key_val(x.type, &rhs[0], &rhs[1], &cause)) {
      error(s->x->pos, "cannot range over " + opstr(x) + (cause.empty() ? "" : ": " + cause));
      rhs[0] = rhs[1] = nullptr;
    } else {
      int_range = is_integer_type(x.type);
      if (s->value != nullptr && rhs[1] == nullptr) {
        error(s->value->pos, "range over " + opstr(x) +
                                 " permits only one iteration variable (range over integer/channel has no second value)");
      }
    }
  }

  // The iteration variables live in the statement's scope.
  open_scope(s, "range");
  if (s->tok == Tok::Define) {
    range_define(*this, s, x, rhs, int_range);
  } else if (s->key != nullptr) {
    range_assign(*this, s, x, rhs, int_range);
  } else if (int_range) {
    // `for range n`: n must still be a valid (default-typed) integer.
    assignment(x, nullptr, "range clause");
  }
  stmt(s->body, ctx);
  close_scope();
}

// ---- labels ------------------------------------------------------------------------------

namespace {

// Resolves labeled break/continue targets of one function body (Vo has no
// goto; labels name enclosing for/switch/select statements only).
class LabelChecker {
 public:
  explicit LabelChecker(Checker& c) : c_(c) {}

  void run(const BlockStmt* body) {
    collect_list(body->list);
    check_list(body->list);
    for (Label* l : order_) {
      if (!l->used) c_.warning(l->pos, "label " + l->name + " declared and not used");
    }
  }

 private:
  Checker& c_;
  std::unordered_map<std::string, Label*> all_;
  std::vector<Label*> order_;
  // Labeled statements enclosing the current statement: label -> statement.
  std::vector<std::pair<std::string, const Stmt*>> enclosing_;

  template <class F>
  static void children(const Stmt* s, F&& f) {
    switch (s->kind) {
      case NodeKind::LabeledStmt: f(s->as<syntax::LabeledStmt>()->stmt); break;
      case NodeKind::BlockStmt: for (const Stmt* x : s->as<BlockStmt>()->list) f(x); break;
      case NodeKind::IfStmt: {
        const syntax::IfStmt* i = s->as<syntax::IfStmt>();
        f(i->body);
        f(i->else_);
        break;
      }
      case NodeKind::SwitchStmt: f(s->as<syntax::SwitchStmt>()->body); break;
      case NodeKind::TypeSwitchStmt: f(s->as<syntax::TypeSwitchStmt>()->body); break;
      case NodeKind::SelectStmt: f(s->as<syntax::SelectStmt>()->body); break;
      case NodeKind::ForStmt: f(s->as<syntax::ForStmt>()->body); break;
      case NodeKind::RangeStmt: f(s->as<syntax::RangeStmt>()->body); break;
      case NodeKind::CaseClause: for (const Stmt* x : s->as<CaseClause>()->body) f(x); break;
      case NodeKind::CommClause: for (const Stmt* x : s->as<CommClause>()->body) f(x); break;
      default: break;
    }
  }

  void collect_list(const std::vector<Stmt*>& list) {
    for (const Stmt* s : list) collect(s);
  }

  void collect(const Stmt* s) {
    if (s == nullptr) return;
    if (const syntax::LabeledStmt* ls = s->as<syntax::LabeledStmt>()) {
      const std::string& name = ls->label->name;
      if (name != "_") {
        if (all_.count(name) != 0) {
          c_.error(ls->label->pos, "label " + name + " already declared");
        } else {
          Label* l = c_.make<Label>(name);
          l->pos = ls->label->pos;
          l->pkg = c_.pkg_;
          all_.emplace(name, l);
          order_.push_back(l);
          c_.record_def(ls->label, l);
        }
      }
    }
    children(s, [this](const Stmt* x) { collect(x); });
  }

  void check_list(const std::vector<Stmt*>& list) {
    for (const Stmt* s : list) check(s);
  }

  const Stmt* enclosing_target(const std::string& name) const {
    for (auto it = enclosing_.rbegin(); it != enclosing_.rend(); ++it) {
      if (it->first == name) return it->second;
    }
    return nullptr;
  }

  void check(const Stmt* s) {
    if (s == nullptr) return;
    if (const syntax::LabeledStmt* ls = s->as<syntax::LabeledStmt>()) {
      enclosing_.push_back({ls->label->name, ls->stmt});
      check(ls->stmt);
      enclosing_.pop_back();
      return;
    }
    if (const BranchStmt* b = s->as<BranchStmt>()) {
      if (b->label != nullptr) branch(b);
      return;
    }
    children(s, [this](const Stmt* x) { check(x); });
  }

  void branch(const BranchStmt* b) {
    const std::string& name = b->label->name;
    auto it = all_.find(name);
    Label* l = it != all_.end() ? it->second : nullptr;
    if (b->tok == Tok::Goto) {
      // Reported as unsupported by branch_stmt; the label counts as used.
      if (l != nullptr) l->used = true;
      return;
    }
    if (l == nullptr) {
      c_.error(b->label->pos, "label " + name + " not declared");
      return;
    }
    l->used = true;
    c_.record_use(b->label, l);
    const Stmt* t = enclosing_target(name);
    const bool loop = t != nullptr && (t->is<syntax::ForStmt>() || t->is<syntax::RangeStmt>());
    if (b->tok == Tok::Break) {
      const bool ok = loop || (t != nullptr && (t->is<syntax::SwitchStmt>() || t->is<syntax::TypeSwitchStmt>() ||
                                                 t->is<syntax::SelectStmt>()));
      if (!ok) {
        c_.error(b->label->pos,
                 "invalid break label " + name + ": break label " + name +
                     " must refer to an enclosing for, switch, or select statement");
      }
    } else if (b->tok == Tok::Continue) {
      if (!loop) {
        c_.error(b->label->pos, "invalid continue label " + name + ": continue label " + name +
                                    " must refer to an enclosing for statement");
      }
    }
  }
};

}  // namespace

void Checker::labels(const BlockStmt* body) {
  if (body == nullptr) return;
  LabelChecker(*this).run(body);
}

// ---- terminating statements (Go spec) ----------------------------------------------------

namespace {

bool is_panic_call(const Info& info, const Expr* e) {
  const CallExpr* call = unparen(e)->as<CallExpr>();
  if (call == nullptr) return false;
  const Object* o = info.obj(unparen(call->fun));
  const Builtin* b = o != nullptr ? o->as<Builtin>() : nullptr;
  return b != nullptr && b->id == BuiltinId::Panic;
}

}  // namespace

bool Checker::is_terminating(const Stmt* s, const std::string& label) {
  if (s == nullptr) return false;
  auto terminating_list = [this](const std::vector<Stmt*>& list) {
    // Trailing empty statements are permitted.
    for (size_t i = list.size(); i > 0; --i) {
      if (!list[i - 1]->is<syntax::EmptyStmt>()) return is_terminating(list[i - 1], "");
    }
    return false;
  };
  auto terminating_switch = [&](const BlockStmt* body) {
    if (body == nullptr) return false;
    bool has_default = false;
    for (const Stmt* c : body->list) {
      const CaseClause* cc = c->as<CaseClause>();
      if (cc == nullptr) continue;
      if (cc->is_default) has_default = true;
      if (!terminating_list(cc->body) || has_break_list(cc->body, label, true)) return false;
    }
    return has_default;
  };
  switch (s->kind) {
    case NodeKind::LabeledStmt: {
      const syntax::LabeledStmt* ls = s->as<syntax::LabeledStmt>();
      return is_terminating(ls->stmt, ls->label->name);
    }
    case NodeKind::ExprStmt:
      return is_panic_call(info_, s->as<ExprStmt>()->x);
    case NodeKind::ReturnStmt:
    case NodeKind::FailStmt:
      return true;
    case NodeKind::BranchStmt: {
      const Tok t = s->as<BranchStmt>()->tok;
      return t == Tok::Goto || t == Tok::Fallthrough;
    }
    case NodeKind::BlockStmt:
      return terminating_list(s->as<BlockStmt>()->list);
    case NodeKind::IfStmt: {
      const syntax::IfStmt* i = s->as<syntax::IfStmt>();
      return i->else_ != nullptr && is_terminating(i->body, "") && is_terminating(i->else_, "");
    }
    case NodeKind::SwitchStmt:
      return terminating_switch(s->as<syntax::SwitchStmt>()->body);
    case NodeKind::TypeSwitchStmt:
      return terminating_switch(s->as<syntax::TypeSwitchStmt>()->body);
    case NodeKind::SelectStmt: {
      const BlockStmt* body = s->as<syntax::SelectStmt>()->body;
      if (body == nullptr) return true;
      for (const Stmt* c : body->list) {
        const CommClause* cc = c->as<CommClause>();
        if (cc == nullptr) continue;
        if (!terminating_list(cc->body) || has_break_list(cc->body, label, true)) return false;
      }
      return true;
    }
    case NodeKind::ForStmt: {
      const syntax::ForStmt* f = s->as<syntax::ForStmt>();
      return f->cond == nullptr && !has_break(f->body, label, true);
    }
    default:
      return false;  // range loops always terminate; declarations, assignments, ...
  }
}

// ---- unused variables ----------------------------------------------------------------------

void Checker::usage(FuncCtx* ctx) {
  if (ctx == nullptr) return;
  std::vector<Var*> unused;
  for (Var* v : ctx->locals) {
    if (!v->used && !v->is_param && v->name != "_" && !v->name.empty()) unused.push_back(v);
  }
  std::sort(unused.begin(), unused.end(), [](const Var* a, const Var* b) { return a->pos < b->pos; });
  for (Var* v : unused) {
    warning(v->pos, "declared and not used: " + v->name);
    v->used = true;  // report once even if usage runs again for this function
  }
}

}  // namespace vo::types
