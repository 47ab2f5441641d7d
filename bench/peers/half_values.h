// The 16-bit floating-point formats of rectify's RECTIFY_BF16 and
// RECTIFY_F16 elements (stored as uint16_t bit patterns), converted from
// and to double by the bench and its tests: bfloat16 (1 sign, 8 exponent,
// 7 fraction bits) and IEEE binary16 (1, 5, 10). Written on <cmath> scaling
// by powers of two, which is exact, so every conversion rounds once, to
// nearest with ties to even (the default rounding mode).
#ifndef RECTIFY_BENCH_PEERS_HALF_VALUES_H_
#define RECTIFY_BENCH_PEERS_HALF_VALUES_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace rectify_cli::bench {

// A binary format of 16 bits: 1 sign bit, then exponent and fraction bits.
struct HalfFormat {
  int exponent_bits;
  int fraction_bits;
};

inline constexpr HalfFormat kBf16Format{8, 7};
inline constexpr HalfFormat kF16Format{5, 10};

// `value` rounded to the nearest number of `format` (ties to even; beyond
// the largest finite number by half an ulp or more: infinity), as its bits.
// NaN gives the format's default quiet NaN with the sign of `value`.
inline std::uint16_t HalfFromDouble(double value, HalfFormat format) {
  const int bias = (1 << (format.exponent_bits - 1)) - 1;
  const int min_exponent = 1 - bias;  // of the normal numbers
  const unsigned sign = std::signbit(value) ? 0x8000u : 0u;
  const unsigned infinity = ((1u << format.exponent_bits) - 1) << format.fraction_bits;
  if (std::isnan(value)) {
    return static_cast<std::uint16_t>(sign | infinity | (1u << (format.fraction_bits - 1)));
  }
  const double magnitude = std::fabs(value);
  if (std::isinf(magnitude)) return static_cast<std::uint16_t>(sign | infinity);
  // The spacing of the format's numbers around `magnitude`: 2^(e - fraction
  // bits) for magnitude in [2^e, 2^(e+1)), the subnormal spacing below the
  // normal range. Dividing by it and multiplying back is exact.
  int frexp_exponent = 0;
  std::frexp(magnitude, &frexp_exponent);  // magnitude in [2^(e-1), 2^e)
  const int exponent = std::max(frexp_exponent - 1, min_exponent);
  const double spacing = std::ldexp(1.0, exponent - format.fraction_bits);
  const double rounded = std::nearbyint(magnitude / spacing) * spacing;
  if (rounded == 0) return static_cast<std::uint16_t>(sign);
  std::frexp(rounded, &frexp_exponent);
  const int rounded_exponent = frexp_exponent - 1;  // rounding may carry into the next one
  if (rounded_exponent > bias) return static_cast<std::uint16_t>(sign | infinity);
  if (rounded_exponent < min_exponent) {  // subnormal: exponent field 0
    const double units = rounded / std::ldexp(1.0, min_exponent - format.fraction_bits);
    return static_cast<std::uint16_t>(sign | static_cast<unsigned>(units));
  }
  const double significand = rounded / std::ldexp(1.0, rounded_exponent - format.fraction_bits);
  const unsigned fraction = static_cast<unsigned>(significand) - (1u << format.fraction_bits);
  return static_cast<std::uint16_t>(
      sign | (static_cast<unsigned>(rounded_exponent + bias) << format.fraction_bits) | fraction);
}

// The value of the bits `bits` of `format` (exact in double).
inline double HalfToDouble(std::uint16_t bits, HalfFormat format) {
  const int bias = (1 << (format.exponent_bits - 1)) - 1;
  const unsigned exponent = (bits >> format.fraction_bits) & ((1u << format.exponent_bits) - 1);
  const unsigned fraction = bits & ((1u << format.fraction_bits) - 1);
  const double sign = (bits & 0x8000u) != 0 ? -1.0 : 1.0;
  if (exponent == (1u << format.exponent_bits) - 1) {
    return fraction == 0 ? sign * std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::quiet_NaN();
  }
  if (exponent == 0) return sign * std::ldexp(fraction, 1 - bias - format.fraction_bits);
  return sign * std::ldexp(fraction + (1u << format.fraction_bits),
                           static_cast<int>(exponent) - bias - format.fraction_bits);
}

// bfloat16 and binary16 by name.
inline std::uint16_t Bf16FromDouble(double value) { return HalfFromDouble(value, kBf16Format); }
inline std::uint16_t F16FromDouble(double value) { return HalfFromDouble(value, kF16Format); }
inline double Bf16ToDouble(std::uint16_t bits) { return HalfToDouble(bits, kBf16Format); }
inline double F16ToDouble(std::uint16_t bits) { return HalfToDouble(bits, kF16Format); }

// Whether `value` is a number of `format` (converts without rounding).
inline bool IsHalfValue(double value, HalfFormat format) {
  return HalfToDouble(HalfFromDouble(value, format), format) == value;
}

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_PEERS_HALF_VALUES_H_
