// silu: f(x) = x sigmoid(beta x), beta = the activation's alpha; its exact
// value and derivative for any number type N.
#ifndef RECTIFY_OPS_SILU_SILU_H_
#define RECTIFY_OPS_SILU_SILU_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_SILU> {
  template <typename N>
  static N Value(const N& beta, const N&, const N& x) {
    return x * Sigmoid(beta * x);
  }
  // s + bx s (1 - s), s = sigmoid(bx)
  template <typename N>
  static Terms<N> Slope(const N& beta, const N&, const N& x) {
    const N v = beta * x;
    const N s = Sigmoid(v);
    return {s, v * s * Sigmoid(-v)};
  }
  // x/2 + x (sigmoid(bx) - 1/2); x - x sigmoid(-bx), b > 0
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    return GatedAsymptoteAt(x, out);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_SILU_SILU_H_
