#include "vm/chan.h"

#include <cstring>
#include <random>
#include <vector>

#include "runtime/panic.h"
#include "vm/port.h"
#include "vm/vm.h"

namespace vo::vm {

using rt::Slot;

struct SelectWait {
  bool done = false;
  int fired = -1;
};

void WaitQueue::push(Waiter* w) {
  w->next = nullptr;
  w->prev = tail;
  if (tail) tail->next = w;
  else head = w;
  tail = w;
}

void WaitQueue::remove(Waiter* w) {
  if (w->prev) w->prev->next = w->next;
  else if (head == w) head = w->next;
  else return;  // not queued
  if (w->next) w->next->prev = w->prev;
  else tail = w->prev;
  w->next = w->prev = nullptr;
}

Waiter* WaitQueue::pop() {
  while (Waiter* w = head) {
    remove(w);
    if (!w->sel) return w;
    if (w->sel->done) continue;  // a select that another case already woke
    w->sel->done = true;
    w->sel->fired = w->case_index;
    return w;
  }
  return nullptr;
}

namespace {

[[noreturn]] void fault(const char* msg) { throw rt::PanicError{msg}; }

void trace_chan(void* obj, rt::Marker& m) {
  auto* c = static_cast<Chan*>(obj);
  if (c->buf) m.mark(c->buf);
}

const rt::ObjLayout* chan_layout() {
  static rt::ObjLayout l = [] {
    rt::ObjLayout x;
    x.name = "chan";
    x.trace = trace_chan;
    return x;
  }();
  return &l;
}

void copy_val(Slot* dst, const Slot* src, uint32_t n) {
  if (dst && n) std::memcpy(dst, src, n * sizeof(Slot));
}
void zero_val(Slot* dst, uint32_t n) {
  if (dst && n) std::memset(dst, 0, n * sizeof(Slot));
}

Slot* slot_at(Chan* c, int64_t i) { return c->buf + ((c->head + i) % c->cap) * c->slots; }

// Non-blocking halves shared by send/recv/select. They return false when
// the operation would block.
bool try_send(VM& vm, Chan* c, const Slot* val) {
  if (c->closed) fault("runtime error: send on closed channel");
  if (Waiter* r = c->recvq.pop()) {
    copy_val(r->val, val, c->slots);
    r->ok = true;
    vm.sched().ready(r->fiber);
    return true;
  }
  if (c->count < c->cap) {
    copy_val(slot_at(c, c->count), val, c->slots);
    ++c->count;
    return true;
  }
  return false;
}

bool try_recv(VM& vm, Chan* c, Slot* dst, bool* ok) {
  if (c->count > 0) {
    Slot* src = slot_at(c, 0);
    copy_val(dst, src, c->slots);
    zero_val(src, c->slots);
    c->head = (c->head + 1) % c->cap;
    --c->count;
    // A blocked sender can now put its value in the freed place.
    if (Waiter* s = c->sendq.pop()) {
      copy_val(slot_at(c, c->count), s->val, c->slots);
      ++c->count;
      vm.sched().ready(s->fiber);
    }
    *ok = true;
    return true;
  }
  if (Waiter* s = c->sendq.pop()) {
    copy_val(dst, s->val, c->slots);
    vm.sched().ready(s->fiber);
    *ok = true;
    return true;
  }
  if (c->closed) {
    zero_val(dst, c->slots);
    *ok = false;
    return true;
  }
  return false;
}

}  // namespace

Chan* chan_make(VM& vm, const rt::RType* elem, const rt::ObjLayout* elem_layout, int64_t size) {
  if (size < 0) fault("runtime error: makechan: size out of range");
  rt::Heap& heap = vm.heap();
  rt::HandleScope hs(heap);
  Slot& hold = hs.slot();
  auto* c = static_cast<Chan*>(heap.alloc(chan_layout(), sizeof(Chan)));
  new (c) Chan{elem, elem->slots, size};
  hold = reinterpret_cast<Slot>(c);
  if (size > 0 && elem->slots > 0) {
    if (static_cast<uint64_t>(size) > heap.max_alloc() / (elem->slots * sizeof(Slot)))
      fault("runtime error: makechan: size out of range");
    c->buf = static_cast<Slot*>(heap.alloc(elem_layout, static_cast<size_t>(size) * elem->slots * sizeof(Slot),
                                           static_cast<uint32_t>(size)));
  }
  return c;
}

void chan_send(VM& vm, Chan* c, const Slot* val) {
  Scheduler& s = vm.sched();
  if (!c) {
    s.park("chan send (nil chan)");
    return;  // unreachable unless the program ends
  }
  if (try_send(vm, c, val)) return;
  Waiter w;
  w.fiber = s.current();
  w.val = const_cast<Slot*>(val);
  c->sendq.push(&w);
  s.park("chan send");
  if (w.closed) fault("runtime error: send on closed channel");
}

bool chan_recv(VM& vm, Chan* c, Slot* dst) {
  Scheduler& s = vm.sched();
  if (!c) {
    s.park("chan receive (nil chan)");
    return false;
  }
  bool ok = false;
  if (try_recv(vm, c, dst, &ok)) return ok;
  Waiter w;
  w.fiber = s.current();
  w.val = dst;
  c->recvq.push(&w);
  s.park("chan receive");
  return w.ok;
}

void chan_close(VM& vm, Chan* c) {
  if (!c) fault("runtime error: close of nil channel");
  if (c->closed) fault("runtime error: close of closed channel");
  c->closed = true;
  while (Waiter* r = c->recvq.pop()) {
    zero_val(r->val, c->slots);
    r->ok = false;
    vm.sched().ready(r->fiber);
  }
  while (Waiter* w = c->sendq.pop()) {
    w->closed = true;
    vm.sched().ready(w->fiber);
  }
}

namespace {

// The poll phase: the first ready case in a uniformly shuffled order.
int poll_cases(VM& vm, SelectCase* cases, int n) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  int order[bc::kMaxSelectCases];
  for (int i = 0; i < n; ++i) order[i] = i;
  for (int i = n - 1; i > 0; --i) std::swap(order[i], order[rng() % static_cast<unsigned>(i + 1)]);
  for (int k = 0; k < n; ++k) {
    int i = order[k];
    SelectCase& sc = cases[i];
    bool ok = false;
    if (sc.port) {
      if (!port_try_recv(vm, sc.port, sc.val, &ok)) continue;
    } else if (!sc.chan) {
      continue;
    } else if (sc.send) {
      if (!try_send(vm, sc.chan, sc.val)) continue;
      return i;
    } else if (!try_recv(vm, sc.chan, sc.val, &ok)) {
      continue;
    }
    if (sc.ok) *sc.ok = ok;
    return i;
  }
  return -1;
}

WaitQueue& queue_of(SelectCase& sc) { return sc.send ? sc.chan->sendq : sc.chan->recvq; }

}  // namespace

