#include "runtime/format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "runtime/panic.h"
#include "runtime/strings.h"
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

// ---- strings, UTF-8 and slices (runtime/strings.h) ----------------------

std::string str(StringRef s) { return std::string(s.view()); }
StringRef sref(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size())}; }

std::string panic_text(const std::function<void()>& f) {
  try {
    f();
  } catch (const PanicError& e) {
    return e.msg;
  }
  return "";
}

TEST(Utf8, DecodeFollowsGoRules) {
  auto dec = [](const std::string& s) {
    int32_t r;
    int w = decode_rune(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size()), &r);
    return std::pair<int32_t, int>(r, w);
  };
  EXPECT_EQ(dec("a"), std::make_pair(int32_t{'a'}, 1));
  EXPECT_EQ(dec("\xc3\xa9"), std::make_pair(int32_t{0xe9}, 2));
  EXPECT_EQ(dec("\xe4\xb8\x96"), std::make_pair(int32_t{0x4e16}, 3));
  EXPECT_EQ(dec("\xf0\x9f\x98\x80"), std::make_pair(int32_t{0x1f600}, 4));
  EXPECT_EQ(dec(""), std::make_pair(kRuneError, 0));
  EXPECT_EQ(dec("\xff"), std::make_pair(kRuneError, 1));
  EXPECT_EQ(dec("\xc0\x80"), std::make_pair(kRuneError, 1));      // overlong
  EXPECT_EQ(dec("\xed\xa0\x80"), std::make_pair(kRuneError, 1));  // surrogate
  EXPECT_EQ(dec("\xf4\x90\x80\x80"), std::make_pair(kRuneError, 1));  // > U+10FFFF
  EXPECT_EQ(dec("\xe4\xb8"), std::make_pair(kRuneError, 1));      // truncated
  EXPECT_EQ(dec("\xef\xbf\xbd"), std::make_pair(kRuneError, 3));  // a real U+FFFD
}

TEST(Strings, ConversionsAndConcat) {
  Heap heap;
  EXPECT_EQ(str(string_from_rune(heap, 0x4e16)), "\xe4\xb8\x96");
  EXPECT_EQ(str(string_from_rune(heap, -1)), "\xef\xbf\xbd");
  EXPECT_EQ(str(string_from_rune(heap, 0xD800)), "\xef\xbf\xbd");
  EXPECT_EQ(str(string_from_rune(heap, 0x110000)), "\xef\xbf\xbd");
  Slot runes[4] = {'h', static_cast<Slot>(int64_t{-5}), 0x1f600, 'i'};
  EXPECT_EQ(str(string_from_runes(heap, runes, 4)), "h\xef\xbf\xbd\xf0\x9f\x98\x80i");
  std::string hello = "h\xffllo, \xe4\xb8\x96";
  SliceRef rs = runes_from_string(heap, sref(hello));
  ASSERT_EQ(rs.len, 8);
  EXPECT_EQ(reinterpret_cast<Slot*>(rs.ptr)[1], 0xFFFDu);
  EXPECT_EQ(reinterpret_cast<Slot*>(rs.ptr)[7], 0x4e16u);
  SliceRef bs = bytes_from_string(heap, sref(hello));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(bs.ptr), bs.len), hello);
  EXPECT_NE(bs.ptr, reinterpret_cast<const uint8_t*>(hello.data()));
  SliceRef empty = bytes_from_string(heap, sref(""));
  EXPECT_NE(empty.ptr, nullptr);
  EXPECT_EQ(empty.len, 0);
  HandleScope hs(heap);
  StringRef a = string_from(heap, "ab");
  hs.slot() = reinterpret_cast<Slot>(a.ptr);  // not rooted, "ab" could die while "cd" is allocated
  StringRef ab = string_concat(heap, a, string_from(heap, "cd"));
  EXPECT_EQ(str(ab), "abcd");
  EXPECT_TRUE(heap.find_object(ab.ptr));
  EXPECT_EQ(string_compare(sref("a"), sref("b")), -1);
  EXPECT_EQ(string_compare(sref("ab"), sref("a")), 1);
  EXPECT_EQ(string_compare(sref("\xff"), sref("a")), 1);  // unsigned bytes
  EXPECT_EQ(string_compare(sref(""), sref("")), 0);
}

