// The namespace the per-target kernels live in (then HWY_NAMESPACE inside
// it). scalar_kernels.cc sets its own, so that its one-lane SCALAR build
// cannot collide with the SCALAR build foreach_target.h may also produce in
// simd_kernels.cc (Highway 1.0.3 compiles it there under GCC < 12.3).
#ifndef RECTIFY_KERNEL_NAMESPACE
#define RECTIFY_KERNEL_NAMESPACE rectify
#endif
