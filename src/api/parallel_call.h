// Runs a validated element-wise kernel call on the thread pool when it is
// large enough, and decides whether its output is streamed (non-temporal
// stores). The split never changes a result: every element goes through the
// same kernel whichever thread computes it.
#ifndef RECTIFY_API_PARALLEL_CALL_H_
#define RECTIFY_API_PARALLEL_CALL_H_

#include <cstddef>

#include "kernels/kernel_table.h"
#include "ops/op_info.h"

namespace rectify {

// Smallest share of a call worth giving to another thread, in bytes of
// output (docs/performance.md has the measurements behind these). Exact ops
// move memory and need a large share to repay waking a worker; smooth ops
// spend nanoseconds per element and split much earlier.
inline constexpr std::size_t kExactGrainBytes = std::size_t{256} << 10;
inline constexpr std::size_t kSmoothGrainBytes = std::size_t{16} << 10;

// Elements per thread below which a call stays on the calling thread.
// Element sizes are 1, 2, 4 or 8 bytes: a shift, no division (this runs on
// every call). Table lookups (16-bit and int8 forward) move memory like the
// exact ops.
inline std::size_t GrainElements(const OpParams& params, const CallContext& context,
                                 std::size_t element_bytes) {
  // params.op is a checked op.
  const bool smooth = OpAt(static_cast<std::size_t>(params.op)).kind == OpKind::kSmooth &&
                      context.table == nullptr;
  const int shift = element_bytes == 8 ? 3 : element_bytes == 4 ? 2 : element_bytes == 2 ? 1 : 0;
  return (smooth ? kSmoothGrainBytes : kExactGrainBytes) >> shift;
}

// The large-call paths: thread pool, streaming decision.
void RunForwardParallel(ForwardKernel kernel, const OpParams& params, CallContext context,
                        std::size_t n, std::size_t element_bytes, const void* x, void* y);
void RunBinaryParallel(BackwardKernel kernel, const OpParams& params, CallContext context,
                       std::size_t n, std::size_t element_bytes, const void* a, const void* b,
                       void* out);

// y = kernel(x) over n elements of element_bytes each; y may be x.
inline void RunForward(ForwardKernel kernel, const OpParams& params, const CallContext& context,
                       std::size_t n, std::size_t element_bytes, const void* x, void* y) {
  if (n < 2 * GrainElements(params, context, element_bytes)) {
    return kernel(params, context, n, x, y);
  }
  RunForwardParallel(kernel, params, context, n, element_bytes, x, y);
}

// out = kernel(a, b) over n elements (backward: a = x or y, b = dy); out
// may be a or b.
inline void RunBinary(BackwardKernel kernel, const OpParams& params, const CallContext& context,
                      std::size_t n, std::size_t element_bytes, const void* a, const void* b,
                      void* out) {
  if (n < 2 * GrainElements(params, context, element_bytes)) {
    return kernel(params, context, n, a, b, out);
  }
  RunBinaryParallel(kernel, params, context, n, element_bytes, a, b, out);
}

// Output bytes from which out-of-place calls stream their output: half the
// last-level cache reported by the OS (16 MiB when it reports none).
std::size_t StreamThresholdBytes();

}  // namespace rectify

#endif  // RECTIFY_API_PARALLEL_CALL_H_
