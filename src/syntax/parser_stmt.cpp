// Statement parsing. See parser_impl.h.
#include <algorithm>

#include "syntax/parser_impl.h"

namespace vo::syntax {

BlockStmt* Parser::parse_block() {
  NestGuard guard(*this);
  BlockStmt* b = make<BlockStmt>(pos_);
  expect(Tok::LBrace);
  b->list = parse_stmt_list();
  b->rbrace = expect(Tok::RBrace);
  return b;
}

std::vector<Stmt*> Parser::parse_stmt_list() {
  std::vector<Stmt*> list;
  while (!at(Tok::Case) && !at(Tok::Default) && !at(Tok::RBrace) && !at(Tok::Eof)) {
    if (at_func_decl()) break;  // missing '}' before the next declaration
    const Pos before = pos_;
    const Tok before_tok = tok_;
    if (Stmt* s = parse_stmt()) list.push_back(s);
    if (pos_ == before && tok_ == before_tok) next();  // always make progress
  }
  return list;
}

Stmt* Parser::parse_stmt() {
  NestGuard guard(*this);
  switch (tok_) {
    case Tok::Const: case Tok::Type: case Tok::Var: {
      DeclStmt* s = make<DeclStmt>(pos_);
      s->decl = parse_gen_decl(tok_);
      return s;
    }
    case Tok::Ident: case Tok::Int: case Tok::Float: case Tok::Char: case Tok::String:
    case Tok::Func: case Tok::LParen: case Tok::LBrack: case Tok::Struct: case Tok::Map:
    case Tok::Chan: case Tok::Interface: case Tok::Port: case Tok::Island:
    case Tok::Add: case Tok::Sub: case Tok::Mul: case Tok::And: case Tok::Xor: case Tok::Arrow:
    case Tok::Not: {
      Stmt* s = parse_simple_stmt(SimpleMode::LabelOk);
      if (!s->is<LabeledStmt>()) expect_semi();
      return s;
    }
    case Tok::Go:
      return parse_go_stmt();
    case Tok::Defer: case Tok::Errdefer:
      return parse_defer_stmt();
    case Tok::Fail:
      return parse_fail_stmt();
    case Tok::Return:
      return parse_return_stmt();
    case Tok::Break: case Tok::Continue: case Tok::Goto: case Tok::Fallthrough:
      return parse_branch_stmt();
    case Tok::LBrace: {
      BlockStmt* b = parse_block();
      expect_semi();
      return b;
    }
    case Tok::If:
      return parse_if_stmt();
    case Tok::Switch:
      return parse_switch_stmt();
    case Tok::Select:
      return parse_select_stmt();
    case Tok::For:
      return parse_for_stmt();
    case Tok::Semicolon: {
      EmptyStmt* s = make<EmptyStmt>(pos_);
      s->implicit = lit_ == "\n";
      next();
      return s;
    }
    case Tok::RBrace: {
      // A statement list may end without a final semicolon.
      EmptyStmt* s = make<EmptyStmt>(pos_);
      s->implicit = true;
      return s;
    }
    default: {
      BadStmt* bad = make<BadStmt>(pos_);
      error_expected(pos_, "statement");
      sync_stmt();
      return bad;
    }
  }
}

Stmt* Parser::parse_simple_stmt(SimpleMode mode) {
  const Pos start = pos_;
  std::vector<Expr*> lhs = parse_expr_list();

  if (tok_ == Tok::Define || tok_ == Tok::Assign || is_assign_op(tok_)) {
    const Tok op = tok_;
    const Pos op_pos = pos_;
    next();
    if (mode == SimpleMode::RangeOk && at(Tok::Range)) {
      return parse_range_clause(start, std::move(lhs), op, op_pos);
    }
    AssignStmt* as = make<AssignStmt>(start);
    as->lhs = std::move(lhs);
    as->tok = op;
    as->tok_pos = op_pos;
    as->rhs = parse_expr_list();
    return as;
  }

  if (lhs.size() > 1) {
    error_expected(lhs[0]->pos, "1 expression");
    // continue with the first expression
  }
  Expr* x = lhs[0];
  switch (tok_) {
    case Tok::Colon: {
      const Pos colon = pos_;
      next();
      if (auto* label = x->as<Ident>(); label && mode == SimpleMode::LabelOk) {
        LabeledStmt* ls = make<LabeledStmt>(start);
        ls->label = label;
        ls->stmt = parse_stmt();
        return ls;
      }
      error(colon, "illegal label declaration");
      return make<BadStmt>(start);
    }
    case Tok::Arrow: {
      SendStmt* s = make<SendStmt>(start);
      s->chan = x;
      s->arrow = pos_;
      next();
      s->value = parse_expr();
      return s;
    }
    case Tok::Inc: case Tok::Dec: {
      IncDecStmt* s = make<IncDecStmt>(start);
      s->x = x;
      s->tok = tok_;
      next();
      return s;
    }
    default: {
      ExprStmt* s = make<ExprStmt>(start);
      s->x = x;
      return s;
    }
  }
}

Stmt* Parser::parse_range_clause(Pos start, std::vector<Expr*> lhs, Tok op, Pos op_pos) {
  RangeStmt* r = make<RangeStmt>(start);
  next();  // 'range'
  if (op != Tok::Define && op != Tok::Assign) {
    error(op_pos, "for-range clause requires '=' or ':=', not a compound assignment");
    op = Tok::Assign;
  }
  if (lhs.size() > 2) {
    error(lhs[2]->pos, "for-range clause accepts at most two iteration variables");
  }
  r->key = lhs[0];
  r->value = lhs.size() > 1 ? lhs[1] : nullptr;
  r->tok = op;
  r->tok_pos = op_pos;
  r->x = parse_expr();
  return r;
}

Stmt* Parser::parse_header_stmt(SimpleMode mode, std::string_view keyword) {
  if (at(Tok::Var)) {
    // `if var x = 1; ...`: report it, then read the rest as `x = 1`.
    error(pos_, "var declaration not allowed in " + std::string(keyword) + " initializer");
    next();
  }
  return parse_simple_stmt(mode);
}

CallExpr* Parser::parse_call_operand(std::string_view stmt_name) {
  Expr* x = parse_expr();
  Expr* inner = x;
  while (auto* p = inner->as<ParenExpr>()) inner = p->x;
  if (inner != x) {
    error(x->pos, "expression in " + std::string(stmt_name) + " must not be parenthesized");
  }
  if (auto* call = inner->as<CallExpr>()) return call;
  if (!inner->is<BadExpr>()) {
    error(x->pos, "expression in " + std::string(stmt_name) + " must be function call");
  }
  return nullptr;
}

Stmt* Parser::parse_go_stmt() {
  GoStmt* s = make<GoStmt>(pos_);
  next();  // 'go'
  if (at(Tok::At)) {
    // go @(island) call
    next();
    expect(Tok::LParen);
    ++expr_lev_;
    s->island = parse_expr();
    --expr_lev_;
    expect(Tok::RParen);
  }
  s->call = parse_call_operand("go");
  expect_semi();
  if (!s->call) return make<BadStmt>(s->pos);
  return s;
}

Stmt* Parser::parse_defer_stmt() {
  DeferStmt* s = make<DeferStmt>(pos_);
  s->is_errdefer = at(Tok::Errdefer);
  next();
  s->call = parse_call_operand(s->is_errdefer ? "errdefer" : "defer");
  expect_semi();
  if (!s->call) return make<BadStmt>(s->pos);
  return s;
}

Stmt* Parser::parse_fail_stmt() {
  FailStmt* s = make<FailStmt>(pos_);
  next();  // 'fail'
  s->x = parse_expr();
  expect_semi();
  return s;
}

Stmt* Parser::parse_return_stmt() {
  ReturnStmt* s = make<ReturnStmt>(pos_);
  next();
  if (!at(Tok::Semicolon) && !at(Tok::RBrace)) s->results = parse_expr_list();
  expect_semi();
  return s;
}

Stmt* Parser::parse_branch_stmt() {
  BranchStmt* s = make<BranchStmt>(pos_);
  s->tok = tok_;
  next();
  if (s->tok != Tok::Fallthrough && at(Tok::Ident)) s->label = parse_ident();
  expect_semi();
  return s;
}

Expr* Parser::make_cond_expr(Stmt* s, std::string_view want) {
  if (!s) return nullptr;
  if (auto* es = s->as<ExprStmt>()) return es->x;
  const bool assignment = s->is<AssignStmt>() || s->is<RangeStmt>();
  error(s->pos, "expected " + std::string(want) + ", found " +
                    (assignment ? "assignment" : "simple statement") +
                    " (missing parentheses around composite literal?)");
  return make<BadExpr>(s->pos);
}

Stmt* Parser::parse_if_stmt() {
  NestGuard guard(*this);  // else-if chains recurse
  IfStmt* s = make<IfStmt>(pos_);
  next();  // 'if'
  if (at(Tok::LBrace)) {
    error(pos_, "missing condition in if statement");
    s->cond = make_bad_expr(pos_);
  } else {
    const int saved = expr_lev_;
    expr_lev_ = -1;
    Stmt* init = nullptr;
    if (!at(Tok::Semicolon)) init = parse_header_stmt(SimpleMode::Basic, "if");
    Stmt* cond = nullptr;
    if (at(Tok::Semicolon)) {
      const bool newline = lit_ == "\n";
      const Pos semi = pos_;
      next();
      if (at(Tok::LBrace)) {
        error(newline ? semi : pos_, newline ? "unexpected newline, expected { after if clause"
                                             : "missing condition in if statement");
      } else {
        cond = parse_simple_stmt(SimpleMode::Basic);
      }
    } else {
      cond = init;
      init = nullptr;
    }
    expr_lev_ = saved;
    s->init = init;
    s->cond = make_cond_expr(cond, "boolean expression");
    if (!s->cond) s->cond = make_bad_expr(pos_);
  }
  s->body = parse_block();
  if (at(Tok::Else)) {
    next();
    if (at(Tok::If)) {
      s->else_ = parse_if_stmt();  // consumes its own terminator
    } else if (at(Tok::LBrace)) {
      s->else_ = parse_block();
      expect_semi();
    } else {
      error_expected(pos_, "if statement or block");
      s->else_ = make<BadStmt>(pos_);
      sync_stmt();
    }
  } else {
    expect_semi();
  }
  return s;
}

bool Parser::is_type_switch_guard(Stmt* s) {
  if (!s) return false;
  TypeAssertExpr* guard = nullptr;
  if (auto* es = s->as<ExprStmt>()) {
    guard = es->x->as<TypeAssertExpr>();
  } else if (auto* as = s->as<AssignStmt>()) {
    if (as->lhs.size() == 1 && as->rhs.size() == 1 && as->lhs[0]->is<Ident>()) {
      guard = as->rhs[0]->as<TypeAssertExpr>();
      if (guard && !guard->type && as->tok != Tok::Define) {
        error(as->tok_pos, "expected ':=', found '" + std::string(tok_string(as->tok)) + "'");
        as->tok = Tok::Define;
      }
    }
  }
  if (!guard || guard->type) return false;
  auto it = std::find(stray_type_guards_.begin(), stray_type_guards_.end(), guard);
  if (it != stray_type_guards_.end()) stray_type_guards_.erase(it);
  return true;
}

Stmt* Parser::parse_switch_stmt() {
  const Pos switch_pos = pos_;
  next();  // 'switch'
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  if (!at(Tok::LBrace)) {
    const int saved = expr_lev_;
    expr_lev_ = -1;
    if (!at(Tok::Semicolon)) s2 = parse_header_stmt(SimpleMode::Basic, "switch");
    if (at(Tok::Semicolon)) {
      next();
      s1 = s2;
      s2 = nullptr;
      if (!at(Tok::LBrace)) s2 = parse_simple_stmt(SimpleMode::Basic);
    }
    expr_lev_ = saved;
  }
  const bool type_switch = is_type_switch_guard(s2);

  BlockStmt* body = make<BlockStmt>(pos_);
  expect(Tok::LBrace);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (at(Tok::Case) || at(Tok::Default)) {
      body->list.push_back(parse_case_clause(type_switch));
      continue;
    }
    if (at_func_decl()) break;
    const Pos before = pos_;
    const Tok before_tok = tok_;
    error_expected(pos_, "'case' or 'default'");
    sync_stmt();
    if (pos_ == before && tok_ == before_tok) next();
  }
  body->rbrace = expect(Tok::RBrace);
  expect_semi();

