// Tests for the type checker: types and constant values recorded for
// expressions, objects of identifiers, diagnostics (text and position),
// declarations and cycles, initialization order, method sets, escape facts
// and island sendability.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "syntax/ast.h"
#include "syntax/ast_walk.h"
#include "syntax/diag.h"
#include "syntax/parser.h"
#include "types/checker.h"
#include "types/checker_impl.h"

namespace vo::types {
namespace {

using syntax::Ast;
using syntax::Diagnostics;
using syntax::FileSet;

// One checked program: the main package plus any packages it imports.
struct Checked {
  FileSet fs;
  Diagnostics diags{&fs};
  Ast ast;
  TypeArena arena;
  std::map<std::string, std::unique_ptr<CheckedPackage>> deps;
  std::vector<syntax::File*> files;
  std::unique_ptr<CheckedPackage> pkg;

  std::string errors() const { return diags.format(); }
  std::string all() const { return diags.format(true); }
  const Info& info() const { return pkg->info; }

  // First expression (pre-order) of the main package spelled `text`.
  const syntax::Expr* find(const std::string& text) const {
    const syntax::Expr* found = nullptr;
    for (const syntax::File* f : files) {
      syntax::walk(f, [&](const syntax::Node* n) {
        if (found != nullptr) return false;
        const auto* e = dynamic_cast<const syntax::Expr*>(n);
        if (e != nullptr && expr_string(e) == text) {
          found = e;
          return false;
        }
        return true;
      });
    }
    EXPECT_NE(found, nullptr) << "no expression " << text;
    return found;
  }
  const TypeAndValue& tv(const std::string& text) const { return info().tv(find(text)); }
  std::string type_of(const std::string& text) const { return type_string(tv(text).type, nullptr); }
  // The object declared or used by the first identifier spelled `name`.
  Object* obj(const std::string& name) const { return info().obj(find(name)); }
  Object* lookup(const std::string& name) const { return pkg->pkg->scope->lookup_local(name); }
};

struct Source {
  std::string path;  // import path; "main" for the main package
  std::string text;
};

std::unique_ptr<Checked> check_sources(const std::vector<Source>& sources) {
  auto c = std::make_unique<Checked>();
  Checked* raw = c.get();
  Importer importer = [raw](const std::string& path) -> CheckedPackage* {
    auto it = raw->deps.find(path);
    return it == raw->deps.end() ? nullptr : it->second.get();
  };
  for (const Source& s : sources) {
    syntax::SourceFile* f = c->fs.add(s.path == "main" ? "t.vo" : s.path + ".vo", s.text);
    syntax::File* file = syntax::parse_file(c->ast, *f, c->diags);
    if (s.path == "main") {
      c->files.push_back(file);
    } else {
      c->deps[s.path] = check_package(c->arena, s.path, {file}, c->ast, importer, c->diags);
    }
  }
  c->pkg = check_package(c->arena, "main", c->files, c->ast, importer, c->diags);
  return c;
}

std::unique_ptr<Checked> check(const std::string& text) { return check_sources({{"main", text}}); }

// Checks `text` and expects no errors.
std::unique_ptr<Checked> ok(const std::string& text) {
  auto c = check(text);
  EXPECT_EQ(c->errors(), "") << text;
  return c;
}

// Checks `text` and expects an error containing each of `wanted`.
void fails(const std::string& text, const std::vector<std::string>& wanted) {
  auto c = check(text);
  const std::string errs = c->errors();
  for (const std::string& w : wanted) EXPECT_NE(errs.find(w), std::string::npos) << "want: " << w << "\ngot:\n" << errs;
}

// ---- constants --------------------------------------------------------------------------------

TEST(CheckerConst, IotaAndImplicitRepetition) {
  auto c = ok(R"(package main
const (
	A = iota * 10
	B
	C
	_
	E
)
const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)
func main() {}
)");
  auto val = [&](const std::string& n) { return c->lookup(n)->as<Const>()->val.str(); };
  EXPECT_EQ(val("A"), "0");
  EXPECT_EQ(val("B"), "10");
  EXPECT_EQ(val("C"), "20");
  EXPECT_EQ(val("E"), "40");
  EXPECT_EQ(val("KB"), "1024");
  EXPECT_EQ(val("GB"), "1073741824");
  EXPECT_EQ(type_string(c->lookup("A")->type), "untyped int");
}

TEST(CheckerConst, TypedAndUntyped) {
  auto c = ok(R"(package main
type Celsius float64
const Boiling Celsius = 100
const Big = 1 << 100
const Small = Big >> 98
const S = "a" + "b"
func main() {}
)");
  EXPECT_EQ(type_string(c->lookup("Boiling")->type), "main.Celsius");
  EXPECT_EQ(c->lookup("Small")->as<Const>()->val.str(), "4");
  EXPECT_EQ(c->lookup("S")->as<Const>()->val.str(), "\"ab\"");
  EXPECT_EQ(type_string(c->lookup("Big")->type), "untyped int");
}

TEST(CheckerConst, Errors) {
  auto c = check(R"(package main
var v = 1
const a = v
const b, d = 1
const e []int = nil
func main() {}
)");
  const std::string errs = c->errors();
  EXPECT_NE(errs.find("t.vo:3:11: v (variable of type int) is not constant"), std::string::npos) << errs;
  EXPECT_NE(errs.find("t.vo:4:10: missing init expr for d"), std::string::npos) << errs;
  EXPECT_NE(errs.find("invalid constant type []int"), std::string::npos) << errs;
}

TEST(CheckerConst, LocalConstAndIota) {
  auto c = ok(R"(package main
func main() {
	const (
		x = iota + 1
		y
	)
	var arr [y]int
	_ = arr
}
)");
  EXPECT_EQ(type_string(c->obj("arr")->type), "[2]int");
}

// ---- untyped recording ----------------------------------------------------------------------

TEST(CheckerUntyped, FinalTypesRecorded) {
  auto c = ok(R"(package main
func main() {
	var f float64 = 1
	var x int8 = 3
	y := x + 1
	z := 7
	_, _, _ = f, y, z
}
)");
  EXPECT_EQ(c->type_of("1"), "float64");
  EXPECT_EQ(c->type_of("x + 1"), "int8");
  EXPECT_EQ(c->type_of("7"), "int");
  EXPECT_EQ(c->tv("7").mode, Mode::Constant);
  EXPECT_EQ(c->tv("7").val.str(), "7");
}

TEST(CheckerUntyped, ConstantDeclarationDefaultType) {
  auto c = ok(R"(package main
const k = 2.5
func main() {}
)");
  EXPECT_EQ(c->type_of("2.5"), "float64");
}

// ---- variables and init order ---------------------------------------------------------------

TEST(CheckerInit, DependencyOrder) {
  auto c = ok(R"(package main
var a = b + 1
var b = f()
func f() int { return c }
var c = 1
var d int
func main() {}
)");
  std::vector<std::string> order;
  for (const Initializer& init : c->info().init_order) {
    for (const Var* v : init.lhs) order.push_back(v->name);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"c", "b", "a"}));
}

