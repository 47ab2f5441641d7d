// relu: f(x) = max(0, x), its gradient and its exact value (the scalar
// reference every target must match bit for bit; docs/semantics.md).
#ifndef RECTIFY_OPS_RELU_RELU_H_
#define RECTIFY_OPS_RELU_RELU_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_RELU> {
  template <typename T>
  static T Forward(T x, T, T) {
    return ApplyNaNRules(x > T(0) ? x : T(+0.0), x);
  }
  template <typename T>
  static T Backward(T x, T dy, T, T) {
    const bool positive = x > T(0);
    return ApplyNaNRules(positive ? dy : T(+0.0), x, dy, positive);
  }
  template <typename T>
  static T FromOutput(T y, T dy, T alpha, T beta) {
    return Backward(y, dy, alpha, beta);  // y > 0 exactly where x > 0
  }
  // The exact dx in any number type N (the verifier's value).
  template <typename N>
  static N Gradient(const N&, const N&, const N& x, const N& dy) {
    return x > N(0.0) ? dy : N(0.0);
  }
  template <typename N>
  static N GradientFromOutput(const N& alpha, const N& beta, const N& y, const N& dy) {
    return Gradient(alpha, beta, y, dy);
  }
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return x > N(0.0) ? x : N(0.0);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_RELU_RELU_H_
