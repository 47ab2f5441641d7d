// The two 16-bit floating-point formats as bit patterns (uint16_t), and
// their exact conversions: widening to f32 or f64 (exact), rounding f32,
// f64 or long double to 16 bits (round to nearest, ties to even, once),
// NaN payloads kept. These scalar functions are the reference that the
// SIMD conversions (kernels/half_loops-inl.h) must match bit for bit.
#ifndef RECTIFY_NUMERIC_HALF_BITS_H_
#define RECTIFY_NUMERIC_HALF_BITS_H_

#include <cmath>
#include <cstdint>
#include <cstring>

#include "lane/host_device.h"

namespace rectify {

// Index of the 16-bit formats in the kernel tables' 16-bit arrays.
enum class HalfFormat : int { kBf16 = 0, kF16 = 1 };

namespace half_detail {

RECTIFY_HD inline std::uint32_t FloatBits(float v) {
  std::uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

RECTIFY_HD inline float BitsFloat(std::uint32_t bits) {
  float v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// m / 2^shift rounded to nearest, ties to even (shift in [1, 31]).
RECTIFY_HD inline std::uint32_t ShiftRightEven(std::uint32_t m, int shift) {
  const std::uint32_t kept = m >> shift;
  const std::uint32_t rest = m & ((std::uint32_t{1} << shift) - 1);
  const std::uint32_t half = std::uint32_t{1} << (shift - 1);
  return kept + ((rest > half || (rest == half && (kept & 1) != 0)) ? 1 : 0);
}

}  // namespace half_detail

// Significand bits (with the leading one), least normal exponent, and the
// quiet bit of each format.
RECTIFY_HD inline constexpr int HalfPrecision(HalfFormat format) {
  return format == HalfFormat::kBf16 ? 8 : 11;
}
RECTIFY_HD inline constexpr int HalfMinExponent(HalfFormat format) {
  return format == HalfFormat::kBf16 ? -126 : -14;
}
RECTIFY_HD inline constexpr std::uint16_t HalfQuietBit(HalfFormat format) {
  return format == HalfFormat::kBf16 ? 0x0040 : 0x0200;
}
RECTIFY_HD inline constexpr std::uint16_t HalfInfinity(HalfFormat format) {
  return format == HalfFormat::kBf16 ? 0x7F80 : 0x7C00;
}

// Whether the bit pattern is a NaN.
RECTIFY_HD inline bool HalfIsNaN(HalfFormat format, std::uint16_t bits) {
  return (bits & 0x7FFF) > HalfInfinity(format);
}

// The exact f32 value of a 16-bit pattern (NaN: same sign and payload).
RECTIFY_HD inline float HalfToFloat(HalfFormat format, std::uint16_t h) {
  using half_detail::BitsFloat;
  if (format == HalfFormat::kBf16) return BitsFloat(std::uint32_t{h} << 16);
  const std::uint32_t sign = std::uint32_t{h & 0x8000u} << 16;
  const std::uint32_t exponent = (h >> 10) & 0x1F;
  const std::uint32_t mantissa = h & 0x3FF;
  if (exponent == 0) {  // zero or subnormal: mantissa * 2^-24, exact
    const float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
    return BitsFloat(sign | half_detail::FloatBits(magnitude));
  }
  const std::uint32_t rebias = exponent == 0x1F ? 0xFFu - 0x1Fu : 127u - 15u;
  return BitsFloat(sign | ((exponent + rebias) << 23) | (mantissa << 13));
}

// f32 rounded once to the format (ties to even); a NaN keeps its sign and
// the leading bits of its payload and is quieted; overflow gives infinity
// exactly where the rounded value would exceed the largest finite value.
RECTIFY_HD inline std::uint16_t FloatToHalf(HalfFormat format, float v) {
  const std::uint32_t bits = half_detail::FloatBits(v);
  const std::uint32_t magnitude = bits & 0x7FFFFFFFu;
  if (format == HalfFormat::kBf16) {
    if (magnitude > 0x7F800000u) return static_cast<std::uint16_t>((bits >> 16) | 0x0040);
    return static_cast<std::uint16_t>(
        (bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
  }
  const auto sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
  if (magnitude > 0x7F800000u) {
    return static_cast<std::uint16_t>(sign | 0x7E00u | ((magnitude >> 13) & 0x3FFu));
  }
  if (magnitude >= 0x477FF000u) return static_cast<std::uint16_t>(sign | 0x7C00u);  // >= 65520
  if (magnitude >= 0x38800000u) {  // normal in f16: rebias 127 -> 15, round 13 bits
    return static_cast<std::uint16_t>(
        sign | half_detail::ShiftRightEven(magnitude - 0x38000000u, 13));
  }
  const std::uint32_t exponent = magnitude >> 23;
  if (exponent < 102) return sign;  // below 2^-25: rounds to zero
  // Subnormal in f16: (significand with its leading one) * 2^(exponent - 150)
  // in units of 2^-24.
  const std::uint32_t significand = (magnitude & 0x7FFFFFu) | 0x800000u;
  return static_cast<std::uint16_t>(
      sign | half_detail::ShiftRightEven(significand, static_cast<int>(126 - exponent)));
}

// A finite or infinite (not NaN) value of a wider type W (double, long
// double) rounded once to the format: ties to even, subnormals kept,
// infinity where the rounded magnitude would exceed the largest finite one.
template <typename W>
RECTIFY_HD std::uint16_t RoundToHalf(HalfFormat format, W v) {
  const std::uint16_t sign = std::signbit(v) ? 0x8000 : 0;
  if (v == W(0)) return sign;
  if (std::isinf(v)) return static_cast<std::uint16_t>(sign | HalfInfinity(format));
  const W magnitude = std::fabs(v);
  int exponent = 0;  // magnitude = m 2^exponent, m in [0.5, 1)
  (void)std::frexp(magnitude, &exponent);
  const int precision = HalfPrecision(format);
  const int min_exponent = HalfMinExponent(format);
  // The unit of the last place at this magnitude (the subnormal one below
  // the normal range).
  const int unit = (exponent - 1 < min_exponent ? min_exponent : exponent - 1) - (precision - 1);
  const W scaled = std::ldexp(magnitude, -unit);  // exact
  W kept = std::floor(scaled);
  const W rest = scaled - kept;  // exact
  if (rest > W(0.5) || (rest == W(0.5) && std::fmod(kept, W(2)) != W(0))) kept += W(1);
  const W rounded = std::ldexp(kept, unit);
  const float as_float = static_cast<float>(rounded);  // exact unless beyond f32
  if (std::isinf(as_float)) return static_cast<std::uint16_t>(sign | HalfInfinity(format));
  const std::uint16_t bits = FloatToHalf(format, as_float);  // exact, or overflow
  return static_cast<std::uint16_t>(sign | (bits & 0x7FFF));
}

// An f64 value rounded once to the format; a NaN keeps its sign and the
// leading bits of its payload, quieted.
RECTIFY_HD inline std::uint16_t DoubleToHalf(HalfFormat format, double v) {
  if (!std::isnan(v)) return RoundToHalf(format, v);
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  const auto sign = static_cast<std::uint16_t>((bits >> 48) & 0x8000u);
  const int payload_bits = HalfPrecision(format) - 1;
  const auto payload = static_cast<std::uint16_t>((bits >> (52 - payload_bits)) &
                                                  ((1u << payload_bits) - 1));
  return static_cast<std::uint16_t>(sign | HalfInfinity(format) | HalfQuietBit(format) |
                                    payload);
}

}  // namespace rectify

#endif  // RECTIFY_NUMERIC_HALF_BITS_H_
