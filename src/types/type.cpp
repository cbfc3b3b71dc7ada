// Type queries: identity, hashing, spelling and the small predicates used
// throughout the checker and the compiler.
#include "types/type.h"

#include <functional>

#include "types/object.h"

namespace vo::types {

int Basic::bits() const {
  switch (bkind) {
    case BasicKind::Int8: case BasicKind::Uint8: return 8;
    case BasicKind::Int16: case BasicKind::Uint16: return 16;
    case BasicKind::Int32: case BasicKind::Uint32: case BasicKind::Float32: return 32;
    case BasicKind::Int: case BasicKind::Uint: case BasicKind::Int64: case BasicKind::Uint64:
    case BasicKind::Float64: return 64;
    default: return 0;
  }
}

const Type* underlying(const Type* t) {
  if (t == nullptr) return nullptr;
  if (const Named* n = t->as<Named>()) return n->underlying;
  return t;
}

namespace {

bool identical_tuples(const Tuple* a, const Tuple* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  if (a->vars.size() != b->vars.size()) return false;
  for (size_t i = 0; i < a->vars.size(); ++i) {
    if (!identical(a->vars[i]->type, b->vars[i]->type)) return false;
  }
  return true;
}

// Field and method names match across packages only when exported.
bool same_id(const Object* a, const Object* b) {
  if (a->name != b->name) return false;
  if (a->exported()) return true;
  const std::string pa = a->pkg ? a->pkg->path : std::string();
  const std::string pb = b->pkg ? b->pkg->path : std::string();
  return pa == pb;
}

bool identical_structs(const Struct* a, const Struct* b) {
  if (a->fields.size() != b->fields.size()) return false;
  for (size_t i = 0; i < a->fields.size(); ++i) {
    const Var* fa = a->fields[i];
    const Var* fb = b->fields[i];
    if (fa->embedded != fb->embedded || !same_id(fa, fb)) return false;
    if (!identical(fa->type, fb->type)) return false;
    const std::string& ta = i < a->tags.size() ? a->tags[i] : std::string();
    const std::string& tb = i < b->tags.size() ? b->tags[i] : std::string();
    if (ta != tb) return false;
  }
  return true;
}

bool identical_interfaces(const Interface* a, const Interface* b) {
  if (a->all_methods.size() != b->all_methods.size()) return false;
  // all_methods is sorted the same way for both, so compare pairwise.
  for (size_t i = 0; i < a->all_methods.size(); ++i) {
    const Func* fa = a->all_methods[i];
    const Func* fb = b->all_methods[i];
    if (!same_id(fa, fb) || !identical(fa->type, fb->type)) return false;
  }
  return true;
}

}  // namespace

bool identical(const Type* a, const Type* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Basic:
      return a->as<Basic>()->bkind == b->as<Basic>()->bkind;
    case TypeKind::Named:
      return false;  // distinct Named objects are distinct types
    case TypeKind::Pointer:
      return identical(a->as<Pointer>()->elem, b->as<Pointer>()->elem);
    case TypeKind::Array:
      return a->as<Array>()->len == b->as<Array>()->len &&
             identical(a->as<Array>()->elem, b->as<Array>()->elem);
    case TypeKind::Slice:
      return identical(a->as<Slice>()->elem, b->as<Slice>()->elem);
    case TypeKind::Map:
      return identical(a->as<Map>()->key, b->as<Map>()->key) &&
             identical(a->as<Map>()->elem, b->as<Map>()->elem);
    case TypeKind::Chan:
      return a->as<Chan>()->dir == b->as<Chan>()->dir &&
             identical(a->as<Chan>()->elem, b->as<Chan>()->elem);
    case TypeKind::Port:
      return a->as<Port>()->dir == b->as<Port>()->dir &&
             identical(a->as<Port>()->elem, b->as<Port>()->elem);
    case TypeKind::Island:
      return true;
    case TypeKind::Struct:
      return identical_structs(a->as<Struct>(), b->as<Struct>());
    case TypeKind::Signature: {
      const Signature* sa = a->as<Signature>();
      const Signature* sb = b->as<Signature>();
      return sa->variadic == sb->variadic && identical_tuples(sa->params, sb->params) &&
             identical_tuples(sa->results, sb->results);
    }
    case TypeKind::Interface:
      return identical_interfaces(a->as<Interface>(), b->as<Interface>());
    case TypeKind::Tuple:
      return identical_tuples(a->as<Tuple>(), b->as<Tuple>());
  }
  return false;
}

namespace {

size_t mix(size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); }

