// The hook formatting code uses to call a value's Error() or String() method.
// The VM implements it; runtime code only sees this interface.
#pragma once
#include <string>

#include "runtime/value.h"

namespace vo::rt {

class MethodCaller {
 public:
  virtual ~MethodCaller() = default;
  // Calls `Error() string` if the dynamic type has it, else `String() string`;
  // returns true with *out set when one was called.
  virtual bool stringify(const void* type_word, Slot data, std::string* out) = 0;
};

}  // namespace vo::rt
