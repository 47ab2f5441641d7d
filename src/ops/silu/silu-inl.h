// silu: x sigmoid(beta x) on vectors (beta: the activation's alpha).
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_SILU_SILU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_SILU_SILU_INL_H_
#undef RECTIFY_OPS_SILU_SILU_INL_H_
#else
#define RECTIFY_OPS_SILU_SILU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/plain_double_math-inl.h"
#include "kernels/smooth_math-inl.h"
#include "kernels/smooth_op-inl.h"
#include "kernels/logistic_lanes-inl.h"
#include "kernels/smooth_lanes-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

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

template <bool kC>
struct SiluLanes {
  // DEFAULT (kC): BEST's f64-lane body measured faster than the compensated
  // f32 lanes (docs/performance.md, "Accuracy tiers"), and is within the bound.
  static constexpr bool kBestBackward = kC;

  float beta;
  bool unit;  // beta == 1: beta x needs no product
  static SiluLanes Of(float beta) { return {beta, beta == 1.0f}; }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const LogisticF<D> l = LogisticAtF<kC>(d, ScaledArgumentF(d, beta, unit, x), kSlopeFar);
    return WithInfiniteLimits(d, x, TimesScaledF<kC>(d, SigmoidOfF<kC>(d, l), x));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // S'(w) = sigma(w) + w sigma'(w), w = beta x
    const Pair<D> w = ScaledArgumentF(d, beta, unit, x);
    const LogisticF<D> l = LogisticAtF<kC>(d, w, kSlopeFar);
    ScaledF<D> slope = LogisticPlusSlopeF<kC>(d, l, w);
    PatchNearZeroF<kC>(d, w, smooth::kSiluZero, smooth::kSiluSlopeK0, smooth::kSiluSlopeK, &slope);
    return TimesScaledF<kC>(d, slope, dy);
  }
};


template <>
struct OpBody<RECTIFY_SILU> : SmoothBodyOfAlpha<SiluMath, SiluF32Math, SiluLanes> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_SILU_SILU_INL_H_