size_t tuple_hash(const Tuple* t) {
  size_t h = 17;
  if (t == nullptr) return h;
  for (const Var* v : t->vars) h = mix(h, type_hash(v->type));
  return h;
}

}  // namespace

size_t type_hash(const Type* t) {
  if (t == nullptr) return 0;
  size_t h = static_cast<size_t>(t->kind) * 31 + 7;
  switch (t->kind) {
    case TypeKind::Basic:
      return mix(h, static_cast<size_t>(t->as<Basic>()->bkind));
    case TypeKind::Named:
      return mix(h, std::hash<const void*>()(t));
    case TypeKind::Pointer:
      return mix(h, type_hash(t->as<Pointer>()->elem));
    case TypeKind::Array:
      return mix(mix(h, static_cast<size_t>(t->as<Array>()->len)), type_hash(t->as<Array>()->elem));
    case TypeKind::Slice:
      return mix(h, type_hash(t->as<Slice>()->elem));
    case TypeKind::Map:
      return mix(mix(h, type_hash(t->as<Map>()->key)), type_hash(t->as<Map>()->elem));
    case TypeKind::Chan:
      return mix(mix(h, static_cast<size_t>(t->as<Chan>()->dir)), type_hash(t->as<Chan>()->elem));
    case TypeKind::Port:
      return mix(mix(h, static_cast<size_t>(t->as<Port>()->dir)), type_hash(t->as<Port>()->elem));
    case TypeKind::Island:
      return h;
    case TypeKind::Struct:
      for (const Var* f : t->as<Struct>()->fields) {
        h = mix(h, std::hash<std::string>()(f->name));
        h = mix(h, type_hash(f->type));
      }
      return h;
    case TypeKind::Signature: {
      const Signature* s = t->as<Signature>();
      h = mix(h, s->variadic ? 1 : 0);
      h = mix(h, tuple_hash(s->params));
      return mix(h, tuple_hash(s->results));
    }
    case TypeKind::Interface:
      for (const Func* m : t->as<Interface>()->all_methods) {
        h = mix(h, std::hash<std::string>()(m->name));
      }
      return h;
    case TypeKind::Tuple:
      return mix(h, tuple_hash(t->as<Tuple>()));
  }
  return h;
}

// ---- Spelling ---------------------------------------------------------------

namespace {

class TypeWriter {
 public:
  explicit TypeWriter(const Package* rel) : rel_(rel) {}
  std::string out;

  void write(const Type* t) {
    if (t == nullptr) { out += "<nil>"; return; }
    switch (t->kind) {
      case TypeKind::Basic: out += t->as<Basic>()->name; return;
      case TypeKind::Named: write_named(t->as<Named>()); return;
      case TypeKind::Pointer: out += "*"; write(t->as<Pointer>()->elem); return;
      case TypeKind::Array:
        out += "[" + std::to_string(t->as<Array>()->len) + "]";
        write(t->as<Array>()->elem);
        return;
      case TypeKind::Slice: out += "[]"; write(t->as<Slice>()->elem); return;
      case TypeKind::Map:
        out += "map[";
        write(t->as<Map>()->key);
        out += "]";
        write(t->as<Map>()->elem);
        return;
      case TypeKind::Chan: write_chan(t->as<Chan>()); return;
      case TypeKind::Port: write_port(t->as<Port>()); return;
      case TypeKind::Island: out += "island"; return;
      case TypeKind::Struct: write_struct(t->as<Struct>()); return;
      case TypeKind::Signature: out += "func"; write_signature(t->as<Signature>()); return;
      case TypeKind::Interface: write_interface(t->as<Interface>()); return;
      case TypeKind::Tuple: write_tuple(t->as<Tuple>(), false); return;
    }
  }

  void write_signature(const Signature* s) {
    write_tuple(s->params, s->variadic);
    if (s->results == nullptr || s->results->vars.empty()) return;
    out += " ";
    if (s->results->vars.size() == 1 && s->results->vars[0]->name.empty()) {
      write(s->results->vars[0]->type);
      return;
    }
    write_tuple(s->results, false);
  }

 private:
  const Package* rel_;

  void write_named(const Named* n) {
    const TypeName* obj = n->obj;
    if (obj == nullptr) { out += "<named>"; return; }
    if (obj->pkg != nullptr && obj->pkg != rel_) out += obj->pkg->name + ".";
    out += obj->name;
  }

  void write_chan(const Chan* c) {
    bool paren = false;
    switch (c->dir) {
      case syntax::ChanDir::Send: out += "chan<- "; break;
      case syntax::ChanDir::Recv: out += "<-chan "; break;
      case syntax::ChanDir::Both:
        out += "chan ";
        // chan (<-chan T) must keep its parentheses.
        if (const Chan* e = c->elem ? c->elem->as<Chan>() : nullptr) paren = e->dir == syntax::ChanDir::Recv;
        break;
    }
    if (paren) out += "(";
    write(c->elem);
    if (paren) out += ")";
  }

