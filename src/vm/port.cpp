#include "vm/port.h"

#include <cstring>
#include <unordered_map>

#include "runtime/panic.h"
#include "vm/island.h"
#include "vm/vm.h"

namespace vo::vm {

using rt::Slot;

namespace {

struct PortHandle {
  PortState* ps;
  VM::PortTable* table;
};

void finalize_handle(void* obj) {
  auto* h = static_cast<PortHandle*>(obj);
  auto it = h->table->find(h->ps);
  if (it != h->table->end() && it->second == obj) h->table->erase(it);
  h->ps->release();
}

const rt::ObjLayout* handle_layout() {
  static const rt::ObjLayout l = [] {
    rt::ObjLayout x;
    x.name = "port";
    x.noscan = true;
    x.finalize = finalize_handle;
    return x;
  }();
  return &l;
}

using Sender = std::pair<Island*, Fiber*>;

// Takes the longest-waiting sender, to wake once the lock is released.
Sender pop_sender(PortState* ps) {
  if (ps->senders.empty()) return {nullptr, nullptr};
  Sender s = ps->senders.front();
  ps->senders.erase(ps->senders.begin());
  return s;
}

void wake(VM& vm, Sender s) {
  if (!s.second) return;
  if (s.first == &vm.island()) {
    vm.sched().ready(s.second);
    return;
  }
  Mail m{Mail::Kind::Wake};
  m.fiber = s.second;
  s.first->post(std::move(m));
}

void zero(Slot* dst, const PortState* ps) {
  if (dst && ps->elem->slots) std::memset(dst, 0, ps->elem->slots * sizeof(Slot));
}

// Rebuilds a received value; a receive whose value is dropped still
// unpacks nothing.
void deliver_value(VM& vm, const Packed& msg, Slot* dst) {
  if (dst) unpack_value(vm, msg, dst);
}

// A sender's value arrived: tell the home island if a receiver waits there.
void notify_home(VM& vm, PortState* ps) {
  if (ps->home == &vm.island()) {
    port_deliver(vm, ps);
    return;
  }
  ps->retain();
  Mail m{Mail::Kind::PortReady};
  m.port = ps;
  ps->home->post(std::move(m));
}

// Before a value leaves for another island, this island's output so far
// reaches stdout: what the other island prints next is ordered after it.
void flush_for(VM& vm) {
  if (vm.world().multi()) vm.flush_out();
}

}  // namespace

PortState* port_state(const void* handle) {
  return handle ? static_cast<const PortHandle*>(handle)->ps : nullptr;
}

void* port_handle(VM& vm, PortState* ps) {
  VM::PortTable& table = vm.port_table();
  auto it = table.find(ps);
  if (it != table.end()) return it->second;
  auto* h = static_cast<PortHandle*>(vm.heap().alloc(handle_layout(), sizeof(PortHandle)));
  h->ps = ps;
  h->table = &table;
  ps->retain();
  table.emplace(ps, h);
  return h;
}

void* port_make(VM& vm, const rt::RType* elem, int64_t cap) {
  if (cap <= 0) throw rt::PanicError{"runtime error: makeport: size out of range"};
  auto* ps = new PortState(elem, cap, &vm.island());
  void* h = port_handle(vm, ps);
  ps->release();  // the handle holds the only reference now
  return h;
}

void port_send(VM& vm, void* handle, const Slot* val) {
  Scheduler& s = vm.sched();
  if (!handle) {
    s.park("port send (nil port)");
    return;
  }
  PortState* ps = port_state(handle);
  Packed msg = pack_value(vm, ps->elem, val);
  flush_for(vm);
  for (;;) {
    std::unique_lock<std::mutex> lock(ps->mu);
    if (ps->closed) throw rt::PanicError{"runtime error: send on closed port"};
    if (static_cast<int64_t>(ps->buf.size()) < ps->cap) {
      ps->buf.push_back(std::move(msg));
      bool notify = ps->recvq.head && !ps->ready_posted;
      if (notify) ps->ready_posted = true;
      lock.unlock();
      if (notify) notify_home(vm, ps);
      return;
    }
    ps->senders.emplace_back(&vm.island(), s.current());
    lock.unlock();
    s.park("port send");
  }
}

namespace {

// A receive with the port's lock held: if a value or the close is there,
// completes it (unlocking before it wakes a sender or unpacks) and returns
// true; otherwise returns false with the lock still held.
bool take_locked(VM& vm, PortState* ps, std::unique_lock<std::mutex>& lock, Slot* dst, bool* ok) {
  if (!ps->buf.empty()) {
    Packed msg = std::move(ps->buf.front());
    ps->buf.pop_front();
    Sender sender = pop_sender(ps);
    lock.unlock();
    wake(vm, sender);
    deliver_value(vm, msg, dst);
    *ok = true;
    return true;
  }
  if (ps->closed) {
    lock.unlock();
    zero(dst, ps);
    *ok = false;
    return true;
  }
  return false;
}

}  // namespace

bool port_try_recv(VM& vm, PortState* ps, Slot* dst, bool* ok) {
  std::unique_lock<std::mutex> lock(ps->mu);
  return take_locked(vm, ps, lock, dst, ok);
}

bool port_recv(VM& vm, void* handle, Slot* dst) {
  Scheduler& s = vm.sched();
  if (!handle) {
    s.park("port receive (nil port)");
    return false;
  }
  PortState* ps = port_state(handle);
  bool ok = false;
  Waiter w;
  {
    std::unique_lock<std::mutex> lock(ps->mu);
    if (take_locked(vm, ps, lock, dst, &ok)) return ok;
    w.fiber = s.current();
    w.val = dst;
    ps->recvq.push(&w);
  }
  s.park("port receive");
  return w.ok;
}

bool port_wait(PortState* ps, Waiter* w) {
  std::lock_guard<std::mutex> lock(ps->mu);
  ps->recvq.push(w);
  return !ps->buf.empty() || ps->closed;
}

void port_unwait(PortState* ps, Waiter* w) {
  std::lock_guard<std::mutex> lock(ps->mu);
  ps->recvq.remove(w);
}

void port_deliver(VM& vm, PortState* ps) {
  for (;;) {
    std::unique_lock<std::mutex> lock(ps->mu);
    ps->ready_posted = false;
    if (ps->buf.empty()) {
      if (!ps->closed) return;
      // Closed and drained: every waiting receiver gets the zero value.
      while (Waiter* w = ps->recvq.pop()) {
        zero(w->val, ps);
        w->ok = false;
        vm.sched().ready(w->fiber);
      }
      return;
    }
    Waiter* w = ps->recvq.pop();
    if (!w) return;
    Packed msg = std::move(ps->buf.front());
    ps->buf.pop_front();
    Sender sender = pop_sender(ps);
    lock.unlock();
    wake(vm, sender);
    deliver_value(vm, msg, w->val);
    w->ok = true;
    vm.sched().ready(w->fiber);
  }
}

void port_close(VM& vm, void* handle) {
  if (!handle) throw rt::PanicError{"runtime error: close of nil port"};
  PortState* ps = port_state(handle);
  std::vector<Sender> senders;
  {
    std::lock_guard<std::mutex> lock(ps->mu);
    if (ps->closed) throw rt::PanicError{"runtime error: close of closed port"};
    ps->closed = true;
    senders.swap(ps->senders);
  }
  for (Sender s : senders) wake(vm, s);  // they retry and panic
  port_deliver(vm, ps);
}

int64_t port_len(const void* handle) {
  PortState* ps = port_state(handle);
  if (!ps) return 0;
  std::lock_guard<std::mutex> lock(ps->mu);
  return static_cast<int64_t>(ps->buf.size());
}

int64_t port_cap(const void* handle) {
  PortState* ps = port_state(handle);
  return ps ? ps->cap : 0;
}

}  // namespace vo::vm