  if (type_switch) {
    TypeSwitchStmt* ts = make<TypeSwitchStmt>(switch_pos);
    ts->init = s1;
    ts->assign = s2;
    ts->body = body;
    return ts;
  }
  SwitchStmt* sw = make<SwitchStmt>(switch_pos);
  sw->init = s1;
  sw->tag = make_cond_expr(s2, "switch expression");
  sw->body = body;
  return sw;
}

CaseClause* Parser::parse_case_clause(bool type_switch) {
  NestGuard guard(*this);
  CaseClause* c = make<CaseClause>(pos_);
  if (at(Tok::Case)) {
    next();
    if (type_switch) {
      c->list.push_back(parse_type());
      while (at(Tok::Comma)) {
        next();
        c->list.push_back(parse_type());
      }
    } else {
      c->list = parse_expr_list();
    }
  } else {
    next();  // 'default'
    c->is_default = true;
  }
  c->colon = expect(Tok::Colon);
  c->body = parse_stmt_list();
  return c;
}

Stmt* Parser::parse_select_stmt() {
  SelectStmt* s = make<SelectStmt>(pos_);
  next();  // 'select'
  BlockStmt* body = make<BlockStmt>(pos_);
  expect(Tok::LBrace);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (at(Tok::Case) || at(Tok::Default)) {
      body->list.push_back(parse_comm_clause());
      continue;
    }
    if (at_func_decl()) break;
    const Pos before = pos_;
    const Tok before_tok = tok_;
    error_expected(pos_, "'case' or 'default'");
    sync_stmt();
    if (pos_ == before && tok_ == before_tok) next();
  }
  body->rbrace = expect(Tok::RBrace);
  expect_semi();
  s->body = body;
  return s;
}

