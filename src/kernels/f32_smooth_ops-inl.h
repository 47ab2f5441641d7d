// The smooth ops for f32 calls: each *F32Math struct computes one op on f64
// lanes in plain double arithmetic (no double-words), with a relative error
// below about 2^-38 before the wrapper (SmoothOp in smooth_ops-inl.h)
// rounds once to f32. The f32 results are therefore within 0.5 + 2^-14 ulp
// of the exact value, well inside the 1-ulp bound, at a fraction of the cost
// of the double-word bodies that f64 calls need. Inputs are f32 values
// widened to f64 (|x| <= 2^128, never NaN: the wrapper replaces NaN). The
// interface is that of the f64 Math structs: Forward(d, x),
// Backward(d, x, dy), FromOutput(d, y, dy), kOddZero.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_F32_SMOOTH_OPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_F32_SMOOTH_OPS_INL_H_
#undef RECTIFY_KERNELS_F32_SMOOTH_OPS_INL_H_
#else
#define RECTIFY_KERNELS_F32_SMOOTH_OPS_INL_H_
#endif

#include <cmath>

#include "hwy/highway.h"
#include "kernels/exact_ops-inl.h"
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

// ---- the ops ------------------------------------------------------------

struct SigmoidF32Math {
  static constexpr bool kOddZero = false;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    return PlainLogisticAt(d, Limit(d, x, 700)).Sigmoid(d);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    return TimesVanishingSlope(d, x, dy, PlainLogisticAt(d, Limit(d, x, 700)).Derivative(d));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // dy * y * (1 - y)
    return hn::Mul(hn::Mul(dy, y), hn::Sub(hn::Set(d, 1.0), y));
  }
};

struct TanhF32Math {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // tanh|x| = -E / (2 + E), E = expm1(-2|x|)
    const V a = hn::Mul(hn::Set(d, -2.0), hn::Min(hn::Abs(x), hn::Set(d, 40.0)));
    const V e = PlainExpAt(d, a).Expm1(d);
    return hn::CopySign(hn::Div(hn::Neg(e), hn::Add(e, hn::Set(d, 2.0))), x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // 1 - tanh^2 x = 4 sigmoid(2x) sigmoid(-2x)
    const V w = hn::Mul(hn::Set(d, 2.0), hn::Min(hn::Abs(x), hn::Set(d, 350.0)));
    const V slope = hn::Mul(hn::Set(d, 4.0), PlainLogisticAt(d, w).Derivative(d));
    return TimesVanishingSlope(d, x, dy, slope);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // dy * (1 - y)(1 + y)
    const V one = hn::Set(d, 1.0);
    return hn::Mul(hn::Mul(dy, hn::Sub(one, y)), hn::Add(one, y));
  }
};

// max(x, 0) + log1p(e^-|beta x|) / beta
struct SoftplusF32Math {
  static constexpr bool kOddZero = false;
  double beta;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V w = hn::Mul(hn::Set(d, beta), x);  // exact: two f32 significands
    const V e = PlainExpAt(d, hn::Neg(hn::Min(hn::Abs(w), hn::Set(d, 700.0)))).Exp(d);
    // 1 / beta rounded once: a relative error of 2^-53 more.
    const V log = hn::Mul(PlainLog1p(d, e), hn::Set(d, 1.0 / beta));
    // x = +inf stays +inf; far right the logarithm is below ulp(x) / 2.
    return hn::Add(hn::Max(x, hn::Zero(d)), log);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {  // dy * sigmoid(beta x)
    const V w = Limit(d, hn::Mul(hn::Set(d, beta), x), 700);
    return hn::Mul(dy, PlainLogisticAt(d, w).Sigmoid(d));
  }
};

// x sigmoid(beta x)
struct SiluF32Math {
  static constexpr bool kOddZero = true;
  double beta;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V w = Limit(d, hn::Mul(hn::Set(d, beta), x), 700);
    const V r = hn::Mul(x, PlainLogisticAt(d, w).Sigmoid(d));
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // S'(w) = s (1 + w (1 - s)), s = sigmoid(w), w = beta x
    const V w = Limit(d, hn::Mul(hn::Set(d, beta), x), 700);
    const PlainLogistic<D> l = PlainLogisticAt(d, w);
    V slope = hn::Mul(l.Sigmoid(d), hn::MulAdd(w, l.Complement(d), hn::Set(d, 1.0)));
    slope = PlainPatchNearZero(d, w, smooth::kSiluZero, smooth::kSiluSlopeK, slope);
    return hn::Mul(dy, slope);
  }
};

