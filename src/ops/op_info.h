// Facts about each op, expanded from the registry in op_list.h.
#ifndef RECTIFY_OPS_OP_INFO_H_
#define RECTIFY_OPS_OP_INFO_H_

#include <cstddef>

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

// The registry entry of `op`, or nullptr when op is outside the enum.
const OpInfo* FindOp(rectify_op op);

// Entry `index` < kOpCount, in enum order.
const OpInfo& OpAt(std::size_t index);

}  // namespace rectify

#endif  // RECTIFY_OPS_OP_INFO_H_
