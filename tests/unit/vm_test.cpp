// Interpreter tests on hand-assembled modules: calls, panics, defers with
// recover, closures and GC safety of frames.
#include <gtest/gtest.h>

#include <string>

#include "bytecode/module.h"
#include "compiler/func_builder.h"
#include "vm/vm.h"

namespace {

using vo::bc::Aux;
using vo::bc::make_imm;
using vo::bc::Op;
using vo::compiler::FuncBuilder;
using vo::rt::SlotKind;

// A module with the runtime types the tests need.
struct TestModule {
  vo::bc::Module m;
  vo::rt::RType* int_t;
  vo::rt::RType* str_t;
  vo::rt::ObjLayout* str_box;
  vo::rt::ObjLayout* int_array;

  TestModule() {
    m.types.emplace_back();
    int_t = &m.types.back();
    int_t->kind = vo::rt::Kind::Int;
    int_t->name = "int";
    int_t->layout = {SlotKind::Scalar};
    m.types.emplace_back();
    str_t = &m.types.back();
    str_t->kind = vo::rt::Kind::String;
    str_t->name = "string";
    str_t->slots = 2;
    str_t->boxed = true;
    str_t->data_is_ref = true;
    str_t->layout = {SlotKind::Ref, SlotKind::Scalar};
    m.string_type = str_t;
    m.layouts.emplace_back();
    str_box = &m.layouts.back();
    str_box->elem_slots = 2;
    str_box->kinds = {SlotKind::Ref, SlotKind::Scalar};
    m.layouts.emplace_back();
    int_array = &m.layouts.back();
    int_array->noscan = true;
  }
  uint32_t add_func(const std::string& name) {
    m.funcs.emplace_back();
    m.funcs.back().name = name;
    m.funcs.back().file = "test.vo";
    return static_cast<uint32_t>(m.funcs.size() - 1);
  }
  uint32_t string_const(const std::string& s) {
    m.string_data.push_back(s);
    m.consts.push_back(reinterpret_cast<vo::rt::Slot>(m.string_data.back().data()));
    m.consts.push_back(s.size());
    m.const_kinds.push_back(SlotKind::Scalar);
    m.const_kinds.push_back(SlotKind::Scalar);
    return static_cast<uint32_t>(m.consts.size() - 2);
  }
};

// Emits `println(x)` for an int in slot x.
void print_int(TestModule& t, FuncBuilder& fb, uint32_t x) {
  uint32_t i = fb.alloc({SlotKind::IfaceType, SlotKind::IfaceData});
  Aux ax;
  ax.type = t.int_t;
  ax.ptr = t.int_t;
  fb.emit(Op::Box, i, x, fb.add_aux(ax));
  fb.emit(Op::Print, 0, i, 1, 1);
}

void print_string(TestModule& t, FuncBuilder& fb, const std::string& s) {
  uint32_t v = fb.alloc({SlotKind::Ref, SlotKind::Scalar});
  fb.emit(Op::LoadConst, v, t.string_const(s), 0, 2);
  uint32_t i = fb.alloc({SlotKind::IfaceType, SlotKind::IfaceData});
  Aux ax;
  ax.type = t.str_t;
  ax.ptr = t.str_t;
  ax.layout = t.str_box;
  fb.emit(Op::Box, i, v, fb.add_aux(ax));
  fb.emit(Op::Print, 0, i, 1, 1);
}

// fib(n) as bytecode: recursive calls through Call/Ret.
uint32_t build_fib(TestModule& t) {
  uint32_t fi = t.add_func("fib");
  vo::bc::Function& f = t.m.funcs[fi];
  FuncBuilder fb(f);
  uint32_t n = fb.alloc_scalar();
  f.param_slots = 1;
  uint32_t r = fb.alloc_scalar();
  f.result_slots = 1;
  uint32_t c = fb.alloc_scalar(), arg = fb.alloc_scalar(), a = fb.alloc_scalar(), b = fb.alloc_scalar();
  fb.emit(make_imm(Op::LoadInt, c, 2));
  fb.emit(Op::LtI, c, n, c);
  uint32_t j = fb.emit_jump(Op::JmpIfNot, c);
  fb.emit(Op::Move, r, n);
  fb.emit(Op::Ret, r, 1);
  fb.patch_here(j);
  fb.emit(Op::AddImm, arg, n, static_cast<uint16_t>(-1));
  fb.emit(Op::Call, a, fi, arg);
  fb.emit(Op::AddImm, arg, n, static_cast<uint16_t>(-2));
  fb.emit(Op::Call, b, fi, arg);
  fb.emit(Op::AddI, r, a, b);
  fb.emit(Op::Ret, r, 1);
  return fi;
}

std::string run_capture(vo::bc::Module& m, int* exit_code = nullptr, std::string* error = nullptr) {
  EXPECT_EQ(vo::bc::verify(m), "");
  vo::vm::VM vm(m);
  testing::internal::CaptureStdout();
  vo::vm::RunResult r = vm.run();
  std::string out = testing::internal::GetCapturedStdout();
  if (exit_code) *exit_code = r.exit_code;
  if (error) *error = r.error;
  return out;
}

TEST(VM, RecursiveCalls) {
  TestModule t;
  uint32_t entry = t.add_func("entry");
  uint32_t fib = build_fib(t);
  FuncBuilder fb(t.m.funcs[entry]);
  uint32_t arg = fb.alloc_scalar(), res = fb.alloc_scalar();
  fb.emit(make_imm(Op::LoadInt, arg, 20));
  fb.emit(Op::Call, res, fib, arg);
  print_int(t, fb, res);
  fb.emit(Op::Ret, 0, 0);
  t.m.entry = entry;
  EXPECT_EQ(run_capture(t.m), "6765\n");
}

TEST(VM, UncaughtRuntimePanicReportsLocation) {
  TestModule t;
  uint32_t entry = t.add_func("entry");
  FuncBuilder fb(t.m.funcs[entry]);
  uint32_t a = fb.alloc_scalar(), b = fb.alloc_scalar(), c = fb.alloc_scalar();
  fb.emit(make_imm(Op::LoadInt, a, 1));
  fb.emit(make_imm(Op::LoadInt, b, 0));
  fb.set_line(7);
  fb.emit(Op::DivI, c, a, b);
  fb.emit(Op::Ret, 0, 0);
  t.m.entry = entry;
  int code = 0;
  std::string err;
  run_capture(t.m, &code, &err);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(err, "test.vo:7: runtime error: integer divide by zero");
}

TEST(VM, DeferredClosureRecovers) {
  TestModule t;
  uint32_t entry = t.add_func("entry");
  uint32_t f = t.add_func("f");
  uint32_t g = t.add_func("g");
  {  // g: recovers and prints the panic value
    FuncBuilder fb(t.m.funcs[g]);
    uint32_t r = fb.alloc({SlotKind::IfaceType, SlotKind::IfaceData});
    fb.emit(Op::Recover, r);
    fb.emit(Op::Print, 0, r, 1, 1);
    fb.emit(Op::Ret, 0, 0);
  }
  {  // f: defers g, then divides by zero
    vo::bc::Function& fn = t.m.funcs[f];
    fn.has_defer = true;
    FuncBuilder fb(fn);
    uint32_t clo = fb.alloc({SlotKind::Ref});
    uint32_t a = fb.alloc_scalar(), b = fb.alloc_scalar(), c = fb.alloc_scalar();
    fb.emit(Op::MakeClosure, clo, g, 0);
    fb.emit(Op::Defer, clo);
    fb.emit(make_imm(Op::LoadInt, a, 1));
    fb.emit(make_imm(Op::LoadInt, b, 0));
    fb.emit(Op::DivI, c, a, b);
    fb.emit(Op::RunDefers, 0);
    fb.emit(Op::Ret, 0, 0);
    fn.recover_pc = fb.pc();
    fb.emit(Op::RunDefers, 0);
    fb.emit(Op::Ret, 0, 0);
  }
  FuncBuilder fb(t.m.funcs[entry]);
  uint32_t s = fb.alloc_scalar();
  fb.emit(Op::Call, s, f, s);
  print_string(t, fb, "after");
  fb.emit(Op::Ret, 0, 0);
  t.m.entry = entry;
  int code = -1;
  std::string out = run_capture(t.m, &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, "runtime error: integer divide by zero\nafter\n");
}

TEST(VM, SlicesSurviveGcStress) {
  TestModule t;
  uint32_t entry = t.add_func("entry");
  FuncBuilder fb(t.m.funcs[entry]);
  Aux ax;
  ax.type = t.int_t;
  ax.layout = t.int_array;
  uint32_t ai = fb.add_aux(ax);
  uint32_t lc = fb.alloc_scalar(2);
  uint32_t s = fb.alloc({SlotKind::Ref, SlotKind::Scalar, SlotKind::Scalar});
  uint32_t i = fb.alloc_scalar(), n = fb.alloc_scalar(), c = fb.alloc_scalar(), v = fb.alloc_scalar();
  fb.emit(make_imm(Op::LoadInt, lc, 0));
  fb.emit(make_imm(Op::LoadInt, lc + 1, 0));
  fb.emit(Op::SliceMake, s, lc, ai);
  fb.emit(make_imm(Op::LoadInt, i, 0));
  fb.emit(make_imm(Op::LoadInt, n, 300));
  uint32_t top = fb.pc();
  fb.emit(Op::LtI, c, i, n);
  uint32_t exit = fb.emit_jump(Op::JmpIfNot, c);
  fb.emit(Op::Append, s, s, i);
  fb.emit_ext(ai);
  fb.emit(Op::AddImm, i, i, 1);
  fb.patch_jump(fb.emit_jump(Op::Jmp), top);
  fb.patch_here(exit);
  // sum of the elements
  fb.emit(make_imm(Op::LoadInt, i, 0));
  fb.emit(make_imm(Op::LoadInt, v, 0));
  uint32_t top2 = fb.pc();
  fb.emit(Op::LtI, c, i, n);
  uint32_t exit2 = fb.emit_jump(Op::JmpIfNot, c);
  fb.emit(Op::SliceGet, lc, s, i, 1);
  fb.emit(Op::AddI, v, v, lc);
  fb.emit(Op::AddImm, i, i, 1);
  fb.patch_jump(fb.emit_jump(Op::Jmp), top2);
  fb.patch_here(exit2);
  print_int(t, fb, v);
  fb.emit(Op::Ret, 0, 0);
  t.m.entry = entry;
  vo::vm::VM vm(t.m);
  vm.heap().set_stress(getenv("NOSTRESS") == nullptr);
  testing::internal::CaptureStdout();
  vo::vm::RunResult r = vm.run();
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "44850\n");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(Verifier, RejectsMalformedModules) {
  TestModule t;
  uint32_t entry = t.add_func("entry");
  FuncBuilder fb(t.m.funcs[entry]);
  uint32_t a = fb.alloc_scalar();
  fb.emit(make_imm(Op::Jmp, 0, 100));  // jump out of the function
  fb.emit(Op::Ret, a, 0);
  t.m.entry = entry;
  EXPECT_NE(vo::bc::verify(t.m).find("jump out of range"), std::string::npos);
  t.m.funcs[entry].code[0] = vo::bc::Instr{Op::Call, 0, 0, 99, 0};
  EXPECT_NE(vo::bc::verify(t.m).find("unknown function"), std::string::npos);
  t.m.funcs[entry].slot_kinds.push_back(SlotKind::Ref);
  EXPECT_NE(vo::bc::verify(t.m).find("slot-kind table"), std::string::npos);
}

}  // namespace
