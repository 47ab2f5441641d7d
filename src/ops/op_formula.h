// OpFormula<kOp>: what an op's folder states about it in scalar code
// (ops/<op>/<op>.h specializes it). Members, all static:
//   Value<N>(alpha, beta, x)        f(x) for a finite x in any number type N
//                                   (long double, __float128, MPFR: the
//                                   exact value the tables and the
//                                   verifier round); parameters already
//                                   rounded to the call's type
//   Forward<T>(x, alpha, beta),     exact ops: the scalar reference, the
//   Backward<T>(x, dy, alpha, beta) bits every target must return
//   FromOutput<T>(y, dy, alpha, beta)  where the registry allows it
//   Slope<N>(alpha, beta, x)        smooth ops: f'(x) as Terms a + b
//   AsymptoteAt(alpha, beta, x, out)   where f(x) = A + a tail of known sign
//                                   below A's last bit (see Asymptote)
//   LimitBelow<N>(alpha, beta)      f(-inf) where it is no value of T
// ops/op_formulas.h reaches them by a run-time op. Also here: the blocks
// the formulas share.
#ifndef RECTIFY_OPS_OP_FORMULA_H_
#define RECTIFY_OPS_OP_FORMULA_H_

#include <cmath>

#include "numeric/float_bits.h"
#include "numeric/long_double_math.h"
#include "numeric/nan_rules.h"
#include "rectify/rectify.h"

namespace rectify::reference {

template <int kOp>
struct OpFormula;

// f'(x) = a + b. b is +0 for ops whose derivative has one sign; for the
// others (gelu, gelu_tanh, silu, mish) a >= 0 and b changes sign with x,
// so that a caller can measure the cancellation at the root.
template <typename N>
struct Terms {
  N a;
  N b;
};

// Where an op approaches a simple value faster than any power of x, or
// starts like a simple value near 0, f(x) = A + tail with A exact (x, x/2,
// alpha x, 1, -1, -alpha, -lambda*alpha) and the tail below A's last bit in
// long double, or even below its range (elu(-3e38) = -alpha + alpha e^-3e38).
// Rounding f(x) at a tie that is exactly A (a midpoint of a 16-bit format,
// or k + 1/2 of a quantized division) is then decided by the tail's sign,
// which the ops state (each tail is a product of factors of known sign);
// long double's f(x) alone would be A itself.
struct Asymptote {
  long double value;  // A
  int tail_sign;      // the sign of f(x) - A: -1, 0 or 1
};

// |x| below 2^-16 and not zero: where f(x) is its leading term.
inline bool IsTiny(long double x) { return x != 0 && x > -0x1p-16L && x < 0x1p-16L; }

// For f(x) = x g(x) with g(0) = 1/2, g increasing to 1 as x -> +inf
// (x Phi(x), x sigmoid(...)): x/2 + tail > 0 near 0, x - tail for x > 0.
inline bool GatedAsymptoteAt(long double x, Asymptote* out) {
  if (IsTiny(x)) {
    *out = {x / 2, 1};
    return true;
  }
  if (x > 0) {
    *out = {x, -1};
    return true;
  }
  return false;
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

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_OP_FORMULA_H_
