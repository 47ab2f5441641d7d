// The results of `rectify bench --device cuda`: one row per (op, dtype,
// direction, size) with rectify's CUDA call, a device-to-device copy and
// cuDNN measured on it; printed as an aligned table on stdout, and written
// as CSV (one line per row) and JSON (every sample). The files are
// replaced whole (written as path.tmp, then renamed), so a run stopped at
// any moment leaves the last complete version.
#ifndef RECTIFY_BENCH_COMPARE_CUDA_REPORT_H_
#define RECTIFY_BENCH_COMPARE_CUDA_REPORT_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "compare/text_table.h"
#include "compare/timing.h"

namespace rectify_cli::bench {

// One implementation on one row; `failure` is set (and `timing` empty) when
// it has no result: a failed call, or a peer without the workload.
struct DeviceMeasurement {
  std::string failure;
  TimingResult timing;
  double gbps = 0;  // bytes it is credited with / timing.median / 1e9
  bool ok() const { return failure.empty() && timing.median > 0; }
};

struct CudaRow {
  std::string op;
  double alpha = 0;
  double beta = 0;
  std::string dtype;      // "f32", "f64", "bf16", "f16"
  std::string direction;  // "forward", "backward", "bias_forward", "bias_backward"
  std::size_t n = 0;
  std::size_t channels = 0;  // bias rows: layout [n / (channels * inner)][channels][inner]
  std::size_t inner = 0;
  std::size_t bytes = 0;       // the op's: 2 (forward) or 3 (backward) arrays of n elements
  std::size_t copy_bytes = 0;  // what the copy copies: one array of n elements
  DeviceMeasurement rectify;   // credited with `bytes`
  DeviceMeasurement copy;      // credited with 2 * copy_bytes (read + write)
  DeviceMeasurement cudnn;     // credited with `bytes`: the same work as rectify's

  // rectify's GB/s over the copy's (the bandwidth ratio); NaN without both.
  double RatioToCopy() const;
  // cuDNN's time over rectify's (> 1: rectify is faster); NaN without both.
  double RatioToCudnn() const;
};

// Everything about the run that is not a row.
struct CudaRunInfo {
  std::string command;
  std::string device;  // DeviceDescription()
  std::string rectify_version;
  std::string cudnn;  // Cudnn::description(), or why there is none
  TimingOptions timing;
};

// The aligned text table; column widths are fixed from the ops and sizes
// the run will have, so rows print as they are measured.
class CudaTable {
 public:
  CudaTable(const std::vector<std::string>& ops, const std::vector<std::size_t>& sizes);
  void PrintLegend(std::FILE* out, int repeats) const;
  void PrintHeader(std::FILE* out) const;
  void PrintRow(std::FILE* out, const CudaRow& row) const;

 private:
  TextTable table_;
};

// The CSV header line (no newline): op,dtype,direction,n,seconds,... The
// key columns (op, dtype, direction, n) and `seconds` (rectify's median
// seconds per call) are those of bench/gpu/torch_peer.py's CSV.
std::string CsvHeader();

// One CSV line (no newline) for `row`; missing values are empty fields.
std::string CsvLine(const CudaRow& row);

// Writes (overwrites) `path` with the header and one line per row. Throws
// std::runtime_error when it cannot.
void WriteCudaCsv(const std::string& path, const std::vector<CudaRow>& rows);

// Writes (overwrites) `path` with the run, its rows and every sample as
// JSON ("format": "rectify-bench-cuda/1"); `complete` is false while the run
// is still going. Throws std::runtime_error when it cannot.
void WriteCudaJson(const std::string& path, const CudaRunInfo& info,
                   const std::vector<CudaRow>& rows, bool complete);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_CUDA_REPORT_H_
