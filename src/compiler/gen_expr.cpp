// Expressions: constants, operators, variables, indexing, selectors,
// conversions and interface boxing.
#include <cstring>

#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;
using types::BasicKind;
using types::Mode;

namespace {

const types::Basic* basic(const types::Type* t) { return types::underlying(t)->as<types::Basic>(); }
bool is_float(const types::Type* t) { auto* b = basic(t); return b && b->is_float(); }
bool is_string(const types::Type* t) { auto* b = basic(t); return b && b->is_string(); }
bool is_unsigned(const types::Type* t) { auto* b = basic(t); return b && b->is_unsigned(); }
bool is_f32(const types::Type* t) { auto* b = basic(t); return b && b->bkind == BasicKind::Float32; }

rt::Slot double_bits(double d) {
  rt::Slot s;
  std::memcpy(&s, &d, 8);
  return s;
}

}  // namespace

uint32_t Gen::stable(uint32_t slot, const types::Type* t) {
  if (!snapshot_) return slot;
  uint32_t c = alloc(t);
  move(c, slot, layouts_.slots(t));
  return c;
}

// Zero-sized values emit nothing: their slot index may lie at the frame's end.
void Gen::zero(uint32_t d, uint32_t n) {
  if (n) fb_->emit(Op::Zero, d, n);
}

void Gen::move(uint32_t to, uint32_t from, uint32_t n) {
  if (to == from || n == 0) return;
  if (n == 1) fb_->emit(Op::Move, to, from);
  else fb_->emit(Op::MoveN, to, from, n);
}

void Gen::move_converted(uint32_t to, uint32_t from_slot, const types::Type* from, const types::Type* to_t) {
  if (types::is_interface(to_t) && !types::is_interface(from)) box(from_slot, from, to_t, to);
  else if (needs_iface_conv(from, to_t)) iface_conv(from_slot, to_t, to);
  else move(to, from_slot, layouts_.slots(to_t));
}

// An interface value assigned to a different interface type needs the
// target's method table (its type word differs).
bool Gen::needs_iface_conv(const types::Type* from, const types::Type* to) const {
  return types::is_interface(to) && types::is_interface(from) &&
         !types::identical(types::underlying(from), types::underlying(to));
}

uint32_t Gen::iface_conv(uint32_t src, const types::Type* to, int64_t dest) {
  uint32_t d = dest_or_alloc(dest, to);
  bc::Aux ax;
  ax.type = layouts_.rtype(to);
  fb_->emit(Op::IfaceConv, d, src, fb_->add_aux(ax));
  return d;
}

uint32_t Gen::constant(const types::TypeAndValue& tv, const types::Type* t, int64_t dest) {
  uint32_t d = dest_or_alloc(dest, t);
  const types::Value& v = tv.val;
  if (is_string(t)) {
    fb_->emit(Op::LoadConst, d, string_const(v.string_val()), 0, 2);
  } else if (is_float(t)) {
    double x = is_f32(t) ? static_cast<double>(v.float32_val()) : v.float64_val();
    fb_->emit(Op::LoadConst, d, slot_const(double_bits(x)), 0, 1);
  } else if (v.kind() == types::Value::Kind::Bool) {
    fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(d), v.bool_val() ? 1 : 0));
  } else {
    int64_t x;
    if (auto i = v.int64_val()) x = *i;
    else if (auto u = v.uint64_val()) x = static_cast<int64_t>(*u);
    else unsupported(ast::NoPos, "constant " + v.str());
    if (x >= INT32_MIN && x <= INT32_MAX) fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(d), static_cast<int32_t>(x)));
    else fb_->emit(Op::LoadConst, d, slot_const(static_cast<rt::Slot>(x)), 0, 1);
  }
  return d;
}

uint32_t Gen::expr_to(const ast::Expr* e, const types::Type* to, int64_t dest) {
  const types::Type* from = type_of(e);
  if (types::is_interface(to) && !types::is_interface(from) && !(from && types::underlying(from)->is<types::Basic>() &&
                                                                    basic(from)->bkind == BasicKind::UntypedNil)) {
    size_t m = fb_->mark();
    uint32_t v = expr(e);
    uint32_t d = box(v, from, to, dest);
    if (dest < 0) {
      // Keep d alive past the release of the temporaries used for v.
      fb_->release(m);
      uint32_t r = alloc(to);
      move(r, d, 2);
      return r;
    }
    fb_->release(m);
    return d;
  }
  if (needs_iface_conv(from, to)) return iface_conv(expr(e), to, dest);
  return expr(e, dest);
}

uint32_t Gen::box(uint32_t src, const types::Type* from, const types::Type* iface, int64_t dest) {
  uint32_t d = dest_or_alloc(dest, iface);
  bc::Aux ax;
  ax.type = layouts_.rtype(from);
  ax.layout = layouts_.box_layout(from);
  const auto* it = types::underlying(iface)->as<types::Interface>();
  ax.ptr = it->all_methods.empty() ? static_cast<const void*>(ax.type) : static_cast<const void*>(itab_for(from, iface));
  fb_->emit(Op::Box, d, src, fb_->add_aux(ax));
  return d;
}

