// The C entry points: validate everything, then one dispatch to the active
// target's kernel. Nothing here allocates, throws, prints or aborts.
#include <cstddef>
#include <cstring>

#include "api/half_call.h"
#include "api/parallel_call.h"
#include "api/validate.h"
#include "dispatch/targets.h"
#include "ops/op_info.h"
#include "numeric/float_bits.h"
#include "rectify/rectify.h"
#include "rectify_version.h"
#include "threads/thread_pool.h"

namespace rectify {
namespace {

const KernelTable& Kernels() { return ActiveKernels(); }

// The shared checks of rectify_backward and rectify_backward_from_output;
// `source` is x or y.
rectify_status CheckBackward(const rectify_activation* act, rectify_dtype dtype,
                             std::size_t n, const void* source, const void* dy,
                             const void* dx, DtypeSlot* dtype_slot,
                             OpParams* params) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  RECTIFY_RETURN_IF_ERROR(CheckDtype(dtype, dtype_slot));
  RECTIFY_RETURN_IF_ERROR(CheckActivation(act, *dtype_slot, params));
  const void* const inputs[] = {source, dy};
  std::size_t bytes = 0;
  return CheckElementwiseBuffers(inputs, 2, dx, n, ElementBytes(*dtype_slot),
                                 &bytes);
}

}  // namespace
}  // namespace rectify

using rectify::Kernels;
using rectify::DtypeSlot;
using rectify::kF32Slot;
using rectify::OpParams;

extern "C" {

rectify_activation rectify_activation_default(rectify_op op) {
  const int raw = rectify::RawEnum(op);
  if (raw < 0 || static_cast<std::size_t>(raw) >= rectify::kOpCount) {
    rectify_activation invalid;
    std::memcpy(&invalid.op, &raw, sizeof raw);
    invalid.alpha = 0.0;
    invalid.beta = 0.0;
    invalid.accuracy = RECTIFY_ACCURACY_DEFAULT;
    return invalid;
  }
  const rectify::OpInfo& info = rectify::OpAt(static_cast<std::size_t>(raw));
  return rectify_activation{info.op, info.default_alpha, info.default_beta,
                            RECTIFY_ACCURACY_DEFAULT};
}

rectify_status rectify_forward(const rectify_activation* act,
                               rectify_dtype dtype, size_t n, const void* x,
                               void* y) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  DtypeSlot dtype_slot = kF32Slot;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckDtype(dtype, &dtype_slot));
  OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckActivation(act, dtype_slot, &params));
  const std::size_t element = rectify::ElementBytes(dtype_slot);
  std::size_t bytes = 0;
  RECTIFY_RETURN_IF_ERROR(
      rectify::CheckElementwiseBuffers(&x, 1, y, n, element, &bytes));
  if (n != 0) {
    const rectify::KernelTable& kernels = Kernels();
    rectify::ForwardTableRef table;
    rectify::CallContext context;
    RECTIFY_RETURN_IF_ERROR(rectify::PrepareHalfCall(
        dtype_slot, kernels, rectify::ForwardNeedsTable(params.op), params, &context, &table));
    rectify::RunForward(kernels.forward[params.tier][params.op][dtype_slot], params, context, n,
                        element, x, y);
  }
  return RECTIFY_OK;
}

rectify_status rectify_backward(const rectify_activation* act,
                                rectify_dtype dtype, size_t n, const void* x,
                                const void* dy, void* dx) {
  DtypeSlot dtype_slot = kF32Slot;
  OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckBackward(act, dtype, n, x, dy, dx,
                                                 &dtype_slot, &params));
  if (n != 0) {
    const rectify::KernelTable& kernels = Kernels();
    rectify::CallContext context;
    context.wide = &kernels;  // used by the 16-bit kernels only
    rectify::RunBinary(kernels.backward[params.tier][params.op][dtype_slot], params, context, n,
                       rectify::ElementBytes(dtype_slot), x, dy, dx);
  }
  return RECTIFY_OK;
}

rectify_status rectify_backward_from_output(const rectify_activation* act,
                                            rectify_dtype dtype, size_t n,
                                            const void* y, const void* dy,
                                            void* dx) {
  DtypeSlot dtype_slot = kF32Slot;
  OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckBackward(act, dtype, n, y, dy, dx,
                                                 &dtype_slot, &params));
  if (!rectify::HasBackwardFromOutput(params, dtype_slot)) {
    return RECTIFY_ERROR_UNSUPPORTED;
  }
  if (n != 0) {
    const rectify::KernelTable& kernels = Kernels();
    rectify::CallContext context;
    context.wide = &kernels;  // used by the 16-bit kernels only
    rectify::RunBinary(kernels.backward_from_output[params.tier][params.op][dtype_slot], params,
                       context, n, rectify::ElementBytes(dtype_slot), y, dy, dx);
  }
  return RECTIFY_OK;
}

