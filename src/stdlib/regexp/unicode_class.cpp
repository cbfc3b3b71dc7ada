#include "stdlib/regexp/unicode_class.h"

#include <re2/re2.h>

#include <cstdio>
#include <map>
#include <mutex>

#include "stdlib/regexp/unicode_ranges.h"

namespace vo::stdlib::rx {

namespace {

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

// A key of Go's unicode.Categories: its two-letter categories, their
// one-letter groups, LC and Cn. (Other names the ranges exist for, such as
// "Any", are not keys.)
const RuneRanges* category(std::string_view key) {
  bool is_key = (key.size() == 1 || key.size() == 2) && key[0] >= 'A' && key[0] <= 'Z';
  return is_key ? category_ranges(key) : nullptr;
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
  if (canon == "Any")
    out->ranges = category_ranges("Any");
  else if (canon == "Assigned")
    out->ranges = category_ranges("Cn"), out->sign = -1;
  else if (canon == "Ascii")
    out->ranges = category_ranges("ASCII");
  else if (canon == "Lc")
    out->ranges = category_ranges("LC");
  else if (const RuneRanges* rs = category(canon))
    out->ranges = rs;
  else if (is_script(canon))
    out->re2_name = canon;
  else if (auto it = category_aliases().find(canon); it != category_aliases().end())
    out->ranges = category(it->second);
  return out->ranges || !out->re2_name.empty();
}

void emit_unicode_class(const UnicodeClass& c, int sign, bool in_brackets, bool fold, std::string* out) {
  if (!c.re2_name.empty()) {
    out->append(sign < 0 ? "\\P{" : "\\p{");
    out->append(c.re2_name);
    out->push_back('}');
    return;
  }
  if (!in_brackets) {
    // RE2 negates a bracketed class after adding case variants, as Go does.
    out->append(sign < 0 ? "[^" : "[");
    append_ranges(*c.ranges, out);
    out->push_back(']');
  } else if (sign > 0) {
    append_ranges(*c.ranges, out);  // RE2 adds the case variants under (?i)
  } else {
    RuneRanges rest = complement(fold ? fold_closure(*c.ranges) : *c.ranges);
    // An empty set (\P{Any}) still needs an item: a surrogate, which no text holds.
    append_ranges(rest.empty() ? RuneRanges{{0xD800, 0xD800}} : rest, out);
  }
}

}  // namespace vo::stdlib::rx
