// Private to the compiler: the code generator shared by gen_*.cpp.
#pragma once
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/compiler.h"
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
  enum Kind : uint8_t { Local, Boxed, Global, Captured } kind = Local;
  // Local: first slot; Boxed: slot holding the box pointer; Global: global
  // index; Captured: capture index (the capture holds the box pointer).
  uint32_t slot = 0;
};

// A call prepared for emission: callee and arguments evaluated into one
// contiguous block of slots.
struct CallPlan {
  enum Kind : uint8_t { Static, Closure, Iface, Native } kind = Static;
  uint32_t func = 0;          // Static: function index; Native: native index
  uint32_t block = 0;         // first slot of the block
  std::vector<rt::SlotKind> kinds;  // kinds of the whole block
  uint32_t callee = 0;        // Closure: slot of the closure; Iface: slot of the interface
  uint32_t args = 0;          // first argument slot (Iface: the receiver word slot)
  uint32_t method = 0;        // Iface: method index
  const types::Tuple* results = nullptr;
  // The types of the block's parts in order (callee, receiver, arguments);
  // empty for Iface plans. `go @(island)` deep-copies the block by them.
  std::vector<const types::Type*> types;
};

// An assignable location.
struct LValue {
  enum Kind : uint8_t { Slots, Global, Ptr, BytePtr, SliceElem, ArrayElem, MapEntry, Blank } kind = Slots;
  uint32_t a = 0;       // Slots: first slot; Global: index; Ptr: slot holding the pointer; SliceElem: slice slot; ArrayElem: array first slot; MapEntry: map slot
  uint32_t b = 0;       // Ptr: slot offset; Slice/ArrayElem: index slot; MapEntry: key slot
  int64_t aux = 0;      // MapEntry: aux index; ArrayElem: length
  uint8_t code = 1;     // element code for Slice/ArrayElem
  const types::Type* type = nullptr;
};

// Calls method `method` of the interface in slots iface..iface+1 with the
// receiver word and arguments at args (CallIfaceW past index 255).
void emit_call_iface(FuncBuilder& fb, uint32_t res, uint32_t iface, uint32_t args, uint32_t method);

class Gen {
 public:
  Gen(bc::Module& m, syntax::Diagnostics& diags, const NativeResolver& natives)
      : mod_(m), layouts_(m), diags_(diags), natives_(natives) {}
  void compile(const std::vector<types::CheckedPackage*>& pkgs);

 private:
  // ---- module level (gen_module.cpp)
  uint32_t func_index(const types::Func* f);
  uint32_t native_wrapper(const types::Func* f);
  uint32_t declare_function(const std::string& name);
  void compile_func_decl(const ast::FuncDecl* d, uint32_t index);
  uint32_t compile_init();
  void compile_entry();
  void bind_native(const types::CheckedPackage* pkg, const ast::FuncDecl* fd, const types::Func* f);
  uint32_t string_const(const std::string& s);
  uint32_t slot_const(rt::Slot v, rt::SlotKind k = rt::SlotKind::Scalar);

