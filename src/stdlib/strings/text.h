// Byte-string algorithms shared by the natives of packages strings and bytes,
// with Go's semantics (invalid UTF-8 decodes as U+FFFD of width 1).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/value.h"

namespace vo::stdlib::text {

using rt::Slot;

// A string ({ptr, len}) or []byte ({ptr, len, cap}) argument: both start with
// the data pointer and the length.
inline std::string_view arg_text(const Slot* a) {
  return {reinterpret_cast<const char*>(a[0]), static_cast<size_t>(a[1])};
}

// Decodes the rune at s[i] (i < s.size()); returns its width.
int decode(std::string_view s, size_t i, int32_t* r);
// Decodes the rune ending at s[end) (end > 0); returns its width.
int decode_last(std::string_view s, size_t end, int32_t* r);
void append_rune(std::string& out, int32_t r);
bool valid_rune(int64_t r);
int64_t rune_count(std::string_view s);

int64_t index(std::string_view s, std::string_view sep);
int64_t last_index(std::string_view s, std::string_view sep);
int64_t index_byte(std::string_view s, uint8_t c);
int64_t last_index_byte(std::string_view s, uint8_t c);
int64_t count(std::string_view s, std::string_view sep);
// Go's IndexRune: U+FFFD also finds the first invalid byte; an invalid rune
// is never found.
int64_t index_rune(std::string_view s, int64_t r);
int64_t index_any(std::string_view s, std::string_view chars);
int64_t last_index_any(std::string_view s, std::string_view chars);
bool equal_fold(std::string_view s, std::string_view t);

enum class CaseMap { Upper, Lower, Title };
// Maps every rune (invalid bytes become U+FFFD). Returns false, leaving out
// untouched, when the result equals s.
bool map_case(std::string_view s, CaseMap m, std::string& out);
// strings.Title: the first letter of each word to title case.
bool title(std::string_view s, std::string& out);
// Each run of invalid bytes replaced by repl. Returns false if s is valid.
bool to_valid_utf8(std::string_view s, std::string_view repl, std::string& out);
// s with the first n (all if n < 0) non-overlapping old replaced by new;
// an empty old matches at the start and after each rune.
std::string replace(std::string_view s, std::string_view old_s, std::string_view new_s, int64_t n);

// Start/end pairs of the fields of s, separated by runs of Unicode white
// space.
std::vector<int64_t> fields(std::string_view s);
// Bounds of s with runes of cutset trimmed at the left and/or right.
void trim(std::string_view s, std::string_view cutset, bool left, bool right, int64_t* start, int64_t* end);
// Bounds of s with Unicode white space trimmed at both ends.
void trim_space(std::string_view s, int64_t* start, int64_t* end);

// strings.Replacer: at each position, the earliest pair of oldnew (old at
// even indexes) whose old string starts there wins; an empty old matches
// once per position.
std::string replace_pairs(std::string_view s, const std::vector<std::string_view>& oldnew);

}  // namespace vo::stdlib::text