TEST(CheckerInit, MultiValueSpecIsOneInitializer) {
  auto c = ok(R"(package main
func two() (int, string) { return 1, "a" }
var x, y = two()
var p, q = 1, 2
func main() {}
)");
  // Both specs are one initializer each: an n:n spec commits atomically.
  ASSERT_EQ(c->info().init_order.size(), 2u);
  EXPECT_EQ(c->info().init_order[0].lhs.size(), 2u);
  EXPECT_EQ(c->info().init_order[0].rhs.size(), 1u);
  ASSERT_EQ(c->info().init_order[1].lhs.size(), 2u);
  EXPECT_EQ(c->info().init_order[1].lhs[0]->name, "p");
  EXPECT_EQ(c->info().init_order[1].lhs[1]->name, "q");
  EXPECT_EQ(c->info().init_order[1].rhs.size(), 2u);
  EXPECT_EQ(type_string(c->lookup("y")->type), "string");
}

TEST(CheckerInit, Cycles) {
  fails(R"(package main
var x = f()
func f() int { return x }
func main() {}
)",
        {"t.vo:2:5: initialization cycle for x", "x refers to f", "f refers to x"});
  fails(R"(package main
var y int = y
func main() {}
)",
        {"initialization cycle: y refers to itself"});
}

TEST(CheckerInit, InitFunctions) {
  auto c = check(R"(package main
func init() {}
func init() {}
func main() {
	init()
}
)");
  EXPECT_EQ(c->info().inits.size(), 2u);
  EXPECT_NE(c->errors().find("t.vo:5:2: undeclared name: init"), std::string::npos) << c->errors();
}

