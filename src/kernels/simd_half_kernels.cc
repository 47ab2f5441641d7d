// Part 9 of the kernel table (kernels/kernel_parts-inl.h), compiled once
// per Highway target; simd_kernels.cc assembles the parts.
#define RECTIFY_KERNEL_PART 9
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/simd_half_kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/kernel_parts-inl.h"
