// Tests for the token table, source positions, diagnostics and the lexer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "syntax/diag.h"
#include "syntax/lexer.h"
#include "syntax/source.h"
#include "syntax/token.h"
#include "syntax/unicode.h"

namespace vo::syntax {
namespace {

struct Lexed {
  std::vector<Token> tokens;  // without the final Eof
  std::string errors;         // Diagnostics::format()
  int error_count = 0;
};

Lexed lex(const std::string& text, bool comments = false) {
  FileSet fs;
  Diagnostics diags(&fs);
  SourceFile* f = fs.add("t.vo", text);
  Lexer lx(*f, diags, comments);
  Lexed out;
  for (int guard = 0; guard < 100000; ++guard) {
    Token t = lx.next();
    if (t.tok == Tok::Eof) break;
    out.tokens.push_back(std::move(t));
  }
  out.errors = diags.format();
  out.error_count = diags.error_count();
  return out;
}

// Token kinds as a space-separated string; auto semicolons print as "\n".
std::string kinds(const std::string& text) {
  std::string s;
  for (const Token& t : lex(text).tokens) {
    if (!s.empty()) s += ' ';
    if (t.tok == Tok::Semicolon && t.lit == "\n") {
      s += "\\n";
    } else {
      s += tok_string(t.tok);
    }
  }
  return s;
}

// Lexes a single literal and checks it is one token of kind `tok` without errors.
void expect_literal(const std::string& text, Tok tok) {
  Lexed l = lex(text);
  ASSERT_GE(l.tokens.size(), 1u) << text;
  EXPECT_EQ(l.tokens[0].tok, tok) << text;
  EXPECT_EQ(l.tokens[0].lit, text);
  EXPECT_EQ(l.error_count, 0) << text << ": " << l.errors;
  // The only other token is the automatic semicolon at EOF.
  ASSERT_EQ(l.tokens.size(), 2u) << text;
  EXPECT_EQ(l.tokens[1].tok, Tok::Semicolon);
}

// Lexing `text` reports an error containing `message`.
void expect_error(const std::string& text, const std::string& message) {
  Lexed l = lex(text);
  EXPECT_NE(l.errors.find(message), std::string::npos)
      << "input: " << text << "\nwanted: " << message << "\ngot: " << l.errors;
}

// ---- token.h -------------------------------------------------------------------

TEST(Token, Spellings) {
  EXPECT_EQ(tok_string(Tok::Add), "+");
  EXPECT_EQ(tok_string(Tok::AndNotAssign), "&^=");
  EXPECT_EQ(tok_string(Tok::Tilde), "~>");
  EXPECT_EQ(tok_string(Tok::Question), "?");
  EXPECT_EQ(tok_string(Tok::At), "@");
  EXPECT_EQ(tok_string(Tok::Ident), "IDENT");
  EXPECT_EQ(tok_string(Tok::Eof), "EOF");
  EXPECT_EQ(tok_string(Tok::Errdefer), "errdefer");
  for (int i = 0; i < static_cast<int>(Tok::Count_); ++i) {
    if (static_cast<Tok>(i) != Tok::Question) {
      EXPECT_NE(tok_string(static_cast<Tok>(i)), "?") << i;
    }
  }
}

TEST(Token, Keywords) {
  const char* words[] = {"break", "case", "chan", "const", "continue", "default", "defer",
                         "else", "fallthrough", "for", "func", "go", "goto", "if", "import",
                         "interface", "map", "package", "range", "return", "select", "struct",
                         "switch", "type", "var", "fail", "errdefer", "island", "port"};
  for (const char* w : words) {
    Tok t = lookup_keyword(w);
    EXPECT_NE(t, Tok::Ident) << w;
    EXPECT_EQ(tok_string(t), w);
  }
  EXPECT_EQ(lookup_keyword("panic"), Tok::Ident);
  EXPECT_EQ(lookup_keyword("nil"), Tok::Ident);
  EXPECT_EQ(lookup_keyword("Func"), Tok::Ident);
  EXPECT_EQ(lookup_keyword(""), Tok::Ident);
  EXPECT_EQ(lookup_keyword("portx"), Tok::Ident);
}

TEST(Token, Precedence) {
  EXPECT_EQ(tok_precedence(Tok::LOr), 1);
  EXPECT_EQ(tok_precedence(Tok::LAnd), 2);
  EXPECT_EQ(tok_precedence(Tok::Eql), 3);
  EXPECT_EQ(tok_precedence(Tok::Geq), 3);
  EXPECT_EQ(tok_precedence(Tok::Add), 4);
  EXPECT_EQ(tok_precedence(Tok::Xor), 4);
  EXPECT_EQ(tok_precedence(Tok::Shl), 5);
  EXPECT_EQ(tok_precedence(Tok::AndNot), 5);
  EXPECT_EQ(tok_precedence(Tok::Arrow), 0);
  EXPECT_EQ(tok_precedence(Tok::Assign), 0);
  EXPECT_EQ(tok_precedence(Tok::Tilde), 0);
}

TEST(Token, AssignOps) {
  EXPECT_TRUE(is_assign_op(Tok::AddAssign));
  EXPECT_TRUE(is_assign_op(Tok::AndNotAssign));
  EXPECT_FALSE(is_assign_op(Tok::Assign));
  EXPECT_FALSE(is_assign_op(Tok::Define));
  EXPECT_EQ(assign_op_base(Tok::AddAssign), Tok::Add);
  EXPECT_EQ(assign_op_base(Tok::ShlAssign), Tok::Shl);
  EXPECT_EQ(assign_op_base(Tok::AndNotAssign), Tok::AndNot);
  EXPECT_EQ(assign_op_base(Tok::Add), Tok::Illegal);
}

// ---- source.h / diag.h ---------------------------------------------------------

TEST(Source, Positions) {
  FileSet fs;
  SourceFile* a = fs.add("a.vo", "ab\ncd\n\nx");
  SourceFile* b = fs.add("b.vo", "hello");
  EXPECT_GE(a->base(), 1u);
  EXPECT_GT(b->base(), a->end());
  EXPECT_EQ(fs.file_of(a->base()), a);
  EXPECT_EQ(fs.file_of(a->end()), a);
  EXPECT_EQ(fs.file_of(b->base() + 2), b);
  EXPECT_EQ(fs.file_of(NoPos), nullptr);
  EXPECT_EQ(fs.position(a->base()).str(), "a.vo:1:1");
  EXPECT_EQ(fs.position(a->base() + 1).str(), "a.vo:1:2");
  EXPECT_EQ(fs.position(a->base() + 3).str(), "a.vo:2:1");
  EXPECT_EQ(fs.position(a->base() + 6).str(), "a.vo:3:1");
  EXPECT_EQ(fs.position(a->base() + 7).str(), "a.vo:4:1");
  EXPECT_EQ(fs.position(b->base() + 4).str(), "b.vo:1:5");
  Position p{"f.vo", 3, 0};
  EXPECT_EQ(p.str(), "f.vo:3");
  EXPECT_EQ((Position{"", 2, 5}).str(), "2:5");
  EXPECT_EQ((Position{"g.vo", 0, 0}).str(), "g.vo");
  EXPECT_EQ(Position{}.str(), "-");
}

TEST(Diagnostics, FormatSortsByPosition) {
  FileSet fs;
  SourceFile* f = fs.add("m.vo", "line1\nline2\n");
  Diagnostics d(&fs);
  d.error(f->base() + 7, "second");
  d.warning(f->base() + 1, "a warning");
  d.error(f->base() + 0, "first");
  EXPECT_EQ(d.error_count(), 2);
  EXPECT_EQ(d.format(), "m.vo:1:1: first\nm.vo:2:2: second\n");
  EXPECT_EQ(d.format(true), "m.vo:1:1: first\nm.vo:1:2: warning: a warning\nm.vo:2:2: second\n");
}

// ---- unicode.h -----------------------------------------------------------------

TEST(Unicode, Classes) {
  EXPECT_TRUE(is_letter(U'a'));
  EXPECT_TRUE(is_letter(U'é'));
  EXPECT_TRUE(is_letter(U'世'));
  EXPECT_TRUE(is_letter(U'Ж'));
  EXPECT_FALSE(is_letter(U'_'));
  EXPECT_FALSE(is_letter(U'€'));
  EXPECT_FALSE(is_letter(U'1'));
  EXPECT_TRUE(is_decimal_digit(U'7'));
  EXPECT_TRUE(is_decimal_digit(U'\u0661'));  // ARABIC-INDIC DIGIT ONE
  EXPECT_FALSE(is_decimal_digit(U'\u00B2'));  // superscript two is not Nd
  EXPECT_TRUE(is_upper(U'Q'));
  EXPECT_TRUE(is_upper(U'Ä'));
  EXPECT_FALSE(is_upper(U'ä'));
  EXPECT_TRUE(is_exported("Name"));
  EXPECT_TRUE(is_exported("Éclair"));
  EXPECT_FALSE(is_exported("name"));
  EXPECT_FALSE(is_exported("_X"));
  EXPECT_FALSE(is_exported(""));
}

TEST(Unicode, Utf8) {
  std::string s;
  append_utf8(s, U'€');
  EXPECT_EQ(s, "\xE2\x82\xAC");
  Utf8Char c = decode_utf8(s, 0);
  EXPECT_TRUE(c.valid);
  EXPECT_EQ(c.cp, U'€');
  EXPECT_EQ(c.len, 3);
  EXPECT_FALSE(decode_utf8("\xC0\x80", 0).valid);      // overlong
  EXPECT_FALSE(decode_utf8("\xED\xA0\x80", 0).valid);  // surrogate
  EXPECT_FALSE(decode_utf8("\xE2\x82", 0).valid);      // truncated
  EXPECT_EQ(decode_utf8("\xFF", 0).len, 1);
}

// ---- lexer: tokens and semicolons ------------------------------------------------

TEST(Lexer, Operators) {
  EXPECT_EQ(kinds("+ - * / % & | ^ << >> &^"), "+ - * / % & | ^ << >> &^");
  EXPECT_EQ(kinds("+= -= *= /= %= &= |= ^= <<= >>= &^="), "+= -= *= /= %= &= |= ^= <<= >>= &^=");
  EXPECT_EQ(kinds("&& || <- ++ -- == < > = ! != <= >= := ..."),
            "&& || <- ++ -- == < > = ! != <= >= := ...");
  EXPECT_EQ(kinds("( [ { , . ; : ~> @"), "( [ { , . ; : ~> @");
  EXPECT_EQ(kinds("a~>b"), "IDENT ~> IDENT \\n");
  EXPECT_EQ(kinds("x?"), "IDENT ? \\n");
  EXPECT_EQ(kinds("a<-b"), "IDENT <- IDENT \\n");
  EXPECT_EQ(kinds("a<<-b"), "IDENT << - IDENT \\n");
  EXPECT_EQ(kinds(".."), ". .");
}

TEST(Lexer, KeywordsAndIdentifiers) {
  EXPECT_EQ(kinds("func fail errdefer island port goto"), "func fail errdefer island port goto");
  Lexed l = lex("héllo 世界 x١ _a1");
  ASSERT_EQ(l.tokens.size(), 5u);
  EXPECT_EQ(l.tokens[0].lit, "héllo");
  EXPECT_EQ(l.tokens[1].lit, "世界");
  EXPECT_EQ(l.tokens[2].lit, "x١");
  EXPECT_EQ(l.tokens[3].lit, "_a1");
  EXPECT_EQ(l.error_count, 0);
}

TEST(Lexer, SemicolonInsertion) {
  EXPECT_EQ(kinds("x\ny"), "IDENT \\n IDENT \\n");
  EXPECT_EQ(kinds("1\n2.5\n'a'\n\"s\"\n`r`\n"), "INT \\n FLOAT \\n CHAR \\n STRING \\n STRING \\n");
  EXPECT_EQ(kinds("break\ncontinue\nfallthrough\nreturn\n"),
            "break \\n continue \\n fallthrough \\n return \\n");
  EXPECT_EQ(kinds("fail\nisland\n"), "fail \\n island \\n");
  EXPECT_EQ(kinds("x++\ny--\n"), "IDENT ++ \\n IDENT -- \\n");
  EXPECT_EQ(kinds(")\n]\n}\n"), ") \\n ] \\n } \\n");
  EXPECT_EQ(kinds("f()?\n"), "IDENT ( ) ? \\n");
  // No semicolon after operators, opening brackets, or other keywords.
  EXPECT_EQ(kinds("x +\ny"), "IDENT + IDENT \\n");
  EXPECT_EQ(kinds("f(\n)"), "IDENT ( ) \\n");
  EXPECT_EQ(kinds("port\nint"), "port IDENT \\n");
  EXPECT_EQ(kinds("func\n"), "func");
  EXPECT_EQ(kinds("go\n"), "go");
  // At EOF.
  EXPECT_EQ(kinds("x"), "IDENT \\n");
  // Blank lines produce one semicolon only.
  EXPECT_EQ(kinds("x\n\n\ny"), "IDENT \\n IDENT \\n");
  // Explicit semicolons.
  Lexed l = lex("a; b");
  ASSERT_EQ(l.tokens.size(), 4u);
  EXPECT_EQ(l.tokens[1].lit, ";");
  EXPECT_EQ(l.tokens[3].lit, "\n");
}

TEST(Lexer, SemicolonAndComments) {
  EXPECT_EQ(kinds("x // comment\ny"), "IDENT \\n IDENT \\n");
  EXPECT_EQ(kinds("x /* multi\nline */ y"), "IDENT \\n IDENT \\n");
  // A single-line block comment is not a line break...
  EXPECT_EQ(kinds("x /* c */ + y"), "IDENT + IDENT \\n");
  // ...but the newline after it is.
  EXPECT_EQ(kinds("x /* c */\ny"), "IDENT \\n IDENT \\n");
  EXPECT_EQ(kinds("x /* a */ /* b */ // c\ny"), "IDENT \\n IDENT \\n");
  // The semicolon sits at the comment's position.
  Lexed l = lex("ab // c\n");
  ASSERT_EQ(l.tokens.size(), 2u);
  EXPECT_EQ(l.tokens[1].pos, l.tokens[0].pos + 3);
}

TEST(Lexer, NestedComments) {
  Lexed l = lex("/* a /* b */ c */ x", true);
  ASSERT_EQ(l.tokens.size(), 3u);
  EXPECT_EQ(l.tokens[0].tok, Tok::Comment);
  EXPECT_EQ(l.tokens[0].lit, "/* a /* b */ c */");
  EXPECT_EQ(l.tokens[1].tok, Tok::Ident);
  EXPECT_EQ(l.error_count, 0);
  EXPECT_EQ(kinds("/* /* /* deep */ */ */ y"), "IDENT \\n");
  expect_error("/* a /* b */ c", "comment not terminated");
  expect_error("x /* never closed", "comment not terminated");
  Lexed line = lex("// one\n// two", true);
  ASSERT_EQ(line.tokens.size(), 2u);
  EXPECT_EQ(line.tokens[0].lit, "// one");
  EXPECT_EQ(line.tokens[1].lit, "// two");
}

TEST(Lexer, Positions) {
  Lexed l = lex("package p\n\nfunc  f()");
  ASSERT_GE(l.tokens.size(), 4u);
  FileSet fs;
  SourceFile* f = fs.add("t.vo", "package p\n\nfunc  f()");
  EXPECT_EQ(f->position(l.tokens[0].pos).str(), "t.vo:1:1");
  EXPECT_EQ(f->position(l.tokens[1].pos).str(), "t.vo:1:9");
  EXPECT_EQ(f->position(l.tokens[3].pos).str(), "t.vo:3:1");
  EXPECT_EQ(f->position(l.tokens[4].pos).str(), "t.vo:3:7");
}

// ---- lexer: numbers --------------------------------------------------------------

TEST(Lexer, IntegerLiterals) {
  for (const char* s : {"0", "42", "1_000_000", "0x1F", "0XdeadBEEF", "0xff_ff", "0o17", "0O7_7",
                        "0644", "0_644", "0b1010", "0B1_0", "007", "9223372036854775807"}) {
    expect_literal(s, Tok::Int);
  }
}

TEST(Lexer, FloatLiterals) {
  for (const char* s : {"1.5", ".5", "1.", "1e10", "1E-5", "2.5e+3", "1_0.2_5", "0.", "09.5",
                        "089e1", "0x1p-2", "0x1.2p3", "0X.8p0", "0x1.p0", "0xA_Fp1", "1e1_0"}) {
    expect_literal(s, Tok::Float);
  }
}

TEST(Lexer, NumberErrors) {
  expect_error("1__2", "invalid '_' in numeric literal");
  expect_error("1_", "invalid '_' in numeric literal");
  expect_error("0x_1", "invalid '_' in numeric literal");
  expect_error("0b_1", "invalid '_' in numeric literal");
  expect_error("1_.5", "invalid '_' in numeric literal");
  expect_error("1._5", "invalid '_' in numeric literal");
  expect_error("1e_5", "invalid '_' in numeric literal");
  expect_error("08", "invalid digit '8' in octal literal");
  expect_error("0o8", "invalid digit '8' in octal literal");
  expect_error("0b102", "invalid digit '2' in binary literal");
  expect_error("0x", "hexadecimal literal has no digits");
  expect_error("0b", "binary literal has no digits");
  expect_error("0x1.8", "hexadecimal mantissa requires a 'p' exponent");
  expect_error("1p3", "'p' exponent requires hexadecimal mantissa");
  expect_error("0b1e3", "'e' exponent requires decimal mantissa");
  expect_error("1e", "exponent has no digits");
  expect_error("1e+", "exponent has no digits");
  expect_error("0b1.0", "invalid radix point in binary literal");
  expect_error("0o1.0", "invalid radix point in octal literal");
  expect_error("1i", "imaginary literals are not supported");
  expect_error("2.5i", "imaginary literals are not supported");
  // The literal is still one token and lexing continues.
  Lexed l = lex("1__2 + x");
  ASSERT_EQ(l.tokens.size(), 4u);
  EXPECT_EQ(l.tokens[0].lit, "1__2");
  EXPECT_EQ(l.tokens[2].lit, "x");
  EXPECT_EQ(l.error_count, 1);
}

// ---- lexer: runes and strings ------------------------------------------------------

TEST(Lexer, RuneLiterals) {
  for (const char* s : {"'a'", "'世'", "'\\a'", "'\\b'", "'\\f'", "'\\n'", "'\\r'", "'\\t'",
                        "'\\v'", "'\\\\'", "'\\''", "'\\x41'", "'\\101'", "'\\377'", "'\\u00e9'",
                        "'\\U0001F600'", "'\"'"}) {
    expect_literal(s, Tok::Char);
  }
}

TEST(Lexer, RuneErrors) {
  expect_error("''", "empty rune literal or unescaped ' in rune literal");
  expect_error("'ab'", "more than one character in rune literal");
  expect_error("'a", "rune literal not terminated");
  expect_error("'\\q'", "unknown escape sequence");
  expect_error("'\\\"'", "unknown escape sequence");
  expect_error("'\\400'", "octal escape sequence must fit in one byte");
  expect_error("'\\uD800'", "escape sequence is not a valid Unicode scalar value");
  expect_error("'\\U00110000'", "escape sequence is not a valid Unicode scalar value");
  expect_error("'\\x4'", "illegal character U+0027 ''' in escape sequence");
  expect_error("'\\u12'", "in escape sequence");
}

TEST(Lexer, StringLiterals) {
  for (const char* s : {"\"\"", "\"hello\"", "\"a\\nb\\t\\\"q\\\"\"", "\"\\x00\\377\\u4e16\\U0001F600\"",
                        "\"世界\"", "`raw \\n string`", "`multi\nline`", "``"}) {
    expect_literal(s, Tok::String);
  }
  // Carriage returns are dropped from raw strings.
  Lexed l = lex("`a\r\nb`");
  ASSERT_GE(l.tokens.size(), 1u);
  EXPECT_EQ(l.tokens[0].lit, "`a\nb`");
}

TEST(Lexer, StringErrors) {
  expect_error("\"abc", "string literal not terminated");
  expect_error("\"abc\ndef\"", "string literal not terminated");
  expect_error("`abc", "raw string literal not terminated");
  expect_error("\"\\q\"", "unknown escape sequence");
  expect_error("\"\\'\"", "unknown escape sequence");
  expect_error("\"\\400\"", "octal escape sequence must fit in one byte");
  expect_error("\"\\U00110000\"", "escape sequence is not a valid Unicode scalar value");
  expect_error("\"\\ud800\"", "escape sequence is not a valid Unicode scalar value");
  expect_error("\"a\xff\"", "invalid UTF-8 encoding");
  // Several errors in one string are all reported, and lexing goes on.
  Lexed l = lex("\"\\q \\400\" + y");
  EXPECT_EQ(l.error_count, 2);
  ASSERT_EQ(l.tokens.size(), 4u);
  EXPECT_EQ(l.tokens[2].lit, "y");
}

TEST(Lexer, IllegalInput) {
  expect_error("x # y", "illegal character U+0023 '#'");
  expect_error("a ~ b", "illegal character U+007E '~'");
  expect_error("€", "illegal character U+20AC '€'");
  expect_error("x \xff y", "invalid UTF-8 encoding");
  expect_error(std::string("a\0b", 3), "illegal character NUL");
  expect_error("x \xEF\xBB\xBF", "illegal byte order mark");
  // A leading byte order mark is skipped silently.
  Lexed bom = lex("\xEF\xBB\xBFx");
  EXPECT_EQ(bom.error_count, 0);
  ASSERT_EQ(bom.tokens.size(), 2u);
  EXPECT_EQ(bom.tokens[0].lit, "x");
  // Lexing continues after the bad character, which becomes an Illegal token.
  Lexed l = lex("a # b $ c");
  EXPECT_EQ(l.error_count, 2);
  EXPECT_EQ(kinds("a # b"), "IDENT ILLEGAL IDENT \\n");
}

TEST(Lexer, ErrorPositions) {
  Lexed l = lex("x := 1\ny := 1__0\n");
  EXPECT_EQ(l.errors, "t.vo:2:8: invalid '_' in numeric literal\n");
  Lexed s = lex("a\n  \"open\n");
  EXPECT_EQ(s.errors, "t.vo:2:3: string literal not terminated\n");
}

TEST(Lexer, EofIsSticky) {
  FileSet fs;
  Diagnostics diags(&fs);
  SourceFile* f = fs.add("t.vo", "x");
  Lexer lx(*f, diags);
  EXPECT_EQ(lx.next().tok, Tok::Ident);
  EXPECT_EQ(lx.next().tok, Tok::Semicolon);
  EXPECT_EQ(lx.next().tok, Tok::Eof);
  EXPECT_EQ(lx.next().tok, Tok::Eof);
}

}  // namespace
}  // namespace vo::syntax