TEST(CheckerDecl, MainAndInitSignatures) {
  fails("package main\nfunc main(value int)\n", {"missing function body", "func main must have no arguments"});
  fails("package main\nfunc init() int { return 1 }\nfunc main() {}\n",
        {"func init must have no arguments and no return values"});
  ok("package main\nfunc main() error { return nil }\n");
  fails("package main\nvar init = 1\nfunc main() {}\n", {"cannot declare init - must be func"});
}

TEST(CheckerDecl, Redeclared) {
  auto c = check(R"(package main
var a int
func a() {}
func main() {
	x := 1
	var x int
	_ = x
}
)");
  EXPECT_NE(c->errors().find("t.vo:3:6: a redeclared in this block"), std::string::npos) << c->errors();
  EXPECT_NE(c->errors().find("t.vo:6:6: x redeclared in this block"), std::string::npos) << c->errors();
}

TEST(CheckerDecl, UndeclaredUintptr) {
  fails("package main\nfunc main() {\n\tvar p uintptr\n\t_ = p\n}\n", {"t.vo:3:8: undeclared name: uintptr"});
}

TEST(CheckerDecl, ObjectsRecorded) {
  auto c = ok(R"(package main
type T struct{ f int }
func (t T) M() int { return t.f }
func main() {
	var v T
	_ = v.M()
}
)");
  Object* t = c->lookup("T");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(c->obj("T"), t);
  const auto* named = t->type->as<Named>();
  ASSERT_NE(named, nullptr);
  ASSERT_EQ(named->methods.size(), 1u);
  EXPECT_EQ(named->methods[0]->name, "M");
  EXPECT_EQ(type_string(named->methods[0]->type), "func() int");
}

TEST(CheckerDecl, LocalVarScopeBeginsAfterSpec) {
  auto c = check(R"(package main
func main() {
	x := 1
	{
		var x = x + 1
		_ = x
	}
	var y = y
	_ = y
}
)");
  // The inner x's initializer sees the outer x; y is not yet declared.
  EXPECT_EQ(c->errors(), "t.vo:8:10: undeclared name: y\n");
}

TEST(CheckerDecl, BlankDeclarationsRecorded) {
  auto c = ok(R"(package main
func f() int { return 1 }
var _ = f()
func main() {
	var _ int = 2
}
)");
  ASSERT_EQ(c->info().init_order.size(), 1u);
  EXPECT_EQ(c->info().init_order[0].lhs[0]->name, "_");
  int blanks = 0;
  for (const syntax::File* f : c->files) {
    syntax::walk(f, [&](const syntax::Node* n) {
      if (const auto* id = n->as<syntax::Ident>(); id != nullptr && id->name == "_") {
        EXPECT_NE(c->info().obj(id), nullptr);
        ++blanks;
      }
      return true;
    });
  }
  EXPECT_EQ(blanks, 2);
}

TEST(CheckerDecl, DeepDependencyChains) {
  // Declarations resolve recursively; long chains must neither crash nor be rejected.
  std::string src = "package main\n";
  const int n = 5000;
  for (int i = 0; i < n; ++i) src += "var a" + std::to_string(i) + " = a" + std::to_string(i + 1) + " + 1\n";
  src += "var a" + std::to_string(n) + " = 0\nfunc main() {}\n";
  auto c = ok(src);
  ASSERT_EQ(c->info().init_order.size(), static_cast<size_t>(n + 1));
  EXPECT_EQ(c->info().init_order.front().lhs[0]->name, "a" + std::to_string(n));
  EXPECT_EQ(c->info().init_order.back().lhs[0]->name, "a0");
}

