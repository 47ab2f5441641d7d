// elu: f(x) = x > 0 ? x : alpha expm1(x); its exact value and derivative
// for any number type N (the tables' and the verifier's reference;
// docs/semantics.md gives the bounds the kernels meet).
#ifndef RECTIFY_OPS_ELU_ELU_H_
#define RECTIFY_OPS_ELU_ELU_H_

#include "ops/op_formula.h"

namespace rectify::reference {

// -slope + slope e^x for x <= 0 (slope: elu's alpha, selu's lambda alpha);
// near 0, slope x + slope x^2 / 2 + ...
inline bool EluAsymptoteAt(long double slope, long double x, Asymptote* out) {
  if (x > 0) return false;
  const int sign = slope > 0 ? 1 : slope < 0 ? -1 : 0;
  *out = IsTiny(x) ? Asymptote{slope * x, sign} : Asymptote{-slope, sign};
  return true;
}

template <>
struct OpFormula<RECTIFY_ELU> {
  template <typename N>
  static N Value(const N& alpha, const N&, const N& x) {
    return x > N(0.0) ? x : alpha * Expm1(x);
  }
  template <typename N>
  static Terms<N> Slope(const N& alpha, const N&, const N& x) {
    return {x > N(0.0) ? N(1.0) : alpha * Exp(x), N(0.0)};
  }
  // dy g(y) for y = f(x), alpha > 0: y + alpha is exact in the wide types.
  template <typename N>
  static N GradientFromOutput(const N& alpha, const N&, const N& y, const N& dy) {
    return y > N(0.0) ? dy : dy * (y + alpha);
  }
  // -alpha + alpha e^x; near 0: alpha x + alpha x^2 / 2 + ...
  static bool AsymptoteAt(long double alpha, long double, long double x, Asymptote* out) {
    return EluAsymptoteAt(alpha, x, out);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_ELU_ELU_H_
