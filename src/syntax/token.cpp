#include "syntax/token.h"

#include <array>
#include <string_view>

namespace vo::syntax {

namespace {

constexpr size_t kTokCount = static_cast<size_t>(Tok::Count_);

// Spellings indexed by Tok. Built once by a constexpr function so a new
// enumerator without a spelling shows up as "?" rather than as a crash.
constexpr std::array<std::string_view, kTokCount> make_spellings() {
  std::array<std::string_view, kTokCount> s{};
  for (auto& e : s) e = "?";
  auto set = [&s](Tok t, std::string_view v) { s[static_cast<size_t>(t)] = v; };
  set(Tok::Illegal, "ILLEGAL");
  set(Tok::Eof, "EOF");
  set(Tok::Comment, "COMMENT");
  set(Tok::Ident, "IDENT");
  set(Tok::Int, "INT");
  set(Tok::Float, "FLOAT");
  set(Tok::Char, "CHAR");
  set(Tok::String, "STRING");
  set(Tok::Add, "+");
  set(Tok::Sub, "-");
  set(Tok::Mul, "*");
  set(Tok::Quo, "/");
  set(Tok::Rem, "%");
  set(Tok::And, "&");
  set(Tok::Or, "|");
  set(Tok::Xor, "^");
  set(Tok::Shl, "<<");
  set(Tok::Shr, ">>");
  set(Tok::AndNot, "&^");
  set(Tok::AddAssign, "+=");
  set(Tok::SubAssign, "-=");
  set(Tok::MulAssign, "*=");
  set(Tok::QuoAssign, "/=");
  set(Tok::RemAssign, "%=");
  set(Tok::AndAssign, "&=");
  set(Tok::OrAssign, "|=");
  set(Tok::XorAssign, "^=");
  set(Tok::ShlAssign, "<<=");
  set(Tok::ShrAssign, ">>=");
  set(Tok::AndNotAssign, "&^=");
  set(Tok::LAnd, "&&");
  set(Tok::LOr, "||");
  set(Tok::Arrow, "<-");
  set(Tok::Inc, "++");
  set(Tok::Dec, "--");
  set(Tok::Eql, "==");
  set(Tok::Lss, "<");
  set(Tok::Gtr, ">");
  set(Tok::Assign, "=");
  set(Tok::Not, "!");
  set(Tok::Neq, "!=");
  set(Tok::Leq, "<=");
  set(Tok::Geq, ">=");
  set(Tok::Define, ":=");
  set(Tok::Ellipsis, "...");
  set(Tok::LParen, "(");
  set(Tok::LBrack, "[");
  set(Tok::LBrace, "{");
  set(Tok::Comma, ",");
  set(Tok::Period, ".");
  set(Tok::RParen, ")");
  set(Tok::RBrack, "]");
  set(Tok::RBrace, "}");
  set(Tok::Semicolon, ";");
  set(Tok::Colon, ":");
  set(Tok::Question, "?");
  set(Tok::Tilde, "~>");
  set(Tok::At, "@");
  set(Tok::Break, "break");
  set(Tok::Case, "case");
  set(Tok::Chan, "chan");
  set(Tok::Const, "const");
  set(Tok::Continue, "continue");
  set(Tok::Default, "default");
  set(Tok::Defer, "defer");
  set(Tok::Else, "else");
  set(Tok::Fallthrough, "fallthrough");
  set(Tok::For, "for");
  set(Tok::Func, "func");
  set(Tok::Go, "go");
  set(Tok::Goto, "goto");
  set(Tok::If, "if");
  set(Tok::Import, "import");
  set(Tok::Interface, "interface");
  set(Tok::Map, "map");
  set(Tok::Package, "package");
  set(Tok::Range, "range");
  set(Tok::Return, "return");
  set(Tok::Select, "select");
  set(Tok::Struct, "struct");
  set(Tok::Switch, "switch");
  set(Tok::Type, "type");
  set(Tok::Var, "var");
  set(Tok::Fail, "fail");
  set(Tok::Errdefer, "errdefer");
  set(Tok::Island, "island");
  set(Tok::Port, "port");
  return s;
}

constexpr std::array<std::string_view, kTokCount> kSpellings = make_spellings();

}  // namespace

std::string_view tok_string(Tok t) {
  size_t i = static_cast<size_t>(t);
  return i < kTokCount ? kSpellings[i] : std::string_view("?");
}

Tok lookup_keyword(std::string_view s) {
  // Keywords are 2..11 ASCII lower-case letters; reject anything else fast.
  if (s.size() < 2 || s.size() > 11 || s[0] < 'b' || s[0] > 'v') return Tok::Ident;
  for (size_t i = static_cast<size_t>(Tok::Break); i <= static_cast<size_t>(Tok::Port); ++i) {
    if (kSpellings[i] == s) return static_cast<Tok>(i);
  }
  return Tok::Ident;
}

int tok_precedence(Tok t) {
  switch (t) {
    case Tok::LOr:
      return 1;
    case Tok::LAnd:
      return 2;
    case Tok::Eql: case Tok::Neq: case Tok::Lss: case Tok::Leq: case Tok::Gtr: case Tok::Geq:
      return 3;
    case Tok::Add: case Tok::Sub: case Tok::Or: case Tok::Xor:
      return 4;
    case Tok::Mul: case Tok::Quo: case Tok::Rem: case Tok::Shl: case Tok::Shr: case Tok::And:
    case Tok::AndNot:
      return 5;
    default:
      return 0;
  }
}

Tok assign_op_base(Tok t) {
  switch (t) {
    case Tok::AddAssign: return Tok::Add;
    case Tok::SubAssign: return Tok::Sub;
    case Tok::MulAssign: return Tok::Mul;
    case Tok::QuoAssign: return Tok::Quo;
    case Tok::RemAssign: return Tok::Rem;
    case Tok::AndAssign: return Tok::And;
    case Tok::OrAssign: return Tok::Or;
    case Tok::XorAssign: return Tok::Xor;
    case Tok::ShlAssign: return Tok::Shl;
    case Tok::ShrAssign: return Tok::Shr;
    case Tok::AndNotAssign: return Tok::AndNot;
    default: return Tok::Illegal;
  }
}

}  // namespace vo::syntax
