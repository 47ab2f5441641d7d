#include "compare/report.h"

#include "common/text_util.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace rectify_cli::bench {

const Measurement* Row::Find(const std::string& implementation) const {
  for (const Measurement& m : measurements) {
    if (m.implementation == implementation) return &m;
  }
  return nullptr;
}

const Measurement* Row::FastestPeer() const {
  const Measurement* best = nullptr;
  for (const Measurement& m : measurements) {
    if (m.kind == "peer" && (best == nullptr || m.gbps > best->gbps)) best = &m;
  }
  return best;
}

std::string SizeName(std::size_t n) {
  constexpr std::size_t kK = 1024;
  constexpr std::size_t kM = 1024 * 1024;
  if (n != 0 && n % kM == 0) return std::to_string(n / kM) + "M";
  if (n != 0 && n % kK == 0) return std::to_string(n / kK) + "K";
  return std::to_string(n);
}

std::vector<std::string> SizeNames(const std::vector<std::size_t>& sizes) {
  std::vector<std::string> names;
  for (const std::size_t n : sizes) names.push_back(SizeName(n));
  return names;
}

namespace {

std::string Fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string Gbps(double gbps) { return Fixed(gbps, 1); }

// rectify's GB/s over the other's: > 1 when rectify is faster.
std::string Ratio(const Measurement* rectify, const Measurement* other) {
  if (rectify == nullptr || other == nullptr || other->gbps <= 0) return "-";
  return Fixed(rectify->gbps / other->gbps, 2);
}

}  // namespace

Table::Table(const std::vector<std::string>& ops, const std::vector<std::size_t>& sizes,
             const std::vector<std::string>& peers, bool fused)
    : peers_(peers), fused_(fused) {

  table_.AddLeftAlignedColumn("op", LongestLength(ops));
  table_.AddLeftAlignedColumn("tier", 7);
  table_.AddLeftAlignedColumn("dtype", 3);
  table_.AddLeftAlignedColumn("direction", 8);
  table_.AddLeftAlignedColumn("place", 3);
  table_.AddRightAlignedColumn("size", LongestLength(SizeNames(sizes)));
  table_.AddRightAlignedColumn("threads", 3);
  table_.AddRightAlignedColumn(kRectify, kGbpsWidth);
  table_.AddRightAlignedColumn("r/" + std::string(kMemcpy), kRatioWidth);
  table_.AddRightAlignedColumn("r/" + std::string(kStreamCopy), kRatioWidth);
  for (const std::string& peer : peers) {
    table_.AddRightAlignedColumn(peer, kGbpsWidth);
    table_.AddRightAlignedColumn("r/" + peer, kRatioWidth);
  }
  if (!peers.empty()) {
    table_.AddRightAlignedColumn("best peer", LongestLength(peers));
    table_.AddRightAlignedColumn("r/best", kRatioWidth);
  }
  if (fused) {
    table_.AddRightAlignedColumn(kFusedBias, kGbpsWidth);
    table_.AddRightAlignedColumn("t(bias)/t", kRatioWidth);
    table_.AddRightAlignedColumn(kFusedMonitored, kGbpsWidth);
    table_.AddRightAlignedColumn("t(mon)/t(bias)", kRatioWidth);
  }
}

void Table::PrintLegend(std::FILE* out, int repeats) const {
  std::fprintf(out,
               "GB/s = (bytes read + bytes written) / median seconds per call / 1e9; median of "
               "%d interleaved samples.\n"
               "r/X = rectify GB/s / X GB/s (> 1: rectify is faster). memcpy and nt-copy "
               "(non-temporal stores) copy half the op's bytes, so they move the same.\n"
               "place: out = out of place, in = in place (forward y = x, backward dx = dy). "
               "\"-\": the peer has no such workload.\n%s\n",
               repeats,
               fused_ ? "bias = rectify_bias_forward/backward, bias+monitor = "
                        "rectify_forward_monitored, on [size/(channels*inner)][channels][inner]; "
                        "t(bias)/t = their time over the plain call's (<= 1.1 is the goal), "
                        "t(mon)/t(bias) the monitored over the fused forward.\n"
                      : "");
}

