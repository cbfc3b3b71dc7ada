// Process-wide registry of ObjLayouts. An object header stores a 32-bit
// layout id rather than a pointer so that header, id and count fit in 8
// bytes; layout_of() is static (it needs no Heap), and islands (one heap per
// thread) share the module's layouts, so the registry is global and
// thread-safe: ids are published with release stores and the two-level table
// never moves an entry once written.
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "runtime/heap.h"

namespace vo::rt {
namespace {

constexpr uint32_t kChunkBits = 12;
constexpr uint32_t kChunkSize = 1u << kChunkBits;
constexpr uint32_t kMaxChunks = 4096;

struct Chunk {
  std::array<std::atomic<const ObjLayout*>, kChunkSize> entries{};
};

std::array<std::atomic<Chunk*>, kMaxChunks> g_chunks{};
std::mutex g_mutex;
uint32_t g_next_id = 1;  // 0 means "free cell"

const ObjLayout* lookup(uint32_t id) {
  Chunk* c = g_chunks[id >> kChunkBits].load(std::memory_order_acquire);
  return c ? c->entries[id & (kChunkSize - 1)].load(std::memory_order_acquire) : nullptr;
}

}  // namespace

// Publishes reg_id before reg_self (release), so a reader that sees
// reg_self == layout (acquire) also sees the id.
uint32_t Heap::register_layout(const ObjLayout* layout) {
  std::lock_guard<std::mutex> lock(g_mutex);
  std::atomic_ref<const ObjLayout*> self(layout->reg_self);
  if (self.load(std::memory_order_acquire) == layout) return layout->reg_id;  // another thread won
  uint32_t id = g_next_id++;
  if ((id >> kChunkBits) >= kMaxChunks) {
    std::fprintf(stderr, "vo: fatal: too many object layouts\n");
    std::abort();
  }
  std::atomic<Chunk*>& slot = g_chunks[id >> kChunkBits];
  if (!slot.load(std::memory_order_relaxed)) slot.store(new Chunk, std::memory_order_release);
  slot.load(std::memory_order_relaxed)->entries[id & (kChunkSize - 1)].store(layout, std::memory_order_release);
  std::atomic_ref<uint32_t>(layout->reg_id).store(id, std::memory_order_relaxed);
  self.store(layout, std::memory_order_release);
  return id;
}

const ObjLayout* Heap::layout_of(const void* obj) {
  ObjHeader h;
  std::memcpy(&h, static_cast<const uint8_t*>(obj) - kObjHeaderSize, sizeof h);
  return h.layout_id ? lookup(h.layout_id) : nullptr;
}

uint32_t Heap::count_of(const void* obj) {
  ObjHeader h;
  std::memcpy(&h, static_cast<const uint8_t*>(obj) - kObjHeaderSize, sizeof h);
  return h.count;
}

}  // namespace vo::rt
