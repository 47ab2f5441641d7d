// hardsigmoid: clip(x + 3, 0, 6) / 6 on vectors; the scalar reference is
// ops/hardsigmoid/hardsigmoid.h.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_INL_H_
#undef RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_INL_H_
#else
#define RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
struct HardsigmoidOp {
  using Tag = hn::ScalableTag<T>;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V three = hn::Set(d, T(3));
    const V six = hn::Set(d, T(6));
    const auto low = hn::Lt(x, hn::Set(d, T(-1.5)));
    // One division: (x + 3) / 6 below -1.5, x / 6 + 0.5 from -1.5 on.
    const V q = hn::Div(hn::IfThenElse(low, hn::Add(x, three), x), six);
    V r = hn::IfThenElse(low, q, hn::Add(q, hn::Set(d, T(0.5))));
    r = hn::IfThenZeroElse(hn::Le(x, hn::Neg(three)), r);
    r = hn::IfThenElse(hn::Ge(x, three), hn::Set(d, T(1)), r);
    return VNaNRules(d, r, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V three = hn::Set(d, T(3));
    const auto inside = hn::And(hn::Gt(x, hn::Neg(three)), hn::Lt(x, three));
    const V r = hn::IfThenElseZero(inside, hn::Div(dy, hn::Set(d, T(6))));
    return VNaNRules(d, r, x, dy, inside);
  }
};

template <>
struct OpBody<RECTIFY_HARDSIGMOID> : ParameterlessBody<HardsigmoidOp> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_HARDSIGMOID_HARDSIGMOID_INL_H_
