// Distances in ulps and correct rounding, for accuracy measurements.
#ifndef RECTIFY_TOOLS_VERIFY_ULP_H_
#define RECTIFY_TOOLS_VERIFY_ULP_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "verify/exact_value.h"

namespace rectify::verify {

template <typename E>
E AbsWide(E v) {
  return v < 0 ? -v : v;
}

// The exponent e with 2^(e-1) <= a < 2^e, for a normal double a > 0.
inline int Exponent(double a) {
  std::uint64_t bits;
  std::memcpy(&bits, &a, sizeof bits);
  return static_cast<int>(bits >> 52) - 1022;
}

// The same for a finite __float128 a > 0: through double, scaled into its
// normal range by exact powers of two, and corrected where the conversion
// rounds up to the next power of two.
inline int Exponent(__float128 a) {
  int shift = 0;
  for (; a >= static_cast<__float128>(0x1p960); shift += 960) a *= static_cast<__float128>(0x1p-960);
  for (; a < static_cast<__float128>(0x1p-960); shift -= 960) a *= static_cast<__float128>(0x1p960);
  int e = Exponent(static_cast<double>(a));
  if (a < static_cast<__float128>(std::ldexp(1.0, e - 1))) --e;
  return e + shift;
}

// 2^e for -1086 <= e <= 1023, in E (double or __float128); exact (the
// subnormal powers of two too).
template <typename E>
E Pow2(int e) {
  const int biased = (e < -1022 ? e + 64 : e) + 1023;
  const std::uint64_t bits = static_cast<std::uint64_t>(biased) << 52;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return e < -1022 ? static_cast<E>(v * 0x1p-64) : static_cast<E>(v);
}

// The distance from `got` to `exact` in ulps of T at `exact` (the subnormal
// spacing below the normal range). An infinite `got` for a finite `exact`
// counts as max + ulp(max) = 2^(emax + 1), and as exact (0) when `exact` is
// beyond the overflow threshold max + ulp(max) / 2 with the same sign.
// f32 is measured in double, which holds every float and the wide value to
// 2^-29 ulp (long double arithmetic would take a quarter of an exhaustive
// sweep); f64 in __float128.
template <typename T>
double UlpError(T got, Wide<T> exact) {
  using L = std::numeric_limits<T>;
  using E = std::conditional_t<sizeof(T) == 4, double, Wide<T>>;
  if (exact == 0) return got == 0 ? 0.0 : HUGE_VAL;
  const E e = static_cast<E>(exact);  // 0 for f32 only below 2^-1074: its ulp is 2^-149
  E value = got;
  if (std::isinf(got)) {
    const E beyond = E(L::max()) + E(std::ldexp(1.0, L::max_exponent - L::digits));
    const E threshold = E(L::max()) + E(std::ldexp(1.0, L::max_exponent - L::digits - 1));
    if ((got > 0 && e >= threshold) || (got < 0 && e <= -threshold)) return 0.0;
    value = got > 0 ? beyond : -beyond;
  }
  const E magnitude = AbsWide(e);
  const int exponent = magnitude < E(L::min()) ? L::min_exponent : Exponent(magnitude);
  const int ulp_exponent = exponent - L::digits;
  // |exact| >= 2^1077 (a finite got, or inf of the other sign): astronomical.
  if (ulp_exponent > 1023) return HUGE_VAL;
  return static_cast<double>(AbsWide(value - e) / Pow2<E>(ulp_exponent));
}

// Whether rounding `wide` to T is decided, given that its relative error
// is at most `bound` (WideErrorFor<T>(op)): false when `wide` is so close to
// a midpoint between two T values that the exact value could lie on either
// side. The exact value e satisfies |wide - e| <= bound |e| <
// 2 bound |wide| (bound < 1/2).
template <typename T>
bool RoundingDecided(Wide<T> wide, Wide<T> bound) {
  using W = Wide<T>;
  const T nearest = static_cast<T>(wide);
  if (std::isinf(nearest) || W(nearest) == wide) return true;
  const T other = std::nextafter(nearest, W(nearest) < wide ? std::numeric_limits<T>::infinity()
                                                            : -std::numeric_limits<T>::infinity());
  if (std::isinf(other)) return true;
  const W midpoint = (W(nearest) + W(other)) / 2;
  return AbsWide(wide - midpoint) > 2 * bound * AbsWide(wide);
}

}  // namespace rectify::verify

#endif  // RECTIFY_TOOLS_VERIFY_ULP_H_
