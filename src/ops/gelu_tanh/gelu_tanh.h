// gelu_tanh: f(x) = x (1 + tanh u) / 2 = x sigmoid(2u), u = sqrt(2/pi)
// (x + 0.044715 x^3); its exact value and derivative for any number type N.
#ifndef RECTIFY_OPS_GELU_TANH_GELU_TANH_H_
#define RECTIFY_OPS_GELU_TANH_GELU_TANH_H_

#include "ops/op_formula.h"

namespace rectify::reference {

namespace gelu_tanh_detail {

// u(x); both terms have the sign of x.
template <typename N>
N Argument(const N& x) {
  using C = Constants<N>;
  return C::Sqrt2OverPi() * (x + C::GeluTanhCubic() * (x * x * x));
}

}  // namespace gelu_tanh_detail

template <>
struct OpFormula<RECTIFY_GELU_TANH> {
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return x * Sigmoid(N(2.0) * gelu_tanh_detail::Argument(x));
  }
  // s + 2x s (1 - s) u', s = sigmoid(2u), 1 - s = sigmoid(-2u)
  template <typename N>
  static Terms<N> Slope(const N&, const N&, const N& x) {
    using C = Constants<N>;
    const N two(2.0);
    const N v = two * gelu_tanh_detail::Argument(x);
    const N s = Sigmoid(v);
    const N du = C::Sqrt2OverPi() * (N(1.0) + N(3.0) * C::GeluTanhCubic() * (x * x));
    return {s, two * x * s * Sigmoid(-v) * du};
  }
  // x/2 + x (sigmoid(2u) - 1/2); x - x sigmoid(-2u)
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    return GatedAsymptoteAt(x, out);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_GELU_TANH_GELU_TANH_H_
