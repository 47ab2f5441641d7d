// selu: lambda (x > 0 ? x : alpha expm1(x)) on vectors, through elu's bodies
// (ops/elu/elu-inl.h) with lambda.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_SELU_SELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_SELU_SELU_INL_H_
#undef RECTIFY_OPS_SELU_SELU_INL_H_
#else
#define RECTIFY_OPS_SELU_SELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/smooth_op-inl.h"
#include "kernels/smooth_lanes-inl.h"
#include "ops/elu/elu_lanes-inl.h"
#include "ops/elu/elu-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// (selu has no body of its own.)

template <>
struct OpBody<RECTIFY_SELU> : TieredSmoothBody {
  template <typename T, Tier kTier>
  static auto Make(const OpParams& params) {
    return EluBodyOf<T, kTier>(RoundedParam<T>(params.alpha), RoundedParam<T>(params.beta), true);
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_SELU_SELU_INL_H_
