// Private interface of the type checker, shared by the check_*.cpp files.
// The design follows Go's go/types: package-level objects are resolved
// lazily (objDecl with colors for cycle detection), function bodies are
// checked after all package-level declarations, untyped expressions are
// recorded once their final type is known (update_expr_type).
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "syntax/ast.h"
#include "syntax/diag.h"
#include "types/checker.h"
#include "types/info.h"

namespace vo::types {

// An operand: the result of checking an expression.
struct Operand {
  Mode mode = Mode::Invalid;
  const syntax::Expr* expr = nullptr;
  const Type* type = nullptr;
  Value val;                              // Mode::Constant
  BuiltinId builtin = BuiltinId::Len;     // Mode::Builtin
  // A value produced by dynamic access (~>): statically `any`, but assignable
  // to any target type in an assignment (the runtime checks the dynamic type).
  bool dyn = false;
  // For a dyn value taken from a multi-value dynamic access: its position
  // among the access's values (see Checker::dyn_retarget).
  int dyn_index = 0;

  bool invalid() const { return mode == Mode::Invalid; }
  bool is_nil() const;
  void set_invalid() { mode = Mode::Invalid; }
};

enum class Color : uint8_t { White, Grey, Black };

// A package-level declaration (and the unit of initialization-order
// analysis). Every name of one `var` spec shares a DeclInfo (Vo initializes a
// spec atomically).
struct DeclInfo {
  Scope* file_scope = nullptr;
  // const / var
  const syntax::ValueSpec* spec = nullptr;
  const syntax::Expr* vtype = nullptr;        // type (for consts possibly inherited)
  std::vector<const syntax::Expr*> values;    // initializers (for consts possibly inherited)
  std::vector<Var*> vars;                     // all names of a var spec, in order
  int iota = 0;
  // type
  const syntax::TypeSpec* tspec = nullptr;
  // func / method
  const syntax::FuncDecl* fdecl = nullptr;
  Func* func = nullptr;
  int order = 0;  // source order of the first object of this declaration
  // Package-level vars and funcs referenced by this declaration (init order).
  std::vector<DeclInfo*> deps;
  std::unordered_set<DeclInfo*> dep_set;
  void add_dep(DeclInfo* d) {
    if (d != nullptr && dep_set.insert(d).second) deps.push_back(d);
  }
};

// The function whose body is being checked.
struct FuncCtx {
  const syntax::Node* node = nullptr;      // FuncDecl or FuncLit
  const Signature* sig = nullptr;
  Scope* scope = nullptr;                  // function (parameter) scope
  FuncCtx* outer = nullptr;
  std::vector<Var*>* captures = nullptr;   // FuncLit: captured outer locals
  std::vector<Var*> locals;                // for unused-variable warnings
};

// Statement context flags (go/types stmtContext).
enum StmtFlags : unsigned {
  kBreakOk = 1u << 0,
  kContinueOk = 1u << 1,
  kFallthroughOk = 1u << 2,
  kFinalSwitchCase = 1u << 3,
  kInTypeSwitch = 1u << 4,
};

struct UntypedInfo {
  bool is_lhs = false;  // left operand of a non-constant shift
  Mode mode = Mode::Invalid;
  const Basic* type = nullptr;
  Value val;
};

// Result of a field/method lookup with the failure reason.
struct LookupResult {
  enum class Status : uint8_t { Found, NotFound, Ambiguous, NeedsAddr } status = Status::NotFound;
  Object* obj = nullptr;
  std::vector<int> index;  // embedded path; for fields the last entry is the field index
  bool indirect = false;
};

LookupResult lookup_impl(const Type* t, bool addressable, const Package* pkg, const std::string& name);

// Why `t` does not implement `iface` (empty if it does). `static_` asks for
// the method set of t itself (false: also allow pointer methods, used for
// assertions only to produce better hints).
struct MissingMethod {
  Func* method = nullptr;     // the interface method not satisfied
  bool wrong_type = false;    // found with a different signature
  bool ptr_recv = false;      // found but needs a pointer receiver
  Func* have = nullptr;       // the method found (wrong_type)
};
std::optional<MissingMethod> missing_method(const Type* t, const Interface* iface);
// The parenthesized cause only, as go/types' missingMethodCause, e.g.
// "(missing method M)", "(method M has pointer receiver)" or
// "(wrong type for method M)\n\t\thave M(int)\n\t\twant M(string)". Callers write
// "<T> does not implement <I> " + reason.
std::string missing_method_reason(const Type* t, const Type* iface, const MissingMethod& m);

// Interface method-set completion (idempotent).
void complete_interface(const Interface* it);

// Identity ignoring struct tags (conversions).
bool identical_ignore_tags(const Type* a, const Type* b);

// Whether a Tuple/Signature result is exactly the predeclared error.
bool is_builtin_error(const Type* t);

// Go's operand/expression spelling for messages.
std::string expr_string(const syntax::Expr* e);

class Checker {
 public:
  Checker(TypeArena& arena, const syntax::Ast& ast, const Importer& importer, syntax::Diagnostics& diags,
          CheckedPackage* out);
  void run(const std::vector<syntax::File*>& files);

