#include "api/half_call.h"

#include "api/validate.h"

namespace rectify {

rectify_status PrepareHalfCall(DtypeSlot dtype_slot, const KernelTable& kernels,
                               bool forward, const OpParams& params, CallContext* context,
                               ForwardTableRef* table) {
  if (dtype_slot != kBf16Slot && dtype_slot != kF16Slot) return RECTIFY_OK;
  context->wide = &kernels;
  if (!forward) return RECTIFY_OK;
  RECTIFY_RETURN_IF_ERROR(GetForwardTable(
      params, FormatOf(dtype_slot), kernels.forward[params.tier][params.op][kF32Slot], table));
  context->table = table->values();
  return RECTIFY_OK;
}

}  // namespace rectify
