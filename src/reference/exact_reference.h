// The scalar reference of the exact (piecewise-linear) ops: the executable
// form of docs/semantics.md. Every SIMD target must return these bits.
// Plain scalar C++: one function per op and direction, one element each.
#ifndef RECTIFY_REFERENCE_EXACT_REFERENCE_H_
#define RECTIFY_REFERENCE_EXACT_REFERENCE_H_

#include <cmath>

#include "reference/double_word.h"
#include "reference/float_bits.h"

namespace rectify::reference {

// ---- NaN rules (docs/semantics.md, "NaN") -------------------------------
// A NaN x (or y) wins: the output is x quieted. Otherwise, where the output
// uses dy and dy is NaN, the output is dy quieted. Any other NaN an
// operation creates (inf * 0, inf - inf) becomes the canonical quiet NaN.
template <typename T>
T ApplyNaNRules(T result, T x) {
  if (std::isnan(x)) return Quiet(x);
  if (std::isnan(result)) return CanonicalNaN<T>();
  return result;
}

template <typename T>
T ApplyNaNRules(T result, T x, T dy, bool uses_dy) {
  if (std::isnan(x)) return Quiet(x);
  if (uses_dy && std::isnan(dy)) return Quiet(dy);
  if (std::isnan(result)) return CanonicalNaN<T>();
  return result;
}

// slope * v rounded once, except that a zero slope gives a zero signed as
// the product (also for infinite v, where IEEE would give NaN).
template <typename T>
T SlopeTimes(T slope, T v) {
  return slope == T(0) ? ProductSignZero(slope, v) : slope * v;
}

// ---- relu ---------------------------------------------------------------
template <typename T>
T Relu(T x) {
  return ApplyNaNRules(x > T(0) ? x : T(+0.0), x);
}
template <typename T>
T ReluBackward(T x, T dy) {
  const bool positive = x > T(0);
  return ApplyNaNRules(positive ? dy : T(+0.0), x, dy, positive);
}

// ---- leaky_relu (and prelu, per channel) ----------------------------------
template <typename T>
T LeakyRelu(T x, T alpha) {
  return ApplyNaNRules(x > T(0) ? x : SlopeTimes(alpha, x), x);
}
template <typename T>
T LeakyReluBackward(T x, T dy, T alpha) {
  return ApplyNaNRules(x > T(0) ? dy : SlopeTimes(alpha, dy), x, dy, true);
}

// ---- clipped_relu ----------------------------------------------------------
template <typename T>
T ClippedRelu(T x, T cap) {
  return ApplyNaNRules(x > T(0) ? (x < cap ? x : cap) : T(+0.0), x);
}
template <typename T>
T ClippedReluBackward(T x, T dy, T cap) {
  const bool inside = x > T(0) && x < cap;
  return ApplyNaNRules(inside ? dy : T(+0.0), x, dy, inside);
}

// ---- hardsigmoid: clip(x + 3, 0, 6) / 6 ------------------------------------
// Below -1.5, x + 3 is exact (Sterbenz) and one division rounds; from -1.5
// on, x / 6 + 0.5 has error at most 0.75 ulp. Both are correctly rounded
// IEEE operations, so every target agrees.
template <typename T>
T Hardsigmoid(T x) {
  T r;
  if (x <= T(-3)) {
    r = T(+0.0);
  } else if (x >= T(3)) {
    r = T(1);
  } else if (x < T(-1.5)) {
    r = (x + T(3)) / T(6);
  } else {
    r = x / T(6) + T(0.5);
  }
  return ApplyNaNRules(r, x);
}
template <typename T>
T HardsigmoidBackward(T x, T dy) {
  const bool inside = x > T(-3) && x < T(3);
  return ApplyNaNRules(inside ? dy / T(6) : T(+0.0), x, dy, inside);
}

// ---- hardswish: x * clip(x + 3, 0, 6) / 6 ----------------------------------
// Inside (-3, 3): x * (x + 3) / 6 evaluated with an error below 0.51 ulp:
// f32 in f64 arithmetic, then rounded; f64 in double-word arithmetic
// (double_word.h). x >= 3 returns x (no overflow); x <= -3 returns -0.
inline float HardswishInside(float x) {
  const double xd = x;
  return static_cast<float>(xd * (xd + 3.0) / 6.0);
}
inline double HardswishInside(double x) {
  return dw::ScaledTimesDoubleWordDiv6(x, dw::Fast2Sum(3.0, x));
}

template <typename T>
T Hardswish(T x) {
  T r;
  if (x >= T(3)) {
    r = x;
  } else if (x <= T(-3)) {
    r = T(-0.0);
  } else {
    r = HardswishInside(x);
    if (r == T(0)) r = ProductSignZero(x, T(1));
  }
  return ApplyNaNRules(r, x);
}

// dy * (2x + 3) / 6 on [-3, 3], same error budget as the forward.
inline float HardswishBackwardInside(float x, float dy) {
  return static_cast<float>(static_cast<double>(dy) * (2.0 * x + 3.0) / 6.0);
}
inline double HardswishBackwardInside(double x, double dy) {
  if (std::isinf(dy)) return dy * (2.0 * x + 3.0);
  return dw::ScaledTimesDoubleWordDiv6(dy, dw::TwoSum(2.0 * x, 3.0));
}

// Derivative 0 below -3, (2x + 3) / 6 on [-3, 3], 1 above 3 (PyTorch's
// choice at the two kinks).
template <typename T>
T HardswishBackward(T x, T dy) {
  T r;
  bool uses_dy = true;
  if (x > T(3)) {
    r = dy;
  } else if (x < T(-3)) {
    r = T(+0.0);
    uses_dy = false;
  } else {
    r = HardswishBackwardInside(x, dy);
    if (r == T(0)) r = ProductSignZero(dy, T(2) * x + T(3));
  }
  return ApplyNaNRules(r, x, dy, uses_dy);
}

// ---- backward from the output y = f(x) ----------------------------------
template <typename T>
T ReluBackwardFromOutput(T y, T dy) {
  return ReluBackward(y, dy);  // y > 0 exactly where x > 0
}
template <typename T>
T LeakyReluBackwardFromOutput(T y, T dy, T alpha) {
  return LeakyReluBackward(y, dy, alpha);  // alpha > 0: y > 0 iff x > 0
}
template <typename T>
T ClippedReluBackwardFromOutput(T y, T dy, T cap) {
  return ClippedReluBackward(y, dy, cap);  // 0 < y < cap iff 0 < x < cap
}

}  // namespace rectify::reference

#endif  // RECTIFY_REFERENCE_EXACT_REFERENCE_H_
