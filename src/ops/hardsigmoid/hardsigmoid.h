// hardsigmoid: f(x) = clip(x + 3, 0, 6) / 6; the scalar reference every
// target must match bit for bit. Below -1.5, x + 3 is exact (Sterbenz) and
// one division rounds; from -1.5 on, x / 6 + 0.5 has error at most 0.75 ulp.
// Both are correctly rounded IEEE operations, so every target agrees.
#ifndef RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_H_
#define RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_H_

#include "ops/op_formula.h"

namespace rectify::reference {

template <>
struct OpFormula<RECTIFY_HARDSIGMOID> {
  template <typename T>
  static T Forward(T x, T, T) {
    T r;
    if (x <= T(-3)) {
      r = T(+0.0);
    } else if (x >= T(3)) {
      r = T(1);
    } else if (x < T(-1.5)) {
      r = (x + T(3)) / T(6);
    } else {
      r = x / T(6) + T(0.5);
    }
    return ApplyNaNRules(r, x);
  }
  template <typename T>
  static T Backward(T x, T dy, T, T) {
    const bool inside = x > T(-3) && x < T(3);
    return ApplyNaNRules(inside ? dy / T(6) : T(+0.0), x, dy, inside);
  }
  // The exact dx in any number type N (the verifier's value).
  template <typename N>
  static N Gradient(const N&, const N&, const N& x, const N& dy) {
    return x > N(-3.0) && x < N(3.0) ? dy / N(6.0) : N(0.0);
  }
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return x <= N(-3.0) ? N(0.0) : x >= N(3.0) ? N(1.0) : (x + N(3.0)) / N(6.0);
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_H_