// ---- types -----------------------------------------------------------------------------------------

TEST(CheckerTypes, PointersOnlyToStructs) {
  auto c = check(R"(package main
var p1 *int
type MyInt int
var p4 *MyInt
var p5 *[]int
type S struct{ next *S }
var ok *S
func main() {}
)");
  const std::string errs = c->errors();
  EXPECT_NE(errs.find("t.vo:2:8: invalid pointer type *int"), std::string::npos) << errs;
  EXPECT_NE(errs.find("invalid pointer type *main.MyInt"), std::string::npos) << errs;
  EXPECT_NE(errs.find("invalid pointer type *[]int"), std::string::npos) << errs;
  EXPECT_EQ(errs.find("*main.S"), std::string::npos) << errs;
}

TEST(CheckerTypes, PointerReceiverOnNamedSlice) {
  fails(R"(package main
type IntSlice []int
func (s *IntSlice) Append(v int) {}
func main() {}
)",
        {"invalid pointer type *main.IntSlice"});
}

TEST(CheckerTypes, EmbeddedFields) {
  fails(R"(package main
type BadSlice struct {
	[]int
}
type BadMap struct {
	map[string]int
}
type BadAnonymousPointer struct {
	*struct {
		value int
	}
}
func main() {}
)",
        {"t.vo:3:2: embedded field must be a type name or pointer to a named struct type",
         "t.vo:6:2: embedded field must be a type name or pointer to a named struct type",
         "t.vo:9:2: embedded field must be a type name or pointer to a named struct type"});
  auto c = ok(R"(package main
type Inner struct{ x int }
func (i *Inner) Set(v int) { i.x = v }
type Outer struct {
	*Inner
	y int
}
func main() {}
)");
  const Type* outer = c->lookup("Outer")->type;
  Selection s = lookup_field_or_method(outer, false, c->pkg->pkg, "x");
  ASSERT_NE(s.obj, nullptr);
  EXPECT_EQ(s.kind, Selection::Kind::FieldVal);
  EXPECT_EQ(s.index, (std::vector<int>{0, 0}));
  EXPECT_TRUE(s.indirect);
  Selection m = lookup_field_or_method(outer, false, c->pkg->pkg, "Set");
  ASSERT_NE(m.obj, nullptr);
  EXPECT_EQ(m.kind, Selection::Kind::MethodVal);
  EXPECT_EQ(m.index, (std::vector<int>{0}));
}

TEST(CheckerTypes, DuplicateFieldsAndTags) {
  fails("package main\ntype T struct {\n\ta int\n\ta string\n}\nfunc main() {}\n", {"t.vo:4:2: a redeclared"});
  auto c = ok("package main\ntype T struct {\n\tName string `json:\"name\"`\n}\nfunc main() {}\n");
  const Struct* st = underlying(c->lookup("T")->type)->as<Struct>();
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(st->tags[0], "json:\"name\"");
}

TEST(CheckerTypes, InvalidRecursiveTypes) {
  fails("package main\ntype T struct{ a T }\nfunc main() {}\n", {"invalid recursive type: T refers to itself"});
  fails("package main\ntype A struct{ b B }\ntype B struct{ a [2]A }\nfunc main() {}\n",
        {"invalid recursive type A", "A refers to B", "B refers to A"});
  fails("package main\ntype T U\ntype U T\nfunc main() {}\n", {"invalid recursive type"});
  ok("package main\ntype L struct{ next *L; kids []L; m map[string]L }\nfunc main() {}\n");
}