  // ---- state ---------------------------------------------------------------
  TypeArena& arena_;
  const syntax::Ast& ast_;
  const Importer& importer_;
  syntax::Diagnostics& diags_;
  CheckedPackage* out_;
  Package* pkg_ = nullptr;
  Info& info_;

  std::unordered_map<const Object*, DeclInfo*> decls_;
  std::vector<std::unique_ptr<DeclInfo>> decl_store_;
  std::unordered_map<const Object*, Color> colors_;
  std::vector<Object*> obj_path_;          // objects being declared (cycle detection)
  std::vector<Object*> pkg_objects_;       // package-level objects in source order
  std::unordered_map<const TypeName*, std::vector<Func*>> methods_;  // by receiver base name
  std::vector<std::function<void()>> later_;
  struct Body {
    DeclInfo* decl;
    Func* func;
    const syntax::FuncDecl* fdecl;
  };
  std::vector<Body> bodies_;
  std::unordered_map<const syntax::Expr*, UntypedInfo> untyped_;
  std::vector<std::pair<PkgName*, const syntax::ImportSpec*>> imports_;
  std::unordered_set<std::string> reported_;  // "pos|msg" to drop exact duplicates
  std::unordered_map<const syntax::FuncLit*, std::vector<Var*>> lit_captures_;
  size_t later_next_ = 0;                 // next later_ item to run (process_later is re-entrant)
  syntax::Pos errpos_ = syntax::NoPos;    // when set, errors go here (inherited const init exprs)
  // Packages whose import failed: qualified identifiers into them report
  // nothing more (the "could not import" error suffices).
  std::unordered_set<const Package*> fake_pkgs_;
  std::unordered_set<const syntax::Node*> checked_bodies_;  // FuncLits whose body has been checked
  std::unordered_set<const Named*> valid_named_;            // valid_type cache

  // Current context.
  DeclInfo* decl_ = nullptr;     // package-level declaration being checked
  FuncCtx* fn_ = nullptr;        // innermost function body
  Scope* scope_ = nullptr;       // innermost scope
  std::optional<Value> iota_;    // inside a constant declaration
  bool has_call_or_recv_ = false;  // len(array) constness (Go rule)
  // Number of left-hand-side targets for dynamic access sizing (-1: none).
  // Set it around the evaluation of the single right-hand side of an
  // assignment/return (raw_expr passes it only through ( ), ? and ~>; `?`
  // adds one for the error it consumes). N == 1 yields just the dyn error; a
  // dynamic call with N > 1 targets yields N-1 `any` values plus the error.
  // An expression statement `o~>M()?` should set 0 (the callee returns
  // nothing); -1 sizes a call for one value.
  int dyn_targets_ = -1;
  bool dyn_imported_ = false;  // dyn_import() done

  // ---- diagnostics ----------------------------------------------------------
  void error(syntax::Pos pos, const std::string& msg);
  void warning(syntax::Pos pos, const std::string& msg);
  std::string tstr(const Type* t) const { return type_string(t, nullptr); }
  std::string opstr(const Operand& x) const;

  // ---- allocation --------------------------------------------------------------
  template <class T, class... A>
  T* make(A&&... a) { return arena_.make<T>(std::forward<A>(a)...); }
  Scope* open_scope(const syntax::Node* node, const std::string& comment);
  void close_scope();
  Var* new_var(const std::string& name, syntax::Pos pos, const Type* t);
  Tuple* new_tuple(const std::vector<const Type*>& types);
  const Type* invalid_type() const { return basic_type(BasicKind::Invalid); }
  DeclInfo* new_decl();

