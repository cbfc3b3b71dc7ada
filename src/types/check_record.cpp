// Diagnostics, allocation helpers and everything the checker records into
// Info (types of expressions, objects of identifiers, scopes, the delayed
// recording of untyped expressions), plus the spelling of operands and
// expressions used in messages.
#include <string>

#include "types/checker_impl.h"
#include "types/check_expr_util.h"

namespace vo::types {

using syntax::Pos;

// ---- diagnostics ------------------------------------------------------------------

void Checker::error(Pos pos, const std::string& msg) {
  if (errpos_ != syntax::NoPos) pos = errpos_;
  // The same expression may be checked more than once (inherited constant
  // initializers, retried declarations): report each error once.
  if (!reported_.insert(std::to_string(pos) + "|" + msg).second) return;
  diags_.error(pos, msg);
}

void Checker::warning(Pos pos, const std::string& msg) {
  if (!reported_.insert(std::to_string(pos) + "|w|" + msg).second) return;
  diags_.warning(pos, msg);
}

// ---- allocation -----------------------------------------------------------------------

Scope* Checker::open_scope(const syntax::Node* node, const std::string& comment) {
  Scope* s = make<Scope>(scope_, comment);
  if (scope_ != nullptr && scope_ != universe()) scope_->children.push_back(s);
  if (node != nullptr) record_scope(node, s);
  scope_ = s;
  return s;
}

void Checker::close_scope() {
  if (scope_ != nullptr) scope_ = scope_->parent;
}

Var* Checker::new_var(const std::string& name, Pos pos, const Type* t) {
  Var* v = make<Var>(name);
  v->pos = pos;
  v->pkg = pkg_;
  v->type = t;
  v->owner_func = fn_ != nullptr ? fn_->node : nullptr;
  return v;
}

Tuple* Checker::new_tuple(const std::vector<const Type*>& types) {
  Tuple* tu = make<Tuple>();
  for (const Type* t : types) {
    Var* v = make<Var>("");
    v->pkg = pkg_;
    v->type = t;
    v->is_param = true;
    tu->vars.push_back(v);
  }
  return tu;
}

DeclInfo* Checker::new_decl() {
  decl_store_.push_back(std::make_unique<DeclInfo>());
  return decl_store_.back().get();
}

// ---- recording ------------------------------------------------------------------------

namespace {

template <class T>
void ensure_size(std::vector<T>& v, size_t id, size_t hint) {
  if (id >= v.size()) v.resize(std::max(id + 1, hint));
}

using xu::unparen;

bool is_comparison(syntax::Tok op) {
  using syntax::Tok;
  return op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr ||
         op == Tok::Geq;
}

}  // namespace

void Checker::record(const Operand& x) {
  if (x.expr == nullptr) return;
  const Type* t = x.type;
  Value v;
  switch (x.mode) {
    case Mode::Invalid: t = invalid_type(); break;
    case Mode::NoValue: t = nullptr; break;
    case Mode::Constant: v = x.val; break;
    default: break;
  }
  if (t != nullptr && is_untyped(t)) {
    // The final type is known only once the context converts it.
    remember_untyped(x.expr, false, x.mode, t->as<Basic>(), v);
  } else {
    record_tv(x.expr, x.mode, t, v);
  }
}

void Checker::record_tv(const syntax::Expr* e, Mode m, const Type* t, const Value& v) {
  if (e == nullptr) return;
  ensure_size(info_.types, e->id, ast_.expr_count());
  TypeAndValue& tv = info_.types[e->id];
  tv.mode = m;
  tv.type = m == Mode::Invalid ? invalid_type() : t;
  tv.val = m == Mode::Constant ? v : Value();
}

void Checker::record_def(const syntax::Ident* id, Object* obj) {
  if (id == nullptr) return;
  ensure_size(info_.objects, id->id, ast_.expr_count());
  info_.objects[id->id] = obj;
}

void Checker::record_use(const syntax::Ident* id, Object* obj) { record_def(id, obj); }

void Checker::record_scope(const syntax::Node* n, Scope* s) {
  if (n != nullptr) info_.scopes[n] = s;
}

void Checker::remember_untyped(const syntax::Expr* e, bool lhs, Mode m, const Basic* t, const Value& v) {
  if (e == nullptr) return;
  untyped_[e] = UntypedInfo{lhs, m, t, v};
  // Provisional record; update_expr_type or record_remaining_untyped
  // replaces it with the final type.
  record_tv(e, m, t, v);
}

// Called when the type of untyped expression e becomes known (go/types
// updateExprType): propagates the type down to the untyped operands that
// produced e, checks representability of constants, and records the result.
void Checker::update_expr_type(const syntax::Expr* e, const Type* target, bool final) {
  auto it = untyped_.find(e);
  if (it == untyped_.end()) return;
  const UntypedInfo old = it->second;
  using syntax::NodeKind;
  switch (e->kind) {
    case NodeKind::ParenExpr:
      update_expr_type(e->as<syntax::ParenExpr>()->x, target, final);
      break;
    case NodeKind::UnaryExpr:
      // Constant operands are never materialized; they are recorded with
      // their default types at the end.
      if (old.mode != Mode::Constant) update_expr_type(e->as<syntax::UnaryExpr>()->x, target, final);
      break;
    case NodeKind::BinaryExpr: {
      if (old.mode == Mode::Constant) break;
      const auto* b = e->as<syntax::BinaryExpr>();
      if (is_comparison(b->op)) {
        // The result type is independent of the operand types.
      } else if (b->op == syntax::Tok::Shl || b->op == syntax::Tok::Shr) {
        update_expr_type(b->x, target, final);  // the result type is the lhs type
      } else {
        update_expr_type(b->x, target, final);
        update_expr_type(b->y, target, final);
      }
      break;
    }
    default:
      break;  // identifiers, literals, qualified identifiers, calls: no operands
  }

  if (!final && is_untyped(target)) {
    it = untyped_.find(e);
    if (it != untyped_.end()) {
      it->second.type = underlying(target)->as<Basic>();
      record_tv(e, old.mode, target, old.val);
    }
    return;
  }
  untyped_.erase(e);

  if (old.is_lhs) {
    // The lhs of a non-constant shift must end up an integer.
    const Basic* b = underlying(target) ? underlying(target)->as<Basic>() : nullptr;
    if (b == nullptr || !b->is_integer()) {
      error(e->pos, "invalid operation: shifted operand " + expr_string(e) + " (type " + tstr(target) +
                        ") must be integer");
      return;
    }
  }
  if (old.mode == Mode::Constant) {
    Operand c;
    c.mode = old.mode;
    c.expr = e;
    c.type = old.type;
    c.val = old.val;
    convert_untyped(c, target);
    if (c.invalid()) return;
    record_tv(e, old.mode, target, c.val);
    return;
  }
  record_tv(e, old.mode, target, old.val);
}

void Checker::record_remaining_untyped() {
  // Untyped expressions whose context never fixed a type (constant
  // declarations, operands of constant expressions, shift counts, ...)
  // record their default type.
  for (const auto& [e, u] : untyped_) record_tv(e, u.mode, default_type(u.type), u.val);
  untyped_.clear();
}

void Checker::record_comma_ok(const syntax::Expr* e, const Type* t0, const Type* t1) {
  Tuple* tu = new_tuple({t0, t1});
  for (const syntax::Expr* x = e; x != nullptr;) {
    ensure_size(info_.types, x->id, ast_.expr_count());
    info_.types[x->id].type = tu;
    const auto* p = x->as<syntax::ParenExpr>();
    x = p != nullptr ? p->x : nullptr;
  }
}

void Checker::add_decl_dep(Object* to) {
  if (decl_ == nullptr || to == nullptr) return;
  auto it = decls_.find(to);
  if (it == decls_.end()) return;  // not a package-level object of this package
  decl_->add_dep(it->second);
}

void Checker::use_object(Object* obj, const syntax::Ident* id) {
  if (obj == nullptr) return;
  if (id != nullptr) record_use(id, obj);
  switch (obj->kind) {
    case ObjKind::Var: {
      Var* v = obj->as<Var>();
      if (v->pkg == pkg_) v->used = true;
      note_var_use(v);
      add_decl_dep(v);
      break;
    }
    case ObjKind::Const:
    case ObjKind::Func:
      add_decl_dep(obj);
      break;
    case ObjKind::PkgName:
      obj->as<PkgName>()->used = true;
      break;
    default:
      break;
  }
}

// ---- operands and expressions in messages -----------------------------------------------

bool Operand::is_nil() const {
  if (mode != Mode::Value || type == nullptr) return false;
  if (const Basic* b = type->as<Basic>(); b != nullptr && b->bkind == BasicKind::UntypedNil) return true;
  // nil already converted to its target type.
  const syntax::Expr* e = unparen(expr);
  const auto* id = e != nullptr ? e->as<syntax::Ident>() : nullptr;
  return id != nullptr && id->name == "nil";
}

namespace {

const char* mode_string(Mode m) {
  switch (m) {
    case Mode::Invalid: return "invalid operand";
    case Mode::NoValue: return "no value";
    case Mode::Builtin: return "built-in";
    case Mode::TypeExpr: return "type";
    case Mode::Constant: return "constant";
    case Mode::Variable: return "variable";
    case Mode::MapIndex: return "map index expression";
    case Mode::Value: return "value";
    case Mode::CommaOk: return "comma, ok expression";
  }
  return "operand";
}

}  // namespace

// Go's operand spelling: "x (variable of type int)", "1 (untyped int constant)",
// "c (constant 3 of type T)", "nil".
std::string Checker::opstr(const Operand& x) const {
  if (x.is_nil() && x.type != nullptr && is_untyped(x.type)) return "nil";
  std::string expr = x.expr != nullptr ? expr_string(x.expr) : std::string();
  if (expr.empty()) {
    if (x.mode == Mode::TypeExpr) expr = tstr(x.type);
    else if (x.mode == Mode::Constant) expr = x.val.str();
  }
  std::string out;
  if (!expr.empty()) out = expr + " (";
  bool has_type = false;
  switch (x.mode) {
    case Mode::Invalid: case Mode::NoValue: case Mode::Builtin: case Mode::TypeExpr:
      break;
    default:
      if (x.type != nullptr) {
        if (is_untyped(x.type)) {
          out += x.type->as<Basic>()->name + " ";
        } else {
          has_type = true;
        }
      }
  }
  out += mode_string(x.mode);
  if (x.mode == Mode::Constant) {
    std::string s = x.val.str();
    if (s != expr) out += " " + s;
  }
  if (has_type) {
    const Basic* b = x.type->as<Basic>();
    if (b != nullptr && b->bkind == BasicKind::Invalid) out += " with invalid type";
    else out += " of type " + tstr(x.type);
  }
  if (!expr.empty()) out += ")";
  return out;
}

namespace {

std::string chan_prefix(syntax::ChanDir d, const char* word) {
  std::string w(word);
  switch (d) {
    case syntax::ChanDir::Send: return w + "<- ";
    case syntax::ChanDir::Recv: return "<-" + w + " ";
    case syntax::ChanDir::Both: break;
  }
  return w + " ";
}

std::string list_string(const std::vector<syntax::Expr*>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) s += ", ";
    s += expr_string(v[i]);
  }
  return s;
}

