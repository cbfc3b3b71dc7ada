// Go's math algorithms (see gomath.h). They follow the Go 1.19 sources of
// package math (BSD licence; most derive from FreeBSD's msun and Cephes)
// operation for operation: every multiplication and addition is rounded
// separately, as Go does on amd64 (no contraction into fused multiply-adds;
// the pragma keeps GCC from contracting on targets that have FMA).
// Constants that Go computes exactly at compile time (4/Pi, 1/Ln10, ...)
// are written as the float64 Go rounds them to.
#include "stdlib/math/gomath.h"

#include <cfloat>
#include <cmath>
#include <cstring>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace vo::gomath {

namespace {

inline uint64_t bits(double x) {
  uint64_t b;
  std::memcpy(&b, &x, 8);
  return b;
}
inline double from_bits(uint64_t b) {
  double x;
  std::memcpy(&x, &b, 8);
  return x;
}
inline uint32_t bits32(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}
inline float from_bits32(uint32_t b) {
  float x;
  std::memcpy(&x, &b, 4);
  return x;
}

constexpr uint64_t kUvNaN = 0x7FF8000000000001;
constexpr uint64_t kUvInf = 0x7FF0000000000000;
constexpr uint64_t kUvNegInf = 0xFFF0000000000000;
constexpr uint64_t kUvOne = 0x3FF0000000000000;
constexpr uint64_t kMask = 0x7FF;
constexpr int kShift = 52;
constexpr int kBias = 1023;
constexpr uint64_t kSignMask = uint64_t(1) << 63;
constexpr uint64_t kFracMask = (uint64_t(1) << kShift) - 1;

constexpr double kPi = 0x1.921fb54442d18p+1;
constexpr double kPi2 = 0x1.921fb54442d18p+0;      // Pi/2
constexpr double kPi4 = 0x1.921fb54442d18p-1;      // Pi/4
constexpr double k3Pi4 = 0x1.2d97c7f3321d2p+1;     // 3*Pi/4
constexpr double k4OverPi = 0x1.45f306dc9c883p+0;  // 4/Pi
constexpr double k2OverPi = 0x1.45f306dc9c883p-1;  // 2/Pi
constexpr double kInvSqrtPi = 0x1.20dd750429b6dp-1;  // 1/SqrtPi
constexpr double kLn2 = 0x1.62e42fefa39efp-1;
constexpr double kInvLn2 = 0x1.71547652b82fep+0;   // 1/Ln2
constexpr double kInvLn10 = 0x1.bcb7b1526e50ep-2;  // 1/Ln10
constexpr double kSqrt2Over2 = 0x1.6a09e667f3bcdp-1;

inline bool isnan(double x) { return x != x; }
inline bool isinf(double x, int sign) {
  return (sign >= 0 && x > DBL_MAX) || (sign <= 0 && x < -DBL_MAX);
}
inline double goabs(double x) { return from_bits(bits(x) & ~kSignMask); }
inline double copysign(double f, double sign) {
  return from_bits((bits(f) & ~kSignMask) | (bits(sign) & kSignMask));
}
inline bool signbit(double x) { return (bits(x) & kSignMask) != 0; }

// Go's float64 -> int64 conversion on amd64 (CVTTSD2SQ): truncates; NaN and
// out-of-range values give MinInt64.
inline int64_t f2i(double x) {
  if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) return INT64_MIN;
  return static_cast<int64_t>(x);
}

// normalize returns a normal number y and exponent exp with x == y * 2**exp.
inline double normalize(double x, int64_t* exp) {
  constexpr double kSmallestNormal = 2.2250738585072014e-308;
  if (goabs(x) < kSmallestNormal) {
    *exp = -52;
    return x * 4503599627370496.0;  // 1 << 52
  }
  *exp = 0;
  return x;
}

// Payne-Hanek reduction of x >= reduceThreshold (trig_reduce.go).
constexpr double kReduceThreshold = 536870912.0;  // 1 << 29
const uint64_t kMPi4[] = {
    0x0000000000000001, 0x45f306dc9c882a53, 0xf84eafa3ea69bb81, 0xb6c52b3278872083,
    0xfca2c757bd778ac3, 0x6e48dc74849ba5c0, 0x0c925dd413a32439, 0xfc3bd63962534e7d,
    0xd1046bea5d768909, 0xd338e04d68befc82, 0x7323ac7306a673e9, 0x3908bf177bf25076,
    0x3ff12fffbc0b301f, 0xde5e2316b414da3e, 0xda6cfd9e4f96136e, 0x9e8c7ecd3cbfd45a,
    0xea4f758fd7cbe2f6, 0x7a0e73ef14a525d4, 0xd7f6bf623f1aba10, 0xac06608df8f6d757,
};

inline void mul64(uint64_t x, uint64_t y, uint64_t* hi, uint64_t* lo) {
  unsigned __int128 p = static_cast<unsigned __int128>(x) * y;
  *hi = static_cast<uint64_t>(p >> 64);
  *lo = static_cast<uint64_t>(p);
}

void trig_reduce(double x, uint64_t* jout, double* zout) {
  if (x < kPi4) {
    *jout = 0;
    *zout = x;
    return;
  }
  uint64_t ix = bits(x);
  int exp = static_cast<int>((ix >> kShift) & kMask) - kBias - kShift;
  ix &= ~(kMask << kShift);
  ix |= uint64_t(1) << kShift;
  unsigned digit = static_cast<unsigned>(exp + 61) / 64, bitshift = static_cast<unsigned>(exp + 61) % 64;
  // Go's shifts by 64 or more give 0.
  auto shr = [](uint64_t v, unsigned s) -> uint64_t { return s >= 64 ? 0 : v >> s; };
  auto shl = [](uint64_t v, unsigned s) -> uint64_t { return s >= 64 ? 0 : v << s; };
  uint64_t z0 = (kMPi4[digit] << bitshift) | shr(kMPi4[digit + 1], 64 - bitshift);
  uint64_t z1 = (kMPi4[digit + 1] << bitshift) | shr(kMPi4[digit + 2], 64 - bitshift);
  uint64_t z2 = (kMPi4[digit + 2] << bitshift) | shr(kMPi4[digit + 3], 64 - bitshift);
  uint64_t z2hi, z2lo, z1hi, z1lo;
  mul64(z2, ix, &z2hi, &z2lo);
  mul64(z1, ix, &z1hi, &z1lo);
  uint64_t z0lo = z0 * ix;
  uint64_t lo = z1lo + z2hi;
  uint64_t c = lo < z1lo ? 1 : 0;
  uint64_t hi = z0lo + z1hi + c;
  uint64_t j = hi >> 61;
  hi = hi << 3 | lo >> 61;
  unsigned lz = hi == 0 ? 64 : static_cast<unsigned>(__builtin_clzll(hi));
  uint64_t e = static_cast<uint64_t>(kBias - (lz + 1));
  hi = shl(hi, lz + 1) | shr(lo, 64 - (lz + 1));
  hi >>= 64 - kShift;
  hi |= e << kShift;
  double z = from_bits(hi);
  if (j & 1) {
    j++;
    j &= 7;
    z--;
  }
  *jout = j;
  *zout = z * kPi4;
}

const double kSin[] = {
    1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
    -1.98412698295895385996e-4, 8.33333333332211858878e-3,  -1.66666666666666307295e-1,
};
const double kCos[] = {
    -1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
    2.48015872888517045348e-5,   -1.38888888888730564116e-3, 4.16666666666665929218e-2,
};
constexpr double PI4A = 7.85398125648498535156e-1;
constexpr double PI4B = 3.77489470793079817668e-8;
constexpr double PI4C = 2.69515142907905952645e-15;

inline double sin_poly(double z, double zz) {
  return z + z * zz * ((((((kSin[0] * zz) + kSin[1]) * zz + kSin[2]) * zz + kSin[3]) * zz + kSin[4]) * zz + kSin[5]);
}
inline double cos_poly(double zz) {
  return 1.0 - 0.5 * zz + zz * zz * ((((((kCos[0] * zz) + kCos[1]) * zz + kCos[2]) * zz + kCos[3]) * zz + kCos[4]) * zz + kCos[5]);
}

// The octant j and reduced argument z of x >= 0 (shared by sin, cos, sincos).
inline void octant(double x, uint64_t* jout, double* zout) {
  if (x >= kReduceThreshold) {
    trig_reduce(x, jout, zout);
    return;
  }
  uint64_t j = static_cast<uint64_t>(x * k4OverPi);
  double y = static_cast<double>(j);
  if (j & 1) {
    j++;
    y++;
  }
  j &= 7;
  *jout = j;
  *zout = ((x - y * PI4A) - y * PI4B) - y * PI4C;
}

// satan reduces its argument (known to be positive) to [0, 0.66] and calls xatan.
double xatan(double x) {
  constexpr double P0 = -8.750608600031904122785e-01, P1 = -1.615753718733365076637e+01,
                   P2 = -7.500855792314704667340e+01, P3 = -1.228866684490136173410e+02,
                   P4 = -6.485021904942025371773e+01, Q0 = +2.485846490142306297962e+01,
                   Q1 = +1.650270098316988542046e+02, Q2 = +4.328810604912902668951e+02,
                   Q3 = +4.853903996359136964868e+02, Q4 = +1.945506571482613964425e+02;
  double z = x * x;
  z = z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4) / (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
  z = x * z + x;
  return z;
}

double satan(double x) {
  constexpr double Morebits = 6.123233995736765886130e-17;
  constexpr double HalfMorebits = 0x1.1a62633145c07p-55;
  constexpr double Tan3pio8 = 2.41421356237309504880;
  if (x <= 0.66) return xatan(x);
  if (x > Tan3pio8) return kPi2 - xatan(1 / x) + Morebits;
  return kPi4 + xatan((x - 1) / (x + 1)) + HalfMorebits;
}

}  // namespace

double nan() { return from_bits(kUvNaN); }
double inf(int64_t sign) { return from_bits(sign >= 0 ? kUvInf : kUvNegInf); }
bool is_inf(double x, int64_t sign) { return isinf(x, sign > 0 ? 1 : sign < 0 ? -1 : 0); }

// ---- exponentials and logarithms ------------------------------------------

