// Natives of package sort.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> sort_natives() { return {}; }

}  // namespace vo::stdlib
