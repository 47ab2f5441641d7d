// Vector bodies of the smooth ops (docs/semantics.md): each *Math struct
// computes one op on f64 lanes from the blocks of smooth_math-inl.h with a
// relative error near 2^-58 before the final rounding, so f64 results are
// within 1 ulp (backward 2) and f32 results, computed through f64 and
// rounded once, within 0.5 + 2^-28 ulp. SmoothOp wraps a Math for the loops:
// it widens f32 lanes, applies the NaN rules and keeps the sign of zero.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_SMOOTH_OPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_SMOOTH_OPS_INL_H_
#undef RECTIFY_KERNELS_SMOOTH_OPS_INL_H_
#else
#define RECTIFY_KERNELS_SMOOTH_OPS_INL_H_
#endif

#include <type_traits>

#include "hwy/highway.h"
#include "kernels/exact_ops-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/smooth_math-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- shared pieces ----
template <class D, class V = hn::Vec<D>>
HWY_INLINE V WithoutNaN(D d, V x) {
  return hn::IfThenElse(hn::IsNaN(x), hn::Zero(d), x);
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V Clamp(D d, V x, double lo, double hi) {
  return hn::Min(hn::Max(x, hn::Set(d, lo)), hn::Set(d, hi));
}

template <class D>
HWY_INLINE DW<D> Times(D d, DW<D> a, double power_of_two) {
  const hn::Vec<D> c = hn::Set(d, power_of_two);
  return {hn::Mul(a.hi, c), hn::Mul(a.lo, c)};
}

// beta * x as a double-word, |beta x| clamped to 2300 (where every exp
// below has underflowed); beta is positive and at most 2^32.
template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> ScaledArgument(D d, V beta, V x) {
  const V product = hn::Mul(beta, x);
  const auto far = hn::Not(hn::Le(hn::Abs(product), hn::Set(d, 2300.0)));
  const DW<D> exact = ExactProduct(d, beta, hn::IfThenZeroElse(far, x));
  return {hn::IfThenElse(far, hn::CopySign(hn::Set(d, 2300.0), x), exact.hi),
          hn::IfThenZeroElse(far, exact.lo)};
}

// The logistic function's parts at the double-word w (|w.hi| <= 2300):
// e^-|w| = 2^k e, den = 1 + e^-|w|.
template <class D>
struct Logistic {
  hn::Vec<D> k;
  DW<D> e;
  DW<D> den;
  hn::Mask<D> negative;  // w < 0

  // sigmoid(w) = 2^SigmoidK() * Sigmoid()
  HWY_INLINE DW<D> Sigmoid(D d) const {
    const DW<D> one = DWOf(d, hn::Set(d, 1.0));
    return DwDiv(d, Select<D>(negative, e, one), den);
  }
  HWY_INLINE hn::Vec<D> SigmoidK() const { return hn::IfThenElseZero(negative, k); }
  // sigmoid(w) sigmoid(-w) = 2^k * Derivative()
  HWY_INLINE DW<D> Derivative(D d) const { return DwDiv(d, e, DwMul(d, den, den)); }
  HWY_INLINE DW<D> ScaledE(D d) const { return DwScale(d, e, k); }
};

template <class D>
HWY_INLINE Logistic<D> LogisticAt(D d, DW<D> w) {
  const auto negative = hn::Lt(w.hi, hn::Zero(d));
  const DW<D> minus_abs = Select<D>(negative, w, DwNeg(w));
  const ExpParts<D> parts = ExpCore(d, minus_abs);
  const DW<D> e = OnePlus(d, parts.p);
  const DW<D> den = DwAdd(d, DwScale(d, e, parts.k), hn::Set(d, 1.0));
  return {parts.k, e, den, negative};
}

// Near the zero x0 of a derivative (smooth_coefficients.h): h K(h) with
// h = x - x0 as a double-word, accurate however small h is. `near` tells
// the lanes with |h| < kZeroRadius.
template <std::size_t N, class D>
HWY_INLINE DW<D> NearZero(D d, DW<D> x, const double (&zero)[3], const double (&k0)[2],
                          const double (&k)[N]) {
  using V = hn::Vec<D>;
  DW<D> h = VTwoSum(d, hn::Sub(x.hi, hn::Set(d, zero[0])), hn::Sub(x.lo, hn::Set(d, zero[1])));
  h = VFast2Sum(d, h.hi, hn::Sub(h.lo, hn::Set(d, zero[2])));
  V acc = hn::Set(d, k[N - 1]);
  for (std::size_t i = N - 1; i-- > 1;) acc = hn::MulAdd(acc, h.hi, hn::Set(d, k[i]));
  return DwMul(d, h, DwAdd(d, DWConst(d, k0), hn::Mul(acc, h.hi)));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE hn::Mask<D> Near(D d, V x, const double (&zero)[3]) {
  return hn::Lt(hn::Abs(hn::Sub(x, hn::Set(d, zero[0]))), hn::Set(d, smooth::kZeroRadius));
}

// slope := h K(h) and k := 0 in the lanes near the zero.
template <std::size_t N, class D>
HWY_INLINE void PatchNearZero(D d, DW<D> x, const double (&zero)[3], const double (&k0)[2],
                              const double (&coefficients)[N], DW<D>* slope, hn::Vec<D>* k) {
  const auto near = Near(d, x.hi, zero);
  if (hn::AllFalse(d, near)) return;
  *slope = Select<D>(near, NearZero(d, x, zero, k0, coefficients), *slope);
  *k = hn::IfThenZeroElse(near, *k);
}

// ---- the ops on f64 lanes ----
// Forward(d, x) and Backward(d, x, dy) return f(x) and dy * f'(x) for
// every x (NaN lanes are replaced by the wrapper, which also gives the
// backward's zero at x = -inf); FromOutput(d, y, dy) where the op has it.

struct SigmoidMath {
  static constexpr bool kOddZero = false;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const Logistic<D> l = LogisticAt(d, DWOf(d, Clamp(d, x, -2300, 2300)));
    return Scale(d, l.Sigmoid(d).hi, l.SigmoidK());
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const Logistic<D> l = LogisticAt(d, DWOf(d, Clamp(d, x, -2300, 2300)));
    const V r = ScaledProduct(d, dy, l.Derivative(d), l.k);
    return hn::IfThenElse(hn::IsInf(x), VProductSignZero(d, dy, hn::Zero(d)), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // dy * y * (1 - y)
    const V one = hn::Set(d, 1.0);
    const auto huge = hn::Gt(hn::Abs(y), hn::Set(d, 0x1p500));  // no y = f(x); 2 roundings
    const V safe_y = hn::IfThenElse(huge, one, y);
    const DW<D> slope = DwMul(d, VTwoSum(d, one, hn::Neg(safe_y)), safe_y);
    const V plain = hn::Mul(hn::Mul(dy, y), hn::Sub(one, y));
    return hn::IfThenElse(huge, plain, ScaledProduct(d, dy, slope, hn::Zero(d)));
  }
};

struct TanhMath {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // tanh|x| = -E / (2 + E), E = expm1(-2|x|)
    const V a = hn::Mul(hn::Set(d, -2.0), hn::Min(hn::Abs(x), hn::Set(d, 1150.0)));
    const DW<D> e = Expm1FromParts(d, ExpCore(d, DWOf(d, a)));
    const DW<D> t = DwDiv(d, DwNeg(e), DwAdd(d, e, hn::Set(d, 2.0)));
    return hn::CopySign(t.hi, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // 1 - tanh^2 x = 4 sigmoid(2x) sigmoid(-2x)
    const V w = hn::Mul(hn::Set(d, 2.0), hn::Min(hn::Abs(x), hn::Set(d, 1150.0)));
    const Logistic<D> l = LogisticAt(d, DWOf(d, w));
    const V r = ScaledProduct(d, dy, Times(d, l.Derivative(d), 4.0), l.k);
    return hn::IfThenElse(hn::IsInf(x), VProductSignZero(d, dy, hn::Zero(d)), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // dy * (1 - y)(1 + y)
    const V one = hn::Set(d, 1.0);
    const auto huge = hn::Gt(hn::Abs(y), hn::Set(d, 0x1p500));  // no y = f(x); 2 roundings
    const V safe_y = hn::IfThenElse(huge, one, y);
    const DW<D> slope = DwMul(d, VTwoSum(d, one, hn::Neg(safe_y)), VTwoSum(d, one, safe_y));
    const V plain = hn::Mul(hn::Mul(dy, hn::Sub(one, y)), hn::Add(one, y));
    return hn::IfThenElse(huge, plain, ScaledProduct(d, dy, slope, hn::Zero(d)));
  }
};

struct SoftplusMath {
  static constexpr bool kOddZero = false;
  double beta;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // max(x, 0) + log1p(exp(-|beta x|)) / beta
    const V b = hn::Set(d, beta);
    const DW<D> z = ScaledArgument(d, b, x);
    const auto negative = hn::Lt(z.hi, hn::Zero(d));
    const DW<D> minus_abs = Select<D>(negative, z, DwNeg(z));
    const ExpParts<D> parts = ExpCore(d, minus_abs);
    const DW<D> e = OnePlus(d, parts.p);
    const DW<D> log = DwDiv(d, Log1pCore(d, DwScale(d, e, parts.k)), DWOf(d, b));
    // (x huge: the logarithm is below ulp(x) / 2; x = inf stays inf)
    const V positive = hn::IfThenElse(hn::Gt(x, hn::Set(d, 0x1p900)), x, DwAdd(d, log, x).hi);
    // Far left, log1p(t) = t within 2^-58: keep the scaled form of t.
    const V tail = Scale(d, DwDiv(d, e, DWOf(d, b)).hi, parts.k);
    const auto far = hn::Lt(minus_abs.hi, hn::Set(d, -40.0));
    return hn::IfThenElse(negative, hn::IfThenElse(far, tail, log.hi), positive);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {  // dy * sigmoid(beta x)
    const Logistic<D> l = LogisticAt(d, ScaledArgument(d, hn::Set(d, beta), x));
    return ScaledProduct(d, dy, l.Sigmoid(d), l.SigmoidK());
  }
};

struct SiluMath {
  static constexpr bool kOddZero = true;
  double beta;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {  // x sigmoid(beta x)
    const Logistic<D> l = LogisticAt(d, ScaledArgument(d, hn::Set(d, beta), x));
    const V r = ScaledProduct(d, x, l.Sigmoid(d), l.SigmoidK());
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // d/dx = S'(z), z = beta x, S(z) = z sigmoid(z):
    //   z >= 0: (den + z e) / den^2;  z < 0: e (den + z) / den^2
    const DW<D> z = ScaledArgument(d, hn::Set(d, beta), x);
    const Logistic<D> l = LogisticAt(d, z);
    const DW<D> right = DwAdd(d, l.den, DwMul(d, z, l.ScaledE(d)));
    const DW<D> left = DwMul(d, l.e, DwAdd(d, l.den, z));
    DW<D> slope = DwDiv(d, Select<D>(l.negative, left, right), DwMul(d, l.den, l.den));
    V k = hn::IfThenElseZero(l.negative, l.k);
    PatchNearZero(d, z, smooth::kSiluZero, smooth::kSiluSlopeK0, smooth::kSiluSlopeK, &slope, &k);
    return ScaledProduct(d, dy, slope, k);
  }
};

// elu (lambda = 1) and selu: x > 0 ? lambda x : lambda alpha expm1(x).
struct EluMath {
  static constexpr bool kOddZero = true;  // the zero's sign: x * lambda alpha
  double alpha;
  double lambda;
  bool scaled;  // selu
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xc = hn::Max(x, hn::Set(d, -2300.0));
    DW<D> e = Expm1FromParts(d, ExpCore(d, DWOf(d, hn::Min(xc, hn::Zero(d)))));
    const V la = hn::Set(d, alpha);
    V left;
    V right = x;
    if (scaled) {
      // expm1(x) = x for tiny x: keep alpha expm1(x) out of the subnormals.
      const auto tiny = hn::Lt(hn::Abs(e.hi), hn::Set(d, 0x1p-900));
      e = DwScale(d, e, hn::IfThenElseZero(tiny, hn::Set(d, 128.0)));
      const V k = hn::IfThenElseZero(tiny, hn::Set(d, -128.0));
      left = ScaledProduct(d, hn::Set(d, lambda), DwMul(d, e, la), k);
      right = hn::Mul(hn::Set(d, lambda), x);
    } else {
      left = ScaledProduct(d, la, e, hn::Zero(d));
    }
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, left);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V xc = hn::Min(hn::Max(x, hn::Set(d, -2300.0)), hn::Zero(d));
    const ExpParts<D> parts = ExpCore(d, DWOf(d, xc));
    DW<D> slope = DwMul(d, OnePlus(d, parts.p), hn::Set(d, alpha));
    V right = dy;
    if (scaled) {
      slope = DwMul(d, slope, hn::Set(d, lambda));
      right = hn::Mul(dy, hn::Set(d, lambda));
    }
    const V left = ScaledProduct(d, dy, slope, parts.k);
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, left);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // elu, alpha > 0
    // y < -2^1000 is no elu output: dy (y + alpha) with two roundings.
    const auto huge = hn::Lt(y, hn::Set(d, -0x1p1000));
    const V safe_y = hn::IfThenElse(huge, hn::Zero(d), y);
    const V left = ScaledProduct(d, dy, VTwoSum(d, safe_y, hn::Set(d, alpha)), hn::Zero(d));
    const V plain = hn::Mul(dy, hn::Add(y, hn::Set(d, alpha)));
    return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), dy, hn::IfThenElse(huge, plain, left));
  }
  template <class D>
  HWY_INLINE hn::Vec<D> ZeroSlope(D d) const {
    return hn::Set(d, scaled ? lambda * alpha : alpha);
  }
};

