// Argument checks shared by the C entry points. Every check runs before any
// kernel, so a failing call writes nothing.
#ifndef RECTIFY_API_VALIDATE_H_
#define RECTIFY_API_VALIDATE_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "kernels/kernel_table.h"
#include "rectify/rectify.h"

namespace rectify {

// A buffer the call reads or writes: start and length in bytes.
struct Region {
  const void* start;
  std::size_t bytes;
};

// Checks a dtype value: INVALID_ARGUMENT outside the enum, UNSUPPORTED for a
// dtype without kernels; else OK and *kernel_index set (0 f32, 1 f64).
rectify_status CheckDtype(const rectify_dtype& dtype, std::size_t* kernel_index);

// Size of an element of a kernel dtype (index from CheckDtype).
std::size_t ElementBytes(std::size_t kernel_index);

// Checks an activation for `kernel_index`: NULL_POINTER, INVALID_ARGUMENT
// (op outside the enum, bad parameter), UNSUPPORTED (op not implemented).
// On OK fills *params.
rectify_status CheckActivation(const rectify_activation* act,
                               std::size_t kernel_index, OpParams* params);

// Whether backward-from-output exists for these (checked) parameters.
bool HasBackwardFromOutput(const OpParams& params, std::size_t kernel_index);

// count * element_bytes, or INVALID_ARGUMENT when it (or the end address of
// `start`) does not fit in the address space.
rectify_status CheckBytes(const void* start, std::size_t count,
                          std::size_t element_bytes, std::size_t* bytes);

// NULL_POINTER when a region of nonzero length has a null start.
rectify_status CheckNotNull(std::initializer_list<Region> regions);

// OVERLAP when `output` shares a byte with any input, unless it is the very
// same buffer and `exact_alias_allowed` (in-place).
rectify_status CheckOverlap(Region output, std::initializer_list<Region> inputs,
                            bool exact_alias_allowed);

// The buffer checks of an element-wise call, inlined for the small-call
// path: n elements of element_bytes each in `inputs` (1 or 2 of them) and
// `output`. INVALID_ARGUMENT when the sizes overflow, NULL_POINTER for a
// null buffer with n > 0, OVERLAP when output shares bytes with an input
// without being exactly that input. Sets *bytes on OK.
inline rectify_status CheckElementwiseBuffers(const void* const* inputs,
                                              std::size_t input_count,
                                              const void* output, std::size_t n,
                                              std::size_t element_bytes,
                                              std::size_t* bytes) {
  constexpr std::uintptr_t kMax = ~std::uintptr_t{0};
  if (n > kMax / element_bytes) return RECTIFY_ERROR_INVALID_ARGUMENT;
  const std::uintptr_t size = n * element_bytes;
  *bytes = size;
  const auto out = reinterpret_cast<std::uintptr_t>(output);
  if (out > kMax - size) return RECTIFY_ERROR_INVALID_ARGUMENT;
  for (std::size_t i = 0; i < input_count; ++i) {
    if (reinterpret_cast<std::uintptr_t>(inputs[i]) > kMax - size) {
      return RECTIFY_ERROR_INVALID_ARGUMENT;
    }
  }
  if (size == 0) return RECTIFY_OK;
  if (output == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  for (std::size_t i = 0; i < input_count; ++i) {
    if (inputs[i] == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  }
  for (std::size_t i = 0; i < input_count; ++i) {
    const auto in = reinterpret_cast<std::uintptr_t>(inputs[i]);
    if (in != out && in < out + size && out < in + size) return RECTIFY_ERROR_OVERLAP;
  }
  return RECTIFY_OK;
}

// INVALID_ARGUMENT unless every slope (kernel dtype) is finite.
rectify_status CheckSlopesFinite(const void* slope, std::size_t channels,
                                 std::size_t kernel_index);

}  // namespace rectify

#endif  // RECTIFY_API_VALIDATE_H_
