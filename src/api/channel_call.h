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

// Scratch for a counting call split over rows: `slots` arrays of
// `channels` counts of the call's count type (uint32_t for f32, uint64_t
// for f64), 8 bytes per count reserved. Its contents on entry do not
// matter.
struct CountSlots {
  void* memory = nullptr;
  std::size_t slots = 0;
};

// The number of count slots a counting call on this many threads can use.
inline std::size_t WantedCountSlots(int threads) {
  return static_cast<std::size_t>(threads) * 4;
}

// y = f(x + bias[c]) over the whole shape; counts (nullable) as in
// BiasForwardKernel. y may be x. Out-of-place calls larger than the caches
// stream their output. A large counting call splits its rows over threads
// when `slots` has at least two slots (each piece counts into its own slot,
// then the slots are added to counts), else its channels.
void RunBiasForward(BiasForwardKernel kernel, const OpParams& params, CallContext context,
                    ChannelShape shape, std::size_t element_bytes, const void* x,
                    const void* bias, void* y, void* counts, CountSlots slots = {});

// dx and dbias over the whole shape (BiasBackwardKernel).
void RunBiasBackward(BiasBackwardKernel kernel, const OpParams& params,
                     const CallContext& context, ChannelShape shape, std::size_t element_bytes,
                     const void* x, const void* bias, const void* dy, void* dx, void* dbias);

}  // namespace rectify

#endif  // RECTIFY_API_CHANNEL_CALL_H_
