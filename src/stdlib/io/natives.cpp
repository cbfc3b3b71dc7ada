// Natives of package io.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> io_natives() { return {}; }

}  // namespace vo::stdlib
