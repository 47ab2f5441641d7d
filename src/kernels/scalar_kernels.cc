// The same kernels compiled for Highway's one-lane SCALAR target: the
// portable path that needs no SIMD at all. Its own translation unit,
// because HWY_COMPILE_ONLY_SCALAR cannot be mixed with the SIMD targets.
#define HWY_COMPILE_ONLY_SCALAR 1
#define RECTIFY_KERNEL_NAMESPACE rectify::scalar_build
#define RECTIFY_KERNEL_PART 0  // every part of the table in this unit
#include "hwy/highway.h"
#include "kernels/kernel_parts-inl.h"
#include "kernels/kernel_table.h"
#include "kernels/loops-inl.h"
#include "kernels/compiled_targets.h"

namespace rectify {

TargetEntry ScalarTarget() {
  return TargetEntry{HWY_SCALAR, "SCALAR", scalar_build::N_SCALAR::GetKernelTable()};
}

}  // namespace rectify
