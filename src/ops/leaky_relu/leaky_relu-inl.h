// leaky_relu (and PReLU, its per-channel form): x > 0 ? x : alpha x on vectors;
// the scalar reference is ops/leaky_relu/leaky_relu.h.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_INL_H_
#undef RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_INL_H_
#else
#define RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
struct LeakyReluOp {
  using Tag = hn::ScalableTag<T>;
  T alpha;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    return ForwardWithSlope(d, x, hn::Set(d, alpha));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    return BackwardWithSlope(d, x, dy, hn::Set(d, alpha));
  }
  // Per-lane slopes, for PReLU over channels.
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V ForwardWithSlope(D d, V x, V slope) {
    const auto positive = hn::Gt(x, hn::Zero(d));
    return VNaNRules(d, hn::IfThenElse(positive, x, VSlopeTimes(d, slope, x)),
                     x);
  }
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V BackwardWithSlope(D d, V x, V dy, V slope) {
    const auto positive = hn::Gt(x, hn::Zero(d));
    const V r = hn::IfThenElse(positive, dy, VSlopeTimes(d, slope, dy));
    return VNaNRules(d, r, x, dy, hn::Not(hn::IsNaN(x)));
  }
};

template <>
struct OpBody<RECTIFY_LEAKY_RELU> {
  // PReLU, the per-channel form: the same body with per-lane slopes.
  template <typename T>
  static LeakyReluOp<T> ChannelSlopeOp(T slope) {
    return LeakyReluOp<T>{slope};
  }

  template <typename T>
  static auto Make(const OpParams& params) {
    return LeakyReluOp<T>{static_cast<T>(params.alpha)};
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_INL_H_
