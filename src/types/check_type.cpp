// Type expressions: type names, composite type literals, function
// signatures and parameter lists, structs (fields, embedding, tags) and
// interfaces (methods, embedding, merged method sets), and the Vo
// restrictions on pointer bases and map keys.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "types/checker_impl.h"
#include "types/check_expr_util.h"

namespace vo::types {

using syntax::Pos;

namespace {

using xu::unparen;

bool is_invalid(const Type* t) {
  const Basic* b = t != nullptr ? t->as<Basic>() : nullptr;
  return t == nullptr || (b != nullptr && b->bkind == BasicKind::Invalid);
}

std::string pos_string(const Checker& c, Pos pos) {
  const syntax::FileSet* fs = c.diags_.fset();
  return fs != nullptr ? fs->position(pos).str() : std::to_string(pos);
}

// Whether the parser already reported `msg` at `pos` (some checks exist in
// both stages so that either catches malformed trees).
bool already_reported(const Checker& c, Pos pos, const std::string& msg) {
  for (const syntax::Diagnostic& d : c.diags_.list()) {
    if (d.pos == pos && d.message == msg) return true;
  }
  return false;
}

void report_once(Checker& c, Pos pos, const std::string& msg) {
  if (!already_reported(c, pos, msg)) c.error(pos, msg);
}

// A Named type whose declaration is still in progress has no underlying
// type yet; checks that need it wait (later_).
bool underlying_pending(const Type* t) {
  const Named* n = t != nullptr ? t->as<Named>() : nullptr;
  return n != nullptr && n->underlying == nullptr;
}

bool same_method_id(const Func* a, const Func* b) {
  if (a->name != b->name) return false;
  if (a->exported()) return true;
  const std::string pa = a->pkg ? a->pkg->path : std::string();
  const std::string pb = b->pkg ? b->pkg->path : std::string();
  return pa == pb;
}

// Completes `it` and reports methods that an embedding brings in twice with
// different signatures. Waits (once) while an embedded interface is still
// being declared; the second attempt completes whatever is known (an
// embedding cycle is reported by valid_type).
void finish_interface(Checker& c, const Interface* it, Pos pos, bool force) {
  std::vector<const Interface*> embedded;
  for (const Type* e : it->embeddeds) {
    const Type* u = underlying(e);
    const Interface* ei = u != nullptr ? u->as<Interface>() : nullptr;
    if (ei == nullptr) continue;
    complete_interface(ei);
    if (!ei->complete && !force) {
      c.later_.push_back([&c, it, pos] { finish_interface(c, it, pos, true); });
      return;
    }
    embedded.push_back(ei);
  }
  std::vector<const Func*> seen(it->explicit_methods.begin(), it->explicit_methods.end());
  for (const Interface* ei : embedded) {
    for (const Func* m : ei->all_methods) {
      const Func* alt = nullptr;
      for (const Func* s : seen) {
        if (same_method_id(s, m)) alt = s;
      }
      if (alt == nullptr) {
        seen.push_back(m);
      } else if (alt != m && !identical(alt->type, m->type)) {
        c.error(pos, m->name + " redeclared with different signature");
      }
    }
  }
  complete_interface(it);
  if (force) const_cast<Interface*>(it)->complete = true;
}

// Vo embedding rule: a type name, or a pointer to a named struct type.
void check_embedded(Checker& c, const Type* t, bool is_ptr, Pos pos) {
  if (is_invalid(t)) return;
  const Type* base = t;
  if (is_ptr) {
    const Pointer* p = t->as<Pointer>();
    if (p == nullptr) return;
    base = p->elem;
  }
  if (underlying_pending(base)) {
    c.later_.push_back([&c, t, is_ptr, pos] {
      const Type* b = is_ptr && t->as<Pointer>() ? t->as<Pointer>()->elem : t;
      if (!underlying_pending(b)) check_embedded(c, t, is_ptr, pos);
    });
    return;
  }
  const Type* u = underlying(base);
  if (is_invalid(u)) return;
  if (is_ptr) {
    // (*T with a non-struct T is already an invalid pointer type.)
    if (u->is<Struct>() && !base->is<Named>()) {
      c.error(pos, "embedded field must be a type name or pointer to a named struct type");
    }
    return;
  }
  if (u->is<Pointer>()) c.error(pos, "embedded field type cannot be a pointer");
}

}  // namespace

// ---- type expressions --------------------------------------------------------------------------

const Type* Checker::typ(const syntax::Expr* e) { return typ_internal(e, nullptr); }

const Type* Checker::defined_type(const syntax::Expr* e, Named* def) { return typ_internal(e, def); }

const Type* Checker::typ_internal(const syntax::Expr* e, Named* def) {
  using syntax::NodeKind;
  if (e == nullptr) return invalid_type();
  // The declared type's underlying type is set as early as possible so that
  // references to it from inside its own literal see it.
  auto set_def = [def](const Type* t) {
    if (def != nullptr && t != nullptr && !t->is<Named>()) def->underlying = t;
  };
  const Type* t = nullptr;
  switch (e->kind) {
    case NodeKind::Ident:
    case NodeKind::SelectorExpr:
      t = type_name_expr(e, def);
      set_def(t);
      break;
    case NodeKind::ParenExpr:
      t = typ_internal(e->as<syntax::ParenExpr>()->x, def);
      break;
    case NodeKind::ArrayType: {
      const auto* at = e->as<syntax::ArrayType>();
      if (at->len == nullptr) {
        Slice* s = make<Slice>(nullptr);
        set_def(s);
        s->elem = typ(at->elt);
        t = s;
      } else if (at->len->is<syntax::Ellipsis>()) {
        error(at->len->pos, "invalid use of [...] array (outside a composite literal)");
        typ(at->elt);
        t = invalid_type();
      } else {
        std::optional<int64_t> n = array_length(at->len);
        const Type* elem = typ(at->elt);
        t = n ? static_cast<const Type*>(make<Array>(elem, *n)) : invalid_type();
        set_def(t);
      }
      break;
    }
    case NodeKind::StructType:
      t = struct_type(e->as<syntax::StructType>());
      set_def(t);
      break;
    case NodeKind::StarExpr: {
      Pointer* p = make<Pointer>(nullptr);
      set_def(p);
      p->elem = typ(e->as<syntax::StarExpr>()->x);
      check_pointer_base(p, e->pos);
      t = p;
      break;
    }
    case NodeKind::FuncType:
      t = func_type(e->as<syntax::FuncType>(), nullptr, nullptr);
      set_def(t);
      break;
    case NodeKind::InterfaceType:
      t = interface_type(e->as<syntax::InterfaceType>(), def);
      break;
    case NodeKind::MapType: {
      const auto* mt = e->as<syntax::MapType>();
      Map* m = make<Map>(nullptr, nullptr);
      set_def(m);
      m->key = typ(mt->key);
      m->elem = typ(mt->value);
      check_map_key(m, mt->key != nullptr ? mt->key->pos : e->pos);
      t = m;
      break;
    }
    case NodeKind::ChanType: {
      const auto* ct = e->as<syntax::ChanType>();
      Chan* c = make<Chan>(ct->dir, nullptr);
      set_def(c);
      c->elem = typ(ct->value);
      t = c;
      break;
    }
    case NodeKind::PortType: {
      const auto* pt = e->as<syntax::PortType>();
      Port* p = make<Port>(pt->dir, nullptr);
      set_def(p);
      p->elem = typ(pt->value);
      t = p;
      break;
    }
    case NodeKind::IslandType:
      t = make<Island>();
      set_def(t);
      break;
    case NodeKind::Ellipsis:
      error(e->pos, "invalid use of ...");
      t = invalid_type();
      break;
    case NodeKind::BadExpr:
      t = invalid_type();
      break;
    default:
      error(e->pos, expr_string(e) + " is not a type");
      t = invalid_type();
      break;
  }
  record_tv(e, Mode::TypeExpr, t, Value());
  return t;
}

const Type* Checker::type_name_expr(const syntax::Expr* e, Named* def) {
  Operand x;
  if (const auto* id = e->as<syntax::Ident>()) {
    ident(x, id, true);
  } else {
    selector(x, e->as<syntax::SelectorExpr>(), true);
  }
  switch (x.mode) {
    case Mode::TypeExpr:
      return x.type != nullptr ? x.type : invalid_type();
    case Mode::Invalid:
      return invalid_type();
    case Mode::NoValue:
      error(e->pos, expr_string(e) + " used as type");
      return invalid_type();
    default:
      if (x.expr == nullptr) x.expr = e;
      error(e->pos, opstr(x) + " is not a type");
      return invalid_type();
  }
}

std::optional<int64_t> Checker::array_length(const syntax::Expr* e) {
  if (const auto* id = e->as<syntax::Ident>()) {
    Object* o = scope_ != nullptr ? scope_->lookup(id->name) : nullptr;
    if (o != nullptr && o->kind != ObjKind::Const) {
      record_use(id, o);
      error(id->pos, "invalid array length " + id->name);
      return std::nullopt;
    }
  }
  Operand x;
  expr(x, e);
  if (x.mode != Mode::Constant) {
    if (!x.invalid()) error(e->pos, "array length " + opstr(x) + " must be constant");
    return std::nullopt;
  }
  const Basic* b = underlying(x.type) != nullptr ? underlying(x.type)->as<Basic>() : nullptr;
  const bool integer = b != nullptr && b->is_integer();
  if (b != nullptr && (b->is_untyped() || integer)) {
    Value v = x.val.to_int();
    if (v.kind() == Value::Kind::Int) {
      if (v.sign() < 0) {
        error(e->pos, "invalid array length " + opstr(x));
        return std::nullopt;
      }
      if (!v.fits_int(64, false)) {
        error(e->pos, "array length " + v.str() + " exceeds MaxInt (9223372036854775807)");
        return std::nullopt;
      }
      return v.int64_val();
    }
  }
  if (integer) error(e->pos, "invalid array length " + opstr(x));
  else error(e->pos, "array length " + opstr(x) + " must be integer");
  return std::nullopt;
}

// ---- signatures --------------------------------------------------------------------------------

Signature* Checker::func_type(const syntax::FuncType* ft, const syntax::FieldList* recv, Scope* scope) {
  Signature* sig = make<Signature>();
  Scope* s = scope;
  if (s == nullptr) {
    // A function type literal: parameter names only need to be distinct.
    s = make<Scope>(scope_, "function");
    record_scope(ft, s);
  }
  if (recv != nullptr) {
    bool unused = false;
    Tuple* rt = collect_params(recv, s, false, &unused);
    if (rt->vars.empty()) {
      error(recv->pos, "method has no receiver");
    } else {
      if (rt->vars.size() > 1) error(rt->vars[1]->pos, "method has multiple receivers");
      sig->recv = rt->vars[0];
    }
  }
  bool variadic = false;
  sig->params = collect_params(ft != nullptr ? ft->params : nullptr, s, false, &variadic);
  bool unused = false;
  sig->results = collect_params(ft != nullptr ? ft->results : nullptr, s, true, &unused);
  sig->variadic = variadic;
  return sig;
}

Tuple* Checker::collect_params(const syntax::FieldList* fl, Scope* scope, bool is_result, bool* variadic) {
  Tuple* tu = make<Tuple>();
  if (fl == nullptr) return tu;
  for (size_t fi = 0; fi < fl->list.size(); ++fi) {
    const syntax::Field* f = fl->list[fi];
    const syntax::Expr* texpr = f->type;
    const Type* t = nullptr;
    if (const auto* el = texpr != nullptr ? texpr->as<syntax::Ellipsis>() : nullptr) {
      const Type* elem = typ(el->elt);
      if (is_result) {
        report_once(*this, texpr->pos, "function results cannot be variadic");
      } else if (fi + 1 != fl->list.size() || f->names.size() > 1) {
        report_once(*this, texpr->pos, "can only use ... with final parameter in list");
      } else if (variadic != nullptr) {
        *variadic = true;
      }
      t = make<Slice>(elem);
      record_tv(texpr, Mode::TypeExpr, t, Value());
    } else {
      t = typ(texpr);
    }
    auto add = [&](const std::string& name, Pos pos) {
      Var* v = make<Var>(name);
      v->pos = pos;
      v->pkg = pkg_;
      v->type = t;
      v->is_param = true;
      tu->vars.push_back(v);
      return v;
    };
    if (f->names.empty()) {
      add("", texpr != nullptr ? texpr->pos : f->pos);
      continue;
    }
    for (const syntax::Ident* id : f->names) {
      Var* v = add(id->name, id->pos);
      record_def(id, v);
      if (id->name == "_" || scope == nullptr) continue;
      if (Object* alt = scope->insert(v)) {
        error(id->pos, id->name + " redeclared in this block\n\t" + pos_string(*this, alt->pos) +
                           ": other declaration of " + id->name);
      }
    }
  }
  return tu;
}

// ---- structs -------------------------------------------------------------------------------------

Struct* Checker::struct_type(const syntax::StructType* st) {
  Struct* s = make<Struct>();
  if (st->fields == nullptr) return s;
  std::unordered_map<std::string, const Var*> seen;
  auto declare = [&](Var* v, Pos pos) {
    if (v->name != "_") {
      auto [it, fresh] = seen.emplace(v->name, v);
      if (!fresh) {
        error(pos, v->name + " redeclared\n\t" + pos_string(*this, it->second->pos) + ": other declaration of " +
                       v->name);
      }
    }
  };
  for (const syntax::Field* f : st->fields->list) {
    const Type* t = typ(f->type);
    std::string tag;
    if (f->tag != nullptr) {
      Value tv = Value::make_from_literal(syntax::Tok::String, f->tag->value);
      if (tv.kind() == Value::Kind::String) tag = tv.string_val();
    }
    if (f->names.empty()) {
      // Embedded field: its name is the (unqualified) type name.
      const syntax::Expr* te = unparen(f->type);
      bool is_ptr = false;
      if (te != nullptr && te->is<syntax::StarExpr>()) {
        is_ptr = true;
        te = unparen(te->as<syntax::StarExpr>()->x);
      }
      std::string name;
      if (const auto* id = te != nullptr ? te->as<syntax::Ident>() : nullptr) name = id->name;
      else if (const auto* sel = te != nullptr ? te->as<syntax::SelectorExpr>() : nullptr) name = sel->sel->name;
      const Pos pos = f->type != nullptr ? f->type->pos : f->pos;
      if (name.empty()) {
        if (!is_invalid(t)) error(pos, "embedded field must be a type name or pointer to a named struct type");
        name = "_";
      } else {
        check_embedded(*this, t, is_ptr, pos);
      }
      Var* v = make<Var>(name);
      v->pos = pos;
      v->pkg = pkg_;
      v->type = t;
      v->is_field = true;
      v->embedded = true;
      declare(v, pos);
      s->fields.push_back(v);
      s->tags.push_back(tag);
      continue;
    }
    for (const syntax::Ident* id : f->names) {
      Var* v = make<Var>(id->name);
      v->pos = id->pos;
      v->pkg = pkg_;
      v->type = t;
      v->is_field = true;
      record_def(id, v);
      declare(v, id->pos);
      s->fields.push_back(v);
      s->tags.push_back(tag);
    }
  }
  return s;
}

// ---- interfaces ------------------------------------------------------------------------------

Interface* Checker::interface_type(const syntax::InterfaceType* it, Named* def) {
  Interface* iface = make<Interface>();
  // Methods may refer to the interface being declared.
  if (def != nullptr) def->underlying = iface;
  if (it->methods == nullptr) {
    iface->complete = true;
    return iface;
  }
  for (const syntax::Field* f : it->methods->list) {
    if (f->names.empty()) {
      const Type* t = typ(f->type);
      if (is_invalid(t)) continue;
      const Type* u = underlying(t);
      if (u != nullptr && !u->is<Interface>()) {
        if (!is_invalid(u)) error(f->type->pos, tstr(t) + " is not an interface");
        continue;
      }
      iface->embeddeds.push_back(t);
      continue;
    }
    const syntax::Ident* name = f->names[0];
    const auto* ft = f->type != nullptr ? f->type->as<syntax::FuncType>() : nullptr;
    if (ft == nullptr) continue;
    Signature* sig = func_type(ft, nullptr, nullptr);
    if (name->name == "_") {
      error(name->pos, "methods must have a unique non-blank name");
      continue;
    }
    Func* m = make<Func>(name->name);
    m->pos = name->pos;
    m->pkg = pkg_;
    m->type = sig;
    m->pkg_iface = true;
    record_def(name, m);
    const Func* alt = nullptr;
    for (const Func* e : iface->explicit_methods) {
      if (e->name == m->name) alt = e;
    }
    if (alt != nullptr) {
      error(name->pos, "duplicate method " + m->name + "\n\t" + pos_string(*this, alt->pos) +
                           ": other declaration of method " + m->name);
      continue;
    }
    check_protocol_method(m->name, sig, name->pos);
    iface->explicit_methods.push_back(m);
  }
  check_interface_methods(iface, it->pos);
  return iface;
}

void Checker::check_interface_methods(const Interface* it, Pos pos) {
  // An embedded interface whose declaration is still in progress (grey)
  // is not complete yet: finish after the declarations.
  for (const Type* e : it->embeddeds) {
    const Named* n = e->as<Named>();
    auto c = n != nullptr ? colors_.find(n->obj) : colors_.end();
    if (c != colors_.end() && c->second == Color::Grey) {
      later_.push_back([this, it, pos] { finish_interface(*this, it, pos, false); });
      return;
    }
  }
  finish_interface(*this, it, pos, false);
}

// ---- Vo restrictions -------------------------------------------------------------------------

void Checker::check_pointer_base(const Pointer* p, Pos pos) {
  if (is_invalid(p->elem)) return;
  if (underlying_pending(p->elem)) {
    later_.push_back([this, p, pos] {
      if (!underlying_pending(p->elem)) check_pointer_base(p, pos);
    });
    return;
  }
  const Type* u = underlying(p->elem);
  if (is_invalid(u)) return;
  if (!u->is<Struct>()) error(pos, "invalid pointer type " + tstr(p));
}

void Checker::check_map_key(const Map* m, Pos pos) {
  if (is_invalid(m->key)) return;
  if (underlying_pending(m->key)) {
    later_.push_back([this, m, pos] {
      if (!underlying_pending(m->key)) check_map_key(m, pos);
    });
    return;
  }
  if (is_invalid(underlying(m->key))) return;
  if (!comparable(m->key)) error(pos, "invalid map key type " + tstr(m->key));
}

}  // namespace vo::types
