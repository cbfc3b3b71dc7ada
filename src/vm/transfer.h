// Deep copies between islands. A value sent on a port, or the call of a
// `go @(island)` statement, is packed on the sending island into plain C++
// memory and unpacked into the receiving island's heap: no heap object is
// ever shared. Within one packed value, repeated references to one object
// stay one object (pointers into a slice's backing array, cycles, a map
// referenced twice), and slices keep their offsets, lengths and capacities.
#pragma once
#include <cstdint>
#include <vector>

#include "runtime/map.h"
#include "runtime/value.h"

namespace vo::vm {

class VM;
struct PortState;

class Packed {
 public:
  Packed() = default;
  Packed(Packed&& o) noexcept;
  Packed& operator=(Packed&& o) noexcept;
  Packed(const Packed&) = delete;
  Packed& operator=(const Packed&) = delete;
  ~Packed();  // drops the references it holds on ports

 private:
  friend class Packer;
  friend class Unpacker;
  static constexpr uint32_t kRoot = UINT32_MAX;  // a Fix holder: the root value

  struct Object {
    enum class Kind : uint8_t { Plain, Closure, Map } kind = Kind::Plain;
    const rt::ObjLayout* layout = nullptr;  // Plain: the layout to allocate with
    uint32_t count = 1;                     // Plain: element count in the header
    size_t bytes = 0;                       // Plain: payload bytes
    uint32_t func = 0;                      // Closure: function index
    const rt::MapType* map = nullptr;       // Map: key and value types
    int64_t entries = 0;                    // Map: number of entries
    std::vector<rt::Slot> words;  // Plain/Closure: the payload; Map: key then value slots per entry
  };
  // Word `word` of `holder` (an object index or kRoot) is the address of
  // object `target` plus `offset` bytes.
  struct Fix {
    uint32_t holder;
    uint32_t word;
    uint32_t target;
    uint64_t offset;
  };
  // Word `word` of `holder` is a handle of `port` on the receiving island.
  struct PortFix {
    uint32_t holder;
    uint32_t word;
    PortState* port;  // one reference held
  };

  std::vector<rt::Slot> root_;
  std::vector<Object> objects_;
  std::vector<Fix> fixes_;
  std::vector<PortFix> ports_;
  void release_ports();
};

// Packs the value of `type` at `value` (sendable types only; anything not
// sendable that aliasing drags in, such as a func field next to a sliced
// array, arrives zeroed).
Packed pack_value(VM& vm, const rt::RType* type, const rt::Slot* value);
// Packs a closure object: the thunk of a `go @(island)` call with its
// captured callee and arguments.
Packed pack_closure(VM& vm, const void* closure);

// Rebuilds a packed value in vm's heap, writing its slots to `dst` (which
// must be a GC root, such as frame slots).
void unpack_value(VM& vm, const Packed& p, rt::Slot* dst);
// Rebuilds a packed closure; the result is not rooted: store it in a root
// before the next allocation.
void* unpack_closure(VM& vm, const Packed& p);

}  // namespace vo::vm
