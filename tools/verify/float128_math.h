// The __float128 versions (libquadmath, 113 bits) of the functions and
// constants of numeric/long_double_math.h, for the f64 exact values of
// rectify_verify. Declared in rectify::reference so that the formulas of
// the op folders (ops/op_formulas.h) find them: include this header before that one.
#ifndef RECTIFY_TOOLS_VERIFY_FLOAT128_MATH_H_
#define RECTIFY_TOOLS_VERIFY_FLOAT128_MATH_H_

#include <quadmath.h>

#include "numeric/long_double_math.h"

namespace rectify::reference {

namespace wide_detail {

template <>
struct Libm<__float128> {
  static constexpr __float128 kTiny = static_cast<__float128>(0x1p-57);
  static __float128 TwoOverSqrtPi() {
    static const __float128 value =
        strtoflt128("1.12837916709551257389615890312154517168810125865799771", nullptr);
    return value;
  }
  static __float128 Exp(__float128 v) { return expq(v); }
  static __float128 Expm1(__float128 v) { return expm1q(v); }
  static __float128 Log1p(__float128 v) { return log1pq(v); }
  static __float128 Erfc(__float128 v) { return erfcq(v); }
  static __float128 Tanh(__float128 v) { return tanhq(v); }
};

}  // namespace wide_detail

inline __float128 Exp(__float128 v) { return wide_detail::Exp(v); }
inline __float128 Expm1(__float128 v) { return wide_detail::Expm1(v); }
inline __float128 Log1p(__float128 v) { return wide_detail::Log1p(v); }
inline __float128 Erfc(__float128 v) { return wide_detail::Erfc(v); }
inline __float128 Tanh(__float128 v) { return wide_detail::Tanh(v); }
inline __float128 Sqrt(__float128 v) { return sqrtq(v); }
inline bool SignBit(__float128 v) { return signbitq(v) != 0; }

// Parsed once by strtoflt128 (correctly rounded), so no __float128 literal
// (a GNU extension) is needed.
template <>
struct Constants<__float128> {
  static __float128 InvSqrt2() {
    static const __float128 value =
        strtoflt128("0.707106781186547524400844362104849039284835938", nullptr);
    return value;
  }
  static __float128 InvSqrt2Pi() {
    static const __float128 value =
        strtoflt128("0.398942280401432677939946059934381868475858631", nullptr);
    return value;
  }
  static __float128 Sqrt2OverPi() {
    static const __float128 value =
        strtoflt128("0.797884560802865355879892119868763736951717262", nullptr);
    return value;
  }
  static __float128 GeluTanhCubic() {
    static const __float128 value = strtoflt128("0.044715", nullptr);
    return value;
  }
  static __float128 Ln2() {
    static const __float128 value =
        strtoflt128("0.693147180559945309417232121458176568075500134360255", nullptr);
    return value;
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_TOOLS_VERIFY_FLOAT128_MATH_H_
