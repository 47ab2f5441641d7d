// CLI11 helpers of the command-line programs. CLI11 is a large header: each
// program includes it (through this file) in exactly one translation unit,
// the one that declares its options (tools/rectify/main.cc,
// bench/compare/rectify_bench.cc).
#ifndef RECTIFY_TOOLS_COMMON_CLI_HELPERS_H_
#define RECTIFY_TOOLS_COMMON_CLI_HELPERS_H_

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "common/text_util.h"

namespace rectify_cli {

// A validator that accepts exactly one of `valid` and otherwise names the
// bad value and the valid ones. `type` is what --help shows.
inline CLI::Validator OneOf(const std::string& what, const std::vector<std::string>& valid,
                            const std::string& type) {
  return CLI::Validator(
      [what, valid](std::string& value) -> std::string {
        if (std::find(valid.begin(), valid.end(), value) != valid.end()) return {};
        return "unknown " + what + " '" + value + "'; valid: " + Join(valid, ", ");
      },
      type);
}

// Parses argv into `app`. Returns the status to exit with when parsing ends
// the program (0 after --help or --version; 2 after a usage error, which
// CLI11 has printed), or nullopt to go on.
inline std::optional<int> ParseOrExitStatus(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

// The word quoted for a POSIX shell when it needs to be.
inline std::string ShellWord(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-_.,/=:+@%", c) != nullptr;
  });
  if (plain) return word;
  std::string out = "'";
  for (const char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The command line of `app` as parsed, starting with `program` (for
// example "rectify --target AVX2 train"), options in their order of
// definition, each value shell-quoted where needed.
inline std::string CommandLine(const std::string& program, const CLI::App& app) {
  std::vector<std::string> words = {program};
  for (const CLI::Option* option : app.get_options()) {
    if (option->count() == 0 || option->get_name() == "--help") continue;
    if (option->get_expected_max() == 0) {  // a flag
      words.push_back(option->get_name());
      continue;
    }
    for (const std::string& value : option->results()) {
      words.insert(words.end(), {option->get_name(), ShellWord(value)});
    }
  }
  return Join(words, " ");
}

// The names of the options of `app` that were given ("--epochs", ...).
inline std::vector<std::string> GivenOptions(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    if (option->count() != 0) names.push_back(option->get_name());
  }
  return names;
}

}  // namespace rectify_cli

#endif  // RECTIFY_TOOLS_COMMON_CLI_HELPERS_H_
