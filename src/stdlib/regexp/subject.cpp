#include "stdlib/regexp/subject.h"

#include <algorithm>

#include "stdlib/regexp/utf8.h"

namespace vo::stdlib::rx {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

Subject::Subject(std::string_view original) {
  size_t bad = first_invalid(original);
  if (bad == std::string_view::npos) {
    text_ = original.data() ? original : std::string_view("", 0);
    return;
  }
  copy_.reserve(original.size() + 8);
  copy_.append(original.substr(0, bad));
  for (size_t i = bad; i < original.size();) {
    size_t w = valid_width(original, i);
    if (w == 0) {
      replaced_.push_back(copy_.size());
      copy_.append(kReplacement);
      ++i;
    } else {
      copy_.append(original.substr(i, w));
      i += w;
    }
  }
  text_ = copy_;
}

int64_t Subject::to_original(size_t pos) const {
  // Each replacement before pos added two bytes.
  auto before = std::lower_bound(replaced_.begin(), replaced_.end(), pos) - replaced_.begin();
  return static_cast<int64_t>(pos) - 2 * static_cast<int64_t>(before);
}

size_t Subject::rune_width(size_t pos) const {
  if (pos >= text_.size()) return 0;
  auto b = static_cast<unsigned char>(text_[pos]);
  if (b < 0x80) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return 4;
}

}  // namespace vo::stdlib::rx
