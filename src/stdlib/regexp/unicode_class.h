// Go's \p{Name} classes written in RE2 syntax. Go (1.25 and later) looks a
// name up after canonicalizing it (first letter upper case, the rest lower
// case, spaces, '_' and '-' dropped), among the special names Any, ASCII,
// Assigned and LC, the general categories (its C includes Cn), the scripts
// and the category aliases ("Letter", "Uppercase_Letter", "digit", ...).
//
// Go's classes come from package unicode, so \pL matches what
// unicode.IsLetter accepts. The general categories are therefore spelled
// as code point ranges from this project's unicode tables (RE2's own are
// of an older Unicode edition); scripts, which those tables lack, are
// passed to RE2 by name.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vo::stdlib::rx {

using RuneRanges = std::vector<std::pair<int32_t, int32_t>>;  // sorted, disjoint, inclusive

struct UnicodeClass {
  std::string re2_name;                // RE2 spells it \p{re2_name}; or, if empty,
  const RuneRanges* ranges = nullptr;  // the class is these ranges
  int sign = +1;                       // -1: the name means the complement (Assigned)
};

// Go's canonical lookup form of a class name.
std::string canonical_class_name(std::string_view name);

// The class Go's unicodeTable finds for `name`; false if there is none.
bool lookup_unicode_class(std::string_view name, UnicodeClass* out);

// Appends the class (negated when sign < 0) to out: a complete RE2 item
// outside brackets, or items to put between the brackets of a class.
// `fold` says (?i) applies: a negated class inside brackets then leaves out
// the case variants of its members too, as Go's does.
void emit_unicode_class(const UnicodeClass& c, int sign, bool in_brackets, bool fold, std::string* out);

}  // namespace vo::stdlib::rx
