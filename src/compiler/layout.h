// How checker types map onto slots and runtime type descriptors: slot counts,
// GC slot kinds, array element codes, rt::RType and heap layouts. One
// instance per module, so every distinct type gets exactly one RType.
#pragma once
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "bytecode/module.h"
#include "types/type.h"

namespace vo::compiler {

// Raised when a type needs more slots than the VM's 16-bit slot domain
// (the reference's limit); reported as a compile error.
struct LayoutTooLarge : std::length_error {
  LayoutTooLarge() : std::length_error("type slot count exceeds u16::MAX") {}
};
constexpr uint64_t kMaxTypeSlots = 0xFFFF;

class Layouts {
 public:
  explicit Layouts(bc::Module& m) : mod_(m) {}

  uint32_t slots(const types::Type* t);
  const std::vector<rt::SlotKind>& kinds(const types::Type* t);
  // Element code for arrays/slices (see bytecode/opcodes.h): 0 byte, 255 int8, n slots.
  // Only meaningful when compact_elem(elem).
  uint8_t elem_code(const types::Type* elem);
  // Whether elem has an element code: a byte kind or 1..254 slots. Other
  // elements (empty structs, wider values) are reached through ElemAddr.
  bool compact_elem(const types::Type* elem);
  // Whether elem is stored as one byte (bool, int8, uint8).
  bool is_byte_elem(const types::Type* elem);
  uint32_t elem_size(const types::Type* elem);
  // Narrow code for wrapping arithmetic results (0 when none is needed).
  uint8_t narrow_code(const types::Type* t);
  const rt::RType* rtype(const types::Type* t);
  // Heap layout for one boxed value of type t (also a struct behind *T).
  const rt::ObjLayout* box_layout(const types::Type* t);
  // Heap layout for a backing array of elements of type elem.
  const rt::ObjLayout* array_layout(const types::Type* elem);
  const rt::MapType* map_type(const types::Type* map);
  // Every type that has an RType, in creation order (the list may grow while iterating).
  size_t rtype_count() const { return rtyped_.size(); }
  std::pair<const types::Type*, rt::RType*> rtype_at(size_t i) const { return rtyped_[i]; }

 private:
  struct Entry {
    const types::Type* type;
    uint32_t slots = 0;
    std::vector<rt::SlotKind> kinds;
    rt::RType* rtype = nullptr;
    rt::ObjLayout* box = nullptr;
    rt::ObjLayout* array = nullptr;
    const rt::MapType* map = nullptr;
  };
  struct Hash {
    size_t operator()(const types::Type* t) const { return types::type_hash(t); }
  };
  struct Eq {
    bool operator()(const types::Type* a, const types::Type* b) const { return types::identical(a, b); }
  };
  Entry& entry(const types::Type* t);
  void compute(Entry& e);
  bc::Module& mod_;
  std::unordered_map<const types::Type*, Entry*, Hash, Eq> map_;
  std::vector<std::unique_ptr<Entry>> entries_;
  std::vector<std::pair<const types::Type*, rt::RType*>> rtyped_;
};

}  // namespace vo::compiler
