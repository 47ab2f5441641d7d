// Every op's exact value and the smooth ops' derivatives, written once for
// any number type N with + - * /, comparisons and Exp, Expm1, Log1p, Erfc,
// Tanh, Sqrt, SignBit, Constants<N> (long double: reference/wide_math.h;
// __float128: tools/verify/wide_math.h, included first; MPFR:
// tools/verify/mp.h). The parameters come in already rounded to T, as the library rounds
// them; x is a finite T value, so every product of two T values (b * x,
// x * x, 2 * x) is exact in each N.
//
// Every formula avoids cancellation and overflow: each is a sum of terms of
// one sign, a product or quotient of such, or an elementary function of an
// argument that is exact or a few roundings away from exact. The only
// cancellation left is inherent: a derivative with a root (gelu, gelu_tanh,
// silu, mish) is returned as two terms a + b of opposite signs, so that a
// caller can measure it.
#ifndef RECTIFY_REFERENCE_FORMULAS_H_
#define RECTIFY_REFERENCE_FORMULAS_H_

#include "rectify/rectify.h"
#include "reference/wide_math.h"

namespace rectify::reference {

// Whether op is one of the nine ops below.
inline bool IsSmoothOp(rectify_op op) {
  switch (op) {
    case RECTIFY_ELU: case RECTIFY_SELU: case RECTIFY_GELU: case RECTIFY_GELU_TANH:
    case RECTIFY_SILU: case RECTIFY_MISH: case RECTIFY_SOFTPLUS: case RECTIFY_SIGMOID:
    case RECTIFY_TANH:
      return true;
    default:
      return false;
  }
}

template <typename N>
N Abs(const N& v) {
  return v < N(0.0) ? -v : v;
}

// 1 / (1 + e^-v): relative accuracy everywhere (e^-v overflowing gives +0).
template <typename N>
N Sigmoid(const N& v) {
  const N one(1.0);
  return one / (one + Exp(-v));
}

// u(x) = sqrt(2/pi) * (x + 0.044715 x^3) of gelu_tanh; both terms have the
// sign of x.
template <typename N>
N GeluTanhArgument(const N& x) {
  using C = Constants<N>;
  return C::Sqrt2OverPi() * (x + C::GeluTanhCubic() * (x * x * x));
}

// tanh(softplus(x)) without cancellation: with t = e^x it is
// n / (n + 2), n = t (t + 2); for x > 0, with s = e^-x, (1 + 2s) / (1 + 2s + 2s^2).
template <typename N>
N MishTanhSoftplus(const N& x) {
  const N one(1.0), two(2.0);
  if (x <= N(0.0)) {
    const N t = Exp(x);
    const N n = t * (t + two);
    return n / (n + two);
  }
  const N s = Exp(-x);
  const N n = one + two * s;
  return n / (n + two * (s * s));
}

// log1p(e^-a) for a >= 0. Small a goes through ln 2 + log1p(expm1(-a) / 2)
// (the same value; its terms cancel by at most a factor 1.41 for a < 1/4),
// which the wide types evaluate without library calls for tiny a.
template <typename N>
N Log1pExpMinus(const N& a) {
  if (a < N(0.25)) return Constants<N>::Ln2() + Log1p(Expm1(-a) * N(0.5));
  return Log1p(Exp(-a));
}

// f(x) of a smooth op; alpha and beta are the op's parameters rounded to T.
template <typename N>
N SmoothForward(rectify_op op, const N& alpha, const N& beta, const N& x) {
  const N zero(0.0), half(0.5), two(2.0);
  switch (op) {
    case RECTIFY_ELU:
      return x > zero ? x : alpha * Expm1(x);
    case RECTIFY_SELU:
      return beta * (x > zero ? x : alpha * Expm1(x));
    case RECTIFY_GELU:  // x Phi(x) = x/2 erfc(-x / sqrt 2)
      return half * x * Erfc(-(x * Constants<N>::InvSqrt2()));
    case RECTIFY_GELU_TANH:  // x (1 + tanh u) / 2 = x sigmoid(2u)
      return x * Sigmoid(two * GeluTanhArgument(x));
    case RECTIFY_SILU:
      return x * Sigmoid(alpha * x);
    case RECTIFY_MISH:
      return x * MishTanhSoftplus(x);
    case RECTIFY_SOFTPLUS: {  // (max(bx, 0) + log1p(e^-|bx|)) / b
      const N bx = alpha * x;
      return ((bx > zero ? bx : zero) + Log1pExpMinus(Abs(bx))) / alpha;
    }
    case RECTIFY_SIGMOID:
      return Sigmoid(x);
    case RECTIFY_TANH:
      return Tanh(x);
    default:
      return zero;
  }
}

// f(x) of any op, with its parameters already rounded (alpha: the
// activation's alpha; beta: its beta, the clipped_relu cap or selu lambda),
// for a finite x. Exact ops take at most three roundings of N
// (hardsigmoid, hardswish), none where x and the parameters fit in N's
// significand with room for their products.
template <typename N>
N ForwardFormula(rectify_op op, const N& alpha, const N& beta, const N& x) {
  const N zero(0.0);
  switch (op) {
    case RECTIFY_RELU:
      return x > zero ? x : zero;
    case RECTIFY_LEAKY_RELU:
      return x > zero ? x : alpha * x;
    case RECTIFY_CLIPPED_RELU:
      return x > zero ? (x < beta ? x : beta) : zero;
    case RECTIFY_HARDSIGMOID:
      return x <= N(-3.0) ? zero : x >= N(3.0) ? N(1.0) : (x + N(3.0)) / N(6.0);
    case RECTIFY_HARDSWISH:
      return x <= N(-3.0) ? zero : x >= N(3.0) ? x : x * (x + N(3.0)) / N(6.0);
    default:
      return SmoothForward(op, alpha, beta, x);
  }
}

// f'(x) = a + b. b is +0 for ops whose derivative has one sign; for the
// others (gelu, gelu_tanh, silu, mish) a >= 0 and b changes sign with x.
template <typename N>
struct Terms {
  N a;
  N b;
};

// a + b, where a zero sum takes the sign of the term that dominates in the
// tails: b when b is -0 (f' of gelu, silu, mish as x -> -inf), else a.
template <typename N>
N Sum(const Terms<N>& t) {
  const N zero(0.0);
  if (t.a == zero && t.b == zero) return SignBit(t.b) ? t.b : t.a;
  return t.a + t.b;
}

// The terms of f'(x) of a smooth op (parameters as SmoothForward).
template <typename N>
Terms<N> SmoothDerivative(rectify_op op, const N& alpha, const N& beta, const N& x) {
  using C = Constants<N>;
  const N zero(0.0), one(1.0), two(2.0), half(0.5);
  switch (op) {
    case RECTIFY_ELU:
      return {x > zero ? one : alpha * Exp(x), zero};
    case RECTIFY_SELU:
      return {beta * (x > zero ? one : alpha * Exp(x)), zero};
    case RECTIFY_GELU:  // Phi(x) + x phi(x)
      return {half * Erfc(-(x * C::InvSqrt2())), x * Exp(-(x * x * half)) * C::InvSqrt2Pi()};
    case RECTIFY_GELU_TANH: {  // s + 2x s (1 - s) u', s = sigmoid(2u), 1 - s = sigmoid(-2u)
      const N v = two * GeluTanhArgument(x);
      const N s = Sigmoid(v);
      const N du = C::Sqrt2OverPi() * (one + N(3.0) * C::GeluTanhCubic() * (x * x));
      return {s, two * x * s * Sigmoid(-v) * du};
    }
    case RECTIFY_SILU: {  // s + bx s (1 - s), s = sigmoid(bx)
      const N v = alpha * x;
      const N s = Sigmoid(v);
      return {s, v * s * Sigmoid(-v)};
    }
    case RECTIFY_MISH: {  // tanh(sp) + x sigmoid(x) (1 - tanh(sp)^2)
      // With n / d = tanh(sp) as in MishTanhSoftplus, 1 - tanh^2 =
      // (d - n)(d + n) / d^2 without cancellation: 4 (t + 1)^2 / d^2, or
      // 4 s^2 (1 + s)^2 / d^2 for x > 0.
      const N four(4.0);
      if (x <= zero) {
        const N t = Exp(x);
        const N n = t * (t + two);
        const N d = n + two;
        const N t1 = t + one;
        return {n / d, x * (t / (one + t)) * (four * (t1 * t1) / (d * d))};
      }
      const N s = Exp(-x);
      const N n = one + two * s;
      const N d = n + two * (s * s);
      const N s1 = one + s;
      return {n / d, x * (one / s1) * (four * (s * s) * (s1 * s1) / (d * d))};
    }
    case RECTIFY_SOFTPLUS:
      return {Sigmoid(alpha * x), zero};
    case RECTIFY_SIGMOID:
      return {Sigmoid(x) * Sigmoid(-x), zero};
    case RECTIFY_TANH: {  // 1 - tanh^2 = 4e / (1 + e)^2, e = e^-2|x|
      const N e = Exp(-(two * Abs(x)));
      const N e1 = one + e;
      return {N(4.0) * e / (e1 * e1), zero};
    }
    default:
      return {zero, zero};
  }
}

}  // namespace rectify::reference

#endif  // RECTIFY_REFERENCE_FORMULAS_H_