// Go's amd64 assembly Exp (exp_amd64.s, after Shibata's SLEEF), on its path
// for CPUs with FMA.
double exp(double x) {
  constexpr double LOG2E = 1.4426950408889634073599246810018920;
  constexpr double LN2U = 0.69314718055966295651160180568695068359375;
  constexpr double LN2L = 0.28235290563031577122588448175013436025525412068e-12;
  constexpr double Overflow = 7.09782712893384e+02;
  constexpr double C[] = {0.5,
                          1.0,
                          2.0,
                          1.6666666666666666667e-1,
                          4.1666666666666666667e-2,
                          8.3333333333333333333e-3,
                          1.3888888888888888889e-3,
                          1.9841269841269841270e-4,
                          2.4801587301587301587e-5};
  uint64_t bx = bits(x);
  if (static_cast<int64_t>(kUvInf) <= static_cast<int64_t>(bx & ~kSignMask)) {
    if (bx == kUvNegInf) return 0;
    return x;  // NaN or +Inf
  }
  if (x > Overflow) return from_bits(kUvInf);
  double x1 = LOG2E * x;
  // CVTSD2SL: round to nearest even; out of range gives MinInt32.
  double r = std::nearbyint(x1);
  int32_t e = (r >= -2147483648.0 && r < 2147483648.0) ? static_cast<int32_t>(r) : INT32_MIN;
  x1 = static_cast<double>(e);
  double x0 = std::fma(-LN2U, x1, x);
  x0 = std::fma(-LN2L, x1, x0);
  x0 *= 0.0625;
  double t = C[8];
  t = std::fma(t, x0, C[7]);
  t = std::fma(t, x0, C[6]);
  t = std::fma(t, x0, C[5]);
  t = std::fma(t, x0, C[4]);
  t = std::fma(t, x0, C[3]);
  t = std::fma(t, x0, C[0]);
  t = std::fma(t, x0, C[1]);
  x0 = x0 * t;
  t = x0 + 2.0;
  x0 = x0 * t;
  t = x0 + 2.0;
  x0 = x0 * t;
  t = x0 + 2.0;
  x0 = x0 * t;
  t = x0 + 2.0;
  x0 = std::fma(x0, t, 1.0);
  // x0 * 2**e
  int64_t be = static_cast<int64_t>(e) + 0x3FF;
  if (be <= 0) {
    if (be < -52) return 0;
    be += 0x3FE;
    x0 *= from_bits(static_cast<uint64_t>(be) << 52);
    be = 1;
  } else if (be >= 0x7FF) {
    return from_bits(kUvInf);
  }
  return x0 * from_bits(static_cast<uint64_t>(be) << 52);
}

namespace {

double expmulti(double hi, double lo, int64_t k) {
  constexpr double P1 = 1.66666666666666657415e-01, P2 = -2.77777777770155933842e-03,
                   P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
                   P5 = 4.13813679705723846039e-08;
  double r = hi - lo;
  double t = r * r;
  double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  double y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  return ldexp(y, k);
}

// The pure-Go log (log.go), used for subnormal arguments: Go's amd64
// assembly mishandles those (it reads the biased exponent directly).
double log_pure(double x) {
  constexpr double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10,
                   L1 = 6.666666666666735130e-01, L2 = 3.999999999940941908e-01,
                   L3 = 2.857142874366239149e-01, L4 = 2.222219843214978396e-01,
                   L5 = 1.818357216161805012e-01, L6 = 1.531383769920937332e-01,
                   L7 = 1.479819860511658591e-01;
  int64_t ki;
  double f1 = frexp(x, &ki);
  if (f1 < kSqrt2Over2) {
    f1 *= 2;
    ki--;
  }
  double f = f1 - 1;
  double k = static_cast<double>(ki);
  double s = f / (2 + f);
  double s2 = s * s;
  double s4 = s2 * s2;
  double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  double R = t1 + t2;
  double hfsq = 0.5 * f * f;
  return k * Ln2Hi - ((hfsq - (s * (hfsq + R) + k * Ln2Lo)) - f);
}

}  // namespace

double exp2(double x) {
  constexpr double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
  constexpr double Overflow = 1.0239999999999999e+03, Underflow = -1.0740e+03;
  if (isnan(x) || isinf(x, 1)) return x;
  if (isinf(x, -1)) return 0;
  if (x > Overflow) return inf(1);
  if (x < Underflow) return 0;
  int64_t k = 0;
  if (x > 0) {
    k = static_cast<int64_t>(x + 0.5);
  } else if (x < 0) {
    k = static_cast<int64_t>(x - 0.5);
  }
  double t = x - static_cast<double>(k);
  double hi = t * Ln2Hi;
  double lo = -t * Ln2Lo;
  return expmulti(hi, lo, k);
}

