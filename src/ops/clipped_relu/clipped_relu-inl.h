// clipped_relu: min(max(0, x), beta) on vectors; the scalar reference is
// ops/clipped_relu/clipped_relu.h.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_INL_H_
#undef RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_INL_H_
#else
#define RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
struct ClippedReluOp {
  using Tag = hn::ScalableTag<T>;
  T cap;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V vcap = hn::Set(d, cap);
#if HWY_ARCH_X86 && HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
    // As relu (x86 max/min return the second operand for a NaN), then
    // min(cap, r) keeps a NaN r; cap > 0, so no zero tie.
    return hn::Min(vcap, hn::Max(hn::Zero(d), hn::Add(x, hn::Zero(d))));
#else
    const V clipped = hn::IfThenElse(hn::Lt(x, vcap), x, vcap);
    return VNaNRules(d, hn::IfThenElseZero(hn::Gt(x, hn::Zero(d)), clipped), x);
#endif
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const auto inside =
        hn::And(hn::Gt(x, hn::Zero(d)), hn::Lt(x, hn::Set(d, cap)));
    return VNaNRules(d, hn::IfThenElseZero(inside, dy), x, dy, inside);
  }
};

template <>
struct OpBody<RECTIFY_CLIPPED_RELU> {
  template <typename T>
  static auto Make(const OpParams& params) {
    return ClippedReluOp<T>{static_cast<T>(params.beta)};
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_INL_H_
