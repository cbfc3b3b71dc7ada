// Internal: inclusive code point range tables used by syntax/unicode.cpp.
#pragma once
#include <cstddef>
#include <cstdint>

namespace vo::syntax::unicode_tables {

struct Range {
  uint32_t lo;
  uint32_t hi;
};

extern const Range kAlphabetic[];
extern const size_t kAlphabeticSize;
extern const Range kDecimalNumber[];
extern const size_t kDecimalNumberSize;
extern const Range kUppercase[];
extern const size_t kUppercaseSize;

}  // namespace vo::syntax::unicode_tables