double expm1(double x) {
  constexpr double Othreshold = 7.09782712893383973096e+02, Ln2X56 = 3.88162421113569373274e+01,
                   Ln2HalfX3 = 1.03972077083991796413e+00, Ln2Half = 3.46573590279972654709e-01,
                   Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10,
                   InvLn2 = 1.44269504088896338700e+00, Tiny = 1.0 / (1LL << 54),
                   Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
                   Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
                   Q5 = -2.01099218183624371326e-07;
  if (isinf(x, 1) || isnan(x)) return x;
  if (isinf(x, -1)) return -1;
  double absx = x;
  bool sign = false;
  if (x < 0) {
    absx = -absx;
    sign = true;
  }
  if (absx >= Ln2X56) {
    if (sign) return -1;
    if (absx >= Othreshold) return inf(1);
  }
  double c = 0;
  int64_t k = 0;
  if (absx > Ln2Half) {
    double hi, lo;
    if (absx < Ln2HalfX3) {
      if (!sign) {
        hi = x - Ln2Hi;
        lo = Ln2Lo;
        k = 1;
      } else {
        hi = x + Ln2Hi;
        lo = -Ln2Lo;
        k = -1;
      }
    } else {
      if (!sign) {
        k = static_cast<int64_t>(InvLn2 * x + 0.5);
      } else {
        k = static_cast<int64_t>(InvLn2 * x - 0.5);
      }
      double t = static_cast<double>(k);
      hi = x - t * Ln2Hi;
      lo = t * Ln2Lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (absx < Tiny) {
    return x;
  } else {
    k = 0;
  }
  double hfx = 0.5 * x;
  double hxs = x * hfx;
  double r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  double t = 3 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k <= -2 || k > 56) {
    double y = 1 - (e - x);
    y = from_bits(bits(y) + (static_cast<uint64_t>(k) << 52));
    return y - 1;
  }
  if (k < 20) {
    double tt = from_bits(0x3ff0000000000000 - (0x20000000000000ULL >> k));
    double y = tt - (e - x);
    y = from_bits(bits(y) + (static_cast<uint64_t>(k) << 52));
    return y;
  }
  t = from_bits(static_cast<uint64_t>(0x3ff - k) << 52);
  double y = x - (e + t);
  y++;
  y = from_bits(bits(y) + (static_cast<uint64_t>(k) << 52));
  return y;
}

// Go's amd64 assembly Log (log_amd64.s) for normal arguments.
double log(double x) {
  constexpr double HSqrt2 = 7.07106781186547524401e-01, Ln2Hi = 6.93147180369123816490e-01,
                   Ln2Lo = 1.90821492927058770002e-10, L1 = 6.666666666666735130e-01,
                   L2 = 3.999999999940941908e-01, L3 = 2.857142874366239149e-01,
                   L4 = 2.222219843214978396e-01, L5 = 1.818357216161805012e-01,
                   L6 = 1.531383769920937332e-01, L7 = 1.479819860511658591e-01;
  uint64_t bx = bits(x);
  if ((bx & ~kSignMask) == 0) return from_bits(kUvNegInf);
  if (static_cast<int64_t>(bx) < 0) return from_bits(kUvNaN);
  if (static_cast<int64_t>(kUvInf) <= static_cast<int64_t>(bx)) return x;
  if ((bx >> kShift) == 0) return log_pure(x);  // subnormal
  double f1 = from_bits((bx & kFracMask) | 0x3FE0000000000000);
  double k = static_cast<double>(static_cast<int32_t>((bx >> 52) & 0x7FF) - 0x3FE);
  if (!(HSqrt2 < f1)) {
    k -= 1;
    f1 *= 2;
  }
  double f = f1 - 1;
  double s = f / (2 + f);
  double s2 = s * s;
  double s4 = s2 * s2;
  double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  double R = t1 + t2;
  double hfsq = 0.5 * f * f;
  return k * Ln2Hi - ((hfsq - (s * (hfsq + R) + k * Ln2Lo)) - f);
}

double log10(double x) { return log(x) * kInvLn10; }

double log2(double x) {
  int64_t e;
  double frac = frexp(x, &e);
  if (frac == 0.5) return static_cast<double>(e - 1);
  return log(frac) * kInvLn2 + static_cast<double>(e);
}

double log1p(double x) {
  constexpr double Sqrt2M1 = 4.142135623730950488017e-01, Sqrt2HalfM1 = -2.928932188134524755992e-01,
                   Small = 1.0 / (1 << 29), Tiny = 1.0 / (1LL << 54), Two53 = 9007199254740992.0,
                   Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10,
                   Lp1 = 6.666666666666735130e-01, Lp2 = 3.999999999940941908e-01,
                   Lp3 = 2.857142874366239149e-01, Lp4 = 2.222219843214978396e-01,
                   Lp5 = 1.818357216161805012e-01, Lp6 = 1.531383769920937332e-01,
                   Lp7 = 1.479819860511658591e-01;
  if (x < -1 || isnan(x)) return nan();
  if (x == -1) return inf(-1);
  if (isinf(x, 1)) return inf(1);
  double absx = goabs(x);
  double f = 0;
  uint64_t iu = 0;
  int64_t k = 1;
  if (absx < Sqrt2M1) {
    if (absx < Small) {
      if (absx < Tiny) return x;
      return x - x * x * 0.5;
    }
    if (x > Sqrt2HalfM1) {
      k = 0;
      f = x;
      iu = 1;
    }
  }
  double c = 0;
  if (k != 0) {
    double u;
    if (absx < Two53) {
      u = 1.0 + x;
      iu = bits(u);
      k = static_cast<int64_t>((iu >> 52) - 1023);
      if (k > 0) {
        c = 1.0 - (u - x);
      } else {
        c = x - (u - 1.0);
      }
      c /= u;
    } else {
      u = x;
      iu = bits(u);
      k = static_cast<int64_t>((iu >> 52) - 1023);
      c = 0;
    }
    iu &= 0x000fffffffffffff;
    if (iu < 0x0006a09e667f3bcd) {
      u = from_bits(iu | 0x3ff0000000000000);
    } else {
      k++;
      u = from_bits(iu | 0x3fe0000000000000);
      iu = (0x0010000000000000 - iu) >> 2;
    }
    f = u - 1.0;
  }
  double hfsq = 0.5 * f * f;
  double s, R, z;
  double fk = static_cast<double>(k);
  if (iu == 0) {
    if (f == 0) {
      if (k == 0) return 0;
      c += fk * Ln2Lo;
      return fk * Ln2Hi + c;
    }
    R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - R;
    return fk * Ln2Hi - ((R - (fk * Ln2Lo + c)) - f);
  }
  s = f / (2.0 + f);
  z = s * s;
  R = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return fk * Ln2Hi - ((hfsq - (s * (hfsq + R) + (fk * Ln2Lo + c))) - f);
}

namespace {

bool is_odd_int(double x) {
  double xf;
  double xi = modf(x, &xf);
  return xf == 0 && (f2i(xi) & 1) == 1;
}

}  // namespace

double pow(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (y == 1) return x;
  if (isnan(x) || isnan(y)) return nan();
  if (x == 0) {
    if (y < 0) {
      if (is_odd_int(y)) return copysign(inf(1), x);
      return inf(1);
    }
    if (y > 0) {
      if (is_odd_int(y)) return x;
      return 0;
    }
  } else if (isinf(y, 0)) {
    if (x == -1) return 1;
    if ((goabs(x) < 1) == isinf(y, 1)) return 0;
    return inf(1);
  } else if (isinf(x, 0)) {
    if (isinf(x, -1)) return pow(1 / x, -y);
    if (y < 0) return 0;
    if (y > 0) return inf(1);
  } else if (y == 0.5) {
    return std::sqrt(x);
  } else if (y == -0.5) {
    return 1 / std::sqrt(x);
  }
  double yf;
  double yi = modf(goabs(y), &yf);
  if (yf != 0 && x < 0) return nan();
  if (yi >= 9223372036854775808.0) {
    if (x == -1) return 1;
    if ((goabs(x) < 1) == (y > 0)) return 0;
    return inf(1);
  }
  double a1 = 1.0;
  int64_t ae = 0;
  if (yf != 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = exp(yf * log(x));
  }
  int64_t xe;
  double x1 = frexp(x, &xe);
  for (int64_t i = static_cast<int64_t>(yi); i != 0; i >>= 1) {
    if (xe < -(1 << 12) || (1 << 12) < xe) {
      ae += xe;
      break;
    }
    if ((i & 1) == 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < .5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

double pow10(int64_t n) {
  static const double tab[] = {1e00, 1e01, 1e02, 1e03, 1e04, 1e05, 1e06, 1e07, 1e08, 1e09, 1e10,
                               1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
                               1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31};
  static const double postab32[] = {1e00, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288};
  static const double negtab32[] = {1e-00,  1e-32,  1e-64,  1e-96,  1e-128, 1e-160,
                                    1e-192, 1e-224, 1e-256, 1e-288, 1e-320};
  if (0 <= n && n <= 308) return postab32[n / 32] * tab[n % 32];
  if (-323 <= n && n <= 0) return negtab32[(-n) / 32] / tab[(-n) % 32];
  if (n > 0) return inf(1);
  return 0;
}

// Go's amd64 assembly Hypot (hypot_amd64.s).
double hypot(double p, double q) {
  uint64_t bp = bits(p) & ~kSignMask, bq = bits(q) & ~kSignMask;
  if (bp >= kUvInf || bq >= kUvInf) {
    if (bp == kUvInf || bq == kUvInf) return inf(1);
    return nan();
  }
  if ((bp | bq) == 0) return 0;
  double a = from_bits(bp), b = from_bits(bq);
  double hi = a > b ? a : b, lo = a > b ? b : a;
  lo = lo / hi;
  lo = lo * lo;
  lo += 1.0;
  lo = std::sqrt(lo);
  return hi * lo;
}

double cbrt(double x) {
  constexpr uint64_t B1 = 715094163, B2 = 696219795;
  constexpr double C = 5.42857142857142815906e-01, D = -7.05306122448979611050e-01,
                   E = 1.41428571428571436819e+00, F = 1.60714285714285720630e+00,
                   G = 3.57142857142857150787e-01, SmallestNormal = 2.22507385850720138309e-308;
  if (x == 0 || isnan(x) || isinf(x, 0)) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double t = from_bits(bits(x) / 3 + (B1 << 32));
  if (x < SmallestNormal) {
    t = 18014398509481984.0;  // 1 << 54
    t *= x;
    t = from_bits(bits(t) / 3 + (B2 << 32));
  }
  double r = t * t / x;
  double s = C + r * t;
  t *= G + F / (s + E + D / s);
  t = from_bits((bits(t) & (0xFFFFFFFFCULL << 28)) + (1ULL << 30));
  s = t * t;
  r = x / s;
  double w = t + t;
  r = (r - t) / (w + r);
  t = t + t * r;
  if (sign) t = -t;
  return t;
}

// ---- trigonometry -----------------------------------------------------------

double cos(double x) {
  if (isnan(x) || isinf(x, 0)) return nan();
  bool sign = false;
  x = goabs(x);
  uint64_t j;
  double z;
  octant(x, &j, &z);
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  double zz = z * z;
  double y = (j == 1 || j == 2) ? sin_poly(z, zz) : cos_poly(zz);
  return sign ? -y : y;
}

double sin(double x) {
  if (x == 0 || isnan(x)) return x;
  if (isinf(x, 0)) return nan();
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j;
  double z;
  octant(x, &j, &z);
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  double zz = z * z;
  double y = (j == 1 || j == 2) ? cos_poly(zz) : sin_poly(z, zz);
  return sign ? -y : y;
}

void sincos(double x, double* sout, double* cout) {
  if (x == 0) {
    *sout = x;
    *cout = 1;
    return;
  }
  if (isnan(x) || isinf(x, 0)) {
    *sout = *cout = nan();
    return;
  }
  bool sin_sign = false, cos_sign = false;
  if (x < 0) {
    x = -x;
    sin_sign = true;
  }
  uint64_t j;
  double z;
  octant(x, &j, &z);
  if (j > 3) {
    j -= 4;
    sin_sign = !sin_sign;
    cos_sign = !cos_sign;
  }
  if (j > 1) cos_sign = !cos_sign;
  double zz = z * z;
  double c = cos_poly(zz);
  double s = sin_poly(z, zz);
  if (j == 1 || j == 2) std::swap(s, c);
  if (cos_sign) c = -c;
  if (sin_sign) s = -s;
  *sout = s;
  *cout = c;
}

double tan(double x) {
  static const double P[] = {-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7};
  static const double Q[] = {1.00000000000000000000e0, 1.36812963470692954678e4, -1.32089234440210967447e6,
                             2.50083801823357915839e7, -5.38695755929454629881e7};
  if (x == 0 || isnan(x)) return x;
  if (isinf(x, 0)) return nan();
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j;
  double y, z;
  if (x >= kReduceThreshold) {
    trig_reduce(x, &j, &z);
  } else {
    j = static_cast<uint64_t>(x * k4OverPi);
    y = static_cast<double>(j);
    if (j & 1) {
      j++;
      y++;
    }
    z = ((x - y * PI4A) - y * PI4B) - y * PI4C;
  }
  double zz = z * z;
  if (zz > 1e-14) {
    y = z + z * (zz * (((P[0] * zz) + P[1]) * zz + P[2]) / ((((zz + Q[1]) * zz + Q[2]) * zz + Q[3]) * zz + Q[4]));
  } else {
    y = z;
  }
  if (j & 2) y = -1 / y;
  if (sign) y = -y;
  return y;
}

double asin(double x) {
  if (x == 0) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x > 1) return nan();
  double temp = std::sqrt(1 - x * x);
  if (x > 0.7) {
    temp = kPi2 - satan(temp / x);
  } else {
    temp = satan(x / temp);
  }
  if (sign) temp = -temp;
  return temp;
}

double acos(double x) { return kPi2 - asin(x); }

double atan(double x) {
  if (x == 0) return x;
  if (x > 0) return satan(x);
  return -satan(-x);
}

double atan2(double y, double x) {
  if (isnan(y) || isnan(x)) return nan();
  if (y == 0) {
    if (x >= 0 && !signbit(x)) return copysign(0, y);
    return copysign(kPi, y);
  }
  if (x == 0) return copysign(kPi2, y);
  if (isinf(x, 0)) {
    if (isinf(x, 1)) return isinf(y, 0) ? copysign(kPi4, y) : copysign(0, y);
    return isinf(y, 0) ? copysign(k3Pi4, y) : copysign(kPi, y);
  }
  if (isinf(y, 0)) return copysign(kPi2, y);
  double q = atan(y / x);
  if (x < 0) {
    if (q <= 0) return q + kPi;
    return q - kPi;
  }
  return q;
}

double sinh(double x) {
  constexpr double P0 = -0.6307673640497716991184787251e+6, P1 = -0.8991272022039509355398013511e+5,
                   P2 = -0.2894211355989563807284660366e+4, P3 = -0.2630563213397497062819489e+2,
                   Q0 = -0.6307673640497716991212077277e+6, Q1 = 0.1521517378790019070696485176e+5,
                   Q2 = -0.173678953558233699533450911e+3;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x > 21) {
    temp = exp(x) * 0.5;
  } else if (x > 0.5) {
    double ex = exp(x);
    temp = (ex - 1 / ex) * 0.5;
  } else {
    double sq = x * x;
    temp = (((P3 * sq + P2) * sq + P1) * sq + P0) * x;
    temp = temp / (((sq + Q2) * sq + Q1) * sq + Q0);
  }
  if (sign) temp = -temp;
  return temp;
}

double cosh(double x) {
  x = goabs(x);
  if (x > 21) return exp(x) * 0.5;
  double ex = exp(x);
  return (ex + 1 / ex) * 0.5;
}

double tanh(double x) {
  static const double P[] = {-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3};
  static const double Q[] = {1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3};
  constexpr double MAXLOG = 8.8029691931113054295988e+01;
  double z = goabs(x);
  if (z > 0.5 * MAXLOG) {
    if (x < 0) return -1;
    return 1;
  }
  if (z >= 0.625) {
    double s = exp(2 * z);
    z = 1 - 2 / (s + 1);
    if (x < 0) z = -z;
    return z;
  }
  if (x == 0) return x;
  double s = x * x;
  return x + x * s * ((P[0] * s + P[1]) * s + P[2]) / (((s + Q[0]) * s + Q[1]) * s + Q[2]);
}

double asinh(double x) {
  constexpr double Ln2 = 6.93147180559945286227e-01, NearZero = 1.0 / (1 << 28), Large = 1 << 28;
  if (isnan(x) || isinf(x, 0)) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x > Large) {
    temp = log(x) + Ln2;
  } else if (x > 2) {
    temp = log(2 * x + 1 / (std::sqrt(x * x + 1) + x));
  } else if (x < NearZero) {
    temp = x;
  } else {
    temp = log1p(x + x * x / (1 + std::sqrt(1 + x * x)));
  }
  if (sign) temp = -temp;
  return temp;
}

double acosh(double x) {
  constexpr double Large = 1 << 28;
  if (x < 1 || isnan(x)) return nan();
  if (x == 1) return 0;
  if (x >= Large) return log(x) + kLn2;
  if (x > 2) return log(2 * x - 1 / (x + std::sqrt(x * x - 1)));
  double t = x - 1;
  return log1p(t + std::sqrt(2 * t + t * t));
}

double atanh(double x) {
  constexpr double NearZero = 1.0 / (1 << 28);
  if (x < -1 || x > 1 || isnan(x)) return nan();
  if (x == 1) return inf(1);
  if (x == -1) return inf(-1);
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x < NearZero) {
    temp = x;
  } else if (x < 0.5) {
    temp = x + x;
    temp = 0.5 * log1p(temp + temp * x / (1 - x));
  } else {
    temp = 0.5 * log1p((x + x) / (1 - x));
  }
  if (sign) temp = -temp;
  return temp;
}

