// Error propagation `x?` and dynamic access `~>` (Vo spec §1.3, dynamic.md,
// notes §1.5-1.6).
//
// A dynamic access has type (any, error), sized by the assignment it appears
// in (dyn_targets_): with one target it yields just the dyn error, and a call
// `a~>f(...)` / `a~>(...)` with N > 1 targets yields N-1 `any` values and the
// error. The
// `any` values carry Operand::dyn so that an assignment accepts them for any
// target type (the runtime checks the dynamic type).
#include <string>

#include "types/check_expr_util.h"
#include "types/checker_impl.h"

namespace vo::types {

namespace ast = syntax;

namespace {

// The protocol method a concrete base needs for a dynamic operation, and its
// signature as spelled in messages.
struct Protocol {
  const char* name;
  const char* sig;
};

Protocol protocol_for(ast::DynExpr::Op op) {
  switch (op) {
    case ast::DynExpr::Op::Index: return {"DynIndex", "DynIndex(key any) (any, error)"};
    case ast::DynExpr::Op::Call: return {"DynCall", "DynCall(args ...any) (any, error)"};
    case ast::DynExpr::Op::Field:
    case ast::DynExpr::Op::Method:
      break;
  }
  return {"DynAttr", "DynAttr(name string) (any, error)"};
}

bool is_tuple_any_error(const Type* t) {
  const Tuple* tu = t != nullptr ? t->as<Tuple>() : nullptr;
  return tu != nullptr && tu->size() == 2 && is_interface(tu->vars[0]->type) &&
         identical(tu->vars[1]->type, universe_error());
}

}  // namespace

// ---- x? -----------------------------------------------------------------------------

void Checker::try_expr(Operand& x, const ast::TryExpr* e) {
  // `?` consumes the trailing error: a dynamic operand is sized for one more
  // target than the context has.
  const int targets = dyn_targets_;
  dyn_targets_ = targets >= 0 ? targets + 1 : -1;
  multi_expr(x, e->x);
  dyn_targets_ = targets;
  const ast::Pos qpos = e->question != ast::NoPos ? e->question : e->pos;
  require_error_result("? operator", qpos);
  if (x.invalid()) return;
  const bool dyn = is_dyn_rhs(e->x);
  if (identical(x.type, universe_error())) {
    // error? propagates and yields no value.
    x.mode = Mode::NoValue;
    x.type = new_tuple({});
    x.dyn = false;
    has_call_or_recv_ = true;
    return;
  }
  const Tuple* tu = x.type != nullptr ? x.type->as<Tuple>() : nullptr;
  if (tu == nullptr || tu->size() < 2 || !identical(tu->vars.back()->type, universe_error())) {
    error(qpos, "invalid operation: ? requires an operand of type error or a result list ending in error, not " +
                    opstr(x));
    x.set_invalid();
    return;
  }
  if (tu->size() == 2) {
    x.mode = Mode::Value;
    x.type = tu->vars[0]->type;
  } else {
    std::vector<const Type*> rest;
    for (size_t i = 0; i + 1 < tu->size(); ++i) rest.push_back(tu->vars[i]->type);
    x.mode = Mode::Value;
    x.type = new_tuple(rest);
  }
  x.dyn = dyn;
  has_call_or_recv_ = true;
}

// ---- a~>... -------------------------------------------------------------------------

void Checker::dyn_expr(Operand& x, const ast::DynExpr* e) {
  dyn_import();
  const int targets = dyn_targets_;
  dyn_targets_ = -1;  // the base and the arguments have no targets of their own
  Operand base;
  multi_expr(base, e->x);
  const bool ok = !base.invalid() && dyn_base_ok(base, e);

  bool args_ok = true;
  if (e->op == ast::DynExpr::Op::Index) {
    Operand k;
    if (e->index != nullptr) {
      expr(k, e->index);
      if (!k.invalid()) assignment(k, universe_any(), "dynamic index");
    }
    args_ok = e->index != nullptr && !k.invalid();
  } else if (e->op == ast::DynExpr::Op::Call || e->op == ast::DynExpr::Op::Method) {
    std::vector<Operand> args;
    collect_args(e->args, args);
    const bool spread = e->ellipsis != ast::NoPos;
    for (size_t i = 0; i < args.size(); ++i) {
      Operand& a = args[i];
      if (a.invalid()) {
        args_ok = false;
        continue;
      }
      if (spread && i + 1 == args.size()) {
        // The spread operand's elements become the arguments (checked at
        // run time against the callee's signature).
        const Type* u = underlying(a.type);
        if (u == nullptr || !u->is<Slice>()) {
          error(xu::pos_of(a), "cannot use " + opstr(a) + " with ... in dynamic call (not a slice)");
          args_ok = false;
        }
        continue;
      }
      assignment(a, universe_any(), "argument to dynamic call");
      if (a.invalid()) args_ok = false;
    }
  }
  dyn_targets_ = targets;

  x.expr = e;
  if (!ok || !args_ok) {
    x.set_invalid();
    return;
  }
  // One target receives only the error. A call yields as many values as
  // the other targets; a field or index read yields one.
  int values = 1;
  if (targets == 1) {
    values = 0;
  } else if (targets > 1 && (e->op == ast::DynExpr::Op::Call || e->op == ast::DynExpr::Op::Method)) {
    values = targets - 1;
  }
  x.mode = Mode::Value;
  x.type = dyn_result(values);
  x.dyn = values > 0;
  has_call_or_recv_ = true;
}

bool Checker::dyn_base_ok(Operand& base, const ast::DynExpr* e) {
  if (base.mode == Mode::Value && base.type != nullptr && base.type->is<Tuple>()) {
    // An (any, error) base short-circuits on its error.
    if (is_tuple_any_error(base.type)) return true;
    error(xu::pos_of(base), "invalid dynamic access base " + opstr(base) +
                                " (a multi-value base must be (any, error))");
    return false;
  }
  if (base.is_nil()) {
    error(xu::pos_of(base), "invalid dynamic access base: use of untyped nil");
    return false;
  }
  if (is_interface(base.type)) return true;
  const Protocol p = protocol_for(e->op);
  const LookupResult r = lookup_impl(base.type, base.mode == Mode::Variable, pkg_, p.name);
  Func* m = r.status == LookupResult::Status::Found && r.obj != nullptr ? r.obj->as<Func>() : nullptr;
  if (m != nullptr) {
    // A pointer-receiver protocol method on an addressable value takes its
    // address, as any such method call.
    if (m->ptr_recv && !r.indirect && !xu::is_pointer(base.type)) mark_addr_taken(e->x);
    add_decl_dep(m);
    return true;
  }
  std::string note;
  if (r.status == LookupResult::Status::NeedsAddr) {
    note = " (" + std::string(p.name) + " has a pointer receiver and " + expr_string(e->x) + " is not addressable)";
  }
  error(e->arrow != ast::NoPos ? e->arrow : e->pos,
        "dynamic access on concrete type " + tstr(base.type) + " requires protocol " + p.sig +
            "; use any(value) for explicit reflection" + note);
  return false;
}

const Type* Checker::dyn_result(int values) {
  if (values <= 0) return universe_error();
  std::vector<const Type*> ts(static_cast<size_t>(values), universe_any());
  ts.push_back(universe_error());
  return new_tuple(ts);
}

void Checker::dyn_retarget(Operand& x, const Type* t) {
  if (!xu::usable_type(t) || x.expr == nullptr) return;
  if (const Interface* it = underlying(t)->as<Interface>()) {
    complete_interface(it);
    if (it->empty()) return;  // an `any` value needs no conversion
  }
  // The wrappers between the assigned expression and the access: parens
  // outside `?` carry the values, those inside it the values and the error.
  std::vector<const ast::Expr*> outside, inside;
  bool in_try = false;
  const ast::Expr* e = x.expr;
  const ast::DynExpr* d = nullptr;
  while (e != nullptr && d == nullptr) {
    if (const auto* p = e->as<ast::ParenExpr>()) {
      (in_try ? inside : outside).push_back(e);
      e = p->x;
    } else if (const auto* q = e->as<ast::TryExpr>()) {
      if (in_try) return;
      outside.push_back(e);
      in_try = true;
      e = q->x;
    } else {
      d = e->as<ast::DynExpr>();
      if (d == nullptr) return;
    }
  }
  if (d == nullptr || d->id >= info_.types.size()) return;
  const Tuple* tu = info_.types[d->id].type != nullptr ? info_.types[d->id].type->as<Tuple>() : nullptr;
  if (tu == nullptr || x.dyn_index < 0 || static_cast<size_t>(x.dyn_index) + 1 >= tu->size()) return;
  std::vector<const Type*> values;
  for (size_t i = 0; i + 1 < tu->size(); ++i) values.push_back(tu->vars[i]->type);
  values[static_cast<size_t>(x.dyn_index)] = t;
  std::vector<const Type*> all = values;
  all.push_back(universe_error());
  const Type* whole = new_tuple(all);
  record_tv(d, Mode::Value, whole, Value());
  for (const ast::Expr* w : inside) record_tv(w, Mode::Value, whole, Value());
  if (in_try) {
    const Type* unwrapped = values.size() == 1 ? values[0] : new_tuple(values);
    for (const ast::Expr* w : outside) record_tv(w, Mode::Value, unwrapped, Value());
  } else {
    for (const ast::Expr* w : outside) record_tv(w, Mode::Value, whole, Value());
  }
  x.type = t;
}

void Checker::dyn_import() {
  // Package dyn (and errors, which it imports) cannot depend on itself.
  if (dyn_imported_ || pkg_ == nullptr || pkg_->path == "dyn" || pkg_->path == "errors") return;
  dyn_imported_ = true;
  if (importer_) importer_("dyn");
}

bool Checker::is_dyn_rhs(const ast::Expr* e) const {
  e = xu::unparen(e);
  if (e == nullptr) return false;
  if (e->is<ast::DynExpr>()) return true;
  if (const auto* t = e->as<ast::TryExpr>()) {
    const ast::Expr* inner = xu::unparen(t->x);
    return inner != nullptr && inner->is<ast::DynExpr>();
  }
  return false;
}

}  // namespace vo::types
