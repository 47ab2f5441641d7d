// Facts about each op, expanded from the registry in op_list.h.
#ifndef RECTIFY_OPS_OP_INFO_H_
#define RECTIFY_OPS_OP_INFO_H_

#include <cstddef>

#include "ops/op_list.h"
#include "rectify/rectify.h"

namespace rectify {

enum class FromOutput { kNever, kAlways, kPositiveAlpha };
enum class OpKind { kExact, kSmooth };

struct OpInfo {
  rectify_op op;
  const char* name;
  double default_alpha;
  double default_beta;
  bool implemented;
  OpKind kind;
  FromOutput from_output;
  double forward_ulp;   // accuracy bounds (0.5: correctly rounded)
  double backward_ulp;
};

// Number of ops in the registry (the enum values are 0 .. kOpCount-1).
inline constexpr std::size_t kOpCount = 14;

// The registry, in enum order (op_info.cc checks the order and the count).
inline constexpr OpInfo kOpTable[] = {
#define RECTIFY_OP_INFO_ENTRY(ENUM, name, alpha, beta, implemented, kind,  \
                              from, forward_ulp, backward_ulp)             \
  {RECTIFY_##ENUM,   name,       alpha,       beta,        implemented != 0, \
   OpKind::kind,     FromOutput::from, forward_ulp, backward_ulp},
    RECTIFY_OP_LIST(RECTIFY_OP_INFO_ENTRY)
#undef RECTIFY_OP_INFO_ENTRY
};

// The registry entry of `op`, or nullptr when op is outside the enum.
inline const OpInfo* FindOp(rectify_op op) {
  const auto index = static_cast<std::size_t>(op);
  return index < kOpCount ? &kOpTable[index] : nullptr;
}

// Entry `index` < kOpCount, in enum order.
inline const OpInfo& OpAt(std::size_t index) { return kOpTable[index]; }

}  // namespace rectify

#endif  // RECTIFY_OPS_OP_INFO_H_
