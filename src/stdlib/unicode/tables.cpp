// Lookups over the generated Unicode tables (tables.inc, made by
// gen_tables.mjs from the UCD).
#include "stdlib/unicode/tables.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace vo::stdlib::uni {

namespace {

struct Range {
  uint32_t lo, hi;
};
// Runes lo..hi map with the deltas d[upper, lower, title]; a delta of
// kUpperLower marks an alternating Upper/Lower sequence starting at lo.
struct CaseRange {
  uint32_t lo, hi;
  int32_t d[3];
};
struct FoldPair {
  uint32_t from, to;
};
constexpr int32_t kUpperLower = kMaxRune + 1;

#include "stdlib/unicode/tables.inc"

GC lookup_category(uint32_t u) {
  // The last run starting at or before u.
  const uint32_t key = u << 5 | 31;
  const uint32_t* it = std::upper_bound(std::begin(kCategoryRuns), std::end(kCategoryRuns), key);
  return static_cast<GC>(it[-1] & 31);
}

const std::array<GC, 256>& latin1() {
  static const std::array<GC, 256> t = [] {
    std::array<GC, 256> a{};
    for (uint32_t i = 0; i < 256; ++i) a[i] = lookup_category(i);
    return a;
  }();
  return t;
}

enum Case { kUpper = 0, kLower = 1, kTitle = 2 };

int32_t to_case(int c, int32_t r) {
  if (r < 0 || r > kMaxRune) return r;
  auto u = static_cast<uint32_t>(r);
  const CaseRange* it = std::lower_bound(std::begin(kCaseRanges), std::end(kCaseRanges), u,
                                         [](const CaseRange& cr, uint32_t v) { return cr.hi < v; });
  if (it == std::end(kCaseRanges) || it->lo > u) return r;
  int32_t d = it->d[c];
  if (d == kUpperLower) {
    // Even offsets are upper case, odd ones lower case; upper and title
    // share the even rune.
    uint32_t base = it->lo + ((u - it->lo) & ~1u);
    return static_cast<int32_t>(c == kLower ? base + 1 : base);
  }
  return r + d;
}

}  // namespace

const char* const kVersion = VO_UNICODE_VERSION;

GC category(int32_t r) {
  if (r < 0 || r > kMaxRune) return Cn;
  if (r < 256) return latin1()[static_cast<size_t>(r)];
  return lookup_category(static_cast<uint32_t>(r));
}

bool is_letter(int32_t r) {
  if (r >= 0 && r < 0x80) return (static_cast<uint32_t>(r) | 0x20) - 'a' < 26;
  return is_letter_gc(category(r));
}
bool is_digit(int32_t r) {
  if (r >= 0 && r < 0x80) return r >= '0' && r <= '9';
  return category(r) == Nd;
}
bool is_number(int32_t r) { return is_number_gc(category(r)); }
bool is_upper(int32_t r) { return category(r) == Lu; }
bool is_lower(int32_t r) { return category(r) == Ll; }
bool is_title(int32_t r) { return category(r) == Lt; }
bool is_punct(int32_t r) { return is_punct_gc(category(r)); }
bool is_mark(int32_t r) { return is_mark_gc(category(r)); }
bool is_symbol(int32_t r) { return is_symbol_gc(category(r)); }
bool is_control(int32_t r) { return r >= 0 && r <= 0xFF && category(r) == Cc; }

bool is_graphic(int32_t r) {
  GC c = category(r);
  return c <= So || c == Zs;
}

bool is_print(int32_t r) {
  if (r == ' ') return true;
  return category(r) <= So;
}

bool is_space(int32_t r) {
  if (r >= 0 && r <= 0xFF) {
    switch (r) {
      case '\t':
      case '\n':
      case '\v':
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0:
        return true;
      default:
        return false;
    }
  }
  if (r < 0 || r > kMaxRune) return false;
  auto u = static_cast<uint32_t>(r);
  for (const Range& w : kWhiteSpace)
    if (u >= w.lo && u <= w.hi) return true;
  return false;
}

int32_t to_upper(int32_t r) {
  if (r >= 0 && r < 0x80) return r >= 'a' && r <= 'z' ? r - 32 : r;
  return to_case(kUpper, r);
}
int32_t to_lower(int32_t r) {
  if (r >= 0 && r < 0x80) return r >= 'A' && r <= 'Z' ? r + 32 : r;
  return to_case(kLower, r);
}
int32_t to_title(int32_t r) {
  if (r >= 0 && r < 0x80) return r >= 'a' && r <= 'z' ? r - 32 : r;
  return to_case(kTitle, r);
}

int32_t simple_fold(int32_t r) {
  if (r < 0 || r > kMaxRune) return r;
  auto u = static_cast<uint32_t>(r);
  const FoldPair* it = std::lower_bound(std::begin(kCaseOrbit), std::end(kCaseOrbit), u,
                                        [](const FoldPair& p, uint32_t v) { return p.from < v; });
  if (it != std::end(kCaseOrbit) && it->from == u) return static_cast<int32_t>(it->to);
  int32_t l = to_lower(r);
  if (l != r) return l;
  return to_upper(r);
}

}  // namespace vo::stdlib::uni
