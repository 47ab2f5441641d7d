// Distances in ulps and correct rounding, for accuracy measurements.
#ifndef RECTIFY_TOOLS_VERIFY_ULP_H_
#define RECTIFY_TOOLS_VERIFY_ULP_H_

#include <algorithm>
#include <cmath>
#include <limits>

#include "verify/exact_value.h"

namespace rectify::verify {

template <typename E>
E AbsWide(E v) {
  return v < 0 ? -v : v;
}

// The distance from `got` to `exact` in ulps of T at `exact` (the subnormal
// spacing below the normal range). An infinite `got` for a finite `exact`
// counts as max + ulp(max) = 2^(emax + 1), and as exact (0) when `exact` is
// beyond the overflow threshold max + ulp(max) / 2 with the same sign.
template <typename T>
double UlpError(T got, Wide<T> exact) {
  using L = std::numeric_limits<T>;
  using W = Wide<T>;
  W value = got;
  if (std::isinf(got)) {
    const W beyond = W(L::max()) + W(std::ldexp(1.0, L::max_exponent - L::digits));
    const W threshold =
        W(L::max()) + W(std::ldexp(1.0, L::max_exponent - L::digits - 1));
    if ((got > 0 && exact >= threshold) || (got < 0 && exact <= -threshold)) return 0.0;
    value = got > 0 ? beyond : -beyond;
  }
  if (exact == 0) return got == 0 ? 0.0 : HUGE_VAL;
  // Exponent of |exact| without overflowing double: scale down first.
  int exponent = 0;
  std::frexp(static_cast<double>(AbsWide(exact) / W(0x1p64)), &exponent);
  exponent += 64;
  const int ulp_exponent = std::max(exponent, L::min_exponent) - L::digits;
  const W ulp = static_cast<W>(std::ldexp(1.0, ulp_exponent));
  return static_cast<double>(AbsWide(value - exact) / ulp);
}

// Whether rounding `wide` (relative error at most WideError<T>()) to T is
// decided: false when `wide` is so close to a midpoint between two T values
// that the exact value could lie on either side.
template <typename T>
bool RoundingDecided(Wide<T> wide) {
  using W = Wide<T>;
  const T nearest = static_cast<T>(wide);
  if (std::isinf(nearest) || W(nearest) == wide) return true;
  const T other = std::nextafter(nearest, W(nearest) < wide ? std::numeric_limits<T>::infinity()
                                                            : -std::numeric_limits<T>::infinity());
  if (std::isinf(other)) return true;
  const W midpoint = (W(nearest) + W(other)) / 2;
  return AbsWide(wide - midpoint) > 4 * WideError<T>() * AbsWide(wide);
}

}  // namespace rectify::verify

#endif  // RECTIFY_TOOLS_VERIFY_ULP_H_