int chan_select(VM& vm, SelectCase* cases, int n, bool has_default) {
  int chosen = poll_cases(vm, cases, n);
  if (chosen >= 0 || has_default) return chosen;
  Scheduler& s = vm.sched();
  SelectWait sel;
  std::vector<Waiter> ws(static_cast<size_t>(n));
  bool any = false;
  PortState* ready_ports[bc::kMaxSelectCases];
  int nready = 0;
  for (int i = 0; i < n; ++i) {
    SelectCase& sc = cases[i];
    if (!sc.chan && !sc.port) continue;
    Waiter& w = ws[static_cast<size_t>(i)];
    w.fiber = s.current();
    w.val = sc.val;
    w.sel = &sel;
    w.case_index = i;
    any = true;
    if (!sc.port) queue_of(sc).push(&w);
    else if (port_wait(sc.port, &w)) ready_ports[nready++] = sc.port;
  }
  // A port that filled up between the poll and the wait (another island
  // sent) is delivered now instead of sleeping.
  for (int i = 0; i < nready && !sel.done; ++i) port_deliver(vm, ready_ports[i]);
  if (!sel.done) s.park(any ? "select" : "select (no cases)");
  for (int i = 0; i < n; ++i) {
    if (cases[i].port) port_unwait(cases[i].port, &ws[static_cast<size_t>(i)]);
    else if (cases[i].chan) queue_of(cases[i]).remove(&ws[static_cast<size_t>(i)]);
  }
  int k = sel.fired;
  Waiter& w = ws[static_cast<size_t>(k)];
  if (cases[k].send) {
    if (w.closed) fault("runtime error: send on closed channel");
  } else if (cases[k].ok) {
    *cases[k].ok = w.ok;
  }
  return k;
}

}  // namespace vo::vm
