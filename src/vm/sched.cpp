#include "vm/sched.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "runtime/panic.h"
#include "vm/vm.h"

namespace vo::vm {

namespace ctx = boost::context;

namespace {

// Goroutine stacks are carved from one large reservation (Linux limits a
// process to ~65k mappings, so not one mmap per goroutine) and committed
// lazily by the kernel as they are touched. A segment holds a goroutine's
// native (C++) stack, its slot stack and its frame records, laid out so a
// small blocked goroutine touches two pages: the native stack's top shares
// a page with the first slots.
constexpr size_t kPage = 4096;
// 1 MiB segments: two goroutines share each page-table page, which matters
// because page faults and page-table updates are costly (see bench/chan).
// A goroutine can go 4,096 calls deep (main: 1M); deeper is a stack
// overflow panic.
constexpr size_t kSegBytes = size_t{1} << 20;
constexpr size_t kNativeBytes = (size_t{64} << 10) + 3 * kPage / 4;  // its top is 3/4 into a page
constexpr size_t kSlotBytes = size_t{672} << 10;
constexpr size_t kFramesAt = (kNativeBytes + kSlotBytes + kPage - 1) / kPage * kPage;
constexpr size_t kFrameBytes = size_t{256} << 10;
static_assert(kFramesAt + kFrameBytes <= kSegBytes);
constexpr size_t kMaxSegments = size_t{1} << 20;  // 1 TiB of address space
// Freed segments kept dirty for reuse before their pages go back to the kernel.
constexpr size_t kDirtyKept = 256;
// The main goroutine keeps the VM's large stacks and gets a big native stack.
constexpr size_t kMainNativeBytes = size_t{64} << 20;

class StackPool {
 public:
  ~StackPool() {
    if (base_) munmap(mapping_, kSegBytes * kMaxSegments + kAlign);
  }
  // A segment index, or SIZE_MAX when the address space is exhausted.
  size_t take() {
    if (!dirty_.empty()) return pop(dirty_);
    if (!clean_.empty()) return pop(clean_);
    if (!base_) {
      void* p = mmap(nullptr, kSegBytes * kMaxSegments + kAlign, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (p == MAP_FAILED) return SIZE_MAX;
      mapping_ = p;
      // 2 MiB alignment: each segment's used pages share page-table pages.
      base_ = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(p) + kAlign - 1) & ~(kAlign - 1));
    }
    return used_ < kMaxSegments ? used_++ : SIZE_MAX;
  }
  // Returns a dead goroutine's segment; beyond a few kept for quick reuse,
  // its pages go back to the kernel.
  void give_back(size_t s) {
    if (dirty_.size() < kDirtyKept) {
      dirty_.push_back(s);
      return;
    }
    madvise(seg(s), kSegBytes, MADV_DONTNEED);
    clean_.push_back(s);
  }
  char* seg(size_t s) const { return base_ + s * kSegBytes; }

 private:
  static constexpr uintptr_t kAlign = uintptr_t{2} << 20;
  void* mapping_ = nullptr;
  char* base_ = nullptr;
  size_t used_ = 0;
  std::vector<size_t> dirty_, clean_;
  static size_t pop(std::vector<size_t>& v) {
    size_t s = v.back();
    v.pop_back();
    return s;
  }
};

StackPool& pool() {
  static StackPool p;
  return p;
}

// Boost.Context stack allocator over memory we own.
struct FixedStack {
  char* lo;
  size_t size;
  ctx::stack_context allocate() {
    ctx::stack_context sc;
    sc.size = size;
    sc.sp = lo + size;
    return sc;
  }
  void deallocate(ctx::stack_context&) {}
};

}  // namespace

Scheduler::Scheduler(VM& vm) : vm_(vm) {}

Scheduler::~Scheduler() {
  // Unfinished fibers are destroyed here (their contexts unwind); release
  // the segments afterwards.
  for (auto& f : fibers_) {
    f->ctx = {};
    release(f.get());
  }
}

