// rectify_forward_quantized: checks, then the call's 256-entry table
// (half/quant_table.h, cached) applied by the active target's byte lookup.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "api/parallel_call.h"
#include "api/validate.h"
#include "dispatch/targets.h"
#include "half/quant_table.h"
#include "rectify/rectify.h"

namespace rectify {
namespace {

bool QuantValid(const rectify_quant& q, bool is_signed) {
  const bool scale_ok = std::isfinite(q.scale) && q.scale > 0.0f;
  const std::int32_t low = is_signed ? -128 : 0;
  const std::int32_t high = is_signed ? 127 : 255;
  return scale_ok && q.zero_point >= low && q.zero_point <= high;
}

}  // namespace
}  // namespace rectify

extern "C" {

rectify_status rectify_forward_quantized(const rectify_activation* act, rectify_dtype dtype,
                                         rectify_quant in, rectify_quant out, size_t n,
                                         const void* x, void* y) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  const int raw_dtype = rectify::RawEnum(dtype);
  if (raw_dtype < RECTIFY_F32 || raw_dtype > RECTIFY_U8) return RECTIFY_ERROR_INVALID_ARGUMENT;
  if (raw_dtype != RECTIFY_S8 && raw_dtype != RECTIFY_U8) return RECTIFY_ERROR_UNSUPPORTED;
  const bool is_signed = raw_dtype == RECTIFY_S8;
  rectify::OpParams params{};
  // Parameters are checked and used as f32 values, as for the 16-bit types.
  RECTIFY_RETURN_IF_ERROR(rectify::CheckActivation(act, rectify::kF32Slot, &params));
  if (!rectify::QuantValid(in, is_signed) || !rectify::QuantValid(out, is_signed)) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  std::size_t bytes = 0;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckElementwiseBuffers(&x, 1, y, n, 1, &bytes));
  if (n == 0) return RECTIFY_OK;
  std::uint8_t scratch[256];
  rectify::CallContext context;
  context.table = rectify::GetQuantTable(params, is_signed, in, out, scratch);
  rectify::RunForward(rectify::ActiveKernels().byte_forward, params, context, n, 1, x, y);
  return RECTIFY_OK;
}

}  // extern "C"
