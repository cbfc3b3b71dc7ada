// A compiled program: functions, constants, runtime types and globals. The
// compiler produces it, the verifier checks it, the VM runs it.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "bytecode/opcodes.h"
#include "runtime/heap.h"
#include "runtime/map.h"
#include "runtime/value.h"

namespace vo::bc {

// Operands too wide for an instruction live in a function's aux table.
struct Aux {
  const rt::RType* type = nullptr;       // element / value / target type
  const rt::ObjLayout* layout = nullptr; // heap layout to allocate with
  int64_t n = 0;                         // a length, a count or an index
  uint32_t m = 0;                        // a second count (e.g. result slots)
  const void* ptr = nullptr;             // an Itab, a MapType, a native, ...
};

struct LineEntry {
  uint32_t pc;
  uint32_t line;
};

struct Function {
  std::string name;               // "main.main", "main.T.M", "main.main.func1"
  std::string file;               // source file name for panics
  uint32_t param_slots = 0;       // arguments are copied into slots [0, param_slots)
  uint32_t result_slots = 0;
  uint32_t frame_slots = 0;       // total slots of a frame (>= param_slots)
  std::vector<rt::SlotKind> capture_kinds;  // for closures: kinds of the captured slots
  // For thunks of `go @(island)`: the types of the captured values, which
  // the island deep-copies. Empty for other closures, whose captures are
  // pointers to boxes that carry their types in their layouts.
  std::vector<const rt::RType*> capture_types;
  bool has_defer = false;
  // A compiler-made trampoline performing a deferred call with its captured
  // arguments; the function it calls counts as the deferred function.
  bool is_thunk = false;
  // Where a frame resumes after a deferred call recovers a panic: code that
  // loads the named results, runs the remaining defers and returns. 0 = none.
  uint32_t recover_pc = 0;
  std::vector<Instr> code;
  std::vector<rt::SlotKind> slot_kinds;  // size frame_slots, static for the whole function
  std::vector<Aux> aux;
  std::vector<LineEntry> lines;   // sorted by pc: the source line from each pc on
  uint32_t line_at(uint32_t pc) const;
};

}  // namespace vo::bc
namespace vo::vm {
struct NativeCtx;  // defined by the VM (vm/ops.h)
}
namespace vo::bc {

// A native function callable from bytecode (stdlib externs, runtime helpers).
using NativeFn = void (*)(vm::NativeCtx& ctx, rt::Slot* args, rt::Slot* results);

struct Native {
  std::string name;  // qualified: "fmt.Println"
  NativeFn fn = nullptr;
  uint32_t param_slots = 0;
  uint32_t result_slots = 0;
};

struct Module {
  std::vector<Function> funcs;
  std::vector<rt::Slot> consts;
  std::vector<rt::SlotKind> const_kinds;  // consts holding references are GC roots
  std::deque<std::string> string_data;    // backing bytes of string constants (stable addresses)
  std::deque<rt::RType> types;            // runtime type descriptors (stable addresses)
  std::deque<rt::Itab> itabs;
  std::deque<rt::ObjLayout> layouts;
  std::deque<rt::MapType> map_types;
  std::vector<Native> natives;
  uint32_t global_slots = 0;
  std::vector<rt::SlotKind> global_kinds;
  const rt::RType* string_type = nullptr;  // the `string` type (runtime panic values)
  uint32_t init = 0;   // index of the function that runs package initialization
  uint32_t entry = 0;  // index of the function that runs package init then main
  std::string main_file;
};

// Checks that a module is well-formed: operands in range, jump targets inside
// the function, slot-kind tables sized right, aux and constant indices valid.
// Returns an empty string when valid, else a description of the first fault.
std::string verify(const Module& m);

// Human-readable listing for `vo disasm`.
std::string disassemble(const Module& m);

}  // namespace vo::bc
