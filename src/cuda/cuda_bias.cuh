// The fused bias kernels on the GPU: the forward element-wise over the
// layout [outer][channels][inner], and the backward with one thread per
// partial sum of the bias gradient's canonical order (16 per channel,
// reference/prelu_sum.h), which also writes dx.
#ifndef RECTIFY_CUDA_CUDA_BIAS_CUH_
#define RECTIFY_CUDA_CUDA_BIAS_CUH_

#include "cuda/cuda_common.cuh"

namespace rectify::cuda {

// Channels per block of the backward kernel (times 16 partial threads).
inline constexpr unsigned kBiasChannelsPerBlock = kThreads / kPreluPartials;

// y[k] = fn(x[k], bias[c]) with c the channel of element k.
template <typename S, class Fn>
__global__ void __launch_bounds__(kThreads)
    BiasForwardKernel(Fn fn, std::size_t n, std::size_t channels, std::size_t inner,
                      const S* x, const S* bias, S* y) {
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t k = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; k < n;
       k += stride) {
    y[k] = fn(x[k], bias[(k / inner) % channels]);
  }
}

template <typename S, class Fn>
rectify_status LaunchBiasForward(const Fn& fn, std::size_t outer, std::size_t channels,
                                 std::size_t inner, const S* x, const S* bias, S* y,
                                 void* stream) {
  const std::size_t n = outer * channels * inner;
  static std::atomic<int> wave_cache[kWaveCacheDevices];
  int wave = 0;
  RECTIFY_CUDA_CHECK_STATUS(
      FullWave(reinterpret_cast<const void*>(&BiasForwardKernel<S, Fn>), wave_cache, &wave));
  const std::size_t needed = (n + kThreads - 1) / kThreads;
  const unsigned blocks =
      static_cast<unsigned>(needed < static_cast<std::size_t>(wave) ? needed : wave);
  BiasForwardKernel<S, Fn><<<blocks, kThreads, 0, AsStream(stream)>>>(fn, n, channels, inner,
                                                                      x, bias, y);
  return DeviceError(cudaGetLastError(), "kernel launch");
}

// Thread (j, channel in block): partial j of its channel, then the
// channel's first thread adds the 16 partials in the fixed tree.
// step_for(b) gives the (x, dy) -> dx function of a channel with bias b.
template <typename S, HalfFormat kFormat, class StepFor>
__global__ void __launch_bounds__(kThreads)
    BiasBackwardKernel(StepFor step_for, std::size_t outer, std::size_t channels,
                       std::size_t inner, const S* x, const S* bias, const S* dy, S* dx,
                       S* dbias) {
  __shared__ double partials[kBiasChannelsPerBlock][kPreluPartials];
  const std::size_t c = static_cast<std::size_t>(blockIdx.x) * kBiasChannelsPerBlock + threadIdx.y;
  const unsigned j = threadIdx.x;
  double partial = -0.0;
  if (c < channels) {
    partial = lane::BiasGradientPartial<S, kFormat>(step_for(bias[c]), outer, channels, inner, c,
                                                    j, x, dy, dx);
  }
  partials[threadIdx.y][j] = partial;
  __syncthreads();
  if (j == 0 && c < channels) {
    double sums[kPreluPartials];
    for (std::size_t i = 0; i < kPreluPartials; ++i) sums[i] = partials[threadIdx.y][i];
    dbias[c] = lane::Element<S, kFormat>::Finish(sums);
  }
}

template <typename S, HalfFormat kFormat, class StepFor>
rectify_status LaunchBiasBackward(const StepFor& step_for, std::size_t outer,
                                  std::size_t channels, std::size_t inner, const S* x,
                                  const S* bias, const S* dy, S* dx, S* dbias, void* stream) {
  const dim3 block(kPreluPartials, kBiasChannelsPerBlock);
  const std::size_t blocks = (channels + kBiasChannelsPerBlock - 1) / kBiasChannelsPerBlock;
  if (blocks > 0x7FFFFFFFu) return DeviceError(cudaErrorInvalidConfiguration, "too many channels");
  BiasBackwardKernel<S, kFormat, StepFor><<<static_cast<unsigned>(blocks), block, 0,
                                            AsStream(stream)>>>(step_for, outer, channels, inner,
                                                                x, bias, dy, dx, dbias);
  return DeviceError(cudaGetLastError(), "kernel launch");
}

// f32 and f64: f(x + b) and dy f'(x + b) through the op struct.
template <class Op, typename T>
struct BiasForwardFn {
  Op op;
  __device__ T operator()(T x, T b) const { return lane::Forward(op, lane::PreActivation(x, b)); }
};

template <class Op, typename T>
struct BiasStep {
  Op op;
  T b;
  __device__ T operator()(T x, T dy) const {
    return lane::Backward(op, lane::PreActivation(x, b), dy);
  }
};

template <class Op, typename T>
struct BiasStepFor {
  Op op;
  __device__ BiasStep<Op, T> operator()(T b) const { return {op, b}; }
};

}  // namespace rectify::cuda

#endif  // RECTIFY_CUDA_CUDA_BIAS_CUH_
