// The blocks of the smooth ops' f32 bodies (the *F32Math structs of the op
// folders): exp, log1p and the logistic function on f64 lanes in plain
// double arithmetic (no double-words), with a relative error below about
// 2^-38 before SmoothOp (smooth_op-inl.h) rounds once to f32. The f32
// results are therefore within 0.5 + 2^-14 ulp of the exact value, at a
// fraction of the cost of the double-word bodies that f64 calls need.
// Inputs are f32 values widened to f64 (|x| <= 2^128, never NaN: the
// wrapper replaces NaN). An F32Math has the interface of the f64 Math
// structs: Forward(d, x), Backward(d, x, dy), FromOutput(d, y, dy), kOddZero.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_PLAIN_DOUBLE_MATH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_PLAIN_DOUBLE_MATH_INL_H_
#undef RECTIFY_KERNELS_PLAIN_DOUBLE_MATH_INL_H_
#else
#define RECTIFY_KERNELS_PLAIN_DOUBLE_MATH_INL_H_
#endif

#include <cmath>

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/smooth_coefficients.h"
#include "kernels/smooth_math-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- plain-double cores -------------------------------------------------

// e^x = 2^k (1 + p), p = expm1(r) for the reduced r, |r| <= ln2/2 + 2^-12;
// for |x| <= 700 (so 2^k is a normal double). Relative error of p and of
// 1 + p below 2^-40.
template <class D>
struct PlainExp {
  hn::Vec<D> k;
  hn::Vec<D> p;
  HWY_INLINE hn::Vec<D> Exp(D d) const { return hn::Mul(PowerOfTwo(d, k), hn::Add(hn::Set(d, 1.0), p)); }
  // expm1(x) = 2^k p + (2^k - 1): exact 2^k - 1 for the k that occur
  // (|k| <= 1010), no cancellation when k != 0 (then |expm1 x| > 0.29).
  HWY_INLINE hn::Vec<D> Expm1(D d) const {
    const hn::Vec<D> two_k = PowerOfTwo(d, k);
    return hn::MulAdd(two_k, p, hn::Sub(two_k, hn::Set(d, 1.0)));
  }
};

// 1/3!, 1/4!, ..., 1/10!
RECTIFY_COEFFICIENTS double kExpm1Taylor[8] = {
    1.0 / 6,      1.0 / 24,      1.0 / 120,      1.0 / 720,
    1.0 / 5040,   1.0 / 40320,   1.0 / 362880,   1.0 / 3628800};

template <class D, class V = hn::Vec<D>>
HWY_INLINE PlainExp<D> PlainExpAt(D d, V x) {
  const V k = hn::Round(hn::Mul(x, hn::Set(d, smooth::kInvLn2)));
  // k * kLn2Parts[0] is exact (42-bit part, |k| < 2^11).
  V r = hn::NegMulAdd(k, hn::Set(d, smooth::kLn2Parts[0]), x);
  r = hn::NegMulAdd(k, hn::Set(d, smooth::kLn2Parts[1]), r);
  // expm1(r) = r + r^2 (1/2 + r Q(r)) with Q the Taylor polynomial of
  // degree 7: relative truncation error below 0.35^10 / 11! < 2^-40.
  const V q = Polynomial(d, r, kExpm1Taylor);
  const V p = hn::MulAdd(hn::Mul(r, r), hn::MulAdd(r, q, hn::Set(d, 0.5)), r);
  return {k, p};
}