// ---- error and gamma functions ----------------------------------------------

namespace {

constexpr double erx = 8.45062911510467529297e-01, efx = 1.28379167095512586316e-01,
                 efx8 = 1.02703333676410069053e+00, pp0 = 1.28379167095512558561e-01,
                 pp1 = -3.25042107247001499370e-01, pp2 = -2.84817495755985104766e-02,
                 pp3 = -5.77027029648944159157e-03, pp4 = -2.37630166566501626084e-05,
                 qq1 = 3.97917223959155352819e-01, qq2 = 6.50222499887672944485e-02,
                 qq3 = 5.08130628187576562776e-03, qq4 = 1.32494738004321644526e-04,
                 qq5 = -3.96022827877536812320e-06, pa0 = -2.36211856075265944077e-03,
                 pa1 = 4.14856118683748331666e-01, pa2 = -3.72207876035701323847e-01,
                 pa3 = 3.18346619901161753674e-01, pa4 = -1.10894694282396677476e-01,
                 pa5 = 3.54783043256182359371e-02, pa6 = -2.16637559486879084300e-03,
                 qa1 = 1.06420880400844228286e-01, qa2 = 5.40397917702171048937e-01,
                 qa3 = 7.18286544141962662868e-02, qa4 = 1.26171219808761642112e-01,
                 qa5 = 1.36370839120290507362e-02, qa6 = 1.19844998467991074170e-02,
                 ra0 = -9.86494403484714822705e-03, ra1 = -6.93858572707181764372e-01,
                 ra2 = -1.05586262253232909814e+01, ra3 = -6.23753324503260060396e+01,
                 ra4 = -1.62396669462573470355e+02, ra5 = -1.84605092906711035994e+02,
                 ra6 = -8.12874355063065934246e+01, ra7 = -9.81432934416914548592e+00,
                 sa1 = 1.96512716674392571292e+01, sa2 = 1.37657754143519042600e+02,
                 sa3 = 4.34565877475229228821e+02, sa4 = 6.45387271733267880336e+02,
                 sa5 = 4.29008140027567833386e+02, sa6 = 1.08635005541779435134e+02,
                 sa7 = 6.57024977031928170135e+00, sa8 = -6.04244152148580987438e-02,
                 rb0 = -9.86494292470009928597e-03, rb1 = -7.99283237680523006574e-01,
                 rb2 = -1.77579549177547519889e+01, rb3 = -1.60636384855821916062e+02,
                 rb4 = -6.37566443368389627722e+02, rb5 = -1.02509513161107724954e+03,
                 rb6 = -4.83519191608651397019e+02, sb1 = 3.03380607434824582924e+01,
                 sb2 = 3.25792512996573918826e+02, sb3 = 1.53672958608443695994e+03,
                 sb4 = 3.19985821950859553908e+03, sb5 = 2.55305040643316442583e+03,
                 sb6 = 4.74528541206955367215e+02, sb7 = -2.24409524465858183362e+01;
constexpr double kInv035 = 0x1.6db6db6db6db7p+1;  // 1/0.35

}  // namespace

double erf(double x) {
  constexpr double VeryTiny = 2.848094538889218e-306, Small = 1.0 / (1 << 28);
  if (isnan(x)) return nan();
  if (isinf(x, 1)) return 1;
  if (isinf(x, -1)) return -1;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x < 0.84375) {
    double temp;
    if (x < Small) {
      if (x < VeryTiny) {
        temp = 0.125 * (8.0 * x + efx8 * x);
      } else {
        temp = x + efx * x;
      }
    } else {
      double z = x * x;
      double r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
      double s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
      double y = r / s;
      temp = x + x * y;
    }
    return sign ? -temp : temp;
  }
  if (x < 1.25) {
    double s = x - 1;
    double P = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))));
    double Q = 1 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))));
    if (sign) return -erx - P / Q;
    return erx + P / Q;
  }
  if (x >= 6) return sign ? -1 : 1;
  double s = 1 / (x * x);
  double R, S;
  if (x < kInv035) {
    R = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))));
    S = 1 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))));
  } else {
    R = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))));
    S = 1 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))));
  }
  double z = from_bits(bits(x) & 0xffffffff00000000);
  double r = exp(-z * z - 0.5625) * exp((z - x) * (z + x) + R / S);
  if (sign) return r / x - 1;
  return 1 - r / x;
}

double erfc(double x) {
  constexpr double Tiny = 1.0 / (1LL << 56);
  if (isnan(x)) return nan();
  if (isinf(x, 1)) return 0;
  if (isinf(x, -1)) return 2;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x < 0.84375) {
    double temp;
    if (x < Tiny) {
      temp = x;
    } else {
      double z = x * x;
      double r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
      double s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
      double y = r / s;
      if (x < 0.25) {
        temp = x + x * y;
      } else {
        temp = 0.5 + (x * y + (x - 0.5));
      }
    }
    if (sign) return 1 + temp;
    return 1 - temp;
  }
  if (x < 1.25) {
    double s = x - 1;
    double P = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))));
    double Q = 1 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))));
    if (sign) return 1 + erx + P / Q;
    return 1 - erx - P / Q;
  }
  if (x < 28) {
    double s = 1 / (x * x);
    double R, S;
    if (x < kInv035) {
      R = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))));
      S = 1 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))));
    } else {
      if (sign && x > 6) return 2;
      R = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))));
      S = 1 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))));
    }
    double z = from_bits(bits(x) & 0xffffffff00000000);
    double r = exp(-z * z - 0.5625) * exp((z - x) * (z + x) + R / S);
    if (sign) return 2 - r / x;
    return r / x;
  }
  return sign ? 2 : 0;
}

double erfinv(double x) {
  constexpr double a0 = 1.1975323115670912564578e0, a1 = 4.7072688112383978012285e1,
                   a2 = 6.9706266534389598238465e2, a3 = 4.8548868893843886794648e3,
                   a4 = 1.6235862515167575384252e4, a5 = 2.3782041382114385731252e4,
                   a6 = 1.1819493347062294404278e4, a7 = 8.8709406962545514830200e2,
                   b0 = 1.0000000000000000000e0, b1 = 4.2313330701600911252e1,
                   b2 = 6.8718700749205790830e2, b3 = 5.3941960214247511077e3,
                   b4 = 2.1213794301586595867e4, b5 = 3.9307895800092710610e4,
                   b6 = 2.8729085735721942674e4, b7 = 5.2264952788528545610e3,
                   c0 = 1.42343711074968357734e0, c1 = 4.63033784615654529590e0,
                   c2 = 5.76949722146069140550e0, c3 = 3.64784832476320460504e0,
                   c4 = 1.27045825245236838258e0, c5 = 2.41780725177450611770e-1,
                   c6 = 2.27238449892691845833e-2, c7 = 7.74545014278341407640e-4,
                   d0 = 1.4142135623730950488016887e0, d1 = 2.9036514445419946173133295e0,
                   d2 = 2.3707661626024532365971225e0, d3 = 9.7547832001787427186894837e-1,
                   d4 = 2.0945065210512749128288442e-1, d5 = 2.1494160384252876777097297e-2,
                   d6 = 7.7441459065157709165577218e-4, d7 = 1.4859850019840355905497876e-9,
                   e0 = 6.65790464350110377720e0, e1 = 5.46378491116411436990e0,
                   e2 = 1.78482653991729133580e0, e3 = 2.96560571828504891230e-1,
                   e4 = 2.65321895265761230930e-2, e5 = 1.24266094738807843860e-3,
                   e6 = 2.71155556874348757815e-5, e7 = 2.01033439929228813265e-7,
                   f0 = 1.414213562373095048801689e0, f1 = 8.482908416595164588112026e-1,
                   f2 = 1.936480946950659106176712e-1, f3 = 2.103693768272068968719679e-2,
                   f4 = 1.112800997078859844711555e-3, f5 = 2.611088405080593625138020e-5,
                   f6 = 2.010321207683943062279931e-7, f7 = 2.891024605872965461538222e-15;
  if (isnan(x) || x <= -1 || x >= 1) {
    if (x == -1 || x == 1) return inf(static_cast<int64_t>(x));
    return nan();
  }
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double ans;
  if (x <= 0.85) {
    double r = 0.180625 - 0.25 * x * x;
    double z1 = ((((((a7 * r + a6) * r + a5) * r + a4) * r + a3) * r + a2) * r + a1) * r + a0;
    double z2 = ((((((b7 * r + b6) * r + b5) * r + b4) * r + b3) * r + b2) * r + b1) * r + b0;
    ans = (x * z1) / z2;
  } else {
    double z1, z2;
    double r = std::sqrt(kLn2 - log(1.0 - x));
    if (r <= 5.0) {
      r -= 1.6;
      z1 = ((((((c7 * r + c6) * r + c5) * r + c4) * r + c3) * r + c2) * r + c1) * r + c0;
      z2 = ((((((d7 * r + d6) * r + d5) * r + d4) * r + d3) * r + d2) * r + d1) * r + d0;
    } else {
      r -= 5.0;
      z1 = ((((((e7 * r + e6) * r + e5) * r + e4) * r + e3) * r + e2) * r + e1) * r + e0;
      z2 = ((((((f7 * r + f6) * r + f5) * r + f4) * r + f3) * r + f2) * r + f1) * r + f0;
    }
    ans = z1 / z2;
  }
  return sign ? -ans : ans;
}

