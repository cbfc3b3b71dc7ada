// Unicode character properties with Go's unicode semantics (Unicode 16.0.0):
// general categories, white space, simple case mapping and folding. Shared by
// the natives of packages unicode, strings and bytes.
#pragma once
#include <cstdint>

namespace vo::stdlib::uni {

// General categories, in the generator's order (gen_tables.mjs).
// clang-format off
enum GC : uint8_t {
  Lu, Ll, Lt, Lm, Lo, Mn, Mc, Me, Nd, Nl, No, Pc, Pd, Ps, Pe, Pi, Pf, Po,
  Sm, Sc, Sk, So, Zs, Zl, Zp, Cc, Cf, Cs, Co, Cn,
};
// clang-format on

inline constexpr int32_t kMaxRune = 0x10FFFF;
inline constexpr int32_t kReplacementChar = 0xFFFD;

extern const char* const kVersion;

// The general category of r (Cn for negative or too large values).
GC category(int32_t r);

inline bool is_letter_gc(GC c) { return c <= Lo; }
inline bool is_mark_gc(GC c) { return c >= Mn && c <= Me; }
inline bool is_number_gc(GC c) { return c >= Nd && c <= No; }
inline bool is_punct_gc(GC c) { return c >= Pc && c <= Po; }
inline bool is_symbol_gc(GC c) { return c >= Sm && c <= So; }

bool is_letter(int32_t r);
bool is_digit(int32_t r);
bool is_number(int32_t r);
bool is_upper(int32_t r);
bool is_lower(int32_t r);
bool is_title(int32_t r);
bool is_punct(int32_t r);
bool is_mark(int32_t r);
bool is_symbol(int32_t r);
bool is_control(int32_t r);  // Go: only C0/C1 controls (r <= U+00FF)
bool is_graphic(int32_t r);  // L, M, N, P, S, Zs
bool is_print(int32_t r);    // L, M, N, P, S and U+0020
bool is_space(int32_t r);    // Go's IsSpace: Latin-1 set, else White_Space

int32_t to_upper(int32_t r);
int32_t to_lower(int32_t r);
int32_t to_title(int32_t r);
// The next rune of r's simple case-folding orbit (Go's SimpleFold).
int32_t simple_fold(int32_t r);

}  // namespace vo::stdlib::uni
