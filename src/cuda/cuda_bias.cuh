// The fused bias kernels on the GPU: y or dx element-wise over the layout
// [outer][channels][inner], then, for the backward, the bias gradient with
// one thread per partial sum of its canonical order (16 per channel,
// numeric/prelu_sum.h) reading the finished dx.
#ifndef RECTIFY_CUDA_CUDA_BIAS_CUH_
#define RECTIFY_CUDA_CUDA_BIAS_CUH_

#include "cuda/cuda_common.cuh"

namespace rectify::cuda {

// Channels per block of the gradient kernel (times 16 partial threads).
inline constexpr unsigned kBiasChannelsPerBlock = kThreads / kPreluPartials;

// out[k] = fn(a[k], bias[c]) or fn(a[k], b[k], bias[c]) with c the channel
// of element k. out may be exactly a or b.
template <bool kBinary, typename S, class Fn>
__global__ void __launch_bounds__(kThreads)
    BiasElementsKernel(Fn fn, std::size_t n, std::size_t channels, std::size_t inner,
                       const S* a, const S* b, const S* bias, S* out) {
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t k = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; k < n;
       k += stride) {
    const S channel_bias = bias[(k / inner) % channels];
    if constexpr (kBinary) {
      out[k] = fn(a[k], b[k], channel_bias);
    } else {
      out[k] = fn(a[k], channel_bias);
    }
  }
}

template <bool kBinary, typename S, class Fn>
rectify_status LaunchBiasElements(const Fn& fn, std::size_t outer, std::size_t channels,
                                  std::size_t inner, const S* a, const S* b, const S* bias,
                                  S* out, void* stream) {
  const std::size_t n = outer * channels * inner;
  static std::atomic<int> wave_cache[kWaveCacheDevices];
  unsigned blocks = 0;
  RECTIFY_CUDA_CHECK_STATUS(GridBlocks(
      reinterpret_cast<const void*>(&BiasElementsKernel<kBinary, S, Fn>), wave_cache, n, &blocks));
  BiasElementsKernel<kBinary, S, Fn><<<blocks, kThreads, 0, AsStream(stream)>>>(
      fn, n, channels, inner, a, kBinary ? b : a, bias, out);
  return DeviceError(cudaGetLastError(), "kernel launch");
}

// Thread (j, channel in block): partial j of its channel's gradient, then
// the channel's first thread adds the 16 partials in the fixed tree.
template <typename S, HalfFormat kFormat>
__global__ void __launch_bounds__(kThreads)
    BiasGradientKernel(std::size_t outer, std::size_t channels, std::size_t inner, const S* dx,
                       S* dbias) {
  __shared__ double partials[kBiasChannelsPerBlock][kPreluPartials];
  const std::size_t c = static_cast<std::size_t>(blockIdx.x) * kBiasChannelsPerBlock + threadIdx.y;
  const unsigned j = threadIdx.x;
  double partial = -0.0;
  if (c < channels) {
    partial = lane::BiasGradientPartial<S, kFormat>(
        outer, channels, inner, c, j, [dx](std::size_t k) { return __ldg(dx + k); });
  }
  partials[threadIdx.y][j] = partial;
  __syncthreads();
  if (j == 0 && c < channels) {
    double sums[kPreluPartials];
    for (std::size_t i = 0; i < kPreluPartials; ++i) sums[i] = partials[threadIdx.y][i];
    dbias[c] = lane::Element<S, kFormat>::Finish(sums);
  }
}

// dx = fn(x, dy, bias[c]) element-wise, then dbias from dx (stream order).
template <typename S, HalfFormat kFormat, class Fn>
rectify_status LaunchBiasBackward(const Fn& fn, std::size_t outer, std::size_t channels,
                                  std::size_t inner, const S* x, const S* bias, const S* dy,
                                  S* dx, S* dbias, void* stream) {
  RECTIFY_CUDA_CHECK_STATUS((
      LaunchBiasElements<true, S>(fn, outer, channels, inner, x, dy, bias, dx, stream)));
  const dim3 block(kPreluPartials, kBiasChannelsPerBlock);
  const std::size_t blocks = (channels + kBiasChannelsPerBlock - 1) / kBiasChannelsPerBlock;
  if (blocks > 0x7FFFFFFFu) {
    return DeviceError(cudaErrorInvalidConfiguration, "bias gradient: too many channels");
  }
  BiasGradientKernel<S, kFormat><<<static_cast<unsigned>(blocks), block, 0, AsStream(stream)>>>(
      outer, channels, inner, dx, dbias);
  return DeviceError(cudaGetLastError(), "kernel launch");
}

// f32 and f64: f(x + b) and dy f'(x + b) through the op struct.
template <class Op, typename T>
struct BiasForwardFn {
  Op op;
  __device__ T operator()(T x, T b) const { return lane::Forward(op, lane::PreActivation(x, b)); }
};

template <class Op, typename T>
struct BiasBackwardFn {
  Op op;
  __device__ T operator()(T x, T dy, T b) const {
    return lane::Backward(op, lane::PreActivation(x, b), dy);
  }
};

}  // namespace rectify::cuda

#endif  // RECTIFY_CUDA_CUDA_BIAS_CUH_
