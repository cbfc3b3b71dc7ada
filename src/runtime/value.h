// Runtime value representation. Every value lives in 8-byte slots with Go's
// layouts (../shared/DESIGN.md section 2):
//   int/uint/bool/byte/rune         1 scalar slot, sign- or zero-extended to 64 bits
//   float64, float32                1 scalar slot holding a double (a float32 is
//                                   kept as the double of its float value)
//   string                          2 slots {ptr, len}   ptr may point into a heap byte object or static data
//   slice                           3 slots {ptr, len, cap}
//   interface                       2 slots {type word, data}
//   map, chan, port, island, func, *T   1 reference slot
//   struct, [N]T                    inline, flattened; arrays of 1-byte
//                                   elements (bool, int8, uint8) are packed
// An interface's type word is nullptr (nil interface), an RType* or an Itab*;
// both begin with `const RType* type`, so one load yields the dynamic type.
// Its data word holds the value itself when the dynamic type is one scalar
// or reference slot, and otherwise a pointer to a heap copy of the value.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace vo::rt {

using Slot = uint64_t;

// How the GC sees one slot.
enum class SlotKind : uint8_t {
  Scalar = 0,     // not a pointer (ints, bools, lengths, floats)
  Ref = 1,        // pointer that may point into the heap (possibly interior), or nullptr
  IfaceType = 2,  // interface type word; the next slot is IfaceData
  IfaceData = 3,  // pointer iff the type word's RType has data_is_ref
};

enum class Kind : uint8_t {
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64,
  Float32, Float64, String, Array, Slice, Struct, Pointer, Func, Interface,
  Map, Chan, Port, Island,
};

struct RType;
struct Itab;

struct RField {
  std::string name;
  const RType* type = nullptr;
  uint32_t offset = 0;  // in slots from the start of the struct
  bool embedded = false;
  bool exported = false;
  std::string tag;
};

// A method in a type's method set, for itab construction and dynamic calls.
struct RMethod {
  std::string name;      // qualified with the package path when unexported
  uint32_t func = 0;     // function index taking the interface data word as receiver
  const RType* sig = nullptr;  // the method's signature type (canonical per module)
};

struct RType {
  const RType* type = this;  // must be first: see the note on interface type words
  Kind kind = Kind::Int;
  bool named = false;
  bool data_is_ref = false;   // interface data word is a GC reference for this dynamic type
  bool boxed = false;         // stored in an interface as a pointer to a heap copy
  bool comparable = true;
  uint32_t slots = 1;         // size of a value in slots
  // Size in bytes as an array or slice element: 1 for bool/int8/uint8 (arrays
  // and slices of these are packed, 8 per slot, unused bytes always zero),
  // otherwise slots * 8.
  uint32_t elem_size = 8;
  uint32_t id = 0;            // index in the module's type table
  std::string name;           // Go spelling: "int", "main.Point", "[]string"
  const RType* elem = nullptr;   // Array, Slice, Pointer, Map (value), Chan, Port
  const RType* key = nullptr;    // Map
  int64_t len = 0;               // Array
  std::vector<RField> fields;    // Struct
  std::vector<SlotKind> layout;  // slot kinds of one value (size == slots)
  std::vector<RMethod> methods;  // method set of this type, sorted by name
  // For a Func: parameter and result types; variadic flag.
  std::vector<const RType*> params, results;
  bool variadic = false;
  // For an Interface: its methods' names, sorted.
  std::vector<std::string> iface_methods;
  std::vector<const RType*> iface_method_sigs;  // their signature types, in the same order
};

struct Itab {
  const RType* type;    // dynamic type (must be first)
  const RType* iface;   // interface type
  std::vector<uint32_t> funcs;  // per iface_methods entry: function index
};

inline const RType* dynamic_type(const void* type_word) {
  return type_word ? *static_cast<const RType* const*>(type_word) : nullptr;
}

// Two-slot views used by runtime code.
struct StringRef {
  const uint8_t* ptr;
  int64_t len;
  std::string_view view() const { return {reinterpret_cast<const char*>(ptr), static_cast<size_t>(len)}; }
};
struct SliceRef {
  uint8_t* ptr;
  int64_t len;
  int64_t cap;
};
struct IfaceRef {
  const void* type_word;
  Slot data;
};

}  // namespace vo::rt
