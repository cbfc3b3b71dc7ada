#include "syntax/lexer.h"

#include <cstdio>

#include "syntax/unicode.h"

namespace vo::syntax {

namespace {

bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(unsigned char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int digit_value(unsigned char c) {
  if (is_ascii_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 16;  // larger than any base
}
unsigned char lower(unsigned char c) { return static_cast<unsigned char>(c | 0x20); }

// "U+0023 '#'" in the style of Go's %#U verb.
std::string describe_char(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  std::string s = buf;
  if (c >= 0x20 && c != 0x7F && c != kRuneError) {
    s += " '";
    append_utf8(s, c);
    s += '\'';
  }
  return s;
}

const char* literal_name(char prefix) {
  switch (prefix) {
    case 'x': return "hexadecimal literal";
    case 'o': case '0': return "octal literal";
    case 'b': return "binary literal";
    default: return "decimal literal";
  }
}

std::string strip_cr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '\r') out.push_back(c);
  }
  return out;
}

}  // namespace

bool triggers_semicolon(Tok t) {
  switch (t) {
    case Tok::Ident: case Tok::Int: case Tok::Float: case Tok::Char: case Tok::String:
    case Tok::Break: case Tok::Continue: case Tok::Fallthrough: case Tok::Return:
    case Tok::Fail: case Tok::Island:
    case Tok::Inc: case Tok::Dec: case Tok::RParen: case Tok::RBrack: case Tok::RBrace:
    case Tok::Question:
      return true;
    default:
      return false;
  }
}

Lexer::Lexer(const SourceFile& src, Diagnostics& diags, bool scan_comments)
    : text_(src.text()), base_(src.base()), diags_(diags), scan_comments_(scan_comments) {
  // A byte order mark is allowed as the very first character only.
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) off_ = 3;
}

void Lexer::error(size_t off, std::string msg) { diags_.error(pos_of(off), std::move(msg)); }

Token Lexer::make(Tok t, size_t start, size_t end_off) {
  Token tok;
  tok.tok = t;
  tok.pos = pos_of(start);
  tok.lit.assign(text_, start, end_off - start);
  off_ = end_off;
  return tok;
}

size_t Lexer::advance_char(size_t off) {
  const unsigned char c = peek(off);
  if (c == 0 && !at_end(off)) {
    error(off, "illegal character NUL");
    return off + 1;
  }
  if (c < 0x80) return off + 1;
  const Utf8Char ch = decode_utf8(text_, off);
  if (!ch.valid) {
    error(off, "invalid UTF-8 encoding");
    return off + 1;
  }
  if (ch.cp == 0xFEFF) error(off, "illegal byte order mark");
  return off + static_cast<size_t>(ch.len);
}

Token Lexer::next() {
  for (;;) {
    // Skip white space; a newline is a token when a semicolon is due.
    while (!at_end(off_)) {
      const unsigned char c = peek(off_);
      if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && !insert_semi_)) {
        ++off_;
      } else {
        break;
      }
    }
    const size_t start = off_;
    if (at_end(start)) {
      if (insert_semi_) {
        insert_semi_ = false;
        return Token{Tok::Semicolon, pos_of(start), "\n"};
      }
      return Token{Tok::Eof, pos_of(start), ""};
    }
    const unsigned char c = peek(start);
    if (c == '\n') {
      insert_semi_ = false;
      off_ = start + 1;
      return Token{Tok::Semicolon, pos_of(start), "\n"};
    }
    if (c == '/' && (peek(start + 1) == '/' || peek(start + 1) == '*')) {
      if (insert_semi_ && comment_ends_line(start)) {
        // The comment stands in for the newline: emit the semicolon first and
        // scan the comment itself on the next call.
        insert_semi_ = false;
        return Token{Tok::Semicolon, pos_of(start), "\n"};
      }
      Token comment = scan_comment(start);
      if (scan_comments_) return comment;
      continue;
    }
    Token tok;
    if (is_ascii_letter(c) || c >= 0x80) {
      tok = scan_identifier(start);
    } else if (is_ascii_digit(c) || (c == '.' && is_ascii_digit(peek(start + 1)))) {
      tok = scan_number(start);
    } else if (c == '"') {
      tok = scan_string(start);
    } else if (c == '`') {
      tok = scan_raw_string(start);
    } else if (c == '\'') {
      tok = scan_rune(start);
    } else {
      tok = scan_operator(start);
    }
    insert_semi_ = triggers_semicolon(tok.tok);
    return tok;
  }
}

