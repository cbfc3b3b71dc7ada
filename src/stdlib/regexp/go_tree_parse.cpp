// Parsing a valid Go pattern into the tree of go_tree.h. Like Go's parser
// this keeps an explicit stack of open groups instead of recursing, so a
// deeply nested pattern cannot exhaust a goroutine's native stack.
#include <utility>

#include "runtime/strings.h"
#include "stdlib/regexp/go_tree.h"
#include "stdlib/unicode/tables.h"

namespace vo::stdlib::rx {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

bool has_fold(char32_t r) { return uni::simple_fold(static_cast<int32_t>(r)) != static_cast<int32_t>(r); }

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) { groups_.emplace_back(); }

  GoTree parse() {
    while (i_ < s_.size()) step();
    while (groups_.size() > 1) close_group();  // (cannot happen: the pattern is valid)
    GoTree t;
    t.root = finish_alternation(groups_.back());
    t.max_height = b_.max_height();
    return t;
  }

 private:
  // An open group: the alternatives seen so far and the current sequence.
  struct Group {
    std::vector<GoNode> alts;
    std::vector<GoNode> items;
    bool capture = false;
    bool saved_fold = false, saved_multiline = false;
  };

  std::string_view s_;
  size_t i_ = 0;
  bool fold_ = false;       // (?i)
  bool multiline_ = false;  // (?m)
  std::vector<Group> groups_;
  GoTreeBuilder b_;

  std::vector<GoNode>& items() { return groups_.back().items; }
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }

  char32_t next_rune() {
    int32_t r;
    int w = rt::decode_rune(reinterpret_cast<const uint8_t*>(s_.data()) + i_, static_cast<int64_t>(s_.size() - i_), &r);
    i_ += static_cast<size_t>(w > 0 ? w : 1);
    return static_cast<char32_t>(r);
  }

  void push(GoNode n) { items().push_back(std::move(n)); }

  GoNode finish_alternation(Group& g) {
    g.alts.push_back(b_.concat(std::move(g.items)));
    return b_.alternate(std::move(g.alts));
  }

  void step() {
    char c = s_[i_];
    switch (c) {
      case '(':
        return open_group();
      case ')':
        ++i_;
        return close_group();
      case '|':
        ++i_;
        groups_.back().alts.push_back(b_.concat(std::move(items())));
        items().clear();
        return;
      case '[':
        return push(bracket_class());
      case '\\':
        return escape();
      case '*':
        ++i_;
        return repeat(0, -1);
      case '+':
        ++i_;
        return repeat(1, -1);
      case '?':
        ++i_;
        return repeat(0, 1);
      case '{':
        return counted_repeat();
      case '.':
        ++i_;
        return push(b_.leaf(GoNode::CharClass));
      case '^':
      case '$': {
        ++i_;
        GoNode a = b_.leaf(GoNode::Assert);
        (c == '^' ? a.begin_text : a.end_text) = !multiline_;
        return push(std::move(a));
      }
      default:
        push(b_.literal(next_rune(), fold_));
    }
  }

  void repeat(int min, int max) {
    if (at('?')) ++i_;  // non-greedy: the same shape
    if (items().empty()) return;
    items().back() = b_.repeat(std::move(items().back()), min, max);
  }

  // {n}, {n,} or {n,m}; otherwise '{' is a literal.
  void counted_repeat() {
    size_t save = i_++;
    int min = number(), max = min;
    if (min >= 0 && at(',')) {
      ++i_;
      max = at('}') ? -1 : number();
      if (max < -1) min = -1;
    }
    if (min < 0 || !at('}')) {
      i_ = save + 1;
      return push(b_.literal('{', fold_));
    }
    ++i_;
    repeat(min, max);
  }

  // A decimal number without leading zeros (Go's parseInt), or -2.
  int number() {
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    size_t n = i_ - start;
    if (n == 0 || (n > 1 && s_[start] == '0') || n > 8) return -2;
    return std::stoi(std::string(s_.substr(start, n)));
  }

  void open_group() {
    Group g;
    g.capture = true;
    g.saved_fold = fold_;
    g.saved_multiline = multiline_;
    std::string_view t = s_.substr(i_);
    if (t.size() >= 2 && t[1] == '?') {
      if ((t.size() > 4 && t[2] == 'P' && t[3] == '<') || (t.size() > 3 && t[2] == '<')) {
        i_ += t.find('>') + 1;
      } else if (flags()) {
        g.capture = false;
      } else {
        return;  // (?flags): they hold to the end of the enclosing group
      }
    } else {
      ++i_;
    }
    groups_.push_back(std::move(g));
  }

  void close_group() {
    if (groups_.size() < 2) return;  // (cannot happen: the pattern is valid)
    Group g = std::move(groups_.back());
    groups_.pop_back();
    GoNode sub = finish_alternation(g);
    fold_ = g.saved_fold;
    multiline_ = g.saved_multiline;
    push(g.capture ? b_.wrap(GoNode::Capture, std::move(sub)) : std::move(sub));
  }

  // Flags at "(?"; true when they open a group "(?flags:".
  bool flags() {
    i_ += 2;
    bool on = true;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == 'i')
        fold_ = on;
      else if (c == 'm')
        multiline_ = on;
      else if (c == '-')
        on = false;
      else if (c == ':')
        return true;
      else if (c == ')')
        return false;
    }
    return false;
  }

  void escape() {
    char c = i_ + 1 < s_.size() ? s_[i_ + 1] : 0;
    switch (c) {
      case 'A':
      case 'z': {
        i_ += 2;
        GoNode a = b_.leaf(GoNode::Assert);
        (c == 'A' ? a.begin_text : a.end_text) = true;
        return push(std::move(a));
      }
      case 'b':
      case 'B':
        i_ += 2;
        return push(b_.leaf(GoNode::Assert));
      case 'Q':
        return quoted();
      default:
        if (set_escape()) return push(b_.leaf(GoNode::CharClass));
        push(b_.literal(escaped_rune(), fold_));
    }
  }

  void quoted() {
    i_ += 2;
    size_t end = s_.find("\\E", i_);
    size_t stop = end == std::string_view::npos ? s_.size() : end;
    while (i_ < stop) push(b_.literal(next_rune(), fold_));
    i_ = end == std::string_view::npos ? s_.size() : end + 2;
  }

  // Skips an escape denoting a set (\d, \pL, ...); false for others.
  bool set_escape() {
    if (i_ + 1 >= s_.size()) return false;
    switch (s_[i_ + 1]) {
      case 'd':
      case 'D':
      case 's':
      case 'S':
      case 'w':
      case 'W':
        i_ += 2;
        return true;
      case 'p':
      case 'P':
        i_ += 2;
        if (at('{')) {
          size_t end = s_.find('}', i_);
          i_ = end == std::string_view::npos ? s_.size() : end + 1;
        } else if (i_ < s_.size()) {
          next_rune();
        }
        return true;
      default:
        return false;
    }
  }

  // The rune an escape denotes (octal, hex, C escapes, or a punctuation
  // character itself); s_[i_] is the backslash.
  char32_t escaped_rune() {
    ++i_;
    if (i_ >= s_.size()) return '\\';
    char c = s_[i_];
    if (c >= '0' && c <= '7') {
      char32_t r = 0;
      for (int n = 0; n < 3 && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '7'; ++n) r = r * 8 + (s_[i_++] - '0');
      return r;
    }
    if (c == 'x') {
      ++i_;
      char32_t r = 0;
      if (at('{')) {
        for (++i_; i_ < s_.size() && s_[i_] != '}'; ++i_) r = r * 16 + static_cast<char32_t>(hex_value(s_[i_]));
        ++i_;
        return r;
      }
      for (int n = 0; n < 2 && i_ < s_.size(); ++n) r = r * 16 + static_cast<char32_t>(hex_value(s_[i_++]));
      return r;
    }
    static constexpr std::pair<char, char32_t> kC[] = {{'a', '\a'}, {'f', '\f'}, {'n', '\n'},
                                                       {'r', '\r'}, {'t', '\t'}, {'v', '\v'}};
    for (auto [e, r] : kC) {
      if (c == e) {
        ++i_;
        return r;
      }
    }
    return next_rune();
  }

  // [...]: a literal when it holds exactly one character (Go's parser turns
  // such a class into one), else an opaque class.
  GoNode bracket_class() {
    ++i_;
    bool complex = at('^');
    if (complex) ++i_;
    bool single = true, any = false;
    char32_t only = 0;
    for (bool first = true; i_ < s_.size(); first = false) {
      if (at(']') && !first) {
        ++i_;
        break;
      }
      if (at('[') && i_ + 1 < s_.size() && s_[i_ + 1] == ':') {
        size_t close = s_.find(":]", i_ + 2);
        if (close != std::string_view::npos) {
          i_ = close + 2;
          complex = true;
          continue;
        }
      }
      if (at('\\') && set_escape()) {
        complex = true;
        continue;
      }
      char32_t lo = class_char(), hi = lo;
      if (at('-') && i_ + 1 < s_.size() && s_[i_ + 1] != ']') {
        ++i_;
        hi = class_char();
      }
      single = single && lo == hi && (!any || lo == only);
      only = lo;
      any = true;
    }
    if (complex || !any || !single) return b_.leaf(GoNode::CharClass);
    // A single character keeps the case-folding flag only if it has other cases.
    return b_.literal(only, fold_ && has_fold(only));
  }

  char32_t class_char() { return at('\\') ? escaped_rune() : next_rune(); }
};

}  // namespace

GoTree parse_go_tree(std::string_view expr) { return Parser(expr).parse(); }

}  // namespace vo::stdlib::rx