CommClause* Parser::parse_comm_clause() {
  NestGuard guard(*this);
  CommClause* c = make<CommClause>(pos_);
  if (at(Tok::Case)) {
    next();
    const Pos start = pos_;
    std::vector<Expr*> lhs = parse_expr_list();
    if (at(Tok::Arrow)) {
      // SendStmt
      if (lhs.size() > 1) error_expected(lhs[0]->pos, "1 expression");
      SendStmt* send = make<SendStmt>(start);
      send->chan = lhs[0];
      send->arrow = pos_;
      next();
      send->value = parse_expr();
      c->comm = send;
    } else if (at(Tok::Assign) || at(Tok::Define) || is_assign_op(tok_)) {
      // RecvStmt
      Tok op = tok_;
      const Pos op_pos = pos_;
      next();
      if (is_assign_op(op)) {
        error(op_pos, "select receive requires '=' or ':=', not a compound assignment");
        op = Tok::Assign;
      }
      if (lhs.size() > 2) {
        error(lhs[2]->pos, "select receive accepts at most two assignment targets");
        lhs.resize(2);
      }
      AssignStmt* as = make<AssignStmt>(start);
      as->lhs = std::move(lhs);
      as->tok = op;
      as->tok_pos = op_pos;
      as->rhs.push_back(parse_expr());
      c->comm = as;
    } else {
      if (lhs.size() > 1) error_expected(lhs[0]->pos, "1 expression");
      ExprStmt* es = make<ExprStmt>(start);
      es->x = lhs[0];
      c->comm = es;
    }
  } else {
    next();  // 'default'
  }
  c->colon = expect(Tok::Colon);
  c->body = parse_stmt_list();
  return c;
}

