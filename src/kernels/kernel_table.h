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

// A block of the layout [outer][channels][inner] (element (o, c, i) at
// (o * channels + c) * inner + i): rows [outer_begin, outer_end) of the
// channels [channel_begin, channel_end).
struct ChannelBlock {
  std::size_t outer;
  std::size_t channels;
  std::size_t inner;
  std::size_t outer_begin;
  std::size_t outer_end;
  std::size_t channel_begin;
  std::size_t channel_end;
};

// y = f(x + bias[c]) over `block` (x alone where bias is null; y may be x).
// counts, when not null, holds one count per channel (uint32_t for f32,
// uint64_t for f64; indexed by c) to which the number of pre-activations
// > 0 in the block is added; the caller keeps each count below its type's
// range.
using BiasForwardKernel = void (*)(const OpParams& params, const ChannelBlock& block,
                                   const void* x, const void* bias, void* y,
                                   void* counts);
// dx = dy * f'(x + bias[c]) over every row of the channels of `block`
// (its outer range must be all of [0, outer)), and dbias[c] for those
// channels in the canonical order of reference/prelu_sum.h.
using BiasBackwardKernel = void (*)(const OpParams& params, const ChannelBlock& block,
                                    const void* x, const void* bias, const void* dy,
                                    void* dx, void* dbias);

// Ops with kernels: every value of rectify_op (ops/op_list.h).
inline constexpr std::size_t kKernelOps = 14;

// Indexed [op][dtype] (the checked op value and the dtype's kernel index).
struct KernelTable {
  ForwardKernel forward[kKernelOps][kKernelDtypes];
  BackwardKernel backward[kKernelOps][kKernelDtypes];
  BackwardKernel backward_from_output[kKernelOps][kKernelDtypes];  // (y, dy) -> dx
  BiasForwardKernel bias_forward[kKernelOps][kKernelDtypes];
  BiasBackwardKernel bias_backward[kKernelOps][kKernelDtypes];
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