rectify_status rectify_prelu_forward(rectify_dtype dtype, size_t outer,
                                     size_t channels, size_t inner,
                                     const void* x, const void* slope,
                                     void* y) {
  DtypeSlot dtype_slot = kF32Slot;
  std::size_t bytes = 0;
  std::size_t slope_bytes = 0;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckChannelLayout(dtype, outer, channels, inner,
                                              slope, &dtype_slot, &bytes,
                                              &slope_bytes));
  RECTIFY_RETURN_IF_ERROR(rectify::CheckChannelForwardBuffers(dtype_slot, true, x, slope,
                                                              y, &bytes, slope_bytes));
  if (bytes != 0) {
    Kernels().prelu_forward[dtype_slot](outer, channels, inner, x, slope, y);
  }
  return RECTIFY_OK;
}

rectify_status rectify_prelu_backward(rectify_dtype dtype, size_t outer,
                                      size_t channels, size_t inner,
                                      const void* x, const void* slope,
                                      const void* dy, void* dx, void* dslope) {
  DtypeSlot dtype_slot = kF32Slot;
  std::size_t bytes = 0;
  std::size_t slope_bytes = 0;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckChannelLayout(dtype, outer, channels, inner,
                                              slope, &dtype_slot, &bytes,
                                              &slope_bytes));
  RECTIFY_RETURN_IF_ERROR(rectify::CheckChannelBackwardBuffers(
      dtype_slot, true, x, slope, dy, dx, dslope, &bytes, &slope_bytes));
  if (slope_bytes == 0) return RECTIFY_OK;
  if (bytes == 0) {
    // No elements: every channel's gradient is the empty sum, +0.
    std::memset(dslope, 0, slope_bytes);
    return RECTIFY_OK;
  }
  Kernels().prelu_backward[dtype_slot](outer, channels, inner, x, slope, dy,
                                         dx, dslope);
  return RECTIFY_OK;
}

rectify_status rectify_set_num_threads(int n) {
  return rectify::SetThreadCount(n) ? RECTIFY_OK : RECTIFY_ERROR_INVALID_ARGUMENT;
}

int rectify_get_num_threads(void) { return rectify::ThreadCount(); }

const char* rectify_status_string(rectify_status status) {
  switch (rectify::RawEnum(status)) {
    case RECTIFY_OK:
      return "ok";
    case RECTIFY_ERROR_NULL_POINTER:
      return "a required pointer is NULL";
    case RECTIFY_ERROR_INVALID_ARGUMENT:
      return "invalid argument (parameter, enum value or size)";
    case RECTIFY_ERROR_UNSUPPORTED:
      return "unsupported (op, dtype, direction or target not available)";
    case RECTIFY_ERROR_OVERLAP:
      return "an output partially overlaps an input";
    case RECTIFY_ERROR_DEVICE:
      return "device (CUDA) failure";
    case RECTIFY_ERROR_OUT_OF_MEMORY:
      return "out of memory (an allocation failed)";
    default:
      return "unknown status";
  }
}

size_t rectify_op_count(void) { return rectify::kOpCount; }

const char* rectify_op_name(rectify_op op) {
  const int raw = rectify::RawEnum(op);
  if (raw < 0 || static_cast<std::size_t>(raw) >= rectify::kOpCount) {
    return nullptr;
  }
  return rectify::OpAt(static_cast<std::size_t>(raw)).name;
}

const char* rectify_version(void) { return RECTIFY_VERSION_STRING; }

size_t rectify_target_count(void) { return rectify::UsableTargets().size(); }

const char* rectify_target_name(size_t index) {
  const auto targets = rectify::UsableTargets();
  return index < targets.size() ? targets[index].name : nullptr;
}

size_t rectify_compiled_target_count(void) {
  return rectify::CompiledTargets().size();
}

const char* rectify_compiled_target_name(size_t index) {
  const auto targets = rectify::CompiledTargets();
  return index < targets.size() ? targets[index].name : nullptr;
}

const char* rectify_active_target(void) { return rectify::ActiveTarget().name; }

rectify_status rectify_force_target(const char* name) {
  return rectify::ForceTarget(name) ? RECTIFY_OK : RECTIFY_ERROR_UNSUPPORTED;
}

}  // extern "C"
