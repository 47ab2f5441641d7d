// The C entry points on the layout [outer][channels][inner] beyond PReLU:
// fused bias forward and backward, and the monitored forward. Validate
// everything, then one dispatch to the active target's kernels.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "api/bias_checks.h"
#include "api/channel_call.h"
#include "api/half_call.h"
#include "api/validate.h"
#include "dispatch/targets.h"
#include "monitor/monitor.h"
#include "rectify/rectify.h"
#include "threads/thread_pool.h"

namespace rectify {
namespace {

// The monitored forward after its checks: runs the kernel in pieces of
// rows small enough for 32-bit counts (f32), folding each piece's counts
// into monitor.call_counts, then records the step.
void RunMonitored(BiasForwardKernel kernel, const OpParams& params, const CallContext& context,
                  ChannelShape shape, std::size_t element_bytes, const void* x,
                  const void* bias, void* y, rectify_monitor& monitor, CountSlots slots) {
  std::uint64_t* totals = monitor.call_counts.get();
  std::fill_n(totals, shape.channels, 0);
  if (element_bytes == sizeof(double)) {
    RunBiasForward(kernel, params, context, shape, element_bytes, x, bias, y, totals, slots);
  } else {
    constexpr std::size_t kMaxCount = std::numeric_limits<std::uint32_t>::max();
    const std::size_t rows_per_piece = kMaxCount / shape.inner;  // inner < 2^32
    const std::size_t row_bytes = shape.channels * shape.inner * element_bytes;
    std::uint32_t* piece = monitor.piece_counts.get();
    for (std::size_t o = 0; o < shape.outer; o += rows_per_piece) {
      const std::size_t rows = std::min(rows_per_piece, shape.outer - o);
      std::fill_n(piece, shape.channels, 0);
      RunBiasForward(kernel, params, context, ChannelShape{rows, shape.channels, shape.inner},
                     element_bytes, static_cast<const unsigned char*>(x) + o * row_bytes,
                     bias, static_cast<unsigned char*>(y) + o * row_bytes, piece, slots);
      for (std::size_t c = 0; c < shape.channels; ++c) totals[c] += piece[c];
    }
  }
  RecordStep(monitor, static_cast<std::uint64_t>(shape.outer) * shape.inner);
}

}  // namespace
}  // namespace rectify

using rectify::ChannelShape;
using rectify::DtypeSlot;
using rectify::kF32Slot;

extern "C" {

rectify_status rectify_bias_forward(const rectify_activation* act, rectify_dtype dtype,
                                    size_t outer, size_t channels, size_t inner,
                                    const void* x, const void* bias, void* y) {
  const ChannelShape shape{outer, channels, inner};
  DtypeSlot dtype_slot = kF32Slot;
  rectify::OpParams params{};
  std::size_t bytes = 0;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckBiasForward(
      act, dtype, shape, x, bias, y, false, &dtype_slot, &params, &bytes));
  if (bytes != 0) {
    const rectify::KernelTable& kernels = rectify::ActiveKernels();
    rectify::ForwardTableRef table;
    rectify::CallContext context;
    RECTIFY_RETURN_IF_ERROR(
        rectify::PrepareHalfCall(dtype_slot, kernels, true, params, &context, &table));
    rectify::RunBiasForward(kernels.bias_forward[params.tier][params.op][dtype_slot], params,
                            context, shape, rectify::ElementBytes(dtype_slot), x, bias, y, nullptr);
  }
  return RECTIFY_OK;
}

rectify_status rectify_bias_backward(const rectify_activation* act, rectify_dtype dtype,
                                     size_t outer, size_t channels, size_t inner,
                                     const void* x, const void* bias, const void* dy,
                                     void* dx, void* dbias) {
  DtypeSlot dtype_slot = kF32Slot;
  std::size_t bytes = 0;
  std::size_t bias_bytes = 0;
  rectify::OpParams params{};
  RECTIFY_RETURN_IF_ERROR(rectify::CheckBiasBackward(act, dtype, ChannelShape{outer, channels, inner},
                                                     x, bias, dy, dx, dbias, &dtype_slot,
                                                     &params, &bytes, &bias_bytes));
  if (bias_bytes == 0) return RECTIFY_OK;
  if (bytes == 0) {
    // No elements: every channel's gradient is the empty sum, +0.
    std::memset(dbias, 0, bias_bytes);
    return RECTIFY_OK;
  }
  const rectify::KernelTable& kernels = rectify::ActiveKernels();
  rectify::CallContext context;
  context.wide = &kernels;  // used by the 16-bit kernels only
  rectify::RunBiasBackward(kernels.bias_backward[params.tier][params.op][dtype_slot], params,
                           context, ChannelShape{outer, channels, inner},
                           rectify::ElementBytes(dtype_slot), x, bias, dy, dx, dbias);
  return RECTIFY_OK;
}

rectify_status rectify_forward_monitored(const rectify_activation* act,
                                         rectify_dtype dtype, size_t outer,
                                         size_t channels, size_t inner, const void* x,
                                         const void* bias, void* y,
                                         rectify_monitor* monitor) {
  const ChannelShape shape{outer, channels, inner};
  DtypeSlot dtype_slot = kF32Slot;
  rectify::OpParams params{};
  std::size_t bytes = 0;
  RECTIFY_RETURN_IF_ERROR(rectify::CheckBiasForward(
      act, dtype, shape, x, bias, y, true, &dtype_slot, &params, &bytes));
  if (monitor == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  if (monitor->units != channels) return RECTIFY_ERROR_INVALID_ARGUMENT;
  if (inner > std::numeric_limits<std::uint32_t>::max()) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  const rectify::KernelTable& kernels = rectify::ActiveKernels();
  rectify::ForwardTableRef table;
  rectify::CallContext context;
  if (bytes != 0) {
    RECTIFY_RETURN_IF_ERROR(
        rectify::PrepareHalfCall(dtype_slot, kernels, true, params, &context, &table));
  }
  if (bytes == 0) {
    std::fill_n(monitor->call_counts.get(), channels, 0);
    rectify::RecordStep(*monitor, 0);
    return RECTIFY_OK;
  }
  // Slots for a split over rows; without them (allocation failed) the call
  // splits channels instead, with the same results.
  rectify::CountSlots slots;
  const std::size_t wanted = rectify::WantedCountSlots(rectify::ThreadCount());
  if (wanted >= 2 && rectify::ReserveCountSlots(*monitor, wanted)) {
    slots = {monitor->slot_counts.get(), wanted};
  }
  rectify::RunMonitored(kernels.bias_forward[params.tier][params.op][dtype_slot], params, context,
                        shape, rectify::ElementBytes(dtype_slot), x, bias, y, *monitor, slots);
  return RECTIFY_OK;
}

}  // extern "C"