void Table::PrintHeader(std::FILE* out) const { table_.PrintHeader(out); }

void Table::PrintRow(std::FILE* out, const Row& row) const {
  const Measurement* rectify = row.Find(kRectify);
  std::vector<std::string> cells = {
      row.op,
      row.tier,
      row.dtype,
      row.direction,
      row.in_place ? "in" : "out",
      SizeName(row.n),
      std::to_string(row.threads),
      rectify != nullptr ? Gbps(rectify->gbps) : "-",
      Ratio(rectify, row.Find(kMemcpy)),
      Ratio(rectify, row.Find(kStreamCopy)),
  };
  for (const std::string& peer : peers_) {
    const Measurement* m = row.Find(peer);
    cells.push_back(m != nullptr ? Gbps(m->gbps) : "-");
    cells.push_back(Ratio(rectify, m));
  }
  if (!peers_.empty()) {
    const Measurement* best = row.FastestPeer();
    cells.push_back(best != nullptr ? best->implementation : "-");
    cells.push_back(Ratio(rectify, best));
  }
  if (fused_) {
    // Time ratios: > 1 when the fused call is slower (same bytes moved).
    const Measurement* bias = row.Find(kFusedBias);
    const Measurement* monitored = row.Find(kFusedMonitored);
    cells.push_back(bias != nullptr ? Gbps(bias->gbps) : "-");
    cells.push_back(Ratio(rectify, bias));
    cells.push_back(monitored != nullptr ? Gbps(monitored->gbps) : "-");
    cells.push_back(Ratio(bias, monitored));
  }
  table_.PrintRow(out, cells);
}

namespace {

std::string JsonStrings(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ", ";
    out += JsonString(values[i]);
  }
  return out + "]";
}

std::string JsonNumbers(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ", ";
    out += JsonNumber(values[i]);
  }
  return out + "]";
}

constexpr const char* kConventions[][2] = {
    {"bytes",
     "bytes read plus bytes written by one call: forward 2*sizeof(T)*n (read x, write y), "
     "backward 3*sizeof(T)*n (read x and dy, write dx), in place or not; sizeof(T) is 8 "
     "(f64), 4 (f32), 2 (bf16, f16) or 1 (s8, u8)"},
    {"quant",
     "s8 and u8 rows (forward only) time rectify_forward_quantized with the row's "
     "quant.in and quant.out (real = scale * (q - zero_point)); peers compute the same "
     "function with the same parameters"},
    {"gbps", "bytes / median_seconds / 1e9"},
    {"copies",
     "memcpy and nt-copy (non-temporal stores) copy copy_bytes = bytes / 2 bytes, reading "
     "and writing each byte once, so they move `bytes` like the op; their gbps counts both"},
    {"samples",
     "seconds per call; each sample times calls_per_sample back-to-back calls; after one "
     "warm-up each, the samples of a row's implementations are taken round-robin"},
    {"threads_used",
     "rectify: rectify_get_num_threads() after rectify_set_num_threads(threads) (calls "
     "below an op's grain run on the calling thread); peers: what the peer reports; "
     "copies: the pieces the copy was split into (at least copy_grain_bytes each)"},
    {"inputs",
     "x uniform in [-8, 8], dy uniform in [-1, 1], reproducible (bf16, f16: rounded to "
     "nearest even; s8, u8: uniformly random bytes); in-place inputs are restored before "
     "every sample"},
};

