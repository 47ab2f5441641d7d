// `rectify train`: trains a multilayer perceptron on Fashion-MNIST once per
// activation, with the same seed, data order and hyperparameters, and shows
// what the activation does to training: loss, test accuracy and dead units
// per epoch, and a comparison table at the end. Hidden layers run through
// rectify's fused bias + activation calls and its dead-unit monitor; the
// matrix products through OpenBLAS. Exit status 0, 1 when a call fails, 2
// for usage errors and bad data.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "common/accuracy.h"
#include "common/text_util.h"
#include "train/blas.h"
#include "train/idx_dataset.h"
#include "train/mlp.h"
#include "train/progress.h"
#include "train/train_report.h"
#include "train/trainer.h"

extern char** environ;

namespace rectify_cli {
namespace {

using train::OptimizerKind;

constexpr double kAdamDefaultLr = 1e-3;
constexpr double kSgdDefaultLr = 1e-2;

// A set of defaults that shows one thing; explicit options override them.
struct Scenario {
  const char* name;
  const char* why;  // printed with the configuration
  std::vector<std::string> activations;
  OptimizerKind optimizer;
  double learning_rate;
  std::size_t batch;
  std::size_t epochs;
};

// The dying scenario's numbers were chosen by experiment on this network:
// SGD (with or without momentum, batches 16 to 128) either trains every
// activation or makes them all diverge or collapse together, while Adam at
// 5x its usual learning rate with small batches kills ReLU units gradually.
const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> scenarios = {
      {"standard",
       "",
       {"relu", "leaky_relu", "gelu", "silu", "sigmoid", "tanh"},
       OptimizerKind::kAdam,
       kAdamDefaultLr,
       128,
       20},
      {"dying",
       "dying ReLU: Adam at 5x its usual learning rate, with batches of 16, takes large steps "
       "that push units below 0 for every input. A ReLU unit there gets no gradient and stays "
       "dead (in the first layer, whose inputs never change, for good); leaky_relu's slope "
       "0.01 keeps a gradient, and its quiet units come back. gelu's gradient fades far below "
       "0 too, so it also loses units",
       {"relu", "leaky_relu", "gelu"},
       OptimizerKind::kAdam,
       5e-3,
       16,
       12},
  };
  return scenarios;
}


std::optional<rectify_op> OpNamed(const std::string& name) {
  for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
    if (name == rectify_op_name(static_cast<rectify_op>(op))) return static_cast<rectify_op>(op);
  }
  return std::nullopt;
}

// The plot script: $RECTIFY_PLOT_TRAINING if set, else the source tree's
// scripts/plot-training.py, else one installed beside the program
// (<prefix>/share/rectify/plot-training.py). Empty when none exists.
std::string FindPlotScript() {
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("RECTIFY_PLOT_TRAINING")) candidates.emplace_back(env);
  candidates.emplace_back(RECTIFY_SOURCE_DIR "/scripts/plot-training.py");
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    candidates.push_back(self.parent_path().parent_path() / "share/rectify/plot-training.py");
  }
  for (const auto& candidate : candidates) {
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
  }
  return {};
}

