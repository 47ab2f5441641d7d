// The model and training loop of `rectify train` on tiny synthetic data:
// backpropagated gradients against finite differences, dead-unit counts,
// learning, and reproducibility (same seed, same numbers). Also the RNG.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "gtest/gtest.h"
#include "rectify/rectify.h"
#include "train/idx_dataset.h"
#include "train/mlp.h"
#include "train/rng.h"
#include "train/trainer.h"

namespace rectify_cli::train {
namespace {

// `count` rows of `features` standard-normal inputs labelled by the largest
// of 10 fixed random projections: learnable, not trivially.
Dataset SyntheticData(std::size_t count, std::size_t features, std::uint64_t seed) {
  Rng rng(seed, Stream::kInit);
  std::vector<double> projection(features * kClasses);
  for (double& w : projection) w = rng.Normal();
  Dataset data;
  data.count = count;
  data.rows = 1;
  data.cols = features;
  data.pixels.resize(count * features);
  data.labels.resize(count);
  for (std::size_t r = 0; r < count; ++r) {
    float* x = data.pixels.data() + r * features;
    for (std::size_t f = 0; f < features; ++f) x[f] = static_cast<float>(rng.Normal());
    std::size_t best = 0;
    double best_score = -INFINITY;
    for (std::size_t c = 0; c < kClasses; ++c) {
      double score = 0;
      for (std::size_t f = 0; f < features; ++f) score += projection[f * kClasses + c] * x[f];
      if (score > best_score) {
        best_score = score;
        best = c;
      }
    }
    data.labels[r] = static_cast<std::uint8_t>(best);
  }
  return data;
}

class GradientTest : public ::testing::TestWithParam<rectify_op> {};

TEST_P(GradientTest, MatchesFiniteDifferences) {
  const std::size_t rows = 6;
  const Dataset data = SyntheticData(rows, 5, 7);
  Mlp mlp({5, {4, 3}, kClasses}, rectify_activation_default(GetParam()), rows, 1);
  Rng rng(3, Stream::kInit);
  mlp.Initialize(rng);
  std::vector<Parameter> parameters = mlp.Parameters();
  // Biases away from 0, so their gradients are exercised too.
  for (Parameter& p : parameters) {
    if (p.size <= kClasses) {
      for (std::size_t i = 0; i < p.size; ++i) p.value[i] = 0.1f * static_cast<float>(i) - 0.15f;
    }
  }
  mlp.ForwardBackward(data.pixels.data(), data.labels.data(), rows);
  std::vector<std::vector<float>> analytic;
  for (const Parameter& p : parameters) analytic.emplace_back(p.gradient, p.gradient + p.size);

  const auto mean_loss = [&] {
    return mlp.Evaluate(data.pixels.data(), data.labels.data(), rows).loss_sum / rows;
  };
  const float h = 1e-2f;
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    for (std::size_t i = 0; i < parameters[k].size; ++i) {
      float& value = parameters[k].value[i];
      const float saved = value;
      value = saved + h;
      const double up = mean_loss();
      value = saved - h;
      const double down = mean_loss();
      value = saved;
      const double numeric = (up - down) / (2.0 * h);
      EXPECT_NEAR(analytic[k][i], numeric, 2e-3 + 0.02 * std::fabs(numeric))
          << "parameter " << k << " element " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(SmoothOps, GradientTest,
                         ::testing::Values(RECTIFY_TANH, RECTIFY_GELU, RECTIFY_SILU,
                                           RECTIFY_SIGMOID),
                         [](const auto& test) { return std::string(rectify_op_name(test.param)); });

TEST(MlpTest, CountsDeadUnits) {
  const std::size_t rows = 8;
  const Dataset data = SyntheticData(rows, 5, 1);
  const std::uint32_t window = 3;
  Mlp mlp({5, {6, 4}, kClasses}, rectify_activation_default(RECTIFY_RELU), rows, window);
  Rng rng(1, Stream::kInit);
  mlp.Initialize(rng);
  // Units 0 and 1 of the first layer can never be positive.
  Parameter first_bias = mlp.Parameters()[1];
  ASSERT_EQ(first_bias.size, 6u);
  first_bias.value[0] = first_bias.value[1] = -1e6f;
  for (std::uint32_t step = 0; step < window; ++step) {
    EXPECT_EQ(mlp.DeadUnits()[0], 0u) << "before a whole window";
    mlp.ForwardBackward(data.pixels.data(), data.labels.data(), rows);
  }
  EXPECT_GE(mlp.DeadUnits()[0], 2u);
  // Evaluation does not step the monitors.
  mlp.Evaluate(data.pixels.data(), data.labels.data(), rows);
  EXPECT_GE(mlp.DeadUnits()[0], 2u);
}

TrainConfig TinyConfig(std::uint64_t seed) {
  TrainConfig config;
  config.hidden = {16, 8};
  config.batch = 32;
  config.epochs = 3;
  config.seed = seed;
  config.eval_rows = 64;
  config.optimizer.learning_rate = 1e-2;
  return config;
}

void ExpectSameEpochs(const std::vector<EpochResult>& a, const std::vector<EpochResult>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].train_loss, b[i].train_loss) << "epoch " << i + 1;
    EXPECT_EQ(a[i].test_loss, b[i].test_loss) << "epoch " << i + 1;
    EXPECT_EQ(a[i].test_accuracy, b[i].test_accuracy) << "epoch " << i + 1;
    EXPECT_EQ(a[i].dead, b[i].dead) << "epoch " << i + 1;
  }
}

TEST(TrainTest, SameSeedSameNumbers) {
  const Dataset train = SyntheticData(200, 12, 5);
  const Dataset test = SyntheticData(100, 12, 6);
  for (const rectify_op op : {RECTIFY_RELU, RECTIFY_GELU}) {
    const rectify_activation act = rectify_activation_default(op);
    const auto first = Train(TinyConfig(1), act, train, test, {});
    const auto second = Train(TinyConfig(1), act, train, test, {});
    ExpectSameEpochs(first, second);
    const auto other = Train(TinyConfig(2), act, train, test, {});
    EXPECT_NE(first.back().train_loss, other.back().train_loss);
  }
}

TEST(TrainTest, Learns) {
  const Dataset train = SyntheticData(1000, 12, 5);
  TrainConfig config = TinyConfig(1);
  config.epochs = 15;
  std::size_t epochs_seen = 0;
  std::size_t batches_seen = 0;
  TrainCallbacks callbacks;
  callbacks.on_batch = [&](const BatchProgress& p) {
    ++batches_seen;
    EXPECT_EQ(p.batches, 32u);  // ceil(1000 / 32)
  };
  callbacks.on_epoch = [&](const EpochResult& e) { EXPECT_EQ(e.epoch, ++epochs_seen); };
  const auto epochs =
      Train(config, rectify_activation_default(RECTIFY_RELU), train, train, callbacks);
  EXPECT_EQ(epochs_seen, 15u);
  EXPECT_EQ(batches_seen, 15u * 32u);
  EXPECT_LT(epochs.back().train_loss, 0.5 * epochs.front().train_loss);
  EXPECT_GT(epochs.back().test_accuracy, 0.8);
}

TEST(RngTest, SameSeedSameStream) {
  Rng a(42, Stream::kInit), b(42, Stream::kInit), c(42, Stream::kDataOrder);
  bool streams_differ = false;
  for (int i = 0; i < 100; ++i) {
    const double x = a.Normal();
    EXPECT_EQ(x, b.Normal());
    streams_differ |= x != c.Normal();
  }
  EXPECT_TRUE(streams_differ);
}

TEST(RngTest, Distributions) {
  Rng rng(7, Stream::kInit);
  const int n = 200000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.Normal();
    sum += x;
    squares += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(squares / n, 1.0, 0.02);
  for (int i = 0; i < 1000; ++i) {
    const double u = rng.Uniform(-0.5, 0.25);
    EXPECT_GE(u, -0.5);
    EXPECT_LT(u, 0.25);
    EXPECT_LT(rng.Below(3), 3u);
  }
  std::vector<std::uint32_t> values(1000);
  std::iota(values.begin(), values.end(), 0u);
  rng.Shuffle(values);
  EXPECT_FALSE(std::is_sorted(values.begin(), values.end()));
  std::sort(values.begin(), values.end());
  for (std::uint32_t i = 0; i < values.size(); ++i) EXPECT_EQ(values[i], i);
}

}  // namespace
}  // namespace rectify_cli::train
