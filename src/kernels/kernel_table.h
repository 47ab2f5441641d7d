// The per-target kernel table: what one compiled SIMD target provides.
// Kernels receive validated arguments only (see api/validate.h).
#ifndef RECTIFY_KERNELS_KERNEL_TABLE_H_
#define RECTIFY_KERNELS_KERNEL_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "rectify/rectify.h"

namespace rectify {

// Parameters of an op, already checked; each kernel rounds them once to its
// element type.
struct OpParams {
  rectify_op op;
  double alpha;  // leaky_relu slope, elu/selu alpha, silu/softplus beta
  double cap;    // the activation's beta: clipped_relu cap, selu lambda
  // Write the output with non-temporal stores (set by the API layer for
  // out-of-place calls larger than the caches); never changes a value.
  bool stream = false;
};

// Element types with kernels: index 0 is f32, 1 is f64.
inline constexpr std::size_t kKernelDtypes = 2;

using ForwardKernel = void (*)(const OpParams& params, std::size_t n,
                               const void* x, void* y);
using BackwardKernel = void (*)(const OpParams& params, std::size_t n,
                                const void* x, const void* dy, void* dx);
using PreluForwardKernel = void (*)(std::size_t outer, std::size_t channels,
                                    std::size_t inner, const void* x,
                                    const void* slope, void* y);
using PreluBackwardKernel = void (*)(std::size_t outer, std::size_t channels,
                                     std::size_t inner, const void* x,
                                     const void* slope, const void* dy,
                                     void* dx, void* dslope);

// Ops with kernels: every value of rectify_op (ops/op_list.h).
inline constexpr std::size_t kKernelOps = 14;

// Indexed [op][dtype] (the checked op value and the dtype's kernel index).
struct KernelTable {
  ForwardKernel forward[kKernelOps][kKernelDtypes];
  BackwardKernel backward[kKernelOps][kKernelDtypes];
  BackwardKernel backward_from_output[kKernelOps][kKernelDtypes];  // (y, dy) -> dx
  PreluForwardKernel prelu_forward[kKernelDtypes];
  PreluBackwardKernel prelu_backward[kKernelDtypes];
};

// One compiled target: its Highway target bit, name and kernels.
struct TargetEntry {
  std::int64_t hwy_target;
  const char* name;
  const KernelTable* kernels;
};

}  // namespace rectify

#endif  // RECTIFY_KERNELS_KERNEL_TABLE_H_
