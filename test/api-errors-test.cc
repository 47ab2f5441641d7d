// Every C entry point with every kind of bad input: the documented status,
// and nothing written to any output.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "rectify/rectify.h"

namespace {

constexpr float kUntouched = 42.0f;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// An activation whose op holds `value`, written as bytes: producing an
// out-of-range enum value in C++ is undefined behaviour (UBSan reports it),
// so bad dtype and status values are tested from C in c-api-test.c.
rectify_activation WithRawOp(int value) {
  rectify_activation act = rectify_activation_default(RECTIFY_RELU);
  std::memcpy(&act.op, &value, sizeof value);
  return act;
}

// The activation of `op` whose accuracy holds `value`, written as bytes (as
// WithRawOp).
rectify_activation WithRawAccuracy(rectify_op op, int value) {
  rectify_activation act = rectify_activation_default(op);
  std::memcpy(&act.accuracy, &value, sizeof value);
  return act;
}

rectify_activation Act(rectify_op op, double alpha, double beta) {
  rectify_activation act = rectify_activation_default(op);
  act.alpha = alpha;
  act.beta = beta;
  return act;
}

struct Buffers {
  std::vector<float> x = std::vector<float>(64, -1.0f);
  std::vector<float> dy = std::vector<float>(64, 1.0f);
  std::vector<float> out = std::vector<float>(64, kUntouched);
  std::vector<float> dslope = std::vector<float>(8, kUntouched);
  bool Untouched() const {
    for (float v : out) if (v != kUntouched) return false;
    for (float v : dslope) if (v != kUntouched) return false;
    for (float v : x) if (v != -1.0f) return false;
    for (float v : dy) if (v != 1.0f) return false;
    return true;
  }
};

// Runs forward, backward and backward-from-output with the same arguments
// and expects `status` from each, with nothing written.
void ExpectAllDirections(const rectify_activation* act, rectify_dtype dtype,
                         std::size_t n, bool null_x, rectify_status status) {
  Buffers b;
  const float* x = null_x ? nullptr : b.x.data();
  EXPECT_EQ(rectify_forward(act, dtype, n, x, b.out.data()), status);
  EXPECT_EQ(rectify_backward(act, dtype, n, x, b.dy.data(), b.out.data()), status);
  EXPECT_EQ(rectify_backward_from_output(act, dtype, n, x, b.dy.data(), b.out.data()),
            status);
  EXPECT_TRUE(b.Untouched());
}

TEST(ApiErrors, NullActivation) {
  ExpectAllDirections(nullptr, RECTIFY_F32, 4, false, RECTIFY_ERROR_NULL_POINTER);
}

TEST(ApiErrors, NullDataWithElements) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  ExpectAllDirections(&relu, RECTIFY_F32, 4, true, RECTIFY_ERROR_NULL_POINTER);
  Buffers b;
  EXPECT_EQ(rectify_forward(&relu, RECTIFY_F64, 4, b.x.data(), nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_backward(&relu, RECTIFY_F32, 4, b.x.data(), nullptr, b.out.data()),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_backward(&relu, RECTIFY_F32, 4, b.x.data(), b.dy.data(), nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_TRUE(b.Untouched());
}

TEST(ApiErrors, ZeroElementsWithNullPointersIsANoOp) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  EXPECT_EQ(rectify_forward(&relu, RECTIFY_F32, 0, nullptr, nullptr), RECTIFY_OK);
  EXPECT_EQ(rectify_backward(&relu, RECTIFY_F64, 0, nullptr, nullptr, nullptr),
            RECTIFY_OK);
  EXPECT_EQ(rectify_backward_from_output(&relu, RECTIFY_F32, 0, nullptr, nullptr,
                                         nullptr),
            RECTIFY_OK);
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 0, 0, 0, nullptr, nullptr, nullptr),
            RECTIFY_OK);
  EXPECT_EQ(rectify_prelu_backward(RECTIFY_F32, 0, 0, 5, nullptr, nullptr, nullptr,
                                   nullptr, nullptr),
            RECTIFY_OK);
}

