// relu: max(0, x) on vectors of every target; the scalar reference is ops/relu/relu.h.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_RELU_RELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_RELU_RELU_INL_H_
#undef RECTIFY_OPS_RELU_RELU_INL_H_
#else
#define RECTIFY_OPS_RELU_RELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
struct ReluOp {
  using Tag = hn::ScalableTag<T>;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
#if HWY_ARCH_X86 && HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
    // Two instructions: x + 0 quiets a signaling NaN and turns -0 into +0;
    // x86's max(a, b) returns b when either is NaN or both are zero.
    return hn::Max(hn::Zero(d), hn::Add(x, hn::Zero(d)));
#else
    // The result is NaN only when x is: the NaN rules reduce to quieting x.
    const V r = hn::IfThenElseZero(hn::Gt(x, hn::Zero(d)), x);
    return hn::IfThenElse(hn::IsNaN(x), VQuiet(d, x), r);
#endif
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // NaN only through x or a used dy, so the canonical-NaN step of the
    // rules never applies.
    const auto positive = hn::Gt(x, hn::Zero(d));
    const V r = hn::IfThenElse(hn::IsNaN(dy), VQuiet(d, dy), dy);
    return hn::IfThenElse(hn::IsNaN(x), VQuiet(d, x), hn::IfThenElseZero(positive, r));
  }
};

template <>
struct OpBody<RECTIFY_RELU> : ParameterlessBody<ReluOp> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_RELU_RELU_INL_H_
