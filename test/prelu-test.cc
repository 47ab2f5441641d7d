// PReLU forward and backward on every target and dtype against the scalar
// reference, bit for bit (dx and the canonical-order dslope), over layouts
// that exercise both the channel-vectorised (inner == 1), short-row
// (inner < 16) and long-row paths, block boundaries, tails and in-place.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "reference/prelu_reference.h"
#include "rectify/rectify.h"
#include "support/expect_same_bits.h"
#include "support/guarded_buffer.h"
#include "support/target_param.h"
#include "support/wide_values.h"
#include "verify/test_data.h"

namespace rectify::test {
namespace {

using namespace rectify::verify;  // inputs, SameBits, Describe

struct Shape {
  std::size_t outer, channels, inner;
};

constexpr Shape kShapes[] = {
    {1, 1, 1},   {2, 3, 1},   {4, 300, 1}, {3, 600, 1}, {1, 37, 1},
    {3, 5, 7},   {5, 257, 2}, {3, 1, 15},  {2, 4, 16},  {2, 3, 17},
    {1, 3, 33},  {2, 2, 100}, {7, 3, 49},  {0, 3, 5},   {2, 0, 3},
    {2, 3, 0},   {1, 2, 1021}, {64, 3, 40}, {300, 7, 3}};

template <typename T>
constexpr rectify_dtype DtypeOf() {
  return sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;
}

// Finite slopes, including zeros of both signs, negative, steep and tiny.
template <typename T>
std::vector<T> Slopes(std::size_t channels) {
  const T pool[] = {T(0.25), T(0),    T(-0.0), T(-1.5), T(3),
                    T(1e-3), T(0.01), T(1),    std::numeric_limits<T>::denorm_min()};
  std::vector<T> slopes(channels);
  for (std::size_t c = 0; c < channels; ++c) slopes[c] = pool[(c * 7 + 3) % 9];
  return slopes;
}

template <typename T>
void CheckForward(const Shape& s, bool in_place) {
  const std::size_t n = s.outer * s.channels * s.inner;
  const std::vector<T> x = MixedValues<T>(n, n + s.channels);
  const std::vector<T> slope = Slopes<T>(s.channels);
  std::vector<T> want(n);
  reference::PreluForward(s.outer, s.channels, s.inner, x.data(), slope.data(),
                          want.data());
  GuardedBuffer<T> x_buffer(x, 1);
  GuardedBuffer<T> y_buffer(std::vector<T>(n), 3);
  T* y = in_place ? x_buffer.data() : y_buffer.data();
  ASSERT_EQ(rectify_prelu_forward(DtypeOf<T>(), s.outer, s.channels, s.inner,
                                  x_buffer.data(), slope.data(), y),
            RECTIFY_OK);
  ExpectSameBits(in_place ? x_buffer.values() : y_buffer.values(), want, "y");
  EXPECT_TRUE(x_buffer.GuardsIntact() && y_buffer.GuardsIntact());
}

enum class Alias { kNone, kDxIsX, kDxIsDy };

template <typename T>
void CheckBackward(const Shape& s, Alias alias, bool finite) {
  const std::size_t n = s.outer * s.channels * s.inner;
  const std::vector<T> x =
      finite ? WideFiniteValues<T>(n, 3 * n + 1) : MixedValues<T>(n, 3 * n + 1);
  const std::vector<T> dy =
      finite ? WideFiniteValues<T>(n, 5 * n + 2) : MixedValues<T>(n, 5 * n + 2);
  const std::vector<T> slope = Slopes<T>(s.channels);
  std::vector<T> want_dx(n);
  std::vector<T> want_dslope(s.channels);
  reference::PreluBackward(s.outer, s.channels, s.inner, x.data(), slope.data(),
                           dy.data(), want_dx.data(), want_dslope.data());
  GuardedBuffer<T> x_buffer(x, 2);
  GuardedBuffer<T> dy_buffer(dy, 1);
  GuardedBuffer<T> dx_buffer(std::vector<T>(n), 0);
  GuardedBuffer<T> dslope_buffer(std::vector<T>(s.channels, T(7)), 1);
  T* dx = alias == Alias::kDxIsX    ? x_buffer.data()
          : alias == Alias::kDxIsDy ? dy_buffer.data()
                                    : dx_buffer.data();
  ASSERT_EQ(rectify_prelu_backward(DtypeOf<T>(), s.outer, s.channels, s.inner,
                                   x_buffer.data(), slope.data(), dy_buffer.data(),
                                   dx, dslope_buffer.data()),
            RECTIFY_OK);
  ExpectSameBits(alias == Alias::kDxIsX    ? x_buffer.values()
                 : alias == Alias::kDxIsDy ? dy_buffer.values()
                                           : dx_buffer.values(),
                 want_dx, "dx");
  ExpectSameBits(dslope_buffer.values(), want_dslope, "dslope");
  EXPECT_TRUE(x_buffer.GuardsIntact() && dy_buffer.GuardsIntact() &&
              dx_buffer.GuardsIntact() && dslope_buffer.GuardsIntact());
}

template <typename T>
void CheckAllShapes() {
  for (const Shape& s : kShapes) {
    SCOPED_TRACE(::testing::Message() << "shape " << s.outer << "x" << s.channels
                                      << "x" << s.inner);
    CheckForward<T>(s, false);
    CheckForward<T>(s, true);
    for (const bool finite : {false, true}) {
      CheckBackward<T>(s, Alias::kNone, finite);
      CheckBackward<T>(s, Alias::kDxIsX, finite);
      CheckBackward<T>(s, Alias::kDxIsDy, finite);
    }
  }
}

class PreluTest : public ::testing::TestWithParam<std::string> {
 protected:
  ScopedTarget target_{GetParam()};
};

TEST_P(PreluTest, F32) { CheckAllShapes<float>(); }
TEST_P(PreluTest, F64) { CheckAllShapes<double>(); }

INSTANTIATE_TEST_SUITE_P(AllTargets, PreluTest,
                         ::testing::ValuesIn(UsableTargetNames()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

// The slope gradient of a simple case, by hand: the terms x * dy where
// x <= 0, summed; +0 for a channel with no term.
TEST(PreluSlopeGradient, MatchesHandComputedSums) {
  const float x[] = {-1, 2, -3, 4, -0.5f, 0};  // [outer 3][channels 2][inner 1]
  const float dy[] = {1, 1, 2, 1, 4, 5};
  const float slope[] = {0.1f, 0.2f};
  float dx[6];
  float dslope[2];
  ASSERT_EQ(rectify_prelu_backward(RECTIFY_F32, 3, 2, 1, x, slope, dy, dx, dslope),
            RECTIFY_OK);
  EXPECT_EQ(dslope[0], -1.0f * 1 + -3.0f * 2 + -0.5f * 4);
  EXPECT_TRUE(SameBits(dslope[1], 0.0f));  // 0 * 5 with x = 0: +0
  EXPECT_EQ(dx[0], 0.1f * 1);
  EXPECT_EQ(dx[1], 1.0f);
}

}  // namespace
}  // namespace rectify::test