TEST(Strings, InputsStayRootedUnderStress) {
  Heap heap;
  heap.set_stress(true);
  HandleScope hs(heap);
  Slot& keep = hs.slot();
  StringRef s = string_from(heap, "x");
  keep = reinterpret_cast<Slot>(s.ptr);
  for (int i = 0; i < 200; ++i) {
    StringRef t = string_concat(heap, s, string_from(heap, "y"));  // the new "y" is only held by the callee
    s = t;
    keep = reinterpret_cast<Slot>(s.ptr);
  }
  EXPECT_EQ(str(s), "x" + std::string(200, 'y'));
}

TEST(Slices, GrowthFollowsGo) {
  EXPECT_EQ(next_slice_cap(0, 1), 1);
  EXPECT_EQ(next_slice_cap(1, 2), 2);
  EXPECT_EQ(next_slice_cap(4, 5), 8);
  EXPECT_EQ(next_slice_cap(4, 20), 20);
  EXPECT_EQ(next_slice_cap(256, 257), 512);
  EXPECT_EQ(next_slice_cap(512, 513), 512 + (512 + 768) / 4);
  Heap heap;
  const ObjLayout ints{1, {SlotKind::Scalar}, true, nullptr, nullptr, "ints"};
  // Go: s := []int{}; append one at a time gives caps 1 2 4 8 16 32 64 128 256 512 848 ...
  SliceRef s{zero_base(), 0, 0};
  std::vector<int64_t> caps;
  HandleScope hs(heap);
  Slot& root = hs.slot();
  for (int64_t i = 0; i < 2000; ++i) {
    if (s.len == s.cap) {
      s = grow_slice(heap, &ints, 8, s, s.len + 1);
      caps.push_back(s.cap);
      root = reinterpret_cast<Slot>(s.ptr);
    } else {
      ++s.len;
    }
    reinterpret_cast<int64_t*>(s.ptr)[i] = i;
  }
  std::vector<int64_t> want = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560};
  EXPECT_EQ(caps, want);
  for (int64_t i = 0; i < 2000; ++i) ASSERT_EQ(reinterpret_cast<int64_t*>(s.ptr)[i], i);
  // Bytes round up to the size class: Go gives cap 8 for append([]byte{}, 1).
  SliceRef b = grow_slice(heap, bytes_layout(), 1, {zero_base(), 0, 0}, 1);
  EXPECT_EQ(b.cap, 8);
  EXPECT_EQ(b.len, 1);
  SliceRef b2 = grow_slice(heap, bytes_layout(), 1, {zero_base(), 0, 0}, 5000);
  EXPECT_EQ(b2.cap, 5376);  // Go's 5376-byte class
  // Pointerful objects over 512 bytes carry Go 1.22's 8-byte malloc header:
  // append(make([]*T, 64), p) asks 128*8 + 8 bytes -> class 1152 -> cap (1152-8)/8 = 143.
  const ObjLayout refs{1, {SlotKind::Ref}, false, nullptr, nullptr, "refs"};
  SliceRef pr = grow_slice(heap, &refs, 8, {zero_base(), 0, 64}, 65);
  EXPECT_EQ(pr.cap, 143);
  SliceRef big = grow_slice(heap, bytes_layout(), 1, {zero_base(), 0, 0}, 40000);
  EXPECT_EQ(big.cap, 40960);  // page rounding
}

TEST(Slices, MakeSliceErrors) {
  Heap heap;
  const ObjLayout* l = scalar_slots_layout();
  EXPECT_EQ(panic_text([&] { make_slice(heap, l, 8, -1, 0); }), "runtime error: makeslice: len out of range");
  EXPECT_EQ(panic_text([&] { make_slice(heap, l, 8, 0, -1); }), "runtime error: makeslice: cap out of range");
  EXPECT_EQ(panic_text([&] { make_slice(heap, l, 8, 2, 1); }), "runtime error: makeslice: len larger than cap");
  EXPECT_EQ(panic_text([&] { make_slice(heap, l, 8, int64_t{1} << 60, int64_t{1} << 60); }),
            "runtime error: makeslice: len out of range");
  SliceRef s = make_slice(heap, l, 8, 3, 10);
  EXPECT_EQ(s.len, 3);
  EXPECT_EQ(s.cap, 10);
  EXPECT_TRUE(heap.find_object(s.ptr));
  SliceRef z = make_slice(heap, l, 8, 0, 0);
  EXPECT_EQ(z.ptr, zero_base());
}

}  // namespace
}  // namespace vo::rt