double erfcinv(double x) { return erfinv(1 - x); }

namespace {

const double kGamP[] = {1.60119522476751861407e-04, 1.19135147006586384913e-03, 1.04213797561761569935e-02,
                        4.76367800457137231464e-02, 2.07448227648435975150e-01, 4.94214826801497100753e-01,
                        9.99999999999999996796e-01};
const double kGamQ[] = {-2.31581873324120129819e-05, 5.39605580493303397842e-04, -4.45641913851797240494e-03,
                        1.18139785222060435552e-02,  3.58236398605498653373e-02, -2.34591795718243348568e-01,
                        7.14304917030273074085e-02,  1.00000000000000000320e+00};
const double kGamS[] = {7.87311395793093628397e-04, -2.29549961613378126380e-04, -2.68132617805781232825e-03,
                        3.47222221605458667310e-03, 8.33333333333482257126e-02};

void stirling(double x, double* r1, double* r2) {
  if (x > 200) {
    *r1 = inf(1);
    *r2 = 1;
    return;
  }
  constexpr double SqrtTwoPi = 2.506628274631000502417, MaxStirling = 143.01608;
  double w = 1 / x;
  w = 1 + w * ((((kGamS[0] * w + kGamS[1]) * w + kGamS[2]) * w + kGamS[3]) * w + kGamS[4]);
  double y1 = exp(x);
  double y2 = 1.0;
  if (x > MaxStirling) {
    double v = pow(x, 0.5 * x - 0.25);
    y2 = v / y1;
    y1 = v;
  } else {
    y1 = pow(x, x - 0.5) / y1;
  }
  *r1 = y1;
  *r2 = SqrtTwoPi * w * y2;
}

bool is_neg_int(double x) {
  if (x < 0) {
    double xf;
    modf(x, &xf);
    return xf == 0;
  }
  return false;
}

}  // namespace

double gamma(double x) {
  constexpr double Euler = 0.57721566490153286060651209008240243104215933593992;
  if (is_neg_int(x) || isinf(x, -1) || isnan(x)) return nan();
  if (isinf(x, 1)) return inf(1);
  if (x == 0) return signbit(x) ? inf(-1) : inf(1);
  double q = goabs(x);
  double p = std::floor(q);
  if (q > 33) {
    if (x >= 0) {
      double y1, y2;
      stirling(x, &y1, &y2);
      return y1 * y2;
    }
    int64_t signgam = 1;
    if ((f2i(p) & 1) == 0) signgam = -1;
    double z = q - p;
    if (z > 0.5) {
      p = p + 1;
      z = q - p;
    }
    z = q * sin(kPi * z);
    if (z == 0) return inf(signgam);
    double sq1, sq2;
    stirling(q, &sq1, &sq2);
    double absz = goabs(z);
    double d = absz * sq1 * sq2;
    if (isinf(d, 0)) {
      z = kPi / absz / sq1 / sq2;
    } else {
      z = kPi / d;
    }
    return static_cast<double>(signgam) * z;
  }
  double z = 1.0;
  while (x >= 3) {
    x = x - 1;
    z = z * x;
  }
  while (x < 0) {
    if (x > -1e-09) goto small;
    z = z / x;
    x = x + 1;
  }
  while (x < 2) {
    if (x < 1e-09) goto small;
    z = z / x;
    x = x + 1;
  }
  if (x == 2) return z;
  x = x - 2;
  p = (((((x * kGamP[0] + kGamP[1]) * x + kGamP[2]) * x + kGamP[3]) * x + kGamP[4]) * x + kGamP[5]) * x + kGamP[6];
  q = ((((((x * kGamQ[0] + kGamQ[1]) * x + kGamQ[2]) * x + kGamQ[3]) * x + kGamQ[4]) * x + kGamQ[5]) * x +
       kGamQ[6]) *
          x +
      kGamQ[7];
  return z * p / q;
small:
  if (x == 0) return inf(1);
  return z / ((1 + Euler * x) * x);
}

namespace {

const double kLgamA[] = {7.72156649015328655494e-02, 3.22467033424113591611e-01, 6.73523010531292681824e-02,
                         2.05808084325167332806e-02, 7.38555086081402883957e-03, 2.89051383673415629091e-03,
                         1.19270763183362067845e-03, 5.10069792153511336608e-04, 2.20862790713908385557e-04,
                         1.08011567247583939954e-04, 2.52144565451257326939e-05, 4.48640949618915160150e-05};
const double kLgamR[] = {1.0,
                         1.39200533467621045958e+00,
                         7.21935547567138069525e-01,
                         1.71933865632803078993e-01,
                         1.86459191715652901344e-02,
                         7.77942496381893596434e-04,
                         7.32668430744625636189e-06};
const double kLgamS[] = {-7.72156649015328655494e-02, 2.14982415960608852501e-01, 3.25778796408930981787e-01,
                         1.46350472652464452805e-01,  2.66422703033638609560e-02, 1.84028451407337715652e-03,
                         3.19475326584100867617e-05};
const double kLgamT[] = {4.83836122723810047042e-01,  -1.47587722994593911752e-01, 6.46249402391333854778e-02,
                         -3.27885410759859649565e-02, 1.79706750811820387126e-02,  -1.03142241298341437450e-02,
                         6.10053870246291332635e-03,  -3.68452016781138256760e-03, 2.25964780900612472250e-03,
                         -1.40346469989232843813e-03, 8.81081882437654011382e-04,  -5.38595305356740546715e-04,
                         3.15632070903625950361e-04,  -3.12754168375120860518e-04, 3.35529192635519073543e-04};
const double kLgamU[] = {-7.72156649015328655494e-02, 6.32827064025093366517e-01, 1.45492250137234768737e+00,
                         9.77717527963372745603e-01,  2.28963728064692451092e-01, 1.33810918536787660377e-02};
const double kLgamV[] = {1.0,
                         2.45597793713041134822e+00,
                         2.12848976379893395361e+00,
                         7.69285150456672783825e-01,
                         1.04222645593369134254e-01,
                         3.21709242282423911810e-03};
const double kLgamW[] = {4.18938533204672725052e-01,  8.33333333333329678849e-02,  -2.77777777728775536470e-03,
                         7.93650558643019558500e-04,  -5.95187557450339963135e-04, 8.36339918996282139126e-04,
                         -1.63092934096575273989e-03};

double sin_pi(double x) {
  constexpr double Two52 = 4503599627370496.0, Two53 = 9007199254740992.0;
  if (x < 0.25) return -sin(kPi * x);
  double z = std::floor(x);
  int64_t n;
  if (z != x) {
    x = mod(x, 2);
    n = static_cast<int64_t>(x * 4);
  } else {
    if (x >= Two53) {
      x = 0;
      n = 0;
    } else {
      if (x < Two52) z = x + Two52;
      n = static_cast<int64_t>(1 & bits(z));
      x = static_cast<double>(n);
      n <<= 2;
    }
  }
  switch (n) {
    case 0: x = sin(kPi * x); break;
    case 1:
    case 2: x = cos(kPi * (0.5 - x)); break;
    case 3:
    case 4: x = sin(kPi * (1 - x)); break;
    case 5:
    case 6: x = -cos(kPi * (x - 1.5)); break;
    default: x = sin(kPi * (x - 2)); break;
  }
  return -x;
}

}  // namespace

