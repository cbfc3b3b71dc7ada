// The fmt printer: walks values by their RTypes the way Go's fmt walks them
// with reflection (printArg / printValue), parses format strings, and applies
// Print / Println spacing. Scalars are handed to the Formatter.
#include "runtime/fmt_format.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "runtime/fmt_internal.h"
#include "runtime/map.h"
#include "runtime/strings.h"

namespace vo::rt {
namespace {

using fmtimpl::Flags;
using fmtimpl::Formatter;

// A value being printed: its type and the address of its representation
// (slots, or one byte for a bool/int8/uint8 element of a packed array).
struct Val {
  const RType* t = nullptr;  // nullptr: a nil interface's missing value
  const uint8_t* p = nullptr;
  // Go's reflect refuses Interface() on values reached through unexported
  // fields, so fmt calls no methods on them. "Sticky" spreads to everything
  // inside; "embed" (an unexported embedded field) does not reach the fields
  // of that field.
  bool sticky_ro = false;
  bool embed_ro = false;
  bool can_interface() const { return !sticky_ro && !embed_ro; }
};

Slot load_slot(const uint8_t* p, size_t i = 0) {
  Slot s;
  std::memcpy(&s, p + i * sizeof(Slot), sizeof(Slot));
  return s;
}

int64_t load_int(const Val& v) {
  switch (v.t->kind) {
    case Kind::Int8: return static_cast<int8_t>(v.p[0]);
    case Kind::Int16: return static_cast<int16_t>(load_slot(v.p));
    case Kind::Int32: return static_cast<int32_t>(load_slot(v.p));
    default: return static_cast<int64_t>(load_slot(v.p));
  }
}

uint64_t load_uint(const Val& v) {
  switch (v.t->kind) {
    case Kind::Uint8: return v.p[0];
    case Kind::Uint16: return static_cast<uint16_t>(load_slot(v.p));
    case Kind::Uint32: return static_cast<uint32_t>(load_slot(v.p));
    default: return load_slot(v.p);
  }
}

double load_float(const Val& v) { return std::bit_cast<double>(load_slot(v.p)); }

std::string_view load_string(const uint8_t* p) {
  const auto* ptr = reinterpret_cast<const char*>(load_slot(p, 0));
  auto len = static_cast<size_t>(load_slot(p, 1));
  return len ? std::string_view(ptr, len) : std::string_view();
}

bool is_signed_int(Kind k) { return k >= Kind::Int && k <= Kind::Int64; }
bool is_unsigned_int(Kind k) { return k >= Kind::Uint && k <= Kind::Uint64; }

// The value held by the interface whose two slots are at p.
Val iface_elem(const uint8_t* p) {
  Val v;
  v.t = dynamic_type(reinterpret_cast<const void*>(load_slot(p, 0)));
  if (!v.t) return v;
  // Boxed values live behind the data word; others are the data word itself.
  v.p = v.t->boxed ? reinterpret_cast<const uint8_t*>(load_slot(p, 1)) : p + sizeof(Slot);
  return v;
}

// The data word an interface holding v would have (for method calls).
Slot box(const Val& v) {
  if (v.t->boxed) return reinterpret_cast<Slot>(v.p);
  switch (v.t->kind) {
    case Kind::Int8: return static_cast<Slot>(static_cast<int64_t>(static_cast<int8_t>(v.p[0])));
    case Kind::Bool: case Kind::Uint8: return v.p[0];
    default: return v.t->slots ? load_slot(v.p) : 0;
  }
}

bool has_method(const RType* t, std::string_view name) {
  for (const RMethod& m : t->methods)
    if (m.name == name) return true;
  return false;
}

bool has_string_method(const RType* t) { return has_method(t, "Error") || has_method(t, "String"); }

// Element i of an array or slice whose elements start at base.
Val element(const Val& parent, const RType* elem, const uint8_t* base, int64_t i) {
  Val e;
  e.t = elem;
  e.p = base + static_cast<size_t>(i) * elem->elem_size;
  e.sticky_ro = parent.sticky_ro || parent.embed_ro;
  return e;
}

// ---- map key ordering (Go's internal/fmtsort) --------------------------------

int three_way(auto a, auto b) { return a < b ? -1 : (a > b ? 1 : 0); }

int compare_values(const Val& a, const Val& b);

// NaNs sort first (as in Go), and tie with each other so that the order
// stays a strict weak ordering for std::stable_sort.
int compare_floats(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return three_way(!std::isnan(a), !std::isnan(b));
  return three_way(a, b);
}

int compare_ifaces(const Val& a, const Val& b) {
  Val ea = iface_elem(a.p), eb = iface_elem(b.p);
  if (!ea.t || !eb.t) return three_way(ea.t != nullptr, eb.t != nullptr);  // nil first
  // Different dynamic types have no natural order; Go orders them by the
  // address of their type descriptors, we by type table index.
  if (ea.t != eb.t) {
    int c = three_way(ea.t->id, eb.t->id);
    return c ? c : three_way(reinterpret_cast<uintptr_t>(ea.t), reinterpret_cast<uintptr_t>(eb.t));
  }
  return compare_values(ea, eb);
}

int compare_values(const Val& a, const Val& b) {
  const RType* t = a.t;
  switch (t->kind) {
    case Kind::Bool: return three_way(a.p[0] != 0, b.p[0] != 0);
    case Kind::Float32: case Kind::Float64: return compare_floats(load_float(a), load_float(b));
    case Kind::String: {
      int c = load_string(a.p).compare(load_string(b.p));
      return three_way(c, 0);
    }
    case Kind::Struct:
      for (const RField& f : t->fields) {
        Val fa{f.type, a.p + f.offset * sizeof(Slot)}, fb{f.type, b.p + f.offset * sizeof(Slot)};
        if (int c = compare_values(fa, fb)) return c;
      }
      return 0;
    case Kind::Array:
      for (int64_t i = 0; i < t->len; ++i)
        if (int c = compare_values(element(a, t->elem, a.p, i), element(b, t->elem, b.p, i))) return c;
      return 0;
    case Kind::Interface: return compare_ifaces(a, b);
    default:
      if (is_signed_int(t->kind)) return three_way(load_int(a), load_int(b));
      if (is_unsigned_int(t->kind)) return three_way(load_uint(a), load_uint(b));
      return three_way(load_slot(a.p), load_slot(b.p));  // pointers, chans: by address
  }
}

// ---- the printer -------------------------------------------------------------

class Printer {
 public:
  explicit Printer(MethodCaller* mc) : fmt_(buf_), mc_(mc) {}

