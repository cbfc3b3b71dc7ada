// strconv-style quoting for %q, and UTF-8 helpers for the fmt engine.
#include "runtime/fmt_internal.h"
#include "runtime/strings.h"

namespace vo::rt::fmtimpl {
namespace {

constexpr char kLowerHex[] = "0123456789abcdef";

const uint8_t* bytes_of(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

bool valid_rune(int64_t r) { return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= 0x10FFFF); }

void append_hex(std::string& out, uint32_t v, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kLowerHex[(v >> shift) & 0xF];
}

// One rune inside a quoted literal delimited by `quote`.
void append_escaped_rune(std::string& out, int32_t r, char quote, bool ascii_only) {
  if (r == quote || r == '\\') {
    out += '\\';
    out += static_cast<char>(r);
    return;
  }
  // Printable runes are copied, except that ASCII-only quoting escapes
  // everything outside ASCII.
  if (is_print(r) && (!ascii_only || r < 0x80)) {
    append_rune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    append_hex(out, static_cast<uint32_t>(r), 2);
    return;
  }
  if (!valid_rune(r)) r = kRuneError;
  if (r < 0x10000) {
    out += "\\u";
    append_hex(out, static_cast<uint32_t>(r), 4);
  } else {
    out += "\\U";
    append_hex(out, static_cast<uint32_t>(r), 8);
  }
}

}  // namespace

void append_rune(std::string& out, int64_t r) {
  uint8_t buf[4];
  int n = encode_rune(r, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

int rune_count(std::string_view s) {
  int n = 0;
  const uint8_t* p = bytes_of(s);
  int64_t left = static_cast<int64_t>(s.size());
  while (left > 0) {
    int32_t r;
    int w = decode_rune(p, left, &r);
    p += w;
    left -= w;
    ++n;
  }
  return n;
}

void append_quote(std::string& out, std::string_view s, bool ascii_only) {
  out += '"';
  const uint8_t* p = bytes_of(s);
  int64_t left = static_cast<int64_t>(s.size());
  while (left > 0) {
    int32_t r;
    int w = decode_rune(p, left, &r);
    if (w == 1 && r == kRuneError) {
      // An invalid byte keeps its value as \xNN rather than becoming U+FFFD.
      out += "\\x";
      append_hex(out, p[0], 2);
    } else {
      append_escaped_rune(out, r, '"', ascii_only);
    }
    p += w;
    left -= w;
  }
  out += '"';
}

void append_quote_rune(std::string& out, int32_t r, bool ascii_only) {
  if (!valid_rune(r)) r = kRuneError;
  out += '\'';
  append_escaped_rune(out, r, '\'', ascii_only);
  out += '\'';
}

bool can_backquote(std::string_view s) {
  const uint8_t* p = bytes_of(s);
  int64_t left = static_cast<int64_t>(s.size());
  while (left > 0) {
    int32_t r;
    int w = decode_rune(p, left, &r);
    p += w;
    left -= w;
    if (w > 1) {
      // A byte order mark would be invisible inside backquotes.
      if (r == 0xFEFF) return false;
      continue;
    }
    if (r == kRuneError) return false;  // invalid UTF-8 cannot be written raw
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

}  // namespace vo::rt::fmtimpl