Stmt* Parser::parse_for_stmt() {
  const Pos for_pos = pos_;
  next();  // 'for'
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  Stmt* s3 = nullptr;
  RangeStmt* range = nullptr;
  if (!at(Tok::LBrace)) {
    const int saved = expr_lev_;
    expr_lev_ = -1;
    if (!at(Tok::Semicolon)) {
      if (at(Tok::Range)) {
        // for range x
        range = make<RangeStmt>(for_pos);
        range->tok = Tok::Illegal;
        next();
        range->x = parse_expr();
      } else {
        s2 = parse_header_stmt(SimpleMode::RangeOk, "for");
        range = s2->as<RangeStmt>();
      }
    }
    if (!range && at(Tok::Semicolon)) {
      next();
      s1 = s2;
      s2 = nullptr;
      if (!at(Tok::Semicolon) && !at(Tok::LBrace)) s2 = parse_simple_stmt(SimpleMode::Basic);
      if (at(Tok::Semicolon)) {
        next();
      } else {
        error_expected(pos_, "';'");
      }
      if (!at(Tok::LBrace)) s3 = parse_simple_stmt(SimpleMode::Basic);
    }
    expr_lev_ = saved;
  }
  if (s3) {
    if (auto* as = s3->as<AssignStmt>(); as && as->tok == Tok::Define) {
      error(as->pos, "cannot declare in post statement of for loop");
    }
  }
  BlockStmt* body = parse_block();
  expect_semi();

  if (range) {
    range->pos = for_pos;
    range->body = body;
    return range;
  }
  ForStmt* f = make<ForStmt>(for_pos);
  f->init = s1;
  f->cond = make_cond_expr(s2, "boolean or range expression");
  f->post = s3;
  f->body = body;
  return f;
}

}  // namespace vo::syntax
