// Parser infrastructure, declarations and types. See parser_impl.h.
#include "syntax/parser.h"

#include "syntax/parser_impl.h"

namespace vo::syntax {

// ---- entry points ------------------------------------------------------------

File* parse_file(Ast& ast, const SourceFile& src, Diagnostics& diags) {
  Parser p(ast, src, diags);
  return p.parse_file();
}

Expr* parse_expr(Ast& ast, const SourceFile& src, Diagnostics& diags) {
  Parser p(ast, src, diags);
  return p.parse_single_expr();
}

Parser::Parser(Ast& ast, const SourceFile& src, Diagnostics& diags)
    : ast_(ast), src_(src), diags_(diags), lexer_(src, diags) {
  first_error_index_ = static_cast<int>(diags_.list().size());
  error_base_ = diags_.error_count();
  next();
}

Parser::NestGuard::NestGuard(Parser& p) : p_(p) {
  if (++p_.depth_ > kMaxNestingDepth) {
    p_.error(p_.pos_, "syntax exceeds maximum nesting depth of " + std::to_string(kMaxNestingDepth));
    throw Bailout{};
  }
}

File* Parser::parse_file() {
  File* file = make<File>(pos_);
  file->source = &src_;
  try {
    // The package clause is optional: without one the file is package main.
    if (at(Tok::Package)) {
      file->pos = pos_;
      next();
      file->package = parse_ident();
      expect_semi();
    }
    while (at(Tok::Import)) {
      GenDecl* d = parse_gen_decl(Tok::Import);
      file->decls.push_back(d);
    }
    while (!at(Tok::Eof)) {
      const Pos before = pos_;
      const Tok before_tok = tok_;
      if (Decl* d = parse_decl()) file->decls.push_back(d);
      if (pos_ == before && tok_ == before_tok) next();  // always make progress
    }
  } catch (const Bailout&) {
    // The file is abandoned; what was parsed so far is kept.
  }
  for (Decl* d : file->decls) {
    auto* g = d->as<GenDecl>();
    if (!g || g->tok != Tok::Import) continue;
    for (Node* spec : g->specs) {
      if (auto* is = spec->as<ImportSpec>()) file->imports.push_back(is);
    }
  }
  report_stray_type_guards();
  return file;
}

Expr* Parser::parse_single_expr() {
  Expr* x = nullptr;
  try {
    x = parse_expr();
    if (at(Tok::Semicolon) && lit_ == "\n") next();
    if (!at(Tok::Eof)) error_expected(pos_, "end of expression");
  } catch (const Bailout&) {
    if (!x) x = make_bad_expr(pos_);
  }
  report_stray_type_guards();
  return x;
}

namespace {

bool is_stmt_keyword(Tok t) {
  switch (t) {
    case Tok::Break: case Tok::Const: case Tok::Continue: case Tok::Defer: case Tok::Errdefer:
    case Tok::Fail: case Tok::Fallthrough: case Tok::For: case Tok::Go: case Tok::Goto:
    case Tok::If: case Tok::Return: case Tok::Select: case Tok::Switch: case Tok::Type:
    case Tok::Var:
      return true;
    default:
      return false;
  }
}

// Tokens that may begin a type, or "...T" in a parameter list.
bool type_can_start(Tok t) {
  switch (t) {
    case Tok::Ident: case Tok::LBrack: case Tok::Struct: case Tok::Mul: case Tok::Func:
    case Tok::Interface: case Tok::Map: case Tok::Chan: case Tok::Port: case Tok::Arrow:
    case Tok::Island: case Tok::LParen: case Tok::Ellipsis:
      return true;
    default:
      return false;
  }
}

// Tokens that may begin a list element (expression, type, "...T" or an
// elided composite literal).
bool element_can_start(Tok t) {
  switch (t) {
    case Tok::Ident: case Tok::Int: case Tok::Float: case Tok::Char: case Tok::String:
    case Tok::LParen: case Tok::LBrack: case Tok::LBrace: case Tok::Func: case Tok::Mul:
    case Tok::Sub: case Tok::Add: case Tok::Not: case Tok::Xor: case Tok::And: case Tok::Arrow:
    case Tok::Map: case Tok::Chan: case Tok::Struct: case Tok::Interface: case Tok::Port:
    case Tok::Island: case Tok::Ellipsis:
      return true;
    default:
      return false;
  }
}

bool is_decl_keyword(Tok t) {
  return t == Tok::Func || t == Tok::Var || t == Tok::Const || t == Tok::Type || t == Tok::Import;
}

}  // namespace

// ---- tokens and errors -------------------------------------------------------

void Parser::next() {
  if (diags_.error_count() - error_base_ > kMaxSyntaxErrors) {
    diags_.error(pos_, "too many syntax errors");
    throw Bailout{};
  }
  Token t;
  if (has_peek_) {
    t = std::move(peek_);
    has_peek_ = false;
  } else {
    t = lexer_.next();
  }
  tok_ = t.tok;
  pos_ = t.pos;
  lit_ = std::move(t.lit);
}

Tok Parser::peek() {
  if (!has_peek_) {
    peek_ = lexer_.next();
    has_peek_ = true;
  }
  return peek_.tok;
}

bool Parser::at_func_decl() {
  // `func name` cannot start a statement: inside a block it means the block
  // was not closed, so statement lists stop there and the declaration is
  // parsed at the top level.
  return at(Tok::Func) && peek() == Tok::Ident;
}

int Parser::line_of(Pos p) const { return src_.position(p).line; }

void Parser::error(Pos pos, std::string msg) {
  diags_.error(pos, std::move(msg));
  if (diags_.error_count() - error_base_ > kMaxSyntaxErrors) {
    diags_.error(pos, "too many syntax errors");
    throw Bailout{};
  }
}

void Parser::syntax_error(Pos pos, std::string msg) {
  // Only the first error on a line is kept: later ones are usually a
  // consequence of it.
  const auto& list = diags_.list();
  for (size_t i = list.size(); i > static_cast<size_t>(first_error_index_); --i) {
    const Diagnostic& d = list[i - 1];
    if (d.severity != Severity::Error) continue;
    if (line_of(d.pos) == line_of(pos)) return;
    break;
  }
  error(pos, std::move(msg));
}

void Parser::error_expected(Pos pos, std::string_view what) {
  std::string msg = "expected ";
  msg += what;
  if (pos == pos_) {
    if (tok_ == Tok::Illegal) return;  // the lexer has already complained
    if (tok_ == Tok::Semicolon && lit_ == "\n") {
      msg += ", found newline";
    } else if (tok_ == Tok::Int || tok_ == Tok::Float || tok_ == Tok::Char || tok_ == Tok::String) {
      msg += ", found " + lit_;
    } else if (tok_ == Tok::Ident) {
      msg += ", found '" + lit_ + "'";
    } else {
      msg += ", found '";
      msg += tok_string(tok_);
      msg += '\'';
    }
  }
  syntax_error(pos, std::move(msg));
}

Pos Parser::expect(Tok t) {
  const Pos p = pos_;
  if (tok_ == t) {
    next();
  } else {
    error_expected(p, std::string("'") + std::string(tok_string(t)) + "'");
  }
  return p;
}

Pos Parser::expect_closing(Tok t, std::string_view context) {
  if (closing_reported_) {
    // list_continues already reported the missing comma before a newline
    // that is followed by something else: do not report the closer again.
    closing_reported_ = false;
    if (tok_ != t) return pos_;
  }
  if (tok_ != t && tok_ == Tok::Semicolon && lit_ == "\n") {
    syntax_error(pos_, "missing ',' before newline in " + std::string(context));
    next();
  }
  return expect(t);
}

void Parser::expect_semi() {
  // A semicolon may be omitted before a closing ")" or "}".
  if (at(Tok::RParen) || at(Tok::RBrace)) return;
  if (at(Tok::Semicolon)) {
    next();
    return;
  }
  error_expected(pos_, "';'");
  sync_stmt();
}

bool Parser::list_continues(std::string_view context, Tok closing) {
  if (at(Tok::Comma)) {
    next();
    return true;
  }
  if (at(closing) || at(Tok::Eof)) return false;
  if (at(Tok::Semicolon) && lit_ == "\n") {
    syntax_error(pos_, "missing ',' before newline in " + std::string(context));
    next();
    if (at(closing)) return false;
    if (element_can_start(tok_)) return true;
    closing_reported_ = true;
    return false;
  }
  if (at(Tok::Illegal)) {
    next();
    return !at(closing) && !at(Tok::Eof);
  }
  syntax_error(pos_, "missing ',' in " + std::string(context));
  // Carry on as if the comma were there when another element can start here.
  return element_can_start(tok_);
}

void Parser::sync_stmt() {
  // Skip to the end of the current statement: a ';' outside brackets, a
  // statement keyword, or a closing bracket that belongs to an enclosing
  // construct (left for the caller).
  int depth = 0;
  for (;;) {
    switch (tok_) {
      case Tok::Eof:
        return;
      case Tok::LParen: case Tok::LBrack: case Tok::LBrace:
        ++depth;
        break;
      case Tok::RParen: case Tok::RBrack: case Tok::RBrace:
        if (depth == 0) return;
        --depth;
        break;
      case Tok::Semicolon:
        if (depth == 0) {
          next();
          return;
        }
        break;
      default:
        if (depth == 0 && is_stmt_keyword(tok_)) return;
        if (at_func_decl()) return;
        break;
    }
    next();
  }
}

void Parser::sync_decl() {
  // Skip to the next declaration keyword that is not nested in brackets.
  int depth = 0;
  for (;;) {
    if (at(Tok::Eof)) return;
    if (depth <= 0 && is_decl_keyword(tok_)) return;
    if (at(Tok::LParen) || at(Tok::LBrack) || at(Tok::LBrace)) ++depth;
    if (at(Tok::RParen) || at(Tok::RBrack) || at(Tok::RBrace)) --depth;
    next();
  }
}

void Parser::report_stray_type_guards() {
  for (TypeAssertExpr* x : stray_type_guards_) {
    diags_.error(x->lparen, "use of .(type) outside type switch");
  }
  stray_type_guards_.clear();
}

// ---- declarations ------------------------------------------------------------

Decl* Parser::parse_decl() {
  switch (tok_) {
    case Tok::Const: case Tok::Var: case Tok::Type:
      return parse_gen_decl(tok_);
    case Tok::Func:
      return parse_func_decl();
    case Tok::Import:
      error(pos_, "imports must appear before other declarations");
      return parse_gen_decl(Tok::Import);
    default:
      error_expected(pos_, "declaration");
      sync_decl();
      return nullptr;
  }
}

GenDecl* Parser::parse_gen_decl(Tok keyword) {
  GenDecl* d = make<GenDecl>(pos_);
  d->tok = keyword;
  next();
  if (at(Tok::LParen)) {
    d->lparen = pos_;
    next();
    for (int index = 0; !at(Tok::RParen) && !at(Tok::Eof) && !at_func_decl(); ++index) {
      const Pos before = pos_;
      const Tok before_tok = tok_;
      if (Node* spec = parse_spec(keyword, index)) d->specs.push_back(spec);
      if (pos_ == before && tok_ == before_tok) next();
    }
    expect(Tok::RParen);
    expect_semi();
  } else if (Node* spec = parse_spec(keyword, 0)) {
    d->specs.push_back(spec);
  }
  return d;
}

Node* Parser::parse_spec(Tok keyword, int index) {
  NestGuard guard(*this);
  switch (keyword) {
    case Tok::Import: return parse_import_spec();
    case Tok::Type: return parse_type_spec();
    default: return parse_value_spec(keyword, index);
  }
}

ImportSpec* Parser::parse_import_spec() {
  ImportSpec* spec = make<ImportSpec>(pos_);
  if (at(Tok::Ident)) {
    spec->name = parse_ident();
  } else if (at(Tok::Period)) {
    spec->name = make<Ident>(pos_);
    spec->name->name = ".";
    next();
  }
  if (at(Tok::String)) {
    spec->path = make<BasicLit>(pos_);
    spec->path->tok = Tok::String;
    spec->path->value = lit_;
    next();
  } else {
    error_expected(pos_, "import path");
    spec->path = make<BasicLit>(pos_);
    spec->path->tok = Tok::String;
    spec->path->value = "\"\"";
  }
  expect_semi();
  return spec;
}

ValueSpec* Parser::parse_value_spec(Tok keyword, int index) {
  ValueSpec* spec = make<ValueSpec>(pos_);
  if (keyword == Tok::Const) spec->iota = index;
  spec->names = parse_ident_list();
  if (keyword == Tok::Const) {
    // A const spec may omit both type and values (implicit repetition).
    if (!at(Tok::Eof) && !at(Tok::Semicolon) && !at(Tok::RParen)) {
      spec->type = try_type();
      if (at(Tok::Assign)) {
        next();
        spec->values = parse_expr_list();
      } else if (!spec->type) {
        error_expected(pos_, "type or '='");
      }
    }
    if (spec->values.empty() && (spec->type || index == 0)) {
      error(spec->pos, "missing init expr for const declaration");
    }
  } else {
    if (!at(Tok::Assign)) spec->type = parse_type();
    if (at(Tok::Assign)) {
      next();
      spec->values = parse_expr_list();
    }
  }
  expect_semi();
  return spec;
}

TypeSpec* Parser::parse_type_spec() {
  TypeSpec* spec = make<TypeSpec>(pos_);
  spec->name = parse_ident();
  if (at(Tok::Assign)) {
    spec->assign = pos_;
    next();
  }
  spec->type = parse_type();
  expect_semi();
  return spec;
}

FuncDecl* Parser::parse_func_decl() {
  NestGuard guard(*this);
  FuncDecl* d = make<FuncDecl>(pos_);
  const Pos func_pos = pos_;
  next();
  if (at(Tok::LParen)) d->recv = parse_parameters(ParamContext::Receiver);
  d->name = parse_ident();
  d->type = make<FuncType>(func_pos);
  parse_signature(d->type);
  if (at(Tok::LBrace)) {
    const int saved = expr_lev_;
    expr_lev_ = 0;
    d->body = parse_block();
    expr_lev_ = saved;
  }
  expect_semi();
  return d;
}

// ---- types -------------------------------------------------------------------

Expr* Parser::parse_type() {
  if (Expr* t = try_type()) return t;
  const Pos p = pos_;
  error_expected(p, "type");
  return make_bad_expr(p);
}

Expr* Parser::try_type() {
  NestGuard guard(*this);
  switch (tok_) {
    case Tok::Ident:
      return parse_type_name();
    case Tok::LBrack:
      return parse_array_type();
    case Tok::Struct:
      return parse_struct_type();
    case Tok::Mul: {
      StarExpr* star = make<StarExpr>(pos_);
      next();
      star->x = parse_type();
      return star;
    }
    case Tok::Func:
      return parse_func_type();
    case Tok::Interface:
      return parse_interface_type();
    case Tok::Map:
      return parse_map_type();
    case Tok::Chan:
      return parse_queue_type<ChanType>();
    case Tok::Port:
      return parse_queue_type<PortType>();
    case Tok::Arrow:
      return parse_recv_type();
    case Tok::Island: {
      IslandType* t = make<IslandType>(pos_);
      next();
      return t;
    }
    case Tok::LParen: {
      ParenExpr* paren = make<ParenExpr>(pos_);
      next();
      paren->x = parse_type();
      expect(Tok::RParen);
      return paren;
    }
    default:
      return nullptr;
  }
}

Expr* Parser::parse_type_name() {
  Ident* id = parse_ident();
  if (!at(Tok::Period)) return id;
  next();
  SelectorExpr* sel = make<SelectorExpr>(id->pos);
  sel->x = id;
  sel->sel = parse_ident();
  return sel;
}

Expr* Parser::parse_array_type() {
  ArrayType* t = make<ArrayType>(pos_);
  next();  // '['
  if (at(Tok::Ellipsis)) {
    t->len = make<Ellipsis>(pos_);
    next();
  } else if (!at(Tok::RBrack)) {
    ++expr_lev_;
    t->len = parse_expr();
    --expr_lev_;
  }
  expect(Tok::RBrack);
  t->elt = parse_type();
  return t;
}

Expr* Parser::parse_map_type() {
  MapType* t = make<MapType>(pos_);
  next();
  expect(Tok::LBrack);
  t->key = parse_type();
  expect(Tok::RBrack);
  t->value = parse_type();
  return t;
}

// `chan T` / `chan<- T` and `port T` / `port<- T` share one shape.
template <class T>
Expr* Parser::parse_queue_type() {
  T* t = make<T>(pos_);
  next();
  if (at(Tok::Arrow)) {
    next();
    t->dir = ChanDir::Send;
  }
  t->value = parse_type();
  return t;
}

Expr* Parser::parse_recv_type() {
  const Pos arrow = pos_;
  next();  // '<-'
  if (at(Tok::Chan)) {
    ChanType* t = make<ChanType>(arrow);
    next();
    if (at(Tok::Arrow)) error_expected(pos_, "element type");
    t->dir = ChanDir::Recv;
    t->value = parse_type();
    return t;
  }
  if (at(Tok::Port)) {
    PortType* t = make<PortType>(arrow);
    next();
    if (at(Tok::Arrow)) error_expected(pos_, "element type");
    t->dir = ChanDir::Recv;
    t->value = parse_type();
    return t;
  }
  error_expected(pos_, "'chan' or 'port'");
  return make_bad_expr(arrow);
}

StructType* Parser::parse_struct_type() {
  StructType* t = make<StructType>(pos_);
  next();
  t->fields = make<FieldList>(pos_);
  expect(Tok::LBrace);
  while (!at(Tok::RBrace) && !at(Tok::Eof) && !at_func_decl()) {
    const Pos before = pos_;
    const Tok before_tok = tok_;
    if (Field* f = parse_field_decl()) t->fields->list.push_back(f);
    if (pos_ == before && tok_ == before_tok) next();
  }
  t->fields->closing = expect(Tok::RBrace);
  return t;
}

Field* Parser::parse_field_decl() {
  Field* f = make<Field>(pos_);
  if (at(Tok::Ident)) {
    Ident* name = parse_ident();
    if (at(Tok::Period) || at(Tok::String) || at(Tok::Semicolon) || at(Tok::RBrace)) {
      // Embedded type, possibly package-qualified.
      Expr* type = name;
      if (at(Tok::Period)) {
        next();
        SelectorExpr* sel = make<SelectorExpr>(name->pos);
        sel->x = name;
        sel->sel = parse_ident();
        type = sel;
      }
      f->type = type;
    } else {
      f->names.push_back(name);
      while (at(Tok::Comma)) {
        next();
        f->names.push_back(parse_ident());
      }
      f->type = parse_type();
    }
  } else if (at(Tok::LParen)) {
    error(pos_, "cannot parenthesize embedded type");
    f->type = parse_type();
  } else if (Expr* type = try_type()) {
    // Embedded *T, or a type that cannot be embedded at all ([]int, map...):
    // kept as an embedded field so the type checker can explain the problem.
    if (auto* star = type->as<StarExpr>(); star && star->x && star->x->is<ParenExpr>()) {
      error(star->x->pos, "cannot parenthesize embedded type");
    }
    f->type = type;
  } else {
    error_expected(pos_, "field name or embedded type");
    sync_stmt();
    return nullptr;
  }
  if (at(Tok::String)) {
    f->tag = make<BasicLit>(pos_);
    f->tag->tok = Tok::String;
    f->tag->value = lit_;
    next();
  }
  expect_semi();
  return f;
}

InterfaceType* Parser::parse_interface_type() {
  InterfaceType* t = make<InterfaceType>(pos_);
  next();
  t->methods = make<FieldList>(pos_);
  expect(Tok::LBrace);
  while (!at(Tok::RBrace) && !at(Tok::Eof) && !at_func_decl()) {
    const Pos before = pos_;
    const Tok before_tok = tok_;
    if (Field* f = parse_interface_elem()) t->methods->list.push_back(f);
    if (pos_ == before && tok_ == before_tok) next();
  }
  t->methods->closing = expect(Tok::RBrace);
  return t;
}

Field* Parser::parse_interface_elem() {
  if (!at(Tok::Ident)) {
    error_expected(pos_, "method or embedded interface");
    sync_stmt();
    return nullptr;
  }
  Field* f = make<Field>(pos_);
  Ident* name = parse_ident();
  if (at(Tok::LParen)) {
    FuncType* ft = make<FuncType>(name->pos);
    parse_signature(ft);
    f->names.push_back(name);
    f->type = ft;
  } else if (at(Tok::Period)) {
    next();
    SelectorExpr* sel = make<SelectorExpr>(name->pos);
    sel->x = name;
    sel->sel = parse_ident();
    f->type = sel;
  } else {
    f->type = name;
  }
  expect_semi();
  return f;
}

FuncType* Parser::parse_func_type() {
  FuncType* ft = make<FuncType>(pos_);
  next();  // 'func'
  parse_signature(ft);
  return ft;
}

void Parser::parse_signature(FuncType* ft) {
  ft->params = parse_parameters(ParamContext::Params);
  ft->results = parse_results();
}

FieldList* Parser::parse_results() {
  if (at(Tok::LParen)) return parse_parameters(ParamContext::Results);
  if (at(Tok::Ellipsis)) {
    error(pos_, "function results cannot be variadic");
    Expr* t = parse_param_type();
    FieldList* list = make<FieldList>(t->pos);
    Field* f = make<Field>(t->pos);
    f->type = t;
    list->list.push_back(f);
    return list;
  }
  Expr* t = try_type();
  if (!t) return nullptr;
  FieldList* list = make<FieldList>(t->pos);
  Field* f = make<Field>(t->pos);
  f->type = t;
  list->list.push_back(f);
  return list;
}

Expr* Parser::parse_param_type() {
  if (at(Tok::Ellipsis)) {
    Ellipsis* e = make<Ellipsis>(pos_);
    next();
    e->elt = parse_type();
    return e;
  }
  return try_type();
}

FieldList* Parser::parse_parameters(ParamContext ctx) {
  NestGuard guard(*this);
  const char* what = ctx == ParamContext::Results    ? "result"
                     : ctx == ParamContext::Receiver ? "receiver"
                                                     : "parameter";
  FieldList* list = make<FieldList>(pos_);
  if (!at(Tok::LParen)) {
    error_expected(pos_, "'('");
    return list;
  }
  next();

  // Each entry is either a lone type (which may turn out to be a name) or a
  // name followed by its type. Which reading applies is decided once the
  // whole list has been seen, as in Go.
  struct Entry {
    Expr* first = nullptr;  // lone type, or the name of a named entry
    Expr* type = nullptr;   // set for "name Type" entries
  };
  std::vector<Entry> entries;
  bool any_named = false;
  while (!at(Tok::RParen) && !at(Tok::Eof)) {
    Entry e;
    e.first = parse_param_type();
    if (!e.first) {
      error_expected(pos_, "')'");
      sync_stmt();
      break;
    }
    if (type_can_start(tok_)) {
      // Another type follows, so `first` must have been a name.
      if (!e.first->is<Ident>()) {
        error(e.first->pos, std::string("expected identifier in ") + what + " name list");
      }
      e.type = parse_param_type();
      if (!e.type) {
        error_expected(pos_, "type");
        e.type = make_bad_expr(pos_);
      }
      any_named = true;
    }
    entries.push_back(e);
    if (!list_continues(std::string(what) + " list", Tok::RParen)) break;
  }
  list->closing = expect_closing(Tok::RParen, std::string(what) + " list");

  if (!any_named) {
    for (const Entry& e : entries) {
      Field* f = make<Field>(e.first->pos);
      f->type = e.first;
      list->list.push_back(f);
    }
  } else {
    // Named form: lone entries are names waiting for the next entry's type.
    std::vector<Ident*> pending;
    bool mixed_reported = false;
    auto report_mixed = [&](Pos p) {
      if (!mixed_reported) error(p, "mixed named and unnamed parameters");
      mixed_reported = true;
    };
    for (const Entry& e : entries) {
      if (!e.type) {
        if (Ident* id = e.first->as<Ident>()) {
          pending.push_back(id);
        } else {
          report_mixed(e.first->pos);
        }
        continue;
      }
      Field* f = make<Field>(pending.empty() ? e.first->pos : pending.front()->pos);
      f->names = std::move(pending);
      pending.clear();
      if (Ident* id = e.first->as<Ident>()) f->names.push_back(id);
      f->type = e.type;
      list->list.push_back(f);
    }
    if (!pending.empty()) {
      report_mixed(pending.back()->pos);
      Field* f = make<Field>(pending.front()->pos);
      f->names = std::move(pending);
      f->type = make_bad_expr(f->pos);
      list->list.push_back(f);
    }
  }
  check_variadic(list, ctx);
  return list;
}

void Parser::check_variadic(FieldList* list, ParamContext ctx) {
  for (size_t i = 0; i < list->list.size(); ++i) {
    Field* f = list->list[i];
    if (!f->type || !f->type->is<Ellipsis>()) continue;
    if (ctx == ParamContext::Results) {
      error(f->type->pos, "function results cannot be variadic");
    } else if (ctx == ParamContext::Receiver) {
      error(f->type->pos, "receiver cannot be variadic");
    } else if (f->names.size() > 1) {
      error(f->type->pos, "a variadic parameter accepts at most one name");
    } else if (i + 1 != list->list.size()) {
      error(f->type->pos, "can only use ... with final parameter in list");
    }
  }
}

}  // namespace vo::syntax
