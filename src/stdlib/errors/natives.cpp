// Natives of package errors.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> errors_natives() { return {}; }

}  // namespace vo::stdlib
