// Natives of package bufio.
#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

std::span<const NativeDef> bufio_natives() { return {}; }

}  // namespace vo::stdlib
