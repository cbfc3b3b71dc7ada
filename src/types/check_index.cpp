// Composite literals, index and slice expressions, and type assertions
// (go/types literals.go and index.go, adapted to Vo: no pointers to arrays,
// no generics, no 3-index slices of strings, and slicing an array takes its
// address for escape analysis).
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "types/check_expr_util.h"
#include "types/checker_impl.h"

namespace vo::types {

namespace ast = syntax;

namespace {

// Index of the field named `name` that is accessible from package `pkg`, or
// -1. With any_pkg, unexported fields of other packages also match (to tell
// "unknown" from "unexported" in messages).
int field_index(const Struct* st, const Package* pkg, const std::string& name, bool any_pkg) {
  for (size_t i = 0; i < st->fields.size(); ++i) {
    const Var* f = st->fields[i];
    if (f->name != name) continue;
    if (any_pkg || f->exported() || f->pkg == pkg) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

// ---- composite literals -----------------------------------------------------------
//
// Element values are not assignment right-hand sides: a dynamic-access value
// (Operand::dyn) must be asserted explicitly there, so the flag is cleared.

void Checker::composite_lit(Operand& x, const ast::CompositeLit* e, const Type* hint) {
  const Type* t = nullptr;
  const Type* base = nullptr;
  bool is_elem = false;
  Array* open_array = nullptr;  // [...]T: the length comes from the elements
  if (e->type != nullptr) {
    const auto* at = e->type->as<ast::ArrayType>();
    const auto* ell = at != nullptr && at->len != nullptr ? at->len->as<ast::Ellipsis>() : nullptr;
    if (ell != nullptr && ell->elt == nullptr) {
      const Type* elem = typ(at->elt);
      open_array = make<Array>(elem, -1);
      t = open_array;
    } else {
      t = typ(e->type);
    }
    base = t;
  } else if (hint != nullptr) {
    // An elided element type; an element type *T means &T{...}.
    t = hint;
    base = hint;
    const Type* u = underlying(base);
    if (const Pointer* p = u != nullptr ? u->as<Pointer>() : nullptr) base = p->elem;
    is_elem = true;
  } else {
    error(e->pos, "invalid composite literal type: missing type in composite literal");
    xu::use_exprs(*this, e->elts);
    return;
  }
  const Type* u = underlying(base);
  if (!xu::is_valid(base) || u == nullptr) {
    xu::use_exprs(*this, e->elts);
    return;
  }
  switch (u->kind) {
    case TypeKind::Struct:
      struct_lit(e, u->as<Struct>(), base);
      break;
    case TypeKind::Array: {
      const Array* a = u->as<Array>();
      const int64_t n = indexed_elts(e->elts, a->elem, a->len);
      if (open_array != nullptr) {
        open_array->len = n;
        record_tv(e->type, Mode::TypeExpr, open_array, Value());
      }
      break;
    }
    case TypeKind::Slice:
      indexed_elts(e->elts, u->as<Slice>()->elem, -1);
      break;
    case TypeKind::Map:
      map_lit(e, u->as<Map>());
      break;
    default:
      xu::use_exprs(*this, e->elts);
      error(e->pos, std::string("invalid composite literal") + (is_elem ? " element" : "") + " type " + tstr(t));
      return;
  }
  x.mode = Mode::Value;
  x.type = t;
}

void Checker::struct_lit(const ast::CompositeLit* e, const Struct* st, const Type* base) {
  if (e->elts.empty()) return;
  const size_t nfields = st->fields.size();
  if (e->elts[0]->is<ast::KeyValueExpr>()) {
    // All elements must be field: value.
    std::vector<bool> visited(nfields, false);
    for (const ast::Expr* el : e->elts) {
      const auto* kv = el->as<ast::KeyValueExpr>();
      if (kv == nullptr) {
        error(el->pos, "mixture of field:value and value elements in struct literal");
        continue;
      }
      Operand x;
      expr(x, kv->value);
      const auto* key = kv->key != nullptr ? kv->key->as<ast::Ident>() : nullptr;
      if (key == nullptr) {
        error(kv->pos, "invalid field name " + expr_string(kv->key) + " in struct literal");
        continue;
      }
      const int i = field_index(st, pkg_, key->name, false);
      if (i < 0) {
        if (field_index(st, pkg_, key->name, true) >= 0) {
          error(key->pos, "cannot refer to unexported field " + key->name + " in struct literal of type " +
                              tstr(base));
        } else {
          error(key->pos, "unknown field " + key->name + " in struct literal of type " + tstr(base));
        }
        continue;
      }
      Var* fld = st->fields[static_cast<size_t>(i)];
      record_use(key, fld);
      x.dyn = false;
      assignment(x, fld->type, "struct literal");
      if (visited[static_cast<size_t>(i)]) {
        error(kv->pos, "duplicate field " + key->name + " in struct literal");
        continue;
      }
      visited[static_cast<size_t>(i)] = true;
    }
    return;
  }
  // Positional: no element may have a key.
  for (size_t i = 0; i < e->elts.size(); ++i) {
    const ast::Expr* el = e->elts[i];
    if (el->is<ast::KeyValueExpr>()) {
      error(el->pos, "mixture of field:value and value elements in struct literal");
      continue;
    }
    Operand x;
    expr(x, el);
    if (i >= nfields) {
      error(el->pos, "too many values in struct literal of type " + tstr(base));
      break;
    }
    const Var* fld = st->fields[i];
    if (!fld->exported() && fld->pkg != pkg_) {
      error(el->pos, "implicit assignment to unexported field " + fld->name + " in struct literal of type " +
                         tstr(base));
      continue;
    }
    x.dyn = false;
    assignment(x, fld->type, "struct literal");
  }
  if (e->elts.size() < nfields) {
    error(e->rbrace != ast::NoPos ? e->rbrace : e->pos, "too few values in struct literal of type " + tstr(base));
  }
}

int64_t Checker::indexed_elts(const std::vector<ast::Expr*>& elts, const Type* elem, int64_t length) {
  constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();
  std::unordered_set<int64_t> visited;
  int64_t idx = 0;
  int64_t max = 0;
  bool too_long = false;
  for (const ast::Expr* el : elts) {
    bool valid_index = false;
    const ast::Expr* eval = el;
    if (const auto* kv = el->as<ast::KeyValueExpr>()) {
      if (std::optional<int64_t> v = index(kv->key, length)) {
        if (*v >= 0) {
          idx = *v;
          valid_index = true;
        } else {
          error(el->pos, "index " + expr_string(kv->key) + " must be integer constant");
        }
      }
      eval = kv->value;
    } else if (length >= 0 && idx >= length) {
      error(el->pos, "index " + std::to_string(idx) + " is out of bounds (>= " + std::to_string(length) + ")");
    } else {
      valid_index = true;
    }
    if (valid_index && !visited.insert(idx).second) {
      error(el->pos, "duplicate index " + std::to_string(idx) + " in array or slice literal");
    }
    // The length is one past the largest index; it must fit in int.
    if (idx == kMaxInt) {
      if (!too_long) {
        error(el->pos, "array length inferred from index " + std::to_string(idx) + " exceeds MaxInt (" +
                           std::to_string(kMaxInt) + ")");
      }
      too_long = true;
    } else {
      ++idx;
      if (idx > max) max = idx;
    }
    Operand x;
    expr(x, eval, elem);
    x.dyn = false;
    assignment(x, elem, "array or slice literal");
  }
  return max;
}

void Checker::map_lit(const ast::CompositeLit* e, const Map* m) {
  // For interface keys the type of a constant key matters for duplicates.
  const bool key_is_iface = is_interface(m->key);
  std::unordered_map<std::string, std::vector<std::pair<Value, const Type*>>> seen;
  for (const ast::Expr* el : e->elts) {
    const auto* kv = el->as<ast::KeyValueExpr>();
    if (kv == nullptr) {
      error(el->pos, "missing key in map literal");
      continue;
    }
    Operand k;
    expr(k, kv->key, m->key);
    k.dyn = false;
    assignment(k, m->key, "map literal");
    if (k.mode == Mode::Constant && !k.val.is_unknown()) {
      auto& bucket = seen[std::to_string(static_cast<int>(k.val.kind())) + ":" + k.val.str()];
      bool dup = false;
      for (const auto& [v, t] : bucket) {
        if (v == k.val && (!key_is_iface || identical(t, k.type))) dup = true;
      }
      bucket.emplace_back(k.val, k.type);
      if (dup) {
        error(xu::pos_of(k), "duplicate key " + k.val.str() + " in map literal");
        continue;
      }
    }
    Operand v;
    expr(v, kv->value, m->elem);
    v.dyn = false;
    assignment(v, m->elem, "map literal");
  }
}

// ---- indexing and slicing -----------------------------------------------------------

void Checker::index_expr(Operand& x, const ast::IndexExpr* e) {
  expr_or_type(x, e->x);
  if (x.invalid()) {
    xu::use_exprs(*this, {e->index});
    return;
  }
  if (x.mode == Mode::TypeExpr) {
    error(xu::pos_of(x), tstr(x.type) + " is not a generic type");
    xu::use_exprs(*this, {e->index});
    x.set_invalid();
    return;
  }
  if (x.mode == Mode::Builtin) {
    error(xu::pos_of(x), opstr(x) + " must be called");
    xu::use_exprs(*this, {e->index});
    x.set_invalid();
    return;
  }
  bool valid = false;
  int64_t length = -1;
  const Type* u = underlying(x.type);
  switch (u->kind) {
    case TypeKind::Basic:
      if (u->as<Basic>()->is_string()) {
        valid = true;
        if (x.mode == Mode::Constant) length = static_cast<int64_t>(x.val.string_val().size());
        // Indexing a string yields a byte value, never a constant.
        x.mode = Mode::Value;
        x.type = universe_byte();
      }
      break;
    case TypeKind::Array:
      valid = true;
      length = u->as<Array>()->len;
      if (x.mode != Mode::Variable) x.mode = Mode::Value;
      x.type = u->as<Array>()->elem;
      break;
    case TypeKind::Slice:
      valid = true;
      x.mode = Mode::Variable;
      x.type = u->as<Slice>()->elem;
      break;
    case TypeKind::Map: {
      const Map* m = u->as<Map>();
      if (e->index == nullptr) {
        error(e->pos, "expected index");
        x.set_invalid();
        return;
      }
      Operand key;
      expr(key, e->index);
      key.dyn = false;
      assignment(key, m->key, "map index");
      x.mode = Mode::MapIndex;
      x.type = m->elem;
      return;
    }
    default:
      break;
  }
  if (!valid) {
    error(xu::pos_of(x), "invalid operation: cannot index " + opstr(x));
    xu::use_exprs(*this, {e->index});
    x.set_invalid();
    return;
  }
  if (e->index == nullptr) {
    error(e->pos, "expected index");
    x.set_invalid();
    return;
  }
  index(e->index, length);
}

void Checker::slice_expr(Operand& x, const ast::SliceExpr* e) {
  expr(x, e->x);
  if (x.invalid()) {
    xu::use_exprs(*this, {e->low, e->high, e->max});
    return;
  }
  bool valid = false;
  int64_t length = -1;
  const Type* u = underlying(x.type);
  switch (u->kind) {
    case TypeKind::Basic:
      if (u->as<Basic>()->is_string()) {
        if (e->slice3) {
          error(e->max != nullptr ? e->max->pos : e->pos, "invalid operation: 3-index slice of string");
          xu::use_exprs(*this, {e->low, e->high, e->max});
          x.set_invalid();
          return;
        }
        valid = true;
        if (x.mode == Mode::Constant) length = static_cast<int64_t>(x.val.string_val().size());
        // Slicing an untyped string constant gives a (non-constant) string.
        if (is_untyped(x.type)) x.type = basic_type(BasicKind::String);
      }
      break;
    case TypeKind::Array:
      valid = true;
      length = u->as<Array>()->len;
      if (x.mode != Mode::Variable) {
        error(xu::pos_of(x), "invalid operation: cannot slice " + opstr(x) + " (value not addressable)");
        xu::use_exprs(*this, {e->low, e->high, e->max});
        x.set_invalid();
        return;
      }
      // The slice aliases the array's storage, which must live in the heap.
      mark_addr_taken(e->x);
      x.type = make<Slice>(u->as<Array>()->elem);
      break;
    case TypeKind::Slice:
      valid = true;
      break;
    default:
      break;
  }
  if (!valid) {
    error(xu::pos_of(x), "cannot slice " + opstr(x));
    xu::use_exprs(*this, {e->low, e->high, e->max});
    x.set_invalid();
    return;
  }
  x.mode = Mode::Value;
  if (e->slice3 && (e->high == nullptr || e->max == nullptr)) {
    error(e->pos, "2nd and 3rd index required in 3-index slice");
    x.set_invalid();
    return;
  }
  // Constant indices must be in range and non-decreasing.
  const ast::Expr* exprs[3] = {e->low, e->high, e->max};
  int64_t ind[3] = {-1, -1, -1};
  for (int i = 0; i < 3; ++i) {
    if (exprs[i] != nullptr) {
      // The capacity is only known statically for strings and arrays, and
      // equals their length.
      const int64_t max = length >= 0 ? length + 1 : -1;
      std::optional<int64_t> v = index(exprs[i], max);
      if (v && *v >= 0) ind[i] = *v;
    } else if (i == 0) {
      ind[i] = 0;
    } else if (length >= 0) {
      ind[i] = length;
    }
  }
  for (int i = 0; i < 2; ++i) {
    if (ind[i] <= 0) continue;
    for (int j = i + 1; j < 3; ++j) {
      if (ind[j] >= 0 && ind[j] < ind[i]) {
        error(e->pos, "invalid slice indices: " + std::to_string(ind[j]) + " < " + std::to_string(ind[i]));
        return;
      }
    }
  }
}

std::optional<int64_t> Checker::index(const ast::Expr* e, int64_t max, bool allow_negative_error) {
  Operand x;
  expr(x, e);
  if (!is_valid_index(x, "index", !allow_negative_error)) return std::nullopt;
  if (x.mode != Mode::Constant) return -1;
  if (x.val.is_unknown()) return std::nullopt;
  std::optional<int64_t> v = x.val.int64_val();
  if (!v) return std::nullopt;
  if (max >= 0 && *v >= max) {
    error(xu::pos_of(x), "invalid argument: index " + x.val.str() + " out of bounds [0:" + std::to_string(max) + "]");
    return std::nullopt;
  }
  return v;
}

bool Checker::is_valid_index(Operand& x, const char* what, bool allow_negative) {
  if (x.invalid()) return false;
  // An untyped constant index is given type int.
  convert_untyped(x, basic_type(BasicKind::Int));
  if (x.invalid()) return false;
  if (!xu::is_integer(x.type)) {
    error(xu::pos_of(x), std::string("invalid argument: ") + what + " " + opstr(x) + " must be integer");
    return false;
  }
  if (x.mode == Mode::Constant && !x.val.is_unknown()) {
    if (!allow_negative && x.val.sign() < 0) {
      error(xu::pos_of(x), std::string("invalid argument: ") + what + " " + opstr(x) + " must not be negative");
      return false;
    }
    if (!x.val.fits_int(64, false)) {
      error(xu::pos_of(x), std::string("invalid argument: ") + what + " " + opstr(x) + " overflows int");
      return false;
    }
  }
  return true;
}

// ---- type assertions ----------------------------------------------------------------

void Checker::type_assert(Operand& x, const ast::TypeAssertExpr* e) {
  expr(x, e->x);
  if (x.invalid()) return;
  if (e->type == nullptr) {
    error(e->pos, "use of .(type) outside type switch");
    x.set_invalid();
    return;
  }
  if (!is_interface(x.type)) {
    error(xu::pos_of(x), "invalid operation: " + opstr(x) + " is not an interface");
    x.set_invalid();
    return;
  }
  const Type* t = typ(e->type);
  if (!xu::is_valid(t)) {
    x.set_invalid();
    return;
  }
  assertable_to(x.type, t, e, false, e->x);
  x.mode = Mode::CommaOk;
  x.type = t;
}

void Checker::assertable_to(const Type* iface_t, const Type* t, const ast::Expr* e, bool in_switch,
                            const ast::Expr* operand_expr) {
  // Asserting to an interface is always possible statically.
  if (!xu::is_valid(t) || is_interface(t)) return;
  const Type* u = underlying(iface_t);
  const Interface* it = u != nullptr ? u->as<Interface>() : nullptr;
  if (it == nullptr) return;
  complete_interface(it);
  std::optional<MissingMethod> m = missing_method(t, it);
  if (!m) return;
  const std::string cause = missing_method_reason(t, iface_t, *m);
  if (in_switch) {
    error(e->pos, "impossible type switch case: " + expr_string(e) + ": " + expr_string(operand_expr) +
                      " (of type " + tstr(iface_t) + ") cannot have dynamic type " + tstr(t) + " " + cause);
    return;
  }
  error(e->pos, "impossible type assertion: " + expr_string(e) + ": " + tstr(t) + " does not implement " +
                    tstr(iface_t) + " " + cause);
}

}  // namespace vo::types
