#include "api/channel_call.h"

#include <algorithm>
#include <cstddef>

#include "api/parallel_call.h"
#include "threads/thread_pool.h"

namespace rectify {
namespace {

// Channel ranges of a channels-last (inner == 1) split start on 64-byte
// boundaries of a row and of the count array, so threads share no line.
constexpr std::size_t kLineBytes = 64;

std::size_t CeilDiv(std::size_t a, std::size_t b) { return (a + b - 1) / b; }

ChannelBlock WholeBlock(ChannelShape shape) {
  return ChannelBlock{shape.outer, shape.channels, shape.inner, 0, shape.outer, 0,
                      shape.channels};
}

// Splits the channels across threads, each taking every row of its
// channels; grain in elements. One chunk per thread: a thread walks all
// rows of its channels, and the wider its share of each row the better the
// memory streams (narrow column strips of a channels-last layout ran at a
// fifth of the bandwidth).
template <class RunBlock>
void SplitChannels(ChannelShape shape, std::size_t grain, std::size_t element_bytes,
                   const RunBlock& run) {
  const std::size_t per_channel = shape.outer * shape.inner;
  const std::size_t align = shape.inner == 1 ? kLineBytes / element_bytes : 1;
  const int threads = ThreadCount();
  const std::size_t share = std::max<std::size_t>(1, shape.channels / static_cast<std::size_t>(threads));
  ParallelFor(shape.channels, std::max(CeilDiv(grain, per_channel), share), align, threads,
              [&](std::size_t begin, std::size_t end) {
                ChannelBlock block = WholeBlock(shape);
                block.channel_begin = begin;
                block.channel_end = end;
                run(block);
              });
}

}  // namespace

void RunBiasForward(BiasForwardKernel kernel, OpParams params, ChannelShape shape,
                    std::size_t element_bytes, const void* x, const void* bias,
                    void* y, void* counts) {
  const std::size_t elements = shape.elements();
  const std::size_t grain = GrainElements(params, element_bytes);
  params.stream = x != y && elements * element_bytes >= StreamThresholdBytes();
  if (elements < 2 * grain || shape.channels == 0) {
    return kernel(params, WholeBlock(shape), x, bias, y, counts);
  }
  const auto run = [&](const ChannelBlock& block) {
    kernel(params, block, x, bias, y, counts);
  };
  // Counts are owned per channel: split channels. Without counts, split
  // rows, which keeps each thread's memory contiguous.
  if (counts != nullptr || shape.outer == 1) {
    return SplitChannels(shape, grain, element_bytes, run);
  }
  const std::size_t per_row = shape.channels * shape.inner;
  ParallelFor(shape.outer, CeilDiv(grain, per_row), 1, ThreadCount(),
              [&](std::size_t begin, std::size_t end) {
                ChannelBlock block = WholeBlock(shape);
                block.outer_begin = begin;
                block.outer_end = end;
                run(block);
              });
}

void RunBiasBackward(BiasBackwardKernel kernel, const OpParams& params,
                     ChannelShape shape, std::size_t element_bytes, const void* x,
                     const void* bias, const void* dy, void* dx, void* dbias) {
  const std::size_t grain = GrainElements(params, element_bytes);
  if (shape.elements() < 2 * grain) {
    return kernel(params, WholeBlock(shape), x, bias, dy, dx, dbias);
  }
  SplitChannels(shape, grain, element_bytes, [&](const ChannelBlock& block) {
    kernel(params, block, x, bias, dy, dx, dbias);
  });
}

}  // namespace rectify