double lgamma(double x, int64_t* sign) {
  constexpr double Two52 = 4503599627370496.0, Two58 = 288230376151711744.0, Tiny = 1.0 / 1180591620717411303424.0,
                   Tc = 1.46163214496836224576e+00, Tf = -1.21486290535849611461e-01,
                   Tt = -3.63867699703950536541e-18;
  // Ymin - 1 + 0.27, Ymin - 1 - 0.27, Ymin + 0.27, Ymin - 0.27, Tc - 1, as Go folds them.
  constexpr double YminM1P = 0x1.76987d0eaed22p-1, YminM1M = 0x1.88766f1c02f69p-3, YminP = 0x1.bb4c3e8757691p+0,
                   YminM = 0x1.310ecde3805edp+0, TcM1 = 0x1.d8b618d5af8fcp-2;
  *sign = 1;
  if (isnan(x)) return x;
  if (isinf(x, 0)) return x;
  if (x == 0) return inf(1);
  bool neg = false;
  if (x < 0) {
    x = -x;
    neg = true;
  }
  if (x < Tiny) {
    if (neg) *sign = -1;
    return -log(x);
  }
  double nadj = 0;
  if (neg) {
    if (x >= Two52) return inf(1);
    double t = sin_pi(x);
    if (t == 0) return inf(1);
    nadj = log(kPi / goabs(t * x));
    if (t < 0) *sign = -1;
  }
  double lg;
  if (x == 1 || x == 2) {
    return 0;
  } else if (x < 2) {
    double y;
    int i;
    if (x <= 0.9) {
      lg = -log(x);
      if (x >= YminM1P) {
        y = 1 - x;
        i = 0;
      } else if (x >= YminM1M) {
        y = x - TcM1;
        i = 1;
      } else {
        y = x;
        i = 2;
      }
    } else {
      lg = 0;
      if (x >= YminP) {
        y = 2 - x;
        i = 0;
      } else if (x >= YminM) {
        y = x - Tc;
        i = 1;
      } else {
        y = x - 1;
        i = 2;
      }
    }
    switch (i) {
      case 0: {
        double z = y * y;
        double p1 = kLgamA[0] + z * (kLgamA[2] + z * (kLgamA[4] + z * (kLgamA[6] + z * (kLgamA[8] + z * kLgamA[10]))));
        double p2 = z * (kLgamA[1] + z * (+kLgamA[3] + z * (kLgamA[5] + z * (kLgamA[7] + z * (kLgamA[9] + z * kLgamA[11])))));
        double p = y * p1 + p2;
        lg += (p - 0.5 * y);
        break;
      }
      case 1: {
        double z = y * y;
        double w = z * y;
        double p1 = kLgamT[0] + w * (kLgamT[3] + w * (kLgamT[6] + w * (kLgamT[9] + w * kLgamT[12])));
        double p2 = kLgamT[1] + w * (kLgamT[4] + w * (kLgamT[7] + w * (kLgamT[10] + w * kLgamT[13])));
        double p3 = kLgamT[2] + w * (kLgamT[5] + w * (kLgamT[8] + w * (kLgamT[11] + w * kLgamT[14])));
        double p = z * p1 - (Tt - w * (p2 + y * p3));
        lg += (Tf + p);
        break;
      }
      default: {
        double p1 = y * (kLgamU[0] + y * (kLgamU[1] + y * (kLgamU[2] + y * (kLgamU[3] + y * (kLgamU[4] + y * kLgamU[5])))));
        double p2 = 1 + y * (kLgamV[1] + y * (kLgamV[2] + y * (kLgamV[3] + y * (kLgamV[4] + y * kLgamV[5]))));
        lg += (-0.5 * y + p1 / p2);
        break;
      }
    }
  } else if (x < 8) {
    int i = static_cast<int>(x);
    double y = x - static_cast<double>(i);
    double p = y * (kLgamS[0] + y * (kLgamS[1] + y * (kLgamS[2] + y * (kLgamS[3] + y * (kLgamS[4] + y * (kLgamS[5] + y * kLgamS[6]))))));
    double q = 1 + y * (kLgamR[1] + y * (kLgamR[2] + y * (kLgamR[3] + y * (kLgamR[4] + y * (kLgamR[5] + y * kLgamR[6])))));
    lg = 0.5 * y + p / q;
    double z = 1.0;
    switch (i) {
      case 7: z *= (y + 6); [[fallthrough]];
      case 6: z *= (y + 5); [[fallthrough]];
      case 5: z *= (y + 4); [[fallthrough]];
      case 4: z *= (y + 3); [[fallthrough]];
      case 3:
        z *= (y + 2);
        lg += log(z);
        break;
      default: break;
    }
  } else if (x < Two58) {
    double t = log(x);
    double z = 1 / x;
    double y = z * z;
    double w = kLgamW[0] + z * (kLgamW[1] + y * (kLgamW[2] + y * (kLgamW[3] + y * (kLgamW[4] + y * (kLgamW[5] + y * kLgamW[6])))));
    lg = (x - 0.5) * (t - 1) + w;
  } else {
    lg = x * (log(x) - 1);
  }
  if (neg) lg = nadj - lg;
  return lg;
}

// ---- Bessel functions -------------------------------------------------------

namespace {

const double p0R8[6] = {0.00000000000000000000e+00,  -7.03124999999900357484e-02, -8.08167041275349795626e+00,
                        -2.57063105679704847262e+02, -2.48521641009428822144e+03, -5.25304380490729545272e+03};
const double p0S8[5] = {1.16534364619668181717e+02, 3.83374475364121826715e+03, 4.05978572648472545552e+04,
                        1.16752972564375915681e+05, 4.76277284146730962675e+04};
const double p0R5[6] = {-1.14125464691894502584e-11, -7.03124940873599280078e-02, -4.15961064470587782438e+00,
                        -6.76747652265167261021e+01, -3.31231299649172967747e+02, -3.46433388365604912451e+02};
const double p0S5[5] = {6.07539382692300335975e+01, 1.05125230595704579173e+03, 5.97897094333855784498e+03,
                        9.62544514357774460223e+03, 2.40605815922939109441e+03};
const double p0R3[6] = {-2.54704601771951915620e-09, -7.03119616381481654654e-02, -2.40903221549529611423e+00,
                        -2.19659774734883086467e+01, -5.80791704701737572236e+01, -3.14479470594888503854e+01};
const double p0S3[5] = {3.58560338055209726349e+01, 3.61513983050303863820e+02, 1.19360783792111533330e+03,
                        1.12799679856907414432e+03, 1.73580930813335754692e+02};
const double p0R2[6] = {-8.87534333032526411254e-08, -7.03030995483624743247e-02, -1.45073846780952986357e+00,
                        -7.63569613823527770791e+00, -1.11931668860356747786e+01, -3.23364579351335335033e+00};
const double p0S2[5] = {2.22202997532088808441e+01, 1.36206794218215208048e+02, 2.70470278658083486789e+02,
                        1.53875394208320329881e+02, 1.46576176948256193810e+01};

const double q0R8[6] = {0.00000000000000000000e+00, 7.32421874999935051953e-02, 1.17682064682252693899e+01,
                        5.57673380256401856059e+02, 8.85919720756468632317e+03, 3.70146267776887834771e+04};
const double q0S8[6] = {1.63776026895689824414e+02, 8.09834494656449805916e+03, 1.42538291419120476348e+05,
                        8.03309257119514397345e+05, 8.40501579819060512818e+05, -3.43899293537866615225e+05};
const double q0R5[6] = {1.84085963594515531381e-11, 7.32421766612684765896e-02, 5.83563508962056953777e+00,
                        1.35111577286449829671e+02, 1.02724376596164097464e+03, 1.98997785864605384631e+03};
const double q0S5[6] = {8.27766102236537761883e+01, 2.07781416421392987104e+03, 1.88472887785718085070e+04,
                        5.67511122894947329769e+04, 3.59767538425114471465e+04, -5.35434275601944773371e+03};
const double q0R3[6] = {4.37741014089738620906e-09, 7.32411180042911447163e-02, 3.34423137516170720929e+00,
                        4.26218440745412650017e+01, 1.70808091340565596283e+02, 1.66733948696651168575e+02};
const double q0S3[6] = {4.87588729724587182091e+01, 7.09689221056606015736e+02, 3.70414822620111362994e+03,
                        6.46042516752568917582e+03, 2.51633368920368957333e+03, -1.49247451836156386662e+02};
const double q0R2[6] = {1.50444444886983272379e-07, 7.32234265963079278272e-02, 1.99819174093815998816e+00,
                        1.44956029347885735348e+01, 3.16662317504781540833e+01, 1.62527075710929267416e+01};
const double q0S2[6] = {3.03655848355219184498e+01, 2.69348118608049844624e+02, 8.44783757595320139444e+02,
                        8.82935845112488550512e+02, 2.12666388511798828631e+02, -5.31095493882666946917e+00};

const double p1R8[6] = {0.00000000000000000000e+00, 1.17187499999988647970e-01, 1.32394806593073575129e+01,
                        4.12051854307378562225e+02, 3.87474538913960532227e+03, 7.91447954031891731574e+03};
const double p1S8[5] = {1.14207370375678408436e+02, 3.65093083420853463394e+03, 3.69562060269033463555e+04,
                        9.76027935934950801311e+04, 3.08042720627888811578e+04};
const double p1R5[6] = {1.31990519556243522749e-11, 1.17187493190614097638e-01, 6.80275127868432871736e+00,
                        1.08308182990189109773e+02, 5.17636139533199752805e+02, 5.28715201363337541807e+02};
const double p1S5[5] = {5.92805987221131331921e+01, 9.91401418733614377743e+02, 5.35326695291487976647e+03,
                        7.84469031749551231769e+03, 1.50404688810361062679e+03};
const double p1R3[6] = {3.02503916137373618024e-09, 1.17186865567253592491e-01, 3.93297750033315640650e+00,
                        3.51194035591636932736e+01, 9.10550110750781271918e+01, 4.85590685197364919645e+01};
const double p1S3[5] = {3.47913095001251519989e+01, 3.36762458747825746741e+02, 1.04687139975775130551e+03,
                        8.90811346398256432622e+02, 1.03787932439639277504e+02};
const double p1R2[6] = {1.07710830106873743082e-07, 1.17176219462683348094e-01, 2.36851496667608785174e+00,
                        1.22426109148261232917e+01, 1.76939711271687727390e+01, 5.07352312588818499250e+00};
const double p1S2[5] = {2.14364859363821409488e+01, 1.25290227168402751090e+02, 2.32276469057162813669e+02,
                        1.17679373287147100768e+02, 8.36463893371618283368e+00};

const double q1R8[6] = {0.00000000000000000000e+00,  -1.02539062499992714161e-01, -1.62717534544589987888e+01,
                        -7.59601722513950107896e+02, -1.18498066702429587167e+04, -4.84385124285750353010e+04};
const double q1S8[6] = {1.61395369700722909556e+02, 7.82538599923348465381e+03, 1.33875336287249578163e+05,
                        7.19657723683240939863e+05, 6.66601232617776375264e+05, -2.94490264303834643215e+05};
const double q1R5[6] = {-2.08979931141764104297e-11, -1.02539050241375426231e-01, -8.05644828123936029840e+00,
                        -1.83669607474888380239e+02, -1.37319376065508163265e+03, -2.61244440453215656817e+03};
const double q1S5[6] = {8.12765501384335777857e+01, 1.99179873460485964642e+03, 1.74684851924908907677e+04,
                        4.98514270910352279316e+04, 2.79480751638918118260e+04, -4.71918354795128470869e+03};
const double q1R3[6] = {-5.07831226461766561369e-09, -1.02537829820837089745e-01, -4.61011581139473403113e+00,
                        -5.78472216562783643212e+01, -2.28244540737631695038e+02, -2.19210128478909325622e+02};
const double q1S3[6] = {4.76651550323729509273e+01, 6.73865112676699709482e+02, 3.38015286679526343505e+03,
                        5.54772909720722782367e+03, 1.90311919338810798763e+03, -1.35201191444307340817e+02};
const double q1R2[6] = {-1.78381727510958865572e-07, -1.02517042607985553460e-01, -2.75220568278187460720e+00,
                        -1.96636162643703720221e+01, -4.23253133372830490089e+01, -2.13719211703704061733e+01};
const double q1S2[6] = {2.95333629060523854548e+01, 2.52981549982190529136e+02, 7.57502834868645436472e+02,
                        7.39393205320467245656e+02, 1.55949003336666123687e+02, -4.95949898822628210127e+00};

// Go leaves p and q nil (and then faults) for x < 2; callers never pass that.
void pick(double x, const double* r8, const double* s8, const double* r5, const double* s5, const double* r3,
          const double* s3, const double* r2, const double* s2, const double** p, const double** q) {
  if (x >= 8) {
    *p = r8;
    *q = s8;
  } else if (x >= 4.5454) {
    *p = r5;
    *q = s5;
  } else if (x >= 2.8571) {
    *p = r3;
    *q = s3;
  } else {
    *p = r2;
    *q = s2;
  }
}

double pzero(double x) {
  const double *p, *q;
  pick(x, p0R8, p0S8, p0R5, p0S5, p0R3, p0S3, p0R2, p0S2, &p, &q);
  double z = 1 / (x * x);
  double r = p[0] + z * (p[1] + z * (p[2] + z * (p[3] + z * (p[4] + z * p[5]))));
  double s = 1 + z * (q[0] + z * (q[1] + z * (q[2] + z * (q[3] + z * q[4]))));
  return 1 + r / s;
}

double qzero(double x) {
  const double *p, *q;
  pick(x, q0R8, q0S8, q0R5, q0S5, q0R3, q0S3, q0R2, q0S2, &p, &q);
  double z = 1 / (x * x);
  double r = p[0] + z * (p[1] + z * (p[2] + z * (p[3] + z * (p[4] + z * p[5]))));
  double s = 1 + z * (q[0] + z * (q[1] + z * (q[2] + z * (q[3] + z * (q[4] + z * q[5])))));
  return (-0.125 + r / s) / x;
}

double pone(double x) {
  const double *p, *q;
  pick(x, p1R8, p1S8, p1R5, p1S5, p1R3, p1S3, p1R2, p1S2, &p, &q);
  double z = 1 / (x * x);
  double r = p[0] + z * (p[1] + z * (p[2] + z * (p[3] + z * (p[4] + z * p[5]))));
  double s = 1.0 + z * (q[0] + z * (q[1] + z * (q[2] + z * (q[3] + z * q[4]))));
  return 1 + r / s;
}

double qone(double x) {
  const double *p, *q;
  pick(x, q1R8, q1S8, q1R5, q1S5, q1R3, q1S3, q1R2, q1S2, &p, &q);
  double z = 1 / (x * x);
  double r = p[0] + z * (p[1] + z * (p[2] + z * (p[3] + z * (p[4] + z * p[5]))));
  double s = 1 + z * (q[0] + z * (q[1] + z * (q[2] + z * (q[3] + z * (q[4] + z * q[5])))));
  return (0.375 + r / s) / x;
}

constexpr double kTwo129 = 0x1p129;

// Go's int arithmetic wraps around; these keep the Bessel recurrences free
// of signed overflow for absurd orders.
inline int64_t wrap_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
constexpr double kTwo302 = 0x1p302;

}  // namespace

