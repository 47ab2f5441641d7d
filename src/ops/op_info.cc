// Compile-time checks of the registry table in op_info.h.
#include "ops/op_info.h"

#include "kernels/kernel_table.h"

namespace rectify {
namespace {

static_assert(kKernelOps == kOpCount, "the kernel tables cover every op");

constexpr bool EnumOrderMatches() {
  for (std::size_t i = 0; i < kOpCount; ++i) {
    if (static_cast<std::size_t>(kOpTable[i].op) != i) return false;
  }
  return true;
}
static_assert(EnumOrderMatches(), "op_list.h must list ops in enum order");

constexpr bool FromOutputNeedsAlpha() {
  for (const OpInfo& info : kOpTable) {
    if (info.from_output == FromOutput::kPositiveAlpha &&
        info.alpha_domain == ParamDomain::kUnused) {
      return false;
    }
  }
  return true;
}
static_assert(FromOutputNeedsAlpha(), "kPositiveAlpha needs an op that uses alpha");

}  // namespace
}  // namespace rectify
