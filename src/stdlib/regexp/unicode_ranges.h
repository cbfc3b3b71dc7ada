// Code point sets for regexp classes, from the unicode package's tables
// (stdlib/unicode/tables.h): the general categories as Go's package unicode
// defines them, and set operations the class spellings need.
#pragma once
#include <string_view>

#include "stdlib/regexp/unicode_class.h"

namespace vo::stdlib::rx {

// The set of a key of Go's unicode.Categories ("Lu", "L", "LC", "Cn", ...,
// where C includes Cn) or "ASCII" / "Any"; nullptr for other names. Built
// on first use and kept for the life of the process.
const RuneRanges* category_ranges(std::string_view key);

// The code points not in rs.
RuneRanges complement(const RuneRanges& rs);

// rs with the simple case folding orbit of every member added (Go adds a
// class's fold table before negating it under (?i)).
RuneRanges fold_closure(const RuneRanges& rs);

}  // namespace vo::stdlib::rx
