// rectify: the command-line tool of the rectify library.
//
//   rectify [--target NAME] info    version, targets, CPU
//   rectify [--target NAME] demo    the exact ops on sample data
//   rectify verify [options]        accuracy sweeps (rectify verify --help)
//   rectify bench [options]         throughput against peers and memcpy: runs
//                                   the rectify-bench program (rectify bench --help)
//   rectify train [options]         an MLP on Fashion-MNIST per activation:
//                                   accuracy, dead units, time
//                                   (rectify train --help)
//
// Exit status: 0 on success, 1 when a rectify call fails, 2 for a usage
// error (including a --target this CPU cannot run).
//
// This file is the tool's only user of CLI11 (a header that costs many
// seconds of compile time in every file that includes it): it declares every
// subcommand's options and calls the Run* functions of commands.h.
#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "common/cli_helpers.h"
#include "rectify/rectify.h"

namespace rectify_cli {
namespace {

constexpr int kMaxTrainThreads = 4096;

// A registered subcommand: `app` is set when it was chosen, `run` returns
// the process exit status.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};

// A finite number in (low, high] (`open_low`) or [low, high).
CLI::Validator NumberIn(double low, double high, bool open_low, const std::string& range) {
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        double number = 0;
        std::size_t used = 0;
        try {
          number = std::stod(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        const bool inside =
            open_low ? number > low && number <= high : number >= low && number < high;
        if (used == value.size() && used != 0 && std::isfinite(number) && inside) return {};
        return "bad value '" + value + "'; valid: " + range;
      },
      "X");
}

// "rectify [--target T] <subcommand>", the start of a reported command line.
std::string ProgramWords(const GlobalOptions& global, const CLI::App& app) {
  std::string words = "rectify";
  if (!global.target.empty()) words += " --target " + ShellWord(global.target);
  return words + " " + app.get_name();
}

Command AddInfoCommand(CLI::App& parent, const GlobalOptions& global) {
  CLI::App* app = parent.add_subcommand(
      "info", "Print the library version, the SIMD targets compiled and "
              "usable on this CPU, the active target and the CPU");
  return {app, [&global] { return RunInfo(global); }};
}

Command AddDemoCommand(CLI::App& parent) {
  CLI::App* app = parent.add_subcommand(
      "demo", "Show relu, leaky_relu, clipped_relu, hardsigmoid, hardswish and "
              "prelu, forward and backward, on sample f32 values");
  return {app, [] { return RunDemo(); }};
}

Command AddVerifyCommand(CLI::App& parent) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* app = parent.add_subcommand(
      "verify",
      "Measure accuracy: every output against the scalar reference (bits) and the exact "
      "value (ulps, correct rounding; wide arithmetic with MPFR where rounding is close)");
  app->add_option("--op", options->ops, "Ops to check (default: every implemented op)");
  app->add_option("--dtype", options->dtypes, "f32 and/or f64 (default f32)")
      ->check(CLI::IsMember({"f32", "f64"}));
  app->add_option("--direction", options->directions,
                  "forward, backward, from_output (default forward backward)")
      ->check(CLI::IsMember({"forward", "backward", "from_output"}));
  app->add_option("--targets", options->targets,
                  "Targets to check, or 'all' (default: the active target)");
  app->add_option("--accuracy", options->accuracies,
                  "Accuracy tiers to check, each against its own bound: default, fast, best "
                  "(default: default)")
      ->check(CLI::IsMember({"default", "fast", "best"}));
  app->add_flag("--exhaustive", options->exhaustive, "Every f32 bit pattern (2^32 inputs)");
  app->add_option("--samples", options->samples,
                  "Stratified inputs per sweep when not exhaustive (default 2^20)")
      ->check(CLI::PositiveNumber);
  app->add_option("--threads", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  app->add_option("--alpha", options->alpha, "Override the ops' alpha parameter");
  app->add_option("--beta", options->beta, "Override the ops' beta parameter");
  app->add_option("--markdown", options->markdown, "Also write the table as Markdown here");
  return {app, [options] {
            std::string command = "rectify verify";
            for (const std::string& op : options->ops) command += " --op " + op;
            for (const std::string& d : options->dtypes) command += " --dtype " + d;
            for (const std::string& d : options->directions) command += " --direction " + d;
            for (const std::string& t : options->targets) command += " --targets " + t;
            for (const std::string& a : options->accuracies) command += " --accuracy " + a;
            if (options->exhaustive) {
              command += " --exhaustive";
            } else {
              command += " --samples " + std::to_string(options->samples);
            }
            return RunVerify(*options, command);
          }};
}

// `rectify bench`: every word after it goes to rectify-bench unparsed,
// --help included.
Command AddBenchCommand(CLI::App& parent, const GlobalOptions& global) {
  CLI::App* app = parent.add_subcommand(
      "bench",
      "Measure throughput (GB/s) of rectify against the peer libraries and memcpy: runs the "
      "rectify-bench program with the same arguments (rectify bench --help lists them)");
  app->set_help_flag();
  app->fallthrough(false);  // no word goes to the top-level app
  app->allow_extras();
  app->prefix_command();
  return {app, [app, &global] { return RunBench(global, app->remaining()); }};
}

#if RECTIFY_CLI_HAVE_TRAINER
Command AddTrainCommand(CLI::App& parent, const GlobalOptions& global) {
  auto options = std::make_shared<TrainOptions>();
  CLI::App* app = parent.add_subcommand(
      "train",
      "Train a multilayer perceptron on Fashion-MNIST once per activation (same seed, data "
      "order and hyperparameters) and compare loss, test accuracy, dead units and time");
  app->footer(
      "Network: inputs, the --hidden dense layers with the activation (fused bias + "
      "activation through rectify, dead units counted by rectify's monitor), a dense output "
      "layer and softmax cross-entropy. Weights: He normal for the ReLU family, gelu, silu "
      "and the other smooth ops, Xavier uniform for sigmoid, tanh and hardsigmoid (and the "
      "output layer), LeCun normal for selu; biases 0. A unit is dead when no training row "
      "of the last epoch gave it a positive pre-activation. Pixels are scaled to [0, 1] and "
      "standardised with the training set's mean and std. Per-epoch lines go to stdout; a "
      "progress line is redrawn on stderr when it is a terminal. Scenarios: 'standard' "
      "(relu, leaky_relu, gelu, silu, sigmoid, tanh; Adam lr 1e-3, batch 128, 20 epochs) "
      "and 'dying' (relu, leaky_relu, gelu; Adam lr 5e-3, batch 16, 12 epochs: a learning "
      "rate too high for ReLU); explicit options override them.");

  const std::vector<std::string> ops = AllOpNames();
  app->add_option("--activation", options->activations,
                  "Activations to train, comma-separated (default: the scenario's; standard: "
                  "relu,leaky_relu,gelu,silu,sigmoid,tanh); any of: " +
                      Join(ops, ", "))
      ->delimiter(',')
      ->check(OneOf("activation", ops, "OP"));
  app->add_option("--accuracy", options->accuracy,
                  "Accuracy tier of the activation calls: default (the default), fast, best")
      ->check(OneOf("accuracy", {"default", "fast", "best"}, "default|fast|best"));
  app->add_option("--scenario", options->scenario,
                  "standard (default) or dying (reproduces the dying-ReLU problem)")
      ->check(OneOf("scenario", TrainScenarioNames(), "NAME"));
  app->add_option("--hidden", options->hidden,
                  "Units of each hidden layer, comma-separated (default 256,128)")
      ->delimiter(',')
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 16));
  app->add_option("--epochs", options->epochs,
                  "Epochs per activation (default: the scenario's; standard 20, dying 12)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  app->add_option("--batch", options->batch,
                  "Rows per minibatch (default: the scenario's; standard 128, dying 16)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 16));
  app->add_option("--optimizer", options->optimizer,
                  "adam (betas 0.9, 0.999, eps 1e-8; the default) or sgd (with --momentum)")
      ->check(OneOf("optimizer", {"adam", "sgd"}, "adam|sgd"));
  app->add_option("--lr", options->learning_rate,
                  "Learning rate (default: the scenario's; standard 1e-3, dying 5e-3; sgd 1e-2)")
      ->check(NumberIn(0, 100, true, "a number in (0, 100]"));
  app->add_option("--momentum", options->momentum, "SGD momentum (default 0.9)")
      ->check(NumberIn(0, 1, false, "a number in [0, 1)"));
  app->add_option("--seed", options->seed,
                  "Seed of the weights and the data order (default 1); the same seed and "
                  "thread count give the same numbers");
  app->add_option("--threads", options->threads,
                  "Threads of the matrix products (OpenBLAS; default: rectify's setting, "
                  "RECTIFY_NUM_THREADS or all hardware threads); the activation calls run on "
                  "the calling thread")
      ->check(CLI::Range(1, kMaxTrainThreads));
  app->add_option("--limit-train", options->limit_train,
                  "Use only the first N training images (default: all)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 26));
  app->add_option("--data", options->data,
                  "Directory of the Fashion-MNIST .gz files (default " + options->data + ")");
  CLI::Option* out = app->add_option(
      "--out", options->out,
      "Write DIR/train.csv (one row per epoch) and DIR/train.json (configuration, machine, "
      "epochs, summary), rewritten after every epoch");
  app->add_option("--plot", options->plot,
                  "After training, draw test accuracy and dead units per epoch into this PNG "
                  "with scripts/plot-training.py (needs --out and python3 with matplotlib)")
      ->needs(out);

  return {app, [app, options, &global] {
            const Invocation invocation = {
                CommandLine(ProgramWords(global, *app), *app), GivenOptions(*app)};
            return RunTrain(*options, invocation);
          }};
}
#else
// A build without the trainer keeps the command, to say how to get it.
Command AddTrainCommand(CLI::App& parent, const GlobalOptions&) {
  CLI::App* app = parent.add_subcommand(
      "train", "Not in this build: rectify was configured without the trainer");
  app->fallthrough(false);
  app->allow_extras();
  app->prefix_command();
  return {app, [] {
            std::fprintf(stderr,
                         "rectify train: this build has no trainer (it needs zlib and OpenBLAS: "
                         "apt-get install zlib1g-dev libopenblas-dev pkg-config, then "
                         "reconfigure; scripts/run-main.sh does both)\n");
            return 2;
          }};
}
#endif

}  // namespace
}  // namespace rectify_cli

