// The universe scope: predeclared types, constants, nil and builtins. Built
// once on first use and shared by every checked program (read-only).
#include <array>
#include <memory>
#include <vector>

#include "types/object.h"
#include "types/type.h"

namespace vo::types {

namespace {

struct Universe {
  std::vector<std::unique_ptr<Type>> types;
  std::vector<std::unique_ptr<Object>> objects;
  std::unique_ptr<Scope> scope;
  std::array<const Basic*, static_cast<size_t>(BasicKind::UntypedNil) + 1> basics{};
  const Basic* byte_type = nullptr;
  const Basic* rune_type = nullptr;
  const Named* error_type = nullptr;
  const Interface* any_type = nullptr;

  template <class T, class... A>
  T* type(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* raw = p.get();
    types.push_back(std::move(p));
    return raw;
  }
  template <class T, class... A>
  T* object(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* raw = p.get();
    objects.push_back(std::move(p));
    return raw;
  }

  Universe() {
    scope = std::make_unique<Scope>(nullptr, "universe");
    init_basics();
    init_any_and_error();
    init_constants();
    init_builtins();
  }

  void declare_type(const std::string& name, const Type* t, bool alias) {
    TypeName* tn = object<TypeName>(name);
    tn->type = t;
    tn->is_alias = alias;
    scope->insert(tn);
  }

  void init_basics() {
    struct Entry { BasicKind kind; const char* name; bool declared; };
    const Entry entries[] = {
        {BasicKind::Invalid, "invalid type", false},
        {BasicKind::Bool, "bool", true},
        {BasicKind::Int, "int", true},
        {BasicKind::Int8, "int8", true},
        {BasicKind::Int16, "int16", true},
        {BasicKind::Int32, "int32", true},
        {BasicKind::Int64, "int64", true},
        {BasicKind::Uint, "uint", true},
        {BasicKind::Uint8, "uint8", true},
        {BasicKind::Uint16, "uint16", true},
        {BasicKind::Uint32, "uint32", true},
        {BasicKind::Uint64, "uint64", true},
        {BasicKind::Float32, "float32", true},
        {BasicKind::Float64, "float64", true},
        {BasicKind::String, "string", true},
        {BasicKind::UntypedBool, "untyped bool", false},
        {BasicKind::UntypedInt, "untyped int", false},
        {BasicKind::UntypedRune, "untyped rune", false},
        {BasicKind::UntypedFloat, "untyped float", false},
        {BasicKind::UntypedString, "untyped string", false},
        {BasicKind::UntypedNil, "untyped nil", false},
    };
    for (const Entry& e : entries) {
      Basic* b = type<Basic>(e.kind, e.name);
      basics[static_cast<size_t>(e.kind)] = b;
      if (e.declared) declare_type(e.name, b, false);
    }
    // byte and rune are aliases; distinct Basic instances keep their spelling
    // in messages while identical() treats them as uint8/int32.
    byte_type = type<Basic>(BasicKind::Uint8, "byte");
    rune_type = type<Basic>(BasicKind::Int32, "rune");
    declare_type("byte", byte_type, true);
    declare_type("rune", rune_type, true);
  }

  void init_any_and_error() {
    Interface* any = type<Interface>();
    any->complete = true;
    any_type = any;
    declare_type("any", any, true);

    // type error interface { Error() string }
    TypeName* tn = object<TypeName>("error");
    Named* named = type<Named>(tn);
    tn->type = named;
    Signature* sig = type<Signature>();
    sig->params = type<Tuple>();
    sig->results = type<Tuple>();
    Var* res = object<Var>("");
    res->type = basics[static_cast<size_t>(BasicKind::String)];
    res->is_param = true;
    sig->results->vars.push_back(res);
    Func* m = object<Func>("Error");
    m->type = sig;
    m->pkg_iface = true;
    Interface* iface = type<Interface>();
    iface->explicit_methods.push_back(m);
    iface->all_methods.push_back(m);
    iface->complete = true;
    named->underlying = iface;
    error_type = named;
    scope->insert(tn);
  }

  void init_constants() {
    const Type* ubool = basics[static_cast<size_t>(BasicKind::UntypedBool)];
    Const* t = object<Const>("true");
    t->type = ubool;
    t->val = Value::make_bool(true);
    scope->insert(t);
    Const* f = object<Const>("false");
    f->type = ubool;
    f->val = Value::make_bool(false);
    scope->insert(f);
    Const* iota = object<Const>("iota");
    iota->type = basics[static_cast<size_t>(BasicKind::UntypedInt)];
    iota->val = Value::make_int64(0);
    scope->insert(iota);
    Nil* nil = object<Nil>();
    nil->type = basics[static_cast<size_t>(BasicKind::UntypedNil)];
    scope->insert(nil);
  }

  void init_builtins() {
    struct Entry { const char* name; BuiltinId id; };
    const Entry entries[] = {
        {"append", BuiltinId::Append}, {"cap", BuiltinId::Cap},       {"close", BuiltinId::Close},
        {"copy", BuiltinId::Copy},     {"delete", BuiltinId::Delete}, {"len", BuiltinId::Len},
        {"make", BuiltinId::Make},     {"new", BuiltinId::New},       {"panic", BuiltinId::Panic},
        {"print", BuiltinId::Print},   {"println", BuiltinId::Println}, {"recover", BuiltinId::Recover},
        {"assert", BuiltinId::Assert},
    };
    const Type* invalid = basics[static_cast<size_t>(BasicKind::Invalid)];
    for (const Entry& e : entries) {
      Builtin* b = object<Builtin>(e.name, e.id);
      b->type = invalid;
      scope->insert(b);
    }
  }
};

const Universe& the_universe() {
  static const Universe u;
  return u;
}

}  // namespace

Scope* universe() { return the_universe().scope.get(); }

const Basic* basic_type(BasicKind k) { return the_universe().basics[static_cast<size_t>(k)]; }

const Named* universe_error() { return the_universe().error_type; }

const Type* universe_any() { return the_universe().any_type; }

const Basic* universe_byte() { return the_universe().byte_type; }

const Basic* universe_rune() { return the_universe().rune_type; }

}  // namespace vo::types
