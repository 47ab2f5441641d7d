// The subcommands of the `rectify` tool. Each one lives in its own
// <name>_command.cc, registers itself on the top-level app and returns what
// main runs once the command line is parsed.
#ifndef RECTIFY_TOOLS_RECTIFY_COMMANDS_H_
#define RECTIFY_TOOLS_RECTIFY_COMMANDS_H_

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "rectify/rectify.h"

namespace rectify_cli {

// Options of the top-level app, shared by every subcommand.
struct GlobalOptions {
  std::string target;  // --target, empty when not given
};

// A registered subcommand: `app` is set when it was chosen, `run` returns
// the process exit status.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};

Command AddInfoCommand(CLI::App& parent, const GlobalOptions& global);
Command AddDemoCommand(CLI::App& parent, const GlobalOptions& global);
Command AddVerifyCommand(CLI::App& parent, const GlobalOptions& global);
Command AddBenchCommand(CLI::App& parent, const GlobalOptions& global);
Command AddTrainCommand(CLI::App& parent, const GlobalOptions& global);

// A rectify call that returned a status other than RECTIFY_OK; main prints
// it to stderr and exits with status 1.
class StatusError : public std::runtime_error {
 public:
  StatusError(const char* call, rectify_status status)
      : std::runtime_error(std::string(call) + ": " +
                           rectify_status_string(status)),
        status_(status) {}
  rectify_status status() const { return status_; }

 private:
  rectify_status status_;
};

// Throws StatusError unless `status` is RECTIFY_OK. `call` names the call.
inline void Check(rectify_status status, const char* call) {
  if (status != RECTIFY_OK) throw StatusError(call, status);
}

// A validator that accepts exactly one of `valid` and otherwise names the
// bad value and the valid ones. `type` is what --help shows.
inline CLI::Validator OneOf(const std::string& what, const std::vector<std::string>& valid,
                            const std::string& type) {
  return CLI::Validator(
      [what, valid](std::string& value) -> std::string {
        for (const std::string& v : valid) {
          if (v == value) return {};
        }
        std::string list;
        for (const std::string& v : valid) list += (list.empty() ? "" : ", ") + v;
        return "unknown " + what + " '" + value + "'; valid: " + list;
      },
      type);
}

// The usable targets, best first, separated by single spaces.
inline std::string UsableTargetList() {
  std::string list;
  const size_t count = rectify_target_count();
  for (size_t i = 0; i < count; ++i) {
    const char* name = rectify_target_name(i);
    if (name == nullptr) continue;
    if (!list.empty()) list += ' ';
    list += name;
  }
  return list;
}

}  // namespace rectify_cli

#endif  // RECTIFY_TOOLS_RECTIFY_COMMANDS_H_