  // ---- recording ------------------------------------------------------------------
  void record(const Operand& x);
  void record_tv(const syntax::Expr* e, Mode m, const Type* t, const Value& v);
  void record_def(const syntax::Ident* id, Object* obj);
  void record_use(const syntax::Ident* id, Object* obj);
  void record_scope(const syntax::Node* n, Scope* s);
  void remember_untyped(const syntax::Expr* e, bool lhs, Mode m, const Basic* t, const Value& v);
  void update_expr_type(const syntax::Expr* e, const Type* target, bool final);
  void record_remaining_untyped();
  void record_comma_ok(const syntax::Expr* e, const Type* t0, const Type* t1);
  // A use of obj through identifier id (id may be nullptr): records the use,
  // marks vars/imports used, adds the init-order dependency (add_decl_dep)
  // and notes captures (note_var_use). Callers that must not count a use as
  // "used" (assignment lhs) save and restore Var::used around it.
  void use_object(Object* obj, const syntax::Ident* id);
  // Records that the current package-level declaration (decl_) depends on the
  // package-level const/var/func or method `to` (initialization order).
  void add_decl_dep(Object* to);

  // ---- declarations (check_decl.cpp) -------------------------------------------------
  void collect_objects(const std::vector<syntax::File*>& files);
  void collect_imports(const syntax::File* file, Scope* file_scope);
  void collect_gen_decl(const syntax::GenDecl* gd, Scope* file_scope);
  void collect_func_decl(const syntax::FuncDecl* fd, Scope* file_scope);
  void declare_pkg_obj(const syntax::Ident* id, Object* obj, DeclInfo* d);
  void associate_methods();
  void package_objects();
  void obj_decl(Object* obj);
  void const_decl(Const* obj, const syntax::Expr* typ, const syntax::Expr* init, int iota);
  void var_decl_pkg(DeclInfo* d);
  void type_decl(TypeName* obj, const syntax::TypeSpec* spec, bool local);
  void func_decl(Func* obj, DeclInfo* d);
  void collect_methods(TypeName* tn, Named* named);
  void check_receiver(Func* f, const syntax::FuncDecl* fd, Var* recv);
  void check_protocol_method(const std::string& name, const Signature* sig, syntax::Pos pos);
  void decl_stmt(const syntax::GenDecl* gd);
  void local_var_spec(const syntax::ValueSpec* vs);
  // Runs the queued later_ actions (function literal bodies, deferred type
  // checks) in FIFO order, including ones queued meanwhile. Does nothing while
  // package-level declarations are being resolved (obj_path_ non-empty): the
  // queue then runs once they are done.
  void process_later();
  void check_bodies();
  // Checks a function body: sets up the context (decl_, fn_ with a FuncCtx,
  // scope_ = fscope, which already holds the receiver/params/results), sets
  // owner_func of the params, then calls func_body_stmts(body), which checks
  // the statements directly in fscope (no extra block scope), labels,
  // missing return and unused variables. For a FuncLit pass
  // captures = &lit_captures_[lit].
  void func_body(DeclInfo* d, const syntax::Node* node, const Signature* sig, const syntax::BlockStmt* body,
                 Scope* fscope, std::vector<Var*>* captures);
  void report_unused_imports();
  void init_order();
  void valid_type(const Named* n, syntax::Pos pos);
  bool cycle_error_if_grey(Object* obj, syntax::Pos pos);
  bool valid_cycle(Object* obj);
  void report_cycle(const std::vector<Object*>& cycle);
  // Declares a local const or type name in scope_ (redeclaration errors, record_def).
  void declare_local(const syntax::Ident* id, Object* obj);
  // Checks an interface's merged method set (conflicting duplicates) once
  // its embedded interfaces are known; reports at pos.
  void check_interface_methods(const Interface* it, syntax::Pos pos);

  // ---- types (check_type.cpp) ----------------------------------------------------------
  const Type* typ(const syntax::Expr* e);
  const Type* typ_internal(const syntax::Expr* e, Named* def);
  const Type* defined_type(const syntax::Expr* e, Named* def);
  std::optional<int64_t> array_length(const syntax::Expr* e);
  // Declares receiver, params and named results in `scope` (the function's
  // scope, created and recorded by the caller: record_scope(ft, scope)); a
  // nullptr scope (function type literal) uses a fresh throwaway scope.
  Signature* func_type(const syntax::FuncType* ft, const syntax::FieldList* recv, Scope* scope);
  Tuple* collect_params(const syntax::FieldList* fl, Scope* scope, bool is_result, bool* variadic);
  Struct* struct_type(const syntax::StructType* st);
  Interface* interface_type(const syntax::InterfaceType* it, Named* def);
  void check_pointer_base(const Pointer* p, syntax::Pos pos);
  void check_map_key(const Map* m, syntax::Pos pos);
  const Type* type_name_expr(const syntax::Expr* e, Named* def);

