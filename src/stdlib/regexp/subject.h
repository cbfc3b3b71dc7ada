// The text a regexp runs on, as Go sees it. Go matches against runes, and an
// invalid UTF-8 byte is one rune, U+FFFD, of width 1. RE2 in UTF-8 mode
// matches nothing at such a byte, so a text with invalid bytes is matched in
// a copy where each of them is replaced by U+FFFD's three bytes; positions
// found there are mapped back. (A valid text is used in place.)
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vo::stdlib::rx {

class Subject {
 public:
  explicit Subject(std::string_view original);
  Subject(const Subject&) = delete;
  Subject& operator=(const Subject&) = delete;

  // Valid UTF-8; never a null pointer (RE2 reports an empty group at a null
  // pointer as unmatched).
  std::string_view text() const { return text_; }

  // The position in the original text of `pos`, a rune boundary of text().
  int64_t to_original(size_t pos) const;

  // The width of the rune at pos in text(); 0 at the end.
  size_t rune_width(size_t pos) const;

  // Whether pos is inside a rune of text() (not at a boundary).
  bool inside_rune(size_t pos) const {
    return pos < text_.size() && (static_cast<unsigned char>(text_[pos]) & 0xC0) == 0x80;
  }

 private:
  std::string_view text_;
  std::string copy_;
  std::vector<size_t> replaced_;  // where each U+FFFD standing for one byte starts in copy_
};

}  // namespace vo::stdlib::rx
