// Softmax cross-entropy of `rectify train`: the loss against a double
// computation, the gradient against central finite differences of that
// computation, the bias gradient, stability at large logits, and argmax.
#include <cmath>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "train/softmax.h"

namespace rectify_cli::train {
namespace {

constexpr std::size_t kClasses = 10;

// -log softmax(v)[label] of one row, in double.
double RowLoss(const std::vector<double>& v, std::size_t label) {
  double largest = v[0];
  for (const double x : v) largest = std::max(largest, x);
  double sum = 0;
  for (const double x : v) sum += std::exp(x - largest);
  return std::log(sum) - (v[label] - largest);
}

struct Batch {
  std::size_t rows;
  std::vector<float> logits;
  std::vector<float> bias;
  std::vector<std::uint8_t> labels;
};

Batch MakeBatch(std::size_t rows) {
  Batch batch{rows, std::vector<float>(rows * kClasses), std::vector<float>(kClasses),
              std::vector<std::uint8_t>(rows)};
  for (std::size_t i = 0; i < batch.logits.size(); ++i) {
    batch.logits[i] = static_cast<float>(std::sin(0.7 * static_cast<double>(i)) * 3);
  }
  for (std::size_t c = 0; c < kClasses; ++c) batch.bias[c] = 0.1f * static_cast<float>(c) - 0.4f;
  for (std::size_t r = 0; r < rows; ++r)
    batch.labels[r] = static_cast<std::uint8_t>((3 * r + 1) % kClasses);
  return batch;
}

// The mean loss over the batch in double, with logit `index` moved by `delta`.
double MeanLoss(const Batch& batch, std::size_t index, double delta) {
  double total = 0;
  for (std::size_t r = 0; r < batch.rows; ++r) {
    std::vector<double> v(kClasses);
    for (std::size_t c = 0; c < kClasses; ++c) {
      v[c] = static_cast<double>(batch.logits[r * kClasses + c]) + batch.bias[c];
      if (r * kClasses + c == index) v[c] += delta;
    }
    total += RowLoss(v, batch.labels[r]);
  }
  return total / static_cast<double>(batch.rows);
}

TEST(SoftmaxCrossEntropyTest, LossMatchesDouble) {
  const Batch batch = MakeBatch(7);
  const double sum =
      SoftmaxCrossEntropy(batch.logits.data(), batch.bias.data(), batch.labels.data(), batch.rows,
                          kClasses, nullptr, nullptr);
  EXPECT_NEAR(sum / 7, MeanLoss(batch, 0, 0), 1e-6);
}

TEST(SoftmaxCrossEntropyTest, GradientMatchesFiniteDifferences) {
  const Batch batch = MakeBatch(5);
  std::vector<float> gradient(batch.logits.size());
  std::vector<float> bias_gradient(kClasses);
  SoftmaxCrossEntropy(batch.logits.data(), batch.bias.data(), batch.labels.data(), batch.rows,
                      kClasses, gradient.data(), bias_gradient.data());
  const double h = 1e-5;
  for (std::size_t i = 0; i < batch.logits.size(); ++i) {
    const double numeric = (MeanLoss(batch, i, h) - MeanLoss(batch, i, -h)) / (2 * h);
    EXPECT_NEAR(gradient[i], numeric, 1e-6) << "logit " << i;
  }
  for (std::size_t c = 0; c < kClasses; ++c) {
    double column = 0;
    for (std::size_t r = 0; r < batch.rows; ++r) column += gradient[r * kClasses + c];
    EXPECT_NEAR(bias_gradient[c], column, 1e-7) << "class " << c;
  }
}

TEST(SoftmaxCrossEntropyTest, GradientInPlace) {
  const Batch batch = MakeBatch(3);
  std::vector<float> separate(batch.logits.size());
  SoftmaxCrossEntropy(batch.logits.data(), nullptr, batch.labels.data(), batch.rows, kClasses,
                      separate.data(), nullptr);
  std::vector<float> in_place = batch.logits;
  SoftmaxCrossEntropy(in_place.data(), nullptr, batch.labels.data(), batch.rows, kClasses,
                      in_place.data(), nullptr);
  EXPECT_EQ(in_place, separate);
}

TEST(SoftmaxCrossEntropyTest, StableAtLargeLogits) {
  std::vector<float> logits(2 * kClasses, -1000.0f);
  logits[3] = 1000.0f;             // row 0: certain of class 3, label 3
  logits[kClasses + 5] = 1000.0f;  // row 1: certain of class 5, label 2
  const std::vector<std::uint8_t> labels = {3, 2};
  std::vector<float> gradient(logits.size());
  const double sum = SoftmaxCrossEntropy(logits.data(), nullptr, labels.data(), 2, kClasses,
                                         gradient.data(), nullptr);
  EXPECT_DOUBLE_EQ(sum, 2000.0);  // 0 for row 0, 1000 - (-1000) for row 1
  for (const float g : gradient) EXPECT_TRUE(std::isfinite(g));
  EXPECT_FLOAT_EQ(gradient[kClasses + 2], -0.5f);
  EXPECT_FLOAT_EQ(gradient[kClasses + 5], 0.5f);
}

TEST(CountCorrectTest, ArgmaxWithBias) {
  const std::vector<float> logits = {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  const std::vector<std::uint8_t> labels = {1, 9};
  EXPECT_EQ(CountCorrect(logits.data(), nullptr, labels.data(), 2, kClasses), 2u);
  std::vector<float> bias(kClasses, 0.0f);
  bias[0] = 1.5f;  // row 0 now predicts 0, row 1 still 9
  EXPECT_EQ(CountCorrect(logits.data(), bias.data(), labels.data(), 2, kClasses), 1u);
}

}  // namespace
}  // namespace rectify_cli::train
