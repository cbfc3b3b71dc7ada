// Natives of package bytes: shared with package strings (strings/natives.cpp).
#include "stdlib/strings/natives.h"

#include "stdlib/registry.h"

namespace vo::stdlib {

std::span<const NativeDef> bytes_natives() { return text::bytes_table(); }

}  // namespace vo::stdlib
