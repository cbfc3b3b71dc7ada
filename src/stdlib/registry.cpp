#include "stdlib/registry.h"

#include <unordered_map>

namespace vo::stdlib {

std::vector<const EmbeddedFile*> package_files(std::string_view path) {
  std::vector<const EmbeddedFile*> out;
  for (const EmbeddedFile& f : embedded_files())
    if (path == f.package) out.push_back(&f);
  return out;
}

bc::NativeFn find_native(std::string_view qualified) {
  static const std::unordered_map<std::string_view, bc::NativeFn> table = [] {
    std::unordered_map<std::string_view, bc::NativeFn> t;
#define VO_LIST_NATIVES(id) id##_natives(),
    for (std::span<const NativeDef> defs : {VO_NATIVE_PACKAGES(VO_LIST_NATIVES)})
#undef VO_LIST_NATIVES
      for (const NativeDef& d : defs) t.emplace(d.name, d.fn);
    return t;
  }();
  auto it = table.find(qualified);
  return it == table.end() ? nullptr : it->second;
}

}  // namespace vo::stdlib
