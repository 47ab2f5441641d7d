// The results of `rectify bench`: one row per (op, dtype, direction,
// placement, size, threads) with every implementation measured on it, the
// aligned text table on stdout and the JSON file.
#ifndef RECTIFY_BENCH_COMPARE_REPORT_H_
#define RECTIFY_BENCH_COMPARE_REPORT_H_

#include <cstddef>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "rectify/rectify.h"
#include "compare/text_table.h"
#include "compare/timing.h"

namespace rectify_cli::bench {

// Implementation names besides the peers' own.
inline constexpr const char* kRectify = "rectify";
inline constexpr const char* kFusedBias = "bias";              // rectify_bias_*
inline constexpr const char* kFusedMonitored = "bias+monitor";  // rectify_forward_monitored
inline constexpr const char* kMemcpy = "memcpy";
inline constexpr const char* kStreamCopy = "nt-copy";

struct Measurement {
  std::string implementation;  // kRectify, a peer's Name(), kMemcpy, kStreamCopy
  std::string kind;            // "rectify", "peer" or "baseline"
  int threads_used = 1;
  TimingResult timing;
  double gbps = 0;  // row bytes / timing.median / 1e9
};

struct Row {
  std::string op;
  std::string tier = "default";  // the accuracy tier: "default", "fast", "best"
  double alpha = 0;
  double beta = 0;
  std::string dtype;      // "f32", "f64", "bf16", "f16", "s8", "u8"
  std::string direction;  // "forward", "backward"
  bool in_place = false;
  std::size_t n = 0;
  int threads = 1;
  std::size_t bytes = 0;       // read + written by one call
  std::size_t copy_bytes = 0;  // bytes / 2: what the copies copy
  bool quantized = false;      // s8, u8: rectify_forward_quantized with
  rectify_quant quant_in{};    // these parameters
  rectify_quant quant_out{};
  std::vector<Measurement> measurements;  // rectify first
  std::vector<std::string> unsupported;   // peers without this workload

  // The measurement of `implementation`, or nullptr.
  const Measurement* Find(const std::string& implementation) const;
  // The peer measurement with the highest GB/s, or nullptr.
  const Measurement* FastestPeer() const;
};

// "1K", "64M" for multiples of 1024 and 1048576, else the decimal count.
std::string SizeName(std::size_t n);

// SizeName of each of `sizes`, in order.
std::vector<std::string> SizeNames(const std::vector<std::size_t>& sizes);

// The text table. Widths are fixed when it is made, from everything that
// can appear in it, so rows can be printed as they are measured.
class Table {
 public:
  // fused: the rows also carry the fused calls (kFusedBias,
  // kFusedMonitored), shown as GB/s and time ratios.
  Table(const std::vector<std::string>& ops, const std::vector<std::size_t>& sizes,
        const std::vector<std::string>& peers, bool fused);
  void PrintLegend(std::FILE* out, int repeats) const;
  void PrintHeader(std::FILE* out) const;
  void PrintRow(std::FILE* out, const Row& row) const;

 private:
  std::vector<std::string> peers_;
  bool fused_;
  TextTable table_;
};

// Everything about the run that is not a row.
struct RunInfo {
  std::string command;
  std::string cpu;
  unsigned logical_cpus = 0;
  std::string rectify_version;
  std::string rectify_target;
  std::string stream_copy_kind;
  std::vector<std::string> peers;
  TimingOptions timing;
  std::size_t copy_grain_bytes = 0;
};

// The opening of a bench JSON document, shared by the CPU and GPU reports:
// "{", format, complete, command and the conventions object (`count` pairs
// {name, text}), up to and including its closing "  },\n".
void WriteJsonHead(std::ostream& out, const char* format, bool complete,
                   const std::string& command, const char* const (*conventions)[2],
                   std::size_t count);

// Writes (overwrites) `path` with the run and its rows; `complete` is false
// while the run is still going. Throws std::runtime_error when it cannot.
void WriteJson(const std::string& path, const RunInfo& info, const std::vector<Row>& rows,
               bool complete);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_REPORT_H_
