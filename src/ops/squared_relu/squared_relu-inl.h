// squared_relu: relu(x)^2 on vectors of every target, the lane-wise mirror
// of ops/squared_relu/squared_relu.h (same operations, same order), so every
// target returns the reference's bits. f32 products 2 x dy are exact in f64
// lanes and rounded once. Re-included once per Highway target
// (foreach_target.h).
#if defined(RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_INL_H_
#undef RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_INL_H_
#else
#define RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// RN(2 x dy) for x > 0, per element type (squared_relu_detail::TwiceProduct).
template <typename T>
struct SquaredReluProduct;

template <>
struct SquaredReluProduct<float> {
  // f32 lanes with the lane count of f64: the product is taken in f64.
  using Tag = hn::Rebind<float, hn::ScalableTag<double>>;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V TwiceProduct(D d, V x, V dy) {
    const hn::Rebind<double, D> dd;
    const auto p = hn::Mul(hn::Mul(hn::Set(dd, 2.0), hn::PromoteTo(dd, x)), hn::PromoteTo(dd, dy));
    return DemoteRounded(d, dd, p);
  }
};

template <>
struct SquaredReluProduct<double> {
  using Tag = hn::ScalableTag<double>;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V TwiceProduct(D d, V x, V dy) {
    const auto doubling_is_finite = hn::Lt(x, hn::Set(d, 0x1p1023));
    return hn::IfThenElse(doubling_is_finite, hn::Mul(hn::Add(x, x), dy),
                          hn::Mul(hn::Set(d, 2.0), hn::Mul(x, dy)));
  }
};

template <typename T>
struct SquaredReluOp {
  using Tag = typename SquaredReluProduct<T>::Tag;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // x * x of a non-NaN x is never NaN: the rules reduce to quieting x.
    const V r = hn::IfThenElseZero(hn::Gt(x, hn::Zero(d)), hn::Mul(x, x));
    return VNaNRules(d, r, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const auto positive = hn::Gt(x, hn::Zero(d));
    const V r = hn::IfThenElseZero(positive, SquaredReluProduct<T>::TwiceProduct(d, x, dy));
    return VNaNRules(d, r, x, dy, positive);
  }
};

template <>
struct OpBody<RECTIFY_SQUARED_RELU> : ParameterlessBody<SquaredReluOp> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_SQUARED_RELU_SQUARED_RELU_INL_H_
