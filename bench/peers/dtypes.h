// The dtypes `rectify bench` measures, by the names its tables, JSON and
// --dtype use: f32, f64, bf16, f16 (rectify_forward / rectify_backward) and
// the quantized s8, u8 (rectify_forward_quantized, forward only).
#ifndef RECTIFY_BENCH_PEERS_DTYPES_H_
#define RECTIFY_BENCH_PEERS_DTYPES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rectify/rectify.h"

namespace rectify_cli::bench {

inline constexpr rectify_dtype kAllDtypes[] = {RECTIFY_F32,  RECTIFY_F64, RECTIFY_BF16,
                                               RECTIFY_F16, RECTIFY_S8,  RECTIFY_U8};

// "f32", "f64", "bf16", "f16", "s8", "u8"; "?" outside the enum.
inline const char* DtypeName(rectify_dtype dtype) {
  switch (dtype) {
    case RECTIFY_F32: return "f32";
    case RECTIFY_F64: return "f64";
    case RECTIFY_BF16: return "bf16";
    case RECTIFY_F16: return "f16";
    case RECTIFY_S8: return "s8";
    case RECTIFY_U8: return "u8";
  }
  return "?";
}

// Every name DtypeName gives, in enum order.
inline std::vector<std::string> DtypeNames() {
  std::vector<std::string> names;
  for (const rectify_dtype dtype : kAllDtypes) names.push_back(DtypeName(dtype));
  return names;
}

// The dtype called `name`, or nothing.
inline std::optional<rectify_dtype> DtypeFromName(const std::string& name) {
  for (const rectify_dtype dtype : kAllDtypes) {
    if (name == DtypeName(dtype)) return dtype;
  }
  return std::nullopt;
}

// Bytes per element: 8, 4, 2 or 1.
inline std::size_t ElementBytes(rectify_dtype dtype) {
  switch (dtype) {
    case RECTIFY_F64: return 8;
    case RECTIFY_BF16:
    case RECTIFY_F16: return 2;
    case RECTIFY_S8:
    case RECTIFY_U8: return 1;
    default: return 4;
  }
}

// Whether the dtype is one of the 16-bit floating-point ones.
inline bool IsHalf(rectify_dtype dtype) { return dtype == RECTIFY_BF16 || dtype == RECTIFY_F16; }

// Whether the dtype is a quantized 8-bit integer one (forward only, through
// rectify_forward_quantized).
inline bool IsQuantized(rectify_dtype dtype) { return dtype == RECTIFY_S8 || dtype == RECTIFY_U8; }

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_PEERS_DTYPES_H_
