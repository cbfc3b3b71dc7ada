// Natives of package strconv: number formatting and float parsing with Go's
// exact results, and quoting shared with the fmt engine (vm/api.h).
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/strings.h"
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

std::string format_bits(uint64_t u, int64_t base, bool neg) {
  if (base < 2 || base > 36) api::panic("strconv: illegal AppendInt/FormatInt base");
  char buf[65];
  int i = 65;
  auto b = static_cast<uint64_t>(base);
  do {
    buf[--i] = kDigits[u % b];
    u /= b;
  } while (u != 0);
  if (neg) buf[--i] = '-';
  return std::string(buf + i, buf + 65);
}

// FormatInt(i int64, base int) string
void format_int(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  int64_t i = api::arg_int(a);
  uint64_t u = i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  api::ret_string(ctx, r, format_bits(u, api::arg_int(a + 1), i < 0));
}

// FormatUint(u uint64, base int) string
void format_uint(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  api::ret_string(ctx, r, format_bits(static_cast<uint64_t>(a[0]), api::arg_int(a + 1), false));
}

// FormatFloat(f float64, fmt byte, prec, bitSize int) string
void format_float(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  double f = api::arg_float(a);
  auto fmt = static_cast<char>(static_cast<uint8_t>(api::arg_int(a + 1)));
  int64_t prec = api::arg_int(a + 2);
  int64_t bit_size = api::arg_int(a + 3);
  if (bit_size != 32 && bit_size != 64) api::panic("strconv: illegal AppendFloat/FormatFloat bitSize");
  std::string out;
  switch (fmt) {
    case 'b':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
      break;
    default:
      out += '%';
      out += fmt;
      api::ret_string(ctx, r, out);
      return;
  }
  if (bit_size == 32) f = static_cast<float>(f);
  if (prec < 0) prec = -1;
  // Beyond the digits a float64 can hold exactly (about 1100), Go writes
  // zeros; cap the request at something the heap can hold.
  if (prec > (int64_t{1} << 28)) api::panic("runtime error: makeslice: len out of range");
  api::append_float(out, f, fmt, static_cast<int>(prec), static_cast<int>(bit_size));
  api::ret_string(ctx, r, out);
}

char lower(char c) { return static_cast<char>(c | 0x20); }

bool has_prefix_fold(std::string_view s, std::string_view word, size_t n) {
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i)
    if (lower(s[i]) != word[i]) return false;
  return true;
}

size_t common_prefix_fold(std::string_view s, std::string_view word) {
  size_t n = 0;
  while (n < s.size() && n < word.size() && lower(s[n]) == word[n]) ++n;
  return n;
}

// Go's underscore rule: '_' only between digits or after a base prefix.
bool underscore_ok(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

enum Status { kOk = 0, kSyntax = 1, kRange = 2 };

// ParseFloat's grammar and conversion; the result (for bit_size 32, a
// float32 value) is in *out.
Status parse_float(std::string_view s, int64_t bit_size, double* out) {
  *out = 0;
  if (s.empty()) return kSyntax;
  const bool f32 = bit_size == 32;
  // Infinity and NaN.
  {
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
      neg = s[0] == '-';
      i = 1;
    }
    std::string_view rest = s.substr(i);
    if (!rest.empty() && lower(rest[0]) == 'i') {
      size_t n = common_prefix_fold(rest, "infinity");
      if (n > 3 && n < 8) n = 3;
      if (n == 3 || n == 8) {
        if (i + n != s.size()) return kSyntax;
        *out = neg ? -HUGE_VAL : HUGE_VAL;
        return kOk;
      }
    } else if (i == 0 && has_prefix_fold(rest, "nan", 3)) {
      if (s.size() != 3) return kSyntax;
      uint64_t bits = f32 ? 0x7FF8000000000000ull : 0x7FF8000000000001ull;
      std::memcpy(out, &bits, 8);
      return kOk;
    }
  }
  // Mantissa and exponent.
  size_t i = 0;
  bool neg = false;
  if (s[i] == '+') {
    ++i;
  } else if (s[i] == '-') {
    neg = true;
    ++i;
  }
  bool hex = false;
  char exp_char = 'e';
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    hex = true;
    exp_char = 'p';
    i += 2;
  }
  bool underscores = false, saw_dot = false, saw_digits = false;
  std::string digits;
  int64_t frac_digits = 0;
  int64_t lead_zeros = 0;  // leading zero digits (not significant)
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (saw_dot) break;
      saw_dot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw_digits = true;
      if (digits.empty() && c == '0') {
        ++lead_zeros;
      } else {
        digits += c;
      }
      if (saw_dot) ++frac_digits;
      continue;
    }
    break;
  }
  if (!saw_digits) return kSyntax;
  int64_t exp = 0;
  if (i < s.size() && lower(s[i]) == exp_char) {
    ++i;
    if (i >= s.size()) return kSyntax;
    int64_t esign = 1;
    if (s[i] == '+') {
      ++i;
    } else if (s[i] == '-') {
      ++i;
      esign = -1;
    }
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return kSyntax;
    for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (exp < 10000) exp = exp * 10 + (s[i] - '0');
    }
    exp *= esign;
  } else if (hex) {
    return kSyntax;  // a hexadecimal mantissa needs a 'p' exponent
  }
  if (i != s.size()) return kSyntax;
  if (underscores && !underscore_ok(s)) return kSyntax;
  if (digits.empty()) {
    *out = neg ? -0.0 : 0.0;
    return kOk;
  }
  // digits * base^scale, with magnitude about base^(digits + scale).
  int64_t scale = hex ? exp - 4 * frac_digits : exp - frac_digits;
  std::string text = digits + (hex ? 'p' : 'e') + std::to_string(scale);
  const char* b = text.data();
  const char* e = b + text.size();
  auto fmt = hex ? std::chars_format::hex : std::chars_format::scientific;
  double v;
  std::errc ec;
  if (f32) {
    float fv = 0;
    ec = std::from_chars(b, e, fv, fmt).ec;
    v = fv;
  } else {
    ec = std::from_chars(b, e, v, fmt).ec;
  }
  if (ec == std::errc::result_out_of_range) {
    int64_t mag = static_cast<int64_t>(digits.size()) * (hex ? 4 : 1) + scale;
    if (mag > 0) {
      *out = neg ? -HUGE_VAL : HUGE_VAL;
      return kRange;
    }
    *out = neg ? -0.0 : 0.0;
    return kOk;
  }
  if (ec != std::errc{}) return kSyntax;
  *out = neg ? -v : v;
  return kOk;
}

