// Natives of package math. The functions compute Go's bits: those with an
// exactly defined result use <cmath>; the others use gomath.cpp, Go's own
// algorithms (Go does not call the C library, whose results differ from
// Go's in the last bit for some arguments).
#include <cmath>
#include <cstring>

#include "stdlib/math/gomath.h"
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
int64_t I(Slot s) { return static_cast<int64_t>(s); }

template <double (*fn)(double)>
void unary(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(fn(F(a[0]))); }
template <double (*fn)(double, double)>
void binary(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(fn(F(a[0]), F(a[1]))); }

double go_sqrt(double x) { return std::sqrt(x); }
double go_abs(double x) { return std::fabs(x); }
double go_floor(double x) { return std::floor(x); }
double go_ceil(double x) { return std::ceil(x); }
double go_trunc(double x) { return std::trunc(x); }
double go_copysign(double x, double y) { return std::copysign(x, y); }

void fma(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(std::fma(F(a[0]), F(a[1]), F(a[2]))); }
void inf(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(gomath::inf(I(a[0]))); }
void nan(vm::NativeCtx&, Slot*, Slot* r) { r[0] = S(gomath::nan()); }
void is_nan(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = std::isnan(F(a[0])); }
void is_inf(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = gomath::is_inf(F(a[0]), I(a[1])); }
void signbit(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = a[0] >> 63; }
void float64bits(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = a[0]; }
void float64frombits(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = a[0]; }
// A float32 occupies a slot as the double of its value.
void float32bits(vm::NativeCtx&, Slot* a, Slot* r) {
  float f = static_cast<float>(F(a[0]));
  uint32_t b;
  std::memcpy(&b, &f, 4);
  r[0] = b;
}
void float32frombits(vm::NativeCtx&, Slot* a, Slot* r) {
  uint32_t b = static_cast<uint32_t>(a[0]);
  float f;
  std::memcpy(&f, &b, 4);
  r[0] = S(static_cast<double>(f));
}
void nextafter32(vm::NativeCtx&, Slot* a, Slot* r) {
  r[0] = S(static_cast<double>(gomath::nextafter32(static_cast<float>(F(a[0])), static_cast<float>(F(a[1])))));
}
void frexp(vm::NativeCtx&, Slot* a, Slot* r) {
  int64_t e;
  r[0] = S(gomath::frexp(F(a[0]), &e));
  r[1] = static_cast<Slot>(e);
}
void ldexp(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(gomath::ldexp(F(a[0]), I(a[1]))); }
void modf(vm::NativeCtx&, Slot* a, Slot* r) {
  double frac;
  r[0] = S(gomath::modf(F(a[0]), &frac));
  r[1] = S(frac);
}
void sincos(vm::NativeCtx&, Slot* a, Slot* r) {
  double s, c;
  gomath::sincos(F(a[0]), &s, &c);
  r[0] = S(s);
  r[1] = S(c);
}
void lgamma(vm::NativeCtx&, Slot* a, Slot* r) {
  int64_t sign;
  r[0] = S(gomath::lgamma(F(a[0]), &sign));
  r[1] = static_cast<Slot>(sign);
}
void ilogb(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = static_cast<Slot>(gomath::ilogb(F(a[0]))); }
void pow10(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(gomath::pow10(I(a[0]))); }
void jn(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(gomath::jn(I(a[0]), F(a[1]))); }
void yn(vm::NativeCtx&, Slot* a, Slot* r) { r[0] = S(gomath::yn(I(a[0]), F(a[1]))); }

constexpr NativeDef kNatives[] = {
    // Exact operations (math.Sqrt, Abs, Floor, Ceil and Trunc are also
    // computed inline by the VM).
    {"math.Sqrt", unary<go_sqrt>},
    {"math.Abs", unary<go_abs>},
    {"math.Floor", unary<go_floor>},
    {"math.Ceil", unary<go_ceil>},
    {"math.Trunc", unary<go_trunc>},
    {"math.Round", unary<gomath::round>},
    {"math.RoundToEven", unary<gomath::round_to_even>},
    {"math.Copysign", binary<go_copysign>},
    {"math.Mod", binary<gomath::mod>},
    {"math.Remainder", binary<gomath::remainder>},
    {"math.Dim", binary<gomath::dim>},
    {"math.Max", binary<gomath::max>},
    {"math.Min", binary<gomath::min>},
    {"math.FMA", fma},
    {"math.Nextafter", binary<gomath::nextafter>},
    {"math.Nextafter32", nextafter32},
    {"math.Frexp", frexp},
    {"math.Ldexp", ldexp},
    {"math.Modf", modf},
    {"math.Logb", unary<gomath::logb>},
    {"math.Ilogb", ilogb},
    {"math.Inf", inf},
    {"math.NaN", nan},
    {"math.IsNaN", is_nan},
    {"math.IsInf", is_inf},
    {"math.Signbit", signbit},
    {"math.Float64bits", float64bits},
    {"math.Float64frombits", float64frombits},
    {"math.Float32bits", float32bits},
    {"math.Float32frombits", float32frombits},
    // Go's algorithms.
    {"math.Pow", binary<gomath::pow>},
    {"math.Pow10", pow10},
    {"math.Exp", unary<gomath::exp>},
    {"math.Exp2", unary<gomath::exp2>},
    {"math.Expm1", unary<gomath::expm1>},
    {"math.Log", unary<gomath::log>},
    {"math.Log2", unary<gomath::log2>},
    {"math.Log10", unary<gomath::log10>},
    {"math.Log1p", unary<gomath::log1p>},
    {"math.Hypot", binary<gomath::hypot>},
    {"math.Cbrt", unary<gomath::cbrt>},
    {"math.Sin", unary<gomath::sin>},
    {"math.Cos", unary<gomath::cos>},
    {"math.Tan", unary<gomath::tan>},
    {"math.Sincos", sincos},
    {"math.Asin", unary<gomath::asin>},
    {"math.Acos", unary<gomath::acos>},
    {"math.Atan", unary<gomath::atan>},
    {"math.Atan2", binary<gomath::atan2>},
    {"math.Sinh", unary<gomath::sinh>},
    {"math.Cosh", unary<gomath::cosh>},
    {"math.Tanh", unary<gomath::tanh>},
    {"math.Asinh", unary<gomath::asinh>},
    {"math.Acosh", unary<gomath::acosh>},
    {"math.Atanh", unary<gomath::atanh>},
    {"math.Erf", unary<gomath::erf>},
    {"math.Erfc", unary<gomath::erfc>},
    {"math.Erfinv", unary<gomath::erfinv>},
    {"math.Erfcinv", unary<gomath::erfcinv>},
    {"math.Gamma", unary<gomath::gamma>},
    {"math.Lgamma", lgamma},
    {"math.J0", unary<gomath::j0>},
    {"math.J1", unary<gomath::j1>},
    {"math.Jn", jn},
    {"math.Y0", unary<gomath::y0>},
    {"math.Y1", unary<gomath::y1>},
    {"math.Yn", yn},
};

}  // namespace

std::span<const NativeDef> math_natives() { return kNatives; }

}  // namespace vo::stdlib
