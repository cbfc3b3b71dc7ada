// Objects and scopes.
#include "types/object.h"

#include <cstdint>

namespace vo::types {

namespace {

// Decodes the first UTF-8 code point of `s` (0 for an empty string).
uint32_t first_rune(const std::string& s) {
  if (s.empty()) return 0;
  const auto c0 = static_cast<unsigned char>(s[0]);
  if (c0 < 0x80) return c0;
  int len = (c0 >= 0xF0) ? 4 : (c0 >= 0xE0) ? 3 : 2;
  uint32_t r = c0 & (0xFF >> (len + 1));
  for (int i = 1; i < len && i < static_cast<int>(s.size()); ++i) {
    r = (r << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  }
  return r;
}

// Unicode upper-case letters for the scripts identifiers realistically use.
// Go (and Vo) export a name when its first code point is Lu.
bool is_upper(uint32_t r) {
  if (r >= 'A' && r <= 'Z') return true;
  if (r < 0x80) return false;
  if ((r >= 0xC0 && r <= 0xD6) || (r >= 0xD8 && r <= 0xDE)) return true;  // Latin-1
  if (r >= 0x100 && r <= 0x17F) return (r % 2) == 0 ? r != 0x138 : false;  // Latin Extended-A (approx.)
  if (r >= 0x391 && r <= 0x3AB && r != 0x3A2) return true;                   // Greek
  if (r >= 0x400 && r <= 0x42F) return true;                                 // Cyrillic
  if (r >= 0x1E00 && r <= 0x1EFF) return (r % 2) == 0;                       // Latin Extended Additional
  if (r >= 0xFF21 && r <= 0xFF3A) return true;                               // fullwidth A-Z
  return false;
}

}  // namespace

bool Object::exported() const { return is_upper(first_rune(name)); }

std::string Func::full_name() const {
  std::string prefix = pkg ? pkg->path + "." : std::string();
  const Signature* s = sig();
  if (s != nullptr && s->recv != nullptr) {
    const Type* rt = s->recv->type;
    if (const Pointer* p = rt ? rt->as<Pointer>() : nullptr) rt = p->elem;
    if (const Named* n = rt ? rt->as<Named>() : nullptr) {
      if (n->obj != nullptr) return prefix + n->obj->name + "." + name;
    }
  }
  return prefix + name;
}

Object* Scope::insert(Object* obj) {
  auto it = objects_.find(obj->name);
  if (it != objects_.end()) return it->second;
  objects_.emplace(obj->name, obj);
  ordered.push_back(obj);
  if (obj->parent == nullptr) obj->parent = this;
  return nullptr;
}

Object* Scope::lookup_local(const std::string& name) const {
  auto it = objects_.find(name);
  return it == objects_.end() ? nullptr : it->second;
}

Object* Scope::lookup(const std::string& name) const {
  for (const Scope* s = this; s != nullptr; s = s->parent) {
    if (Object* o = s->lookup_local(name)) return o;
  }
  return nullptr;
}

}  // namespace vo::types
