// Private to the compiler: the code generator shared by gen_*.cpp.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/func_builder.h"
#include "compiler/layout.h"
#include "syntax/diag.h"
#include "types/checker.h"

namespace vo::compiler {

namespace ast = vo::syntax;

// Raised for a construct the compiler does not support yet; reported as a
// positioned error naming it.
struct Unsupported {
  ast::Pos pos;
  std::string what;
};

// Where a variable lives.
struct VarLoc {
  enum Kind : uint8_t { Local, Boxed, Global } kind = Local;
  uint32_t slot = 0;  // Local: first slot; Boxed: slot holding the box; Global: global index
};

// An assignable location.
struct LValue {
  enum Kind : uint8_t { Slots, Global, Ptr, SliceElem, ArrayElem, MapEntry, Blank } kind = Slots;
  uint32_t a = 0;       // Slots: first slot; Global: index; Ptr: slot holding the pointer; SliceElem: slice slot; ArrayElem: array first slot; MapEntry: map slot
  uint32_t b = 0;       // Ptr: slot offset; Slice/ArrayElem: index slot; MapEntry: key slot
  uint32_t aux = 0;     // MapEntry: aux index; ArrayElem: length
  uint8_t code = 1;     // element code for Slice/ArrayElem
  const types::Type* type = nullptr;
};

class Gen {
 public:
  Gen(bc::Module& m, syntax::Diagnostics& diags) : mod_(m), layouts_(m), diags_(diags) {}
  void compile(const std::vector<types::CheckedPackage*>& pkgs);

 private:
  // ---- module level (gen_module.cpp)
  uint32_t func_index(const types::Func* f);
  uint32_t declare_function(const std::string& name);
  void compile_func_decl(const ast::FuncDecl* d, uint32_t index);
  void compile_entry();
  uint32_t string_const(const std::string& s);
  uint32_t slot_const(rt::Slot v, rt::SlotKind k = rt::SlotKind::Scalar);

  // ---- functions (gen_stmt.cpp)
  void begin_function(bc::Function& fn, const types::Signature* sig, const ast::FuncType* ft, const ast::Node* owner);
  void end_function();
  void stmt(const ast::Stmt* s);
  void block(const std::vector<ast::Stmt*>& list);
  void assign_stmt(const ast::AssignStmt* s);
  void if_stmt(const ast::IfStmt* s);
  void for_stmt(const ast::ForStmt* s, const std::string& label);
  void range_stmt(const ast::RangeStmt* s, const std::string& label);
  void switch_stmt(const ast::SwitchStmt* s, const std::string& label);
  void return_stmt(const ast::ReturnStmt* s);
  void branch_stmt(const ast::BranchStmt* s);
  void incdec_stmt(const ast::IncDecStmt* s);
  uint32_t declare_local(types::Var* v);

  // ---- expressions (gen_expr.cpp)
  // Evaluates e into fresh slots (or `dest` if given); returns the first slot.
  uint32_t expr(const ast::Expr* e, int64_t dest = -1);
  // Evaluates e converted to type `to` (interface boxing, nil, constants).
  uint32_t expr_to(const ast::Expr* e, const types::Type* to, int64_t dest = -1);
  uint32_t constant(const types::TypeAndValue& tv, const types::Type* t, int64_t dest);
  uint32_t binary(const ast::BinaryExpr* e, int64_t dest);
  uint32_t compare(ast::Tok op, const types::Type* t, uint32_t x, uint32_t y, int64_t dest);
  uint32_t unary(const ast::UnaryExpr* e, int64_t dest);
  uint32_t ident(const ast::Ident* e, int64_t dest);
  uint32_t index(const ast::IndexExpr* e, int64_t dest);
  uint32_t selector(const ast::SelectorExpr* e, int64_t dest);
  uint32_t slice_expr(const ast::SliceExpr* e, int64_t dest);
  uint32_t composite(const ast::CompositeLit* e, int64_t dest);
  uint32_t conversion(const ast::CallExpr* e, int64_t dest);
  uint32_t convert_value(uint32_t src, const types::Type* from, const types::Type* to, int64_t dest);
  uint32_t box(uint32_t src, const types::Type* from, const types::Type* iface, int64_t dest);
  void cond_jump(const ast::Expr* e, bool jump_if, std::vector<uint32_t>& patches);
  LValue lvalue(const ast::Expr* e);
  void store(const LValue& lv, uint32_t src);
  uint32_t load(const LValue& lv, int64_t dest);

  // ---- calls (gen_call.cpp)
  uint32_t call(const ast::CallExpr* e, int64_t dest);
  uint32_t builtin_call(const ast::CallExpr* e, types::BuiltinId id, int64_t dest);
  uint32_t print_args(const std::vector<ast::Expr*>& args, size_t first);
  void args_into(const ast::CallExpr* e, const types::Signature* sig, uint32_t at);

  // ---- helpers
  const types::TypeAndValue& tv(const ast::Expr* e) const { return info_->tv(e); }
  const types::Type* type_of(const ast::Expr* e) const { return info_->tv(e).type; }
  uint32_t alloc(const types::Type* t) { return fb_->alloc(layouts_.kinds(t)); }
  uint32_t dest_or_alloc(int64_t dest, const types::Type* t) { return dest >= 0 ? static_cast<uint32_t>(dest) : alloc(t); }
  void move(uint32_t to, uint32_t from, uint32_t n);
  void line(ast::Pos p);
  [[noreturn]] void unsupported(ast::Pos p, const std::string& what) { throw Unsupported{p, what}; }

  bc::Module& mod_;
  Layouts layouts_;
  syntax::Diagnostics& diags_;
  const types::Info* info_ = nullptr;
  const types::CheckedPackage* pkg_ = nullptr;
  FuncBuilder* fb_ = nullptr;
  const types::Signature* sig_ = nullptr;
  uint32_t result_slot_ = 0;  // first slot of the named/unnamed result variables
  std::vector<types::Var*> results_;
  std::unordered_map<const types::Object*, VarLoc> vars_;
  std::unordered_map<const types::Func*, uint32_t> funcs_;
  std::unordered_map<const types::Var*, uint32_t> globals_;
  std::unordered_map<std::string, uint32_t> string_consts_;

  struct LoopCtx {
    std::string label;
    std::vector<uint32_t> breaks;
    std::vector<uint32_t> continues;
    bool is_loop;
  };
  std::vector<LoopCtx> loops_;
  std::vector<uint32_t> init_funcs_;
  std::vector<std::pair<const types::CheckedPackage*, uint32_t>> var_inits_;
  uint32_t main_index_ = UINT32_MAX;
};

}  // namespace vo::compiler
