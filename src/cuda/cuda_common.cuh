// What the CUDA translation units share: the element-wise kernel with
// 16-byte vector accesses, the grid sizing, the op dispatch, and the error
// state. Compiled by nvcc with src/lane/shadow first on the include path.
#ifndef RECTIFY_CUDA_CUDA_COMMON_CUH_
#define RECTIFY_CUDA_CUDA_COMMON_CUH_

#include <cuda_runtime.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "kernels/kernel_table.h"
#include "lane/lane_kernels.h"
#include "rectify/rectify.h"

namespace rectify::cuda {

// Returns from the enclosing function when `status` is not OK.
#define RECTIFY_CUDA_CHECK_STATUS(status)          \
  do {                                             \
    const rectify_status checked_status = (status); \
    if (checked_status != RECTIFY_OK) return checked_status; \
  } while (false)

inline constexpr int kThreads = 256;
inline constexpr std::size_t kVectorBytes = 16;

// RECTIFY_ERROR_DEVICE, with "what: CUDA's text" kept for LastError().
// OK for cudaSuccess.
rectify_status DeviceError(cudaError_t error, const char* what);

// The blocks of a grid-stride launch of `kernel` over `work` items of
// kThreads per block: enough for the work, at most the resident blocks
// that fill the current device once (blocks per multiprocessor, by the
// occupancy calculator, times the multiprocessors) times RECTIFY_CUDA_WAVES
// (default 1). `cache` holds kWaveCacheDevices entries (0: not yet known)
// owned by the caller, one per device of that kernel.
inline constexpr int kWaveCacheDevices = 16;
rectify_status GridBlocks(const void* kernel, std::atomic<int>* cache, std::size_t work,
                          unsigned* blocks);

inline cudaStream_t AsStream(void* stream) { return static_cast<cudaStream_t>(stream); }

// 16 bytes of element type S.
template <typename S>
struct alignas(kVectorBytes) Pack {
  static constexpr int kLanes = kVectorBytes / sizeof(S);
  S v[kLanes];
};

// out[k] = fn(a[k]) (kBinary false) or fn(a[k], b[k]) for k < n. Elements
// [head, head + vectors * lanes) go through 16-byte loads and stores (a, b
// and out are 16-byte aligned from `head` on), the others one at a time.
// out may be exactly a or b: each element is read and written by one
// thread.
template <bool kBinary, typename S, class Fn>
__global__ void __launch_bounds__(kThreads)
    ElementKernel(Fn fn, std::size_t n, std::size_t head, std::size_t vectors, const S* a,
                  const S* b, S* out) {
  constexpr int kLanes = Pack<S>::kLanes;
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  const std::size_t first = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  const auto* va = reinterpret_cast<const Pack<S>*>(a + head);
  const auto* vb = reinterpret_cast<const Pack<S>*>(b + head);
  auto* vo = reinterpret_cast<Pack<S>*>(out + head);
  for (std::size_t v = first; v < vectors; v += stride) {
    const Pack<S> pa = va[v];
    Pack<S> r;
    if constexpr (kBinary) {
      const Pack<S> pb = vb[v];
#pragma unroll
      for (int l = 0; l < kLanes; ++l) r.v[l] = fn(pa.v[l], pb.v[l]);
    } else {
#pragma unroll
      for (int l = 0; l < kLanes; ++l) r.v[l] = fn(pa.v[l]);
    }
    vo[v] = r;
  }
  const std::size_t tail = head + vectors * kLanes;
  const std::size_t singles = head + (n - tail);
  for (std::size_t s = first; s < singles; s += stride) {
    const std::size_t k = s < head ? s : tail + (s - head);
    if constexpr (kBinary) {
      out[k] = fn(a[k], b[k]);
    } else {
      out[k] = fn(a[k]);
    }
  }
}

// Launches ElementKernel over n > 0 elements on `stream`: the vector part
// starts where every buffer is 16-byte aligned (when they share their
// misalignment; else all elements go one at a time).
template <bool kBinary, typename S, class Fn>
rectify_status LaunchElements(const Fn& fn, std::size_t n, const S* a, const S* b, S* out,
                              void* stream) {
  constexpr std::size_t kLanes = Pack<S>::kLanes;
  const auto misalign = [](const void* p) {
    return reinterpret_cast<std::uintptr_t>(p) % kVectorBytes;
  };
  const std::uintptr_t m = misalign(out);
  std::size_t head = n;
  if (misalign(a) == m && (!kBinary || misalign(b) == m)) {
    head = (kVectorBytes - m) % kVectorBytes / sizeof(S);
    if (head > n) head = n;
  }
  const std::size_t vectors = (n - head) / kLanes;
  const std::size_t singles = n - vectors * kLanes;
  const std::size_t work = vectors > singles ? vectors : singles;
  static std::atomic<int> wave_cache[kWaveCacheDevices];
  unsigned blocks = 0;
  RECTIFY_CUDA_CHECK_STATUS(GridBlocks(
      reinterpret_cast<const void*>(&ElementKernel<kBinary, S, Fn>), wave_cache, work, &blocks));
  ElementKernel<kBinary, S, Fn><<<blocks, kThreads, 0, AsStream(stream)>>>(
      fn, n, head, vectors, a, kBinary ? b : a, out);
  return DeviceError(cudaGetLastError(), "kernel launch");
}

// The op structs on one lane, for the element functors.
namespace ops = lane::ops;

template <class Op, typename T>
struct ForwardFn {
  Op op;
  __device__ T operator()(T x) const { return lane::Forward(op, x); }
};

template <class Op, typename T>
struct BackwardFn {
  Op op;
  __device__ T operator()(T x, T dy) const { return lane::Backward(op, x, dy); }
};

// Calls run(op) with the op struct of params.op for element type T (host
// side: the struct is then passed to a kernel by value) and returns its
// status. The GPU runs BEST for every tier for now (params.tier is not
// read).
template <typename T, class Run, int... kOps>
rectify_status DispatchOpIn(const OpParams& params, const Run& run,
                            std::integer_sequence<int, kOps...>) {
  rectify_status status = RECTIFY_ERROR_UNSUPPORTED;
  const auto with_op = [&](const auto& op) { status = run(op); };
  (void)((params.op == kOps ? (ops::WithOp<T, kOps, kBestTier>(params, with_op), true) : false) ||
         ...);
  return status;
}

template <typename T, class Run>
rectify_status DispatchOp(const OpParams& params, const Run& run) {
  return DispatchOpIn<T>(params, run,
                         std::make_integer_sequence<int, static_cast<int>(kKernelOps)>());
}

}  // namespace rectify::cuda

#endif  // RECTIFY_CUDA_CUDA_COMMON_CUH_
