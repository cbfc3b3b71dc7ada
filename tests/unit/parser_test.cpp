// Tests for the parser: AST shapes (via syntax/ast_dump.h), Vo-specific
// syntax, error messages, error recovery and robustness.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "syntax/ast.h"
#include "syntax/ast_dump.h"
#include "syntax/diag.h"
#include "syntax/parser.h"

namespace vo::syntax {
namespace {

struct Parsed {
  FileSet fs;
  Diagnostics diags{&fs};
  Ast ast;
  File* file = nullptr;
  std::string errors() const { return diags.format(); }
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  SourceFile* f = p->fs.add("t.vo", text);
  p->file = parse_file(p->ast, *f, p->diags);
  return p;
}

// Dump of one expression; fails the test on syntax errors.
std::string expr(const std::string& text) {
  FileSet fs;
  Diagnostics diags(&fs);
  Ast ast;
  SourceFile* f = fs.add("e.vo", text);
  Expr* x = parse_expr(ast, *f, diags);
  EXPECT_EQ(diags.error_count(), 0) << text << "\n" << diags.format();
  return dump(x);
}

// The statements of `body` (placed inside func main), one dump per line.
std::string stmts(const std::string& body) {
  auto p = parse("package main\nfunc main() {\n" + body + "\n}\n");
  EXPECT_EQ(p->diags.error_count(), 0) << body << "\n" << p->errors();
  std::string out;
  if (p->file->decls.empty()) return "<no decls>";
  auto* fn = p->file->decls.back()->as<FuncDecl>();
  if (!fn || !fn->body) return "<no body>";
  for (Stmt* s : fn->body->list) {
    if (!out.empty()) out += '\n';
    out += dump(s);
  }
  return out;
}

std::string stmt(const std::string& body) { return stmts(body); }

// Top-level declarations, one dump per line.
std::string decls(const std::string& text) {
  auto p = parse(text);
  EXPECT_EQ(p->diags.error_count(), 0) << text << "\n" << p->errors();
  std::string out;
  for (Decl* d : p->file->decls) {
    if (!out.empty()) out += '\n';
    out += dump(d);
  }
  return out;
}

// All errors of parsing `text` as a file.
std::string file_errors(const std::string& text) { return parse(text)->errors(); }

// Errors of parsing `body` inside func main (line 3 is the body's first line).
std::string body_errors(const std::string& body) {
  return file_errors("package main\nfunc main() {\n" + body + "\n}\n");
}

#define EXPECT_CONTAINS(haystack, needle)                                              \
  do {                                                                                 \
    const std::string h_ = (haystack);                                                 \
    EXPECT_NE(h_.find(needle), std::string::npos) << "wanted: " << (needle) << "\ngot: " << h_; \
  } while (0)

// ---- expressions ----------------------------------------------------------------

TEST(ParserExpr, Precedence) {
  EXPECT_EQ(expr("a + b * c"), "(Binary + a (Binary * b c))");
  EXPECT_EQ(expr("a * b + c"), "(Binary + (Binary * a b) c)");
  EXPECT_EQ(expr("a - b - c"), "(Binary - (Binary - a b) c)");
  EXPECT_EQ(expr("1 << 2 + 1"), "(Binary + (Binary << 1 2) 1)");
  EXPECT_EQ(expr("a || b && c == d"), "(Binary || a (Binary && b (Binary == c d)))");
  EXPECT_EQ(expr("a < b == c > d"), "(Binary > (Binary == (Binary < a b) c) d)");
  EXPECT_EQ(expr("a &^ b | c ^ d"), "(Binary ^ (Binary | (Binary &^ a b) c) d)");
  EXPECT_EQ(expr("x % y >> z"), "(Binary >> (Binary % x y) z)");
  EXPECT_EQ(expr("(a + b) * c"), "(Binary * (Paren (Binary + a b)) c)");
}

TEST(ParserExpr, Unary) {
  EXPECT_EQ(expr("-x * y"), "(Binary * (Unary - x) y)");
  EXPECT_EQ(expr("!a && b"), "(Binary && (Unary ! a) b)");
  EXPECT_EQ(expr("^x"), "(Unary ^ x)");
  EXPECT_EQ(expr("+x"), "(Unary + x)");
  EXPECT_EQ(expr("- - x"), "(Unary - (Unary - x))");
  EXPECT_EQ(expr("*p.x"), "(Star (Sel p x))");
  EXPECT_EQ(expr("&T{1}"), "(Unary & (Composite T 1))");
  EXPECT_EQ(expr("<-ch"), "(Unary <- ch)");
  EXPECT_EQ(expr("<-<-ch"), "(Unary <- (Unary <- ch))");
}

TEST(ParserExpr, PrimarySuffixes) {
  EXPECT_EQ(expr("a.b.c"), "(Sel (Sel a b) c)");
  EXPECT_EQ(expr("f(1, x)"), "(Call f 1 x)");
  EXPECT_EQ(expr("f()"), "(Call f)");
  EXPECT_EQ(expr("f(xs...)"), "(Call f xs ...)");
  EXPECT_EQ(expr("f(a, xs...,)"), "(Call f a xs ...)");
  EXPECT_EQ(expr("f(a,\n b,\n)"), "(Call f a b)");
  EXPECT_EQ(expr("m[\"k\"]"), "(Index m \"k\")");
  EXPECT_EQ(expr("a[i][j]"), "(Index (Index a i) j)");
  EXPECT_EQ(expr("s[1:2]"), "(Slice s 1 2)");
  EXPECT_EQ(expr("s[:]"), "(Slice s nil nil)");
  EXPECT_EQ(expr("s[lo:]"), "(Slice s lo nil)");
  EXPECT_EQ(expr("s[:hi]"), "(Slice s nil hi)");
  EXPECT_EQ(expr("s[1:2:3]"), "(Slice3 s 1 2 3)");
  EXPECT_EQ(expr("s[:2:3]"), "(Slice3 s nil 2 3)");
  EXPECT_EQ(expr("x.(T)"), "(Assert x T)");
  EXPECT_EQ(expr("x.(*pkg.T)"), "(Assert x (Star (Sel pkg T)))");
  EXPECT_EQ(expr("f(x).y[0](z)"), "(Call (Index (Sel (Call f x) y) 0) z)");
}

TEST(ParserExpr, Conversions) {
  EXPECT_EQ(expr("[]byte(s)"), "(Call (SliceType byte) s)");
  EXPECT_EQ(expr("float64(x)"), "(Call float64 x)");
  EXPECT_EQ(expr("(*T)(p)"), "(Call (Paren (Star T)) p)");
  EXPECT_EQ(expr("interface{}(x)"), "(Call (Interface ()) x)");
  EXPECT_EQ(expr("(func())(x)"), "(Call (Paren (FuncType () nil)) x)");
  EXPECT_EQ(expr("(<-chan int)(c)"), "(Call (Paren (ChanRecv int)) c)");
}

TEST(ParserExpr, MethodExpressions) {
  EXPECT_EQ(expr("(*T).M"), "(Sel (Paren (Star T)) M)");
  EXPECT_EQ(expr("T.M"), "(Sel T M)");
  EXPECT_EQ(expr("(*T).M(p, 1)"), "(Call (Sel (Paren (Star T)) M) p 1)");
}

TEST(ParserExpr, CompositeLiterals) {
  EXPECT_EQ(expr("T{}"), "(Composite T)");
  EXPECT_EQ(expr("T{1, 2}"), "(Composite T 1 2)");
  EXPECT_EQ(expr("T{a: 1, b: 2,}"), "(Composite T (KV a 1) (KV b 2))");
  EXPECT_EQ(expr("pkg.T{x}"), "(Composite (Sel pkg T) x)");
  EXPECT_EQ(expr("[]int{1, 2}"), "(Composite (SliceType int) 1 2)");
  EXPECT_EQ(expr("[3]int{}"), "(Composite (Array 3 int))");
  EXPECT_EQ(expr("[...]string{\"a\"}"), "(Composite (Array (Ellipsis nil) string) \"a\")");
  EXPECT_EQ(expr("map[string]int{\"a\": 1}"), "(Composite (Map string int) (KV \"a\" 1))");
  EXPECT_EQ(expr("[][]int{{1}, {2, 3}}"),
            "(Composite (SliceType (SliceType int)) (Composite nil 1) (Composite nil 2 3))");
  EXPECT_EQ(expr("map[P]int{{1, 2}: 3}"), "(Composite (Map P int) (KV (Composite nil 1 2) 3))");
  EXPECT_EQ(expr("struct{ x int }{1}"), "(Composite (Struct ((Field (x) int))) 1)");
  EXPECT_EQ(expr("[]*T{{}, nil}"), "(Composite (SliceType (Star T)) (Composite nil) nil)");
  EXPECT_EQ(expr("T{\n\ta: 1,\n\tb: 2,\n}"), "(Composite T (KV a 1) (KV b 2))");
}

TEST(ParserExpr, FuncLiterals) {
  EXPECT_EQ(expr("func() {}"), "(FuncLit (FuncType () nil) (Block))");
  EXPECT_EQ(expr("func(x int) int { return x }"),
            "(FuncLit (FuncType ((Field (x) int)) ((Field int))) (Block (Return x)))");
  EXPECT_EQ(expr("func() {}()"), "(Call (FuncLit (FuncType () nil) (Block)))");
}

TEST(ParserExpr, TypesAsOperands) {
  EXPECT_EQ(expr("make([]int, 3)"), "(Call make (SliceType int) 3)");
  EXPECT_EQ(expr("make(map[string][]int)"), "(Call make (Map string (SliceType int)))");
  EXPECT_EQ(expr("make(chan int)"), "(Call make (Chan int))");
  EXPECT_EQ(expr("make(chan<- int, 1)"), "(Call make (ChanSend int) 1)");
  EXPECT_EQ(expr("make(<-chan int)"), "(Call make (ChanRecv int))");
  EXPECT_EQ(expr("new(T)"), "(Call new T)");
  EXPECT_EQ(expr("make(port int, 4)"), "(Call make (Port int) 4)");
  EXPECT_EQ(expr("make(port<- int, 4)"), "(Call make (PortSend int) 4)");
  EXPECT_EQ(expr("make(island)"), "(Call make island)");
}

TEST(ParserExpr, ChannelTypeAssociation) {
  EXPECT_EQ(expr("(<-chan chan int)(nil)"), "(Call (Paren (ChanRecv (Chan int))) nil)");
  EXPECT_EQ(expr("(<-chan <-chan int)(nil)"), "(Call (Paren (ChanRecv (ChanRecv int))) nil)");
  EXPECT_EQ(expr("(chan<- <-chan int)(nil)"), "(Call (Paren (ChanSend (ChanRecv int))) nil)");
  EXPECT_EQ(expr("(<-port int)(p)"), "(Call (Paren (PortRecv int)) p)");
  // Receive from a conversion, as in Go.
  EXPECT_EQ(expr("<-chan int(nil)"), "(Unary <- (Call (Chan int) nil))");
}

TEST(ParserExpr, TryOperator) {
  EXPECT_EQ(expr("f()?"), "(Try (Call f))");
  EXPECT_EQ(expr("a.b()?.c"), "(Sel (Try (Call (Sel a b))) c)");
  EXPECT_EQ(expr("h(f()?)?"), "(Try (Call h (Try (Call f))))");
  EXPECT_EQ(expr("(g()? + 10) * 2"), "(Binary * (Paren (Binary + (Try (Call g)) 10)) 2)");
  EXPECT_EQ(expr("-f()?"), "(Unary - (Try (Call f)))");
  EXPECT_EQ(expr("x?[0]"), "(Index (Try x) 0)");
}

TEST(ParserExpr, DynamicAccess) {
  EXPECT_EQ(expr("x~>name"), "(DynField x name)");
  EXPECT_EQ(expr("x~>[\"key\"]"), "(DynIndex x \"key\")");
  EXPECT_EQ(expr("x~>(1, 2, 3)"), "(DynCall x 1 2 3)");
  EXPECT_EQ(expr("x~>()"), "(DynCall x)");
  EXPECT_EQ(expr("x~>name(a, b)"), "(DynMethod x name a b)");
  EXPECT_EQ(expr("x~>f(args...)"), "(DynMethod x f args ...)");
  EXPECT_EQ(expr("a~>b~>[0]~>c"), "(DynField (DynIndex (DynField a b) 0) c)");
  EXPECT_EQ(expr("a~>b?~>c"), "(DynField (Try (DynField a b)) c)");
  EXPECT_EQ(expr("obj~>value?"), "(Try (DynField obj value))");
  EXPECT_EQ(expr("any(v)~>f"), "(DynField (Call any v) f)");
  EXPECT_EQ(expr("err~>Unwrap()"), "(DynMethod err Unwrap)");
  EXPECT_EQ(expr("a~>b + c~>d"), "(Binary + (DynField a b) (DynField c d))");
}

// ---- statements ---------------------------------------------------------------------

TEST(ParserStmt, SimpleStatements) {
  EXPECT_EQ(stmt("x := 1"), "(Assign := (x) (1))");
  EXPECT_EQ(stmt("a, b = b, a"), "(Assign = (a b) (b a))");
  EXPECT_EQ(stmt("x += 2"), "(Assign += (x) (2))");
  EXPECT_EQ(stmt("x &^= m"), "(Assign &^= (x) (m))");
  EXPECT_EQ(stmt("v, ok := m[k]"), "(Assign := (v ok) ((Index m k)))");
  EXPECT_EQ(stmt("x++"), "(IncDec ++ x)");
  EXPECT_EQ(stmt("p.n--"), "(IncDec -- (Sel p n))");
  EXPECT_EQ(stmt("ch <- v"), "(Send ch v)");
  EXPECT_EQ(stmt("f(x)"), "(Expr (Call f x))");
  EXPECT_EQ(stmt("<-done"), "(Expr (Unary <- done))");
  EXPECT_EQ(stmt("f()?"), "(Expr (Try (Call f)))");
  EXPECT_EQ(stmt("x = f()?"), "(Assign = (x) ((Try (Call f))))");
  EXPECT_EQ(stmt("a~>f = v"), "(Assign = ((DynField a f)) (v))");
  EXPECT_EQ(stmt("x == 1"), "(Expr (Binary == x 1))");
}

TEST(ParserStmt, Declarations) {
  EXPECT_EQ(stmt("var x int"), "(Var (Spec (x) int ()))");
  EXPECT_EQ(stmt("var x, y = 1, 2"), "(Var (Spec (x y) nil (1 2)))");
  EXPECT_EQ(stmt("const c = 3"), "(Const (Spec (c) nil (3)))");
  EXPECT_EQ(stmt("type T struct{}"), "(Type (Spec T (Struct ())))");
  EXPECT_EQ(stmt("var (\n a int\n b = 2\n)"), "(Var (Spec (a) int ()) (Spec (b) nil (2)))");
}

TEST(ParserStmt, ErrorSugar) {
  EXPECT_EQ(stmt("fail err"), "(Fail err)");
  EXPECT_EQ(stmt("fail errors.New(\"x\")"), "(Fail (Call (Sel errors New) \"x\"))");
  EXPECT_EQ(stmt("fail MyError{}"), "(Fail (Composite MyError))");
  EXPECT_EQ(stmt("errdefer cleanup()"), "(Errdefer (Call cleanup))");
  EXPECT_EQ(stmt("errdefer func() { undo() }()"),
            "(Errdefer (Call (FuncLit (FuncType () nil) (Block (Expr (Call undo))))))");
  EXPECT_EQ(stmt("defer f.Close()"), "(Defer (Call (Sel f Close)))");
  EXPECT_EQ(stmt("err?"), "(Expr (Try err))");
  EXPECT_EQ(stmt("data := readFile(\"c\")?\nuse(data)"),
            "(Assign := (data) ((Try (Call readFile \"c\"))))\n(Expr (Call use data))");
}

TEST(ParserStmt, GoStatements) {
  EXPECT_EQ(stmt("go f(x)"), "(Go (Call f x))");
  EXPECT_EQ(stmt("go func() {}()"), "(Go (Call (FuncLit (FuncType () nil) (Block))))");
  EXPECT_EQ(stmt("go @(w) work(1)"), "(Go @w (Call work 1))");
  EXPECT_EQ(stmt("go @(islands[i]) obj.Run()"), "(Go @(Index islands i) (Call (Sel obj Run)))");
  EXPECT_EQ(stmt("go @(w) func(out port<- int) {\n\tout <- 42\n}(result)"),
            "(Go @w (Call (FuncLit (FuncType ((Field (out) (PortSend int))) nil) "
            "(Block (Send out 42))) result))");
}

TEST(ParserStmt, ReturnAndBranches) {
  EXPECT_EQ(stmts("return"), "(Return)");
  EXPECT_EQ(stmts("return 1, nil"), "(Return 1 nil)");
  EXPECT_EQ(stmts("for {\n break\n continue\n break L\n continue L\n}"),
            "(For nil nil nil (Block (break) (continue) (break L) (continue L)))");
  EXPECT_EQ(stmts("goto done"), "(goto done)");
  EXPECT_EQ(stmts("switch {\ncase a:\n fallthrough\ndefault:\n}"),
            "(Switch nil nil (Case (a) (fallthrough)) (Default))");
}

TEST(ParserStmt, Labels) {
  EXPECT_EQ(stmts("outer:\n\tfor {\n\t\tbreak outer\n\t}"),
            "(Label outer (For nil nil nil (Block (break outer))))");
  EXPECT_EQ(stmts("skip: assert(x == 0)"), "(Label skip (Expr (Call assert (Binary == x 0))))");
  EXPECT_EQ(stmts("{\nL:\n}"), "(Block (Label L (Empty)))");
  EXPECT_EQ(stmts("loop: count += 1"), "(Label loop (Assign += (count) (1)))");
}

TEST(ParserStmt, BlocksAndEmpty) {
  EXPECT_EQ(stmts("{ x := 1; _ = x }"), "(Block (Assign := (x) (1)) (Assign = (_) (x)))");
  EXPECT_EQ(stmts(";"), "(Empty)");
}

TEST(ParserStmt, If) {
  EXPECT_EQ(stmt("if x {}"), "(If nil x (Block))");
  EXPECT_EQ(stmt("if x := f(); x > 0 {\n} else {\n}"),
            "(If (Assign := (x) ((Call f))) (Binary > x 0) (Block) (Block))");
  EXPECT_EQ(stmt("if a {} else if b {} else {}"), "(If nil a (Block) (If nil b (Block) (Block)))");
  EXPECT_EQ(stmt("if v, ok := m[k]; ok {}"), "(If (Assign := (v ok) ((Index m k))) ok (Block))");
  EXPECT_EQ(stmt("if f := func() bool { return true }; f() {}"),
            "(If (Assign := (f) ((FuncLit (FuncType () ((Field bool))) (Block (Return true))))) "
            "(Call f) (Block))");
}

TEST(ParserStmt, CompositeLiteralsInHeaders) {
  // `T {` in a header opens the block; parentheses or brackets allow literals.
  EXPECT_EQ(stmt("if x == (T{}) {}"), "(If nil (Binary == x (Paren (Composite T))) (Block))");
  EXPECT_EQ(stmt("if f(T{}) {}"), "(If nil (Call f (Composite T)) (Block))");
  EXPECT_EQ(stmt("for _, v := range []int{1, 2} {}"),
            "(Range := _ v (Composite (SliceType int) 1 2) (Block))");
  EXPECT_EQ(stmt("switch x {}"), "(Switch nil x)");
  EXPECT_EQ(stmt("for x {}"), "(For nil x nil (Block))");
  EXPECT_NE(body_errors("if x == T{} {}"), "");
}

TEST(ParserStmt, Switch) {
  EXPECT_EQ(stmt("switch x {\ncase 1, 2:\n\tf()\ncase 3:\ndefault:\n\tg()\n}"),
            "(Switch nil x (Case (1 2) (Expr (Call f))) (Case (3)) (Default (Expr (Call g))))");
  EXPECT_EQ(stmt("switch {\ncase x > 1:\n}"), "(Switch nil nil (Case ((Binary > x 1))))");
  EXPECT_EQ(stmt("switch x := f(); x {\n}"), "(Switch (Assign := (x) ((Call f))) x)");
  EXPECT_EQ(stmt("switch x := f(); {\n}"), "(Switch (Assign := (x) ((Call f))) nil)");
}

TEST(ParserStmt, TypeSwitch) {
  EXPECT_EQ(stmt("switch x.(type) {\ncase int:\n}"),
            "(TypeSwitch nil (Expr (Assert x type)) (Case (int)))");
  EXPECT_EQ(stmt("switch v := x.(type) {\ncase int, *T:\ncase nil:\ndefault:\n}"),
            "(TypeSwitch nil (Assign := (v) ((Assert x type))) (Case (int (Star T))) (Case (nil)) "
            "(Default))");
  EXPECT_EQ(stmt("switch y := f(); v := y.(type) {\ncase []int, map[string]int, func():\n}"),
            "(TypeSwitch (Assign := (y) ((Call f))) (Assign := (v) ((Assert y type))) "
            "(Case ((SliceType int) (Map string int) (FuncType () nil))))");
}

TEST(ParserStmt, Select) {
  EXPECT_EQ(stmt("select {\ncase v := <-ch:\n\tuse(v)\ncase v, ok = <-ch:\ncase ch <- 1:\n"
                 "case <-done:\ndefault:\n}"),
            "(Select (Comm (Assign := (v) ((Unary <- ch))) (Expr (Call use v))) "
            "(Comm (Assign = (v ok) ((Unary <- ch)))) (Comm (Send ch 1)) "
            "(Comm (Expr (Unary <- done))) (Default))");
  EXPECT_EQ(stmt("select {}"), "(Select)");
}

TEST(ParserStmt, For) {
  EXPECT_EQ(stmt("for {}"), "(For nil nil nil (Block))");
  EXPECT_EQ(stmt("for x < 10 {}"), "(For nil (Binary < x 10) nil (Block))");
  EXPECT_EQ(stmt("for i := 0; i < 10; i++ {}"),
            "(For (Assign := (i) (0)) (Binary < i 10) (IncDec ++ i) (Block))");
  EXPECT_EQ(stmt("for i := 0; i < n; i += 1 {}"),
            "(For (Assign := (i) (0)) (Binary < i n) (Assign += (i) (1)) (Block))");
  EXPECT_EQ(stmt("for ; ; {}"), "(For nil nil nil (Block))");
  EXPECT_EQ(stmt("for ; x; {}"), "(For nil x nil (Block))");
  EXPECT_EQ(stmt("for i := 0; ; {}"), "(For (Assign := (i) (0)) nil nil (Block))");
  EXPECT_EQ(stmt("for k, v := range m {}"), "(Range := k v m (Block))");
  EXPECT_EQ(stmt("for i := range 10 {}"), "(Range := i nil 10 (Block))");
  EXPECT_EQ(stmt("for k = range m {}"), "(Range = k nil m (Block))");
  EXPECT_EQ(stmt("for a[0], p.x = range s {}"), "(Range = (Index a 0) (Sel p x) s (Block))");
  EXPECT_EQ(stmt("for range ch {}"), "(Range ch (Block))");
  EXPECT_EQ(stmt("for range 3 {\n\tf()\n}"), "(Range 3 (Block (Expr (Call f))))");
}

// ---- declarations ------------------------------------------------------------------

TEST(ParserDecl, PackageClauseIsOptional) {
  auto with = parse("package foo\nvar x = 1\n");
  EXPECT_EQ(with->diags.error_count(), 0);
  ASSERT_NE(with->file->package, nullptr);
  EXPECT_EQ(with->file->package->name, "foo");
  auto without = parse("func main() {}\n");
  EXPECT_EQ(without->diags.error_count(), 0);
  EXPECT_EQ(without->file->package, nullptr);
  ASSERT_EQ(without->file->decls.size(), 1u);
  auto empty = parse("");
  EXPECT_EQ(empty->diags.error_count(), 0);
  EXPECT_TRUE(empty->file->decls.empty());
  EXPECT_NE(empty->file->source, nullptr);
}

TEST(ParserDecl, Imports) {
  auto p = parse("package main\nimport \"fmt\"\nimport (\n\t\"errors\"\n\tx \"a/b\"\n\t. \"dot\"\n"
                 "\t_ \"blank\"\n)\nfunc main() {}\n");
  EXPECT_EQ(p->diags.error_count(), 0) << p->errors();
  ASSERT_EQ(p->file->imports.size(), 5u);
  EXPECT_EQ(p->file->imports[0]->path->value, "\"fmt\"");
  EXPECT_EQ(p->file->imports[0]->name, nullptr);
  EXPECT_EQ(p->file->imports[2]->name->name, "x");
  EXPECT_EQ(p->file->imports[3]->name->name, ".");
  EXPECT_EQ(p->file->imports[4]->name->name, "_");
  ASSERT_EQ(p->file->decls.size(), 3u);
  EXPECT_EQ(dump(p->file->decls[1]),
            "(Import (Spec \"errors\") (Spec x \"a/b\") (Spec . \"dot\") (Spec _ \"blank\"))");
  EXPECT_NE(p->file->decls[1]->as<GenDecl>()->lparen, NoPos);
}

TEST(ParserDecl, ConstGroupsAndIota) {
  auto p = parse("const (\n\tA = iota\n\tB\n\t_\n\tD int = 5\n\tE\n)\nconst X = 1\n");
  EXPECT_EQ(p->diags.error_count(), 0) << p->errors();
  ASSERT_EQ(p->file->decls.size(), 2u);
  auto* g = p->file->decls[0]->as<GenDecl>();
  ASSERT_EQ(g->specs.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(g->specs[i]->as<ValueSpec>()->iota, i);
  EXPECT_EQ(dump(g), "(Const (Spec (A) nil (iota)) (Spec (B) nil () iota=1) (Spec (_) nil () iota=2) "
                     "(Spec (D) int (5) iota=3) (Spec (E) nil () iota=4))");
  EXPECT_EQ(decls("const (KB = 1 << (10 * (iota + 1)); MB)"),
            "(Const (Spec (KB) nil ((Binary << 1 (Paren (Binary * 10 (Paren (Binary + iota 1))))))) "
            "(Spec (MB) nil () iota=1))");
}

TEST(ParserDecl, Vars) {
  EXPECT_EQ(decls("var x int\nvar y = 2\nvar a, b int = 1, 2\nvar (\n\tp *T\n\tq []int\n)"),
            "(Var (Spec (x) int ()))\n(Var (Spec (y) nil (2)))\n(Var (Spec (a b) int (1 2)))\n"
            "(Var (Spec (p) (Star T) ()) (Spec (q) (SliceType int) ()))");
  EXPECT_EQ(decls("var h func(int) error = nil"),
            "(Var (Spec (h) (FuncType ((Field int)) ((Field error))) (nil)))");
}

TEST(ParserDecl, Types) {
  EXPECT_EQ(decls("type A = B\ntype C int\ntype (\n\tD []string\n\tE = map[string]D\n)"),
            "(Type (Spec A = B))\n(Type (Spec C int))\n"
            "(Type (Spec D (SliceType string)) (Spec E = (Map string D)))");
  EXPECT_EQ(decls("type P port int\ntype S port<- []byte\ntype R <-port int\ntype I island"),
            "(Type (Spec P (Port int)))\n(Type (Spec S (PortSend (SliceType byte))))\n"
            "(Type (Spec R (PortRecv int)))\n(Type (Spec I island))");
  EXPECT_EQ(decls("type C chan<- chan int"), "(Type (Spec C (ChanSend (Chan int))))");
  EXPECT_EQ(decls("type A [N * 2]*T"), "(Type (Spec A (Array (Binary * N 2) (Star T))))");
  EXPECT_EQ(decls("type F func(a, b int, c ...string) (n int, err error)"),
            "(Type (Spec F (FuncType ((Field (a b) int) (Field (c) (Ellipsis string))) "
            "((Field (n) int) (Field (err) error)))))");
  EXPECT_EQ(decls("type F func(int, ...string) int"),
            "(Type (Spec F (FuncType ((Field int) (Field (Ellipsis string))) ((Field int)))))");
}

TEST(ParserDecl, Structs) {
  EXPECT_EQ(decls("type T struct {\n\ta, b int\n\tname string `json:\"name\"`\n\tBase\n"
                  "\t*Other\n\tpkg.Embedded\n\t*pkg.Ptr \"tag\"\n\tf func() int\n}"),
            "(Type (Spec T (Struct ((Field (a b) int) (Field (name) string `json:\"name\"`) "
            "(Field Base) (Field (Star Other)) (Field (Sel pkg Embedded)) "
            "(Field (Star (Sel pkg Ptr)) \"tag\") (Field (f) (FuncType () ((Field int))))))))");
  EXPECT_EQ(decls("type E struct{}"), "(Type (Spec E (Struct ())))");
  // Types that cannot be embedded still parse; the type checker rejects them.
  EXPECT_EQ(decls("type B struct {\n\t[]int\n\tmap[string]int\n}"),
            "(Type (Spec B (Struct ((Field (SliceType int)) (Field (Map string int))))))");
}

TEST(ParserDecl, Interfaces) {
  EXPECT_EQ(decls("type RW interface {\n\tReader\n\tio.Writer\n\tRead(buf []byte) (n int, err error)\n"
                  "\tClose() error\n}"),
            "(Type (Spec RW (Interface ((Field Reader) (Field (Sel io Writer)) "
            "(Field (Read) (FuncType ((Field (buf) (SliceType byte))) ((Field (n) int) "
            "(Field (err) error)))) (Field (Close) (FuncType () ((Field error))))))))");
  EXPECT_EQ(decls("type E interface{}"), "(Type (Spec E (Interface ())))");
}

TEST(ParserDecl, Functions) {
  EXPECT_EQ(decls("func f() {}"), "(Func f (FuncType () nil) (Block))");
  EXPECT_EQ(decls("func f(a int, b string) (int, error) { return 0, nil }"),
            "(Func f (FuncType ((Field (a) int) (Field (b) string)) ((Field int) (Field error))) "
            "(Block (Return 0 nil)))");
  EXPECT_EQ(decls("func (p *Point) Move(dx int) { p.x += dx }"),
            "(Func recv ((Field (p) (Star Point))) Move (FuncType ((Field (dx) int)) nil) "
            "(Block (Assign += ((Sel p x)) (dx))))");
  EXPECT_EQ(decls("func (Point) String() string { return \"\" }"),
            "(Func recv ((Field Point)) String (FuncType () ((Field string))) (Block (Return \"\")))");
  // No body: an extern (native) function.
  EXPECT_EQ(decls("func nativeAdd(a, b int) int\nfunc g()"),
            "(Func nativeAdd (FuncType ((Field (a b) int)) ((Field int))) nil)\n"
            "(Func g (FuncType () nil) nil)");
  EXPECT_EQ(decls("func sum(nums ...int) int { return 0 }"),
            "(Func sum (FuncType ((Field (nums) (Ellipsis int))) ((Field int))) (Block (Return 0)))");
  EXPECT_EQ(decls("func main() error { return nil }"),
            "(Func main (FuncType () ((Field error))) (Block (Return nil)))");
}

TEST(ParserDecl, PositionsAndIds) {
  auto p = parse("package main\nfunc main() {\n\tx := a + b\n}\n");
  ASSERT_EQ(p->diags.error_count(), 0);
  auto* fn = p->file->decls[0]->as<FuncDecl>();
  auto* as = fn->body->list[0]->as<AssignStmt>();
  ASSERT_NE(as, nullptr);
  auto* bin = as->rhs[0]->as<BinaryExpr>();
  ASSERT_NE(bin, nullptr);
  EXPECT_EQ(p->fs.position(as->pos).str(), "t.vo:3:2");
  EXPECT_EQ(p->fs.position(as->tok_pos).str(), "t.vo:3:4");
  EXPECT_EQ(p->fs.position(bin->pos).str(), "t.vo:3:7");
  EXPECT_EQ(p->fs.position(bin->op_pos).str(), "t.vo:3:9");
  EXPECT_EQ(p->fs.position(fn->body->rbrace).str(), "t.vo:4:1");
  // Expression ids are dense and distinct.
  EXPECT_NE(bin->id, 0u);
  EXPECT_NE(bin->x->id, bin->y->id);
  EXPECT_LT(bin->id, p->ast.expr_count());
}

// ---- errors ----------------------------------------------------------------------------

TEST(ParserErrors, ConformancePatterns) {
  EXPECT_CONTAINS(file_errors("package main\nvar invalid = 1__2\nfunc main() {}\n"),
                  "t.vo:2:17: invalid '_' in numeric literal");
  EXPECT_CONTAINS(file_errors("var invalid = \"\\400\"\n"), "octal escape sequence must fit in one byte");
  EXPECT_CONTAINS(file_errors("var invalid = \"\\U00110000\"\n"),
                  "escape sequence is not a valid Unicode scalar value");
  EXPECT_CONTAINS(body_errors("values := []int{1}\ni := 0\nfor i += range values {\n}"),
                  "t.vo:5:7: for-range clause requires '=' or ':=', not a compound assignment");
  EXPECT_CONTAINS(body_errors("for a, b, c := range values {\n}"),
                  "t.vo:3:11: for-range clause accepts at most two iteration variables");
  EXPECT_CONTAINS(body_errors("select {\ncase value += <-ch:\n}"),
                  "select receive requires '=' or ':=', not a compound assignment");
  EXPECT_CONTAINS(body_errors("select {\ncase value, ok, extra := <-ch:\n}"),
                  "select receive accepts at most two assignment targets");
  EXPECT_CONTAINS(file_errors("func bad([]int string) {}\n"),
                  "t.vo:1:10: expected identifier in parameter name list");
  EXPECT_CONTAINS(file_errors("func bad() ([]int string) {\n\treturn nil\n}\n"),
                  "expected identifier in result name list");
  EXPECT_CONTAINS(file_errors("type Bad func(prefix int, first, second ...string)\n"),
                  "a variadic parameter accepts at most one name");
  EXPECT_CONTAINS(file_errors("type InvalidResult func() (...int)\n"),
                  "function results cannot be variadic");
  EXPECT_CONTAINS(file_errors("func f() ...int\n"), "function results cannot be variadic");
  EXPECT_CONTAINS(file_errors("func f(a ...int, b int)\n"),
                  "can only use ... with final parameter in list");
}

TEST(ParserErrors, GoWording) {
  EXPECT_CONTAINS(body_errors("x := )"), "t.vo:3:6: expected operand, found ')'");
  EXPECT_CONTAINS(body_errors("a b"), "t.vo:3:3: expected ';', found 'b'");
  EXPECT_CONTAINS(body_errors("f(1 2)"), "missing ',' in argument list");
  EXPECT_CONTAINS(body_errors("x := []int{\n1,\n2\n}"), "missing ',' before newline in composite literal");
  EXPECT_CONTAINS(body_errors("x.+"), "expected selector or type assertion");
  EXPECT_CONTAINS(body_errors("if {\n}"), "missing condition in if statement");
  EXPECT_CONTAINS(body_errors("if x = 1 {\n}"),
                  "expected boolean expression, found assignment (missing parentheses around composite literal?)");
  EXPECT_CONTAINS(body_errors("for i := 0; i < 3; j := 1 {\n}"), "cannot declare in post statement of for loop");
  EXPECT_CONTAINS(body_errors("defer x"), "expression in defer must be function call");
  EXPECT_CONTAINS(body_errors("go x + 1"), "expression in go must be function call");
  EXPECT_CONTAINS(body_errors("errdefer (f())"), "expression in errdefer must not be parenthesized");
  EXPECT_CONTAINS(body_errors("x := y.(type)"), "use of .(type) outside type switch");
  EXPECT_CONTAINS(body_errors("s[1::3]"), "middle index required in 3-index slice");
  EXPECT_CONTAINS(body_errors("s[1:2:]"), "final index required in 3-index slice");
  EXPECT_CONTAINS(body_errors("f(a..., b)"), "can only use ... with final argument in list");
  EXPECT_CONTAINS(body_errors("x~>"), "expected name, '[' or '(' after '~>'");
  EXPECT_CONTAINS(body_errors("a, b"), "expected 1 expression");
  EXPECT_CONTAINS(body_errors("f(x):"), "illegal label declaration");
  EXPECT_CONTAINS(body_errors("switch x {\nfoo()\n}"), "expected 'case' or 'default', found 'foo'");
  EXPECT_CONTAINS(file_errors("x := 1\n"), "t.vo:1:1: expected declaration, found 'x'");
  EXPECT_CONTAINS(file_errors("func f() {}\nimport \"fmt\"\n"),
                  "imports must appear before other declarations");
  EXPECT_CONTAINS(file_errors("func f(a, b int, c) {}\n"), "mixed named and unnamed parameters");
  EXPECT_CONTAINS(file_errors("const (\n\tA int\n)\n"), "missing init expr for const declaration");
  EXPECT_CONTAINS(file_errors("type T struct { (A) }\n"), "cannot parenthesize embedded type");
  EXPECT_CONTAINS(file_errors("var x = (T){1}\n"), "cannot parenthesize type in composite literal");
  EXPECT_CONTAINS(file_errors("func f() {\n"), "expected '}', found 'EOF'");
  EXPECT_CONTAINS(file_errors("var x = \n"), "expected operand, found 'EOF'");
  EXPECT_CONTAINS(file_errors("var x\n"), "expected type, found newline");
  EXPECT_CONTAINS(body_errors("switch x = y.(type) {\n}"), "expected ':=', found '='");
}

TEST(ParserErrors, GotoIsParsed) {
  // goto is a keyword and parses; the type checker rejects every goto.
  auto p = parse("func main() {\n\tgoto skip\nskip:\n\tprintln()\n}\n");
  EXPECT_EQ(p->diags.error_count(), 0) << p->errors();
}

TEST(ParserErrors, KeywordsAreReserved) {
  EXPECT_NE(file_errors("var fail = 1\n"), "");
  EXPECT_NE(file_errors("func port() {}\n"), "");
  EXPECT_NE(file_errors("var island int\n"), "");
}

TEST(ParserErrors, RecoveryReportsSeveralErrors) {
  auto p = parse(
      "package main\n"
      "func a() {\n"
      "\tx := )\n"            // line 3
      "\ty := 1\n"
      "\tz = = 2\n"           // line 5
      "}\n"
      "func b() {\n"
      "\tfor a, b, c := range s {}\n"  // line 8
      "\tif {\n"                      // line 9
      "\t}\n"
      "}\n"
      "var v = 1__0\n"  // line 12
      "func c() {}\n");
  EXPECT_GE(p->diags.error_count(), 5) << p->errors();
  const std::string e = p->errors();
  EXPECT_CONTAINS(e, "t.vo:3:");
  EXPECT_CONTAINS(e, "t.vo:5:");
  EXPECT_CONTAINS(e, "t.vo:8:");
  EXPECT_CONTAINS(e, "t.vo:9:");
  EXPECT_CONTAINS(e, "t.vo:12:");
  // All three functions and the var survive.
  int funcs = 0;
  for (Decl* d : p->file->decls) funcs += d->is<FuncDecl>();
  EXPECT_EQ(funcs, 3);
}

TEST(ParserErrors, MissingBraceBeforeNextFunction) {
  // An unclosed body ends at the next `func name`, which is parsed normally.
  auto p = parse("type T struct {\n\ta int\n\nfunc f() {\n\tswitch x {\n\tcase 1:\n\n"
                 "func g() {}\nvar (\n\tx = 1\nfunc h() {}\n");
  EXPECT_EQ(p->errors(),
            "t.vo:4:1: expected '}', found 'func'\n"
            "t.vo:8:1: expected '}', found 'func'\n"
            "t.vo:11:1: expected ')', found 'func'\n");
  EXPECT_EQ(dump(p->file),
            "(File nil (Type (Spec T (Struct ((Field (a) int))))) "
            "(Func f (FuncType () nil) (Block (Switch nil x (Case (1))))) "
            "(Func g (FuncType () nil) (Block)) (Var (Spec (x) nil (1))) "
            "(Func h (FuncType () nil) (Block)))");
  // A func literal statement is not mistaken for a declaration.
  EXPECT_EQ(stmt("func() {}()"), "(Expr (Call (FuncLit (FuncType () nil) (Block))))");
}

TEST(ParserErrors, VarInHeaders) {
  EXPECT_CONTAINS(body_errors("if var x = 1; x > 0 {\n}"), "var declaration not allowed in if initializer");
  EXPECT_CONTAINS(body_errors("for var i = 0; i < 3; i++ {\n}"),
                  "var declaration not allowed in for initializer");
  EXPECT_CONTAINS(body_errors("switch var x = 1; x {\n}"),
                  "var declaration not allowed in switch initializer");
}

TEST(ParserErrors, OneErrorPerLine) {
  // Cascading errors on the same line are dropped.
  auto p = parse("func f() {\n\tx := ) ) ) ]\n}\n");
  EXPECT_EQ(p->diags.error_count(), 1) << p->errors();
}

TEST(ParserErrors, StrayClosersAtTopLevel) {
  auto p = parse("}\n)\nfunc f() {}\n]\nvar x = 1\n");
  EXPECT_GE(p->diags.error_count(), 1);
  int n = 0;
  for (Decl* d : p->file->decls) n += d->is<FuncDecl>() || d->is<GenDecl>();
  EXPECT_EQ(n, 2) << p->errors();
}

TEST(ParserErrors, NestingLimit) {
  auto deep = [](int n) {
    return "var x = " + std::string(static_cast<size_t>(n), '(') + "1" +
           std::string(static_cast<size_t>(n), ')') + "\n";
  };
  EXPECT_EQ(file_errors(deep(100)), "");
  EXPECT_CONTAINS(file_errors(deep(200)), "exceeds maximum nesting depth");
  EXPECT_CONTAINS(file_errors(deep(100000)), "exceeds maximum nesting depth");
  std::string minus;
  for (int i = 0; i < 5000; ++i) minus += "- ";
  EXPECT_CONTAINS(file_errors("var x = " + minus + "1\n"), "exceeds maximum nesting depth");
  EXPECT_CONTAINS(file_errors("var x " + std::string(5000, '*') + "T\n"), "exceeds maximum nesting depth");
  EXPECT_CONTAINS(file_errors("func f() " + std::string(5000, '{') + "\n"), "exceeds maximum nesting depth");
  EXPECT_CONTAINS(file_errors("var x " + std::string(3000, '[') + "\n"), "exceeds maximum nesting depth");
  EXPECT_CONTAINS(file_errors("var x = T" + std::string(3000, '{') + "\n"), "exceeds maximum nesting depth");
  std::string chain = "func f() {\n\tif a {\n\t}";
  for (int i = 0; i < 3000; ++i) chain += " else if a {\n\t}";
  EXPECT_CONTAINS(file_errors(chain + "\n}\n"), "exceeds maximum nesting depth");
  std::string labels = "func f() {\n";
  for (int i = 0; i < 3000; ++i) labels += "L" + std::to_string(i) + ": ";
  EXPECT_CONTAINS(file_errors(labels + "\n}\n"), "exceeds maximum nesting depth");
}

TEST(ParserErrors, BinaryOperatorLimit) {
  std::string ok = "var x = 1";
  for (int i = 0; i < 500; ++i) ok += " + 1";
  EXPECT_EQ(file_errors(ok + "\n"), "");
  std::string bad = "var x = 1";
  for (int i = 0; i < 600; ++i) bad += " + 1";
  EXPECT_CONTAINS(file_errors(bad + "\n"), "binary operators");
  // A balanced tree of many operators is fine: the limit is per path.
  std::string wide = "var x = (1 + 1)";
  for (int i = 0; i < 600; ++i) wide += " , (1 + 1)";
  EXPECT_EQ(file_errors("var x = f(" + wide.substr(8) + ")\n"), "");
}

TEST(ParserErrors, PostfixChainLimit) {
  std::string ok = "var x = a";
  for (int i = 0; i < 250; ++i) ok += ".b()";
  EXPECT_EQ(file_errors(ok + "\n"), "");
  std::string bad = "var x = a";
  for (int i = 0; i < 600; ++i) bad += "~>b?";
  EXPECT_CONTAINS(file_errors(bad + "\n"), "selectors, indexes, calls and postfix operators");
}

TEST(ParserErrors, ErrorLimit) {
  std::string text = "func f() {\n";
  for (int i = 0; i < 2000; ++i) text += "x := )\n";
  auto p = parse(text + "}\n");
  EXPECT_LE(p->diags.error_count(), kMaxSyntaxErrors + 3);
  EXPECT_CONTAINS(p->errors(), "too many syntax errors");
}

// ---- robustness ------------------------------------------------------------------------

const char* const kSample = R"(package main

import (
	"errors"
	"fmt"
)

type Point struct {
	X, Y int `json:"x"`
	*Base
}

type Shape interface {
	Area() float64
	fmt.Stringer
}

const (
	A = iota
	B
)

var table = map[string][]int{"a": {1, 2}, "b": nil}

func (p *Point) Move(dx, dy int) { p.X += dx; p.Y += dy }

func work(out port<- int, xs ...int) (n int, err error) {
	defer func() { recover() }()
	errdefer cleanup()
	v := obj~>field~>[0]~>call(1, 2)?
	if v == nil {
		fail errors.New("nil")
	}
	w := make(island)
	go @(w) func(p port<- int) { p <- 1 }(out)
	for i, x := range xs {
		switch y := x.(type) {
		case int, *Point:
			n += i
		default:
			continue
		}
	}
	select {
	case m, ok := <-ch:
		_ = m
	case ch <- 1:
	default:
	}
	for i := 0; i < 10; i++ {
		if s := xs[1:2:3]; len(s) > 0 && !done {
			break
		} else if x := (Point{1, 2}); x.X > 0 {
			goto end
		}
	}
end:
	return (*Point).Move, nil
}
)";

// Parses arbitrary bytes; the test is that this returns at all.
void parse_anything(const std::string& text) {
  FileSet fs;
  Diagnostics diags(&fs);
  Ast ast;
  SourceFile* f = fs.add("fuzz.vo", text);
  File* file = parse_file(ast, *f, diags);
  ASSERT_NE(file, nullptr);
  (void)dump(file);
  (void)diags.format();
}

TEST(ParserRobustness, SampleParsesCleanly) {
  auto p = parse(kSample);
  EXPECT_EQ(p->diags.error_count(), 0) << p->errors();
}

TEST(ParserRobustness, EveryTruncation) {
  const std::string s = kSample;
  for (size_t n = 0; n <= s.size(); ++n) parse_anything(s.substr(0, n));
  for (size_t n = 0; n < s.size(); n += 7) parse_anything(s.substr(n));
}

TEST(ParserRobustness, RandomMutations) {
  std::mt19937 rng(12345);
  const std::string s = kSample;
  const std::string alphabet = "(){}[];:,.=+-*&|^<>!?~@`'\"/\n \tabcxyz019_\x80\xff";
  for (int iter = 0; iter < 1500; ++iter) {
    std::string m = s;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % (m.size() + 1);
      switch (rng() % 3) {
        case 0: m.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        case 1: if (at < m.size()) m.erase(at, 1 + rng() % 5); break;
        default: if (at < m.size()) m[at] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    parse_anything(m);
  }
}

TEST(ParserRobustness, RandomTokenSoup) {
  std::mt19937 rng(777);
  const std::vector<std::string> words = {
      "package", "import", "func", "var", "const", "type", "struct", "interface", "map", "chan",
      "port", "island", "go", "@", "defer", "errdefer", "fail", "if", "else", "for", "range",
      "switch", "case", "default", "select", "return", "break", "continue", "goto", "fallthrough",
      "x", "y", "T", "1", "2.5", "'c'", "\"s\"", "`r`", "(", ")", "[", "]", "{", "}", ",", ";",
      ":", ".", "...", "=", ":=", "+=", "+", "-", "*", "&", "<-", "!", "?", "~>", "==", "&&",
      "\n", "/* c */", "// c\n", ".(type)", "++"};
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      text += words[rng() % words.size()];
      text += ' ';
    }
    parse_anything(text);
  }
}

TEST(ParserRobustness, PathologicalInputs) {
  parse_anything(std::string(10000, '{'));
  parse_anything(std::string(10000, '}'));
  parse_anything(std::string(10000, '('));
  parse_anything(std::string(10000, ')'));
  parse_anything(std::string(5000, '\xff'));
  parse_anything("func f() { " + std::string(3000, '[') + " }");
  parse_anything("var x = " + std::string(3000, '<') + "-");
  std::string chain = "var x = a";
  for (int i = 0; i < 20000; ++i) chain += ".b";
  parse_anything(chain);
  std::string calls = "var x = f";
  for (int i = 0; i < 20000; ++i) calls += "()";
  parse_anything(calls);
  std::string dyn = "var x = a";
  for (int i = 0; i < 20000; ++i) dyn += "~>b?";
  parse_anything(dyn);
}

}  // namespace
}  // namespace vo::syntax
