// softplus: f(x) = log1p(e^(beta x)) / beta, beta = the activation's alpha;
// its exact value and derivative for any number type N.
#ifndef RECTIFY_OPS_SOFTPLUS_SOFTPLUS_H_
#define RECTIFY_OPS_SOFTPLUS_SOFTPLUS_H_

#include "ops/op_formula.h"

namespace rectify::reference {

namespace softplus_detail {

// log1p(e^-a) for a >= 0. Small a goes through ln 2 + log1p(expm1(-a) / 2)
// (the same value; its terms cancel by at most a factor 1.41 for a < 1/4),
// which the wide types evaluate without library calls for tiny a.
template <typename N>
N Log1pExpMinus(const N& a) {
  if (a < N(0.25)) return Constants<N>::Ln2() + Log1p(Expm1(-a) * N(0.5));
  return Log1p(Exp(-a));
}

}  // namespace softplus_detail

template <>
struct OpFormula<RECTIFY_SOFTPLUS> {
  // (max(bx, 0) + log1p(e^-|bx|)) / b
  template <typename N>
  static N Value(const N& beta, const N&, const N& x) {
    const N bx = beta * x;
    const N zero(0.0);
    return ((bx > zero ? bx : zero) + softplus_detail::Log1pExpMinus(Abs(bx))) / beta;
  }
  template <typename N>
  static Terms<N> Slope(const N& beta, const N&, const N& x) {
    return {Sigmoid(beta * x), N(0.0)};
  }
  // x + log1p(e^-bx) / b
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    if (x <= 0) return false;
    *out = {x, 1};
    return true;
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_SOFTPLUS_SOFTPLUS_H_
