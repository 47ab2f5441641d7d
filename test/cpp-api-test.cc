// The C++ API: typed spans, named activations, exceptions carrying the
// status, and agreement with the C API.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rectify/rectify.hpp"

namespace {

TEST(CppApi, ForwardAndBackward) {
  const std::vector<float> x = {-2.0f, -0.0f, 0.5f, 7.0f};
  std::vector<float> y(x.size());
  rectify::forward(rectify::Activation::relu(), x, y);
  EXPECT_EQ(y, (std::vector<float>{0.0f, 0.0f, 0.5f, 7.0f}));
  EXPECT_FALSE(std::signbit(y[1]));

  rectify::forward(rectify::Activation::clipped_relu(), x, y);
  EXPECT_EQ(y[3], 6.0f);

  const std::vector<double> xd = {-2.0, 3.0};
  const std::vector<double> dy = {1.0, 1.0};
  std::vector<double> dx(2);
  rectify::backward(rectify::Activation::leaky_relu(0.25), xd, dy, dx);
  EXPECT_EQ(dx, (std::vector<double>{0.25, 1.0}));
  rectify::backward_from_output(rectify::Activation::relu(), xd, dy, dx);
  EXPECT_EQ(dx, (std::vector<double>{0.0, 1.0}));
}

TEST(CppApi, InPlace) {
  std::vector<float> v = {-1.0f, 2.0f};
  rectify::forward(rectify::Activation::leaky_relu(0.5), v, v);
  EXPECT_EQ(v, (std::vector<float>{-0.5f, 2.0f}));
}

TEST(CppApi, AccuracyTier) {
  const rectify::Activation gelu = rectify::Activation::gelu();
  EXPECT_EQ(gelu.accuracy(), rectify::Accuracy::standard);
  EXPECT_EQ(gelu.c().accuracy, RECTIFY_ACCURACY_DEFAULT);
  const rectify::Activation fast = gelu.with_accuracy(rectify::Accuracy::fast);
  EXPECT_EQ(fast.accuracy(), rectify::Accuracy::fast);
  EXPECT_EQ(fast.c().accuracy, RECTIFY_ACCURACY_FAST);
  EXPECT_EQ(gelu.accuracy(), rectify::Accuracy::standard);  // a copy
  const rectify::Activation best =
      rectify::Activation::leaky_relu(0.25).with_accuracy(rectify::Accuracy::best);
  EXPECT_EQ(best.c().accuracy, RECTIFY_ACCURACY_BEST);
  EXPECT_EQ(best.alpha(), 0.25);  // other fields kept
  EXPECT_EQ(best.with_alpha(0.5).accuracy(), rectify::Accuracy::best);
  // Every tier computes (the bounds: docs/semantics.md, "Accuracy tiers").
  const std::vector<float> x = {-3.0f, -0.5f, 0.0f, 2.0f};
  std::vector<float> y(x.size());
  for (rectify::Accuracy accuracy :
       {rectify::Accuracy::standard, rectify::Accuracy::fast, rectify::Accuracy::best}) {
    rectify::forward(gelu.with_accuracy(accuracy), x, y);
    EXPECT_NEAR(y[3], 1.9545f, 1e-4f);
  }
  // A value outside the enum is an invalid argument.
  std::vector<float> z(x.size());
  EXPECT_THROW(rectify::forward(gelu.with_accuracy(static_cast<rectify::Accuracy>(7)), x, z),
               rectify::Error);
}

TEST(CppApi, ErrorsThrowWithStatus) {
  std::vector<float> x(4), y(3);
  try {
    rectify::forward(rectify::Activation::relu(), x, y);
    FAIL() << "size mismatch must throw";
  } catch (const rectify::Error& e) {
    EXPECT_EQ(e.status(), RECTIFY_ERROR_INVALID_ARGUMENT);
  }
  std::vector<float> z(4);
  try {
    rectify::forward(rectify::Activation::leaky_relu(NAN), x, z);
    FAIL() << "NaN slope must throw";
  } catch (const rectify::Error& e) {
    EXPECT_EQ(e.status(), RECTIFY_ERROR_INVALID_ARGUMENT);
  }
  EXPECT_THROW(rectify::forward(rectify::Activation::softplus(0.0), x, z), rectify::Error);
  EXPECT_THROW(rectify::backward_from_output(rectify::Activation::gelu(), x, x, z),
               rectify::Error);
  EXPECT_THROW(rectify::backward_from_output(rectify::Activation::hardswish(), x, x, z),
               rectify::Error);
  EXPECT_THROW(rectify::force_target("no-such-target"), rectify::Error);
}

TEST(CppApi, SmoothOps) {
  const std::vector<double> x = {-1.0, 0.0, 1.0, -INFINITY};
  std::vector<double> y(4);
  rectify::forward(rectify::Activation::gelu(), std::span<const double>(x), std::span<double>(y));
  EXPECT_DOUBLE_EQ(y[2], 0.8413447460685429);
  EXPECT_EQ(y[3], 0.0);
  EXPECT_TRUE(std::signbit(y[3]));  // gelu(-inf) = -0
  rectify::forward(rectify::Activation::sigmoid(), std::span<const double>(x), std::span<double>(y));
  const std::vector<double> dy(4, 1.0);
  std::vector<double> from_y(4), from_x(4);
  rectify::backward_from_output(rectify::Activation::sigmoid(), std::span<const double>(y),
                                std::span<const double>(dy), std::span<double>(from_y));
  rectify::backward(rectify::Activation::sigmoid(), std::span<const double>(x),
                    std::span<const double>(dy), std::span<double>(from_x));
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(from_y[i], from_x[i], 1e-15);
  EXPECT_EQ(rectify::Activation::silu(1.702).alpha(), 1.702);
}

TEST(CppApi, Prelu) {
  const rectify::PreluShape shape{2, 2, 1};
  const std::vector<float> x = {-1, 1, -2, 2};
  const std::vector<float> slope = {0.5f, 0.25f};
  std::vector<float> y(4), dx(4), dslope(2);
  rectify::prelu_forward(shape, x, slope, y);
  EXPECT_EQ(y, (std::vector<float>{-0.5f, 1, -1, 2}));
  const std::vector<float> dy = {1, 1, 1, 1};
  rectify::prelu_backward(shape, x, slope, dy, dx, dslope);
  EXPECT_EQ(dslope, (std::vector<float>{-3, 0}));
  EXPECT_THROW(rectify::prelu_forward(rectify::PreluShape{3, 2, 1}, x, slope, y),
               rectify::Error);
}

TEST(CppApi, BiasAndMonitor) {
  const rectify::ChannelShape shape{2, 2, 1};
  const std::vector<float> x = {-1, 1, -2, 2};
  const std::vector<float> bias = {1.5f, -1.5f};
  std::vector<float> y(4), dx(4), dbias(2);
  const auto relu = rectify::Activation::relu();
  rectify::bias_forward(relu, shape, x, bias, y);
  EXPECT_EQ(y, (std::vector<float>{0.5f, 0, 0, 0.5f}));
  const std::vector<float> dy = {1, 2, 4, 8};
  rectify::bias_backward(relu, shape, x, bias, dy, dx, dbias);
  EXPECT_EQ(dx, (std::vector<float>{1, 0, 0, 8}));
  EXPECT_EQ(dbias, (std::vector<float>{1, 8}));

  rectify::Monitor monitor(2, 1);
  monitor.forward<float>(relu, shape, x, bias, y);
  EXPECT_EQ(monitor.steps(), 1u);
  EXPECT_EQ(monitor.activity(), (std::vector<double>{0.5, 0.5}));
  monitor.forward<float>(relu, shape, std::vector<float>{-1, -1, -1, -1}, {}, y);
  EXPECT_EQ(monitor.dead_count(), 2u);
  EXPECT_EQ(monitor.dead_mask(), (std::vector<std::uint8_t>{1, 1}));
  rectify::Monitor moved = std::move(monitor);
  EXPECT_EQ(moved.units(), 2u);
  moved.reset();
  EXPECT_EQ(moved.steps(), 0u);
  EXPECT_THROW(rectify::Monitor(0, 4), rectify::Error);
  EXPECT_THROW(moved.forward<float>(relu, rectify::ChannelShape{1, 4, 1}, x, {}, y),
               rectify::Error);
}

TEST(CppApi, TargetsAndNames) {
  const std::vector<std::string> targets = rectify::targets();
  ASSERT_FALSE(targets.empty());
  EXPECT_EQ(targets.back(), "SCALAR");
  rectify::force_target("SCALAR");
  EXPECT_EQ(rectify::active_target(), "SCALAR");
  rectify::reset_target();
  EXPECT_EQ(rectify::active_target(), targets.front());
  EXPECT_EQ(rectify::Activation::hardswish().name(), "hardswish");
  EXPECT_EQ(rectify::Activation::leaky_relu().alpha(), 0.01);
  EXPECT_FALSE(rectify::version().empty());
}

}  // namespace