  // ---- expressions (check_expr.cpp) ------------------------------------------------------
  void expr(Operand& x, const syntax::Expr* e, const Type* hint = nullptr);
  void multi_expr(Operand& x, const syntax::Expr* e);
  void expr_or_type(Operand& x, const syntax::Expr* e);
  void raw_expr(Operand& x, const syntax::Expr* e, const Type* hint, bool allow_generic_types);
  void expr_internal(Operand& x, const syntax::Expr* e, const Type* hint);
  void single_value(Operand& x);
  void exclude_type_and_novalue(Operand& x);
  void ident(Operand& x, const syntax::Ident* id, bool want_type);
  void basic_lit(Operand& x, const syntax::BasicLit* lit);
  void func_lit(Operand& x, const syntax::FuncLit* lit);
  void unary(Operand& x, const syntax::UnaryExpr* e);
  void binary(Operand& x, const syntax::Expr* e, const syntax::Expr* lhs, const syntax::Expr* rhs,
              syntax::Tok op, syntax::Pos op_pos);
  void shift(Operand& x, Operand& y, const syntax::Expr* e, syntax::Tok op);
  void comparison(Operand& x, Operand& y, syntax::Tok op);
  void match_types(Operand& x, Operand& y);
  void star_expr(Operand& x, const syntax::StarExpr* e);
  void overflow(Operand& x, syntax::Pos op_pos);
  bool representable(Operand& x, const Basic* t, std::string* why);
  void convert_untyped(Operand& x, const Type* target);
  // Returns the implicit type of untyped x in context `target`, or nullptr
  // (with *why set) when impossible.
  const Type* implicit_type(const Operand& x, const Type* target, Value* val, std::string* why);
  void invalid_conversion(Operand& x, const Type* target, const std::string& why);
  void receive(Operand& x, const syntax::UnaryExpr* e);
  void address_of(Operand& x, const syntax::UnaryExpr* e);

  // ---- composite literals, index, slice, assertion (check_index.cpp) --------------------
  void composite_lit(Operand& x, const syntax::CompositeLit* e, const Type* hint);
  void struct_lit(const syntax::CompositeLit* e, const Struct* st, const Type* base);
  int64_t indexed_elts(const std::vector<syntax::Expr*>& elts, const Type* elem, int64_t length);
  void map_lit(const syntax::CompositeLit* e, const Map* m);
  void index_expr(Operand& x, const syntax::IndexExpr* e);
  void slice_expr(Operand& x, const syntax::SliceExpr* e);
  void type_assert(Operand& x, const syntax::TypeAssertExpr* e);
  // Checks an index; returns its constant value (or -1), reporting errors.
  std::optional<int64_t> index(const syntax::Expr* e, int64_t max, bool allow_negative_error = true);
  bool is_valid_index(Operand& x, const char* what, bool allow_negative);
  void assertable_to(const Type* iface_t, const Type* t, const syntax::Expr* e, bool in_switch,
                     const syntax::Expr* operand_expr);

  // ---- calls, selectors, conversions (check_call.cpp) ------------------------------------
  void call_expr(Operand& x, const syntax::CallExpr* e);
  void arguments(const syntax::CallExpr* call, const Signature* sig, std::vector<Operand>& args,
                 const std::string& fname);
  void collect_args(const std::vector<syntax::Expr*>& exprs, std::vector<Operand>& out);
  void conversion(Operand& x, const Type* t, const syntax::CallExpr* call);
  bool convertible_to(const Operand& x, const Type* t, std::string* why);
  void selector(Operand& x, const syntax::SelectorExpr* e, bool want_type);
  bool qualified_ident(Operand& x, const syntax::SelectorExpr* e, bool want_type);
  Signature* method_value_sig(const Signature* sig);
  Signature* method_expr_sig(const Signature* sig, const Type* recv);

  // ---- builtins (check_builtin.cpp) --------------------------------------------------------
  void builtin(Operand& x, const syntax::CallExpr* call, BuiltinId id);
  void builtin_make(Operand& x, const syntax::CallExpr* call);
  void builtin_append(Operand& x, const syntax::CallExpr* call, std::vector<Operand>& args);
  void builtin_len_cap(Operand& x, const syntax::CallExpr* call, BuiltinId id, Operand& arg);
  std::string builtin_name(BuiltinId id) const;

