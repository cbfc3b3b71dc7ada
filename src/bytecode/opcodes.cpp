#include "bytecode/opcodes.h"

namespace vo::bc {

namespace {
constexpr const char* kNames[] = {
#define X(name, doc) #name,
    VO_OPCODES(X)
#undef X
};
constexpr const char* kDocs[] = {
#define X(name, doc) doc,
    VO_OPCODES(X)
#undef X
};
}  // namespace

const char* op_name(Op op) { return op < Op::Count_ ? kNames[static_cast<int>(op)] : "?"; }
const char* op_doc(Op op) { return op < Op::Count_ ? kDocs[static_cast<int>(op)] : "?"; }

bool has_ext(Op op) {
  switch (op) {
    case Op::ArrGet: case Op::ArrSet: case Op::ArrAddr: case Op::ElemAddr: case Op::SliceExpr:
    case Op::Append: case Op::AppendSlice: case Op::Copy: case Op::MapGet:
    case Op::MapSet: case Op::MapDelete: case Op::MapIterNext: case Op::CallIfaceW:
      return true;
    default:
      return false;
  }
}

}  // namespace vo::bc
