// The predeclared functions of Vo (notes §1.9): len cap append copy delete
// make new close panic recover print println assert. Go's min, max, clear,
// complex, real and imag do not exist. Structure after go/types builtins.go.
#include <string>

#include "types/check_expr_util.h"
#include "types/checker_impl.h"

namespace vo::types {

namespace ast = syntax;

namespace {

struct BuiltinArity {
  size_t nargs;   // required arguments
  bool variadic;  // more are allowed
};

BuiltinArity arity(BuiltinId id) {
  switch (id) {
    case BuiltinId::Append: return {1, true};
    case BuiltinId::Cap: return {1, false};
    case BuiltinId::Close: return {1, false};
    case BuiltinId::Copy: return {2, false};
    case BuiltinId::Delete: return {2, false};
    case BuiltinId::Len: return {1, false};
    case BuiltinId::Make: return {1, true};
    case BuiltinId::New: return {1, false};
    case BuiltinId::Panic: return {1, false};
    case BuiltinId::Print: return {0, true};
    case BuiltinId::Println: return {0, true};
    case BuiltinId::Recover: return {0, false};
    case BuiltinId::Assert: return {1, true};
  }
  return {0, true};
}

// len/cap track whether their own operand has a call or receive: the flag
// is cleared for the operand and restored on scope exit.
struct CallOrRecvScope {
  bool& flag;
  bool saved;
  bool active;
  CallOrRecvScope(bool& f, bool track) : flag(f), saved(f), active(track) {
    if (active) flag = false;
  }
  ~CallOrRecvScope() {
    if (active) flag = saved;
  }
};

}  // namespace

std::string Checker::builtin_name(BuiltinId id) const {
  switch (id) {
    case BuiltinId::Append: return "append";
    case BuiltinId::Cap: return "cap";
    case BuiltinId::Close: return "close";
    case BuiltinId::Copy: return "copy";
    case BuiltinId::Delete: return "delete";
    case BuiltinId::Len: return "len";
    case BuiltinId::Make: return "make";
    case BuiltinId::New: return "new";
    case BuiltinId::Panic: return "panic";
    case BuiltinId::Print: return "print";
    case BuiltinId::Println: return "println";
    case BuiltinId::Recover: return "recover";
    case BuiltinId::Assert: return "assert";
  }
  return "builtin";
}

void Checker::builtin(Operand& x, const ast::CallExpr* call, BuiltinId id) {
  const std::string name = builtin_name(id);
  x.set_invalid();
  x.expr = call;
  x.type = invalid_type();
  if (call->ellipsis != ast::NoPos && id != BuiltinId::Append) {
    error(call->ellipsis, "invalid operation: invalid use of ... with built-in " + name);
    xu::use_exprs(*this, call->args);
    return;
  }
  // len/cap of an array are constant unless the operand has a call or receive.
  const bool is_len_cap = id == BuiltinId::Len || id == BuiltinId::Cap;
  CallOrRecvScope guard(has_call_or_recv_, is_len_cap);

  // make and new take a type first and evaluate their own arguments.
  std::vector<Operand> args;
  size_t nargs = call->args.size();
  if (id != BuiltinId::Make && id != BuiltinId::New) {
    collect_args(call->args, args);
    nargs = args.size();
  }
  const BuiltinArity ar = arity(id);
  if (nargs < ar.nargs || (!ar.variadic && nargs > ar.nargs)) {
    const char* msg = nargs < ar.nargs ? "not enough" : "too many";
    ast::Pos at = call->pos;
    if (nargs > ar.nargs && ar.nargs < call->args.size()) at = call->args[ar.nargs]->pos;
    error(at, std::string("invalid operation: ") + msg + " arguments for " + expr_string(call) + " (expected " +
                  std::to_string(ar.nargs) + ", found " + std::to_string(nargs) + ")");
    if (id == BuiltinId::Make || id == BuiltinId::New) xu::use_exprs(*this, call->args);
    return;
  }
  for (const Operand& a : args) {
    if (a.invalid()) return;
  }

  switch (id) {
    case BuiltinId::Append:
      builtin_append(x, call, args);
      return;
    case BuiltinId::Len:
    case BuiltinId::Cap: {
      Operand arg = args[0];
      builtin_len_cap(x, call, id, arg);
      // The guard restores the outer flag; a non-constant result implies the
      // operand was evaluated, which call_expr accounts for.
      return;
    }
    case BuiltinId::Make:
      builtin_make(x, call);
      return;
    case BuiltinId::New: {
      const Type* t = typ(call->args[0]);
      if (!xu::is_valid(t)) return;
      // Vo: new(T) only for a struct T (pointers point to structs only).
      const Pointer* p = make<Pointer>(t);
      const Type* u = underlying(t);
      if (u != nullptr && !u->is<Struct>()) {
        error(call->args[0]->pos, "invalid argument: cannot use new(" + tstr(t) + "): invalid pointer type " +
                                      tstr(p) + " (new requires a struct type)");
        return;
      }
      check_pointer_base(p, call->args[0]->pos);
      x.mode = Mode::Value;
      x.type = p;
      return;
    }
    case BuiltinId::Close: {
      Operand& ch = args[0];
      const Type* u = underlying(ch.type);
      if (const Chan* c = u != nullptr ? u->as<Chan>() : nullptr) {
        if (c->dir == ast::ChanDir::Recv) {
          error(xu::pos_of(ch), "invalid operation: cannot close receive-only channel " + opstr(ch));
          return;
        }
      } else if (const Port* p = u != nullptr ? u->as<Port>() : nullptr) {
        if (p->dir != ast::ChanDir::Both) {
          error(xu::pos_of(ch), "invalid operation: cannot close non-owner port " + opstr(ch));
          return;
        }
      } else {
        error(xu::pos_of(ch), "invalid operation: cannot close non-channel " + opstr(ch));
        return;
      }
      x.mode = Mode::NoValue;
      x.type = new_tuple({});
      return;
    }
    case BuiltinId::Copy: {
      Operand& dst = args[0];
      Operand& src = args[1];
      const Type* du = underlying(dst.type);
      const Slice* ds = du != nullptr ? du->as<Slice>() : nullptr;
      const Type* ss_elem = nullptr;
      const Type* su = underlying(src.type);
      if (xu::is_string(src.type)) {
        ss_elem = universe_byte();  // a string source copies its bytes
      } else if (const Slice* s = su != nullptr ? su->as<Slice>() : nullptr) {
        ss_elem = s->elem;
      }
      if (ds == nullptr || ss_elem == nullptr) {
        error(xu::pos_of(dst), "invalid argument: copy expects slice arguments; found " + opstr(dst) + " and " +
                                   opstr(src));
        return;
      }
      if (!identical(ds->elem, ss_elem)) {
        error(xu::pos_of(dst), "invalid argument: arguments to copy " + opstr(dst) + " and " + opstr(src) +
                                   " have different element types " + tstr(ds->elem) + " and " + tstr(ss_elem));
        return;
      }
      if (is_untyped(src.type)) convert_untyped(src, basic_type(BasicKind::String));
      x.mode = Mode::Value;
      x.type = basic_type(BasicKind::Int);
      return;
    }
    case BuiltinId::Delete: {
      Operand& m = args[0];
      const Type* u = underlying(m.type);
      const Map* mt = u != nullptr ? u->as<Map>() : nullptr;
      if (mt == nullptr) {
        error(xu::pos_of(m), "invalid argument: " + opstr(m) + " is not a map");
        return;
      }
      Operand key = args[1];
      assignment(key, mt->key, "argument to delete");
      if (key.invalid()) return;
      x.mode = Mode::NoValue;
      x.type = new_tuple({});
      return;
    }
    case BuiltinId::Panic: {
      Operand arg = args[0];
      assignment(arg, universe_any(), "argument to panic");
      if (arg.invalid()) return;
      x.mode = Mode::NoValue;
      x.type = new_tuple({});
      return;
    }
    case BuiltinId::Print:
    case BuiltinId::Println: {
      for (Operand& a : args) {
        assignment(a, nullptr, "argument to built-in " + name);
        if (a.invalid()) return;
      }
      x.mode = Mode::NoValue;
      x.type = new_tuple({});
      return;
    }
    case BuiltinId::Recover:
      x.mode = Mode::Value;
      x.type = universe_any();
      return;
    case BuiltinId::Assert: {
      Operand& cond = args[0];
      if (!xu::is_boolean(cond.type)) {
        error(xu::pos_of(cond), "invalid argument: " + opstr(cond) + " is not a boolean condition for assert");
        return;
      }
      const bool const_false = cond.mode == Mode::Constant && cond.val.kind() == Value::Kind::Bool &&
                               !cond.val.bool_val();
      if (is_untyped(cond.type)) convert_untyped(cond, basic_type(BasicKind::Bool));
      for (size_t i = 1; i < args.size(); ++i) {
        assignment(args[i], nullptr, "argument to assert");
        if (args[i].invalid()) return;
      }
      if (const_false) {
        // Vo: an assertion that can never hold is a compile error.
        error(call->pos, "assertion failed (the condition is constant false)");
        return;
      }
      x.mode = Mode::NoValue;
      x.type = new_tuple({});
      return;
    }
  }
}

void Checker::builtin_append(Operand& x, const ast::CallExpr* call, std::vector<Operand>& args) {
  Operand& s = args[0];
  const Type* st = s.type;
  const Type* u = underlying(st);
  const Slice* sl = u != nullptr ? u->as<Slice>() : nullptr;
  if (sl == nullptr) {
    std::string cause = s.is_nil() ? "have untyped nil" : "have " + opstr(s);
    error(xu::pos_of(s), "invalid argument: first argument to append must be a slice; " + cause);
    return;
  }
  const bool ddd = call->ellipsis != ast::NoPos;
  if (ddd && args.size() == 1) {
    // append(s...) has no slice to append to: the spread argument would be
    // the slice itself.
    error(call->ellipsis, "cannot use value in argument to append: " + expr_string(call->args[0]) +
                              "... needs a slice operand before it (append(s, " + expr_string(call->args[0]) +
                              "...))");
    return;
  }
  // append([]byte, string...) appends the string's bytes.
  if (ddd && args.size() == 2 && xu::is_string(args[1].type)) {
    Operand tmp = s;
    if (assignable_to(tmp, make<Slice>(universe_byte()), nullptr)) {
      if (is_untyped(args[1].type)) convert_untyped(args[1], basic_type(BasicKind::String));
      x.mode = Mode::Value;
      x.type = st;
      return;
    }
  }
  // The general case: a call of func(s S, x ...E) S.
  Signature* sig = make<Signature>();
  sig->params = new_tuple({st, make<Slice>(sl->elem)});
  sig->results = new_tuple({st});
  sig->variadic = true;
  arguments(call, sig, args, "append");
  x.mode = Mode::Value;
  x.type = st;
}

void Checker::builtin_len_cap(Operand& x, const ast::CallExpr* call, BuiltinId id, Operand& arg) {
  const std::string name = builtin_name(id);
  const Type* u = underlying(arg.type);
  Mode mode = Mode::Invalid;
  Value val;
  std::string why;
  switch (u != nullptr ? u->kind : TypeKind::Tuple) {
    case TypeKind::Basic:
      if (u->as<Basic>()->is_string() && id == BuiltinId::Len) {
        if (arg.mode == Mode::Constant) {
          mode = Mode::Constant;
          val = Value::make_int64(static_cast<int64_t>(arg.val.string_val().size()));
        } else {
          mode = Mode::Value;
        }
      }
      break;
    case TypeKind::Array:
      // Constant unless the operand contains a call or a receive (which must
      // then still be evaluated).
      mode = Mode::Value;
      if (!has_call_or_recv_) {
        mode = Mode::Constant;
        val = Value::make_int64(u->as<Array>()->len);
      }
      break;
    case TypeKind::Slice:
    case TypeKind::Chan:
      mode = Mode::Value;
      break;
    case TypeKind::Map:
      if (id == BuiltinId::Len) mode = Mode::Value;
      break;
    case TypeKind::Port:
      // Only ports with receive capability have a length and capacity.
      if (u->as<Port>()->dir != ast::ChanDir::Send) {
        mode = Mode::Value;
      } else {
        why = expr_string(arg.expr) + " is a send-only port (no receive capability)";
      }
      break;
    default:
      break;
  }
  if (mode == Mode::Invalid) {
    if (xu::is_valid(u)) {
      error(xu::pos_of(arg),
            "invalid argument " + tstr(arg.type) + " for " + name + ": " + (why.empty() ? opstr(arg) : why));
    }
    return;
  }
  // An untyped string operand is materialized as a string when not constant.
  if (is_untyped(arg.type) && mode != Mode::Constant) convert_untyped(arg, basic_type(BasicKind::String));
  x.mode = mode;
  x.type = basic_type(BasicKind::Int);
  x.val = val;
  x.expr = call;
}

void Checker::builtin_make(Operand& x, const ast::CallExpr* call) {
  const ast::Expr* arg0 = call->args[0];
  const size_t nargs = call->args.size();
  const Type* t = typ(arg0);
  if (!xu::is_valid(t)) {
    xu::use_exprs(*this, std::vector<ast::Expr*>(call->args.begin() + 1, call->args.end()));
    return;
  }
  size_t min = 0;
  size_t max = 0;
  const Type* u = underlying(t);
  switch (u != nullptr ? u->kind : TypeKind::Tuple) {
    case TypeKind::Slice: min = 2; max = 3; break;
    case TypeKind::Map: case TypeKind::Chan: min = 1; max = 2; break;
    case TypeKind::Port: min = 2; max = 2; break;     // a port needs a capacity
    case TypeKind::Island: min = 1; max = 1; break;   // an island takes no size
    default:
      error(arg0->pos, "invalid argument: cannot make " + expr_string(arg0) +
                           "; type must be slice, map, channel, port or island");
      xu::use_exprs(*this, std::vector<ast::Expr*>(call->args.begin() + 1, call->args.end()));
      return;
  }
  if (nargs < min || nargs > max) {
    std::string expect = min == max ? std::to_string(min) : std::to_string(min) + " or " + std::to_string(max);
    expect += max == 1 ? " argument" : " arguments";
    error(call->pos, "invalid operation: " + expr_string(call) + " expects " + expect + "; found " +
                         std::to_string(nargs));
    xu::use_exprs(*this, std::vector<ast::Expr*>(call->args.begin() + 1, call->args.end()));
    return;
  }
  if (u->is<Port>()) {
    // The capacity of a port must be positive; a constant is checked here.
    Operand n;
    expr(n, call->args[1]);
    if (!is_valid_index(n, "capacity", true)) return;
    if (n.mode == Mode::Constant && !n.val.is_unknown() && n.val.sign() <= 0) {
      error(xu::pos_of(n), "invalid argument: port capacity must be positive (got " + n.val.str() + ")");
      return;
    }
    x.mode = Mode::Value;
    x.type = t;
    return;
  }
  std::vector<int64_t> sizes;
  bool ok = true;
  for (size_t i = 1; i < nargs; ++i) {
    std::optional<int64_t> v = index(call->args[i], -1);
    if (!v) ok = false;
    else if (*v >= 0) sizes.push_back(*v);
  }
  if (ok && sizes.size() == 2 && sizes[0] > sizes[1]) {
    error(call->args[1]->pos, "invalid argument: length and capacity swapped");
  }
  x.mode = Mode::Value;
  x.type = t;
}

}  // namespace vo::types
