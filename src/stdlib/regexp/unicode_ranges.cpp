#include "stdlib/regexp/unicode_ranges.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <mutex>
#include <string>

#include "stdlib/unicode/tables.h"

namespace vo::stdlib::rx {

namespace {

constexpr int32_t kMaxRune = 0x10FFFF;
// The code points simple case folding involves (Go's minFold and maxFold).
constexpr int32_t kMinFold = 0x0041, kMaxFold = 0x1E943;

// Appends code points in increasing order, merging neighbours into ranges.
void add(RuneRanges* rs, int32_t r) {
  if (!rs->empty() && rs->back().second + 1 == r)
    rs->back().second = r;
  else
    rs->emplace_back(r, r);
}

constexpr const char* kCategoryNames[] = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl",
                                          "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc",
                                          "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"};

// The one-letter category holding g (uni::GC lists them in this order).
int major(uni::GC g) {
  if (g <= uni::Lo) return 0;
  if (g <= uni::Me) return 1;
  if (g <= uni::No) return 2;
  if (g <= uni::Po) return 3;
  if (g <= uni::So) return 4;
  if (g <= uni::Zp) return 5;
  return 6;
}
constexpr const char* kMajorNames[] = {"L", "M", "N", "P", "S", "Z", "C"};

// Every category's set, from one pass over the code points (done once).
const std::map<std::string, RuneRanges, std::less<>>& categories() {
  static const std::map<std::string, RuneRanges, std::less<>> m = [] {
    RuneRanges by_gc[std::size(kCategoryNames)], by_major[std::size(kMajorNames)], lc;
    for (int32_t r = 0; r <= kMaxRune; ++r) {
      uni::GC g = uni::category(r);
      add(&by_gc[g], r);
      add(&by_major[major(g)], r);
      if (g == uni::Lu || g == uni::Ll || g == uni::Lt) add(&lc, r);
    }
    std::map<std::string, RuneRanges, std::less<>> out;
    for (size_t i = 0; i < std::size(kCategoryNames); ++i) out[kCategoryNames[i]] = std::move(by_gc[i]);
    for (size_t i = 0; i < std::size(kMajorNames); ++i) out[kMajorNames[i]] = std::move(by_major[i]);
    out["LC"] = std::move(lc);
    out["ASCII"] = {{0, 0x7F}};
    out["Any"] = {{0, kMaxRune}};
    return out;
  }();
  return m;
}

}  // namespace

const RuneRanges* category_ranges(std::string_view key) {
  auto it = categories().find(key);
  return it == categories().end() ? nullptr : &it->second;
}

RuneRanges complement(const RuneRanges& rs) {
  RuneRanges out;
  int32_t next = 0;
  for (auto [lo, hi] : rs) {
    if (lo > next) out.emplace_back(next, lo - 1);
    next = hi + 1;
  }
  if (next <= kMaxRune) out.emplace_back(next, kMaxRune);
  return out;
}

RuneRanges fold_closure(const RuneRanges& rs) {
  std::vector<int32_t> extra;
  for (auto [lo, hi] : rs) {
    for (int32_t r = std::max(lo, kMinFold); r <= std::min(hi, kMaxFold); ++r)
      for (int32_t f = uni::simple_fold(r); f != r; f = uni::simple_fold(f)) extra.push_back(f);
  }
  RuneRanges all = rs;
  for (int32_t r : extra) all.emplace_back(r, r);
  std::sort(all.begin(), all.end());
  RuneRanges out;
  for (auto [lo, hi] : all) {
    if (!out.empty() && lo <= out.back().second + 1)
      out.back().second = std::max(out.back().second, hi);
    else
      out.emplace_back(lo, hi);
  }
  return out;
}

}  // namespace vo::stdlib::rx
