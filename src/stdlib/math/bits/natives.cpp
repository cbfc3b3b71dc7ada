// Natives of package math/bits.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> bits_natives() { return {}; }

}  // namespace vo::stdlib
