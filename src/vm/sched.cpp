#include "vm/sched.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

#include "runtime/panic.h"
#include "vm/island.h"
#include "vm/port.h"
#include "vm/vm.h"

namespace vo::vm {

namespace ctx = boost::context;

namespace {

// ThreadSanitizer must be told about each switch between fiber stacks (Boost
// 1.74's contexts do not do it); the calls vanish in normal builds.
#if defined(__SANITIZE_THREAD__)
void* tsan_new_fiber() { return __tsan_create_fiber(0); }
void* tsan_current() { return __tsan_get_current_fiber(); }
void tsan_switch(void* to) { __tsan_switch_to_fiber(to, 0); }
void tsan_free(void* f) { __tsan_destroy_fiber(f); }
#else
void* tsan_new_fiber() { return nullptr; }
void* tsan_current() { return nullptr; }
void tsan_switch(void*) {}
void tsan_free(void*) {}
#endif

// Goroutine stacks are carved from one large reservation (Linux limits a
// process to ~65k mappings, so not one mmap per goroutine) and committed
// lazily by the kernel as they are touched. A segment holds a goroutine's
// native (C++) stack and its slot stack (which holds the frame records),
// laid out so a small blocked goroutine touches one page: the native
// stack's top shares a page with the first slots.
constexpr size_t kPage = 4096;
// 512 KiB segments: four goroutines share each page-table page, which
// matters because page faults and page-table pages are costly (spawning
// 100,000 goroutines: 1 MiB segments took ~1.3x as long; see bench/chan).
// A goroutine's slot stack is ~445 KB (main: 10 MB): about 4,700 calls of
// small functions; deeper is a stack overflow panic.
constexpr size_t kSegBytes = size_t{512} << 10;
constexpr size_t kNativeBytes = (size_t{64} << 10) + 3 * kPage / 4;  // its top is 3/4 into a page
constexpr size_t kSlotBytes = kSegBytes - kNativeBytes;
#if defined(__SANITIZE_THREAD__)
constexpr size_t kMaxSegments = size_t{1} << 14;  // ThreadSanitizer's address space is smaller
#else
constexpr size_t kMaxSegments = size_t{1} << 21;  // 1 TiB of address space
#endif
// Freed segments kept dirty for reuse before their pages go back to the
// kernel, which happens in batches: one madvise per run of neighbours
// (a system call per dead goroutine dominated spawning many).
constexpr size_t kDirtyKept = 256;
constexpr size_t kReleaseBatch = 1024;
// The main goroutine keeps the VM's large stacks and gets a big native stack.
constexpr size_t kMainNativeBytes = size_t{64} << 20;

class StackPool {
 public:
  ~StackPool() {
    if (base_) munmap(mapping_, kSegBytes * kMaxSegments + kAlign);
  }
  // A segment index, or SIZE_MAX when the address space is exhausted.
  // Islands share the pool: every goroutine of the process fits in it.
  size_t take() {
    std::lock_guard<std::mutex> lock(mu_);
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
    std::lock_guard<std::mutex> lock(mu_);
    dirty_.push_back(s);
    if (dirty_.size() >= kDirtyKept + kReleaseBatch) release_oldest();
  }
  char* seg(size_t s) const { return base_ + s * kSegBytes; }

 private:
  static constexpr uintptr_t kAlign = uintptr_t{2} << 20;
  std::mutex mu_;
  void* mapping_ = nullptr;
  char* base_ = nullptr;
  size_t used_ = 0;
  std::vector<size_t> dirty_, clean_;
  // Returns the kReleaseBatch least recently freed segments' pages.
  void release_oldest() {
    std::vector<size_t> old(dirty_.begin(), dirty_.begin() + kReleaseBatch);
    dirty_.erase(dirty_.begin(), dirty_.begin() + kReleaseBatch);
    std::sort(old.begin(), old.end());
    for (size_t i = 0; i < old.size();) {
      size_t j = i + 1;
      while (j < old.size() && old[j] == old[j - 1] + 1) ++j;
      madvise(seg(old[i]), (j - i) * kSegBytes, MADV_DONTNEED);
      i = j;
    }
    clean_.insert(clean_.end(), old.begin(), old.end());
  }
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
  void* self = tsan_current();
  for (auto& f : fibers_) {
    tsan_switch(f->tsan);
    f->ctx = {};
    tsan_switch(self);
    tsan_free(f->tsan);
    release(f.get());
  }
}

// The Fiber record heads the slot area of its segment.
constexpr size_t kFiberBytes = (sizeof(Fiber) + 63) / 64 * 64;

void Scheduler::FiberDelete::operator()(Fiber* f) const {
  size_t s = f->segment;
  if (s == SIZE_MAX) {
    delete f;
    return;
  }
  f->~Fiber();  // before its memory may go back to the kernel
  pool().give_back(s);
}

Fiber* Scheduler::new_fiber(const bc::Function* fn, void* closure, bool main) {
  std::unique_ptr<Fiber, FiberDelete> owned;
  if (main) {
    owned.reset(new Fiber);
  } else {
    size_t s = pool().take();
    if (s == SIZE_MAX) throw rt::PanicError{"runtime error: too many goroutines"};
    owned.reset(new (pool().seg(s) + kNativeBytes) Fiber);
    owned->segment = s;
  }
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
    char* base = pool().seg(f->segment);
    f->native_lo = base;
    f->native_size = kNativeBytes;
    f->slots = reinterpret_cast<Slot*>(base + kNativeBytes + kFiberBytes);
    f->slots_end = reinterpret_cast<Slot*>(base + kSegBytes);
    f->top = nullptr;
  }
  f->ctx = ctx::fiber(std::allocator_arg, FixedStack{f->native_lo, f->native_size}, [this, f](ctx::fiber&& sink) {
    f->sink = std::move(sink);
    goroutine_main(f);
    f->state = FiberState::Dead;
    tsan_switch(tsan_sched_);
    return std::move(f->sink);
  });
  f->tsan = tsan_new_fiber();
  f->state = FiberState::Runnable;
  f->index = fibers_.size();
  fibers_.push_back(std::move(owned));
  return f;
}

void Scheduler::release(Fiber* f) {
  // A pool goroutine's segment goes back with its Fiber (FiberDelete).
  if (f->is_main) {
    vm_.free_fiber(*f);
    if (f->native_lo) munmap(f->native_lo, f->native_size);
  }
  f->native_lo = nullptr;
}

// The first reason to end the run wins.
void Scheduler::end_run(int code, std::string error) {
  if (done_) return;
  done_ = true;
  exit_code_ = code;
  error_ = std::move(error);
}

void Scheduler::goroutine_main(Fiber* f) {
  try {
    bool ok = vm_.call_function(*f, f->start_fn, f->start_closure, nullptr, nullptr);
    f->start_closure = nullptr;
    if (!ok) end_run(1, vm_.panic_report(*f));
  } catch (ExitRequest& e) {
    end_run(e.code, "");
  } catch (rt::PanicError& e) {  // could not even push the first frame
    end_run(1, e.msg);
  }
}

void Scheduler::spawn(void* clo) {
  uint32_t fi = static_cast<uint32_t>(*static_cast<Slot*>(clo));
  Fiber* f = new_fiber(&vm_.module().funcs[fi], clo, false);
  runq_.push_back(f);
}

void Scheduler::switch_to_scheduler() {
  Fiber* f = current_;
  tsan_switch(tsan_sched_);
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
  if (runq_.empty() && timers_.empty() && !vm_.island().has_mail()) return;
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
    if (f->top) {
      const Frame* fr = f->top;
      uint32_t pc = static_cast<uint32_t>(fr->pc - fr->fn->code.data());
      s += " at " + fr->fn->file + ":" + std::to_string(fr->fn->line_at(pc)) + " in " + fr->fn->name;
    }
  }
  return s;
}