  // ---- functions (gen_func.cpp)
  void begin_function(bc::Function& fn, const types::Signature* sig, const ast::Node* owner);
  void end_function(const ast::BlockStmt* body);
  uint32_t func_lit(const ast::FuncLit* e, int64_t dest);
  std::vector<const types::Var*> free_vars(const ast::FuncLit* e);
  uint32_t func_value(const types::Func* f, int64_t dest);
  void defer_stmt(const ast::DeferStmt* s);
  uint32_t make_thunk(const CallPlan& plan, const std::string& name);
  void emit_return();
  // The error exits of `?` and `fail`: the error in `err` (two slots)
  // becomes the final result, unnamed other results are zeroed.
  void emit_fail(uint32_t err);
  uint32_t try_expr(const ast::TryExpr* e, int64_t dest);
  void fail_stmt(const ast::FailStmt* s);
  // ---- goroutines and channels (gen_chan.cpp)
  uint32_t recv(const ast::UnaryExpr* e, int64_t dest, bool comma_ok);
  void send_stmt(const ast::SendStmt* s);
  void go_stmt(const ast::GoStmt* s);
  // The element type of a channel or port type, and which of the two it is.
  struct Queue {
    const types::Type* elem;
    bool port;
  };
  static Queue queue_of(const types::Type* t);
  void select_stmt(const ast::SelectStmt* s, const std::string& label);
  void store_converted(const LValue& lv, uint32_t src, const types::Type* from);
  uint32_t method_wrapper(const types::Type* recv, const types::Func* m, const std::vector<int>& path, bool for_iface);
  uint32_t bound_method(const ast::SelectorExpr* e, int64_t dest);
  uint32_t bound_concrete(const types::Func* m, const types::Type* mrecv_t, bool by_ref, ast::Pos pos);
  bool reaches_through_pointer(const types::Type* t, const std::vector<int>& path);
  struct ForwardFrame {
    std::vector<rt::SlotKind> param_kinds;
    uint32_t params = 0, res = 0, nres = 0;
  };
  ForwardFrame forward_frame(FuncBuilder& fb, const types::Signature* msig);
  uint32_t iface_method_index(const types::Type* iface, const std::string& name);
  // I.M as a function taking the interface value first.
  uint32_t iface_method_func(const types::Type* iface, const types::Func* m);
  void fill_method_sets();
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
  void define_var(types::Var* v, uint32_t src);
  std::vector<uint32_t> rhs_values(const std::vector<ast::Expr*>& rhs, const std::vector<const types::Type*>& targets,
                                   ast::Pos pos);
  LValue lvalue_of_var(const types::Var* v);
  std::vector<const types::Type*> multi_value_parts(const ast::Expr* e);
  uint32_t multi_value(const ast::Expr* e, int64_t dest);
  bool define_multi_in_place(const ast::AssignStmt* s);
  void type_switch_stmt(const ast::TypeSwitchStmt* s, const std::string& label);

  // ---- expressions (gen_expr.cpp)
  // Evaluates e into fresh slots (or `dest` if given); returns the first slot.
  uint32_t expr(const ast::Expr* e, int64_t dest = -1);
  // Evaluates e converted to type `to` (interface boxing, nil, constants).
  uint32_t expr_to(const ast::Expr* e, const types::Type* to, int64_t dest = -1);
  uint32_t constant(const types::TypeAndValue& tv, const types::Type* t, int64_t dest);
  uint32_t binary(const ast::BinaryExpr* e, int64_t dest);
  bool small_const(const ast::Expr* e, int16_t* out) const;
  void emit_arith(ast::Tok op, const types::Type* t, const types::Type* count_t, uint32_t d, uint32_t x, uint32_t y,
                  ast::Pos pos);
  uint32_t compare(ast::Tok op, const types::Type* t, uint32_t x, uint32_t y, int64_t dest);
  uint32_t unary(const ast::UnaryExpr* e, int64_t dest);
  uint32_t ident(const ast::Ident* e, int64_t dest);
  uint32_t index(const ast::IndexExpr* e, int64_t dest);
  uint32_t selector(const ast::SelectorExpr* e, int64_t dest);
  uint32_t slice_expr(const ast::SliceExpr* e, int64_t dest);
  uint32_t composite(const ast::CompositeLit* e, int64_t dest);
  uint32_t composite_of(const ast::CompositeLit* e, const types::Type* t, int64_t dest);
  // Allocates a heap copy of the composite literal (for &T{...}); pointer in dest.
  void heap_composite(const ast::CompositeLit* e, const types::Type* t, uint32_t dest);
  uint32_t type_assert(const ast::TypeAssertExpr* e, int64_t dest, bool comma_ok);
  uint32_t new_box(const types::Type* t, int64_t dest);
  uint32_t conversion(const ast::CallExpr* e, int64_t dest);
  uint32_t convert_value(uint32_t src, const types::Type* from, const types::Type* to, int64_t dest);
  uint32_t box(uint32_t src, const types::Type* from, const types::Type* iface, int64_t dest);
  void cond_jump(const ast::Expr* e, bool jump_if, std::vector<uint32_t>& patches);
  LValue lvalue(const ast::Expr* e);
  // Navigates embedded/selected fields from a base location (auto-deref of pointer fields).
  LValue field_path(LValue base, const types::Type* base_type, const std::vector<int>& path, const types::Type** out_type);
  // Evaluates the receiver x.path for a method with (ptr_recv) a pointer receiver.
  uint32_t recv_arg(const ast::Expr* x, const std::vector<int>& path, bool want_ptr, uint32_t dest);
  uint32_t addr_of(const LValue& lv, uint32_t dest);
  // The address (nil and bounds checked) of element idx of the array at
  // pointer arr, or of the slice in slots s.
  uint32_t array_elem_addr(uint32_t arr, uint32_t idx, const types::Type* elem, int64_t len, uint32_t dest);
  uint32_t slice_elem_addr(uint32_t s, uint32_t idx, const types::Type* elem, uint32_t dest);
  // Whether an element of this array (slice: len < 0) is accessed with an
  // elem code; otherwise through its address.
  bool coded_elem(const types::Type* elem, int64_t len);
  void emit_int(uint32_t d, int64_t v);
  uint32_t as_pointer(const LValue& lv);
  const types::Type* embedded_type(const types::Type* t, const std::vector<int>& path);
  const rt::Itab* itab_for(const types::Type* dyn, const types::Type* iface);
  void store(const LValue& lv, uint32_t src);
  uint32_t load(const LValue& lv, int64_t dest);
  // n slots through the pointer in slot `ptr` at slot offset `off`; one-slot
  // accesses get the Load1/Store1 fast forms.
  void emit_load(uint32_t d, uint32_t ptr, uint32_t off, uint32_t n);
  void emit_store(uint32_t ptr, uint32_t off, uint32_t src, uint32_t n);

