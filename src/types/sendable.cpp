// Island sendability (Vo notes 1.7, spec channel.md): what may cross an
// island boundary in `go @(isl) call`. Values are deep-copied, so only types
// whose whole transfer shape is statically known and island-independent
// qualify: no interfaces, funcs, chans, owner or receive ports, islands.
#include <algorithm>
#include <unordered_set>

#include "types/checker_impl.h"

namespace vo::types {

namespace {

struct SendableWalker {
  std::unordered_set<const Named*> visiting;  // recursive types (via pointers, slices) are fine

  std::optional<std::string> walk(const Type* t) {
    if (t == nullptr) return std::nullopt;
    switch (t->kind) {
      case TypeKind::Basic: return std::nullopt;
      case TypeKind::Named: {
        const Named* n = t->as<Named>();
        if (!visiting.insert(n).second) return std::nullopt;
        std::optional<std::string> r = walk(n->underlying);
        visiting.erase(n);
        return r;
      }
      case TypeKind::Interface: return std::string("interface values cannot cross island boundaries");
      case TypeKind::Signature: return std::string("function values cannot cross island boundaries");
      case TypeKind::Chan: return std::string("channels cannot cross island boundaries");
      case TypeKind::Island: return std::string("island handles cannot cross island boundaries");
      case TypeKind::Port: {
        const Port* p = t->as<Port>();
        if (p->dir != syntax::ChanDir::Send) return std::string("only send-only port capabilities may cross islands");
        return prefixed("port element: ", walk(p->elem));
      }
      case TypeKind::Pointer: return walk(t->as<Pointer>()->elem);
      case TypeKind::Slice: return prefixed("slice element: ", walk(t->as<Slice>()->elem));
      case TypeKind::Array: return prefixed("array element: ", walk(t->as<Array>()->elem));
      case TypeKind::Map: {
        const Map* m = t->as<Map>();
        if (auto r = walk(m->key)) return "map key: " + *r;
        return prefixed("map value: ", walk(m->elem));
      }
      case TypeKind::Struct:
        for (const Var* f : t->as<Struct>()->fields) {
          if (auto r = walk(f->type)) return "field " + quote_name(f->name) + ": " + *r;
        }
        return std::nullopt;
      case TypeKind::Tuple:
        for (const Var* v : t->as<Tuple>()->vars) {
          if (auto r = walk(v->type)) return r;
        }
        return std::nullopt;
    }
    return std::nullopt;
  }

  static std::optional<std::string> prefixed(const char* prefix, std::optional<std::string> r) {
    if (!r) return r;
    return std::string(prefix) + *r;
  }
};

const syntax::Expr* unparen(const syntax::Expr* e) {
  while (e != nullptr && e->is<syntax::ParenExpr>()) e = e->as<syntax::ParenExpr>()->x;
  return e;
}

bool is_invalid(const Type* t) {
  const Basic* b = t != nullptr ? t->as<Basic>() : nullptr;
  return t == nullptr || (b != nullptr && b->bkind == BasicKind::Invalid);
}

const char* const kCallee = "cannot send callee across island boundary: ";

// Variables a function literal captures must be sendable. The literal's body
// may still be queued (later_); then the check waits for it.
void check_captures(Checker& c, const syntax::FuncLit* lit, int retries) {
  if (c.checked_bodies_.count(lit) == 0) {
    if (retries > 0) c.later_.push_back([&c, lit, retries] { check_captures(c, lit, retries - 1); });
    return;
  }
  auto it = c.lit_captures_.find(lit);
  if (it == c.lit_captures_.end()) return;
  for (const Var* v : it->second) {
    if (is_invalid(v->type)) continue;
    if (auto r = c.unsendable(v->type)) {
      c.error(lit->pos, "cannot capture " + quote_name(v->name) + " across island boundary: " + *r);
    }
  }
}

void check_callee(Checker& c, const syntax::CallExpr* call) {
  const syntax::Expr* fun = unparen(call->fun);
  if (const auto* lit = fun->as<syntax::FuncLit>()) {
    check_captures(c, lit, 8);
    return;
  }
  if (fun->is<syntax::Ident>()) {
    Object* o = c.info_.obj(fun);
    if (o != nullptr && o->kind == ObjKind::Func) return;  // a declared function captures nothing
    c.error(fun->pos, std::string(kCallee) + "function values cannot cross island boundaries");
    return;
  }
  if (const auto* s = fun->as<syntax::SelectorExpr>()) {
    auto it = c.info_.selections.find(s);
    if (it == c.info_.selections.end()) {
      Object* o = c.info_.obj(s->sel);
      if (o != nullptr && o->kind == ObjKind::Func) return;  // pkg.F
      c.error(fun->pos, std::string(kCallee) + "function values cannot cross island boundaries");
      return;
    }
    const Selection& sel = it->second;
    if (sel.kind == Selection::Kind::MethodExpr) return;  // the receiver is an argument
    if (sel.kind == Selection::Kind::FieldVal) {
      c.error(fun->pos, std::string(kCallee) + "function values cannot cross island boundaries");
      return;
    }
    const Type* recv = s->x != nullptr && s->x->id < c.info_.types.size() ? c.info_.types[s->x->id].type : sel.recv;
    if (is_invalid(recv)) return;
    if (auto r = c.unsendable(recv)) {
      c.error(s->x->pos, "cannot send method receiver across island boundary: " + *r);
    }
    return;
  }
  c.error(fun->pos, std::string(kCallee) + "function values cannot cross island boundaries");
}

}  // namespace

std::optional<std::string> Checker::unsendable(const Type* t) {
  SendableWalker w;
  return w.walk(t);
}

void Checker::check_island_call(const syntax::CallExpr* call, const Operand& island) {
  if (!island.invalid() && !is_invalid(island.type)) {
    const Type* u = underlying(island.type);
    if (u == nullptr || !u->is<Island>()) {
      const syntax::Pos pos = island.expr != nullptr ? island.expr->pos : (call != nullptr ? call->pos : 0);
      error(pos, "go @(island) target has type " + tstr(island.type));
    }
  }
  if (call == nullptr || call->fun == nullptr || call->fun->id >= info_.types.size()) return;
  const TypeAndValue& ftv = info_.types[call->fun->id];
  if (ftv.mode == Mode::Invalid || ftv.mode == Mode::Builtin || ftv.mode == Mode::TypeExpr) return;
  const Type* fu = underlying(ftv.type);
  const Signature* sig = fu != nullptr ? fu->as<Signature>() : nullptr;
  if (sig == nullptr) return;
  check_callee(*this, call);

  // Arguments travel as their parameter types (an int passed to an `any`
  // parameter is an interface value on the wire).
  if (call->args.empty()) return;
  const std::vector<Var*>& params = sig->params->vars;
  const size_t n = params.size();
  const size_t count = std::max(n, call->args.size());
  for (size_t i = 0; i < count; ++i) {
    const Type* pt = nullptr;
    if (sig->variadic && n > 0 && i >= n - 1) {
      const Type* last = params[n - 1]->type;
      const Slice* s = last != nullptr ? last->as<Slice>() : nullptr;
      pt = call->ellipsis != syntax::NoPos || s == nullptr ? last : s->elem;
      if (i >= call->args.size()) break;
    } else if (i < n) {
      pt = params[i]->type;
    } else {
      break;
    }
    if (is_invalid(pt)) continue;
    const syntax::Expr* arg = call->args[std::min(i, call->args.size() - 1)];
    if (auto r = unsendable(pt)) error(arg->pos, "cannot send argument across island boundary: " + *r);
  }
}

}  // namespace vo::types
