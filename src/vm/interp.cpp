// The interpreter: computed-goto dispatch over a frame's slots. pc, the frame
// base and the constants stay in locals; calls push a Frame record and a
// fresh slot window without allocating.
#include <cmath>
#include <cstring>
#include <limits>

#include "runtime/format.h"
#include "runtime/map.h"
#include "runtime/panic.h"
#include "runtime/strings.h"
#include "runtime/value_ops.h"
#include "vm/chan.h"
#include "vm/island.h"
#include "vm/ops.h"
#include "vm/port.h"
#include "vm/vm.h"

namespace vo::vm {

using bc::Instr;
using bc::Op;
using rt::PanicError;

namespace {

inline int64_t I(Slot s) { return static_cast<int64_t>(s); }
inline Slot S(int64_t v) { return static_cast<Slot>(v); }
inline double F(Slot s) { double d; std::memcpy(&d, &s, 8); return d; }
inline Slot SF(double d) { Slot s; std::memcpy(&s, &d, 8); return s; }

[[noreturn]] void fault(const std::string& msg) { throw PanicError{"runtime error: " + msg}; }

inline void* ptr_of(Slot s) { return reinterpret_cast<void*>(s); }
inline Slot slot_of(const void* p) { return reinterpret_cast<Slot>(p); }

inline void nil_check(Slot p) {
  if (p == 0) fault("nil pointer dereference");
}

inline void index_check(int64_t i, int64_t len) {
  if (i < 0) fault("index out of range [" + std::to_string(i) + "]");
  if (i >= len) fault("index out of range [" + std::to_string(i) + "] with length " + std::to_string(len));
}

int64_t shift_count(Slot c, bool is_signed) {
  if (is_signed && I(c) < 0) fault("negative shift amount");
  return static_cast<int64_t>(c);
}

// The math functions compiled inline (see FMath in opcodes.h).
inline double fmath(double x, uint8_t fn) {
  switch (fn) {
    case 0: return std::sqrt(x);
    case 1: return std::fabs(x);
    case 2: return std::floor(x);
    case 3: return std::ceil(x);
    default: return std::trunc(x);
  }
}

// Element size in bytes for an elem code (see opcodes.h).
inline uint32_t elem_bytes(uint8_t code) { return (code == 0 || code == 255) ? 1 : code * 8u; }

inline void load_elem(Slot* dst, const uint8_t* p, uint8_t code) {
  if (code == 0) *dst = *p;
  else if (code == 255) *dst = S(static_cast<int8_t>(*p));
  else std::memcpy(dst, p, code * 8u);
}
inline void store_elem(uint8_t* p, const Slot* src, uint8_t code) {
  if (code == 0 || code == 255) *p = static_cast<uint8_t>(*src);
  else std::memcpy(p, src, code * 8u);
}

// Runs a Select instruction and its case words (out of line: the case
// table would otherwise enlarge every goroutine's interpreter frame).
[[gnu::noinline]] int run_select(VM& vm, const Instr* pc, Slot* base) {
  SelectCase cases[bc::kMaxSelectCases];
  bool oks[bc::kMaxSelectCases];
  int n = pc->b;
  for (int k = 0; k < n; ++k) {
    const Instr& w = pc[1 + k];
    bool port = w.flags == 3;
    cases[k].chan = port ? nullptr : static_cast<Chan*>(ptr_of(base[w.a]));
    cases[k].port = port ? port_state(ptr_of(base[w.a])) : nullptr;
    cases[k].send = w.flags == 1;
    cases[k].val = w.b == 0xFFFF ? nullptr : &base[w.b];
    cases[k].ok = w.c == 0xFFFF ? nullptr : &oks[k];
  }
  int chosen = chan_select(vm, cases, n, pc->flags & 1);
  if (chosen >= 0 && pc[1 + chosen].c != 0xFFFF) base[pc[1 + chosen].c] = oks[chosen];
  return chosen;
}

}  // namespace

// State and helpers of one execute() activation.
struct Interp {
  VM& vm;
  Fiber& f;
  Frame* entry;

  // Pushes a frame for `fn`; args are copied from `args`. Returns the new frame.
  Frame* push_frame(const bc::Function* fn, void* closure, const Slot* args, uint32_t ret_dest, uint8_t kind) {
    Frame* cur = f.top;
    Slot* rec = cur ? cur->base + cur->fn->frame_slots : f.slots;
    Slot* nb = rec + kFrameSlots;
    if (nb + fn->frame_slots > f.slots_end)
      throw PanicError{"runtime error: stack overflow: goroutine stack exceeds its limit"};
    Frame* nf = reinterpret_cast<Frame*>(rec);
    nf->prev = cur;
    if (fn->param_slots) std::memcpy(nb, args, fn->param_slots * sizeof(Slot));
    std::memset(nb + fn->param_slots, 0, (fn->frame_slots - fn->param_slots) * sizeof(Slot));
    nf->fn = fn;
    nf->pc = fn->code.data();
    nf->base = nb;
    nf->closure = closure;
    nf->defers = nullptr;
    nf->ret_dest = ret_dest;
    nf->kind = kind;
    nf->entry_results = nullptr;
    f.top = nf;
    return nf;
  }

