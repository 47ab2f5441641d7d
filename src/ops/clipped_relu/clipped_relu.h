// clipped_relu: f(x) = min(max(0, x), cap), cap = beta (ReLU6 by default);
// the scalar reference every target must match bit for bit.
#ifndef RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_H_
#define RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_CLIPPED_RELU> {
  template <typename T>
  static T Forward(T x, T, T cap) {
    return ApplyNaNRules(x > T(0) ? (x < cap ? x : cap) : T(+0.0), x);
  }
  template <typename T>
  static T Backward(T x, T dy, T, T cap) {
    const bool inside = x > T(0) && x < cap;
    return ApplyNaNRules(inside ? dy : T(+0.0), x, dy, inside);
  }
  template <typename T>
  static T FromOutput(T y, T dy, T alpha, T cap) {
    return Backward(y, dy, alpha, cap);  // 0 < y < cap iff 0 < x < cap
  }
  // The exact dx in any number type N (the verifier's value).
  template <typename N>
  static N Gradient(const N&, const N& cap, const N& x, const N& dy) {
    return x > N(0.0) && x < cap ? dy : N(0.0);
  }
  template <typename N>
  static N GradientFromOutput(const N& alpha, const N& cap, const N& y, const N& dy) {
    return Gradient(alpha, cap, y, dy);
  }
  template <typename N>
  static N Value(const N&, const N& cap, const N& x) {
    return x > N(0.0) ? (x < cap ? x : cap) : N(0.0);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_H_
