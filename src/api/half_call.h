// What a compute call on a 16-bit dtype needs besides its checked
// arguments: the active target's kernel table (the 16-bit backward and
// fused kernels run its f32 kernels and conversions) and, for the forward
// directions, the op's forward table.
#ifndef RECTIFY_API_HALF_CALL_H_
#define RECTIFY_API_HALF_CALL_H_

#include <cstddef>

#include "half/forward_table.h"
#include "kernels/kernel_table.h"
#include "ops/op_info.h"
#include "rectify/rectify.h"

namespace rectify {

// For dtype_slot bf16 or f16: sets context->wide to `kernels` and, with
// `forward`, context->table to the op's forward table (held by *table until
// the call ends); OUT_OF_MEMORY when the table cannot be built. Other
// dtypes: OK, nothing changed. Call after every argument check.
// ForwardNeedsTable: whether the plain 16-bit forward kernel of a checked op
// reads the table (the registry's half_table: false for the ops whose own
// 16-bit kernel never does, ops/<op>/<op>_half-inl.h); the fused calls
// always read it.
rectify_status PrepareHalfCall(DtypeSlot dtype_slot, const KernelTable& kernels,
                               bool forward, const OpParams& params, CallContext* context,
                               ForwardTableRef* table);

inline bool ForwardNeedsTable(rectify_op op) { return FindOp(op)->half_table; }

}  // namespace rectify

#endif  // RECTIFY_API_HALF_CALL_H_
