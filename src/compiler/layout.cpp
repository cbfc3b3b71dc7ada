#include "compiler/layout.h"

#include "runtime/map.h"
#include "types/object.h"

namespace vo::compiler {

using rt::SlotKind;
using types::BasicKind;

namespace {

rt::Kind basic_kind(BasicKind b) {
  switch (b) {
    case BasicKind::Bool: case BasicKind::UntypedBool: return rt::Kind::Bool;
    case BasicKind::Int: case BasicKind::UntypedInt: return rt::Kind::Int;
    case BasicKind::Int8: return rt::Kind::Int8;
    case BasicKind::Int16: return rt::Kind::Int16;
    case BasicKind::Int32: case BasicKind::UntypedRune: return rt::Kind::Int32;
    case BasicKind::Int64: return rt::Kind::Int64;
    case BasicKind::Uint: return rt::Kind::Uint;
    case BasicKind::Uint8: return rt::Kind::Uint8;
    case BasicKind::Uint16: return rt::Kind::Uint16;
    case BasicKind::Uint32: return rt::Kind::Uint32;
    case BasicKind::Uint64: return rt::Kind::Uint64;
    case BasicKind::Float32: return rt::Kind::Float32;
    case BasicKind::Float64: case BasicKind::UntypedFloat: return rt::Kind::Float64;
    default: return rt::Kind::String;
  }
}

bool is_byte_kind(const types::Type* t) {
  const auto* b = types::underlying(t)->as<types::Basic>();
  return b && (b->bkind == BasicKind::Bool || b->bkind == BasicKind::Int8 || b->bkind == BasicKind::Uint8);
}

}  // namespace

Layouts::Entry& Layouts::entry(const types::Type* t) {
  auto it = map_.find(t);
  if (it != map_.end()) return *it->second;
  // Computed before it is recorded: a layout that is too large leaves no entry.
  auto owned = std::make_unique<Entry>();
  Entry* e = owned.get();
  e->type = t;
  compute(*e);
  entries_.push_back(std::move(owned));
  map_[t] = e;
  return *e;
}

void Layouts::compute(Entry& e) {
  const types::Type* u = types::underlying(e.type);
  auto& k = e.kinds;
  switch (u->kind) {
    case types::TypeKind::Basic:
      if (u->as<types::Basic>()->is_string()) k = {SlotKind::Ref, SlotKind::Scalar};
      else k = {SlotKind::Scalar};
      break;
    case types::TypeKind::Slice:
      k = {SlotKind::Ref, SlotKind::Scalar, SlotKind::Scalar};
      break;
    case types::TypeKind::Interface:
      k = {SlotKind::IfaceType, SlotKind::IfaceData};
      break;
    case types::TypeKind::Array: {
      const auto* a = u->as<types::Array>();
      // The size is checked before anything is built: a huge length must
      // not be materialized slot by slot.
      if (is_byte_kind(a->elem)) {
        if (static_cast<uint64_t>(a->len) / 8 >= kMaxTypeSlots) throw LayoutTooLarge();
        k.assign(static_cast<size_t>((a->len + 7) / 8), SlotKind::Scalar);
      } else {
        const auto& ek = kinds(a->elem);
        if (ek.empty()) break;  // zero-sized elements: any length takes no slots
        if (static_cast<uint64_t>(a->len) > kMaxTypeSlots / ek.size()) throw LayoutTooLarge();
        for (int64_t i = 0; i < a->len; ++i) k.insert(k.end(), ek.begin(), ek.end());
      }
      break;
    }
    case types::TypeKind::Struct:
      for (const types::Var* f : u->as<types::Struct>()->fields) {
        const auto& fk = kinds(f->type);
        k.insert(k.end(), fk.begin(), fk.end());
      }
      break;
    case types::TypeKind::Tuple:
      for (const types::Var* v : u->as<types::Tuple>()->vars) {
        const auto& vk = kinds(v->type);
        k.insert(k.end(), vk.begin(), vk.end());
      }
      break;
    default:  // pointers, maps, chans, ports, islands, funcs
      k = {SlotKind::Ref};
      break;
  }
  if (k.size() > kMaxTypeSlots) throw LayoutTooLarge();
  e.slots = static_cast<uint32_t>(k.size());
}

uint32_t Layouts::slots(const types::Type* t) { return entry(t).slots; }
const std::vector<rt::SlotKind>& Layouts::kinds(const types::Type* t) { return entry(t).kinds; }

uint8_t Layouts::elem_code(const types::Type* elem) {
  if (is_byte_kind(elem)) {
    const auto* b = types::underlying(elem)->as<types::Basic>();
    return b->bkind == BasicKind::Int8 ? 255 : 0;
  }
  return static_cast<uint8_t>(slots(elem));
}

bool Layouts::is_byte_elem(const types::Type* elem) { return is_byte_kind(elem); }

bool Layouts::compact_elem(const types::Type* elem) {
  uint32_t n = slots(elem);
  return is_byte_kind(elem) || (n >= 1 && n <= 254);
}

uint32_t Layouts::elem_size(const types::Type* elem) { return is_byte_kind(elem) ? 1 : slots(elem) * 8; }

uint8_t Layouts::narrow_code(const types::Type* t) {
  const auto* b = types::underlying(t)->as<types::Basic>();
  if (!b) return 0;
  switch (b->bkind) {
    case BasicKind::Int8: return 1;
    case BasicKind::Int16: return 2;
    case BasicKind::Int32: case BasicKind::UntypedRune: return 3;
    case BasicKind::Uint8: return 4;
    case BasicKind::Uint16: return 5;
    case BasicKind::Uint32: return 6;
    default: return 0;
  }
}

const rt::RType* Layouts::rtype(const types::Type* t) {
  Entry& e = entry(t);
  if (e.rtype) return e.rtype;
  mod_.types.emplace_back();
  rt::RType* r = &mod_.types.back();
  e.rtype = r;
  rtyped_.push_back({t, r});
  r->type = r;
  r->id = static_cast<uint32_t>(mod_.types.size() - 1);
  r->name = types::type_string(t);
  r->named = types::is_named(t);
  r->slots = e.slots;
  r->layout = e.kinds;
  r->elem_size = elem_size(t);
  r->comparable = types::comparable(t);
  const types::Type* u = types::underlying(t);
  switch (u->kind) {
    case types::TypeKind::Basic: r->kind = basic_kind(u->as<types::Basic>()->bkind); break;
    case types::TypeKind::Pointer: r->kind = rt::Kind::Pointer; r->elem = rtype(u->as<types::Pointer>()->elem); break;
    case types::TypeKind::Slice: r->kind = rt::Kind::Slice; r->elem = rtype(u->as<types::Slice>()->elem); break;
    case types::TypeKind::Array:
      r->kind = rt::Kind::Array;
      r->elem = rtype(u->as<types::Array>()->elem);
      r->len = u->as<types::Array>()->len;
      break;
    case types::TypeKind::Map:
      r->kind = rt::Kind::Map;
      r->key = rtype(u->as<types::Map>()->key);
      r->elem = rtype(u->as<types::Map>()->elem);
      break;
    case types::TypeKind::Chan: r->kind = rt::Kind::Chan; r->elem = rtype(u->as<types::Chan>()->elem); break;
    case types::TypeKind::Port: r->kind = rt::Kind::Port; r->elem = rtype(u->as<types::Port>()->elem); break;
    case types::TypeKind::Island: r->kind = rt::Kind::Island; break;
    case types::TypeKind::Signature: {  // parameter and result types: dynamic calls check them
      r->kind = rt::Kind::Func;
      const auto* sig = u->as<types::Signature>();
      for (const types::Var* p : sig->params->vars) r->params.push_back(rtype(p->type));
      for (const types::Var* v : sig->results->vars) r->results.push_back(rtype(v->type));
      r->variadic = sig->variadic;
      break;
    }
    case types::TypeKind::Interface:
      r->kind = rt::Kind::Interface;
      for (const types::Func* m : u->as<types::Interface>()->all_methods) {
        r->iface_methods.push_back(m->name);
        r->iface_method_sigs.push_back(rtype(m->type));
      }
      break;
    case types::TypeKind::Struct: {
      r->kind = rt::Kind::Struct;
      uint32_t off = 0;
      const auto* st = u->as<types::Struct>();
      for (size_t i = 0; i < st->fields.size(); ++i) {
        const types::Var* f = st->fields[i];
        r->fields.push_back(rt::RField{f->name, rtype(f->type), off, f->embedded, f->exported(), st->tags[i]});
        off += slots(f->type);
      }
      break;
    }
    default: r->kind = rt::Kind::Struct; break;
  }
  bool scalar_or_ref = e.slots == 1 && r->kind != rt::Kind::Struct && r->kind != rt::Kind::Array;
  r->boxed = !scalar_or_ref;
  r->data_is_ref = r->boxed || e.kinds[0] == SlotKind::Ref;
  return r;
}

const rt::ObjLayout* Layouts::box_layout(const types::Type* t) {
  Entry& e = entry(t);
  if (e.box) return e.box;
  mod_.layouts.emplace_back();
  rt::ObjLayout* l = &mod_.layouts.back();
  l->elem_slots = e.slots;
  l->kinds = e.kinds;
  bool any_ref = false;
  for (SlotKind k : e.kinds) any_ref |= k != SlotKind::Scalar;
  l->noscan = !any_ref;
  l->name = "box";
  l->type = rtype(t);
  e.box = l;
  return l;
}

const rt::ObjLayout* Layouts::array_layout(const types::Type* elem) {
  Entry& e = entry(elem);
  if (e.array) return e.array;
  mod_.layouts.emplace_back();
  rt::ObjLayout* l = &mod_.layouts.back();
  if (is_byte_kind(elem)) {
    l->noscan = true;
  } else {
    l->elem_slots = e.slots;
    l->kinds = e.kinds;
    bool any_ref = false;
    for (SlotKind k : e.kinds) any_ref |= k != SlotKind::Scalar;
    l->noscan = !any_ref;
  }
  l->name = "array";
  l->type = rtype(elem);
  e.array = l;
  return l;
}

const rt::MapType* Layouts::map_type(const types::Type* m) {
  Entry& e = entry(m);
  if (e.map) return e.map;
  const auto* mt = types::underlying(m)->as<types::Map>();
  const rt::RType* key = rtype(mt->key);
  const rt::RType* value = rtype(mt->elem);
  mod_.map_types.push_back(rt::MapType{key, value});
  e.map = &mod_.map_types.back();
  return e.map;
}

}  // namespace vo::compiler
