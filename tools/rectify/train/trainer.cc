#include "train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>

#include "train/mlp.h"
#include "train/rng.h"

namespace rectify_cli::train {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

EvalResult EvaluateAll(Mlp& mlp, const Dataset& test) {
  EvalResult total;
  const std::size_t features = test.Features();
  for (std::size_t begin = 0; begin < test.count; begin += mlp.MaxRows()) {
    const std::size_t rows = std::min(mlp.MaxRows(), test.count - begin);
    const EvalResult part =
        mlp.Evaluate(test.pixels.data() + begin * features, test.labels.data() + begin, rows);
    total.correct += part.correct;
    total.loss_sum += part.loss_sum;
  }
  return total;
}

}  // namespace

std::size_t BatchesPerEpoch(std::size_t train_rows, std::size_t batch) {
  return (train_rows + batch - 1) / batch;
}

std::vector<EpochResult> Train(const TrainConfig& config, const rectify_activation& activation,
                               const Dataset& train, const Dataset& test,
                               const TrainCallbacks& callbacks) {
  const std::size_t features = train.Features();
  const std::size_t batches = BatchesPerEpoch(train.count, config.batch);
  const MlpShape shape{features, config.hidden, kClasses};
  Mlp mlp(shape, activation, std::max(config.batch, config.eval_rows),
          static_cast<std::uint32_t>(batches));
  Rng init_rng(config.seed, Stream::kInit);
  mlp.Initialize(init_rng);
  Optimizer optimizer(config.optimizer, mlp.Parameters());
  Rng order_rng(config.seed, Stream::kDataOrder);

  const std::size_t hidden_units =
      std::accumulate(config.hidden.begin(), config.hidden.end(), std::size_t{0});
  std::vector<std::uint32_t> order(train.count);
  std::vector<float> x(config.batch * features);
  std::vector<std::uint8_t> labels(config.batch);
  std::vector<EpochResult> results;
  for (std::size_t epoch = 1; epoch <= config.epochs; ++epoch) {
    std::iota(order.begin(), order.end(), 0u);
    order_rng.Shuffle(order);

    const Clock::time_point train_start = Clock::now();
    double loss_sum = 0;
    for (std::size_t b = 0; b < batches; ++b) {
      const std::size_t begin = b * config.batch;
      const std::size_t rows = std::min(config.batch, train.count - begin);
      for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t index = order[begin + r];
        std::memcpy(x.data() + r * features, train.pixels.data() + index * features,
                    features * sizeof(float));
        labels[r] = train.labels[index];
      }
      loss_sum += mlp.ForwardBackward(x.data(), labels.data(), rows);
      optimizer.Step();
      if (callbacks.on_batch) {
        callbacks.on_batch({epoch, b + 1, batches, loss_sum / static_cast<double>(begin + rows)});
      }
    }
    EpochResult result;
    result.epoch = epoch;
    result.train_seconds = SecondsSince(train_start);
    result.train_loss = loss_sum / static_cast<double>(train.count);
    result.dead = mlp.DeadUnits();
    result.dead_fraction = static_cast<double>(std::accumulate(result.dead.begin(),
                                                               result.dead.end(), std::size_t{0})) /
                           static_cast<double>(hidden_units);

    const Clock::time_point eval_start = Clock::now();
    const EvalResult eval = EvaluateAll(mlp, test);
    result.eval_seconds = SecondsSince(eval_start);
    result.test_loss = eval.loss_sum / static_cast<double>(test.count);
    result.test_accuracy = static_cast<double>(eval.correct) / static_cast<double>(test.count);
    results.push_back(result);
    if (callbacks.on_epoch) callbacks.on_epoch(result);
  }
  return results;
}

}  // namespace rectify_cli::train
