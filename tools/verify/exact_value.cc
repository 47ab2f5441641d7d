#include "verify/exact_value.h"

#include <mpfr.h>

namespace rectify::verify {
namespace {

// The formulas once, for any number-like type N: the wide types, and an
// MPFR wrapper below.
template <typename N, typename T>
N Forward(const rectify_activation& act, T x_in) {
  const N x(x_in);
  const N zero(0.0);
  switch (act.op) {
    case RECTIFY_RELU:
      return x > zero ? x : zero;
    case RECTIFY_LEAKY_RELU:
      return x > zero ? x : N(static_cast<T>(act.alpha)) * x;
    case RECTIFY_CLIPPED_RELU: {
      const N cap(static_cast<T>(act.beta));
      return x > zero ? (x < cap ? x : cap) : zero;
    }
    case RECTIFY_HARDSIGMOID:
      return x <= N(-3.0) ? zero : x >= N(3.0) ? N(1.0) : (x + N(3.0)) / N(6.0);
    case RECTIFY_HARDSWISH:
      return x <= N(-3.0) ? zero : x >= N(3.0) ? x : x * (x + N(3.0)) / N(6.0);
    default:
      return zero;
  }
}

template <typename N, typename T>
N Backward(const rectify_activation& act, T x_in, T dy_in) {
  const N x(x_in);
  const N dy(dy_in);
  const N zero(0.0);
  switch (act.op) {
    case RECTIFY_RELU:
      return x > zero ? dy : zero;
    case RECTIFY_LEAKY_RELU:
      return x > zero ? dy : N(static_cast<T>(act.alpha)) * dy;
    case RECTIFY_CLIPPED_RELU:
      return x > zero && x < N(static_cast<T>(act.beta)) ? dy : zero;
    case RECTIFY_HARDSIGMOID:
      return x > N(-3.0) && x < N(3.0) ? dy / N(6.0) : zero;
    case RECTIFY_HARDSWISH:
      return x < N(-3.0) ? zero : x > N(3.0) ? dy : dy * (N(2.0) * x + N(3.0)) / N(6.0);
    default:
      return zero;
  }
}

// Just enough of a number type over mpfr_t for the formulas above, at 256
// bits: every intermediate of these ops is exact or one rounding of 2^-256.
class Mp {
 public:
  explicit Mp(double v) { mpfr_init2(value_, 256); mpfr_set_d(value_, v, MPFR_RNDN); }
  explicit Mp(float v) : Mp(static_cast<double>(v)) {}
  Mp(const Mp& other) { mpfr_init2(value_, 256); mpfr_set(value_, other.value_, MPFR_RNDN); }
  Mp& operator=(const Mp& other) { mpfr_set(value_, other.value_, MPFR_RNDN); return *this; }
  ~Mp() { mpfr_clear(value_); }

  friend Mp operator+(const Mp& a, const Mp& b) { return Apply(mpfr_add, a, b); }
  friend Mp operator*(const Mp& a, const Mp& b) { return Apply(mpfr_mul, a, b); }
  friend Mp operator/(const Mp& a, const Mp& b) { return Apply(mpfr_div, a, b); }
  friend bool operator<(const Mp& a, const Mp& b) { return mpfr_less_p(a.value_, b.value_); }
  friend bool operator>(const Mp& a, const Mp& b) { return mpfr_greater_p(a.value_, b.value_); }
  friend bool operator<=(const Mp& a, const Mp& b) { return mpfr_lessequal_p(a.value_, b.value_); }
  friend bool operator>=(const Mp& a, const Mp& b) { return mpfr_greaterequal_p(a.value_, b.value_); }

  float ToFloat() const { return mpfr_get_flt(value_, MPFR_RNDN); }
  double ToDouble() const { return mpfr_get_d(value_, MPFR_RNDN); }

 private:
  template <typename Fn>
  static Mp Apply(Fn fn, const Mp& a, const Mp& b) {
    Mp r(0.0);
    fn(r.value_, a.value_, b.value_, MPFR_RNDN);
    return r;
  }
  mpfr_t value_;
};

template <typename T>
T Round(const Mp& v) {
  if constexpr (sizeof(T) == 4) {
    return v.ToFloat();
  } else {
    return v.ToDouble();
  }
}

}  // namespace

template <typename T>
Wide<T> ExactForward(const rectify_activation& act, T x) {
  return Forward<Wide<T>>(act, x);
}

template <typename T>
Wide<T> ExactBackward(const rectify_activation& act, T x, T dy) {
  return Backward<Wide<T>>(act, x, dy);
}

template <typename T>
T CorrectlyRoundedForward(const rectify_activation& act, T x) {
  return Round<T>(Forward<Mp>(act, x));
}

template <typename T>
T CorrectlyRoundedBackward(const rectify_activation& act, T x, T dy) {
  return Round<T>(Backward<Mp>(act, x, dy));
}

template Wide<float> ExactForward(const rectify_activation&, float);
template Wide<double> ExactForward(const rectify_activation&, double);
template Wide<float> ExactBackward(const rectify_activation&, float, float);
template Wide<double> ExactBackward(const rectify_activation&, double, double);
template float CorrectlyRoundedForward(const rectify_activation&, float);
template double CorrectlyRoundedForward(const rectify_activation&, double);
template float CorrectlyRoundedBackward(const rectify_activation&, float, float);
template double CorrectlyRoundedBackward(const rectify_activation&, double, double);

}  // namespace rectify::verify
