#include "vm/island.h"

#include "runtime/panic.h"
#include "vm/port.h"
#include "vm/vm.h"

namespace vo::vm {

Island::~Island() {
  // Undelivered port notifications hold references.
  for (Mail& m : mail_)
    if (m.kind == Mail::Kind::PortReady && m.port) m.port->release();
}

void Island::set_idle(bool idle) {
  if (idle_ == idle) return;
  idle_ = idle;
  if (idle) {
    if (--world_.busy_ == 0) world_.main_->cv_.notify_one();
  } else {
    ++world_.busy_;
  }
}

void Island::post(Mail m) {
  std::lock_guard<std::mutex> lock(world_.mu_);
  mail_.push_back(std::move(m));
  flag_.store(true, std::memory_order_release);
  set_idle(false);
  cv_.notify_one();
}

std::deque<Mail> Island::take(bool wait, std::optional<Clock::time_point> deadline, bool* deadlocked) {
  std::unique_lock<std::mutex> lock(world_.mu_);
  if (wait && mail_.empty()) {
    // With a timer pending the island will wake by itself: it is not idle.
    if (!deadline) set_idle(true);
    while (mail_.empty()) {
      if (main_ && !deadline && world_.busy_ == 0) {
        *deadlocked = true;
        break;
      }
      if (!deadline) {
        cv_.wait(lock);
      } else if (cv_.wait_until(lock, *deadline) == std::cv_status::timeout) {
        break;
      }
    }
    set_idle(false);
  }
  std::deque<Mail> out;
  out.swap(mail_);
  flag_.store(false, std::memory_order_release);
  return out;
}

World::World(const bc::Module& m, std::vector<std::string> args)
    : mod_(m), args_(std::move(args)), main_(std::make_unique<Island>(*this, true)) {}

World::~World() { stop_all(); }

Island* World::create_island() {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return nullptr;
  islands_.push_back(std::make_unique<Island>(*this, false));
  Island* isl = islands_.back().get();
  ++busy_;  // a new island is busy until its first wait
  workers_.fetch_add(1, std::memory_order_release);
  isl->thread_ = std::thread([this, isl] { run_worker(isl); });
  return isl;
}

void World::run_worker(Island* isl) {
  RunResult r;
  {
    VM vm(mod_, *this, *isl);
    vm.set_args(args_);
    r = vm.run_island();
  }
  if (r.exit_code != 0) fail(r.exit_code, r.error);
}

void World::fail(int code, std::string error) {
  Mail m{Mail::Kind::Fatal};
  m.code = code;
  m.error = std::move(error);
  main_->post(std::move(m));
}

void World::stop_all() {
  std::vector<Island*> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    for (auto& i : islands_) all.push_back(i.get());
  }
  for (Island* i : all) i->post(Mail{Mail::Kind::Stop});
  for (Island* i : all)
    if (i->thread_.joinable()) i->thread_.join();
}

Island* island_make(VM& vm) {
  Island* isl = vm.world().create_island();
  if (!isl) throw rt::PanicError{"runtime error: cannot make an island while the program ends"};
  return isl;
}

void island_go(VM& vm, void* isl, const void* thunk) {
  if (!isl) throw rt::PanicError{"runtime error: go @ on a nil island"};
  Mail m{Mail::Kind::Spawn};
  m.call = pack_closure(vm, thunk);
  vm.flush_out();  // what this island printed comes before what the call prints
  static_cast<Island*>(isl)->post(std::move(m));
}

}  // namespace vo::vm