double j0(double x) {
  constexpr double TwoM27 = 1.0 / (1 << 27), TwoM13 = 1.0 / (1 << 13), R02 = 1.56249999999999947958e-02,
                   R03 = -1.89979294238854721751e-04, R04 = 1.82954049532700665670e-06,
                   R05 = -4.61832688532103189199e-09, S01 = 1.56191029464890010492e-02,
                   S02 = 1.16926784663337450260e-04, S03 = 5.13546550207318111446e-07,
                   S04 = 1.16614003333790000205e-09;
  if (isnan(x)) return x;
  if (isinf(x, 0)) return 0;
  if (x == 0) return 1;
  x = goabs(x);
  if (x >= 2) {
    double s, c;
    sincos(x, &s, &c);
    double ss = s - c;
    double cc = s + c;
    if (x < DBL_MAX / 2) {
      double z = -cos(x + x);
      if (s * c < 0) {
        cc = z / ss;
      } else {
        ss = z / cc;
      }
    }
    double z;
    if (x > kTwo129) {
      z = kInvSqrtPi * cc / std::sqrt(x);
    } else {
      double u = pzero(x);
      double v = qzero(x);
      z = kInvSqrtPi * (u * cc - v * ss) / std::sqrt(x);
    }
    return z;
  }
  if (x < TwoM13) {
    if (x < TwoM27) return 1;
    return 1 - 0.25 * x * x;
  }
  double z = x * x;
  double r = z * (R02 + z * (R03 + z * (R04 + z * R05)));
  double s = 1 + z * (S01 + z * (S02 + z * (S03 + z * S04)));
  if (x < 1) return 1 + z * (-0.25 + (r / s));
  double u = 0.5 * x;
  return (1 + u) * (1 - u) + z * (r / s);
}

double y0(double x) {
  constexpr double TwoM27 = 1.0 / (1 << 27), U00 = -7.38042951086872317523e-02, U01 = 1.76666452509181115538e-01,
                   U02 = -1.38185671945596898896e-02, U03 = 3.47453432093683650238e-04,
                   U04 = -3.81407053724364161125e-06, U05 = 1.95590137035022920206e-08,
                   U06 = -3.98205194132103398453e-11, V01 = 1.27304834834123699328e-02,
                   V02 = 7.60068627350353253702e-05, V03 = 2.59150851840457805467e-07,
                   V04 = 4.41110311332675467403e-10;
  if (x < 0 || isnan(x)) return nan();
  if (isinf(x, 1)) return 0;
  if (x == 0) return inf(-1);
  if (x >= 2) {
    double s, c;
    sincos(x, &s, &c);
    double ss = s - c;
    double cc = s + c;
    if (x < DBL_MAX / 2) {
      double z = -cos(x + x);
      if (s * c < 0) {
        cc = z / ss;
      } else {
        ss = z / cc;
      }
    }
    double z;
    if (x > kTwo129) {
      z = kInvSqrtPi * ss / std::sqrt(x);
    } else {
      double u = pzero(x);
      double v = qzero(x);
      z = kInvSqrtPi * (u * ss + v * cc) / std::sqrt(x);
    }
    return z;
  }
  if (x <= TwoM27) return U00 + k2OverPi * log(x);
  double z = x * x;
  double u = U00 + z * (U01 + z * (U02 + z * (U03 + z * (U04 + z * (U05 + z * U06)))));
  double v = 1 + z * (V01 + z * (V02 + z * (V03 + z * V04)));
  return u / v + k2OverPi * j0(x) * log(x);
}

double j1(double x) {
  constexpr double TwoM27 = 1.0 / (1 << 27), R00 = -6.25000000000000000000e-02, R01 = 1.40705666955189706048e-03,
                   R02 = -1.59955631084035597520e-05, R03 = 4.96727999609584448412e-08,
                   S01 = 1.91537599538363460805e-02, S02 = 1.85946785588630915560e-04,
                   S03 = 1.17718464042623683263e-06, S04 = 5.04636257076217042715e-09,
                   S05 = 1.23542274426137913908e-11;
  if (isnan(x)) return x;
  if (isinf(x, 0) || x == 0) return 0;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x >= 2) {
    double s, c;
    sincos(x, &s, &c);
    double ss = -s - c;
    double cc = s - c;
    if (x < DBL_MAX / 2) {
      double z = cos(x + x);
      if (s * c > 0) {
        cc = z / ss;
      } else {
        ss = z / cc;
      }
    }
    double z;
    if (x > kTwo129) {
      z = kInvSqrtPi * cc / std::sqrt(x);
    } else {
      double u = pone(x);
      double v = qone(x);
      z = kInvSqrtPi * (u * cc - v * ss) / std::sqrt(x);
    }
    return sign ? -z : z;
  }
  if (x < TwoM27) return 0.5 * x;
  double z = x * x;
  double r = z * (R00 + z * (R01 + z * (R02 + z * R03)));
  double s = 1.0 + z * (S01 + z * (S02 + z * (S03 + z * (S04 + z * S05))));
  r *= x;
  z = 0.5 * x + r / s;
  return sign ? -z : z;
}

double y1(double x) {
  constexpr double TwoM54 = 1.0 / (1LL << 54), U00 = -1.96057090646238940668e-01, U01 = 5.04438716639811282616e-02,
                   U02 = -1.91256895875763547298e-03, U03 = 2.35252600561610495928e-05,
                   U04 = -9.19099158039878874504e-08, V00 = 1.99167318236649903973e-02,
                   V01 = 2.02552581025135171496e-04, V02 = 1.35608801097516229404e-06,
                   V03 = 6.22741452364621501295e-09, V04 = 1.66559246207992079114e-11;
  if (x < 0 || isnan(x)) return nan();
  if (isinf(x, 1)) return 0;
  if (x == 0) return inf(-1);
  if (x >= 2) {
    double s, c;
    sincos(x, &s, &c);
    double ss = -s - c;
    double cc = s - c;
    if (x < DBL_MAX / 2) {
      double z = cos(x + x);
      if (s * c > 0) {
        cc = z / ss;
      } else {
        ss = z / cc;
      }
    }
    double z;
    if (x > kTwo129) {
      z = kInvSqrtPi * ss / std::sqrt(x);
    } else {
      double u = pone(x);
      double v = qone(x);
      z = kInvSqrtPi * (u * ss + v * cc) / std::sqrt(x);
    }
    return z;
  }
  if (x <= TwoM54) return -k2OverPi / x;
  double z = x * x;
  double u = U00 + z * (U01 + z * (U02 + z * (U03 + z * U04)));
  double v = 1 + z * (V00 + z * (V01 + z * (V02 + z * (V03 + z * V04))));
  return x * (u / v) + k2OverPi * (j1(x) * log(x) - 1 / x);
}

