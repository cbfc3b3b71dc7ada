// What the checker records about a package, for the compiler. Facts about
// expressions live in vectors indexed by syntax::Expr::id.
#pragma once
#include <unordered_map>
#include <vector>

#include "types/object.h"

namespace vo::types {

enum class Mode : uint8_t {
  Invalid,   // erroneous expression
  NoValue,   // call of a function without results
  Builtin,   // a built-in function name (only as a call's fun)
  TypeExpr,  // the expression denotes a type
  Constant,  // compile-time constant (val is set)
  Variable,  // addressable operand
  MapIndex,  // m[k]: assignable, not addressable, comma-ok capable
  Value,     // any other value
  CommaOk,   // value that also allows v, ok := form (type assertion, receive)
};

struct TypeAndValue {
  Mode mode = Mode::Invalid;
  // The expression's type. For untyped constants and nil this is the final
  // type after implicit conversion in context (e.g. the `1` in `var x float64
  // = 1` records float64, `nil` assigned to []int records []int); an untyped
  // constant without context records its default type.
  const Type* type = nullptr;
  Value val;  // for Mode::Constant
};

// x.f / x.m / T.m, resolved.
struct Selection {
  enum class Kind : uint8_t { FieldVal, MethodVal, MethodExpr } kind = Kind::FieldVal;
  const Type* recv = nullptr;  // type of x (or T for a method expression)
  Object* obj = nullptr;       // the Var (field) or Func (method)
  // Path of field indices from recv to the field/method's owner through
  // embedded fields; the last entry is the field index itself for FieldVal
  // (for methods: the embedded-field path only, possibly empty).
  std::vector<int> index;
  bool indirect = false;  // a pointer was dereferenced on the way
};

// One package-level var spec's initialization: lhs = rhs, either one value
// per variable or one multi-value call. The spec is atomic: every rhs is
// evaluated before any variable is assigned.
struct Initializer {
  std::vector<Var*> lhs;
  std::vector<const syntax::Expr*> rhs;
};

struct Info {
  std::vector<TypeAndValue> types;  // by Expr::id
  std::vector<Object*> objects;     // by Expr::id, for Idents: object declared or used
  std::unordered_map<const syntax::SelectorExpr*, Selection> selections;
  // Implicitly declared objects: the Var of each type-switch CaseClause
  // (when the switch binds a name), the PkgName of each ImportSpec.
  std::unordered_map<const syntax::Node*, Object*> implicits;
  std::unordered_map<const syntax::Node*, Scope*> scopes;  // File, FuncType, BlockStmt, If/For/Switch, CaseClause...
  std::vector<Initializer> init_order;  // package variables in initialization order
  std::vector<Func*> inits;             // init() functions in file order

  const TypeAndValue& tv(const syntax::Expr* e) const { return types[e->id]; }
  Object* obj(const syntax::Expr* e) const { return e->id < objects.size() ? objects[e->id] : nullptr; }
};

}  // namespace vo::types
