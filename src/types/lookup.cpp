// Field and method lookup through embedded fields (go/types
// lookupFieldOrMethod), method sets and interface satisfaction, interface
// method-set completion, and identity ignoring struct tags.
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "types/checker_impl.h"

namespace vo::types {

namespace {

std::string pkg_path(const Object* o) { return o != nullptr && o->pkg != nullptr ? o->pkg->path : std::string(); }

// Go's sameId: exported names match across packages, unexported ones only
// within their package.
bool same_id(const Object* o, const Package* pkg, const std::string& name) {
  if (o->name != name) return false;
  if (o->exported()) return true;
  const std::string p = pkg != nullptr ? pkg->path : std::string();
  return pkg_path(o) == p;
}

bool same_id(const Object* a, const Object* b) { return same_id(a, b->pkg, b->name); }

const Type* deref(const Type* t, bool* is_ptr) {
  if (const Pointer* p = t != nullptr ? t->as<Pointer>() : nullptr) {
    *is_ptr = true;
    return p->elem;
  }
  *is_ptr = false;
  return t;
}

struct Embedded {
  const Type* type;
  std::vector<int> index;  // embedded-field path to this type
  bool indirect;           // a pointer was followed on the way
  bool multiples;          // the type occurs more than once at this depth
};

std::vector<int> concat(const std::vector<int>& path, int i) {
  std::vector<int> r = path;
  r.push_back(i);
  return r;
}

// Merges entries for the same Named type at one depth (they collide only
// with each other if the name is found there).
std::vector<Embedded> consolidate(std::vector<Embedded> list) {
  std::vector<Embedded> out;
  for (Embedded& e : list) {
    const Named* n = e.type != nullptr ? e.type->as<Named>() : nullptr;
    auto it = n == nullptr ? out.end()
                           : std::find_if(out.begin(), out.end(), [n](const Embedded& x) { return x.type == n; });
    if (it != out.end()) {
      it->multiples = true;
    } else {
      out.push_back(std::move(e));
    }
  }
  return out;
}

bool less_method(const Func* a, const Func* b) {
  if (a->name != b->name) return a->name < b->name;
  return pkg_path(a) < pkg_path(b);
}

}  // namespace

LookupResult lookup_impl(const Type* t, bool addressable, const Package* pkg, const std::string& name) {
  LookupResult res;
  if (t == nullptr || name == "_") return res;
  bool is_ptr = false;
  const Type* typ = deref(t, &is_ptr);
  // *I for an interface I has no methods.
  if (is_ptr && underlying(typ) != nullptr && underlying(typ)->is<Interface>()) return res;

  std::vector<Embedded> current{{typ, {}, is_ptr, false}};
  std::unordered_set<const Named*> seen;
  while (!current.empty()) {
    std::vector<Embedded> next;
    for (const Embedded& e : current) {
      const Type* et = e.type;
      if (const Named* n = et != nullptr ? et->as<Named>() : nullptr) {
        // A type seen at a shallower depth shadows it here.
        if (!seen.insert(n).second) continue;
        const Func* found = nullptr;
        for (const Func* m : n->methods) {
          if (same_id(m, pkg, name)) found = m;
        }
        if (found != nullptr) {
          if (res.obj != nullptr || e.multiples) return LookupResult{LookupResult::Status::Ambiguous, nullptr, {}, false};
          res.obj = const_cast<Func*>(found);
          res.index = e.index;
          res.indirect = e.indirect;
          continue;  // no field or interface method can match as well
        }
      }
      const Type* u = underlying(et);
      if (u == nullptr) continue;
      if (const Struct* st = u->as<Struct>()) {
        for (size_t i = 0; i < st->fields.size(); ++i) {
          const Var* f = st->fields[i];
          if (same_id(f, pkg, name)) {
            if (res.obj != nullptr || e.multiples) return LookupResult{LookupResult::Status::Ambiguous, nullptr, {}, false};
            res.obj = const_cast<Var*>(f);
            res.index = concat(e.index, static_cast<int>(i));
            res.indirect = e.indirect;
            continue;
          }
          // Embedded fields are searched at the next depth unless a match
          // was already found at this one.
          if (res.obj == nullptr && f->embedded) {
            bool p = false;
            const Type* ft = deref(f->type, &p);
            next.push_back(Embedded{ft, concat(e.index, static_cast<int>(i)), e.indirect || p, e.multiples});
          }
        }
      } else if (const Interface* it = u->as<Interface>()) {
        complete_interface(it);
        for (const Func* m : it->all_methods) {
          if (!same_id(m, pkg, name)) continue;
          if (res.obj != nullptr || e.multiples) return LookupResult{LookupResult::Status::Ambiguous, nullptr, {}, false};
          res.obj = const_cast<Func*>(m);
          res.index = e.index;
          res.indirect = e.indirect;
        }
      }
    }
    if (res.obj != nullptr) {
      // A pointer method needs a pointer or an addressable receiver.
      if (const Func* f = res.obj->as<Func>(); f != nullptr && f->ptr_recv && !res.indirect && !addressable) {
        return LookupResult{LookupResult::Status::NeedsAddr, res.obj, res.index, false};
      }
      res.status = LookupResult::Status::Found;
      return res;
    }
    current = consolidate(std::move(next));
  }
  return res;
}

Selection lookup_field_or_method(const Type* t, bool addressable, const Package* pkg, const std::string& name) {
  Selection sel;
  sel.recv = t;
  LookupResult r = lookup_impl(t, addressable, pkg, name);
  if (r.status != LookupResult::Status::Found) return sel;
  sel.obj = r.obj;
  sel.kind = r.obj->kind == ObjKind::Func ? Selection::Kind::MethodVal : Selection::Kind::FieldVal;
  sel.index = r.index;
  sel.indirect = r.indirect;
  return sel;
}

// ---- interfaces -------------------------------------------------------------------------------

void complete_interface(const Interface* it) {
  if (it == nullptr || it->complete) return;
  // Embedding cycles (reported by the checker) must not recurse forever.
  static thread_local std::unordered_set<const Interface*> in_progress;
  if (!in_progress.insert(it).second) return;
  bool resolved = true;
  std::vector<Func*> all(it->explicit_methods.begin(), it->explicit_methods.end());
  for (const Type* e : it->embeddeds) {
    const Type* u = underlying(e);
    const Interface* ei = u != nullptr ? u->as<Interface>() : nullptr;
    if (ei == nullptr) {
      if (u == nullptr) resolved = false;  // still being declared
      continue;
    }
    complete_interface(ei);
    if (!ei->complete) resolved = false;
    for (Func* m : ei->all_methods) {
      bool dup = false;
      for (const Func* a : all) dup = dup || same_id(a, m);
      if (!dup) all.push_back(m);
    }
  }
  std::sort(all.begin(), all.end(), less_method);
  Interface* mut = const_cast<Interface*>(it);
  mut->all_methods = std::move(all);
  mut->complete = resolved;
  in_progress.erase(it);
}

std::optional<MissingMethod> missing_method(const Type* t, const Interface* iface) {
  complete_interface(iface);
  const Type* tu = underlying(t);
  if (const Interface* ti = tu != nullptr ? tu->as<Interface>() : nullptr) {
    complete_interface(ti);
    for (Func* m : iface->all_methods) {
      Func* have = nullptr;
      for (Func* h : ti->all_methods) {
        if (same_id(h, m)) have = h;
      }
      if (have == nullptr) return MissingMethod{m, false, false, nullptr};
      if (!identical(have->type, m->type)) return MissingMethod{m, true, false, have};
    }
    return std::nullopt;
  }
  for (Func* m : iface->all_methods) {
    LookupResult r = lookup_impl(t, false, m->pkg, m->name);
    Func* f = r.obj != nullptr ? r.obj->as<Func>() : nullptr;
    if (f == nullptr) return MissingMethod{m, false, false, nullptr};
    if (!identical(f->type, m->type)) return MissingMethod{m, true, false, f};
    if (r.status == LookupResult::Status::NeedsAddr) return MissingMethod{m, false, true, f};
  }
  return std::nullopt;
}

namespace {

std::string method_sig(const Func* f) {
  // "M(int) string": the signature spelling without the leading "func".
  std::string s = type_string(f->type, nullptr);
  if (s.rfind("func", 0) == 0) s = s.substr(4);
  return f->name + s;
}

// A method of t whose name differs only in case (for the "have/want" hint).
const Func* method_other_case(const Type* t, const std::string& name) {
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  bool p = false;
  const Type* base = deref(t, &p);
  const Named* n = base != nullptr ? base->as<Named>() : nullptr;
  if (n == nullptr) return nullptr;
  for (const Func* m : n->methods) {
    if (m->name != name && lower(m->name) == lower(name)) return m;
  }
  return nullptr;
}

}  // namespace

std::string missing_method_reason(const Type* t, const Type* iface, const MissingMethod& m) {
  (void)iface;
  if (m.method == nullptr) return "";
  const std::string& name = m.method->name;
  if (m.wrong_type && m.have != nullptr) {
    return "(wrong type for method " + name + ")\n\t\thave " + method_sig(m.have) + "\n\t\twant " +
           method_sig(m.method);
  }
  if (m.ptr_recv) return "(method " + name + " has pointer receiver)";
  if (const Func* other = method_other_case(t, name)) {
    return "(missing method " + name + ")\n\t\thave " + method_sig(other) + "\n\t\twant " + method_sig(m.method);
  }
  return "(missing method " + name + ")";
}

bool implements(const Type* t, const Interface* iface) {
  if (t == nullptr || iface == nullptr) return false;
  return !missing_method(t, iface).has_value();
}

bool is_builtin_error(const Type* t) {
  if (t == nullptr) return false;
  if (const Signature* s = t->as<Signature>()) t = s->results;
  if (const Tuple* tu = t->as<Tuple>()) {
    if (tu->vars.empty()) return false;
    t = tu->vars.back()->type;
  }
  return t == universe_error();
}

// ---- identity ignoring tags -------------------------------------------------------------------

namespace {

bool ident_nt(const Type* a, const Type* b);

bool tuples_nt(const Tuple* a, const Tuple* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr || a->vars.size() != b->vars.size()) return false;
  for (size_t i = 0; i < a->vars.size(); ++i) {
    if (!ident_nt(a->vars[i]->type, b->vars[i]->type)) return false;
  }
  return true;
}

bool ident_nt(const Type* a, const Type* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr || a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Pointer: return ident_nt(a->as<Pointer>()->elem, b->as<Pointer>()->elem);
    case TypeKind::Array:
      return a->as<Array>()->len == b->as<Array>()->len && ident_nt(a->as<Array>()->elem, b->as<Array>()->elem);
    case TypeKind::Slice: return ident_nt(a->as<Slice>()->elem, b->as<Slice>()->elem);
    case TypeKind::Map:
      return ident_nt(a->as<Map>()->key, b->as<Map>()->key) && ident_nt(a->as<Map>()->elem, b->as<Map>()->elem);
    case TypeKind::Chan:
      return a->as<Chan>()->dir == b->as<Chan>()->dir && ident_nt(a->as<Chan>()->elem, b->as<Chan>()->elem);
    case TypeKind::Port:
      return a->as<Port>()->dir == b->as<Port>()->dir && ident_nt(a->as<Port>()->elem, b->as<Port>()->elem);
    case TypeKind::Struct: {
      const Struct* sa = a->as<Struct>();
      const Struct* sb = b->as<Struct>();
      if (sa->fields.size() != sb->fields.size()) return false;
      for (size_t i = 0; i < sa->fields.size(); ++i) {
        const Var* fa = sa->fields[i];
        const Var* fb = sb->fields[i];
        if (fa->embedded != fb->embedded || !same_id(fa, fb) || !ident_nt(fa->type, fb->type)) return false;
      }
      return true;
    }
    case TypeKind::Signature: {
      const Signature* sa = a->as<Signature>();
      const Signature* sb = b->as<Signature>();
      return sa->variadic == sb->variadic && tuples_nt(sa->params, sb->params) && tuples_nt(sa->results, sb->results);
    }
    case TypeKind::Tuple: return tuples_nt(a->as<Tuple>(), b->as<Tuple>());
    default: return identical(a, b);  // Basic, Named, Island, Interface: no tags inside that matter
  }
}

}  // namespace

bool identical_ignore_tags(const Type* a, const Type* b) { return ident_nt(a, b); }

}  // namespace vo::types