TEST(CppApi, HalfAndQuantized) {
  // bf16 1.5 = 0x3FC0, -2 = 0xC000; f16 1.5 = 0x3E00, -2 = 0xC000.
  const std::vector<rectify::bf16> xb = {{0x3FC0}, {0xC000}};
  std::vector<rectify::bf16> yb(2);
  rectify::forward(rectify::Activation::relu(), xb, yb);
  EXPECT_EQ(yb[0].bits, 0x3FC0);
  EXPECT_EQ(yb[1].bits, 0x0000);
  const std::vector<rectify::f16> xh = {{0x3E00}, {0xC000}};
  std::vector<rectify::f16> dyh = {{0x3C00}, {0x3C00}}, dxh(2);
  rectify::backward(rectify::Activation::leaky_relu(0.5), xh, dyh, dxh);
  EXPECT_EQ(dxh[0].bits, 0x3C00);  // 1
  EXPECT_EQ(dxh[1].bits, 0x3800);  // 0.5
  std::vector<std::int8_t> q = {-10, 0, 10}, out(3);
  rectify::forward_quantized(rectify::Activation::relu(), {0.5f, 0}, {1.0f, 0}, q, out);
  EXPECT_EQ(out, (std::vector<std::int8_t>{0, 0, 5}));
  std::vector<std::uint8_t> u = {1}, v(2);
  EXPECT_THROW(rectify::forward_quantized(rectify::Activation::relu(), {0.5f, 0}, {1.0f, 0},
                                          u, v),
               rectify::Error);
}
