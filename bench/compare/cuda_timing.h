// Timing on one CUDA stream with events for `rectify bench --device cuda`:
// each sample is a run of back-to-back calls between two events, and the
// implementations of a row are sampled round-robin, as the CPU bench does
// (timing.h), so that clocks and neighbours disturb them alike.
#ifndef RECTIFY_BENCH_COMPARE_CUDA_TIMING_H_
#define RECTIFY_BENCH_COMPARE_CUDA_TIMING_H_

#include <functional>
#include <string>
#include <vector>

#include <cuda_runtime_api.h>

#include "compare/timing.h"

namespace rectify_cli::bench {

// Enqueues one call on the stream; returns "" or why the call failed.
using DeviceCall = std::function<std::string()>;

struct DeviceTiming {
  std::string failure;  // non-empty: the call failed, `timing` is empty
  TimingResult timing;  // seconds per call, from the event intervals
};

// Warms up every call (one untimed call each, then the stream drained),
// calibrates it so that a sample of back-to-back calls lasts at least
// options.min_sample_seconds (at least one call, at most 65536), and takes
// options.repeats samples of each round-robin, the first call rotating each
// round. A call that fails is dropped with its failure; the others go on.
// Throws CudaError when the stream or an event fails (for example after a
// kernel faulted: the context is then unusable).
std::vector<DeviceTiming> MeasureOnStream(const std::vector<DeviceCall>& calls,
                                          cudaStream_t stream, const TimingOptions& options);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_CUDA_TIMING_H_
