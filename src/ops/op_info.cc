#include "ops/op_info.h"

#include "kernels/kernel_table.h"
#include "ops/op_list.h"

namespace rectify {
namespace {

constexpr OpInfo kOps[] = {
#define RECTIFY_OP_INFO_ENTRY(ENUM, name, alpha, beta, implemented, kind,  \
                              from, forward_ulp, backward_ulp)             \
  {RECTIFY_##ENUM,   name,       alpha,       beta,        implemented != 0, \
   OpKind::kind,     FromOutput::from, forward_ulp, backward_ulp},
    RECTIFY_OP_LIST(RECTIFY_OP_INFO_ENTRY)
#undef RECTIFY_OP_INFO_ENTRY
};

static_assert(sizeof(kOps) / sizeof(kOps[0]) == kOpCount);
static_assert(kKernelOps == kOpCount, "the kernel tables cover every op");

constexpr bool EnumOrderMatches() {
  for (std::size_t i = 0; i < kOpCount; ++i) {
    if (static_cast<std::size_t>(kOps[i].op) != i) return false;
  }
  return true;
}
static_assert(EnumOrderMatches(), "op_list.h must list ops in enum order");

}  // namespace

const OpInfo* FindOp(rectify_op op) {
  const auto index = static_cast<std::size_t>(op);
  return index < kOpCount ? &kOps[index] : nullptr;
}

const OpInfo& OpAt(std::size_t index) { return kOps[index]; }

}  // namespace rectify
