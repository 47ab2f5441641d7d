// The argument checks of the fused bias calls, shared by the CPU calls
// (channel_api.cc) and the GPU calls (cuda_api.cc). They read no buffer
// contents (bias values may be anything), so they serve device pointers too.
#ifndef RECTIFY_API_BIAS_CHECKS_H_
#define RECTIFY_API_BIAS_CHECKS_H_

#include <cstddef>

#include "api/channel_call.h"
#include "kernels/kernel_table.h"
#include "rectify/rectify.h"

namespace rectify {

// The forward calls: act, layout, parameters, then the buffers (bias may be
// null only when `bias_optional`). Sets the dtype slot, parameters and
// data bytes.
rectify_status CheckBiasForward(const rectify_activation* act, rectify_dtype dtype,
                                ChannelShape shape, const void* x, const void* bias,
                                const void* y, bool bias_optional, DtypeSlot* dtype_slot,
                                OpParams* params, std::size_t* bytes);

// The backward calls, in the same order. Sets the dtype slot, parameters,
// data bytes and bias bytes.
rectify_status CheckBiasBackward(const rectify_activation* act, rectify_dtype dtype,
                                 ChannelShape shape, const void* x, const void* bias,
                                 const void* dy, const void* dx, const void* dbias,
                                 DtypeSlot* dtype_slot, OpParams* params,
                                 std::size_t* bytes, std::size_t* bias_bytes);

}  // namespace rectify

#endif  // RECTIFY_API_BIAS_CHECKS_H_
