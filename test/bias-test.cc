// The fused bias calls and the monitored forward, on every target, dtype
// and op case: bit for bit the unfused calls (the add x + bias[c] in the
// element type, then rectify_forward / rectify_backward), the bias
// gradient in the canonical order, the activity counts; layouts covering
// the channels-last (inner == 1), short-row and long-row paths, tails,
// misaligned buffers and in-place calls; and the same bits on 1 to 3
// threads for large calls.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "numeric/prelu_sum.h"
#include "rectify/rectify.h"
#include "support/expect_same_bits.h"
#include "support/guarded_buffer.h"
#include "support/op_cases.h"
#include "support/scoped_threads.h"
#include "support/target_param.h"
#include "support/wide_values.h"
#include "verify/test_data.h"

namespace rectify::test {
namespace {

using namespace rectify::verify;  // MixedValues, SameBits, Describe

struct Shape {
  std::size_t outer, channels, inner;
  std::size_t size() const { return outer * channels * inner; }
};

constexpr Shape kShapes[] = {
    {1, 1, 1},   {2, 3, 1},    {4, 300, 1},  {3, 37, 1}, {3, 5, 7},
    {5, 257, 2}, {3, 1, 15},   {2, 4, 16},   {2, 3, 17}, {2, 2, 100},
    {7, 3, 49},  {0, 3, 5},    {2, 0, 3},    {2, 3, 0},  {1, 2, 1021},
    {64, 3, 40}};

template <typename T>
constexpr rectify_dtype DtypeOf() {
  return sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;
}

// Per-channel biases: with `finite`, ordinary values of both signs and
// zeros; otherwise also infinities, NaN and extremes.
template <typename T>
std::vector<T> Biases(std::size_t channels, bool finite) {
  using L = std::numeric_limits<T>;
  const T ordinary[] = {T(0.5), T(-0.0), T(0), T(-3), T(1e-3), T(-2.5), T(7)};
  const T special[] = {L::infinity(), -L::infinity(), L::quiet_NaN(), L::max(),
                       L::denorm_min(), T(0.5),       T(-0.75)};
  const T* const values = finite ? ordinary : special;
  std::vector<T> bias(channels);
  for (std::size_t c = 0; c < channels; ++c) bias[c] = values[(c * 5 + 1) % 7];
  return bias;
}

template <typename T>
std::vector<T> Inputs(std::size_t n, std::uint64_t seed, bool finite) {
  return finite ? WideFiniteValues<T>(n, seed) : MixedValues<T>(n, seed);
}

// The pre-activations: x + bias[c] in T, element by element, and x itself
// where x is NaN (bias null: x).
template <typename T>
std::vector<T> AddBias(const Shape& s, const std::vector<T>& x, const T* bias) {
  std::vector<T> t = x;
  if (bias == nullptr) return t;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!std::isnan(x[i])) t[i] = x[i] + bias[(i / s.inner) % s.channels];
  }
  return t;
}

// The canonical-order sum of each channel's values (numeric/prelu_sum.h).
template <typename T>
std::vector<T> ChannelSums(const Shape& s, const std::vector<T>& values) {
  std::vector<T> sums(s.channels);
  for (std::size_t c = 0; c < s.channels; ++c) {
    double partials[kPreluPartials];
    for (double& p : partials) p = -0.0;
    for (std::size_t o = 0; o < s.outer; ++o) {
      for (std::size_t i = 0; i < s.inner; ++i) {
        partials[i % kPreluPartials] += static_cast<double>(values[(o * s.channels + c) * s.inner + i]);
      }
    }
    sums[c] = FinishPreluSum<T>(partials);
  }
  return sums;
}

template <typename T>
std::vector<T> UnfusedForward(const rectify_activation& act, const std::vector<T>& t) {
  std::vector<T> y(t.size());
  EXPECT_EQ(rectify_forward(&act, DtypeOf<T>(), t.size(), t.data(), y.data()), RECTIFY_OK);
  return y;
}

template <typename T>
void CheckForward(const rectify_activation& act, const Shape& s, bool finite, bool in_place) {
  const std::size_t n = s.size();
  const std::vector<T> x = Inputs<T>(n, 7 * n + s.channels, finite);
  const std::vector<T> bias = Biases<T>(s.channels, finite);
  const std::vector<T> want = UnfusedForward(act, AddBias(s, x, bias.data()));
  GuardedBuffer<T> x_buffer(x, 1);
  GuardedBuffer<T> y_buffer(std::vector<T>(n), 3);
  T* y = in_place ? x_buffer.data() : y_buffer.data();
  ASSERT_EQ(rectify_bias_forward(&act, DtypeOf<T>(), s.outer, s.channels, s.inner,
                                 x_buffer.data(), bias.data(), y),
            RECTIFY_OK);
  ExpectSameBits(in_place ? x_buffer.values() : y_buffer.values(), want, "y", "unfused");
  EXPECT_TRUE(x_buffer.GuardsIntact() && y_buffer.GuardsIntact());
}

