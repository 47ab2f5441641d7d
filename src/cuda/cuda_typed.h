// The typed launchers of the CUDA translation units, one set per element
// type, for the dispatch in cuda_runtime.cu. Arguments as in
// cuda_backend.h; 16-bit forward tables are device pointers here.
#ifndef RECTIFY_CUDA_CUDA_TYPED_H_
#define RECTIFY_CUDA_CUDA_TYPED_H_

#include <cstddef>
#include <cstdint>

#include "kernels/kernel_table.h"
#include "numeric/half_bits.h"
#include "rectify/rectify.h"

namespace rectify::cuda {

// T is float or double (cuda_f32.cu, cuda_f64.cu).
template <typename T>
rectify_status ForwardTyped(const OpParams& params, std::size_t n, const void* x, void* y,
                            void* stream);
template <typename T>
rectify_status BackwardTyped(const OpParams& params, std::size_t n, const void* x,
                             const void* dy, void* dx, void* stream);
template <typename T>
rectify_status BiasForwardTyped(const OpParams& params, std::size_t outer, std::size_t channels,
                                std::size_t inner, const void* x, const void* bias, void* y,
                                void* stream);
template <typename T>
rectify_status BiasBackwardTyped(const OpParams& params, std::size_t outer,
                                 std::size_t channels, std::size_t inner, const void* x,
                                 const void* bias, const void* dy, void* dx, void* dbias,
                                 void* stream);

// The 16-bit calls (cuda_half.cu): forward through the op's device table.
rectify_status HalfForward(std::size_t n, const void* x, void* y,
                           const std::uint16_t* device_table, void* stream);
rectify_status HalfBackward(HalfFormat format, const OpParams& params, std::size_t n,
                            const void* x, const void* dy, void* dx, void* stream);
rectify_status HalfBiasForward(HalfFormat format, std::size_t outer, std::size_t channels,
                               std::size_t inner, const void* x, const void* bias, void* y,
                               const std::uint16_t* device_table, void* stream);
rectify_status HalfBiasBackward(HalfFormat format, const OpParams& params, std::size_t outer,
                                std::size_t channels, std::size_t inner, const void* x,
                                const void* bias, const void* dy, void* dx, void* dbias,
                                void* stream);

}  // namespace rectify::cuda

#endif  // RECTIFY_CUDA_CUDA_TYPED_H_
