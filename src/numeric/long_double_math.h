// The elementary functions and constants that the ops' formulas
// (ops/op_formulas.h) need in long double (x87 extended, 64-bit significand, on x86): glibc's
// functions, with short Taylor polynomials for tiny arguments. The library
// evaluates its 16-bit and quantized tables with them; tools/verify adds
// __float128 (libquadmath) and MPFR versions of the same names.
#ifndef RECTIFY_NUMERIC_LONG_DOUBLE_MATH_H_
#define RECTIFY_NUMERIC_LONG_DOUBLE_MATH_H_

#include <cmath>

namespace rectify::reference {

namespace wide_detail {

// The library functions of each wide type, and kTiny: below it the
// functions are replaced by short Taylor polynomials whose first omitted
// term is under kTiny^3 = 2^-96 (2^-171) relative, far below the type's
// rounding (the library calls cost 20 to 60 ns even there, and a third of
// all f32 bit patterns are that small).
template <typename W>
struct Libm;

template <>
struct Libm<long double> {
  static constexpr long double kTiny = 0x1p-32L;
  static long double TwoOverSqrtPi() { return 1.12837916709551257389615890312154517L; }
  static long double Exp(long double v) { return std::exp(v); }
  static long double Expm1(long double v) { return std::expm1(v); }
  static long double Log1p(long double v) { return std::log1p(v); }
  static long double Erfc(long double v) { return std::erfc(v); }
  static long double Tanh(long double v) { return std::tanh(v); }
};

template <typename W>
bool Tiny(W v) {
  return v > -Libm<W>::kTiny && v < Libm<W>::kTiny;
}

// e^v. Beyond the wide types' range (shared by both: the largest finite
// value is e^11356.5, half the least long double subnormal e^-11399.5) the
// result is returned directly: the libraries report ERANGE through a slow
// path (about 100 ns), and the sweeps reach these arguments for nearly half
// of all bit patterns. (__float128 subnormals go down to e^-11433.7; values
// there have no relative accuracy to keep, and round to 0 in T.)
template <typename W>
W Exp(W v) {
  if (v > W(11357)) return W(HUGE_VAL);
  if (v < W(-11400)) return W(0);
  if (Tiny(v)) return W(1) + v + v * v / W(2);
  return Libm<W>::Exp(v);
}

template <typename W>
W Expm1(W v) {
  if (Tiny(v)) return v * (W(1) + v * (W(0.5) + v / W(6)));  // keeps -0
  return Libm<W>::Expm1(v);
}

template <typename W>
W Log1p(W v) {
  if (Tiny(v)) return v * (W(1) - v * (W(0.5) - v / W(3)));  // log1p(±0) = ±0
  return Libm<W>::Log1p(v);
}

template <typename W>
W Erfc(W v) {
  if (Tiny(v)) return W(1) - Libm<W>::TwoOverSqrtPi() * v;
  return Libm<W>::Erfc(v);
}

template <typename W>
W Tanh(W v) {
  if (Tiny(v)) return v * (W(1) - v * v / W(3));
  return Libm<W>::Tanh(v);
}

}  // namespace wide_detail

inline long double Exp(long double v) { return wide_detail::Exp(v); }
inline long double Expm1(long double v) { return wide_detail::Expm1(v); }
inline long double Log1p(long double v) { return wide_detail::Log1p(v); }
inline long double Erfc(long double v) { return wide_detail::Erfc(v); }
inline long double Tanh(long double v) { return wide_detail::Tanh(v); }
inline long double Sqrt(long double v) { return std::sqrt(v); }
inline bool SignBit(long double v) { return std::signbit(v); }

// The constants of gelu, gelu_tanh and softplus for number type N, each rounded once
// to N (relative error 2^-64, 2^-113 or 2^-256). 0.044715 is the decimal of
// the gelu_tanh definition, not its double.
template <typename N>
struct Constants;

template <>
struct Constants<long double> {
  static long double InvSqrt2() { return 0.707106781186547524400844362104849039L; }
  static long double InvSqrt2Pi() { return 0.398942280401432677939946059934381868L; }
  static long double Sqrt2OverPi() { return 0.797884560802865355879892119868763737L; }
  static long double GeluTanhCubic() { return 0.044715L; }
  static long double Ln2() { return 0.693147180559945309417232121458176568L; }
};

}  // namespace rectify::reference

#endif  // RECTIFY_NUMERIC_LONG_DOUBLE_MATH_H_