int main(int argc, char** argv) {
  using namespace rectify_cli;

  CLI::App app{"rectify: neural-network activation functions, forward and "
               "backward, on every SIMD target with the same bits."};
  app.name("rectify");
  app.set_version_flag("--version", rectify_version());
  app.require_subcommand(1);
  app.fallthrough();  // `rectify info --target SSE4` works too

  GlobalOptions global;
  app.add_option("--target", global.target,
                 "Run on this SIMD target (case-insensitive), e.g. AVX2, "
                 "SSE4, SCALAR; `rectify info` lists the usable ones. "
                 "Overrides the RECTIFY_TARGET environment variable.");

  const Command bench = AddBenchCommand(app, global);
  const std::vector<Command> commands = {AddInfoCommand(app, global), AddDemoCommand(app),
                                         AddVerifyCommand(app), bench,
                                         AddTrainCommand(app, global)};

  if (const std::optional<int> status = ParseOrExitStatus(app, argc, argv)) return *status;

  try {
    // rectify-bench forces the target itself (it gets --target).
    if (!bench.app->parsed() && !ForceTargetOrExplain("rectify", global.target)) return 2;
    for (const Command& command : commands) {
      if (command.app->parsed()) return command.run();
    }
  } catch (const StatusError& e) {
    std::fprintf(stderr, "rectify: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rectify: %s\n", e.what());
    return 1;
  }
  return 2;  // unreachable: require_subcommand(1)
}
