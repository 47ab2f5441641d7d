// selu: f(x) = lambda (x > 0 ? x : alpha expm1(x)), lambda = beta; its exact
// value and derivative for any number type N.
#ifndef RECTIFY_OPS_SELU_SELU_H_
#define RECTIFY_OPS_SELU_SELU_H_

#include "ops/elu/elu.h"
#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_SELU> {
  template <typename N>
  static N Value(const N& alpha, const N& lambda, const N& x) {
    return lambda * (x > N(0.0) ? x : alpha * Expm1(x));
  }
  template <typename N>
  static Terms<N> Slope(const N& alpha, const N& lambda, const N& x) {
    return {lambda * (x > N(0.0) ? N(1.0) : alpha * Exp(x)), N(0.0)};
  }
  // elu's times lambda.
  static bool AsymptoteAt(long double alpha, long double lambda, long double x,
                          Asymptote* out) {
    return EluAsymptoteAt(lambda * alpha, x, out);
  }
  // f(-inf) = -lambda alpha, which is no value of T: rounded once.
  template <typename N>
  static N LimitBelow(const N& alpha, const N& lambda) {
    return -(lambda * alpha);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_SELU_SELU_H_
