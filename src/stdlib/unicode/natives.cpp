// Natives of package unicode.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> unicode_natives() { return {}; }

}  // namespace vo::stdlib
