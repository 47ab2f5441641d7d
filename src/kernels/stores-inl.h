// The one place that decides how a kernel writes its output: a whole
// vector goes out non-temporally (streaming: large out-of-place calls, set
// by the API layer) where it is vector-aligned, else by a plain store.
// Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_STORES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_STORES_INL_H_
#undef RECTIFY_KERNELS_STORES_INL_H_
#else
#define RECTIFY_KERNELS_STORES_INL_H_
#endif

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Stores v at out: non-temporally when `stream` and out is aligned to a
// whole vector, else StoreU. Never changes a value.
template <class D, typename T>
HWY_INLINE void StoreOutput(D d, hn::Vec<D> v, T* out, bool stream) {
  if (stream && reinterpret_cast<std::uintptr_t>(out) % (hn::Lanes(d) * sizeof(T)) == 0) {
    hn::Stream(v, d, out);
  } else {
    hn::StoreU(v, d, out);
  }
}

// Elements from out to the first address aligned to `vector_bytes` (0 when
// out is aligned, and when out is not even element-aligned: then nothing
// can be streamed), at most n: where streaming stores can start.
template <typename T>
HWY_INLINE std::size_t AlignedHead(const T* out, std::size_t vector_bytes, std::size_t n) {
  const auto address = reinterpret_cast<std::uintptr_t>(out);
  if (address % sizeof(T) != 0) return 0;
  const std::size_t head = (vector_bytes - address % vector_bytes) % vector_bytes / sizeof(T);
  return head < n ? head : n;
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_STORES_INL_H_
