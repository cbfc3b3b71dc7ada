// Natives of package strings.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> strings_natives() { return {}; }

}  // namespace vo::stdlib
