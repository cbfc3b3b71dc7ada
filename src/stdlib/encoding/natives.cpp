// Natives of the encoding/* packages (hex, base64, binary, ...).
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> encoding_natives() { return {}; }

}  // namespace vo::stdlib
