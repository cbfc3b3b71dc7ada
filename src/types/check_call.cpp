// Calls, conversions, selectors and qualified identifiers (go/types call.go
// and conversions.go). Vo specifics: a pointer method needs an addressable
// (or pointer) operand, and calling one on an addressable value takes its
// address (escape analysis); no generics, no unsafe, no complex numbers.
#include <algorithm>
#include <string>

#include "types/check_expr_util.h"
#include "types/checker_impl.h"

namespace vo::types {

namespace ast = syntax;

namespace {

// Go's typesSummary: "(number, string, ...int)".
std::string types_summary(const Checker& c, const std::vector<const Type*>& list, bool variadic, bool has_dots) {
  std::string s = "(";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) s += ", ";
    const Type* t = list[i];
    std::string one;
    if (!xu::is_valid(t)) {
      one = "unknown type";
    } else if (is_untyped(t)) {
      if (xu::is_numeric(t)) {
        one = "number";
      } else {
        one = t->as<Basic>()->name;
        if (one.rfind("untyped ", 0) == 0) one = one.substr(8);
      }
    } else if (variadic && i + 1 == list.size()) {
      const Type* u = underlying(t);
      const Slice* sl = u != nullptr ? u->as<Slice>() : nullptr;
      one = "..." + c.tstr(sl != nullptr ? sl->elem : t);
    } else {
      one = c.tstr(t);
    }
    if (has_dots && i + 1 == list.size()) one += "...";
    s += one;
  }
  return s + ")";
}

void record_object(Info& info, const ast::Expr* e, Object* obj, size_t hint) {
  if (e == nullptr) return;
  if (e->id >= info.objects.size()) info.objects.resize(std::max<size_t>(e->id + 1, hint));
  info.objects[e->id] = obj;
}

// The package that declares the (possibly pointed-to) named type t, or
// nullptr.
const Package* owner_package(const Type* t) {
  if (const Pointer* p = t != nullptr ? t->as<Pointer>() : nullptr) t = p->elem;
  const Named* n = t != nullptr ? t->as<Named>() : nullptr;
  return n != nullptr && n->obj != nullptr ? n->obj->pkg : nullptr;
}

// Whether t (or the struct t points to) embeds a type that is invalid (an
// error was reported for it): a failed lookup may then be a follow-up error.
bool embeds_invalid(const Type* t) {
  if (const Pointer* p = t != nullptr ? t->as<Pointer>() : nullptr) t = p->elem;
  const Type* u = underlying(t);
  if (u == nullptr) return true;
  if (const Interface* it = u->as<Interface>()) {
    for (const Type* e : it->embeddeds) {
      if (!xu::is_valid(underlying(e))) return true;
    }
  } else if (const Struct* st = u->as<Struct>()) {
    for (const Var* f : st->fields) {
      if (!f->embedded) continue;
      const Type* ft = f->type;
      if (const Pointer* p = ft != nullptr ? ft->as<Pointer>() : nullptr) ft = p->elem;
      if (!xu::is_valid(underlying(ft))) return true;
    }
  }
  return false;
}

}  // namespace

// ---- calls --------------------------------------------------------------------------

