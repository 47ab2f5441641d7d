// The exact value of each implemented op, for measuring accuracy: computed
// in a wider type (long double for f32 inputs, __float128 for f64) with a
// relative error of at most WideError<T>(), and, where that cannot decide
// the correct rounding, in MPFR at 256 bits.
#ifndef RECTIFY_TOOLS_VERIFY_EXACT_VALUE_H_
#define RECTIFY_TOOLS_VERIFY_EXACT_VALUE_H_

#include <type_traits>

#include "rectify/rectify.h"

namespace rectify::verify {

template <typename T>
using Wide = std::conditional_t<sizeof(T) == 4, long double, __float128>;

// Bound on the relative error of the wide evaluations below (a few
// roundings of 2^-64 or 2^-113).
template <typename T>
constexpr Wide<T> WideError() {
  if constexpr (sizeof(T) == 4) {
    return 0x1p-60L;
  } else {
    return static_cast<__float128>(0x1p-100);
  }
}

// f(x) and dy * f'(x) for finite x and dy; the op's parameters are rounded
// to T first, as the library does. Backward from output uses Backward with
// y in place of x (the same formula for every op that has it).
template <typename T>
Wide<T> ExactForward(const rectify_activation& act, T x);
template <typename T>
Wide<T> ExactBackward(const rectify_activation& act, T x, T dy);

// The correctly rounded T value of the same quantities, from MPFR.
template <typename T>
T CorrectlyRoundedForward(const rectify_activation& act, T x);
template <typename T>
T CorrectlyRoundedBackward(const rectify_activation& act, T x, T dy);

}  // namespace rectify::verify

#endif  // RECTIFY_TOOLS_VERIFY_EXACT_VALUE_H_
