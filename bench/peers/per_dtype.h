// What a peer has for each dtype it computes (its library's data type, or
// the function that makes its kernels), so that every peer's Prepare looks
// its dtype up in one table instead of switching over the dtype itself:
//
//   constexpr PerDtype<at::ScalarType> kScalarTypes{.f32 = at::kFloat,
//                                                   .f64 = at::kDouble};
//   const std::optional<at::ScalarType> type = kScalarTypes.Find(w.dtype);
#ifndef RECTIFY_BENCH_PEERS_PER_DTYPE_H_
#define RECTIFY_BENCH_PEERS_PER_DTYPE_H_

#include <optional>

#include "rectify/rectify.h"

namespace rectify_cli::bench {

// One optional entry per dtype of peers/dtypes.h; an empty entry means the
// peer does not compute that dtype.
template <typename Value>
struct PerDtype {
  // Each empty unless given (by designated initializers, as above).
  std::optional<Value> f32 = std::nullopt;
  std::optional<Value> f64 = std::nullopt;
  std::optional<Value> bf16 = std::nullopt;
  std::optional<Value> f16 = std::nullopt;
  std::optional<Value> s8 = std::nullopt;
  std::optional<Value> u8 = std::nullopt;

  // The entry for `dtype`; empty when the peer has none (or dtype is
  // outside the enum).
  constexpr std::optional<Value> Find(rectify_dtype dtype) const {
    switch (dtype) {
      case RECTIFY_F32: return f32;
      case RECTIFY_F64: return f64;
      case RECTIFY_BF16: return bf16;
      case RECTIFY_F16: return f16;
      case RECTIFY_S8: return s8;
      case RECTIFY_U8: return u8;
    }
    return std::nullopt;
  }
};

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_PEERS_PER_DTYPE_H_
