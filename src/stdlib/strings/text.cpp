#include "stdlib/strings/text.h"

#include <array>
#include <bitset>
#include <cstring>

#include "runtime/strings.h"
#include "stdlib/unicode/tables.h"

namespace vo::stdlib::text {

namespace {

constexpr int32_t kRuneError = 0xFFFD;

const uint8_t* bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// A set of ASCII bytes; ok is false when chars holds a non-ASCII byte.
struct AsciiSet {
  std::bitset<128> bits;
  bool ok = true;
  explicit AsciiSet(std::string_view chars) {
    for (unsigned char c : chars) {
      if (c >= 0x80) {
        ok = false;
        return;
      }
      bits.set(c);
    }
  }
  bool has(unsigned char c) const { return c < 0x80 && bits.test(c); }
};

bool contains_rune(std::string_view chars, int32_t r) { return index_rune(chars, r) >= 0; }

bool ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

}  // namespace

int decode(std::string_view s, size_t i, int32_t* r) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *r = c;
    return 1;
  }
  return rt::decode_rune(bytes(s) + i, static_cast<int64_t>(s.size() - i), r);
}

int decode_last(std::string_view s, size_t end, int32_t* r) {
  auto c = static_cast<unsigned char>(s[end - 1]);
  if (c < 0x80) {
    *r = c;
    return 1;
  }
  size_t lim = end >= 4 ? end - 4 : 0;
  size_t start = end - 1;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  int w = rt::decode_rune(bytes(s) + start, static_cast<int64_t>(end - start), r);
  if (start + static_cast<size_t>(w) != end) {
    *r = kRuneError;
    return 1;
  }
  return w;
}

