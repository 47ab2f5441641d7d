// Accuracy of the ops whose result is rounded (hardsigmoid, hardswish,
// forward and backward): the library's output on every target, compared
// with the exact value (long double for f32 inputs, __float128 for f64),
// must be within 1 ulp; it must also equal the scalar reference bit for
// bit. f32 inputs walk the bit patterns with a stride (every pattern when
// RECTIFY_ACCURACY_STRIDE=1: the "accuracy-exhaustive" ctest, label long);
// f64 inputs are a stratified random sample plus the kinks' neighbours.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "rectify/rectify.h"
#include "support/op_cases.h"
#include "support/target_param.h"
#include "support/test_data.h"

namespace rectify::test {
namespace {

using Quad = __float128;

template <typename T>
using Exact = std::conditional_t<sizeof(T) == 4, long double, Quad>;

template <typename E>
E Abs(E v) { return v < 0 ? -v : v; }

// The distance from `got` to `exact` in ulps of T at `exact` (subnormal
// spacing below the normal range). An infinite `got` for a finite exact
// value counts as 2^(emax) * 2, IEEE's overflow threshold convention.
template <typename T>
double UlpError(T got, Exact<T> exact) {
  using L = std::numeric_limits<T>;
  Exact<T> value = got;
  if (std::isinf(got)) {
    const Exact<T> beyond =
        Exact<T>(L::max()) + Exact<T>(std::ldexp(1.0, L::max_exponent - L::digits));
    value = got > 0 ? beyond : -beyond;
    // Beyond the overflow threshold, infinity is the correct rounding.
    const Exact<T> threshold =
        Exact<T>(L::max()) + Exact<T>(std::ldexp(1.0, L::max_exponent - L::digits - 1));
    if ((got > 0 && exact >= threshold) || (got < 0 && exact <= -threshold)) return 0.0;
  }
  if (exact == 0) return got == 0 ? 0.0 : HUGE_VAL;
  // Exponent of |exact| without overflowing double: scale down first.
  const Exact<T> magnitude = Abs(exact);
  int exponent = 0;
  std::frexp(static_cast<double>(magnitude / 0x1p64) , &exponent);
  exponent += 64;
  const int ulp_exponent = std::max(exponent, L::min_exponent) - L::digits;
  const Exact<T> ulp = static_cast<Exact<T>>(std::ldexp(1.0, ulp_exponent));
  return static_cast<double>(Abs(value - exact) / ulp);
}

template <typename T>
Exact<T> ExactForward(rectify_op op, T x_in) {
  const Exact<T> x = x_in;
  if (op == RECTIFY_HARDSIGMOID) {
    return x <= -3 ? 0 : x >= 3 ? 1 : (x + 3) / 6;
  }
  return x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6;
}

template <typename T>
Exact<T> ExactBackward(rectify_op op, T x_in, T dy_in) {
  const Exact<T> x = x_in;
  const Exact<T> dy = dy_in;
  if (op == RECTIFY_HARDSIGMOID) return (x > -3 && x < 3) ? dy / 6 : 0;
  return x < -3 ? 0 : x > 3 ? dy : dy * (2 * x + 3) / 6;
}

std::uint64_t Stride() {
  const char* text = std::getenv("RECTIFY_ACCURACY_STRIDE");
  const long value = text != nullptr ? std::atol(text) : 0;
  return value > 0 ? static_cast<std::uint64_t>(value) : 1021;
}

// Checks a batch on the active target: bits equal to the reference, error
// within 1 ulp. Tracks the largest error seen.
template <typename T>
void CheckBatch(rectify_op op, bool backward, const std::vector<T>& x,
                const std::vector<T>& dy, double* max_error) {
  const rectify_activation act = rectify_activation_default(op);
  constexpr rectify_dtype dtype = sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;
  std::vector<T> out(x.size());
  const rectify_status status =
      backward ? rectify_backward(&act, dtype, x.size(), x.data(), dy.data(), out.data())
               : rectify_forward(&act, dtype, x.size(), x.data(), out.data());
  ASSERT_EQ(status, RECTIFY_OK);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i]) || std::isnan(dy[i]) || std::isinf(dy[i])) continue;
    const T want = backward ? ReferenceBackward(act, x[i], dy[i]) : ReferenceForward(act, x[i]);
    ASSERT_TRUE(SameBits(out[i], want))
        << "x=" << Describe(x[i]) << " dy=" << Describe(dy[i]) << " got "
        << Describe(out[i]) << " reference " << Describe(want);
    const double error = backward ? UlpError(out[i], ExactBackward(op, x[i], dy[i]))
                                  : UlpError(out[i], ExactForward(op, x[i]));
    ASSERT_LE(error, 1.0) << "x=" << Describe(x[i]) << " dy=" << Describe(dy[i])
                          << " got " << Describe(out[i]);
    *max_error = std::max(*max_error, error);
  }
}

