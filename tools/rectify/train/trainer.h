// The training loop of `rectify train`: minibatches in a shuffled order per
// epoch, one optimizer step per batch, evaluation on the test set after
// every epoch, dead units from the monitors.
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_TRAINER_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_TRAINER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "rectify/rectify.h"
#include "train/idx_dataset.h"
#include "train/optimizer.h"

namespace rectify_cli::train {

struct TrainConfig {
  std::vector<std::size_t> hidden = {256, 128};
  std::size_t batch = 128;
  std::size_t epochs = 20;
  OptimizerConfig optimizer;
  std::uint64_t seed = 1;
  std::size_t eval_rows = 1000;  // test rows per evaluation call
};

struct EpochResult {
  std::size_t epoch = 0;          // from 1
  double train_loss = 0;          // mean over the epoch's training rows
  double test_loss = 0;           // mean over the test set after the epoch
  double test_accuracy = 0;       // fraction correct, 0 to 1
  std::vector<std::size_t> dead;  // dead units per hidden layer
  double dead_fraction = 0;       // sum of dead / all hidden units
  double train_seconds = 0;       // the epoch's batches, optimizer included
  double eval_seconds = 0;        // the test-set evaluation
};

struct BatchProgress {
  std::size_t epoch = 0;  // from 1
  std::size_t batch = 0;  // batches done in this epoch
  std::size_t batches = 0;
  double mean_loss = 0;  // over the rows done in this epoch
};

struct TrainCallbacks {
  std::function<void(const BatchProgress&)> on_batch;  // after every batch
  std::function<void(const EpochResult&)> on_epoch;    // after every epoch
};

// Batches per epoch: ceil(train rows / batch); the last may be partial.
std::size_t BatchesPerEpoch(std::size_t train_rows, std::size_t batch);

// Trains one network of shape inputs-hidden-classes with `activation` on
// `train` and evaluates it on `test` after every epoch. The weights come
// from stream kInit of config.seed and the data order from stream
// kDataOrder, so every activation sees the same order; with the same seed
// and thread count the results are identical. The monitors' window is one
// epoch of batches: a unit is dead when no training row of the last epoch
// gave it a positive pre-activation. Throws std::runtime_error when a
// rectify call fails.
std::vector<EpochResult> Train(const TrainConfig& config, const rectify_activation& activation,
                               const Dataset& train, const Dataset& test,
                               const TrainCallbacks& callbacks);

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_TRAINER_H_
