// The C entry points of the CUDA backend (rectify.h, "CUDA backend"): the
// CPU calls' argument checks, then the device checks (pointers are device
// memory, aligned to their element), then one launch through
// cuda/cuda_backend.h. Nothing here prints, aborts or throws.
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "api/bias_checks.h"
#include "api/half_call.h"
#include "api/validate.h"
#include "cuda/cuda_backend.h"
#include "dispatch/targets.h"
#include "rectify/rectify.h"

namespace rectify {
namespace {

// INVALID_ARGUMENT unless every pointer is a multiple of the element size
// (a GPU load of a misaligned element faults the whole context).
rectify_status CheckElementAligned(std::initializer_list<const void*> pointers,
                                   std::size_t element_bytes) {
  for (const void* p : pointers) {
    if (reinterpret_cast<std::uintptr_t>(p) % element_bytes != 0) {
      return RECTIFY_ERROR_INVALID_ARGUMENT;
    }
  }
  return RECTIFY_OK;
}

// The tier the GPU runs: BEST for every tier for now (the accuracy has been
// checked as in the CPU calls). The 16-bit table is then BEST's too.
void UseGpuTier(OpParams* params) { params->tier = kBestTier; }

// The checks every call makes, once its CPU-side checks passed and the
// backend is known to exist, for a call with work to do: the buffers are
// device memory aligned to their element.
rectify_status CheckDeviceBuffers(std::initializer_list<const void*> pointers,
                                  DtypeSlot dtype_slot) {
  RECTIFY_RETURN_IF_ERROR(CheckElementAligned(pointers, ElementBytes(dtype_slot)));
  return cuda::CheckDevicePointers(pointers);
}

}  // namespace
}  // namespace rectify

extern "C" {

int rectify_cuda_available(void) { return rectify::cuda::Available() ? 1 : 0; }

const char* rectify_cuda_last_error(void) { return rectify::cuda::LastError(); }

rectify_status rectify_cuda_forward(const rectify_activation* act, rectify_dtype dtype,
                                    size_t n, const void* x, void* y, void* stream) {
  rectify::cuda::ClearError();
  rectify::DtypeSlot dtype_slot = rectify::kF32Slot;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckDtype(dtype, &dtype_slot));
  rectify::OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckActivation(act, dtype_slot, &params));
  std::size_t bytes = 0;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckElementwiseBuffers(
      &x, 1, y, n, rectify::ElementBytes(dtype_slot), &bytes));
  if (!rectify::cuda::Compiled()) return RECTIFY_ERROR_UNSUPPORTED;
  rectify::UseGpuTier(&params);
  if (bytes == 0) return RECTIFY_OK;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckDeviceBuffers({x, y}, dtype_slot));
  // 16-bit: context.table is the op's host table, which the backend copies
  // to the device once.
  rectify::ForwardTableRef table;
  rectify::CallContext context;
  RECTIFY_RETURN_IF_ERROR(rectify::PrepareHalfCall(dtype_slot, rectify::ActiveKernels(), true,
                                                   params, &context, &table));
  return rectify::cuda::Forward(params, context, dtype_slot, n, x, y, stream);
}

rectify_status rectify_cuda_backward(const rectify_activation* act, rectify_dtype dtype,
                                     size_t n, const void* x, const void* dy, void* dx,
                                     void* stream) {
  rectify::cuda::ClearError();
  rectify::DtypeSlot dtype_slot = rectify::kF32Slot;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckDtype(dtype, &dtype_slot));
  rectify::OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckActivation(act, dtype_slot, &params));
  const void* inputs[2] = {x, dy};
  std::size_t bytes = 0;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckElementwiseBuffers(
      inputs, 2, dx, n, rectify::ElementBytes(dtype_slot), &bytes));
  if (!rectify::cuda::Compiled()) return RECTIFY_ERROR_UNSUPPORTED;
  rectify::UseGpuTier(&params);
  if (bytes == 0) return RECTIFY_OK;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckDeviceBuffers({x, dy, dx}, dtype_slot));
  return rectify::cuda::Backward(params, dtype_slot, n, x, dy, dx, stream);
}

rectify_status rectify_cuda_bias_forward(const rectify_activation* act, rectify_dtype dtype,
                                         size_t outer, size_t channels, size_t inner,
                                         const void* x, const void* bias, void* y,
                                         void* stream) {
  rectify::cuda::ClearError();
  rectify::DtypeSlot dtype_slot = rectify::kF32Slot;
  std::size_t bytes = 0;
  rectify::OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckBiasForward(act, dtype, {outer, channels, inner}, x,
                                                    bias, y, false, &dtype_slot, &params,
                                                    &bytes));
  if (!rectify::cuda::Compiled()) return RECTIFY_ERROR_UNSUPPORTED;
  rectify::UseGpuTier(&params);
  if (bytes == 0) return RECTIFY_OK;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckDeviceBuffers({x, bias, y}, dtype_slot));
  rectify::ForwardTableRef table;
  rectify::CallContext context;
  RECTIFY_RETURN_IF_ERROR(rectify::PrepareHalfCall(dtype_slot, rectify::ActiveKernels(), true,
                                                   params, &context, &table));
  return rectify::cuda::BiasForward(params, context, dtype_slot, outer, channels, inner, x,
                                    bias, y, stream);
}

rectify_status rectify_cuda_bias_backward(const rectify_activation* act, rectify_dtype dtype,
                                          size_t outer, size_t channels, size_t inner,
                                          const void* x, const void* bias, const void* dy,
                                          void* dx, void* dbias, void* stream) {
  rectify::cuda::ClearError();
  rectify::DtypeSlot dtype_slot = rectify::kF32Slot;
  std::size_t bytes = 0;
  std::size_t bias_bytes = 0;
  rectify::OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckBiasBackward(act, dtype, {outer, channels, inner}, x,
                                                     bias, dy, dx, dbias, &dtype_slot, &params,
                                                     &bytes, &bias_bytes));
  if (!rectify::cuda::Compiled()) return RECTIFY_ERROR_UNSUPPORTED;
  rectify::UseGpuTier(&params);
  if (bias_bytes == 0) return RECTIFY_OK;
  if (bytes == 0) {
    // No elements: every channel's gradient is the empty sum, +0.
    RECTIFY_RETURN_IF_ERROR(rectify::CheckDeviceBuffers({dbias}, dtype_slot));
    return rectify::cuda::Zero(dbias, bias_bytes, stream);
  }
  RECTIFY_RETURN_IF_ERROR(rectify::CheckDeviceBuffers({x, bias, dy, dx, dbias}, dtype_slot));
  return rectify::cuda::BiasBackward(params, dtype_slot, outer, channels, inner, x, bias, dy,
                                     dx, dbias, stream);
}

}  // extern "C"
