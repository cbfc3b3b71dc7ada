// The virtual machine: runs a verified bytecode module on a fiber's slot
// stack with the interpreter (interp.cpp).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "bytecode/module.h"
#include "runtime/heap.h"
#include "vm/sched.h"

namespace vo::vm {

using rt::Slot;

// Deferred call record (a heap object): {next, closure, errdefer flag}.
struct DeferRec {
  DeferRec* next;
  void* closure;
  Slot is_errdefer;
};

// A call's record. Records live in the slot stack, each just below its
// frame's slots, so a small goroutine's whole stack fits in one page.
struct Frame {
  const bc::Function* fn;
  const bc::Instr* pc;   // next instruction (saved while a callee runs)
  Slot* base;
  void* closure;         // closure object for closures, else nullptr
  DeferRec* defers;      // head of this frame's defer list
  uint32_t ret_dest;     // caller slot that receives the results
  uint8_t kind;          // FrameKind
  Slot* entry_results;   // for entry frames: where Ret puts the results (may be nullptr)
  Frame* prev;           // the caller's record (nullptr for the first)
};
static_assert(sizeof(Frame) % sizeof(Slot) == 0);
constexpr uint32_t kFrameSlots = sizeof(Frame) / sizeof(Slot);

enum FrameKind : uint8_t {
  kNormal = 0,
  kEntry = 1,     // first frame of a nested execute(): returning from it leaves execute
  kDeferred = 2,  // a deferred call made while unwinding a panic (recover works here)
};

// Panic state of a fiber.
struct PanicState {
  bool active = false;
  bool recovered = false;
  Slot value[2] = {0, 0};  // interface {type word, data}
  std::string where;       // "file:line" of the panic
};

// Stack of one goroutine: slot memory and frame records, both reserved once
// and never moved, so pointers into them stay valid.
struct Fiber {
  uint64_t id = 0;
  FiberState state = FiberState::Runnable;
  const char* wait_reason = "";
  bool is_main = false;
  bool daemon = false;                // a timer helper: does not keep the program alive
  size_t index = 0;                   // position in the scheduler's fiber list
  boost::context::fiber ctx;          // this goroutine's context while suspended
  boost::context::fiber sink;         // the scheduler's context while this one runs
  const bc::Function* start_fn = nullptr;
  void* start_closure = nullptr;      // the goroutine's thunk (a GC root until it runs)
  char* native_lo = nullptr;          // native stack [native_lo, native_lo + native_size)
  size_t native_size = 0;
  size_t segment = SIZE_MAX;          // stack pool segment (goroutines other than main)
  void* tsan = nullptr;               // ThreadSanitizer's fiber (sanitizer builds only)
  Slot* slots = nullptr;
  Slot* slots_end = nullptr;
  Frame* top = nullptr;  // current frame (nullptr when empty)
  PanicState panic;
  std::vector<PanicState> saved_panics;  // panics interrupted by a newer one
  std::unique_ptr<rt::HandleStack> handles;  // this goroutine's HandleScope roots (made on first use)
};

// Thrown by os.Exit through the interpreter up to VM::run.
struct ExitRequest {
  int code;
};

struct RunResult {
  int exit_code = 0;
  std::string error;  // "file:line: message" of an uncaught panic
};

class World;
class Island;
struct PortState;

class VM {
 public:
  // The main island of a program run.
  explicit VM(const bc::Module& m);
  // Another island of `world` (runs on the island's own thread).
  VM(const bc::Module& m, World& world, Island& island);
  ~VM();
  VM(const VM&) = delete;
  VM& operator=(const VM&) = delete;

  // Runs the module's entry function and every goroutine to completion.
  RunResult run();
  // An island's run: package initialization, then the goroutines other
  // islands send, until the world stops it.
  RunResult run_island();
  Scheduler& sched() { return *sched_; }
  World& world() { return *world_; }
  Island& island() { return *island_; }
  // This island's handle object for each port it holds (see port.cpp).
  using PortTable = std::unordered_map<PortState*, void*>;
  PortTable& port_table() { return port_table_; }

  rt::Heap& heap() { return heap_; }
  const bc::Module& module() const { return mod_; }
  Slot* globals() { return globals_.data(); }
  std::string& out() { return out_; }  // buffered stdout
  // The program's arguments as os.Args sees them (program path first).
  void set_args(std::vector<std::string> args);
  const std::vector<std::string>& args() const { return args_; }
  void flush_out();

  // Interpreter entry points (interp.cpp).
  // Calls function `fn` (or closure) with args already in the callee frame
  // area; returns false if it ended in an uncaught panic.
  bool call_function(Fiber& f, const bc::Function* fn, void* closure, const Slot* args, Slot* results);

 private:
  friend struct Interp;
  VM(const bc::Module& m, World* world, Island* island);
  const bc::Module& mod_;
  std::unique_ptr<World> own_world_;  // the main island owns the run's world
  World* world_ = nullptr;
  Island* island_ = nullptr;
  PortTable port_table_;  // before heap_: handles' finalizers erase from it
  // Layouts of this VM's objects: declared before heap_, whose destructor
  // reads the layouts of the objects it finalizes.
  std::vector<rt::ObjLayout> closure_layouts_;  // per function
  rt::ObjLayout defer_layout_;
  rt::Heap heap_;
  std::vector<Slot> globals_;
  std::unique_ptr<Scheduler> sched_;
  int budget_ = 0;  // instructions left in the running goroutine's time slice
  std::string out_;
  std::vector<std::string> args_;

  void scan_roots(rt::Marker& m);
  bool execute(Fiber& f);  // runs until the entry frame returns
 public:
  // The main goroutine's slot and frame stacks (large reservations).
  void init_fiber(Fiber& f);
  void free_fiber(Fiber& f);
  // "file:line: message" for a fiber's uncaught panic.
  std::string panic_report(const Fiber& f) const;
  // Preemption: every goroutine runs at most kTimeslice budget units (backward
  // jumps and calls) before yielding.
  static constexpr int kTimeslice = 16384;
  void reset_budget() { budget_ = kTimeslice; }
  const rt::ObjLayout* closure_layout(uint32_t fn) const { return &closure_layouts_[fn]; }
  const rt::ObjLayout* defer_layout() const { return &defer_layout_; }
  // A string boxed in an interface; also []string arrays.
  static const rt::ObjLayout* string_box_layout();
  // Arrays of one-slot scalars ([]int from natives).
  static const rt::ObjLayout* scalar_array_layout();
  // The itab of dynamic type `dyn` for interface `iface`, or nullptr if dyn
  // lacks a method (cached).
  const rt::Itab* find_itab(const rt::RType* dyn, const rt::RType* iface);

 private:
  std::map<std::pair<const rt::RType*, const rt::RType*>, const rt::Itab*> itab_cache_;
  std::deque<rt::Itab> itabs_;
};

}  // namespace vo::vm
