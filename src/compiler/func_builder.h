// Builds one bytecode function: slot allocation with static kinds, emission,
// forward jumps, and the pc -> line table.
#pragma once
#include <map>
#include <vector>

#include "bytecode/module.h"

namespace vo::compiler {

class FuncBuilder {
 public:
  explicit FuncBuilder(bc::Function& fn) : fn_(fn) {}
  ~FuncBuilder();  // pads the frame so indices of zero-sized values are in range
  FuncBuilder(const FuncBuilder&) = delete;
  FuncBuilder& operator=(const FuncBuilder&) = delete;

  // Allocates slots with the given kinds. Temporaries allocated after a
  // mark() are released by release(mark) and reused only by later requests
  // with the same kinds, so each slot keeps one kind for the whole function.
  uint32_t alloc(const std::vector<rt::SlotKind>& kinds);
  uint32_t alloc_scalar(uint32_t n = 1) { return alloc(std::vector<rt::SlotKind>(n, rt::SlotKind::Scalar)); }
  size_t mark() const { return live_.size(); }
  void release(size_t mark);

  uint32_t pc() const { return static_cast<uint32_t>(fn_.code.size()); }
  uint32_t emit(bc::Instr i);
  uint32_t emit(bc::Op op, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0, uint8_t flags = 0);
  uint32_t emit_ext(uint32_t a, uint32_t b = 0, uint32_t c = 0);
  // Jumps: emit with a placeholder, patch later to land at `target`.
  uint32_t emit_jump(bc::Op op, uint32_t cond_slot = 0);
  void patch_jump(uint32_t at, uint32_t target);
  void patch_here(uint32_t at) { patch_jump(at, pc()); }
  uint32_t add_aux(const bc::Aux& a);
  void set_line(uint32_t line);

  // Diverting: while a buffer is set, emitted instructions (with the line
  // current when each was emitted) go to it instead of the function, to be
  // emitted later by replay(). Only straight-line code may be diverted.
  struct Pending {
    uint32_t line;
    bc::Instr ins;
  };
  std::vector<Pending>* divert(std::vector<Pending>* buf) {
    std::vector<Pending>* old = divert_;
    if (!old) divert_line_ = 0;
    divert_ = buf;
    return old;
  }
  void replay(const std::vector<Pending>& buf);
  bc::Function& fn() { return fn_; }

 private:
  struct Block {
    uint32_t first;
    std::vector<rt::SlotKind> kinds;
  };
  bc::Function& fn_;
  std::vector<Block> live_;                       // temporaries in allocation order
  std::multimap<std::vector<rt::SlotKind>, uint32_t> free_;  // released blocks by kinds
  uint32_t last_line_ = 0;
  std::vector<Pending>* divert_ = nullptr;
  uint32_t divert_line_ = 0;  // the line set while diverting
  uint32_t zero_sized_end_ = 0;
};

}  // namespace vo::compiler
