#include "stdlib/regexp/unicode_class.h"

#include <re2/re2.h>

#include <cstdio>
#include <map>
#include <mutex>

#include "stdlib/unicode/tables.h"

namespace vo::stdlib::rx {

namespace {

constexpr int32_t kMaxRune = 0x10FFFF;

// The classes RE2 lacks (or defines differently), as ranges.
enum class Synth { Ascii, Cn, C, LC };

// Code point ranges where pred holds, from the unicode package's tables.
template <typename Pred>
RuneRanges ranges_where(Pred pred) {
  RuneRanges out;
  int32_t lo = -1;
  for (int32_t r = 0; r <= kMaxRune + 1; ++r) {
    bool in = r <= kMaxRune && pred(r);
    if (in && lo < 0) lo = r;
    if (!in && lo >= 0) {
      out.emplace_back(lo, r - 1);
      lo = -1;
    }
  }
  return out;
}

const RuneRanges& synth_ranges(Synth s) {
  // Built on first use: scanning every code point takes a few milliseconds.
  static std::once_flag once;
  static RuneRanges ascii, cn, c, lc;
  std::call_once(once, [] {
    using namespace uni;
    ascii = {{0, 0x7F}};
    cn = ranges_where([](int32_t r) { return category(r) == Cn; });
    c = ranges_where([](int32_t r) {
      GC g = category(r);
      return g == Cc || g == Cf || g == Cs || g == Co || g == Cn;
    });
    lc = ranges_where([](int32_t r) {
      GC g = category(r);
      return g == Lu || g == Ll || g == Lt;
    });
  });
  switch (s) {
    case Synth::Ascii:
      return ascii;
    case Synth::Cn:
      return cn;
    case Synth::C:
      return c;
    case Synth::LC:
      break;
  }
  return lc;
}

RuneRanges complement(const RuneRanges& in) {
  RuneRanges out;
  int32_t next = 0;
  for (auto [lo, hi] : in) {
    if (lo > next) out.emplace_back(next, lo - 1);
    next = hi + 1;
  }
  if (next <= kMaxRune) out.emplace_back(next, kMaxRune);
  return out;
}

// Go's general category keys that RE2 also knows by the same name.
bool is_re2_category(std::string_view k) {
  static constexpr std::string_view kKeys[] = {"Cc", "Cf", "Co", "Cs", "L",  "Ll", "Lm", "Lo", "Lt", "Lu", "M",  "Mc",
                                               "Me", "Mn", "N",  "Nd", "Nl", "No", "P",  "Pc", "Pd", "Pe", "Pf", "Pi",
                                               "Po", "Ps", "S",  "Sc", "Sk", "Sm", "So", "Z",  "Zl", "Zp", "Zs"};
  for (std::string_view key : kKeys)
    if (key == k) return true;
  return false;
}

// A general category key of Go's unicode.Categories.
bool lookup_category(std::string_view key, UnicodeClass* out) {
  if (key == "C")
    out->ranges = &synth_ranges(Synth::C);
  else if (key == "Cn")
    out->ranges = &synth_ranges(Synth::Cn);
  else if (key == "LC")
    out->ranges = &synth_ranges(Synth::LC);
  else if (is_re2_category(key))
    out->re2_name = std::string(key);
  else
    return false;
  return true;
}

// Scripts reachable after canonicalization are the one-word ones ("Greek";
// not "Old_Italic", whose canonical form "Olditalic" is no key): RE2 spells
// those the same way, so RE2 itself says whether the script exists.
bool is_script(const std::string& canon) {
  if (canon.size() < 2 || canon[0] < 'A' || canon[0] > 'Z') return false;
  for (size_t i = 1; i < canon.size(); ++i)
    if (canon[i] < 'a' || canon[i] > 'z') return false;
  static std::mutex mu;
  static std::map<std::string, bool> known;
  std::lock_guard<std::mutex> lock(mu);
  auto it = known.find(canon);
  if (it != known.end()) return it->second;
  RE2::Options opts;
  opts.set_log_errors(false);
  bool ok = RE2("\\p{" + canon + "}", opts).ok();
  if (ok || known.size() < 256) known.emplace(canon, ok);  // (there are ~160 scripts; bad names are unbounded)
  return ok;
}

// unicode.CategoryAliases, keyed by canonical name.
const std::map<std::string, std::string>& category_aliases() {
  static const std::map<std::string, std::string> m = [] {
    static constexpr std::pair<const char*, const char*> kAliases[] = {
        {"Cased_Letter", "LC"},
        {"Close_Punctuation", "Pe"},
        {"Combining_Mark", "M"},
        {"Connector_Punctuation", "Pc"},
        {"Control", "Cc"},
        {"Currency_Symbol", "Sc"},
        {"Dash_Punctuation", "Pd"},
        {"Decimal_Number", "Nd"},
        {"Enclosing_Mark", "Me"},
        {"Final_Punctuation", "Pf"},
        {"Format", "Cf"},
        {"Initial_Punctuation", "Pi"},
        {"Letter", "L"},
        {"Letter_Number", "Nl"},
        {"Line_Separator", "Zl"},
        {"Lowercase_Letter", "Ll"},
        {"Mark", "M"},
        {"Math_Symbol", "Sm"},
        {"Modifier_Letter", "Lm"},
        {"Modifier_Symbol", "Sk"},
        {"Nonspacing_Mark", "Mn"},
        {"Number", "N"},
        {"Open_Punctuation", "Ps"},
        {"Other", "C"},
        {"Other_Letter", "Lo"},
        {"Other_Number", "No"},
        {"Other_Punctuation", "Po"},
        {"Other_Symbol", "So"},
        {"Paragraph_Separator", "Zp"},
        {"Private_Use", "Co"},
        {"Punctuation", "P"},
        {"Separator", "Z"},
        {"Space_Separator", "Zs"},
        {"Spacing_Mark", "Mc"},
        {"Surrogate", "Cs"},
        {"Symbol", "S"},
        {"Titlecase_Letter", "Lt"},
        {"Unassigned", "Cn"},
        {"Uppercase_Letter", "Lu"},
        {"cntrl", "Cc"},
        {"digit", "Nd"},
        {"punct", "P"},
    };
    std::map<std::string, std::string> out;
    for (auto [alias, key] : kAliases) out.emplace(canonical_class_name(alias), key);
    return out;
  }();
  return m;
}

void append_rune(int32_t r, std::string* out) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x{%X}", static_cast<unsigned>(r));
  out->append(buf);
}

void append_ranges(const RuneRanges& rs, std::string* out) {
  for (auto [lo, hi] : rs) {
    append_rune(lo, out);
    if (hi != lo) {
      out->push_back('-');
      append_rune(hi, out);
    }
  }
}

}  // namespace