  // Runs one deferred closure in a nested activation.
  bool run_deferred(void* closure, bool during_panic) {
    uint32_t fi = static_cast<uint32_t>(*static_cast<Slot*>(closure));
    const bc::Function* fn = &vm.mod_.funcs[fi];
    size_t depth = f.saved_panics.size();
    static const Slot kNoArgs[1] = {0};  // deferred thunks take no parameters
    push_frame(fn, closure, kNoArgs, 0, during_panic ? kDeferred | kEntry : kEntry);
    bool ok = vm.execute(f);
    // A panic escaping the deferred call replaces the one being unwound.
    if (!ok && f.saved_panics.size() > depth) f.saved_panics.erase(f.saved_panics.begin() + static_cast<long>(depth));
    return ok;
  }

  // Runs the pending defers of the current frame (normal return path).
  // Returns false if a deferred call panicked. A deferred function that
  // returns while the panic it was called for is still unrecovered hands
  // that panic on: the defers it registered may recover it, as the
  // reference does for defers nested in a deferred function.
  bool run_defers(bool error_path) {
    Frame* fr = f.top;
    bool nested_in_panic = is_deferred_fn(fr) && f.panic.active && !f.panic.recovered;
    while (DeferRec* d = fr->defers) {
      fr->defers = d->next;
      if (d->is_errdefer && !error_path) continue;
      if (!run_deferred(d->closure, nested_in_panic)) return false;
    }
    return true;
  }

  // Whether fr runs a function deferred while unwinding a panic: the frame
  // the unwinder called, or the one its thunk called. Only such a function
  // may recover.
  bool is_deferred_fn(const Frame* fr) const {
    return ((fr->kind & kDeferred) && !fr->fn->is_thunk) ||
           (fr->prev && (fr->prev->kind & kDeferred) && fr->prev->fn->is_thunk);
  }

  void start_panic(const Slot value[2]) {
    // A panic raised while another is being unwound stacks on top of it; if
    // the new one is recovered the older one resumes (see unwind()).
    if (f.panic.active) f.saved_panics.push_back(f.panic);
    PanicState& p = f.panic;
    p.active = true;
    p.recovered = false;
    p.value[0] = value[0];
    p.value[1] = value[1];
    Frame* fr = f.top;
    uint32_t pc = static_cast<uint32_t>(fr->pc - fr->fn->code.data());
    p.where = fr->fn->file + ":" + std::to_string(fr->fn->line_at(pc));
  }

  void start_panic_msg(const std::string& msg) {
    rt::HandleScope hs(vm.heap_);
    Slot& box = hs.slot();
    Slot& bytes = hs.slot();  // keeps the string alive while the box is allocated
    rt::StringRef s = rt::string_from_bytes(vm.heap_, reinterpret_cast<const uint8_t*>(msg.data()), static_cast<int64_t>(msg.size()));
    bytes = slot_of(s.ptr);
    Slot* b = static_cast<Slot*>(vm.heap_.alloc(vm.string_box_layout(), 16));
    b[0] = bytes;
    b[1] = S(s.len);
    box = slot_of(b);
    Slot v[2] = {slot_of(vm.mod_.string_type), box};
    start_panic(v);
  }

  // Unwinds after a panic: runs defers frame by frame. Returns true when a
  // deferred call recovered (the frame then resumes at its recover_pc), false
  // when the panic reached this activation's entry frame (now popped).
  bool unwind() {
    for (;;) {
      Frame* fr = f.top;
      while (DeferRec* d = fr->defers) {
        fr->defers = d->next;
        run_deferred(d->closure, true);
        if (f.panic.active && f.panic.recovered) {
          f.panic = PanicState{};
          if (!f.saved_panics.empty()) {
            f.panic = f.saved_panics.back();
            f.saved_panics.pop_back();
          }
          resume_after_recover(fr);
          return true;
        }
      }
      bool at_entry = fr->kind & kEntry;
      f.top = fr->prev;
      if (at_entry) return false;
    }
  }

  void resume_after_recover(Frame* fr) {
    // A recovered panic leaves the error path: pending errdefers are dropped.
    for (DeferRec** d = &fr->defers; *d;) {
      if ((*d)->is_errdefer) *d = (*d)->next;
      else d = &(*d)->next;
    }
    if (fr->fn->recover_pc != 0) {
      fr->pc = fr->fn->code.data() + fr->fn->recover_pc;
      return;
    }
    // No epilogue: return zero results.
    std::memset(fr->base, 0, fr->fn->result_slots * sizeof(Slot));
    fr->pc = nullptr;  // signals the loop to perform a return of slots [0, result_slots)
  }

  bool loop();

