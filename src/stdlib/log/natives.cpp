// Natives of package log.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> log_natives() { return {}; }

}  // namespace vo::stdlib