// Runs `python script json -o png`; true when it exits with status 0.
bool RunPlotScript(const std::string& script, const std::string& json, const std::string& png) {
  const std::string python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  std::vector<std::string> words = {python, script, json, "-o", png};
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  pid_t pid = 0;
  if (posix_spawnp(&pid, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    return false;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The configuration: the scenario's defaults, then the options given.
train::TrainConfig ConfigFor(const TrainOptions& options, const Scenario& scenario,
                             const Invocation& invocation) {
  const auto given = [&invocation](const char* name) { return invocation.Given(name); };
  train::TrainConfig config;
  config.hidden = options.hidden;
  config.batch = given("--batch") ? options.batch : scenario.batch;
  config.epochs = given("--epochs") ? options.epochs : scenario.epochs;
  config.seed = options.seed;
  train::OptimizerConfig& optimizer = config.optimizer;
  optimizer.kind = given("--optimizer")
                       ? (options.optimizer == "sgd" ? OptimizerKind::kSgd : OptimizerKind::kAdam)
                       : scenario.optimizer;
  if (given("--lr")) {
    optimizer.learning_rate = options.learning_rate;
  } else if (optimizer.kind == scenario.optimizer) {
    optimizer.learning_rate = scenario.learning_rate;
  } else {
    optimizer.learning_rate =
        optimizer.kind == OptimizerKind::kAdam ? kAdamDefaultLr : kSgdDefaultLr;
  }
  optimizer.momentum = options.momentum;
  return config;
}

// The activations to train, in order, without repeats.
std::vector<std::string> ActivationNames(const TrainOptions& options, const Scenario& scenario) {
  std::vector<std::string> names;
  for (const std::string& name :
       options.activations.empty() ? scenario.activations : options.activations) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

// Both sets, standardised with the training set's statistics (returned).
// Prints what is wrong and returns nullopt when the data is missing or bad.
struct Data {
  train::Dataset train;
  train::Dataset test;
  train::PixelStats pixels;
};
std::optional<Data> LoadData(const TrainOptions& options) {
  Data data;
  try {
    data.train = train::LoadFashionMnist(options.data, "train", options.limit_train);
    data.test = train::LoadFashionMnist(options.data, "t10k", 0);
  } catch (const train::DataError& e) {
    std::fprintf(stderr, "rectify train: %s\n", e.what());
    return std::nullopt;
  }
  if (data.test.rows != data.train.rows || data.test.cols != data.train.cols) {
    std::fprintf(stderr,
                 "rectify train: the test images are %zux%zu, the training images %zux%zu\n",
                 data.test.rows, data.test.cols, data.train.rows, data.train.cols);
    return std::nullopt;
  }
  data.pixels = train::MeasurePixels(data.train);
  train::Standardize(data.train, data.pixels);
  train::Standardize(data.test, data.pixels);
  return data;
}

// Trains every activation in turn: a progress line while it trains, a line
// per epoch, and the CSV and JSON (when `csv` and `json` are not empty)
// rewritten after every epoch.
std::vector<train::ActivationRun> TrainEach(const std::vector<std::string>& names,
                                            const train::TrainInfo& info, const Data& data,
                                            const std::string& csv, const std::string& json) {
  const train::TrainConfig& config = info.config;
  std::size_t name_width = 0;
  for (const std::string& name : names) name_width = std::max(name_width, name.size());
  std::vector<train::ActivationRun> runs;
  train::ProgressLine progress(stderr, true);
  for (const std::string& name : names) {
    rectify_activation act = rectify_activation_default(*OpNamed(name));
    act.accuracy = *ParseAccuracy(info.accuracy);
    runs.push_back(
        {name, act.alpha, act.beta, train::InitSchemeName(train::InitSchemeFor(act.op)), {}});
    train::TrainCallbacks callbacks;
    callbacks.on_batch = [&](const train::BatchProgress& p) {
      if (!progress.Due()) return;
      char text[160];
      std::snprintf(text, sizeof text, "%s epoch %zu/%zu batch %zu/%zu loss %.4f", name.c_str(),
                    p.epoch, config.epochs, p.batch, p.batches, p.mean_loss);
      progress.Draw(text);
    };
    callbacks.on_epoch = [&](const train::EpochResult& epoch) {
      progress.Clear();
      runs.back().epochs.push_back(epoch);
      std::printf("%s\n", train::EpochLine(name, name_width, epoch, config).c_str());
      std::fflush(stdout);
      if (!json.empty()) {
        train::WriteCsv(csv, runs, config);
        train::WriteJson(json, info, runs, false);
      }
    };
    train::Train(config, act, data.train, data.test, callbacks);
  }
  return runs;
}

}  // namespace

std::vector<std::string> TrainScenarioNames() {
  std::vector<std::string> names;
  for (const Scenario& s : Scenarios()) names.push_back(s.name);
  return names;
}

int RunTrain(const TrainOptions& options, const Invocation& invocation) {
  const Scenario& scenario =
      *std::find_if(Scenarios().begin(), Scenarios().end(),
                    [&](const Scenario& s) { return options.scenario == s.name; });
  if (options.hidden.empty()) {
    std::fprintf(stderr, "rectify train: --hidden: give at least one hidden layer\n");
    return 2;
  }

  // The matrix products run on `threads` OpenBLAS threads. rectify's calls
  // (one batch of one layer, batch x units elements) run on the calling
  // thread: OpenBLAS's threads spin for a while after each product, and
  // splitting the activation across rectify's pool meanwhile measured slower
  // (sigmoid, 2 threads, 2 cores: 0.66 s per epoch against 0.52 s). Results
  // do not depend on rectify's thread count.
  const int threads = options.threads > 0 ? options.threads : rectify_get_num_threads();
  train::SetBlasThreads(threads);
  Check(rectify_set_num_threads(1), "rectify_set_num_threads");

  // --out and --plot are checked before the data is read, so a typo fails
  // at once.
  std::string csv, json;
  if (!options.out.empty()) {
    std::error_code error;
    std::filesystem::create_directories(options.out, error);
    if (error || !std::filesystem::is_directory(options.out, error)) {
      std::fprintf(stderr, "rectify train: --out %s: cannot create the directory\n",
                   options.out.c_str());
      return 2;
    }
    csv = (std::filesystem::path(options.out) / "train.csv").string();
    json = (std::filesystem::path(options.out) / "train.json").string();
  }
  const std::string plot_script = options.plot.empty() ? "" : FindPlotScript();
  if (!options.plot.empty() && plot_script.empty()) {
    std::fprintf(stderr,
                 "rectify train: --plot: scripts/plot-training.py not found; set "
                 "RECTIFY_PLOT_TRAINING to its path\n");
    return 2;
  }

  const std::optional<Data> data = LoadData(options);
  if (!data) return 2;

  train::TrainInfo info;
  info.command = invocation.command_line;
  info.scenario = scenario.name;
  info.scenario_why = scenario.why;
  info.config = ConfigFor(options, scenario, invocation);
  info.data_dir = options.data;
  info.train_rows = data->train.count;
  info.test_rows = data->test.count;
  info.inputs = data->train.Features();
  info.pixels = data->pixels;
  info.cpu = CpuModel();
  info.logical_cpus = std::max(1u, std::thread::hardware_concurrency());
  info.threads = threads;
  info.rectify_threads = rectify_get_num_threads();
  info.rectify_version = rectify_version();
  info.rectify_target = rectify_active_target();
  info.accuracy = options.accuracy;
  info.blas = train::BlasDescription();
  std::printf("%s\n", train::DescribeConfig(info).c_str());
  std::printf("rectify %s, target %s, accuracy %s; %s\n\n", info.rectify_version.c_str(),
              info.rectify_target.c_str(), info.accuracy.c_str(), info.blas.c_str());
  std::fflush(stdout);

  const std::vector<train::ActivationRun> runs =
      TrainEach(ActivationNames(options, scenario), info, *data, csv, json);

  std::printf("\n");
  train::PrintSummary(stdout, runs, info.config);
  if (!json.empty()) {
    train::WriteCsv(csv, runs, info.config);
    train::WriteJson(json, info, runs, true);
    std::printf("\nwrote %s and %s\n", csv.c_str(), json.c_str());
  }
  if (!options.plot.empty()) {
    if (!RunPlotScript(plot_script, json, options.plot)) {
      std::fprintf(stderr, "rectify train: %s %s -o %s failed\n", plot_script.c_str(), json.c_str(),
                   options.plot.c_str());
      return 1;
    }
    std::printf("plotted %s\n", options.plot.c_str());
  }
  return 0;
}

}  // namespace rectify_cli
