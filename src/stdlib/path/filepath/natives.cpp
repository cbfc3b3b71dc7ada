// Natives of package path/filepath.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> filepath_natives() { return {}; }

}  // namespace vo::stdlib
