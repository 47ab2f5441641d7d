// Every op's scalar formulas (ops/<op>/<op>.h, listed by the generated
// ops/all_op_formulas.h) reached by a run-time op: the exact values that
// the library's 16-bit and quantized tables round, and that the verifier
// and the tests compare with. For number types other than long double
// (__float128, MPFR), include their Exp, Expm1, Log1p, Erfc, Tanh and
// Constants before this header.
#ifndef RECTIFY_OPS_OP_FORMULAS_H_
#define RECTIFY_OPS_OP_FORMULAS_H_

#include "ops/all_op_formulas.h"
#include "ops/op_formula.h"
#include "ops/op_info.h"
#include "rectify/rectify.h"

namespace rectify::reference {

// fn(OpFormula<op>{}) for a registry op; `fallback` for any other value.
template <typename R, class Fn>
R WithFormula(rectify_op op, R fallback, const Fn& fn) {
  switch (op) {
#define RECTIFY_FORMULA_CASE(ENUM, ...) \
  case RECTIFY_##ENUM:                  \
    return fn(OpFormula<RECTIFY_##ENUM>{});
    RECTIFY_OP_LIST(RECTIFY_FORMULA_CASE)
#undef RECTIFY_FORMULA_CASE
    default:
      return fallback;
  }
}

// Whether op is a smooth op of the registry.
inline bool IsSmoothOp(rectify_op op) {
  const OpInfo* info = FindOp(op);
  return info != nullptr && info->kind == OpKind::kSmooth;
}

// a + b, where a zero sum takes the sign of the term that dominates in the
// tails: b when b is -0 (f' of gelu, silu, mish as x -> -inf), else a.
template <typename N>
N Sum(const Terms<N>& t) {
  const N zero(0.0);
  if (t.a == zero && t.b == zero) return SignBit(t.b) ? t.b : t.a;
  return t.a + t.b;
}

// f(x) of any op, with its parameters already rounded (alpha: the
// activation's alpha; beta: its beta), for a finite x. Exact ops take at
// most three roundings of N (hardsigmoid, hardswish), none where x and the
// parameters fit in N's significand with room for their products.
template <typename N>
N ForwardFormula(rectify_op op, const N& alpha, const N& beta, const N& x) {
  return WithFormula(op, N(0.0), [&](auto formula) -> N {
    return decltype(formula)::Value(alpha, beta, x);
  });
}

// The terms of f'(x) of a smooth op (parameters as ForwardFormula); {0, 0}
// for the exact ops.
template <typename N>
Terms<N> SmoothDerivative(rectify_op op, const N& alpha, const N& beta, const N& x) {
  const Terms<N> none{N(0.0), N(0.0)};
  return WithFormula(op, none, [&](auto formula) -> Terms<N> {
    using F = decltype(formula);
    if constexpr (requires { F::Slope(alpha, beta, x); }) {
      return F::Slope(alpha, beta, x);
    } else {
      return none;
    }
  });
}

// dy * f'(x) of any op (parameters as ForwardFormula): the exact ops' own
// Gradient, dy (a + b) for the smooth ones.
template <typename N>
N BackwardFormula(rectify_op op, const N& alpha, const N& beta, const N& x, const N& dy) {
  return WithFormula(op, N(0.0), [&](auto formula) -> N {
    using F = decltype(formula);
    if constexpr (requires { F::Gradient(alpha, beta, x, dy); }) {
      return F::Gradient(alpha, beta, x, dy);
    } else {
      return dy * Sum(F::Slope(alpha, beta, x));
    }
  });
}

// dy * g(y), g the derivative in terms of the output y = f(x), for the ops
// that have one (registry: from_output); 0 for the others.
template <typename N>
N BackwardFromOutputFormula(rectify_op op, const N& alpha, const N& beta, const N& y,
                            const N& dy) {
  return WithFormula(op, N(0.0), [&](auto formula) -> N {
    using F = decltype(formula);
    if constexpr (requires { F::GradientFromOutput(alpha, beta, y, dy); }) {
      return F::GradientFromOutput(alpha, beta, y, dy);
    } else {
      return N(0.0);
    }
  });
}

// A and the tail's sign for (op, parameters rounded to f32, finite x), or
// false where f has no such form at x (Asymptote in op_formula.h).
inline bool AsymptoteAt(rectify_op op, long double alpha, long double beta, long double x,
                        Asymptote* out) {
  return WithFormula(op, false, [&](auto formula) {
    using F = decltype(formula);
    if constexpr (requires { F::AsymptoteAt(alpha, beta, x, out); }) {
      return F::AsymptoteAt(alpha, beta, x, out);
    } else {
      return false;
    }
  });
}

// f(-inf) where it is no value of the call's type (selu: -lambda alpha),
// in *out; false for the ops whose limit the kernels give exactly.
inline bool LimitBelow(rectify_op op, long double alpha, long double beta, long double* out) {
  return WithFormula(op, false, [&](auto formula) {
    using F = decltype(formula);
    if constexpr (requires { F::LimitBelow(alpha, beta); }) {
      *out = F::LimitBelow(alpha, beta);
      return true;
    } else {
      return false;
    }
  });
}

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_OP_FORMULAS_H_
