// The targets compiled into this build (whether or not this CPU can run
// them), best first.
#ifndef RECTIFY_KERNELS_COMPILED_TARGETS_H_
#define RECTIFY_KERNELS_COMPILED_TARGETS_H_

#include <span>

#include "kernels/kernel_table.h"

namespace rectify {

// Highway's SIMD targets compiled into simd_kernels.cc, best first.
std::span<const TargetEntry> SimdTargets();

// The one-lane SCALAR target (scalar_kernels.cc), usable everywhere.
TargetEntry ScalarTarget();

}  // namespace rectify

#endif  // RECTIFY_KERNELS_COMPILED_TARGETS_H_
