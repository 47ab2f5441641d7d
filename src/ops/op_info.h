// Facts about each op, expanded from the registry in op_list.h.
#ifndef RECTIFY_OPS_OP_INFO_H_
#define RECTIFY_OPS_OP_INFO_H_

#include <cstddef>

#include "ops/op_list.h"
#include "rectify/rectify.h"

namespace rectify {

enum class FromOutput { kNever, kAlways, kPositiveAlpha };
enum class OpKind { kExact, kSmooth };
// The values a parameter may take (op_list.h); checked after rounding to
// the call's parameter type (api/validate.h).
enum class ParamDomain { kUnused, kFinite, kPositiveFinite, kMagnitude2p64, kScale2p32 };

struct OpInfo {
  rectify_op op;
  const char* name;
  OpKind kind;
  double default_alpha;
  ParamDomain alpha_domain;
  double default_beta;
  ParamDomain beta_domain;
  FromOutput from_output;
  bool half_table;      // the 16-bit forward reads the op's table
  double forward_ulp;   // accuracy bounds (0.5: correctly rounded)
  double backward_ulp;
};

// The registry, in enum order (op_info.cc checks the order).
inline constexpr OpInfo kOpTable[] = {
#define RECTIFY_OP_INFO_ENTRY(ENUM, name, kind, alpha, alpha_domain, beta, beta_domain, from, \
                              half_table, forward_ulp, backward_ulp)                          \
  {RECTIFY_##ENUM,           name,       OpKind::kind,     alpha,      ParamDomain::alpha_domain, \
   beta,  ParamDomain::beta_domain, FromOutput::from, half_table, forward_ulp, backward_ulp},
    RECTIFY_OP_LIST(RECTIFY_OP_INFO_ENTRY)
#undef RECTIFY_OP_INFO_ENTRY
};

// Number of ops in the registry (the enum values are 0 .. kOpCount-1).
inline constexpr std::size_t kOpCount = sizeof(kOpTable) / sizeof(kOpTable[0]);

// The registry entry of `op`, or nullptr when op is outside the enum.
inline const OpInfo* FindOp(rectify_op op) {
  const auto index = static_cast<std::size_t>(op);
  return index < kOpCount ? &kOpTable[index] : nullptr;
}

// Entry `index` < kOpCount, in enum order.
inline constexpr const OpInfo& OpAt(std::size_t index) { return kOpTable[index]; }

// The ulp bound of op `info`'s forward (backward: its backward) at accuracy
// tier `accuracy`, in f32 and f64: an exact op keeps the registry's at every
// tier (it ignores the tier); a smooth op's is 1 / 2 at DEFAULT, 4 / 8 at
// FAST and the registry's at BEST. rectify verify and the tests read it.
constexpr double TierBoundUlp(const OpInfo& info, rectify_accuracy accuracy, bool backward) {
  const double registry = backward ? info.backward_ulp : info.forward_ulp;
  if (info.kind == OpKind::kExact) return registry;
  switch (accuracy) {
    case RECTIFY_ACCURACY_DEFAULT:
      return backward ? 2.0 : 1.0;
    case RECTIFY_ACCURACY_FAST:
      return backward ? 8.0 : 4.0;
    default:
      return registry;
  }
}

// Calls fn.template operator()<RECTIFY_X>() for every op, in enum order
// (compile-time op values, for code instantiated per op).
template <class Fn>
constexpr void ForEachOp(const Fn& fn) {
#define RECTIFY_FOR_EACH_OP_CALL(ENUM, ...) fn.template operator()<RECTIFY_##ENUM>();
  RECTIFY_OP_LIST(RECTIFY_FOR_EACH_OP_CALL)
#undef RECTIFY_FOR_EACH_OP_CALL
}

}  // namespace rectify

#endif  // RECTIFY_OPS_OP_INFO_H_