void Checker::call_expr(Operand& x, const ast::CallExpr* e) {
  expr_or_type(x, e->fun);
  switch (x.mode) {
    case Mode::Invalid:
      xu::use_exprs(*this, e->args);
      x.expr = e;
      return;
    case Mode::TypeExpr: {
      // A conversion T(x).
      const Type* t = x.type;
      x.set_invalid();
      if (e->args.empty()) {
        error(e->pos, "missing argument in conversion to " + tstr(t));
      } else if (e->args.size() > 1) {
        xu::use_exprs(*this, e->args);
        error(e->args.back()->pos, "too many arguments in conversion to " + tstr(t));
      } else {
        expr(x, e->args[0]);
        if (!x.invalid()) {
          if (e->ellipsis != ast::NoPos) {
            error(e->ellipsis, "invalid use of ... in conversion to " + tstr(t));
            x.set_invalid();
          } else {
            conversion(x, t, e);
          }
        }
      }
      x.expr = e;
      return;
    }
    case Mode::Builtin:
      builtin(x, e, x.builtin);
      x.expr = e;
      // A non-constant result implies a function call (len/cap constness).
      if (!x.invalid() && x.mode != Mode::Constant) has_call_or_recv_ = true;
      return;
    default:
      break;
  }
  const Type* u = underlying(x.type);
  const Signature* sig = u != nullptr ? u->as<Signature>() : nullptr;
  if (sig == nullptr) {
    error(xu::pos_of(x), "invalid operation: cannot call non-function " + opstr(x));
    xu::use_exprs(*this, e->args);
    x.set_invalid();
    x.expr = e;
    return;
  }
  std::vector<Operand> args;
  collect_args(e->args, args);
  arguments(e, sig, args, expr_string(e->fun));
  const size_t nres = sig->results != nullptr ? sig->results->size() : 0;
  if (nres == 0) {
    x.mode = Mode::NoValue;
    x.type = sig->results != nullptr ? static_cast<const Type*>(sig->results) : new_tuple({});
  } else if (nres == 1) {
    x.mode = Mode::Value;
    x.type = sig->results->vars[0]->type;
  } else {
    x.mode = Mode::Value;
    x.type = sig->results;
  }
  x.expr = e;
  x.dyn = false;
  has_call_or_recv_ = true;
}

void Checker::collect_args(const std::vector<ast::Expr*>& exprs, std::vector<Operand>& out) {
  // f(g()) where g returns several values passes them as the arguments.
  // Values of dynamic accesses are plain `any` arguments: only assignments
  // check them against their target type at run time.
  if (exprs.size() == 1) {
    Operand x;
    multi_expr(x, exprs[0]);
    if (!x.invalid() && x.mode == Mode::Value && x.type != nullptr && x.type->is<Tuple>()) {
      for (const Var* v : x.type->as<Tuple>()->vars) {
        Operand a;
        a.mode = Mode::Value;
        a.expr = exprs[0];
        a.type = v->type;
        out.push_back(a);
      }
      return;
    }
    x.dyn = false;
    out.push_back(x);
    return;
  }
  for (const ast::Expr* e : exprs) {
    Operand x;
    expr(x, e);
    x.dyn = false;
    out.push_back(x);
  }
}

void Checker::arguments(const ast::CallExpr* call, const Signature* sig, std::vector<Operand>& args,
                        const std::string& fname) {
  const size_t nargs = args.size();
  size_t npars = sig->params->size();
  const bool ddd = call->ellipsis != ast::NoPos;
  std::vector<const Type*> ptypes;
  for (const Var* v : sig->params->vars) ptypes.push_back(v->type);

  if (sig->variadic) {
    if (ddd) {
      // f(g()...) is not allowed when g is multi-valued.
      if (call->args.size() == 1 && nargs > 1) {
        error(call->ellipsis, "cannot use ... with " + std::to_string(nargs) + "-valued " +
                                  expr_string(call->args[0]));
        return;
      }
    } else if (nargs + 1 >= npars) {
      // Each argument beyond the fixed parameters is one ...T element.
      const Type* last = ptypes.empty() ? nullptr : ptypes.back();
      const Type* lu = underlying(last);
      const Type* elem = lu != nullptr && lu->is<Slice>() ? lu->as<Slice>()->elem : invalid_type();
      ptypes.pop_back();
      while (ptypes.size() < nargs) ptypes.push_back(elem);
      npars = nargs;
    } else {
      --npars;  // the variadic parameter may be empty: count the fixed ones
    }
  } else if (ddd) {
    error(call->ellipsis, "cannot use ... in call to non-variadic " + fname);
    return;
  }

  if (nargs != npars) {
    ast::Pos at = call->pos;
    const char* qualifier = "not enough";
    if (nargs > npars) {
      at = xu::pos_of(args[npars]);
      qualifier = "too many";
    } else if (nargs > 0) {
      at = xu::pos_of(args[nargs - 1]);
    }
    std::vector<const Type*> have;
    for (const Operand& a : args) have.push_back(a.invalid() ? nullptr : a.type);
    std::vector<const Type*> want;
    for (const Var* v : sig->params->vars) want.push_back(v->type);
    error(at, std::string(qualifier) + " arguments in call to " + fname + " (have " +
                  types_summary(*this, have, false, ddd) + ", want " +
                  types_summary(*this, want, sig->variadic, false) + ")");
    return;
  }
  const std::string context = "argument to " + fname;
  for (size_t i = 0; i < nargs; ++i) {
    if (args[i].invalid()) continue;
    assignment(args[i], ptypes[i], context);
  }
}