// log1p(t) for t in [0, 1], relative error below 2^-50: u = 1 + t rounded,
// the rounding error c = t - (u - 1) is exact and log1p(t) = log(u) + c/u;
// log(u) = e ln2 + log(m) with m = u / 2^e in [sqrt(1/2), sqrt(2)],
// log(m) = 2s + s^3 R(s^2), s = (m - 1) / (m + 1).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V PlainLog1p(D d, V t) {
  const V one = hn::Set(d, 1.0);
  const V u = hn::Add(one, t);
  const V c = hn::Sub(t, hn::Sub(u, one));
  const auto above = hn::Gt(u, hn::Set(d, 1.4142135623730951));
  const V m = hn::IfThenElse(above, hn::Mul(u, hn::Set(d, 0.5)), u);
  const V f = hn::Sub(m, one);  // exact (Sterbenz)
  // s = f / (2 + f) and c / u share one division:
  // 1 / (u (2 + f)) gives s = f u inv and c / u = c (2 + f) inv.
  const V den = hn::Add(f, hn::Set(d, 2.0));
  const V inv = hn::Div(one, hn::Mul(u, den));
  const V s = hn::Mul(hn::Mul(f, u), inv);
  const V w = hn::Mul(s, s);
  const V tail = hn::Mul(hn::Mul(s, w), Polynomial(d, w, smooth::kLog1pR));
  const V correction = hn::Mul(hn::Mul(c, den), inv);
  const V ln2 = hn::IfThenElseZero(above, hn::Set(d, smooth::kLn2[0]));
  return hn::Add(ln2, hn::Add(hn::Add(s, s), hn::Add(tail, correction)));
}

// The logistic function of w (|w| <= 700): e = e^-|w|, r = 1 / (1 + e).
// sigmoid(w) = w < 0 ? e r : r; sigmoid(-w) = w < 0 ? r : e r.
template <class D>
struct PlainLogistic {
  hn::Vec<D> e;
  hn::Vec<D> r;
  hn::Mask<D> negative;
  HWY_INLINE hn::Vec<D> Sigmoid(D) const { return hn::IfThenElse(negative, hn::Mul(e, r), r); }
  HWY_INLINE hn::Vec<D> Complement(D) const { return hn::IfThenElse(negative, r, hn::Mul(e, r)); }
  // sigmoid(w) sigmoid(-w) = e r^2
  HWY_INLINE hn::Vec<D> Derivative(D) const { return hn::Mul(e, hn::Mul(r, r)); }
};

template <class D, class V = hn::Vec<D>>
HWY_INLINE PlainLogistic<D> PlainLogisticAt(D d, V w) {
  const V e = PlainExpAt(d, hn::Neg(hn::Abs(w))).Exp(d);
  const V r = hn::Div(hn::Set(d, 1.0), hn::Add(hn::Set(d, 1.0), e));
  return {e, r, hn::Lt(w, hn::Zero(d))};
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V Limit(D d, V v, double bound) {
  return hn::Min(hn::Max(v, hn::Set(d, -bound)), hn::Set(d, bound));
}

// Near the zero v0 of a derivative: slope := h K(h), h = v - v0, in the
// lanes with |h| < kZeroRadius (h is exact: v - v0[0] by Sterbenz).
template <std::size_t N, class D, class V = hn::Vec<D>>
HWY_INLINE V PlainPatchNearZero(D d, V v, const double (&zero)[3], const double (&k)[N],
                                V slope) {
  const V h0 = hn::Sub(v, hn::Set(d, zero[0]));
  const auto near = hn::Lt(hn::Abs(h0), hn::Set(d, smooth::kZeroRadius));
  if (HWY_LIKELY(hn::AllFalse(d, near))) return slope;
  const V h = hn::Sub(h0, hn::Set(d, zero[1]));
  return hn::IfThenElse(near, hn::Mul(h, Polynomial(d, h, k)), slope);
}

// dy times a slope that tends to 0 as x -> +-inf: at x = +-inf the zero
// signed as dy (also for an infinite dy), never NaN.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V TimesVanishingSlope(D d, V x, V dy, V slope) {
  return hn::IfThenElse(hn::IsInf(x), VProductSignZero(d, dy, hn::Zero(d)), hn::Mul(dy, slope));
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_PLAIN_DOUBLE_MATH_INL_H_
