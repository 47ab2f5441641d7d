// tanh: its exact value and derivative for any number type N.
#ifndef RECTIFY_OPS_TANH_TANH_H_
#define RECTIFY_OPS_TANH_TANH_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_TANH> {
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return Tanh(x);
  }
  // 1 - tanh^2 = 4e / (1 + e)^2, e = e^-2|x|
  template <typename N>
  static Terms<N> Slope(const N&, const N&, const N& x) {
    const N e = Exp(-(N(2.0) * Abs(x)));
    const N e1 = N(1.0) + e;
    return {N(4.0) * e / (e1 * e1), N(0.0)};
  }
  // dy g(y) for y = f(x).
  template <typename N>
  static N GradientFromOutput(const N&, const N&, const N& y, const N& dy) {
    return dy * (N(1.0) - y * y);
  }
  // +-1 -+ 2e / (1 + e), e = e^-2|x|
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    if (x == 0) return false;
    *out = x > 0 ? Asymptote{1.0L, -1} : Asymptote{-1.0L, 1};
    return true;
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_TANH_TANH_H_
