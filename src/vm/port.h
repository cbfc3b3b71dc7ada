// Ports: buffered mailboxes that carry deep copies between islands. A port
// lives on its home island (where it was made); only its send capability
// `port<- T` may travel. The state is shared by the islands holding handles
// to it and guarded by a mutex. Receivers are always home goroutines, so the
// receive queue is only touched on the home thread; a sender on another
// island posts the home island a PortReady mail instead of waking receivers
// itself. Each island sees a port through one heap handle (so handles
// compare by identity), whose finalizer drops the island's reference.
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

#include "runtime/value.h"
#include "vm/chan.h"
#include "vm/transfer.h"

namespace vo::vm {

class VM;
class Island;
struct Fiber;

struct PortState {
  PortState(const rt::RType* e, int64_t c, Island* h) : elem(e), cap(c), home(h) {}
  void retain() { refs.fetch_add(1, std::memory_order_relaxed); }
  void release() {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  const rt::RType* const elem;
  const int64_t cap;
  Island* const home;
  std::atomic<int64_t> refs{1};
  std::mutex mu;  // guards everything below
  bool closed = false;
  std::deque<Packed> buf;
  WaitQueue recvq;            // home goroutines waiting to receive
  bool ready_posted = false;  // a PortReady mail is on its way home
  std::vector<std::pair<Island*, Fiber*>> senders;  // goroutines waiting for room
};

// The state behind a port handle (nullptr for a nil port).
PortState* port_state(const void* handle);
// This island's handle for `ps` (made on first use).
void* port_handle(VM& vm, PortState* ps);

void* port_make(VM& vm, const rt::RType* elem, int64_t cap);
void port_send(VM& vm, void* handle, const rt::Slot* val);
// Receives into dst (may be nullptr); returns ok (false: closed and drained).
bool port_recv(VM& vm, void* handle, rt::Slot* dst);
void port_close(VM& vm, void* handle);
int64_t port_len(const void* handle);
int64_t port_cap(const void* handle);

// For select: a non-blocking receive (false if it would block), and
// queueing a select's waiter.
bool port_try_recv(VM& vm, PortState* ps, rt::Slot* dst, bool* ok);
// Queues a select's waiter; returns true if a value or the close is already
// there (then the caller delivers with port_deliver instead of sleeping).
bool port_wait(PortState* ps, Waiter* w);
void port_unwait(PortState* ps, Waiter* w);

// On the home island (PortReady mail, close, a select): hands buffered
// values to waiting receivers, and the close to the rest once drained.
void port_deliver(VM& vm, PortState* ps);

}  // namespace vo::vm
