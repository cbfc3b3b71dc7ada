// Locations: field paths, addresses, receivers, heap-allocated composite
// values, and type assertions.
#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;

LValue Gen::field_path(LValue base, const types::Type* cur, const std::vector<int>& path, const types::Type** out) {
  for (size_t k = 0; k < path.size(); ++k) {
    if (auto* p = types::underlying(cur)->as<types::Pointer>()) {
      // An embedded pointer field on the way: load it and continue through it.
      PlaceAddr place(*this);
      uint32_t ptr = load(LValue{base.kind, base.a, base.b, base.aux, base.code, cur}, -1);
      base = LValue{LValue::Ptr, ptr, 0, 0, 1, nullptr};
      cur = p->elem;
    }
    const auto* st = types::underlying(cur)->as<types::Struct>();
    if (!st) unsupported(ast::NoPos, "field selection on a non-struct");
    uint32_t off = 0;
    for (int j = 0; j < path[k]; ++j) off += layouts_.slots(st->fields[j]->type);
    switch (base.kind) {
      case LValue::Slots: case LValue::Global: base.a += off; break;
      case LValue::Ptr: base.b += off; break;
      case LValue::MapEntry: {  // not addressable: read the value
        uint32_t v = load(LValue{base.kind, base.a, base.b, base.aux, base.code, cur}, -1);
        base = LValue{LValue::Slots, v + off, 0, 0, 1, nullptr};
        break;
      }
      default: {  // an element: go through its address
        PlaceAddr place(*this);
        LValue tmp = base;
        tmp.type = cur;
        uint32_t p = as_pointer(tmp);
        base = LValue{LValue::Ptr, p, off, 0, 1, nullptr};
        break;
      }
    }
    cur = st->fields[path[k]]->type;
  }
  if (out) *out = cur;
  base.type = cur;
  return base;
}

// A slot holding the address of the location's first byte.
uint32_t Gen::as_pointer(const LValue& lv) {
  switch (lv.kind) {
    case LValue::Ptr:
    case LValue::BytePtr:
      if (lv.b == 0) return lv.a;
      break;
    default:
      break;
  }
  PlaceAddr place(*this);
  uint32_t p = fb_->alloc({rt::SlotKind::Ref});
  switch (lv.kind) {
    case LValue::Ptr: fb_->emit(Op::FieldAddr, p, lv.a, lv.b); break;
    case LValue::Slots: fb_->emit(Op::FrameAddr, p, lv.a); break;
    case LValue::Global: fb_->emit(Op::GlobalAddr, p, lv.a); break;
    case LValue::SliceElem: slice_elem_addr(lv.a, lv.b, lv.type, p); break;
    case LValue::ArrayElem: {
      uint32_t f = fb_->alloc({rt::SlotKind::Ref});
      fb_->emit(Op::FrameAddr, f, lv.a);
      array_elem_addr(f, lv.b, lv.type, lv.aux, p);
      break;
    }
    default: unsupported(ast::NoPos, "the address of this operand");
  }
  return p;
}

bool Gen::coded_elem(const types::Type* elem, int64_t len) {
  return layouts_.compact_elem(elem) && len <= INT32_MAX;
}

// A bounds check plus the address arithmetic; elements without an elem
// code (or arrays too long for the Ext length) take the general ElemAddr.
uint32_t Gen::array_elem_addr(uint32_t arr, uint32_t idx, const types::Type* elem, int64_t len, uint32_t dest) {
  if (coded_elem(elem, len)) {
    fb_->emit(Op::ArrAddr, dest, arr, idx, layouts_.elem_code(elem));
    fb_->emit(bc::make_imm(Op::Ext, 0, static_cast<int32_t>(len)));
    return dest;
  }
  bc::Aux ax;
  ax.n = len;
  ax.m = layouts_.elem_size(elem);
  fb_->emit(Op::ElemAddr, dest, arr, idx, 0);
  fb_->emit_ext(fb_->add_aux(ax));
  return dest;
}

uint32_t Gen::slice_elem_addr(uint32_t s, uint32_t idx, const types::Type* elem, uint32_t dest) {
  if (coded_elem(elem, 0)) {
    fb_->emit(Op::SliceAddr, dest, s, idx, layouts_.elem_code(elem));
    return dest;
  }
  bc::Aux ax;
  ax.m = layouts_.elem_size(elem);
  fb_->emit(Op::ElemAddr, dest, s, idx, 1);
  fb_->emit_ext(fb_->add_aux(ax));
  return dest;
}

