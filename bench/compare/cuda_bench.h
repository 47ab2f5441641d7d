// `rectify bench --device cuda`: throughput of rectify's CUDA calls
// (rectify_cuda_forward, _backward, _bias_forward, _bias_backward) against
// a device-to-device copy of the same bytes and cuDNN's activation, on
// device 0. Compiled only with RECTIFY_BENCH_CUDA (a build with rectify's
// CUDA backend); rectify_bench.cc parses and validates the options.
#ifndef RECTIFY_BENCH_COMPARE_CUDA_BENCH_H_
#define RECTIFY_BENCH_COMPARE_CUDA_BENCH_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/direction.h"
#include "rectify/rectify.h"
#include "compare/timing.h"

namespace rectify_cli::bench {

// The rectify call of a row: rectify_cuda_forward or rectify_cuda_backward,
// or with `bias` the fused rectify_cuda_bias_forward or
// rectify_cuda_bias_backward. The CUDA backend has no kFromOutput call: a
// row with it is skipped as one that rectify does not compute.
struct CudaCall {
  Direction direction;
  bool bias;
};

// The direction's name, after "bias_" for the fused calls: "forward",
// "backward", "bias_forward", "bias_backward".
std::string CudaCallName(CudaCall call);

// The call of those four that CudaCallName names `name`, or nothing.
std::optional<CudaCall> CudaCallFromName(const std::string& name);

struct CudaBenchOptions {
  std::vector<rectify_op> ops;
  bool ops_given = false;  // by name: skipped workloads are then reported
  std::vector<rectify_dtype> dtypes;  // f32, f64, bf16, f16
  std::vector<CudaCall> calls;
  std::vector<std::size_t> sizes;  // bias calls: multiples of channels * inner
  std::size_t channels = 1024;     // bias rows: [n / (channels * inner)][channels][inner]
  std::size_t inner = 1;
  TimingOptions timing;
  std::string csv;   // "" for none
  std::string json;  // "" for none
  std::string command;
};

// Measures every (dtype, size, op, call) in that order, printing one
// table row per workload as it goes and rewriting the CSV and JSON files
// after each. Buffers are allocated once per (dtype, size); a size that
// does not fit in device memory is skipped with a message. Returns the
// exit status: 0, or 1 when there is no usable GPU, a rectify call fails,
// or a size could not be allocated (cuDNN failures only make its column
// n/a). Throws CudaError when the device fails beyond recovery and
// std::runtime_error when a file cannot be written.
int RunCudaBench(const CudaBenchOptions& options);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_CUDA_BENCH_H_
