// strconv.AppendFloat for the fmt engine: Go's %e %f %g %b %x digit layouts.
// Decimal digits come from std::to_chars, which gives both the shortest
// round-trip digits and exactly rounded (half to even) fixed precisions, the
// same digits Go's exact algorithms produce.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include "runtime/fmt_internal.h"

namespace vo::rt::fmtimpl {
namespace {

// A decimal value 0.d1d2d3... * 10^dp with no trailing zeros in d; zero is
// d = "", dp = 0.
struct Decimal {
  std::string d;
  int dp = 0;
  int nd() const { return static_cast<int>(d.size()); }
};

// Reads to_chars' scientific text for a non-negative value ("d.ddde+XX").
Decimal parse_scientific(const char* s, const char* end) {
  Decimal dec;
  const char* p = s;
  for (; p < end && *p != 'e'; ++p)
    if (*p != '.') dec.d += *p;
  int exp = 0;
  if (p < end) std::from_chars(p + 1 + (p[1] == '+'), end, exp);
  while (!dec.d.empty() && dec.d.back() == '0') dec.d.pop_back();
  dec.dp = dec.d.empty() ? 0 : exp + 1;
  return dec;
}

// Shortest digits that read back as the same float of the given size.
Decimal shortest_digits(double v, int bit_size) {
  char buf[64];
  constexpr auto sci = std::chars_format::scientific;
  std::to_chars_result r = bit_size == 32 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v), sci)
                                          : std::to_chars(buf, buf + sizeof buf, v, sci);
  return parse_scientific(buf, r.ptr);
}

// v rounded to `sig` significant digits (sig >= 1).
Decimal rounded_digits(double v, int sig) {
  std::string buf(static_cast<size_t>(sig) + 32, '\0');
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific, sig - 1);
  return parse_scientific(buf.data(), r.ptr);
}

void append_exponent(std::string& out, char e, int exp) {
  out += e;
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 10) out += '0';  // at least two digits
  out += std::to_string(exp);
}

// d.ddddde±dd with prec digits after the point.
void layout_e(std::string& out, const Decimal& dec, int prec, char e) {
  out += dec.nd() ? dec.d[0] : '0';
  if (prec > 0) {
    out += '.';
    int have = std::min(dec.nd(), prec + 1);
    if (have > 1) out.append(dec.d, 1, static_cast<size_t>(have - 1));
    out.append(static_cast<size_t>(prec - std::max(have - 1, 0)), '0');
  }
  append_exponent(out, e, dec.nd() ? dec.dp - 1 : 0);
}

// ddd.ddd with prec digits after the point.
void layout_f(std::string& out, const Decimal& dec, int prec) {
  if (dec.dp > 0) {
    int have = std::min(dec.nd(), dec.dp);
    out.append(dec.d, 0, static_cast<size_t>(have));
    out.append(static_cast<size_t>(dec.dp - have), '0');
  } else {
    out += '0';
  }
  if (prec <= 0) return;
  out += '.';
  for (int i = 1; i <= prec; ++i) {
    int j = dec.dp + i - 1;
    out += (j >= 0 && j < dec.nd()) ? dec.d[static_cast<size_t>(j)] : '0';
  }
}

// %g: %e when the exponent is below -4 or at least the precision (6 when
// shortest), otherwise %f; precision counts significant digits.
void layout_g(std::string& out, const Decimal& dec, int prec, bool shortest, char e) {
  int eprec = prec;
  if (eprec > dec.nd() && dec.nd() >= dec.dp) eprec = dec.nd();
  if (shortest) eprec = 6;
  int exp = dec.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > dec.nd()) prec = dec.nd();
    layout_e(out, dec, prec - 1, e);
    return;
  }
  if (prec > dec.dp) prec = dec.nd();
  layout_f(out, dec, std::max(prec - dec.dp, 0));
}

// The binary parts of v: value = mant * 2^exp2 with the implicit bit in mant.
struct BinaryParts {
  uint64_t mant;
  int exp2;
  int mant_bits;
};

