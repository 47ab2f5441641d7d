#include "train/softmax.h"

#include <cmath>
#include <vector>

namespace rectify_cli::train {
namespace {

// The fixed size the per-row scratch can have on the stack.
constexpr std::size_t kMaxStackClasses = 64;

}  // namespace

double SoftmaxCrossEntropy(const float* logits, const float* bias, const std::uint8_t* labels,
                           std::size_t batch, std::size_t classes, float* dlogits, float* dbias) {
  float stack_row[kMaxStackClasses];
  std::vector<float> heap_row(classes > kMaxStackClasses ? classes : 0);
  float* row = classes > kMaxStackClasses ? heap_row.data() : stack_row;
  double stack_sums[kMaxStackClasses];
  std::vector<double> heap_sums(dbias != nullptr && classes > kMaxStackClasses ? classes : 0);
  double* column_sums = classes > kMaxStackClasses ? heap_sums.data() : stack_sums;
  if (dbias != nullptr) {
    for (std::size_t c = 0; c < classes; ++c) column_sums[c] = 0;
  }

  const float inverse_batch = 1.0f / static_cast<float>(batch);
  double total_loss = 0;
  for (std::size_t r = 0; r < batch; ++r) {
    const float* in = logits + r * classes;
    float largest = -INFINITY;
    for (std::size_t c = 0; c < classes; ++c) {
      row[c] = bias != nullptr ? in[c] + bias[c] : in[c];
      largest = std::fmax(largest, row[c]);
    }
    const std::size_t label = labels[r];
    const float label_shifted = row[label] - largest;
    float sum = 0;
    for (std::size_t c = 0; c < classes; ++c) {
      row[c] = std::exp(row[c] - largest);
      sum += row[c];
    }
    // -log(e^(v_label - max) / sum); sum >= 1, so the log is finite.
    total_loss += std::log(static_cast<double>(sum)) - static_cast<double>(label_shifted);
    if (dlogits == nullptr) continue;
    float* out = dlogits + r * classes;
    const float scale = inverse_batch / sum;
    for (std::size_t c = 0; c < classes; ++c) {
      out[c] = row[c] * scale - (c == label ? inverse_batch : 0.0f);
      if (dbias != nullptr) column_sums[c] += out[c];
    }
  }
  if (dbias != nullptr) {
    for (std::size_t c = 0; c < classes; ++c) dbias[c] = static_cast<float>(column_sums[c]);
  }
  return total_loss;
}

std::size_t CountCorrect(const float* logits, const float* bias, const std::uint8_t* labels,
                         std::size_t batch, std::size_t classes) {
  std::size_t correct = 0;
  for (std::size_t r = 0; r < batch; ++r) {
    const float* in = logits + r * classes;
    std::size_t best = 0;
    float best_value = -INFINITY;
    for (std::size_t c = 0; c < classes; ++c) {
      const float value = bias != nullptr ? in[c] + bias[c] : in[c];
      if (value > best_value) {
        best_value = value;
        best = c;
      }
    }
    correct += best == labels[r];
  }
  return correct;
}

}  // namespace rectify_cli::train
