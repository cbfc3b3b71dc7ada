// Channels: a heap object with a ring buffer and queues of waiting
// goroutines; unbuffered transfers copy straight between the goroutines'
// slots. `select` polls its cases in random order, then waits on all.
#pragma once
#include <cstdint>

#include "runtime/heap.h"
#include "runtime/value.h"

namespace vo::vm {

class VM;
struct Fiber;
struct SelectWait;

// A goroutine waiting on a channel; lives on the waiting goroutine's native
// stack, which stays put while it is blocked.
struct Waiter {
  Fiber* fiber = nullptr;
  rt::Slot* val = nullptr;  // send: the value; receive: where it goes (nullptr: dropped)
  bool ok = false;          // receive: a value arrived (false: the channel closed)
  bool closed = false;      // send: woken because the channel closed
  SelectWait* sel = nullptr;
  int case_index = 0;
  Waiter* next = nullptr;
  Waiter* prev = nullptr;
};

struct WaitQueue {
  Waiter* head = nullptr;
  Waiter* tail = nullptr;
  bool empty() const { return head == nullptr; }
  void push(Waiter* w);
  void remove(Waiter* w);
  // The first waiter that can still be woken (skipping selects already done).
  Waiter* pop();
};

struct Chan {
  const rt::RType* elem;
  uint32_t slots;      // slots per element
  int64_t cap;
  int64_t count = 0;
  int64_t head = 0;
  bool closed = false;
  rt::Slot* buf = nullptr;  // cap * slots slots (a separate heap object)
  WaitQueue recvq, sendq;
};

// make(chan T, size): elem_layout describes one element (for the buffer).
Chan* chan_make(VM& vm, const rt::RType* elem, const rt::ObjLayout* elem_layout, int64_t size);
void chan_send(VM& vm, Chan* c, const rt::Slot* val);
// Receives into dst (slots of the element; may be nullptr); returns ok.
bool chan_recv(VM& vm, Chan* c, rt::Slot* dst);
void chan_close(VM& vm, Chan* c);
inline int64_t chan_len(const Chan* c) { return c ? c->count : 0; }
inline int64_t chan_cap(const Chan* c) { return c ? c->cap : 0; }

struct PortState;

struct SelectCase {
  Chan* chan;
  PortState* port;  // a port receive case instead of a channel one
  bool send;
  rt::Slot* val;  // send: value; receive: destination (may be nullptr)
  bool* ok;       // receive: comma-ok destination (may be nullptr)
};

// Runs a select; returns the chosen case, or -1 for default.
int chan_select(VM& vm, SelectCase* cases, int n, bool has_default);

}  // namespace vo::vm
