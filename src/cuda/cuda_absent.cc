// The CUDA backend of a build without CUDA (RECTIFY_CUDA=OFF, or no nvcc
// found): every entry point of cuda_backend.h answers UNSUPPORTED.
#include "cuda/cuda_backend.h"

namespace rectify::cuda {

bool Compiled() { return false; }
bool Available() { return false; }
const char* LastError() { return ""; }
void ClearError() {}

rectify_status CheckDevicePointers(std::initializer_list<const void*>) {
  return RECTIFY_ERROR_UNSUPPORTED;
}

rectify_status Zero(void*, std::size_t, void*) { return RECTIFY_ERROR_UNSUPPORTED; }

rectify_status Forward(const OpParams&, const CallContext&, DtypeSlot, std::size_t, const void*, void*, void*) {
  return RECTIFY_ERROR_UNSUPPORTED;
}

rectify_status Backward(const OpParams&, DtypeSlot, std::size_t, const void*, const void*,
                        void*, void*) {
  return RECTIFY_ERROR_UNSUPPORTED;
}

rectify_status BiasForward(const OpParams&, const CallContext&, DtypeSlot, std::size_t, std::size_t, std::size_t,
                           const void*, const void*, void*, void*) {
  return RECTIFY_ERROR_UNSUPPORTED;
}

rectify_status BiasBackward(const OpParams&, DtypeSlot, std::size_t, std::size_t,
                            std::size_t, const void*, const void*, const void*, void*, void*,
                            void*) {
  return RECTIFY_ERROR_UNSUPPORTED;
}

}  // namespace rectify::cuda