// The monitored forward with and without a bias: y as unfused, and each
// unit's count of pre-activations > 0 (read back as the activity rate of a
// window-1 monitor, and as its dead mask).
template <typename T>
void CheckMonitored(const rectify_activation& act, const Shape& s, bool finite,
                    bool with_bias) {
  if (s.channels == 0) return;  // a monitor has at least one unit
  const std::size_t n = s.size();
  const std::vector<T> x = Inputs<T>(n, 11 * n + 5, finite);
  const std::vector<T> bias = Biases<T>(s.channels, finite);
  const T* b = with_bias ? bias.data() : nullptr;
  const std::vector<T> t = AddBias(s, x, b);
  const std::vector<T> want = UnfusedForward(act, t);
  std::vector<std::uint64_t> positives(s.channels, 0);
  for (std::size_t i = 0; i < n; ++i) positives[(i / s.inner) % s.channels] += t[i] > T(0);

  rectify_monitor* monitor = nullptr;
  ASSERT_EQ(rectify_monitor_create(s.channels, 1, &monitor), RECTIFY_OK);
  GuardedBuffer<T> x_buffer(x, 2);
  GuardedBuffer<T> y_buffer(std::vector<T>(n), 1);
  ASSERT_EQ(rectify_forward_monitored(&act, DtypeOf<T>(), s.outer, s.channels, s.inner,
                                      x_buffer.data(), b, y_buffer.data(), monitor),
            RECTIFY_OK);
  ExpectSameBits(y_buffer.values(), want, "monitored y", "unfused");
  EXPECT_TRUE(x_buffer.GuardsIntact() && y_buffer.GuardsIntact());
  EXPECT_EQ(rectify_monitor_steps(monitor), 1u);
  std::vector<double> rate(s.channels);
  std::vector<std::uint8_t> dead(s.channels);
  ASSERT_EQ(rectify_monitor_activity(monitor, rate.data()), RECTIFY_OK);
  ASSERT_EQ(rectify_monitor_dead_mask(monitor, dead.data()), RECTIFY_OK);
  const double elements = static_cast<double>(s.outer * s.inner);
  for (std::size_t c = 0; c < s.channels; ++c) {
    const double want_rate = elements == 0 ? 0.0 : static_cast<double>(positives[c]) / elements;
    ASSERT_EQ(rate[c], want_rate) << "unit " << c;
    ASSERT_EQ(dead[c], positives[c] == 0 ? 1 : 0) << "unit " << c;
  }
  rectify_monitor_destroy(monitor);
}

enum class Alias { kNone, kDxIsX, kDxIsDy };

template <typename T>
void CheckBackward(const rectify_activation& act, const Shape& s, bool finite, Alias alias) {
  const std::size_t n = s.size();
  const std::vector<T> x = Inputs<T>(n, 3 * n + 1, finite);
  const std::vector<T> dy = Inputs<T>(n, 5 * n + 2, finite);
  const std::vector<T> bias = Biases<T>(s.channels, finite);
  const std::vector<T> t = AddBias(s, x, bias.data());
  std::vector<T> want_dx(n);
  ASSERT_EQ(rectify_backward(&act, DtypeOf<T>(), n, t.data(), dy.data(), want_dx.data()),
            RECTIFY_OK);
  const std::vector<T> want_dbias = ChannelSums(s, want_dx);

  GuardedBuffer<T> x_buffer(x, 2);
  GuardedBuffer<T> dy_buffer(dy, 1);
  GuardedBuffer<T> dx_buffer(std::vector<T>(n), 0);
  GuardedBuffer<T> dbias_buffer(std::vector<T>(s.channels, T(7)), 1);
  T* dx = alias == Alias::kDxIsX    ? x_buffer.data()
          : alias == Alias::kDxIsDy ? dy_buffer.data()
                                    : dx_buffer.data();
  ASSERT_EQ(rectify_bias_backward(&act, DtypeOf<T>(), s.outer, s.channels, s.inner,
                                  x_buffer.data(), bias.data(), dy_buffer.data(), dx,
                                  dbias_buffer.data()),
            RECTIFY_OK);
  ExpectSameBits(alias == Alias::kDxIsX    ? x_buffer.values()
                 : alias == Alias::kDxIsDy ? dy_buffer.values()
                                           : dx_buffer.values(),
                 want_dx, "dx", "unfused");
  ExpectSameBits(dbias_buffer.values(), want_dbias, "dbias");
  EXPECT_TRUE(x_buffer.GuardsIntact() && dy_buffer.GuardsIntact() &&
              dx_buffer.GuardsIntact() && dbias_buffer.GuardsIntact());
}

