// Source files and positions. A Pos is an offset into the FileSet's global
// address space (as in Go's token.FileSet), so AST nodes carry 4 bytes.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vo::syntax {

using Pos = uint32_t;
constexpr Pos NoPos = 0;

struct Position {
  std::string_view filename;
  int line = 0;    // 1-based; 0 means unknown
  int column = 0;  // 1-based, in bytes
  std::string str() const;  // "file:line:col" (or "file:line" if column == 0)
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text, Pos base);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  Pos base() const { return base_; }
  Pos end() const { return base_ + static_cast<Pos>(text_.size()); }
  Position position(Pos p) const;

 private:
  std::string name_;
  std::string text_;
  Pos base_;
  std::vector<uint32_t> line_starts_;  // offsets of line beginnings
};

class FileSet {
 public:
  // Adds a file; its positions start after the previous file's (base >= 1).
  SourceFile* add(std::string name, std::string text);
  const SourceFile* file_of(Pos p) const;
  Position position(Pos p) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  Pos next_base_ = 1;
};

}  // namespace vo::syntax
