// Natives of package math: thin bindings of <cmath>, which computes the
// correctly rounded results Go's tests expect for these functions.
#include <cmath>
#include <cstring>

#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

double F(Slot s) {
  double d;
  std::memcpy(&d, &s, 8);
  return d;
}
Slot S(double d) {
  Slot s;
  std::memcpy(&s, &d, 8);
  return s;
}

template <double (*fn)(double)>
void unary(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(fn(F(a[0]))); }
template <double (*fn)(double, double)>
void binary(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(fn(F(a[0]), F(a[1]))); }

double go_round(double x) { return std::round(x); }  // half away from zero, as Go
double go_abs(double x) { return std::fabs(x); }
double go_mod(double x, double y) { return std::fmod(x, y); }

void inf(vm::NativeCtx&, Slot* a, Slot* r) {
  r[0] = S(static_cast<int64_t>(a[0]) >= 0 ? HUGE_VAL : -HUGE_VAL);
}
void nan(vm::NativeCtx&, Slot*, Slot* r) { r[0] = S(std::nan("")); }
void is_nan(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = std::isnan(F(a[0])); }
void is_inf(vm::NativeCtx&, Slot* a, Slot* r) {
  double f = F(a[0]);
  int64_t sign = static_cast<int64_t>(a[1]);
  r[0] = (sign >= 0 && f == HUGE_VAL) || (sign <= 0 && f == -HUGE_VAL);
}
void signbit(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = std::signbit(F(a[0])); }
void float64bits(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = a[0]; }
void float64frombits(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = a[0]; }

constexpr NativeDef kNatives[] = {
    {"math.Sqrt", unary<std::sqrt>},     {"math.Abs", unary<go_abs>},
    {"math.Floor", unary<std::floor>},   {"math.Ceil", unary<std::ceil>},
    {"math.Trunc", unary<std::trunc>},   {"math.Round", unary<go_round>},
    {"math.Pow", binary<std::pow>},      {"math.Exp", unary<std::exp>},
    {"math.Log", unary<std::log>},       {"math.Log2", unary<std::log2>},
    {"math.Log10", unary<std::log10>},   {"math.Sin", unary<std::sin>},
    {"math.Cos", unary<std::cos>},       {"math.Tan", unary<std::tan>},
    {"math.Atan", unary<std::atan>},     {"math.Atan2", binary<std::atan2>},
    {"math.Hypot", binary<std::hypot>},  {"math.Mod", binary<go_mod>},
    {"math.Inf", inf},                   {"math.NaN", nan},
    {"math.IsNaN", is_nan},              {"math.IsInf", is_inf},
    {"math.Signbit", signbit},           {"math.Copysign", binary<std::copysign>},
    {"math.Float64bits", float64bits},   {"math.Float64frombits", float64frombits},
};

}  // namespace

std::span<const NativeDef> math_natives() { return kNatives; }

}  // namespace vo::stdlib
