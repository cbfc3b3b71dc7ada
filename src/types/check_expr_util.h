// Small type and syntax predicates shared by the checker's files. They look through named types to the underlying type, like
// go/types' allInteger, allNumeric, ... predicates.
#pragma once
#include <string>
#include <vector>

#include "types/checker_impl.h"

namespace vo::types::xu {

// The underlying Basic type of t, or nullptr.
inline const Basic* basic_of(const Type* t) {
  const Type* u = underlying(t);
  return u != nullptr ? u->as<Basic>() : nullptr;
}

inline bool is_kind(const Type* t, BasicKind k) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->bkind == k;
}

// Known, resolved (has an underlying type) and not the invalid type.
inline bool usable_type(const Type* t) {
  if (t == nullptr) return false;
  const Type* u = underlying(t);
  if (u == nullptr) return false;
  const Basic* b = u->as<Basic>();
  return b == nullptr || b->bkind != BasicKind::Invalid;
}

// A type is valid when it is known and not the invalid type.
inline bool is_valid(const Type* t) { return t != nullptr && !is_kind(t, BasicKind::Invalid); }

inline bool is_integer(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->is_integer();
}
inline bool is_unsigned(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->is_unsigned();
}
inline bool is_float(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->is_float();
}
inline bool is_numeric(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->is_numeric();
}
inline bool is_string(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->is_string();
}
inline bool is_boolean(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->is_boolean();
}
inline bool is_ordered(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && b->is_ordered();
}
inline bool is_untyped_nil(const Type* t) { return t != nullptr && is_kind(t, BasicKind::UntypedNil); }

// Types whose values may be constants: booleans, numbers and strings.
inline bool is_const_type(const Type* t) {
  const Basic* b = basic_of(t);
  return b != nullptr && (b->is_boolean() || b->is_numeric() || b->is_string());
}

// Types that have nil as a value (Vo: pointers, slices, maps, channels,
// ports, islands, functions and interfaces).
inline bool has_nil(const Type* t) {
  const Type* u = underlying(t);
  if (u == nullptr) return false;
  switch (u->kind) {
    case TypeKind::Pointer: case TypeKind::Slice: case TypeKind::Map: case TypeKind::Chan:
    case TypeKind::Port: case TypeKind::Island: case TypeKind::Signature: case TypeKind::Interface:
      return true;
    default:
      return false;
  }
}

inline bool is_pointer(const Type* t) {
  const Type* u = underlying(t);
  return u != nullptr && u->is<Pointer>();
}

// []byte or []rune (element types may be named: []MyByte).
inline bool is_bytes_or_runes(const Type* t) {
  const Type* u = underlying(t);
  const Slice* s = u != nullptr ? u->as<Slice>() : nullptr;
  if (s == nullptr) return false;
  const Basic* e = basic_of(s->elem);
  return e != nullptr && (e->bkind == BasicKind::Uint8 || e->bkind == BasicKind::Int32);
}

inline const syntax::Expr* unparen(const syntax::Expr* e) {
  while (e != nullptr && e->is<syntax::ParenExpr>()) e = e->as<syntax::ParenExpr>()->x;
  return e;
}

// Position of an operand for diagnostics.
inline syntax::Pos pos_of(const Operand& x) { return x.expr != nullptr ? x.expr->pos : syntax::NoPos; }

inline std::string tok_str(syntax::Tok t) { return std::string(syntax::tok_string(t)); }

}  // namespace vo::types::xu

namespace vo::types::xu {

// Evaluates expressions only for the facts they record (go/types' use),
// after an error made the enclosing expression invalid.
inline void use_exprs(Checker& c, const std::vector<syntax::Expr*>& exprs) {
  for (const syntax::Expr* e : exprs) {
    if (e == nullptr) continue;
    if (const auto* kv = e->as<syntax::KeyValueExpr>()) e = kv->value;
    if (e == nullptr) continue;
    Operand x;
    c.raw_expr(x, e, nullptr, false);
  }
}

}  // namespace vo::types::xu