struct AccuracyCase {
  rectify_op op;
  bool backward;
};

using Param = std::tuple<std::string, AccuracyCase>;

class AccuracyTest : public ::testing::TestWithParam<Param> {
 protected:
  AccuracyCase c() const { return std::get<1>(GetParam()); }
  ScopedTarget target_{std::get<0>(GetParam())};
};

TEST_P(AccuracyTest, F32BitPatterns) {
  const std::uint64_t stride = Stride();
  std::mt19937_64 rng(11);
  std::vector<float> x, dy;
  double max_error = 0;
  for (std::uint64_t bits = 0; bits < (1ull << 32); bits += stride) {
    x.push_back(FromBits<float>(static_cast<std::uint32_t>(bits)));
    // dy: random bit patterns, so every magnitude meets every x.
    dy.push_back(FromBits<float>(static_cast<std::uint32_t>(rng())));
    if (x.size() == 65536) {
      CheckBatch(c().op, c().backward, x, dy, &max_error);
      if (HasFatalFailure()) return;
      x.clear();
      dy.clear();
    }
  }
  CheckBatch(c().op, c().backward, x, dy, &max_error);
  RecordProperty("max_ulp_error", std::to_string(max_error));
  std::printf("max error %.4f ulp (f32, stride %llu)\n", max_error,
              static_cast<unsigned long long>(stride));
}

TEST_P(AccuracyTest, F64Sample) {
  std::mt19937_64 rng(12);
  std::uniform_real_distribution<double> inside(-3.5, 3.5);
  std::vector<double> x, dy;
  for (double kink : {-3.0, -1.5, 0.0, 3.0}) {
    double v = kink;
    for (int i = 0; i < 64; ++i) v = std::nextafter(v, -HUGE_VAL);
    for (int i = 0; i < 128; ++i, v = std::nextafter(v, HUGE_VAL)) {
      x.push_back(v);
      dy.push_back(1.0);
    }
  }
  const std::size_t count = 400000;
  for (std::size_t i = 0; i < count; ++i) {
    switch (i % 4) {
      case 0: x.push_back(FromBits<double>(rng())); break;
      case 1: x.push_back(inside(rng)); break;
      // Tiny magnitudes, down into the subnormals.
      case 2: x.push_back(std::ldexp(inside(rng), -static_cast<int>(rng() % 1080))); break;
      default: x.push_back(std::ldexp(1.0 + (rng() >> 12) * 0x1p-52, -static_cast<int>(rng() % 60)) * ((rng() & 1) ? 3 : -3)); break;
    }
    dy.push_back(i % 3 == 0 ? FromBits<double>(rng()) : inside(rng));
  }
  double max_error = 0;
  CheckBatch(c().op, c().backward, x, dy, &max_error);
  RecordProperty("max_ulp_error", std::to_string(max_error));
  std::printf("max error %.4f ulp (f64, %zu inputs)\n", max_error, x.size());
}

INSTANTIATE_TEST_SUITE_P(
    AllTargets, AccuracyTest,
    ::testing::Combine(::testing::ValuesIn(UsableTargetNames()),
                       ::testing::Values(AccuracyCase{RECTIFY_HARDSIGMOID, false},
                                         AccuracyCase{RECTIFY_HARDSIGMOID, true},
                                         AccuracyCase{RECTIFY_HARDSWISH, false},
                                         AccuracyCase{RECTIFY_HARDSWISH, true})),
    [](const ::testing::TestParamInfo<Param>& param_info) {
      const AccuracyCase c = std::get<1>(param_info.param);
      return std::get<0>(param_info.param) + "_" + rectify_op_name(c.op) +
             (c.backward ? "_backward" : "_forward");
    });

}  // namespace
}  // namespace rectify::test
