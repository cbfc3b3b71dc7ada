// Natives of packages strings and bytes: the byte-string algorithms of
// text.h bound to arguments. A string argument takes 2 slots {ptr, len} and
// a []byte 3 {ptr, len, cap}; each native is instantiated for both widths
// (W = 2 for strings, 3 for bytes).
#include "stdlib/strings/natives.h"

#include <limits>
#include <string>

#include "stdlib/registry.h"
#include "stdlib/strings/text.h"
#include "vm/api.h"

namespace vo::stdlib::text {

namespace {

using rt::Slot;

// Reads consecutive arguments.
template <int W>
struct Args {
  const Slot* p;
  std::string_view text() {
    std::string_view v = arg_text(p);
    p += W;
    return v;
  }
  int64_t i64() { return api::arg_int(p++); }
};

template <int W>
void ret_text(vm::NativeCtx& ctx, Slot* r, std::string_view s) {
  if constexpr (W == 2) {
    api::ret_string(ctx, r, s);
  } else {
    api::ret_bytes(ctx, r, s);
  }
}

// The result is the (string) argument itself.
void ret_same_string(Slot* r, const Slot* a) {
  r[0] = a[0];
  r[1] = a[1];
}

template <int W>
void n_index(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, index(s, in.text()));
}
template <int W>
void n_last_index(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, last_index(s, in.text()));
}
template <int W>
void n_count(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, count(s, in.text()));
}
template <int W>
void n_index_byte(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, index_byte(s, static_cast<uint8_t>(in.i64())));
}
template <int W>
void n_last_index_byte(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, last_index_byte(s, static_cast<uint8_t>(in.i64())));
}
template <int W>
void n_index_rune(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, index_rune(s, static_cast<int32_t>(in.i64())));
}
// IndexAny/LastIndexAny take chars as a string in both packages.
template <int W>
void n_index_any(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, index_any(s, arg_text(in.p)));
}
template <int W>
void n_last_index_any(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_int(r, last_index_any(s, arg_text(in.p)));
}
template <int W>
void n_equal_fold(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  api::ret_bool(r, equal_fold(s, in.text()));
}

template <int W, CaseMap M>
void n_map_case(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string out;
  std::string_view s = arg_text(a);
  if (map_case(s, M, out)) {
    ret_text<W>(ctx, r, out);
  } else if constexpr (W == 2) {
    ret_same_string(r, a);
  } else {
    ret_text<W>(ctx, r, s);  // bytes always returns a copy
  }
}

template <int W>
void n_title(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string out;
  std::string_view s = arg_text(a);
  if (title(s, out)) {
    ret_text<W>(ctx, r, out);
  } else if constexpr (W == 2) {
    ret_same_string(r, a);
  } else {
    ret_text<W>(ctx, r, s);
  }
}

template <int W>
void n_to_valid_utf8(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  auto repl = in.text();
  std::string out;
  if (to_valid_utf8(s, repl, out)) {
    ret_text<W>(ctx, r, out);
  } else if constexpr (W == 2) {
    ret_same_string(r, a);
  } else {
    ret_text<W>(ctx, r, s);
  }
}

template <int W>
void n_repeat(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  int64_t n = in.i64();
  const char* pkg = W == 2 ? "strings" : "bytes";
  if (n < 0) api::panic(std::string(pkg) + ": negative Repeat count");
  if (n > 0 && s.size() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / static_cast<uint64_t>(n))
    api::panic(std::string(pkg) + ": Repeat output length overflow");
  uint64_t total = s.size() * static_cast<uint64_t>(n);
  // The heap cannot hold more than this; Go would run out of memory.
  if (total > (uint64_t{1} << 36)) api::panic("runtime error: makeslice: len out of range");
  if (W == 2 && n == 1) {
    ret_same_string(r, a);
    return;
  }
  std::string out;
  out.reserve(total);
  // Doubling: the result so far is appended to itself.
  if (total > 0) {
    out.append(s);
    while (out.size() * 2 <= total) out.append(out);
    out.append(out.data(), total - out.size());
  }
  ret_text<W>(ctx, r, out);
}

template <int W>
void n_replace(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  auto o = in.text();
  auto nw = in.text();
  int64_t n = in.i64();
  if constexpr (W == 2) {
    if (o == nw || n == 0 || (!o.empty() && s.find(o) == std::string_view::npos)) {
      ret_same_string(r, a);
      return;
    }
  }
  ret_text<W>(ctx, r, replace(s, o, nw, n));
}

template <int W>
void n_fields(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  api::ret_ints(ctx, r, fields(arg_text(a)));
}

