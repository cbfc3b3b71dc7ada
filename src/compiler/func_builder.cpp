#include "compiler/func_builder.h"

#include <algorithm>
#include <stdexcept>

namespace vo::compiler {

uint32_t FuncBuilder::alloc(const std::vector<rt::SlotKind>& kinds) {
  // Zero-sized values (empty structs) occupy no slots; their index must still
  // be inside the frame, which the destructor guarantees.
  if (kinds.empty()) {
    zero_sized_end_ = std::max(zero_sized_end_, fn_.frame_slots + 1);
    return fn_.frame_slots;
  }
  uint32_t first;
  auto it = free_.find(kinds);
  if (it != free_.end() && !kinds.empty()) {
    first = it->second;
    free_.erase(it);
  } else {
    first = fn_.frame_slots;
    fn_.frame_slots += static_cast<uint32_t>(kinds.size());
    fn_.slot_kinds.insert(fn_.slot_kinds.end(), kinds.begin(), kinds.end());
    if (fn_.frame_slots > 0xFFF0) throw std::length_error("frame slot count exceeds u16 limit (65520 slots)");
  }
  live_.push_back(Block{first, kinds});
  return first;
}

FuncBuilder::~FuncBuilder() {
  while (fn_.frame_slots < zero_sized_end_) {
    fn_.slot_kinds.push_back(rt::SlotKind::Scalar);
    ++fn_.frame_slots;
  }
}

void FuncBuilder::release(size_t mark) {
  while (live_.size() > mark) {
    Block& b = live_.back();
    if (!b.kinds.empty()) free_.emplace(b.kinds, b.first);
    live_.pop_back();
  }
}

uint32_t FuncBuilder::emit(bc::Instr i) {
  if (divert_) {
    divert_->push_back(Pending{divert_line_ ? divert_line_ : last_line_, i});
    return UINT32_MAX;  // no position: diverted code has no jumps
  }
  fn_.code.push_back(i);
  return pc() - 1;
}

void FuncBuilder::replay(const std::vector<Pending>& buf) {
  for (const Pending& p : buf) {
    set_line(p.line);
    emit(p.ins);
  }
}

uint32_t FuncBuilder::emit(bc::Op op, uint32_t a, uint32_t b, uint32_t c, uint8_t flags) {
  if (op == bc::Op::LoadConst) {  // a 32-bit constant index in b | c << 16
    c = b >> 16;
    b &= 0xFFFF;
  }
  return emit(bc::Instr{op, flags, static_cast<uint16_t>(a), static_cast<uint16_t>(b), static_cast<uint16_t>(c)});
}

uint32_t FuncBuilder::emit_ext(uint32_t a, uint32_t b, uint32_t c) { return emit(bc::Op::Ext, a, b, c); }

uint32_t FuncBuilder::emit_jump(bc::Op op, uint32_t cond_slot) { return emit(bc::make_imm(op, static_cast<uint16_t>(cond_slot), 0)); }

void FuncBuilder::patch_jump(uint32_t at, uint32_t target) {
  bc::Instr& i = fn_.code[at];
  int32_t off = static_cast<int32_t>(target) - static_cast<int32_t>(at) - 1;
  if (bc::is_short_branch(i.op)) {
    if (off < INT16_MIN || off > INT16_MAX) throw std::length_error("branch too far in one function");
    i.c = static_cast<uint16_t>(static_cast<int16_t>(off));
    return;
  }
  i = bc::make_imm(i.op, i.a, off, i.flags);
}

uint32_t FuncBuilder::add_aux(const bc::Aux& a) {
  fn_.aux.push_back(a);
  return static_cast<uint32_t>(fn_.aux.size() - 1);
}

void FuncBuilder::set_line(uint32_t line) {
  if (divert_) {
    if (line) divert_line_ = line;
    return;
  }
  if (line == 0 || line == last_line_) return;
  last_line_ = line;
  fn_.lines.push_back(bc::LineEntry{pc(), line});
}

}  // namespace vo::compiler
