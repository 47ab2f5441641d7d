// `rectify bench`: the comparison against the peer libraries lives in its own
// program, rectify-bench (bench/compare), so that the `rectify` tool loads
// none of the peers' libraries (libtorch alone takes about 0.4 s to load).
// This command finds that program and runs it in this process's place.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "commands.h"

namespace rectify_cli {
namespace {

constexpr const char* kProgram = "rectify-bench";

// $RECTIFY_BENCH if set, else rectify-bench beside this program (where the
// build puts it and where `cmake --install` puts it when benchmarks are
// installed). Empty when neither exists.
std::string FindBenchProgram() {
  if (const char* env = std::getenv("RECTIFY_BENCH"); env != nullptr && *env != '\0') return env;
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {};
  const std::filesystem::path beside = self.parent_path() / kProgram;
  return access(beside.c_str(), X_OK) == 0 ? beside.string() : std::string();
}

}  // namespace

int RunBench(const GlobalOptions& global, const std::vector<std::string>& args) {
  const std::string program = FindBenchProgram();
  if (program.empty()) {
    std::fprintf(stderr,
                 "rectify bench: %s is not beside this program: this build has no "
                 "benchmarks (configure with -DRECTIFY_BUILD_BENCHMARKS=ON, which needs CLI11; "
                 "scripts/run-bench.sh does it), or set RECTIFY_BENCH to its path\n",
                 kProgram);
    return 2;
  }
  std::vector<std::string> words = {program};
  if (!global.target.empty()) words.insert(words.end(), {"--target", global.target});
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  execv(program.c_str(), argv.data());
  std::fprintf(stderr, "rectify bench: cannot run %s: %s\n", program.c_str(),
               std::strerror(errno));
  return 2;
}

}  // namespace rectify_cli