TEST(ApiErrors, EnumValuesOutsideTheEnum) {
  for (int bad : {-1, static_cast<int>(rectify_op_count()), 99, 1 << 30}) {
    const rectify_activation act = WithRawOp(bad);
    ExpectAllDirections(&act, RECTIFY_F32, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
    ExpectAllDirections(&act, RECTIFY_F64, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
  }
}

// Accuracy values outside the enum, in every entry point that takes an
// activation: INVALID_ARGUMENT with nothing written (monitor included),
// before any other check that the call would pass.
constexpr int kBadAccuracies[] = {3, -1, 1 << 30, std::numeric_limits<int>::max(),
                                  std::numeric_limits<int>::min()};

TEST(ApiErrors, AccuracyOutsideTheEnumElementwise) {
  for (int bad : kBadAccuracies) {
    for (rectify_op op : {RECTIFY_RELU, RECTIFY_GELU, RECTIFY_SIGMOID}) {
      const rectify_activation act = WithRawAccuracy(op, bad);
      for (rectify_dtype dtype : {RECTIFY_F32, RECTIFY_F64, RECTIFY_BF16, RECTIFY_F16}) {
        ExpectAllDirections(&act, dtype, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
        // Also where the call would have nothing to do.
        ExpectAllDirections(&act, dtype, 0, true, RECTIFY_ERROR_INVALID_ARGUMENT);
      }
    }
  }
  // Every value of the enum is accepted.
  for (rectify_accuracy accuracy :
       {RECTIFY_ACCURACY_DEFAULT, RECTIFY_ACCURACY_FAST, RECTIFY_ACCURACY_BEST}) {
    rectify_activation act = rectify_activation_default(RECTIFY_SIGMOID);
    act.accuracy = accuracy;
    Buffers b;
    EXPECT_EQ(rectify_forward(&act, RECTIFY_F32, 4, b.x.data(), b.out.data()), RECTIFY_OK);
    EXPECT_EQ(
        rectify_backward_from_output(&act, RECTIFY_BF16, 4, b.x.data(), b.dy.data(), b.out.data()),
        RECTIFY_OK);
  }
  EXPECT_EQ(rectify_activation_default(RECTIFY_GELU).accuracy, RECTIFY_ACCURACY_DEFAULT);
}

TEST(ApiErrors, AccuracyOutsideTheEnumChannelsMonitorAndQuantized) {
  const float bias[2] = {0.25f, -0.5f};
  rectify_monitor* monitor = nullptr;
  ASSERT_EQ(rectify_monitor_create(2, 3, &monitor), RECTIFY_OK);
  const rectify_quant quant{0.05f, 3};
  for (int bad : kBadAccuracies) {
    for (rectify_op op : {RECTIFY_RELU, RECTIFY_GELU}) {
      const rectify_activation act = WithRawAccuracy(op, bad);
      for (rectify_dtype dtype : {RECTIFY_F32, RECTIFY_F64, RECTIFY_BF16, RECTIFY_F16}) {
        Buffers b;
        EXPECT_EQ(rectify_bias_forward(&act, dtype, 2, 2, 3, b.x.data(), bias, b.out.data()),
                  RECTIFY_ERROR_INVALID_ARGUMENT);
        EXPECT_EQ(rectify_bias_backward(&act, dtype, 2, 2, 3, b.x.data(), bias, b.dy.data(),
                                        b.out.data(), b.dslope.data()),
                  RECTIFY_ERROR_INVALID_ARGUMENT);
        EXPECT_EQ(rectify_bias_backward(&act, dtype, 0, 2, 3, nullptr, bias, nullptr, nullptr,
                                        b.dslope.data()),
                  RECTIFY_ERROR_INVALID_ARGUMENT);
        EXPECT_EQ(rectify_forward_monitored(&act, dtype, 2, 2, 3, b.x.data(), bias, b.out.data(),
                                            monitor),
                  RECTIFY_ERROR_INVALID_ARGUMENT);
        EXPECT_EQ(rectify_forward_monitored(&act, dtype, 2, 2, 3, b.x.data(), nullptr, b.out.data(),
                                            monitor),
                  RECTIFY_ERROR_INVALID_ARGUMENT);
        EXPECT_TRUE(b.Untouched());
      }
      for (rectify_dtype dtype : {RECTIFY_S8, RECTIFY_U8}) {
        Buffers b;
        EXPECT_EQ(
            rectify_forward_quantized(&act, dtype, quant, quant, 16, b.x.data(), b.out.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
        EXPECT_TRUE(b.Untouched());
      }
    }
  }
  EXPECT_EQ(rectify_monitor_steps(monitor), 0u);
  rectify_monitor_destroy(monitor);
}

// The GPU calls check the accuracy as the CPU calls do, before anything
// about the device: a build without CUDA, or without a GPU, gives
// INVALID_ARGUMENT for it too (where a valid call gives UNSUPPORTED, OK for
// no work, or a device status).
TEST(ApiErrors, AccuracyOutsideTheEnumCuda) {
  const float bias[2] = {0.25f, -0.5f};
  for (int bad : kBadAccuracies) {
    const rectify_activation act = WithRawAccuracy(RECTIFY_TANH, bad);
    for (rectify_dtype dtype : {RECTIFY_F32, RECTIFY_F64, RECTIFY_BF16, RECTIFY_F16}) {
      Buffers b;
      EXPECT_EQ(rectify_cuda_forward(&act, dtype, 4, b.x.data(), b.out.data(), nullptr),
                RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_EQ(rectify_cuda_forward(&act, dtype, 0, nullptr, nullptr, nullptr),
                RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_EQ(
          rectify_cuda_backward(&act, dtype, 4, b.x.data(), b.dy.data(), b.out.data(), nullptr),
          RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_EQ(rectify_cuda_backward(&act, dtype, 0, nullptr, nullptr, nullptr, nullptr),
                RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_EQ(
          rectify_cuda_bias_forward(&act, dtype, 2, 2, 3, b.x.data(), bias, b.out.data(), nullptr),
          RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_EQ(rectify_cuda_bias_forward(&act, dtype, 0, 0, 0, nullptr, nullptr, nullptr, nullptr),
                RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_EQ(rectify_cuda_bias_backward(&act, dtype, 2, 2, 3, b.x.data(), bias, b.dy.data(),
                                           b.out.data(), b.dslope.data(), nullptr),
                RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_EQ(rectify_cuda_bias_backward(&act, dtype, 0, 0, 0, nullptr, nullptr, nullptr, nullptr,
                                           nullptr, nullptr),
                RECTIFY_ERROR_INVALID_ARGUMENT);
      EXPECT_TRUE(b.Untouched());
    }
  }
  // A valid accuracy with no work passes every check: OK, or UNSUPPORTED
  // without the backend.
  rectify_activation fast = rectify_activation_default(RECTIFY_TANH);
  fast.accuracy = RECTIFY_ACCURACY_FAST;
  const rectify_status empty =
      rectify_cuda_forward(&fast, RECTIFY_F32, 0, nullptr, nullptr, nullptr);
  EXPECT_TRUE(empty == RECTIFY_OK || empty == RECTIFY_ERROR_UNSUPPORTED) << empty;
}

TEST(ApiErrors, UnsupportedDtypesAndOps) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  // The int8 dtypes exist for rectify_forward_quantized only.
  ExpectAllDirections(&relu, RECTIFY_S8, 4, false, RECTIFY_ERROR_UNSUPPORTED);
  ExpectAllDirections(&relu, RECTIFY_U8, 4, false, RECTIFY_ERROR_UNSUPPORTED);
}

TEST(ApiErrors, InvalidParameters) {
  for (double alpha : {kNaN, kInf, -kInf}) {
    const rectify_activation act = Act(RECTIFY_LEAKY_RELU, alpha, 0);
    ExpectAllDirections(&act, RECTIFY_F32, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
    ExpectAllDirections(&act, RECTIFY_F64, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
  }
  // Finite in f64 but infinite once rounded to f32.
  const rectify_activation huge = Act(RECTIFY_LEAKY_RELU, 1e300, 0);
  ExpectAllDirections(&huge, RECTIFY_F32, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
  for (double cap : {0.0, -0.0, -1.0, kNaN, kInf}) {
    const rectify_activation act = Act(RECTIFY_CLIPPED_RELU, 0, cap);
    ExpectAllDirections(&act, RECTIFY_F32, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
    ExpectAllDirections(&act, RECTIFY_F64, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
  }
  // A cap that rounds to zero in f32.
  const rectify_activation tiny_cap = Act(RECTIFY_CLIPPED_RELU, 0, 1e-60);
  ExpectAllDirections(&tiny_cap, RECTIFY_F32, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
}

TEST(ApiErrors, InvalidSmoothParameters) {
  std::vector<rectify_activation> bad;
  for (double value : {kNaN, kInf, -kInf, 0x1p65, -0x1p65}) {
    bad.push_back(Act(RECTIFY_ELU, value, 0));
    bad.push_back(Act(RECTIFY_SELU, value, 1.0507009873554805));
    bad.push_back(Act(RECTIFY_SELU, 1.5, value));
  }
  // silu and softplus: beta (the alpha field) in [2^-32, 2^32].
  for (double beta : {kNaN, kInf, -kInf, 0.0, -0.0, -1.0, 0x1p-33, 0x1p33}) {
    bad.push_back(Act(RECTIFY_SILU, beta, 0));
    bad.push_back(Act(RECTIFY_SOFTPLUS, beta, 0));
  }
  for (const rectify_activation& act : bad) {
    ExpectAllDirections(&act, RECTIFY_F32, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
    ExpectAllDirections(&act, RECTIFY_F64, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
  }
  // Finite in f64, infinite in f32.
  const rectify_activation huge = Act(RECTIFY_ELU, 1e300, 0);
  ExpectAllDirections(&huge, RECTIFY_F32, 4, false, RECTIFY_ERROR_INVALID_ARGUMENT);
}

TEST(ApiErrors, BackwardFromOutputNeedsAGradientOfY) {
  Buffers b;
  for (const rectify_activation& act :
       {Act(RECTIFY_LEAKY_RELU, 0.0, 0), Act(RECTIFY_LEAKY_RELU, -0.5, 0),
        rectify_activation_default(RECTIFY_HARDSIGMOID),
        rectify_activation_default(RECTIFY_HARDSWISH),
        rectify_activation_default(RECTIFY_GELU), rectify_activation_default(RECTIFY_SELU),
        rectify_activation_default(RECTIFY_SILU), Act(RECTIFY_ELU, -1.0, 0),
        Act(RECTIFY_ELU, 0.0, 0)}) {
    EXPECT_EQ(rectify_backward_from_output(&act, RECTIFY_F32, 4, b.x.data(),
                                           b.dy.data(), b.out.data()),
              RECTIFY_ERROR_UNSUPPORTED);
  }
  EXPECT_TRUE(b.Untouched());
}

TEST(ApiErrors, SizesThatOverflow) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const std::size_t huge = std::numeric_limits<std::size_t>::max() / 2;
  ExpectAllDirections(&relu, RECTIFY_F32, huge, false, RECTIFY_ERROR_INVALID_ARGUMENT);
  Buffers b;
  const float slope[2] = {0.1f, 0.2f};
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, huge, 2, 3, b.x.data(), slope,
                                  b.out.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 3, 2, huge, b.x.data(), slope,
                                  b.out.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_prelu_backward(RECTIFY_F64, 1u << 20, 2, 1ull << 42, b.x.data(),
                                   slope, b.dy.data(), b.out.data(), b.dslope.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(b.Untouched());
}

TEST(ApiErrors, PartialOverlap) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  Buffers b;
  float* x = b.x.data();
  const std::vector<float> before = b.x;
  EXPECT_EQ(rectify_forward(&relu, RECTIFY_F32, 8, x, x + 1), RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_forward(&relu, RECTIFY_F32, 8, x + 1, x), RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_forward(&relu, RECTIFY_F64, 4, x, x + 1), RECTIFY_ERROR_OVERLAP);
  // Inputs may overlap each other; only the output is checked.
  EXPECT_EQ(rectify_backward(&relu, RECTIFY_F32, 8, x, x + 4, x + 12), RECTIFY_OK);
  b.x = before;
  EXPECT_EQ(rectify_backward(&relu, RECTIFY_F32, 8, x, x + 8, x + 4),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_backward(&relu, RECTIFY_F32, 8, x + 8, x, x + 3),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(b.x, before);
}

TEST(ApiErrors, PreluBadInput) {
  Buffers b;
  const float slope[2] = {0.1f, 0.2f};
  const float nan_slope[2] = {0.1f, std::nanf("")};
  const float inf_slope[2] = {HUGE_VALF, 0.2f};
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 2, 2, 3, b.x.data(), nan_slope, b.out.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 2, 2, 3, b.x.data(), inf_slope, b.out.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 2, 2, 3, b.x.data(), nullptr, b.out.data()),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 2, 2, 3, nullptr, slope, b.out.data()),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_S8, 2, 2, 3, b.x.data(), slope, b.out.data()),
            RECTIFY_ERROR_UNSUPPORTED);
  // y over the slope, y partly over x.
  float* y_over_slope = b.out.data();
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 1, 2, 1, b.x.data(), y_over_slope,
                                  y_over_slope),
            RECTIFY_ERROR_OVERLAP);
  b.out.assign(64, kUntouched);
  EXPECT_EQ(rectify_prelu_forward(RECTIFY_F32, 2, 2, 3, b.x.data(), slope, b.x.data() + 2),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_prelu_backward(RECTIFY_F32, 2, 2, 3, b.x.data(), nan_slope, b.dy.data(),
                                   b.out.data(), b.dslope.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_prelu_backward(RECTIFY_F32, 2, 2, 3, b.x.data(), slope, b.dy.data(),
                                   b.out.data(), nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  // dslope inside dx, dslope over x, dx partly over dy.
  EXPECT_EQ(rectify_prelu_backward(RECTIFY_F32, 2, 2, 3, b.x.data(), slope, b.dy.data(),
                                   b.out.data(), b.out.data() + 4),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_prelu_backward(RECTIFY_F32, 2, 2, 3, b.x.data(), slope, b.dy.data(),
                                   b.out.data(), b.x.data()),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_prelu_backward(RECTIFY_F32, 2, 2, 3, b.x.data(), slope, b.dy.data(),
                                   b.dy.data() + 1, b.dslope.data()),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_TRUE(b.Untouched());
}

TEST(ApiErrors, StatusStringsAndNames) {
  for (int s = 0; s <= 6; ++s) {
    const char* text = rectify_status_string(static_cast<rectify_status>(s));
    ASSERT_NE(text, nullptr);
    EXPECT_STRNE(text, "unknown status");
  }
  EXPECT_STREQ(rectify_op_name(RECTIFY_RELU), "relu");
  EXPECT_STREQ(rectify_op_name(RECTIFY_GELU_TANH), "gelu_tanh");
  EXPECT_STREQ(rectify_op_name(RECTIFY_TANH), "tanh");
  EXPECT_EQ(rectify_activation_default(RECTIFY_LEAKY_RELU).alpha, 0.01);
  EXPECT_EQ(rectify_activation_default(RECTIFY_CLIPPED_RELU).beta, 6.0);
}

TEST(ApiErrors, CompiledTargetsContainTheUsableOnes) {
  const std::size_t compiled = rectify_compiled_target_count();
  ASSERT_GE(compiled, rectify_target_count());
  EXPECT_STREQ(rectify_compiled_target_name(compiled - 1), "SCALAR");
  EXPECT_EQ(rectify_compiled_target_name(compiled), nullptr);
  std::size_t next = 0;  // usable targets appear in the same order
  for (std::size_t i = 0; i < rectify_target_count(); ++i) {
    while (next < compiled &&
           std::string(rectify_compiled_target_name(next)) != rectify_target_name(i)) {
      ++next;
    }
    EXPECT_LT(next, compiled) << rectify_target_name(i) << " is usable but not compiled";
  }
}

TEST(ApiErrors, TargetForcing) {
  ASSERT_GE(rectify_target_count(), 1u);
  EXPECT_STREQ(rectify_target_name(rectify_target_count() - 1), "SCALAR");
  EXPECT_EQ(rectify_target_name(rectify_target_count()), nullptr);
  const std::string best = rectify_active_target();
  EXPECT_EQ(rectify_force_target("no-such-target"), RECTIFY_ERROR_UNSUPPORTED);
  EXPECT_EQ(best, rectify_active_target());
  EXPECT_EQ(rectify_force_target("scalar"), RECTIFY_OK);
  EXPECT_STREQ(rectify_active_target(), "SCALAR");
  EXPECT_EQ(rectify_force_target(nullptr), RECTIFY_OK);
  EXPECT_EQ(best, rectify_active_target());
}

}  // namespace

namespace {

TEST(ApiErrors, BiasBadInput) {
  Buffers b;
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  rectify_activation bad = Act(RECTIFY_CLIPPED_RELU, 0, -1.0);  // negative cap
  const float bias[2] = {0.1f, 0.2f};
  const std::size_t huge = std::numeric_limits<std::size_t>::max() / 2;
  // Forward.
  EXPECT_EQ(rectify_bias_forward(nullptr, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.out.data()),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_bias_forward(&bad, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.out.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_bias_forward(&relu, RECTIFY_F32, 2, 2, 3, b.x.data(), nullptr, b.out.data()),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_bias_forward(&relu, RECTIFY_F32, 2, 2, 3, nullptr, bias, b.out.data()),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_bias_forward(&relu, RECTIFY_U8, 2, 2, 3, b.x.data(), bias, b.out.data()),
            RECTIFY_ERROR_UNSUPPORTED);
  EXPECT_EQ(rectify_bias_forward(&relu, RECTIFY_F32, huge, 2, 3, b.x.data(), bias, b.out.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_bias_forward(&relu, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.x.data() + 1),
            RECTIFY_ERROR_OVERLAP);
  float* y_over_bias = b.out.data();
  EXPECT_EQ(rectify_bias_forward(&relu, RECTIFY_F32, 1, 2, 1, b.x.data(), y_over_bias,
                                 y_over_bias),
            RECTIFY_ERROR_OVERLAP);
  b.out.assign(64, kUntouched);
  // Backward.
  EXPECT_EQ(rectify_bias_backward(&bad, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.dy.data(),
                                  b.out.data(), b.dslope.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_bias_backward(&relu, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.dy.data(),
                                  b.out.data(), nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_bias_backward(&relu, RECTIFY_F64, 1u << 20, 2, 1ull << 42, b.x.data(),
                                  bias, b.dy.data(), b.out.data(), b.dslope.data()),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  // dbias inside dx, dbias over x, dx partly over dy, dx over the bias.
  EXPECT_EQ(rectify_bias_backward(&relu, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.dy.data(),
                                  b.out.data(), b.out.data() + 4),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_bias_backward(&relu, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.dy.data(),
                                  b.out.data(), b.x.data()),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_bias_backward(&relu, RECTIFY_F32, 2, 2, 3, b.x.data(), bias, b.dy.data(),
                                  b.dy.data() + 1, b.dslope.data()),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_bias_backward(&relu, RECTIFY_F32, 1, 2, 1, b.x.data(), b.out.data(),
                                  b.dy.data(), b.out.data() + 1, b.dslope.data()),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_TRUE(b.Untouched());
  // No elements: forward is a no-op, backward zeroes dbias (+0).
  EXPECT_EQ(rectify_bias_forward(&relu, RECTIFY_F32, 0, 2, 3, nullptr, bias, nullptr),
            RECTIFY_OK);
  EXPECT_EQ(rectify_bias_backward(&relu, RECTIFY_F32, 0, 2, 3, nullptr, bias, nullptr,
                                  nullptr, b.dslope.data()),
            RECTIFY_OK);
  EXPECT_EQ(b.dslope[0], 0.0f);
  EXPECT_FALSE(std::signbit(b.dslope[1]));
  EXPECT_EQ(b.dslope[2], kUntouched);
}

}  // namespace