uint32_t Gen::expr(const ast::Expr* e, int64_t dest) {
  OperandScope operand(*this);
  const types::TypeAndValue& t = tv(e);
  if (t.mode == Mode::Constant) return constant(t, t.type, dest);
  switch (e->kind) {
    case ast::NodeKind::ParenExpr: return expr(e->as<ast::ParenExpr>()->x, dest);
    case ast::NodeKind::Ident: return ident(e->as<ast::Ident>(), dest);
    case ast::NodeKind::BinaryExpr: return binary(e->as<ast::BinaryExpr>(), dest);
    case ast::NodeKind::UnaryExpr: return unary(e->as<ast::UnaryExpr>(), dest);
    case ast::NodeKind::CallExpr: {
      const auto* c = e->as<ast::CallExpr>();
      if (tv(c->fun).mode == Mode::TypeExpr) return conversion(c, dest);
      return call(c, dest);
    }
    case ast::NodeKind::IndexExpr: return index(e->as<ast::IndexExpr>(), dest);
    case ast::NodeKind::SelectorExpr: return selector(e->as<ast::SelectorExpr>(), dest);
    case ast::NodeKind::SliceExpr: return slice_expr(e->as<ast::SliceExpr>(), dest);
    case ast::NodeKind::CompositeLit: return composite(e->as<ast::CompositeLit>(), dest);
    case ast::NodeKind::FuncLit: return func_lit(e->as<ast::FuncLit>(), dest);
    case ast::NodeKind::StarExpr: return load(lvalue(e), dest);
    case ast::NodeKind::TypeAssertExpr: return type_assert(e->as<ast::TypeAssertExpr>(), dest, false);
    case ast::NodeKind::TryExpr: return try_expr(e->as<ast::TryExpr>(), dest);
    case ast::NodeKind::DynExpr: return dyn_expr(e->as<ast::DynExpr>(), dest);
    default: unsupported(e->pos, "this expression");
  }
}

uint32_t Gen::ident(const ast::Ident* e, int64_t dest) {
  const types::Object* o = info_->obj(e);
  const types::Type* t = type_of(e);
  if (o && o->kind == types::ObjKind::Nil) {
    uint32_t d = dest_or_alloc(dest, t);
    zero(d, layouts_.slots(t));
    return d;
  }
  if (o && o->kind == types::ObjKind::Func) return func_value(o->as<types::Func>(), dest);
  if (!o || o->kind != types::ObjKind::Var) unsupported(e->pos, "use of " + e->name + " as a value");
  LValue lv = lvalue(e);
  return load(lv, dest);
}

// d = x op y for an arithmetic operator on type t (count_t: the shift
// count's type), then the wrap to t's width or float32 precision.
void Gen::emit_arith(ast::Tok op, const types::Type* t, const types::Type* count_t, uint32_t d, uint32_t x, uint32_t y,
                     ast::Pos pos) {
  bool f = is_float(t);
  bool u = is_unsigned(t);
  uint8_t flags = 0;
  Op o;
  switch (op) {
    case ast::Tok::Add: o = is_string(t) ? Op::StrConcat : f ? Op::AddF : Op::AddI; break;
    case ast::Tok::Sub: o = f ? Op::SubF : Op::SubI; break;
    case ast::Tok::Mul: o = f ? Op::MulF : Op::MulI; break;
    case ast::Tok::Quo: o = f ? Op::DivF : u ? Op::DivU : Op::DivI; break;
    case ast::Tok::Rem: o = u ? Op::RemU : Op::RemI; break;
    case ast::Tok::And: o = Op::And; break;
    case ast::Tok::Or: o = Op::Or; break;
    case ast::Tok::Xor: o = Op::Xor; break;
    case ast::Tok::AndNot: o = Op::AndNot; break;
    case ast::Tok::Shl: o = Op::Shl; flags = is_unsigned(count_t) ? 0 : 1; break;
    case ast::Tok::Shr: o = u ? Op::ShrU : Op::ShrS; flags = is_unsigned(count_t) ? 0 : 1; break;
    default: unsupported(pos, "operator " + std::string(ast::tok_string(op)));
  }
  line(pos);
  fb_->emit(o, d, x, y, flags);
  if (f && is_f32(t)) fb_->emit(Op::F32Round, d, d);
  else if (uint8_t n = layouts_.narrow_code(t); n && o != Op::And && o != Op::Or && o != Op::AndNot)
    fb_->emit(Op::Narrow, d, d, 0, n);
}

// A small integer constant operand (fits the 16-bit immediate forms).
bool Gen::small_const(const ast::Expr* e, int16_t* out) const {
  const types::TypeAndValue& t = tv(e);
  if (t.mode != Mode::Constant || !t.type || is_float(t.type) || is_string(t.type)) return false;
  auto b = basic(t.type);
  if (!b || b->is_boolean()) return false;
  auto v = t.val.int64_val();
  if (!v || *v < INT16_MIN || *v > INT16_MAX) return false;
  *out = static_cast<int16_t>(*v);
  return true;
}

