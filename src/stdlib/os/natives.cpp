// Natives of package os: process arguments, environment, exit.
#include <cstdlib>
#include <string>

#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

void runtime_args(vm::NativeCtx& ctx, Slot*, Slot* r) { api::ret_strings(ctx, r, api::program_args(ctx)); }

void exit(vm::NativeCtx& ctx, Slot* a, Slot*) { api::exit_program(ctx, static_cast<int>(api::arg_int(a))); }

void getenv(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  const char* v = std::getenv(std::string(api::arg_string(a)).c_str());
  api::ret_string(ctx, r, v ? v : "");
}

void lookup_env(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  const char* v = std::getenv(std::string(api::arg_string(a)).c_str());
  api::ret_string(ctx, r, v ? v : "");
  api::ret_bool(r + 2, v != nullptr);
}

void setenv(vm::NativeCtx&, Slot* a, Slot*) {
  ::setenv(std::string(api::arg_string(a)).c_str(), std::string(api::arg_string(a + 2)).c_str(), 1);
}

void unsetenv(vm::NativeCtx&, Slot* a, Slot*) { ::unsetenv(std::string(api::arg_string(a)).c_str()); }

constexpr NativeDef kNatives[] = {
    {"os.runtimeArgs", runtime_args}, {"os.Exit", exit},     {"os.Getenv", getenv},
    {"os.LookupEnv", lookup_env},     {"os.setenv", setenv}, {"os.unsetenv", unsetenv},
};

}  // namespace

std::span<const NativeDef> os_natives() { return kNatives; }

}  // namespace vo::stdlib
