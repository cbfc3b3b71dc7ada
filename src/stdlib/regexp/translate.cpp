#include "stdlib/regexp/translate.h"

#include "stdlib/regexp/unicode_class.h"
#include "stdlib/regexp/utf8.h"

namespace vo::stdlib::rx {

namespace {

bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Go's isValidCaptureName: [A-Za-z0-9_]+.
bool valid_capture_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (c != '_' && !is_alnum(c)) return false;
  return true;
}

class Translator {
 public:
  Translator(std::string_view src, Translation* out) : s_(src), out_(out) {}

  // Runs the pass; false with err_ set on a syntax error.
  bool run() {
    out_->pattern.clear();
    out_->names.assign(1, "");
    while (i_ < s_.size() && ok_) {
      switch (s_[i_]) {
        case '\\':
          escape(false);
          break;
        case '[':
          bracket_class();
          break;
        case '(':
          group();
          break;
        case ')':
          close_group();
          break;
        default:
          copy_rune();
          break;
      }
    }
    return ok_;
  }

  const TranslateError& error() const { return err_; }

 private:
  std::string_view s_;
  Translation* out_;
  size_t i_ = 0;
  bool ok_ = true;
  TranslateError err_;
  // Whether (?i) applies, and its state outside each open group (restored
  // at the group's end): Go negates a class under (?i) after adding case
  // variants, which a class spelled as ranges must do itself.
  bool fold_ = false;
  std::vector<bool> outer_fold_;

  std::string& out() { return out_->pattern; }

  void fail(const char* code, std::string_view expr) {
    if (!ok_) return;
    ok_ = false;
    err_.error = SyntaxError{code, std::string(expr)};
    err_.translated = out().size();
  }

  // Go reports invalid UTF-8 with the text from the bad byte on.
  void fail_utf8(std::string_view rest) { fail(kErrInvalidUTF8, rest); }

  // Copies one rune of the pattern unchanged.
  void copy_rune() {
    size_t w = valid_width(s_, i_);
    if (w == 0) return fail_utf8(s_.substr(i_));
    out().append(s_.substr(i_, w));
    i_ += w;
  }

  // A backslash sequence (s_[i_] == '\\'), outside or inside brackets.
  void escape(bool in_brackets) {
    if (i_ + 1 >= s_.size()) {
      // RE2 reports this too, but with its own text for a class left open.
      if (in_brackets) return fail(kErrTrailingBackslash, "");
      out().push_back('\\');
      ++i_;
      return;
    }
    char c = s_[i_ + 1];
    if (c == 'C') return fail(kErrInvalidEscape, s_.substr(i_, 2));  // any byte: Go has no such thing
    if (c == 'p' || c == 'P') return unicode_class(in_brackets);
    if (c == 'Q' && !in_brackets) return quoted();
    if (c == 'B' && !in_brackets) out_->has_nonword_boundary = true;
    out().push_back('\\');
    ++i_;
    copy_rune();
  }

