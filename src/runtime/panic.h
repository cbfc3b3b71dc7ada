// Runtime faults raised by C++ runtime code. Functions throw PanicError with
// Go's exact text ("runtime error: ..."); the VM catches it at the
// instruction that called into the runtime and turns it into a Vo panic whose
// value is that string.
#pragma once
#include <string>

namespace vo::rt {

struct PanicError {
  std::string msg;
};

[[noreturn]] inline void throw_panic(std::string msg) { throw PanicError{std::move(msg)}; }

}  // namespace vo::rt
