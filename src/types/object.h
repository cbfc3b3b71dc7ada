// Declared entities (objects), scopes and packages, as in Go's go/types.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "types/constant.h"
#include "types/type.h"

namespace vo::types {

class Scope;

enum class ObjKind : uint8_t { Var, Const, TypeName, Func, PkgName, Builtin, Nil, Label };

class Object {
 public:
  const ObjKind kind;
  std::string name;
  syntax::Pos pos = syntax::NoPos;
  Package* pkg = nullptr;       // nullptr for universe objects
  const Type* type = nullptr;   // nullptr until resolved
  Scope* parent = nullptr;      // scope the object was declared in (nullptr for fields/methods)
  Object(ObjKind k, std::string n) : kind(k), name(std::move(n)) {}
  virtual ~Object() = default;
  bool exported() const;  // first code point is an upper-case letter
  template <class T> T* as() { return kind == T::Kind ? static_cast<T*>(this) : nullptr; }
  template <class T> const T* as() const { return kind == T::Kind ? static_cast<const T*>(this) : nullptr; }
};

class Var final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::Var;
  explicit Var(std::string n) : Object(Kind, std::move(n)) {}
  bool is_field = false;
  bool embedded = false;    // embedded struct field
  bool is_param = false;    // parameter, receiver or named/unnamed result
  bool is_global = false;   // package-level variable
  bool used = false;
  // Escape facts (set by the checker's escape pass; read by the compiler).
  // A local variable lives in a heap box when captured by a closure, or when
  // a struct/array has its address taken, is sliced, or gets a pointer method
  // called on it (see ../shared/reference notes 1.5).
  bool captured = false;
  bool addr_taken = false;
  bool escapes() const { return captured || addr_taken; }
  // The function (FuncDecl or FuncLit node) that declares this local; nullptr for globals/fields.
  const syntax::Node* owner_func = nullptr;
};

class Const final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::Const;
  explicit Const(std::string n) : Object(Kind, std::move(n)) {}
  Value val;
};

class TypeName final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::TypeName;
  explicit TypeName(std::string n) : Object(Kind, std::move(n)) {}
  bool is_alias = false;
};

class Func final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::Func;
  explicit Func(std::string n) : Object(Kind, std::move(n)) {}
  // type is a Signature.
  const Signature* sig() const { return static_cast<const Signature*>(type); }
  const syntax::FuncDecl* decl = nullptr;  // nullptr for interface methods
  bool ptr_recv = false;   // method with a *T receiver
  bool is_iface_method() const { return decl == nullptr && sig() && sig()->recv == nullptr && pkg_iface; }
  bool pkg_iface = false;  // declared in an interface type
  // Qualified name for natives and diagnostics: "pkg.F" or "pkg.T.M".
  std::string full_name() const;
};

class PkgName final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::PkgName;
  explicit PkgName(std::string n) : Object(Kind, std::move(n)) {}
  Package* imported = nullptr;
  bool used = false;
};

enum class BuiltinId : uint8_t {
  Append, Cap, Close, Copy, Delete, Len, Make, New, Panic, Print, Println, Recover, Assert,
};

class Builtin final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::Builtin;
  Builtin(std::string n, BuiltinId id) : Object(Kind, std::move(n)), id(id) {}
  BuiltinId id;
};

class Nil final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::Nil;
  Nil() : Object(Kind, "nil") {}
};

class Label final : public Object {
 public:
  static constexpr ObjKind Kind = ObjKind::Label;
  explicit Label(std::string n) : Object(Kind, std::move(n)) {}
  bool used = false;
};

class Scope {
 public:
  Scope(Scope* parent, std::string comment) : parent(parent), comment(std::move(comment)) {}
  Scope* parent;
  std::string comment;  // "universe", "package main", "function", "block", ...
  std::vector<Scope*> children;
  // Returns the existing object if the name is already declared in this scope.
  Object* insert(Object* obj);
  Object* lookup_local(const std::string& name) const;
  // Innermost object named `name` visible from this scope (walking parents).
  Object* lookup(const std::string& name) const;
  const std::map<std::string, Object*>& objects() const { return objects_; }
  std::vector<Object*> ordered;  // objects in insertion order

 private:
  std::map<std::string, Object*> objects_;
};

class Package {
 public:
  std::string path;  // import path, "main" for the main package
  std::string name;
  Scope* scope = nullptr;
  std::vector<Package*> imports;
  bool is_std = false;  // from the embedded standard library
};

Scope* universe();

}  // namespace vo::types
