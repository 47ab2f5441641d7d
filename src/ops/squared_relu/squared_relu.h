// squared_relu: f(x) = relu(x)^2 (Primer; recent language models). An
// exact op: y = +0 for x <= 0 (-0 and -inf too), RN(x * x) for x > 0
// (overflow to +inf); dx = +0 where x <= 0 whatever dy, else RN(2 x dy),
// the exact product rounded once (neither 2x overflowing nor x dy
// underflowing changes it; inf * 0 is NaN); NaN rules as relu. Backward
// from output is not offered (2 sqrt(y) is not exact). The scalar
// reference every target must match bit for bit (docs/semantics.md).
#ifndef RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_H_
#define RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_H_

#include <cmath>

#include "ops/op_formula.h"

namespace rectify::reference {

namespace squared_relu_detail {

// RN(2 x dy) for x > 0: x dy is exact in f64 for f32 inputs; for f64,
// (2x) dy rounds once unless 2x overflows (x >= 2^1023), and then
// 2 (x dy) does: x dy is far from the subnormals there.
inline float TwiceProduct(float x, float dy) {
  return static_cast<float>(2.0 * static_cast<double>(x) * static_cast<double>(dy));
}
inline double TwiceProduct(double x, double dy) {
  return x < 0x1p1023 ? (x + x) * dy : 2.0 * (x * dy);
}

}  // namespace squared_relu_detail

template <>
struct OpFormula<RECTIFY_SQUARED_RELU> {
  template <typename T>
  static T Forward(T x, T, T) {
    return ApplyNaNRules(x > T(0) ? x * x : T(+0.0), x);
  }
  template <typename T>
  static T Backward(T x, T dy, T, T) {
    const bool positive = x > T(0);
    const T r = positive ? squared_relu_detail::TwiceProduct(x, dy) : T(+0.0);
    return ApplyNaNRules(r, x, dy, positive);
  }
  // The exact dx in any number type N (the verifier's value).
  template <typename N>
  static N Gradient(const N&, const N&, const N& x, const N& dy) {
    return x > N(0.0) ? N(2.0) * x * dy : N(0.0);
  }
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return x > N(0.0) ? x * x : N(0.0);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_H_
