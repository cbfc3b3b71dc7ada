#include "runtime/map.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "runtime/panic.h"
#include "runtime/value_ops.h"

namespace vo::rt {
namespace {

constexpr uint64_t kDead = uint64_t{1} << 63;  // in a record's seq word
constexpr int64_t kMinCap = 8;
// A size hint is advisory: at most this many entries are reserved up front,
// so a huge hint cannot exhaust memory before anything is inserted.
constexpr int64_t kMaxHint = int64_t{1} << 20;
constexpr int64_t kMaxCap = int64_t{1} << 31;  // record indexes fit the index's low 32 bits

// How keys are hashed and compared: most maps are keyed by one plain word or
// a string, which skip the generic type walk.
enum class KeyClass : uint8_t { Word, String, Generic };

// The heap payload of a map. Plain data: the heap zeroes it, map_new fills it.
struct MapObj {
  const MapType* type;
  Slot* recs;        // cap records of `stride` slots, malloc'ed
  uint64_t* index;   // mask+1 entries: (hash >> 32) << 32 | (record + 1); 0 = empty
  uint64_t mask;
  int64_t cap;
  int64_t used;      // records in use, dead ones included
  int64_t live;
  uint64_t next_seq;
  uint64_t seed;
  uint32_t kslots, vslots, stride;
  uint32_t key_scan, val_scan;  // slots the GC scans (0 if no references)
  KeyClass key_class;
};

// Slots of t the GC must scan: 0 if none holds a reference. Never more
// than t's layout describes.
uint32_t scan_slots_of(const RType* t) {
  bool refs = std::any_of(t->layout.begin(), t->layout.end(), [](SlotKind k) { return k != SlotKind::Scalar; });
  return refs ? static_cast<uint32_t>(std::min<size_t>(t->slots, t->layout.size())) : 0;
}

KeyClass classify(const RType* key) {
  switch (key->kind) {
    case Kind::String:
      return KeyClass::String;
    case Kind::Float32: case Kind::Float64: case Kind::Interface: case Kind::Array:
    case Kind::Struct: case Kind::Slice: case Kind::Map: case Kind::Func:
      return KeyClass::Generic;
    default:
      return KeyClass::Word;
  }
}

MapObj* obj(void* m) { return static_cast<MapObj*>(m); }
const MapObj* obj(const void* m) { return static_cast<const MapObj*>(m); }
Slot* record(const MapObj* m, int64_t r) { return m->recs + r * m->stride; }
uint64_t seq_of(const Slot* rec) { return rec[0] & ~kDead; }
bool dead(const Slot* rec) { return rec[0] & kDead; }

uint64_t key_hash(const MapObj* m, const Slot* key) {
  switch (m->key_class) {
    case KeyClass::Word:
      return hash_word(key[0], m->seed);
    case KeyClass::String:
      return hash_bytes(reinterpret_cast<const uint8_t*>(key[0]), static_cast<size_t>(key[1]), m->seed);
    case KeyClass::Generic:
      break;
  }
  return hash_value(m->type->key, key, m->seed);
}

bool keys_equal(const MapObj* m, const Slot* a, const Slot* b) {
  switch (m->key_class) {
    case KeyClass::Word:
      return a[0] == b[0];
    case KeyClass::String:
      return strings_equal({reinterpret_cast<const uint8_t*>(a[0]), static_cast<int64_t>(a[1])},
                           {reinterpret_cast<const uint8_t*>(b[0]), static_cast<int64_t>(b[1])});
    case KeyClass::Generic:
      break;
  }
  return values_equal(m->type->key, a, b);
}

int64_t find_record(const MapObj* m, const Slot* key, uint64_t h) {
  if (!m->index) return -1;
  uint64_t tag = h >> 32;
  for (uint64_t i = h & m->mask;; i = (i + 1) & m->mask) {
    uint64_t e = m->index[i];
    if (e == 0) return -1;
    if ((e >> 32) != tag) continue;
    int64_t r = static_cast<int64_t>(e & 0xffffffffu) - 1;
    const Slot* rec = record(m, r);
    if (!dead(rec) && rec[1] == h && keys_equal(m, rec + 2, key)) return r;
  }
}

void index_insert(MapObj* m, int64_t r, uint64_t h) {
  uint64_t i = h & m->mask;
  while (m->index[i]) i = (i + 1) & m->mask;
  m->index[i] = (h >> 32) << 32 | static_cast<uint64_t>(r + 1);
}

[[noreturn]] void out_of_memory() {
  std::fprintf(stderr, "vo: fatal: out of memory (map)\n");
  std::abort();
}

// Replaces the record array by one of new_cap records holding the live
// records in order (sequence numbers unchanged) and rebuilds the index.
void rebuild(MapObj* m, int64_t new_cap) {
  if (new_cap > kMaxCap) out_of_memory();
  size_t rec_bytes = m->stride * sizeof(Slot);
  auto* recs = static_cast<Slot*>(std::malloc(static_cast<size_t>(new_cap) * rec_bytes));
  uint64_t index_size = 1;
  while (index_size < static_cast<uint64_t>(new_cap) * 2) index_size *= 2;
  auto* index = static_cast<uint64_t*>(std::calloc(index_size, sizeof(uint64_t)));
  if (!recs || !index) out_of_memory();
  int64_t n = 0;
  for (int64_t r = 0; r < m->used; ++r) {
    const Slot* rec = record(m, r);
    if (!dead(rec)) std::memcpy(recs + n++ * m->stride, rec, rec_bytes);
  }
  std::free(m->recs);
  std::free(m->index);
  m->recs = recs;
  m->index = index;
  m->mask = index_size - 1;
  m->cap = new_cap;
  m->used = n;
  for (int64_t r = 0; r < n; ++r) index_insert(m, r, record(m, r)[1]);
}

void make_room(MapObj* m) {
  if (m->used < m->cap) return;
  int64_t cap = m->cap < kMinCap ? kMinCap : m->cap;
  rebuild(m, m->live * 2 >= cap ? cap * 2 : cap);
}

void map_trace(void* p, Marker& mk) {
  const MapObj* m = obj(p);
  if (!m->key_scan && !m->val_scan) return;
  const SlotKind* kk = m->type->key->layout.data();
  const SlotKind* vk = m->type->value->layout.data();
  for (int64_t r = 0; r < m->used; ++r) {
    const Slot* rec = record(m, r);
    if (dead(rec)) continue;
    if (m->key_scan) mk.scan_slots(rec + 2, kk, m->key_scan);
    if (m->val_scan) mk.scan_slots(rec + 2 + m->kslots, vk, m->val_scan);
  }
}

void map_finalize(void* p) {
  MapObj* m = obj(p);
  std::free(m->recs);
  std::free(m->index);
  m->recs = nullptr;
  m->index = nullptr;
}

const ObjLayout kMapLayout{0, {}, false, map_trace, map_finalize, "map"};

uint64_t new_seed() {
  static std::atomic<uint64_t> counter{0x243f6a8885a308d3ull};
  return hash_word(counter.fetch_add(0x9e3779b97f4a7c15ull, std::memory_order_relaxed), 0x13198a2e03707344ull);
}

}  // namespace

void* map_new(Heap& heap, const MapType* type, int64_t hint) {
  MapObj* m = obj(heap.alloc(&kMapLayout, sizeof(MapObj)));
  m->type = type;
  m->kslots = type->key->slots;
  m->vslots = type->value->slots;
  m->stride = 2 + m->kslots + m->vslots;
  m->key_class = classify(type->key);
  m->key_scan = scan_slots_of(type->key);
  m->val_scan = scan_slots_of(type->value);
  m->next_seq = 1;
  m->seed = new_seed();
  if (hint > 0) rebuild(m, std::clamp(hint, kMinCap, kMaxHint));
  return m;
}

int64_t map_len(const void* m) { return m ? obj(m)->live : 0; }
const MapType* map_type(const void* m) { return m ? obj(m)->type : nullptr; }

const Slot* map_find(const void* mp, const Slot* key) {
  if (!mp) return nullptr;
  const MapObj* m = obj(mp);
  if (m->live == 0 && m->key_class != KeyClass::Generic) return nullptr;
  // Generic keys are hashed even in an empty map: an unhashable key panics.
  int64_t r = find_record(m, key, key_hash(m, key));
  return r < 0 ? nullptr : record(m, r) + 2 + m->kslots;
}

Slot* map_insert(Heap&, void* mp, const Slot* key) {
  if (!mp) throw_panic("runtime error: assignment to entry in nil map");
  MapObj* m = obj(mp);
  uint64_t h = key_hash(m, key);  // may throw: before any change
  int64_t r = find_record(m, key, h);
  if (r < 0) {
    // A key read from this map's own records would move in a rebuild.
    std::vector<Slot> saved;
    if (key >= m->recs && key < m->recs + m->cap * m->stride) {
      saved.assign(key, key + m->kslots);
      key = saved.data();
    }
    make_room(m);
    r = m->used++;
    Slot* rec = record(m, r);
    rec[0] = m->next_seq++;
    rec[1] = h;
    std::memcpy(rec + 2, key, m->kslots * sizeof(Slot));
    std::memset(rec + 2 + m->kslots, 0, m->vslots * sizeof(Slot));
    index_insert(m, r, h);
    ++m->live;
  }
  return record(m, r) + 2 + m->kslots;
}

void map_delete(void* mp, const Slot* key) {
  if (!mp) return;
  MapObj* m = obj(mp);
  int64_t r = find_record(m, key, key_hash(m, key));
  if (r < 0) return;
  Slot* rec = record(m, r);
  rec[0] |= kDead;  // its index entry stays as a tombstone until the next rebuild
  std::memset(rec + 2, 0, (m->kslots + m->vslots) * sizeof(Slot));
  --m->live;
}

void* map_clone(Heap& heap, const void* mp) {
  if (!mp) return nullptr;
  const MapObj* src = obj(mp);
  MapObj* m = obj(map_new(heap, src->type, 0));
  m->seed = src->seed;  // keeps the stored hashes valid
  if (src->live > 0) {
    int64_t cap = src->live < kMinCap ? kMinCap : src->live;
    rebuild(m, cap);
    size_t rec_bytes = m->stride * sizeof(Slot);
    for (int64_t r = 0; r < src->used; ++r) {
      const Slot* rec = record(src, r);
      if (dead(rec)) continue;
      std::memcpy(record(m, m->used), rec, rec_bytes);
      index_insert(m, m->used++, rec[1]);
    }
    m->live = m->used;
    m->next_seq = src->next_seq;
  }
  return m;
}

void map_iter_init(const void*, MapIter* it) { *it = MapIter{0, 0}; }

bool map_iter_next(const void* mp, MapIter* it, const Slot** key, const Slot** value) {
  if (!mp) return false;
  const MapObj* m = obj(mp);
  int64_t pos = it->pos;
  // If the record before pos is no longer the last one produced, the array
  // was rebuilt: resume after the last produced sequence number (records
  // stay sorted by sequence number).
  if (pos > 0 && (pos > m->used || seq_of(record(m, pos - 1)) != it->last_seq)) {
    int64_t lo = 0, hi = m->used;
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      if (seq_of(record(m, mid)) <= it->last_seq) lo = mid + 1; else hi = mid;
    }
    pos = lo;
  }
  for (; pos < m->used; ++pos) {
    const Slot* rec = record(m, pos);
    if (dead(rec)) continue;
    it->pos = pos + 1;
    it->last_seq = seq_of(rec);
    *key = rec + 2;
    *value = rec + 2 + m->kslots;
    return true;
  }
  it->pos = pos;
  return false;
}

}  // namespace vo::rt
