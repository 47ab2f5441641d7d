// The f64 launchers (cuda_float_kernels.cuh), instantiated for double.
#include "cuda/cuda_float_kernels.cuh"

namespace rectify::cuda {

template rectify_status ForwardTyped<double>(const OpParams&, std::size_t, const void*, void*,
                                          void*);
template rectify_status BackwardTyped<double>(const OpParams&, std::size_t, const void*,
                                           const void*, void*, void*);
template rectify_status BiasForwardTyped<double>(const OpParams&, std::size_t, std::size_t,
                                              std::size_t, const void*, const void*, void*,
                                              void*);
template rectify_status BiasBackwardTyped<double>(const OpParams&, std::size_t, std::size_t,
                                               std::size_t, const void*, const void*,
                                               const void*, void*, void*, void*);

}  // namespace rectify::cuda