  std::string take() { return std::move(buf_); }
  void do_printf(std::string_view format, const Slot* args, size_t n, std::vector<size_t>* wrapped);
  void do_print(const Slot* args, size_t n, bool newline);

 private:
  void print_arg(const Slot* arg, char32_t verb);
  void print_value(const Val& v, char32_t verb, int depth);
  bool handle_methods(const Val& v, char32_t verb);
  void bad_verb(char32_t verb, const Val* v);

  void print_bool(const Val& v, char32_t verb);
  void print_integer(uint64_t u, bool is_signed, char32_t verb, const Val& v);
  void print_float(const Val& v, char32_t verb);
  void print_string(std::string_view s, char32_t verb, const Val* v);
  void print_bytes(std::string_view bytes, bool is_nil, char32_t verb, std::string_view type_name, const Val& v);
  void print_pointer(const Val& v, char32_t verb);
  void print_list(const Val& v, char32_t verb, int depth);
  void print_struct(const Val& v, char32_t verb, int depth);
  void print_map(const Val& v, char32_t verb, int depth);
  void print_iface(const Val& v, char32_t verb, int depth);

  // Format string helpers.
  bool int_from_arg(const Slot* args, size_t n, size_t* arg_num, int* out);
  bool arg_number(std::string_view format, size_t* i, size_t n, size_t* arg_num);
  void print_extra(const Slot* args, size_t from, size_t n);

