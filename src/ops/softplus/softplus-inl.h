// softplus: log1p(e^(beta x)) / beta on vectors (beta: the activation's alpha).
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
#undef RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
#else
#define RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/plain_double_math-inl.h"
#include "kernels/smooth_math-inl.h"
#include "kernels/smooth_op-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

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

template <>
struct OpBody<RECTIFY_SOFTPLUS> : SmoothBodyOfAlpha<SoftplusMath, SoftplusF32Math> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
