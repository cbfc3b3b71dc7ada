// The standard library: Vo sources embedded in the binary, and the natives
// their bodiless (extern) functions are bound to, by qualified name.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bytecode/module.h"

namespace vo::stdlib {

struct EmbeddedFile {
  const char* package;  // import path, e.g. "fmt", "unicode/utf8"
  const char* name;     // file name
  const char* text;
};

// Generated at build time from src/stdlib/<package>/*.vo.
const std::vector<EmbeddedFile>& embedded_files();

// The embedded files of one package (empty if there is no such package).
std::vector<const EmbeddedFile*> package_files(std::string_view path);

struct NativeDef {
  const char* name;  // qualified: "fmt.Println", "strings.Builder.String"
  bc::NativeFn fn;
};

// The native implementing `qualified`, or nullptr.
bc::NativeFn find_native(std::string_view qualified);

// The packages with natives: each folder's natives.cpp defines
// `std::span<const NativeDef> <id>_natives()`. Adding a package with natives
// adds one line here.
#define VO_NATIVE_PACKAGES(X) \
  X(fmt)                      \
  X(math)                     \
  X(os)                       \
  X(errors)                   \
  X(strings)                  \
  X(strconv)                  \
  X(unicode)                  \
  X(utf8)                     \
  X(bytes)                    \
  X(sort)                     \
  X(bits)                     \
  X(rand)                     \
  X(cmp)                      \
  X(io)                       \
  X(bufio)                    \
  X(time)                     \
  X(filepath)                 \
  X(encoding)                 \
  X(dyn)                      \
  X(slices)                   \
  X(runtime)                  \
  X(regexp)

#define VO_DECLARE_NATIVES(id) std::span<const NativeDef> id##_natives();
VO_NATIVE_PACKAGES(VO_DECLARE_NATIVES)
#undef VO_DECLARE_NATIVES

}  // namespace vo::stdlib
