// Diagnostics collected by every front-end stage. Errors are reported with
// their positions and all of them are kept, not only the first.
#pragma once
#include <string>
#include <vector>

#include "syntax/source.h"

namespace vo::syntax {

enum class Severity { Error, Warning };

struct Diagnostic {
  Pos pos;
  Severity severity;
  std::string message;
};

class Diagnostics {
 public:
  explicit Diagnostics(const FileSet* fset) : fset_(fset) {}
  void error(Pos pos, std::string msg) { list_.push_back({pos, Severity::Error, std::move(msg)}); ++errors_; }
  void warning(Pos pos, std::string msg) { list_.push_back({pos, Severity::Warning, std::move(msg)}); }
  int error_count() const { return errors_; }
  const std::vector<Diagnostic>& list() const { return list_; }
  const FileSet* fset() const { return fset_; }
  // Sorted by position, one per line: "file:line:col: message".
  std::string format(bool include_warnings = false) const;

 private:
  const FileSet* fset_;
  std::vector<Diagnostic> list_;
  int errors_ = 0;
};

}  // namespace vo::syntax
