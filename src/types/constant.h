// Exact compile-time constant values, in the manner of Go's go/constant.
// Integers are arbitrary-precision (GMP mpz), floats are exact rationals (GMP
// mpq) so that `4.0*PI*PI` folds exactly and is rounded to float64 once.
// Vo has no complex numbers.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "syntax/token.h"

namespace vo::types {

class Value {
 public:
  enum class Kind : uint8_t { Unknown, Bool, String, Int, Float };

  Value();  // Unknown
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
  ~Value();

  static Value make_unknown() { return Value(); }
  static Value make_bool(bool b);
  static Value make_string(std::string s);
  static Value make_int64(int64_t v);
  static Value make_uint64(uint64_t v);
  static Value make_float64(double v);  // exact value of v; NaN/Inf give Unknown
  // Parses a literal's source text (Int, Float, Char or String token as
  // written, including quotes, prefixes and `_` separators). Returns Unknown
  // and sets *err (if given) when the literal is malformed.
  static Value make_from_literal(syntax::Tok tok, std::string_view text, std::string* err = nullptr);

  Kind kind() const { return kind_; }
  bool is_unknown() const { return kind_ == Kind::Unknown; }
  bool is_numeric() const { return kind_ == Kind::Int || kind_ == Kind::Float; }

  bool bool_val() const;
  const std::string& string_val() const;

  // Int -> Int; Float with an integral value -> Int; otherwise Unknown.
  Value to_int() const;
  // Int or Float -> Float (exact); otherwise Unknown.
  Value to_float() const;

  // Exact integer extraction (for Int, or Float with an integral value).
  std::optional<int64_t> int64_val() const;
  std::optional<uint64_t> uint64_val() const;
  // Nearest float64/float32 (round half to even); +-Inf when out of range.
  double float64_val() const;
  float float32_val() const;

  // Representability (Go spec "Representability").
  bool fits_int(int bits, bool is_unsigned) const;  // Int or integral Float
  // Rounds a numeric constant to float32/float64 precision. Returns Unknown if
  // the rounded value overflows (is infinite).
  Value round_float32() const;
  Value round_float64() const;

  int sign() const;  // -1, 0, 1 for numeric values

  // Display for messages: ints in decimal, floats as Go's %g-like shortest
  // form (e.g. "1e+100", "0.1"), strings quoted, bools true/false.
  std::string str() const;

  bool operator==(const Value& o) const;  // exact equality of kind and value

 private:
  struct Rep;
  Kind kind_ = Kind::Unknown;
  std::unique_ptr<Rep> rep_;
  friend Value binary_op(const Value&, syntax::Tok, const Value&, bool);
  friend Value unary_op(syntax::Tok, const Value&, int, bool);
  friend Value shift_op(const Value&, syntax::Tok, uint64_t);
  friend bool compare(const Value&, syntax::Tok, const Value&);
};

// x op y for + - * / % & | ^ &^ && || on matching kinds (Int op Int, Float op
// Float after the caller has converted both to a common kind; String + String).
// When `int_div` is true and both operands are Int, Quo truncates toward zero;
// otherwise Quo on Ints is exact (result Float). Division by zero returns
// Unknown (the caller reports "division by zero").
Value binary_op(const Value& x, syntax::Tok op, const Value& y, bool int_div);

// Unary + - ^ !. For ^ on an unsigned typed constant pass its bit size in
// `unsigned_bits` (then ^x is x XOR all-ones of that width) and is_unsigned.
Value unary_op(syntax::Tok op, const Value& x, int unsigned_bits, bool is_unsigned);

// x << s or x >> s for an Int x (Shl, Shr). Returns Unknown if s is too big
// (> 100000) to compute.
Value shift_op(const Value& x, syntax::Tok op, uint64_t s);

// x op y for == != < <= > >= on matching kinds.
bool compare(const Value& x, syntax::Tok op, const Value& y);

}  // namespace vo::types