// ---- conversions ---------------------------------------------------------------------

void Checker::conversion(Operand& x, const Type* t, const ast::CallExpr* call) {
  const bool const_arg = x.mode == Mode::Constant;
  bool ok = false;
  std::string cause;
  if (const_arg && xu::is_const_type(t)) {
    // A constant conversion yields a constant of type t.
    const Basic* tb = xu::basic_of(t);
    Operand tmp = x;
    std::string why;
    if (representable(tmp, tb, &why)) {
      x.val = tmp.val;
      ok = true;
    } else if (xu::is_integer(x.type) && tb->is_string()) {
      // string(int): the UTF-8 encoding of the code point (U+FFFD if invalid).
      std::optional<uint64_t> cp = x.val.uint64_val();
      uint32_t r = 0xFFFD;
      if (cp && *cp <= 0x10FFFF && !(*cp >= 0xD800 && *cp <= 0xDFFF)) r = static_cast<uint32_t>(*cp);
      std::string s;
      if (r < 0x80) {
        s += static_cast<char>(r);
      } else if (r < 0x800) {
        s += static_cast<char>(0xC0 | (r >> 6));
        s += static_cast<char>(0x80 | (r & 0x3F));
      } else if (r < 0x10000) {
        s += static_cast<char>(0xE0 | (r >> 12));
        s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (r & 0x3F));
      } else {
        s += static_cast<char>(0xF0 | (r >> 18));
        s += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (r & 0x3F));
      }
      x.val = Value::make_string(std::move(s));
      ok = true;
    } else if (xu::is_integer(x.type) && tb->is_integer()) {
      // An integer constant converts to an integer type unless it overflows.
      error(xu::pos_of(x), "constant " + x.val.str() + " overflows " + tstr(t));
      x.set_invalid();
      return;
    } else if (!why.empty() && xu::is_numeric(x.type) && tb->is_numeric()) {
      cause = why;
    }
  } else if (convertible_to(x, t, &cause)) {
    ok = true;
    x.mode = Mode::Value;
  }
  if (!ok) {
    std::string msg = "cannot convert " + opstr(x) + " to type " + tstr(t);
    if (!cause.empty()) msg += ": " + cause;
    error(xu::pos_of(x), msg);
    x.set_invalid();
    return;
  }
  // For untyped arguments the conversion provides the final type: t itself,
  // or the default type for conversions to interfaces and to non-constant
  // types ([]byte("x") records string for "x"), and for string(untyped int).
  if (is_untyped(x.type)) {
    const Type* final_t = t;
    if (x.is_nil()) {
      final_t = t;
    } else if (is_interface(t) || (const_arg && !xu::is_const_type(t)) ||
               (const_arg && xu::is_integer(x.type) && xu::is_string(t))) {
      final_t = default_type(x.type);
    }
    if (x.expr != nullptr) update_expr_type(x.expr, final_t, true);
  }
  x.type = t;
  x.dyn = false;
  (void)call;
}

bool Checker::convertible_to(const Operand& x, const Type* t, std::string* why) {
  if (assignable_to(x, t, why)) return true;
  const Type* v = x.type;
  const Type* vu = underlying(v);
  const Type* tu = underlying(t);
  if (vu == nullptr || tu == nullptr) return false;
  // Identical underlying types, ignoring struct tags.
  if (identical_ignore_tags(vu, tu)) return true;
  // Unnamed pointers whose base types have identical underlying types.
  if (const Pointer* vp = v->as<Pointer>()) {
    if (const Pointer* tp = t->as<Pointer>()) {
      if (identical_ignore_tags(underlying(vp->elem), underlying(tp->elem))) return true;
    }
  }
  // Numeric conversions between integers and floats.
  if ((xu::is_integer(vu) || xu::is_float(vu)) && (xu::is_integer(tu) || xu::is_float(tu))) return true;
  // Integers, []byte and []rune to strings.
  if ((xu::is_integer(vu) || xu::is_bytes_or_runes(vu)) && xu::is_string(tu)) return true;
  // Strings to []byte and []rune.
  if (xu::is_string(vu) && xu::is_bytes_or_runes(tu)) return true;
  return false;
}