  void write_port(const Port* p) {
    switch (p->dir) {
      case syntax::ChanDir::Send: out += "port<- "; break;
      case syntax::ChanDir::Recv: out += "<-port "; break;
      case syntax::ChanDir::Both: out += "port "; break;
    }
    write(p->elem);
  }

  void write_struct(const Struct* s) {
    out += "struct{";
    for (size_t i = 0; i < s->fields.size(); ++i) {
      if (i > 0) out += "; ";
      const Var* f = s->fields[i];
      if (!f->embedded) out += f->name + " ";
      write(f->type);
      if (i < s->tags.size() && !s->tags[i].empty()) out += " \"" + s->tags[i] + "\"";
    }
    out += "}";
  }

  void write_interface(const Interface* it) {
    if (it == universe_any()) { out += "any"; return; }
    out += "interface{";
    bool first = true;
    // Prefer the declared shape (explicit methods and embeddeds) when available.
    if (!it->explicit_methods.empty() || !it->embeddeds.empty()) {
      for (const Func* m : it->explicit_methods) {
        if (!first) out += "; ";
        first = false;
        out += m->name;
        write_signature(m->sig());
      }
      for (const Type* e : it->embeddeds) {
        if (!first) out += "; ";
        first = false;
        write(e);
      }
    } else {
      for (const Func* m : it->all_methods) {
        if (!first) out += "; ";
        first = false;
        out += m->name;
        write_signature(m->sig());
      }
    }
    out += "}";
  }

  void write_tuple(const Tuple* t, bool variadic) {
    out += "(";
    if (t != nullptr) {
      for (size_t i = 0; i < t->vars.size(); ++i) {
        if (i > 0) out += ", ";
        const Var* v = t->vars[i];
        if (!v->name.empty()) out += v->name + " ";
        if (variadic && i + 1 == t->vars.size()) {
          out += "...";
          const Slice* s = v->type ? v->type->as<Slice>() : nullptr;
          write(s ? s->elem : v->type);
        } else {
          write(v->type);
        }
      }
    }
    out += ")";
  }
};

}  // namespace

std::string type_string(const Type* t, const Package* relative_to) {
  TypeWriter w(relative_to);
  w.write(t);
  return w.out;
}

// ---- Predicates -------------------------------------------------------------

bool is_interface(const Type* t) {
  const Type* u = underlying(t);
  return u != nullptr && u->is<Interface>();
}

bool is_untyped(const Type* t) {
  const Basic* b = t ? t->as<Basic>() : nullptr;
  return b != nullptr && b->is_untyped();
}

bool is_named(const Type* t) {
  if (t == nullptr) return false;
  if (t->is<Named>()) return true;
  // Predeclared basic types are named types in Go's sense.
  const Basic* b = t->as<Basic>();
  return b != nullptr && !b->is_untyped() && b->bkind != BasicKind::Invalid;
}

namespace {

bool comparable_rec(const Type* t, int depth) {
  if (depth > 64) return true;  // pathological nesting; invalid recursion is reported elsewhere
  const Type* u = underlying(t);
  if (u == nullptr) return false;
  switch (u->kind) {
    case TypeKind::Basic:
      return u->as<Basic>()->bkind != BasicKind::UntypedNil;
    case TypeKind::Pointer: case TypeKind::Chan: case TypeKind::Port:
    case TypeKind::Island: case TypeKind::Interface:
      return true;
    case TypeKind::Struct:
      for (const Var* f : u->as<Struct>()->fields) {
        if (!comparable_rec(f->type, depth + 1)) return false;
      }
      return true;
    case TypeKind::Array:
      return comparable_rec(u->as<Array>()->elem, depth + 1);
    default:
      return false;
  }
}

}  // namespace

bool comparable(const Type* t) { return comparable_rec(t, 0); }

const Type* default_type(const Type* t) {
  const Basic* b = t ? t->as<Basic>() : nullptr;
  if (b == nullptr) return t;
  switch (b->bkind) {
    case BasicKind::UntypedBool: return basic_type(BasicKind::Bool);
    case BasicKind::UntypedInt: return basic_type(BasicKind::Int);
    case BasicKind::UntypedRune: return universe_rune();
    case BasicKind::UntypedFloat: return basic_type(BasicKind::Float64);
    case BasicKind::UntypedString: return basic_type(BasicKind::String);
    default: return t;
  }
}

}  // namespace vo::types
