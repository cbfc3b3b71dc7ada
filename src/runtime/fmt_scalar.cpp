// The Formatter: one scalar under the current flags, width and precision,
// following Go's fmt rules for padding, signs and prefixes.
#include <algorithm>
#include <bit>

#include "runtime/format.h"
#include "runtime/fmt_internal.h"
#include "runtime/strings.h"

namespace vo::rt::fmtimpl {
namespace {

constexpr char kLower[] = "0123456789abcdefx";
constexpr char kUpper[] = "0123456789ABCDEFX";

// Go's limit on a rune for %c and %q: larger values print as U+FFFD.
int32_t to_rune(uint64_t c) { return c > 0x10FFFF ? kRuneError : static_cast<int32_t>(c); }

}  // namespace

void Formatter::write_padding(int n) {
  if (n <= 0) return;
  out_.append(static_cast<size_t>(n), f.zero ? '0' : ' ');
}

void Formatter::pad(std::string_view s) {
  if (!f.wid_present || f.wid == 0) {
    out_ += s;
    return;
  }
  int width = f.wid - rune_count(s);
  if (f.minus) {
    out_ += s;
    write_padding(width);
  } else {
    write_padding(width);
    out_ += s;
  }
}

std::string_view Formatter::truncate(std::string_view s) const {
  if (!f.prec_present) return s;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int64_t size = static_cast<int64_t>(s.size());
  int64_t i = 0;
  for (int n = f.prec; i < size; --n) {
    if (n <= 0) return s.substr(0, static_cast<size_t>(i));
    int32_t r;
    i += decode_rune(p + i, size - i, &r);
  }
  return s;
}

void Formatter::fmt_boolean(bool v) { pad(v ? "true" : "false"); }

void Formatter::fmt_integer(uint64_t u, int base, bool is_signed, char32_t verb, bool upper) {
  const char* digits = upper ? kUpper : kLower;
  bool negative = is_signed && static_cast<int64_t>(u) < 0;
  if (negative) u = ~u + 1;
  // Minimum digit count: the precision, or with '0' and a width, the width
  // less room for a sign. A precision turns the '0' flag off.
  int prec = 0;
  if (f.prec_present) {
    prec = f.prec;
    if (prec == 0 && u == 0) {  // %.0d of 0 prints nothing but padding
      bool zero = f.zero;
      f.zero = false;
      write_padding(f.wid);
      f.zero = zero;
      return;
    }
  } else if (f.zero && f.wid_present) {
    prec = f.wid;
    if (negative || f.plus || f.space) --prec;
  }
  std::string rev;  // built right to left
  do {
    rev += digits[u % static_cast<unsigned>(base)];
    u /= static_cast<unsigned>(base);
  } while (u != 0);
  while (static_cast<int>(rev.size()) < prec) rev += '0';
  if (f.sharp) {
    if (base == 2) rev += "b0";
    else if (base == 8 && rev.back() != '0') rev += '0';
    else if (base == 16) (rev += digits[16]) += '0';
  }
  if (verb == 'O') rev += "o0";
  if (negative) rev += '-';
  else if (f.plus) rev += '+';
  else if (f.space) rev += ' ';
  std::reverse(rev.begin(), rev.end());
  // Zero padding was done above as precision; the rest is spaces.
  bool zero = f.zero;
  f.zero = false;
  pad(rev);
  f.zero = zero;
}

void Formatter::fmt_0x64(uint64_t u, bool leading_0x) {
  bool sharp = f.sharp;
  f.sharp = leading_0x;
  fmt_integer(u, 16, false, 'v', false);
  f.sharp = sharp;
}

void Formatter::fmt_unicode(uint64_t u) {
  std::string s = "U+";
  std::string hex;
  for (uint64_t v = u; v != 0 || hex.empty(); v >>= 4) hex += kUpper[v & 0xF];
  int prec = f.prec_present && f.prec > 4 ? f.prec : 4;
  if (static_cast<int>(hex.size()) < prec) s.append(static_cast<size_t>(prec) - hex.size(), '0');
  s.append(hex.rbegin(), hex.rend());
  // %#U adds the character itself when it is printable.
  if (f.sharp && u <= 0x10FFFF && is_print(static_cast<int32_t>(u))) {
    s += " '";
    append_rune(s, static_cast<int64_t>(u));
    s += '\'';
  }
  bool zero = f.zero;
  f.zero = false;
  pad(s);
  f.zero = zero;
}

void Formatter::fmt_c(uint64_t c) {
  std::string s;
  append_rune(s, to_rune(c));
  pad(s);
}

void Formatter::fmt_qc(uint64_t c) {
  std::string s;
  append_quote_rune(s, to_rune(c), f.plus);
  pad(s);
}

void Formatter::fmt_s(std::string_view s) { pad(truncate(s)); }

void Formatter::fmt_sx(std::string_view s, bool upper) {
  const char* digits = upper ? kUpper : kLower;
  int length = static_cast<int>(s.size());
  if (f.prec_present && f.prec < length) length = f.prec;  // precision limits bytes, not runes
  if (length <= 0) {
    if (f.wid_present) write_padding(f.wid);
    return;
  }
  // Width of the encoding: ' ' separates bytes and with '#' gives each its
  // own 0x; '#' alone prefixes the whole string once.
  int width = 2 * length;
  if (f.space) {
    if (f.sharp) width *= 2;
    width += length - 1;
  } else if (f.sharp) {
    width += 2;
  }
  if (f.wid_present && f.wid > width && !f.minus) write_padding(f.wid - width);
  if (f.sharp) (out_ += '0') += digits[16];
  for (int i = 0; i < length; ++i) {
    if (f.space && i > 0) {
      out_ += ' ';
      if (f.sharp) (out_ += '0') += digits[16];
    }
    auto c = static_cast<uint8_t>(s[static_cast<size_t>(i)]);
    out_ += digits[c >> 4];
    out_ += digits[c & 0xF];
  }
  if (f.wid_present && f.wid > width && f.minus) write_padding(f.wid - width);
}

void Formatter::fmt_q(std::string_view s) {
  s = truncate(s);
  if (f.sharp && can_backquote(s)) {
    std::string q = "`";
    (q += s) += '`';
    pad(q);
    return;
  }
  std::string q;
  append_quote(q, s, f.plus);
  pad(q);
}

void Formatter::fmt_float(double v, int size, char32_t verb, int prec) {
  if (f.prec_present) prec = f.prec;
  std::string num = "+";  // placeholder sign, replaced or dropped below
  append_float(num, v, static_cast<char>(verb), prec, size);
  if (num[1] == '-' || num[1] == '+') num.erase(0, 1);
  bool special = num[1] == 'I' || num[1] == 'N';
  if (f.sharp && verb != 'b' && !special) {
    // '#' keeps a decimal point, and for %g/%x the trailing zeros up to the
    // precision (6 by default) of significant digits.
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') digits = prec < 0 ? 6 : prec;
    std::string tail;
    bool has_point = false, nonzero = false;
    for (size_t i = 1; i < num.size(); ++i) {
      char c = num[i];
      if (c == '.') {
        has_point = true;
        continue;
      }
      bool exponent = c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X');
      if (exponent) {
        tail = num.substr(i);
        num.resize(i);
        break;
      }
      // Counted like Go does: every character of a hex mantissa after the
      // first nonzero one, the 'x' of "0x" included.
      if (c != '0') nonzero = true;
      if (nonzero) --digits;
    }
    if (!has_point) {
      if (num.size() == 2 && num[1] == '0') --digits;  // a lone 0 is one digit
      num += '.';
    }
    if (digits > 0) num.append(static_cast<size_t>(digits), '0');
    num += tail;
  }
  finish_float(num);
}

void Formatter::fmt_float_v(double v, int size) {
  // An explicit precision asks for digits: %.3v behaves as Go's %.3g.
  if (f.prec_present) return fmt_float(v, size, 'g', -1);
  std::string num;
  if (size == 32) format_float32(num, static_cast<float>(v));
  else format_float(num, v);
  if (num[0] != '-') num.insert(0, 1, '+');
  finish_float(num);
}

void Formatter::finish_float(std::string& num) {
  if (f.space && num[0] == '+' && !f.plus) num[0] = ' ';
  char first = num[1];
  if (first == 'I' || first == 'i' || first == 'N') {
    // Infinities and NaN are never zero padded. NaN, and the Vo style's
    // "inf", show a '+' only on request.
    bool zero = f.zero;
    f.zero = false;
    std::string_view s = num;
    if (num[0] == '+' && first != 'I' && !f.space && !f.plus) s.remove_prefix(1);
    pad(s);
    f.zero = zero;
    return;
  }
  if (f.plus || num[0] != '+') {
    // Zero padding goes between the sign and the digits.
    if (f.zero && f.wid_present && f.wid > static_cast<int>(num.size())) {
      out_ += num[0];
      write_padding(f.wid - static_cast<int>(num.size()));
      out_.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

}  // namespace vo::rt::fmtimpl
