// The type checker: resolves names, computes types and constant values,
// reports every error with its position, and runs escape analysis.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "syntax/ast.h"
#include "syntax/diag.h"
#include "types/info.h"
#include "types/object.h"

namespace vo::types {

// Owns all Types, Objects and Scopes created while checking a program.
class TypeArena {
 public:
  template <class T, class... A>
  T* make(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* raw = p.get();
    if constexpr (std::is_base_of_v<Type, T>) types_.push_back(std::move(p));
    else if constexpr (std::is_base_of_v<Object, T>) objects_.push_back(std::move(p));
    else if constexpr (std::is_same_v<T, Package>) packages_.push_back(std::move(p));
    else scopes_.push_back(std::move(p));
    return raw;
  }

 private:
  std::vector<std::unique_ptr<Type>> types_;
  std::vector<std::unique_ptr<Object>> objects_;
  std::vector<std::unique_ptr<Package>> packages_;
  std::vector<std::unique_ptr<Scope>> scopes_;
};

struct CheckedPackage {
  Package* pkg = nullptr;
  std::vector<syntax::File*> files;
  Info info;
};

// Resolves an import path to an already checked package, or nullptr if the
// package does not exist (the checker then reports "could not import").
using Importer = std::function<CheckedPackage*(const std::string& path)>;

// Checks the files of one package. Errors (and warnings: unused variables,
// imports and labels are warnings in Vo) go to `diags`. The result is usable
// by the compiler only when diags has no errors.
std::unique_ptr<CheckedPackage> check_package(TypeArena& arena, const std::string& path,
                                              std::vector<syntax::File*> files,
                                              const syntax::Ast& ast, const Importer& importer,
                                              syntax::Diagnostics& diags);

// Field or method lookup as in Go's LookupFieldOrMethod, for the compiler
// (method sets and itabs). Returns a Selection with obj == nullptr when not
// found. `addressable` allows pointer methods on a non-pointer T.
Selection lookup_field_or_method(const Type* t, bool addressable, const Package* pkg,
                                 const std::string& name);

// Whether T (or *T when `t` is a Pointer) implements interface `iface`.
bool implements(const Type* t, const Interface* iface);

}  // namespace vo::types
