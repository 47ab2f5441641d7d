// Assembles each Highway target's kernel table from the ops' units
// (GetKernelTable in kernel_assembly-inl.h) and lists the compiled targets,
// best first.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/simd_kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/kernel_assembly-inl.h"
#include "kernels/kernel_table.h"

#if HWY_ONCE
#include "kernels/compiled_targets.h"

namespace rectify {

#define RECTIFY_TARGET_ENTRY(TARGET, NS)          \
  TargetEntry{TARGET, hwy::TargetName(TARGET), NS::GetKernelTable()},

std::span<const TargetEntry> SimdTargets() {
  static const TargetEntry targets[] = {
#if HWY_TARGETS & HWY_AVX3_DL
      RECTIFY_TARGET_ENTRY(HWY_AVX3_DL, N_AVX3_DL)
#endif
#if HWY_TARGETS & HWY_AVX3
      RECTIFY_TARGET_ENTRY(HWY_AVX3, N_AVX3)
#endif
#if HWY_TARGETS & HWY_AVX2
      RECTIFY_TARGET_ENTRY(HWY_AVX2, N_AVX2)
#endif
#if HWY_TARGETS & HWY_SSE4
      RECTIFY_TARGET_ENTRY(HWY_SSE4, N_SSE4)
#endif
#if HWY_TARGETS & HWY_SSSE3
      RECTIFY_TARGET_ENTRY(HWY_SSSE3, N_SSSE3)
#endif
#if HWY_TARGETS & HWY_NEON
      RECTIFY_TARGET_ENTRY(HWY_NEON, N_NEON)
#endif
#if HWY_TARGETS & HWY_EMU128
      RECTIFY_TARGET_ENTRY(HWY_EMU128, N_EMU128)
#endif
  };
  return targets;
}

#undef RECTIFY_TARGET_ENTRY

}  // namespace rectify
#endif  // HWY_ONCE
