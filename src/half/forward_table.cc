#include "half/forward_table.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "half/table_cache.h"
#include "ops/op_formulas.h"
#include "ops/op_info.h"

namespace rectify {

// The parameters that select a table: those the op uses, as f32 bits, and
// the tier. A BEST table (and an exact op's, one for every tier) holds
// exact values; a DEFAULT or FAST one holds the f32 kernel's results, so
// that kernel (the active target's) is part of its key.
struct TableKey {
  int op;
  int format;
  std::uint32_t alpha;
  std::uint32_t beta;
  int tier;
  ForwardKernel f32_forward;

  bool operator==(const TableKey&) const = default;
};

struct HalfForwardTable {
  TableKey key;
  std::uint16_t values[kHalfTableEntries];
};

namespace {

std::uint32_t F32Bits(double v) {
  const float f = static_cast<float>(v);
  std::uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

// Whether the table of params holds the f32 kernel's results rounded once
// (a smooth op below BEST) rather than the exact values rounded once.
bool FromF32Results(const OpParams& params) {
  return FindOp(params.op)->kind == OpKind::kSmooth && params.tier != kBestTier;
}

TableKey KeyOf(const OpParams& params, HalfFormat format, ForwardKernel f32_forward) {
  const OpInfo& info = *FindOp(params.op);
  const bool uses_alpha = info.alpha_domain != ParamDomain::kUnused;
  const bool uses_beta = info.beta_domain != ParamDomain::kUnused;
  const bool from_f32 = FromF32Results(params);
  return TableKey{static_cast<int>(params.op),
                  static_cast<int>(format),
                  uses_alpha ? F32Bits(params.alpha) : 0u,
                  uses_beta ? F32Bits(params.beta) : 0u,
                  from_f32 ? static_cast<int>(params.tier) : static_cast<int>(kBestTier),
                  from_f32 ? f32_forward : nullptr};
}

// The entry of one pattern whose f32 value x is finite: the long double
// formula rounded once; a zero result takes the f32 kernel's zero (its
// sign rules), as do the non-finite inputs (NaN quieted, limits, which are
// values of T: 0, ±1, ±inf, -alpha, the cap; a limit at -inf that is no
// value of T, such as selu's -lambda*alpha, is rounded once here instead:
// reference::LimitBelow).
std::uint16_t Entry(const OpParams& params, HalfFormat format, float x, float f32_result) {
  const long double alpha = static_cast<float>(params.alpha);
  const long double beta = static_cast<float>(params.beta);
  if (std::isnan(x) || std::isinf(x)) {
    long double limit = 0.0L;
    if (x < 0.0f && reference::LimitBelow(params.op, alpha, beta, &limit)) {
      return RoundToHalf(format, limit);
    }
    return FloatToHalf(format, f32_result);
  }
  const long double value =
      reference::ForwardFormula<long double>(params.op, alpha, beta, static_cast<long double>(x));
  if (std::isnan(value) || (value == 0.0L && f32_result == 0.0f)) {
    return FloatToHalf(format, f32_result);
  }
  // Within 2^-50 of a midpoint that is exactly f's asymptote or leading
  // term (elu's -alpha, gelu's x/2 at odd subnormals): the sign of the
  // tail decides (reference::AsymptoteAt, ops/op_formulas.h).
  const std::uint16_t below = RoundToHalf(format, value * (1.0L - 0x1p-50L));
  const std::uint16_t above = RoundToHalf(format, value * (1.0L + 0x1p-50L));
  reference::Asymptote asymptote{};
  if (below != above &&
      reference::AsymptoteAt(params.op, alpha, beta, static_cast<long double>(x), &asymptote) &&
      asymptote.value == value && asymptote.tail_sign != 0) {
    const bool away_from_zero = (asymptote.tail_sign > 0) == (value > 0);
    const bool below_smaller =
        std::fabs(HalfToFloat(format, below)) < std::fabs(HalfToFloat(format, above));
    const std::uint16_t smaller = below_smaller ? below : above;
    const std::uint16_t larger = below_smaller ? above : below;
    return away_from_zero ? larger : smaller;
  }
  return RoundToHalf(format, value);
}

TableCache<HalfForwardTable, kCachedTables>& Cache() {
  static TableCache<HalfForwardTable, kCachedTables> cache;
  return cache;
}

}  // namespace

ForwardTableRef::ForwardTableRef() = default;
ForwardTableRef::~ForwardTableRef() = default;

void BuildForwardTable(const OpParams& params, HalfFormat format, ForwardKernel f32_forward,
                       std::uint16_t* values) {
  constexpr std::size_t kChunk = 1024;
  float x[kChunk], y[kChunk];
  const CallContext f32_context;  // into stack buffers: no streaming
  const bool from_f32 = FromF32Results(params);
  for (std::size_t start = 0; start < 65536; start += kChunk) {
    for (std::size_t j = 0; j < kChunk; ++j) {
      x[j] = HalfToFloat(format, static_cast<std::uint16_t>(start + j));
    }
    f32_forward(params, f32_context, kChunk, x, y);
    if (from_f32) {
      for (std::size_t j = 0; j < kChunk; ++j) values[start + j] = FloatToHalf(format, y[j]);
    } else {
      for (std::size_t j = 0; j < kChunk; ++j) {
        values[start + j] = Entry(params, format, x[j], y[j]);
      }
    }
  }
  values[65536] = 0;
}

rectify_status GetForwardTable(const OpParams& params, HalfFormat format,
                               ForwardKernel f32_forward, ForwardTableRef* out) {
  const HalfForwardTable* table = Cache().FindOrBuild(
      KeyOf(params, format, f32_forward),
      [&](HalfForwardTable& entry) {
        BuildForwardTable(params, format, f32_forward, entry.values);
      },
      &out->owned_);
  if (table == nullptr) return RECTIFY_ERROR_OUT_OF_MEMORY;
  out->values_ = table->values;
  return RECTIFY_OK;
}

}  // namespace rectify