uint32_t Gen::binary(const ast::BinaryExpr* e, int64_t dest) {
  ast::Tok op = e->op;
  if (op == ast::Tok::LAnd || op == ast::Tok::LOr) {
    // Computed in a temporary: the right operand may read the destination.
    uint32_t d = fb_->alloc_scalar();
    expr(e->x, d);
    uint32_t j = fb_->emit_jump(op == ast::Tok::LAnd ? Op::JmpIfNot : Op::JmpIf, d);
    size_t m = fb_->mark();
    expr(e->y, d);
    fb_->release(m);
    fb_->patch_here(j);
    if (dest < 0) return d;
    move(static_cast<uint32_t>(dest), d, 1);
    return static_cast<uint32_t>(dest);
  }
  const types::Type* xt = type_of(e->x);
  bool cmp = op == ast::Tok::Eql || op == ast::Tok::Neq || op == ast::Tok::Lss || op == ast::Tok::Leq ||
             op == ast::Tok::Gtr || op == ast::Tok::Geq;
  if (cmp) {
    uint32_t d = dest_or_alloc(dest, type_of(e));
    size_t m = fb_->mark();
    // Mixed interface/concrete comparisons compare as interfaces.
    const types::Type* yt = type_of(e->y);
    if (!types::is_interface(xt) && types::is_interface(yt)) xt = yt;
    uint32_t x = expr_to(e->x, xt);
    uint32_t y = expr_to(e->y, xt);
    compare(op, xt, x, y, d);
    fb_->release(m);
    return d;
  }
  const types::Type* t = type_of(e);
  // The result goes straight to its destination: operands are read before
  // the single instruction writes it.
  uint32_t d = dest_or_alloc(dest, t);
  size_t m = fb_->mark();
  int16_t k;
  if (!is_float(t) && !is_string(t) && (op == ast::Tok::Add || op == ast::Tok::Sub) && small_const(e->y, &k) && k != INT16_MIN) {
    uint32_t x = expr(e->x);
    line(e->op_pos);
    fb_->emit(Op::AddImm, d, x, static_cast<uint16_t>(op == ast::Tok::Add ? k : -k));
    if (uint8_t n = layouts_.narrow_code(t)) fb_->emit(Op::Narrow, d, d, 0, n);
    fb_->release(m);
    return d;
  }
  uint32_t x = expr(e->x);
  uint32_t y = expr(e->y);
  emit_arith(op, t, type_of(e->y), d, x, y, e->op_pos);
  fb_->release(m);
  return d;
}

uint32_t Gen::compare(ast::Tok op, const types::Type* t, uint32_t x, uint32_t y, int64_t dest) {
  uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc_scalar();
  bool swap = op == ast::Tok::Gtr || op == ast::Tok::Geq;
  if (swap) std::swap(x, y);
  const types::Type* u = types::underlying(t);
  Op o;
  bool negate = false;
  if (is_string(t)) {
    switch (op) {
      case ast::Tok::Eql: o = Op::StrEq; break;
      case ast::Tok::Neq: o = Op::StrNe; break;
      case ast::Tok::Lss: case ast::Tok::Gtr: o = Op::StrLt; break;
      default: o = Op::StrLe; break;
    }
  } else if (is_float(t)) {
    switch (op) {
      case ast::Tok::Eql: o = Op::EqF; break;
      case ast::Tok::Neq: o = Op::NeF; break;
      case ast::Tok::Lss: case ast::Tok::Gtr: o = Op::LtF; break;
      default: o = Op::LeF; break;
    }
  } else if (u->is<types::Interface>()) {
    o = Op::IfaceEq;
    negate = op == ast::Tok::Neq;
  } else if (u->is<types::Struct>() || u->is<types::Array>()) {
    bc::Aux ax;
    ax.type = layouts_.rtype(t);
    uint32_t ai = fb_->add_aux(ax);
    if (ai > 255) unsupported(ast::NoPos, "too many composite comparisons in one function");
    fb_->emit(Op::ValueEq, d, x, y, static_cast<uint8_t>(ai));
    if (op == ast::Tok::Neq) fb_->emit(Op::Not, d, d);
    return d;
  } else if (u->is<types::Slice>()) {
    // Only comparison with nil: a nil slice has a null data pointer.
    o = op == ast::Tok::Eql ? Op::EqI : Op::NeI;
    fb_->emit(o, d, x, y);
    return d;
  } else {
    bool uns = is_unsigned(t);
    switch (op) {
      case ast::Tok::Eql: o = Op::EqI; break;
      case ast::Tok::Neq: o = Op::NeI; break;
      case ast::Tok::Lss: case ast::Tok::Gtr: o = uns ? Op::LtU : Op::LtI; break;
      default: o = uns ? Op::LeU : Op::LeI; break;
    }
  }
  fb_->emit(o, d, x, y);
  if (negate) fb_->emit(Op::Not, d, d);
  return d;
}