void append_rune(std::string& out, int32_t r) {
  uint8_t buf[4];
  int n = rt::encode_rune(r, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

bool valid_rune(int64_t r) { return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= 0x10FFFF); }

int64_t rune_count(std::string_view s) {
  int64_t n = 0;
  int32_t r;
  for (size_t i = 0; i < s.size(); ++n) i += static_cast<size_t>(decode(s, i, &r));
  return n;
}

int64_t index(std::string_view s, std::string_view sep) {
  if (sep.empty()) return 0;
  if (sep.size() > s.size()) return -1;
  // glibc's memmem is linear time (two-way) for long needles.
  const void* p = memmem(s.data(), s.size(), sep.data(), sep.size());
  return p ? static_cast<const char*>(p) - s.data() : -1;
}

int64_t last_index(std::string_view s, std::string_view sep) {
  const size_t n = sep.size();
  if (n == 0) return static_cast<int64_t>(s.size());
  if (n > s.size()) return -1;
  if (n == 1) return last_index_byte(s, static_cast<uint8_t>(sep[0]));
  // Rabin-Karp from the end: linear time whatever the input.
  constexpr uint32_t kPrime = 16777619;
  uint32_t hash = 0, pow = 1, sq = kPrime;
  for (size_t i = n; i-- > 0;) hash = hash * kPrime + static_cast<unsigned char>(sep[i]);
  for (size_t i = n; i > 0; i >>= 1) {
    if (i & 1) pow *= sq;
    sq *= sq;
  }
  size_t last = s.size() - n;
  uint32_t h = 0;
  for (size_t i = s.size(); i-- > last;) h = h * kPrime + static_cast<unsigned char>(s[i]);
  if (h == hash && s.substr(last, n) == sep) return static_cast<int64_t>(last);
  for (size_t i = last; i-- > 0;) {
    h = h * kPrime + static_cast<unsigned char>(s[i]);
    h -= pow * static_cast<unsigned char>(s[i + n]);
    if (h == hash && s.substr(i, n) == sep) return static_cast<int64_t>(i);
  }
  return -1;
}

int64_t index_byte(std::string_view s, uint8_t c) {
  size_t p = s.find(static_cast<char>(c));
  return p == std::string_view::npos ? -1 : static_cast<int64_t>(p);
}

int64_t last_index_byte(std::string_view s, uint8_t c) {
  size_t p = s.rfind(static_cast<char>(c));
  return p == std::string_view::npos ? -1 : static_cast<int64_t>(p);
}

int64_t count(std::string_view s, std::string_view sep) {
  if (sep.empty()) return rune_count(s) + 1;
  if (sep.size() == 1) {
    int64_t n = 0;
    for (char c : s) n += c == sep[0];
    return n;
  }
  int64_t n = 0;
  for (int64_t p = index(s, sep); p >= 0;) {
    ++n;
    s.remove_prefix(static_cast<size_t>(p) + sep.size());
    p = index(s, sep);
  }
  return n;
}

int64_t index_rune(std::string_view s, int64_t r) {
  if (r >= 0 && r < 0x80) return index_byte(s, static_cast<uint8_t>(r));
  if (r == kRuneError) {
    int32_t c;
    for (size_t i = 0; i < s.size();) {
      int w = decode(s, i, &c);
      if (c == kRuneError) return static_cast<int64_t>(i);
      i += static_cast<size_t>(w);
    }
    return -1;
  }
  if (!valid_rune(r)) return -1;
  std::string enc;
  append_rune(enc, static_cast<int32_t>(r));
  return index(s, enc);
}

int64_t index_any(std::string_view s, std::string_view chars) {
  if (chars.empty()) return -1;
  if (chars.size() == 1) {
    auto c = static_cast<unsigned char>(chars[0]);
    return index_rune(s, c >= 0x80 ? kRuneError : c);
  }
  AsciiSet set(chars);
  if (set.ok) {
    for (size_t i = 0; i < s.size(); ++i)
      if (set.has(static_cast<unsigned char>(s[i]))) return static_cast<int64_t>(i);
    return -1;
  }
  int32_t c;
  for (size_t i = 0; i < s.size();) {
    int w = decode(s, i, &c);
    if (contains_rune(chars, c)) return static_cast<int64_t>(i);
    i += static_cast<size_t>(w);
  }
  return -1;
}

int64_t last_index_any(std::string_view s, std::string_view chars) {
  if (chars.empty()) return -1;
  AsciiSet set(chars);
  if (set.ok) {
    for (size_t i = s.size(); i > 0; --i)
      if (set.has(static_cast<unsigned char>(s[i - 1]))) return static_cast<int64_t>(i - 1);
    return -1;
  }
  int32_t c;
  for (size_t i = s.size(); i > 0;) {
    i -= static_cast<size_t>(decode_last(s, i, &c));
    if (contains_rune(chars, c)) return static_cast<int64_t>(i);
  }
  return -1;
}

bool equal_fold(std::string_view s, std::string_view t) {
  size_t i = 0, j = 0;
  while (i < s.size() && j < t.size()) {
    int32_t sr, tr;
    i += static_cast<size_t>(decode(s, i, &sr));
    j += static_cast<size_t>(decode(t, j, &tr));
    if (sr == tr) continue;
    if (tr < sr) std::swap(sr, tr);
    if (tr < 0x80) {
      if (sr >= 'A' && sr <= 'Z' && tr == sr + 'a' - 'A') continue;
      return false;
    }
    // Walk sr's fold orbit up to tr.
    int32_t r = uni::simple_fold(sr);
    while (r != sr && r < tr) r = uni::simple_fold(r);
    if (r == tr) continue;
    return false;
  }
  return i == s.size() && j == t.size();
}

namespace {

int32_t map_rune(CaseMap m, int32_t r) {
  switch (m) {
    case CaseMap::Upper:
      return uni::to_upper(r);
    case CaseMap::Lower:
      return uni::to_lower(r);
    case CaseMap::Title:
      return uni::to_title(r);
  }
  return r;
}

// Go's Map: rewrites s rune by rune from the first change on (an invalid
// byte always changes, to U+FFFD).
template <class F>
bool map_runes(std::string_view s, std::string& out, F&& f) {
  int32_t r;
  size_t i = 0;
  for (; i < s.size();) {
    size_t save = i;
    int w = decode(s, i, &r);
    int32_t m = f(r);
    if (m != r || (r == kRuneError && w == 1)) {
      out.assign(s.substr(0, save));
      append_rune(out, m);
      i += static_cast<size_t>(w);
      for (; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
          int32_t mc = f(c);
          if (mc < 0x80) {
            out.push_back(static_cast<char>(mc));
          } else {
            append_rune(out, mc);
          }
          ++i;
          continue;
        }
        i += static_cast<size_t>(decode(s, i, &r));
        append_rune(out, f(r));
      }
      return true;
    }
    i += static_cast<size_t>(w);
  }
  return false;
}

bool is_separator(int32_t r) {
  if (r <= 0x7F) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_') return false;
    return true;
  }
  if (uni::is_letter(r) || uni::is_digit(r)) return false;
  return uni::is_space(r);
}

}  // namespace

bool map_case(std::string_view s, CaseMap m, std::string& out) {
  return map_runes(s, out, [m](int32_t r) { return map_rune(m, r); });
}

bool title(std::string_view s, std::string& out) {
  int32_t prev = ' ';
  return map_runes(s, out, [&prev](int32_t r) {
    int32_t res = is_separator(prev) ? uni::to_title(r) : r;
    prev = r;
    return res;
  });
}

bool to_valid_utf8(std::string_view s, std::string_view repl, std::string& out) {
  bool any_invalid = false;
  int32_t r;
  for (size_t i = 0; i < s.size();) {
    int w = decode(s, i, &r);
    if (r == kRuneError && w == 1) {
      any_invalid = true;
      break;
    }
    i += static_cast<size_t>(w);
  }
  if (!any_invalid) return false;
  out.clear();
  out.reserve(s.size() + repl.size());
  bool invalid = false;  // the previous byte was part of an invalid run
  for (size_t i = 0; i < s.size();) {
    int w = decode(s, i, &r);
    if (r == kRuneError && w == 1) {
      ++i;
      if (!invalid) out.append(repl);
      invalid = true;
      continue;
    }
    invalid = false;
    out.append(s.substr(i, static_cast<size_t>(w)));
    i += static_cast<size_t>(w);
  }
  return true;
}

