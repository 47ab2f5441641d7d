#include "api/parallel_call.h"

#include <unistd.h>

#include <algorithm>

#include "ops/op_info.h"
#include "threads/thread_pool.h"

namespace rectify {
namespace {

// Smallest share of a call worth giving to another thread, in bytes of
// output (docs/performance.md has the measurements behind these). Exact ops
// move memory and need a large share to repay waking a worker; smooth ops
// spend nanoseconds per element and split much earlier.
constexpr std::size_t kExactGrainBytes = std::size_t{256} << 10;
constexpr std::size_t kSmoothGrainBytes = std::size_t{16} << 10;

// Chunk starts are multiples of 64 bytes, so threads never share a cache
// line of the output and streamed vectors stay aligned.
constexpr std::size_t kChunkAlignBytes = 64;

std::size_t GrainElements(const OpParams& params, std::size_t element_bytes) {
  // params.op is a checked, implemented op.
  const bool smooth = OpAt(static_cast<std::size_t>(params.op)).kind == OpKind::kSmooth;
  return (smooth ? kSmoothGrainBytes : kExactGrainBytes) / element_bytes;
}

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

void RunForward(ForwardKernel kernel, OpParams params, std::size_t n,
                std::size_t element_bytes, const void* x, void* y) {
  const std::size_t grain = GrainElements(params, element_bytes);
  if (n < 2 * grain) return kernel(params, n, x, y);  // the small-call path
  params.stream = x != y && n * element_bytes >= StreamThresholdBytes();
  const auto chunk = [&](std::size_t begin, std::size_t end) {
    const std::size_t offset = begin * element_bytes;
    kernel(params, end - begin, Advance(x, offset), Advance(y, offset));
  };
  ParallelFor(n, grain, kChunkAlignBytes / element_bytes, ThreadCount(), chunk);
}

void RunBinary(BackwardKernel kernel, OpParams params, std::size_t n,
               std::size_t element_bytes, const void* a, const void* b,
               void* out) {
  const std::size_t grain = GrainElements(params, element_bytes);
  if (n < 2 * grain) return kernel(params, n, a, b, out);  // the small-call path
  params.stream = out != a && out != b && n * element_bytes >= StreamThresholdBytes();
  const auto chunk = [&](std::size_t begin, std::size_t end) {
    const std::size_t offset = begin * element_bytes;
    kernel(params, end - begin, Advance(a, offset), Advance(b, offset),
           Advance(out, offset));
  };
  ParallelFor(n, grain, kChunkAlignBytes / element_bytes, ThreadCount(), chunk);
}

}  // namespace rectify
