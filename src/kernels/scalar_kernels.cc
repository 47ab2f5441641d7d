// Every kernel compiled for Highway's one-lane SCALAR target: the portable
// path that needs no SIMD at all. Its own translation unit, because
// HWY_COMPILE_ONLY_SCALAR cannot be mixed with the SIMD targets; it holds
// every op (the generated all_op_*-inl.h lists of the registry).
#define HWY_COMPILE_ONLY_SCALAR 1
#define RECTIFY_KERNEL_NAMESPACE rectify::scalar_build
#include "hwy/highway.h"
#include "kernels/compiled_targets.h"
#include "kernels/kernel_assembly-inl.h"
#include "kernels/kernel_table.h"
#include "kernels/op_kernels-inl.h"
#include "ops/all_op_bodies-inl.h"
#include "ops/all_op_half-inl.h"

namespace rectify {

TargetEntry ScalarTarget() {
  return TargetEntry{HWY_SCALAR, "SCALAR", scalar_build::N_SCALAR::GetKernelTable()};
}

}  // namespace rectify
