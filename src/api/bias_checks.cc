#include "api/bias_checks.h"

#include "api/validate.h"

namespace rectify {

rectify_status CheckBiasForward(const rectify_activation* act, rectify_dtype dtype,
                                ChannelShape shape, const void* x, const void* bias,
                                const void* y, bool bias_optional, std::size_t* kernel_index,
                                OpParams* params, std::size_t* bytes) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  std::size_t bias_bytes = 0;
  RECTIFY_RETURN_IF_ERROR(CheckChannelLayout(dtype, shape.outer, shape.channels,
                                             shape.inner, bias, kernel_index, bytes,
                                             &bias_bytes));
  RECTIFY_RETURN_IF_ERROR(CheckActivation(act, *kernel_index, params));
  if (bias_optional && bias == nullptr) bias_bytes = 0;
  return CheckChannelForwardBuffers(*kernel_index, false, x, bias, y, bytes, bias_bytes);
}

rectify_status CheckBiasBackward(const rectify_activation* act, rectify_dtype dtype,
                                 ChannelShape shape, const void* x, const void* bias,
                                 const void* dy, const void* dx, const void* dbias,
                                 std::size_t* kernel_index, OpParams* params,
                                 std::size_t* bytes, std::size_t* bias_bytes) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  RECTIFY_RETURN_IF_ERROR(CheckChannelLayout(dtype, shape.outer, shape.channels,
                                             shape.inner, bias, kernel_index, bytes,
                                             bias_bytes));
  RECTIFY_RETURN_IF_ERROR(CheckActivation(act, *kernel_index, params));
  return CheckChannelBackwardBuffers(*kernel_index, false, x, bias, dy, dx, dbias, bytes,
                                     bias_bytes);
}

}  // namespace rectify