TEST(CheckerTypes, ArrayLength) {
  fails("package main\nvar explicit [9223372036854775808]byte\nfunc main() {}\n",
        {"array length 9223372036854775808 exceeds MaxInt (9223372036854775807)"});
  fails("package main\nvar n = 3\nvar a [n]int\nfunc main() {}\n", {"invalid array length n"});
  fails("package main\nvar a [1.5]int\nfunc main() {}\n", {"array length 1.5 (untyped float constant) must be integer"});
  auto c = ok("package main\nconst N = 4\nvar a [N * 2]int\nfunc main() {}\n");
  EXPECT_EQ(type_string(c->lookup("a")->type), "[8]int");
}

TEST(CheckerTypes, MapKeys) {
  fails("package main\nvar m map[[]int]string\nfunc main() {}\n", {"invalid map key type []int"});
  ok("package main\ntype K struct{ a, b int }\nvar m map[K]any\nvar n map[any]int\nfunc main() {}\n");
}

TEST(CheckerTypes, Aliases) {
  auto c = ok(R"(package main
type Base struct{ x int }
type A = Base
type B = []A
func main() {}
)");
  EXPECT_EQ(c->lookup("A")->type, c->lookup("Base")->type);
  EXPECT_EQ(type_string(c->lookup("B")->type), "[]main.Base");
}

TEST(CheckerTypes, PortsAndIslands) {
  auto c = ok(R"(package main
var a port int
var b port<- string
var c <-port []int
var i island
func main() {}
)");
  EXPECT_EQ(type_string(c->lookup("b")->type), "port<- string");
  EXPECT_EQ(type_string(c->lookup("c")->type), "<-port []int");
  EXPECT_EQ(type_string(c->lookup("i")->type), "island");
}

TEST(CheckerTypes, LocalTypes) {
  auto c = ok(R"(package main
func main() {
	type node struct {
		next *node
		v    int
	}
	n := node{v: 1}
	_ = n
}
)");
  EXPECT_EQ(type_string(c->obj("n")->type), "main.node");
}

// ---- methods and receivers ---------------------------------------------------------------------

TEST(CheckerMethods, AliasReceiver) {
  fails(R"(package main
type Base struct{}
type Alias = Base
func (Alias) InvalidValueMethod() {}
func (*Alias) InvalidPointerMethod() {}
func main() {}
)",
        {"t.vo:4:7: invalid receiver (receiver base type is an alias)",
         "t.vo:5:7: invalid receiver (receiver base type is an alias)"});
}

TEST(CheckerMethods, ReceiverRules) {
  fails("package main\nfunc (i int) Foo() {}\nfunc main() {}\n", {"cannot define new methods on non-local type int"});
  fails("package main\ntype I interface{}\nfunc (i I) Foo() {}\nfunc main() {}\n",
        {"invalid receiver type main.I (pointer or interface type)"});
  fails("package main\ntype P struct{}\nfunc (P) Foo() {}\nfunc (*P) Foo() {}\nfunc main() {}\n",
        {"t.vo:4:11: method P.Foo already declared at t.vo:3:10"});
  fails("package main\ntype V struct{}\nfunc (V) Missing()\nfunc main() {}\n", {"t.vo:3:10: missing function body"});
  fails("package main\ntype V struct{ F int }\nfunc (V) F() {}\nfunc main() {}\n",
        {"field and method with the same name F"});
}

TEST(CheckerMethods, MethodSetsAndImplements) {
  auto c = ok(R"(package main
type Getter interface { Get() int }
type Setter interface { Set(int) }
type Point struct{ x int }
func (p Point) Get() int { return p.x }
func (p *Point) Set(x int) { p.x = x }
type MyInt int
func (m MyInt) Get() int { return int(m) }
func main() {}
)");
  const Type* point = c->lookup("Point")->type;
  const Interface* getter = underlying(c->lookup("Getter")->type)->as<Interface>();
  const Interface* setter = underlying(c->lookup("Setter")->type)->as<Interface>();
  Pointer ptr(point);
  EXPECT_TRUE(implements(point, getter));
  EXPECT_FALSE(implements(point, setter));
  EXPECT_TRUE(implements(&ptr, setter));
  EXPECT_TRUE(implements(c->lookup("MyInt")->type, getter));
  auto m = missing_method(point, setter);
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->ptr_recv);
  EXPECT_EQ(missing_method_reason(point, c->lookup("Setter")->type, *m), "(method Set has pointer receiver)");
  auto g = missing_method(c->lookup("Setter")->type, getter);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(missing_method_reason(c->lookup("Setter")->type, c->lookup("Getter")->type, *g),
            "(missing method Get)");
  // Pointer methods are in the method set of addressable values only.
  Selection s = lookup_field_or_method(point, false, c->pkg->pkg, "Set");
  EXPECT_EQ(s.obj, nullptr);
  s = lookup_field_or_method(point, true, c->pkg->pkg, "Set");
  EXPECT_NE(s.obj, nullptr);
}

