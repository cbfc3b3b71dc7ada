// Escape facts for the compiler: a variable lives in a heap box when a
// closure captures it or when the address of (part of) its storage is taken
// (&x, &x.f, &a[i] on an array, slicing an array, a pointer method called on
// an addressable value).
#include <algorithm>

#include "types/checker_impl.h"

namespace vo::types {

// The variable whose storage `e` denotes (directly or through field
// selections on struct values and indexing of arrays), or nullptr when the
// storage is elsewhere (behind a pointer, in a slice's or map's backing
// store, a temporary).
Var* Checker::root_var(const syntax::Expr* e) {
  while (e != nullptr) {
    switch (e->kind) {
      case syntax::NodeKind::ParenExpr:
        e = e->as<syntax::ParenExpr>()->x;
        continue;
      case syntax::NodeKind::Ident: {
        Object* o = info_.obj(e);
        Var* v = o != nullptr ? o->as<Var>() : nullptr;
        return v != nullptr && !v->is_field ? v : nullptr;
      }
      case syntax::NodeKind::SelectorExpr: {
        const auto* s = e->as<syntax::SelectorExpr>();
        auto it = info_.selections.find(s);
        if (it == info_.selections.end()) return nullptr;  // qualified identifier: a global
        const Selection& sel = it->second;
        if (sel.kind != Selection::Kind::FieldVal || sel.indirect) return nullptr;
        e = s->x;
        continue;
      }
      case syntax::NodeKind::IndexExpr: {
        const auto* ix = e->as<syntax::IndexExpr>();
        const syntax::Expr* x = ix->x;
        if (x == nullptr || x->id >= info_.types.size()) return nullptr;
        const Type* u = underlying(info_.types[x->id].type);
        if (u == nullptr || !u->is<Array>()) return nullptr;
        e = x;
        continue;
      }
      default:
        return nullptr;
    }
  }
  return nullptr;
}

void Checker::mark_addr_taken(const syntax::Expr* e) {
  if (Var* v = root_var(e)) v->addr_taken = true;
}

// A use of local v from a function literal nested in v's function makes v
// captured by every literal between the use and v's owner.
void Checker::note_var_use(Var* v) {
  if (v == nullptr || v->is_global || v->is_field || v->owner_func == nullptr || fn_ == nullptr) return;
  if (fn_->node == v->owner_func) return;
  // The owner must enclose the current function; otherwise (e.g. a
  // variable of an already finished function) there is nothing to capture.
  bool enclosed = false;
  for (const FuncCtx* c = fn_; c != nullptr; c = c->outer) {
    if (c->node == v->owner_func) {
      enclosed = true;
      break;
    }
  }
  if (!enclosed) return;
  v->captured = true;
  for (FuncCtx* c = fn_; c != nullptr && c->node != v->owner_func; c = c->outer) {
    if (c->captures == nullptr) continue;
    if (std::find(c->captures->begin(), c->captures->end(), v) == c->captures->end()) c->captures->push_back(v);
  }
}

}  // namespace vo::types
