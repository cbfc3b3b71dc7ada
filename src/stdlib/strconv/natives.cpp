// Natives of package strconv.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> strconv_natives() { return {}; }

}  // namespace vo::stdlib
