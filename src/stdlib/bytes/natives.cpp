// Natives of package bytes.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> bytes_natives() { return {}; }

}  // namespace vo::stdlib