  std::string buf_;
  Formatter fmt_;
  MethodCaller* mc_;
  bool erroring_ = false;     // printing a bad-verb operand: call no methods
  bool reordered_ = false;    // an explicit [n] index was used
  bool good_arg_num_ = true;  // the last [n] index was valid
  std::vector<size_t>* wrapped_ = nullptr;  // Errorf: operands of %w
};

Val top_level(const Slot* arg) { return iface_elem(reinterpret_cast<const uint8_t*>(arg)); }

void Printer::bad_verb(char32_t verb, const Val* v) {
  bool was_erroring = erroring_;
  erroring_ = true;
  buf_ += "%!";
  fmtimpl::append_rune(buf_, verb);
  buf_ += '(';
  if (v && v->t) {
    buf_ += v->t->name;
    buf_ += '=';
    print_value(*v, 'v', 0);
  } else {
    buf_ += "<nil>";
  }
  buf_ += ')';
  erroring_ = was_erroring;
}

// Error() (preferred) or String() for the verbs that print text; not for %#v
// (Go would use GoString there, which Vo does not have).
bool Printer::handle_methods(const Val& v, char32_t verb) {
  if (erroring_ || !mc_ || !v.t || !v.can_interface() || fmt_.f.sharp_v) return false;
  if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q') return false;
  if (!has_string_method(v.t)) return false;
  std::string s;
  if (!mc_->stringify(v.t, box(v), &s)) return false;
  print_string(s, verb, nullptr);
  return true;
}

bool is_plain_byte_slice(const RType* t) {
  return t->kind == Kind::Slice && !t->named && t->elem && t->elem->kind == Kind::Uint8 && !t->elem->named;
}

void Printer::print_arg(const Slot* arg, char32_t verb) {
  Val v = top_level(arg);
  if (!v.t) {
    if (verb == 'T' || verb == 'v') fmt_.pad("<nil>");
    else bad_verb(verb, nullptr);
    return;
  }
  if (verb == 'T') return fmt_.fmt_s(v.t->name);
  if (verb == 'p') return print_pointer(v, 'p');
  if (verb == 'w') {
    // Only Errorf accepts %w, and only for an error operand, which then
    // prints as with %v.
    if (!wrapped_ || !has_method(v.t, "Error")) return bad_verb(verb, &v);
    verb = 'v';
  }
  if (handle_methods(v, verb)) return;
  if (is_plain_byte_slice(v.t)) {
    // Go spells a top-level []byte "[]byte" (elsewhere "[]uint8").
    const auto* ptr = reinterpret_cast<const char*>(load_slot(v.p, 0));
    auto len = static_cast<size_t>(load_slot(v.p, 1));
    return print_bytes(std::string_view(ptr, len), ptr == nullptr, verb, "[]byte", v);
  }
  print_value(v, verb, 0);
}

void Printer::print_value(const Val& v, char32_t verb, int depth) {
  // Methods of the top-level operand were already tried by print_arg.
  if (depth > 0 && handle_methods(v, verb)) return;
  const RType* t = v.t;
  switch (t->kind) {
    case Kind::Bool: return print_bool(v, verb);
    case Kind::Float32: case Kind::Float64: return print_float(v, verb);
    case Kind::String: return print_string(load_string(v.p), verb, &v);
    case Kind::Map: return print_map(v, verb, depth);
    case Kind::Struct: return print_struct(v, verb, depth);
    case Kind::Interface: return print_iface(v, verb, depth);
    case Kind::Array: case Kind::Slice: return print_list(v, verb, depth);
    case Kind::Pointer: {
      // At the top level a pointer to a composite prints as &{...}; deeper
      // down only its address, which also keeps cycles finite.
      auto* target = reinterpret_cast<const uint8_t*>(load_slot(v.p));
      Kind ek = t->elem ? t->elem->kind : Kind::Int;
      if (depth == 0 && target &&
          (ek == Kind::Array || ek == Kind::Slice || ek == Kind::Struct || ek == Kind::Map)) {
        buf_ += '&';
        print_value(Val{t->elem, target, v.sticky_ro, v.embed_ro}, verb, depth + 1);
        return;
      }
      return print_pointer(v, verb);
    }
    case Kind::Island:
      if (verb == 'v') return fmt_.pad("<island>");
      return print_pointer(v, verb);
    case Kind::Chan: case Kind::Port: case Kind::Func: return print_pointer(v, verb);
    default:
      if (is_signed_int(t->kind)) return print_integer(static_cast<uint64_t>(load_int(v)), true, verb, v);
      return print_integer(load_uint(v), false, verb, v);
  }
}

void Printer::print_bool(const Val& v, char32_t verb) {
  if (verb == 't' || verb == 'v') fmt_.fmt_boolean(v.p[0] != 0);
  else bad_verb(verb, &v);
}

void Printer::print_integer(uint64_t u, bool is_signed, char32_t verb, const Val& v) {
  switch (verb) {
    case 'v':
      // %#v shows unsigned integers in hex.
      if (fmt_.f.sharp_v && !is_signed) fmt_.fmt_0x64(u, true);
      else fmt_.fmt_integer(u, 10, is_signed, verb, false);
      return;
    case 'd': return fmt_.fmt_integer(u, 10, is_signed, verb, false);
    case 'b': return fmt_.fmt_integer(u, 2, is_signed, verb, false);
    case 'o': case 'O': return fmt_.fmt_integer(u, 8, is_signed, verb, false);
    case 'x': return fmt_.fmt_integer(u, 16, is_signed, verb, false);
    case 'X': return fmt_.fmt_integer(u, 16, is_signed, verb, true);
    case 'c': return fmt_.fmt_c(u);
    case 'q': return fmt_.fmt_qc(u);
    case 'U': return fmt_.fmt_unicode(u);
    default: return bad_verb(verb, &v);
  }
}

void Printer::print_float(const Val& v, char32_t verb) {
  double d = load_float(v);
  int size = v.t->kind == Kind::Float32 ? 32 : 64;
  switch (verb) {
    case 'v': return fmt_.fmt_float_v(d, size);
    case 'b': case 'g': case 'G': case 'x': case 'X': return fmt_.fmt_float(d, size, verb, -1);
    case 'f': case 'e': case 'E': return fmt_.fmt_float(d, size, verb, 6);
    case 'F': return fmt_.fmt_float(d, size, 'f', 6);
    default: return bad_verb(verb, &v);
  }
}

void Printer::print_string(std::string_view s, char32_t verb, const Val* v) {
  switch (verb) {
    case 'v':
      if (fmt_.f.sharp_v) fmt_.fmt_q(s);
      else fmt_.fmt_s(s);
      return;
    case 's': return fmt_.fmt_s(s);
    case 'x': return fmt_.fmt_sx(s, false);
    case 'X': return fmt_.fmt_sx(s, true);
    case 'q': return fmt_.fmt_q(s);
    default: return bad_verb(verb, v);
  }
}

// Byte slices and arrays under %s %q %x %X (and a top-level []byte under any verb).
void Printer::print_bytes(std::string_view bytes, bool is_nil, char32_t verb, std::string_view type_name,
                          const Val& v) {
  switch (verb) {
    case 'v': case 'd':
      if (fmt_.f.sharp_v) {
        buf_ += type_name;
        if (is_nil) {
          buf_ += "(nil)";
          return;
        }
        buf_ += '{';
        for (size_t i = 0; i < bytes.size(); ++i) {
          if (i) buf_ += ", ";
          fmt_.fmt_0x64(static_cast<uint8_t>(bytes[i]), true);
        }
        buf_ += '}';
        return;
      }
      buf_ += '[';
      for (size_t i = 0; i < bytes.size(); ++i) {
        if (i) buf_ += ' ';
        fmt_.fmt_integer(static_cast<uint8_t>(bytes[i]), 10, false, verb, false);
      }
      buf_ += ']';
      return;
    case 's': return fmt_.fmt_s(bytes);
    case 'x': return fmt_.fmt_sx(bytes, false);
    case 'X': return fmt_.fmt_sx(bytes, true);
    case 'q': return fmt_.fmt_q(bytes);
    default: return print_value(v, verb, 0);
  }
}

void Printer::print_pointer(const Val& v, char32_t verb) {
  switch (v.t->kind) {
    case Kind::Chan: case Kind::Port: case Kind::Func: case Kind::Map: case Kind::Pointer:
    case Kind::Slice: case Kind::Island:
      break;
    default: return bad_verb(verb, &v);
  }
  uint64_t u = load_slot(v.p);  // a slice's address is that of its first element
  switch (verb) {
    case 'v':
      if (fmt_.f.sharp_v) {
        buf_ += '(';
        buf_ += v.t->name;
        buf_ += ")(";
        if (u == 0) buf_ += "nil";
        else fmt_.fmt_0x64(u, true);
        buf_ += ')';
      } else if (u == 0) {
        fmt_.pad("<nil>");
      } else {
        fmt_.fmt_0x64(u, !fmt_.f.sharp);
      }
      return;
    case 'p': return fmt_.fmt_0x64(u, !fmt_.f.sharp);
    case 'b': case 'o': case 'd': case 'x': case 'X': return print_integer(u, false, verb, v);
    default: return bad_verb(verb, &v);
  }
}

void Printer::print_list(const Val& v, char32_t verb, int depth) {
  const RType* t = v.t;
  bool is_slice = t->kind == Kind::Slice;
  const uint8_t* base = is_slice ? reinterpret_cast<const uint8_t*>(load_slot(v.p, 0)) : v.p;
  int64_t len = is_slice ? static_cast<int64_t>(load_slot(v.p, 1)) : t->len;
  if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && t->elem->kind == Kind::Uint8) {
    // Byte elements are packed, so the bytes are contiguous.
    std::string_view bytes(reinterpret_cast<const char*>(base), static_cast<size_t>(len));
    return print_bytes(bytes, base == nullptr, verb, t->name, v);
  }
  if (fmt_.f.sharp_v) {
    buf_ += t->name;
    if (is_slice && base == nullptr) {
      buf_ += "(nil)";
      return;
    }
    buf_ += '{';
    for (int64_t i = 0; i < len; ++i) {
      if (i) buf_ += ", ";
      print_value(element(v, t->elem, base, i), verb, depth + 1);
    }
    buf_ += '}';
    return;
  }
  buf_ += '[';
  for (int64_t i = 0; i < len; ++i) {
    if (i) buf_ += ' ';
    print_value(element(v, t->elem, base, i), verb, depth + 1);
  }
  buf_ += ']';
}

void Printer::print_struct(const Val& v, char32_t verb, int depth) {
  if (fmt_.f.sharp_v) buf_ += v.t->name;
  buf_ += '{';
  bool first = true;
  for (const RField& f : v.t->fields) {
    if (!first) buf_ += fmt_.f.sharp_v ? ", " : " ";
    first = false;
    if ((fmt_.f.plus_v || fmt_.f.sharp_v) && !f.name.empty()) {
      buf_ += f.name;
      buf_ += ':';
    }
    Val field{f.type, v.p + f.offset * sizeof(Slot)};
    field.sticky_ro = v.sticky_ro || (!f.exported && !f.embedded);
    field.embed_ro = !f.exported && f.embedded;
    print_value(field, verb, depth + 1);
  }
  buf_ += '}';
}

void Printer::print_iface(const Val& v, char32_t verb, int depth) {
  Val elem = iface_elem(v.p);
  if (!elem.t) {
    // Written directly, not padded, as Go does.
    if (fmt_.f.sharp_v) {
      buf_ += v.t->name;
      buf_ += "(nil)";
    } else {
      buf_ += "<nil>";
    }
    return;
  }
  elem.sticky_ro = v.sticky_ro || v.embed_ro;
  print_value(elem, verb, depth + 1);
}

void Printer::print_map(const Val& v, char32_t verb, int depth) {
  const void* m = reinterpret_cast<const void*>(load_slot(v.p));
  if (fmt_.f.sharp_v) {
    buf_ += v.t->name;
    if (!m) {
      buf_ += "(nil)";
      return;
    }
    buf_ += '{';
  } else {
    buf_ += "map[";
  }
  const RType* kt = v.t->key;
  const RType* vt = v.t->elem;
  if (m && (!kt || !vt)) {
    kt = map_type(m)->key;
    vt = map_type(m)->value;
  }
  // Entries in Go's fmtsort order; the pointers stay valid as long as the
  // map is not modified (a String method that mutates it is not supported).
  std::vector<std::pair<Val, Val>> entries;
  if (m) {
    MapIter it;
    map_iter_init(m, &it);
    const Slot *key, *value;
    bool ro = v.sticky_ro || v.embed_ro;
    while (map_iter_next(m, &it, &key, &value))
      entries.push_back({Val{kt, reinterpret_cast<const uint8_t*>(key), ro},
                         Val{vt, reinterpret_cast<const uint8_t*>(value), ro}});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return compare_values(a.first, b.first) < 0; });
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i) buf_ += fmt_.f.sharp_v ? ", " : " ";
    print_value(entries[i].first, verb, depth + 1);
    buf_ += ':';
    print_value(entries[i].second, verb, depth + 1);
  }
  buf_ += fmt_.f.sharp_v ? '}' : ']';
}

