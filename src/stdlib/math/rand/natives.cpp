// Natives of package math/rand.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> rand_natives() { return {}; }

}  // namespace vo::stdlib
