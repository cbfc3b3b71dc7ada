// Exact compile-time constants (see constant.h). Ints are GMP integers, Floats
// are GMP rationals; rounding to float64/float32 goes through MPFR so that it
// is correct (round half to even, subnormals, overflow to infinity).
#include "types/constant.h"

#include <gmp.h>
#include <mpfr.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace vo::types {

using syntax::Tok;
using Kind = Value::Kind;

namespace {

// ---------------------------------------------------------------------------
// RAII holders for GMP/MPFR temporaries.

struct Mpz {
  mpz_t v;
  Mpz() { mpz_init(v); }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
};

struct Mpq {
  mpq_t v;
  Mpq() { mpq_init(v); }
  ~Mpq() { mpq_clear(v); }
  Mpq(const Mpq&) = delete;
  Mpq& operator=(const Mpq&) = delete;
};

struct Mpfr {
  mpfr_t v;
  explicit Mpfr(mpfr_prec_t prec) { mpfr_init2(v, prec); }
  ~Mpfr() { mpfr_clear(v); }
  Mpfr(const Mpfr&) = delete;
  Mpfr& operator=(const Mpfr&) = delete;
};

// Limits that keep pathological literals and shifts from eating the machine.
// 10^100000 is a ~42 KB integer: big, but computed in milliseconds.
constexpr int64_t kMaxDecimalMagnitude = 100000;
constexpr int64_t kMaxBinaryMagnitude = 332200;  // ~ 10^100000
constexpr uint64_t kMaxShift = 100000;
// Results of arithmetic whose numerator or denominator would exceed this
// many bits (~10^1262000) are Unknown, as go/constant's are when its floats
// overflow; repeated squaring of a big constant would otherwise exhaust
// memory. The checker reports such a result as not representable.
constexpr size_t kMaxResultBits = size_t{1} << 22;

// ---------------------------------------------------------------------------
// 64-bit <-> mpz without assuming the width of `long`.

void set_u64(mpz_t z, uint64_t v) { mpz_import(z, 1, -1, sizeof v, 0, 0, &v); }

void set_i64(mpz_t z, int64_t v) {
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  set_u64(z, mag);
  if (v < 0) mpz_neg(z, z);
}

// |z| as a uint64, if it fits.
bool abs_u64(const mpz_t z, uint64_t& out) {
  if (mpz_sizeinbase(z, 2) > 64) return false;
  uint64_t v = 0;
  size_t count = 0;
  mpz_export(&v, &count, -1, sizeof v, 0, 0, z);  // exports |z|
  out = count ? v : 0;
  return true;
}

// ---------------------------------------------------------------------------
// Rounding rationals to IEEE binary formats.

// MPFR normalises significands to [0.5, 1), so its exponents are one above
// the IEEE ones: binary64 spans 2^-1074 (0.5 * 2^-1073) .. just under 2^1024.
struct BinFormat {
  mpfr_prec_t prec;
  mpfr_exp_t emin, emax;
};
constexpr BinFormat kBinary64{53, -1073, 1024};
constexpr BinFormat kBinary32{24, -148, 128};

// MPFR's exponent range is per-thread global state; narrow it only for the
// duration of one rounding and always restore it.
class ExpRangeGuard {
 public:
  ExpRangeGuard(mpfr_exp_t emin, mpfr_exp_t emax) : emin_(mpfr_get_emin()), emax_(mpfr_get_emax()) {
    mpfr_set_emin(emin);
    mpfr_set_emax(emax);
  }
  ~ExpRangeGuard() {
    mpfr_set_emin(emin_);
    mpfr_set_emax(emax_);
  }
  ExpRangeGuard(const ExpRangeGuard&) = delete;
  ExpRangeGuard& operator=(const ExpRangeGuard&) = delete;

 private:
  mpfr_exp_t emin_, emax_;
};

// Rounds q once to the nearest value of `fmt` (ties to even), including
// gradual underflow and overflow to infinity. `out` must have fmt.prec bits.
void round_to(mpfr_t out, const mpq_t q, BinFormat fmt) {
  ExpRangeGuard guard(fmt.emin, fmt.emax);
  int ternary = mpfr_set_q(out, q, MPFR_RNDN);
  // mpfr_set_q rounded to full precision; in the subnormal range the format
  // has fewer bits, and subnormalize re-rounds using the ternary value so
  // that no double-rounding error occurs.
  mpfr_subnormalize(out, ternary, MPFR_RNDN);
}

double q_to_double(const mpq_t q) {
  Mpfr r(kBinary64.prec);
  round_to(r.v, q, kBinary64);
  return mpfr_get_d(r.v, MPFR_RNDN);  // exact: r is a binary64 value
}

float q_to_float(const mpq_t q) {
  Mpfr r(kBinary32.prec);
  round_to(r.v, q, kBinary32);
  return mpfr_get_flt(r.v, MPFR_RNDN);  // exact: r is a binary32 value
}

bool q_is_integral(const mpq_t q) { return mpz_cmp_ui(mpq_denref(q), 1) == 0; }

bool too_big(mpz_srcptr z) { return mpz_sizeinbase(z, 2) > kMaxResultBits; }
bool too_big(mpq_srcptr q) { return too_big(mpq_numref(q)) || too_big(mpq_denref(q)); }

// ---------------------------------------------------------------------------
// UTF-8.

// Decodes one rune at s[i]; returns its length, or 0 if the bytes there are
// not valid UTF-8 (overlong forms, surrogates and > U+10FFFF are invalid).
size_t decode_rune(std::string_view s, size_t i, uint32_t& r) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) {
    r = c;
    return 1;
  }
  size_t n;
  uint32_t min;
  if ((c & 0xE0) == 0xC0) n = 2, r = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, r = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, r = c & 0x07, min = 0x10000;
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; k++) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    r = (r << 6) | (b(i + k) & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0;
  return n;
}