TEST(CheckerMethods, AmbiguousSelector) {
  auto c = ok(R"(package main
type A struct{ X int }
type B struct{ X int }
type C struct {
	A
	B
}
func main() {}
)");
  LookupResult r = lookup_impl(c->lookup("C")->type, false, c->pkg->pkg, "X");
  EXPECT_EQ(r.status, LookupResult::Status::Ambiguous);
}

// ---- interfaces ----------------------------------------------------------------------------------

TEST(CheckerInterfaces, EmbeddingAndConflicts) {
  fails(R"(package main
type IntValue interface { Value() int }
type StringValue interface { Value() string }
type InvalidDiamond interface {
	IntValue
	StringValue
}
func main() {}
)",
        {"Value redeclared with different signature"});
  auto c = ok(R"(package main
type R interface { Read() int }
type W interface { Write(int) }
type RW interface {
	R
	W
	Read() int
}
type Later interface { Early }
type Early interface { M() Later }
func main() {}
)");
  const Interface* rw = underlying(c->lookup("RW")->type)->as<Interface>();
  ASSERT_TRUE(rw->complete);
  ASSERT_EQ(rw->all_methods.size(), 2u);
  EXPECT_EQ(rw->all_methods[0]->name, "Read");
  EXPECT_EQ(rw->all_methods[1]->name, "Write");
  const Interface* later = underlying(c->lookup("Later")->type)->as<Interface>();
  ASSERT_EQ(later->all_methods.size(), 1u);
  fails("package main\ntype I interface{ J }\ntype J interface{ I }\nfunc main() {}\n", {"invalid recursive type"});
  fails("package main\ntype I interface{ M(); M() }\nfunc main() {}\n", {"duplicate method M"});
}

TEST(CheckerInterfaces, ProtocolSignatures) {
  fails(R"(package main
type BadAttr struct{}
func (BadAttr) DynAttr(name int) (any, error) { return nil, nil }
type BadSetAttr struct{}
func (BadSetAttr) DynSetAttr(name string, value any) (error, error) { return nil, nil }
type BadIndex struct{}
func (BadIndex) DynIndex(key string) (any, error) { return nil, nil }
type BadSetIndex struct{}
func (BadSetIndex) DynSetIndex(key any, value string) error { return nil }
type BadCall struct{}
func (BadCall) DynCall(args []any) (any, error) { return nil, nil }
type BadInterface interface {
	DynAttr(name int) (any, error)
}
func main() {}
)",
        {"DynAttr(name string) (any, error)", "DynSetAttr(name string, value any) error",
         "DynIndex(key any) (any, error)", "DynSetIndex(key any, value any) error",
         "DynCall(args ...any) (any, error)", "t.vo:13:2: invalid signature for protocol method DynAttr"});
  ok(R"(package main
type Good struct{}
func (Good) DynAttr(name string) (any, error) { return nil, nil }
func (Good) DynSetAttr(name string, value any) error { return nil }
func (Good) DynIndex(key any) (any, error) { return nil, nil }
func (Good) DynSetIndex(key any, value any) error { return nil }
func (Good) DynCall(args ...any) (any, error) { return nil, nil }
func main() {}
)");
}

// ---- imports -------------------------------------------------------------------------------------