  // The time slice is spent: let other goroutines run.
  void preempt() {
    vm.reset_budget();
    vm.sched().yield();
  }
};

bool VM::call_function(Fiber& f, const bc::Function* fn, void* closure, const Slot* args, Slot* results) {
  Interp in{*this, f, nullptr};
  Frame* fr = in.push_frame(fn, closure, args, 0, kEntry);
  fr->entry_results = results;
  return execute(f);
}

bool VM::execute(Fiber& f) {
  Interp in{*this, f, f.top};
  for (;;) {
    if (in.loop()) return true;
    if (!in.unwind()) return false;
  }
}

#define DISPATCH() goto* kLabels[static_cast<int>((ins = *pc).op)]
#define NEXT() \
  do {         \
    ++pc;      \
    DISPATCH(); \
  } while (0)
#define R(x) base[x]

// Returns true when the entry frame returned, false when a panic started.
bool Interp::loop() {
  static void* kLabels[] = {
#define X(name, doc) &&L_##name,
      VO_OPCODES(X)
#undef X
  };
  Frame* fr = f.top;
  const Instr* pc = fr->pc;
  Slot* base = fr->base;
  const Slot* consts = vm.mod_.consts.data();
  Slot* globals = vm.globals_.data();
  rt::Heap& heap = vm.heap_;
  Instr ins;

  try {
    // A frame resumed by recovery without an epilogue returns zero results.
    if (pc == nullptr) {
      ins = Instr{Op::Ret, 0, 0, static_cast<uint16_t>(fr->fn->result_slots), 0};
      pc = fr->fn->code.data();
      fr->pc = pc;
      goto do_ret;
    }
    DISPATCH();

  L_Nop:
  L_Ext:
    NEXT();
  L_LoadInt:
    R(ins.a) = S(ins.imm());
    NEXT();
  L_LoadConst: {
    uint32_t n = ins.flags ? ins.flags : 1;
    std::memcpy(&R(ins.a), consts + (ins.b | static_cast<uint32_t>(ins.c) << 16), n * sizeof(Slot));
    NEXT();
  }
  L_Move:
    R(ins.a) = R(ins.b);
    NEXT();
  L_MoveN:
    std::memmove(&R(ins.a), &R(ins.b), ins.c * sizeof(Slot));
    NEXT();
  L_Zero:
    std::memset(&R(ins.a), 0, ins.b * sizeof(Slot));
    NEXT();
  L_LoadGlobal:
    std::memcpy(&R(ins.a), globals + ins.b, ins.c * sizeof(Slot));
    NEXT();
  L_StoreGlobal:
    std::memcpy(globals + ins.a, &R(ins.b), ins.c * sizeof(Slot));
    NEXT();
  L_GlobalAddr:
    R(ins.a) = slot_of(globals + ins.b);
    NEXT();

  L_AddI: R(ins.a) = R(ins.b) + R(ins.c); NEXT();
  L_SubI: R(ins.a) = R(ins.b) - R(ins.c); NEXT();
  L_MulI: R(ins.a) = R(ins.b) * R(ins.c); NEXT();
  L_DivI: {
    int64_t y = I(R(ins.c));
    if (y == 0) { fr->pc = pc; fault("integer divide by zero"); }
    int64_t x = I(R(ins.b));
    R(ins.a) = (y == -1) ? S(0) - static_cast<Slot>(x) : S(x / y);
    NEXT();
  }
  L_RemI: {
    int64_t y = I(R(ins.c));
    if (y == 0) { fr->pc = pc; fault("integer divide by zero"); }
    R(ins.a) = (y == -1) ? 0 : S(I(R(ins.b)) % y);
    NEXT();
  }
  L_DivU: {
    Slot y = R(ins.c);
    if (y == 0) { fr->pc = pc; fault("integer divide by zero"); }
    R(ins.a) = R(ins.b) / y;
    NEXT();
  }
  L_RemU: {
    Slot y = R(ins.c);
    if (y == 0) { fr->pc = pc; fault("integer divide by zero"); }
    R(ins.a) = R(ins.b) % y;
    NEXT();
  }
  L_AddImm: R(ins.a) = R(ins.b) + S(static_cast<int16_t>(ins.c)); NEXT();
  L_And: R(ins.a) = R(ins.b) & R(ins.c); NEXT();
  L_Or: R(ins.a) = R(ins.b) | R(ins.c); NEXT();
  L_Xor: R(ins.a) = R(ins.b) ^ R(ins.c); NEXT();
  L_AndNot: R(ins.a) = R(ins.b) & ~R(ins.c); NEXT();
  L_Shl: {
    fr->pc = pc;
    int64_t n = shift_count(R(ins.c), ins.flags & 1);
    R(ins.a) = (static_cast<uint64_t>(n) >= 64) ? 0 : R(ins.b) << n;
    NEXT();
  }
  L_ShrS: {
    fr->pc = pc;
    int64_t n = shift_count(R(ins.c), ins.flags & 1);
    R(ins.a) = S(I(R(ins.b)) >> ((static_cast<uint64_t>(n) >= 64) ? 63 : n));
    NEXT();
  }
  L_ShrU: {
    fr->pc = pc;
    int64_t n = shift_count(R(ins.c), ins.flags & 1);
    R(ins.a) = (static_cast<uint64_t>(n) >= 64) ? 0 : R(ins.b) >> n;
    NEXT();
  }
  L_NegI: R(ins.a) = S(0) - R(ins.b); NEXT();
  L_BitNot: R(ins.a) = ~R(ins.b); NEXT();
  L_Not: R(ins.a) = R(ins.b) ? 0 : 1; NEXT();
  L_Narrow: R(ins.a) = narrow(R(ins.b), ins.flags); NEXT();

  L_AddF: R(ins.a) = SF(F(R(ins.b)) + F(R(ins.c))); NEXT();
  L_SubF: R(ins.a) = SF(F(R(ins.b)) - F(R(ins.c))); NEXT();
  L_MulF: R(ins.a) = SF(F(R(ins.b)) * F(R(ins.c))); NEXT();
  L_DivF: R(ins.a) = SF(F(R(ins.b)) / F(R(ins.c))); NEXT();
  L_NegF: R(ins.a) = SF(-F(R(ins.b))); NEXT();
  L_FMath: R(ins.a) = SF(fmath(F(R(ins.b)), ins.flags)); NEXT();
  L_F32Round: R(ins.a) = SF(static_cast<double>(static_cast<float>(F(R(ins.b))))); NEXT();

  L_EqI: R(ins.a) = R(ins.b) == R(ins.c); NEXT();
  L_NeI: R(ins.a) = R(ins.b) != R(ins.c); NEXT();
  L_LtI: R(ins.a) = I(R(ins.b)) < I(R(ins.c)); NEXT();
  L_LeI: R(ins.a) = I(R(ins.b)) <= I(R(ins.c)); NEXT();
  L_LtU: R(ins.a) = R(ins.b) < R(ins.c); NEXT();
  L_LeU: R(ins.a) = R(ins.b) <= R(ins.c); NEXT();
  L_EqF: R(ins.a) = F(R(ins.b)) == F(R(ins.c)); NEXT();
  L_NeF: R(ins.a) = F(R(ins.b)) != F(R(ins.c)); NEXT();
  L_LtF: R(ins.a) = F(R(ins.b)) < F(R(ins.c)); NEXT();
  L_LeF: R(ins.a) = F(R(ins.b)) <= F(R(ins.c)); NEXT();

  // flags&1: to float32, rounding once from the integer (not via float64).
  L_I2F:
    R(ins.a) = (ins.flags & 1) ? SF(static_cast<double>(static_cast<float>(I(R(ins.b))))) : SF(static_cast<double>(I(R(ins.b))));
    NEXT();
  L_U2F:
    R(ins.a) = (ins.flags & 1) ? SF(static_cast<double>(static_cast<float>(R(ins.b)))) : SF(static_cast<double>(R(ins.b)));
    NEXT();
  L_F2I: R(ins.a) = float_to_int(F(R(ins.b)), ins.flags); NEXT();

  L_Jmp:
    // Backward jumps (loops) and calls spend the goroutine's time slice.
    if (ins.imm() < 0 && --vm.budget_ <= 0) {
      fr->pc = pc;
      preempt();
    }
    pc += ins.imm() + 1;
    DISPATCH();
  L_JmpIf:
    pc += R(ins.a) ? ins.imm() + 1 : 1;
    DISPATCH();
  L_JmpIfNot:
    pc += R(ins.a) ? 1 : ins.imm() + 1;
    DISPATCH();

#define JUMP_UNLESS(cond) \
  pc += (cond) ? 1 : static_cast<int16_t>(ins.c) + 1; \
  DISPATCH();
  L_JNLt: JUMP_UNLESS(I(R(ins.a)) < I(R(ins.b)))
  L_JNLe: JUMP_UNLESS(I(R(ins.a)) <= I(R(ins.b)))
  L_JNEq: JUMP_UNLESS(R(ins.a) == R(ins.b))
  L_JNNe: JUMP_UNLESS(R(ins.a) != R(ins.b))
  L_JNLtK: JUMP_UNLESS(I(R(ins.a)) < static_cast<int16_t>(ins.b))
  L_JNLeK: JUMP_UNLESS(I(R(ins.a)) <= static_cast<int16_t>(ins.b))
  L_JNGtK: JUMP_UNLESS(I(R(ins.a)) > static_cast<int16_t>(ins.b))
  L_JNGeK: JUMP_UNLESS(I(R(ins.a)) >= static_cast<int16_t>(ins.b))
  L_JNEqK: JUMP_UNLESS(I(R(ins.a)) == static_cast<int16_t>(ins.b))
  L_JNNeK: JUMP_UNLESS(I(R(ins.a)) != static_cast<int16_t>(ins.b))
#undef JUMP_UNLESS

  L_Call: {
    const bc::Function* fn = &vm.mod_.funcs[ins.b | (ins.flags << 16)];
    fr->pc = pc;
    fr = push_frame(fn, nullptr, &R(ins.c), ins.a, kNormal);
    base = fr->base;
    pc = fr->pc;
    if (--vm.budget_ <= 0) preempt();
    DISPATCH();
  }
  L_CallClosure: {
    Slot clo = R(ins.b);
    fr->pc = pc;
    if (clo == 0) fault("call of nil function");
    const bc::Function* fn = &vm.mod_.funcs[*static_cast<Slot*>(ptr_of(clo))];
    fr = push_frame(fn, ptr_of(clo), &R(ins.c), ins.a, kNormal);
    base = fr->base;
    pc = fr->pc;
    if (--vm.budget_ <= 0) preempt();
    DISPATCH();
  }
  L_CallIfaceW:
  L_CallIface: {
    // CallIfaceW's Ext word runs as a no-op when the call returns.
    uint32_t method = ins.op == Op::CallIface ? ins.flags : static_cast<uint32_t>(pc[1].imm());
    const void* tw = ptr_of(R(ins.b));
    fr->pc = pc;
    if (tw == nullptr) fault("nil pointer dereference");
    const rt::Itab* itab = static_cast<const rt::Itab*>(tw);
    R(ins.c) = R(ins.b + 1);
    const bc::Function* fn = &vm.mod_.funcs[itab->funcs[method]];
    fr = push_frame(fn, nullptr, &R(ins.c), ins.a, kNormal);
    base = fr->base;
    pc = fr->pc;
    if (--vm.budget_ <= 0) preempt();
    DISPATCH();
  }
  L_CallNative: {
    fr->pc = pc;
    const bc::Native& nat = vm.mod_.natives[ins.b];
    NativeCtx ctx{vm, f, nullptr};
    nat.fn(ctx, &R(ins.c), &R(ins.a));
    NEXT();
  }
  L_RunDefers: {
    fr->pc = pc;
    bool err_path = (ins.flags & 1) && R(ins.a) != 0;
    if (!run_defers(err_path)) return false;
    NEXT();
  }
  L_Ret:
  do_ret: {
    fr->pc = pc;
    if (fr->defers && !run_defers(false)) return false;
    Frame* caller = fr->prev;
    bool leave = fr->kind & kEntry;
    if (!leave) std::memmove(caller->base + fr->ret_dest, &R(ins.a), ins.b * sizeof(Slot));
    else if (fr->entry_results) std::memcpy(fr->entry_results, &R(ins.a), ins.b * sizeof(Slot));
    f.top = caller;
    if (leave) return true;
    fr = caller;
    base = fr->base;
    pc = fr->pc;
    NEXT();
  }

  L_StrConcat: {
    fr->pc = pc;
    rt::StringRef r = rt::string_concat(heap, str_at(&R(ins.b)), str_at(&R(ins.c)));
    put_str(&R(ins.a), r);
    NEXT();
  }
  L_StrEq: R(ins.a) = rt::string_compare(str_at(&R(ins.b)), str_at(&R(ins.c))) == 0; NEXT();
  L_StrNe: R(ins.a) = rt::string_compare(str_at(&R(ins.b)), str_at(&R(ins.c))) != 0; NEXT();
  L_StrLt: R(ins.a) = rt::string_compare(str_at(&R(ins.b)), str_at(&R(ins.c))) < 0; NEXT();
  L_StrLe: R(ins.a) = rt::string_compare(str_at(&R(ins.b)), str_at(&R(ins.c))) <= 0; NEXT();
  L_StrIndex: {
    int64_t i = I(R(ins.c));
    int64_t n = I(R(ins.b + 1));
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    R(ins.a) = static_cast<const uint8_t*>(ptr_of(R(ins.b)))[i];
    NEXT();
  }
  L_StrSlice: {
    int64_t n = I(R(ins.b + 1));
    int64_t lo = (ins.flags & 1) ? I(R(ins.c)) : 0;
    int64_t hi = (ins.flags & 2) ? I(R(ins.c + 1)) : n;
    if (lo < 0 || hi < lo || hi > n) { fr->pc = pc; slice_fault(lo, hi, n, ins.flags, true, n); }
    Slot p = R(ins.b);
    R(ins.a) = hi > lo ? p + static_cast<Slot>(lo) : 0;
    R(ins.a + 1) = S(hi - lo);
    NEXT();
  }
  L_StrDecode: {
    rt::StringRef s = str_at(&R(ins.b));
    int64_t i = I(R(ins.c));
    int32_t r = 0;
    int w = rt::decode_rune(s.ptr + i, s.len - i, &r);
    R(ins.a) = S(r);
    R(ins.a + 1) = S(w);
    NEXT();
  }
  L_StrFromBytes: {
    fr->pc = pc;
    put_str(&R(ins.a), rt::string_from_bytes(heap, static_cast<const uint8_t*>(ptr_of(R(ins.b))), I(R(ins.b + 1))));
    NEXT();
  }
  L_StrFromRunes: {
    fr->pc = pc;
    put_str(&R(ins.a), rt::string_from_runes(heap, static_cast<const Slot*>(ptr_of(R(ins.b))), I(R(ins.b + 1))));
    NEXT();
  }
  L_StrFromRune: {
    fr->pc = pc;
    put_str(&R(ins.a), rt::string_from_rune(heap, I(R(ins.b))));
    NEXT();
  }
  L_BytesFromStr: {
    fr->pc = pc;
    put_slice(&R(ins.a), rt::bytes_from_string(heap, str_at(&R(ins.b))));
    NEXT();
  }
  L_RunesFromStr: {
    fr->pc = pc;
    put_slice(&R(ins.a), rt::runes_from_string(heap, str_at(&R(ins.b))));
    NEXT();
  }

  L_New: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[ins.b];
    R(ins.a) = slot_of(heap.alloc(ax.layout, static_cast<size_t>(ax.n), 1));
    NEXT();
  }
  L_Load: {
    Slot p = R(ins.b);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    std::memcpy(&R(ins.a), static_cast<Slot*>(ptr_of(p)) + ins.c, ins.flags * sizeof(Slot));
    NEXT();
  }
  L_Store: {
    Slot p = R(ins.a);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    std::memcpy(static_cast<Slot*>(ptr_of(p)) + ins.b, &R(ins.c), ins.flags * sizeof(Slot));
    NEXT();
  }
  L_Load1: {
    Slot p = R(ins.b);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    R(ins.a) = static_cast<Slot*>(ptr_of(p))[ins.c];
    NEXT();
  }
  L_Store1: {
    Slot p = R(ins.a);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    static_cast<Slot*>(ptr_of(p))[ins.b] = R(ins.c);
    NEXT();
  }
  L_LoadB: {
    Slot p = R(ins.b);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    load_elem(&R(ins.a), static_cast<const uint8_t*>(ptr_of(p)), (ins.flags & 1) ? 255 : 0);
    NEXT();
  }
  L_StoreB: {
    Slot p = R(ins.a);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    *static_cast<uint8_t*>(ptr_of(p)) = static_cast<uint8_t>(R(ins.b));
    NEXT();
  }
  L_FieldAddr: {
    Slot p = R(ins.b);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    R(ins.a) = p + ins.c * sizeof(Slot);
    NEXT();
  }
  L_FrameAddr:
    R(ins.a) = slot_of(&R(ins.b));
    NEXT();

  L_SliceMake: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[ins.c];
    // make_slice checks len and cap with Go's messages.
    put_slice(&R(ins.a), rt::make_slice(heap, ax.layout, ax.type->elem_size, I(R(ins.b)), I(R(ins.b + 1))));
    NEXT();
  }
  L_SliceGet: {
    int64_t i = I(R(ins.c));
    int64_t n = I(R(ins.b + 1));
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    const uint8_t* p = static_cast<const uint8_t*>(ptr_of(R(ins.b))) + i * elem_bytes(ins.flags);
    load_elem(&R(ins.a), p, ins.flags);
    NEXT();
  }
  L_SliceSet: {
    int64_t i = I(R(ins.b));
    int64_t n = I(R(ins.a + 1));
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    uint8_t* p = static_cast<uint8_t*>(ptr_of(R(ins.a))) + i * elem_bytes(ins.flags);
    store_elem(p, &R(ins.c), ins.flags);
    NEXT();
  }
  L_SliceAddr: {
    int64_t i = I(R(ins.c));
    int64_t n = I(R(ins.b + 1));
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    R(ins.a) = R(ins.b) + static_cast<Slot>(i) * elem_bytes(ins.flags);
    NEXT();
  }
  L_ArrGet: {
    int64_t n = pc[1].imm();
    int64_t i = I(R(ins.c));
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    load_elem(&R(ins.a), reinterpret_cast<const uint8_t*>(&R(ins.b)) + i * elem_bytes(ins.flags), ins.flags);
    pc += 2;
    DISPATCH();
  }
  L_ArrSet: {
    int64_t n = pc[1].imm();
    int64_t i = I(R(ins.b));
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    store_elem(reinterpret_cast<uint8_t*>(&R(ins.a)) + i * elem_bytes(ins.flags), &R(ins.c), ins.flags);
    pc += 2;
    DISPATCH();
  }
  L_ArrAddr: {
    int64_t n = pc[1].imm();
    int64_t i = I(R(ins.c));
    Slot p = R(ins.b);
    if (p == 0) { fr->pc = pc; nil_check(p); }
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    R(ins.a) = p + static_cast<Slot>(i) * elem_bytes(ins.flags);
    pc += 2;
    DISPATCH();
  }
  L_ElemAddr: {
    const bc::Aux& ax = fr->fn->aux[pc[1].a];
    int64_t i = I(R(ins.c));
    Slot p = R(ins.b);
    int64_t n = ax.n;
    if (ins.flags & 1) n = I(R(ins.b + 1));
    else if (p == 0) { fr->pc = pc; nil_check(p); }
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)) { fr->pc = pc; index_check(i, n); }
    R(ins.a) = p + static_cast<Slot>(i) * ax.m;
    pc += 2;
    DISPATCH();
  }
  L_SliceExpr: {
    uint32_t es = static_cast<uint32_t>(pc[1].imm());
    int64_t len = I(R(ins.b + 1)), cap = I(R(ins.b + 2));
    int64_t lo = (ins.flags & 1) ? I(R(ins.c)) : 0;
    int64_t hi = (ins.flags & 2) ? I(R(ins.c + 1)) : len;
    int64_t max = (ins.flags & 4) ? I(R(ins.c + 2)) : cap;
    if (lo < 0 || hi < lo || max < hi || max > cap) { fr->pc = pc; slice_fault(lo, hi, max, ins.flags, false, cap); }
    Slot p = R(ins.b);
    R(ins.a) = p + static_cast<Slot>(lo) * es;
    R(ins.a + 1) = S(hi - lo);
    R(ins.a + 2) = S(max - lo);
    pc += 2;
    DISPATCH();
  }
  L_Append: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[pc[1].a];
    append_values(vm, &R(ins.a), &R(ins.b), &R(ins.c), pc[1].b ? pc[1].b : 1, ax);
    pc += 2;
    DISPATCH();
  }
  L_AppendSlice: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[pc[1].a];
    const Slot* src = &R(ins.c);
    append_raw(vm, &R(ins.a), &R(ins.b), static_cast<const uint8_t*>(ptr_of(src[0])), I(src[1]), ax);
    pc += 2;
    DISPATCH();
  }
  L_Copy: {
    uint32_t es = static_cast<uint32_t>(pc[1].imm());
    int64_t n = std::min(I(R(ins.b + 1)), I(R(ins.c + 1)));
    if (n > 0 && es) std::memmove(ptr_of(R(ins.b)), ptr_of(R(ins.c)), static_cast<size_t>(n) * es);
    R(ins.a) = S(n);
    pc += 2;
    DISPATCH();
  }

  L_MapMake: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[ins.b];
    int64_t hint = ins.c == 0xFFFF ? 0 : I(R(ins.c));
    if (hint < 0) hint = 0;  // the size is only advisory: a negative one means none (as in Go)
    R(ins.a) = slot_of(rt::map_new(heap, static_cast<const rt::MapType*>(ax.ptr), hint));
    NEXT();
  }
  L_MapGet: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[pc[1].a];
    const rt::MapType* mt = static_cast<const rt::MapType*>(ax.ptr);
    uint32_t vs = mt->value->slots;
    const Slot* v = rt::map_find(ptr_of(R(ins.b)), &R(ins.c));
    if (v) std::memcpy(&R(ins.a), v, vs * sizeof(Slot));
    else std::memset(&R(ins.a), 0, vs * sizeof(Slot));
    if (ins.flags & 1) R(ins.a + vs) = v != nullptr;
    pc += 2;
    DISPATCH();
  }
  L_MapSet: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[pc[1].a];
    const rt::MapType* mt = static_cast<const rt::MapType*>(ax.ptr);
    Slot* v = rt::map_insert(heap, ptr_of(R(ins.a)), &R(ins.b));
    std::memcpy(v, &R(ins.c), mt->value->slots * sizeof(Slot));
    pc += 2;
    DISPATCH();
  }
  L_MapDelete: {
    fr->pc = pc;
    rt::map_delete(ptr_of(R(ins.a)), &R(ins.b));
    pc += 2;
    DISPATCH();
  }
  L_MapLen:
    R(ins.a) = S(rt::map_len(ptr_of(R(ins.b))));
    NEXT();
  L_MapIterInit:
    rt::map_iter_init(ptr_of(R(ins.b)), reinterpret_cast<rt::MapIter*>(&R(ins.a)));
    NEXT();
  L_MapIterNext: {
    const bc::Aux& ax = fr->fn->aux[pc[1].a];
    const rt::MapType* mt = static_cast<const rt::MapType*>(ax.ptr);
    const Slot* k = nullptr;
    const Slot* v = nullptr;
    Slot* it = &R(ins.a);
    void* m = ptr_of(it[-1]);  // the map is kept in the slot before the iterator
    if (!rt::map_iter_next(m, reinterpret_cast<rt::MapIter*>(it), &k, &v)) {
      pc += 2 + static_cast<int16_t>(pc[1].b);
      DISPATCH();
    }
    if (ins.b != 0xFFFF) std::memcpy(&R(ins.b), k, mt->key->slots * sizeof(Slot));
    if (ins.c != 0xFFFF) std::memcpy(&R(ins.c), v, mt->value->slots * sizeof(Slot));
    pc += 2;
    DISPATCH();
  }

  L_Box: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[ins.c];
    box_value(vm, &R(ins.a), &R(ins.b), ax);
    NEXT();
  }
  L_Unbox: {
    const bc::Aux& ax = fr->fn->aux[ins.c];
    fr->pc = pc;
    unbox_value(vm, &R(ins.a), &R(ins.b), ax, ins.flags & 1);
    NEXT();
  }
  L_IfaceAssert: {
    const bc::Aux& ax = fr->fn->aux[ins.c];
    fr->pc = pc;
    iface_assert(vm, &R(ins.a), &R(ins.b), ax, ins.flags & 1);
    NEXT();
  }
  L_IfaceConv: {
    const bc::Aux& ax = fr->fn->aux[ins.c];
    fr->pc = pc;
    iface_convert(vm, &R(ins.a), &R(ins.b), ax);
    NEXT();
  }
  L_IfaceEq: {
    fr->pc = pc;
    R(ins.a) = rt::iface_equal(ptr_of(R(ins.b)), R(ins.b + 1), ptr_of(R(ins.c)), R(ins.c + 1));
    NEXT();
  }
  L_TypeIs: {
    const bc::Aux& ax = fr->fn->aux[ins.c];
    R(ins.a) = type_matches(vm, ptr_of(R(ins.b)), ax);
    NEXT();
  }
  L_ValueEq: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[ins.flags];
    R(ins.a) = rt::values_equal(ax.type, &R(ins.b), &R(ins.c));
    NEXT();
  }

  L_MakeClosure: {
    fr->pc = pc;
    uint32_t fi = ins.b | (ins.flags << 16);
    const bc::Function& fn = vm.mod_.funcs[fi];
    size_t n = fn.capture_kinds.size();
    Slot* c = static_cast<Slot*>(heap.alloc(vm.closure_layout(fi), (1 + n) * sizeof(Slot)));
    c[0] = fi;
    std::memcpy(c + 1, &R(ins.c), n * sizeof(Slot));
    R(ins.a) = slot_of(c);
    NEXT();
  }
  L_LoadCapture:
    std::memcpy(&R(ins.a), static_cast<Slot*>(fr->closure) + 1 + ins.b, ins.c * sizeof(Slot));
    NEXT();

  L_Panic: {
    fr->pc = pc;
    start_panic(&R(ins.a));
    return false;
  }
  L_Recover: {
    if (is_deferred_fn(fr) && f.panic.active && !f.panic.recovered) {
      R(ins.a) = f.panic.value[0];
      R(ins.a + 1) = f.panic.value[1];
      f.panic.recovered = true;
    } else {
      R(ins.a) = 0;
      R(ins.a + 1) = 0;
    }
    NEXT();
  }
  L_Defer: {
    fr->pc = pc;
    rt::HandleScope hs(heap);
    Slot& clo = hs.slot();
    clo = R(ins.a);
    auto* d = static_cast<DeferRec*>(heap.alloc(vm.defer_layout(), sizeof(DeferRec)));
    d->closure = ptr_of(clo);
    d->is_errdefer = ins.flags & 1;
    d->next = fr->defers;
    fr->defers = d;
    NEXT();
  }
  L_Go: {
    fr->pc = pc;
    vm.sched().spawn(ptr_of(R(ins.a)));
    NEXT();
  }
  L_ChanMake: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[ins.c];
    int64_t size = ins.b == 0xFFFF ? 0 : I(R(ins.b));
    R(ins.a) = slot_of(chan_make(vm, ax.type, ax.layout, size));
    NEXT();
  }
  L_ChanSend:
    fr->pc = pc;
    chan_send(vm, static_cast<Chan*>(ptr_of(R(ins.a))), &R(ins.b));
    NEXT();
  L_ChanRecv: {
    fr->pc = pc;
    auto* c = static_cast<Chan*>(ptr_of(R(ins.b)));
    const bc::Aux& ax = fr->fn->aux[ins.c];
    bool ok = chan_recv(vm, c, &R(ins.a));
    if (ins.flags & 1) R(ins.a + ax.type->slots) = ok;
    NEXT();
  }
  L_ChanClose:
    fr->pc = pc;
    chan_close(vm, static_cast<Chan*>(ptr_of(R(ins.a))));
    NEXT();
  L_ChanLen: {
    auto* c = static_cast<const Chan*>(ptr_of(R(ins.b)));
    R(ins.a) = S((ins.flags & 1) ? chan_cap(c) : chan_len(c));
    NEXT();
  }
  L_Select:
    fr->pc = pc;
    R(ins.a) = S(run_select(vm, pc, base));
    pc += 1 + ins.b;
    DISPATCH();
  L_IslandMake:
    fr->pc = pc;
    R(ins.a) = slot_of(island_make(vm));
    NEXT();
  L_GoIsland:
    fr->pc = pc;
    island_go(vm, ptr_of(R(ins.a)), ptr_of(R(ins.b)));
    NEXT();
  L_PortMake:
    fr->pc = pc;
    R(ins.a) = slot_of(port_make(vm, fr->fn->aux[ins.c].type, I(R(ins.b))));
    NEXT();
  L_PortSend:
    fr->pc = pc;
    port_send(vm, ptr_of(R(ins.a)), &R(ins.b));
    NEXT();
  L_PortRecv: {
    fr->pc = pc;
    const bc::Aux& ax = fr->fn->aux[ins.c];
    bool ok = port_recv(vm, ptr_of(R(ins.b)), &R(ins.a));
    if (ins.flags & 1) R(ins.a + ax.type->slots) = ok;
    NEXT();
  }
  L_PortClose:
    fr->pc = pc;
    port_close(vm, ptr_of(R(ins.a)));
    NEXT();
  L_PortLen: {
    const void* p = ptr_of(R(ins.b));
    R(ins.a) = S((ins.flags & 1) ? port_cap(p) : port_len(p));
    NEXT();
  }
  L_Print: {
    std::string& out = vm.out_;
    for (uint32_t i = 0; i < ins.c; ++i) {
      if (i) out += ' ';
      rt::format_iface(out, ptr_of(R(ins.b + 2 * i)), R(ins.b + 2 * i + 1));
    }
    if (ins.flags & 1) out += '\n';
    if (out.size() > 1 << 16) vm.flush_out();
    NEXT();
  }
  L_Assert: {
    if (R(ins.a)) NEXT();
    fr->pc = pc;
    std::string msg = "assertion failed";
    if (ins.c) {
      msg += ": ";
      for (uint32_t i = 0; i < ins.c; ++i) {
        if (i) msg += ' ';
        rt::format_iface(msg, ptr_of(R(ins.b + 2 * i)), R(ins.b + 2 * i + 1));
      }
    }
    throw PanicError{msg};
  }
  } catch (PanicError& e) {
    f.top->pc = fr->pc;
    start_panic_msg(e.msg);
    return false;
  } catch (PanicPending&) {
    return false;  // a native's nested Vo call panicked; keep unwinding it
  }
  return false;
}

}  // namespace vo::vm
