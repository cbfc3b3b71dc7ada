// The instruction set. Register-based, fixed width: every instruction is 8
// bytes {op, flags, a, b, c}; a, b, c are frame slot indices unless noted.
// `imm` is the signed 32-bit value b | c << 16; `aux[i]` indexes the function's
// aux table (types, layouts, lengths too wide for an operand). An instruction
// marked "ext" is followed by one Ext word holding extra operands.
// Elem codes for packed/slotted elements: 0 = 1 byte unsigned (bool, uint8),
// 255 = 1 byte signed (int8), n = n slots of 8 bytes (1 <= n <= 254). Other
// elements (zero-sized, wider, or in arrays too long for an Ext length) are
// reached through ElemAddr and accessed with Load/Store.
//
// Frames: a call copies its argument slots into the callee's fresh frame and
// the callee's Ret copies its results back into the caller's frame, so every
// frame keeps a static slot-kind map (../shared/DESIGN.md section 2).
#pragma once
#include <cstdint>

namespace vo::bc {

// X(name, semantics). The interpreter's dispatch table is built from this list.
#define VO_OPCODES(X) \
  X(Nop, "no operation") \
  X(Ext, "extension word of the previous instruction (never executed)") \
  X(LoadInt, "a = imm") \
  X(LoadConst, "a..a+n = consts[k..k+n], k = b | c << 16, n = max(flags,1)") \
  X(Move, "a = b") \
  X(MoveN, "a..a+c = b..b+c") \
  X(Zero, "a..a+b = 0") \
  X(LoadGlobal, "a..a+c = globals[b..b+c]") \
  X(StoreGlobal, "globals[a..a+c] = b..b+c") \
  X(GlobalAddr, "a = &globals[b]") \
  X(AddI, "a = b + c") \
  X(SubI, "a = b - c") \
  X(MulI, "a = b * c") \
  X(DivI, "a = b / c signed; panics on zero; MinInt/-1 = MinInt") \
  X(RemI, "a = b % c signed") \
  X(DivU, "a = b / c unsigned") \
  X(RemU, "a = b % c unsigned") \
  X(AddImm, "a = b + int16(c)") \
  X(And, "a = b & c") \
  X(Or, "a = b | c") \
  X(Xor, "a = b ^ c") \
  X(AndNot, "a = b &^ c") \
  X(Shl, "a = b << c; flags&1: count signed (negative panics); count >= 64 gives 0") \
  X(ShrS, "a = b >> c arithmetic; flags&1 as Shl") \
  X(ShrU, "a = b >> c logical; flags&1 as Shl") \
  X(NegI, "a = -b") \
  X(BitNot, "a = ^b") \
  X(Not, "a = !b") \
  X(Narrow, "a = b wrapped to flags: 1=int8 2=int16 3=int32 4=uint8 5=uint16 6=uint32") \
  X(AddF, "a = b + c") \
  X(SubF, "a = b - c") \
  X(MulF, "a = b * c") \
  X(DivF, "a = b / c") \
  X(NegF, "a = -b") \
  X(F32Round, "a = float32(b)") \
  X(FMath, "a = f(b), f by flags: 0 sqrt, 1 abs, 2 floor, 3 ceil, 4 trunc (math intrinsics)") \
  X(EqI, "a = b == c") \
  X(NeI, "a = b != c") \
  X(LtI, "a = b < c signed") \
  X(LeI, "a = b <= c signed") \
  X(LtU, "a = b < c unsigned") \
  X(LeU, "a = b <= c unsigned") \
  X(EqF, "a = b == c") \
  X(NeF, "a = b != c") \
  X(LtF, "a = b < c") \
  X(LeF, "a = b <= c") \
  X(I2F, "a = double(int64 b); flags&1: rounded to float32 directly") \
  X(U2F, "a = double(uint64 b); flags&1: rounded to float32 directly") \
  X(F2I, "a = saturating conversion of b; flags: 0 int64, Narrow codes 1-6, 7 uint64") \
  X(Jmp, "pc += imm") \
  X(JmpIf, "if a != 0: pc += imm") \
  X(JmpIfNot, "if a == 0: pc += imm") \
  X(JNLt, "if !(a < b) signed: pc += int16(c)") \
  X(JNLe, "if !(a <= b) signed: pc += int16(c)") \
  X(JNEq, "if !(a == b): pc += int16(c)") \
  X(JNNe, "if !(a != b): pc += int16(c)") \
  X(JNLtK, "if !(a < int16(b)): pc += int16(c)") \
  X(JNLeK, "if !(a <= int16(b)): pc += int16(c)") \
  X(JNGtK, "if !(a > int16(b)): pc += int16(c)") \
  X(JNGeK, "if !(a >= int16(b)): pc += int16(c)") \
  X(JNEqK, "if !(a == int16(b)): pc += int16(c)") \
  X(JNNeK, "if !(a != int16(b)): pc += int16(c)") \
  X(Call, "call funcs[b | flags<<16] with args copied from c; results to a") \
  X(CallClosure, "call closure b with args from c; results to a") \
  X(CallIface, "call method flags of interface b (receiver data goes to slot c, args follow); results to a") \
  X(CallIfaceW, "CallIface of method ext imm (an index above 255)") \
  X(CallNative, "call natives[b] with args at c; results to a") \
  X(RunDefers, "run this frame's pending defers; flags&1: error path iff a != 0") \
  X(Ret, "return a..a+b as results") \
  X(StrConcat, "a = b + c") \
  X(StrEq, "a = b == c") \
  X(StrNe, "a = b != c") \
  X(StrLt, "a = b < c") \
  X(StrLe, "a = b <= c") \
  X(StrIndex, "a = b[c] byte") \
  X(StrSlice, "a = b[lo:hi], lo at c, hi at c+1; flags&1 lo given, flags&2 hi given") \
  X(StrDecode, "a = rune at b[c], a+1 = its width") \
  X(StrFromBytes, "a = string(b)") \
  X(StrFromRunes, "a = string(b)") \
  X(StrFromRune, "a = string(rune(b))") \
  X(BytesFromStr, "a = []byte(b)") \
  X(RunesFromStr, "a = []rune(b)") \
  X(New, "a = new zeroed heap object aux[b]") \
  X(Load, "a..a+flags = slots at b + c*8 (nil check)") \
  X(Store, "slots at a + b*8 = c..c+flags (nil check)") \
  X(Load1, "a = slot at b + c*8 (nil check); the one-slot Load") \
  X(Store1, "slot at a + b*8 = c (nil check); the one-slot Store") \
  X(LoadB, "a = byte at b (flags&1 signed) (nil check)") \
  X(StoreB, "byte at a = b (nil check)") \
  X(FieldAddr, "a = b + c*8 (nil check)") \
  X(FrameAddr, "a = &frame[b]") \
  X(SliceMake, "a = make([]T, len b, cap b+1) with aux[c]") \
  X(SliceGet, "a = b[c]; elem flags (0 byte, 255 int8, n slots)") \
  X(SliceSet, "a[b] = c; elem flags") \
  X(SliceAddr, "a = &b[c]; elem flags") \
  X(ArrGet, "a = b[c] for an inline array at slot b; ext.a|ext.b<<16 = len; elem flags") \
  X(ArrSet, "a[b] = c inline array at slot a; ext = len; elem flags") \
  X(ArrAddr, "a = &(array at pointer b)[c]; ext = len; elem flags") \
  X(ElemAddr, "a = &b[c] for any element; flags&1: b is a slice, else a pointer to an array (nil check); ext.a = aux: n array length, m element bytes") \
  X(SliceExpr, "a = b[lo:hi:max] with lo,hi,max at c..c+2; flags&7 which given; ext imm = element bytes") \
  X(Append, "a = append(b, ext.b values at c); ext.a = aux") \
  X(AppendSlice, "a = append(b, c...); flags&1: c is a string; ext.a = aux") \
  X(Copy, "a = copy(b, c); flags&1: c is a string; ext imm = element bytes") \
  X(MapMake, "a = make(map aux[b]) with hint c (0xFFFF none)") \
  X(MapGet, "a = b[key c]; flags&1: ok at a+vslots; ext.a = aux") \
  X(MapSet, "a[key b] = c; ext.a = aux") \
  X(MapDelete, "delete(a, key b); ext.a = aux") \
  X(MapLen, "a = len(b)") \
  X(MapIterInit, "iterator a..a+3 over map b") \
  X(MapIterNext, "step iterator a: key to b, value to c; ext.a = aux, ext.b|c = jump when done") \
  X(Box, "a = interface(b) of type word aux[c]") \
  X(Unbox, "a = b.(T) aux[c]; flags&1 comma-ok (ok after the value)") \
  X(IfaceAssert, "a = b.(I) aux[c]; flags&1 comma-ok") \
  X(IfaceConv, "a = I(b) for interface b; aux[c] target") \
  X(IfaceEq, "a = b == c interfaces") \
  X(TypeIs, "a = dynamic type of b matches aux[c]") \
  X(ValueEq, "a = b == c for the value type aux[flags]") \
  X(MakeClosure, "a = closure of funcs[b | flags<<16] capturing c..") \
  X(LoadCapture, "a..a+c = captured slots from offset b") \
  X(Panic, "panic with interface a") \
  X(Recover, "a = recover()") \
  X(Defer, "defer closure a; flags&1 errdefer") \
  X(Go, "start a goroutine running thunk closure a") \
  X(ChanMake, "a = make(chan T, b) (b == 0xFFFF: unbuffered); aux c: T and its layout") \
  X(ChanSend, "send b.. on channel a (blocks)") \
  X(ChanRecv, "a.. = receive from channel b (blocks); flags&1: a+elem slots = ok") \
  X(ChanClose, "close(channel a)") \
  X(ChanLen, "a = len(channel b); flags&1: cap") \
  X(Select, "a = chosen case (-1: default) of b cases, each one following Ext word {a chan or port, b value, c ok or 0xFFFF; flags 1 send, 2 recv, 3 port recv}; flags&1 has default") \
  X(IslandMake, "a = make(island)") \
  X(GoIsland, "start thunk closure b on island a (deep-copied)") \
  X(PortMake, "a = make(port T, b); aux c: T") \
  X(PortSend, "send b.. on port a (deep-copied; blocks while full)") \
  X(PortRecv, "a.. = receive from port b (blocks); flags&1: a+elem slots = ok; aux c: T") \
  X(PortClose, "close(port a)") \
  X(PortLen, "a = len(port b); flags&1: cap") \
  X(Print, "print interfaces b..b+2c; flags&1 newline") \
  X(Assert, "assert(a, interfaces b..b+2c)")

enum class Op : uint8_t {
#define X(name, doc) name,
  VO_OPCODES(X)
#undef X
  Count_
};

struct Instr {
  Op op;
  uint8_t flags;
  uint16_t a, b, c;
  int32_t imm() const { return static_cast<int32_t>(static_cast<uint32_t>(b) | (static_cast<uint32_t>(c) << 16)); }
};
static_assert(sizeof(Instr) == 8);

inline Instr make_imm(Op op, uint16_t a, int32_t imm, uint8_t flags = 0) {
  uint32_t u = static_cast<uint32_t>(imm);
  return Instr{op, flags, a, static_cast<uint16_t>(u & 0xFFFF), static_cast<uint16_t>(u >> 16)};
}

// Compare-and-branch ops, whose 16-bit offset is in c.
inline bool is_short_branch(Op op) { return op >= Op::JNLt && op <= Op::JNNeK; }

// Whether `op` is followed by an Ext word.
// The most cases a Select instruction may have (the compiler rejects more).
constexpr int kMaxSelectCases = 64;

bool has_ext(Op op);
const char* op_name(Op op);
const char* op_doc(Op op);

}  // namespace vo::bc
