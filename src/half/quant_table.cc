#include "half/quant_table.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "half/table_cache.h"
#include "ops/op_formulas.h"

namespace rectify {
namespace {

// v rounded to the nearest integer, ties to even, clamped to [low, high]
// (v not NaN).
long RoundEvenClamped(long double v, long low, long high) {
  if (!(v > static_cast<long double>(low))) return low;
  if (!(v < static_cast<long double>(high))) return high;
  long double kept = std::floor(v);
  const long double rest = v - kept;  // exact
  if (rest > 0.5L || (rest == 0.5L && std::fmod(kept, 2.0L) != 0.0L)) kept += 1.0L;
  return static_cast<long>(kept);
}

struct QuantKey {
  int op;
  float alpha;  // the parameters as the table uses them (f32); compared bitwise
  float beta;
  std::int32_t is_signed;  // not bool: the key has no padding bytes
  rectify_quant in;
  rectify_quant out;

  bool operator==(const QuantKey& other) const {
    return std::memcmp(this, &other, sizeof *this) == 0;
  }
};

struct QuantEntry {
  QuantKey key;
  std::uint8_t values[256];
};

TableCache<QuantEntry, kCachedQuantTables>& Cache() {
  static TableCache<QuantEntry, kCachedQuantTables> cache;
  return cache;
}

}  // namespace

void BuildQuantTable(const OpParams& params, bool is_signed, rectify_quant in,
                     rectify_quant out, std::uint8_t* table) {
  const long double alpha = static_cast<float>(params.alpha);
  const long double beta = static_cast<float>(params.beta);
  const long low = is_signed ? -128 : 0;
  const long high = is_signed ? 127 : 255;
  for (int pattern = 0; pattern < 256; ++pattern) {
    const long q = is_signed ? static_cast<long>(static_cast<std::int8_t>(pattern)) : pattern;
    const long double x = static_cast<long double>(in.scale) * (q - in.zero_point);  // exact
    const long double f = reference::ForwardFormula<long double>(params.op, alpha, beta, x);
    // The output zero point is added after rounding; clamping first to a
    // range wider than any result keeps the long conversion safe.
    long double ratio = f / out.scale;
    // Near a tie k + 1/2 that is exactly an asymptote of f, the sign of the
    // tail decides (reference::AsymptoteAt, ops/op_formulas.h).
    const long double tie = std::floor(ratio) + 0.5L;
    reference::Asymptote asymptote{};
    if (std::fabs(ratio - tie) <= 0x1p-40L * std::fmax(1.0L, std::fabs(ratio)) &&
        reference::AsymptoteAt(params.op, alpha, beta, x, &asymptote) &&
        asymptote.value == tie * out.scale && asymptote.tail_sign != 0) {
      ratio = tie + 0.25L * asymptote.tail_sign;
    }
    const long scaled = RoundEvenClamped(ratio, low - 256, high + 256);
    const long y = std::clamp(scaled + out.zero_point, low, high);
    table[pattern] = static_cast<std::uint8_t>(y);  // two's complement for s8
  }
}

}  // namespace rectify

namespace rectify {

const std::uint8_t* GetQuantTable(const OpParams& params, bool is_signed, rectify_quant in,
                                  rectify_quant out, std::uint8_t* scratch) {
  QuantKey key{};
  key.op = static_cast<int>(params.op);
  key.alpha = static_cast<float>(params.alpha);
  key.beta = static_cast<float>(params.beta);
  key.is_signed = is_signed ? 1 : 0;
  key.in = in;
  key.out = out;
  std::unique_ptr<QuantEntry> owned;
  const QuantEntry* entry = Cache().FindOrBuild(
      key, [&](QuantEntry& e) { BuildQuantTable(params, is_signed, in, out, e.values); },
      &owned);
  if (entry == nullptr || owned != nullptr) {
    BuildQuantTable(params, is_signed, in, out, scratch);
    return scratch;
  }
  return entry->values;
}

}  // namespace rectify