// elu (lambda = 1) and selu: x > 0 ? lambda x : lambda alpha expm1(x).
struct EluF32Math {
  static constexpr bool kOddZero = true;  // the zero's sign: x * lambda alpha
  double alpha;
  double lambda;
  bool scaled;  // selu
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V e = PlainExpAt(d, hn::Min(hn::Max(x, hn::Set(d, -700.0)), hn::Zero(d))).Expm1(d);
    // alpha expm1(x) first: lambda alpha is not one f32 product.
    V left = hn::Mul(hn::Set(d, alpha), e);
    V right = x;
    if (scaled) {
      left = hn::Mul(hn::Set(d, lambda), left);
      right = hn::Mul(hn::Set(d, lambda), x);  // exact
    }
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, left);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V xc = hn::Min(hn::Max(x, hn::Set(d, -700.0)), hn::Zero(d));
    V slope = hn::Mul(PlainExpAt(d, xc).Exp(d), hn::Set(d, alpha));
    V right = dy;
    if (scaled) {
      slope = hn::Mul(slope, hn::Set(d, lambda));
      right = hn::Mul(dy, hn::Set(d, lambda));
    }
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, hn::Mul(dy, slope));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // elu, alpha > 0
    const V left = hn::Mul(dy, hn::Add(y, hn::Set(d, alpha)));
    return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), dy, left);
  }
  template <class D>
  HWY_INLINE hn::Vec<D> ZeroSlope(D d) const {
    return hn::Set(d, scaled ? lambda * alpha : alpha);
  }
};

// x Phi(x). With z = |x| / sqrt(2): Phi(-|x|) = erfc(z) / 2 and
// erfc(z) = exp(-x^2/2) F(z) for z >= 1/2 (F from the piecewise fit in
// smooth_coefficients.h; x^2/2 is exact for an f32 x), erf(z) from its
// series below.
struct GeluF32Math {
  static constexpr bool kOddZero = true;

  // F(z) for z in [1/2, 32): the f32 fit of smooth_coefficients.h (six
  // binade pieces of degree kErfcF32Degree, relative error below 2^-47).
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V ErfcScaled(D d, V z) {
    const hn::RebindToSigned<D> di;
    auto piece = hn::Sub(hn::ShiftRight<52>(hn::BitCast(di, z)), hn::Set(di, 1022));
    piece = hn::Min(hn::Max(piece, hn::Zero(di)), hn::Set(di, smooth::kErfcF32Pieces - 1));
    const auto row = [&](const double (&table)[8]) HWY_ATTR -> V {
      if constexpr (hn::MaxLanes(D()) >= 8) {
        return hn::TableLookupLanes(hn::LoadU(d, table), hn::IndicesFromVec(d, piece));
      } else {
        return hn::GatherIndex(d, table, piece);
      }
    };
    // (z - centre) / half-width, exactly: the inverse is a power of two.
    const V v = hn::Mul(hn::Sub(z, row(smooth::kErfcF32Centre)), row(smooth::kErfcF32InvHalf));
    V acc = row(smooth::kErfcF32[smooth::kErfcF32Degree]);
    for (int i = smooth::kErfcF32Degree - 1; i >= 0; --i) {
      acc = hn::MulAdd(acc, v, row(smooth::kErfcF32[i]));
    }
    return acc;
  }

  // Phi(x) and exp(-x^2/2) for |x| clamped to 37 (where exp(-x^2/2) is
  // still a normal double; Phi(37) is 1 and Phi(-37) below 2^-990).
  template <class D>
  struct Tail {
    hn::Vec<D> cdf;       // Phi(x)
    hn::Vec<D> gaussian;  // exp(-x^2/2)
  };
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE Tail<D> At(D d, V x) {
    const V xc = Limit(d, x, 37);
    const V half_square = hn::Mul(hn::Mul(xc, xc), hn::Set(d, 0.5));  // exact
    const V gaussian = PlainExpAt(d, hn::Neg(half_square)).Exp(d);
    const V z = hn::Mul(hn::Abs(xc), hn::Set(d, smooth::kInvSqrt2[0]));
    const auto small = hn::Lt(z, hn::Set(d, 0.5));
    V cdf = hn::Zero(d);
    if (!hn::AllFalse(d, small)) {
      // Phi(x) = 1/2 + erf(x / sqrt 2) / 2, erf(u) = u (c0 + c1 w + w^2 E(w))
      const V u = hn::Mul(xc, hn::Set(d, smooth::kInvSqrt2[0]));
      const V w = half_square;  // u^2
      const V series = hn::MulAdd(hn::Mul(w, w), Polynomial(d, w, smooth::kErfE),
                                  hn::MulAdd(w, hn::Set(d, smooth::kErfC1[0]),
                                             hn::Set(d, smooth::kTwoOverSqrtPi[0])));
      cdf = hn::MulAdd(hn::Mul(u, series), hn::Set(d, 0.5), hn::Set(d, 0.5));
    }
    if (!hn::AllTrue(d, small)) {
      const V lower = hn::Mul(hn::Mul(gaussian, ErfcScaled(d, z)), hn::Set(d, 0.5));
      const V tail = hn::IfThenElse(hn::Lt(x, hn::Zero(d)), lower, hn::Sub(hn::Set(d, 1.0), lower));
      cdf = hn::IfThenElse(small, cdf, tail);
    }
    return {cdf, gaussian};
  }

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V r = hn::Mul(x, At(d, x).cdf);
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // Phi(x) + x phi(x), phi(x) = exp(-x^2/2) / sqrt(2 pi)
    const Tail<D> t = At(d, x);
    const V xc = Limit(d, x, 37);
    V slope = hn::MulAdd(hn::Mul(xc, t.gaussian), hn::Set(d, smooth::kInvSqrt2Pi[0]), t.cdf);
    slope = PlainPatchNearZero(d, xc, smooth::kGeluZero, smooth::kGeluSlopeK, slope);
    return hn::Mul(dy, slope);
  }
};

