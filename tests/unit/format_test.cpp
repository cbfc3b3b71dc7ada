#include "runtime/format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "runtime_test_types.h"

namespace vo::rt {
namespace {

using testing::TestTypes;

std::string f64(double v) {
  std::string s;
  format_float(s, v);
  return s;
}
std::string f32(float v) {
  std::string s;
  format_float32(s, v);
  return s;
}
std::string iface(const void* tw, Slot data) {
  std::string s;
  format_iface(s, tw, data);
  return s;
}
Slot as_slot(const void* p) { return reinterpret_cast<Slot>(p); }

TEST(Format, Float64) {
  EXPECT_EQ(f64(3.0), "3");
  EXPECT_EQ(f64(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(f64(1e21), "1000000000000000000000");
  EXPECT_EQ(f64(1e-7), "0.0000001");
  EXPECT_EQ(f64(0.0), "0");
  EXPECT_EQ(f64(-0.0), "-0");
  EXPECT_EQ(f64(3.14), "3.14");
  EXPECT_EQ(f64(-3.14), "-3.14");
  EXPECT_EQ(f64(123456.789), "123456.789");
  EXPECT_EQ(f64(1.5e-300).substr(0, 6), "0.0000");
  EXPECT_EQ(f64(1.5e-300).size(), 2 + 299 + 2u);
  EXPECT_EQ(f64(1e100), "1" + std::string(100, '0'));
  EXPECT_EQ(f64(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(f64(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(f64(std::nan("")), "NaN");
  EXPECT_EQ(f64(100), "100");
  EXPECT_EQ(f64(0.5), "0.5");
  EXPECT_EQ(f64(1.7976931348623157e308).size(), 309u);
  EXPECT_EQ(f64(5e-324), "0." + std::string(323, '0') + "5");
}

TEST(Format, Float32) {
  EXPECT_EQ(f32(0.1f), "0.1");
  EXPECT_EQ(f32(1.0f / 3.0f), "0.33333334");
  EXPECT_EQ(f32(16777216.0f), "16777216");
  EXPECT_EQ(f32(1e10f), "10000000000");
  EXPECT_EQ(f32(-0.0f), "-0");
  TestTypes tt;
  // float32 values are stored as the double of their value.
  EXPECT_EQ(iface(&tt.f32_t, std::bit_cast<Slot>(static_cast<double>(0.1f))), "0.1");
  EXPECT_EQ(iface(&tt.f64_t, std::bit_cast<Slot>(static_cast<double>(0.1f))), "0.10000000149011612");
}

TEST(Format, ScalarsAndNil) {
  TestTypes tt;
  RType i8 = testing::scalar_type(Kind::Int8, "int8");
  i8.type = &i8;
  RType u64 = testing::scalar_type(Kind::Uint64, "uint64");
  u64.type = &u64;
  RType u32 = testing::scalar_type(Kind::Uint32, "uint32");
  u32.type = &u32;
  EXPECT_EQ(iface(&tt.int_t, static_cast<Slot>(-42)), "-42");
  EXPECT_EQ(iface(&tt.int_t, static_cast<Slot>(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(iface(&i8, static_cast<Slot>(int64_t{-128})), "-128");
  EXPECT_EQ(iface(&u64, ~Slot{0}), "18446744073709551615");
  EXPECT_EQ(iface(&u32, 4294967295u), "4294967295");
  EXPECT_EQ(iface(&tt.uint8_t_, 97), "97");
  EXPECT_EQ(iface(&tt.bool_t, 1), "true");
  EXPECT_EQ(iface(&tt.bool_t, 0), "false");
  EXPECT_EQ(iface(nullptr, 0), "<nil>");
  Itab itab{&tt.int_t, &tt.any_t, {}};
  EXPECT_EQ(iface(&itab, 7), "7");
}

TEST(Format, StringsAndReferences) {
  TestTypes tt;
  std::string text = "a\xffz";
  Slot str[2] = {as_slot(text.data()), text.size()};
  EXPECT_EQ(iface(&tt.string_t, as_slot(str)), text);
  Slot empty[2] = {0, 0};
  EXPECT_EQ(iface(&tt.string_t, as_slot(empty)), "");
  EXPECT_EQ(iface(&tt.ptr_t, 0), "0x0");
  EXPECT_EQ(iface(&tt.ptr_t, 0xc000012345), "0xc000012345");
  EXPECT_EQ(iface(&tt.map_t, 0x1234), "map[...]");
  EXPECT_EQ(iface(&tt.island_t, 0x1234), "<island>");
  Slot arr[3] = {1, 2, 3};
  EXPECT_EQ(iface(&tt.array_t, as_slot(arr)), "[...]");
  Slot st[3] = {1, 0, 0};
  EXPECT_EQ(iface(&tt.struct_t, as_slot(st)), "{...}");
}

TEST(Format, Slices) {
  TestTypes tt;
  uint8_t bytes[10] = {104, 105, 3, 4, 5, 6, 7, 8, 9, 10};
  Slot two[3] = {as_slot(bytes), 2, 10};
  EXPECT_EQ(iface(&tt.bytes_t, as_slot(two)), "[104, 105]");
  Slot eight[3] = {as_slot(bytes), 8, 10};
  EXPECT_EQ(iface(&tt.bytes_t, as_slot(eight)), "[104, 105, 3, 4, 5, 6, 7, 8]");
  Slot ten[3] = {as_slot(bytes), 10, 10};
  EXPECT_EQ(iface(&tt.bytes_t, as_slot(ten)), "[104, 105, 3, 4, 5, 6, 7, 8]...");
  Slot nil[3] = {0, 0, 0};
  EXPECT_EQ(iface(&tt.bytes_t, as_slot(nil)), "[]");
  Slot ints[3] = {as_slot(bytes), 3, 3};
  EXPECT_EQ(iface(&tt.ints_t, as_slot(ints)), "[len=3]");
  EXPECT_EQ(iface(&tt.ints_t, as_slot(nil)), "[]");
  std::string s;
  format_value(s, &tt.bytes_t, two);
  EXPECT_EQ(s, "[104, 105]");
}

bool fake_error_formatter(std::string& out, const void* tw, Slot data) {
  if (dynamic_type(tw) && dynamic_type(tw)->name == "*errors.Error") {
    out += "boom: cause";
    return true;
  }
  return false;
}

TEST(Format, ErrorFormatterHook) {
  TestTypes tt;
  RType err = testing::ref_type(Kind::Pointer, "*errors.Error");
  err.type = &err;
  set_error_formatter(fake_error_formatter);
  EXPECT_EQ(iface(&err, 0x10), "boom: cause");
  EXPECT_EQ(iface(&tt.ptr_t, 0x10), "0x10");
  set_error_formatter(nullptr);
  EXPECT_EQ(iface(&err, 0x10), "0x10");
}

}  // namespace
}  // namespace vo::rt