uint32_t Gen::unary(const ast::UnaryExpr* e, int64_t dest) {
  const types::Type* t = type_of(e);
  if (e->op == ast::Tok::And) {
    const ast::Expr* x = e->x;
    while (auto* p = x->as<ast::ParenExpr>()) x = p->x;
    uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
    if (auto* cl = x->as<ast::CompositeLit>()) {
      heap_composite(cl, type_of(cl), d);
      return d;
    }
    size_t m = fb_->mark();
    addr_of(lvalue(x), d);
    fb_->release(m);
    return d;
  }
  if (e->op == ast::Tok::Arrow) return recv(e, dest, false);
  size_t m = fb_->mark();
  uint32_t x = expr(e->x);
  uint32_t r = alloc(t);
  switch (e->op) {
    case ast::Tok::Add: move(r, x, 1); break;
    case ast::Tok::Sub:
      fb_->emit(is_float(t) ? Op::NegF : Op::NegI, r, x);
      if (uint8_t n = layouts_.narrow_code(t)) fb_->emit(Op::Narrow, r, r, 0, n);
      break;
    case ast::Tok::Not: fb_->emit(Op::Not, r, x); break;
    case ast::Tok::Xor:
      fb_->emit(Op::BitNot, r, x);
      if (uint8_t n = layouts_.narrow_code(t)) fb_->emit(Op::Narrow, r, r, 0, n);
      break;
    default: unsupported(e->pos, "unary operator");
  }
  fb_->release(m);
  uint32_t d = dest_or_alloc(dest, t);
  move(d, r, 1);
  return d;
}

uint32_t Gen::index(const ast::IndexExpr* e, int64_t dest) {
  const types::Type* xt = types::underlying(type_of(e->x));
  const types::Type* t = type_of(e);
  if (auto* b = xt->as<types::Basic>(); b && b->is_string()) {
    size_t m = fb_->mark();
    uint32_t s = expr(e->x);
    uint32_t i = expr(e->index);
    uint32_t r = fb_->alloc_scalar();
    line(e->lbrack);
    fb_->emit(Op::StrIndex, r, s, i);
    fb_->release(m);
    uint32_t d = dest_or_alloc(dest, t);
    move(d, r, 1);
    return d;
  }
  if (xt->is<types::Map>()) {
    size_t m = fb_->mark();
    uint32_t mp = expr(e->x);
    uint32_t k = expr_to(e->index, xt->as<types::Map>()->key);
    uint32_t r = alloc(t);
    bc::Aux ax;
    ax.ptr = layouts_.map_type(type_of(e->x));
    fb_->emit(Op::MapGet, r, mp, k);
    fb_->emit_ext(fb_->add_aux(ax));
    fb_->release(m);
    uint32_t d = dest_or_alloc(dest, t);
    move(d, r, layouts_.slots(t));
    return d;
  }
  LValue lv = lvalue(e);
  return load(lv, dest);
}

uint32_t Gen::selector(const ast::SelectorExpr* e, int64_t dest) {
  auto it = info_->selections.find(e);
  if (it == info_->selections.end()) {
    const types::Object* o = info_->obj(e->sel);
    if (o && o->kind == types::ObjKind::Var) return load(lvalue(e), dest);
    if (o && o->kind == types::ObjKind::Func) return func_value(o->as<types::Func>(), dest);
    unsupported(e->pos, "qualified identifier " + e->sel->name);
  }
  const types::Selection& sel = it->second;
  if (sel.kind == types::Selection::Kind::MethodVal) return bound_method(e, dest);
  if (sel.kind == types::Selection::Kind::MethodExpr) {
    uint32_t fi = types::is_interface(sel.recv) ? iface_method_func(sel.recv, sel.obj->as<types::Func>())
                                                : method_wrapper(sel.recv, sel.obj->as<types::Func>(), sel.index, false);
    uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
    fb_->emit(Op::MakeClosure, d, fi & 0xFFFF, 0, static_cast<uint8_t>(fi >> 16));
    return d;
  }
  return load(lvalue(e), dest);
}

uint32_t Gen::slice_expr(const ast::SliceExpr* e, int64_t dest) {
  const types::Type* xt = types::underlying(type_of(e->x));
  const types::Type* t = type_of(e);
  size_t m = fb_->mark();
  uint32_t x = expr(e->x);
  uint32_t idx = fb_->alloc_scalar(3);
  uint8_t flags = 0;
  if (e->low) { expr(e->low, idx); flags |= 1; }
  if (e->high) { expr(e->high, idx + 1); flags |= 2; }
  if (e->max) { expr(e->max, idx + 2); flags |= 4; }
  uint32_t r = alloc(t);
  line(e->lbrack);
  if (auto* b = xt->as<types::Basic>(); b && b->is_string()) {
    fb_->emit(Op::StrSlice, r, x, idx, flags);
  } else if (auto* s = xt->as<types::Slice>()) {
    fb_->emit(Op::SliceExpr, r, x, idx, flags);
    fb_->emit(bc::make_imm(Op::Ext, 0, static_cast<int32_t>(layouts_.elem_size(s->elem))));
  } else if (auto* ar = xt->as<types::Array>()) {
    LValue base = lvalue(e->x);
    base.type = type_of(e->x);
    if (base.kind == LValue::Slots || base.kind == LValue::ArrayElem)
      unsupported(e->pos, "slicing an array that is not marked as escaping");
    uint32_t tmp = fb_->alloc({rt::SlotKind::Ref, rt::SlotKind::Scalar, rt::SlotKind::Scalar});
    fb_->emit(Op::Move, tmp, as_pointer(base));
    emit_int(tmp + 1, ar->len);
    fb_->emit(Op::Move, tmp + 2, tmp + 1);
    fb_->emit(Op::SliceExpr, r, tmp, idx, flags | 8);  // 8: bounds errors name the array's length
    fb_->emit(bc::make_imm(Op::Ext, 0, static_cast<int32_t>(layouts_.elem_size(ar->elem))));
  } else {
    unsupported(e->pos, "slicing this operand");
  }
  fb_->release(m);
  uint32_t d = dest_or_alloc(dest, t);
  move(d, r, layouts_.slots(t));
  return d;
}

