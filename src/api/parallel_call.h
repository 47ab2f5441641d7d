// Runs a validated element-wise kernel call on the thread pool when it is
// large enough, and decides whether its output is streamed (non-temporal
// stores). The split never changes a result: every element goes through the
// same kernel whichever thread computes it.
#ifndef RECTIFY_API_PARALLEL_CALL_H_
#define RECTIFY_API_PARALLEL_CALL_H_

#include <cstddef>

#include "kernels/kernel_table.h"

namespace rectify {

// y = kernel(x) over n elements of element_bytes each; y may be x.
void RunForward(ForwardKernel kernel, OpParams params, std::size_t n,
                std::size_t element_bytes, const void* x, void* y);

// out = kernel(a, b) over n elements (backward: a = x or y, b = dy); out
// may be a or b.
void RunBinary(BackwardKernel kernel, OpParams params, std::size_t n,
               std::size_t element_bytes, const void* a, const void* b,
               void* out);

// Output bytes from which out-of-place calls stream their output: half the
// last-level cache reported by the OS (16 MiB when it reports none).
std::size_t StreamThresholdBytes();

}  // namespace rectify

#endif  // RECTIFY_API_PARALLEL_CALL_H_
