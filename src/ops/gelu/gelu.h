// gelu: f(x) = x Phi(x) = x/2 erfc(-x / sqrt 2); its exact value and
// derivative for any number type N.
#ifndef RECTIFY_OPS_GELU_GELU_H_
#define RECTIFY_OPS_GELU_GELU_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_GELU> {
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return N(0.5) * x * Erfc(-(x * Constants<N>::InvSqrt2()));
  }
  // Phi(x) + x phi(x)
  template <typename N>
  static Terms<N> Slope(const N&, const N&, const N& x) {
    using C = Constants<N>;
    const N half(0.5);
    return {half * Erfc(-(x * C::InvSqrt2())), x * Exp(-(x * x * half)) * C::InvSqrt2Pi()};
  }
  // x/2 + x (Phi(x) - 1/2); x - x Phi(-x)
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    return GatedAsymptoteAt(x, out);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_GELU_GELU_H_
