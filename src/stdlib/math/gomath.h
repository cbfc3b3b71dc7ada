// Go's math package algorithms, so that Vo's math functions return the very
// bits Go returns on amd64 (Go computes most functions with its own
// polynomial algorithms, not with the C library; Exp, Log and Hypot with
// amd64 assembly, reproduced here, Exp on its FMA path). Functions whose
// result is exactly defined (Sqrt, Floor, Mod, FMA, ...) use <cmath>.
#pragma once
#include <cstdint>

namespace vo::gomath {

double nan();  // Go's NaN(): bits 0x7FF8000000000001
double inf(int64_t sign);
bool is_inf(double x, int64_t sign);

double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log2(double x);
double log10(double x);
double log1p(double x);
double pow(double x, double y);
double pow10(int64_t n);
double hypot(double p, double q);
double cbrt(double x);

double sin(double x);
double cos(double x);
double tan(double x);
void sincos(double x, double* s, double* c);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);

double erf(double x);
double erfc(double x);
double erfinv(double x);
double erfcinv(double x);
double gamma(double x);
double lgamma(double x, int64_t* sign);
double j0(double x);
double j1(double x);
double jn(int64_t n, double x);
double y0(double x);
double y1(double x);
double yn(int64_t n, double x);

double frexp(double f, int64_t* exp);
double ldexp(double frac, int64_t exp);
double modf(double f, double* frac);  // returns the integer part
double mod(double x, double y);
double remainder(double x, double y);
double round(double x);
double round_to_even(double x);
double nextafter(double x, double y);
float nextafter32(float x, float y);
double logb(double x);
int64_t ilogb(double x);
double max(double x, double y);
double min(double x, double y);
double dim(double x, double y);

}  // namespace vo::gomath
