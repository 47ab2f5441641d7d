// bf16 and f16 beyond the exhaustive single-call check: every size 0..300
// and a few large ones, misaligned and in place, on every target, against
// one whole call; threads; PReLU, fused bias and the monitor against their
// definitions (docs/semantics.md); the table cache past its capacity; bad
// slopes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "rectify/rectify.h"
#include "numeric/half_bits.h"
#include "numeric/prelu_sum.h"
#include "support/scoped_threads.h"
#include "support/target_param.h"

namespace rectify::test {
namespace {

using Bits = std::vector<std::uint16_t>;

rectify_dtype DtypeOf(HalfFormat format) {
  return format == HalfFormat::kBf16 ? RECTIFY_BF16 : RECTIFY_F16;
}

// n random finite patterns with magnitudes in about [2^-10, 2^4], some
// exact zeros and a few specials.
Bits RandomValues(HalfFormat format, std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> value(-8.0, 8.0);
  Bits out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t r = rng();
    double v = value(rng);
    if (r % 64 == 0) v = 0.0;
    if (r % 64 == 1) v = std::ldexp(v, -12);
    out[i] = RoundToHalf(format, v);
  }
  return out;
}

std::vector<double> Wide(HalfFormat format, const Bits& bits) {
  std::vector<double> out(bits.size());
  for (std::size_t i = 0; i < bits.size(); ++i) out[i] = HalfToFloat(format, bits[i]);
  return out;
}

class HalfOpsTest : public ::testing::TestWithParam<HalfFormat> {};

// Smooth ops at DEFAULT (their 16-bit forward: the f32 result rounded once)
// and at BEST (correctly rounded).
const rectify_activation kActs[] = {
    {RECTIFY_RELU, 0, 0, RECTIFY_ACCURACY_DEFAULT},
    {RECTIFY_LEAKY_RELU, 0.2, 0, RECTIFY_ACCURACY_DEFAULT},
    {RECTIFY_GELU, 0, 0, RECTIFY_ACCURACY_DEFAULT},
    {RECTIFY_GELU, 0, 0, RECTIFY_ACCURACY_BEST},
    {RECTIFY_SIGMOID, 0, 0, RECTIFY_ACCURACY_FAST},
    {RECTIFY_ELU, 1.0, 0, RECTIFY_ACCURACY_DEFAULT}};

TEST_P(HalfOpsTest, SizesOffsetsInPlaceOnEveryTarget) {
  const HalfFormat format = GetParam();
  const rectify_dtype dtype = DtypeOf(format);
  const std::size_t kMax = 65537 + 1;
  const Bits x = RandomValues(format, kMax, 1);
  const Bits dy = RandomValues(format, kMax, 2);
  std::vector<std::size_t> sizes;
  for (std::size_t n = 0; n <= 300; ++n) sizes.push_back(n);
  for (std::size_t n : {1021, 4099, 65537}) sizes.push_back(n);
  for (const rectify_activation& act : kActs) {
    SCOPED_TRACE(rectify_op_name(act.op));
    for (const std::string& target : UsableTargetNames()) {
      const ScopedTarget scoped(target);
      // One call over all kMax - 1 elements on this target is the reference:
      // a smooth op at DEFAULT or FAST has kernels of its own on the FMA
      // targets (the others run BEST), so the bits are per target.
      Bits want_y(kMax - 1), want_dx(kMax - 1), want_from(kMax - 1);
      ASSERT_EQ(rectify_forward(&act, dtype, kMax - 1, x.data(), want_y.data()), RECTIFY_OK);
      ASSERT_EQ(rectify_backward(&act, dtype, kMax - 1, x.data(), dy.data(), want_dx.data()),
                RECTIFY_OK);
      const bool from_output = rectify_backward_from_output(&act, dtype, 0, nullptr, nullptr,
                                                            nullptr) == RECTIFY_OK;
      if (from_output) {
        ASSERT_EQ(rectify_backward_from_output(&act, dtype, kMax - 1, want_y.data(), dy.data(),
                                               want_from.data()),
                  RECTIFY_OK);
      }
      for (std::size_t n : sizes) {
        SCOPED_TRACE(target + " n=" + std::to_string(n));
        // Misaligned by one element: inputs and outputs at offset 1.
        Bits in(1, 0x5555), grad(1, 0x5555);
        in.insert(in.end(), x.begin(), x.begin() + static_cast<long>(n));
        grad.insert(grad.end(), dy.begin(), dy.begin() + static_cast<long>(n));
        Bits out(n + 1, 0xAAAA);
        ASSERT_EQ(rectify_forward(&act, dtype, n, in.data() + 1, out.data() + 1), RECTIFY_OK);
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i + 1], want_y[i]) << i;
        ASSERT_EQ(out[0], 0xAAAA);
        ASSERT_EQ(rectify_backward(&act, dtype, n, in.data() + 1, grad.data() + 1,
                                   out.data() + 1),
                  RECTIFY_OK);
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i + 1], want_dx[i]) << i;
        if (from_output) {
          Bits y(want_y.begin(), want_y.begin() + static_cast<long>(n));
          ASSERT_EQ(rectify_backward_from_output(&act, dtype, n, y.data(), grad.data() + 1,
                                                 y.data()),
                    RECTIFY_OK);  // in place over y
          for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(y[i], want_from[i]) << i;
        }
        // In place: forward over x, backward over dy.
        ASSERT_EQ(rectify_forward(&act, dtype, n, in.data() + 1, in.data() + 1), RECTIFY_OK);
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(in[i + 1], want_y[i]) << i;
        Bits xs(x.begin(), x.begin() + static_cast<long>(n));
        ASSERT_EQ(rectify_backward(&act, dtype, n, xs.data(), grad.data() + 1, grad.data() + 1),
                  RECTIFY_OK);
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(grad[i + 1], want_dx[i]) << i;
      }
    }
  }
}

