// `rectify verify`: accuracy sweeps (tools/verify) over chosen ops, dtypes,
// directions and targets, exhaustive over f32 or sampled, on all cores,
// with a progress line on stderr (when it is a terminal) and a table on
// stdout (and optionally Markdown). Exit status 0 when every sweep is within
// its op's bound with the reference's bits, 1 otherwise, 2 for usage errors.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "common/accuracy.h"
#include "common/direction.h"
#include "verify/sweep.h"

namespace rectify_cli {
namespace {

struct Row {
  std::string target, op, tier, dtype, direction;
  rectify::verify::SweepResult result;
  double bound;
};

std::optional<rectify_op> ParseOp(const std::string& name) {
  for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
    if (name == rectify_op_name(static_cast<rectify_op>(op))) return static_cast<rectify_op>(op);
  }
  return std::nullopt;
}

std::optional<Direction> ParseDirection(const std::string& name) {
  for (Direction d : {Direction::kForward, Direction::kBackward, Direction::kFromOutput}) {
    if (name == DirectionName(d)) return d;
  }
  return std::nullopt;
}

// Whether the library computes (op, dtype, direction) with these
// parameters: a one-element probe call.
bool Available(const rectify_activation& act, rectify_dtype dtype, Direction direction) {
  const double in[2] = {1.0, 1.0};
  double out[1];
  return CallDirection(act, dtype, direction, 1, in, in + 1, out) == RECTIFY_OK;
}

std::string Duration(double seconds) {
  char text[32];
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, s / 60 % 60);
  } else if (s >= 60) {
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%lds", s);
  }
  return text;
}

// "[########------------]  40%  3m10s left  relu f32 forward AVX3_DL (2/6)"
void ShowProgress(double fraction, double elapsed, const std::string& what) {
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '-');
  const std::string left =
      fraction > 0.01 ? Duration(elapsed * (1 - fraction) / fraction) + " left" : "";
  std::fprintf(stderr, "\r[%s] %3d%%  %-12s %s\033[K", bar.c_str(),
               static_cast<int>(fraction * 100), left.c_str(), what.c_str());
  std::fflush(stderr);
}

std::string Ulp(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

std::vector<std::vector<std::string>> TableCells(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> cells = {{"target", "op", "tier", "dtype", "direction",
                                                  "inputs", "special", "max ulp", "bound", "not CR",
                                                  "ref bits", "result", "worst input"}};
  for (const Row& row : rows) {
    const auto& r = row.result;
    cells.push_back({row.target, row.op, row.tier, row.dtype, row.direction,
                     std::to_string(r.checked), std::to_string(r.special), Ulp(r.max_ulp),
                     Ulp(row.bound), std::to_string(r.not_correctly_rounded),
                     !r.bits_checked ? "n/a"
                     : r.reference_mismatches == 0
                         ? "equal"
                         : std::to_string(r.reference_mismatches) + " differ",
                     r.Passed(row.bound) ? "pass" : "FAIL", r.worst});
  }
  return cells;
}

void PrintTable(const std::vector<Row>& rows) {
  const auto cells = TableCells(rows);
  std::vector<std::size_t> widths(cells[0].size(), 0);
  for (const auto& line : cells) {
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
  }
  for (const auto& line : cells) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      std::printf("%-*s%s", static_cast<int>(widths[i]), line[i].c_str(),
                  i + 1 < line.size() ? "  " : "\n");
    }
  }
}

