// The f32 launchers (cuda_float_kernels.cuh), instantiated for float.
#include "cuda/cuda_float_kernels.cuh"

namespace rectify::cuda {

template rectify_status ForwardTyped<float>(const OpParams&, std::size_t, const void*, void*,
                                          void*);
template rectify_status BackwardTyped<float>(const OpParams&, std::size_t, const void*,
                                           const void*, void*, void*);
template rectify_status BiasForwardTyped<float>(const OpParams&, std::size_t, std::size_t,
                                              std::size_t, const void*, const void*, void*,
                                              void*);
template rectify_status BiasBackwardTyped<float>(const OpParams&, std::size_t, std::size_t,
                                               std::size_t, const void*, const void*,
                                               const void*, void*, void*, void*);

}  // namespace rectify::cuda
