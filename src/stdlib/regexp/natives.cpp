// Natives of package regexp. A compiled expression is an Engine owned by a
// heap object whose finalizer deletes it, so a Regexp's program lives as
// long as the Regexp does; Vo holds it as an opaque *engine. Text arguments
// are strings (2 slots) or []byte (3 slots): each native taking text is
// instantiated for both widths. Matches come back as flat []int offsets and
// regexp.vo builds Go's results from them.
#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "runtime/heap.h"
#include "stdlib/regexp/engine.h"
#include "stdlib/regexp/match.h"
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;
using rx::Engine;

// RE2 programs live outside the collected heap, where the collector cannot
// see them: a program compiling many short-lived Regexps would keep their
// programs until unrelated allocation happened to trigger a collection.
// Their memory is paced as the heap paces its own: a collection once the
// programs made since the last one outweigh those that survived it (and
// at least 8 MB).
constexpr int64_t kMinTrigger = int64_t{8} << 20;
std::atomic<int64_t> g_live_bytes{0};  // programs not yet finalized
std::atomic<int64_t> g_made_bytes{0};  // made since the last collection forced here
std::atomic<int64_t> g_trigger{kMinTrigger};

void account_engine(vm::NativeCtx& ctx, int64_t bytes) {
  if ((g_made_bytes += bytes) > g_trigger.load()) {
    api::heap(ctx).collect();
    g_made_bytes = 0;
    g_trigger = std::max(kMinTrigger, g_live_bytes.load());
  }
  g_live_bytes += bytes;
}

void finalize_engine(void* obj) {
  Engine* e = *static_cast<Engine**>(obj);
  g_live_bytes -= e->footprint;
  delete e;
}

// The heap object holding an Engine*: no references to scan.
const rt::ObjLayout kEngineLayout{0, {}, true, nullptr, finalize_engine, "regexp.engine"};

const Engine& engine_arg(const Slot* a) {
  if (a[0] == 0) api::panic("runtime error: invalid memory address or nil pointer dereference");
  return **reinterpret_cast<Engine* const*>(a[0]);
}

template <int W>
std::string_view text_arg(const Slot* a) {
  if constexpr (W == 2) {
    return api::arg_string(a);
  } else {
    rt::SliceRef s = api::arg_slice(a);
    return {reinterpret_cast<const char*>(s.ptr), static_cast<size_t>(s.len)};
  }
}

void ret_nil_slice(Slot* r) { r[0] = r[1] = r[2] = 0; }

// An []int of the offsets, or nil when there are none (no match).
void ret_offsets(vm::NativeCtx& ctx, Slot* r, const std::vector<int64_t>& v) {
  if (v.empty()) return ret_nil_slice(r);
  api::ret_ints(ctx, r, v);
}

// compile(expr string, longest bool) (e *engine, code, errExpr string)
void compile(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string expr(api::arg_string(a));
  bool longest = api::arg_bool(a + 2);
  rx::SyntaxError err;
  std::unique_ptr<Engine> e = rx::compile(expr, longest, &err);
  if (!e) {
    r[0] = 0;
    api::ret_string(ctx, r + 1, err.code);
    api::ret_string(ctx, r + 3, err.expr);
    return;
  }
  account_engine(ctx, e->footprint);
  void* obj = api::heap(ctx).alloc(&kEngineLayout, sizeof(Engine*));
  *static_cast<Engine**>(obj) = e.release();
  r[0] = reinterpret_cast<Slot>(obj);
  api::ret_string(ctx, r + 1, "");
  api::ret_string(ctx, r + 3, "");
}

// subexpNames(e *engine) []string
void subexp_names(vm::NativeCtx& ctx, Slot* a, Slot* r) { api::ret_strings(ctx, r, engine_arg(a).names); }

// literalPrefix(e *engine) (prefix string, complete bool)
void literal_prefix(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  const Engine& e = engine_arg(a);
  bool complete = e.prefix_complete;
  api::ret_string(ctx, r, e.prefix);
  api::ret_bool(r + 2, complete);
}

// match(e *engine, text) bool
template <int W>
void match(vm::NativeCtx&, Slot* a, Slot* r) {
  api::ret_bool(r, rx::match(engine_arg(a), text_arg<W>(a + 1)));
}

// find(e *engine, text, ncap int) []int
template <int W>
void find(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::vector<int64_t> m;
  rx::find(engine_arg(a), text_arg<W>(a + 1), static_cast<int>(api::arg_int(a + 1 + W)), &m);
  ret_offsets(ctx, r, m);
}

// findAll(e *engine, text, n, ncap int) []int
template <int W>
void find_all(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::vector<int64_t> m;
  int64_t n = api::arg_int(a + 1 + W);
  if (n != 0) rx::find_all(engine_arg(a), text_arg<W>(a + 1), n, static_cast<int>(api::arg_int(a + 2 + W)), &m);
  ret_offsets(ctx, r, m);
}

// replaceMatches(e *engine, text, ncap int) []int
template <int W>
void replace_matches(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::vector<int64_t> m;
  rx::replace_matches(engine_arg(a), text_arg<W>(a + 1), static_cast<int>(api::arg_int(a + 1 + W)), &m);
  ret_offsets(ctx, r, m);
}

constexpr NativeDef kNatives[] = {
    {"regexp.compile", compile},
    {"regexp.subexpNames", subexp_names},
    {"regexp.literalPrefix", literal_prefix},
    {"regexp.matchString", match<2>},
    {"regexp.matchBytes", match<3>},
    {"regexp.findString", find<2>},
    {"regexp.findBytes", find<3>},
    {"regexp.findAllString", find_all<2>},
    {"regexp.findAllBytes", find_all<3>},
    {"regexp.replaceString", replace_matches<2>},
    {"regexp.replaceBytes", replace_matches<3>},
};

}  // namespace

std::span<const NativeDef> regexp_natives() { return kNatives; }

}  // namespace vo::stdlib
