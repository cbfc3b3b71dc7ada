#include "syntax/diag.h"

#include <algorithm>

namespace vo::syntax {

std::string Diagnostics::format(bool include_warnings) const {
  std::vector<const Diagnostic*> sorted;
  sorted.reserve(list_.size());
  for (const Diagnostic& d : list_) {
    if (d.severity == Severity::Error || include_warnings) sorted.push_back(&d);
  }
  // Stable: diagnostics at the same position keep their reporting order.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Diagnostic* a, const Diagnostic* b) { return a->pos < b->pos; });
  std::string out;
  for (const Diagnostic* d : sorted) {
    const Position p = fset_ ? fset_->position(d->pos) : Position{};
    if (p.line > 0) {
      out += p.str();
      out += ": ";
    }
    if (d->severity == Severity::Warning) out += "warning: ";
    out += d->message;
    out += '\n';
  }
  return out;
}

}  // namespace vo::syntax
