#include "stdlib/regexp/prefix.h"

#include "runtime/strings.h"
#include "stdlib/unicode/tables.h"

namespace vo::stdlib::rx {

namespace {

// Go's Prog.Prefix takes the program's leading single-rune instructions,
// except case-folding ones and U+FFFD. A literal rune compiles to such an
// instruction unless (?i) applies to it and it has other cases.
bool prefix_rune(char32_t r, bool fold) {
  if (r == static_cast<char32_t>(rt::kRuneError)) return false;
  return !fold || uni::simple_fold(static_cast<int32_t>(r)) == static_cast<int32_t>(r);
}

void append_utf8(char32_t r, std::string* out) {
  uint8_t buf[4];
  int n = rt::encode_rune(static_cast<int64_t>(r), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// Walks the instructions Go compiles for n, appending the prefix runes;
// true if all of n was passed (the walk goes on after it). In `one_pass`
// mode (Go's onePassPrefix) capture instructions and empty matches after
// the first rune end the walk; otherwise (Prog.Prefix) they are skipped.
bool walk(const GoNode& n, bool one_pass, std::string* out) {
  switch (n.kind) {
    case GoNode::Lit:
      for (char32_t r : n.runes) {
        if (!prefix_rune(r, n.fold)) return false;
        append_utf8(r, out);
      }
      return true;
    case GoNode::Empty:  // a no-op instruction
      return !one_pass || out->empty();
    case GoNode::Capture:
      return !one_pass && walk(n.subs[0], one_pass, out);
    case GoNode::Concat:
      for (const GoNode& s : n.subs)
        if (!walk(s, one_pass, out)) return false;
      return true;
    case GoNode::Repeat:
      // Go's simplifier writes x{n,m} as n copies of x followed by optional
      // ones (x{0} is empty; x*, x? and x{0,m} start with a branch).
      if (n.max == 0) return !one_pass || out->empty();  // empty, like GoNode::Empty
      if (n.min == 0) return false;
      for (int i = 0; i < n.min; ++i)
        if (!walk(n.subs[0], one_pass, out)) return false;
      return n.min == n.max;
    case GoNode::Alt:
    case GoNode::CharClass:
    case GoNode::Assert:
    case GoNode::Opaque:
      return false;
  }
  return false;
}

// Go runs a pattern anchored at both ends (^...$, \A...\z) one-pass when
// it is unambiguous, and then takes the prefix after the ^: complete if the
// $ comes right after it. (Ambiguous ones, which Go reports as "", are
// treated as one-pass too.)
bool anchored_both_ends(const GoNode& root) {
  if (root.kind != GoNode::Concat || root.subs.size() < 2) return false;
  const GoNode& first = root.subs.front();
  const GoNode& last = root.subs.back();
  return first.kind == GoNode::Assert && first.begin_text && last.kind == GoNode::Assert && last.end_text;
}

}  // namespace

LiteralPrefix literal_prefix(const GoNode& root) {
  LiteralPrefix p;
  if (anchored_both_ends(root)) {
    bool passed = true;
    for (size_t i = 1; i + 1 < root.subs.size() && passed; ++i) passed = walk(root.subs[i], true, &p.prefix);
    p.complete = passed && !p.prefix.empty();
    return p;
  }
  p.complete = walk(root, false, &p.prefix);
  return p;
}

}  // namespace vo::stdlib::rx
