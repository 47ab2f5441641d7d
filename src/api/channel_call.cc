#include "api/channel_call.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

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
// rows of its channels. Each row then gives a thread only a strip of
// memory; strips shorter than kMinStripBytes defeat the hardware
// prefetchers (half-row strips of 512 bytes ran four times slower than the
// whole rows on one thread), so such calls stay on the calling thread.
constexpr std::size_t kMinStripBytes = 4096;

template <class RunBlock>
void SplitChannels(ChannelShape shape, std::size_t grain, std::size_t element_bytes,
                   const RunBlock& run) {
  const std::size_t per_channel = shape.outer * shape.inner;
  const std::size_t align = shape.inner == 1 ? kLineBytes / element_bytes : 1;
  const int threads = ThreadCount();
  const std::size_t share = std::max<std::size_t>(1, shape.channels / static_cast<std::size_t>(threads));
  const bool wide_strips = shape.outer == 1 || share * shape.inner * element_bytes >= kMinStripBytes;
  ParallelFor(shape.channels, std::max(CeilDiv(grain, per_channel), share), align,
              wide_strips ? threads : 1, [&](std::size_t begin, std::size_t end) {
                ChannelBlock block = WholeBlock(shape);
                block.channel_begin = begin;
                block.channel_end = end;
                run(block);
              });
}

// Counts per channel of one kernel call: 32 bits for f32, 64 for f64.
template <typename Count>
void AddSlots(const void* memory, std::size_t slots, std::size_t channels, void* counts) {
  const Count* slot = static_cast<const Count*>(memory);
  Count* total = static_cast<Count*>(counts);
  for (std::size_t k = 0; k < slots; ++k, slot += channels) {
    for (std::size_t c = 0; c < channels; ++c) total[c] += slot[c];
  }
}

}  // namespace

void RunBiasForward(BiasForwardKernel kernel, const OpParams& params, CallContext context,
                    ChannelShape shape, std::size_t element_bytes, const void* x,
                    const void* bias, void* y, void* counts, CountSlots slots) {
  const std::size_t elements = shape.elements();
  const std::size_t grain = GrainElements(params, context, element_bytes);
  context.stream = x != y && elements * element_bytes >= StreamThresholdBytes();
  if (elements < 2 * grain || shape.channels == 0) {
    return kernel(params, context, WholeBlock(shape), x, bias, y, counts);
  }
  const auto run = [&](const ChannelBlock& block) {
    kernel(params, context, block, x, bias, y, counts);
  };
  const std::size_t per_row = shape.channels * shape.inner;
  const std::size_t rows_grain = CeilDiv(grain, per_row);
  // Rows split best (each thread's memory is contiguous); counts then need
  // one slot per piece. Without slots, counts are owned per channel.
  if (counts != nullptr && slots.slots >= 2 && shape.outer / rows_grain >= 2) {
    const std::size_t pieces = std::min(slots.slots, shape.outer / rows_grain);
    // u64 counts for f64, u32 for the other dtypes (kernel_table.h).
    const std::size_t count_bytes = element_bytes == 8 ? 8 : 4;
    std::memset(slots.memory, 0, pieces * shape.channels * count_bytes);
    ParallelFor(pieces, 1, 1, ThreadCount(), [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        ChannelBlock block = WholeBlock(shape);
        block.outer_begin = shape.outer * k / pieces;
        block.outer_end = shape.outer * (k + 1) / pieces;
        kernel(params, context, block, x, bias, y,
               static_cast<unsigned char*>(slots.memory) + k * shape.channels * count_bytes);
      }
    });
    return count_bytes == sizeof(std::uint32_t)
               ? AddSlots<std::uint32_t>(slots.memory, pieces, shape.channels, counts)
               : AddSlots<std::uint64_t>(slots.memory, pieces, shape.channels, counts);
  }
  if (counts != nullptr || shape.outer == 1) {
    return SplitChannels(shape, grain, element_bytes, run);
  }
  ParallelFor(shape.outer, CeilDiv(grain, per_row), 1, ThreadCount(),
              [&](std::size_t begin, std::size_t end) {
                ChannelBlock block = WholeBlock(shape);
                block.outer_begin = begin;
                block.outer_end = end;
                run(block);
              });
}

void RunBiasBackward(BiasBackwardKernel kernel, const OpParams& params,
                     const CallContext& context, ChannelShape shape, std::size_t element_bytes,
                     const void* x, const void* bias, const void* dy, void* dx, void* dbias) {
  const std::size_t grain = GrainElements(params, context, element_bytes);
  if (shape.elements() < 2 * grain) {
    return kernel(params, context, WholeBlock(shape), x, bias, dy, dx, dbias);
  }
  SplitChannels(shape, grain, element_bytes, [&](const ChannelBlock& block) {
    kernel(params, context, block, x, bias, dy, dx, dbias);
  });
}

}  // namespace rectify
