// Islands: `make(island)` starts a VM with its own heap, globals and
// scheduler on its own OS thread (../shared/DESIGN.md section 4). Islands
// share only the immutable module; they talk through mail: a goroutine to
// start (`go @(isl) f(x)`, deep-copied), a goroutine to wake (a blocked port
// sender), a port that received values for waiting receivers. One World
// holds the islands of a program run: it decides when the whole program is
// deadlocked (every island idle, no mail anywhere) and shuts islands down
// when the main island ends.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bytecode/module.h"
#include "vm/sched.h"
#include "vm/transfer.h"

namespace vo::vm {

class World;
struct Fiber;
struct PortState;

struct Mail {
  enum class Kind : uint8_t { Spawn, Wake, PortReady, Stop, Fatal } kind;
  Packed call;               // Spawn: the go @ thunk
  Fiber* fiber = nullptr;    // Wake: a goroutine blocked in a port send
  PortState* port = nullptr; // PortReady: holds one reference
  int code = 0;              // Fatal: the exit code and message ending the program
  std::string error;
};

class Island {
 public:
  Island(World& w, bool is_main) : world_(w), main_(is_main) {}
  ~Island();
  Island(const Island&) = delete;
  Island& operator=(const Island&) = delete;

  // Thread-safe: queues mail and wakes the island if it waits.
  void post(Mail m);
  // Cheap check for the scheduler's hot path.
  bool has_mail() const { return flag_.load(std::memory_order_acquire); }
  // Takes the pending mail. With `wait`, first blocks until mail arrives,
  // `deadline` passes (the next timer), or, on the main island with no
  // deadline, every island is idle: then *deadlocked is set.
  std::deque<Mail> take(bool wait, std::optional<Clock::time_point> deadline, bool* deadlocked);
  World& world() { return world_; }
  bool is_main() const { return main_; }

 private:
  friend class World;
  World& world_;
  bool main_;
  std::deque<Mail> mail_;  // guarded by world_.mu_
  std::atomic<bool> flag_{false};
  std::condition_variable cv_;
  bool idle_ = false;  // waiting with nothing to run and no timer (guarded by world_.mu_)
  std::thread thread_;
  void set_idle(bool idle);  // with world_.mu_ held
};

class World {
 public:
  World(const bc::Module& m, std::vector<std::string> args);
  ~World();  // stops and joins the islands
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  Island* main_island() { return main_.get(); }
  // os.Args of every island (set before the first island is made).
  void set_args(std::vector<std::string> args) { args_ = std::move(args); }
  // make(island): a new island whose thread runs package initialization,
  // then the goroutines sent to it, until the program ends.
  Island* create_island();
  // Whether any island besides the main one exists.
  bool multi() const { return workers_.load(std::memory_order_acquire) > 0; }
  // An island's goroutine ended the program (uncaught panic, os.Exit).
  void fail(int code, std::string error);
  // The main island has ended: stop every island and wait for its thread.
  void stop_all();

 private:
  friend class Island;
  const bc::Module& mod_;
  std::vector<std::string> args_;
  std::mutex mu_;
  std::unique_ptr<Island> main_;
  std::vector<std::unique_ptr<Island>> islands_;  // workers, guarded by mu_
  std::atomic<size_t> workers_{0};
  size_t busy_ = 1;        // islands not idle (the main island starts busy)
  bool stopping_ = false;  // guarded by mu_
  void run_worker(Island* isl);
};

class VM;

// make(island).
Island* island_make(VM& vm);
// go @(isl) call: `thunk` is the call's closure, deep-copied to the island.
void island_go(VM& vm, void* isl, const void* thunk);

}  // namespace vo::vm
