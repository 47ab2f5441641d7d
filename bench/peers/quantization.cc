#include "peers/quantization.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace rectify_cli::bench {

int QuantMin(rectify_dtype dtype) { return dtype == RECTIFY_U8 ? 0 : -128; }
int QuantMax(rectify_dtype dtype) { return dtype == RECTIFY_U8 ? 255 : 127; }

namespace {

// The smallest and largest f(in.scale * (q - in.zero_point)) over the 256
// codes q, from rectify's f64 forward (within an ulp of f64: plenty for
// choosing a range). False when rectify rejects the activation.
bool OutputRange(const rectify_activation& act, rectify_dtype dtype, const rectify_quant& in,
                 double* lo, double* hi) {
  double x[256];
  double y[256];
  for (int i = 0; i < 256; ++i) {
    x[i] = static_cast<double>(in.scale) * (QuantMin(dtype) + i - in.zero_point);  // exact
  }
  if (rectify_forward(&act, RECTIFY_F64, 256, x, y) != RECTIFY_OK) return false;
  *lo = *std::min_element(y, y + 256);
  *hi = *std::max_element(y, y + 256);
  return std::isfinite(*lo) && std::isfinite(*hi);
}

}  // namespace

Quantization BenchQuantization(const rectify_activation& act, rectify_dtype dtype) {
  if (dtype != RECTIFY_S8 && dtype != RECTIFY_U8) return {{1.0f, 0}, {1.0f, 0}};
  const int qmin = QuantMin(dtype);
  const int qmax = QuantMax(dtype);
  const int middle = (qmin + qmax + 1) / 2;  // 0 or 128
  const rectify_quant in = dtype == RECTIFY_S8 ? rectify_quant{8.0f / 127.0f, 0}
                                               : rectify_quant{16.0f / 255.0f, 128};
  switch (act.op) {
    case RECTIFY_SIGMOID:
    case RECTIFY_HARDSIGMOID:
      return {in, {0x1.0p-8f, qmin}};
    case RECTIFY_TANH:
      return {in, {0x1.0p-7f, middle}};
    default:
      break;
  }
  double lo = 0;
  double hi = 0;
  if (!OutputRange(act, dtype, in, &lo, &hi)) return {in, in};
  const double in_lo = static_cast<double>(in.scale) * (qmin - in.zero_point);
  const double in_hi = static_cast<double>(in.scale) * (qmax - in.zero_point);
  if (lo >= in_lo && hi <= in_hi) return {in, in};
  const auto scale = static_cast<float>((hi - lo) / (qmax - qmin));
  const auto zero_point =
      static_cast<int>(std::clamp(qmin + std::nearbyint(-lo / scale), double(qmin), double(qmax)));
  return {in, {scale, zero_point}};
}

int RoundedQuotient(float a, float b, int limit) {
  // Products of b (24 significant bits) and integers up to 2 * 1000 + 1 (11
  // bits) are exact in double, and so is 2 * a: every comparison is exact.
  const double num = a;
  const double den = b;
  if (num >= (limit + 1) * den) return limit;
  int q = static_cast<int>(std::floor(num / den));
  while (q > 0 && q * den > num) --q;
  while ((q + 1) * den <= num) ++q;  // q = floor(a / b)
  const double twice = 2 * num;
  const double midpoint = (2 * q + 1) * den;
  if (twice > midpoint || (twice == midpoint && q % 2 == 1)) ++q;
  return std::min(q, limit);
}

bool SameQuant(const rectify_quant& a, const rectify_quant& b) {
  return std::memcmp(&a.scale, &b.scale, sizeof a.scale) == 0 && a.zero_point == b.zero_point;
}

}  // namespace rectify_cli::bench