// trimIndexes(s, cutset string, left, right bool) (start, end int)
template <int W>
void n_trim(vm::NativeCtx&, Slot* a, Slot* r) {
  Args<W> in{a};
  auto s = in.text();
  std::string_view cutset = arg_text(in.p);
  int64_t b, e;
  trim(s, cutset, api::arg_bool(in.p + 2), api::arg_bool(in.p + 3), &b, &e);
  api::ret_int(r, b);
  api::ret_int(r + 1, e);
}

template <int W>
void n_trim_space(vm::NativeCtx&, Slot* a, Slot* r) {
  int64_t b, e;
  trim_space(arg_text(a), &b, &e);
  api::ret_int(r, b);
  api::ret_int(r + 1, e);
}

void n_replace_pairs(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string_view s = arg_text(a);
  rt::SliceRef pairs = api::arg_slice(a + 2);
  std::vector<std::string_view> oldnew;
  oldnew.reserve(static_cast<size_t>(pairs.len));
  const Slot* elems = reinterpret_cast<const Slot*>(pairs.ptr);
  for (int64_t i = 0; i < pairs.len; ++i) oldnew.push_back(arg_text(elems + 2 * i));
  api::ret_string(ctx, r, replace_pairs(s, oldnew));
}

// bytesView(p []byte) string: the string shares p's array (Builder.String).
void n_bytes_view(vm::NativeCtx&, Slot* a, Slot* r) {
  r[0] = a[1] == 0 ? 0 : a[0];
  r[1] = a[1];
}

void n_bytes_equal(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_bool(r, arg_text(a) == arg_text(a + 3)); }

void n_bytes_compare(vm::NativeCtx&, Slot* a, Slot* r) {
  int c = arg_text(a).compare(arg_text(a + 3));
  api::ret_int(r, c < 0 ? -1 : c > 0 ? 1 : 0);
}

constexpr NativeDef kStrings[] = {
    {"strings.Index", n_index<2>},
    {"strings.LastIndex", n_last_index<2>},
    {"strings.Count", n_count<2>},
    {"strings.IndexByte", n_index_byte<2>},
    {"strings.LastIndexByte", n_last_index_byte<2>},
    {"strings.IndexRune", n_index_rune<2>},
    {"strings.IndexAny", n_index_any<2>},
    {"strings.LastIndexAny", n_last_index_any<2>},
    {"strings.EqualFold", n_equal_fold<2>},
    {"strings.ToUpper", n_map_case<2, CaseMap::Upper>},
    {"strings.ToLower", n_map_case<2, CaseMap::Lower>},
    {"strings.ToTitle", n_map_case<2, CaseMap::Title>},
    {"strings.Title", n_title<2>},
    {"strings.ToValidUTF8", n_to_valid_utf8<2>},
    {"strings.Repeat", n_repeat<2>},
    {"strings.Replace", n_replace<2>},
    {"strings.fieldIndexes", n_fields<2>},
    {"strings.trimIndexes", n_trim<2>},
    {"strings.trimSpaceIndexes", n_trim_space<2>},
    {"strings.replacePairs", n_replace_pairs},
    {"strings.bytesView", n_bytes_view},
};

constexpr NativeDef kBytes[] = {
    {"bytes.Index", n_index<3>},
    {"bytes.LastIndex", n_last_index<3>},
    {"bytes.Count", n_count<3>},
    {"bytes.IndexByte", n_index_byte<3>},
    {"bytes.LastIndexByte", n_last_index_byte<3>},
    {"bytes.IndexRune", n_index_rune<3>},
    {"bytes.IndexAny", n_index_any<3>},
    {"bytes.LastIndexAny", n_last_index_any<3>},
    {"bytes.EqualFold", n_equal_fold<3>},
    {"bytes.ToUpper", n_map_case<3, CaseMap::Upper>},
    {"bytes.ToLower", n_map_case<3, CaseMap::Lower>},
    {"bytes.ToTitle", n_map_case<3, CaseMap::Title>},
    {"bytes.Title", n_title<3>},
    {"bytes.ToValidUTF8", n_to_valid_utf8<3>},
    {"bytes.Repeat", n_repeat<3>},
    {"bytes.replace", n_replace<3>},
    {"bytes.fieldIndexes", n_fields<3>},
    {"bytes.trimIndexes", n_trim<3>},
    {"bytes.trimSpaceIndexes", n_trim_space<3>},
    {"bytes.Equal", n_bytes_equal},
    {"bytes.Compare", n_bytes_compare},
};

}  // namespace

std::span<const NativeDef> strings_table() { return kStrings; }
std::span<const NativeDef> bytes_table() { return kBytes; }

}  // namespace vo::stdlib::text

namespace vo::stdlib {
std::span<const NativeDef> strings_natives() { return text::strings_table(); }
}  // namespace vo::stdlib