void encode_rune(std::string& out, uint32_t r) {
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

// ---------------------------------------------------------------------------
// Literal parsing helpers.

bool fail(std::string* err, std::string msg) {
  if (err) *err = std::move(msg);
  return false;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_dec(char c) { return c >= '0' && c <= '9'; }

// Go's rule for `_` in number literals: each one must sit between two
// digits, or between a base prefix (0x, 0o, 0b) and a digit. Digits include
// a-f in 0x literals; the leading 0 of a legacy octal literal is a digit.
bool has_misplaced_separator(std::string_view x) {
  char base_char = x.size() >= 2 && x[0] == '0' ? static_cast<char>(x[1] | 0x20) : ' ';
  bool prefixed = base_char == 'x' || base_char == 'o' || base_char == 'b';
  bool hex = base_char == 'x';
  auto digit_at = [&](size_t k) { return k < x.size() && (is_dec(x[k]) || (hex && hex_value(x[k]) >= 0)); };
  for (size_t i = 0; i < x.size(); i++) {
    if (x[i] != '_') continue;
    bool after_digit = (prefixed && i == 2) || (i > 0 && digit_at(i - 1));
    if (!after_digit || !digit_at(i + 1)) return true;
  }
  return false;
}

// The pieces of a number literal after `_` removal. The value is
// mant * base^(-frac_digits) * (10 or 2)^exp.
struct NumberParts {
  int base = 10;             // 2, 8, 10, 16 (legacy octal: 8)
  std::string mant;          // all mantissa digits, radix point removed
  int64_t frac_digits = 0;   // digits after the radix point
  bool is_float = false;     // has a radix point or an exponent
  int64_t exp = 0;           // decimal (e) or binary (p) exponent, saturated
};

const char* base_name(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 16: return "hexadecimal";
    default: return "decimal";
  }
}

// Reads an exponent's digits at t[i..] (sign already consumed), saturating
// far beyond any limit we accept so that huge exponents cannot overflow.
bool scan_exponent(std::string_view t, size_t& i, int64_t& exp, std::string* err) {
  bool neg = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
  size_t start = i;
  int64_t v = 0;
  for (; i < t.size() && is_dec(t[i]); i++) v = std::min<int64_t>(v * 10 + (t[i] - '0'), int64_t{1} << 40);
  if (i == start) return fail(err, "exponent has no digits");
  exp = neg ? -v : v;
  return true;
}

// Splits a number literal (without `_`) into NumberParts, validating its
// syntax and digits.
bool split_number(std::string_view t, NumberParts& np, std::string* err) {
  size_t i = 0;
  bool prefixed = false;
  if (t.size() >= 2 && t[0] == '0') {
    switch (t[1] | 0x20) {
      case 'x': np.base = 16, prefixed = true; break;
      case 'o': np.base = 8, prefixed = true; break;
      case 'b': np.base = 2, prefixed = true; break;
      default: break;
    }
  }
  if (prefixed) i = 2;
  // Decimal digits are read even for binary/octal so that a stray 8 or 9 is
  // reported as an invalid digit rather than as garbage.
  auto is_digit = [&](char c) { return np.base == 16 ? hex_value(c) >= 0 : is_dec(c); };
  bool seen_point = false;
  for (; i < t.size(); i++) {
    if (is_digit(t[i])) {
      np.mant += t[i];
      if (seen_point) np.frac_digits++;
    } else if (t[i] == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (seen_point && (np.base == 2 || np.base == 8))
    return fail(err, std::string("invalid radix point in ") + base_name(np.base) + " literal");
  if (np.mant.empty())
    return fail(err, prefixed ? std::string(base_name(np.base)) + " literal has no digits"
                              : "invalid number literal");
  bool has_exp = false;
  if (i < t.size()) {
    char e = static_cast<char>(t[i] | 0x20);
    if (e == 'e' && np.base == 10) {
      i++;
      if (!scan_exponent(t, i, np.exp, err)) return false;
      has_exp = true;
    } else if (e == 'p') {
      if (np.base != 16) return fail(err, "'p' exponent requires hexadecimal mantissa");
      i++;
      if (!scan_exponent(t, i, np.exp, err)) return false;
      has_exp = true;
    } else if (e == 'e') {
      return fail(err, "'e' exponent requires decimal mantissa");
    }
  }
  if (i < t.size()) {
    if (t[i] == 'i') return fail(err, "imaginary literals are not supported");
    return fail(err, std::string("invalid character '") + t[i] + "' in number literal");
  }
  if (np.base == 16 && seen_point && !has_exp)
    return fail(err, "hexadecimal mantissa requires a 'p' exponent");
  np.is_float = seen_point || has_exp;
  // Legacy octal: an integer literal "0ddd" (a float "0ddd.5" is decimal).
  if (np.base == 10 && !np.is_float && np.mant.size() > 1 && np.mant[0] == '0') np.base = 8;
  if (np.base == 2 || np.base == 8) {
    for (char c : np.mant)
      if (c - '0' >= np.base)
        return fail(err, std::string("invalid digit '") + c + "' in " + base_name(np.base) + " literal");
  }
  return true;
}

// mant (in `base`) as an integer.
void digits_to_mpz(mpz_t z, const std::string& mant, int base) {
  size_t nz = mant.find_first_not_of('0');
  if (nz == std::string::npos) {
    mpz_set_ui(z, 0);
    return;
  }
  mpz_set_str(z, mant.c_str() + nz, base);  // digits were validated
}

// Builds the exact rational of a float literal, refusing magnitudes beyond
// the limits (their exact expansion would be enormous).
bool float_parts_to_mpq(mpq_t q, const NumberParts& np, std::string* err) {
  Mpz num;
  digits_to_mpz(num.v, np.mant, np.base);
  if (mpz_sgn(num.v) == 0) {  // 0e999999999 is just 0
    mpq_set_ui(q, 0, 1);
    return true;
  }
  // Value = num * radix^scale, with radix 10 or 2.
  bool hex = np.base == 16;
  int64_t scale = hex ? np.exp - 4 * np.frac_digits : np.exp - np.frac_digits;
  int64_t digits = static_cast<int64_t>(mpz_sizeinbase(num.v, hex ? 2 : 10));
  int64_t magnitude = digits - 1 + scale;  // ~ exponent of the leading digit
  int64_t limit = hex ? kMaxBinaryMagnitude : kMaxDecimalMagnitude;
  if (magnitude > limit) return fail(err, "constant too large");
  if (magnitude < -limit) return fail(err, "constant too small (exponent out of range)");
  Mpz pow;
  uint64_t abs_scale = scale < 0 ? 0 - static_cast<uint64_t>(scale) : static_cast<uint64_t>(scale);
  if (hex) mpz_setbit(pow.v, abs_scale);
  else mpz_ui_pow_ui(pow.v, 10, abs_scale);
  if (scale >= 0) {
    mpz_mul(mpq_numref(q), num.v, pow.v);
    mpz_set_ui(mpq_denref(q), 1);
  } else {
    mpz_set(mpq_numref(q), num.v);
    mpz_set(mpq_denref(q), pow.v);
    mpq_canonicalize(q);
  }
  return true;
}

// Parses the escape sequence starting after the backslash at s[i]; advances
// i past it. `quote` is the literal's quote char, the only quote that may be
// escaped. `is_byte` tells \x and octal escapes (raw bytes in strings).
bool parse_escape(std::string_view s, size_t& i, char quote, uint32_t& value, bool& is_byte, std::string* err) {
  if (i >= s.size()) return fail(err, "escape sequence not terminated");
  char c = s[i++];
  is_byte = false;
  switch (c) {
    case 'a': value = '\a'; return true;
    case 'b': value = '\b'; return true;
    case 'f': value = '\f'; return true;
    case 'n': value = '\n'; return true;
    case 'r': value = '\r'; return true;
    case 't': value = '\t'; return true;
    case 'v': value = '\v'; return true;
    case '\\': value = '\\'; return true;
    default: break;
  }
  if (c == quote) {
    value = static_cast<unsigned char>(c);
    return true;
  }
  if (c >= '0' && c <= '7') {
    value = static_cast<uint32_t>(c - '0');
    for (int k = 0; k < 2; k++, i++) {
      if (i >= s.size() || s[i] < '0' || s[i] > '7') return fail(err, "invalid octal escape: need 3 octal digits");
      value = value * 8 + static_cast<uint32_t>(s[i] - '0');
    }
    if (value > 255) return fail(err, "octal escape value > 255");
    is_byte = true;
    return true;
  }
  int n = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (n == 0) return fail(err, "unknown escape sequence");
  value = 0;
  for (int k = 0; k < n; k++, i++) {
    int h = i < s.size() ? hex_value(s[i]) : -1;
    if (h < 0)
      return fail(err, std::string("invalid escape: \\") + c + " needs " + std::to_string(n) + " hex digits");
    value = value * 16 + static_cast<uint32_t>(h);
  }
  if (c == 'x') {
    is_byte = true;
    return true;
  }
  if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return fail(err, "escape sequence is invalid Unicode code point");
  return true;
}

bool parse_rune_literal(std::string_view text, uint32_t& r, std::string* err) {
  if (text.size() < 2 || text.front() != '\'' || text.back() != '\'') return fail(err, "malformed rune literal");
  std::string_view body = text.substr(1, text.size() - 2);
  if (body.empty()) return fail(err, "empty rune literal or unescaped ' in rune literal");
  size_t i = 0;
  if (body[0] == '\\') {
    i = 1;
    bool is_byte;
    if (!parse_escape(body, i, '\'', r, is_byte, err)) return false;
  } else {
    i = decode_rune(body, 0, r);
    if (i == 0) return fail(err, "invalid UTF-8 encoding in rune literal");
    if (r == '\n') return fail(err, "newline in rune literal");
    if (r == '\'') return fail(err, "empty rune literal or unescaped ' in rune literal");
  }
  if (i != body.size()) return fail(err, "more than one character in rune literal");
  return true;
}

bool parse_interpreted_string(std::string_view body, std::string& out, std::string* err) {
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == '"') return fail(err, "unescaped '\"' in string literal");
    if (c == '\n') return fail(err, "newline in string");
    if (c == '\\') {
      i++;
      uint32_t v;
      bool is_byte;
      if (!parse_escape(body, i, '"', v, is_byte, err)) return false;
      if (is_byte) out += static_cast<char>(v);
      else encode_rune(out, v);
      continue;
    }
    uint32_t r;
    size_t n = decode_rune(body, i, r);
    if (n == 0) return fail(err, "invalid UTF-8 encoding in string literal");
    out.append(body.substr(i, n));
    i += n;
  }
  return true;
}

bool parse_string_literal(std::string_view text, std::string& out, std::string* err) {
  if (text.size() >= 2 && text.front() == '`' && text.back() == '`') {
    std::string_view body = text.substr(1, text.size() - 2);
    if (body.find('`') != std::string_view::npos) return fail(err, "unescaped '`' in raw string literal");
    for (char c : body)  // carriage returns are discarded from raw strings
      if (c != '\r') out += c;
    return true;
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    return parse_interpreted_string(text.substr(1, text.size() - 2), out, err);
  return fail(err, "malformed string literal");
}

// ---------------------------------------------------------------------------
// Formatting in the manner of Go's fmt/strconv %g.

// A decimal digit string d1 d2 ... dn (no leading or trailing zeros) and the
// position of the decimal point: value = 0.d1d2...dn * 10^dp.
struct Decimal {
  bool neg = false;
  std::string digits;
  int dp = 0;
};

// Parses "[-]d[.ddd]e[+-]XX" as printed by %e or to_chars(scientific).
Decimal decimal_from_sci(std::string_view s) {
  Decimal d;
  size_t i = 0;
  if (s[i] == '-') d.neg = true, i++;
  size_t e = s.find('e');
  for (; i < e; i++)
    if (s[i] != '.') d.digits += s[i];
  int exp = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+'), s.data() + s.size(), exp);
  d.dp = exp + 1;
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

// x rounded to `prec` significant digits (prec < 0: shortest round trip).
// to_chars rounds correctly and, unlike printf, ignores the C locale.
Decimal decimal_of(double x, int prec) {
  char buf[64];
  auto res = prec < 0 ? std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific)
                      : std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, prec - 1);
  return decimal_from_sci(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
}

std::string fmt_exponent_form(const Decimal& d, int frac) {
  std::string s = d.neg ? "-" : "";
  s += d.digits[0];
  if (frac > 0) {
    s += '.';
    for (int k = 1; k <= frac; k++) s += k < static_cast<int>(d.digits.size()) ? d.digits[k] : '0';
  }
  int exp = d.dp - 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return s + buf;
}

std::string fmt_fixed_form(const Decimal& d, int frac) {
  int nd = static_cast<int>(d.digits.size());
  std::string s = d.neg ? "-" : "";
  if (d.dp > 0) {
    for (int k = 0; k < d.dp; k++) s += k < nd ? d.digits[k] : '0';
  } else {
    s += '0';
  }
  if (frac > 0) {
    s += '.';
    for (int k = 1; k <= frac; k++) {
      int j = d.dp + k - 1;
      s += j >= 0 && j < nd ? d.digits[j] : '0';
    }
  }
  return s;
}

// strconv.FormatFloat(x, 'g', prec, 64); prec < 0 means shortest. x != 0.
// (For prec 6 this agrees with C's %.6g; the shortest form does not exist
// in printf.)
std::string go_format_g(double x, int prec) {
  bool shortest = prec < 0;
  Decimal d = decimal_of(x, prec);
  int nd = static_cast<int>(d.digits.size());
  if (shortest) prec = nd;
  int eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  int exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) return fmt_exponent_form(d, std::min(prec, nd) - 1);
  if (prec > d.dp) prec = nd;
  return fmt_fixed_form(d, std::max(prec - d.dp, 0));
}

// A Float constant whose value is outside the float64 range: approximate
// "m e+E" form computed like go/constant does, without exact conversion.
std::string format_huge_rational(const mpq_t q) {
  Mpfr f(64);
  mpfr_set_q(f.v, q, MPFR_RNDN);
  long bexp = 0;
  double m = mpfr_get_d_2exp(&bexp, f.v, MPFR_RNDN);  // 0.5 <= |m| < 1
  const double log10_2 = 0.301029995663981195213738894724493026768189881462108541310;
  double d = static_cast<double>(bexp) * log10_2;
  auto e = static_cast<int64_t>(d);
  m *= std::pow(10.0, d - static_cast<double>(e));
  double am = std::fabs(m);
  if (am < 1 - 0.5e-6) {  // keep m*10 below 10 even after %.6g rounds it
    m *= 10;
    e--;
  } else if (am >= 10) {
    m /= 10;
    e++;
  }
  return go_format_g(m, 6) + "e" + (e < 0 ? "-" : "+") + std::to_string(e < 0 ? -e : e);
}

// go/constant's Float String(): %.6g if the value is in float64 range, with
// more digits if %.6g would make a non-integer look integral.
std::string format_rational(const mpq_t q) {
  if (mpq_sgn(q) == 0) return "0";
  double x = q_to_double(q);
  if (x == 0 || std::isinf(x)) return format_huge_rational(q);
  std::string s = go_format_g(x, 6);
  if (!q_is_integral(q) && s.find('.') == std::string::npos) s = go_format_g(x, -1);
  return s;
}

// Approximates Go's unicode.IsPrint for non-ASCII runes: Go prints letters,
// marks, numbers, punctuation and symbols; we exclude the well-known
// control, format, separator and private-use ranges (unassigned code points
// are not tracked and count as printable).
bool is_printable_non_ascii(uint32_t r) {
  if (r < 0xA1) return false;  // C1 controls and U+00A0 (no-break space)
  if (r == 0xAD || r == 0x1680 || r == 0x180E) return false;
  if (r >= 0x2000 && r <= 0x200F) return false;  // spaces, zero-widths, marks
  if (r >= 0x2028 && r <= 0x202F) return false;  // line/para sep, bidi, nbsp
  if (r >= 0x205F && r <= 0x206F) return false;
  if (r == 0x3000 || r == 0xFEFF) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;  // private use
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if ((r & 0xFFFE) == 0xFFFE) return false;  // noncharacters U+xxFFFE/F
  if (r >= 0xE0000 && r <= 0xE007F) return false;  // tags
  if (r >= 0xF0000) return false;  // supplementary private use
  return true;
}

void append_hex(std::string& out, uint32_t v, int digits) {
  static const char kHex[] = "0123456789abcdef";
  for (int s = (digits - 1) * 4; s >= 0; s -= 4) out += kHex[(v >> s) & 0xF];
}

// strconv.Quote: escapes quotes, backslashes, invalid UTF-8 bytes and
// non-printable runes.
std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    size_t n = decode_rune(s, i, r);
    if (n == 0) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[i]), 2);
      i++;
      continue;
    }
    if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
    } else if (r >= 0x20 && r < 0x7F) {
      out += static_cast<char>(r);
    } else if (r >= 0x80 && is_printable_non_ascii(r)) {
      out.append(s.substr(i, n));
    } else {
      switch (r) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (r < 0x20 || r == 0x7F) out += "\\x", append_hex(out, r, 2);
          else if (r < 0x10000) out += "\\u", append_hex(out, r, 4);
          else out += "\\U", append_hex(out, r, 8);
      }
    }
    i += n;
  }
  return out + "\"";
}

