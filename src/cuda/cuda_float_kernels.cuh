// The f32 and f64 launchers of cuda_typed.h, instantiated once per type by
// cuda_f32.cu and cuda_f64.cu (two units: the f64 double-word bodies are
// large).
#ifndef RECTIFY_CUDA_CUDA_FLOAT_KERNELS_CUH_
#define RECTIFY_CUDA_CUDA_FLOAT_KERNELS_CUH_

#include <type_traits>

#include "cuda/cuda_bias.cuh"
#include "cuda/cuda_common.cuh"
#include "cuda/cuda_typed.h"

namespace rectify::cuda {

template <typename T>
rectify_status ForwardTyped(const OpParams& params, std::size_t n, const void* x, void* y,
                            void* stream) {
  return DispatchOp<T>(params, [&](const auto& op) {
    using Op = std::decay_t<decltype(op)>;
    const T* in = static_cast<const T*>(x);
    return LaunchElements<false, T>(ForwardFn<Op, T>{op}, n, in, in, static_cast<T*>(y), stream);
  });
}

template <typename T>
rectify_status BackwardTyped(const OpParams& params, std::size_t n, const void* x,
                             const void* dy, void* dx, void* stream) {
  return DispatchOp<T>(params, [&](const auto& op) {
    using Op = std::decay_t<decltype(op)>;
    return LaunchElements<true, T>(BackwardFn<Op, T>{op}, n, static_cast<const T*>(x),
                                   static_cast<const T*>(dy), static_cast<T*>(dx), stream);
  });
}

template <typename T>
rectify_status BiasForwardTyped(const OpParams& params, std::size_t outer, std::size_t channels,
                                std::size_t inner, const void* x, const void* bias, void* y,
                                void* stream) {
  return DispatchOp<T>(params, [&](const auto& op) {
    using Op = std::decay_t<decltype(op)>;
    const T* in = static_cast<const T*>(x);
    return LaunchBiasElements<false, T>(BiasForwardFn<Op, T>{op}, outer, channels, inner, in, in,
                                        static_cast<const T*>(bias), static_cast<T*>(y), stream);
  });
}

template <typename T>
rectify_status BiasBackwardTyped(const OpParams& params, std::size_t outer,
                                 std::size_t channels, std::size_t inner, const void* x,
                                 const void* bias, const void* dy, void* dx, void* dbias,
                                 void* stream) {
  return DispatchOp<T>(params, [&](const auto& op) {
    using Op = std::decay_t<decltype(op)>;
    return LaunchBiasBackward<T, HalfFormat::kBf16>(
        BiasBackwardFn<Op, T>{op}, outer, channels, inner, static_cast<const T*>(x),
        static_cast<const T*>(bias), static_cast<const T*>(dy), static_cast<T*>(dx),
        static_cast<T*>(dbias), stream);
  });
}

}  // namespace rectify::cuda

#endif  // RECTIFY_CUDA_CUDA_FLOAT_KERNELS_CUH_
