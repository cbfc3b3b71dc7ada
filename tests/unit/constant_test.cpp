// Tests for exact compile-time constants (src/types/constant.h).
#include "types/constant.h"

#include <gtest/gtest.h>

#include <bit>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

namespace vo::types {

// Lets GoogleTest show values readably in failure messages (found by ADL).
void PrintTo(const Value& v, std::ostream* os) { *os << v.str(); }

namespace {

using syntax::Tok;
using Kind = Value::Kind;

Value lit(Tok tok, std::string_view text) {
  std::string err;
  Value v = Value::make_from_literal(tok, text, &err);
  EXPECT_FALSE(v.is_unknown()) << text << ": " << err;
  EXPECT_TRUE(err.empty()) << text << ": " << err;
  return v;
}
Value int_lit(std::string_view t) { return lit(Tok::Int, t); }
Value float_lit(std::string_view t) { return lit(Tok::Float, t); }

// Expects the literal to be rejected with a non-empty message; returns it.
std::string bad(Tok tok, std::string_view text) {
  std::string err;
  Value v = Value::make_from_literal(tok, text, &err);
  EXPECT_TRUE(v.is_unknown()) << text << " was accepted as " << v.str();
  EXPECT_FALSE(err.empty()) << text;
  return err;
}

int64_t i64(const Value& v) {
  auto r = v.int64_val();
  EXPECT_TRUE(r.has_value()) << v.str();
  return r.value_or(0);
}

// Literals have no sign; a negative constant is a negation.
Value neg(const Value& v) { return unary_op(Tok::Sub, v, 0, false); }

Value I(int64_t v) { return Value::make_int64(v); }
Value bin(const Value& x, Tok op, const Value& y, bool int_div = true) { return binary_op(x, op, y, int_div); }
// The exact rational p/q as a Float.
Value ratio(int64_t p, int64_t q) { return bin(I(p), Tok::Quo, I(q), /*int_div=*/false); }

uint64_t bits_of(double d) { return std::bit_cast<uint64_t>(d); }
uint32_t bits_of(float f) { return std::bit_cast<uint32_t>(f); }

// ---------------------------------------------------------------------------
// Integer literals

TEST(ConstantLiteral, IntegerForms) {
  EXPECT_EQ(i64(int_lit("0")), 0);
  EXPECT_EQ(i64(int_lit("42")), 42);
  EXPECT_EQ(i64(int_lit("0x2A")), 42);
  EXPECT_EQ(i64(int_lit("0X2a")), 42);
  EXPECT_EQ(i64(int_lit("0o52")), 42);
  EXPECT_EQ(i64(int_lit("0O52")), 42);
  EXPECT_EQ(i64(int_lit("052")), 42);  // legacy octal
  EXPECT_EQ(i64(int_lit("0644")), 420);
  EXPECT_EQ(i64(int_lit("00")), 0);
  EXPECT_EQ(i64(int_lit("0b101010")), 42);
  EXPECT_EQ(i64(int_lit("0B1")), 1);
  EXPECT_EQ(int_lit("7").kind(), Kind::Int);
}

TEST(ConstantLiteral, IntegerSeparators) {
  EXPECT_EQ(i64(int_lit("1_000_000")), 1000000);
  EXPECT_EQ(i64(int_lit("0x_FF")), 255);  // after a base prefix
  EXPECT_EQ(i64(int_lit("0xF_F")), 255);
  EXPECT_EQ(i64(int_lit("0b_1_0")), 2);
  EXPECT_EQ(i64(int_lit("0o_7")), 7);
  EXPECT_EQ(i64(int_lit("0_7")), 7);  // legacy octal: the 0 counts as a digit
}

TEST(ConstantLiteral, BigInteger) {
  Value v = int_lit("123456789012345678901234567890");
  EXPECT_EQ(v.str(), "123456789012345678901234567890");
  EXPECT_FALSE(v.int64_val().has_value());
  EXPECT_EQ(int_lit("0xFFFFFFFFFFFFFFFF").uint64_val(), std::numeric_limits<uint64_t>::max());
}

TEST(ConstantLiteral, MalformedIntegers) {
  EXPECT_NE(bad(Tok::Int, "08").find("invalid digit '8' in octal literal"), std::string::npos);
  bad(Tok::Int, "09");
  bad(Tok::Int, "0779");
  EXPECT_NE(bad(Tok::Int, "0b102").find("binary"), std::string::npos);
  bad(Tok::Int, "0o8");
  EXPECT_NE(bad(Tok::Int, "0x").find("no digits"), std::string::npos);
  bad(Tok::Int, "0b");
  bad(Tok::Int, "0o");
  EXPECT_NE(bad(Tok::Int, "1__0").find("'_'"), std::string::npos);
  bad(Tok::Int, "1_");
  bad(Tok::Int, "_1");
  bad(Tok::Int, "0x_");
  bad(Tok::Int, "0_x1");
  bad(Tok::Int, "12a");
  bad(Tok::Int, "1.5");  // a float is not an Int literal
  bad(Tok::Int, "1e3");
  bad(Tok::Int, "3i");  // no complex numbers in Vo
  bad(Tok::Int, "");
}

// ---------------------------------------------------------------------------
// Float literals

TEST(ConstantLiteral, DecimalFloats) {
  EXPECT_EQ(float_lit("1.5"), ratio(3, 2));
  EXPECT_EQ(float_lit("1."), ratio(1, 1));
  EXPECT_EQ(float_lit(".5"), ratio(1, 2));
  EXPECT_EQ(float_lit("1e3"), ratio(1000, 1));
  EXPECT_EQ(float_lit("1E-3"), ratio(1, 1000));
  EXPECT_EQ(float_lit("2.5e+2"), ratio(250, 1));
  EXPECT_EQ(float_lit("1_000.000_1"), ratio(10000001, 10000));
  EXPECT_EQ(float_lit("1e1_0"), ratio(10000000000, 1));
  EXPECT_EQ(float_lit("0123.5"), ratio(247, 2));  // leading 0 is decimal in floats
  EXPECT_EQ(float_lit("089e1"), ratio(890, 1));
  EXPECT_EQ(float_lit("0.1"), ratio(1, 10));  // exact, not the binary64 0.1
  EXPECT_EQ(float_lit("1.5").kind(), Kind::Float);
  EXPECT_EQ(float_lit("3.0").kind(), Kind::Float);
}

TEST(ConstantLiteral, HexFloats) {
  EXPECT_EQ(float_lit("0x1p-2"), ratio(1, 4));
  EXPECT_EQ(float_lit("0x1.8p1"), ratio(3, 1));
  EXPECT_EQ(float_lit("0X.8P1"), ratio(1, 1));
  EXPECT_EQ(float_lit("0x1.p4"), ratio(16, 1));
  EXPECT_EQ(float_lit("0x_1p4"), ratio(16, 1));
  EXPECT_EQ(float_lit("0x1_0p0"), ratio(16, 1));
  EXPECT_EQ(float_lit("0x1e2p0"), ratio(0x1e2, 1));  // e is a hex digit
  EXPECT_EQ(float_lit("0x1p+3"), ratio(8, 1));
}

TEST(ConstantLiteral, MalformedFloats) {
  EXPECT_NE(bad(Tok::Float, "0x1.8").find("'p' exponent"), std::string::npos);
  bad(Tok::Float, "0x.8");
  EXPECT_NE(bad(Tok::Float, "1e").find("exponent has no digits"), std::string::npos);
  bad(Tok::Float, "1e+");
  bad(Tok::Float, "0x1p");
  bad(Tok::Float, "0x1p-");
  bad(Tok::Float, "1._5");
  bad(Tok::Float, "1_.5");
  bad(Tok::Float, "1e_5");
  bad(Tok::Float, "1_e5");
  bad(Tok::Float, "0x1_p2");
  bad(Tok::Float, "0b1.1");
  bad(Tok::Float, "0o1.0");
  bad(Tok::Float, "0x.p1");
  EXPECT_NE(bad(Tok::Float, "1p5").find("hexadecimal mantissa"), std::string::npos);
  bad(Tok::Float, "1.5i");
  bad(Tok::Float, ".");
  bad(Tok::Float, "1.2.3");
  bad(Tok::Float, "1e5x");
}

TEST(ConstantLiteral, HugeExponentsDoNotHang) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(bad(Tok::Float, "1e1000000"), "constant too large");
  EXPECT_EQ(bad(Tok::Float, "1e99999999999999999999999999"), "constant too large");
  bad(Tok::Float, "1e-1000000");
  bad(Tok::Float, "0x1p1000000");
  bad(Tok::Float, "0x1p-99999999999999999999");
  EXPECT_EQ(float_lit("0e1000000"), ratio(0, 1));  // zero is zero at any scale
  // The bound is on the value's magnitude, not on the written exponent.
  EXPECT_EQ(float_lit("1e100000"), bin(float_lit("0.1e100001"), Tok::Mul, I(1)));
  float_lit("1e-100000");
  float_lit("0.00001e100004");
  bad(Tok::Float, "1e100001");
  bad(Tok::Float, "10e100000");
  bad(Tok::Float, "1e-100001");
  float_lit("0x1p332200");
  bad(Tok::Float, "0x1p332201");
  // Large but within bounds: exact, then rounds to +Inf / 0 as float64.
  Value big = float_lit("1e5000");
  EXPECT_TRUE(std::isinf(big.float64_val()));
  EXPECT_TRUE(big.round_float64().is_unknown());
  EXPECT_EQ(big.str(), "1e+5000");
  Value tiny = float_lit("1e-5000");
  EXPECT_EQ(tiny.float64_val(), 0.0);
  EXPECT_EQ(tiny.sign(), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// ---------------------------------------------------------------------------
// Rune literals

TEST(ConstantLiteral, Runes) {
  EXPECT_EQ(i64(lit(Tok::Char, "'a'")), 'a');
  EXPECT_EQ(i64(lit(Tok::Char, "'\\n'")), '\n');
  EXPECT_EQ(i64(lit(Tok::Char, "'\\a'")), 7);
  EXPECT_EQ(i64(lit(Tok::Char, "'\\x41'")), 0x41);
  EXPECT_EQ(i64(lit(Tok::Char, "'\\xff'")), 0xff);
  EXPECT_EQ(i64(lit(Tok::Char, "'\\u00e9'")), 0xe9);
  EXPECT_EQ(i64(lit(Tok::Char, "'\\U0001F600'")), 0x1F600);
  EXPECT_EQ(i64(lit(Tok::Char, "'\\101'")), 65);
  EXPECT_EQ(i64(lit(Tok::Char, "'\\377'")), 255);
  EXPECT_EQ(i64(lit(Tok::Char, "'\\''")), '\'');
  EXPECT_EQ(i64(lit(Tok::Char, "'\\\\'")), '\\');
  EXPECT_EQ(i64(lit(Tok::Char, "'\xc3\xa9'")), 0xe9);              // é as UTF-8
  EXPECT_EQ(i64(lit(Tok::Char, "'\xf0\x9f\x98\x80'")), 0x1F600);  // 😀
  EXPECT_EQ(lit(Tok::Char, "'a'").kind(), Kind::Int);
}

TEST(ConstantLiteral, MalformedRunes) {
  bad(Tok::Char, "''");
  bad(Tok::Char, "'''");
  EXPECT_NE(bad(Tok::Char, "'ab'").find("more than one character"), std::string::npos);
  EXPECT_NE(bad(Tok::Char, "'\\q'").find("unknown escape"), std::string::npos);
  bad(Tok::Char, "'\\\"'");  // \" is only valid in strings
  EXPECT_NE(bad(Tok::Char, "'\\400'").find("> 255"), std::string::npos);
  bad(Tok::Char, "'\\12'");
  bad(Tok::Char, "'\\x4'");
  bad(Tok::Char, "'\\u12'");
  bad(Tok::Char, "'\\uD800'");  // surrogate
  bad(Tok::Char, "'\\U00110000'");
  bad(Tok::Char, "'\\'");
  bad(Tok::Char, "'\xff'");  // invalid UTF-8
  bad(Tok::Char, "'a");
}

// ---------------------------------------------------------------------------
// String literals

TEST(ConstantLiteral, InterpretedStrings) {
  EXPECT_EQ(lit(Tok::String, "\"hello\"").string_val(), "hello");
  EXPECT_EQ(lit(Tok::String, "\"\"").string_val(), "");
  EXPECT_EQ(lit(Tok::String, "\"a\\tb\\n\"").string_val(), "a\tb\n");
  EXPECT_EQ(lit(Tok::String, "\"\\a\\b\\f\\r\\v\\\\\\\"\"").string_val(), "\a\b\f\r\v\\\"");
  EXPECT_EQ(lit(Tok::String, "\"\\u00e9\"").string_val(), "\xc3\xa9");
  EXPECT_EQ(lit(Tok::String, "\"\\U0001F600\"").string_val(), "\xf0\x9f\x98\x80");
  // \x and octal escapes are bytes, which may well be invalid UTF-8.
  EXPECT_EQ(lit(Tok::String, "\"\\xff\\xfe\"").string_val(), "\xff\xfe");
  EXPECT_EQ(lit(Tok::String, "\"\\377\\101\"").string_val(), "\xff" "A");
  EXPECT_EQ(lit(Tok::String, "\"\\x00\"").string_val(), std::string(1, '\0'));
  EXPECT_EQ(lit(Tok::String, "\"h\xc3\xa9\"").string_val(), "h\xc3\xa9");
  EXPECT_EQ(lit(Tok::String, "\"x\"").kind(), Kind::String);
}

TEST(ConstantLiteral, RawStrings) {
  EXPECT_EQ(lit(Tok::String, "`raw\\n`").string_val(), "raw\\n");
  EXPECT_EQ(lit(Tok::String, "`a\r\nb\r`").string_val(), "a\nb");  // \r dropped
  EXPECT_EQ(lit(Tok::String, "`\"q\"`").string_val(), "\"q\"");
  EXPECT_EQ(lit(Tok::String, "``").string_val(), "");
}

TEST(ConstantLiteral, MalformedStrings) {
  bad(Tok::String, "\"\\'\"");  // \' is only valid in runes
  bad(Tok::String, "\"a\"b\"");
  bad(Tok::String, "\"abc");
  bad(Tok::String, "\"\\\"");  // the closing quote is escaped
  bad(Tok::String, "\"\\400\"");
  bad(Tok::String, "\"\\uDFFF\"");
  bad(Tok::String, "\"\\z\"");
  bad(Tok::String, "\"a\nb\"");
  bad(Tok::String, "\"\xc3\"");  // truncated UTF-8 in the source
  bad(Tok::String, "`a`b`");
  bad(Tok::String, "abc");
  bad(Tok::String, "\"");
}

TEST(ConstantLiteral, NonLiteralToken) { bad(Tok::Ident, "x"); }

// ---------------------------------------------------------------------------
// Exact folding

TEST(ConstantFold, ShiftsAreExact) {
  Value big = shift_op(I(1), Tok::Shl, 100);
  EXPECT_EQ(big.str(), "1267650600228229401496703205376");
  EXPECT_EQ(shift_op(big, Tok::Shr, 98), I(4));
  EXPECT_EQ(bin(I(1), Tok::Shl, I(3)), I(8));  // binary_op forwards shifts
  EXPECT_EQ(shift_op(I(-5), Tok::Shr, 1), I(-3));  // floor, like big.Int.Rsh
  EXPECT_EQ(shift_op(I(-1), Tok::Shr, 1000), I(-1));
  EXPECT_EQ(shift_op(I(5), Tok::Shr, std::numeric_limits<uint64_t>::max()), I(0));
  EXPECT_EQ(shift_op(I(-5), Tok::Shr, std::numeric_limits<uint64_t>::max()), I(-1));
  EXPECT_TRUE(shift_op(I(1), Tok::Shl, 200000).is_unknown());
  EXPECT_EQ(shift_op(I(0), Tok::Shl, 200000), I(0));
  EXPECT_EQ(shift_op(float_lit("2.0"), Tok::Shl, 2), I(8));  // untyped 2.0 << 2
  EXPECT_TRUE(shift_op(float_lit("2.5"), Tok::Shl, 2).is_unknown());
  EXPECT_TRUE(shift_op(I(1), Tok::Add, 2).is_unknown());
}

TEST(ConstantFold, DecimalFractionsAreExact) {
  Value sum = bin(float_lit("0.1"), Tok::Add, float_lit("0.2"));
  EXPECT_EQ(sum, float_lit("0.3"));
  EXPECT_TRUE(compare(sum, Tok::Eql, float_lit("0.3")));
  EXPECT_EQ(sum.float64_val(), 0.3);  // not 0.30000000000000004
  EXPECT_EQ(bin(bin(I(1), Tok::Quo, I(3), false), Tok::Mul, I(3)), ratio(1, 1));
}

// PI as written in Go's math package (more digits than a float64 holds).
constexpr const char* kPi = "3.14159265358979323846264338327950288419716939937510582097494459";

// Expected bit patterns were computed outside this code base with Python's
// fractions.Fraction (exact rational arithmetic on the decimal literal) and
// float(Fraction), which rounds correctly to nearest-even, e.g.
//   float(4 * Fraction(PI) * Fraction(PI)).hex()
// Go folds the same exact expression and rounds once, so it gets these bits.
TEST(ConstantFold, PiExpressionsRoundOnce) {
  Value pi = float_lit(kPi);
  Value four = float_lit("4.0");
  Value e1 = bin(bin(four, Tok::Mul, pi), Tok::Mul, pi);
  EXPECT_EQ(bits_of(e1.float64_val()), 0x4043bd3cc9be45deULL);  // 39.47841760435743

  // PI*PI*PI distinguishes exact folding from float64 evaluation: rounding
  // after every step gives 31.006276680299816 (0x403f019b59389d7b).
  Value e2 = bin(bin(pi, Tok::Mul, pi), Tok::Mul, pi);
  EXPECT_EQ(bits_of(e2.float64_val()), 0x403f019b59389d7cULL);  // 31.00627668029982
  double pd = pi.float64_val();
  EXPECT_EQ(pd, M_PI);
  EXPECT_NE(e2.float64_val(), pd * pd * pd);
}

TEST(ConstantFold, IntegerDivisionTruncates) {
  EXPECT_EQ(bin(I(7), Tok::Quo, I(2)), I(3));
  EXPECT_EQ(bin(I(-7), Tok::Quo, I(2)), I(-3));
  EXPECT_EQ(bin(I(7), Tok::Quo, I(-2)), I(-3));
  EXPECT_EQ(bin(I(-7), Tok::Quo, I(-2)), I(3));
  EXPECT_EQ(bin(I(7), Tok::Rem, I(2)), I(1));
  EXPECT_EQ(bin(I(-7), Tok::Rem, I(2)), I(-1));  // sign of the dividend
  EXPECT_EQ(bin(I(7), Tok::Rem, I(-2)), I(1));
  EXPECT_EQ(bin(I(7), Tok::Quo, I(2), false), ratio(7, 2));  // untyped exact quotient
  EXPECT_EQ(bin(I(7), Tok::Quo, I(2), false).kind(), Kind::Float);
}

TEST(ConstantFold, RunawayGrowthIsUnknown) {
  // Squaring 10^100000 four times would give 10^1600000, past the bound.
  Value v = float_lit("1e100000");
  for (int k = 0; k < 3; k++) v = bin(v, Tok::Mul, v);
  ASSERT_FALSE(v.is_unknown());
  EXPECT_TRUE(bin(v, Tok::Mul, v).is_unknown());
  Value i = shift_op(I(1), Tok::Shl, 100000);
  for (int k = 0; k < 5; k++) i = bin(i, Tok::Mul, i);  // 2^3200000
  ASSERT_FALSE(i.is_unknown());
  EXPECT_TRUE(bin(i, Tok::Mul, i).is_unknown());
}

TEST(ConstantFold, DivisionByZeroIsUnknown) {
  EXPECT_TRUE(bin(I(1), Tok::Quo, I(0)).is_unknown());
  EXPECT_TRUE(bin(I(1), Tok::Rem, I(0)).is_unknown());
  EXPECT_TRUE(bin(I(1), Tok::Quo, I(0), false).is_unknown());
  EXPECT_TRUE(bin(float_lit("1.5"), Tok::Quo, float_lit("0.0")).is_unknown());
}

TEST(ConstantFold, IntegerArithmeticAndBits) {
  EXPECT_EQ(bin(I(2), Tok::Add, I(3)), I(5));
  EXPECT_EQ(bin(I(2), Tok::Sub, I(3)), I(-1));
  EXPECT_EQ(bin(I(6), Tok::Mul, I(7)), I(42));
  EXPECT_EQ(bin(I(6), Tok::And, I(3)), I(2));
  EXPECT_EQ(bin(I(6), Tok::Or, I(3)), I(7));
  EXPECT_EQ(bin(I(6), Tok::Xor, I(3)), I(5));
  EXPECT_EQ(bin(I(6), Tok::AndNot, I(3)), I(4));
  // Negative operands behave as infinite two's complement.
  EXPECT_EQ(bin(I(-1), Tok::AndNot, I(1)), I(-2));
  EXPECT_EQ(bin(I(-6), Tok::And, I(0xff)), I(250));
  EXPECT_EQ(bin(I(-6), Tok::Or, I(1)), I(-5));
  // Int64 overflow is no concern for constants.
  Value max = I(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(bin(max, Tok::Add, I(1)).str(), "9223372036854775808");
  EXPECT_TRUE(bin(float_lit("1.5"), Tok::Rem, float_lit("1.0")).is_unknown());
  EXPECT_TRUE(bin(float_lit("1.5"), Tok::And, float_lit("1.0")).is_unknown());
}

TEST(ConstantFold, FloatArithmetic) {
  Value a = float_lit("1.5"), b = float_lit("0.25");
  EXPECT_EQ(bin(a, Tok::Add, b), ratio(7, 4));
  EXPECT_EQ(bin(a, Tok::Sub, b), ratio(5, 4));
  EXPECT_EQ(bin(a, Tok::Mul, b), ratio(3, 8));
  EXPECT_EQ(bin(a, Tok::Quo, b), ratio(6, 1));
  EXPECT_EQ(bin(a, Tok::Add, I(1)), ratio(5, 2));  // Int is promoted
  EXPECT_EQ(bin(neg(float_lit("0.5")), Tok::Add, float_lit("0.5")).sign(), 0);
}

TEST(ConstantFold, StringsAndBools) {
  Value ab = bin(Value::make_string("ab"), Tok::Add, Value::make_string("cd"));
  EXPECT_EQ(ab.string_val(), "abcd");
  EXPECT_TRUE(bin(Value::make_string("a"), Tok::Sub, Value::make_string("b")).is_unknown());
  Value t = Value::make_bool(true), f = Value::make_bool(false);
  EXPECT_EQ(bin(t, Tok::LAnd, f), f);
  EXPECT_EQ(bin(t, Tok::LOr, f), t);
  EXPECT_EQ(bin(f, Tok::LOr, f), f);
  EXPECT_TRUE(bin(t, Tok::Add, f).is_unknown());
}

TEST(ConstantFold, MismatchedOrUnknownOperands) {
  EXPECT_TRUE(bin(I(1), Tok::Add, Value()).is_unknown());
  EXPECT_TRUE(bin(Value(), Tok::Add, I(1)).is_unknown());
  EXPECT_TRUE(bin(I(1), Tok::Add, Value::make_string("x")).is_unknown());
  EXPECT_TRUE(bin(Value::make_bool(true), Tok::LAnd, I(1)).is_unknown());
  EXPECT_FALSE(compare(Value(), Tok::Eql, Value()));
  EXPECT_FALSE(compare(I(1), Tok::Eql, Value::make_string("1")));
}

TEST(ConstantFold, Unary) {
  EXPECT_EQ(unary_op(Tok::Sub, I(5), 0, false), I(-5));
  EXPECT_EQ(unary_op(Tok::Sub, float_lit("2.5"), 0, false), neg(float_lit("2.5")));
  EXPECT_EQ(unary_op(Tok::Add, I(5), 0, false), I(5));
  EXPECT_EQ(unary_op(Tok::Xor, I(5), 0, false), I(-6));     // untyped: -x-1
  EXPECT_EQ(unary_op(Tok::Xor, I(-1), 64, false), I(0));    // signed: -x-1
  EXPECT_EQ(unary_op(Tok::Xor, I(5), 8, true), I(250));     // uint8
  EXPECT_EQ(unary_op(Tok::Xor, I(0), 64, true).uint64_val(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(unary_op(Tok::Not, Value::make_bool(true), 0, false), Value::make_bool(false));
  EXPECT_TRUE(unary_op(Tok::Not, I(1), 0, false).is_unknown());
  EXPECT_TRUE(unary_op(Tok::Xor, float_lit("1.5"), 0, false).is_unknown());
  EXPECT_TRUE(unary_op(Tok::Sub, Value::make_string("x"), 0, false).is_unknown());
  // -0.0 is +0 for constants.
  Value nz = unary_op(Tok::Sub, float_lit("0.0"), 0, false);
  EXPECT_EQ(nz.sign(), 0);
  EXPECT_FALSE(std::signbit(nz.float64_val()));
}

// ---------------------------------------------------------------------------
// Comparison

TEST(ConstantCompare, Numbers) {
  EXPECT_TRUE(compare(I(1), Tok::Lss, I(2)));
  EXPECT_TRUE(compare(I(2), Tok::Leq, I(2)));
  EXPECT_TRUE(compare(I(3), Tok::Gtr, I(2)));
  EXPECT_TRUE(compare(I(2), Tok::Geq, I(2)));
  EXPECT_TRUE(compare(I(2), Tok::Neq, I(3)));
  EXPECT_FALSE(compare(I(2), Tok::Eql, I(3)));
  EXPECT_TRUE(compare(float_lit("0.1"), Tok::Lss, float_lit("0.10000000000000000001")));
  EXPECT_TRUE(compare(I(1), Tok::Eql, float_lit("1.0")));  // mixed kinds compare by value
  EXPECT_TRUE(compare(ratio(1, 3), Tok::Lss, float_lit("0.3333333333333333333333334")));
  EXPECT_FALSE(compare(I(1), Tok::Add, I(1)));
}

TEST(ConstantCompare, StringsAndBools) {
  Value a = Value::make_string("a"), b = Value::make_string("b");
  EXPECT_TRUE(compare(a, Tok::Lss, b));
  EXPECT_TRUE(compare(b, Tok::Geq, a));
  EXPECT_TRUE(compare(Value::make_string("abc"), Tok::Eql, Value::make_string("abc")));
  EXPECT_TRUE(compare(Value::make_string("ab"), Tok::Lss, Value::make_string("abc")));
  // Bytewise, unsigned: 0xff sorts after ASCII.
  EXPECT_TRUE(compare(Value::make_string("\xff"), Tok::Gtr, a));
  Value t = Value::make_bool(true), f = Value::make_bool(false);
  EXPECT_TRUE(compare(t, Tok::Eql, t));
  EXPECT_TRUE(compare(t, Tok::Neq, f));
  EXPECT_FALSE(compare(t, Tok::Lss, f));
}

// ---------------------------------------------------------------------------
// Representability and extraction

TEST(ConstantRange, FitsInt) {
  EXPECT_TRUE(I(127).fits_int(8, false));
  EXPECT_FALSE(I(128).fits_int(8, false));
  EXPECT_TRUE(I(-128).fits_int(8, false));
  EXPECT_FALSE(I(-129).fits_int(8, false));
  EXPECT_TRUE(I(255).fits_int(8, true));
  EXPECT_FALSE(I(256).fits_int(8, true));
  EXPECT_FALSE(I(-1).fits_int(64, true));  // -1 is not an unsigned value
  EXPECT_TRUE(I(0).fits_int(1, true));
  Value u64max = Value::make_uint64(std::numeric_limits<uint64_t>::max());
  EXPECT_TRUE(u64max.fits_int(64, true));
  EXPECT_FALSE(u64max.fits_int(64, false));
  EXPECT_FALSE(bin(u64max, Tok::Add, I(1)).fits_int(64, true));
  EXPECT_TRUE(I(std::numeric_limits<int64_t>::min()).fits_int(64, false));
  EXPECT_FALSE(bin(I(std::numeric_limits<int64_t>::min()), Tok::Sub, I(1)).fits_int(64, false));
  EXPECT_TRUE(float_lit("3.0").fits_int(8, false));  // integral Float
  EXPECT_FALSE(float_lit("2.5").fits_int(64, false));
  EXPECT_FALSE(Value::make_string("1").fits_int(64, false));
  EXPECT_FALSE(Value().fits_int(64, false));
}

TEST(ConstantRange, Int64AndUint64Values) {
  EXPECT_EQ(I(std::numeric_limits<int64_t>::min()).int64_val(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(I(std::numeric_limits<int64_t>::max()).int64_val(), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(Value::make_uint64(uint64_t{1} << 63).int64_val().has_value());
  EXPECT_EQ(Value::make_uint64(uint64_t{1} << 63).uint64_val(), uint64_t{1} << 63);
  EXPECT_FALSE(I(-1).uint64_val().has_value());
  EXPECT_EQ(I(0).uint64_val(), 0u);
  EXPECT_EQ(float_lit("3.0").int64_val(), 3);
  EXPECT_FALSE(float_lit("2.5").int64_val().has_value());
  EXPECT_FALSE(Value::make_bool(true).int64_val().has_value());
}

TEST(ConstantRange, Conversions) {
  EXPECT_EQ(float_lit("3.0").to_int(), I(3));
  EXPECT_EQ(float_lit("3.0").to_int().kind(), Kind::Int);
  EXPECT_TRUE(float_lit("2.5").to_int().is_unknown());
  EXPECT_EQ(I(3).to_float(), float_lit("3.0"));
  EXPECT_EQ(I(3).to_float().kind(), Kind::Float);
  EXPECT_TRUE(Value::make_string("x").to_float().is_unknown());
  EXPECT_TRUE(Value::make_bool(true).to_int().is_unknown());
}

// ---------------------------------------------------------------------------
// Rounding to float64 / float32

TEST(ConstantRound, Float64TiesAndSubnormals) {
  // 1 + 2^-53 is halfway between 1 and its successor: ties to even -> 1.
  EXPECT_EQ(float_lit("0x1.00000000000008p0").float64_val(), 1.0);
  // 1 + 3*2^-53 is halfway between 1+2^-52 and 1+2^-51: even is 1+2^-51.
  EXPECT_EQ(float_lit("0x1.00000000000018p0").float64_val(), 1.0 + 0x1p-51);
  // Subnormals: 2^-1075 is half the smallest subnormal -> 0 (even);
  // 3*2^-1075 is halfway between 2^-1074 and 2^-1073 -> 2^-1073 (even).
  EXPECT_EQ(float_lit("0x1p-1075").float64_val(), 0.0);
  EXPECT_EQ(float_lit("0x3p-1075").float64_val(), 0x1p-1073);
  EXPECT_EQ(float_lit("0x1p-1074").float64_val(), 0x1p-1074);
  // Just above the halfway point must round up. A 53-bit rounding first
  // would land exactly on the tie and then round to 0 (double rounding).
  EXPECT_EQ(float_lit("0x1.0000000000000000000000001p-1075").float64_val(), 0x1p-1074);
  EXPECT_EQ(float_lit("4.9406564584124654e-324").float64_val(), 0x1p-1074);
  EXPECT_EQ(float_lit("2.2250738585072011e-308").float64_val(), std::strtod("2.2250738585072011e-308", nullptr));
  EXPECT_EQ(I(-1).float64_val(), -1.0);
  EXPECT_EQ(float_lit("1e-400").round_float64(), float_lit("0.0"));  // underflow is not an error
}

TEST(ConstantRound, Float64Overflow) {
  EXPECT_EQ(float_lit("0x1.fffffffffffffp1023").float64_val(), DBL_MAX);
  // Below DBL_MAX + half an ulp: rounds down to DBL_MAX.
  EXPECT_EQ(float_lit("0x1.fffffffffffff7ffffp1023").float64_val(), DBL_MAX);
  // Exactly halfway to 2^1024: ties to even overflows to +Inf.
  EXPECT_TRUE(std::isinf(float_lit("0x1.fffffffffffff8p1023").float64_val()));
  EXPECT_TRUE(float_lit("0x1.fffffffffffff8p1023").round_float64().is_unknown());
  EXPECT_FALSE(float_lit("0x1.fffffffffffff7ffffp1023").round_float64().is_unknown());
  EXPECT_EQ(unary_op(Tok::Sub, float_lit("1e309"), 0, false).float64_val(), -HUGE_VAL);
  Value big = shift_op(I(1), Tok::Shl, 1024);
  EXPECT_TRUE(std::isinf(big.float64_val()));
  EXPECT_TRUE(big.round_float64().is_unknown());
}

TEST(ConstantRound, Float32) {
  EXPECT_EQ(float_lit("0.1").float32_val(), 0.1f);
  EXPECT_EQ(float_lit("0.1").round_float32(), Value::make_float64(0.1f));
  EXPECT_EQ(float_lit("0.1").round_float32().kind(), Kind::Float);
  EXPECT_EQ(I(16777217).float32_val(), 16777216.0f);  // tie -> even
  EXPECT_EQ(I(16777219).float32_val(), 16777220.0f);  // tie -> even
  EXPECT_EQ(I(16777217).round_float32(), I(16777216).to_float());
  // Subnormal float32: 2^-150 is half of 2^-149 -> 0; 3*2^-150 -> 2^-148.
  EXPECT_EQ(float_lit("0x1p-150").float32_val(), 0.0f);
  EXPECT_EQ(float_lit("0x3p-150").float32_val(), 0x1p-148f);
  EXPECT_EQ(float_lit("0x1.000000001p-150").float32_val(), 0x1p-149f);
  EXPECT_EQ(float_lit("1e-45").float32_val(), 0x1p-149f);
  // A value that double rounding via float64 would get wrong: 1 + 2^-24 +
  // 2^-60 rounds to 1+2^-23 as float32, but to 1+2^-24 (a tie) as float64.
  EXPECT_EQ(float_lit("0x1.000001000000001p0").float32_val(), 1.0f + 0x1p-23f);
  // Overflow: FLT_MAX + half an ulp ties to even -> +Inf.
  EXPECT_EQ(float_lit("0x1.fffffep127").float32_val(), FLT_MAX);
  EXPECT_TRUE(std::isinf(float_lit("0x1.ffffffp127").float32_val()));
  EXPECT_EQ(float_lit("0x1.fffffefp127").float32_val(), FLT_MAX);
  EXPECT_TRUE(float_lit("3.5e38").round_float32().is_unknown());
  EXPECT_TRUE(std::isinf(float_lit("3.5e38").float32_val()));
  EXPECT_FALSE(float_lit("3.4e38").round_float32().is_unknown());
  EXPECT_FALSE(float_lit("3.5e38").round_float64().is_unknown());
  EXPECT_EQ(unary_op(Tok::Sub, float_lit("1e39"), 0, false).float32_val(), -HUGE_VALF);
  EXPECT_TRUE(Value::make_string("x").round_float32().is_unknown());
}

// glibc's strtod/strtof round correctly, so they are an independent oracle
// for many random literals, including subnormal and overflowing ones.
TEST(ConstantRound, AgreesWithStrtodOnRandomLiterals) {
  std::mt19937_64 rng(12345);
  auto digits = [&](int n) {
    std::string s;
    for (int k = 0; k < n; k++) s += static_cast<char>('0' + rng() % 10);
    return s;
  };
  for (int iter = 0; iter < 3000; iter++) {
    int exp_range = iter % 2 ? 700 : 90;
    std::string text = digits(1 + rng() % 25) + "." + digits(rng() % 25) + "e" +
                       std::to_string(static_cast<int>(rng() % exp_range) - exp_range / 2 - 10);
    Value v = float_lit(text);
    EXPECT_EQ(bits_of(v.float64_val()), bits_of(std::strtod(text.c_str(), nullptr))) << text;
    EXPECT_EQ(bits_of(v.float32_val()), bits_of(std::strtof(text.c_str(), nullptr))) << text;
  }
  for (int iter = 0; iter < 1000; iter++) {
    std::string hex = "0x1.";
    for (int k = 0, n = 1 + rng() % 20; k < n; k++) hex += "0123456789abcdef"[rng() % 16];
    hex += "p" + std::to_string(static_cast<int>(rng() % 2300) - 1150);
    Value v = float_lit(hex);
    EXPECT_EQ(bits_of(v.float64_val()), bits_of(std::strtod(hex.c_str(), nullptr))) << hex;
    EXPECT_EQ(bits_of(v.float32_val()), bits_of(std::strtof(hex.c_str(), nullptr))) << hex;
  }
}

// ---------------------------------------------------------------------------
// Construction, equality, copies

TEST(ConstantValue, MakeFloat64IsExact) {
  EXPECT_TRUE(Value::make_float64(NAN).is_unknown());
  EXPECT_TRUE(Value::make_float64(INFINITY).is_unknown());
  EXPECT_EQ(Value::make_float64(-0.0), Value::make_float64(0.0));
  EXPECT_EQ(Value::make_float64(0.5), ratio(1, 2));
  // The double 0.1 is not the constant 0.1, but is its float64 rounding.
  EXPECT_NE(Value::make_float64(0.1), float_lit("0.1"));
  EXPECT_EQ(float_lit("0.1").round_float64(), Value::make_float64(0.1));
  EXPECT_EQ(Value::make_float64(0x1p-1074).float64_val(), 0x1p-1074);
}

TEST(ConstantValue, EqualityIsExactOnKindAndValue) {
  EXPECT_EQ(Value(), Value());
  EXPECT_NE(I(1), float_lit("1.0"));  // kinds differ
  EXPECT_NE(I(1), I(2));
  EXPECT_EQ(Value::make_string("x"), Value::make_string("x"));
  EXPECT_NE(Value::make_string("x"), Value::make_bool(true));
  EXPECT_EQ(Value::make_uint64(5), I(5));
}

TEST(ConstantValue, CopyAndMove) {
  Value a = int_lit("123456789012345678901234567890");
  Value b = a;
  EXPECT_EQ(a, b);
  b = bin(b, Tok::Add, I(1));
  EXPECT_NE(a, b);  // deep copy
  Value c = std::move(b);
  EXPECT_TRUE(b.is_unknown());  // NOLINT(bugprone-use-after-move): documented
  EXPECT_EQ(c.str(), "123456789012345678901234567891");
  c = a;
  EXPECT_EQ(c, a);
  c = c;  // self-assignment
  EXPECT_EQ(c, a);
  Value s = Value::make_string("hi");
  s = float_lit("0.5");
  EXPECT_EQ(s.kind(), Kind::Float);
  EXPECT_EQ(Value::make_bool(true).bool_val(), true);
  EXPECT_EQ(I(1).string_val(), "");
}

TEST(ConstantValue, Sign) {
  EXPECT_EQ(I(-3).sign(), -1);
  EXPECT_EQ(I(0).sign(), 0);
  EXPECT_EQ(float_lit("0.001").sign(), 1);
  EXPECT_EQ(neg(float_lit("0.0")).sign(), 0);
  EXPECT_EQ(Value().sign(), 1);  // as go/constant: unknown is not "zero"
}

// ---------------------------------------------------------------------------
// str()

TEST(ConstantStr, IntsBoolsUnknown) {
  EXPECT_EQ(I(42).str(), "42");
  EXPECT_EQ(I(-7).str(), "-7");
  EXPECT_EQ(I(0).str(), "0");
  EXPECT_EQ(Value::make_bool(true).str(), "true");
  EXPECT_EQ(Value::make_bool(false).str(), "false");
  EXPECT_EQ(Value().str(), "unknown");
}

TEST(ConstantStr, FloatsLikeGoConstant) {
  EXPECT_EQ(float_lit("0.1").str(), "0.1");
  EXPECT_EQ(float_lit("1e100").str(), "1e+100");
  EXPECT_EQ(float_lit("3.0").str(), "3");
  EXPECT_EQ(float_lit("0.0").str(), "0");
  EXPECT_EQ(float_lit("2.5").str(), "2.5");
  EXPECT_EQ(neg(float_lit("0.5")).str(), "-0.5");
  EXPECT_EQ(float_lit("1e6").str(), "1e+06");
  EXPECT_EQ(float_lit("123456.0").str(), "123456");
  EXPECT_EQ(float_lit("1234567.0").str(), "1.23457e+06");
  EXPECT_EQ(float_lit("0.0001").str(), "0.0001");
  EXPECT_EQ(float_lit("0.00001").str(), "1e-05");
  EXPECT_EQ(ratio(1, 3).str(), "0.333333");
  EXPECT_EQ(float_lit(kPi).str(), "3.14159");
  // %.6g would print "100000" and hide the fraction: more digits are used.
  EXPECT_EQ(float_lit("100000.5").str(), "100000.5");
  EXPECT_EQ(float_lit("1.000001e-5").str(), "1.000001e-05");
  // Out of float64 range: approximate mantissa and exponent.
  EXPECT_EQ(float_lit("1e1000").str(), "1e+1000");
  EXPECT_EQ(neg(float_lit("2.5e1000")).str(), "-2.5e+1000");
  EXPECT_EQ(float_lit("1e-400").str(), "1e-400");
}

TEST(ConstantStr, StringsQuotedLikeGo) {
  EXPECT_EQ(Value::make_string("hi").str(), "\"hi\"");
  EXPECT_EQ(Value::make_string("a\tb\n\"\\").str(), "\"a\\tb\\n\\\"\\\\\"");
  EXPECT_EQ(Value::make_string("\xff").str(), "\"\\xff\"");
  EXPECT_EQ(Value::make_string(std::string(1, '\0')).str(), "\"\\x00\"");
  EXPECT_EQ(Value::make_string("\x7f").str(), "\"\\x7f\"");
  EXPECT_EQ(Value::make_string("h\xc3\xa9").str(), "\"h\xc3\xa9\"");     // printable é kept
  EXPECT_EQ(Value::make_string("\xc2\x85").str(), "\"\\u0085\"");        // C1 control
  EXPECT_EQ(Value::make_string("\xef\xbb\xbf").str(), "\"\\ufeff\"");    // BOM
  EXPECT_EQ(Value::make_string("\xf3\xb0\x80\x80").str(), "\"\\U000f0000\"");  // private use
  // Longer than 72 runes quoted: the first 69 runes, then "...".
  EXPECT_EQ(Value::make_string(std::string(100, 'a')).str(), "\"" + std::string(68, 'a') + "...");
  EXPECT_EQ(Value::make_string(std::string(70, 'a')).str(), "\"" + std::string(70, 'a') + "\"");
  EXPECT_EQ(Value::make_string(std::string(71, 'a')).str(), "\"" + std::string(68, 'a') + "...");
  std::string accents;
  for (int k = 0; k < 80; k++) accents += "\xc3\xa9";
  std::string expect = "\"";
  for (int k = 0; k < 68; k++) expect += "\xc3\xa9";
  EXPECT_EQ(Value::make_string(accents).str(), expect + "...");  // counts runes, not bytes
}

}  // namespace
}  // namespace vo::types