// x sigmoid(w), w = x (A + B x^2), A = 2 sqrt(2/pi), B = 0.044715 A.
struct GeluTanhF32Math {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V Argument(D d, V xc) {
    const V b_square = hn::Mul(hn::Set(d, smooth::kGeluTanhB[0]), hn::Mul(xc, xc));
    return hn::Mul(hn::Add(b_square, hn::Set(d, smooth::kGeluTanhA[0])), xc);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xc = Limit(d, x, 60);
    const V r = hn::Mul(x, PlainLogisticAt(d, Limit(d, Argument(d, xc), 700)).Sigmoid(d));
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // s + x w' s (1 - s), w' = A + 3 B x^2
    const V xc = Limit(d, x, 60);
    const V square = hn::Mul(xc, xc);
    const V slope_w = hn::MulAdd(hn::Set(d, 3.0 * smooth::kGeluTanhB[0]), square,
                                 hn::Set(d, smooth::kGeluTanhA[0]));
    const PlainLogistic<D> l = PlainLogisticAt(d, Limit(d, Argument(d, xc), 700));
    V slope = hn::Mul(l.Sigmoid(d),
                      hn::MulAdd(hn::Mul(xc, slope_w), l.Complement(d), hn::Set(d, 1.0)));
    slope = PlainPatchNearZero(d, xc, smooth::kGeluTanhZero, smooth::kGeluTanhSlopeK, slope);
    return hn::Mul(dy, slope);
  }
};

// x tanh(softplus x). With v = e^-|x|:
//   x >= 0: tanh(softplus x) = (1 + 2v) / (1 + 2v + 2v^2)
//   x <  0: tanh(softplus x) = v (v + 2) / (v (v + 2) + 2)
struct MishF32Math {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V v = PlainExpAt(d, hn::Neg(hn::Min(hn::Abs(x), hn::Set(d, 700.0)))).Exp(d);
    const V one = hn::Set(d, 1.0);
    const V two = hn::Set(d, 2.0);
    const auto negative = hn::Lt(x, hn::Zero(d));
    const V num_r = hn::MulAdd(two, v, one);
    const V den_r = hn::MulAdd(hn::Add(v, v), v, num_r);
    const V num_l = hn::Mul(v, hn::Add(v, two));
    const V den_l = hn::Add(num_l, two);
    const V q = hn::Div(hn::IfThenElse(negative, num_l, num_r),
                        hn::IfThenElse(negative, den_l, den_r));
    const V r = hn::Mul(x, q);
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // x >= 0: [num den + 4x (1+v) v^2] / den^2, num = 1 + 2v, den = num + 2v^2
    // x <  0: v [(v+2) den + 4x (1+v)] / den^2, den = v (v+2) + 2
    const V xc = Limit(d, x, 700);
    const V v = PlainExpAt(d, hn::Neg(hn::Abs(xc))).Exp(d);
    const V one = hn::Set(d, 1.0);
    const V two = hn::Set(d, 2.0);
    const V four_x_one_plus = hn::Mul(hn::Mul(hn::Set(d, 4.0), xc), hn::Add(v, one));
    const auto negative = hn::Lt(x, hn::Zero(d));
    const V num_r = hn::MulAdd(two, v, one);
    const V den_r = hn::MulAdd(hn::Add(v, v), v, num_r);
    const V top_r = hn::MulAdd(num_r, den_r, hn::Mul(four_x_one_plus, hn::Mul(v, v)));
    const V plus2 = hn::Add(v, two);
    const V den_l = hn::MulAdd(v, plus2, two);
    const V top_l = hn::Mul(v, hn::MulAdd(plus2, den_l, four_x_one_plus));
    const V den = hn::IfThenElse(negative, den_l, den_r);
    V slope = hn::Div(hn::IfThenElse(negative, top_l, top_r), hn::Mul(den, den));
    slope = PlainPatchNearZero(d, xc, smooth::kMishZero, smooth::kMishSlopeK, slope);
    return hn::Mul(dy, slope);
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_F32_SMOOTH_OPS_INL_H_