std::string replace(std::string_view s, std::string_view old_s, std::string_view new_s, int64_t n) {
  int64_t m = n == 0 ? 0 : count(s, old_s);
  if (m == 0) return std::string(s);
  if (n < 0 || m < n) n = m;
  std::string out;
  out.reserve(s.size() + static_cast<size_t>(n) * new_s.size());
  size_t start = 0;
  for (int64_t k = 0; k < n; ++k) {
    size_t j = start;
    if (old_s.empty()) {
      if (k > 0) {
        int32_t r;
        j += static_cast<size_t>(decode(s, start, &r));
      }
    } else {
      j = start + static_cast<size_t>(index(s.substr(start), old_s));
    }
    out.append(s.substr(start, j - start));
    out.append(new_s);
    start = j + old_s.size();
  }
  out.append(s.substr(start));
  return out;
}

std::vector<int64_t> fields(std::string_view s) {
  std::vector<int64_t> out;
  int64_t start = -1;
  int32_t r;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int w = 1;
    bool space;
    if (c < 0x80) {
      space = ascii_space(c);
    } else {
      w = decode(s, i, &r);
      space = uni::is_space(r);
    }
    if (space) {
      if (start >= 0) {
        out.push_back(start);
        out.push_back(static_cast<int64_t>(i));
        start = -1;
      }
    } else if (start < 0) {
      start = static_cast<int64_t>(i);
    }
    i += static_cast<size_t>(w);
  }
  if (start >= 0) {
    out.push_back(start);
    out.push_back(static_cast<int64_t>(s.size()));
  }
  return out;
}

void trim(std::string_view s, std::string_view cutset, bool left, bool right, int64_t* start, int64_t* end) {
  size_t b = 0, e = s.size();
  if (!cutset.empty()) {
    AsciiSet set(cutset);
    int32_t r;
    if (left) {
      while (b < e) {
        int w = 1;
        if (set.ok) {
          if (!set.has(static_cast<unsigned char>(s[b]))) break;
        } else {
          w = decode(s, b, &r);
          if (!contains_rune(cutset, r)) break;
        }
        b += static_cast<size_t>(w);
      }
    }
    if (right) {
      while (e > b) {
        int w = 1;
        if (set.ok) {
          if (!set.has(static_cast<unsigned char>(s[e - 1]))) break;
        } else {
          w = decode_last(s, e, &r);
          if (!contains_rune(cutset, r)) break;
        }
        e -= static_cast<size_t>(w);
      }
    }
  }
  *start = static_cast<int64_t>(b);
  *end = static_cast<int64_t>(e);
}

void trim_space(std::string_view s, int64_t* start, int64_t* end) {
  size_t b = 0, e = s.size();
  int32_t r;
  while (b < e) {
    int w = decode(s, b, &r);
    if (!uni::is_space(r)) break;
    b += static_cast<size_t>(w);
  }
  while (e > b) {
    int w = decode_last(s, e, &r);
    if (!uni::is_space(r)) break;
    e -= static_cast<size_t>(w);
  }
  *start = static_cast<int64_t>(b);
  *end = static_cast<int64_t>(e);
}

std::string replace_pairs(std::string_view s, const std::vector<std::string_view>& oldnew) {
  // Pairs whose old string starts with each byte, in priority order.
  std::array<std::vector<uint32_t>, 256> by_first;
  int64_t empty_pair = -1;
  for (size_t k = 0; k + 1 < oldnew.size(); k += 2) {
    std::string_view o = oldnew[k];
    if (o.empty()) {
      if (empty_pair < 0) empty_pair = static_cast<int64_t>(k);
    } else {
      by_first[static_cast<unsigned char>(o[0])].push_back(static_cast<uint32_t>(k));
    }
  }
  std::string out;
  out.reserve(s.size());
  bool prev_empty = false;  // the empty pattern matched here last time round
  size_t i = 0;
  while (i <= s.size()) {
    // The earliest pair matching at i; an empty old string only matches if
    // it did not match at i already.
    int64_t best = -1;
    if (i < s.size()) {
      for (uint32_t k : by_first[static_cast<unsigned char>(s[i])]) {
        if (empty_pair >= 0 && !prev_empty && static_cast<int64_t>(k) > empty_pair) break;
        if (s.substr(i, oldnew[k].size()) == oldnew[k]) {
          best = k;
          break;
        }
      }
    }
    if (empty_pair >= 0 && !prev_empty && (best < 0 || empty_pair < best)) best = empty_pair;
    if (best >= 0) {
      out.append(oldnew[static_cast<size_t>(best) + 1]);
      size_t len = oldnew[static_cast<size_t>(best)].size();
      prev_empty = len == 0;
      i += len;
      continue;
    }
    prev_empty = false;
    if (i < s.size()) out.push_back(s[i]);
    ++i;
  }
  return out;
}

}  // namespace vo::stdlib::text
