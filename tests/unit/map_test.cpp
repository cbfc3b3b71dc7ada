#include "runtime/map.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>

#include "runtime/panic.h"
#include "runtime/strings.h"
#include "runtime/value_ops.h"
#include "runtime_test_types.h"

namespace vo::rt {
namespace {

using testing::TestTypes;

Slot as_slot(const void* p) { return reinterpret_cast<Slot>(p); }
Slot dbl(double d) { return std::bit_cast<Slot>(d); }

std::string str_of(const Slot* s) {
  return std::string(reinterpret_cast<const char*>(s[0]), static_cast<size_t>(s[1]));
}

std::string panic_text(const std::function<void()>& f) {
  try {
    f();
  } catch (const PanicError& e) {
    return e.msg;
  }
  return "";
}

struct MapTest : ::testing::Test {
  TestTypes tt;
  Heap heap;
  HandleScope hs{heap};
  Slot& root = hs.slot();

  void* new_map(const MapType* mt, int64_t hint = 0) {
    void* m = map_new(heap, mt, hint);
    root = as_slot(m);
    return m;
  }
  void put_int(void* m, int64_t k, int64_t v) {
    Slot key = static_cast<Slot>(k);
    *map_insert(heap, m, &key) = static_cast<Slot>(v);
  }
  const Slot* get_int(void* m, int64_t k) {
    Slot key = static_cast<Slot>(k);
    return map_find(m, &key);
  }
};

TEST_F(MapTest, IntKeys) {
  MapType mt{&tt.int_t, &tt.int_t};
  void* m = new_map(&mt);
  EXPECT_EQ(map_len(m), 0);
  EXPECT_EQ(get_int(m, 1), nullptr);
  for (int64_t i = -50; i < 50; ++i) put_int(m, i, i * 10);
  EXPECT_EQ(map_len(m), 100);
  put_int(m, 7, 777);  // overwrite
  EXPECT_EQ(map_len(m), 100);
  EXPECT_EQ(*get_int(m, 7), 777u);
  EXPECT_EQ(static_cast<int64_t>(*get_int(m, -50)), -500);
  Slot k = 3;
  map_delete(m, &k);
  map_delete(m, &k);  // absent: no-op
  EXPECT_EQ(get_int(m, 3), nullptr);
  EXPECT_EQ(map_len(m), 99);
  put_int(m, 3, 1);
  EXPECT_EQ(*get_int(m, 3), 1u);
  EXPECT_EQ(map_len(m), 100);
}

TEST_F(MapTest, NilMap) {
  Slot k = 1;
  EXPECT_EQ(map_len(nullptr), 0);
  EXPECT_EQ(map_find(nullptr, &k), nullptr);
  map_delete(nullptr, &k);
  EXPECT_EQ(panic_text([&] { map_insert(heap, nullptr, &k); }), "runtime error: assignment to entry in nil map");
  MapIter it{};
  const Slot *key, *val;
  EXPECT_FALSE(map_iter_next(nullptr, &it, &key, &val));
}

TEST_F(MapTest, StringKeysStayAliveAcrossCollections) {
  MapType mt{&tt.string_t, &tt.string_t};
  void* m = new_map(&mt);
  constexpr int kN = 2000;
  for (int i = 0; i < kN; ++i) {
    HandleScope local(heap);
    Slot& kp = local.slot();
    StringRef k = string_from(heap, "key-" + std::to_string(i));
    kp = as_slot(k.ptr);
    StringRef v = string_from(heap, "value-" + std::to_string(i));  // may collect: k is rooted
    Slot key[2] = {as_slot(k.ptr), static_cast<Slot>(k.len)};
    Slot* val = map_insert(heap, m, key);
    val[0] = as_slot(v.ptr);
    val[1] = static_cast<Slot>(v.len);
  }
  for (int round = 0; round < 3; ++round) {
    heap.collect();
    for (int i = 0; i < 20000; ++i) string_from(heap, "garbage garbage garbage " + std::to_string(i));
  }
  EXPECT_EQ(map_len(m), kN);
  for (int i = 0; i < kN; ++i) {
    std::string k = "key-" + std::to_string(i);  // lookup with non-heap bytes
    Slot key[2] = {as_slot(k.data()), k.size()};
    const Slot* v = map_find(m, key);
    ASSERT_NE(v, nullptr) << k;
    EXPECT_EQ(str_of(v), "value-" + std::to_string(i));
  }
  MapIter it{};
  const Slot *key, *val;
  int n = 0;
  while (map_iter_next(m, &it, &key, &val)) {
    EXPECT_EQ(str_of(key).substr(4), str_of(val).substr(6));
    ++n;
  }
  EXPECT_EQ(n, kN);
  root = 0;
  heap.collect();
  EXPECT_EQ(heap.stats().objects_live, 0u);  // the finalizer let go of everything
}

TEST_F(MapTest, StructAndArrayKeys) {
  MapType mt{&tt.struct_t, &tt.int_t};
  void* m = new_map(&mt);
  std::string a = "alpha", a2 = "alpha", b = "beta";
  Slot k1[3] = {1, as_slot(a.data()), a.size()};
  Slot k2[3] = {1, as_slot(a2.data()), a2.size()};  // equal to k1, other bytes
  Slot k3[3] = {2, as_slot(a.data()), a.size()};
  Slot k4[3] = {1, as_slot(b.data()), b.size()};
  *map_insert(heap, m, k1) = 10;
  *map_insert(heap, m, k3) = 30;
  *map_insert(heap, m, k4) = 40;
  EXPECT_EQ(map_len(m), 3);
  EXPECT_EQ(*map_find(m, k2), 10u);
  *map_insert(heap, m, k2) = 11;
  EXPECT_EQ(map_len(m), 3);
  EXPECT_EQ(*map_find(m, k1), 11u);

  MapType at{&tt.array_t, &tt.int_t};
  void* m2 = map_new(heap, &at, 0);
  Slot x[3] = {1, 2, 3}, y[3] = {1, 2, 4};
  *map_insert(heap, m2, x) = 1;
  *map_insert(heap, m2, y) = 2;
  Slot x2[3] = {1, 2, 3};
  EXPECT_EQ(*map_find(m2, x2), 1u);
  EXPECT_EQ(map_len(m2), 2);
}

TEST_F(MapTest, FloatKeys) {
  MapType mt{&tt.f64_t, &tt.int_t};
  void* m = new_map(&mt);
  double nan = std::numeric_limits<double>::quiet_NaN();
  Slot kn = dbl(nan);
  *map_insert(heap, m, &kn) = 1;
  *map_insert(heap, m, &kn) = 2;  // NaN never matches: a second entry
  EXPECT_EQ(map_len(m), 2);
  EXPECT_EQ(map_find(m, &kn), nullptr);
  map_delete(m, &kn);  // cannot delete a NaN entry
  EXPECT_EQ(map_len(m), 2);
  Slot pz = dbl(0.0), nz = dbl(-0.0);
  *map_insert(heap, m, &pz) = 5;
  *map_insert(heap, m, &nz) = 6;
  EXPECT_EQ(map_len(m), 3);
  EXPECT_EQ(*map_find(m, &pz), 6u);
  Slot k = dbl(1.5);
  *map_insert(heap, m, &k) = 7;
  EXPECT_EQ(*map_find(m, &k), 7u);
  int produced = 0;
  MapIter it{};
  const Slot *key, *val;
  while (map_iter_next(m, &it, &key, &val)) ++produced;
  EXPECT_EQ(produced, 4);
}

TEST_F(MapTest, InterfaceKeys) {
  MapType mt{&tt.any_t, &tt.int_t};
  void* m = new_map(&mt);
  // Boxed strings are heap copies; equal contents are equal keys.
  static const ObjLayout kStrBox{2, {SlotKind::Ref, SlotKind::Scalar}, false, nullptr, nullptr, "box"};
  auto box_string = [&](const std::string& s) {
    Slot* b = static_cast<Slot*>(heap.alloc(&kStrBox, 16));
    hs.slot() = as_slot(b);  // keeps the box alive for the whole test
    StringRef r = string_from(heap, s);
    b[0] = as_slot(r.ptr);
    b[1] = static_cast<Slot>(r.len);
    return b;
  };
  Slot ki[2] = {as_slot(&tt.int_t), 42};
  Slot ki64[2] = {as_slot(&tt.int64_t_), 42};  // same bits, other type
  Slot ks1[2] = {as_slot(&tt.string_t), as_slot(box_string("x"))};
  Slot ks2[2] = {as_slot(&tt.string_t), as_slot(box_string("x"))};
  Slot knil[2] = {0, 0};
  Slot kf[2] = {as_slot(&tt.f64_t), dbl(-0.0)};
  Slot kf2[2] = {as_slot(&tt.f64_t), dbl(0.0)};
  *map_insert(heap, m, ki) = 1;
  *map_insert(heap, m, ki64) = 2;
  *map_insert(heap, m, ks1) = 3;
  *map_insert(heap, m, knil) = 4;
  *map_insert(heap, m, kf) = 5;
  EXPECT_EQ(map_len(m), 5);
  EXPECT_EQ(*map_find(m, ks2), 3u);
  EXPECT_EQ(*map_find(m, ki), 1u);
  EXPECT_EQ(*map_find(m, ki64), 2u);
  EXPECT_EQ(*map_find(m, knil), 4u);
  EXPECT_EQ(*map_find(m, kf2), 5u);
  // Itab type words compare by dynamic type.
  Itab itab{&tt.int_t, &tt.any_t, {}};
  Slot kit[2] = {as_slot(&itab), 42};
  EXPECT_EQ(*map_find(m, kit), 1u);
}

TEST_F(MapTest, UnhashableInterfaceKeyPanicsAndLeavesMapUnchanged) {
  MapType mt{&tt.any_t, &tt.int_t};
  void* m = new_map(&mt);
  Slot ki[2] = {as_slot(&tt.int_t), 1};
  *map_insert(heap, m, ki) = 1;
  Slot slice[3] = {0, 0, 0};
  Slot bad[2] = {as_slot(&tt.ints_t), as_slot(slice)};
  const char* want = "runtime error: hash of unhashable type";
  EXPECT_EQ(panic_text([&] { map_insert(heap, m, bad); }), want);
  EXPECT_EQ(panic_text([&] { map_find(m, bad); }), want);
  EXPECT_EQ(panic_text([&] { map_delete(m, bad); }), want);
  EXPECT_EQ(map_len(m), 1);
  // Also inside a struct-like composite: an array of interfaces.
  void* empty = map_new(heap, &mt, 0);
  EXPECT_EQ(panic_text([&] { map_find(empty, bad); }), want);
}

TEST_F(MapTest, GrowsTo100kEntries) {
  MapType mt{&tt.int_t, &tt.int_t};
  void* m = new_map(&mt);
  constexpr int64_t kN = 100000;
  for (int64_t i = 0; i < kN; ++i) put_int(m, i * 7919, i);
  EXPECT_EQ(map_len(m), kN);
  for (int64_t i = 0; i < kN; ++i) ASSERT_EQ(*get_int(m, i * 7919), static_cast<Slot>(i));
  for (int64_t i = 0; i < kN; i += 2) {
    Slot k = static_cast<Slot>(i * 7919);
    map_delete(m, &k);
  }
  EXPECT_EQ(map_len(m), kN / 2);
  for (int64_t i = 0; i < kN; ++i) {
    const Slot* v = get_int(m, i * 7919);
    if (i % 2) {
      ASSERT_NE(v, nullptr);
    } else {
      ASSERT_EQ(v, nullptr);
    }
  }
  // Churn: compaction at the same capacity keeps everything findable.
  for (int64_t i = 0; i < 4 * kN; ++i) {
    put_int(m, -i - 1, i);
    Slot k = static_cast<Slot>(-i - 1);
    map_delete(m, &k);
  }
  EXPECT_EQ(map_len(m), kN / 2);
  void* c = map_clone(heap, m);
  EXPECT_EQ(map_len(c), kN / 2);
  EXPECT_EQ(*get_int(c, 7919), 1u);
}

TEST_F(MapTest, DeletionDuringIterationProducesRemainingEntriesOnce) {
  MapType mt{&tt.int_t, &tt.int_t};
  void* m = new_map(&mt);
  constexpr int kN = 5000;
  for (int i = 0; i < kN; ++i) put_int(m, i, i);
  std::mt19937 rng(1);
  std::set<int64_t> deleted, produced;
  MapIter it;
  map_iter_init(m, &it);
  const Slot *key, *val;
  while (map_iter_next(m, &it, &key, &val)) {
    int64_t k = static_cast<int64_t>(key[0]);
    ASSERT_FALSE(deleted.count(k)) << "deleted entry produced: " << k;
    ASSERT_TRUE(produced.insert(k).second) << "produced twice: " << k;
    // Delete the current entry sometimes and two random ones always.
    for (int j = 0; j < 3; ++j) {
      int64_t d = j == 0 ? k : static_cast<int64_t>(rng() % kN);
      if (j == 0 && rng() % 2) continue;
      Slot dk = static_cast<Slot>(d);
      map_delete(m, &dk);
      deleted.insert(d);
    }
  }
  for (int i = 0; i < kN; ++i)
    if (!deleted.count(i)) {
      EXPECT_TRUE(produced.count(i)) << "skipped: " << i;
    }
}

TEST_F(MapTest, InsertionDuringIterationNeverRepeatsAcrossRebuilds) {
  MapType mt{&tt.int_t, &tt.int_t};
  void* m = new_map(&mt);
  constexpr int kN = 1000;
  for (int i = 0; i < kN; ++i) put_int(m, i, i);
  std::set<int64_t> deleted, produced;
  int64_t next_new = 1'000'000;
  MapIter it{};
  const Slot *key, *val;
  while (map_iter_next(m, &it, &key, &val)) {
    int64_t k = static_cast<int64_t>(key[0]);
    ASSERT_TRUE(produced.insert(k).second) << "produced twice: " << k;
    ASSERT_FALSE(deleted.count(k));
    if (next_new > 1'200'000) continue;  // stop growing eventually
    // Insert several new keys (forcing growth), delete some of them and some
    // old ones (forcing compactions).
    for (int j = 0; j < 5; ++j) put_int(m, next_new++, 0);
    Slot dk = static_cast<Slot>(next_new - 2);
    map_delete(m, &dk);
    deleted.insert(next_new - 2);
    if (k < kN && k + 500 < kN) {
      Slot old = static_cast<Slot>(k + 500);
      map_delete(m, &old);
      deleted.insert(k + 500);
    }
  }
  for (int i = 0; i < kN; ++i)
    if (!deleted.count(i)) {
      EXPECT_TRUE(produced.count(i)) << "skipped: " << i;
    }
}

TEST_F(MapTest, IterationSurvivesCompactionWithoutGrowth) {
  MapType mt{&tt.int_t, &tt.int_t};
  void* m = new_map(&mt, 64);
  for (int i = 0; i < 64; ++i) put_int(m, i, i);
  MapIter it{};
  const Slot *key, *val;
  std::vector<int64_t> seen;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(map_iter_next(m, &it, &key, &val));
    seen.push_back(static_cast<int64_t>(key[0]));
  }
  // Delete everything already produced plus a block ahead, then refill so
  // that the next insert compacts the record array.
  for (int i = 0; i < 40; ++i) {
    Slot k = static_cast<Slot>(i);
    map_delete(m, &k);
  }
  for (int i = 0; i < 20; ++i) put_int(m, 1000 + i, 0);
  std::set<int64_t> rest;
  while (map_iter_next(m, &it, &key, &val)) {
    int64_t k = static_cast<int64_t>(key[0]);
    ASSERT_TRUE(rest.insert(k).second);
    ASSERT_GE(k, 40);
  }
  for (int i = 40; i < 64; ++i) EXPECT_TRUE(rest.count(i)) << i;
}

TEST_F(MapTest, GcStressWithMapOfPointers) {
  heap.set_stress(true);
  MapType mt{&tt.int_t, &tt.string_t};
  void* m = new_map(&mt);
  for (int i = 0; i < 300; ++i) {
    StringRef v = string_from(heap, "v" + std::to_string(i));
    Slot k = static_cast<Slot>(i);
    Slot* val = map_insert(heap, m, &k);  // no allocation between here and the write
    val[0] = as_slot(v.ptr);
    val[1] = static_cast<Slot>(v.len);
  }
  heap.set_stress(false);
  heap.collect();
  for (int i = 0; i < 300; ++i) {
    Slot k = static_cast<Slot>(i);
    EXPECT_EQ(str_of(map_find(m, &k)), "v" + std::to_string(i));
  }
}

TEST(ValueOps, EqualityAndHashing) {
  TestTypes tt;
  Slot a[3] = {1, as_slot("hi"), 2}, b[3] = {1, as_slot(std::string("hi").c_str()), 2};
  std::string hi = "hi";
  b[1] = as_slot(hi.data());
  EXPECT_TRUE(values_equal(&tt.struct_t, a, b));
  EXPECT_EQ(hash_value(&tt.struct_t, a, 9), hash_value(&tt.struct_t, b, 9));
  Slot nan = dbl(std::nan(""));
  EXPECT_FALSE(values_equal(&tt.f64_t, &nan, &nan));
  Slot p0 = dbl(0.0), n0 = dbl(-0.0);
  EXPECT_TRUE(values_equal(&tt.f64_t, &p0, &n0));
  EXPECT_EQ(hash_value(&tt.f64_t, &p0, 1), hash_value(&tt.f64_t, &n0, 1));
  Slot packed1 = 0x030201, packed2 = 0x030201;
  EXPECT_TRUE(values_equal(&tt.barray_t, &packed1, &packed2));
  Slot sl[3] = {0, 0, 0};
  EXPECT_EQ(panic_text([&] { iface_equal(&tt.ints_t, as_slot(sl), &tt.ints_t, as_slot(sl)); }),
            "runtime error: comparing uncomparable type in interface value");
  // Different dynamic types: false, no panic.
  EXPECT_FALSE(iface_equal(&tt.ints_t, as_slot(sl), &tt.int_t, 0));
  EXPECT_TRUE(iface_equal(nullptr, 0, nullptr, 0));
}

}  // namespace
}  // namespace vo::rt
