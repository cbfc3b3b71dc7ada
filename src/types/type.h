// The type representation produced by the checker, in the manner of Go's
// go/types. Types are not interned: use identical() to compare them, and
// type_hash() with identical() to key hash tables (compiler/layout.h does).
// All Type and Object instances are owned by a TypeArena and live as long as
// the checked program.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "syntax/ast.h"

namespace vo::types {

class Object;
class Var;
class Func;
class TypeName;
class Package;

enum class TypeKind : uint8_t {
  Basic, Named, Pointer, Array, Slice, Map, Chan, Port, Island,
  Struct, Signature, Interface, Tuple,
};

enum class BasicKind : uint8_t {
  Invalid,  // the type of an erroneous expression
  Bool,
  Int, Int8, Int16, Int32, Int64,
  Uint, Uint8, Uint16, Uint32, Uint64,
  Float32, Float64,
  String,
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedString, UntypedNil,
};

class Type {
 public:
  const TypeKind kind;
  explicit Type(TypeKind k) : kind(k) {}
  virtual ~Type() = default;
  template <class T> const T* as() const { return kind == T::Kind ? static_cast<const T*>(this) : nullptr; }
  template <class T> T* as() { return kind == T::Kind ? static_cast<T*>(this) : nullptr; }
  template <class T> bool is() const { return kind == T::Kind; }
};

class Basic final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Basic;
  Basic(BasicKind b, std::string name) : Type(Kind), bkind(b), name(std::move(name)) {}
  const BasicKind bkind;
  const std::string name;  // "int", "untyped float", ...
  bool is_integer() const { return (bkind >= BasicKind::Int && bkind <= BasicKind::Uint64) || bkind == BasicKind::UntypedInt || bkind == BasicKind::UntypedRune; }
  bool is_unsigned() const { return bkind >= BasicKind::Uint && bkind <= BasicKind::Uint64; }
  bool is_float() const { return bkind == BasicKind::Float32 || bkind == BasicKind::Float64 || bkind == BasicKind::UntypedFloat; }
  bool is_numeric() const { return is_integer() || is_float(); }
  bool is_string() const { return bkind == BasicKind::String || bkind == BasicKind::UntypedString; }
  bool is_boolean() const { return bkind == BasicKind::Bool || bkind == BasicKind::UntypedBool; }
  bool is_untyped() const { return bkind >= BasicKind::UntypedBool; }
  bool is_ordered() const { return is_numeric() || is_string(); }
  // Size in bits of a sized integer or float kind (int/uint are 64).
  int bits() const;
};

// A defined (named) type: type T U.
class Named final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Named;
  explicit Named(TypeName* obj) : Type(Kind), obj(obj) {}
  TypeName* obj;                       // the declaring type name
  const Type* underlying = nullptr;    // never Named; set when the declaration is resolved
  std::vector<Func*> methods;          // declared methods, value and pointer receivers, in source order
};

class Pointer final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Pointer;
  explicit Pointer(const Type* e) : Type(Kind), elem(e) {}
  const Type* elem;  // underlying type is always a struct in valid programs
};

class Array final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Array;
  Array(const Type* e, int64_t n) : Type(Kind), elem(e), len(n) {}
  const Type* elem;
  int64_t len;
};

class Slice final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Slice;
  explicit Slice(const Type* e) : Type(Kind), elem(e) {}
  const Type* elem;
};

class Map final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Map;
  Map(const Type* k, const Type* v) : Type(Kind), key(k), elem(v) {}
  const Type* key;
  const Type* elem;
};

class Chan final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Chan;
  Chan(syntax::ChanDir d, const Type* e) : Type(Kind), dir(d), elem(e) {}
  syntax::ChanDir dir;
  const Type* elem;
};

class Port final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Port;
  Port(syntax::ChanDir d, const Type* e) : Type(Kind), dir(d), elem(e) {}
  syntax::ChanDir dir;  // Both = owner `port T`, Send = `port<- T`, Recv = `<-port T`
  const Type* elem;
};

class Island final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Island;
  Island() : Type(Kind) {}
};

class Struct final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Struct;
  Struct() : Type(Kind) {}
  std::vector<Var*> fields;       // Var::is_field; Var::embedded for embedded fields
  std::vector<std::string> tags;  // same length as fields ("" when absent), unquoted
};

class Tuple final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Tuple;
  Tuple() : Type(Kind) {}
  std::vector<Var*> vars;
  size_t size() const { return vars.size(); }
};

class Signature final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Signature;
  Signature() : Type(Kind) {}
  Var* recv = nullptr;       // receiver for methods, else nullptr (not part of identity)
  Tuple* params = nullptr;   // never nullptr
  Tuple* results = nullptr;  // never nullptr
  bool variadic = false;     // last param has type []T written as ...T
};

class Interface final : public Type {
 public:
  static constexpr TypeKind Kind = TypeKind::Interface;
  Interface() : Type(Kind) {}
  std::vector<Func*> explicit_methods;
  std::vector<const Type*> embeddeds;  // embedded interface types (Named or Interface)
  // The full method set (explicit + embedded), sorted by name (unexported
  // names ordered by name then package path). Valid once `complete` is true;
  // the checker completes every interface it creates.
  std::vector<Func*> all_methods;
  bool complete = false;
  bool empty() const { return all_methods.empty(); }
};

// ---- Queries (implemented in type.cpp) -----------------------------------

// Underlying type: for Named, its underlying; otherwise the type itself.
const Type* underlying(const Type* t);
// Go's Identical: structural identity; Named types are identical only to themselves.
bool identical(const Type* a, const Type* b);
// A hash consistent with identical().
size_t type_hash(const Type* t);
// Go-style spelling, e.g. "[]int", "map[string]main.T", "func(int) error".
// Package-qualified names outside `relative_to` (nullptr qualifies none but
// the universe types stay bare).
std::string type_string(const Type* t, const Package* relative_to = nullptr);

bool is_interface(const Type* t);
bool is_untyped(const Type* t);
bool is_named(const Type* t);
bool comparable(const Type* t);  // == is defined (interfaces count as comparable)
// Type of a basic kind with this BasicKind (the universe's instance).
const Basic* basic_type(BasicKind k);
// The type an untyped constant kind defaults to (untyped int -> int, ...).
const Type* default_type(const Type* t);

// The predeclared `error` interface type (a Named).
const Named* universe_error();
const Type* universe_any();  // the empty interface
// The predeclared aliases byte and rune: distinct Basic instances (spelled
// "byte"/"rune" in messages) that are identical() to uint8/int32.
const Basic* universe_byte();
const Basic* universe_rune();

}  // namespace vo::types
