#include "vm/vm.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "runtime/panic.h"
#include "vm/island.h"
#include "vm/ops.h"

namespace vo::vm {

namespace {

// The slot stack (frame records included) is reserved once (not committed)
// so it never moves. Its size is the reference VM's per-fiber limit (8 MiB
// of slots plus 32,768 calls' records): recursion beyond it is a recoverable
// stack overflow panic there, so it must be one here too.
constexpr size_t kMainSlots = (size_t{1} << 20) + (size_t{1} << 15) * kFrameSlots;

template <class T>
T* reserve(size_t n) {
  void* p = mmap(nullptr, n * sizeof(T), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    std::fprintf(stderr, "vo: cannot reserve stack memory\n");
    std::exit(2);
  }
  return static_cast<T*>(p);
}

std::string panic_message(const bc::Module& m, const Slot value[2]) {
  const rt::RType* t = rt::dynamic_type(reinterpret_cast<const void*>(value[0]));
  if (t && t == m.string_type) {
    const Slot* s = reinterpret_cast<const Slot*>(value[1]);
    return std::string(reinterpret_cast<const char*>(s[0]), static_cast<size_t>(s[1]));
  }
  return "panic";
}

}  // namespace

VM::VM(const bc::Module& m) : VM(m, nullptr, nullptr) {}

VM::VM(const bc::Module& m, World& world, Island& island) : VM(m, &world, &island) {}

VM::VM(const bc::Module& m, World* world, Island* island) : mod_(m), world_(world), island_(island) {
  if (!world_) {
    own_world_ = std::make_unique<World>(m, std::vector<std::string>{});
    world_ = own_world_.get();
    island_ = world_->main_island();
  }
  globals_.assign(m.global_slots, 0);
  closure_layouts_.resize(m.funcs.size());
  for (size_t i = 0; i < m.funcs.size(); ++i) {
    rt::ObjLayout& l = closure_layouts_[i];
    l.name = "closure";
    l.kinds.push_back(rt::SlotKind::Scalar);
    for (rt::SlotKind k : m.funcs[i].capture_kinds) l.kinds.push_back(k);
    l.elem_slots = static_cast<uint32_t>(l.kinds.size());
  }
  defer_layout_.name = "defer";
  defer_layout_.kinds = {rt::SlotKind::Ref, rt::SlotKind::Ref, rt::SlotKind::Scalar};
  defer_layout_.elem_slots = 3;
  sched_ = std::make_unique<Scheduler>(*this);
  heap_.add_root_scanner([this](rt::Marker& mk) { scan_roots(mk); });
}

VM::~VM() {
  if (own_world_) own_world_->stop_all();
  sched_.reset();
}

// Shared by every VM of the process: islands copy objects between heaps
// with their layouts, so a layout must outlive any one VM.
const rt::ObjLayout* VM::string_box_layout() {
  static const rt::ObjLayout l = [] {
    rt::ObjLayout x;
    x.name = "string";
    x.kinds = {rt::SlotKind::Ref, rt::SlotKind::Scalar};
    x.elem_slots = 2;
    return x;
  }();
  return &l;
}

const rt::ObjLayout* VM::scalar_array_layout() {
  static const rt::ObjLayout l = [] {
    rt::ObjLayout x;
    x.name = "[]int";
    x.kinds = {rt::SlotKind::Scalar};
    x.elem_slots = 1;
    x.noscan = true;
    return x;
  }();
  return &l;
}

void VM::free_fiber(Fiber& f) {
  munmap(f.slots, kMainSlots * sizeof(Slot));
}

void VM::init_fiber(Fiber& f) {
  f.slots = reserve<Slot>(kMainSlots);
  f.slots_end = f.slots + kMainSlots;
  f.top = nullptr;
}

void VM::scan_roots(rt::Marker& mk) {
  static const rt::SlotKind kIface[2] = {rt::SlotKind::IfaceType, rt::SlotKind::IfaceData};
  mk.scan_slots(globals_.data(), mod_.global_kinds.data(), globals_.size());
  mk.scan_slots(mod_.consts.data(), mod_.const_kinds.data(), mod_.consts.size());
  sched_->for_each_fiber([&](Fiber& f) {
    if (f.start_closure) mk.mark(f.start_closure);
    for (Frame* fr = f.top; fr; fr = fr->prev) {
      mk.scan_slots(fr->base, fr->fn->slot_kinds.data(), fr->fn->frame_slots);
      if (fr->closure) mk.mark(fr->closure);
      if (fr->defers) mk.mark(fr->defers);
    }
    if (f.handles) rt::HandleScope::scan(*f.handles, mk);
    mk.scan_slots(f.panic.value, kIface, 2);
    for (PanicState& p : f.saved_panics) mk.scan_slots(p.value, kIface, 2);
  });
}

std::string VM::panic_report(const Fiber& f) const {
  std::string msg = panic_message(mod_, f.panic.value);
  return f.panic.where.empty() ? msg : f.panic.where + ": " + msg;
}

void VM::flush_out() {
  if (out_.empty()) return;
  std::fwrite(out_.data(), 1, out_.size(), stdout);
  std::fflush(stdout);
  out_.clear();
}

void VM::set_args(std::vector<std::string> args) {
  if (own_world_) own_world_->set_args(args);
  args_ = std::move(args);
}

RunResult VM::run() {
  RunResult r;
  r.exit_code = sched_->run(&mod_.funcs[mod_.entry], &r.error, false);
  flush_out();
  world_->stop_all();
  return r;
}

RunResult VM::run_island() {
  RunResult r;
  r.exit_code = sched_->run(&mod_.funcs[mod_.init], &r.error, true);
  flush_out();
  return r;
}

}  // namespace vo::vm