TEST(CheckerImports, QualifiedAndUnexported) {
  auto c = check_sources({
      {"lib/p", "package p\nconst K = 3\ntype Private interface { m() }\ntype P struct{}\nfunc (P) m() {}\n"
                "func F() int { return K }\n"},
      {"lib/q", "package q\ntype Private interface { m() }\n"},
      {"main", R"(package main
import (
	"lib/p"
	"lib/q"
)
type Both interface {
	p.Private
	q.Private
}
var ok p.Private = p.P{}
var bad Both = p.P{}
var k = p.F() + p.K
func main() {}
)"},
  });
  const std::string errs = c->errors();
  EXPECT_NE(errs.find("missing method m"), std::string::npos) << errs;
  EXPECT_EQ(errs.find("t.vo:10"), std::string::npos) << errs;
  EXPECT_EQ(type_string(c->lookup("k")->type), "int");
  const Interface* both = underlying(c->lookup("Both")->type)->as<Interface>();
  EXPECT_EQ(both->all_methods.size(), 2u);
}

TEST(CheckerImports, FailedAndUnused) {
  auto c = check("package main\nimport \"nowhere/x\"\nfunc main() {}\n");
  EXPECT_NE(c->errors().find("t.vo:2:8: could not import nowhere/x"), std::string::npos) << c->errors();
  auto u = check_sources({{"lib", "package lib\nfunc F() {}\n"}, {"main", "package main\nimport \"lib\"\nfunc main() {}\n"}});
  EXPECT_EQ(u->errors(), "");
  EXPECT_NE(u->all().find("warning: \"lib\" imported and not used"), std::string::npos) << u->all();
  const syntax::ImportSpec* spec = u->files[0]->imports[0];
  ASSERT_EQ(u->info().implicits.count(spec), 1u);
  EXPECT_EQ(u->info().implicits.at(spec)->kind, ObjKind::PkgName);
}

TEST(CheckerImports, RenamedUnusedImport) {
  auto u = check_sources({{"lib/util", "package util\nfunc F() {}\n"},
                          {"main", "package main\nimport u \"lib/util\"\nimport _ \"lib/util\"\nfunc main() {}\n"}});
  EXPECT_EQ(u->errors(), "");
  EXPECT_NE(u->all().find("t.vo:2:8: warning: \"lib/util\" imported as u and not used"), std::string::npos) << u->all();
  auto d = check_sources({{"lib/util", "package util\nfunc F() int { return 1 }\nconst K = 2\n"},
                          {"main", "package main\nimport . \"lib/util\"\nvar x = F() + K\nfunc main() {}\n"}});
  EXPECT_EQ(d->errors(), "");
  auto clash = check_sources({{"lib/util", "package util\nfunc F() {}\n"},
                              {"main", "package main\nimport \"lib/util\"\nvar util = 1\nfunc main() { util.F() }\n"}});
  EXPECT_NE(clash->errors().find("util already declared through import of package util"), std::string::npos)
      << clash->errors();
}

// ---- escape --------------------------------------------------------------------------------------

TEST(CheckerEscape, CapturesAndAddressTaken) {
  auto c = ok(R"(package main
type S struct{ a int; arr [3]S2 }
type S2 struct{ b int }
func main() {
	x := 1
	y := 2
	f := func() int {
		g := func() int { return x }
		return g()
	}
	s := S{}
	p := &s.arr[1]
	var plain S
	_, _, _, _, _ = f, y, p, plain, s
}
)");
  auto var = [&](const std::string& n) { return c->obj(n)->as<Var>(); };
  Var* x = var("x");
  ASSERT_NE(x, nullptr);
  EXPECT_TRUE(x->captured);
  EXPECT_FALSE(var("y")->captured);
  EXPECT_TRUE(var("s")->addr_taken);
  EXPECT_FALSE(var("plain")->addr_taken);
  EXPECT_FALSE(var("plain")->escapes());
  // owner_func: the FuncDecl of main for x; the literal for g.
  const syntax::FuncDecl* main_decl = c->files[0]->decls.back()->as<syntax::FuncDecl>();
  EXPECT_EQ(x->owner_func, main_decl);
  Var* g = var("g");
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->owner_func != nullptr && g->owner_func->is<syntax::FuncLit>());
}

