#include "runtime/heap.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>
#include <vector>

#include "runtime_test_types.h"

namespace vo::rt {
namespace {

// These tests count collections and objects, and choose stress mode
// explicitly where they want it; VO_GC_STRESS=1 from the environment would
// make the million-node test quadratic.
const bool kEnvStressCleared = (unsetenv("VO_GC_STRESS"), true);

const ObjLayout kBytes{0, {}, true, nullptr, nullptr, "bytes"};
// struct Node { next *Node; value int }
const ObjLayout kNode{2, {SlotKind::Ref, SlotKind::Scalar}, false, nullptr, nullptr, "node"};
// An array of references.
const ObjLayout kRefs{1, {SlotKind::Ref}, false, nullptr, nullptr, "refs"};
// struct { x any }
const ObjLayout kIfaceBox{2, {SlotKind::IfaceType, SlotKind::IfaceData}, false, nullptr, nullptr, "iface"};

Slot as_slot(const void* p) { return reinterpret_cast<Slot>(p); }
Slot* slots(void* p) { return static_cast<Slot*>(p); }

bool all_zero(const void* p, size_t n) {
  auto* b = static_cast<const uint8_t*>(p);
  for (size_t i = 0; i < n; ++i)
    if (b[i]) return false;
  return true;
}

TEST(Heap, AllocatesAllSizesZeroedWithHeaderAndInteriorPointers) {
  Heap heap;
  std::vector<size_t> sizes = {0, 1, 7, 8, 9, 16, 100, 255, 256, 257, 1000, 4096, 8184, 8192,
                               32759, 32760, 32761, 40000, 100000, 1 << 20, 5 << 20};
  HandleScope hs(heap);
  std::vector<void*> objs;
  for (size_t n : sizes) {
    void* p = heap.alloc(&kBytes, n, 7);
    hs.slot() = as_slot(p);
    objs.push_back(p);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 8, 0u) << n;
    EXPECT_TRUE(heap.contains(p));
    EXPECT_GE(heap.object_size(p), n);
    EXPECT_EQ(heap.object_size(p), Heap::rounded_size(n)) << n;
    EXPECT_TRUE(all_zero(p, heap.object_size(p))) << n;
    EXPECT_EQ(Heap::layout_of(p), &kBytes);
    EXPECT_EQ(Heap::count_of(p), 7u);
    auto* b = static_cast<uint8_t*>(p);
    EXPECT_EQ(heap.find_object(p), p) << n;
    EXPECT_EQ(heap.find_object(b + n / 2), p) << n;
    // One past the end (s[len(s):] of a full array) still belongs to p.
    EXPECT_EQ(heap.find_object(b + heap.object_size(p)), p) << n;
    std::memset(p, 0xab, n);
  }
  heap.collect();
  for (size_t i = 0; i < objs.size(); ++i) EXPECT_EQ(heap.find_object(objs[i]), objs[i]) << sizes[i];
  int x = 0;
  EXPECT_EQ(heap.find_object(&x), nullptr);
  EXPECT_EQ(heap.find_object(nullptr), nullptr);
  EXPECT_FALSE(heap.contains(&x));
}

TEST(Heap, RootedObjectsSurviveUnreachableOnesAreFreed) {
  Heap heap;
  HandleScope hs(heap);
  Slot& root = hs.slot();
  void* kept = heap.alloc(&kRefs, 4 * sizeof(Slot), 4);
  root = as_slot(kept);
  void* child = heap.alloc(&kBytes, 64);
  slots(kept)[2] = as_slot(static_cast<uint8_t*>(child) + 10);  // interior pointer keeps child alive
  void* garbage = heap.alloc(&kBytes, 64);
  void* big_garbage = heap.alloc(&kBytes, 1 << 20);
  heap.collect();
  EXPECT_EQ(heap.find_object(kept), kept);
  EXPECT_EQ(heap.find_object(child), child);
  // No allocation since: the freed cells cannot have been reused.
  EXPECT_EQ(heap.find_object(garbage), nullptr);
  EXPECT_EQ(heap.find_object(big_garbage), nullptr);
  EXPECT_EQ(heap.stats().objects_live, 2u);
  EXPECT_EQ(heap.stats().collections, 1u);
  root = 0;
  heap.collect();
  EXPECT_EQ(heap.find_object(kept), nullptr);
  EXPECT_EQ(heap.find_object(child), nullptr);
  EXPECT_EQ(heap.stats().objects_live, 0u);
  EXPECT_EQ(heap.stats().bytes_live, 0u);
}

TEST(Heap, FreedCellsAreReusedAndZeroed) {
  Heap heap;
  std::vector<void*> first;
  for (int i = 0; i < 100; ++i) {
    void* p = heap.alloc(&kBytes, 48);
    std::memset(p, 0xff, 48);
    first.push_back(p);
  }
  heap.collect();
  for (int i = 0; i < 100; ++i) {
    void* p = heap.alloc(&kBytes, 48);
    EXPECT_TRUE(all_zero(p, heap.object_size(p)));
  }
}

TEST(Heap, MillionNodeListSurvivesWithoutRecursionAndIsFreed) {
  Heap heap;
  HandleScope hs(heap);
  Slot& head = hs.slot();
  constexpr int64_t kN = 1'000'000;
  for (int64_t i = 0; i < kN; ++i) {
    Slot* n = slots(heap.alloc(&kNode, 2 * sizeof(Slot)));
    n[0] = head;
    n[1] = static_cast<Slot>(i);
    head = as_slot(n);
  }
  EXPECT_GT(heap.stats().collections, 0u);  // GCs happened while it was built
  heap.collect();
  EXPECT_EQ(heap.stats().objects_live, static_cast<size_t>(kN));
  int64_t expect = kN - 1, count = 0;
  for (auto* n = reinterpret_cast<Slot*>(head); n; n = reinterpret_cast<Slot*>(n[0]), --expect, ++count)
    ASSERT_EQ(n[1], static_cast<Slot>(expect));
  EXPECT_EQ(count, kN);
  head = 0;
  heap.collect();
  EXPECT_EQ(heap.stats().objects_live, 0u);
}

TEST(Heap, InterfaceDataTracedOnlyWhenDataIsRef) {
  testing::TestTypes tt;
  Heap heap;
  HandleScope hs(heap);
  void* with_ref = heap.alloc(&kIfaceBox, 2 * sizeof(Slot));
  hs.slot() = as_slot(with_ref);
  void* without_ref = heap.alloc(&kIfaceBox, 2 * sizeof(Slot));
  hs.slot() = as_slot(without_ref);
  void* target = heap.alloc(&kBytes, 32);
  void* lookalike = heap.alloc(&kBytes, 32);
  // *S in an interface: data is a reference. Through an Itab too.
  Itab itab{&tt.ptr_t, &tt.any_t, {}};
  slots(with_ref)[0] = as_slot(&itab);
  slots(with_ref)[1] = as_slot(target);
  // An int whose bits happen to equal a heap address must not retain it.
  slots(without_ref)[0] = as_slot(&tt.int_t);
  slots(without_ref)[1] = as_slot(lookalike);
  heap.collect();
  EXPECT_EQ(heap.find_object(target), target);
  EXPECT_EQ(heap.find_object(lookalike), nullptr);
  EXPECT_EQ(heap.stats().objects_live, 3u);
}

TEST(Heap, HandleScopeInterfaceSlotsAndNesting) {
  testing::TestTypes tt;
  Heap heap;
  HandleScope outer(heap);
  Slot& type_word = outer.slot(SlotKind::IfaceType);
  Slot& data = outer.slot(SlotKind::IfaceData);
  void* boxed = heap.alloc(&kBytes, 16);
  type_word = as_slot(&tt.string_t);
  data = as_slot(boxed);
  void* inner_obj;
  {
    HandleScope inner(heap);
    inner_obj = heap.alloc(&kBytes, 16);
    inner.slot() = as_slot(inner_obj);
    for (int i = 0; i < 1000; ++i) inner.slot() = 0;  // deque growth keeps references stable
    heap.collect();
    EXPECT_EQ(heap.find_object(inner_obj), inner_obj);
  }
  heap.collect();
  EXPECT_EQ(heap.find_object(boxed), boxed);
  EXPECT_EQ(heap.find_object(inner_obj), nullptr);
}

int g_finalized = 0;
void trace_pair(void* obj, Marker& m) {
  // Custom object: slot 0 is a reference, slot 1 is not.
  m.mark(reinterpret_cast<void*>(static_cast<Slot*>(obj)[0]));
}
void finalize_pair(void*) { ++g_finalized; }
const ObjLayout kCustom{0, {}, false, trace_pair, finalize_pair, "custom"};

TEST(Heap, CustomTraceAndFinalize) {
  g_finalized = 0;
  Heap heap;
  HandleScope hs(heap);
  Slot& root = hs.slot();
  void* obj = heap.alloc(&kCustom, 2 * sizeof(Slot));
  root = as_slot(obj);
  void* child = heap.alloc(&kBytes, 8);
  void* other = heap.alloc(&kBytes, 8);
  slots(obj)[0] = as_slot(child);
  slots(obj)[1] = as_slot(other);
  void* dead_custom = heap.alloc(&kCustom, 2 * sizeof(Slot));
  (void)dead_custom;
  heap.collect();
  EXPECT_EQ(g_finalized, 1);
  EXPECT_EQ(heap.find_object(child), child);
  EXPECT_EQ(heap.find_object(other), nullptr);
  root = 0;
  heap.collect();
  EXPECT_EQ(g_finalized, 2);
  // A large custom object and finalization of live objects at heap teardown.
  {
    Heap h2;
    h2.alloc(&kCustom, 100000);
    HandleScope hs2(h2);
    hs2.slot() = as_slot(h2.alloc(&kCustom, 16));
  }
  EXPECT_EQ(g_finalized, 4);
}

TEST(Heap, RootScannersAndPause) {
  Heap heap;
  std::vector<void*> roots;
  heap.add_root_scanner([&](Marker& m) {
    for (void* p : roots) m.mark(p);
  });
  void* a = heap.alloc(&kBytes, 24);
  void* b = heap.alloc(&kBytes, 24);
  roots.push_back(a);
  heap.pause();
  heap.collect();  // disabled while paused
  EXPECT_EQ(heap.stats().collections, 0u);
  EXPECT_EQ(heap.find_object(b), b);
  heap.resume();
  heap.collect();
  EXPECT_EQ(heap.find_object(a), a);
  EXPECT_EQ(heap.find_object(b), nullptr);
}

TEST(Heap, AllocationTriggersCollectionAndMemoryIsReused) {
  Heap heap;
  for (int i = 0; i < 200000; ++i) heap.alloc(&kBytes, 1000);  // 200 MB of garbage
  EXPECT_GT(heap.stats().collections, 10u);
  heap.collect();
  EXPECT_EQ(heap.stats().objects_live, 0u);
  for (int i = 0; i < 300; ++i) heap.alloc(&kBytes, 1 << 20);  // large objects too
  EXPECT_GT(heap.stats().collections, 20u);
}

TEST(Heap, StressModeCollectsEveryAllocation) {
  Heap heap;
  heap.set_stress(true);
  HandleScope hs(heap);
  Slot& head = hs.slot();
  for (int i = 0; i < 2000; ++i) {
    Slot* n = slots(heap.alloc(&kNode, 2 * sizeof(Slot)));
    n[0] = head;
    n[1] = static_cast<Slot>(i);
    head = as_slot(n);
    heap.alloc(&kBytes, 40);  // garbage in between
  }
  EXPECT_EQ(heap.stats().collections, 4000u);
  int expect = 1999;
  for (auto* n = reinterpret_cast<Slot*>(head); n; n = reinterpret_cast<Slot*>(n[0])) ASSERT_EQ(n[1], static_cast<Slot>(expect--));
  EXPECT_EQ(expect, -1);
}

TEST(Heap, StressModeFromEnvironment) {
  setenv("VO_GC_STRESS", "1", 1);
  Heap stressed;
  unsetenv("VO_GC_STRESS");
  Heap normal;
  EXPECT_TRUE(stressed.stress());
  EXPECT_FALSE(normal.stress());
}

TEST(Heap, LayoutCopiesGetTheirOwnId) {
  Heap heap;
  ObjLayout a{1, {SlotKind::Ref}, false, nullptr, nullptr, "a"};
  void* p = heap.alloc(&a, 8);
  ObjLayout b = a;  // carries a's reg_id
  b.noscan = true;
  void* q = heap.alloc(&b, 8);
  EXPECT_EQ(Heap::layout_of(p), &a);
  EXPECT_EQ(Heap::layout_of(q), &b);
  EXPECT_NE(Heap::layout_id(&a), Heap::layout_id(&b));
}

TEST(Heap, HeapsOnSeveralThreadsShareLayouts) {
  // Islands: one heap per thread, layouts registered concurrently.
  std::vector<ObjLayout> layouts(64, ObjLayout{2, {SlotKind::Ref, SlotKind::Scalar}, false, nullptr, nullptr, "n"});
  auto work = [&] {
    Heap heap;
    HandleScope hs(heap);
    Slot& head = hs.slot();
    for (int i = 0; i < 200000; ++i) {
      const ObjLayout* l = &layouts[static_cast<size_t>(i) % layouts.size()];
      Slot* n = slots(heap.alloc(l, 2 * sizeof(Slot)));
      ASSERT_EQ(Heap::layout_of(n), l);
      n[0] = head;
      head = as_slot(n);
    }
    heap.collect();
    EXPECT_EQ(heap.stats().objects_live, 200000u);
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
}

TEST(Heap, WideReferenceArray) {
  Heap heap;
  HandleScope hs(heap);
  constexpr size_t kN = 100000;
  void* arr = heap.alloc(&kRefs, kN * sizeof(Slot), kN);
  hs.slot() = as_slot(arr);
  for (size_t i = 0; i < kN; ++i) slots(arr)[i] = as_slot(heap.alloc(&kBytes, 16));
  heap.collect();
  EXPECT_EQ(heap.stats().objects_live, kN + 1);
  for (size_t i = 0; i < kN; i += 997) {
    void* p = reinterpret_cast<void*>(slots(arr)[i]);
    EXPECT_EQ(heap.find_object(p), p);
  }
}

}  // namespace
}  // namespace vo::rt
