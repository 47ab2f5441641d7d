#include "api/validate.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "ops/op_info.h"
#include "numeric/float_bits.h"
#include "numeric/half_bits.h"

namespace rectify {
namespace {

template <typename T>
bool AllFinite(const void* data, std::size_t count) {
  const T* values = static_cast<const T*>(data);
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(values[i])) return false;
  }
  return true;
}

bool Intersect(Region a, Region b) {
  if (a.bytes == 0 || b.bytes == 0) return false;
  const auto a0 = reinterpret_cast<std::uintptr_t>(a.start);
  const auto b0 = reinterpret_cast<std::uintptr_t>(b.start);
  return a0 < b0 + b.bytes && b0 < a0 + a.bytes;
}

}  // namespace

bool HasBackwardFromOutput(const OpParams& params, DtypeSlot dtype_slot) {
  switch (FindOp(params.op)->from_output) {
    case FromOutput::kAlways:
      return true;
    case FromOutput::kPositiveAlpha:
      return dtype_slot != kF64Slot ? static_cast<float>(params.alpha) > 0.0f
                               : params.alpha > 0.0;
    case FromOutput::kNever:
      break;
  }
  return false;
}

rectify_status CheckBytes(const void* start, std::size_t count,
                          std::size_t element_bytes, std::size_t* bytes) {
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  if (count > kMax / element_bytes) return RECTIFY_ERROR_INVALID_ARGUMENT;
  *bytes = count * element_bytes;
  const auto begin = reinterpret_cast<std::uintptr_t>(start);
  if (begin > std::numeric_limits<std::uintptr_t>::max() - *bytes) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  return RECTIFY_OK;
}

rectify_status CheckNotNull(std::initializer_list<Region> regions) {
  for (const Region& region : regions) {
    if (region.bytes != 0 && region.start == nullptr) {
      return RECTIFY_ERROR_NULL_POINTER;
    }
  }
  return RECTIFY_OK;
}

rectify_status CheckOverlap(Region output, std::initializer_list<Region> inputs,
                            bool exact_alias_allowed) {
  for (const Region& input : inputs) {
    const bool same_buffer =
        output.start == input.start && output.bytes == input.bytes;
    if (same_buffer && exact_alias_allowed) continue;
    if (Intersect(output, input)) return RECTIFY_ERROR_OVERLAP;
  }
  return RECTIFY_OK;
}

rectify_status CheckChannelLayout(rectify_dtype dtype, std::size_t outer,
                                  std::size_t channels, std::size_t inner,
                                  const void* param, DtypeSlot* dtype_slot,
                                  std::size_t* data_bytes, std::size_t* param_bytes) {
  const rectify_status dtype_status = CheckDtype(dtype, dtype_slot);
  if (dtype_status != RECTIFY_OK) return dtype_status;
  std::size_t rows = 0;
  std::size_t elements = 0;
  if (__builtin_mul_overflow(outer, channels, &rows) ||
      __builtin_mul_overflow(rows, inner, &elements)) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  const std::size_t element = ElementBytes(*dtype_slot);
  if (__builtin_mul_overflow(elements, element, data_bytes)) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  return CheckBytes(param, channels, element, param_bytes);
}

rectify_status CheckChannelForwardBuffers(DtypeSlot dtype_slot, bool finite_params,
                                          const void* x, const void* param, const void* y,
                                          std::size_t* bytes, std::size_t param_bytes) {
  RECTIFY_RETURN_IF_ERROR(CheckBytes(x, *bytes, 1, bytes));
  RECTIFY_RETURN_IF_ERROR(CheckBytes(y, *bytes, 1, bytes));
  const Region data_x{x, *bytes};
  const Region data_y{y, *bytes};
  const Region params{param, param_bytes};
  RECTIFY_RETURN_IF_ERROR(CheckNotNull({data_x, params, data_y}));
  if (finite_params) {
    RECTIFY_RETURN_IF_ERROR(
        CheckSlopesFinite(param, param_bytes / ElementBytes(dtype_slot), dtype_slot));
  }
  RECTIFY_RETURN_IF_ERROR(CheckOverlap(data_y, {data_x}, true));
  return CheckOverlap(data_y, {params}, false);
}

rectify_status CheckChannelBackwardBuffers(DtypeSlot dtype_slot, bool finite_params,
                                           const void* x, const void* param, const void* dy,
                                           const void* dx, const void* dparam,
                                           std::size_t* bytes, std::size_t* param_bytes) {
  RECTIFY_RETURN_IF_ERROR(CheckBytes(x, *bytes, 1, bytes));
  RECTIFY_RETURN_IF_ERROR(CheckBytes(dy, *bytes, 1, bytes));
  RECTIFY_RETURN_IF_ERROR(CheckBytes(dx, *bytes, 1, bytes));
  RECTIFY_RETURN_IF_ERROR(CheckBytes(dparam, *param_bytes, 1, param_bytes));
  const Region data_x{x, *bytes};
  const Region data_dy{dy, *bytes};
  const Region data_dx{dx, *bytes};
  const Region params{param, *param_bytes};
  const Region gradient{dparam, *param_bytes};
  RECTIFY_RETURN_IF_ERROR(CheckNotNull({data_x, params, data_dy, data_dx, gradient}));
  if (finite_params) {
    RECTIFY_RETURN_IF_ERROR(CheckSlopesFinite(param, *param_bytes / ElementBytes(dtype_slot),
                                              dtype_slot));
  }
  RECTIFY_RETURN_IF_ERROR(CheckOverlap(data_dx, {data_x, data_dy}, true));
  RECTIFY_RETURN_IF_ERROR(CheckOverlap(data_dx, {params}, false));
  return CheckOverlap(gradient, {data_x, data_dy, data_dx, params}, false);
}

rectify_status CheckSlopesFinite(const void* slope, std::size_t channels,
                                 DtypeSlot dtype_slot) {
  bool finite = true;
  if (dtype_slot == kF32Slot) {
    finite = AllFinite<float>(slope, channels);
  } else if (dtype_slot == kF64Slot) {
    finite = AllFinite<double>(slope, channels);
  } else {
    const HalfFormat format = FormatOf(dtype_slot);
    const auto* bits = static_cast<const std::uint16_t*>(slope);
    for (std::size_t i = 0; i < channels && finite; ++i) {
      finite = (bits[i] & 0x7FFF) < HalfInfinity(format);
    }
  }
  return finite ? RECTIFY_OK : RECTIFY_ERROR_INVALID_ARGUMENT;
}

}  // namespace rectify