std::string field_list_string(const syntax::FieldList* fl, const char* sep) {
  std::string s;
  if (fl == nullptr) return s;
  for (size_t i = 0; i < fl->list.size(); ++i) {
    const syntax::Field* f = fl->list[i];
    if (i > 0) s += sep;
    for (size_t j = 0; j < f->names.size(); ++j) {
      if (j > 0) s += ", ";
      s += f->names[j]->name;
    }
    if (!f->names.empty()) s += " ";
    s += expr_string(f->type);
  }
  return s;
}

std::string signature_string(const syntax::FuncType* ft) {
  std::string s = "(" + field_list_string(ft->params, ", ") + ")";
  if (ft->results == nullptr || ft->results->list.empty()) return s;
  const auto& rl = ft->results->list;
  if (rl.size() == 1 && rl[0]->names.empty()) return s + " " + expr_string(rl[0]->type);
  return s + " (" + field_list_string(ft->results, ", ") + ")";
}

std::string interface_string(const syntax::InterfaceType* it) {
  std::string s = "interface{";
  if (it->methods != nullptr) {
    for (size_t i = 0; i < it->methods->list.size(); ++i) {
      const syntax::Field* f = it->methods->list[i];
      if (i > 0) s += "; ";
      const auto* ft = f->type != nullptr ? f->type->as<syntax::FuncType>() : nullptr;
      if (!f->names.empty() && ft != nullptr) s += f->names[0]->name + signature_string(ft);
      else s += expr_string(f->type);
    }
  }
  return s + "}";
}

