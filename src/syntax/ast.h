// Abstract syntax tree for Vo, shaped like Go's go/ast. The parser builds it;
// later stages never mutate it. Every expression carries a dense `id` so the
// type checker can record facts in side tables (types/info.h) instead of
// reaching into the tree.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "syntax/source.h"
#include "syntax/token.h"

namespace vo::syntax {

enum class NodeKind : uint8_t {
  // Expressions
  BadExpr,
  Ident,
  BasicLit,
  CompositeLit,
  FuncLit,
  ParenExpr,
  SelectorExpr,
  IndexExpr,
  SliceExpr,
  TypeAssertExpr,
  CallExpr,
  StarExpr,
  UnaryExpr,
  BinaryExpr,
  KeyValueExpr,
  TryExpr,     // x?
  DynExpr,     // x~>name, x~>[k], x~>(args), x~>name(args)
  Ellipsis,    // ...T in a parameter list, or [...]T length
  // Type expressions (also Exprs)
  ArrayType,   // [N]T, [...]T (len is Ellipsis) or []T (len == nullptr)
  StructType,
  FuncType,
  InterfaceType,
  MapType,
  ChanType,
  PortType,
  IslandType,
  // Statements
  BadStmt,
  DeclStmt,
  EmptyStmt,
  LabeledStmt,
  ExprStmt,
  SendStmt,
  IncDecStmt,
  AssignStmt,
  GoStmt,
  DeferStmt,   // also errdefer (DeferStmt::is_errdefer)
  FailStmt,
  ReturnStmt,
  BranchStmt,
  BlockStmt,
  IfStmt,
  CaseClause,
  SwitchStmt,
  TypeSwitchStmt,
  CommClause,
  SelectStmt,
  ForStmt,
  RangeStmt,
  // Declarations
  GenDecl,
  FuncDecl,
  ImportSpec,
  ValueSpec,
  TypeSpec,
  Field,
  FieldList,
  File,
};

struct Node {
  NodeKind kind;
  Pos pos;  // position of the node's first character
  explicit Node(NodeKind k, Pos p) : kind(k), pos(p) {}
  virtual ~Node() = default;
  template <class T> T* as() { return kind == T::Kind ? static_cast<T*>(this) : nullptr; }
  template <class T> const T* as() const { return kind == T::Kind ? static_cast<const T*>(this) : nullptr; }
  template <class T> bool is() const { return kind == T::Kind; }
};

struct Expr : Node {
  uint32_t id = 0;  // dense index, unique within one Ast (assigned by Ast::make)
  using Node::Node;
};
struct Stmt : Node { using Node::Node; };
struct Decl : Node { using Node::Node; };

#define VO_NODE(Name, Base)                                   \
  static constexpr NodeKind Kind = NodeKind::Name;            \
  explicit Name(Pos p) : Base(NodeKind::Name, p) {}

// ---- Expressions ----------------------------------------------------------

struct BadExpr : Expr { VO_NODE(BadExpr, Expr) Pos end = NoPos; };

struct Ident : Expr {
  VO_NODE(Ident, Expr)
  std::string name;
};

struct BasicLit : Expr {
  VO_NODE(BasicLit, Expr)
  Tok tok = Tok::Int;  // Int, Float, Char or String
  std::string value;   // literal source text, e.g. "0x1F", "'a'", "`raw`"
};

struct FieldList;
struct BlockStmt;

struct CompositeLit : Expr {
  VO_NODE(CompositeLit, Expr)
  Expr* type = nullptr;  // nullptr for an elided inner literal {..}
  std::vector<Expr*> elts;
  Pos lbrace = NoPos, rbrace = NoPos;
};

struct FuncType;
struct FuncLit : Expr {
  VO_NODE(FuncLit, Expr)
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
};

struct ParenExpr : Expr { VO_NODE(ParenExpr, Expr) Expr* x = nullptr; };

struct SelectorExpr : Expr {
  VO_NODE(SelectorExpr, Expr)
  Expr* x = nullptr;
  Ident* sel = nullptr;
};

struct IndexExpr : Expr {
  VO_NODE(IndexExpr, Expr)
  Expr* x = nullptr;
  Expr* index = nullptr;
  Pos lbrack = NoPos;
};

struct SliceExpr : Expr {
  VO_NODE(SliceExpr, Expr)
  Expr* x = nullptr;
  Expr* low = nullptr;   // may be nullptr
  Expr* high = nullptr;  // may be nullptr
  Expr* max = nullptr;   // may be nullptr
  bool slice3 = false;
  Pos lbrack = NoPos;
};

struct TypeAssertExpr : Expr {
  VO_NODE(TypeAssertExpr, Expr)
  Expr* x = nullptr;
  Expr* type = nullptr;  // nullptr means x.(type) in a type switch
  Pos lparen = NoPos;
};

struct CallExpr : Expr {
  VO_NODE(CallExpr, Expr)
  Expr* fun = nullptr;
  std::vector<Expr*> args;
  Pos lparen = NoPos;
  Pos ellipsis = NoPos;  // position of "..." after the last argument, or NoPos
};

struct StarExpr : Expr { VO_NODE(StarExpr, Expr) Expr* x = nullptr; };

struct UnaryExpr : Expr {
  VO_NODE(UnaryExpr, Expr)
  Tok op = Tok::Illegal;  // Add, Sub, Not, Xor, And (&x), Arrow (<-x)
  Expr* x = nullptr;
};

struct BinaryExpr : Expr {
  VO_NODE(BinaryExpr, Expr)
  Tok op = Tok::Illegal;
  Pos op_pos = NoPos;
  Expr* x = nullptr;
  Expr* y = nullptr;
};

struct KeyValueExpr : Expr {
  VO_NODE(KeyValueExpr, Expr)
  Expr* key = nullptr;
  Expr* value = nullptr;
  Pos colon = NoPos;
};

// x? : error propagation.
struct TryExpr : Expr {
  VO_NODE(TryExpr, Expr)
  Expr* x = nullptr;
  Pos question = NoPos;
};

// Dynamic access. Exactly one shape per node:
//   Field:  x~>name            (name set)
//   Index:  x~>[index]         (index set)
//   Call:   x~>(args...)       (is_call, name empty)
//   Method: x~>name(args...)   (is_call, name set)
struct DynExpr : Expr {
  VO_NODE(DynExpr, Expr)
  enum class Op : uint8_t { Field, Index, Call, Method } op = Op::Field;
  Expr* x = nullptr;
  Ident* name = nullptr;
  Expr* index = nullptr;
  std::vector<Expr*> args;
  Pos ellipsis = NoPos;
  Pos arrow = NoPos;  // position of "~>"
};

struct Ellipsis : Expr {
  VO_NODE(Ellipsis, Expr)
  Expr* elt = nullptr;  // element type of ...T, nullptr in [...]T
};

// ---- Type expressions -----------------------------------------------------

struct ArrayType : Expr {
  VO_NODE(ArrayType, Expr)
  Expr* len = nullptr;  // nullptr for a slice type; Ellipsis for [...]T
  Expr* elt = nullptr;
};

struct Field : Node {
  VO_NODE(Field, Node)
  std::vector<Ident*> names;  // empty for an embedded field / unnamed param
  Expr* type = nullptr;       // for interface methods: a FuncType
  BasicLit* tag = nullptr;    // struct tag, may be nullptr
};

struct FieldList : Node {
  VO_NODE(FieldList, Node)
  std::vector<Field*> list;
  Pos closing = NoPos;
  // Number of declared entries counting each name separately.
  int num_fields() const {
    int n = 0;
    for (auto* f : list) n += f->names.empty() ? 1 : static_cast<int>(f->names.size());
    return n;
  }
};

struct StructType : Expr {
  VO_NODE(StructType, Expr)
  FieldList* fields = nullptr;
};

struct FuncType : Expr {
  VO_NODE(FuncType, Expr)
  FieldList* params = nullptr;   // never nullptr
  FieldList* results = nullptr;  // may be nullptr
};

// Methods are Fields with one name and a FuncType; embedded interfaces are
// Fields with no names.
struct InterfaceType : Expr {
  VO_NODE(InterfaceType, Expr)
  FieldList* methods = nullptr;
};

struct MapType : Expr {
  VO_NODE(MapType, Expr)
  Expr* key = nullptr;
  Expr* value = nullptr;
};

enum class ChanDir : uint8_t { Both = 3, Send = 1, Recv = 2 };

struct ChanType : Expr {
  VO_NODE(ChanType, Expr)
  ChanDir dir = ChanDir::Both;
  Expr* value = nullptr;
};

// port T, port<- T (send-only), <-port T (receive-only).
struct PortType : Expr {
  VO_NODE(PortType, Expr)
  ChanDir dir = ChanDir::Both;
  Expr* value = nullptr;
};

struct IslandType : Expr { VO_NODE(IslandType, Expr) };

// ---- Statements -----------------------------------------------------------

struct BadStmt : Stmt { VO_NODE(BadStmt, Stmt) };

struct GenDecl;
struct DeclStmt : Stmt { VO_NODE(DeclStmt, Stmt) GenDecl* decl = nullptr; };

struct EmptyStmt : Stmt { VO_NODE(EmptyStmt, Stmt) bool implicit = false; };

struct LabeledStmt : Stmt {
  VO_NODE(LabeledStmt, Stmt)
  Ident* label = nullptr;
  Stmt* stmt = nullptr;
};

struct ExprStmt : Stmt { VO_NODE(ExprStmt, Stmt) Expr* x = nullptr; };

struct SendStmt : Stmt {
  VO_NODE(SendStmt, Stmt)
  Expr* chan = nullptr;
  Expr* value = nullptr;
  Pos arrow = NoPos;
};

struct IncDecStmt : Stmt {
  VO_NODE(IncDecStmt, Stmt)
  Expr* x = nullptr;
  Tok tok = Tok::Inc;  // Inc or Dec
};

struct AssignStmt : Stmt {
  VO_NODE(AssignStmt, Stmt)
  std::vector<Expr*> lhs;
  Tok tok = Tok::Assign;  // Assign, Define, or an op-assign token
  Pos tok_pos = NoPos;
  std::vector<Expr*> rhs;
};

// go f(x) or go @(isl) f(x)
struct GoStmt : Stmt {
  VO_NODE(GoStmt, Stmt)
  Expr* island = nullptr;  // target island expression, nullptr for plain go
  CallExpr* call = nullptr;
};

struct DeferStmt : Stmt {
  VO_NODE(DeferStmt, Stmt)
  bool is_errdefer = false;
  CallExpr* call = nullptr;
};

struct FailStmt : Stmt { VO_NODE(FailStmt, Stmt) Expr* x = nullptr; };

struct ReturnStmt : Stmt {
  VO_NODE(ReturnStmt, Stmt)
  std::vector<Expr*> results;
};

// break, continue, goto, fallthrough
struct BranchStmt : Stmt {
  VO_NODE(BranchStmt, Stmt)
  Tok tok = Tok::Break;
  Ident* label = nullptr;
};

struct BlockStmt : Stmt {
  VO_NODE(BlockStmt, Stmt)
  std::vector<Stmt*> list;
  Pos rbrace = NoPos;
};

struct IfStmt : Stmt {
  VO_NODE(IfStmt, Stmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* else_ = nullptr;  // nullptr, IfStmt or BlockStmt
};

struct CaseClause : Stmt {
  VO_NODE(CaseClause, Stmt)
  std::vector<Expr*> list;  // empty means default
  bool is_default = false;
  std::vector<Stmt*> body;
  Pos colon = NoPos;
};

struct SwitchStmt : Stmt {
  VO_NODE(SwitchStmt, Stmt)
  Stmt* init = nullptr;
  Expr* tag = nullptr;  // nullptr means `true`
  BlockStmt* body = nullptr;  // list of CaseClause
};

// switch [init;] [x :=] y.(type) { ... }
// assign is an ExprStmt (y.(type)) or an AssignStmt (x := y.(type)).
struct TypeSwitchStmt : Stmt {
  VO_NODE(TypeSwitchStmt, Stmt)
  Stmt* init = nullptr;
  Stmt* assign = nullptr;
  BlockStmt* body = nullptr;  // list of CaseClause
};

struct CommClause : Stmt {
  VO_NODE(CommClause, Stmt)
  Stmt* comm = nullptr;  // SendStmt, ExprStmt (recv), AssignStmt (recv); nullptr = default
  std::vector<Stmt*> body;
  Pos colon = NoPos;
};

struct SelectStmt : Stmt {
  VO_NODE(SelectStmt, Stmt)
  BlockStmt* body = nullptr;  // list of CommClause
};

struct ForStmt : Stmt {
  VO_NODE(ForStmt, Stmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
};

// for k, v := range x / for k, v = range x / for range x
struct RangeStmt : Stmt {
  VO_NODE(RangeStmt, Stmt)
  Expr* key = nullptr;    // may be nullptr
  Expr* value = nullptr;  // may be nullptr
  Tok tok = Tok::Illegal; // Define, Assign, or Illegal when there are no variables
  Pos tok_pos = NoPos;
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

// ---- Declarations ---------------------------------------------------------

struct ImportSpec : Node {
  VO_NODE(ImportSpec, Node)
  Ident* name = nullptr;      // alias, "." or "_"; nullptr if none
  BasicLit* path = nullptr;   // string literal
};

struct ValueSpec : Node {
  VO_NODE(ValueSpec, Node)
  std::vector<Ident*> names;
  Expr* type = nullptr;  // may be nullptr
  std::vector<Expr*> values;
  int iota = 0;  // index of the spec within its const group
};

struct TypeSpec : Node {
  VO_NODE(TypeSpec, Node)
  Ident* name = nullptr;
  Pos assign = NoPos;  // position of '=' for an alias, else NoPos
  Expr* type = nullptr;
};

struct GenDecl : Decl {
  VO_NODE(GenDecl, Decl)
  Tok tok = Tok::Var;  // Import, Const, Type, Var
  Pos lparen = NoPos;  // NoPos if not grouped
  std::vector<Node*> specs;  // ImportSpec, ValueSpec or TypeSpec
};

struct FuncDecl : Decl {
  VO_NODE(FuncDecl, Decl)
  FieldList* recv = nullptr;  // nullptr for functions
  Ident* name = nullptr;
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;  // nullptr for an extern (native) function
};

struct File : Node {
  VO_NODE(File, Node)
  Ident* package = nullptr;  // nullptr when the package clause is omitted (package main)
  std::vector<ImportSpec*> imports;  // all imports, also present in decls
  std::vector<Decl*> decls;
  const SourceFile* source = nullptr;
};

#undef VO_NODE

// Owns every node of a set of files. Nodes are created with make<T>(pos).
class Ast {
 public:
  template <class T>
  T* make(Pos pos) {
    auto node = std::make_unique<T>(pos);
    T* raw = node.get();
    if constexpr (std::is_base_of_v<Expr, T>) raw->id = next_expr_id_++;
    nodes_.push_back(std::move(node));
    return raw;
  }
  uint32_t expr_count() const { return next_expr_id_; }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
  uint32_t next_expr_id_ = 1;  // 0 means "no id"
};

}  // namespace vo::syntax
