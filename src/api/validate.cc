#include "api/validate.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "ops/op_info.h"
#include "reference/float_bits.h"

namespace rectify {
namespace {

template <typename T>
bool FiniteIn(double value) {
  return std::isfinite(static_cast<T>(value));
}

template <typename T>
bool PositiveFiniteIn(double value) {
  const T rounded = static_cast<T>(value);
  return std::isfinite(rounded) && rounded > T(0);
}

// value rounded to T is finite and within [lo, hi].
template <typename T>
bool InRange(double value, double lo, double hi) {
  const T rounded = static_cast<T>(value);
  return std::isfinite(rounded) && rounded >= lo && rounded <= hi;
}

// The smooth ops' parameter domains (docs/semantics.md): elu/selu alpha and
// lambda finite with magnitude at most 2^64; silu and softplus beta in
// [2^-32, 2^32].
template <typename T>
bool SmoothParamsValid(rectify_op op, double alpha, double beta) {
  constexpr double kBig = 0x1p64;
  switch (op) {
    case RECTIFY_ELU:
      return InRange<T>(alpha, -kBig, kBig);
    case RECTIFY_SELU:
      return InRange<T>(alpha, -kBig, kBig) && InRange<T>(beta, -kBig, kBig);
    case RECTIFY_SILU:
    case RECTIFY_SOFTPLUS:
      return InRange<T>(alpha, 0x1p-32, 0x1p32);
    default:
      return true;
  }
}

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

rectify_status CheckDtype(const rectify_dtype& dtype, std::size_t* kernel_index) {
  switch (RawEnum(dtype)) {
    case RECTIFY_F32:
      *kernel_index = 0;
      return RECTIFY_OK;
    case RECTIFY_F64:
      *kernel_index = 1;
      return RECTIFY_OK;
    case RECTIFY_BF16:
    case RECTIFY_F16:
      return RECTIFY_ERROR_UNSUPPORTED;
    default:
      return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
}

std::size_t ElementBytes(std::size_t kernel_index) {
  return kernel_index == 0 ? sizeof(float) : sizeof(double);
}

rectify_status CheckActivation(const rectify_activation* act,
                               std::size_t kernel_index, OpParams* params) {
  if (act == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  const int raw_op = RawEnum(act->op);
  if (raw_op < 0 || static_cast<std::size_t>(raw_op) >= kOpCount) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  const OpInfo& info = OpAt(static_cast<std::size_t>(raw_op));
  if (!info.implemented) return RECTIFY_ERROR_UNSUPPORTED;
  const bool f32 = kernel_index == 0;
  if (info.op == RECTIFY_LEAKY_RELU &&
      !(f32 ? FiniteIn<float>(act->alpha) : FiniteIn<double>(act->alpha))) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  if (info.op == RECTIFY_CLIPPED_RELU &&
      !(f32 ? PositiveFiniteIn<float>(act->beta)
            : PositiveFiniteIn<double>(act->beta))) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  if (!(f32 ? SmoothParamsValid<float>(info.op, act->alpha, act->beta)
            : SmoothParamsValid<double>(info.op, act->alpha, act->beta))) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  *params = OpParams{info.op, act->alpha, act->beta};
  return RECTIFY_OK;
}

bool HasBackwardFromOutput(const OpParams& params, std::size_t kernel_index) {
  switch (FindOp(params.op)->from_output) {
    case FromOutput::kAlways:
      return true;
    case FromOutput::kPositiveAlpha:
      return kernel_index == 0 ? static_cast<float>(params.alpha) > 0.0f
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

rectify_status CheckSlopesFinite(const void* slope, std::size_t channels,
                                 std::size_t kernel_index) {
  const bool finite = kernel_index == 0 ? AllFinite<float>(slope, channels)
                                        : AllFinite<double>(slope, channels);
  return finite ? RECTIFY_OK : RECTIFY_ERROR_INVALID_ARGUMENT;
}

}  // namespace rectify
