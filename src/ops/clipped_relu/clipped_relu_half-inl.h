// clipped_relu's 16-bit forward without the table: a clip of the patterns
// to the cap rounded once (kernels/half_loops-inl.h). Same bits as the table.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_HALF_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_HALF_INL_H_
#undef RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_HALF_INL_H_
#else
#define RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_HALF_INL_H_
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
struct OpHalfForward<RECTIFY_CLIPPED_RELU> {
  template <HalfFormat kFormat>
  static void Run(const OpParams& params, const CallContext& context, std::size_t n,
                  const void* x, void* y) {
    const float cap = static_cast<float>(params.beta);  // positive and finite (checked)
    const std::uint16_t cap_bits = FloatToHalf(kFormat, cap);
    // The least pattern whose value is >= cap: the rounded cap, or the next
    // one when the cap was rounded down.
    const auto cap_from = static_cast<std::int16_t>(
        HalfToFloat(kFormat, cap_bits) < cap ? cap_bits + 1 : cap_bits);
    half_loops::ClipHalf<kFormat>(n, static_cast<const std::uint16_t*>(x),
                                  static_cast<std::uint16_t*>(y), cap_from, cap_bits,
                                  context.stream);
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_CLIPPED_RELU_CLIPPED_RELU_HALF_INL_H_
