// Argument checks shared by the C entry points. Every check runs before any
// kernel, so a failing call writes nothing.
#ifndef RECTIFY_API_VALIDATE_H_
#define RECTIFY_API_VALIDATE_H_

#include <cstddef>
#include <cstdint>
#include <cmath>
#include <initializer_list>

#include "kernels/kernel_table.h"
#include "ops/op_info.h"
#include "numeric/float_bits.h"
#include "numeric/half_bits.h"
#include "rectify/rectify.h"

// Returns the status of `expression` from the enclosing function unless it
// is RECTIFY_OK.
#define RECTIFY_RETURN_IF_ERROR(expression)      \
  do {                                           \
    const rectify_status status_ = (expression); \
    if (status_ != RECTIFY_OK) return status_;   \
  } while (false)

namespace rectify {

// A buffer the call reads or writes: start and length in bytes.
struct Region {
  const void* start;
  std::size_t bytes;
};

namespace validate_detail {

// Whether `value`, rounded to T, lies in `domain` (ops/op_info.h).
template <typename T>
inline bool InDomain(ParamDomain domain, double value) {
  const T rounded = static_cast<T>(value);
  if (domain == ParamDomain::kUnused) return true;
  if (!std::isfinite(rounded)) return false;
  switch (domain) {
    case ParamDomain::kPositiveFinite: return rounded > T(0);
    case ParamDomain::kMagnitude2p64: return rounded >= -0x1p64 && rounded <= 0x1p64;
    case ParamDomain::kScale2p32: return rounded >= 0x1p-32 && rounded <= 0x1p32;
    default: return true;  // kFinite
  }
}

// Both parameters of `info` in their domains, rounded to T.
template <typename T>
inline bool ParamsValid(const OpInfo& info, double alpha, double beta) {
  return InDomain<T>(info.alpha_domain, alpha) && InDomain<T>(info.beta_domain, beta);
}

}  // namespace validate_detail

// Checks a dtype value: INVALID_ARGUMENT outside the enum, UNSUPPORTED for a
// dtype without kernels (S8, U8: quantized calls only); else OK and
// *dtype_slot set.
// Checks an activation for `dtype_slot`: NULL_POINTER, INVALID_ARGUMENT
// (op or accuracy outside its enum, a parameter outside its registry
// domain). On OK fills *params (tier included). ElementBytes: size of an element of a kernel dtype.
// Inline: every compute call runs them.
inline rectify_status CheckDtype(const rectify_dtype& dtype,
                                 DtypeSlot* dtype_slot) {
  switch (RawEnum(dtype)) {
    case RECTIFY_F32:
      *dtype_slot = kF32Slot;
      return RECTIFY_OK;
    case RECTIFY_F64:
      *dtype_slot = kF64Slot;
      return RECTIFY_OK;
    case RECTIFY_BF16:
      *dtype_slot = kBf16Slot;
      return RECTIFY_OK;
    case RECTIFY_F16:
      *dtype_slot = kF16Slot;
      return RECTIFY_OK;
    case RECTIFY_S8:
    case RECTIFY_U8:
      return RECTIFY_ERROR_UNSUPPORTED;  // quantized calls only
    default:
      return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
}

inline std::size_t ElementBytes(DtypeSlot dtype_slot) {
  return dtype_slot == kF32Slot ? sizeof(float) : dtype_slot == kF64Slot ? sizeof(double) : 2;
}

// The 16-bit format of a 16-bit kernel dtype index.
inline HalfFormat FormatOf(DtypeSlot dtype_slot) {
  return dtype_slot == kBf16Slot ? HalfFormat::kBf16 : HalfFormat::kF16;
}

inline rectify_status CheckActivation(const rectify_activation* act,
                                      DtypeSlot dtype_slot, OpParams* params) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  const int raw_op = RawEnum(act->op);
  if (raw_op < 0 || static_cast<std::size_t>(raw_op) >= kOpCount) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  const int raw_accuracy = RawEnum(act->accuracy);
  if (raw_accuracy < 0 || static_cast<std::size_t>(raw_accuracy) >= kTiers) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  const OpInfo& info = OpAt(static_cast<std::size_t>(raw_op));
  const bool f32 = dtype_slot != kF64Slot;  // 16-bit calls take f32 parameters
  if (!(f32 ? validate_detail::ParamsValid<float>(info, act->alpha, act->beta)
            : validate_detail::ParamsValid<double>(info, act->alpha, act->beta))) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  *params = OpParams{info.op, act->alpha, act->beta, static_cast<Tier>(raw_accuracy)};
  return RECTIFY_OK;
}

// The size checks of the calls on the layout [outer][channels][inner]
// (PReLU, fused bias, monitored forward): the dtype, outer*channels*inner
// elements not overflowing, and the per-channel parameter buffer `param`
// (slope or bias) of `channels` elements. Sets *dtype_slot and the byte
// sizes of the data and parameter buffers.
rectify_status CheckChannelLayout(rectify_dtype dtype, std::size_t outer,
                                  std::size_t channels, std::size_t inner,
                                  const void* param, DtypeSlot* dtype_slot,
                                  std::size_t* data_bytes, std::size_t* param_bytes);

// The buffer checks of a forward call on that layout (PReLU, fused bias,
// monitored), in this order: sizes and end addresses of x and y (`*bytes`
// on entry: the data size); a null buffer of nonzero size (param of
// `param_bytes`); with `finite_params`, every parameter finite; y
// overlapping anything but exactly x, or param.
rectify_status CheckChannelForwardBuffers(DtypeSlot dtype_slot, bool finite_params,
                                          const void* x, const void* param, const void* y,
                                          std::size_t* bytes, std::size_t param_bytes);

// The buffer checks of a backward call on that layout (PReLU, fused bias),
// in this order: sizes and end addresses of x, dy, dx (`*bytes` on entry:
// the data size) and dparam (`*param_bytes`: the parameter size); a null
// buffer of nonzero size; with `finite_params`, every parameter finite
// (kernel dtype `dtype_slot`); dx overlapping anything but exactly x or
// dy, or param; dparam overlapping any other buffer.
rectify_status CheckChannelBackwardBuffers(DtypeSlot dtype_slot, bool finite_params,
                                           const void* x, const void* param, const void* dy,
                                           const void* dx, const void* dparam,
                                           std::size_t* bytes, std::size_t* param_bytes);

// Whether backward-from-output exists for these (checked) parameters.
bool HasBackwardFromOutput(const OpParams& params, DtypeSlot dtype_slot);

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
  std::uintptr_t size = 0;
  // (No division: this runs on every call.)
  if (__builtin_mul_overflow(n, element_bytes, &size)) return RECTIFY_ERROR_INVALID_ARGUMENT;
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
                                 DtypeSlot dtype_slot);

}  // namespace rectify

#endif  // RECTIFY_API_VALIDATE_H_
