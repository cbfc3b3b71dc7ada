// Internal to the fmt engine (fmt_*.cpp): the flag/padding layer that turns
// one scalar into text, and strconv-style helpers (float digits, quoting).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace vo::rt::fmtimpl {

struct Flags {
  bool plus = false;
  bool minus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  // %+v and %#v: the '+' and '#' flags move here for the v verb, where they
  // mean "field names" and "Go syntax" rather than sign and alternate form.
  bool plus_v = false;
  bool sharp_v = false;
  bool wid_present = false;
  bool prec_present = false;
  int wid = 0;
  int prec = 0;
};

// Formats single values under the current flags, appending to `out`.
class Formatter {
 public:
  explicit Formatter(std::string& out) : out_(out) {}
  Flags f;

  void clear_flags() { f = Flags{}; }
  std::string& out() { return out_; }

  // Pads s to the width (counted in runes) with spaces, or zeros with '0'.
  void pad(std::string_view s);
  void write_padding(int n);

  void fmt_boolean(bool v);
  // u holds the bits of the value; is_signed reinterprets them as int64.
  void fmt_integer(uint64_t u, int base, bool is_signed, char32_t verb, bool upper);
  // Hex with a 0x prefix when leading_0x, ignoring the '#' flag.
  void fmt_0x64(uint64_t u, bool leading_0x);
  void fmt_unicode(uint64_t u);  // %U
  void fmt_c(uint64_t c);        // %c
  void fmt_qc(uint64_t c);       // %q on an integer
  // Go's float verbs (verb b e E f g G x X; prec -1 = shortest / default).
  void fmt_float(double v, int size, char32_t verb, int prec);
  // %v on a float: the Vo reference's plain-decimal style.
  void fmt_float_v(double v, int size);
  void fmt_s(std::string_view s);               // %s, precision = max runes
  void fmt_sx(std::string_view s, bool upper);  // %x %X on bytes
  void fmt_q(std::string_view s);               // %q on bytes

 private:
  std::string_view truncate(std::string_view s) const;
  // Sign, Inf/NaN and zero-padding handling shared by the float verbs; num
  // starts with '+' or '-'.
  void finish_float(std::string& num);

  std::string& out_;
};

// strconv.AppendFloat: fmt is one of b e E f g G x X; prec -1 means the
// shortest digits that round-trip at bit_size (32 or 64).
void append_float(std::string& out, double v, char fmt, int prec, int bit_size);
// strconv.Quote / QuoteToASCII and QuoteRune / QuoteRuneToASCII.
void append_quote(std::string& out, std::string_view s, bool ascii_only);
void append_quote_rune(std::string& out, int32_t r, bool ascii_only);
bool can_backquote(std::string_view s);
// strconv.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020.
bool is_print(int32_t r);
int rune_count(std::string_view s);
void append_rune(std::string& out, int64_t r);

}  // namespace vo::rt::fmtimpl
