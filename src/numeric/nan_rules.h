// The NaN rules of docs/semantics.md ("NaN") on one element, and the
// zero-slope product: what every exact op's scalar reference applies.
// Plain scalar C++ (the vector form is kernels/element_rules-inl.h).
#ifndef RECTIFY_NUMERIC_NAN_RULES_H_
#define RECTIFY_NUMERIC_NAN_RULES_H_

#include <cmath>

#include "numeric/float_bits.h"

namespace rectify {

// A NaN x (or y) wins: the output is x quieted. Otherwise, where the output
// uses dy and dy is NaN, the output is dy quieted. Any other NaN an
// operation creates (inf * 0, inf - inf) becomes the canonical quiet NaN.
template <typename T>
T ApplyNaNRules(T result, T x) {
  if (std::isnan(x)) return Quiet(x);
  if (std::isnan(result)) return CanonicalNaN<T>();
  return result;
}

template <typename T>
T ApplyNaNRules(T result, T x, T dy, bool uses_dy) {
  if (std::isnan(x)) return Quiet(x);
  if (uses_dy && std::isnan(dy)) return Quiet(dy);
  if (std::isnan(result)) return CanonicalNaN<T>();
  return result;
}

// slope * v rounded once, except that a zero slope gives a zero signed as
// the product (also for infinite v, where IEEE would give NaN).
template <typename T>
T SlopeTimes(T slope, T v) {
  return slope == T(0) ? ProductSignZero(slope, v) : slope * v;
}

}  // namespace rectify

#endif  // RECTIFY_NUMERIC_NAN_RULES_H_