template <typename T>
void CheckCase(const OpCase& op_case) {
  for (const Shape& s : kShapes) {
    SCOPED_TRACE(::testing::Message() << op_case.label << " shape " << s.outer << "x"
                                      << s.channels << "x" << s.inner);
    for (const bool finite : {false, true}) {
      CheckForward<T>(op_case.act, s, finite, false);
      CheckForward<T>(op_case.act, s, finite, true);
      CheckMonitored<T>(op_case.act, s, finite, true);
      CheckMonitored<T>(op_case.act, s, finite, false);
      CheckBackward<T>(op_case.act, s, finite, Alias::kNone);
      CheckBackward<T>(op_case.act, s, finite, Alias::kDxIsX);
      CheckBackward<T>(op_case.act, s, finite, Alias::kDxIsDy);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

std::vector<OpCase> AllOpCases() {
  std::vector<OpCase> cases = ExactOpCases();
  for (const OpCase& c : SmoothOpCases()) cases.push_back(c);
  return cases;
}

class BiasTest : public ::testing::TestWithParam<std::string> {
 protected:
  ScopedTarget target_{GetParam()};
};

TEST_P(BiasTest, F32) {
  for (const OpCase& c : AllOpCases()) CheckCase<float>(c);
}
TEST_P(BiasTest, F64) {
  for (const OpCase& c : AllOpCases()) CheckCase<double>(c);
}

INSTANTIATE_TEST_SUITE_P(AllTargets, BiasTest, ::testing::ValuesIn(UsableTargetNames()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

// ---- threads: large calls give the bits of a single-threaded call -------

struct LargeResult {
  std::vector<float> y, dx, dbias;
  std::vector<double> rate;
};

LargeResult RunLarge(const rectify_activation& act, const Shape& s, int threads) {
  ScopedThreads scoped(threads);
  const std::size_t n = s.size();
  const std::vector<float> x = WideFiniteValues<float>(n, 42);
  const std::vector<float> dy = WideFiniteValues<float>(n, 43);
  const std::vector<float> bias = Biases<float>(s.channels, true);
  LargeResult r{std::vector<float>(n), std::vector<float>(n),
                std::vector<float>(s.channels), std::vector<double>(s.channels)};
  rectify_monitor* monitor = nullptr;
  EXPECT_EQ(rectify_monitor_create(s.channels, 4, &monitor), RECTIFY_OK);
  EXPECT_EQ(rectify_forward_monitored(&act, RECTIFY_F32, s.outer, s.channels, s.inner,
                                      x.data(), bias.data(), r.y.data(), monitor),
            RECTIFY_OK);
  std::vector<float> y2(n);
  EXPECT_EQ(rectify_bias_forward(&act, RECTIFY_F32, s.outer, s.channels, s.inner, x.data(),
                                 bias.data(), y2.data()),
            RECTIFY_OK);
  ExpectSameBits(y2, r.y, "bias_forward vs monitored");
  EXPECT_EQ(rectify_bias_backward(&act, RECTIFY_F32, s.outer, s.channels, s.inner,
                                  x.data(), bias.data(), dy.data(), r.dx.data(),
                                  r.dbias.data()),
            RECTIFY_OK);
  EXPECT_EQ(rectify_monitor_activity(monitor, r.rate.data()), RECTIFY_OK);
  rectify_monitor_destroy(monitor);
  return r;
}

TEST(BiasThreads, SameBitsOnOneToThreeThreads) {
  const Shape shapes[] = {{4099, 256, 1}, {9, 67, 2053}, {1, 3, 700001}, {2, 1, 600000}};
  for (const rectify_op op : {RECTIFY_RELU, RECTIFY_GELU}) {
    const rectify_activation act = rectify_activation_default(op);
    for (const Shape& s : shapes) {
      SCOPED_TRACE(::testing::Message() << rectify_op_name(op) << " shape " << s.outer
                                        << "x" << s.channels << "x" << s.inner);
      const LargeResult one = RunLarge(act, s, 1);
      for (const int threads : {2, 3}) {
        const LargeResult many = RunLarge(act, s, threads);
        ExpectSameBits(many.y, one.y, "y");
        ExpectSameBits(many.dx, one.dx, "dx");
        ExpectSameBits(many.dbias, one.dbias, "dbias");
        EXPECT_EQ(many.rate, one.rate);
      }
    }
  }
}

}  // namespace
}  // namespace rectify::test