struct GeluMath {
  static constexpr bool kOddZero = true;
  // Phi(x) = 2^k * m, from erf near 0 and erfc beyond |x| / sqrt(2) = 1/2.
  template <class D>
  struct Cdf {
    hn::Vec<D> k;
    DW<D> m;
  };
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE DW<D> OverSqrt2(D d, V x) {
    return DwMul(d, DWConst(d, smooth::kInvSqrt2), x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xc = Clamp(d, x, -60, 60);
    const DW<D> u = OverSqrt2(d, xc);
    const auto small = hn::Lt(hn::Abs(u.hi), hn::Set(d, 0.5));
    DW<D> m = DWOf(d, hn::Zero(d));
    V k = hn::Zero(d);
    if (!hn::AllFalse(d, small)) {
      m = DwAdd(d, DwHalf(d, ErfSmall(d, u)), hn::Set(d, 0.5));
    }
    if (!hn::AllTrue(d, small)) {
      const auto negative = hn::Lt(u.hi, hn::Zero(d));
      const DW<D> z = Select<D>(negative, DwNeg(u), u);
      const ErfcParts<D> c = ErfcCore(d, z);
      const DW<D> half_erfc = DwHalf(d, DwMul(d, c.e, c.f));
      const DW<D> right = DwAdd(d, DwNeg(DwScale(d, half_erfc, c.k)), hn::Set(d, 1.0));
      m = Select<D>(small, m, Select<D>(negative, half_erfc, right));
      k = hn::IfThenElse(hn::AndNot(small, negative), c.k, k);
    }
    const V r = ScaledProduct(d, x, m, k);
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // Phi(x) + x phi(x), phi(x) = exp(-x^2/2) / sqrt(2 pi)
    const V xc = Clamp(d, x, -60, 60);
    const DW<D> u = OverSqrt2(d, xc);
    const DW<D> c_phi = DWConst(d, smooth::kInvSqrt2Pi);
    const auto small = hn::Lt(hn::Abs(u.hi), hn::Set(d, 0.5));
    DW<D> m = DWOf(d, hn::Zero(d));
    V k = hn::Zero(d);
    if (!hn::AllFalse(d, small)) {
      const DW<D> cdf = DwAdd(d, DwHalf(d, ErfSmall(d, u)), hn::Set(d, 0.5));
      const DW<D> square = DwMul(d, u, u);
      const ExpParts<D> parts = ExpCore(d, DwNeg(square));
      const DW<D> pdf = DwMul(d, DwScale(d, OnePlus(d, parts.p), parts.k), c_phi);
      m = DwAdd(d, cdf, DwMul(d, pdf, xc));
    }
    if (!hn::AllTrue(d, small)) {
      const auto negative = hn::Lt(u.hi, hn::Zero(d));
      const DW<D> z = Select<D>(negative, DwNeg(u), u);
      const ErfcParts<D> c = ErfcCore(d, z);
      const DW<D> x_phi = DwMul(d, c_phi, xc);
      // x < 0: 2^k e (F/2 + x c);  x > 0: 1 + 2^k e (x c - F/2)
      const DW<D> left = DwMul(d, c.e, DwAdd(d, DwHalf(d, c.f), x_phi));
      const DW<D> inner = DwMul(d, c.e, DwSub(d, x_phi, DwHalf(d, c.f)));
      const DW<D> right = DwAdd(d, DwScale(d, inner, c.k), hn::Set(d, 1.0));
      m = Select<D>(small, m, Select<D>(negative, left, right));
      k = hn::IfThenElse(hn::AndNot(small, negative), c.k, k);
    }
    PatchNearZero(d, DWOf(d, xc), smooth::kGeluZero, smooth::kGeluSlopeK0, smooth::kGeluSlopeK,
                  &m, &k);
    return ScaledProduct(d, dy, m, k);
  }
};

struct GeluTanhMath {
  static constexpr bool kOddZero = true;
  // w = 2u = x (A + B x^2), A = 2 sqrt(2/pi), B = 0.044715 A; and w'(x).
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE DW<D> Argument(D d, V xc, DW<D>* slope) {
    const DW<D> square = ExactProduct(d, xc, xc);
    const DW<D> b_square = DwMul(d, DWConst(d, smooth::kGeluTanhB), square);
    if (slope != nullptr) {
      *slope = DwAdd(d, DwMul(d, b_square, hn::Set(d, 3.0)), DWConst(d, smooth::kGeluTanhA));
    }
    return DwMul(d, DwAdd(d, b_square, DWConst(d, smooth::kGeluTanhA)), xc);
  }
  template <class D>
  static HWY_INLINE DW<D> Limited(D d, DW<D> w) {  // |w| <= 2300
    const auto far = hn::Gt(hn::Abs(w.hi), hn::Set(d, 2300.0));
    return {Clamp(d, w.hi, -2300, 2300), hn::IfThenZeroElse(far, w.lo)};
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {  // x sigmoid(w)
    const V xc = Clamp(d, x, -60, 60);
    const DW<D> w = Limited(d, Argument(d, xc, static_cast<DW<D>*>(nullptr)));
    const Logistic<D> l = LogisticAt(d, w);
    const V r = ScaledProduct(d, x, l.Sigmoid(d), l.SigmoidK());
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // sigmoid(w) + x w' sigmoid(w) sigmoid(-w):
    //   w >= 0: (den + x w' e) / den^2;  w < 0: e (den + x w') / den^2
    const V xc = Clamp(d, x, -60, 60);
    DW<D> slope_w;
    const DW<D> w = Limited(d, Argument(d, xc, &slope_w));
    const Logistic<D> l = LogisticAt(d, w);
    const DW<D> x_slope = DwMul(d, slope_w, xc);
    const DW<D> right = DwAdd(d, l.den, DwMul(d, x_slope, l.ScaledE(d)));
    const DW<D> left = DwMul(d, l.e, DwAdd(d, l.den, x_slope));
    DW<D> slope = DwDiv(d, Select<D>(l.negative, left, right), DwMul(d, l.den, l.den));
    V k = hn::IfThenElseZero(l.negative, l.k);
    PatchNearZero(d, DWOf(d, xc), smooth::kGeluTanhZero, smooth::kGeluTanhSlopeK0,
                  smooth::kGeluTanhSlopeK, &slope, &k);
    return ScaledProduct(d, dy, slope, k);
  }
};

struct MishMath {
  static constexpr bool kOddZero = true;
  // With v = e^-|x| = 2^k vm (vs = v as a number):
  //   x >= 0: tanh(softplus x) = (1 + 2v) / (1 + 2v + 2v^2)
  //   x <  0: tanh(softplus x) = 2^k vm (v + 2) / (v (v + 2) + 2)
  template <class D>
  struct Parts {
    hn::Vec<D> k;
    DW<D> vm, vs;
    hn::Mask<D> negative;
  };
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE Parts<D> At(D d, V x) {
    const V xc = Clamp(d, x, -2300, 2300);
    const ExpParts<D> e = ExpCore(d, DWOf(d, hn::Neg(hn::Abs(xc))));
    const DW<D> vm = OnePlus(d, e.p);
    return {e.k, vm, DwScale(d, vm, e.k), hn::Lt(x, hn::Zero(d))};
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const Parts<D> p = At(d, x);
    const DW<D> num_r = DwAdd(d, Times(d, p.vs, 2.0), hn::Set(d, 1.0));
    const DW<D> den_r = DwAdd(d, num_r, Times(d, DwMul(d, p.vs, p.vs), 2.0));
    const DW<D> plus2 = DwAdd(d, p.vs, hn::Set(d, 2.0));
    const DW<D> den_l = DwAdd(d, DwMul(d, p.vs, plus2), hn::Set(d, 2.0));
    const DW<D> q = DwDiv(d, Select<D>(p.negative, DwMul(d, p.vm, plus2), num_r),
                          Select<D>(p.negative, den_l, den_r));
    const V r = ScaledProduct(d, x, q, hn::IfThenElseZero(p.negative, p.k));
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // x >= 0: [num den + 4x (1+v) v^2] / den^2 with num = 1 + 2v,
    //         den = num + 2v^2;
    // x <  0: vm [(v+2) den + 4x (1+v)] / den^2 with den = v (v+2) + 2.
    const Parts<D> p = At(d, x);
    const V xc = Clamp(d, x, -2300, 2300);
    const DW<D> one_plus = DwAdd(d, p.vs, hn::Set(d, 1.0));
    const DW<D> square = DwMul(d, p.vs, p.vs);
    const DW<D> num_r = DwAdd(d, Times(d, p.vs, 2.0), hn::Set(d, 1.0));
    const DW<D> den_r = DwAdd(d, num_r, Times(d, square, 2.0));
    const DW<D> top_r = DwAdd(d, DwMul(d, num_r, den_r),
                              Times(d, DwMul(d, DwMul(d, one_plus, square), xc), 4.0));
    const DW<D> plus2 = DwAdd(d, p.vs, hn::Set(d, 2.0));
    const DW<D> den_l = DwAdd(d, DwMul(d, p.vs, plus2), hn::Set(d, 2.0));
    const DW<D> top_l = DwMul(d, p.vm, DwAdd(d, DwMul(d, plus2, den_l),
                                             Times(d, DwMul(d, one_plus, xc), 4.0)));
    const DW<D> den = Select<D>(p.negative, den_l, den_r);
    DW<D> slope = DwDiv(d, Select<D>(p.negative, top_l, top_r), DwMul(d, den, den));
    V k = hn::IfThenElseZero(p.negative, p.k);
    PatchNearZero(d, DWOf(d, xc), smooth::kMishZero, smooth::kMishSlopeK0, smooth::kMishSlopeK,
                  &slope, &k);
    return ScaledProduct(d, dy, slope, k);
  }
};

// ---- the wrapper the loops use ----
template <class Math, class D>
HWY_INLINE hn::Vec<D> ZeroSlopeOf(const Math& math, D d) {
  if constexpr (requires { math.ZeroSlope(d); }) {
    return math.ZeroSlope(d);
  } else {
    (void)math;
    return hn::Set(d, 1.0);
  }
}

template <typename T, class Math>
struct SmoothOp {
  using Tag = hn::Rebind<T, hn::ScalableTag<double>>;
  Math math;

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const hn::Rebind<double, D> dd;
    const auto xd = WithoutNaN(dd, Widen(dd, x));
    auto r = math.Forward(dd, xd);
    if constexpr (Math::kOddZero) {
      r = hn::IfThenElse(hn::Eq(xd, hn::Zero(dd)),
                         VProductSignZero(dd, xd, ZeroSlopeOf(math, dd)), r);
    }
    return VNaNRules(d, Narrow(d, dd, r), x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const hn::Rebind<double, D> dd;
    const auto xd = WithoutNaN(dd, Widen(dd, x));
    const auto dyd = WithoutNaN(dd, Widen(dd, dy));
    auto r = math.Backward(dd, xd, dyd);
    // f'(-inf) = 0 for every smooth op: a zero signed as dy, also for an
    // infinite dy (the zero-slope rule).
    r = hn::IfThenElse(hn::Eq(xd, hn::Set(dd, -HUGE_VAL)), VProductSignZero(dd, dyd, hn::Zero(dd)), r);
    // dy is used in every lane (a NaN x wins anyway).
    return VNaNRules(d, Narrow(d, dd, r), x, dy, hn::Eq(x, x));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {
    const hn::Rebind<double, D> dd;
    const auto r = math.FromOutput(dd, WithoutNaN(dd, Widen(dd, y)), WithoutNaN(dd, Widen(dd, dy)));
    return VNaNRules(d, Narrow(d, dd, r), y, dy, hn::Eq(y, y));
  }

 private:
  template <class DD, class V>
  static HWY_INLINE hn::Vec<DD> Widen(DD dd, V v) {
    if constexpr (std::is_same_v<T, double>) {
      (void)dd;
      return v;
    } else {
      return hn::PromoteTo(dd, v);
    }
  }
  template <class D, class DD>
  static HWY_INLINE hn::Vec<D> Narrow(D d, DD dd, hn::Vec<DD> v) {
    if constexpr (std::is_same_v<T, double>) {
      (void)d;
      (void)dd;
      return v;
    } else {
      return DemoteRounded(d, dd, v);
    }
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_SMOOTH_OPS_INL_H_
