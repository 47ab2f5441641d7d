// The optimizers of `rectify train` on small known cases, against the
// update rules written out in double.
#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "train/optimizer.h"

namespace rectify_cli::train {
namespace {

TEST(OptimizerTest, AdamFirstStepMovesByLearningRate) {
  // t = 1: m/(1-b1) = g and sqrt(v/(1-b2)) = |g|, so p -= lr * g / (|g| + eps).
  std::vector<float> value = {1.0f, -2.0f, 0.5f};
  const std::vector<float> gradient = {0.3f, -4.0f, 0.0f};
  OptimizerConfig config;
  config.learning_rate = 0.01;
  Optimizer adam(config, {{value.data(), gradient.data(), value.size()}});
  adam.Step();
  EXPECT_FLOAT_EQ(value[0], 0.99f);
  EXPECT_FLOAT_EQ(value[1], -1.99f);
  EXPECT_EQ(value[2], 0.5f);
  EXPECT_EQ(adam.steps(), 1u);
}

TEST(OptimizerTest, AdamMatchesReferenceOverSteps) {
  std::vector<float> value = {0.2f};
  std::vector<float> gradient = {0.0f};
  OptimizerConfig config;
  config.learning_rate = 0.05;
  Optimizer adam(config, {{value.data(), gradient.data(), 1}});
  double p = 0.2, m = 0, v = 0;
  for (int t = 1; t <= 5; ++t) {
    const double g = 0.5 * t - 1.2;  // changes sign
    gradient[0] = static_cast<float>(g);
    adam.Step();
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    p -= 0.05 / (1 - std::pow(0.9, t)) * m /
         (std::sqrt(v) / std::sqrt(1 - std::pow(0.999, t)) + 1e-8);
    EXPECT_NEAR(value[0], p, 1e-6) << "step " << t;
  }
}

TEST(OptimizerTest, SgdWithMomentum) {
  // u1 = g = 0.5, p = 1 - 0.1*0.5 = 0.95; u2 = 0.9*0.5 + 0.5 = 0.95, p = 0.855.
  std::vector<float> value = {1.0f};
  const std::vector<float> gradient = {0.5f};
  OptimizerConfig config;
  config.kind = OptimizerKind::kSgd;
  config.learning_rate = 0.1;
  config.momentum = 0.9;
  Optimizer sgd(config, {{value.data(), gradient.data(), 1}});
  sgd.Step();
  EXPECT_FLOAT_EQ(value[0], 0.95f);
  sgd.Step();
  EXPECT_FLOAT_EQ(value[0], 0.855f);
}

TEST(OptimizerTest, PlainSgd) {
  std::vector<float> value = {1.0f, 2.0f};
  const std::vector<float> gradient = {0.5f, -1.0f};
  OptimizerConfig config;
  config.kind = OptimizerKind::kSgd;
  config.learning_rate = 0.5;
  config.momentum = 0;
  Optimizer sgd(config, {{value.data(), gradient.data(), 2}});
  sgd.Step();
  sgd.Step();
  EXPECT_EQ(value, (std::vector<float>{0.5f, 3.0f}));
}

TEST(OptimizerTest, UpdatesEveryParameter) {
  std::vector<float> a = {1.0f}, b = {1.0f, 1.0f};
  const std::vector<float> ga = {1.0f}, gb = {-1.0f, 1.0f};
  OptimizerConfig config;
  config.kind = OptimizerKind::kSgd;
  config.learning_rate = 0.25;
  Optimizer sgd(config, {{a.data(), ga.data(), 1}, {b.data(), gb.data(), 2}});
  sgd.Step();
  EXPECT_EQ(a[0], 0.75f);
  EXPECT_EQ(b, (std::vector<float>{1.25f, 0.75f}));
}

}  // namespace
}  // namespace rectify_cli::train