BinaryParts binary_parts(double v, int bit_size) {
  if (bit_size == 32) {
    uint32_t bits = std::bit_cast<uint32_t>(static_cast<float>(v));
    uint64_t mant = bits & 0x7FFFFF;
    int e = static_cast<int>((bits >> 23) & 0xFF);
    if (e == 0) e = 1;  // subnormal: no implicit bit
    else mant |= uint64_t{1} << 23;
    return {mant, e - 127 - 23, 23};
  }
  uint64_t bits = std::bit_cast<uint64_t>(v);
  uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
  int e = static_cast<int>((bits >> 52) & 0x7FF);
  if (e == 0) e = 1;
  else mant |= uint64_t{1} << 52;
  return {mant, e - 1023 - 52, 52};
}

// %b: decimal mantissa, 'p', binary exponent ("4503599627370496p-52").
void layout_b(std::string& out, const BinaryParts& b) {
  out += std::to_string(b.mant);
  out += 'p';
  if (b.exp2 >= 0) out += '+';
  out += std::to_string(b.exp2);
}

// %x: hex mantissa 0x1.hhhh with a binary exponent, rounded half to even to
// prec hex digits (prec < 0: as many as needed).
void layout_x(std::string& out, const BinaryParts& b, int prec, char x) {
  const char* hex = x == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  // Normalize so the leading 1 sits at bit 60 and value = m * 2^(e - 60).
  uint64_t m = b.mant << (60 - b.mant_bits);
  int e = b.exp2 + b.mant_bits;
  if (m == 0) e = 0;
  while (m != 0 && !(m & (uint64_t{1} << 60))) {
    m <<= 1;
    --e;
  }
  if (prec >= 0 && prec < 15) {
    int drop = 60 - 4 * prec;
    uint64_t rest = m & ((uint64_t{1} << drop) - 1);
    uint64_t half = uint64_t{1} << (drop - 1);
    m >>= drop;
    if (rest > half || (rest == half && (m & 1))) ++m;
    m <<= drop;
    if (m & (uint64_t{1} << 61)) {  // carried into a new leading digit
      m >>= 1;
      ++e;
    }
  }
  out += '0';
  out += x;
  out += static_cast<char>('0' + ((m >> 60) & 1));
  uint64_t frac = m << 4;  // the 60 bits after the leading digit, as 15 nibbles
  if (prec < 0 && frac != 0) {
    out += '.';
    for (; frac != 0; frac <<= 4) out += hex[frac >> 60];
  } else if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; ++i, frac <<= 4) out += hex[frac >> 60];
  }
  append_exponent(out, x == 'X' ? 'P' : 'p', e);
}

// %f with an explicit precision straight from to_chars.
void append_fixed(std::string& out, double v, int prec) {
  std::string buf(static_cast<size_t>(prec) + 400, '\0');
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, prec);
  out.append(buf.data(), r.ptr);
}

}  // namespace

void append_float(std::string& out, double v, char fmt, int prec, int bit_size) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-Inf" : "+Inf";
    return;
  }
  if (std::signbit(v)) out += '-';
  double a = std::fabs(v);
  if (fmt == 'b') return layout_b(out, binary_parts(a, bit_size));
  if (fmt == 'x' || fmt == 'X') return layout_x(out, binary_parts(a, bit_size), prec, fmt);
  bool shortest = prec < 0;
  if (fmt == 'f' && !shortest) return append_fixed(out, a, prec);
  Decimal dec;
  if (shortest) {
    dec = shortest_digits(a, bit_size);
  } else if (fmt == 'e' || fmt == 'E') {
    dec = rounded_digits(a, prec + 1);
  } else {
    if (prec == 0) prec = 1;  // %g: at least one significant digit
    dec = rounded_digits(a, prec);
  }
  switch (fmt) {
    case 'e': case 'E':
      layout_e(out, dec, shortest ? std::max(dec.nd() - 1, 0) : prec, fmt);
      break;
    case 'f':
      layout_f(out, dec, std::max(dec.nd() - dec.dp, 0));
      break;
    default:  // g, G
      layout_g(out, dec, shortest ? dec.nd() : prec, shortest, fmt == 'G' ? 'E' : 'e');
      break;
  }
}

}  // namespace vo::rt::fmtimpl
