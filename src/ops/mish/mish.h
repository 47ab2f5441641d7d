// mish: f(x) = x tanh(softplus(x)); its exact value and derivative for any
// number type N, without cancellation.
#ifndef RECTIFY_OPS_MISH_MISH_H_
#define RECTIFY_OPS_MISH_MISH_H_

#include "ops/op_formula.h"

namespace rectify::reference {

namespace mish_detail {

// tanh(softplus(x)) = n / d: with t = e^x, n = t (t + 2), d = n + 2; for
// x > 0, with s = e^-x, n = 1 + 2s, d = n + 2s^2.
template <typename N>
struct Ratio {
  N n;
  N d;
};

template <typename N>
Ratio<N> TanhSoftplus(const N& x) {
  const N two(2.0);
  if (x <= N(0.0)) {
    const N t = Exp(x);
    const N n = t * (t + two);
    return {n, n + two};
  }
  const N s = Exp(-x);
  const N n = N(1.0) + two * s;
  return {n, n + two * (s * s)};
}

}  // namespace mish_detail

template <>
struct OpFormula<RECTIFY_MISH> {
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    const mish_detail::Ratio<N> r = mish_detail::TanhSoftplus(x);
    return x * (r.n / r.d);
  }
  // tanh(sp) + x sigmoid(x) (1 - tanh(sp)^2), where 1 - tanh^2 =
  // (d - n)(d + n) / d^2 without cancellation: 4 (t + 1)^2 / d^2, or
  // 4 s^2 (1 + s)^2 / d^2 for x > 0.
  template <typename N>
  static Terms<N> Slope(const N&, const N&, const N& x) {
    const N one(1.0), two(2.0), four(4.0);
    if (x <= N(0.0)) {
      const N t = Exp(x);
      const N n = t * (t + two);
      const N d = n + two;
      const N t1 = t + one;
      return {n / d, x * (t / (one + t)) * (four * (t1 * t1) / (d * d))};
    }
    const N s = Exp(-x);
    const N n = one + two * s;
    const N d = n + two * (s * s);
    const N s1 = one + s;
    return {n / d, x * (one / s1) * (four * (s * s) * (s1 * s1) / (d * d))};
  }
  // x - x 2s^2 / (1 + 2s + 2s^2), s = e^-x
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    if (x <= 0) return false;
    *out = {x, -1};
    return true;
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_MISH_MISH_H_