// ---- selectors ----------------------------------------------------------------------------

bool Checker::qualified_ident(Operand& x, const ast::SelectorExpr* e, bool want_type) {
  const auto* id = e->x != nullptr ? e->x->as<ast::Ident>() : nullptr;
  if (id == nullptr || e->sel == nullptr) return false;
  Object* obj = scope_ != nullptr ? scope_->lookup(id->name) : nullptr;
  PkgName* pn = obj != nullptr ? obj->as<PkgName>() : nullptr;
  if (pn == nullptr) return false;

  x = Operand{};
  x.expr = e;
  x.type = invalid_type();
  use_object(pn, id);
  const Package* pkg = pn->imported;
  // A package that could not be imported (reported) has no objects.
  if (pkg == nullptr || pkg->scope == nullptr || fake_pkgs_.count(pkg) != 0) return true;
  const std::string& sel = e->sel->name;
  Object* exp = pkg->scope->lookup_local(sel);
  if (exp == nullptr) {
    error(e->sel->pos, "undeclared name: " + id->name + "." + sel);
    return true;
  }
  if (!exp->exported()) {
    error(e->sel->pos, "name " + sel + " not exported by package " + pkg->name);
    // continue with the object to avoid follow-up errors
  }
  record_use(e->sel, exp);
  record_object(info_, e, exp, ast_.expr_count());
  if (exp->type == nullptr) return true;
  switch (exp->kind) {
    case ObjKind::Const:
      x.mode = Mode::Constant;
      x.val = exp->as<Const>()->val;
      break;
    case ObjKind::TypeName:
      x.mode = Mode::TypeExpr;
      break;
    case ObjKind::Var:
      x.mode = Mode::Variable;
      break;
    case ObjKind::Func:
      x.mode = Mode::Value;
      break;
    case ObjKind::Builtin:
      x.mode = Mode::Builtin;
      x.builtin = exp->as<Builtin>()->id;
      break;
    default:
      error(e->sel->pos, "unexpected object " + sel + " in package " + pkg->name);
      return true;
  }
  x.type = exp->type;
  if (!xu::is_valid(x.type) && x.mode != Mode::Builtin) x.set_invalid();
  (void)want_type;
  return true;
}