uint32_t Gen::composite(const ast::CompositeLit* e, int64_t dest) { return composite_of(e, type_of(e), dest); }

// A composite literal built as type t (for an elided &T{...}, t is *T).
uint32_t Gen::composite_of(const ast::CompositeLit* e, const types::Type* t, int64_t dest) {
  const types::Type* u = types::underlying(t);
  if (u->is<types::Pointer>()) {  // an elided &T{...} inside another literal
    uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
    heap_composite(e, t, d);
    return d;
  }
  if (auto* ar = u->as<types::Array>()) {
    uint32_t d = dest_or_alloc(dest, t);
    zero(d, layouts_.slots(t));
    uint32_t idx = fb_->alloc_scalar();
    int64_t pos = 0;
    for (const ast::Expr* el : e->elts) {
      if (auto* kv = el->as<ast::KeyValueExpr>()) {
        pos = *tv(kv->key).val.int64_val();
        el = kv->value;
      }
      size_t m = fb_->mark();
      uint32_t v = expr_to(el, ar->elem);
      emit_int(idx, pos);
      store(LValue{LValue::ArrayElem, d, idx, ar->len, layouts_.elem_code(ar->elem), ar->elem}, v);
      fb_->release(m);
      ++pos;
    }
    return d;
  }
  if (auto* mt = u->as<types::Map>()) {
    uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
    bc::Aux ax;
    ax.ptr = layouts_.map_type(t);
    uint32_t ai = fb_->add_aux(ax);
    fb_->emit(Op::MapMake, d, ai, 0xFFFF);
    for (const ast::Expr* el : e->elts) {
      const auto* kv = el->as<ast::KeyValueExpr>();
      size_t m = fb_->mark();
      uint32_t k = alloc(mt->key);
      expr_to(kv->key, mt->key, k);
      uint32_t v = alloc(mt->elem);
      expr_to(kv->value, mt->elem, v);
      fb_->emit(Op::MapSet, d, k, v);
      fb_->emit_ext(ai);
      fb_->release(m);
    }
    return d;
  }
  if (auto* st = u->as<types::Struct>()) {
    uint32_t d = dest_or_alloc(dest, t);
    zero(d, layouts_.slots(t));
    std::vector<uint32_t> offs;
    uint32_t off = 0;
    for (const types::Var* f : st->fields) {
      offs.push_back(off);
      off += layouts_.slots(f->type);
    }
    for (size_t i = 0; i < e->elts.size(); ++i) {
      const ast::Expr* el = e->elts[i];
      size_t fi = i;
      if (auto* kv = el->as<ast::KeyValueExpr>()) {
        const auto* key = kv->key->as<ast::Ident>();
        for (fi = 0; fi < st->fields.size(); ++fi)
          if (st->fields[fi]->name == key->name) break;
        el = kv->value;
      }
      size_t m = fb_->mark();
      uint32_t v = expr_to(el, st->fields[fi]->type);
      move(d + offs[fi], v, layouts_.slots(st->fields[fi]->type));
      fb_->release(m);
    }
    return d;
  }
  if (auto* sl = u->as<types::Slice>()) {
    uint32_t d = dest_or_alloc(dest, t);
    size_t m = fb_->mark();
    int64_t n = 0, pos = 0;
    for (const ast::Expr* el : e->elts) {
      if (auto* kv = el->as<ast::KeyValueExpr>()) pos = *tv(kv->key).val.int64_val();
      n = std::max(n, ++pos);
    }
    uint32_t lc = fb_->alloc_scalar(2);
    emit_int(lc, n);
    fb_->emit(Op::Move, lc + 1, lc);
    bc::Aux ax;
    ax.type = layouts_.rtype(sl->elem);
    ax.layout = layouts_.array_layout(sl->elem);
    fb_->emit(Op::SliceMake, d, lc, fb_->add_aux(ax));
    uint32_t idx = fb_->alloc_scalar();
    pos = 0;
    for (const ast::Expr* el : e->elts) {
      if (auto* kv = el->as<ast::KeyValueExpr>()) {
        pos = *tv(kv->key).val.int64_val();
        el = kv->value;
      }
      size_t m2 = fb_->mark();
      uint32_t v = expr_to(el, sl->elem);
      emit_int(idx, pos);
      store(LValue{LValue::SliceElem, d, idx, 0, layouts_.elem_code(sl->elem), sl->elem}, v);
      fb_->release(m2);
      ++pos;
    }
    fb_->release(m);
    return d;
  }
  unsupported(e->pos, "this composite literal");
}

