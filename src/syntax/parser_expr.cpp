// Expression parsing. See parser_impl.h.
#include <algorithm>

#include "syntax/parser_impl.h"

namespace vo::syntax {

namespace {

Expr* unparen(Expr* x) {
  while (auto* p = x->as<ParenExpr>()) {
    if (!p->x) break;
    x = p->x;
  }
  return x;
}

// Tokens an erroneous operand must not swallow: they close or separate an
// enclosing construct, or start a statement the caller can resume at.
bool keep_for_recovery(Tok t) {
  switch (t) {
    case Tok::RParen: case Tok::RBrack: case Tok::RBrace: case Tok::LBrace: case Tok::Semicolon:
    case Tok::Comma: case Tok::Colon: case Tok::Eof:
    case Tok::Break: case Tok::Const: case Tok::Continue: case Tok::Defer: case Tok::Errdefer:
    case Tok::Fail: case Tok::Fallthrough: case Tok::For: case Tok::Go: case Tok::Goto:
    case Tok::If: case Tok::Return: case Tok::Select: case Tok::Switch: case Tok::Type:
    case Tok::Var: case Tok::Case: case Tok::Default: case Tok::Else: case Tok::Import:
    case Tok::Package:
      return true;
    default:
      return false;
  }
}

// For `<-chan T` / `<-port T` written in expression position: the element and
// direction of a chan or port type node.
bool directional_type(Expr* e, ChanDir** dir, Expr** value) {
  if (auto* c = e->as<ChanType>()) {
    *dir = &c->dir;
    *value = c->value;
    return true;
  }
  if (auto* p = e->as<PortType>()) {
    *dir = &p->dir;
    *value = p->value;
    return true;
  }
  return false;
}

}  // namespace

Ident* Parser::parse_ident() {
  Ident* id = make<Ident>(pos_);
  if (at(Tok::Ident)) {
    id->name = lit_;
    next();
  } else {
    id->name = "_";
    error_expected(pos_, "identifier");
  }
  return id;
}

std::vector<Ident*> Parser::parse_ident_list() {
  std::vector<Ident*> list;
  list.push_back(parse_ident());
  while (at(Tok::Comma)) {
    next();
    list.push_back(parse_ident());
  }
  return list;
}

Expr* Parser::make_bad_expr(Pos from) {
  BadExpr* bad = make<BadExpr>(from);
  bad->end = pos_;
  return bad;
}

Expr* Parser::parse_expr() {
  NestGuard guard(*this);
  return parse_binary_expr(1);
}

std::vector<Expr*> Parser::parse_expr_list() {
  std::vector<Expr*> list;
  list.push_back(parse_expr());
  while (at(Tok::Comma)) {
    next();
    list.push_back(parse_expr());
  }
  return list;
}

Expr* Parser::parse_binary_expr(int prec1) {
  // Precedence climbing; the recursion is bounded by the 5 precedence levels.
  Expr* x = parse_unary_expr();
  for (;;) {
    const int oprec = tok_precedence(tok_);
    if (oprec < prec1) return x;
    const Tok op = tok_;
    const Pos op_pos = pos_;
    next();
    Expr* y = parse_binary_expr(oprec + 1);
    x = make_binary(x, op, op_pos, y);
  }
}

BinaryExpr* Parser::make_binary(Expr* x, Tok op, Pos op_pos, Expr* y) {
  BinaryExpr* b = make<BinaryExpr>(x->pos);
  b->x = x;
  b->op = op;
  b->op_pos = op_pos;
  b->y = y;
  // Long operator chains build deep trees without deep parser recursion;
  // later stages walk them recursively, so their depth is limited here.
  auto depth_of = [this](Expr* e) {
    auto* bin = unparen(e)->as<BinaryExpr>();
    if (!bin) return 0;
    auto it = binary_depth_.find(bin->id);
    return it == binary_depth_.end() ? 0 : it->second;
  };
  const int depth = 1 + std::max(depth_of(x), depth_of(y));
  binary_depth_[b->id] = depth;
  if (depth > kMaxBinaryOperators) {
    error(op_pos, "expression exceeds the maximum of " + std::to_string(kMaxBinaryOperators) +
                      " binary operators on one path");
    throw Bailout{};
  }
  return b;
}

Expr* Parser::parse_unary_expr() {
  switch (tok_) {
    case Tok::Add: case Tok::Sub: case Tok::Not: case Tok::Xor: case Tok::And: {
      NestGuard guard(*this);
      UnaryExpr* u = make<UnaryExpr>(pos_);
      u->op = tok_;
      next();
      u->x = parse_unary_expr();
      return u;
    }
    case Tok::Mul: {
      NestGuard guard(*this);
      StarExpr* star = make<StarExpr>(pos_);
      next();
      star->x = parse_unary_expr();
      return star;
    }
    case Tok::Arrow: {
      NestGuard guard(*this);
      const Pos arrow = pos_;
      next();
      Expr* x = parse_unary_expr();
      ChanDir* dir_ptr = nullptr;
      Expr* value = nullptr;
      if (!directional_type(x, &dir_ptr, &value)) {
        UnaryExpr* u = make<UnaryExpr>(arrow);
        u->op = Tok::Arrow;
        u->x = x;
        return u;
      }
      // `<-chan T` (or `<-port T`): re-associate the arrow with the type,
      // e.g. <-chan chan<- int is <-chan (chan<- int) and
      // <-chan <-chan int is <-chan (<-chan int).
      ChanDir dir = ChanDir::Send;
      Expr* t = x;
      while (dir == ChanDir::Send && directional_type(t, &dir_ptr, &value)) {
        if (*dir_ptr == ChanDir::Recv) {
          error_expected(t->pos, "'chan'");
          break;
        }
        dir = *dir_ptr;
        *dir_ptr = ChanDir::Recv;
        t = value;
      }
      if (dir == ChanDir::Send) error_expected(arrow, "channel type");
      x->pos = arrow;
      return x;
    }
    default:
      return parse_primary_expr();
  }
}

Expr* Parser::parse_primary_expr() {
  Expr* x = parse_operand();
  // Suffix chains build deep trees without parser recursion: limit them.
  for (int chain = 0;; ++chain) {
    if (chain > kMaxPostfixChain) {
      error(pos_, "expression exceeds the maximum of " + std::to_string(kMaxPostfixChain) +
                      " selectors, indexes, calls and postfix operators");
      throw Bailout{};
    }
    switch (tok_) {
      case Tok::Period:
        x = parse_selector_or_assert(x);
        break;
      case Tok::LBrack:
        x = parse_index_or_slice(x);
        break;
      case Tok::LParen:
        x = parse_call(x);
        break;
      case Tok::LBrace:
        if (!composite_lit_allowed(x)) return x;
        x = parse_literal_value(x);
        break;
      case Tok::Question: {
        TryExpr* t = make<TryExpr>(x->pos);
        t->x = x;
        t->question = pos_;
        next();
        x = t;
        break;
      }
      case Tok::Tilde:
        x = parse_dyn(x);
        break;
      default:
        return x;
    }
  }
}

Expr* Parser::parse_operand() {
  switch (tok_) {
    case Tok::Ident:
      return parse_ident();
    case Tok::Int: case Tok::Float: case Tok::Char: case Tok::String: {
      BasicLit* lit = make<BasicLit>(pos_);
      lit->tok = tok_;
      lit->value = lit_;
      next();
      return lit;
    }
    case Tok::LParen: {
      ParenExpr* p = make<ParenExpr>(pos_);
      next();
      ++expr_lev_;  // composite literals are fine inside parentheses
      p->x = parse_expr();
      --expr_lev_;
      expect(Tok::RParen);
      return p;
    }
    case Tok::Func:
      return parse_func_type_or_lit();
    case Tok::Illegal: {
      Expr* bad = make_bad_expr(pos_);
      next();  // the lexer has reported it
      return bad;
    }
    default:
      break;
  }
  if (Expr* t = try_type()) return t;  // [N]T, struct, map, chan, port, island, ...
  const Pos p = pos_;
  error_expected(p, "operand");
  Expr* bad = make_bad_expr(p);
  if (!keep_for_recovery(tok_)) next();
  return bad;
}

Expr* Parser::parse_func_type_or_lit() {
  FuncType* ft = parse_func_type();
  if (!at(Tok::LBrace)) return ft;
  FuncLit* lit = make<FuncLit>(ft->pos);
  lit->type = ft;
  const int saved = expr_lev_;
  expr_lev_ = 0;
  lit->body = parse_block();
  expr_lev_ = saved;
  return lit;
}

Expr* Parser::parse_selector_or_assert(Expr* x) {
  next();  // '.'
  if (at(Tok::Ident)) {
    SelectorExpr* sel = make<SelectorExpr>(x->pos);
    sel->x = x;
    sel->sel = parse_ident();
    return sel;
  }
  if (at(Tok::LParen)) {
    TypeAssertExpr* ta = make<TypeAssertExpr>(x->pos);
    ta->x = x;
    ta->lparen = pos_;
    next();
    if (at(Tok::Type)) {
      // x.(type): only valid as a type switch guard, which accepts it later.
      next();
      stray_type_guards_.push_back(ta);
    } else {
      ta->type = parse_type();
    }
    expect(Tok::RParen);
    return ta;
  }
  error_expected(pos_, "selector or type assertion");
  SelectorExpr* sel = make<SelectorExpr>(x->pos);
  sel->x = x;
  sel->sel = make<Ident>(pos_);
  sel->sel->name = "_";
  return sel;
}

Expr* Parser::parse_index_or_slice(Expr* x) {
  const Pos lbrack = pos_;
  next();
  ++expr_lev_;
  Expr* index[3] = {nullptr, nullptr, nullptr};
  Pos colons[2] = {NoPos, NoPos};
  int ncolons = 0;
  if (!at(Tok::Colon)) index[0] = parse_expr();
  while (at(Tok::Colon) && ncolons < 2) {
    colons[ncolons++] = pos_;
    next();
    if (!at(Tok::Colon) && !at(Tok::RBrack) && !at(Tok::Eof)) index[ncolons] = parse_expr();
  }
  --expr_lev_;
  expect(Tok::RBrack);
  if (ncolons == 0) {
    IndexExpr* ix = make<IndexExpr>(x->pos);
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = index[0] ? index[0] : make_bad_expr(lbrack);
    return ix;
  }
  SliceExpr* s = make<SliceExpr>(x->pos);
  s->x = x;
  s->lbrack = lbrack;
  s->low = index[0];
  s->high = index[1];
  if (ncolons == 2) {
    s->slice3 = true;
    s->max = index[2];
    if (!s->high) error(colons[0], "middle index required in 3-index slice");
    if (!s->max) error(colons[1], "final index required in 3-index slice");
  }
  return s;
}

void Parser::parse_call_args(std::vector<Expr*>* args, Pos* ellipsis) {
  next();  // '('
  ++expr_lev_;
  bool reported = false;
  while (!at(Tok::RParen) && !at(Tok::Eof)) {
    if (*ellipsis != NoPos && !reported) {
      error(pos_, "can only use ... with final argument in list");
      reported = true;
    }
    // Types are allowed as arguments: make([]int, 3), make(port int, 4), make(island).
    args->push_back(parse_expr());
    if (at(Tok::Ellipsis)) {
      *ellipsis = pos_;
      next();
    }
    if (!list_continues("argument list", Tok::RParen)) break;
  }
  --expr_lev_;
  expect_closing(Tok::RParen, "argument list");
}

CallExpr* Parser::parse_call(Expr* fun) {
  CallExpr* call = make<CallExpr>(fun->pos);
  call->fun = fun;
  call->lparen = pos_;
  parse_call_args(&call->args, &call->ellipsis);
  return call;
}

Expr* Parser::parse_dyn(Expr* x) {
  DynExpr* d = make<DynExpr>(x->pos);
  d->x = x;
  d->arrow = pos_;
  next();  // '~>'
  switch (tok_) {
    case Tok::Ident:
      d->name = parse_ident();
      if (at(Tok::LParen)) {
        d->op = DynExpr::Op::Method;
        parse_call_args(&d->args, &d->ellipsis);
      } else {
        d->op = DynExpr::Op::Field;
      }
      break;
    case Tok::LBrack:
      d->op = DynExpr::Op::Index;
      next();
      ++expr_lev_;
      d->index = parse_expr();
      --expr_lev_;
      expect(Tok::RBrack);
      break;
    case Tok::LParen:
      d->op = DynExpr::Op::Call;
      parse_call_args(&d->args, &d->ellipsis);
      break;
    default:
      error_expected(pos_, "name, '[' or '(' after '~>'");
      d->op = DynExpr::Op::Field;
      d->name = make<Ident>(pos_);
      d->name->name = "_";
      break;
  }
  return d;
}

bool Parser::composite_lit_allowed(Expr* x) {
  Expr* t = unparen(x);
  bool ok = false;
  switch (t->kind) {
    case NodeKind::BadExpr: case NodeKind::Ident: case NodeKind::SelectorExpr:
      // In a control clause header `T {` opens the block, not a literal.
      ok = expr_lev_ >= 0;
      break;
    case NodeKind::ArrayType: case NodeKind::StructType: case NodeKind::MapType:
      ok = true;
      break;
    default:
      ok = false;
      break;
  }
  if (ok && t != x) error(t->pos, "cannot parenthesize type in composite literal");
  return ok;
}

CompositeLit* Parser::parse_literal_value(Expr* type) {
  NestGuard guard(*this);
  CompositeLit* lit = make<CompositeLit>(type ? type->pos : pos_);
  lit->type = type;
  lit->lbrace = pos_;
  next();  // '{'
  ++expr_lev_;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    lit->elts.push_back(parse_element());
    if (!list_continues("composite literal", Tok::RBrace)) break;
  }
  --expr_lev_;
  lit->rbrace = expect_closing(Tok::RBrace, "composite literal");
  return lit;
}

Expr* Parser::parse_element_value() {
  // An element may be an elided literal: {1, 2} inside [][]int{...}.
  if (at(Tok::LBrace)) return parse_literal_value(nullptr);
  return parse_expr();
}

Expr* Parser::parse_element() {
  Expr* x = parse_element_value();
  if (!at(Tok::Colon)) return x;
  KeyValueExpr* kv = make<KeyValueExpr>(x->pos);
  kv->key = x;
  kv->colon = pos_;
  next();
  kv->value = parse_element_value();
  return kv;
}

}  // namespace vo::syntax
