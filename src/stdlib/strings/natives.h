// The native tables of packages strings and bytes (one implementation,
// natives.cpp, serves both).
#pragma once
#include <span>

#include "stdlib/registry.h"

namespace vo::stdlib::text {
std::span<const NativeDef> strings_table();
std::span<const NativeDef> bytes_table();
}  // namespace vo::stdlib::text