uint32_t Gen::conversion(const ast::CallExpr* e, int64_t dest) {
  const types::Type* to = type_of(e);
  const types::Type* from = type_of(e->args[0]);
  if (types::is_interface(to)) return expr_to(e->args[0], to, dest);
  size_t m = fb_->mark();
  uint32_t v = expr(e->args[0]);
  uint32_t r = convert_value(v, from, to, -1);
  fb_->release(m);
  uint32_t d = dest_or_alloc(dest, to);
  move(d, r, layouts_.slots(to));
  return d;
}

uint32_t Gen::convert_value(uint32_t src, const types::Type* from, const types::Type* to, int64_t dest) {
  const types::Type* fu = types::underlying(from);
  const types::Type* tu = types::underlying(to);
  uint32_t d = dest_or_alloc(dest, to);
  auto* fb = fu->as<types::Basic>();
  auto* tb = tu->as<types::Basic>();
  if (fb && tb) {
    if (tb->is_string() && fb->is_integer()) {
      fb_->emit(Op::StrFromRune, d, src);
    } else if (tb->is_string() || tb->is_boolean()) {
      move(d, src, layouts_.slots(to));
    } else if (tb->is_float()) {
      bool f32 = tb->bkind == BasicKind::Float32;
      if (fb->is_float()) {
        move(d, src, 1);
        if (f32) fb_->emit(Op::F32Round, d, d);
      } else {
        fb_->emit(fb->is_unsigned() ? Op::U2F : Op::I2F, d, src, 0, f32 ? 1 : 0);
      }
    } else if (fb->is_float()) {
      uint8_t code = layouts_.narrow_code(to);
      if (tb->bkind == BasicKind::Uint64 || tb->bkind == BasicKind::Uint) code = 7;
      fb_->emit(Op::F2I, d, src, 0, code);
    } else {
      uint8_t n = layouts_.narrow_code(to);
      if (n) fb_->emit(Op::Narrow, d, src, 0, n);
      else move(d, src, 1);
    }
    return d;
  }
  if (tb && tb->is_string()) {
    const types::Type* elem = fu->as<types::Slice>()->elem;
    fb_->emit(layouts_.elem_size(elem) == 1 ? Op::StrFromBytes : Op::StrFromRunes, d, src);
    return d;
  }
  if (fb && fb->is_string()) {
    const types::Type* elem = tu->as<types::Slice>()->elem;
    fb_->emit(layouts_.elem_size(elem) == 1 ? Op::BytesFromStr : Op::RunesFromStr, d, src);
    return d;
  }
  move(d, src, layouts_.slots(to));
  return d;
}

void Gen::cond_jump(const ast::Expr* e, bool jump_if, std::vector<uint32_t>& patches) {
  while (auto* p = e->as<ast::ParenExpr>()) e = p->x;
  // `if a < b` on signed integers (the common loop and branch shape): one
  // compare-and-branch instruction instead of a compare and a jump.
  if (auto* be = e->as<ast::BinaryExpr>(); be && !jump_if && tv(e).mode != Mode::Constant) {
    const types::Type* xt = type_of(be->x);
    auto* b = basic(xt);
    bool int_like = b && b->is_integer() && !b->is_unsigned();
    bool eq_like = b && (b->is_integer() || b->is_boolean());
    ast::Tok op = be->op;
    bool ordered = op == ast::Tok::Lss || op == ast::Tok::Leq || op == ast::Tok::Gtr || op == ast::Tok::Geq;
    bool equality = op == ast::Tok::Eql || op == ast::Tok::Neq;
    if ((ordered && int_like) || (equality && eq_like && types::identical(types::underlying(xt), types::underlying(type_of(be->y))))) {
      size_t m = fb_->mark();
      int16_t k;
      if (small_const(be->y, &k)) {
        uint32_t x = expr(be->x);
        Op o = op == ast::Tok::Lss ? Op::JNLtK : op == ast::Tok::Leq ? Op::JNLeK : op == ast::Tok::Gtr ? Op::JNGtK
             : op == ast::Tok::Geq ? Op::JNGeK : op == ast::Tok::Eql ? Op::JNEqK : Op::JNNeK;
        patches.push_back(fb_->emit(o, x, static_cast<uint16_t>(k), 0));
      } else {
        uint32_t x = expr(be->x);
        uint32_t y = expr(be->y);
        Op o;
        switch (op) {
          case ast::Tok::Lss: o = Op::JNLt; break;
          case ast::Tok::Leq: o = Op::JNLe; break;
          case ast::Tok::Gtr: o = Op::JNLt; std::swap(x, y); break;
          case ast::Tok::Geq: o = Op::JNLe; std::swap(x, y); break;
          case ast::Tok::Eql: o = Op::JNEq; break;
          default: o = Op::JNNe; break;
        }
        patches.push_back(fb_->emit(o, x, y, 0));
      }
      fb_->release(m);
      return;
    }
  }
  size_t m = fb_->mark();
  uint32_t c = expr(e);
  patches.push_back(fb_->emit_jump(jump_if ? Op::JmpIf : Op::JmpIfNot, c));
  fb_->release(m);
}

// ---- locations -------------------------------------------------------------

