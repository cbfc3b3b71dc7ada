// Expressions: the dispatch over every expression kind, identifiers,
// literals, unary and binary operators with exact constant folding, and the
// implicit conversion of untyped operands. The structure follows go/types
// (expr.go, operand.go, const.go); the Vo-specific rules are the restricted
// `&` (structs only), ports as receive operands, and the absence of complex
// numbers.
#include <string>

#include "types/check_expr_util.h"
#include "types/checker_impl.h"

namespace vo::types {

namespace ast = syntax;
using ast::Tok;

namespace {

// Vo's deterministic limits on exact constants (language spec §5.3.4).
constexpr int kMaxConstBits = 65536;
constexpr uint64_t kMaxShiftCount = 65535;

bool is_comparison(Tok op) {
  return op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr ||
         op == Tok::Geq;
}

bool is_shift(Tok op) { return op == Tok::Shl || op == Tok::Shr; }

// Expressions that pass a pending dynamic-access target count through to
// their operand (see Checker::dyn_targets_).
bool carries_dyn_targets(const ast::Expr* e) {
  return e->is<ast::ParenExpr>() || e->is<ast::TryExpr>() || e->is<ast::DynExpr>();
}

// The operator predicates of go/types' unaryOpPredicates and
// binaryOpPredicates: whether operator op applies to operands of type t.
bool unary_op_applies(Tok op, const Type* t) {
  switch (op) {
    case Tok::Add: case Tok::Sub: return xu::is_numeric(t);
    case Tok::Xor: return xu::is_integer(t);
    case Tok::Not: return xu::is_boolean(t);
    default: return false;
  }
}

bool op_applies(Tok op, const Type* t) {
  switch (op) {
    case Tok::Add: return xu::is_numeric(t) || xu::is_string(t);
    case Tok::Sub: case Tok::Mul: case Tok::Quo: return xu::is_numeric(t);
    case Tok::Rem: case Tok::And: case Tok::Or: case Tok::Xor: case Tok::AndNot: return xu::is_integer(t);
    case Tok::LAnd: case Tok::LOr: return xu::is_boolean(t);
    default: return false;
  }
}

// Untyped basic kinds ordered for kind promotion: int < rune < float.
const Type* max_untyped(const Type* x, const Type* y) {
  if (x == y || identical(x, y)) return x;
  const Basic* a = x->as<Basic>();
  const Basic* b = y->as<Basic>();
  if (a == nullptr || b == nullptr || !a->is_untyped() || !b->is_untyped()) return nullptr;
  if (!a->is_numeric() || !b->is_numeric()) return nullptr;
  return a->bkind > b->bkind ? x : y;
}

// Whether the constant v is representable in the basic type t; *rounded
// receives the value converted to t's representation (ints for integer
// types, floats rounded to float32/float64 precision).
bool representable_const(const Value& v, const Basic* t, Value* rounded) {
  if (v.is_unknown()) return true;  // avoid follow-up errors
  if (t->is_integer()) {
    Value i = v.to_int();
    if (i.kind() != Value::Kind::Int) return false;
    *rounded = i;
    if (t->is_untyped()) return true;
    return i.fits_int(t->bits(), t->is_unsigned());
  }
  if (t->is_float()) {
    Value f = v.to_float();
    if (f.kind() != Value::Kind::Float) return false;
    if (t->bkind == BasicKind::UntypedFloat) {
      *rounded = f;
      return true;
    }
    Value r = t->bkind == BasicKind::Float32 ? f.round_float32() : f.round_float64();
    if (r.is_unknown()) return false;
    *rounded = r;
    return true;
  }
  if (t->is_string()) return v.kind() == Value::Kind::String;
  if (t->is_boolean()) return v.kind() == Value::Kind::Bool;
  return false;
}

}  // namespace

// ---- entry points ------------------------------------------------------------

void Checker::expr(Operand& x, const ast::Expr* e, const Type* hint) {
  raw_expr(x, e, hint, false);
  exclude_type_and_novalue(x);
  single_value(x);
}

void Checker::multi_expr(Operand& x, const ast::Expr* e) {
  raw_expr(x, e, nullptr, false);
  exclude_type_and_novalue(x);
}

void Checker::expr_or_type(Operand& x, const ast::Expr* e) {
  raw_expr(x, e, nullptr, true);
  if (x.mode == Mode::NoValue) {
    error(xu::pos_of(x), opstr(x) + " used as value or type");
    x.set_invalid();
  }
  single_value(x);
}

void Checker::raw_expr(Operand& x, const ast::Expr* e, const Type* hint, bool /*allow_generic_types*/) {
  // A pending dynamic-access target count applies only to the outermost
  // dynamic expression (possibly under parentheses or `?`); every other
  // expression evaluates its operands without one.
  const int targets = dyn_targets_;
  if (!carries_dyn_targets(e)) dyn_targets_ = -1;
  expr_internal(x, e, hint);
  dyn_targets_ = targets;
  record(x);
}

void Checker::exclude_type_and_novalue(Operand& x) {
  switch (x.mode) {
    case Mode::NoValue:
      error(xu::pos_of(x), opstr(x) + " used as value");
      x.set_invalid();
      return;
    case Mode::Builtin:
      error(xu::pos_of(x), opstr(x) + " must be called");
      x.set_invalid();
      return;
    case Mode::TypeExpr:
      error(xu::pos_of(x), opstr(x) + " is not an expression");
      x.set_invalid();
      return;
    default:
      return;
  }
}

void Checker::single_value(Operand& x) {
  if (x.mode == Mode::Value && x.type != nullptr && x.type->is<Tuple>()) {
    error(xu::pos_of(x), "multiple-value " + opstr(x) + " in single-value context");
    x.set_invalid();
  }
}

// ---- dispatch ----------------------------------------------------------------------

void Checker::expr_internal(Operand& x, const ast::Expr* e, const Type* hint) {
  x = Operand{};
  x.expr = e;
  x.type = invalid_type();
  switch (e->kind) {
    case ast::NodeKind::BadExpr:
      break;  // the parser reported the error
    case ast::NodeKind::Ident:
      ident(x, e->as<ast::Ident>(), false);
      break;
    case ast::NodeKind::Ellipsis:
      error(e->pos, "invalid use of '...'");
      break;
    case ast::NodeKind::BasicLit:
      basic_lit(x, e->as<ast::BasicLit>());
      break;
    case ast::NodeKind::FuncLit:
      func_lit(x, e->as<ast::FuncLit>());
      break;
    case ast::NodeKind::CompositeLit:
      composite_lit(x, e->as<ast::CompositeLit>(), hint);
      break;
    case ast::NodeKind::ParenExpr:
      raw_expr(x, e->as<ast::ParenExpr>()->x, hint, true);
      break;
    case ast::NodeKind::SelectorExpr:
      selector(x, e->as<ast::SelectorExpr>(), false);
      break;
    case ast::NodeKind::IndexExpr:
      index_expr(x, e->as<ast::IndexExpr>());
      break;
    case ast::NodeKind::SliceExpr:
      slice_expr(x, e->as<ast::SliceExpr>());
      break;
    case ast::NodeKind::TypeAssertExpr:
      type_assert(x, e->as<ast::TypeAssertExpr>());
      break;
    case ast::NodeKind::CallExpr:
      call_expr(x, e->as<ast::CallExpr>());
      break;
    case ast::NodeKind::StarExpr:
      star_expr(x, e->as<ast::StarExpr>());
      break;
    case ast::NodeKind::UnaryExpr:
      unary(x, e->as<ast::UnaryExpr>());
      break;
    case ast::NodeKind::BinaryExpr: {
      const auto* b = e->as<ast::BinaryExpr>();
      binary(x, e, b->x, b->y, b->op, b->op_pos);
      break;
    }
    case ast::NodeKind::KeyValueExpr:
      error(e->pos, "unexpected key:value expression");
      break;
    case ast::NodeKind::TryExpr:
      try_expr(x, e->as<ast::TryExpr>());
      break;
    case ast::NodeKind::DynExpr:
      dyn_expr(x, e->as<ast::DynExpr>());
      break;
    case ast::NodeKind::ArrayType: case ast::NodeKind::StructType: case ast::NodeKind::FuncType:
    case ast::NodeKind::InterfaceType: case ast::NodeKind::MapType: case ast::NodeKind::ChanType:
    case ast::NodeKind::PortType: case ast::NodeKind::IslandType: {
      const Type* t = typ(e);
      if (xu::is_valid(t)) {
        x.mode = Mode::TypeExpr;
        x.type = t;
      }
      break;
    }
    default:
      error(e->pos, "expression expected");
      break;
  }
  x.expr = e;
  // Only a dynamic access itself (possibly under ( ) or ?) yields a value
  // that assignments check at run time; any operation on it is static.
  if (!carries_dyn_targets(e)) x.dyn = false;
  // An operand whose type is invalid (an error was reported where the type
  // was formed) is itself invalid, so that it causes no further errors.
  if (x.mode != Mode::Builtin && x.mode != Mode::NoValue && !xu::is_valid(x.type)) x.mode = Mode::Invalid;
  if (x.mode == Mode::Invalid || x.type == nullptr) {
    x.mode = Mode::Invalid;
    x.type = invalid_type();
  }
}

// ---- identifiers and literals ---------------------------------------------------

void Checker::ident(Operand& x, const ast::Ident* id, bool want_type) {
  x.set_invalid();
  x.expr = id;
  x.type = invalid_type();
  if (id->name == "_") {
    error(id->pos, "cannot use _ as value");
    return;
  }
  Object* obj = scope_ != nullptr ? scope_->lookup(id->name) : universe()->lookup(id->name);
  if (obj == nullptr) {
    error(id->pos, "undeclared name: " + id->name);
    return;
  }
  // The universe iota only has a value inside a constant declaration.
  if (obj->kind == ObjKind::Const && obj->parent == universe() && obj->name == "iota") {
    if (!iota_) {
      error(id->pos, "cannot use iota outside constant declaration");
      return;
    }
    record_use(id, obj);
    x.mode = Mode::Constant;
    x.type = obj->type;
    x.val = *iota_;
    return;
  }
  record_use(id, obj);
  // Package-level objects are resolved lazily; a type name is (re)visited in
  // a type context so that invalid cycles through it are reported.
  if (obj->type == nullptr || (want_type && obj->kind == ObjKind::TypeName && decls_.count(obj) != 0)) {
    obj_decl(obj);
  }
  use_object(obj, id);
  const Type* t = obj->type;
  switch (obj->kind) {
    case ObjKind::PkgName:
      error(id->pos, "use of package " + obj->name + " not in selector");
      return;
    case ObjKind::Const:
      if (!xu::is_valid(t)) return;
      x.mode = Mode::Constant;
      x.val = obj->as<Const>()->val;
      break;
    case ObjKind::TypeName:
      if (!xu::is_valid(t)) return;
      x.mode = Mode::TypeExpr;
      break;
    case ObjKind::Var:
      if (!xu::is_valid(t)) return;
      x.mode = Mode::Variable;
      break;
    case ObjKind::Func:
      if (t == nullptr) return;
      x.mode = Mode::Value;
      break;
    case ObjKind::Builtin:
      x.mode = Mode::Builtin;
      x.builtin = obj->as<Builtin>()->id;
      break;
    case ObjKind::Nil:
      x.mode = Mode::Value;
      break;
    case ObjKind::Label:
      error(id->pos, "undeclared name: " + id->name);
      return;
  }
  x.type = t;
}

void Checker::basic_lit(Operand& x, const ast::BasicLit* lit) {
  // Extremely long numeric literals are meaningless and costly to convert.
  constexpr size_t kLimit = 10000;
  if ((lit->tok == Tok::Int || lit->tok == Tok::Float) && lit->value.size() > kLimit) {
    error(lit->pos, "excessively long constant: " + lit->value.substr(0, 10) + "... (" +
                        std::to_string(lit->value.size()) + " chars)");
    return;
  }
  std::string err;
  Value v = Value::make_from_literal(lit->tok, lit->value, &err);
  if (v.is_unknown()) {
    error(lit->pos, "malformed constant: " + lit->value + (err.empty() ? "" : " (" + err + ")"));
    return;
  }
  BasicKind k = BasicKind::UntypedInt;
  switch (lit->tok) {
    case Tok::Int: k = BasicKind::UntypedInt; break;
    case Tok::Float: k = BasicKind::UntypedFloat; break;
    case Tok::Char: k = BasicKind::UntypedRune; break;
    case Tok::String: k = BasicKind::UntypedString; break;
    default:
      error(lit->pos, "malformed constant: " + lit->value);
      return;
  }
  x.mode = Mode::Constant;
  x.type = basic_type(k);
  x.val = std::move(v);
  x.expr = lit;
  overflow(x, lit->pos);
}

void Checker::func_lit(Operand& x, const ast::FuncLit* lit) {
  if (lit->type == nullptr) return;
  // The parameters live in a function scope nested in the current block, so
  // the body sees (and captures) the enclosing locals declared so far.
  Scope* outer = scope_;
  open_scope(lit->type, "function");
  Scope* fscope = scope_;
  Signature* sig = func_type(lit->type, nullptr, fscope);
  close_scope();
  scope_ = outer;
  if (sig == nullptr) return;
  // A literal evaluated twice (after an error elsewhere) keeps the facts of
  // its first body check.
  if (lit->body != nullptr && checked_bodies_.count(lit) == 0) {
    std::vector<Var*>* captures = &lit_captures_[lit];
    if (fn_ != nullptr) {
      func_body(decl_, lit, sig, lit->body, fscope, captures);
      scope_ = outer;
    } else {
      // At package level the literal belongs to a variable's initializer:
      // check the body once the package-level declaration is complete (as
      // go/types does), still attributing its dependencies to that
      // declaration.
      DeclInfo* d = decl_;
      later_.push_back([this, d, lit, sig, fscope, captures]() {
        if (checked_bodies_.count(lit) != 0) return;
        Scope* saved = scope_;
        func_body(d, lit, sig, lit->body, fscope, captures);
        scope_ = saved;
      });
    }
  }
  x.mode = Mode::Value;
  x.type = sig;
}

// ---- unary expressions -------------------------------------------------------------

void Checker::unary(Operand& x, const ast::UnaryExpr* e) {
  if (e->op == Tok::And) {
    address_of(x, e);
    return;
  }
  if (e->op == Tok::Arrow) {
    receive(x, e);
    return;
  }
  expr(x, e->x);
  if (x.invalid()) return;
  if (!unary_op_applies(e->op, x.type)) {
    error(xu::pos_of(x), "invalid operation: operator " + xu::tok_str(e->op) + " not defined on " + opstr(x));
    x.set_invalid();
    return;
  }
  if (x.mode == Mode::Constant) {
    if (x.val.is_unknown()) return;  // already reported
    const Basic* b = xu::basic_of(x.type);
    const bool uns = b != nullptr && b->is_unsigned();
    x.val = unary_op(e->op, x.val, uns ? b->bits() : 0, uns);
    x.expr = e;
    overflow(x, e->pos);
    return;
  }
  x.mode = Mode::Value;
}

void Checker::address_of(Operand& x, const ast::UnaryExpr* e) {
  // Vo: &x only for an addressable struct operand, or a struct composite
  // literal (spec §2.3).
  const bool is_lit = xu::unparen(e->x)->is<ast::CompositeLit>();
  expr(x, e->x);
  if (x.invalid()) return;
  const Type* u = underlying(x.type);
  if (u == nullptr || !u->is<Struct>()) {
    const char* what = x.mode == Mode::Variable ? "variable" : "value";
    error(e->pos, "invalid operation: cannot take address of " + tstr(x.type) + " " + what + " " +
                      expr_string(e->x) + " (pointers may only point to structs)");
    x.set_invalid();
    return;
  }
  if (!is_lit && x.mode != Mode::Variable) {
    error(e->pos, "invalid operation: cannot take address of " + opstr(x));
    x.set_invalid();
    return;
  }
  if (!is_lit) mark_addr_taken(e->x);
  const Pointer* p = make<Pointer>(x.type);
  x.mode = Mode::Value;
  x.type = p;
}

void Checker::receive(Operand& x, const ast::UnaryExpr* e) {
  expr(x, e->x);
  if (x.invalid()) return;
  const Type* u = underlying(x.type);
  const Type* elem = nullptr;
  if (const Chan* c = u != nullptr ? u->as<Chan>() : nullptr) {
    if (c->dir == ast::ChanDir::Send) {
      error(xu::pos_of(x), "invalid operation: cannot receive from send-only channel " + opstr(x));
      x.set_invalid();
      return;
    }
    elem = c->elem;
  } else if (const Port* p = u != nullptr ? u->as<Port>() : nullptr) {
    if (p->dir == ast::ChanDir::Send) {
      error(xu::pos_of(x), "invalid operation: cannot receive from send-only port " + opstr(x));
      x.set_invalid();
      return;
    }
    elem = p->elem;
  } else {
    error(xu::pos_of(x), "invalid operation: cannot receive from non-channel " + opstr(x));
    x.set_invalid();
    return;
  }
  x.mode = Mode::CommaOk;
  x.type = elem;
  has_call_or_recv_ = true;
}

void Checker::star_expr(Operand& x, const ast::StarExpr* e) {
  expr_or_type(x, e->x);
  switch (x.mode) {
    case Mode::Invalid:
      return;
    case Mode::TypeExpr: {
      const Pointer* p = make<Pointer>(x.type);
      check_pointer_base(p, e->pos);
      x.type = p;
      return;
    }
    default:
      break;
  }
  if (x.mode == Mode::Builtin) {
    error(xu::pos_of(x), opstr(x) + " must be called");
    x.set_invalid();
    return;
  }
  const Type* u = underlying(x.type);
  const Pointer* p = u != nullptr ? u->as<Pointer>() : nullptr;
  if (p == nullptr) {
    error(xu::pos_of(x), "invalid operation: cannot indirect " + opstr(x));
    x.set_invalid();
    return;
  }
  x.mode = Mode::Variable;
  x.type = p->elem;
}

// ---- binary expressions -----------------------------------------------------------

void Checker::binary(Operand& x, const ast::Expr* e, const ast::Expr* lhs, const ast::Expr* rhs, Tok op,
                     ast::Pos op_pos) {
  Operand y;
  expr(x, lhs);
  expr(y, rhs);
  if (x.invalid()) return;
  if (y.invalid()) {
    x.set_invalid();
    x.expr = y.expr;
    return;
  }
  if (is_shift(op)) {
    shift(x, y, e, op);
    return;
  }
  match_types(x, y);
  if (x.invalid()) return;
  if (is_comparison(op)) {
    comparison(x, y, op);
    return;
  }
  if (!identical(x.type, y.type)) {
    if (xu::is_valid(x.type) && xu::is_valid(y.type)) {
      const std::string what = e != nullptr ? expr_string(e)
                                            : expr_string(lhs) + " " + xu::tok_str(op) + "= " + expr_string(rhs);
      error(e != nullptr ? e->pos : lhs->pos, "invalid operation: " + what + " (mismatched types " +
                                                  tstr(x.type) + " and " + tstr(y.type) + ")");
    }
    x.set_invalid();
    return;
  }
  if (!op_applies(op, x.type)) {
    error(xu::pos_of(x), "invalid operation: operator " + xu::tok_str(op) + " not defined on " + opstr(x));
    x.set_invalid();
    return;
  }
  if (op == Tok::Quo || op == Tok::Rem) {
    // A constant zero divisor is an error for constant dividends and for
    // integer division (float division by zero is IEEE at run time).
    if ((x.mode == Mode::Constant || xu::is_integer(x.type)) && y.mode == Mode::Constant && !y.val.is_unknown() &&
        y.val.sign() == 0) {
      error(xu::pos_of(y), "invalid operation: division by zero");
      x.set_invalid();
      return;
    }
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    if (x.val.is_unknown() || y.val.is_unknown()) {
      x.val = Value();
      return;
    }
    const bool int_div = op == Tok::Quo && xu::is_integer(x.type);
    x.val = binary_op(x.val, op, y.val, int_div);
    if (e != nullptr) x.expr = e;
    overflow(x, op_pos);
    return;
  }
  x.mode = Mode::Value;
}

void Checker::match_types(Operand& x, Operand& y) {
  // Whether an untyped operand may be converted to the other operand's type.
  auto may_convert = [](const Operand& a, const Operand& b) {
    if (!is_untyped(a.type) && !is_untyped(b.type)) return false;
    if (xu::is_numeric(a.type) != xu::is_numeric(b.type)) return false;
    if (xu::is_boolean(a.type) != xu::is_boolean(b.type)) return false;
    if (xu::is_string(a.type) != xu::is_string(b.type)) return false;
    if (a.is_nil()) return xu::has_nil(b.type) || b.is_nil();
    if (b.is_nil()) return xu::has_nil(a.type) || a.is_nil();
    if (xu::is_pointer(a.type) || xu::is_pointer(b.type)) return false;
    return true;
  };
  if (!may_convert(x, y)) return;
  convert_untyped(x, y.type);
  if (x.invalid()) return;
  convert_untyped(y, x.type);
  if (y.invalid()) x.set_invalid();
}

namespace {

// Why a type cannot be compared with == (go/types incomparableCause).
std::string incomparable_cause(const Checker& c, const Type* t) {
  const Type* u = underlying(t);
  if (u == nullptr) return "";
  switch (u->kind) {
    case TypeKind::Slice: return "slice can only be compared to nil";
    case TypeKind::Map: return "map can only be compared to nil";
    case TypeKind::Signature: return "func can only be compared to nil";
    case TypeKind::Struct:
      for (const Var* f : u->as<Struct>()->fields) {
        if (!comparable(f->type)) return "struct containing " + c.tstr(f->type) + " cannot be compared";
      }
      return "";
    case TypeKind::Array:
      return c.tstr(u) + " cannot be compared";
    default:
      return "";
  }
}

// Go's kind spelling for "operator < not defined on struct".
std::string kind_string(const Type* t) {
  const Type* u = underlying(t);
  if (u == nullptr) return "invalid type";
  switch (u->kind) {
    case TypeKind::Basic: return u->as<Basic>()->bkind == BasicKind::UntypedNil ? "nil" : u->as<Basic>()->name;
    case TypeKind::Pointer: return "pointer";
    case TypeKind::Array: return "array";
    case TypeKind::Slice: return "slice";
    case TypeKind::Map: return "map";
    case TypeKind::Chan: return "chan";
    case TypeKind::Port: return "port";
    case TypeKind::Island: return "island";
    case TypeKind::Struct: return "struct";
    case TypeKind::Signature: return "func";
    case TypeKind::Interface: return "interface";
    default: return "value";
  }
}

}  // namespace

void Checker::comparison(Operand& x, Operand& y, Tok op) {
  if (!xu::is_valid(x.type) || !xu::is_valid(y.type)) {
    x.set_invalid();
    return;
  }
  const Operand* err_op = &x;
  std::string cause;
  bool ok = assignable_to(x, y.type, nullptr) || assignable_to(y, x.type, nullptr);
  if (!ok) {
    err_op = &y;
    cause = "mismatched types " + tstr(x.type) + " and " + tstr(y.type);
  } else if (op == Tok::Eql || op == Tok::Neq) {
    if (x.is_nil() || y.is_nil()) {
      const Type* t = x.is_nil() ? y.type : x.type;
      if (!xu::has_nil(t)) {
        err_op = &y;
        ok = false;
      }
    } else if (!comparable(x.type)) {
      err_op = &x;
      cause = incomparable_cause(*this, x.type);
      ok = false;
    } else if (!comparable(y.type)) {
      err_op = &y;
      cause = incomparable_cause(*this, y.type);
      ok = false;
    }
  } else if (!xu::is_ordered(x.type)) {
    err_op = &x;
    ok = false;
  } else if (!xu::is_ordered(y.type)) {
    err_op = &y;
    ok = false;
  }
  if (!ok) {
    if (cause.empty()) cause = "operator " + xu::tok_str(op) + " not defined on " + kind_string(err_op->type);
    error(xu::pos_of(*err_op), "invalid operation: " + expr_string(x.expr) + " " + xu::tok_str(op) + " " +
                                   expr_string(y.expr) + " (" + cause + ")");
    x.set_invalid();
    return;
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    x.val = (x.val.is_unknown() || y.val.is_unknown()) ? Value() : Value::make_bool(compare(x.val, op, y.val));
  } else {
    // The operands are materialized at run time with their final types.
    x.mode = Mode::Value;
    if (!x.is_nil()) update_expr_type(x.expr, default_type(x.type), true);
    if (!y.is_nil()) update_expr_type(y.expr, default_type(y.type), true);
  }
  x.type = basic_type(BasicKind::UntypedBool);
}

void Checker::shift(Operand& x, Operand& y, const ast::Expr* e, Tok op) {
  Value xval;
  if (x.mode == Mode::Constant) xval = x.val.to_int();
  const bool lhs_ok = xu::is_integer(x.type) ||
                      (is_untyped(x.type) && x.mode == Mode::Constant && xval.kind() == Value::Kind::Int);
  if (!lhs_ok) {
    error(xu::pos_of(x), "invalid operation: shifted operand " + opstr(x) + " must be integer");
    x.set_invalid();
    return;
  }
  // The count must be an integer or an untyped constant representable as uint.
  Value yval;
  if (y.mode == Mode::Constant) {
    yval = y.val.to_int();
    if (yval.kind() == Value::Kind::Int && yval.sign() < 0) {
      error(xu::pos_of(y), "invalid operation: negative shift count " + opstr(y));
      x.set_invalid();
      return;
    }
    if (is_untyped(y.type)) {
      std::string why;
      Operand tmp = y;
      if (!representable(tmp, basic_type(BasicKind::Uint), &why)) {
        invalid_conversion(y, basic_type(BasicKind::Uint), why);
        x.set_invalid();
        return;
      }
    }
  } else if (!xu::is_integer(y.type)) {
    if (is_untyped(y.type)) {
      convert_untyped(y, basic_type(BasicKind::Uint));
      if (y.invalid()) {
        x.set_invalid();
        return;
      }
    } else {
      error(xu::pos_of(y), "invalid operation: shift count " + opstr(y) + " must be integer");
      x.set_invalid();
      return;
    }
  }
  if (x.mode == Mode::Constant) {
    if (y.mode == Mode::Constant) {
      if (x.val.is_unknown() || y.val.is_unknown()) {
        x.val = Value();
        if (!xu::is_integer(x.type)) x.type = basic_type(BasicKind::UntypedInt);
        return;
      }
      std::optional<uint64_t> s = yval.uint64_val();
      if (!s || *s > kMaxShiftCount) {
        error(xu::pos_of(y), "invalid operation: invalid shift count " + opstr(y));
        x.set_invalid();
        return;
      }
      // An untyped float constant such as 2.0 shifts as an integer.
      if (!xu::is_integer(x.type)) x.type = basic_type(BasicKind::UntypedInt);
      x.val = shift_op(xval, op, *s);
      const ast::Pos op_pos = e != nullptr ? e->pos : xu::pos_of(x);
      if (e != nullptr) x.expr = e;
      overflow(x, op_pos);
      return;
    }
    if (is_untyped(x.type)) {
      // A non-constant shift of an untyped constant: the constant takes the
      // type it would have without the shift, decided once the context
      // gives the shift a type (update_expr_type checks it then).
      auto it = untyped_.find(x.expr);
      if (it != untyped_.end()) it->second.is_lhs = true;
      x.mode = Mode::Value;
      return;
    }
  }
  if (!xu::is_integer(x.type)) {
    error(xu::pos_of(x), "invalid operation: shifted operand " + opstr(x) + " must be integer");
    x.set_invalid();
    return;
  }
  x.mode = Mode::Value;
}

// ---- constants and untyped conversion ---------------------------------------------

void Checker::overflow(Operand& x, ast::Pos op_pos) {
  if (x.mode != Mode::Constant) return;
  if (x.val.is_unknown()) {
    error(op_pos, "constant result is not representable");
    return;
  }
  // Typed constants must be representable in their type after every
  // operation.
  if (!is_untyped(x.type)) {
    const Basic* b = xu::basic_of(x.type);
    if (b != nullptr) representable(x, b, nullptr);
    return;
  }
  // Untyped integers must stay within the implementation's exact limit.
  if (x.val.kind() == Value::Kind::Int && !x.val.fits_int(kMaxConstBits + 1, false)) {
    error(op_pos, "constant overflow");
    x.val = Value();
  }
}

bool Checker::representable(Operand& x, const Basic* t, std::string* why) {
  Value rounded;
  if (representable_const(x.val, t, &rounded)) {
    if (!rounded.is_unknown()) x.val = std::move(rounded);
    return true;
  }
  // Describe the failure: numeric overflow or truncation; anything else is
  // a plain impossible conversion (empty reason).
  std::string reason;
  if (xu::is_numeric(x.type) && t->is_numeric()) {
    const bool integral = x.val.to_int().kind() == Value::Kind::Int;
    if (t->is_integer() && !integral) {
      reason = "constant " + x.val.str() + " truncated to " + tstr(t);
    } else if (t->is_float() && is_untyped(x.type)) {
      reason = tstr(x.type) + " overflows " + tstr(t);
    } else {
      reason = "constant " + x.val.str() + " overflows " + tstr(t);
    }
  }
  if (why != nullptr) {
    *why = reason;
    return false;
  }
  invalid_conversion(x, t, reason);
  x.set_invalid();
  return false;
}

const Type* Checker::implicit_type(const Operand& x, const Type* target, Value* val, std::string* why) {
  if (x.invalid() || !is_untyped(x.type) || !xu::is_valid(target)) return x.type;
  if (is_untyped(target)) {
    // Both untyped: the result is the larger numeric kind.
    if (x.is_nil()) return xu::is_untyped_nil(target) ? target : nullptr;
    const Type* m = max_untyped(x.type, target);
    if (m == nullptr && why != nullptr) why->clear();
    return m;
  }
  if (x.is_nil()) {
    if (xu::has_nil(target)) return target;
    if (why != nullptr) why->clear();
    return nullptr;
  }
  const Type* u = underlying(target);
  if (const Basic* b = u->as<Basic>()) {
    if (x.mode == Mode::Constant) {
      Operand tmp = x;
      std::string reason;
      if (!representable(tmp, b, &reason)) {
        if (why != nullptr) *why = reason;
        return nullptr;
      }
      if (val != nullptr) *val = tmp.val;
      return target;
    }
    // Non-constant untyped values: comparison results (bool) and the
    // operands of delayed non-constant shifts (numbers).
    const Basic* xb = x.type->as<Basic>();
    bool ok = false;
    switch (xb->bkind) {
      case BasicKind::UntypedBool: ok = b->is_boolean(); break;
      case BasicKind::UntypedInt: case BasicKind::UntypedRune: case BasicKind::UntypedFloat:
        ok = b->is_numeric();
        break;
      case BasicKind::UntypedString: ok = b->is_string(); break;
      default: break;
    }
    if (!ok) {
      if (why != nullptr) why->clear();
      return nullptr;
    }
    return target;
  }
  if (const Interface* it = u->as<Interface>()) {
    // Values in interfaces have concrete dynamic types: an untyped constant
    // takes its default type (only the empty interface accepts it here; a
    // non-empty one is reported by the assignment).
    complete_interface(it);
    if (!it->empty()) {
      if (why != nullptr) why->clear();
      return nullptr;
    }
    return default_type(x.type);
  }
  if (why != nullptr) why->clear();
  return nullptr;
}

void Checker::convert_untyped(Operand& x, const Type* target) {
  if (x.invalid() || !is_untyped(x.type) || !xu::is_valid(target)) return;
  Value val;
  std::string why;
  const Type* t = implicit_type(x, target, &val, &why);
  if (t == nullptr) {
    const Type* shown = is_untyped(target) ? target : underlying(target);
    invalid_conversion(x, shown, why);
    x.set_invalid();
    return;
  }
  if (x.mode == Mode::Constant && !val.is_unknown()) {
    x.val = val;
    auto it = x.expr != nullptr ? untyped_.find(x.expr) : untyped_.end();
    if (it != untyped_.end()) it->second.val = std::move(val);
  }
  if (x.is_nil()) {
    // nil keeps its untyped nil type on the operand (comparisons and
    // assignments test for it) but records the type it is used as.
    if (!is_untyped(t) && x.expr != nullptr) update_expr_type(x.expr, t, true);
    return;
  }
  if (t != x.type) {
    x.type = t;
    if (x.expr != nullptr) update_expr_type(x.expr, t, false);
  }
}

void Checker::invalid_conversion(Operand& x, const Type* target, const std::string& why) {
  if (!why.empty()) {
    error(xu::pos_of(x), why);
    return;
  }
  error(xu::pos_of(x), "cannot convert " + opstr(x) + " to type " + tstr(target));
}

}  // namespace vo::types
