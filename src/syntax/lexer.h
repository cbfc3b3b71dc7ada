// The Vo lexer: turns one SourceFile into tokens, inserting semicolons
// automatically as Go does (spec §3.7). Lexical errors are reported to the
// Diagnostics with their positions and lexing continues.
#pragma once
#include <string>
#include <string_view>

#include "syntax/diag.h"
#include "syntax/source.h"
#include "syntax/token.h"

namespace vo::syntax {

struct Token {
  Tok tok = Tok::Eof;
  Pos pos = NoPos;
  // Source text of identifiers, keywords, literals and comments (raw strings
  // and comments without carriage returns); "\n" for an automatically inserted
  // semicolon and ";" for an explicit one; empty for operators and EOF.
  std::string lit;
};

class Lexer {
 public:
  // With scan_comments, comments are returned as Tok::Comment tokens;
  // otherwise they are skipped.
  Lexer(const SourceFile& src, Diagnostics& diags, bool scan_comments = false);

  // The next token. After the end of input it keeps returning Tok::Eof.
  Token next();

 private:
  bool at_end(size_t off) const { return off >= text_.size(); }
  // Byte at off, or 0 past the end (callers check at_end where 0 matters).
  unsigned char peek(size_t off) const {
    return off < text_.size() ? static_cast<unsigned char>(text_[off]) : 0;
  }
  void error(size_t off, std::string msg);
  Pos pos_of(size_t off) const { return base_ + static_cast<Pos>(off); }

  // Steps over one (possibly multi-byte) character inside a literal or
  // comment, reporting invalid UTF-8, NUL and misplaced byte order marks.
  size_t advance_char(size_t off);
  bool comment_ends_line(size_t off) const;

  Token scan_identifier(size_t start);
  Token scan_number(size_t start);
  size_t scan_digits(size_t off, int base, bool prev_digit, size_t* invalid_digit, size_t* bad_sep,
                     int* count);
  Token scan_rune(size_t start);
  Token scan_string(size_t start);
  Token scan_raw_string(size_t start);
  // off is just past the backslash; returns the offset after the escape.
  size_t scan_escape(size_t off, char quote, bool* ok);
  Token scan_comment(size_t start);
  Token scan_operator(size_t start);
  Token illegal_char(size_t start);

  Token make(Tok t, size_t start, size_t end_off);

  const std::string& text_;
  Pos base_;
  Diagnostics& diags_;
  bool scan_comments_;
  size_t off_ = 0;
  bool insert_semi_ = false;
};

// True if a newline directly after token t ends the statement (§3.7).
bool triggers_semicolon(Tok t);

}  // namespace vo::syntax
