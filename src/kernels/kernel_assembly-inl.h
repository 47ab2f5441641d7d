// GetKernelTable: this target's kernel table, assembled once from the
// 16-bit and int8 entries (half_loops-inl.h), every op's entries
// (FillOpKernels, compiled in the op's kernel unit) and the 16-bit kernels
// that every target shares (half/half_kernels.h). Re-included once per
// Highway target.
#if defined(RECTIFY_KERNELS_KERNEL_ASSEMBLY_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_KERNEL_ASSEMBLY_INL_H_
#undef RECTIFY_KERNELS_KERNEL_ASSEMBLY_INL_H_
#else
#define RECTIFY_KERNELS_KERNEL_ASSEMBLY_INL_H_
#endif

#include "half/half_kernels.h"
#include "hwy/highway.h"
#include "kernels/half_loops-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "ops/op_info.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {

// Defined in kernels/op_kernels-inl.h and instantiated in the op's kernel
// unit (cmake/op_registry.cmake generates them from the registry).
template <int kOp>
void FillOpKernels(KernelTable& table);

// The kernel table of this target, assembled once (thread-safe).
inline const KernelTable* GetKernelTable() {
  static const KernelTable table = [] {
    KernelTable t{};
    FillHalfKernels(t);  // before the ops' own 16-bit kernels replace entries
    ForEachOp([&t]<rectify_op kOp>() { FillOpKernels<kOp>(t); });
    FillHalfSharedKernels(t);  // after the f32 kernels it wraps
    return t;
  }();
  return &table;
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_KERNEL_ASSEMBLY_INL_H_
