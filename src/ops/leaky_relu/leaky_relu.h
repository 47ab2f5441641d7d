// leaky_relu (and PReLU, per channel): f(x) = x > 0 ? x : alpha x; the
// scalar reference every target must match bit for bit (docs/semantics.md).
#ifndef RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_H_
#define RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_LEAKY_RELU> {
  template <typename T>
  static T Forward(T x, T alpha, T) {
    return ApplyNaNRules(x > T(0) ? x : SlopeTimes(alpha, x), x);
  }
  template <typename T>
  static T Backward(T x, T dy, T alpha, T) {
    return ApplyNaNRules(x > T(0) ? dy : SlopeTimes(alpha, dy), x, dy, true);
  }
  template <typename T>
  static T FromOutput(T y, T dy, T alpha, T beta) {
    return Backward(y, dy, alpha, beta);  // alpha > 0: y > 0 iff x > 0
  }
  // The exact dx in any number type N (the verifier's value).
  template <typename N>
  static N Gradient(const N& alpha, const N&, const N& x, const N& dy) {
    return x > N(0.0) ? dy : alpha * dy;
  }
  template <typename N>
  static N GradientFromOutput(const N& alpha, const N& beta, const N& y, const N& dy) {
    return Gradient(alpha, beta, y, dy);
  }
  template <typename N>
  static N Value(const N& alpha, const N&, const N& x) {
    return x > N(0.0) ? x : alpha * x;
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_H_
