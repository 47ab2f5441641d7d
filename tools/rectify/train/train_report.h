// What `rectify train` reports: one line per epoch, the comparison table at
// the end, and the CSV and JSON files of --out.
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_TRAIN_REPORT_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_TRAIN_REPORT_H_

#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "train/idx_dataset.h"
#include "train/trainer.h"

namespace rectify_cli::train {

// The accuracy the table reports the first epoch and seconds to.
inline constexpr double kTargetAccuracy = 0.85;

// Everything about a `rectify train` invocation that is not an epoch.
struct TrainInfo {
  std::string command;       // as parsed
  std::string scenario;      // "standard", "dying"
  std::string scenario_why;  // one sentence: what the scenario shows
  TrainConfig config;
  std::string data_dir;
  std::size_t train_rows = 0;
  std::size_t test_rows = 0;
  std::size_t inputs = 0;
  PixelStats pixels;  // the training set's, used to standardise both sets
  std::string cpu;
  unsigned logical_cpus = 0;
  int threads = 1;          // OpenBLAS's
  int rectify_threads = 1;  // rectify_get_num_threads() while training
  std::string rectify_version;
  std::string rectify_target;
  std::string accuracy;  // the activations' accuracy tier: "default", "fast", "best"
  std::string blas;  // the BLAS library's own description
};

// The training of one activation, done or in progress.
struct ActivationRun {
  std::string activation;  // rectify_op_name
  double alpha = 0;        // the op's parameters (defaults)
  double beta = 0;
  std::string init;  // InitSchemeName of its hidden layers
  std::vector<EpochResult> epochs;
};

struct RunSummary {
  double best_accuracy = 0;
  std::size_t best_epoch = 0;                   // the first epoch with best_accuracy
  std::optional<std::size_t> epochs_to_target;  // first epoch >= kTargetAccuracy
  std::optional<double> seconds_to_target;      // training seconds up to it
  double final_dead_fraction = 0;
  std::vector<std::size_t> final_dead;
  double train_seconds = 0;  // all epochs
};

// The summary of a run with at least one epoch.
RunSummary Summarize(const ActivationRun& run);

// One human-readable paragraph: network, optimizer and hyperparameters,
// data, threads. No trailing newline.
std::string DescribeConfig(const TrainInfo& info);

// The line printed after an epoch (no trailing newline); `name_width` pads
// the activation name.
std::string EpochLine(const std::string& activation, std::size_t name_width,
                      const EpochResult& epoch, const TrainConfig& config);

// The comparison table: best test accuracy and its epoch, epochs and
// training seconds to first reach kTargetAccuracy ("-" if never), final
// dead-unit fraction.
void PrintSummary(std::FILE* out, const std::vector<ActivationRun>& runs,
                  const TrainConfig& config);

// DIR/train.csv: one row per (activation, epoch). Throws std::runtime_error
// when the file cannot be written.
void WriteCsv(const std::string& path, const std::vector<ActivationRun>& runs,
              const TrainConfig& config);

// DIR/train.json: the info, every run with its epochs and summary, and
// "complete" (false while training goes on). Throws std::runtime_error
// when the file cannot be written.
void WriteJson(const std::string& path, const TrainInfo& info,
               const std::vector<ActivationRun>& runs, bool complete);

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_TRAIN_REPORT_H_