  // ---- assignments (check_assign.cpp) ---------------------------------------------------------
  void assignment(Operand& x, const Type* t, const std::string& context);
  bool assignable_to(const Operand& x, const Type* t, std::string* reason);
  const Type* lhs_var(const syntax::Expr* lhs);
  void assign_var(const syntax::Expr* lhs, Operand& x, const std::string& context);
  void init_var(Var* v, Operand& x, const std::string& context);
  void init_vars(const std::vector<Var*>& lhs, const std::vector<const syntax::Expr*>& rhs,
                 const syntax::Node* return_stmt);
  void assign_vars(const std::vector<syntax::Expr*>& lhs, const std::vector<syntax::Expr*>& rhs);
  void short_var_decl(const syntax::AssignStmt* s, const std::vector<syntax::Expr*>& lhs,
                      const std::vector<syntax::Expr*>& rhs, syntax::Pos pos);
  void assign_op(const syntax::AssignStmt* s);
  void return_stmt(const syntax::ReturnStmt* s);
  void assign_mismatch(syntax::Pos pos, size_t l, size_t r, const syntax::Expr* rhs0, bool is_return);
  // Evaluates rhs list to exactly n operands (tuple unpacking, comma-ok).
  bool unpack_rhs(const std::vector<const syntax::Expr*>& rhs, size_t n, std::vector<Operand>& out,
                  const std::vector<const Type*>& targets, bool is_return, syntax::Pos pos);
  void declare_var_in_scope(Var* v, const syntax::Ident* id);

  // ---- statements (check_stmt.cpp) --------------------------------------------------------------
  void func_body_stmts(const syntax::BlockStmt* body);
  void stmt_list(const std::vector<syntax::Stmt*>& list, unsigned ctx);
  void stmt(const syntax::Stmt* s, unsigned ctx);
  void simple_stmt(const syntax::Stmt* s);
  void expr_stmt(const syntax::ExprStmt* s);
  void send_stmt(const syntax::SendStmt* s, bool in_select);
  void inc_dec_stmt(const syntax::IncDecStmt* s);
  void assign_stmt(const syntax::AssignStmt* s);
  void go_defer_stmt(const syntax::CallExpr* call, const char* keyword, const syntax::Expr* island);
  void fail_stmt(const syntax::FailStmt* s);
  void branch_stmt(const syntax::BranchStmt* s, unsigned ctx);
  void if_stmt(const syntax::IfStmt* s, unsigned ctx);
  void switch_stmt(const syntax::SwitchStmt* s, unsigned ctx);
  void type_switch_stmt(const syntax::TypeSwitchStmt* s, unsigned ctx);
  void select_stmt(const syntax::SelectStmt* s, unsigned ctx);
  void for_stmt(const syntax::ForStmt* s, unsigned ctx);
  void range_stmt(const syntax::RangeStmt* s, unsigned ctx);
  void case_values(Operand& tag, const syntax::CaseClause* clause,
                   std::vector<std::pair<Value, std::pair<const Type*, syntax::Pos>>>& seen);
  void labels(const syntax::BlockStmt* body);
  bool is_terminating(const syntax::Stmt* s, const std::string& label);
  bool require_error_result(const char* what, syntax::Pos pos);
  void usage(FuncCtx* ctx);

  // ---- error sugar & dyn (check_dyn.cpp) -----------------------------------------------------
  void try_expr(Operand& x, const syntax::TryExpr* e);
  void dyn_expr(Operand& x, const syntax::DynExpr* e);
  bool dyn_base_ok(Operand& base, const syntax::DynExpr* e);
  const Type* dyn_result(int values);
  bool is_dyn_rhs(const syntax::Expr* e) const;
  // A dyn value is assigned to a target of type t: records t as the type of
  // that value in the dynamic access (and in the `?`/( ) around it), so the
  // compiler converts it at run time (a mismatch is a dyn.ErrTypeMismatch).
  void dyn_retarget(Operand& x, const Type* t);
  // Makes package dyn part of the program (its errors are what dynamic
  // access returns).
  void dyn_import();

  // ---- escape & islands (escape.cpp, sendable.cpp) -----------------------------------------
  Var* root_var(const syntax::Expr* e);
  void mark_addr_taken(const syntax::Expr* e);
  void note_var_use(Var* v);
  std::optional<std::string> unsendable(const Type* t);
  void check_island_call(const syntax::CallExpr* call, const Operand& island);
};

// 'name' in single quotes, as in island messages ("cannot capture 'x' ...").
std::string quote_name(const std::string& s);

}  // namespace vo::types