void Scheduler::spawn_packed(const Packed& call) {
  try {
    spawn(unpack_closure(vm_, call));
  } catch (rt::PanicError& e) {
    end_run(1, e.msg);
  }
}

// Handles what other islands sent; with `wait`, first sleeps until there is
// something to do (mail, the next timer). On the main island, a wait that
// finds every island idle is a deadlock.
void Scheduler::take_mail(bool wait) {
  std::optional<Clock::time_point> deadline;
  if (!timers_.empty()) deadline = timers_.top().when;
  bool deadlocked = false;
  std::deque<Mail> mail = vm_.island().take(wait, deadline, &deadlocked);
  for (Mail& m : mail) {
    switch (m.kind) {
      case Mail::Kind::Spawn:
        if (serve_ && !init_done_) pending_.push_back(std::move(m.call));
        else spawn_packed(m.call);
        break;
      case Mail::Kind::Wake: ready(m.fiber); break;
      case Mail::Kind::PortReady:
        port_deliver(vm_, m.port);
        m.port->release();
        break;
      case Mail::Kind::Stop: done_ = true; break;
      case Mail::Kind::Fatal: end_run(m.code, std::move(m.error)); break;
    }
  }
  if (deadlocked && runq_.empty() && !done_) end_run(1, deadlock_report());
}

// Nothing is runnable; returns false when the run must end.
bool Scheduler::wait_for_work() {
  if (!serve_ && !vm_.world().multi()) {
    if (!timers_.empty()) {
      fire_timers(true);
      return true;
    }
    end_run(1, deadlock_report());
    return false;
  }
  vm_.flush_out();  // before sleeping: others' output may follow ours
  take_mail(true);
  return !done_;
}

int Scheduler::run(const bc::Function* entry, std::string* error, bool serve) {
  serve_ = serve;
  tsan_sched_ = tsan_current();
  // An island's initialization runs on an ordinary goroutine stack: only
  // the program's main goroutine gets the large reservations.
  Fiber* first = nullptr;
  try {
    first = new_fiber(entry, nullptr, !serve);
  } catch (rt::PanicError& e) {
    *error = e.msg;
    return 1;
  }
  const uint64_t first_id = first->id;
  runq_.push_back(first);
  Island& island = vm_.island();
  while (!done_) {
    if (island.has_mail()) {
      take_mail(false);
      if (done_) break;
    }
    if (fibers_.size() == daemons_ && !serve_) break;  // only timer helpers are left
    fire_timers(false);
    if (runq_.empty()) {
      if (!wait_for_work()) break;
      continue;
    }
    Fiber* f = runq_.front();
    runq_.pop_front();
    current_ = f;
    f->state = FiberState::Running;
    vm_.reset_budget();
    tsan_switch(f->tsan);
    vm_.heap().set_handle_stack(&f->handles);
    f->ctx = std::move(f->ctx).resume();
    vm_.heap().set_handle_stack(nullptr);
    current_ = nullptr;
    if (f->state == FiberState::Dead) {
      if (f->daemon) --daemons_;
      tsan_free(f->tsan);
      bool was_init = serve_ && f->id == first_id;
      release(f);
      // Swap-remove: fibers_ may hold 100,000 goroutines.
      size_t i = f->index;
      std::swap(fibers_[i], fibers_.back());
      fibers_[i]->index = i;
      fibers_.pop_back();
      if (was_init) {
        init_done_ = true;
        for (const Packed& call : pending_) spawn_packed(call);
        pending_.clear();
      }
    }
  }
  *error = error_;
  return exit_code_;
}

}  // namespace vo::vm