TEST_P(HalfOpsTest, ThreadsGiveTheSameBits) {
  const HalfFormat format = GetParam();
  const rectify_dtype dtype = DtypeOf(format);
  const std::size_t n = std::size_t{3} << 20;  // above every grain
  const Bits x = RandomValues(format, n, 3);
  const Bits dy = RandomValues(format, n, 4);
  for (const rectify_activation& act : kActs) {
    Bits y1(n), y2(n), dx1(n), dx2(n);
    {
      const ScopedThreads one(1);
      ASSERT_EQ(rectify_forward(&act, dtype, n, x.data(), y1.data()), RECTIFY_OK);
      ASSERT_EQ(rectify_backward(&act, dtype, n, x.data(), dy.data(), dx1.data()), RECTIFY_OK);
    }
    {
      const ScopedThreads two(2);
      ASSERT_EQ(rectify_forward(&act, dtype, n, x.data(), y2.data()), RECTIFY_OK);
      ASSERT_EQ(rectify_backward(&act, dtype, n, x.data(), dy.data(), dx2.data()), RECTIFY_OK);
    }
    EXPECT_EQ(y1, y2) << rectify_op_name(act.op);
    EXPECT_EQ(dx1, dx2) << rectify_op_name(act.op);
  }
}

// PReLU in 16 bits is the f64 PReLU (whose products of 16-bit values are
// exact, and whose slope sums take the same order) rounded once.
TEST_P(HalfOpsTest, PreluIsTheF64PreluRoundedOnce) {
  const HalfFormat format = GetParam();
  const std::size_t outer = 4, channels = 5;
  for (std::size_t inner : {1, 3, 37}) {
    const std::size_t n = outer * channels * inner;
    const Bits x = RandomValues(format, n, 5), dy = RandomValues(format, n, 6);
    const Bits slope = RandomValues(format, channels, 7);
    const auto x64 = Wide(format, x), dy64 = Wide(format, dy), slope64 = Wide(format, slope);
    std::vector<double> y64(n), dx64(n), dslope64(channels);
    ASSERT_EQ(rectify_prelu_forward(RECTIFY_F64, outer, channels, inner, x64.data(),
                                    slope64.data(), y64.data()),
              RECTIFY_OK);
    ASSERT_EQ(rectify_prelu_backward(RECTIFY_F64, outer, channels, inner, x64.data(),
                                     slope64.data(), dy64.data(), dx64.data(), dslope64.data()),
              RECTIFY_OK);
    for (const std::string& target : UsableTargetNames()) {
      const ScopedTarget scoped(target);
      Bits y(n), dx(n), dslope(channels);
      ASSERT_EQ(rectify_prelu_forward(DtypeOf(format), outer, channels, inner, x.data(),
                                      slope.data(), y.data()),
                RECTIFY_OK);
      ASSERT_EQ(rectify_prelu_backward(DtypeOf(format), outer, channels, inner, x.data(),
                                       slope.data(), dy.data(), dx.data(), dslope.data()),
                RECTIFY_OK);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(y[i], DoubleToHalf(format, y64[i])) << target << " " << i;
        ASSERT_EQ(dx[i], DoubleToHalf(format, dx64[i])) << target << " " << i;
      }
      for (std::size_t c = 0; c < channels; ++c) {
        ASSERT_EQ(dslope[c], DoubleToHalf(format, dslope64[c])) << target << " " << c;
      }
    }
  }
  // A slope that is infinite or NaN: INVALID_ARGUMENT, nothing written.
  const Bits x(6, 0x3C00);
  Bits y(6, 0x1234);
  const Bits bad = {0x3C00, format == HalfFormat::kBf16 ? std::uint16_t{0x7F80}
                                                        : std::uint16_t{0x7C00}};
  EXPECT_EQ(rectify_prelu_forward(DtypeOf(format), 1, 2, 3, x.data(), bad.data(), y.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(y, Bits(6, 0x1234));
}

// Fused bias: t = x + bias[c] rounded once to 16 bits (x when x is NaN),
// then the plain calls at t; dbias is the sum of the 16-bit dx in the
// canonical order; the monitor counts t > 0.
TEST_P(HalfOpsTest, FusedBiasAndMonitorFollowTheirDefinitions) {
  const HalfFormat format = GetParam();
  const rectify_dtype dtype = DtypeOf(format);
  const std::size_t outer = 6, channels = 7;
  for (std::size_t inner : {1, 5, 40}) {
    const std::size_t n = outer * channels * inner;
    Bits x = RandomValues(format, n, 8);
    x[3] = static_cast<std::uint16_t>(HalfInfinity(format) | HalfQuietBit(format) | 5);  // NaN
    const Bits dy = RandomValues(format, n, 9);
    Bits bias = RandomValues(format, channels, 10);
    bias[channels - 1] = RoundToHalf(format, -100.0);  // a dead channel
    Bits t(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t c = k / inner % channels;
      t[k] = HalfIsNaN(format, x[k]) ? x[k]
                                      : FloatToHalf(format, HalfToFloat(format, x[k]) +
                                                                HalfToFloat(format, bias[c]));
    }
    for (const rectify_activation& act : kActs) {
      for (const std::string& target : UsableTargetNames()) {
        const ScopedTarget scoped(target);
        SCOPED_TRACE(target + " " + rectify_op_name(act.op) + " inner=" + std::to_string(inner));
        // The plain calls on this target define the fused ones (a smooth op
        // at DEFAULT or FAST has per-target kernels: FMA targets or BEST).
        Bits want_y(n), want_dx(n);
        ASSERT_EQ(rectify_forward(&act, dtype, n, t.data(), want_y.data()), RECTIFY_OK);
        ASSERT_EQ(rectify_backward(&act, dtype, n, t.data(), dy.data(), want_dx.data()),
                  RECTIFY_OK);
        Bits want_dbias(channels);
        for (std::size_t c = 0; c < channels; ++c) {
          double partials[kPreluPartials];
          std::fill_n(partials, kPreluPartials, -0.0);
          for (std::size_t o = 0; o < outer; ++o) {
            for (std::size_t i = 0; i < inner; ++i) {
              partials[i % kPreluPartials] +=
                  HalfToFloat(format, want_dx[(o * channels + c) * inner + i]);
            }
          }
          want_dbias[c] = DoubleToHalf(format, FinishPreluSum<double>(partials));
        }
        Bits y(n), dx(n), dbias(channels);
        ASSERT_EQ(rectify_bias_forward(&act, dtype, outer, channels, inner, x.data(),
                                       bias.data(), y.data()),
                  RECTIFY_OK);
        EXPECT_EQ(y, want_y);
        ASSERT_EQ(rectify_bias_backward(&act, dtype, outer, channels, inner, x.data(),
                                        bias.data(), dy.data(), dx.data(), dbias.data()),
                  RECTIFY_OK);
        EXPECT_EQ(dx, want_dx);
        EXPECT_EQ(dbias, want_dbias);
        rectify_monitor* monitor = nullptr;
        ASSERT_EQ(rectify_monitor_create(channels, 1, &monitor), RECTIFY_OK);
        Bits ym(n);
        ASSERT_EQ(rectify_forward_monitored(&act, dtype, outer, channels, inner, x.data(),
                                            bias.data(), ym.data(), monitor),
                  RECTIFY_OK);
        EXPECT_EQ(ym, want_y);
        std::vector<double> rate(channels);
        ASSERT_EQ(rectify_monitor_activity(monitor, rate.data()), RECTIFY_OK);
        std::size_t dead = 0;
        for (std::size_t c = 0; c < channels; ++c) {
          std::size_t positive = 0;
          for (std::size_t o = 0; o < outer; ++o) {
            for (std::size_t i = 0; i < inner; ++i) {
              const std::uint16_t v = t[(o * channels + c) * inner + i];
              positive += HalfToFloat(format, v) > 0.0f ? 1 : 0;
            }
          }
          EXPECT_DOUBLE_EQ(rate[c], static_cast<double>(positive) / (outer * inner)) << c;
          dead += positive == 0 ? 1 : 0;
        }
        EXPECT_GE(dead, 1u);  // the channel with bias -100 at least
        EXPECT_EQ(rectify_monitor_dead_count(monitor), dead);
        rectify_monitor_destroy(monitor);
      }
    }
  }
}

// More parameter sets than the cache keeps: each call still gets its own
// op's values (leaky_relu(-1) = -alpha rounded once).
TEST_P(HalfOpsTest, TablesBeyondTheCacheStayCorrect) {
  const HalfFormat format = GetParam();
  const std::uint16_t minus_one = RoundToHalf(format, -1.0);
  for (int k = 0; k < 80; ++k) {
    const double alpha = 0.01 + 0.013 * k;
    const rectify_activation act{RECTIFY_LEAKY_RELU, alpha, 0, RECTIFY_ACCURACY_DEFAULT};
    std::uint16_t y = 0;
    ASSERT_EQ(rectify_forward(&act, DtypeOf(format), 1, &minus_one, &y), RECTIFY_OK);
    EXPECT_EQ(y, RoundToHalf(format, -static_cast<long double>(static_cast<float>(alpha)))) << k;
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, HalfOpsTest,
                         ::testing::Values(HalfFormat::kBf16, HalfFormat::kF16),
                         [](const ::testing::TestParamInfo<HalfFormat>& param) {
                           return std::string(param.param == HalfFormat::kBf16 ? "bf16"
                                                                                : "f16");
                         });

// The conversions: backward of relu at x > 0 passes dy through widening
// and rounding, so every pattern of dy must come back (NaN quieted).
TEST(HalfConversions, EveryPatternRoundTripsOnEveryTarget) {
  for (HalfFormat format : {HalfFormat::kBf16, HalfFormat::kF16}) {
    const rectify_activation relu{RECTIFY_RELU, 0, 0, RECTIFY_ACCURACY_DEFAULT};
    Bits dy(65536), x(65536, 0x3C00 /* f16 1.0 */), dx(65536);
    if (format == HalfFormat::kBf16) x.assign(65536, 0x3F80);  // bf16 1.0
    for (std::size_t i = 0; i < dy.size(); ++i) dy[i] = static_cast<std::uint16_t>(i);
    for (const std::string& target : UsableTargetNames()) {
      const ScopedTarget scoped(target);
      ASSERT_EQ(rectify_backward(&relu, DtypeOf(format), dy.size(), x.data(), dy.data(),
                                 dx.data()),
                RECTIFY_OK);
      for (std::size_t i = 0; i < dy.size(); ++i) {
        const auto bits = static_cast<std::uint16_t>(i);
        const std::uint16_t want =
            HalfIsNaN(format, bits) ? static_cast<std::uint16_t>(bits | HalfQuietBit(format))
                                    : bits;
        ASSERT_EQ(dx[i], want) << target << " 0x" << std::hex << i;
      }
    }
  }
}

}  // namespace
}  // namespace rectify::test