bool Lexer::comment_ends_line(size_t off) const {
  // Mirrors the scan that follows without reporting errors: does the run of
  // comments starting at off reach a newline (or the end of the file)?
  for (;;) {
    if (peek(off + 1) == '/') return true;
    int depth = 1;
    off += 2;
    while (depth > 0) {
      if (at_end(off)) return true;  // unterminated: runs to EOF
      const unsigned char c = peek(off);
      if (c == '\n') return true;
      if (c == '/' && peek(off + 1) == '*') {
        ++depth;
        off += 2;
      } else if (c == '*' && peek(off + 1) == '/') {
        --depth;
        off += 2;
      } else {
        ++off;
      }
    }
    while (!at_end(off) && (peek(off) == ' ' || peek(off) == '\t' || peek(off) == '\r')) ++off;
    if (at_end(off) || peek(off) == '\n') return true;
    if (peek(off) != '/' || (peek(off + 1) != '/' && peek(off + 1) != '*')) return false;
  }
}

Token Lexer::scan_comment(size_t start) {
  size_t off = start + 2;
  if (peek(start + 1) == '/') {
    while (!at_end(off) && peek(off) != '\n') off = advance_char(off);
  } else {
    // Block comments nest: the first unmatched "*/" closes the outermost one.
    int depth = 1;
    while (depth > 0) {
      if (at_end(off)) {
        error(start, "comment not terminated");
        break;
      }
      if (peek(off) == '/' && peek(off + 1) == '*') {
        ++depth;
        off += 2;
      } else if (peek(off) == '*' && peek(off + 1) == '/') {
        --depth;
        off += 2;
      } else {
        off = advance_char(off);
      }
    }
  }
  Token tok;
  tok.tok = Tok::Comment;
  tok.pos = pos_of(start);
  tok.lit = strip_cr(std::string_view(text_).substr(start, off - start));
  off_ = off;
  return tok;
}

Token Lexer::scan_identifier(size_t start) {
  size_t off = start;
  while (!at_end(off)) {
    const unsigned char c = peek(off);
    if (c < 0x80) {
      if (!is_ascii_letter(c) && !is_ascii_digit(c)) break;
      ++off;
      continue;
    }
    const Utf8Char ch = decode_utf8(text_, off);
    if (!ch.valid || !(is_letter(ch.cp) || is_decimal_digit(ch.cp))) break;
    off += static_cast<size_t>(ch.len);
  }
  if (off == start) return illegal_char(start);  // non-ASCII that is not a letter
  Token tok = make(Tok::Ident, start, off);
  tok.tok = lookup_keyword(tok.lit);
  return tok;
}

Token Lexer::illegal_char(size_t start) {
  const Utf8Char ch = decode_utf8(text_, start);
  if (!ch.valid) {
    error(start, "invalid UTF-8 encoding");
  } else if (ch.cp == 0) {
    error(start, "illegal character NUL");
  } else if (ch.cp == 0xFEFF) {
    error(start, "illegal byte order mark");
  } else {
    error(start, "illegal character " + describe_char(ch.cp));
  }
  return make(Tok::Illegal, start, start + static_cast<size_t>(ch.len > 0 ? ch.len : 1));
}

size_t Lexer::scan_digits(size_t off, int base, bool prev_digit, size_t* invalid_digit,
                          size_t* bad_sep, int* count) {
  // A '_' must sit between two digits of the same run (spec §3.6).
  bool last_was_sep = false;
  size_t last_sep = 0;
  for (;;) {
    const unsigned char c = peek(off);
    if (c == '_' && !at_end(off)) {
      if (!prev_digit && *bad_sep == std::string::npos) *bad_sep = off;
      prev_digit = false;
      last_was_sep = true;
      last_sep = off;
      ++off;
      continue;
    }
    const bool ok = base == 16 ? is_hex_digit(c) : is_ascii_digit(c);
    if (!ok) break;
    if (digit_value(c) >= base && *invalid_digit == std::string::npos) *invalid_digit = off;
    prev_digit = true;
    last_was_sep = false;
    ++*count;
    ++off;
  }
  if (last_was_sep && *bad_sep == std::string::npos) *bad_sep = last_sep;
  return off;
}

