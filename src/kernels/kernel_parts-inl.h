// Definitions of the kernel-table parts declared in loops-inl.h, each
// compiled where RECTIFY_KERNEL_PART selects it: 1 exact ops and PReLU,
// 2 smooth f32, 3 smooth f64 elu..gelu_tanh, 4 smooth f64 silu..tanh, and
// 5 to 8 the fused bias kernels of the same four groups, 9 the 16-bit and
// int8 lookups and conversions; 0 all of them (the SCALAR build). Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_KERNEL_PARTS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_KERNEL_PARTS_INL_H_
#undef RECTIFY_KERNELS_KERNEL_PARTS_INL_H_
#else
#define RECTIFY_KERNELS_KERNEL_PARTS_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "kernels/bias_loops-inl.h"
#include "kernels/half_loops-inl.h"
#include "kernels/loops-inl.h"
#include "kernels/prelu_loops-inl.h"

#ifndef RECTIFY_KERNEL_PART
#error "define RECTIFY_KERNEL_PART (0 = all parts) before including kernel_parts-inl.h"
#endif

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {

// The op ranges: the exact ops are the enum values below RECTIFY_ELU, the
// smooth ones RECTIFY_ELU .. RECTIFY_TANH.
inline constexpr std::size_t kFirstSmooth = RECTIFY_ELU;
inline constexpr std::size_t kSplitSmoothF64 = RECTIFY_SILU;

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 1
void FillExactKernels(KernelTable& table) {
  FillOpRange<float, 0, kFirstSmooth>(table);
  FillOpRange<double, 0, kFirstSmooth>(table);
  table.prelu_forward[0] = &PreluForward<float>;
  table.prelu_forward[1] = &PreluForward<double>;
  table.prelu_backward[0] = &PreluBackward<float>;
  table.prelu_backward[1] = &PreluBackward<double>;
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 2
void FillSmoothF32Kernels(KernelTable& table) {
  FillOpRange<float, kFirstSmooth, kKernelOps>(table);
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 3
void FillSmoothF64KernelsA(KernelTable& table) {
  FillOpRange<double, kFirstSmooth, kSplitSmoothF64>(table);
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 4
void FillSmoothF64KernelsB(KernelTable& table) {
  FillOpRange<double, kSplitSmoothF64, kKernelOps>(table);
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 5
void FillBiasExactKernels(KernelTable& table) {
  FillBiasOpRange<float, 0, kFirstSmooth>(table);
  FillBiasOpRange<double, 0, kFirstSmooth>(table);
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 6
void FillBiasSmoothF32Kernels(KernelTable& table) {
  FillBiasOpRange<float, kFirstSmooth, kKernelOps>(table);
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 7
void FillBiasSmoothF64KernelsA(KernelTable& table) {
  FillBiasOpRange<double, kFirstSmooth, kSplitSmoothF64>(table);
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 8
void FillBiasSmoothF64KernelsB(KernelTable& table) {
  FillBiasOpRange<double, kSplitSmoothF64, kKernelOps>(table);
}
#endif

#if RECTIFY_KERNEL_PART == 0 || RECTIFY_KERNEL_PART == 9
void FillHalfKernels(KernelTable& table) { FillHalfLookupKernels(table); }
#endif

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_KERNEL_PARTS_INL_H_
