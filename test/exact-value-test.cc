// The exact values of tools/verify for the smooth ops (elu, selu, gelu,
// gelu_tanh, silu, mish, softplus, sigmoid, tanh), f32 and f64: the wide
// value (long double, __float128) lies within WideErrorFor of MPFR's
// 256-bit value and rounds to MPFR's correctly rounded result wherever
// RoundingDecided says so, forward, backward and from output, on inputs
// over every exponent, into the tails and around the derivatives' roots;
// known values; near-midpoint results at tiny inputs; the limits at the
// largest finite inputs; UlpError across the range.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "rectify/rectify.h"
#include "verify/exact_value.h"
#include "verify/test_data.h"
#include "verify/ulp.h"

namespace rectify::test {
namespace {

using verify::Wide;

constexpr rectify_op kSmoothOps[] = {RECTIFY_ELU,      RECTIFY_SELU,     RECTIFY_GELU,
                                     RECTIFY_GELU_TANH, RECTIFY_SILU,    RECTIFY_MISH,
                                     RECTIFY_SOFTPLUS, RECTIFY_SIGMOID, RECTIFY_TANH};

template <typename T>
double AsDouble(Wide<T> v) {
  return static_cast<double>(v);
}

// Where op's values and derivatives get small for large negative x: down to
// (and past) the least subnormal of T.
template <typename T>
std::vector<std::pair<T, T>> TailRanges(rectify_op op) {
  const bool f32 = sizeof(T) == 4;
  switch (op) {
    case RECTIFY_GELU:
      return {f32 ? std::pair<T, T>(-14.5, -9) : std::pair<T, T>(-38.7, -26)};
    case RECTIFY_GELU_TANH:
      return {f32 ? std::pair<T, T>(-12, -8) : std::pair<T, T>(-22.5, -15)};
    case RECTIFY_TANH:
      return {f32 ? std::pair<T, T>(-52, -8) : std::pair<T, T>(-373, -300)};
    default:  // exp-like tails
      return {f32 ? std::pair<T, T>(-104, -80) : std::pair<T, T>(-745, -600)};
  }
}

// A few thousand inputs: random significands at every exponent (both
// signs), uniform in [-8, 8], the tails, around the derivatives' roots
// (-1.4 .. -0.6), large positives, and a few exact points.
template <typename T>
std::vector<T> Inputs(rectify_op op, std::uint64_t seed) {
  using L = std::numeric_limits<T>;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> unit(T(1), T(2));
  std::vector<T> x;
  for (int e = L::min_exponent - L::digits; e < L::max_exponent; e += (sizeof(T) == 4 ? 1 : 4)) {
    x.push_back(std::ldexp(unit(rng), e - 1));
    x.push_back(-std::ldexp(unit(rng), e - 1));
  }
  const auto add_uniform = [&](T lo, T hi, int n) {
    std::uniform_real_distribution<T> in(lo, hi);
    for (int i = 0; i < n; ++i) x.push_back(in(rng));
  };
  add_uniform(-8, 8, 1000);
  for (const auto& [lo, hi] : TailRanges<T>(op)) add_uniform(lo, hi, 600);
  add_uniform(-1.4, -0.6, 600);
  add_uniform(8, 60, 200);
  for (T v : {T(0), -T(0), T(1), T(-1), L::min(), -L::denorm_min(), L::max(), -L::max()}) {
    x.push_back(v);
  }
  return x;
}

// dy: 1, or random significands over a wide range of exponents.
template <typename T>
T RandomDy(std::mt19937_64& rng) {
  std::uniform_real_distribution<T> unit(T(1), T(2));
  std::uniform_int_distribution<int> exponent(sizeof(T) == 4 ? -60 : -400, sizeof(T) == 4 ? 60 : 400);
  if (rng() % 4 == 0) return T(1);
  const T v = std::ldexp(unit(rng), exponent(rng));
  return (rng() & 1) ? v : -v;
}

// Checks one wide value against MPFR: within the bound of MPFR's value
// (itself rounded to the wide type once), and rounded like MPFR's correctly
// rounded T result where the rounding is decided. Tracks the largest
// relative error seen, in units of the bound.
template <typename T>
struct Checker {
  rectify_op op;
  Wide<T> bound = verify::WideErrorFor<T>(op);
  double worst = 0;  // max |wide - mpfr| / (bound |mpfr|)
  std::size_t decided = 0;
  std::size_t total = 0;

