#include "bytecode/module.h"

#include <sstream>

namespace vo::bc {

uint32_t Function::line_at(uint32_t pc) const {
  uint32_t line = 0;
  for (const LineEntry& e : lines) {
    if (e.pc > pc) break;
    line = e.line;
  }
  return line;
}

namespace {

std::string check_function(const Module& m, const Function& f, size_t fi) {
  auto where = [&](size_t pc) { return f.name + " pc " + std::to_string(pc) + ": "; };
  if (f.slot_kinds.size() != f.frame_slots) return f.name + ": slot-kind table size mismatch";
  if (f.param_slots + f.result_slots > f.frame_slots && f.result_slots > f.frame_slots)
    return f.name + ": results exceed the frame";
  if (f.code.empty() || f.code.back().op != Op::Ret) {
    bool ends_ok = !f.code.empty() && (f.code.back().op == Op::Jmp || f.code.back().op == Op::Panic);
    if (!ends_ok) return f.name + ": code does not end in a return or jump";
  }
  for (size_t pc = 0; pc < f.code.size(); ++pc) {
    const Instr& i = f.code[pc];
    if (i.op >= Op::Count_) return where(pc) + "bad opcode";
    if (i.op == Op::Ext) return where(pc) + "stray extension word";
    switch (i.op) {
      case Op::Jmp: case Op::JmpIf: case Op::JmpIfNot: {
        int64_t t = static_cast<int64_t>(pc) + 1 + i.imm();
        if (t < 0 || t >= static_cast<int64_t>(f.code.size())) return where(pc) + "jump out of range";
        break;
      }
      case Op::JNLt: case Op::JNLe: case Op::JNEq: case Op::JNNe: case Op::JNLtK: case Op::JNLeK:
      case Op::JNGtK: case Op::JNGeK: case Op::JNEqK: case Op::JNNeK: {
        int64_t t = static_cast<int64_t>(pc) + 1 + static_cast<int16_t>(i.c);
        if (t < 0 || t >= static_cast<int64_t>(f.code.size())) return where(pc) + "jump out of range";
        break;
      }
      case Op::Call:
        if (static_cast<size_t>(i.b | (i.flags << 16)) >= m.funcs.size()) return where(pc) + "call of unknown function";
        break;
      case Op::MakeClosure:
        if (static_cast<size_t>(i.b | (i.flags << 16)) >= m.funcs.size()) return where(pc) + "closure of unknown function";
        break;
      case Op::LoadConst:
        if ((i.b | static_cast<size_t>(i.c) << 16) + std::max<uint32_t>(i.flags, 1) > m.consts.size())
          return where(pc) + "constant index out of range";
        break;
      case Op::CallNative:
        if (i.b >= m.natives.size()) return where(pc) + "unknown native";
        break;
      case Op::New: case Op::SliceMake: case Op::MapMake: case Op::Box: case Op::Unbox: case Op::ChanMake:
      case Op::PortMake: case Op::PortRecv: case Op::ChanRecv:
      case Op::IfaceAssert: case Op::IfaceConv: case Op::TypeIs: {
        uint32_t ax = (i.op == Op::New || i.op == Op::MapMake) ? i.b : i.c;
        if (ax >= f.aux.size()) return where(pc) + "aux index out of range";
        break;
      }
      case Op::ElemAddr:
        if (pc + 1 >= f.code.size() || f.code[pc + 1].a >= f.aux.size()) return where(pc) + "aux index out of range";
        break;
      default: break;
    }
    if (i.a >= f.frame_slots && i.op != Op::Nop && i.op != Op::Jmp && i.op != Op::StoreGlobal && i.op != Op::Ret &&
        i.op != Op::Print && !(i.op == Op::Call && f.frame_slots == 0))
      return where(pc) + "slot operand a out of range";
    if (i.op == Op::Select) {
      if (pc + i.b >= f.code.size()) return where(pc) + "missing select case words";
      for (uint32_t k = 1; k <= i.b; ++k)
        if (f.code[pc + k].op != Op::Ext) return where(pc) + "missing select case words";
      pc += i.b;
    }
    if (has_ext(i.op)) {
      if (pc + 1 >= f.code.size() || f.code[pc + 1].op != Op::Ext) return where(pc) + "missing extension word";
      ++pc;
    }
  }
  (void)fi;
  return "";
}

}  // namespace

std::string verify(const Module& m) {
  if (m.entry >= m.funcs.size()) return "module has no entry function";
  if (m.consts.size() != m.const_kinds.size()) return "constant kind table size mismatch";
  if (m.global_kinds.size() != m.global_slots) return "global kind table size mismatch";
  for (size_t i = 0; i < m.funcs.size(); ++i) {
    std::string err = check_function(m, m.funcs[i], i);
    if (!err.empty()) return err;
  }
  return "";
}

std::string disassemble(const Module& m) {
  std::ostringstream out;
  for (size_t fi = 0; fi < m.funcs.size(); ++fi) {
    const Function& f = m.funcs[fi];
    out << "func " << fi << " " << f.name << " params=" << f.param_slots << " results=" << f.result_slots
        << " slots=" << f.frame_slots << "\n";
    for (size_t pc = 0; pc < f.code.size(); ++pc) {
      const Instr& i = f.code[pc];
      out << "  " << pc << "\t" << op_name(i.op) << "\t" << i.a << ", " << i.b << ", " << i.c;
      if (i.flags) out << " [" << int(i.flags) << "]";
      if (i.op == Op::Jmp || i.op == Op::JmpIf || i.op == Op::JmpIfNot)
        out << "\t-> " << static_cast<int64_t>(pc) + 1 + i.imm();
      if (is_short_branch(i.op)) out << "\t-> " << static_cast<int64_t>(pc) + 1 + static_cast<int16_t>(i.c);
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace vo::bc
