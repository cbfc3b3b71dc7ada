// Natives of package unicode: character classes and case mapping over the
// generated Unicode tables (tables.h).
#include "stdlib/registry.h"
#include "stdlib/unicode/tables.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

// A rune argument: its slot holds the sign-extended int32.
int32_t rune_arg(const Slot* a) { return static_cast<int32_t>(api::arg_int(a)); }

template <bool (*pred)(int32_t)>
void rune_pred(vm::NativeCtx&, Slot* a, Slot* r) {
  api::ret_bool(r, pred(rune_arg(a)));
}

template <int32_t (*map)(int32_t)>
void rune_map(vm::NativeCtx&, Slot* a, Slot* r) {
  api::ret_int(r, map(rune_arg(a)));
}

constexpr NativeDef kNatives[] = {
    {"unicode.IsLetter", rune_pred<uni::is_letter>},    {"unicode.IsDigit", rune_pred<uni::is_digit>},
    {"unicode.IsNumber", rune_pred<uni::is_number>},    {"unicode.IsSpace", rune_pred<uni::is_space>},
    {"unicode.IsUpper", rune_pred<uni::is_upper>},      {"unicode.IsLower", rune_pred<uni::is_lower>},
    {"unicode.IsTitle", rune_pred<uni::is_title>},      {"unicode.IsPunct", rune_pred<uni::is_punct>},
    {"unicode.IsControl", rune_pred<uni::is_control>},  {"unicode.IsGraphic", rune_pred<uni::is_graphic>},
    {"unicode.IsPrint", rune_pred<uni::is_print>},      {"unicode.IsMark", rune_pred<uni::is_mark>},
    {"unicode.IsSymbol", rune_pred<uni::is_symbol>},    {"unicode.ToUpper", rune_map<uni::to_upper>},
    {"unicode.ToLower", rune_map<uni::to_lower>},       {"unicode.ToTitle", rune_map<uni::to_title>},
    {"unicode.SimpleFold", rune_map<uni::simple_fold>},
};

}  // namespace

std::span<const NativeDef> unicode_natives() { return kNatives; }

}  // namespace vo::stdlib
