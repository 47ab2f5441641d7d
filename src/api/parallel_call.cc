#include "api/parallel_call.h"

#include <unistd.h>

#include <algorithm>

#include "threads/thread_pool.h"

namespace rectify {
namespace {

// Chunk starts are multiples of 64 bytes, so threads never share a cache
// line of the output and streamed vectors stay aligned.
constexpr std::size_t kChunkAlignBytes = 64;

const unsigned char* Advance(const void* p, std::size_t bytes) {
  return static_cast<const unsigned char*>(p) + bytes;
}

unsigned char* Advance(void* p, std::size_t bytes) {
  return static_cast<unsigned char*>(p) + bytes;
}

}  // namespace

std::size_t StreamThresholdBytes() {
  static const std::size_t threshold = [] {
    long cache = sysconf(_SC_LEVEL3_CACHE_SIZE);
    if (cache <= 0) cache = sysconf(_SC_LEVEL2_CACHE_SIZE);
    const std::size_t bytes =
        cache > 0 ? static_cast<std::size_t>(cache) : std::size_t{32} << 20;
    return std::max<std::size_t>(bytes / 2, std::size_t{1} << 20);
  }();
  return threshold;
}

void RunForwardParallel(ForwardKernel kernel, const OpParams& params, CallContext context,
                        std::size_t n, std::size_t element_bytes, const void* x, void* y) {
  context.stream = x != y && n * element_bytes >= StreamThresholdBytes();
  const auto chunk = [&](std::size_t begin, std::size_t end) {
    const std::size_t offset = begin * element_bytes;
    kernel(params, context, end - begin, Advance(x, offset), Advance(y, offset));
  };
  ParallelFor(n, GrainElements(params, context, element_bytes), kChunkAlignBytes / element_bytes,
              ThreadCount(), chunk);
}

void RunBinaryParallel(BackwardKernel kernel, const OpParams& params, CallContext context,
                       std::size_t n, std::size_t element_bytes, const void* a, const void* b,
                       void* out) {
  context.stream = out != a && out != b && n * element_bytes >= StreamThresholdBytes();
  const auto chunk = [&](std::size_t begin, std::size_t end) {
    const std::size_t offset = begin * element_bytes;
    kernel(params, context, end - begin, Advance(a, offset), Advance(b, offset),
           Advance(out, offset));
  };
  ParallelFor(n, GrainElements(params, context, element_bytes), kChunkAlignBytes / element_bytes,
              ThreadCount(), chunk);
}

}  // namespace rectify