// ---- format strings ----------------------------------------------------------

// Go refuses widths and precisions beyond a million (a typo, most likely).
bool too_large(int64_t x) { return x > 1000000 || x < -1000000; }

// Decimal digits at format[*i...]; false (and *i at the end) on overflow.
bool parse_num(std::string_view format, size_t* i, size_t end, int* num) {
  *num = 0;
  bool isnum = false;
  size_t j = *i;
  for (; j < end && format[j] >= '0' && format[j] <= '9'; ++j) {
    if (too_large(*num)) {
      *num = 0;
      *i = end;
      return false;
    }
    *num = *num * 10 + (format[j] - '0');
    isnum = true;
  }
  *i = j;
  return isnum;
}

// A '*' operand: any integer kind in range; consumes the operand either way.
bool Printer::int_from_arg(const Slot* args, size_t n, size_t* arg_num, int* out) {
  *out = 0;
  if (*arg_num >= n) return false;
  Val v = top_level(args + 2 * *arg_num);
  ++*arg_num;
  if (!v.t) return false;
  int64_t x;
  if (is_signed_int(v.t->kind)) {
    x = load_int(v);
  } else if (is_unsigned_int(v.t->kind)) {
    uint64_t u = load_uint(v);
    if (u > static_cast<uint64_t>(INT64_MAX)) return false;
    x = static_cast<int64_t>(u);
  } else {
    return false;
  }
  if (too_large(x)) return false;
  *out = static_cast<int>(x);
  return true;
}