std::string dyn_string(const syntax::DynExpr* d) {
  std::string s = expr_string(d->x) + "~>";
  switch (d->op) {
    case syntax::DynExpr::Op::Field: return s + (d->name ? d->name->name : "");
    case syntax::DynExpr::Op::Index: return s + "[" + expr_string(d->index) + "]";
    case syntax::DynExpr::Op::Call: break;
    case syntax::DynExpr::Op::Method: s += d->name ? d->name->name : ""; break;
  }
  return s + "(" + list_string(d->args) + (d->ellipsis != syntax::NoPos ? "..." : "") + ")";
}

}  // namespace

std::string expr_string(const syntax::Expr* e) {
  using syntax::NodeKind;
  if (e == nullptr) return "";
  switch (e->kind) {
    case NodeKind::BadExpr: return "_";
    case NodeKind::Ident: return e->as<syntax::Ident>()->name;
    case NodeKind::BasicLit: return e->as<syntax::BasicLit>()->value;
    case NodeKind::CompositeLit: {
      const auto* c = e->as<syntax::CompositeLit>();
      return expr_string(c->type) + "{…}";
    }
    case NodeKind::FuncLit: return "(" + expr_string(e->as<syntax::FuncLit>()->type) + " literal)";
    case NodeKind::ParenExpr: return "(" + expr_string(e->as<syntax::ParenExpr>()->x) + ")";
    case NodeKind::SelectorExpr: {
      const auto* s = e->as<syntax::SelectorExpr>();
      return expr_string(s->x) + "." + (s->sel ? s->sel->name : "");
    }
    case NodeKind::IndexExpr: {
      const auto* x = e->as<syntax::IndexExpr>();
      return expr_string(x->x) + "[" + expr_string(x->index) + "]";
    }
    case NodeKind::SliceExpr: {
      const auto* x = e->as<syntax::SliceExpr>();
      std::string s = expr_string(x->x) + "[" + expr_string(x->low) + ":" + expr_string(x->high);
      if (x->slice3) s += ":" + expr_string(x->max);
      return s + "]";
    }
    case NodeKind::TypeAssertExpr: {
      const auto* x = e->as<syntax::TypeAssertExpr>();
      return expr_string(x->x) + ".(" + (x->type ? expr_string(x->type) : std::string("type")) + ")";
    }
    case NodeKind::CallExpr: {
      const auto* c = e->as<syntax::CallExpr>();
      return expr_string(c->fun) + "(" + list_string(c->args) + (c->ellipsis != syntax::NoPos ? "..." : "") + ")";
    }
    case NodeKind::StarExpr: return "*" + expr_string(e->as<syntax::StarExpr>()->x);
    case NodeKind::UnaryExpr: {
      const auto* u = e->as<syntax::UnaryExpr>();
      return std::string(syntax::tok_string(u->op)) + expr_string(u->x);
    }
    case NodeKind::BinaryExpr: {
      const auto* b = e->as<syntax::BinaryExpr>();
      return expr_string(b->x) + " " + std::string(syntax::tok_string(b->op)) + " " + expr_string(b->y);
    }
    case NodeKind::KeyValueExpr: {
      const auto* kv = e->as<syntax::KeyValueExpr>();
      return expr_string(kv->key) + ": " + expr_string(kv->value);
    }
    case NodeKind::TryExpr: return expr_string(e->as<syntax::TryExpr>()->x) + "?";
    case NodeKind::DynExpr: return dyn_string(e->as<syntax::DynExpr>());
    case NodeKind::Ellipsis: return "..." + expr_string(e->as<syntax::Ellipsis>()->elt);
    case NodeKind::ArrayType: {
      const auto* a = e->as<syntax::ArrayType>();
      return "[" + expr_string(a->len) + "]" + expr_string(a->elt);
    }
    case NodeKind::StructType:
      return "struct{" + field_list_string(e->as<syntax::StructType>()->fields, "; ") + "}";
    case NodeKind::FuncType: return "func" + signature_string(e->as<syntax::FuncType>());
    case NodeKind::InterfaceType: return interface_string(e->as<syntax::InterfaceType>());
    case NodeKind::MapType: {
      const auto* m = e->as<syntax::MapType>();
      return "map[" + expr_string(m->key) + "]" + expr_string(m->value);
    }
    case NodeKind::ChanType: {
      const auto* c = e->as<syntax::ChanType>();
      return chan_prefix(c->dir, "chan") + expr_string(c->value);
    }
    case NodeKind::PortType: {
      const auto* p = e->as<syntax::PortType>();
      return chan_prefix(p->dir, "port") + expr_string(p->value);
    }
    case NodeKind::IslandType: return "island";
    default: return "?";
  }
}

std::string quote_name(const std::string& s) { return "'" + s + "'"; }

}  // namespace vo::types
