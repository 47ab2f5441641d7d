// hardswish: f(x) = x clip(x + 3, 0, 6) / 6, correctly rounded; the scalar
// reference every target must match bit for bit. Inside (-3, 3),
// x (x + 3) / 6 is evaluated with an error below 0.51 ulp: f32 in f64
// arithmetic, then rounded; f64 in double-word arithmetic
// (numeric/double_word.h). x >= 3 returns x (no overflow); x <= -3, -0.
#ifndef RECTIFY_OPS_HARDSWISH_HARDSWISH_H_
#define RECTIFY_OPS_HARDSWISH_HARDSWISH_H_

#include "ops/op_formula.h"
#include "numeric/double_word.h"

namespace rectify::reference {

namespace hardswish_detail {

inline float Inside(float x) {
  const double xd = x;
  return static_cast<float>(xd * (xd + 3.0) / 6.0);
}
inline double Inside(double x) {
  return dw::ScaledTimesDoubleWordDiv6(x, dw::Fast2Sum(3.0, x));
}

// dy * (2x + 3) / 6 on [-3, 3], same error budget as the forward.
inline float BackwardInside(float x, float dy) {
  return static_cast<float>(static_cast<double>(dy) * (2.0 * x + 3.0) / 6.0);
}
inline double BackwardInside(double x, double dy) {
  if (std::isinf(dy)) return dy * (2.0 * x + 3.0);
  return dw::ScaledTimesDoubleWordDiv6(dy, dw::TwoSum(2.0 * x, 3.0));
}

}  // namespace hardswish_detail

template <>
struct OpFormula<RECTIFY_HARDSWISH> {
  template <typename T>
  static T Forward(T x, T, T) {
    T r;
    if (x >= T(3)) {
      r = x;
    } else if (x <= T(-3)) {
      r = T(-0.0);
    } else {
      r = hardswish_detail::Inside(x);
      if (r == T(0)) r = ProductSignZero(x, T(1));
    }
    return ApplyNaNRules(r, x);
  }
  // Derivative 0 below -3, (2x + 3) / 6 on [-3, 3], 1 above 3 (PyTorch's
  // choice at the two kinks).
  template <typename T>
  static T Backward(T x, T dy, T, T) {
    T r;
    bool uses_dy = true;
    if (x > T(3)) {
      r = dy;
    } else if (x < T(-3)) {
      r = T(+0.0);
      uses_dy = false;
    } else {
      r = hardswish_detail::BackwardInside(x, dy);
      if (r == T(0)) r = ProductSignZero(dy, T(2) * x + T(3));
    }
    return ApplyNaNRules(r, x, dy, uses_dy);
  }
  // The exact dx in any number type N (the verifier's value).
  template <typename N>
  static N Gradient(const N&, const N&, const N& x, const N& dy) {
    return x < N(-3.0) ? N(0.0) : x > N(3.0) ? dy : dy * (N(2.0) * x + N(3.0)) / N(6.0);
  }
  template <typename N>
  static N Value(const N&, const N&, const N& x) {
    return x <= N(-3.0) ? N(0.0) : x >= N(3.0) ? x : x * (x + N(3.0)) / N(6.0);
  }
  // x/2 + x^2 / 6 near 0.
  static bool AsymptoteAt(long double, long double, long double x, Asymptote* out) {
    if (!IsTiny(x)) return false;
    *out = {x / 2, 1};
    return true;
  }
};

}  // namespace rectify::reference

#endif  // RECTIFY_OPS_HARDSWISH_HARDSWISH_H_
