// hardswish: x clip(x + 3, 0, 6) / 6 on vectors, correctly rounded (f32
// through f64, f64 in double-word arithmetic); the scalar reference is
// ops/hardswish/hardswish.h.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_HARDSWISH_HARDSWISH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_HARDSWISH_HARDSWISH_INL_H_
#undef RECTIFY_OPS_HARDSWISH_HARDSWISH_INL_H_
#else
#define RECTIFY_OPS_HARDSWISH_HARDSWISH_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/double_word-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The inside-(-3, 3) parts of hardswish. f32 lanes are widened to f64, so
// the f32 loops use a float descriptor with the lane count of f64.
template <typename T>
struct HardswishMath;

template <>
struct HardswishMath<float> {
  using Tag = hn::Rebind<float, hn::ScalableTag<double>>;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V Inside(D d, V x) {
    const hn::Rebind<double, D> dd;
    const auto xd = hn::PromoteTo(dd, x);
    const auto r = hn::Div(hn::Mul(xd, hn::Add(xd, hn::Set(dd, 3.0))),
                           hn::Set(dd, 6.0));
    return hn::DemoteTo(d, r);
  }
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V BackwardInside(D d, V x, V dy) {
    const hn::Rebind<double, D> dd;
    const auto xd = hn::PromoteTo(dd, x);
    const auto s = hn::Add(hn::Mul(hn::Set(dd, 2.0), xd), hn::Set(dd, 3.0));
    const auto r = hn::Div(hn::Mul(hn::PromoteTo(dd, dy), s), hn::Set(dd, 6.0));
    return DemoteRounded(d, dd, r);
  }
};

template <>
struct HardswishMath<double> {
  using Tag = hn::ScalableTag<double>;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V Inside(D d, V x) {
    return VScaledTimesDoubleWordDiv6(d, x, VFast2Sum(d, hn::Set(d, 3.0), x));
  }
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V BackwardInside(D d, V x, V dy) {
    const V s = hn::Mul(hn::Set(d, 2.0), x);
    const V finite = VScaledTimesDoubleWordDiv6(
        d, dy, VTwoSum(d, s, hn::Set(d, 3.0)));
    const V infinite = hn::Mul(dy, hn::Add(s, hn::Set(d, 3.0)));
    return hn::IfThenElse(hn::IsInf(dy), infinite, finite);
  }
};

template <typename T>
struct HardswishOp {
  using Tag = typename HardswishMath<T>::Tag;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V three = hn::Set(d, T(3));
    V r = HardswishMath<T>::Inside(d, x);
    r = hn::IfThenElse(hn::Eq(r, hn::Zero(d)),
                       VProductSignZero(d, x, hn::Set(d, T(1))), r);
    r = hn::IfThenElse(hn::Le(x, hn::Neg(three)), hn::Set(d, T(-0.0)), r);
    r = hn::IfThenElse(hn::Ge(x, three), x, r);
    return VNaNRules(d, r, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V three = hn::Set(d, T(3));
    V r = HardswishMath<T>::BackwardInside(d, x, dy);
    const V s = hn::Add(hn::Mul(hn::Set(d, T(2)), x), three);
    r = hn::IfThenElse(hn::Eq(r, hn::Zero(d)), VProductSignZero(d, dy, s), r);
    const auto below = hn::Lt(x, hn::Neg(three));
    r = hn::IfThenZeroElse(below, r);
    r = hn::IfThenElse(hn::Gt(x, three), dy, r);
    return VNaNRules(d, r, x, dy, hn::Not(below));
  }
};

template <>
struct OpBody<RECTIFY_HARDSWISH> : ParameterlessBody<HardswishOp> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_HARDSWISH_HARDSWISH_INL_H_
