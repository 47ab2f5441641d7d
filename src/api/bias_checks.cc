#include "api/bias_checks.h"

#include "api/validate.h"

namespace rectify {

rectify_status CheckBiasForward(const rectify_activation* act, rectify_dtype dtype,
                                ChannelShape shape, const void* x, const void* bias,
                                const void* y, bool bias_optional, DtypeSlot* dtype_slot,
                                OpParams* params, std::size_t* bytes) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  std::size_t bias_bytes = 0;
  RECTIFY_RETURN_IF_ERROR(CheckChannelLayout(dtype, shape.outer, shape.channels,
                                             shape.inner, bias, dtype_slot, bytes,
                                             &bias_bytes));
  RECTIFY_RETURN_IF_ERROR(CheckActivation(act, *dtype_slot, params));
  if (bias_optional && bias == nullptr) bias_bytes = 0;
  return CheckChannelForwardBuffers(*dtype_slot, false, x, bias, y, bytes, bias_bytes);
}

rectify_status CheckBiasBackward(const rectify_activation* act, rectify_dtype dtype,
                                 ChannelShape shape, const void* x, const void* bias,
                                 const void* dy, const void* dx, const void* dbias,
                                 DtypeSlot* dtype_slot, OpParams* params,
                                 std::size_t* bytes, std::size_t* bias_bytes) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  RECTIFY_RETURN_IF_ERROR(CheckChannelLayout(dtype, shape.outer, shape.channels,
                                             shape.inner, bias, dtype_slot, bytes,
                                             bias_bytes));
  RECTIFY_RETURN_IF_ERROR(CheckActivation(act, *dtype_slot, params));
  return CheckChannelBackwardBuffers(*dtype_slot, false, x, bias, dy, dx, dbias, bytes,
                                     bias_bytes);
}

}  // namespace rectify