void Checker::selector(Operand& x, const ast::SelectorExpr* e, bool want_type) {
  if (qualified_ident(x, e, want_type)) return;
  const std::string& sel = e->sel != nullptr ? e->sel->name : std::string();
  const ast::Pos sel_pos = e->sel != nullptr ? e->sel->pos : e->pos;
  expr_or_type(x, e->x);
  auto fail = [&]() {
    x.set_invalid();
    x.type = invalid_type();
    x.expr = e;
  };
  if (x.invalid()) return fail();
  if (x.mode == Mode::Builtin) {
    error(sel_pos, "invalid use of " + opstr(x) + " in selector expression");
    return fail();
  }
  if (want_type) {
    error(sel_pos, expr_string(e) + " is not a type");
    return fail();
  }
  if (!xu::is_valid(underlying(x.type))) return fail();
  if (const Pointer* p = x.type->as<Pointer>(); p != nullptr && !xu::is_valid(underlying(p->elem))) return fail();

  const bool addressable = x.mode == Mode::Variable;
  LookupResult r = lookup_impl(x.type, addressable, pkg_, sel);
  if (r.status != LookupResult::Status::Found || r.obj == nullptr) {
    switch (r.status) {
      case LookupResult::Status::Ambiguous:
        error(sel_pos, "ambiguous selector " + expr_string(e));
        break;
      case LookupResult::Status::NeedsAddr:
        if (x.mode == Mode::TypeExpr) {
          error(sel_pos, "invalid method expression " + tstr(x.type) + "." + sel + " (needs pointer receiver (*" +
                             tstr(x.type) + ")." + sel + ")");
        } else {
          error(sel_pos, "cannot call pointer method " + sel + " on " + tstr(x.type) + ": " + sel +
                             " is not in method set of type " + tstr(x.type) + " (" + expr_string(e->x) +
                             " is not addressable)");
        }
        break;
      default: {
        if (embeds_invalid(x.type)) break;
        // An unexported field or method of another package's type.
        const Package* owner = owner_package(x.type);
        LookupResult alt;
        if (owner != nullptr && owner != pkg_) alt = lookup_impl(x.type, addressable, owner, sel);
        if (alt.status == LookupResult::Status::Found && alt.obj != nullptr) {
          const char* what = alt.obj->kind == ObjKind::Var ? "field" : "method";
          error(sel_pos, expr_string(e) + " undefined (cannot refer to unexported " + what + " " + sel + ")");
        } else if (x.mode == Mode::TypeExpr) {
          error(sel_pos, expr_string(e) + " undefined (type " + tstr(x.type) + " has no method " + sel + ")");
        } else {
          error(sel_pos, expr_string(e) + " undefined (type " + tstr(x.type) + " has no field or method " + sel + ")");
        }
        break;
      }
    }
    return fail();
  }

  Object* obj = r.obj;
  Func* m = obj->as<Func>();
  if (m != nullptr && m->type == nullptr) obj_decl(m);
  if (obj->type == nullptr || !xu::is_valid(obj->type)) return fail();

  if (x.mode == Mode::TypeExpr) {
    // Method expression T.M / (*T).M / I.M: a function taking the receiver
    // as its first parameter.
    if (m == nullptr) {
      error(sel_pos, expr_string(e) + " undefined (type " + tstr(x.type) + " has no method " + sel + ")");
      return fail();
    }
    info_.selections[e] = Selection{Selection::Kind::MethodExpr, x.type, m, r.index, r.indirect};
    record_use(e->sel, m);
    add_decl_dep(m);
    x.mode = Mode::Value;
    x.type = method_expr_sig(m->sig(), x.type);
    x.expr = e;
    return;
  }

  if (Var* f = obj->as<Var>()) {
    info_.selections[e] = Selection{Selection::Kind::FieldVal, x.type, f, r.index, r.indirect};
    record_use(e->sel, f);
    x.mode = (x.mode == Mode::Variable || r.indirect) ? Mode::Variable : Mode::Value;
    x.type = f->type;
    x.expr = e;
    x.dyn = false;
    return;
  }
  if (m == nullptr) return fail();
  info_.selections[e] = Selection{Selection::Kind::MethodVal, x.type, m, r.index, r.indirect};
  record_use(e->sel, m);
  add_decl_dep(m);
  // A pointer method on an addressable value implicitly takes its address.
  if (m->ptr_recv && !r.indirect && !xu::is_pointer(x.type)) mark_addr_taken(e->x);
  x.mode = Mode::Value;
  x.type = method_value_sig(m->sig());
  x.expr = e;
  x.dyn = false;
}

Signature* Checker::method_value_sig(const Signature* sig) {
  Signature* s = make<Signature>();
  s->params = sig->params != nullptr ? sig->params : new_tuple({});
  s->results = sig->results != nullptr ? sig->results : new_tuple({});
  s->variadic = sig->variadic;
  return s;
}

Signature* Checker::method_expr_sig(const Signature* sig, const Type* recv) {
  Signature* s = make<Signature>();
  Tuple* params = make<Tuple>();
  Var* r = make<Var>(sig->recv != nullptr ? sig->recv->name : std::string());
  r->pkg = pkg_;
  r->type = recv;
  r->is_param = true;
  if (sig->recv != nullptr) r->pos = sig->recv->pos;
  params->vars.push_back(r);
  if (sig->params != nullptr) {
    for (Var* v : sig->params->vars) params->vars.push_back(v);
  }
  s->params = params;
  s->results = sig->results != nullptr ? sig->results : new_tuple({});
  s->variadic = sig->variadic;
  return s;
}

}  // namespace vo::types
