// The per-target kernel table: what one compiled SIMD target provides.
// Kernels receive validated arguments only (see api/validate.h).
#ifndef RECTIFY_KERNELS_KERNEL_TABLE_H_
#define RECTIFY_KERNELS_KERNEL_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "ops/op_info.h"
#include "rectify/rectify.h"

namespace rectify {

struct KernelTable;

// The accuracy tiers (rectify_accuracy's values): the leading index of the
// per-op kernels. Exact ops have one kernel, stored in every tier.
enum Tier : std::size_t { kDefaultTier = 0, kFastTier = 1, kBestTier = 2 };
inline constexpr std::size_t kTiers = 3;
static_assert(kDefaultTier == static_cast<std::size_t>(RECTIFY_ACCURACY_DEFAULT) &&
              kFastTier == static_cast<std::size_t>(RECTIFY_ACCURACY_FAST) &&
              kBestTier == static_cast<std::size_t>(RECTIFY_ACCURACY_BEST));

// The op of a call, its parameters and tier, already checked; each kernel
// rounds the parameters once to its element type.
struct OpParams {
  rectify_op op;
  double alpha;  // the activation's alpha (ops/op_list.h: which ops use it)
  double beta;   // the activation's beta
  Tier tier = kDefaultTier;  // the activation's accuracy
};

// How one kernel call runs, beside its op: set by the API layer, never
// changes a value.
struct CallContext {
  // Write the output with non-temporal stores (out-of-place calls larger
  // than the caches).
  bool stream = false;
  // The 16-bit forward: the op's table (half/forward_table.h); the
  // quantized forward: its 256 bytes.
  const void* table = nullptr;
  // The 16-bit backward and fused calls: the active target's table, whose
  // f32 kernels and conversions they run (half/half_kernels.h).
  const KernelTable* wide = nullptr;
};

// The element types with kernels: a kernel table's dtype slots.
enum DtypeSlot : std::size_t { kF32Slot = 0, kF64Slot = 1, kBf16Slot = 2, kF16Slot = 3 };
inline constexpr std::size_t kDtypeSlots = 4;

using ForwardKernel = void (*)(const OpParams& params, const CallContext& context,
                               std::size_t n, const void* x, void* y);
using BackwardKernel = void (*)(const OpParams& params, const CallContext& context,
                                std::size_t n, const void* x, const void* dy, void* dx);
// Exact conversions between a 16-bit format and f32 (numeric/half_bits.h).
using WidenKernel = void (*)(std::size_t n, const std::uint16_t* src, float* dst);
using NarrowKernel = void (*)(std::size_t n, const float* src, std::uint16_t* dst);
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
// counts, when not null, holds one count per channel (uint64_t for f64,
// uint32_t for the other dtypes; indexed by c) to which the number of
// pre-activations > 0 in the block is added; the caller keeps each count
// below its type's range.
using BiasForwardKernel = void (*)(const OpParams& params, const CallContext& context,
                                   const ChannelBlock& block,
                                   const void* x, const void* bias, void* y,
                                   void* counts);
// dx = dy * f'(x + bias[c]) over every row of the channels of `block`
// (its outer range must be all of [0, outer)), and dbias[c] for those
// channels in the canonical order of numeric/prelu_sum.h.
using BiasBackwardKernel = void (*)(const OpParams& params, const CallContext& context,
                                    const ChannelBlock& block,
                                    const void* x, const void* bias, const void* dy,
                                    void* dx, void* dbias);

// Ops with kernels: every op of the registry (ops/op_list.h).
inline constexpr std::size_t kKernelOps = kOpCount;

// The per-op kernels are indexed [tier][op][dtype slot] (the checked
// tier, op value and the dtype's slot): [params.tier][params.op][slot].
struct KernelTable {
  ForwardKernel forward[kTiers][kKernelOps][kDtypeSlots];
  BackwardKernel backward[kTiers][kKernelOps][kDtypeSlots];
  BackwardKernel backward_from_output[kTiers][kKernelOps][kDtypeSlots];  // (y, dy) -> dx
  BiasForwardKernel bias_forward[kTiers][kKernelOps][kDtypeSlots];
  BiasBackwardKernel bias_backward[kTiers][kKernelOps][kDtypeSlots];
  PreluForwardKernel prelu_forward[kDtypeSlots];
  PreluBackwardKernel prelu_backward[kDtypeSlots];
  ForwardKernel byte_forward;  // int8: y = context.table[x] (256 bytes)
  WidenKernel widen[2];        // [HalfFormat]: bf16, f16
  NarrowKernel narrow[2];
};

// One compiled target: its Highway target bit, name and kernels.
struct TargetEntry {
  std::int64_t hwy_target;
  const char* name;
  const KernelTable* kernels;
};

}  // namespace rectify

#endif  // RECTIFY_KERNELS_KERNEL_TABLE_H_
