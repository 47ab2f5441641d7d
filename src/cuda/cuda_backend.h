// The CUDA backend as the C API (api/cuda_api.cc) sees it: plain C++, no
// CUDA types, so that the API compiles in every build. With RECTIFY_CUDA
// the functions are in src/cuda/*.cu (cuda_runtime.cu: tables, launches,
// errors); without it, cuda_absent.cc answers UNSUPPORTED. Every function takes arguments
// that the API layer has already checked (ops, parameters, sizes, null
// pointers, overlaps); they launch on `stream` (a cudaStream_t, null: the
// default stream) and return RECTIFY_ERROR_DEVICE, with the text kept for
// LastError(), when CUDA reports a failure.
#ifndef RECTIFY_CUDA_CUDA_BACKEND_H_
#define RECTIFY_CUDA_CUDA_BACKEND_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "kernels/kernel_table.h"
#include "rectify/rectify.h"

namespace rectify::cuda {

// Whether the backend is compiled in.
bool Compiled();

// Whether the backend is compiled in and a GPU is usable.
bool Available();

// The text of this thread's last CUDA failure ("" if none).
const char* LastError();

// Forgets this thread's last failure (at the start of every call).
void ClearError();

// INVALID_ARGUMENT unless every pointer is device or managed memory; DEVICE
// when the query fails; UNSUPPORTED without the backend. Null pointers
// are skipped (the caller passes only buffers of nonzero size).
rectify_status CheckDevicePointers(std::initializer_list<const void*> pointers);

// Sets `bytes` bytes at the device pointer p to 0 (asynchronously).
rectify_status Zero(void* p, std::size_t bytes, void* stream);

// y = f(x) for n > 0 elements of dtype slot `dtype_slot`. 16-bit calls
// need context.table: the op's host forward table (api/half_call.h),
// copied to the device once and cached.
rectify_status Forward(const OpParams& params, const CallContext& context, DtypeSlot dtype_slot,
                       std::size_t n, const void* x, void* y, void* stream);

// dx = dy * f'(x) for n > 0 elements.
rectify_status Backward(const OpParams& params, DtypeSlot dtype_slot, std::size_t n,
                        const void* x, const void* dy, void* dx, void* stream);

// y = f(x + bias[c]) over [outer][channels][inner] (all nonzero); 16-bit
// calls need context.table as Forward.
rectify_status BiasForward(const OpParams& params, const CallContext& context, DtypeSlot dtype_slot,
                           std::size_t outer, std::size_t channels, std::size_t inner,
                           const void* x, const void* bias, void* y, void* stream);

// dx and dbias of y = f(x + bias[c]) (all sizes nonzero).
rectify_status BiasBackward(const OpParams& params, DtypeSlot dtype_slot,
                            std::size_t outer, std::size_t channels, std::size_t inner,
                            const void* x, const void* bias, const void* dy, void* dx,
                            void* dbias, void* stream);

}  // namespace rectify::cuda

#endif  // RECTIFY_CUDA_CUDA_BACKEND_H_
