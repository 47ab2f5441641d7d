// sigmoid: 1 / (1 + e^-x) on vectors.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_SIGMOID_SIGMOID_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_SIGMOID_SIGMOID_INL_H_
#undef RECTIFY_OPS_SIGMOID_SIGMOID_INL_H_
#else
#define RECTIFY_OPS_SIGMOID_SIGMOID_INL_H_
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

template <bool kC>
struct SigmoidLanes {
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // E = e^-|x| itself (subnormal where it is: sigmoid(x) is then E to
    // within 2^-126 relative), den = 1 + E; E / den for x < 0, 1 / den
    const auto negative = hn::Lt(x, hn::Zero(d));
    const V a = hn::Max(hn::Neg(hn::Abs(x)), hn::Set(d, -kValueFar));
    const Pair<D> e = ExpValueF<kC>(d, PairOf(d, a));
    Pair<D> den = FastTwoSumF(d, hn::Set(d, 1.0f), e.hi);
    if constexpr (kC) den.lo = hn::Add(den.lo, e.lo);
    const Pair<D> n{hn::IfThenElse(negative, e.hi, hn::Set(d, 1.0f)), hn::IfThenElseZero(negative, e.lo)};
    const Pair<D> q = DividePairF<kC>(d, n, den);
    return kC ? Value(q) : q.hi;
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const LogisticF<D> l = LogisticAtF<kC>(d, PairOf(d, x), kSlopeFar);
    return TimesScaledF<kC>(d, LogisticSlopeOfF<kC>(d, l), dy);
  }
};


template <>
struct OpBody<RECTIFY_SIGMOID> : SmoothBody<SigmoidMath, SigmoidF32Math, SigmoidLanes> {
  static constexpr bool kOwnFromOutput = true;  // dy y (1 - y)
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_SIGMOID_SIGMOID_INL_H_