uint32_t Gen::addr_of(const LValue& lv, uint32_t dest) {
  switch (lv.kind) {
    case LValue::Ptr:
      if (lv.b == 0) move(dest, lv.a, 1);
      else fb_->emit(Op::FieldAddr, dest, lv.a, lv.b);
      return dest;
    case LValue::SliceElem:
      slice_elem_addr(lv.a, lv.b, lv.type, dest);
      return dest;
    case LValue::Global: {
      fb_->emit(Op::GlobalAddr, dest, lv.a);
      return dest;
    }
    default:
      unsupported(ast::NoPos, "taking the address of this operand");
  }
}

uint32_t Gen::recv_arg(const ast::Expr* x, const std::vector<int>& path, bool want_ptr, uint32_t dest) {
  const types::Type* xt = type_of(x);
  LValue base;
  const types::Type* cur = xt;
  if (types::underlying(xt)->is<types::Pointer>()) {
    if (path.empty()) {
      if (want_ptr) return expr(x, dest);
      uint32_t p = expr(x);
      const types::Type* elem = types::underlying(xt)->as<types::Pointer>()->elem;
      return load(LValue{LValue::Ptr, p, 0, 0, 1, elem}, dest);
    }
    base = LValue{LValue::Ptr, expr(x), 0, 0, 1, nullptr};
    cur = types::underlying(xt)->as<types::Pointer>()->elem;
  } else if (!want_ptr && path.empty()) {
    return expr(x, dest);
  } else {
    const types::TypeAndValue& t = tv(x);
    if (t.mode == types::Mode::Variable) {
      base = lvalue(x);
    } else {
      base = LValue{LValue::Slots, expr(x), 0, 0, 1, nullptr};
    }
  }
  const types::Type* ft = nullptr;
  LValue lv = field_path(base, cur, path, &ft);
  if (want_ptr) {
    if (types::underlying(ft)->is<types::Pointer>()) return load(lv, dest);
    return addr_of(lv, dest);
  }
  if (auto* p = types::underlying(ft)->as<types::Pointer>()) {
    uint32_t ptr = load(lv, -1);
    return load(LValue{LValue::Ptr, ptr, 0, 0, 1, p->elem}, dest);
  }
  return load(lv, dest);
}

// The type reached from t through the embedded-field path (auto-deref).
const types::Type* Gen::embedded_type(const types::Type* t, const std::vector<int>& path) {
  for (int i : path) {
    if (auto* p = types::underlying(t)->as<types::Pointer>()) t = p->elem;
    t = types::underlying(t)->as<types::Struct>()->fields[i]->type;
  }
  return t;
}

uint32_t Gen::new_box(const types::Type* t, int64_t dest) {
  uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc({rt::SlotKind::Ref});
  bc::Aux ax;
  ax.layout = layouts_.box_layout(t);
  ax.n = std::max<uint32_t>(layouts_.slots(t), 1) * 8;
  fb_->emit(Op::New, d, fb_->add_aux(ax));
  return d;
}

void Gen::heap_composite(const ast::CompositeLit* e, const types::Type* t, uint32_t dest) {
  if (auto* p = types::underlying(t)->as<types::Pointer>()) t = p->elem;
  size_t m = fb_->mark();
  uint32_t v = composite_of(e, t, -1);
  uint32_t box = new_box(t, -1);
  emit_store(box, 0, v, layouts_.slots(t));
  move(dest, box, 1);
  fb_->release(m);
}

uint32_t Gen::type_assert(const ast::TypeAssertExpr* e, int64_t dest, bool comma_ok) {
  const types::Type* t = type_of(e->type);
  if (!t) t = tv(e->type).type;
  size_t m = fb_->mark();
  uint32_t x = expr(e->x);
  std::vector<rt::SlotKind> kinds = layouts_.kinds(t);
  if (comma_ok) kinds.push_back(rt::SlotKind::Scalar);
  uint32_t r = fb_->alloc(kinds);
  bc::Aux ax;
  ax.type = layouts_.rtype(t);
  line(e->lparen);
  fb_->emit(types::is_interface(t) ? Op::IfaceAssert : Op::Unbox, r, x, fb_->add_aux(ax), comma_ok ? 1 : 0);
  fb_->release(m);
  uint32_t d = dest >= 0 ? static_cast<uint32_t>(dest) : fb_->alloc(kinds);
  move(d, r, static_cast<uint32_t>(kinds.size()));
  return d;
}

}  // namespace vo::compiler
