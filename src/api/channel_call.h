// Runs validated fused-bias kernel calls (kernels/bias_loops-inl.h) over
// the layout [outer][channels][inner], on the thread pool when they are
// large enough. The split never changes a result: forward rows are
// independent, activity counts are integers owned by one thread per
// channel, and each channel's bias gradient is summed by one thread in the
// canonical order.
#ifndef RECTIFY_API_CHANNEL_CALL_H_
#define RECTIFY_API_CHANNEL_CALL_H_

#include <cstddef>

#include "kernels/kernel_table.h"

namespace rectify {

struct ChannelShape {
  std::size_t outer;
  std::size_t channels;
  std::size_t inner;
  std::size_t elements() const { return outer * channels * inner; }  // checked
};

// y = f(x + bias[c]) over the whole shape; counts (nullable) as in
// BiasForwardKernel. y may be x. Out-of-place calls larger than the caches
// stream their output.
void RunBiasForward(BiasForwardKernel kernel, OpParams params, ChannelShape shape,
                    std::size_t element_bytes, const void* x, const void* bias,
                    void* y, void* counts);

// dx and dbias over the whole shape (BiasBackwardKernel).
void RunBiasBackward(BiasBackwardKernel kernel, const OpParams& params,
                     ChannelShape shape, std::size_t element_bytes, const void* x,
                     const void* bias, const void* dy, void* dx, void* dbias);

}  // namespace rectify

#endif  // RECTIFY_API_CHANNEL_CALL_H_
