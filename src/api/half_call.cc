#include "api/half_call.h"

#include "api/validate.h"

namespace rectify {

rectify_status PrepareHalfCall(std::size_t kernel_index, const KernelTable& kernels,
                               bool forward, OpParams* params, ForwardTableRef* table) {
  if (kernel_index != kBf16Index && kernel_index != kF16Index) return RECTIFY_OK;
  params->wide = &kernels;
  if (!forward) return RECTIFY_OK;
  RECTIFY_RETURN_IF_ERROR(GetForwardTable(*params, FormatOf(kernel_index),
                                          kernels.forward[params->op][0], table));
  params->table = table->values();
  return RECTIFY_OK;
}

}  // namespace rectify
