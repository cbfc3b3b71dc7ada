#include "runtime/format.h"

#include <atomic>
#include <bit>
#include <charconv>
#include <cmath>

namespace vo::rt {
namespace {

std::atomic<ErrorFormatter> g_error_formatter{nullptr};

// Rewrites to_chars' scientific output ("-d.ddde+XX") as plain decimal.
void expand_scientific(std::string& out, const char* s, const char* end) {
  if (*s == '-') {
    out += '-';
    ++s;
  }
  std::string digits;
  const char* p = s;
  for (; p < end && *p != 'e'; ++p)
    if (*p != '.') digits += *p;
  int exp = 0;
  if (p < end) std::from_chars(p + 1 + (p[1] == '+'), end, exp);
  // value = 0.digits * 10^point
  int point = exp + 1;
  int n = static_cast<int>(digits.size());
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else if (point >= n) {
    out += digits;
    out.append(static_cast<size_t>(point - n), '0');
  } else {
    out.append(digits, 0, static_cast<size_t>(point));
    out += '.';
    out.append(digits, static_cast<size_t>(point));
  }
}

template <typename F>
void format_floating(std::string& out, F v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-inf" : "inf";
    return;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  expand_scientific(out, buf, r.ptr);
}

void format_hex(std::string& out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v, 16);
  out += "0x";
  out.append(buf, r.ptr);
}

// A []byte prints its first 8 elements as "[104, 105]", then "..." if more.
void format_slice(std::string& out, const RType* t, const Slot* s) {
  auto* ptr = reinterpret_cast<const uint8_t*>(s[0]);
  int64_t len = static_cast<int64_t>(s[1]);
  if (len == 0) {
    out += "[]";
    return;
  }
  if (t->elem && t->elem->kind == Kind::Uint8) {
    out += '[';
    for (int64_t i = 0; i < len && i < 8; ++i) {
      if (i) out += ", ";
      format_uint(out, ptr[i]);
    }
    out += ']';
    if (len > 8) out += "...";
    return;
  }
  out += "[len=";
  format_int(out, len);
  out += ']';
}

}  // namespace

void set_error_formatter(ErrorFormatter f) { g_error_formatter.store(f, std::memory_order_release); }

void format_float(std::string& out, double v) { format_floating(out, v); }
void format_float32(std::string& out, float v) { format_floating(out, v); }

void format_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void format_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void format_iface(std::string& out, const void* type_word, Slot data) {
  if (ErrorFormatter f = g_error_formatter.load(std::memory_order_acquire))
    if (f(out, type_word, data)) return;
  const RType* t = dynamic_type(type_word);
  if (!t) {
    out += "<nil>";
    return;
  }
  const Slot* boxed = reinterpret_cast<const Slot*>(data);
  switch (t->kind) {
    case Kind::Bool: out += data ? "true" : "false"; break;
    case Kind::Int: case Kind::Int64: format_int(out, static_cast<int64_t>(data)); break;
    case Kind::Int8: format_int(out, static_cast<int8_t>(data)); break;
    case Kind::Int16: format_int(out, static_cast<int16_t>(data)); break;
    case Kind::Int32: format_int(out, static_cast<int32_t>(data)); break;
    case Kind::Uint: case Kind::Uint64: format_uint(out, data); break;
    case Kind::Uint8: format_uint(out, static_cast<uint8_t>(data)); break;
    case Kind::Uint16: format_uint(out, static_cast<uint16_t>(data)); break;
    case Kind::Uint32: format_uint(out, static_cast<uint32_t>(data)); break;
    case Kind::Float32: format_float32(out, static_cast<float>(std::bit_cast<double>(data))); break;
    case Kind::Float64: format_float(out, std::bit_cast<double>(data)); break;
    case Kind::String:
      if (boxed && boxed[1]) out.append(reinterpret_cast<const char*>(boxed[0]), static_cast<size_t>(boxed[1]));
      break;
    case Kind::Slice:
      if (boxed) format_slice(out, t, boxed); else out += "[]";
      break;
    case Kind::Array: out += "[...]"; break;
    case Kind::Struct: out += "{...}"; break;
    case Kind::Map: out += "map[...]"; break;
    case Kind::Island: out += "<island>"; break;
    case Kind::Pointer: case Kind::Func: case Kind::Chan: case Kind::Port: case Kind::Interface:
      format_hex(out, data);
      break;
  }
}

void format_value(std::string& out, const RType* t, const Slot* v) {
  format_iface(out, t, t->boxed ? reinterpret_cast<Slot>(v) : v[0]);
}

}  // namespace vo::rt
