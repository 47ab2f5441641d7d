// Mp: just enough of a number type over mpfr_t for the formulas of
// exact_value.cc and the ops' formulas (ops/op_formulas.h) to run in MPFR, at 256 bits unless a
// Mp::Precision scope asks for more. Every operation is one rounding
// (relative 2^-bits) in MPFR's default exponent range (down to 2^-2^30), so
// nothing underflows before T would.
// Internal to rectify_verify (mpfr.h is its private dependency).
#ifndef RECTIFY_TOOLS_VERIFY_MP_H_
#define RECTIFY_TOOLS_VERIFY_MP_H_

#include <mpfr.h>
#include <quadmath.h>

#include "verify/float128_math.h"

namespace rectify::verify {

class Mp {
 public:
  static constexpr mpfr_prec_t kDefaultBits = 256;

  // While one exists, values made on this thread get `bits` of precision.
  class Precision {
   public:
    explicit Precision(mpfr_prec_t bits) : saved_(bits_) { bits_ = bits; }
    ~Precision() { bits_ = saved_; }
    Precision(const Precision&) = delete;
    Precision& operator=(const Precision&) = delete;

   private:
    mpfr_prec_t saved_;
  };

  explicit Mp(double v) {
    mpfr_init2(value_, bits_);
    inexact_ = mpfr_set_d(value_, v, MPFR_RNDN) != 0;
  }
  explicit Mp(float v) : Mp(static_cast<double>(v)) {}
  // The decimal `text` rounded once ("0.044715").
  explicit Mp(const char* text) {
    mpfr_init2(value_, bits_);
    mpfr_set_str(value_, text, 10, MPFR_RNDN);
    inexact_ = true;  // conservatively: mpfr_set_str's return is not its ternary value
  }
  Mp(const Mp& other) {
    mpfr_init2(value_, bits_);
    inexact_ = (mpfr_set(value_, other.value_, MPFR_RNDN) != 0) || other.inexact_;
  }
  Mp& operator=(const Mp& other) {
    inexact_ = (mpfr_set(value_, other.value_, MPFR_RNDN) != 0) || other.inexact_;
    return *this;
  }
  ~Mp() { mpfr_clear(value_); }

  // Whether some rounding went into this value (its inputs' included): if
  // not, it is exact.
  bool Inexact() const { return inexact_; }

  // This value times 2^e (exact).
  Mp Scaled(long e) const {
    Mp r(*this);
    mpfr_mul_2si(r.value_, r.value_, e, MPFR_RNDN);
    return r;
  }

  static Mp Pi() {
    Mp r(0.0);
    r.inexact_ = mpfr_const_pi(r.value_, MPFR_RNDN) != 0;
    return r;
  }
  static Mp Ln2() {
    Mp r(0.0);
    r.inexact_ = mpfr_const_log2(r.value_, MPFR_RNDN) != 0;
    return r;
  }

  friend Mp operator+(const Mp& a, const Mp& b) { return Apply(mpfr_add, a, b); }
  friend Mp operator-(const Mp& a, const Mp& b) { return Apply(mpfr_sub, a, b); }
  friend Mp operator*(const Mp& a, const Mp& b) { return Apply(mpfr_mul, a, b); }
  friend Mp operator/(const Mp& a, const Mp& b) { return Apply(mpfr_div, a, b); }
  friend Mp operator-(const Mp& a) { return Apply(mpfr_neg, a); }
  friend bool operator<(const Mp& a, const Mp& b) { return mpfr_less_p(a.value_, b.value_); }
  friend bool operator>(const Mp& a, const Mp& b) { return mpfr_greater_p(a.value_, b.value_); }
  friend bool operator<=(const Mp& a, const Mp& b) { return mpfr_lessequal_p(a.value_, b.value_); }
  friend bool operator>=(const Mp& a, const Mp& b) { return mpfr_greaterequal_p(a.value_, b.value_); }
  friend bool operator==(const Mp& a, const Mp& b) { return mpfr_equal_p(a.value_, b.value_); }

  friend Mp Exp(const Mp& a) { return Apply(mpfr_exp, a); }
  friend Mp Expm1(const Mp& a) { return Apply(mpfr_expm1, a); }
  friend Mp Log1p(const Mp& a) { return Apply(mpfr_log1p, a); }
  friend Mp Erfc(const Mp& a) { return Apply(mpfr_erfc, a); }
  friend Mp Tanh(const Mp& a) { return Apply(mpfr_tanh, a); }
  friend Mp Sqrt(const Mp& a) { return Apply(mpfr_sqrt, a); }
  friend bool SignBit(const Mp& a) { return mpfr_signbit(a.value_) != 0; }

  float ToFloat() const { return mpfr_get_flt(value_, MPFR_RNDN); }
  double ToDouble() const { return mpfr_get_d(value_, MPFR_RNDN); }
  long double ToLongDouble() const { return mpfr_get_ld(value_, MPFR_RNDN); }

  // The value rounded to __float128 (without MPFR's optional float128
  // interface): the sum of three rounded 53-bit pieces of the value scaled
  // to [0.5, 1), so within about one ulp of __float128 (relative 2^-112).
  // Results in __float128's subnormal range lose relative accuracy; the
  // ops' T results there are zero.
  __float128 ToFloat128() const {
    if (mpfr_zero_p(value_) || !mpfr_number_p(value_)) {
      return static_cast<__float128>(mpfr_get_d(value_, MPFR_RNDN));
    }
    const mpfr_exp_t exponent = mpfr_get_exp(value_);
    if (exponent > 16384) return static_cast<__float128>(mpfr_get_d(value_, MPFR_RNDN));
    Mp rest(*this);
    mpfr_mul_2si(rest.value_, rest.value_, -exponent, MPFR_RNDN);  // exact
    __float128 sum = 0;
    for (int piece = 0; piece < 3; ++piece) {
      const double d = mpfr_get_d(rest.value_, MPFR_RNDN);
      sum += static_cast<__float128>(d);
      mpfr_sub_d(rest.value_, rest.value_, d, MPFR_RNDN);  // exact: d is its leading bits
    }
    return scalbnq(sum, static_cast<int>(exponent));
  }

 private:
  template <typename Fn>
  static Mp Apply(Fn fn, const Mp& a, const Mp& b) {
    Mp r(0.0);
    r.inexact_ = (fn(r.value_, a.value_, b.value_, MPFR_RNDN) != 0) || a.inexact_ || b.inexact_;
    return r;
  }
  template <typename Fn>
  static Mp Apply(Fn fn, const Mp& a) {
    Mp r(0.0);
    r.inexact_ = (fn(r.value_, a.value_, MPFR_RNDN) != 0) || a.inexact_;
    return r;
  }
  static inline thread_local mpfr_prec_t bits_ = kDefaultBits;
  mpfr_t value_;
  bool inexact_ = false;
};

}  // namespace rectify::verify

namespace rectify::reference {

template <>
struct Constants<verify::Mp> {
  using Mp = verify::Mp;
  static Mp InvSqrt2() { return Sqrt(Mp(0.5)); }
  static Mp InvSqrt2Pi() { return Mp(1.0) / Sqrt(Mp(2.0) * Mp::Pi()); }
  static Mp Sqrt2OverPi() { return Sqrt(Mp(2.0) / Mp::Pi()); }
  static Mp GeluTanhCubic() { return Mp("0.044715"); }
  static Mp Ln2() { return Mp::Ln2(); }
};

}  // namespace rectify::reference

#endif  // RECTIFY_TOOLS_VERIFY_MP_H_