// An explicit operand index "[n]" at format[*i]; returns whether one was found.
bool Printer::arg_number(std::string_view format, size_t* i, size_t n, size_t* arg_num) {
  if (*i >= format.size() || format[*i] != '[') return false;
  reordered_ = true;
  std::string_view rest = format.substr(*i);
  size_t close = rest.find(']');
  if (rest.size() < 3 || close == std::string_view::npos) {
    good_arg_num_ = false;
    *i += 1;
    return false;
  }
  size_t j = 1;
  int index = 0;
  bool ok = parse_num(rest, &j, close, &index) && j == close;
  *i += close + 1;
  if (ok && index >= 1 && static_cast<size_t>(index) <= n) {
    *arg_num = static_cast<size_t>(index - 1);
    return true;
  }
  good_arg_num_ = false;
  return ok;
}

void Printer::print_extra(const Slot* args, size_t from, size_t n) {
  fmt_.clear_flags();
  buf_ += "%!(EXTRA ";
  for (size_t i = from; i < n; ++i) {
    if (i > from) buf_ += ", ";
    Val v = top_level(args + 2 * i);
    if (!v.t) {
      buf_ += "<nil>";
      continue;
    }
    buf_ += v.t->name;
    buf_ += '=';
    print_arg(args + 2 * i, 'v');
  }
  buf_ += ')';
}

