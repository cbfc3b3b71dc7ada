// Searching with Go's rules. A match is 2*ncap byte offsets (group i spans
// [m[2i], m[2i+1]), -1 for a group that did not take part), counted in the
// text as given (see subject.h for texts with invalid UTF-8).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "stdlib/regexp/engine.h"

namespace vo::stdlib::rx {

// Whether the text holds a match.
bool match(const Engine& e, std::string_view text);

// The leftmost match with ncap groups (1: the whole match only; ncap is
// capped at 1 + NumSubexp). False if there is none.
bool find(const Engine& e, std::string_view text, int ncap, std::vector<int64_t>* out);

// Go's allMatches: up to n successive matches (all if n < 0), where an
// empty match right after a match is skipped. Appends them to out.
void find_all(const Engine& e, std::string_view text, int64_t n, int ncap, std::vector<int64_t>* out);

// The matches Go's replaceAll substitutes (an empty match right after a
// match is not replaced), in order. Appends them to out.
void replace_matches(const Engine& e, std::string_view text, int ncap, std::vector<int64_t>* out);

}  // namespace vo::stdlib::rx