Fiber* Scheduler::new_fiber(const bc::Function* fn, void* closure, bool main) {
  auto owned = std::make_unique<Fiber>();
  Fiber* f = owned.get();
  f->id = next_id_++;
  f->start_fn = fn;
  f->start_closure = closure;
  f->is_main = main;
  if (main) {
    vm_.init_fiber(*f);
    void* p = mmap(nullptr, kMainNativeBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw rt::PanicError{"runtime error: cannot allocate a goroutine stack"};
    f->native_lo = static_cast<char*>(p);
    f->native_size = kMainNativeBytes;
  } else {
    size_t s = pool().take();
    if (s == SIZE_MAX) throw rt::PanicError{"runtime error: too many goroutines"};
    f->segment = s;
    char* base = pool().seg(s);
    f->native_lo = base;
    f->native_size = kNativeBytes;
    f->slots = reinterpret_cast<Slot*>(base + kNativeBytes);
    f->slots_end = f->slots + kSlotBytes / sizeof(Slot);
    f->frames = reinterpret_cast<Frame*>(base + kFramesAt);
    f->frames_end = f->frames + kFrameBytes / sizeof(Frame);
    f->top = f->frames - 1;
  }
  f->ctx = ctx::fiber(std::allocator_arg, FixedStack{f->native_lo, f->native_size}, [this, f](ctx::fiber&& sink) {
    f->sink = std::move(sink);
    goroutine_main(f);
    f->state = FiberState::Dead;
    return std::move(f->sink);
  });
  f->state = FiberState::Runnable;
  f->index = fibers_.size();
  fibers_.push_back(std::move(owned));
  return f;
}

void Scheduler::release(Fiber* f) {
  if (f->is_main) {
    vm_.free_fiber(*f);
    if (f->native_lo) munmap(f->native_lo, f->native_size);
  } else if (f->segment != SIZE_MAX) {
    pool().give_back(f->segment);
  }
  f->native_lo = nullptr;
  f->segment = SIZE_MAX;
}

void Scheduler::goroutine_main(Fiber* f) {
  try {
    bool ok = vm_.call_function(*f, f->start_fn, f->start_closure, nullptr, nullptr);
    f->start_closure = nullptr;
    if (!ok && !done_) {
      done_ = true;
      exit_code_ = 1;
      error_ = vm_.panic_report(*f);
    }
  } catch (ExitRequest& e) {
    if (!done_) {
      done_ = true;
      exit_code_ = e.code;
    }
  } catch (rt::PanicError& e) {  // could not even push the first frame
    if (!done_) {
      done_ = true;
      exit_code_ = 1;
      error_ = e.msg;
    }
  }
}

void Scheduler::spawn(void* clo) {
  uint32_t fi = static_cast<uint32_t>(*static_cast<Slot*>(clo));
  Fiber* f = new_fiber(&vm_.module().funcs[fi], clo, false);
  runq_.push_back(f);
}

void Scheduler::switch_to_scheduler() {
  Fiber* f = current_;
  f->sink = std::move(f->sink).resume();
}

void Scheduler::park(const char* reason) {
  Fiber* f = current_;
  f->state = FiberState::Blocked;
  f->wait_reason = reason;
  switch_to_scheduler();
}

void Scheduler::ready(Fiber* f) {
  if (f->state != FiberState::Blocked) return;
  f->state = FiberState::Runnable;
  f->wait_reason = "";
  runq_.push_back(f);
}

void Scheduler::yield() {
  if (runq_.empty() && timers_.empty()) return;
  Fiber* f = current_;
  f->state = FiberState::Runnable;
  runq_.push_back(f);
  switch_to_scheduler();
}

void Scheduler::sleep(std::chrono::nanoseconds d) {
  Fiber* f = current_;
  if (d.count() <= 0) return yield();
  Clock::time_point now = Clock::now();
  // A duration past the clock's range sleeps "forever".
  Clock::time_point when = d < Clock::time_point::max() - now ? now + std::chrono::duration_cast<Clock::duration>(d)
                                                               : Clock::time_point::max();
  timers_.push(TimerEntry{when, timer_seq_++, f});
  park("sleep");
}

void Scheduler::mark_daemon() {
  if (!current_->daemon) {
    current_->daemon = true;
    ++daemons_;
  }
}

// Wakes the fibers whose timers are due; with `wait`, first sleeps the
// thread until the earliest timer.
void Scheduler::fire_timers(bool wait) {
  if (timers_.empty()) return;
  if (wait) std::this_thread::sleep_until(timers_.top().when);
  Clock::time_point now = Clock::now();
  while (!timers_.empty() && timers_.top().when <= now) {
    TimerEntry t = timers_.top();
    timers_.pop();
    if (t.fiber) ready(t.fiber);
  }
}

std::string Scheduler::deadlock_report() const {
  std::string s = "vm deadlock: all fibers blocked";
  for (const auto& f : fibers_) {
    if (f->state != FiberState::Blocked) continue;
    s += "\n  fiber " + std::to_string(f->id) + (f->is_main ? " (main)" : "") + ": blocked on " + f->wait_reason;
    if (f->top >= f->frames) {
      const Frame* fr = f->top;
      uint32_t pc = static_cast<uint32_t>(fr->pc - fr->fn->code.data());
      s += " at " + fr->fn->file + ":" + std::to_string(fr->fn->line_at(pc)) + " in " + fr->fn->name;
    }
  }
  return s;
}

int Scheduler::run(const bc::Function* entry, std::string* error) {
  runq_.push_back(new_fiber(entry, nullptr, true));
  while (!done_) {
    if (fibers_.size() == daemons_) break;  // only timer helpers are left
    fire_timers(false);
    if (runq_.empty()) {
      if (!timers_.empty()) {
        fire_timers(true);
        continue;
      }
      done_ = true;
      exit_code_ = 1;
      error_ = deadlock_report();
      break;
    }
    Fiber* f = runq_.front();
    runq_.pop_front();
    current_ = f;
    f->state = FiberState::Running;
    vm_.reset_budget();
    f->ctx = std::move(f->ctx).resume();
    current_ = nullptr;
    if (f->state == FiberState::Dead) {
      if (f->daemon) --daemons_;
      release(f);
      // Swap-remove: fibers_ may hold 100,000 goroutines.
      size_t i = f->index;
      std::swap(fibers_[i], fibers_.back());
      fibers_[i]->index = i;
      fibers_.pop_back();
    }
  }
  *error = error_;
  return exit_code_;
}

}  // namespace vo::vm
