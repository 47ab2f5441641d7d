// Scalar double-word (error-free) arithmetic in binary64, used where a
// result within 1 ulp needs more than one rounding's worth of precision.
// Only IEEE add, subtract, multiply and divide, never FMA, so the SIMD
// mirror (kernels/double_word-inl.h) gives the same bits on every target.
// Valid while no intermediate overflows or underflows; callers scale.
#ifndef RECTIFY_NUMERIC_DOUBLE_WORD_H_
#define RECTIFY_NUMERIC_DOUBLE_WORD_H_

#include <cmath>

namespace rectify::dw {

// hi + lo with |lo| <= ulp(hi) / 2, exactly a sum or product of two doubles.
struct DoubleWord {
  double hi;
  double lo;
};

inline constexpr double kSplitter = 134217729.0;  // 2^27 + 1 (Veltkamp)
inline constexpr double kBig = 0x1p960;           // rescale above this
inline constexpr double kTiny = 0x1p-960;         // rescale below this
inline constexpr double kScaleDown = 0x1p-128;
inline constexpr double kScaleUp = 0x1p128;

// a + b exactly, when |a| >= |b| (Dekker).
inline DoubleWord Fast2Sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

// a + b exactly, any order (Knuth).
inline DoubleWord TwoSum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

// a = hi + lo with hi and lo of at most 26 significant bits each.
inline DoubleWord Split(double a) {
  const double c = kSplitter * a;
  const double hi = c - (c - a);
  return {hi, a - hi};
}

// a * b exactly (Dekker's product, no FMA).
inline DoubleWord TwoProd(double a, double b) {
  const double p = a * b;
  const DoubleWord as = Split(a);
  const DoubleWord bs = Split(b);
  const double e =
      ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo;
  return {p, e};
}

// (p + e) / 6 within about 0.5 ulp: a rounded quotient corrected by the
// exact remainder p - 6q (6 has two significant bits, so 6 * half-words
// are exact, and p - 6 * q.hi is exact by Sterbenz).
inline double Div6(double p, double e) {
  const double q = p / 6.0;
  const DoubleWord qs = Split(q);
  const double remainder = (p - 6.0 * qs.hi) - 6.0 * qs.lo;
  return q + (remainder + e) / 6.0;
}

// a * (w.hi + w.lo) / 6 within about 0.5 ulp, for |a| <= 2^960 with
// |a * w| not underflowing.
inline double TimesDoubleWordDiv6(double a, DoubleWord w) {
  const DoubleWord p = TwoProd(a, w.hi);
  return Div6(p.hi, p.lo + a * w.lo);
}

// The same for any finite a: a is first scaled by 2^-128 when huge or by
// 2^128 when tiny, and the result scaled back (exact unless it lands in the
// subnormal range, where it adds at most half a subnormal ulp).
inline double ScaledTimesDoubleWordDiv6(double a, DoubleWord w) {
  const double magnitude = std::fabs(a);
  const double scale =
      magnitude > kBig ? kScaleDown : (magnitude < kTiny ? kScaleUp : 1.0);
  const double unscale =
      magnitude > kBig ? kScaleUp : (magnitude < kTiny ? kScaleDown : 1.0);
  return TimesDoubleWordDiv6(a * scale, w) * unscale;
}

}  // namespace rectify::dw

#endif  // RECTIFY_NUMERIC_DOUBLE_WORD_H_
