// Building the tree of go_tree.h: Go's concatenation, literal merging and
// alternation factoring (regexp/syntax parser.factor), on nodes whose
// heights are kept up to date.
#include <algorithm>
#include <utility>

#include "stdlib/regexp/go_tree.h"
#include "stdlib/unicode/tables.h"

namespace vo::stdlib::rx {

namespace {

// Factoring recurses on the alternatives left after a common prefix; past
// this depth they are left as they are (Go would go on factoring).
constexpr int kMaxFactorDepth = 8;

// The least rune of r's case-folding orbit (Go's minFoldRune).
char32_t min_fold(char32_t r) {
  auto m = static_cast<int32_t>(r);
  for (int32_t f = uni::simple_fold(m); f != static_cast<int32_t>(r); f = uni::simple_fold(f)) m = std::min(m, f);
  return static_cast<char32_t>(m);
}

bool is_char_class(const GoNode& n) {
  return (n.kind == GoNode::Lit && n.runes.size() == 1) || n.kind == GoNode::CharClass;
}

// The literal string n starts with, or nullptr.
const GoNode* leading_string(const GoNode& n) {
  const GoNode* p = n.kind == GoNode::Concat && !n.subs.empty() ? &n.subs[0] : &n;
  return p->kind == GoNode::Lit ? p : nullptr;
}

const GoNode* leading_regexp(const GoNode& n) {
  if (n.kind == GoNode::Empty) return nullptr;
  if (n.kind == GoNode::Concat && !n.subs.empty()) return n.subs[0].kind == GoNode::Empty ? nullptr : &n.subs[0];
  return &n;
}

// Equal single-character literals, or equal fixed repetitions of one: the
// leading pieces Go factors in its second round (classes, which Go also
// compares, are opaque here).
bool same_leading_piece(const GoNode* a, const GoNode* b) {
  if (!a || !b || a->kind != b->kind) return false;
  if (a->kind == GoNode::Lit) return a->runes.size() == 1 && a->runes == b->runes && a->fold == b->fold;
  if (a->kind == GoNode::Repeat)
    return a->min == a->max && a->min == b->min && a->max == b->max && same_leading_piece(&a->subs[0], &b->subs[0]);
  return false;
}

}  // namespace

GoNode GoTreeBuilder::finish(GoNode n) {
  n.height = 1;
  for (const GoNode& s : n.subs) n.height = std::max(n.height, s.height + 1);
  max_height_ = std::max(max_height_, n.height);
  if (n.height > kMaxKept) {
    n.kind = GoNode::Opaque;
    n.subs.clear();  // each sub is at most kMaxKept deep: a bounded destruction
  }
  return n;
}

GoNode GoTreeBuilder::leaf(GoNode::Kind k) {
  GoNode n;
  n.kind = k;
  return n;
}

GoNode GoTreeBuilder::literal(char32_t r, bool fold) {
  GoNode n = leaf(GoNode::Lit);
  n.fold = fold;
  n.runes.push_back(fold ? min_fold(r) : r);
  return n;
}

GoNode GoTreeBuilder::wrap(GoNode::Kind k, GoNode sub) {
  GoNode n = leaf(k);
  n.subs.push_back(std::move(sub));
  return finish(std::move(n));
}

GoNode GoTreeBuilder::repeat(GoNode sub, int min, int max) {
  GoNode n = leaf(GoNode::Repeat);
  n.min = min;
  n.max = max;
  n.subs.push_back(std::move(sub));
  return finish(std::move(n));
}

GoNode GoTreeBuilder::concat(std::vector<GoNode> items) {
  std::vector<GoNode> out;
  auto add = [&out](GoNode p) {
    if (p.kind == GoNode::Lit && !out.empty() && out.back().kind == GoNode::Lit && out.back().fold == p.fold)
      out.back().runes += p.runes;
    else
      out.push_back(std::move(p));
  };
  for (GoNode& it : items) {
    if (it.kind == GoNode::Concat) {
      for (GoNode& p : it.subs) add(std::move(p));
    } else {
      add(std::move(it));
    }
  }
  if (out.empty()) return leaf(GoNode::Empty);
  if (out.size() == 1) return std::move(out[0]);
  GoNode n = leaf(GoNode::Concat);
  n.subs = std::move(out);
  return finish(std::move(n));
}

GoNode GoTreeBuilder::remove_leading_string(GoNode n, size_t k) {
  if (n.kind == GoNode::Concat && !n.subs.empty()) {
    n.subs[0] = remove_leading_string(std::move(n.subs[0]), k);
    if (n.subs[0].kind == GoNode::Empty) {
      n.subs.erase(n.subs.begin());
      if (n.subs.empty()) return leaf(GoNode::Empty);
      if (n.subs.size() == 1) return std::move(n.subs[0]);
    }
    return finish(std::move(n));
  }
  if (n.kind == GoNode::Lit) {
    n.runes.erase(0, k);
    if (n.runes.empty()) return leaf(GoNode::Empty);
  }
  return n;
}

GoNode GoTreeBuilder::remove_leading_regexp(GoNode n) {
  if (n.kind == GoNode::Concat && !n.subs.empty()) {
    n.subs.erase(n.subs.begin());
    if (n.subs.empty()) return leaf(GoNode::Empty);
    if (n.subs.size() == 1) return std::move(n.subs[0]);
    return finish(std::move(n));
  }
  return leaf(GoNode::Empty);
}

// Round 1: runs of alternatives with a common literal prefix become
// prefix(suffix1|suffix2|...).
std::vector<GoNode> GoTreeBuilder::factor_strings(std::vector<GoNode> sub, int depth) {
  std::vector<GoNode> out;
  std::u32string str;
  bool strfold = false;
  size_t start = 0;
  for (size_t i = 0; i <= sub.size(); ++i) {
    std::u32string istr;
    bool ifold = false;
    if (i < sub.size()) {
      if (const GoNode* l = leading_string(sub[i])) {
        istr = l->runes;
        ifold = l->fold;
      }
      if (ifold == strfold) {
        size_t same = 0;
        while (same < str.size() && same < istr.size() && str[same] == istr[same]) ++same;
        if (same > 0) {
          str.resize(same);
          continue;
        }
      }
    }
    if (i == start + 1) {
      out.push_back(std::move(sub[start]));
    } else if (i > start + 1) {
      GoNode prefix = leaf(GoNode::Lit);
      prefix.runes = str;
      prefix.fold = strfold;
      std::vector<GoNode> rest;
      for (size_t j = start; j < i; ++j) rest.push_back(remove_leading_string(std::move(sub[j]), str.size()));
      GoNode c = leaf(GoNode::Concat);
      c.subs.push_back(std::move(prefix));
      c.subs.push_back(alternate(std::move(rest), depth + 1));
      out.push_back(finish(std::move(c)));
    }
    start = i;
    str = std::move(istr);
    strfold = ifold;
  }
  return out;
}

// Round 2: runs with the same leading single character (or fixed repetition
// of one) become piece(rest1|rest2|...).
std::vector<GoNode> GoTreeBuilder::factor_pieces(std::vector<GoNode> sub, int depth) {
  std::vector<GoNode> out;
  size_t start = 0;
  GoNode first;
  bool have_first = false;
  for (size_t i = 0; i <= sub.size(); ++i) {
    const GoNode* ifirst = i < sub.size() ? leading_regexp(sub[i]) : nullptr;
    if (ifirst && have_first && same_leading_piece(&first, ifirst)) continue;
    if (i == start + 1) {
      out.push_back(std::move(sub[start]));
    } else if (i > start + 1) {
      std::vector<GoNode> rest;
      for (size_t j = start; j < i; ++j) rest.push_back(remove_leading_regexp(std::move(sub[j])));
      GoNode c = leaf(GoNode::Concat);
      c.subs.push_back(std::move(first));
      c.subs.push_back(alternate(std::move(rest), depth + 1));
      out.push_back(finish(std::move(c)));
    }
    start = i;
    have_first = ifirst != nullptr;
    if (ifirst) first = *ifirst;
  }
  return out;
}

// Round 3: runs of single characters and classes become one class (still a
// literal when they are all the same character).
std::vector<GoNode> GoTreeBuilder::merge_classes(std::vector<GoNode> sub) {
  std::vector<GoNode> out;
  size_t start = 0;
  for (size_t i = 0; i <= sub.size(); ++i) {
    if (i < sub.size() && is_char_class(sub[i])) continue;
    if (i == start + 1) {
      out.push_back(std::move(sub[start]));
    } else if (i > start + 1) {
      bool same = sub[start].kind == GoNode::Lit;
      for (size_t j = start + 1; j < i && same; ++j)
        same = sub[j].kind == GoNode::Lit && sub[j].runes == sub[start].runes && sub[j].fold == sub[start].fold;
      out.push_back(same ? std::move(sub[start]) : leaf(GoNode::CharClass));
    }
    if (i < sub.size()) out.push_back(std::move(sub[i]));
    start = i + 1;
  }
  return out;
}

GoNode GoTreeBuilder::alternate(std::vector<GoNode> subs, int depth) {
  if (subs.size() == 1) return std::move(subs[0]);
  std::vector<GoNode> flat;
  for (GoNode& s : subs) {
    if (s.kind == GoNode::Alt) {
      for (GoNode& t : s.subs) flat.push_back(std::move(t));
    } else {
      flat.push_back(std::move(s));
    }
  }
  if (depth < kMaxFactorDepth) flat = merge_classes(factor_pieces(factor_strings(std::move(flat), depth), depth));
  // Round 4: runs of empty alternatives become one.
  std::vector<GoNode> out;
  for (GoNode& s : flat)
    if (!(s.kind == GoNode::Empty && !out.empty() && out.back().kind == GoNode::Empty)) out.push_back(std::move(s));
  if (out.size() == 1) return std::move(out[0]);
  GoNode n = leaf(GoNode::Alt);
  n.subs = std::move(out);
  return finish(std::move(n));
}

}  // namespace vo::stdlib::rx
