// The goroutine scheduler of one VM (one island): goroutines are stackful
// fibers (Boost.Context) run one at a time on the VM's thread (M:1). A
// goroutine gives up the thread when it blocks on a channel, sleeps, or uses
// up its instruction budget; the scheduler loop runs on the thread's own
// stack and picks the next runnable fiber.
#pragma once
#include <boost/context/fiber.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "bytecode/module.h"
#include "vm/transfer.h"

namespace vo::vm {

class VM;
struct Fiber;

using Clock = std::chrono::steady_clock;

enum class FiberState : uint8_t { Runnable, Running, Blocked, Dead };

// Timer entries: wake a sleeping fiber, or call back into the runtime (for
// time.After / Ticker channels).
struct TimerEntry {
  Clock::time_point when;
  uint64_t seq;  // FIFO among equal deadlines; also the cancel handle
  Fiber* fiber;  // to wake (may be nullptr)
  bool operator>(const TimerEntry& o) const { return when != o.when ? when > o.when : seq > o.seq; }
};

class Scheduler {
 public:
  explicit Scheduler(VM& vm);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `entry` as the main goroutine and every goroutine it starts until
  // all have finished, one panics, os.Exit is called, or all are blocked.
  // Returns the exit code; `error` receives the message for a non-zero one.
  // With `serve` (an island other than the main one), `entry` is package
  // initialization, and the loop then runs the goroutines other islands
  // send until it is told to stop.
  int run(const bc::Function* entry, std::string* error, bool serve);

  // Starts a goroutine running closure `clo` (a thunk taking no arguments).
  void spawn(void* clo);

  Fiber* current() const { return current_; }
  // The current goroutine blocks until ready() is called on it. `reason`
  // names what it waits for in deadlock reports.
  void park(const char* reason);
  void ready(Fiber* f);
  // Lets other runnable goroutines run (preemption point).
  void yield();
  // Blocks the current goroutine for d (time.Sleep).
  void sleep(std::chrono::nanoseconds d);
  // The current goroutine stops counting as live for program end.
  void mark_daemon();
  size_t live_goroutines() const { return fibers_.size() - daemons_; }

  // Each fiber, for the GC.
  template <class F> void for_each_fiber(F&& fn) {
    for (auto& f : fibers_) fn(*f);
  }

 private:
  VM& vm_;
  // A goroutine's Fiber lives in its own stack segment (one page touched per
  // small goroutine); the main one's on the C++ heap.
  struct FiberDelete {
    void operator()(Fiber* f) const;
  };
  std::vector<std::unique_ptr<Fiber, FiberDelete>> fibers_;  // live fibers
  std::deque<Fiber*> runq_;
  std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> timers_;
  uint64_t timer_seq_ = 0;
  Fiber* current_ = nullptr;
  uint64_t next_id_ = 1;
  size_t daemons_ = 0;  // live daemon fibers
  bool serve_ = false;
  void* tsan_sched_ = nullptr;   // ThreadSanitizer's fiber of the scheduler loop
  bool init_done_ = false;       // serve: package initialization has finished
  std::vector<Packed> pending_;  // serve: go @ calls that arrived during initialization
  // Set when the program must end (uncaught panic, os.Exit).
  bool done_ = false;
  int exit_code_ = 0;
  std::string error_;

  Fiber* new_fiber(const bc::Function* fn, void* closure, bool main);
  void goroutine_main(Fiber* f);
  void switch_to_scheduler();
  void end_run(int code, std::string error);
  void fire_timers(bool wait);
  bool wait_for_work();
  void take_mail(bool wait);
  void spawn_packed(const Packed& call);
  std::string deadlock_report() const;
  void release(Fiber* f);
};

}  // namespace vo::vm