TEST(CheckerEscape, ParamsOwnedByFunction) {
  auto c = ok(R"(package main
type T struct{ v int }
func (t T) get(k int) (r int) {
	h := func() int { return k }
	r = h() + t.v
	return
}
func main() {}
)");
  const syntax::FuncDecl* get = c->files[0]->decls[1]->as<syntax::FuncDecl>();
  const Func* f = c->info().obj(get->name)->as<Func>();
  ASSERT_NE(f, nullptr);
  const Signature* sig = f->sig();
  EXPECT_EQ(sig->recv->owner_func, get);
  EXPECT_EQ(sig->params->vars[0]->owner_func, get);
  EXPECT_EQ(sig->results->vars[0]->owner_func, get);
  EXPECT_TRUE(sig->params->vars[0]->captured);
  EXPECT_FALSE(sig->recv->captured);
}

// ---- islands -------------------------------------------------------------------------------------

TEST(CheckerIslands, Sendability) {
  fails(R"(package main
type UnsafeWorker struct {
	local chan int
}
func (w UnsafeWorker) Run() {}
type Runner interface {
	Run()
}
type SafeWorker struct{}
func (SafeWorker) Run() {}
type Envelope struct {
	Payload Runner
}
func main() {
	i := make(island)
	local := make(chan int)
	owner := make(port int, 1)
	closure := func() {
		close(local)
	}
	go @(i) closure()
	worker := UnsafeWorker{local: local}
	go @(i) worker.Run()
	var runner Runner = SafeWorker{}
	go @(i) runner.Run()
	go @(i) func(p port int) {}(owner)
	go @(i) func() {
		owner <- 1
	}()
	go @(i) func(value any) {}(42)
	go @(i) func(value Envelope) {}(Envelope{})
	out := make(port any, 1)
	go @(i) func(o port<- any) {}(out)
	go @(i) func(n int, s []string, m map[string]int) {}(1, nil, nil)
}
)",
        {"t.vo:21:10: cannot send callee across island boundary",
         "cannot send method receiver across island boundary: field 'local': channels cannot cross island boundaries",
         "cannot send method receiver across island boundary: interface values cannot cross island boundaries",
         "cannot send argument across island boundary: only send-only port capabilities may cross islands",
         "cannot capture 'owner' across island boundary: only send-only port capabilities may cross islands",
         "cannot send argument across island boundary: interface values cannot cross island boundaries",
         "field 'Payload': interface values cannot cross island boundaries",
         "port element: interface values cannot cross island boundaries"});
  auto c = check(R"(package main
func work(n int, out port<- int) { out <- n }
type Job struct{ id int; data []byte; next *Job }
func main() {
	i := make(island)
	p := make(port int, 1)
	j := Job{}
	go @(i) work(1, p)
	go @(i) func(job Job) {}(j)
	go @(i) func() { _ = j.id }()
}
)");
  EXPECT_EQ(c->errors(), "");
}

// ---- diagnostics -----------------------------------------------------------------------------------

TEST(CheckerDiagnostics, AllErrorsReportedOnce) {
  auto c = check(R"(package main
var a *int
var b *int
func main() {
	var c uintptr
	_ = c
}
)");
  const std::string errs = c->errors();
  EXPECT_EQ(errs,
            "t.vo:2:7: invalid pointer type *int\n"
            "t.vo:3:7: invalid pointer type *int\n"
            "t.vo:5:8: undeclared name: uintptr\n");
}

TEST(CheckerDiagnostics, ScopesRecorded) {
  auto c = ok("package main\nfunc main() {\n\tif x := 1; x > 0 {\n\t}\n}\n");
  const syntax::File* f = c->files[0];
  ASSERT_EQ(c->info().scopes.count(f), 1u);
  const syntax::FuncDecl* fd = f->decls[0]->as<syntax::FuncDecl>();
  ASSERT_EQ(c->info().scopes.count(fd->type), 1u);
  EXPECT_EQ(c->info().scopes.at(fd->type)->parent, c->info().scopes.at(f));
}

}  // namespace
}  // namespace vo::types
