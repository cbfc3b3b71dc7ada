// Token kinds of the Vo lexical grammar.
#pragma once
#include <cstdint>
#include <string_view>

namespace vo::syntax {

enum class Tok : uint8_t {
  Illegal,
  Eof,
  Comment,

  // Literals
  Ident,
  Int,
  Float,
  Char,    // rune literal
  String,  // interpreted or raw string literal

  // Operators and delimiters
  Add,     // +
  Sub,     // -
  Mul,     // *
  Quo,     // /
  Rem,     // %
  And,     // &
  Or,      // |
  Xor,     // ^
  Shl,     // <<
  Shr,     // >>
  AndNot,  // &^

  AddAssign, SubAssign, MulAssign, QuoAssign, RemAssign,
  AndAssign, OrAssign, XorAssign, ShlAssign, ShrAssign, AndNotAssign,

  LAnd,    // &&
  LOr,     // ||
  Arrow,   // <-
  Inc,     // ++
  Dec,     // --
  Eql,     // ==
  Lss,     // <
  Gtr,     // >
  Assign,  // =
  Not,     // !
  Neq,     // !=
  Leq,     // <=
  Geq,     // >=
  Define,  // :=
  Ellipsis,// ...
  LParen, LBrack, LBrace, Comma, Period,
  RParen, RBrack, RBrace, Semicolon, Colon,
  Question,  // ?  (error propagation)
  Tilde,     // ~> (dynamic access)
  At,        // @  (go @(island))

  // Keywords
  Break, Case, Chan, Const, Continue, Default, Defer, Else, Fallthrough,
  For, Func, Go, Goto, If, Import, Interface, Map, Package, Range, Return,
  Select, Struct, Switch, Type, Var,
  Fail, Errdefer, Island, Port,

  Count_
};

// Spelling of a token kind, e.g. "+=" or "func"; for literals the class name.
std::string_view tok_string(Tok t);

// Keyword lookup: returns Tok::Ident if `s` is not a keyword.
Tok lookup_keyword(std::string_view s);

// Binary operator precedence (5 highest .. 1 lowest), 0 for non-operators.
int tok_precedence(Tok t);

inline bool is_assign_op(Tok t) { return t >= Tok::AddAssign && t <= Tok::AndNotAssign; }
// For `x op= y`, the underlying binary operator.
Tok assign_op_base(Tok t);

}  // namespace vo::syntax
