// sigmoid: f(x) = 1 / (1 + e^-x); its exact value and derivative for any
// number type N.
#ifndef RECTIFY_OPS_SIGMOID_SIGMOID_H_
#define RECTIFY_OPS_SIGMOID_SIGMOID_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_SIGMOID> {
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return Sigmoid(x);
  }
  template <typename N>
  static Terms<N> Slope(const N&, const N&, const N& x) {
    return {Sigmoid(x) * Sigmoid(-x), N(0.0)};
  }
  // dy g(y) for y = f(x).
  template <typename N>
  static N GradientFromOutput(const N&, const N&, const N& y, const N& dy) {
    return dy * (y * (N(1.0) - y));
  }
  // 1 - sigmoid(-x)
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    if (x <= 0) return false;
    *out = {1.0L, -1};
    return true;
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_SIGMOID_SIGMOID_H_