  void Check(const std::string& what, Wide<T> wide, Wide<T> mpfr, T rounded) {
    using W = Wide<T>;
    ++total;
    const W abs_mpfr = mpfr < 0 ? -mpfr : mpfr;
    const W diff = wide > mpfr ? wide - mpfr : mpfr - wide;
    // Well inside the wide types' normal range (down to 2^-16382): below it
    // the bound is relative to nothing T can hold.
    if (abs_mpfr >= W(0x1p-16000L)) {
      const double ratio = AsDouble<T>(diff / (bound * abs_mpfr));
      worst = std::max(worst, ratio);
      EXPECT_LE(ratio, 1.0) << what << " wide=" << AsDouble<T>(wide)
                            << " mpfr=" << AsDouble<T>(mpfr);
    }
    if (verify::RoundingDecided<T>(wide, bound)) {
      ++decided;
      EXPECT_TRUE(verify::SameBits(static_cast<T>(wide), rounded))
          << what << " wide rounds to " << verify::Describe(static_cast<T>(wide))
          << ", MPFR: " << verify::Describe(rounded);
    }
  }
};

template <typename T>
std::string Case(rectify_op op, const char* direction, T x, T dy) {
  char text[160];
  std::snprintf(text, sizeof text, "%s %s %s x=%a dy=%a", rectify_op_name(op),
                sizeof(T) == 4 ? "f32" : "f64", direction, static_cast<double>(x),
                static_cast<double>(dy));
  return text;
}

template <typename T>
void CheckWideAgainstMpfr(rectify_op op) {
  const rectify_activation act = rectify_activation_default(op);
  std::mt19937_64 rng(static_cast<std::uint64_t>(op) * 7919 + sizeof(T));
  Checker<T> forward{op}, backward{op};
  for (T x : Inputs<T>(op, rng())) {
    forward.Check(Case<T>(op, "forward", x, 0), verify::ExactForward(act, x),
                  verify::MpfrForward(act, x), verify::CorrectlyRoundedForward(act, x));
    const T dy = RandomDy<T>(rng);
    backward.Check(Case<T>(op, "backward", x, dy), verify::ExactBackward(act, x, dy),
                   verify::MpfrBackward(act, x, dy), verify::CorrectlyRoundedBackward(act, x, dy));
  }
  // Nearly all decided: the bound is far below half an ulp of T.
  EXPECT_GE(forward.decided, forward.total * 99 / 100);
  EXPECT_GE(backward.decided, backward.total * 99 / 100);
  std::printf("%s %s: %zu inputs; worst relative error / bound: forward %.3g, backward %.3g\n",
              rectify_op_name(op), sizeof(T) == 4 ? "f32" : "f64", forward.total, forward.worst,
              backward.worst);
}

class ExactValueTest : public ::testing::TestWithParam<rectify_op> {};

TEST_P(ExactValueTest, WideAgreesWithMpfrF32) { CheckWideAgainstMpfr<float>(GetParam()); }
TEST_P(ExactValueTest, WideAgreesWithMpfrF64) { CheckWideAgainstMpfr<double>(GetParam()); }

INSTANTIATE_TEST_SUITE_P(SmoothOps, ExactValueTest, ::testing::ValuesIn(kSmoothOps),
                         [](const ::testing::TestParamInfo<rectify_op>& param_info) {
                           return std::string(rectify_op_name(param_info.param));
                         });

// Backward from output: dy * g(y) exactly, for the ops that have it; the
// wide value decides the rounding like MPFR on values of y in and around
// each op's range of outputs.
template <typename T>
void CheckFromOutput() {
  std::mt19937_64 rng(42 + sizeof(T));
  std::uniform_real_distribution<T> around(T(-2), T(2));
  for (rectify_op op : {RECTIFY_RELU, RECTIFY_LEAKY_RELU, RECTIFY_CLIPPED_RELU, RECTIFY_ELU,
                        RECTIFY_SIGMOID, RECTIFY_TANH}) {
    const rectify_activation act = rectify_activation_default(op);
    const Wide<T> bound = verify::WideErrorFor<T>(op);
    for (int i = 0; i < 3000; ++i) {
      const T y = i % 3 == 0 ? std::ldexp(around(rng), -static_cast<int>(rng() % 120))
                             : i % 3 == 1 ? around(rng) : T(1) - std::ldexp(T(1), -1 - static_cast<int>(rng() % 60));
      const T dy = RandomDy<T>(rng);
      const Wide<T> wide = verify::ExactBackwardFromOutput(act, y, dy);
      const T rounded = verify::CorrectlyRoundedBackwardFromOutput(act, y, dy);
      if (verify::RoundingDecided<T>(wide, bound)) {
        EXPECT_TRUE(verify::SameBits(static_cast<T>(wide), rounded)) << Case<T>(op, "from_output", y, dy);
      }
    }
  }
  // The formulas themselves, at exact points.
  const auto from = [](rectify_op op, T y, T dy) {
    return verify::CorrectlyRoundedBackwardFromOutput(rectify_activation_default(op), y, dy);
  };
  EXPECT_EQ(from(RECTIFY_SIGMOID, T(0.5), T(1)), T(0.25));
  EXPECT_EQ(from(RECTIFY_TANH, T(0.5), T(2)), T(1.5));
  EXPECT_EQ(from(RECTIFY_ELU, T(-0.25), T(2)), T(1.5));  // alpha 1: y + 1
  EXPECT_EQ(from(RECTIFY_ELU, T(3), T(2)), T(2));
  EXPECT_EQ(from(RECTIFY_CLIPPED_RELU, T(6), T(2)), T(0));
  EXPECT_EQ(from(RECTIFY_LEAKY_RELU, T(-1), T(2)), static_cast<T>(T(0.01) * T(2)));
  EXPECT_EQ(from(RECTIFY_GELU, T(0.5), T(2)), T(0));  // no from-output direction
}

TEST(ExactValueFromOutput, F32) { CheckFromOutput<float>(); }
TEST(ExactValueFromOutput, F64) { CheckFromOutput<double>(); }

// Known values, correctly rounded, from 45-digit decimals (strtod and
// strtof round correctly): both the MPFR result and the rounded wide value.
struct Known {
  rectify_op op;
  double x;
  const char* value;
};

constexpr Known kKnown[] = {
    {RECTIFY_GELU, 1, "0.841344746068542948585232545632037922477912967"},
    {RECTIFY_GELU_TANH, 1, "0.84119199060827670478199577704518386082576147"},
    {RECTIFY_SIGMOID, 0, "0.5"},
    {RECTIFY_TANH, 1, "0.761594155955764888119458282604793590412768597"},
    {RECTIFY_MISH, 1, "0.865098388267310346116233449256312386886430378"},
    {RECTIFY_SOFTPLUS, 1, "1.31326168751822283404899549496785564191528009"},
    {RECTIFY_SILU, 1, "0.73105857863000487925115924182183627436514464"},
    {RECTIFY_ELU, -1, "-0.632120558828557678404476229838539132554188869"},
    {RECTIFY_SELU, 1, "1.0507009873554804934193349852946"},
};

TEST(ExactValueKnown, F64) {
  for (const Known& k : kKnown) {
    const rectify_activation act = rectify_activation_default(k.op);
    const double want = std::strtod(k.value, nullptr);
    EXPECT_EQ(verify::CorrectlyRoundedForward(act, k.x), want) << rectify_op_name(k.op);
    EXPECT_EQ(static_cast<double>(verify::ExactForward(act, k.x)), want) << rectify_op_name(k.op);
  }
}

TEST(ExactValueKnown, F32) {
  for (const Known& k : kKnown) {
    const rectify_activation act = rectify_activation_default(k.op);
    const float x = static_cast<float>(k.x);
    // selu's lambda is rounded to f32 first, then multiplied by 1.
    const float want = k.op == RECTIFY_SELU ? static_cast<float>(act.beta)
                                            : std::strtof(k.value, nullptr);
    EXPECT_EQ(verify::CorrectlyRoundedForward(act, x), want) << rectify_op_name(k.op);
    EXPECT_EQ(static_cast<float>(verify::ExactForward(act, x)), want) << rectify_op_name(k.op);
  }
}

// The derivatives at known points (f64): gelu'(0) = 1/2, sigmoid'(0) = 1/4,
// tanh'(0) = 1, silu'(0) = 1/2, softplus'(0) = 1/2, elu'(-1) = e^-1,
// gelu'(1) = Phi(1) + phi(1).
TEST(ExactValueKnown, DerivativesF64) {
  const auto d = [](rectify_op op, double x) {
    return verify::CorrectlyRoundedBackward(rectify_activation_default(op), x, 1.0);
  };
  EXPECT_EQ(d(RECTIFY_GELU, 0), 0.5);
  EXPECT_EQ(d(RECTIFY_SIGMOID, 0), 0.25);
  EXPECT_EQ(d(RECTIFY_TANH, 0), 1.0);
  EXPECT_EQ(d(RECTIFY_SILU, 0), 0.5);
  EXPECT_EQ(d(RECTIFY_SOFTPLUS, 0), 0.5);
  EXPECT_EQ(d(RECTIFY_ELU, -1), std::strtod("0.367879441171442321595523770161460867445811131", nullptr));
  EXPECT_EQ(d(RECTIFY_GELU, 1), std::strtod("1.08331547058768629838306273856759857730658494", nullptr));
  EXPECT_EQ(d(RECTIFY_MISH, 0), 0.6);  // tanh(ln 2) = 3/5, rounded
  for (rectify_op op : kSmoothOps) {
    for (double x : {0.0, -1.0, 1.0, 3.0}) {
      EXPECT_EQ(static_cast<double>(verify::ExactBackward(rectify_activation_default(op), x, 1.0)),
                d(op, x))
          << rectify_op_name(op) << " x=" << x;
    }
  }
}

// At tiny inputs the values are x/2 or dy/2 plus a perturbation as small as
// x^2: for odd subnormals x/2 is a midpoint of T, and only the perturbation
// decides the rounding (MPFR needs 2148+ bits for f64). Exact ties (an
// exact product) round to even.
template <typename T>
void CheckTinyMidpoints() {
  const T d = std::numeric_limits<T>::denorm_min();
  const rectify_activation sigmoid = rectify_activation_default(RECTIFY_SIGMOID);
  for (rectify_op op : {RECTIFY_GELU, RECTIFY_GELU_TANH, RECTIFY_SILU, RECTIFY_HARDSWISH}) {
    const rectify_activation act = rectify_activation_default(op);
    // x/2 + c x^2, c > 0: above the midpoint d/2 for x = d, below it for -d.
    EXPECT_TRUE(verify::SameBits(verify::CorrectlyRoundedForward(act, d), d)) << rectify_op_name(op);
    EXPECT_TRUE(verify::SameBits(verify::CorrectlyRoundedForward(act, -d), -T(0)))
        << rectify_op_name(op);
    EXPECT_TRUE(verify::SameBits(verify::CorrectlyRoundedForward(act, 3 * d), 2 * d))
        << rectify_op_name(op);
  }
  // sigmoid'(x) dy = dy (1/4 - x^2/16 ...): 6d/4 = 1.5 d, just below.
  const T x = sizeof(T) == 4 ? T(1e-30) : T(1e-300);
  EXPECT_EQ(verify::CorrectlyRoundedBackward(sigmoid, x, 6 * d), d);
  EXPECT_EQ(verify::CorrectlyRoundedBackward(sigmoid, -x, 6 * d), d);
  // From output: y (1 - y) dy = 1.5 d (1 - d).
  EXPECT_EQ(verify::CorrectlyRoundedBackwardFromOutput(sigmoid, d, T(1.5)), d);
  // An exact tie: leaky_relu(-d) with alpha 0.5 is -d/2, to even: -0.
  rectify_activation leaky = rectify_activation_default(RECTIFY_LEAKY_RELU);
  leaky.alpha = 0.5;
  EXPECT_TRUE(verify::SameBits(verify::CorrectlyRoundedForward(leaky, -d), -T(0)));
  EXPECT_TRUE(verify::SameBits(verify::CorrectlyRoundedForward(leaky, -3 * d), -2 * d));
}

TEST(ExactValueTinyMidpoints, F32) { CheckTinyMidpoints<float>(); }
TEST(ExactValueTinyMidpoints, F64) { CheckTinyMidpoints<double>(); }

// f(x) and f'(x) at the largest finite inputs, with the sign of the exact
// value for zeros: the wide value and MPFR's agree and have that value.
template <typename T>
void CheckLimits() {
  const T big = std::numeric_limits<T>::max();
  const T huge = sizeof(T) == 4 ? T(3e38) : T(1e300);
  struct Limit {
    rectify_op op;
    T x;
    T forward;
    T derivative;
  };
  const T lambda_alpha = static_cast<T>(
      Wide<T>(static_cast<T>(rectify_activation_default(RECTIFY_SELU).beta)) *
      Wide<T>(static_cast<T>(rectify_activation_default(RECTIFY_SELU).alpha)));
  const T lambda = static_cast<T>(rectify_activation_default(RECTIFY_SELU).beta);
  const Limit limits[] = {
      {RECTIFY_GELU, -huge, -T(0), -T(0)},     {RECTIFY_GELU, huge, huge, T(1)},
      {RECTIFY_GELU_TANH, -huge, -T(0), -T(0)}, {RECTIFY_GELU_TANH, big, big, T(1)},
      {RECTIFY_SILU, -huge, -T(0), -T(0)},     {RECTIFY_SILU, big, big, T(1)},
      {RECTIFY_MISH, -big, -T(0), -T(0)},      {RECTIFY_MISH, huge, huge, T(1)},
      {RECTIFY_SOFTPLUS, -big, T(0), T(0)},    {RECTIFY_SOFTPLUS, big, big, T(1)},
      {RECTIFY_SIGMOID, -huge, T(0), T(0)},    {RECTIFY_SIGMOID, huge, T(1), T(0)},
      {RECTIFY_TANH, -big, T(-1), T(0)},       {RECTIFY_TANH, huge, T(1), T(0)},
      {RECTIFY_ELU, -big, T(-1), T(0)},        {RECTIFY_ELU, huge, huge, T(1)},
      {RECTIFY_SELU, -huge, -lambda_alpha, T(0)},
      {RECTIFY_SELU, T(1), lambda, lambda},
  };
  for (const Limit& l : limits) {
    const rectify_activation act = rectify_activation_default(l.op);
    const std::string what = Case<T>(l.op, "limit", l.x, T(1));
    EXPECT_TRUE(verify::SameBits(static_cast<T>(verify::ExactForward(act, l.x)), l.forward))
        << what << ": " << verify::Describe(static_cast<T>(verify::ExactForward(act, l.x)));
    EXPECT_TRUE(verify::SameBits(verify::CorrectlyRoundedForward(act, l.x), l.forward))
        << what << ": " << verify::Describe(verify::CorrectlyRoundedForward(act, l.x));
    EXPECT_TRUE(verify::SameBits(static_cast<T>(verify::ExactBackward(act, l.x, T(1))),
                                 l.derivative))
        << what << " backward: "
        << verify::Describe(static_cast<T>(verify::ExactBackward(act, l.x, T(1))));
    EXPECT_TRUE(verify::SameBits(verify::CorrectlyRoundedBackward(act, l.x, T(1)), l.derivative))
        << what << " backward: " << verify::Describe(verify::CorrectlyRoundedBackward(act, l.x, T(1)));
  }
}

// UlpError over the whole range: subnormal results (f64 ones were once
// measured against a far too large ulp), binade edges, overflow.
TEST(UlpError, Distances) {
  const double d = std::numeric_limits<double>::denorm_min();
  using Q = __float128;
  EXPECT_EQ(verify::UlpError<double>(d, Q(1.5) * Q(d)), 0.5);
  EXPECT_EQ(verify::UlpError<double>(3 * d, Q(d)), 2.0);
  EXPECT_EQ(verify::UlpError<double>(0x1p-1000, Q(0x1p-1000) + Q(0x1p-1052)), 1.0);
  EXPECT_EQ(verify::UlpError<double>(1.0, Q(1.0) - Q(0x1p-54)), 0.5);  // ulp below 1 is 2^-53
  EXPECT_EQ(verify::UlpError<double>(1.0, Q(1.0) + Q(0x1p-53)), 0.5);
  EXPECT_EQ(verify::UlpError<double>(HUGE_VAL, Q(std::numeric_limits<double>::max()) * Q(2)), 0.0);
  EXPECT_EQ(verify::UlpError<double>(HUGE_VAL, Q(std::numeric_limits<double>::max())), 1.0);
  EXPECT_EQ(verify::UlpError<double>(1.0, Q(0)), HUGE_VAL);
  const float f = std::numeric_limits<float>::denorm_min();
  EXPECT_EQ(verify::UlpError<float>(f, 1.5L * f), 0.5);
  EXPECT_EQ(verify::UlpError<float>(1.0f, 1.0L - 0x1p-25L), 0.5);  // ulp below 1 is 2^-24
  EXPECT_EQ(verify::UlpError<float>(2.0f, 2.0L + 0x1p-23L), 0.5);
  EXPECT_EQ(verify::UlpError<float>(0.0f, 0x1p-200L), 0x1p-51);
  EXPECT_EQ(verify::UlpError<float>(HUGE_VALF, static_cast<long double>(std::numeric_limits<float>::max())), 1.0);
}

TEST(ExactValueLimits, F32) { CheckLimits<float>(); }
TEST(ExactValueLimits, F64) { CheckLimits<double>(); }

}  // namespace
}  // namespace rectify::test
