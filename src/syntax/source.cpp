#include "syntax/source.h"

#include <algorithm>

namespace vo::syntax {

std::string Position::str() const {
  // As Go's token.Position: "file:line:col", "line:col" without a file name,
  // "-" when nothing is known.
  std::string s(filename);
  if (line > 0) {
    if (!s.empty()) s += ':';
    s += std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  if (s.empty()) s = "-";
  return s;
}

SourceFile::SourceFile(std::string name, std::string text, Pos base)
    : name_(std::move(name)), text_(std::move(text)), base_(base) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }
}

Position SourceFile::position(Pos p) const {
  Position pos;
  pos.filename = name_;
  // end() itself is a valid position: the EOF token sits there.
  if (p < base_ || p > end()) return pos;
  const uint32_t off = p - base_;
  // Last line start that is <= off.
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  pos.line = static_cast<int>(line_index) + 1;
  pos.column = static_cast<int>(off - line_starts_[line_index]) + 1;
  return pos;
}

SourceFile* FileSet::add(std::string name, std::string text) {
  const Pos base = next_base_;
  auto file = std::make_unique<SourceFile>(std::move(name), std::move(text), base);
  // +1 so that a file's end position never equals the next file's base.
  next_base_ = file->end() + 1;
  files_.push_back(std::move(file));
  return files_.back().get();
}

const SourceFile* FileSet::file_of(Pos p) const {
  if (p == NoPos) return nullptr;
  // Files are appended with increasing bases: binary search on base.
  auto it = std::upper_bound(files_.begin(), files_.end(), p,
                             [](Pos v, const std::unique_ptr<SourceFile>& f) { return v < f->base(); });
  if (it == files_.begin()) return nullptr;
  const SourceFile* f = std::prev(it)->get();
  return p <= f->end() ? f : nullptr;
}

Position FileSet::position(Pos p) const {
  const SourceFile* f = file_of(p);
  return f ? f->position(p) : Position{};
}

}  // namespace vo::syntax