void WriteMeasurement(std::ostream& out, const Measurement& m, const Row& row) {
  out << "        {\"implementation\": " << JsonString(m.implementation)
      << ", \"kind\": " << JsonString(m.kind) << ", \"threads_used\": " << m.threads_used
      << ", \"bytes\": " << row.bytes << ", \"calls_per_sample\": " << m.timing.calls_per_sample
      << ", \"median_seconds\": " << JsonNumber(m.timing.median)
      << ", \"gbps\": " << JsonNumber(m.gbps) << ",\n         \"samples\": "
      << JsonNumbers(m.timing.samples) << "}";
}

void WriteRow(std::ostream& out, const Row& row) {
  out << "    {\"op\": " << JsonString(row.op) << ", \"tier\": " << JsonString(row.tier)
      << ", \"alpha\": " << JsonNumber(row.alpha) << ", \"beta\": " << JsonNumber(row.beta)
      << ", \"dtype\": " << JsonString(row.dtype)
      << ", \"direction\": " << JsonString(row.direction)
      << ", \"placement\": " << JsonString(row.in_place ? "in-place" : "out-of-place")
      << ", \"n\": " << row.n << ", \"threads\": " << row.threads << ", \"bytes\": " << row.bytes
      << ", \"copy_bytes\": " << row.copy_bytes;
  if (row.quantized) {
    out << ",\n     \"quant\": {\"in\": {\"scale\": " << JsonNumber(row.quant_in.scale)
        << ", \"zero_point\": " << row.quant_in.zero_point
        << "}, \"out\": {\"scale\": " << JsonNumber(row.quant_out.scale)
        << ", \"zero_point\": " << row.quant_out.zero_point << "}}";
  }
  out << ",\n     \"unsupported\": " << JsonStrings(row.unsupported)
      << ",\n     \"measurements\": [\n";
  for (std::size_t i = 0; i < row.measurements.size(); ++i) {
    WriteMeasurement(out, row.measurements[i], row);
    out << (i + 1 < row.measurements.size() ? ",\n" : "\n");
  }
  out << "      ]}";
}

}  // namespace

void WriteJsonHead(std::ostream& out, const char* format, bool complete,
                   const std::string& command, const char* const (*conventions)[2],
                   std::size_t count) {
  out << "{\n  \"format\": " << JsonString(format) << ",\n"
      << "  \"complete\": " << (complete ? "true" : "false") << ",\n"
      << "  \"command\": " << JsonString(command) << ",\n"
      << "  \"conventions\": {\n";
  for (std::size_t i = 0; i < count; ++i) {
    out << "    " << JsonString(conventions[i][0]) << ": " << JsonString(conventions[i][1])
        << (i + 1 < count ? ",\n" : "\n");
  }
  out << "  },\n";
}

void WriteJson(const std::string& path, const RunInfo& info, const std::vector<Row>& rows,
               bool complete) {
  std::ostringstream out;
  WriteJsonHead(out, "rectify-bench/1", complete, info.command, kConventions,
                std::size(kConventions));
  out << "  \"machine\": {\"cpu\": " << JsonString(info.cpu)
      << ", \"logical_cpus\": " << info.logical_cpus
      << ", \"rectify_version\": " << JsonString(info.rectify_version)
      << ", \"rectify_target\": " << JsonString(info.rectify_target)
      << ", \"nt_copy\": " << JsonString(info.stream_copy_kind) << "},\n"
      << "  \"settings\": {\"repeats\": " << info.timing.repeats
      << ", \"min_sample_seconds\": " << JsonNumber(info.timing.min_sample_seconds)
      << ", \"copy_grain_bytes\": " << info.copy_grain_bytes
      << ", \"peers\": " << JsonStrings(info.peers) << "},\n"
      << "  \"rows\": [\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    WriteRow(out, rows[i]);
    out << (i + 1 < rows.size() ? ",\n" : "\n");
  }
  out << "  ]\n}\n";

  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << out.str();
  file.close();
  if (!file) throw std::runtime_error("cannot write " + path);
}

}  // namespace rectify_cli::bench