  // ---- calls (gen_call.cpp)
  uint32_t call(const ast::CallExpr* e, int64_t dest);
  int math_intrinsic(const ast::CallExpr* e);
  CallPlan plan_call(const ast::CallExpr* e);
  void emit_call(const CallPlan& p, uint32_t res);
  void eval_args(const ast::CallExpr* e, const types::Signature* sig, uint32_t at, size_t skip);
  uint32_t builtin_call(const ast::CallExpr* e, types::BuiltinId id, int64_t dest);
  uint32_t print_args(const std::vector<ast::Expr*>& args, size_t first);
  uint32_t operand_count(const std::vector<ast::Expr*>& args, size_t first);

  // ---- dynamic access (gen_dyn.cpp) ------------------------------------
  // a~>name, a~>[key], a~>(args), a~>name(args): a call of a runtime native
  // of package dyn, whose results have the types the checker recorded for
  // the access (the assignment targets' types, `any` by default) plus the
  // dyn error.
  uint32_t dyn_expr(const ast::DynExpr* e, int64_t dest);
  // Evaluates the base of a dynamic access as an interface into `at`.
  void dyn_base(const ast::DynExpr* e, uint32_t at);
  // The index of the runtime native `name` called with `params` argument
  // and `results` result slots.
  uint32_t dyn_native(const std::string& name, uint32_t params, uint32_t results);
  // Constant slot index of the descriptor telling a dynamic-access native
  // the types its values must have (nullptr: any) and its argument count.
  uint32_t dyn_descriptor(const std::vector<const types::Type*>& values, uint32_t nargs, bool spread);
  // The functions behind methods read as values (a~>Method), one per
  // parameter/result slot shape of the program's exported methods.
  void dyn_bound_functions();
  std::map<std::string, uint32_t> dyn_natives_;
  std::map<std::string, uint32_t> dyn_descs_;
  bool dyn_bound_done_ = false;

