// The test oracle: the scalar reference of every exact op (its folder's
// OpFormula Forward, Backward, FromOutput), chosen by a rectify_activation
// at run time: what the tests and `rectify verify` compare each target's
// output with. Parameters are rounded to T once. Smooth ops have no scalar
// reference in T (they are measured against their exact value,
// ops/op_formulas.h): T(0) for them.
#ifndef RECTIFY_REFERENCE_REFERENCE_OPS_H_
#define RECTIFY_REFERENCE_REFERENCE_OPS_H_

#include "ops/op_formulas.h"
#include "rectify/rectify.h"

namespace rectify::reference {

template <typename T>
T ReferenceForward(const rectify_activation& act, T x) {
  const T alpha = static_cast<T>(act.alpha);
  const T beta = static_cast<T>(act.beta);
  return WithFormula(act.op, T(0), [&](auto formula) -> T {
    using F = decltype(formula);
    if constexpr (requires { F::Forward(x, alpha, beta); }) {
      return F::Forward(x, alpha, beta);
    } else {
      return T(0);
    }
  });
}

template <typename T>
T ReferenceBackward(const rectify_activation& act, T x, T dy) {
  const T alpha = static_cast<T>(act.alpha);
  const T beta = static_cast<T>(act.beta);
  return WithFormula(act.op, T(0), [&](auto formula) -> T {
    using F = decltype(formula);
    if constexpr (requires { F::Backward(x, dy, alpha, beta); }) {
      return F::Backward(x, dy, alpha, beta);
    } else {
      return T(0);
    }
  });
}

template <typename T>
T ReferenceBackwardFromOutput(const rectify_activation& act, T y, T dy) {
  const T alpha = static_cast<T>(act.alpha);
  const T beta = static_cast<T>(act.beta);
  return WithFormula(act.op, T(0), [&](auto formula) -> T {
    using F = decltype(formula);
    if constexpr (requires { F::FromOutput(y, dy, alpha, beta); }) {
      return F::FromOutput(y, dy, alpha, beta);
    } else {
      return T(0);
    }
  });
}

}  // namespace rectify::reference

#endif  // RECTIFY_REFERENCE_REFERENCE_OPS_H_
