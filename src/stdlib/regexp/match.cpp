#include "stdlib/regexp/match.h"

#include <re2/re2.h>

#include <algorithm>

#include "stdlib/regexp/subject.h"

namespace vo::stdlib::rx {

namespace {

// Repeated searches of one text, in the coordinates of subject.text().
class Searcher {
 public:
  Searcher(const Engine& e, std::string_view text, int ncap)
      : e_(e), subject_(text), ncap_(std::clamp(ncap, 1, e.num_subexp() + 1)), groups_(ncap_) {}

  const Subject& subject() const { return subject_; }
  int ncap() const { return ncap_; }

  // The leftmost match starting at or after pos (a rune boundary) into m
  // (2 * ncap() entries).
  bool search(size_t pos, int64_t* m) {
    std::string_view t = subject_.text();
    re2::StringPiece text(t.data(), t.size());
    for (;;) {
      if (!e_.re->Match(text, pos, t.size(), RE2::UNANCHORED, groups_.data(), ncap_)) return false;
      auto start = static_cast<size_t>(groups_[0].data() - t.data());
      if (!subject_.inside_rune(start)) break;
      // Go only tries rune boundaries; RE2 tries every byte, and \B (the one
      // assertion that holds between two bytes of a rune) can match there.
      // Such a match is empty: look again from the next boundary.
      pos = start;
      while (subject_.inside_rune(pos)) ++pos;
    }
    for (int i = 0; i < ncap_; ++i) {
      const re2::StringPiece& g = groups_[i];
      m[2 * i] = g.data() ? g.data() - t.data() : -1;
      m[2 * i + 1] = g.data() ? m[2 * i] + static_cast<int64_t>(g.size()) : -1;
    }
    return true;
  }

  // Whether there is any match (no positions needed).
  bool any() {
    if (e_.has_nonword_boundary) {
      int64_t m[2];
      ncap_ = 1;
      return search(0, m);
    }
    std::string_view t = subject_.text();
    return e_.re->Match(re2::StringPiece(t.data(), t.size()), 0, t.size(), RE2::UNANCHORED, nullptr, 0);
  }

  // Rewrites the positions out[from:] into the original text's offsets.
  void to_original(std::vector<int64_t>* out, size_t from) const {
    for (size_t i = from; i < out->size(); ++i)
      if ((*out)[i] >= 0) (*out)[i] = subject_.to_original(static_cast<size_t>((*out)[i]));
  }

 private:
  const Engine& e_;
  Subject subject_;
  int ncap_;
  std::vector<re2::StringPiece> groups_;
};

}  // namespace

bool match(const Engine& e, std::string_view text) { return Searcher(e, text, 1).any(); }

bool find(const Engine& e, std::string_view text, int ncap, std::vector<int64_t>* out) {
  Searcher s(e, text, ncap);
  size_t from = out->size();
  out->resize(from + 2 * s.ncap());
  if (!s.search(0, out->data() + from)) {
    out->resize(from);
    return false;
  }
  s.to_original(out, from);
  return true;
}

void find_all(const Engine& e, std::string_view text, int64_t n, int ncap, std::vector<int64_t>* out) {
  Searcher s(e, text, ncap);
  size_t from = out->size();
  size_t end = s.subject().text().size();
  if (n < 0) n = static_cast<int64_t>(end) + 1;
  std::vector<int64_t> m(2 * s.ncap());
  int64_t prev_end = -1;
  size_t pos = 0;
  for (int64_t count = 0; count < n && pos <= end;) {
    if (!s.search(pos, m.data())) break;
    bool accept = true;
    if (m[1] == static_cast<int64_t>(pos)) {
      // An empty match: not right after the previous match; move on a rune.
      if (m[0] == prev_end) accept = false;
      size_t w = s.subject().rune_width(pos);
      pos = w > 0 ? pos + w : end + 1;
    } else {
      pos = static_cast<size_t>(m[1]);
    }
    prev_end = m[1];
    if (accept) {
      out->insert(out->end(), m.begin(), m.end());
      ++count;
    }
  }
  s.to_original(out, from);
}

void replace_matches(const Engine& e, std::string_view text, int ncap, std::vector<int64_t>* out) {
  Searcher s(e, text, ncap);
  size_t from = out->size();
  size_t end = s.subject().text().size();
  std::vector<int64_t> m(2 * s.ncap());
  int64_t last_end = 0;
  size_t pos = 0;
  while (pos <= end) {
    if (!s.search(pos, m.data())) break;
    // No replacement for an empty match right after the previous match
    // (patterns matching both empty and non-empty text would replace twice).
    if (m[1] > last_end || m[0] == 0) out->insert(out->end(), m.begin(), m.end());
    last_end = m[1];
    // Advance past this match, always by at least one rune.
    size_t w = s.subject().rune_width(pos);
    if (static_cast<int64_t>(pos + w) > m[1])
      pos += w;
    else if (static_cast<int64_t>(pos + 1) > m[1])
      ++pos;
    else
      pos = static_cast<size_t>(m[1]);
  }
  s.to_original(out, from);
}

}  // namespace vo::stdlib::rx
