// FillOpKernels<kOp>: every kernel-table entry of one op on this target,
// from its body (kernels/op_body-inl.h): forward, backward, backward from
// output (where the registry allows it) and the fused bias kernels for f32
// and f64, in every accuracy tier; the PReLU kernels where the op has a
// per-channel form; its own 16-bit forward where it has one. The kernel units generated from the
// registry (cmake/op_registry.cmake: one per smooth op, one for the exact
// ops) instantiate it once per target; the SCALAR unit for every op. Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_OP_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_OP_KERNELS_INL_H_
#undef RECTIFY_KERNELS_OP_KERNELS_INL_H_
#else
#define RECTIFY_KERNELS_OP_KERNELS_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/bias_loops-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "kernels/loops-inl.h"
#include "kernels/op_body-inl.h"
#include "kernels/prelu_loops-inl.h"
#include "numeric/half_bits.h"
#include "ops/op_info.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {

// The f32 or f64 element-wise and fused kernels of op kOp at tier kTier,
// stored in the table's tier `tier`.
template <typename T, int kOp, Tier kTier>
void FillTierKernelsOf(KernelTable& table, std::size_t tier) {
  constexpr DtypeSlot kSlot = sizeof(T) == sizeof(float) ? kF32Slot : kF64Slot;
  table.forward[tier][kOp][kSlot] = &Forward<T, kOp, kTier>;
  table.backward[tier][kOp][kSlot] = &Backward<T, kOp, kTier>;
  if constexpr (kOwnFromOutput<kOp>) {
    table.backward_from_output[tier][kOp][kSlot] = &BackwardFromOutput<T, kOp, kTier>;
  } else if constexpr (OpAt(kOp).from_output != FromOutput::kNever) {
    // The gradient in y is the one in x (docs/semantics.md).
    table.backward_from_output[tier][kOp][kSlot] = &Backward<T, kOp, kTier>;
  }
  table.bias_forward[tier][kOp][kSlot] = &BiasForward<T, kOp, kTier>;
  table.bias_backward[tier][kOp][kSlot] = &BiasBackward<T, kOp, kTier>;
}

// The f32 or f64 entries of op kOp: per tier where its body differs by tier
// for T (kTieredBody), else one set of kernels (BEST's) in every tier, so
// that a body shared by the tiers is compiled once (exact ops always).
template <typename T, int kOp>
void FillOpKernelsOf(KernelTable& table) {
  constexpr DtypeSlot kSlot = sizeof(T) == sizeof(float) ? kF32Slot : kF64Slot;
  static_assert(OpAt(kOp).kind == OpKind::kSmooth || !kTieredBody<kOp, T>,
                "exact ops have one body for every tier");
  if constexpr (OpAt(kOp).kind == OpKind::kSmooth && kTieredBody<kOp, T>) {
    FillTierKernelsOf<T, kOp, kDefaultTier>(table, kDefaultTier);
    FillTierKernelsOf<T, kOp, kFastTier>(table, kFastTier);
    FillTierKernelsOf<T, kOp, kBestTier>(table, kBestTier);
  } else {
    for (std::size_t tier = 0; tier < kTiers; ++tier) {
      FillTierKernelsOf<T, kOp, kBestTier>(table, tier);
    }
  }
  // (A function, not a member alias: GCC 12 does not see member alias
  // templates in a requires-expression.)
  if constexpr (requires { OpBody<kOp>::template ChannelSlopeOp<T>(T()); }) {
    using SlopeOp = decltype(OpBody<kOp>::template ChannelSlopeOp<T>(T()));
    table.prelu_forward[kSlot] = &PreluForward<T, SlopeOp>;
    table.prelu_backward[kSlot] = &PreluBackward<T, SlopeOp>;
  }
}

// Every entry of op kOp (the 16-bit forward only where the op has its own
// kernel: FillHalfKernels has set the table lookup before).
template <int kOp>
void FillOpKernels(KernelTable& table) {
  FillOpKernelsOf<float, kOp>(table);
  FillOpKernelsOf<double, kOp>(table);
  if constexpr (requires { &OpHalfForward<kOp>::template Run<HalfFormat::kBf16>; }) {
    // (Exact ops: the same kernel in every tier.)
    static_assert(OpAt(kOp).kind == OpKind::kExact);
    for (std::size_t tier = 0; tier < kTiers; ++tier) {
      table.forward[tier][kOp][kBf16Slot] = &OpHalfForward<kOp>::template Run<HalfFormat::kBf16>;
      table.forward[tier][kOp][kF16Slot] = &OpHalfForward<kOp>::template Run<HalfFormat::kF16>;
    }
  }
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_OP_KERNELS_INL_H_