  // \Q...\E: literal text up to the first \E (or the end).
  void quoted() {
    size_t start = i_ + 2;
    size_t end = s_.find("\\E", start);
    std::string_view lit = s_.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    i_ = end == std::string_view::npos ? s_.size() : end + 2;
    if (size_t bad = first_invalid(lit); bad != std::string_view::npos) return fail_utf8(lit.substr(bad));
    if (lit.empty()) {
      out().append("\\Q\\E");  // still ends a run of repetition operators, as in Go
      return;
    }
    for (char c : lit) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x80 && !is_alnum(c) && c != '_' && u > ' ' && u != 0x7F) out().push_back('\\');
      out().push_back(c);
    }
  }

  // \p{Name}, \pN, \P{Name}, \PN (s_[i_] == '\\').
  void unicode_class(bool in_brackets) {
    std::string_view t = s_.substr(i_);
    int sign = t[1] == 'P' ? -1 : +1;
    std::string_view seq, name;
    if (t.size() > 2 && t[2] == '{') {
      size_t end = t.find('}');
      if (end == std::string_view::npos) {
        if (size_t bad = first_invalid(t); bad != std::string_view::npos) return fail_utf8(t.substr(bad));
        return fail(kErrInvalidCharRange, t);
      }
      seq = t.substr(0, end + 1);
      name = t.substr(3, end - 3);
      if (size_t bad = first_invalid(name); bad != std::string_view::npos) return fail_utf8(name.substr(bad));
    } else {
      size_t w = t.size() > 2 ? valid_width(t, 2) : 0;
      if (t.size() > 2 && w == 0) return fail_utf8(t.substr(2));
      seq = t.substr(0, 2 + w);
      name = seq.substr(2);
    }
    if (!name.empty() && name[0] == '^') {
      sign = -sign;
      name.remove_prefix(1);
    }
    UnicodeClass c;
    if (!lookup_unicode_class(name, &c)) return fail(kErrInvalidCharRange, seq);
    emit_unicode_class(c, sign * c.sign, in_brackets, fold_, &out());
    i_ += seq.size();
  }

  // [...] (s_[i_] == '['): copied, except for \p classes and \C.
  void bracket_class() {
    size_t start = i_;
    out().push_back('[');
    ++i_;
    if (i_ < s_.size() && s_[i_] == '^') {
      out().push_back('^');
      ++i_;
    }
    bool first = true;  // ']' right after '[' or '[^' is a literal
    while (ok_) {
      if (i_ >= s_.size()) return fail(kErrMissingBracket, s_.substr(start));
      char c = s_[i_];
      if (c == ']' && !first) {
        out().push_back(']');
        ++i_;
        return;
      }
      first = false;
      if (c == '[' && i_ + 1 < s_.size() && s_[i_ + 1] == ':') {
        // [:name:] when a ":]" follows anywhere (Go and RE2 both look that far).
        size_t close = s_.find(":]", i_ + 2);
        if (close != std::string_view::npos) {
          std::string_view named = s_.substr(i_, close + 2 - i_);
          if (size_t bad = first_invalid(named); bad != std::string_view::npos) return fail_utf8(named.substr(bad));
          out().append(named);
          i_ = close + 2;
          continue;
        }
      }
      if (c == '\\') {
        escape(true);
        continue;
      }
      copy_rune();
    }
  }

  // '(' : a capture, a named capture, or a flag group / non-capturing group.
  void group() {
    std::string_view t = s_.substr(i_);
    if (t.size() < 2 || t[1] != '?') {
      outer_fold_.push_back(fold_);
      out_->names.emplace_back();
      out().push_back('(');
      ++i_;
      return;
    }
    bool p_form = t.size() > 4 && t[2] == 'P' && t[3] == '<';
    bool angle_form = t.size() > 3 && t[2] == '<';
    if (!p_form && !angle_form) {
      flags(t);
      out().append("(?");  // the flags themselves: RE2 parses them exactly as Go does
      i_ += 2;
      return;
    }
    size_t end = t.find('>');
    if (end == std::string_view::npos) {
      if (size_t bad = first_invalid(t); bad != std::string_view::npos) return fail_utf8(t.substr(bad));
      return fail(kErrInvalidNamedCapture, t);
    }
    std::string_view name = t.substr(angle_form ? 3 : 4, end - (angle_form ? 3 : 4));
    if (size_t bad = first_invalid(name); bad != std::string_view::npos) return fail_utf8(name.substr(bad));
    if (!valid_capture_name(name)) return fail(kErrInvalidNamedCapture, t.substr(0, end + 1));
    outer_fold_.push_back(fold_);
    out_->names.emplace_back(name);
    out().push_back('(');
    i_ += end + 1;
  }

  // Tracks (?i) through "(?flags)" (to the end of the enclosing group) and
  // "(?flags:" (a group); t starts with "(?". Invalid flags change nothing
  // (RE2 reports them).
  void flags(std::string_view t) {
    bool fold = fold_, on = true;
    for (size_t j = 2; j < t.size(); ++j) {
      switch (t[j]) {
        case 'i':
          fold = on;
          break;
        case 'm':
        case 's':
        case 'U':
          break;
        case '-':
          on = false;
          break;
        case ':':
          outer_fold_.push_back(fold_);
          fold_ = fold;
          return;
        case ')':
          fold_ = fold;
          return;
        default:
          return;
      }
    }
  }

  void close_group() {
    if (!outer_fold_.empty()) {
      fold_ = outer_fold_.back();
      outer_fold_.pop_back();
    }
    out().push_back(')');
    ++i_;
  }
};

}  // namespace

bool translate(std::string_view go, Translation* out, TranslateError* err) {
  Translator t(go, out);
  if (t.run()) return true;
  *err = t.error();
  return false;
}

}  // namespace vo::stdlib::rx