Token Lexer::scan_number(size_t start) {
  Tok tok = Tok::Int;
  int base = 10;
  char prefix = 0;  // 'x', 'o', 'b', '0' (legacy octal) or 0 (decimal)
  size_t invalid_digit = std::string::npos;
  size_t bad_sep = std::string::npos;
  size_t off = start;
  int mantissa_digits = 0;

  if (peek(off) != '.') {
    bool prev_digit = false;
    if (peek(off) == '0') {
      ++off;
      switch (lower(peek(off))) {
        case 'x': ++off, base = 16, prefix = 'x'; break;
        case 'o': ++off, base = 8, prefix = 'o'; break;
        case 'b': ++off, base = 2, prefix = 'b'; break;
        default: base = 8, prefix = '0', prev_digit = true; break;  // the leading 0 is a digit
      }
    }
    off = scan_digits(off, base, prev_digit, &invalid_digit, &bad_sep, &mantissa_digits);
  }

  if (peek(off) == '.') {
    tok = Tok::Float;
    if (prefix == 'o' || prefix == 'b') {
      error(off, std::string("invalid radix point in ") + literal_name(prefix));
    }
    ++off;
    size_t ignored = std::string::npos;
    off = scan_digits(off, base == 16 ? 16 : 10, false, &ignored, &bad_sep, &mantissa_digits);
  }
  if (mantissa_digits == 0 && prefix != 0 && prefix != '0') {
    error(start, std::string(literal_name(prefix)) + " has no digits");
  }

  const unsigned char e = lower(peek(off));
  if (e == 'e' || e == 'p') {
    if (e == 'e' && prefix != 0 && prefix != '0') {
      error(off, "'e' exponent requires decimal mantissa");
    } else if (e == 'p' && prefix != 'x') {
      error(off, "'p' exponent requires hexadecimal mantissa");
    }
    ++off;
    tok = Tok::Float;
    if (peek(off) == '+' || peek(off) == '-') ++off;
    int count = 0;
    size_t ignored = std::string::npos;
    off = scan_digits(off, 10, false, &ignored, &bad_sep, &count);
    if (count == 0) error(off, "exponent has no digits");
  } else if (prefix == 'x' && tok == Tok::Float) {
    error(start, "hexadecimal mantissa requires a 'p' exponent");
  }

  if (peek(off) == 'i') {
    error(start, "imaginary literals are not supported");
    ++off;
  }
  if (tok == Tok::Int && invalid_digit != std::string::npos) {
    error(invalid_digit, std::string("invalid digit '") + static_cast<char>(peek(invalid_digit)) +
                             "' in " + literal_name(prefix));
  }
  if (bad_sep != std::string::npos) error(bad_sep, "invalid '_' in numeric literal");
  return make(tok, start, off);
}

size_t Lexer::scan_escape(size_t off, char quote, bool* ok) {
  const size_t esc_start = off - 1;  // the backslash
  const unsigned char c = peek(off);
  int n = 0;
  int base = 0;
  uint32_t max = 0;
  bool is_unicode = false;
  switch (c) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      return off + 1;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      n = 3, base = 8, max = 255;
      break;
    case 'x':
      ++off, n = 2, base = 16, max = 255;
      break;
    case 'u':
      ++off, n = 4, base = 16, max = kMaxRune, is_unicode = true;
      break;
    case 'U':
      ++off, n = 8, base = 16, max = kMaxRune, is_unicode = true;
      break;
    default:
      if (c == static_cast<unsigned char>(quote) && !at_end(off)) return off + 1;
      *ok = false;
      if (at_end(off)) {
        error(esc_start, "escape sequence not terminated");
        return off;
      }
      error(esc_start, "unknown escape sequence");
      return c == '\n' ? off : advance_char(off);
  }
  uint32_t value = 0;
  for (; n > 0; --n) {
    const unsigned char d = peek(off);
    if (at_end(off) || digit_value(d) >= base) {
      *ok = false;
      if (at_end(off) || d == '\n') {
        error(off, "escape sequence not terminated");
      } else {
        const Utf8Char ch = decode_utf8(text_, off);
        error(off, "illegal character " + describe_char(ch.cp) + " in escape sequence");
      }
      return off;
    }
    value = value * static_cast<uint32_t>(base) + static_cast<uint32_t>(digit_value(d));
    ++off;
  }
  if (is_unicode) {
    if (value > max || (value >= 0xD800 && value < 0xE000)) {
      *ok = false;
      error(esc_start, "escape sequence is not a valid Unicode scalar value");
    }
  } else if (value > max) {
    *ok = false;
    error(esc_start, "octal escape sequence must fit in one byte");
  }
  return off;
}

Token Lexer::scan_rune(size_t start) {
  size_t off = start + 1;
  int n = 0;
  bool valid = true;
  for (;;) {
    if (at_end(off) || peek(off) == '\n') {
      if (valid) error(start, "rune literal not terminated");
      valid = false;
      break;
    }
    const unsigned char c = peek(off);
    if (c == '\'') {
      ++off;
      break;
    }
    ++n;
    if (c == '\\') {
      bool ok = true;
      off = scan_escape(off + 1, '\'', &ok);
      if (!ok) valid = false;
    } else {
      off = advance_char(off);
    }
  }
  if (valid && n == 0) error(start, "empty rune literal or unescaped ' in rune literal");
  if (valid && n > 1) error(start, "more than one character in rune literal");
  return make(Tok::Char, start, off);
}

