// Natives of package time.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> time_natives() { return {}; }

}  // namespace vo::stdlib