// go/constant shortens quoted strings longer than 72 runes to 69 + "...".
std::string shorten_quoted(std::string q) {
  constexpr size_t kMaxLen = 72;
  size_t runes = 0, cut = 0;
  for (size_t i = 0; i < q.size(); runes++) {
    if (runes == kMaxLen - 3) cut = i;
    uint32_t r;
    size_t n = decode_rune(q, i, r);
    i += n ? n : 1;
  }
  if (runes <= kMaxLen) return q;
  q.resize(cut);
  return q + "...";
}

// Three-way comparison result tested against a comparison operator.
bool cmp_holds(int c, Tok op) {
  switch (op) {
    case Tok::Eql: return c == 0;
    case Tok::Neq: return c != 0;
    case Tok::Lss: return c < 0;
    case Tok::Leq: return c <= 0;
    case Tok::Gtr: return c > 0;
    case Tok::Geq: return c >= 0;
    default: return false;
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Representation. Exactly one of the payload members is meaningful, chosen
// by `kind`; z and q are initialised only for Int and Float respectively.
// Rep's static helpers are the only code outside Value's members and friends
// that touches Value's private fields (a nested class has the same access).

struct Value::Rep {
  Kind kind;
  bool b = false;
  std::string s;
  mpz_t z;
  mpq_t q;

  explicit Rep(Kind k) : kind(k) {
    if (k == Kind::Int) mpz_init(z);
    else if (k == Kind::Float) mpq_init(q);
  }
  Rep(const Rep& o) : kind(o.kind), b(o.b), s(o.s) {
    if (kind == Kind::Int) {
      mpz_init_set(z, o.z);
    } else if (kind == Kind::Float) {
      mpq_init(q);
      mpq_set(q, o.q);
    }
  }
  Rep& operator=(const Rep&) = delete;
  ~Rep() {
    if (kind == Kind::Int) mpz_clear(z);
    else if (kind == Kind::Float) mpq_clear(q);
  }

  static Value wrap(std::unique_ptr<Rep> r) {
    Value v;
    v.kind_ = r->kind;
    v.rep_ = std::move(r);
    return v;
  }
  // Steals the contents of z / q (left as 0).
  static Value take_int(mpz_t z) {
    auto r = std::make_unique<Rep>(Kind::Int);
    mpz_swap(r->z, z);
    return wrap(std::move(r));
  }
  static Value take_float(mpq_t q) {
    auto r = std::make_unique<Rep>(Kind::Float);
    mpq_swap(r->q, q);
    return wrap(std::move(r));
  }

  // The value of a numeric constant as a rational.
  static void get_q(const Value& v, mpq_t out) {
    if (v.kind_ == Kind::Int) mpq_set_z(out, v.rep_->z);
    else mpq_set(out, v.rep_->q);
  }
  // The integer value of an Int or integral Float; nullptr otherwise.
  static mpz_srcptr integer_of(const Value& v) {
    if (v.kind_ == Kind::Int) return v.rep_->z;
    if (v.kind_ == Kind::Float && q_is_integral(v.rep_->q)) return mpq_numref(v.rep_->q);
    return nullptr;
  }
};

// ---------------------------------------------------------------------------
// Special members. A moved-from Value is Unknown.

Value::Value() = default;
Value::Value(const Value& o) : kind_(o.kind_), rep_(o.rep_ ? std::make_unique<Rep>(*o.rep_) : nullptr) {}
Value::Value(Value&& o) noexcept : kind_(std::exchange(o.kind_, Kind::Unknown)), rep_(std::move(o.rep_)) {}
Value& Value::operator=(const Value& o) {
  if (this != &o) *this = Value(o);
  return *this;
}
Value& Value::operator=(Value&& o) noexcept {
  kind_ = std::exchange(o.kind_, Kind::Unknown);
  rep_ = std::move(o.rep_);
  return *this;
}
Value::~Value() = default;

// ---------------------------------------------------------------------------
// Construction.

Value Value::make_bool(bool b) {
  auto r = std::make_unique<Rep>(Kind::Bool);
  r->b = b;
  return Rep::wrap(std::move(r));
}

Value Value::make_string(std::string s) {
  auto r = std::make_unique<Rep>(Kind::String);
  r->s = std::move(s);
  return Rep::wrap(std::move(r));
}

Value Value::make_int64(int64_t v) {
  Mpz z;
  set_i64(z.v, v);
  return Rep::take_int(z.v);
}

Value Value::make_uint64(uint64_t v) {
  Mpz z;
  set_u64(z.v, v);
  return Rep::take_int(z.v);
}

Value Value::make_float64(double v) {
  if (!std::isfinite(v)) return Value();
  Mpq q;
  mpq_set_d(q.v, v);  // exact; -0.0 becomes 0
  return Rep::take_float(q.v);
}

Value Value::make_from_literal(Tok tok, std::string_view text, std::string* err) {
  switch (tok) {
    case Tok::Int:
    case Tok::Float: {
      if (has_misplaced_separator(text)) {
        fail(err, "'_' must separate successive digits");
        return Value();
      }
      std::string t;
      for (char c : text)
        if (c != '_') t += c;
      NumberParts np;
      if (!split_number(t, np, err)) return Value();
      if (tok == Tok::Int && np.is_float) {
        fail(err, "invalid integer literal");
        return Value();
      }
      if (tok == Tok::Int) {
        Mpz z;
        digits_to_mpz(z.v, np.mant, np.base);
        return Rep::take_int(z.v);
      }
      // A Float token that looks like "0644" is decimal, as in "0644.0".
      if (np.base == 8 && t.size() > 1 && (t[1] | 0x20) != 'o') np.base = 10;
      Mpq q;
      if (!float_parts_to_mpq(q.v, np, err)) return Value();
      return Rep::take_float(q.v);
    }
    case Tok::Char: {
      uint32_t r;
      if (!parse_rune_literal(text, r, err)) return Value();
      return make_int64(r);
    }
    case Tok::String: {
      std::string s;
      if (!parse_string_literal(text, s, err)) return Value();
      return make_string(std::move(s));
    }
    default:
      fail(err, "not a literal token");
      return Value();
  }
}

// ---------------------------------------------------------------------------
// Accessors and conversions.

bool Value::bool_val() const { return kind_ == Kind::Bool && rep_->b; }

const std::string& Value::string_val() const {
  static const std::string kEmpty;
  return kind_ == Kind::String ? rep_->s : kEmpty;
}

Value Value::to_int() const {
  mpz_srcptr z = Rep::integer_of(*this);
  if (!z) return Value();
  Mpz copy;
  mpz_set(copy.v, z);
  return Rep::take_int(copy.v);
}

Value Value::to_float() const {
  if (!is_numeric()) return Value();
  Mpq q;
  Rep::get_q(*this, q.v);
  return Rep::take_float(q.v);
}

std::optional<int64_t> Value::int64_val() const {
  mpz_srcptr z = Rep::integer_of(*this);
  uint64_t mag;
  if (!z || !abs_u64(z, mag)) return std::nullopt;
  if (mpz_sgn(z) >= 0) {
    if (mag > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(mag);
  }
  if (mag > uint64_t{1} << 63) return std::nullopt;
  return static_cast<int64_t>(0 - mag);  // modular conversion (C++20)
}

std::optional<uint64_t> Value::uint64_val() const {
  mpz_srcptr z = Rep::integer_of(*this);
  uint64_t mag;
  if (!z || mpz_sgn(z) < 0 || !abs_u64(z, mag)) return std::nullopt;
  return mag;
}

double Value::float64_val() const {
  if (!is_numeric()) return 0;
  Mpq q;
  Rep::get_q(*this, q.v);
  return q_to_double(q.v);
}

float Value::float32_val() const {
  if (!is_numeric()) return 0;
  Mpq q;
  Rep::get_q(*this, q.v);
  return q_to_float(q.v);
}

bool Value::fits_int(int bits, bool is_unsigned) const {
  mpz_srcptr z = Rep::integer_of(*this);
  if (!z || bits <= 0) return false;
  if (is_unsigned) return mpz_sgn(z) >= 0 && mpz_sizeinbase(z, 2) <= static_cast<size_t>(bits);
  // Signed: -2^(bits-1) <= z <= 2^(bits-1) - 1.
  Mpz lo, hi;
  mpz_setbit(hi.v, static_cast<mp_bitcnt_t>(bits - 1));
  mpz_neg(lo.v, hi.v);
  mpz_sub_ui(hi.v, hi.v, 1);
  return mpz_cmp(z, lo.v) >= 0 && mpz_cmp(z, hi.v) <= 0;
}

Value Value::round_float32() const {
  if (!is_numeric()) return Value();
  float f = float32_val();
  if (std::isinf(f)) return Value();
  return make_float64(f);  // float -> double is exact
}

Value Value::round_float64() const {
  if (!is_numeric()) return Value();
  double d = float64_val();
  if (std::isinf(d)) return Value();
  return make_float64(d);
}

// Unknown counts as positive, as in go/constant, so that a divisor whose
// value is unknown (already reported) does not also read as "division by 0".
int Value::sign() const {
  switch (kind_) {
    case Kind::Int: return mpz_sgn(rep_->z);
    case Kind::Float: return mpq_sgn(rep_->q);
    case Kind::Unknown: return 1;
    default: return 0;
  }
}

std::string Value::str() const {
  switch (kind_) {
    case Kind::Unknown: return "unknown";
    case Kind::Bool: return rep_->b ? "true" : "false";
    case Kind::String: return shorten_quoted(go_quote(rep_->s));
    case Kind::Int: {
      std::string s(mpz_sizeinbase(rep_->z, 10) + 2, '\0');
      mpz_get_str(s.data(), 10, rep_->z);
      s.resize(std::char_traits<char>::length(s.c_str()));
      return s;
    }
    case Kind::Float: return format_rational(rep_->q);
  }
  return "unknown";
}

bool Value::operator==(const Value& o) const {
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::Unknown: return true;
    case Kind::Bool: return rep_->b == o.rep_->b;
    case Kind::String: return rep_->s == o.rep_->s;
    case Kind::Int: return mpz_cmp(rep_->z, o.rep_->z) == 0;
    case Kind::Float: return mpq_equal(rep_->q, o.rep_->q) != 0;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Operations.

namespace {

// r = x op y for Ints. Returns false when the operator does not apply or
// the divisor is zero.
bool int_binary(mpz_t r, const mpz_t x, Tok op, const mpz_t y) {
  switch (op) {
    case Tok::Add: mpz_add(r, x, y); return true;
    case Tok::Sub: mpz_sub(r, x, y); return true;
    case Tok::Mul: mpz_mul(r, x, y); return true;
    case Tok::Quo:  // truncated division, as Go's integer /
      if (mpz_sgn(y) == 0) return false;
      mpz_tdiv_q(r, x, y);
      return true;
    case Tok::Rem:  // remainder takes the dividend's sign
      if (mpz_sgn(y) == 0) return false;
      mpz_tdiv_r(r, x, y);
      return true;
    // GMP's bitwise operations act on infinite two's complement, which is
    // exactly Go's semantics for big.Int and constant bit operations.
    case Tok::And: mpz_and(r, x, y); return true;
    case Tok::Or: mpz_ior(r, x, y); return true;
    case Tok::Xor: mpz_xor(r, x, y); return true;
    case Tok::AndNot: {
      Mpz not_y;
      mpz_com(not_y.v, y);
      mpz_and(r, x, not_y.v);
      return true;
    }
    default: return false;
  }
}

bool float_binary(mpq_t r, const mpq_t x, Tok op, const mpq_t y) {
  switch (op) {
    case Tok::Add: mpq_add(r, x, y); return true;
    case Tok::Sub: mpq_sub(r, x, y); return true;
    case Tok::Mul: mpq_mul(r, x, y); return true;
    case Tok::Quo:
      if (mpq_sgn(y) == 0) return false;
      mpq_div(r, x, y);
      return true;
    default: return false;
  }
}

}  // namespace

Value binary_op(const Value& x, Tok op, const Value& y, bool int_div) {
  if (x.kind_ == Kind::Bool && y.kind_ == Kind::Bool) {
    if (op == Tok::LAnd) return Value::make_bool(x.rep_->b && y.rep_->b);
    if (op == Tok::LOr) return Value::make_bool(x.rep_->b || y.rep_->b);
    return Value();
  }
  if (x.kind_ == Kind::String && y.kind_ == Kind::String) {
    if (op == Tok::Add) return Value::make_string(x.rep_->s + y.rep_->s);
    return Value();
  }
  if (!x.is_numeric() || !y.is_numeric()) return Value();
  if ((op == Tok::Shl || op == Tok::Shr) && y.kind_ == Kind::Int) {
    auto s = y.uint64_val();
    return s ? shift_op(x, op, *s) : Value();
  }
  bool both_int = x.kind_ == Kind::Int && y.kind_ == Kind::Int;
  if (both_int && (op != Tok::Quo || int_div)) {
    Mpz r;
    if (!int_binary(r.v, x.rep_->z, op, y.rep_->z) || too_big(r.v)) return Value();
    return Value::Rep::take_int(r.v);
  }
  // Float arithmetic (an Int operand is promoted; Int / Int without int_div
  // is the exact quotient).
  Mpq a, b, r;
  Value::Rep::get_q(x, a.v);
  Value::Rep::get_q(y, b.v);
  if (!float_binary(r.v, a.v, op, b.v) || too_big(r.v)) return Value();
  return Value::Rep::take_float(r.v);
}

Value unary_op(Tok op, const Value& x, int unsigned_bits, bool is_unsigned) {
  switch (op) {
    case Tok::Add:
      return x.is_numeric() ? x : Value();
    case Tok::Sub:
      if (x.kind_ == Kind::Int) {
        Mpz r;
        mpz_neg(r.v, x.rep_->z);
        return Value::Rep::take_int(r.v);
      }
      if (x.kind_ == Kind::Float) {
        Mpq r;
        mpq_neg(r.v, x.rep_->q);
        return Value::Rep::take_float(r.v);
      }
      return Value();
    case Tok::Xor: {
      if (x.kind_ != Kind::Int) return Value();
      Mpz r;
      mpz_com(r.v, x.rep_->z);  // -x-1
      if (is_unsigned && unsigned_bits > 0) {
        // Keep only the type's width: ^x == x XOR (2^n - 1) for 0 <= x < 2^n.
        Mpz mask;
        mpz_setbit(mask.v, static_cast<mp_bitcnt_t>(unsigned_bits));
        mpz_sub_ui(mask.v, mask.v, 1);
        mpz_and(r.v, r.v, mask.v);
      }
      return Value::Rep::take_int(r.v);
    }
    case Tok::Not:
      return x.kind_ == Kind::Bool ? Value::make_bool(!x.rep_->b) : Value();
    default:
      return Value();
  }
}

// An integral Float operand is accepted (the result is Int), since an
// untyped constant shift such as 1.0 << 3 yields an integer constant.
Value shift_op(const Value& x, Tok op, uint64_t s) {
  mpz_srcptr z = Value::Rep::integer_of(x);
  if (!z) return Value();
  Mpz r;
  if (op == Tok::Shl) {
    if (mpz_sgn(z) == 0) return Value::make_int64(0);
    if (s > kMaxShift) return Value();
    mpz_mul_2exp(r.v, z, static_cast<mp_bitcnt_t>(s));
    return Value::Rep::take_int(r.v);
  }
  if (op == Tok::Shr) {
    // Floor division by 2^s (arithmetic shift); any s past the bit length
    // gives 0 or -1, so clamp it to keep the count in mp_bitcnt_t.
    uint64_t limit = mpz_sizeinbase(z, 2) + 1;
    mpz_fdiv_q_2exp(r.v, z, static_cast<mp_bitcnt_t>(std::min(s, limit)));
    return Value::Rep::take_int(r.v);
  }
  return Value();
}

bool compare(const Value& x, Tok op, const Value& y) {
  if (x.kind_ == Kind::Bool && y.kind_ == Kind::Bool) {
    if (op == Tok::Eql) return x.rep_->b == y.rep_->b;
    if (op == Tok::Neq) return x.rep_->b != y.rep_->b;
    return false;
  }
  if (x.kind_ == Kind::String && y.kind_ == Kind::String)
    return cmp_holds(x.rep_->s.compare(y.rep_->s), op);  // bytewise (unsigned)
  if (!x.is_numeric() || !y.is_numeric()) return false;
  if (x.kind_ == Kind::Int && y.kind_ == Kind::Int) return cmp_holds(mpz_cmp(x.rep_->z, y.rep_->z), op);
  Mpq a, b;
  Value::Rep::get_q(x, a.v);
  Value::Rep::get_q(y, b.v);
  return cmp_holds(mpq_cmp(a.v, b.v), op);
}

}  // namespace vo::types