Token Lexer::scan_string(size_t start) {
  size_t off = start + 1;
  for (;;) {
    if (at_end(off) || peek(off) == '\n') {
      error(start, "string literal not terminated");
      break;
    }
    const unsigned char c = peek(off);
    if (c == '"') {
      ++off;
      break;
    }
    if (c == '\\') {
      bool ok = true;
      off = scan_escape(off + 1, '"', &ok);
    } else {
      off = advance_char(off);
    }
  }
  return make(Tok::String, start, off);
}

Token Lexer::scan_raw_string(size_t start) {
  size_t off = start + 1;
  for (;;) {
    if (at_end(off)) {
      error(start, "raw string literal not terminated");
      break;
    }
    if (peek(off) == '`') {
      ++off;
      break;
    }
    off = advance_char(off);
  }
  Token tok;
  tok.tok = Tok::String;
  tok.pos = pos_of(start);
  // Carriage returns are discarded from raw strings, as in Go.
  tok.lit = strip_cr(std::string_view(text_).substr(start, off - start));
  off_ = off;
  return tok;
}

Token Lexer::scan_operator(size_t start) {
  const unsigned char c = peek(start);
  const unsigned char c1 = peek(start + 1);
  const unsigned char c2 = peek(start + 2);
  Tok t = Tok::Illegal;
  size_t len = 1;
  // Picks the longest operator: `two` if the next char is n1, `three` if the
  // two next chars are n1 n2 (only used for <<=, >>=, &^=).
  auto pick = [&](Tok one, unsigned char n1, Tok two) {
    if (c1 == n1) {
      t = two, len = 2;
    } else {
      t = one;
    }
  };
  switch (c) {
    case '(': t = Tok::LParen; break;
    case ')': t = Tok::RParen; break;
    case '[': t = Tok::LBrack; break;
    case ']': t = Tok::RBrack; break;
    case '{': t = Tok::LBrace; break;
    case '}': t = Tok::RBrace; break;
    case ',': t = Tok::Comma; break;
    case ';': t = Tok::Semicolon; break;
    case '?': t = Tok::Question; break;
    case '@': t = Tok::At; break;
    case '.':
      if (c1 == '.' && c2 == '.') {
        t = Tok::Ellipsis, len = 3;
      } else {
        t = Tok::Period;
      }
      break;
    case ':': pick(Tok::Colon, '=', Tok::Define); break;
    case '+':
      if (c1 == '+') {
        t = Tok::Inc, len = 2;
      } else {
        pick(Tok::Add, '=', Tok::AddAssign);
      }
      break;
    case '-':
      if (c1 == '-') {
        t = Tok::Dec, len = 2;
      } else {
        pick(Tok::Sub, '=', Tok::SubAssign);
      }
      break;
    case '*': pick(Tok::Mul, '=', Tok::MulAssign); break;
    case '/': pick(Tok::Quo, '=', Tok::QuoAssign); break;
    case '%': pick(Tok::Rem, '=', Tok::RemAssign); break;
    case '^': pick(Tok::Xor, '=', Tok::XorAssign); break;
    case '=': pick(Tok::Assign, '=', Tok::Eql); break;
    case '!': pick(Tok::Not, '=', Tok::Neq); break;
    case '&':
      if (c1 == '&') {
        t = Tok::LAnd, len = 2;
      } else if (c1 == '^') {
        if (c2 == '=') {
          t = Tok::AndNotAssign, len = 3;
        } else {
          t = Tok::AndNot, len = 2;
        }
      } else {
        pick(Tok::And, '=', Tok::AndAssign);
      }
      break;
    case '|':
      if (c1 == '|') {
        t = Tok::LOr, len = 2;
      } else {
        pick(Tok::Or, '=', Tok::OrAssign);
      }
      break;
    case '<':
      if (c1 == '-') {
        t = Tok::Arrow, len = 2;
      } else if (c1 == '<') {
        if (c2 == '=') {
          t = Tok::ShlAssign, len = 3;
        } else {
          t = Tok::Shl, len = 2;
        }
      } else {
        pick(Tok::Lss, '=', Tok::Leq);
      }
      break;
    case '>':
      if (c1 == '>') {
        if (c2 == '=') {
          t = Tok::ShrAssign, len = 3;
        } else {
          t = Tok::Shr, len = 2;
        }
      } else {
        pick(Tok::Gtr, '=', Tok::Geq);
      }
      break;
    case '~':
      if (c1 == '>') {
        t = Tok::Tilde, len = 2;
        break;
      }
      return illegal_char(start);
    default:
      return illegal_char(start);
  }
  Token tok;
  tok.tok = t;
  tok.pos = pos_of(start);
  if (t == Tok::Semicolon) tok.lit = ";";
  off_ = start + len;
  return tok;
}

}  // namespace vo::syntax