std::string Markdown(const std::vector<Row>& rows, const std::string& command) {
  std::ostringstream out;
  out << "Produced by `" << command << "` (rectify " << rectify_version() << ").\n\n";
  const auto cells = TableCells(rows);
  for (std::size_t line = 0; line < cells.size(); ++line) {
    out << "|";
    for (const std::string& cell : cells[line]) out << " " << (cell.empty() ? "" : cell) << " |";
    out << "\n";
    if (line == 0) {
      out << "|";
      for (std::size_t i = 0; i < cells[0].size(); ++i) out << "---|";
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace

int RunVerify(const VerifyOptions& options, const std::string& command) {
  std::vector<rectify_op> ops;
  if (options.ops.empty()) {
    for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) ops.push_back(static_cast<rectify_op>(op));
  } else {
    for (const std::string& name : options.ops) {
      const auto op = ParseOp(name);
      if (!op) {
        std::fprintf(stderr, "rectify verify: unknown op %s\n", name.c_str());
        return 2;
      }
      ops.push_back(*op);
    }
  }
  std::vector<Direction> directions;
  for (const std::string& name : options.directions) {
    const auto d = ParseDirection(name);
    if (!d) {
      std::fprintf(stderr, "rectify verify: unknown direction %s\n", name.c_str());
      return 2;
    }
    directions.push_back(*d);
  }
  std::vector<rectify_accuracy> accuracies;
  for (const std::string& name : options.accuracies) {
    const auto accuracy = ParseAccuracy(name);
    if (!accuracy) {
      std::fprintf(stderr, "rectify verify: unknown accuracy %s\n", name.c_str());
      return 2;
    }
    accuracies.push_back(*accuracy);
  }
  const std::string initial_target = rectify_active_target();
  std::vector<std::string> targets = options.targets;
  if (targets.empty()) targets = {rectify_active_target()};
  if (targets.size() == 1 && targets[0] == "all") {
    targets.clear();
    for (std::size_t i = 0; i < rectify_target_count(); ++i) targets.push_back(rectify_target_name(i));
  }
  for (const std::string& target : targets) {
    if (rectify_force_target(target.c_str()) != RECTIFY_OK) {
      std::fprintf(stderr, "rectify verify: target %s is not usable here (usable: %s)\n",
                   target.c_str(), UsableTargetList().c_str());
      return 2;
    }
  }

  struct Job {
    std::string target;
    rectify_activation act;
    rectify_dtype dtype;
    Direction direction;
  };
  std::vector<Job> jobs;
  for (const std::string& target : targets) {
    for (const rectify_op op : ops) {
      for (const rectify_accuracy accuracy : accuracies) {
        rectify_activation act = rectify_activation_default(op);
        if (options.alpha) act.alpha = *options.alpha;
        if (options.beta) act.beta = *options.beta;
        act.accuracy = accuracy;
        for (const std::string& dtype_name : options.dtypes) {
          const rectify_dtype dtype = dtype_name == "f64" ? RECTIFY_F64 : RECTIFY_F32;
          for (const Direction direction : directions) {
            // Ops, dtypes and directions the library does not compute are
            // skipped when they come from the defaults, reported otherwise.
            if (!Available(act, dtype, direction)) {
              if (!options.ops.empty()) {
                std::fprintf(stderr, "rectify verify: %s %s %s is not available; skipped\n",
                             rectify_op_name(op), dtype_name.c_str(), DirectionName(direction));
              }
              continue;
            }
            jobs.push_back({target, act, dtype, direction});
          }
        }
      }
    }
  }
  if (jobs.empty()) {
    std::fprintf(stderr, "rectify verify: nothing to verify\n");
    return 2;
  }

  std::vector<Row> rows;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const Job& job = jobs[j];
    Check(rectify_force_target(job.target.c_str()), "rectify_force_target");
    const std::string dtype_name = job.dtype == RECTIFY_F64 ? "f64" : "f32";
    const std::string what = std::string(rectify_op_name(job.act.op)) + " " +
                             AccuracyName(job.act.accuracy) + " " + dtype_name + " " +
                             DirectionName(job.direction) + " " + job.target + " (" +
                             std::to_string(j + 1) + "/" + std::to_string(jobs.size()) + ")";
    rectify::verify::SweepRequest request;
    request.act = job.act;
    request.dtype = job.dtype;
    request.direction = job.direction;
    request.exhaustive = options.exhaustive && job.dtype == RECTIFY_F32;
    request.samples = options.samples;
    request.threads = options.threads;
    if (isatty(fileno(stderr))) request.progress = [&](double fraction) {
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      ShowProgress((static_cast<double>(j) + fraction) / static_cast<double>(jobs.size()), elapsed,
                   what);
    };
    rows.push_back({job.target, rectify_op_name(job.act.op), AccuracyName(job.act.accuracy),
                    dtype_name, DirectionName(job.direction), rectify::verify::RunSweep(request),
                    rectify::verify::BoundUlp(job.act, job.direction)});
  }
  if (isatty(fileno(stderr))) std::fprintf(stderr, "\r\033[K");
  Check(rectify_force_target(initial_target.c_str()), "rectify_force_target");

  PrintTable(rows);
  bool passed = true;
  for (const Row& row : rows) {
    passed = passed && row.result.Passed(row.bound);
    if (row.result.reference_mismatches != 0) {
      std::printf("%s %s %s %s %s: first output differing from the reference: %s\n",
                  row.target.c_str(), row.op.c_str(), row.tier.c_str(), row.dtype.c_str(),
                  row.direction.c_str(), row.result.first_mismatch.c_str());
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu sweeps in %s on %u threads: %s\n", rows.size(), Duration(seconds).c_str(),
              options.threads, passed ? "all within their bounds" : "FAILURES");
  if (!options.markdown.empty()) {
    std::ofstream file(options.markdown);
    file << Markdown(rows, command);
    if (!file) throw std::runtime_error("cannot write " + options.markdown);
  }
  return passed ? 0 : 1;
}

}  // namespace rectify_cli
