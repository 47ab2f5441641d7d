// rectify: the command-line tool of the rectify library.
//
//   rectify [--target NAME] info    version, targets, CPU
//   rectify [--target NAME] demo    the exact ops on sample data
//   rectify verify [options]        accuracy sweeps (rectify verify --help)
//   rectify bench [options]         throughput against peers and memcpy
//                                   (rectify bench --help)
//   rectify train [options]         an MLP on Fashion-MNIST per activation:
//                                   accuracy, dead units, time
//                                   (rectify train --help)
//
// Exit status: 0 on success, 1 when a rectify call fails, 2 for a usage
// error (including a --target this CPU cannot run).
#include <cstdio>
#include <exception>
#include <vector>

#include "CLI/CLI.hpp"
#include "commands.h"
#include "rectify/rectify.h"

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

  const std::vector<Command> commands = {
      AddInfoCommand(app, global),
      AddDemoCommand(app, global),
      AddVerifyCommand(app, global),
      AddBenchCommand(app, global),
      AddTrainCommand(app, global),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  try {
    if (!global.target.empty()) {
      const rectify_status status = rectify_force_target(global.target.c_str());
      if (status != RECTIFY_OK) {
        std::fprintf(stderr,
                     "rectify: --target %s: %s\n"
                     "rectify: the targets usable on this CPU are: %s\n",
                     global.target.c_str(), rectify_status_string(status),
                     UsableTargetList().c_str());
        return 2;
      }
    }
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
