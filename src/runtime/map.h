// Go maps. A map value is one reference slot pointing to a heap object with a
// custom layout; the entries themselves live in C++ memory owned by that
// object, traced by its trace callback and freed by its finalizer.
//
// Entries are kept in insertion order in one array of records
//   [seq | dead bit][hash][key slots][value slots]
// indexed by an open-addressing table of record indexes. Deleting marks the
// record dead (and clears it so the GC lets go of its references); when the
// array fills up it is rebuilt without dead records (and doubled if at least
// half of it is live). Every record gets a unique, increasing sequence number
// that survives rebuilds, so an iterator that remembers the last sequence
// number it produced can always find its place again, however often the map
// grows or is compacted during the loop.
#pragma once
#include <cstdint>

#include "runtime/heap.h"
#include "runtime/value.h"

namespace vo::rt {

// One per map type; must outlive every map of that type.
struct MapType {
  const RType* key;
  const RType* value;
};

// A nil map is nullptr: reads see an empty map, writes panic.
void* map_new(Heap& heap, const MapType* type, int64_t hint);
int64_t map_len(const void* m);
const MapType* map_type(const void* m);

// Value slots of `key`, or nullptr if absent or m is nil. Valid until the
// next mutation of the map. Throws PanicError on an unhashable key.
const Slot* map_find(const void* m, const Slot* key);
// Value slots for `key` (zeroed if the entry is new) for the caller to write;
// valid until the next mutation. Throws "assignment to entry in nil map" or
// "hash of unhashable type" (leaving the map unchanged).
Slot* map_insert(Heap& heap, void* m, const Slot* key);
// No-op on a nil map or an absent key.
void map_delete(void* m, const Slot* key);
// A new map with the same entries (nullptr for a nil map). `m` must stay
// reachable from a root during the call (it allocates).
void* map_clone(Heap& heap, const void* m);

// Iteration state: plain data that the VM keeps in two scalar slots.
// Zero-initialize (or map_iter_init) before the first map_iter_next.
struct MapIter {
  int64_t pos;        // next record index to look at
  uint64_t last_seq;  // sequence number of the last record produced (0: none)
};
void map_iter_init(const void* m, MapIter* it);
// Produces the next entry. Every entry present when iteration started and not
// deleted since is produced exactly once, whatever the loop inserts or
// deletes; entries inserted during the loop may or may not be produced.
bool map_iter_next(const void* m, MapIter* it, const Slot** key, const Slot** value);

}  // namespace vo::rt