  // ---- helpers
  const types::TypeAndValue& tv(const ast::Expr* e) const { return info_->tv(e); }
  const types::Type* type_of(const ast::Expr* e) const { return info_->tv(e).type; }
  uint32_t alloc(const types::Type* t) { return fb_->alloc(layouts_.kinds(t)); }
  uint32_t dest_or_alloc(int64_t dest, const types::Type* t) { return dest >= 0 ? static_cast<uint32_t>(dest) : alloc(t); }
  void move(uint32_t to, uint32_t from, uint32_t n);
  void zero(uint32_t d, uint32_t n);
  // Copies a value of type `from` into slots `to` of type `to_t`, boxing it
  // when to_t is an interface and from is not.
  void move_converted(uint32_t to, uint32_t from_slot, const types::Type* from, const types::Type* to_t);
  bool needs_iface_conv(const types::Type* from, const types::Type* to) const;
  // Re-types the interface value in src as interface `to` (new type word).
  uint32_t iface_conv(uint32_t src, const types::Type* to, int64_t dest);
  void line(ast::Pos p);
  [[noreturn]] void unsupported(ast::Pos p, const std::string& what) { throw Unsupported{p, what}; }

  bc::Module& mod_;
  Layouts layouts_;
  syntax::Diagnostics& diags_;
  const NativeResolver& natives_;
  std::unordered_map<const types::Func*, uint32_t> native_ids_;
  const types::Info* info_ = nullptr;
  const types::CheckedPackage* pkg_ = nullptr;
  FuncBuilder* fb_ = nullptr;
  const types::Signature* sig_ = nullptr;
  uint32_t result_slot_ = 0;  // first slot of the result variables (boxed ones: the box slots)
  std::vector<types::Var*> results_;
  bool has_defer_ = false;
  bool has_errdefer_ = false;
  // Set while resolving the targets of a multi-assignment: operands of index
  // and pointer targets are copied so later stores cannot change them.
  bool snapshot_ = false;
  uint32_t stable(uint32_t slot, const types::Type* t);
  // Set while assign_stmt resolves a target: the address computations of
  // its place (with their nil and bounds checks) are collected here and
  // emitted just before its store, after every operand and right-hand side
  // has been evaluated (Vo's order).
  std::vector<FuncBuilder::Pending>* place_sink_ = nullptr;
  // Diverts emission into place_sink_ (if set) for its lifetime.
  class PlaceAddr {
   public:
    explicit PlaceAddr(Gen& g) : fb_(g.place_sink_ ? g.fb_ : nullptr), old_(fb_ ? fb_->divert(g.place_sink_) : nullptr) {}
    ~PlaceAddr() {
      if (fb_) fb_->divert(old_);
    }
    PlaceAddr(const PlaceAddr&) = delete;
    PlaceAddr& operator=(const PlaceAddr&) = delete;

   private:
    FuncBuilder* fb_;
    std::vector<FuncBuilder::Pending>* old_;
  };
  // Clears place_sink_ for its lifetime: operands are evaluated in place.
  class OperandScope {
   public:
    explicit OperandScope(Gen& g) : g_(g), old_(g.place_sink_) { g.place_sink_ = nullptr; }
    ~OperandScope() { g_.place_sink_ = old_; }
    OperandScope(const OperandScope&) = delete;
    OperandScope& operator=(const OperandScope&) = delete;

   private:
    Gen& g_;
    std::vector<FuncBuilder::Pending>* old_;
  };
  const ast::Node* cur_func_ = nullptr;
  std::unordered_map<const types::Object*, VarLoc> vars_;
  std::unordered_map<const types::Object*, VarLoc> global_locs_;
  std::unordered_map<std::string, uint32_t> wrappers_;
  int lit_counter_ = 0;
  std::unordered_map<const types::Func*, uint32_t> func_ids_;
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
  std::deque<bc::Function> funcs_;  // staged here (stable addresses), moved into the module at the end
  struct PendingItab {
    rt::Itab* itab;
    const types::Type* dyn;
  };
  std::vector<PendingItab> itabs_;
  std::map<std::pair<const rt::RType*, const rt::RType*>, rt::Itab*> itab_map_;
};

}  // namespace vo::compiler