LValue Gen::lvalue(const ast::Expr* e) {
  LValue lv;
  lv.type = type_of(e);
  switch (e->kind) {
    case ast::NodeKind::ParenExpr: return lvalue(e->as<ast::ParenExpr>()->x);
    case ast::NodeKind::Ident: {
      const auto* id = e->as<ast::Ident>();
      if (id->name == "_") {
        lv.kind = LValue::Blank;
        return lv;
      }
      const types::Object* o = info_->obj(id);
      if (!lv.type && o) lv.type = o->type;  // e.g. a redeclared name on the left of :=
      auto it = vars_.find(o);
      if (it == vars_.end()) it = global_locs_.find(o);
      if (it == global_locs_.end()) unsupported(e->pos, "variable " + id->name);
      const VarLoc& loc = it->second;
      switch (loc.kind) {
        case VarLoc::Local: lv.kind = LValue::Slots; lv.a = loc.slot; break;
        case VarLoc::Global: lv.kind = LValue::Global; lv.a = loc.slot; break;
        case VarLoc::Boxed: lv.kind = LValue::Ptr; lv.a = loc.slot; lv.b = 0; break;
        case VarLoc::Captured: {
          uint32_t p = fb_->alloc({rt::SlotKind::Ref});
          fb_->emit(Op::LoadCapture, p, loc.slot, 1);
          lv.kind = LValue::Ptr;
          lv.a = p;
          lv.b = 0;
          break;
        }
      }
      return lv;
    }
    case ast::NodeKind::SelectorExpr: {
      const auto* s = e->as<ast::SelectorExpr>();
      auto it = info_->selections.find(s);
      if (it == info_->selections.end()) {
        const types::Object* o = info_->obj(s->sel);
        auto vit = global_locs_.find(o);
        if (vit == global_locs_.end()) unsupported(e->pos, "qualified identifier");
        lv.kind = LValue::Global;
        lv.a = vit->second.slot;
        return lv;
      }
      const types::Selection& sel = it->second;
      const types::Type* cur = type_of(s->x);
      LValue base;
      if (types::underlying(cur)->is<types::Pointer>()) {
        base = LValue{LValue::Ptr, stable(expr(s->x), cur), 0, 0, 1, nullptr};
        cur = types::underlying(cur)->as<types::Pointer>()->elem;
      } else if (tv(s->x).mode == types::Mode::Variable) {
        base = lvalue(s->x);
      } else {  // a field of a value (call result, assertion, ...): read from a temporary
        base = LValue{LValue::Slots, expr(s->x), 0, 0, 1, nullptr};
      }
      const types::Type* ft = nullptr;
      LValue r = field_path(base, cur, sel.index, &ft);
      r.type = lv.type;
      return r;
    }
    case ast::NodeKind::IndexExpr: {
      const auto* ix = e->as<ast::IndexExpr>();
      const types::Type* xt = types::underlying(type_of(ix->x));
      if (auto* sl = xt->as<types::Slice>()) {
        lv.kind = LValue::SliceElem;
        lv.a = stable(expr(ix->x), type_of(ix->x));
        lv.b = stable(expr(ix->index), type_of(ix->index));
        lv.code = layouts_.elem_code(sl->elem);
        line(ix->lbrack);
        return lv;
      }
      if (auto* ar = xt->as<types::Array>()) {
        LValue base = tv(ix->x).mode == types::Mode::Variable ? lvalue(ix->x)
                                                                : LValue{LValue::Slots, expr(ix->x), 0, 0, 1, nullptr};
        base.type = type_of(ix->x);
        uint8_t code = layouts_.elem_code(ar->elem);
        uint32_t idx = stable(expr(ix->index), type_of(ix->index));
        line(ix->lbrack);
        if (base.kind == LValue::Slots) {
          lv.kind = LValue::ArrayElem;
          lv.a = base.a;
          lv.b = idx;
          lv.aux = static_cast<uint32_t>(ar->len);
          lv.code = code;
          return lv;
        }
        PlaceAddr place(*this);
        uint32_t p = as_pointer(base);
        uint32_t ep = array_elem_addr(p, idx, ar->elem, ar->len, fb_->alloc({rt::SlotKind::Ref}));
        lv.kind = layouts_.is_byte_elem(ar->elem) ? LValue::BytePtr : LValue::Ptr;
        lv.a = ep;
        lv.b = 0;
        lv.code = code;
        return lv;
      }
      if (auto* mt = xt->as<types::Map>()) {
        lv.kind = LValue::MapEntry;
        lv.a = stable(expr(ix->x), type_of(ix->x));
        lv.b = stable(expr_to(ix->index, mt->key), mt->key);
        bc::Aux ax;
        ax.ptr = layouts_.map_type(type_of(ix->x));
        lv.aux = fb_->add_aux(ax);
        return lv;
      }
      unsupported(e->pos, "this index expression");
    }
    case ast::NodeKind::StarExpr: {
      lv.kind = LValue::Ptr;
      lv.a = stable(expr(e->as<ast::StarExpr>()->x), type_of(e->as<ast::StarExpr>()->x));
      lv.b = 0;
      return lv;
    }
    default: unsupported(e->pos, "assignment to this expression");
  }
}

// Load and Store move at most 255 slots (their count is the 8-bit flags):
// wider values take several, each at most kMaxMove slots.
constexpr uint32_t kMaxMove = 255;

