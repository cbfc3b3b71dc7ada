// Natives of package unicode/utf8.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> utf8_natives() { return {}; }

}  // namespace vo::stdlib
