// Natives of package dyn.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> dyn_natives() { return {}; }

}  // namespace vo::stdlib