double jn(int64_t n, double x) {
  constexpr double TwoM29 = 1.0 / (1 << 29);
  if (isnan(x)) return x;
  if (isinf(x, 0)) return 0;
  if (n == 0) return j0(x);
  if (x == 0) return 0;
  if (n < 0) {
    n = static_cast<int64_t>(0 - static_cast<uint64_t>(n));
    x = -x;
  }
  if (n == 1) return j1(x);
  bool sign = false;
  if (x < 0) {
    x = -x;
    if ((n & 1) == 1) sign = true;
  }
  double b;
  if (static_cast<double>(n) <= x) {
    if (x >= kTwo302) {
      double s, c, temp = 0;
      sincos(x, &s, &c);
      switch (n & 3) {
        case 0: temp = c + s; break;
        case 1: temp = -c + s; break;
        case 2: temp = -c - s; break;
        case 3: temp = c - s; break;
      }
      b = kInvSqrtPi * temp / std::sqrt(x);
    } else {
      b = j1(x);
      double a = j0(x);
      for (int64_t i = 1; i < n; i++) {
        double nb = b * (static_cast<double>(wrap_add(i, i)) / x) - a;
        a = b;
        b = nb;
      }
    }
  } else {
    if (x < TwoM29) {
      if (n > 33) {
        b = 0;
      } else {
        double temp = x * 0.5;
        b = temp;
        double a = 1.0;
        for (int64_t i = 2; i <= n; i++) {
          a *= static_cast<double>(i);
          b *= temp;
        }
        b /= a;
      }
    } else {
      double w = static_cast<double>(wrap_add(n, n)) / x;
      double h = 2 / x;
      double q0 = w;
      double z = w + h;
      double q1 = w * z - 1;
      int64_t k = 1;
      while (q1 < 1e9) {
        k++;
        z += h;
        double nq1 = z * q1 - q0;
        q0 = q1;
        q1 = nq1;
      }
      int64_t m = wrap_add(n, n);
      double t = 0.0;
      for (int64_t i = wrap_add(wrap_add(n, k), wrap_add(n, k)); i >= m; i = wrap_add(i, -2))
        t = 1 / (static_cast<double>(i) / x - t);
      double a = t;
      b = 1;
      double tmp = static_cast<double>(n);
      double v = 2 / x;
      tmp = tmp * log(goabs(v * tmp));
      if (tmp < 7.09782712893383973096e+02) {
        for (int64_t i = n - 1; i > 0; i--) {
          double di = static_cast<double>(wrap_add(i, i));
          double nb = b * di / x - a;
          a = b;
          b = nb;
        }
      } else {
        for (int64_t i = n - 1; i > 0; i--) {
          double di = static_cast<double>(wrap_add(i, i));
          double nb = b * di / x - a;
          a = b;
          b = nb;
          if (b > 1e100) {
            a /= b;
            t /= b;
            b = 1;
          }
        }
      }
      b = t * j0(x) / b;
    }
  }
  return sign ? -b : b;
}

double yn(int64_t n, double x) {
  if (x < 0 || isnan(x)) return nan();
  if (isinf(x, 1)) return 0;
  if (n == 0) return y0(x);
  if (x == 0) {
    if (n < 0 && (n & 1) == 1) return inf(1);
    return inf(-1);
  }
  bool sign = false;
  if (n < 0) {
    n = static_cast<int64_t>(0 - static_cast<uint64_t>(n));
    if ((n & 1) == 1) sign = true;
  }
  if (n == 1) return sign ? -y1(x) : y1(x);
  double b;
  if (x >= kTwo302) {
    double s, c, temp = 0;
    sincos(x, &s, &c);
    switch (n & 3) {
      case 0: temp = s - c; break;
      case 1: temp = -s - c; break;
      case 2: temp = -s + c; break;
      case 3: temp = s + c; break;
    }
    b = kInvSqrtPi * temp / std::sqrt(x);
  } else {
    double a = y0(x);
    b = y1(x);
    for (int64_t i = 1; i < n && !isinf(b, -1); i++) {
      double nb = (static_cast<double>(wrap_add(i, i)) / x) * b - a;
      a = b;
      b = nb;
    }
  }
  return sign ? -b : b;
}

// ---- exact operations ----------------------------------------------------

double frexp(double f, int64_t* exp) {
  if (f == 0 || isinf(f, 0) || isnan(f)) {
    *exp = 0;
    return f;
  }
  int64_t e;
  f = normalize(f, &e);
  uint64_t x = bits(f);
  e += static_cast<int64_t>((x >> kShift) & kMask) - kBias + 1;
  x &= ~(kMask << kShift);
  x |= static_cast<uint64_t>(-1 + kBias) << kShift;
  *exp = e;
  return from_bits(x);
}

double ldexp(double frac, int64_t exp) {
  if (frac == 0) return frac;
  if (isinf(frac, 0) || isnan(frac)) return frac;
  int64_t e;
  frac = normalize(frac, &e);
  // Go's int arithmetic wraps around.
  uint64_t uexp = static_cast<uint64_t>(exp) + static_cast<uint64_t>(e);
  uint64_t x = bits(frac);
  uexp += static_cast<uint64_t>(static_cast<int64_t>((x >> kShift) & kMask) - kBias);
  exp = static_cast<int64_t>(uexp);
  if (exp < -1075) return copysign(0, frac);
  if (exp > 1023) return frac < 0 ? inf(-1) : inf(1);
  double m = 1;
  if (exp < -1022) {
    exp += 53;
    m = 1.0 / 9007199254740992.0;
  }
  x &= ~(kMask << kShift);
  x |= static_cast<uint64_t>(exp + kBias) << kShift;
  return m * from_bits(x);
}

double modf(double f, double* frac) {
  if (f < 1) {
    if (f < 0) {
      double fr;
      double i = modf(-f, &fr);
      *frac = -fr;
      return -i;
    }
    if (f == 0) {
      *frac = f;
      return f;
    }
    *frac = f;
    return 0;
  }
  if (isinf(f, 1)) {
    // Go's frac is Inf-Inf here, the x86 default NaN (sign bit set); the Vo
    // reference gives the NaN the sign of f, which the negation above then
    // makes negative for -Inf.
    *frac = from_bits(0x7FF8000000000000);
    return f;
  }
  uint64_t x = bits(f);
  unsigned e = static_cast<unsigned>((x >> kShift) & kMask) - kBias;
  if (e < 64 - 12) x &= ~((uint64_t(1) << (64 - 12 - e)) - 1);
  double i = from_bits(x);
  *frac = f - i;
  return i;
}

double mod(double x, double y) {
  if (y == 0 || isinf(x, 0) || isnan(x) || isnan(y)) return nan();
  return std::fmod(x, y);  // exact, as Go's
}

double remainder(double x, double y) {
  constexpr double Tiny = 4.45014771701440276618e-308, HalfMax = DBL_MAX / 2;
  if (isnan(x) || isnan(y) || isinf(x, 0) || y == 0) return nan();
  if (isinf(y, 0)) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (y < 0) y = -y;
  if (x == y) return sign ? -0.0 : 0.0;
  if (y <= HalfMax) x = mod(x, y + y);
  if (y < Tiny) {
    if (x + x > y) {
      x -= y;
      if (x + x >= y) x -= y;
    }
  } else {
    double yHalf = 0.5 * y;
    if (x > yHalf) {
      x -= y;
      if (x >= yHalf) x -= y;
    }
  }
  if (sign) x = -x;
  return x;
}

double round(double x) {
  uint64_t b = bits(x);
  unsigned e = static_cast<unsigned>(b >> kShift) & kMask;
  if (e < kBias) {
    b &= kSignMask;
    if (e == kBias - 1) b |= kUvOne;
  } else if (e < kBias + kShift) {
    constexpr uint64_t half = uint64_t(1) << (kShift - 1);
    e -= kBias;
    b += half >> e;
    b &= ~(kFracMask >> e);
  }
  return from_bits(b);
}

double round_to_even(double x) {
  uint64_t b = bits(x);
  unsigned e = static_cast<unsigned>(b >> kShift) & kMask;
  if (e >= kBias) {
    constexpr uint64_t halfMinusULP = (uint64_t(1) << (kShift - 1)) - 1;
    e -= kBias;
    if (e < 64) {
      uint64_t odd = (kShift >= e) ? ((b >> (kShift - e)) & 1) : 0;
      uint64_t add = e < 64 ? (halfMinusULP + odd) >> e : 0;
      b += add;
      b &= e < 64 ? ~(kFracMask >> e) : ~uint64_t(0);
    }
  } else if (e == kBias - 1 && (b & kFracMask) != 0) {
    b = (b & kSignMask) | kUvOne;
  } else {
    b &= kSignMask;
  }
  return from_bits(b);
}

double nextafter(double x, double y) {
  if (isnan(x) || isnan(y)) return nan();
  if (x == y) return x;
  if (x == 0) return copysign(from_bits(1), y);
  if ((y > x) == (x > 0)) return from_bits(bits(x) + 1);
  return from_bits(bits(x) - 1);
}

float nextafter32(float x, float y) {
  if (x != x || y != y) return static_cast<float>(nan());
  if (x == y) return x;
  if (x == 0) return static_cast<float>(copysign(static_cast<double>(from_bits32(1)), static_cast<double>(y)));
  if ((y > x) == (x > 0)) return from_bits32(bits32(x) + 1);
  return from_bits32(bits32(x) - 1);
}

namespace {

int64_t ilogb_(double x) {
  int64_t e;
  x = normalize(x, &e);
  return static_cast<int64_t>((bits(x) >> kShift) & kMask) - kBias + e;
}

}  // namespace

double logb(double x) {
  if (x == 0) return inf(-1);
  if (isinf(x, 0)) return inf(1);
  if (isnan(x)) return x;
  return static_cast<double>(ilogb_(x));
}

int64_t ilogb(double x) {
  if (x == 0) return INT32_MIN;
  if (isnan(x)) return INT32_MAX;
  if (isinf(x, 0)) return INT32_MAX;
  return ilogb_(x);
}

double max(double x, double y) {
  if (isinf(x, 1) || isinf(y, 1)) return inf(1);
  if (isnan(x) || isnan(y)) return nan();
  if (x == 0 && x == y) return signbit(x) ? y : x;
  return x > y ? x : y;
}

double min(double x, double y) {
  if (isinf(x, -1) || isinf(y, -1)) return inf(-1);
  if (isnan(x) || isnan(y)) return nan();
  if (x == 0 && x == y) return signbit(x) ? x : y;
  return x < y ? x : y;
}

double dim(double x, double y) {
  double v = x - y;
  if (v <= 0) return 0;
  return v;
}

}  // namespace vo::gomath
