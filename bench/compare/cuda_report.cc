#include "compare/cuda_report.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "common/text_util.h"
#include "compare/report.h"

namespace rectify_cli::bench {

double CudaRow::RatioToCopy() const {
  if (!rectify.ok() || !copy.ok()) return std::numeric_limits<double>::quiet_NaN();
  return rectify.gbps / copy.gbps;
}

double CudaRow::RatioToCudnn() const {
  if (!rectify.ok() || !cudnn.ok()) return std::numeric_limits<double>::quiet_NaN();
  return cudnn.timing.median / rectify.timing.median;
}

namespace {

std::string Fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string Gbps(const DeviceMeasurement& m) { return m.ok() ? Fixed(m.gbps, 1) : "n/a"; }

// %.6g, or "" for a missing value (CSV).
std::string Number(double value) {
  if (!std::isfinite(value)) return {};
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string Seconds(const DeviceMeasurement& m) {
  if (!m.ok()) return {};
  char text[32];
  std::snprintf(text, sizeof text, "%.6e", m.timing.median);
  return text;
}

// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Writes `text` to path.tmp and renames that to `path`, so that a run
// stopped at any moment leaves the previous complete file.
void ReplaceFile(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file || std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot write " + path);
  }
}

}  // namespace

CudaTable::CudaTable(const std::vector<std::string>& ops, const std::vector<std::size_t>& sizes) {
  table_.AddLeftAlignedColumn("op", LongestLength(ops));
  table_.AddLeftAlignedColumn("dtype", 4);
  table_.AddLeftAlignedColumn("direction", 13);
  table_.AddRightAlignedColumn("size", LongestLength(SizeNames(sizes)));
  table_.AddRightAlignedColumn("rectify", kGbpsWidth);
  table_.AddRightAlignedColumn("copy", kGbpsWidth);
  table_.AddRightAlignedColumn("r/copy", kRatioWidth);
  table_.AddRightAlignedColumn("cudnn", kGbpsWidth);
  table_.AddRightAlignedColumn("r/cudnn", kRatioWidth);
}

void CudaTable::PrintLegend(std::FILE* out, int repeats) const {
  std::fprintf(out,
               "GB/s = (bytes read + bytes written) / median seconds per call / 1e9; median of "
               "%d interleaved samples, CUDA events on one stream.\n"
               "Bytes: forward and bias_forward 2 arrays of n elements (x, y), backward and "
               "bias_backward 3 (x, dy, dx); bias rows on [n/C][C] (bias and dbias not "
               "counted).\n"
               "copy = cudaMemcpyAsync device to device of one array (GB/s counts read + "
               "write); r/copy = rectify GB/s / copy GB/s.\n"
               "cudnn = cudnnActivationForward/Backward on the same work (GB/s with rectify's "
               "bytes); r/cudnn = cuDNN time / rectify time (> 1: rectify is faster).\n",
               repeats);
}

void CudaTable::PrintHeader(std::FILE* out) const { table_.PrintHeader(out); }

void CudaTable::PrintRow(std::FILE* out, const CudaRow& row) const {
  table_.PrintRow(out, {row.op, row.dtype, row.direction, SizeName(row.n), Gbps(row.rectify),
                        Gbps(row.copy), Fixed(row.RatioToCopy(), 2), Gbps(row.cudnn),
                        Fixed(row.RatioToCudnn(), 2)});
}

std::string CsvHeader() {
  return "op,dtype,direction,n,seconds,gbps,bytes,alpha,beta,channels,inner,copy_seconds,"
         "copy_gbps,ratio_copy,cudnn_seconds,cudnn_gbps,ratio_cudnn,cudnn_note";
}

std::string CsvLine(const CudaRow& row) {
  const std::vector<std::string> fields = {
      row.op,
      row.dtype,
      row.direction,
      std::to_string(row.n),
      Seconds(row.rectify),
      row.rectify.ok() ? Number(row.rectify.gbps) : "",
      std::to_string(row.bytes),
      Number(row.alpha),
      Number(row.beta),
      row.channels != 0 ? std::to_string(row.channels) : "",
      row.channels != 0 ? std::to_string(row.inner) : "",
      Seconds(row.copy),
      row.copy.ok() ? Number(row.copy.gbps) : "",
      Number(row.RatioToCopy()),
      Seconds(row.cudnn),
      row.cudnn.ok() ? Number(row.cudnn.gbps) : "",
      Number(row.RatioToCudnn()),
      CsvField(row.cudnn.failure),
  };
  return Join(fields, ",");
}

void WriteCudaCsv(const std::string& path, const std::vector<CudaRow>& rows) {
  std::ostringstream out;
  out << CsvHeader() << "\n";
  for (const CudaRow& row : rows) out << CsvLine(row) << "\n";
  ReplaceFile(path, out.str());
}

namespace {

void WriteMeasurement(std::ostream& out, const char* name, const DeviceMeasurement& m) {
  out << "        {\"implementation\": " << JsonString(name);
  if (!m.ok()) {
    out << ", \"failure\": " << JsonString(m.failure) << "}";
    return;
  }
  out << ", \"calls_per_sample\": " << m.timing.calls_per_sample
      << ", \"median_seconds\": " << JsonNumber(m.timing.median)
      << ", \"gbps\": " << JsonNumber(m.gbps) << ",\n         \"samples\": [";
  for (std::size_t i = 0; i < m.timing.samples.size(); ++i) {
    out << (i != 0 ? ", " : "") << JsonNumber(m.timing.samples[i]);
  }
  out << "]}";
}

void WriteRow(std::ostream& out, const CudaRow& row) {
  out << "    {\"op\": " << JsonString(row.op) << ", \"alpha\": " << JsonNumber(row.alpha)
      << ", \"beta\": " << JsonNumber(row.beta) << ", \"dtype\": " << JsonString(row.dtype)
      << ", \"direction\": " << JsonString(row.direction) << ", \"n\": " << row.n;
  if (row.channels != 0) out << ", \"channels\": " << row.channels << ", \"inner\": " << row.inner;
  out << ", \"bytes\": " << row.bytes << ", \"copy_bytes\": " << row.copy_bytes
      << ",\n     \"measurements\": [\n";
  WriteMeasurement(out, kRectify, row.rectify);
  out << ",\n";
  WriteMeasurement(out, "copy", row.copy);
  out << ",\n";
  WriteMeasurement(out, "cudnn", row.cudnn);
  out << "\n      ]}";
}

constexpr const char* kConventions[][2] = {
    {"bytes",
     "bytes read plus written by one call: forward and bias_forward 2*sizeof(T)*n (x, y), "
     "backward and bias_backward 3*sizeof(T)*n (x, dy, dx); bias and dbias not counted"},
    {"gbps",
     "rectify and cudnn: bytes / median_seconds / 1e9 (the same work); copy: 2 * copy_bytes "
     "/ median_seconds / 1e9 (cudaMemcpyAsync device to device reads and writes each byte)"},
    {"samples",
     "seconds per call: each sample times calls_per_sample back-to-back calls between two "
     "CUDA events on one stream; after a warm-up call each, a row's implementations are "
     "sampled round-robin"},
    {"inputs",
     "x uniform in [-8, 8], dy in [-1, 1], bias in [-1, 1], reproducible, repeating every "
     "2^20 elements (bf16, f16: rounded to nearest even); out of place"},
};

}  // namespace

void WriteCudaJson(const std::string& path, const CudaRunInfo& info,
                   const std::vector<CudaRow>& rows, bool complete) {
  std::ostringstream out;
  WriteJsonHead(out, "rectify-bench-cuda/1", complete, info.command, kConventions,
                std::size(kConventions));
  out << "  \"machine\": {\"device\": " << JsonString(info.device)
      << ", \"rectify_version\": " << JsonString(info.rectify_version)
      << ", \"cudnn\": " << JsonString(info.cudnn) << "},\n"
      << "  \"settings\": {\"repeats\": " << info.timing.repeats
      << ", \"min_sample_seconds\": " << JsonNumber(info.timing.min_sample_seconds) << "},\n"
      << "  \"rows\": [\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    WriteRow(out, rows[i]);
    out << (i + 1 < rows.size() ? ",\n" : "\n");
  }
  out << "  ]\n}\n";
  ReplaceFile(path, out.str());
}

}  // namespace rectify_cli::bench