std::string canonical_class_name(std::string_view name) {
  std::string out;
  bool first = true;
  for (char c : name) {
    if (c == '_' || c == '-' || c == ' ') continue;
    if (first) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      first = false;
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    out.push_back(c);
  }
  return out;
}

bool lookup_unicode_class(std::string_view name, UnicodeClass* out) {
  *out = UnicodeClass{};
  std::string canon = canonical_class_name(name);
  if (canon == "Any") {
    out->re2_name = "Any";
    return true;
  }
  if (canon == "Assigned") {
    out->ranges = &synth_ranges(Synth::Cn);
    out->sign = -1;
    return true;
  }
  if (canon == "Ascii") {
    out->ranges = &synth_ranges(Synth::Ascii);
    return true;
  }
  if (canon == "Lc") return lookup_category("LC", out);
  if (lookup_category(canon, out)) return true;
  if (is_script(canon)) {
    out->re2_name = canon;
    return true;
  }
  auto it = category_aliases().find(canon);
  return it != category_aliases().end() && lookup_category(it->second, out);
}

void emit_unicode_class(const UnicodeClass& c, int sign, bool in_brackets, std::string* out) {
  if (!c.re2_name.empty()) {
    out->append(sign < 0 ? "\\P{" : "\\p{");
    out->append(c.re2_name);
    out->push_back('}');
    return;
  }
  if (in_brackets) {
    // A negated set inside brackets is spelled as its complement. (Under
    // (?i) Go would also drop the case variants of the set's members; this
    // spelling keeps them.)
    append_ranges(sign < 0 ? complement(*c.ranges) : *c.ranges, out);
    return;
  }
  out->append(sign < 0 ? "[^" : "[");
  append_ranges(*c.ranges, out);
  out->push_back(']');
}

}  // namespace vo::stdlib::rx
