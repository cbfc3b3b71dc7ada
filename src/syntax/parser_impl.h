// Internal: the recursive-descent parser behind parse_file / parse_expr.
// Split over parser.cpp (infrastructure, declarations, types),
// parser_expr.cpp (expressions) and parser_stmt.cpp (statements).
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "syntax/ast.h"
#include "syntax/diag.h"
#include "syntax/lexer.h"
#include "syntax/parser.h"

namespace vo::syntax {

class Parser {
 public:
  Parser(Ast& ast, const SourceFile& src, Diagnostics& diags);

  File* parse_file();
  Expr* parse_single_expr();

 private:
  // Thrown to abandon the file (nesting or error limits); caught at the top.
  struct Bailout {};

  // Restores the nesting depth when a recursive frame ends.
  class NestGuard {
   public:
    explicit NestGuard(Parser& p);
    ~NestGuard() { --p_.depth_; }
    NestGuard(const NestGuard&) = delete;
    NestGuard& operator=(const NestGuard&) = delete;

   private:
    Parser& p_;
  };

  enum class SimpleMode { Basic, LabelOk, RangeOk };
  enum class ParamContext { Receiver, Params, Results };

  // ---- tokens and errors (parser.cpp) ----
  void next();
  Tok peek();  // the token after the current one
  bool at_func_decl();
  bool at(Tok t) const { return tok_ == t; }
  int line_of(Pos p) const;
  // An error that always gets reported.
  void error(Pos pos, std::string msg);
  // A cascading syntax error: dropped when the previous error of this file is
  // on the same line, as go/parser does.
  void syntax_error(Pos pos, std::string msg);
  void error_expected(Pos pos, std::string_view what);
  Pos expect(Tok t);
  Pos expect_closing(Tok t, std::string_view context);
  void expect_semi();
  // After a list element: consumes a ',' and returns true if another element
  // follows; reports a missing comma in `context`.
  bool list_continues(std::string_view context, Tok closing);
  void sync_stmt();
  void sync_decl();
  void report_stray_type_guards();

  // ---- declarations (parser.cpp) ----
  Decl* parse_decl();
  GenDecl* parse_gen_decl(Tok keyword);
  Node* parse_spec(Tok keyword, int index);
  ImportSpec* parse_import_spec();
  ValueSpec* parse_value_spec(Tok keyword, int index);
  TypeSpec* parse_type_spec();
  FuncDecl* parse_func_decl();

  // ---- types (parser.cpp) ----
  Expr* parse_type();
  Expr* try_type();  // nullptr if no type starts here
  Expr* parse_type_name();
  Expr* parse_array_type();
  Expr* parse_map_type();
  template <class T>
  Expr* parse_queue_type();  // ChanType or PortType
  Expr* parse_recv_type();  // <-chan T or <-port T
  StructType* parse_struct_type();
  Field* parse_field_decl();
  InterfaceType* parse_interface_type();
  Field* parse_interface_elem();
  FuncType* parse_func_type();
  void parse_signature(FuncType* ft);
  FieldList* parse_parameters(ParamContext ctx);
  FieldList* parse_results();
  Expr* parse_param_type();  // a type or ...T; nullptr if none
  void check_variadic(FieldList* list, ParamContext ctx);

  // ---- expressions (parser_expr.cpp) ----
  Ident* parse_ident();
  std::vector<Ident*> parse_ident_list();
  Expr* parse_expr();
  std::vector<Expr*> parse_expr_list();
  Expr* parse_binary_expr(int prec1);
  Expr* parse_unary_expr();
  Expr* parse_primary_expr();
  Expr* parse_operand();
  Expr* parse_func_type_or_lit();
  Expr* parse_selector_or_assert(Expr* x);
  Expr* parse_index_or_slice(Expr* x);
  CallExpr* parse_call(Expr* fun);
  Expr* parse_dyn(Expr* x);
  // Parses "(args...)" into args/ellipsis; the current token is '('.
  void parse_call_args(std::vector<Expr*>* args, Pos* ellipsis);
  bool composite_lit_allowed(Expr* x);
  CompositeLit* parse_literal_value(Expr* type);
  Expr* parse_element();
  Expr* parse_element_value();
  Expr* make_bad_expr(Pos from);
  BinaryExpr* make_binary(Expr* x, Tok op, Pos op_pos, Expr* y);

  // ---- statements (parser_stmt.cpp) ----
  BlockStmt* parse_block();
  std::vector<Stmt*> parse_stmt_list();
  Stmt* parse_stmt();
  Stmt* parse_simple_stmt(SimpleMode mode);
  // The first simple statement of an if/for/switch header.
  Stmt* parse_header_stmt(SimpleMode mode, std::string_view keyword);
  Stmt* parse_range_clause(Pos for_pos, std::vector<Expr*> lhs, Tok op, Pos op_pos);
  Stmt* parse_go_stmt();
  Stmt* parse_defer_stmt();
  Stmt* parse_fail_stmt();
  Stmt* parse_return_stmt();
  Stmt* parse_branch_stmt();
  Stmt* parse_if_stmt();
  Stmt* parse_switch_stmt();
  CaseClause* parse_case_clause(bool type_switch);
  Stmt* parse_select_stmt();
  CommClause* parse_comm_clause();
  Stmt* parse_for_stmt();
  CallExpr* parse_call_operand(std::string_view stmt_name);
  Expr* make_cond_expr(Stmt* s, std::string_view want);
  bool is_type_switch_guard(Stmt* s);

  template <class T>
  T* make(Pos pos) {
    return ast_.make<T>(pos);
  }

  Ast& ast_;
  const SourceFile& src_;
  Diagnostics& diags_;
  Lexer lexer_;

  // Current token.
  Tok tok_ = Tok::Eof;
  Pos pos_ = NoPos;
  std::string lit_;
  // One token of lookahead (comments are never returned by lexer_).
  Token peek_;
  bool has_peek_ = false;

  int depth_ = 0;     // recursive syntax frames (NestGuard)
  int expr_lev_ = 0;  // < 0: in a control clause header; >= 0: in an expression
  int first_error_index_ = 0;  // diags_.list() size when this file started
  int last_error_line_ = 0;    // line of the last error reported in this file
  int error_base_ = 0;         // diags_.error_count() when this file started
  bool closing_reported_ = false;  // see list_continues / expect_closing
  // Binary operators on the deepest path below each BinaryExpr (by expr id).
  std::unordered_map<uint32_t, int> binary_depth_;
  // x.(type) expressions not (yet) accepted as a type switch guard.
  std::vector<TypeAssertExpr*> stray_type_guards_;
};

}  // namespace vo::syntax
