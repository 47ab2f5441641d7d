// squared_relu's own rules (docs/semantics.md), on every usable target,
// f32 and f64, through the C API: +0 for x <= 0 (-0 and -inf too), x * x
// rounded once with overflow to +inf, NaN quieted; dx = +0 where x <= 0
// whatever dy (NaN and infinite dy too), else 2 x dy rounded once even
// where 2x overflows or x dy alone would round in the subnormals; +inf * 0
// is the canonical NaN; no backward from output. Its sweeps over sizes,
// alignments and the 16-bit and int8 dtypes run with every exact op
// (exact-ops-test, half-exhaustive-test, quantized-test).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "numeric/float_bits.h"
#include "rectify/rectify.h"
#include "support/target_param.h"

namespace rectify::test {
namespace {

template <typename T>
constexpr rectify_dtype kDtype = sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;

template <typename T>
std::uint64_t Bits(T v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof v);
  return bits;
}

template <typename T>
T Forward(T x) {
  const rectify_activation act = rectify_activation_default(RECTIFY_SQUARED_RELU);
  T y = T(-7);
  EXPECT_EQ(rectify_forward(&act, kDtype<T>, 1, &x, &y), RECTIFY_OK);
  return y;
}

template <typename T>
T Backward(T x, T dy) {
  const rectify_activation act = rectify_activation_default(RECTIFY_SQUARED_RELU);
  T dx = T(-7);
  EXPECT_EQ(rectify_backward(&act, kDtype<T>, 1, &x, &dy, &dx), RECTIFY_OK);
  return dx;
}

template <typename T>
void ExpectBits(T got, T want, const std::string& what) {
  EXPECT_EQ(Bits(got), Bits(want)) << what << ": got " << got << ", want " << want;
}

template <typename T>
void CheckRules() {
  constexpr T inf = std::numeric_limits<T>::infinity();
  constexpr T max = std::numeric_limits<T>::max();
  constexpr T tiny = std::numeric_limits<T>::denorm_min();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  // Forward.
  ExpectBits(Forward(T(1.5)), T(2.25), "1.5");
  ExpectBits(Forward(T(-0.0)), T(+0.0), "-0");
  ExpectBits(Forward(T(-3)), T(+0.0), "-3");
  ExpectBits(Forward(-inf), T(+0.0), "-inf");
  ExpectBits(Forward(inf), inf, "+inf");
  ExpectBits(Forward(max), inf, "overflow");
  ExpectBits(Forward(tiny), T(+0.0), "underflow");
  ExpectBits(Forward(T(0.1)), T(0.1) * T(0.1), "0.1");
  EXPECT_TRUE(std::isnan(Forward(nan)));
  // Backward: x <= 0 gives +0 whatever dy.
  for (const T x : {T(-0.0), T(0.0), T(-2), -inf}) {
    for (const T dy : {T(3), T(-3), inf, -inf, nan}) {
      ExpectBits(Backward(x, dy), T(+0.0), "x <= 0");
    }
  }
  ExpectBits(Backward(T(1.5), T(-2)), T(-6), "2 * 1.5 * -2");
  ExpectBits(Backward(T(3), T(0.1)), static_cast<T>(6.0L * static_cast<long double>(T(0.1))),
             "6 * 0.1 rounded once");
  // 2x overflows, 2 x dy does not.
  ExpectBits(Backward(max, T(0.25)), max / T(2), "2 * max * 0.25");
  // x dy alone would round in the subnormals: 2^-20 * 1.5 * 2^k = 1.5 units
  // of the least subnormal, rounded to 2 units; 2 x dy is 3 units exactly.
  const T x_small = std::ldexp(T(1), -20);
  const T dy_small = T(1.5) * std::ldexp(tiny, 20);
  ExpectBits(Backward(x_small, dy_small), T(3) * tiny, "subnormal product");
  ExpectBits(Backward(max, T(4)), inf, "overflow");
  ExpectBits(Backward(inf, T(2)), inf, "inf * 2");
  ExpectBits(Backward(inf, T(0)), CanonicalNaN<T>(), "inf * 0");
  EXPECT_TRUE(std::isnan(Backward(T(2), nan)));
  EXPECT_TRUE(std::isnan(Backward(nan, T(1))));
}

class SquaredReluTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SquaredReluTest, RulesF32) {
  ScopedTarget target(GetParam());
  CheckRules<float>();
}

TEST_P(SquaredReluTest, RulesF64) {
  ScopedTarget target(GetParam());
  CheckRules<double>();
}

TEST(SquaredRelu, NoBackwardFromOutput) {
  const rectify_activation act = rectify_activation_default(RECTIFY_SQUARED_RELU);
  const float y = 4.0f, dy = 1.0f;
  float dx = 0.0f;
  EXPECT_EQ(rectify_backward_from_output(&act, RECTIFY_F32, 1, &y, &dy, &dx),
            RECTIFY_ERROR_UNSUPPORTED);
  EXPECT_STREQ(rectify_op_name(RECTIFY_SQUARED_RELU), "squared_relu");
}

INSTANTIATE_TEST_SUITE_P(Targets, SquaredReluTest, ::testing::ValuesIn(UsableTargetNames()),
                         [](const auto& target) { return target.param; });

}  // namespace
}  // namespace rectify::test
