#include "vm/vm.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "runtime/panic.h"
#include "vm/ops.h"

namespace vo::vm {

namespace {

// Slot and frame stacks are reserved once (not committed) so they never move.
constexpr size_t kMainSlots = size_t{32} << 20;   // 256 MB of slots
constexpr size_t kMainFrames = size_t{1} << 20;

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

VM::VM(const bc::Module& m) : mod_(m) {
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
  string_box_layout_.name = "string";
  string_box_layout_.kinds = {rt::SlotKind::Ref, rt::SlotKind::Scalar};
  string_box_layout_.elem_slots = 2;
  scalar_array_layout_.name = "[]int";
  scalar_array_layout_.kinds = {rt::SlotKind::Scalar};
  scalar_array_layout_.elem_slots = 1;
  scalar_array_layout_.noscan = true;
  sched_ = std::make_unique<Scheduler>(*this);
  heap_.add_root_scanner([this](rt::Marker& mk) { scan_roots(mk); });
}

VM::~VM() { sched_.reset(); }

void VM::free_fiber(Fiber& f) {
  munmap(f.slots, kMainSlots * sizeof(Slot));
  munmap(f.frames, kMainFrames * sizeof(Frame));
}

void VM::init_fiber(Fiber& f) {
  f.slots = reserve<Slot>(kMainSlots);
  f.slots_end = f.slots + kMainSlots;
  f.frames = reserve<Frame>(kMainFrames);
  f.frames_end = f.frames + kMainFrames;
  f.top = f.frames - 1;
}

void VM::scan_roots(rt::Marker& mk) {
  static const rt::SlotKind kIface[2] = {rt::SlotKind::IfaceType, rt::SlotKind::IfaceData};
  mk.scan_slots(globals_.data(), mod_.global_kinds.data(), globals_.size());
  mk.scan_slots(mod_.consts.data(), mod_.const_kinds.data(), mod_.consts.size());
  sched_->for_each_fiber([&](Fiber& f) {
    if (f.start_closure) mk.mark(f.start_closure);
    for (Frame* fr = f.frames; fr <= f.top; ++fr) {
      mk.scan_slots(fr->base, fr->fn->slot_kinds.data(), fr->fn->frame_slots);
      if (fr->closure) mk.mark(fr->closure);
      if (fr->defers) mk.mark(fr->defers);
    }
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

RunResult VM::run() {
  RunResult r;
  r.exit_code = sched_->run(&mod_.funcs[mod_.entry], &r.error);
  flush_out();
  return r;
}

}  // namespace vo::vm