// parseFloat(s string, bitSize int) (float64, int)
void parse_float_native(vm::NativeCtx&, Slot* a, Slot* r) {
  double v;
  Status st = parse_float(api::arg_string(a), api::arg_int(a + 2), &v);
  api::ret_float(r, v);
  api::ret_int(r + 1, st);
}

// The runes strconv.IsGraphic adds to IsPrint (spaces of category Zs).
bool graphic_only(int32_t r) {
  return r == 0xA0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x202F || r == 0x205F || r == 0x3000;
}

bool is_graphic(int32_t r) { return api::is_print(r) || graphic_only(r); }

// Quote with graphic-only quoting: the extra graphic runes stay raw.
std::string quote_graphic(std::string_view s) {
  std::string out = "\"";
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    int32_t r;
    int w = rt::decode_rune(reinterpret_cast<const uint8_t*>(s.data()) + i, static_cast<int64_t>(s.size() - i), &r);
    if (w > 1 && graphic_only(r)) {
      std::string part;
      api::append_quote(part, s.substr(start, i - start), false);
      out.append(part, 1, part.size() - 2);
      out.append(s.substr(i, static_cast<size_t>(w)));
      start = i + static_cast<size_t>(w);
    }
    i += static_cast<size_t>(w);
  }
  std::string part;
  api::append_quote(part, s.substr(start), false);
  out.append(part, 1, part.size() - 1);
  return out;
}

int32_t rune_arg(const Slot* a) { return static_cast<int32_t>(api::arg_int(a)); }

template <bool ascii>
void quote(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string out;
  api::append_quote(out, api::arg_string(a), ascii);
  api::ret_string(ctx, r, out);
}

void quote_to_graphic(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  api::ret_string(ctx, r, quote_graphic(api::arg_string(a)));
}

template <bool ascii>
void quote_rune(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string out;
  api::append_quote_rune(out, rune_arg(a), ascii);
  api::ret_string(ctx, r, out);
}

void quote_rune_to_graphic(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  int32_t c = rune_arg(a);
  std::string out;
  if (graphic_only(c)) {
    out += '\'';
    uint8_t buf[4];
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(rt::encode_rune(c, buf)));
    out += '\'';
  } else {
    api::append_quote_rune(out, c, false);
  }
  api::ret_string(ctx, r, out);
}

void can_backquote(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_bool(r, api::can_backquote(api::arg_string(a))); }
void is_print(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_bool(r, api::is_print(rune_arg(a))); }
void is_graphic_native(vm::NativeCtx&, Slot* a, Slot* r) { api::ret_bool(r, is_graphic(rune_arg(a))); }

constexpr NativeDef kNatives[] = {
    {"strconv.FormatInt", format_int},
    {"strconv.FormatUint", format_uint},
    {"strconv.FormatFloat", format_float},
    {"strconv.parseFloat", parse_float_native},
    {"strconv.Quote", quote<false>},
    {"strconv.QuoteToASCII", quote<true>},
    {"strconv.QuoteToGraphic", quote_to_graphic},
    {"strconv.QuoteRune", quote_rune<false>},
    {"strconv.QuoteRuneToASCII", quote_rune<true>},
    {"strconv.QuoteRuneToGraphic", quote_rune_to_graphic},
    {"strconv.CanBackquote", can_backquote},
    {"strconv.IsPrint", is_print},
    {"strconv.IsGraphic", is_graphic_native},
};

}  // namespace

std::span<const NativeDef> strconv_natives() { return kNatives; }

}  // namespace vo::stdlib
