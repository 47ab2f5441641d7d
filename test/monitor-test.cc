// The dead-unit monitor's definitions (docs/semantics.md) on crafted
// inputs: a unit is active in a step when any of its pre-activations is
// > 0; dead once `window` steps were seen and none of the last `window`
// had it active; revived by one active step; the activity rate is the
// fraction of positive pre-activations over the window's steps; reset
// forgets everything; bad arguments write nothing, the monitor included.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "rectify/rectify.h"
#include "rectify/rectify.hpp"

namespace {

const rectify_activation kRelu = rectify_activation_default(RECTIFY_RELU);

// One monitored relu step on a [rows][units][1] batch whose unit u gets
// `positive[u]` pre-activations equal to 1 (the rest -1), bias 0.
void Step(rectify_monitor* monitor, std::size_t rows, const std::vector<std::size_t>& positive) {
  const std::size_t units = positive.size();
  std::vector<float> x(rows * units, -1.0f);
  for (std::size_t u = 0; u < units; ++u) {
    for (std::size_t r = 0; r < positive[u]; ++r) x[r * units + u] = 1.0f;
  }
  const std::vector<float> bias(units, 0.0f);
  std::vector<float> y(x.size());
  ASSERT_EQ(rectify_forward_monitored(&kRelu, RECTIFY_F32, rows, units, 1, x.data(),
                                      bias.data(), y.data(), monitor),
            RECTIFY_OK);
}

std::vector<std::uint8_t> DeadMask(const rectify_monitor* monitor) {
  std::vector<std::uint8_t> mask(rectify_monitor_units(monitor), 7);
  EXPECT_EQ(rectify_monitor_dead_mask(monitor, mask.data()), RECTIFY_OK);
  return mask;
}

std::vector<double> Activity(const rectify_monitor* monitor) {
  std::vector<double> rate(rectify_monitor_units(monitor), -1.0);
  EXPECT_EQ(rectify_monitor_activity(monitor, rate.data()), RECTIFY_OK);
  return rate;
}

TEST(Monitor, DeadOnlyAfterAWholeWindowWithoutActivity) {
  rectify_monitor* monitor = nullptr;
  ASSERT_EQ(rectify_monitor_create(3, 3, &monitor), RECTIFY_OK);
  EXPECT_EQ(rectify_monitor_units(monitor), 3u);
  EXPECT_EQ(rectify_monitor_window(monitor), 3u);
  // Unit 0 always active, unit 1 active only in step 1, unit 2 never.
  Step(monitor, 4, {4, 1, 0});
  Step(monitor, 4, {2, 0, 0});
  // Fewer than `window` steps: nothing is dead yet, even unit 2.
  EXPECT_EQ(rectify_monitor_dead_count(monitor), 0u);
  Step(monitor, 4, {1, 0, 0});
  EXPECT_EQ(rectify_monitor_steps(monitor), 3u);
  EXPECT_EQ(DeadMask(monitor), (std::vector<std::uint8_t>{0, 0, 1}));
  Step(monitor, 4, {1, 0, 0});
  // Unit 1's only activity (step 1) has left the window.
  EXPECT_EQ(DeadMask(monitor), (std::vector<std::uint8_t>{0, 1, 1}));
  EXPECT_EQ(rectify_monitor_dead_count(monitor), 2u);
  // One positive pre-activation revives a unit.
  Step(monitor, 4, {1, 0, 1});
  EXPECT_EQ(DeadMask(monitor), (std::vector<std::uint8_t>{0, 1, 0}));
  rectify_monitor_destroy(monitor);
}

TEST(Monitor, ActivityIsTheFractionOfPositivesOverTheWindow) {
  rectify_monitor* monitor = nullptr;
  ASSERT_EQ(rectify_monitor_create(2, 2, &monitor), RECTIFY_OK);
  EXPECT_EQ(Activity(monitor), (std::vector<double>{0.0, 0.0}));  // nothing seen
  Step(monitor, 4, {4, 1});
  EXPECT_EQ(Activity(monitor), (std::vector<double>{1.0, 0.25}));
  Step(monitor, 8, {0, 2});  // window: 12 elements per unit
  EXPECT_EQ(Activity(monitor), (std::vector<double>{4.0 / 12, 3.0 / 12}));
  Step(monitor, 2, {1, 0});  // the first step leaves: 10 elements
  EXPECT_EQ(Activity(monitor), (std::vector<double>{1.0 / 10, 2.0 / 10}));
  ASSERT_EQ(rectify_monitor_reset(monitor), RECTIFY_OK);
  EXPECT_EQ(rectify_monitor_steps(monitor), 0u);
  EXPECT_EQ(Activity(monitor), (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(rectify_monitor_dead_count(monitor), 0u);
  rectify_monitor_destroy(monitor);
}

TEST(Monitor, PreActivationIncludesTheBiasAndNaNIsNotPositive) {
  rectify_monitor* monitor = nullptr;
  ASSERT_EQ(rectify_monitor_create(4, 1, &monitor), RECTIFY_OK);
  // [outer 1][channels 4][inner 2]
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double x[] = {-1, -2, 0.5, -0.5, nan, 1, 0, -0.0};
  const double bias[] = {1.5, -1, 0, 0};  // pre: {.5,-.5}, {-.5,-1.5}, {nan,1}, {0,-0}
  double y[8];
  ASSERT_EQ(rectify_forward_monitored(&kRelu, RECTIFY_F64, 1, 4, 2, x, bias, y, monitor),
            RECTIFY_OK);
  EXPECT_EQ(Activity(monitor), (std::vector<double>{0.5, 0.0, 0.5, 0.0}));
  EXPECT_EQ(DeadMask(monitor), (std::vector<std::uint8_t>{0, 1, 0, 1}));
  EXPECT_EQ(y[0], 0.5);
  EXPECT_EQ(y[3], 0.0);
  // Without a bias the pre-activation is x itself.
  ASSERT_EQ(rectify_forward_monitored(&kRelu, RECTIFY_F64, 1, 4, 2, x, nullptr, y, monitor),
            RECTIFY_OK);
  EXPECT_EQ(Activity(monitor), (std::vector<double>{0.0, 0.5, 0.5, 0.0}));
  rectify_monitor_destroy(monitor);
}

TEST(Monitor, AnEmptyBatchIsAStepWithoutActivity) {
  rectify_monitor* monitor = nullptr;
  ASSERT_EQ(rectify_monitor_create(2, 1, &monitor), RECTIFY_OK);
  ASSERT_EQ(rectify_forward_monitored(&kRelu, RECTIFY_F32, 0, 2, 1, nullptr, nullptr,
                                      nullptr, monitor),
            RECTIFY_OK);
  EXPECT_EQ(rectify_monitor_steps(monitor), 1u);
  EXPECT_EQ(rectify_monitor_dead_count(monitor), 2u);
  rectify_monitor_destroy(monitor);
}

TEST(Monitor, CreateRejectsBadArguments) {
  rectify_monitor* monitor = reinterpret_cast<rectify_monitor*>(0x1);
  EXPECT_EQ(rectify_monitor_create(0, 4, &monitor), RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_monitor_create(4, 0, &monitor), RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_monitor_create(std::numeric_limits<std::size_t>::max() / 4, 100, &monitor),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(monitor, reinterpret_cast<rectify_monitor*>(0x1));  // untouched
  EXPECT_EQ(rectify_monitor_create(4, 4, nullptr), RECTIFY_ERROR_NULL_POINTER);
#ifndef __SANITIZE_ADDRESS__  // AddressSanitizer stops at huge allocations
  // Too large to allocate, small enough to count: OUT_OF_MEMORY, no crash.
  EXPECT_EQ(rectify_monitor_create(std::size_t{1} << 50, 8, &monitor),
            RECTIFY_ERROR_OUT_OF_MEMORY);
  EXPECT_EQ(monitor, reinterpret_cast<rectify_monitor*>(0x1));
#endif
}

TEST(Monitor, NullMonitorQueries) {
  EXPECT_EQ(rectify_monitor_dead_count(nullptr), 0u);
  EXPECT_EQ(rectify_monitor_steps(nullptr), 0u);
  EXPECT_EQ(rectify_monitor_units(nullptr), 0u);
  EXPECT_EQ(rectify_monitor_window(nullptr), 0u);
  std::uint8_t mask[1];
  double rate[1];
  EXPECT_EQ(rectify_monitor_dead_mask(nullptr, mask), RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_monitor_activity(nullptr, rate), RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_monitor_reset(nullptr), RECTIFY_ERROR_NULL_POINTER);
  rectify_monitor_destroy(nullptr);  // a no-op
}

TEST(Monitor, BadCallsWriteNothing) {
  rectify_monitor* monitor = nullptr;
  ASSERT_EQ(rectify_monitor_create(3, 2, &monitor), RECTIFY_OK);
  Step(monitor, 2, {1, 0, 2});
  const std::vector<double> rate_before = Activity(monitor);
  const std::vector<float> x(6, 1.0f);
  const std::vector<float> bias(3, 0.0f);
  std::vector<float> y(6, 42.0f);
  const auto expect_untouched = [&](rectify_status got, rectify_status want) {
    EXPECT_EQ(got, want);
    EXPECT_EQ(rectify_monitor_steps(monitor), 1u);
    EXPECT_EQ(Activity(monitor), rate_before);
    for (const float v : y) EXPECT_EQ(v, 42.0f);
  };
  // Unit count differs from channels.
  expect_untouched(rectify_forward_monitored(&kRelu, RECTIFY_F32, 3, 2, 1, x.data(),
                                             bias.data(), y.data(), monitor),
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  // inner >= 2^32 (with a zero outer, so the size itself is fine).
  expect_untouched(rectify_forward_monitored(&kRelu, RECTIFY_F32, 0, 3, std::size_t{1} << 32,
                                             x.data(), bias.data(), y.data(), monitor),
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  expect_untouched(rectify_forward_monitored(&kRelu, RECTIFY_F32, 2, 3, 1, x.data(),
                                             bias.data(), y.data(), nullptr),
                   RECTIFY_ERROR_NULL_POINTER);
  rectify_activation bad = rectify_activation_default(RECTIFY_LEAKY_RELU);
  bad.alpha = std::nan("");
  expect_untouched(rectify_forward_monitored(&bad, RECTIFY_F32, 2, 3, 1, x.data(),
                                             bias.data(), y.data(), monitor),
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  expect_untouched(rectify_forward_monitored(&kRelu, RECTIFY_S8, 2, 3, 1, x.data(),
                                             bias.data(), y.data(), monitor),
                   RECTIFY_ERROR_UNSUPPORTED);
  // y overlapping the bias.
  expect_untouched(rectify_forward_monitored(&kRelu, RECTIFY_F32, 2, 3, 1, x.data(),
                                             y.data() + 1, y.data(), monitor),
                   RECTIFY_ERROR_OVERLAP);
  rectify_monitor_destroy(monitor);
}

}  // namespace
