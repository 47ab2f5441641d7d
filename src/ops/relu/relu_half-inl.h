// relu's 16-bit forward without the table: a clip of the patterns to
// [+0, +inf) (kernels/half_loops-inl.h). Same bits as the table.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_RELU_RELU_HALF_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_RELU_RELU_HALF_INL_H_
#undef RECTIFY_OPS_RELU_RELU_HALF_INL_H_
#else
#define RECTIFY_OPS_RELU_RELU_HALF_INL_H_
#endif

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "kernels/half_loops-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {

template <>
struct OpHalfForward<RECTIFY_RELU> {
  template <HalfFormat kFormat>
  static void Run(const OpParams&, const CallContext& context, std::size_t n,
                  const void* x, void* y) {
    // No cap: the threshold lies beyond every pattern (NaN is handled first).
    half_loops::ClipHalf<kFormat>(n, static_cast<const std::uint16_t*>(x),
                                  static_cast<std::uint16_t*>(y), 0x7FFF, 0, context.stream);
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_RELU_RELU_HALF_INL_H_