void Gen::emit_load(uint32_t d, uint32_t ptr, uint32_t off, uint32_t n) {
  if (off + n > 0xFFFF) unsupported(ast::NoPos, "a value more than 65535 slots into its object");
  if (n > kMaxMove && ptr >= d && ptr < d + n) {  // a later chunk still needs the pointer
    uint32_t p = fb_->alloc({rt::SlotKind::Ref});
    move(p, ptr, 1);
    ptr = p;
  }
  for (uint32_t k = 0; k < n; k += kMaxMove) {
    uint32_t c = std::min(kMaxMove, n - k);
    if (c == 1) fb_->emit(Op::Load1, d + k, ptr, off + k);
    else fb_->emit(Op::Load, d + k, ptr, off + k, static_cast<uint8_t>(c));
  }
}

void Gen::emit_store(uint32_t ptr, uint32_t off, uint32_t src, uint32_t n) {
  if (off + n > 0xFFFF) unsupported(ast::NoPos, "a value more than 65535 slots into its object");
  for (uint32_t k = 0; k < n; k += kMaxMove) {
    uint32_t c = std::min(kMaxMove, n - k);
    if (c == 1) fb_->emit(Op::Store1, ptr, off + k, src + k);
    else fb_->emit(Op::Store, ptr, off + k, src + k, static_cast<uint8_t>(c));
  }
}

// An integer constant into slot d (immediate when it fits in 32 bits).
void Gen::emit_int(uint32_t d, int64_t v) {
  if (v >= INT32_MIN && v <= INT32_MAX) fb_->emit(bc::make_imm(Op::LoadInt, static_cast<uint16_t>(d), static_cast<int32_t>(v)));
  else fb_->emit(Op::LoadConst, d, slot_const(static_cast<rt::Slot>(v)), 0, 1);
}

uint32_t Gen::load(const LValue& lv, int64_t dest) {
  uint32_t n = layouts_.slots(lv.type);
  switch (lv.kind) {
    case LValue::Slots:
      if (dest < 0) return lv.a;  // read in place
      move(static_cast<uint32_t>(dest), lv.a, n);
      return static_cast<uint32_t>(dest);
    case LValue::Global: {
      uint32_t d = dest_or_alloc(dest, lv.type);
      fb_->emit(Op::LoadGlobal, d, lv.a, n);
      return d;
    }
    case LValue::Ptr: {
      uint32_t d = dest_or_alloc(dest, lv.type);
      emit_load(d, lv.a, lv.b, n);
      return d;
    }
    case LValue::SliceElem: {
      uint32_t d = dest_or_alloc(dest, lv.type);
      if (!coded_elem(lv.type, 0)) {
        emit_load(d, as_pointer(lv), 0, n);
        return d;
      }
      fb_->emit(Op::SliceGet, d, lv.a, lv.b, lv.code);
      return d;
    }
    case LValue::ArrayElem: {
      uint32_t d = dest_or_alloc(dest, lv.type);
      if (!coded_elem(lv.type, lv.aux)) {
        emit_load(d, as_pointer(lv), 0, n);
        return d;
      }
      fb_->emit(Op::ArrGet, d, lv.a, lv.b, lv.code);
      fb_->emit(bc::make_imm(Op::Ext, 0, static_cast<int32_t>(lv.aux)));
      return d;
    }
    case LValue::MapEntry: {
      uint32_t d = dest_or_alloc(dest, lv.type);
      fb_->emit(Op::MapGet, d, lv.a, lv.b);
      fb_->emit_ext(lv.aux);
      return d;
    }
    case LValue::BytePtr: {
      uint32_t d = dest_or_alloc(dest, lv.type);
      fb_->emit(Op::LoadB, d, lv.a, 0, lv.code == 255 ? 1 : 0);
      return d;
    }
    case LValue::Blank: break;
  }
  unsupported(ast::NoPos, "reading this location");
}

void Gen::store(const LValue& lv, uint32_t src) {
  if (lv.kind == LValue::Blank) return;
  uint32_t n = layouts_.slots(lv.type);
  switch (lv.kind) {
    case LValue::Slots: move(lv.a, src, n); return;
    case LValue::Global: fb_->emit(Op::StoreGlobal, lv.a, src, n); return;
    case LValue::Ptr: emit_store(lv.a, lv.b, src, n); return;
    case LValue::SliceElem:
    case LValue::ArrayElem:
      if (!coded_elem(lv.type, lv.kind == LValue::ArrayElem ? lv.aux : 0)) {
        emit_store(as_pointer(lv), 0, src, n);
        return;
      }
      if (lv.kind == LValue::SliceElem) {
        fb_->emit(Op::SliceSet, lv.a, lv.b, src, lv.code);
        return;
      }
      fb_->emit(Op::ArrSet, lv.a, lv.b, src, lv.code);
      fb_->emit(bc::make_imm(Op::Ext, 0, static_cast<int32_t>(lv.aux)));
      return;
    case LValue::MapEntry:
      fb_->emit(Op::MapSet, lv.a, lv.b, src);
      fb_->emit_ext(lv.aux);
      return;
    case LValue::BytePtr: fb_->emit(Op::StoreB, lv.a, src); return;
    case LValue::Blank: return;
  }
}

}  // namespace vo::compiler