void Printer::do_printf(std::string_view format, const Slot* args, size_t n, std::vector<size_t>* wrapped) {
  wrapped_ = wrapped;
  size_t end = format.size();
  size_t arg_num = 0;
  bool after_index = false;  // the last item was an index like [3]
  reordered_ = false;
  for (size_t i = 0; i < end;) {
    good_arg_num_ = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') ++i;
    buf_.append(format, lasti, i - lasti);
    if (i >= end) break;
    ++i;  // skip '%'
    fmt_.clear_flags();
    Flags& f = fmt_.f;
    for (; i < end; ++i) {
      char c = format[i];
      if (c == '#') f.sharp = true;
      else if (c == '0') f.zero = !f.minus;  // zeros only pad on the left
      else if (c == '+') f.plus = true;
      else if (c == '-') f.minus = true, f.zero = false;
      else if (c == ' ') f.space = true;
      else break;
    }
    after_index = arg_number(format, &i, n, &arg_num);
    // Width.
    if (i < end && format[i] == '*') {
      ++i;
      f.wid_present = int_from_arg(args, n, &arg_num, &f.wid);
      if (!f.wid_present) buf_ += "%!(BADWIDTH)";
      if (f.wid < 0) {  // a negative width means left-justify
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      after_index = false;
    } else {
      f.wid_present = parse_num(format, &i, end, &f.wid);
      if (after_index && f.wid_present) good_arg_num_ = false;  // "%[3]2d"
    }
    // Precision.
    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (after_index) good_arg_num_ = false;  // "%[3].2d"
      after_index = arg_number(format, &i, n, &arg_num);
      if (i < end && format[i] == '*') {
        ++i;
        f.prec_present = int_from_arg(args, n, &arg_num, &f.prec);
        if (f.prec < 0) {  // negative precisions make no sense
          f.prec = 0;
          f.prec_present = false;
        }
        if (!f.prec_present) buf_ += "%!(BADPREC)";
        after_index = false;
      } else {
        f.prec_present = parse_num(format, &i, end, &f.prec);
        if (!f.prec_present) {  // "%.d" is precision 0
          f.prec = 0;
          f.prec_present = true;
        }
      }
    }
    if (!after_index) after_index = arg_number(format, &i, n, &arg_num);
    if (i >= end) {
      buf_ += "%!(NOVERB)";
      break;
    }
    char32_t verb = static_cast<unsigned char>(format[i]);
    int size = 1;
    if (verb >= 0x80) {
      int32_t r;
      size = decode_rune(reinterpret_cast<const uint8_t*>(format.data()) + i, static_cast<int64_t>(end - i), &r);
      verb = static_cast<char32_t>(r);
    }
    i += static_cast<size_t>(size);
    if (verb == '%') {  // consumes no operand; flags and width are ignored
      buf_ += '%';
    } else if (!good_arg_num_) {
      buf_ += "%!";
      fmtimpl::append_rune(buf_, verb);
      buf_ += "(BADINDEX)";
    } else if (arg_num >= n) {
      buf_ += "%!";
      fmtimpl::append_rune(buf_, verb);
      buf_ += "(MISSING)";
    } else {
      if (verb == 'v') {
        // '#' and '+' change meaning under %v.
        f.sharp_v = f.sharp;
        f.sharp = false;
        f.plus_v = f.plus;
        f.plus = false;
      }
      if (verb == 'w' && wrapped_) {
        const RType* t = dynamic_type(reinterpret_cast<const void*>(args[2 * arg_num]));
        if (t && has_method(t, "Error")) wrapped_->push_back(arg_num);
      }
      print_arg(args + 2 * arg_num, verb);
      ++arg_num;
    }
  }
  if (wrapped_ && reordered_) {
    std::sort(wrapped_->begin(), wrapped_->end());
    wrapped_->erase(std::unique(wrapped_->begin(), wrapped_->end()), wrapped_->end());
  }
  // With explicit indexes, unused operands are not reported.
  if (!reordered_ && arg_num < n) print_extra(args, arg_num, n);
}

void Printer::do_print(const Slot* args, size_t n, bool newline) {
  bool prev_string = false;
  for (size_t i = 0; i < n; ++i) {
    const RType* t = dynamic_type(reinterpret_cast<const void*>(args[2 * i]));
    bool is_string = t && t->kind == Kind::String;
    // Println separates every operand; Print only two non-strings.
    if (i > 0 && (newline || (!is_string && !prev_string))) buf_ += ' ';
    print_arg(args + 2 * i, 'v');
    prev_string = is_string;
  }
  if (newline) buf_ += '\n';
}

}  // namespace

std::string go_sprintf(std::string_view format, const Slot* args, size_t n, MethodCaller* mc,
                       std::vector<size_t>* wrapped) {
  Printer p(mc);
  p.do_printf(format, args, n, wrapped);
  return p.take();
}

std::string go_sprint(const Slot* args, size_t n, MethodCaller* mc) {
  Printer p(mc);
  p.do_print(args, n, false);
  return p.take();
}

std::string go_sprintln(const Slot* args, size_t n, MethodCaller* mc) {
  Printer p(mc);
  p.do_print(args, n, true);
  return p.take();
}

}  // namespace vo::rt
