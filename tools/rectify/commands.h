// The subcommands of the `rectify` tool: each one's options and the function
// that runs it, in its own <name>_command.cc. main.cc alone declares the
// command line (CLI11), fills these options and calls the chosen command.
// Every Run* returns the process exit status: 0, 1 when a rectify call
// fails, 2 for a usage error.
#ifndef RECTIFY_TOOLS_RECTIFY_COMMANDS_H_
#define RECTIFY_TOOLS_RECTIFY_COMMANDS_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/status_error.h"

namespace rectify_cli {

// Options of the top-level app, shared by every subcommand.
struct GlobalOptions {
  std::string target;  // --target, empty when not given
};

// How a command was invoked: its command line as parsed (for reports) and
// the names of the options that were given ("--epochs", ...).
struct Invocation {
  std::string command_line;
  std::vector<std::string> given;

  bool Given(const std::string& name) const {
    return std::find(given.begin(), given.end(), name) != given.end();
  }
};

// `rectify info`: version, targets, CPU.
int RunInfo(const GlobalOptions& global);

// `rectify demo`: the exact ops on sample f32 values.
int RunDemo();

// `rectify verify`: accuracy sweeps.
struct VerifyOptions {
  std::vector<std::string> ops;  // empty: every op
  std::vector<std::string> dtypes = {"f32"};
  std::vector<std::string> directions = {"forward", "backward"};
  std::vector<std::string> targets;  // empty: the active target; "all"
  std::vector<std::string> accuracies = {"default"};  // tiers, each swept
  bool exhaustive = false;
  std::uint64_t samples = 1u << 20;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::optional<double> alpha;
  std::optional<double> beta;
  std::string markdown;
};
int RunVerify(const VerifyOptions& options, const std::string& command);

// `rectify train`: an MLP on Fashion-MNIST per activation. Builds without
// the trainer (RECTIFY_BUILD_TRAINER) answer with a usage error that says so.
struct TrainOptions {
  std::vector<std::string> activations;  // empty: the scenario's
  std::string accuracy = "default";      // the activations' accuracy tier
  std::string scenario = "standard";
  std::vector<std::size_t> hidden = {256, 128};
  std::size_t epochs = 20;
  std::size_t batch = 128;
  std::string optimizer = "adam";
  double learning_rate = 1e-3;
  double momentum = 0.9;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: rectify's setting
  std::size_t limit_train = 0;
  std::string data = "/usr/share/datasets/fashion-mnist";
  std::string out;
  std::string plot;
};
int RunTrain(const TrainOptions& options, const Invocation& invocation);
// The scenario names `rectify train --scenario` accepts, the default first.
std::vector<std::string> TrainScenarioNames();

// `rectify bench ARGS...`: replaces this process with the rectify-bench
// program (bench/compare, beside this one), `--target` first when given,
// then ARGS. Returns only when that fails: status 2, with the reason.
int RunBench(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace rectify_cli

#endif  // RECTIFY_TOOLS_RECTIFY_COMMANDS_H_
