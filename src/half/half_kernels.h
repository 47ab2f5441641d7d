// The bf16 and f16 kernels that every target shares (the per-target ones,
// the table lookup and the conversions, are in kernels/half_loops-inl.h):
// the backward directions, which widen to f32, run the active target's f32
// kernel (CallContext::wide) and round each result once to 16 bits; PReLU, whose
// products are exact in f64 and rounded once; and the fused bias calls,
// whose pre-activation x + bias is rounded once to 16 bits (exactly the
// 16-bit sum: f32 has more than twice the bits) before the forward table
// or the f32 backward kernel sees it. Semantics: docs/semantics.md.
#ifndef RECTIFY_HALF_HALF_KERNELS_H_
#define RECTIFY_HALF_HALF_KERNELS_H_

#include "kernels/kernel_table.h"

namespace rectify {

// Sets the 16-bit backward, backward-from-output, PReLU and fused bias
// entries of `table` (all ops, both formats).
void FillHalfSharedKernels(KernelTable& table);

}  // namespace rectify

#endif  // RECTIFY_HALF_HALF_KERNELS_H_
