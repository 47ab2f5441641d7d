// rectify-bench (also run as `rectify bench`): throughput of rectify_forward /
// rectify_backward (and rectify_forward_quantized for s8 and u8) against the
// peer implementations compiled in (peers/peer.h) and against memcpy and a
// non-temporal copy of the same bytes, over chosen ops, dtypes (f32, f64,
// bf16, f16, s8, u8), directions, placements, sizes and thread counts. Samples of all
// implementations of a row are interleaved and their medians reported, so
// that a shared, noisy machine disturbs them alike. One aligned table row
// per workload on stdout as it is measured; optionally every sample as
// JSON (scripts/plot-bench.py plots it). With --device cuda it measures
// rectify's CUDA calls instead (compare/cuda_bench.h), in builds that have
// the CUDA backend. Exit status 0, 1 when a call fails (or there is no
// GPU), 2 for usage errors. This file is the program's only user of CLI11.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#if RECTIFY_BENCH_CUDA
#include "compare/cuda_bench.h"
#endif
#include "common/accuracy.h"
#include "common/cli_helpers.h"
#include "common/direction.h"
#include "common/status_error.h"
#include "common/text_util.h"
#include "compare/measure.h"
#include "compare/report.h"
#include "compare/timing.h"
#include "peers/dtypes.h"
#include "peers/peer.h"
#include "peers/quantization.h"

namespace rectify_cli {
namespace {

constexpr std::size_t kK = 1024;
constexpr std::size_t kM = 1024 * 1024;
// Largest accepted size: 3 buffers of 2^30 doubles are 24 GiB already.
constexpr std::size_t kMaxSize = std::size_t{1} << 30;
constexpr int kMaxThreads = 4096;

const char* const kQuickSizes[] = {"1K", "16K"};
constexpr int kQuickRepeats = 3;
constexpr double kQuickMinTimeMs = 1;

#if RECTIFY_BENCH_CUDA
// --device cuda: its defaults where the CPU's do not fit a GPU.
const char* const kCudaSizes[] = {"64K", "1M", "16M", "256M"};
const char* const kCudaQuickSizes[] = {"64K", "1M"};
constexpr double kCudaMinTimeMs = 1;
constexpr double kCudaQuickMinTimeMs = 0.2;
constexpr std::size_t kCudaChannels = 1024;
#endif

const std::vector<std::string> kDirections = {"forward", "backward", "bias_forward",
                                              "bias_backward"};

struct BenchOptions {
  std::string device = "cpu";
  std::vector<std::string> ops;  // empty: all
  std::vector<std::string> dtypes = {"f32"};
  std::vector<std::string> directions = {"forward", "backward"};
  std::vector<std::string> accuracies = {"default"};  // tiers, each measured (CPU)
  bool in_place = false;      // --in-place
  bool out_of_place = false;  // --out-of-place; neither or both: both
  std::vector<std::string> sizes = {"1K", "64K", "1M", "64M"};
  std::vector<std::string> threads = {"1", "all"};
  int repeats = 11;
  double min_time_ms = 20;
  std::string json;
  std::string csv;  // --device cuda only
  std::vector<std::string> peers;  // empty: all compiled in
  bool quick = false;
  std::size_t fused_channels = 0;  // --fused C; 0: not measured
  std::size_t fused_inner = 1;     // --inner
};

// "64", "1K" (1024), "64M" (64 * 1048576); K and M in either case.
std::optional<std::size_t> ParseSize(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 10) return std::nullopt;
  std::size_t unit = 1;
  if (digits + 1 == text.size()) {
    const char suffix = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
    if (suffix == 'K') {
      unit = kK;
    } else if (suffix == 'M') {
      unit = kM;
    } else {
      return std::nullopt;
    }
  } else if (digits != text.size()) {
    return std::nullopt;
  }
  const std::size_t count = std::stoull(text.substr(0, digits));
  if (count == 0 || count > kMaxSize / unit) return std::nullopt;
  return count * unit;
}

CLI::Validator SizeValidator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (ParseSize(value)) return {};
        return "bad size '" + value +
               "'; valid: an element count from 1 to 1024M, optionally with a suffix K "
               "(x1024) or M (x1048576), e.g. 1000, 1K, 64K, 1M, 64M";
      },
      "SIZE");
}

unsigned HardwareThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

// "all" or a number of threads.
std::optional<int> ParseThreads(const std::string& text) {
  if (text == "all") return static_cast<int>(HardwareThreads());
  if (text.empty() || text.size() > 4) return std::nullopt;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  const int threads = std::stoi(text);
  if (threads < 1 || threads > kMaxThreads) return std::nullopt;
  return threads;
}

CLI::Validator ThreadsValidator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (ParseThreads(value)) return {};
        return "bad thread count '" + value + "'; valid: 1 to " + std::to_string(kMaxThreads) +
               ", or 'all' (" + std::to_string(HardwareThreads()) + " here)";
      },
      "N|all");
}

template <typename T>
std::vector<T> Unique(const std::vector<T>& values) {
  std::vector<T> out;
  for (const T& v : values) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

// Whether the library computes (op, dtype, direction): a one-element probe
// (of any dtype up to 8 bytes). s8 and u8: rectify_forward_quantized with
// `quant`, forward only.
bool RectifyHas(const rectify_activation& act, rectify_dtype dtype, Direction direction,
                const bench::Quantization& quant) {
  const double in[2] = {0.5, 0.5};
  double out[1];
  if (bench::IsQuantized(dtype)) {
    return direction == Direction::kForward &&
           rectify_forward_quantized(&act, dtype, quant.in, quant.out, 1, in, out) ==
               RECTIFY_OK;
  }
  return CallDirection(act, dtype, direction, 1, in, in + 1, out) == RECTIFY_OK;
}

// "in scale 0.0629921 zero point 0, out scale 0.00390625 zero point -128".
std::string QuantText(const bench::Quantization& quant) {
  char text[128];
  std::snprintf(text, sizeof text, "in scale %.9g zero point %d, out scale %.9g zero point %d",
                static_cast<double>(quant.in.scale), static_cast<int>(quant.in.zero_point),
                static_cast<double>(quant.out.scale), static_cast<int>(quant.out.zero_point));
  return text;
}

// The ops of --op (validated names, duplicates dropped), or every op.
std::vector<rectify_op> SelectedOps(const BenchOptions& options) {
  std::vector<rectify_op> ops;
  for (const std::string& name : options.ops.empty() ? AllOpNames() : Unique(options.ops)) {
    for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
      const auto value = static_cast<rectify_op>(op);
      if (name == rectify_op_name(value)) ops.push_back(value);
    }
  }
  return ops;
}

int RunBench(const BenchOptions& options, const std::string& command, bool sizes_given,
             bool repeats_given, bool min_time_given) {
  // Everything was validated while parsing; what is left are peer names
  // and the options that only --device cuda has.
  for (const std::string& name : options.directions) {
    if (name.rfind("bias_", 0) == 0) {
      std::fprintf(stderr,
                   "rectify-bench: --direction %s: only with --device cuda (on the CPU, --fused "
                   "C adds the fused calls to the forward and backward rows)\n",
                   name.c_str());
      return 2;
    }
  }
  if (!options.csv.empty()) {
    std::fprintf(stderr, "rectify-bench: --csv: only with --device cuda (here: --json)\n");
    return 2;
  }
  const std::vector<rectify_op> ops = SelectedOps(options);
  const bool ops_given = !options.ops.empty();
  std::vector<rectify_dtype> dtypes;
  for (const std::string& name : Unique(options.dtypes)) {
    dtypes.push_back(bench::DtypeFromName(name).value_or(RECTIFY_F32));
  }
  std::vector<Direction> directions;
  for (const std::string& name : Unique(options.directions)) {
    directions.push_back(name == "backward" ? Direction::kBackward : Direction::kForward);
  }
  std::vector<rectify_accuracy> accuracies;
  for (const std::string& name : Unique(options.accuracies)) {
    accuracies.push_back(ParseAccuracy(name).value_or(RECTIFY_ACCURACY_DEFAULT));
  }
  std::vector<bool> placements;
  if (options.out_of_place || !options.in_place) placements.push_back(false);
  if (options.in_place || !options.out_of_place) placements.push_back(true);

  std::vector<std::string> size_names = options.sizes;
  if (options.quick && !sizes_given) {
    size_names.assign(std::begin(kQuickSizes), std::end(kQuickSizes));
  }
  std::vector<std::size_t> sizes;
  for (const std::string& name : size_names) sizes.push_back(*ParseSize(name));
  sizes = Unique(sizes);
  if (options.fused_channels != 0) {
    const std::size_t block = options.fused_channels * options.fused_inner;
    for (const std::size_t n : sizes) {
      if (n % block != 0) {
        std::fprintf(stderr,
                     "rectify-bench: --fused %zu --inner %zu: size %zu is not a multiple of "
                     "%zu\n",
                     options.fused_channels, options.fused_inner, n, block);
        return 2;
      }
    }
  }
  std::vector<int> thread_counts;
  for (const std::string& name : options.threads) thread_counts.push_back(*ParseThreads(name));
  thread_counts = Unique(thread_counts);

  bench::TimingOptions timing;
  timing.repeats = options.quick && !repeats_given ? kQuickRepeats : options.repeats;
  timing.min_sample_seconds =
      (options.quick && !min_time_given ? kQuickMinTimeMs : options.min_time_ms) / 1e3;

  std::vector<std::unique_ptr<bench::Peer>> all_peers = bench::MakePeers();
  std::vector<std::string> compiled;
  for (const auto& peer : all_peers) compiled.push_back(peer->Name());
  std::vector<std::unique_ptr<bench::Peer>> peers;
  if (options.peers.empty()) {
    peers = std::move(all_peers);
  } else if (!(options.peers.size() == 1 && options.peers[0] == "none")) {
    for (const std::string& name : Unique(options.peers)) {
      const auto it = std::find(compiled.begin(), compiled.end(), name);
      if (it == compiled.end()) {
        std::fprintf(stderr,
                     "rectify-bench: --peers: unknown peer '%s'; compiled in: %s (or 'none')\n",
                     name.c_str(), compiled.empty() ? "(none)" : Join(compiled, ", ").c_str());
        return 2;
      }
      peers.push_back(std::move(all_peers[static_cast<std::size_t>(it - compiled.begin())]));
    }
  }
  std::vector<std::string> peer_names;
  for (const auto& peer : peers) peer_names.push_back(peer->Name());

  // The jobs, in the order measured: buffers are allocated once per
  // (dtype, size). Workloads the library does not compute are skipped,
  // and said so when the op was asked for by name.
  std::vector<std::string> op_names;
  for (const rectify_op op : ops) op_names.push_back(rectify_op_name(op));
  // s8 and u8 have no backward: asked for by --direction, it is skipped
  // (said once per dtype); their rows carry the bench's fixed quantization
  // parameters (peers/quantization.h), listed before the table.
  std::vector<bench::RowSpec> specs;
  std::vector<std::string> quant_lines;
  for (const rectify_dtype dtype : dtypes) {
    struct Available {
      rectify_activation act;
      Direction direction;
      bench::Quantization quant;
    };
    const bool quantized = bench::IsQuantized(dtype);
    std::vector<Available> available;
    for (const rectify_op op : ops) {
      for (const rectify_accuracy accuracy : accuracies) {
        // The quantized forward is exact at every tier: measured once.
        if (quantized && accuracy != accuracies.front()) continue;
        rectify_activation act = rectify_activation_default(op);
        act.accuracy = accuracy;
        const bench::Quantization quant = bench::BenchQuantization(act, dtype);
        for (const Direction direction : directions) {
          if (quantized && direction == Direction::kBackward) continue;
          if (RectifyHas(act, dtype, direction, quant)) {
            available.push_back({act, direction, quant});
            if (quantized) {
              quant_lines.push_back(std::string(bench::DtypeName(dtype)) + " " +
                                    rectify_op_name(op) + ": " + QuantText(quant));
            }
          } else if (ops_given) {
            std::fprintf(stderr, "rectify-bench: rectify has no %s %s %s; skipped\n",
                         rectify_op_name(op), bench::DtypeName(dtype), DirectionName(direction));
          }
        }
      }
    }
    if (available.empty()) {
      std::fprintf(stderr,
                   "rectify-bench: this rectify computes none of the ops asked for in %s; "
                   "skipped\n",
                   bench::DtypeName(dtype));
    }
    if (quantized && std::find(directions.begin(), directions.end(), Direction::kBackward) !=
                         directions.end()) {
      std::fprintf(stderr,
                   "rectify-bench: %s is forward only (rectify_forward_quantized); backward "
                   "skipped\n",
                   bench::DtypeName(dtype));
    }
    for (const std::size_t n : sizes) {
      for (const Available& a : available) {
        for (const bool in_place : placements) {
          for (const int threads : thread_counts) {
            specs.push_back({a.act, dtype, a.direction, in_place, n, threads,
                             options.fused_channels, options.fused_inner, a.quant});
          }
        }
      }
    }
  }
  if (specs.empty()) {
    std::fprintf(stderr, "rectify-bench: nothing to measure\n");
    return 2;
  }

  bench::RunInfo info;
  info.command = command;
  info.cpu = CpuModel();
  info.logical_cpus = HardwareThreads();
  info.rectify_version = rectify_version();
  info.rectify_target = rectify_active_target();
  info.stream_copy_kind = bench::StreamCopyKind();
  info.peers = peer_names;
  info.timing = timing;
  info.copy_grain_bytes = bench::kCopyGrainBytes;

  // A JSON file that cannot be written fails now, not after the first row.
  std::vector<bench::Row> rows;
  if (!options.json.empty()) bench::WriteJson(options.json, info, rows, false);

  const int initial_threads = rectify_get_num_threads();
  bench::WorkerPool pool(*std::max_element(thread_counts.begin(), thread_counts.end()));
  const bench::Table table(op_names, sizes, peer_names, options.fused_channels != 0);
  std::printf("rectify %s, target %s, %s (%u logical CPUs); peers: %s\n",
              info.rectify_version.c_str(), info.rectify_target.c_str(), info.cpu.c_str(),
              info.logical_cpus, peer_names.empty() ? "none" : Join(peer_names, " ").c_str());
  table.PrintLegend(stdout, timing.repeats);
  if (!quant_lines.empty()) {
    std::printf("s8/u8 rows: rectify_forward_quantized (real = scale * (q - zero point)); "
                "peers with the same parameters:\n");
    for (const std::string& line : quant_lines) std::printf("  %s\n", line.c_str());
  }
  table.PrintHeader(stdout);
  std::fflush(stdout);

  const bool progress = isatty(fileno(stderr)) != 0;
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<bench::Arena> arena;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const bench::RowSpec& spec = specs[i];
    if (i == 0 || spec.dtype != specs[i - 1].dtype || spec.n != specs[i - 1].n) {
      arena.reset();  // free the previous buffers first
      arena = std::make_unique<bench::Arena>(spec.dtype, spec.n);
    }
    if (progress) {
      std::fprintf(
          stderr, "\r[%zu/%zu] %s %s %s %s %s, %d thread%s\033[K", i + 1, specs.size(),
          (std::string(rectify_op_name(spec.act.op)) + " " + AccuracyName(spec.act.accuracy))
              .c_str(),
          bench::DtypeName(spec.dtype), DirectionName(spec.direction),
          spec.in_place ? "in place" : "out of place", bench::SizeName(spec.n).c_str(),
          spec.threads, spec.threads == 1 ? "" : "s");
      std::fflush(stderr);
    }
    rows.push_back(bench::MeasureRow(spec, *arena, peers, pool, timing));
    if (progress) std::fprintf(stderr, "\r\033[K");
    table.PrintRow(stdout, rows.back());
    std::fflush(stdout);
    if (!options.json.empty()) bench::WriteJson(options.json, info, rows, i + 1 == specs.size());
  }
  Check(rectify_set_num_threads(initial_threads), "rectify_set_num_threads");

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\n%zu rows in %.1f s", rows.size(), seconds);
  if (!options.json.empty()) std::printf("; JSON in %s", options.json.c_str());
  std::printf("\n");
  return 0;
}

// `rectify bench --device cuda`: the options checked and defaulted, then
// bench::RunCudaBench. A build without the CUDA backend says so (status 2).
int RunCuda(const BenchOptions& options, const CLI::App& app, const std::string& command) {
#if !RECTIFY_BENCH_CUDA
  (void)options;
  (void)app;
  (void)command;
  std::fprintf(stderr,
               "rectify-bench: --device cuda: this build of rectify has no CUDA backend "
               "(configure with -DRECTIFY_CUDA=ON where a CUDA toolkit is installed)\n");
  return 2;
#else
  for (const char* name : {"--in-place", "--out-of-place", "--threads", "--peers"}) {
    if (app.count(name) != 0) {
      std::fprintf(stderr, "rectify-bench: %s: only with --device cpu\n", name);
      return 2;
    }
  }
  bench::CudaBenchOptions cuda;
  cuda.command = command;
  cuda.csv = options.csv;
  cuda.json = options.json;
  cuda.ops_given = !options.ops.empty();
  cuda.ops = SelectedOps(options);
  for (const std::string& name : Unique(options.dtypes)) {
    const rectify_dtype dtype = bench::DtypeFromName(name).value_or(RECTIFY_F32);
    if (bench::IsQuantized(dtype)) {
      std::fprintf(stderr,
                   "rectify-bench: --dtype %s: not with --device cuda (f32, f64, bf16, f16)\n",
                   name.c_str());
      return 2;
    }
    cuda.dtypes.push_back(dtype);
  }
  const std::vector<std::string> directions =
      app.count("--direction") != 0 ? Unique(options.directions) : kDirections;
  for (const std::string& name : directions) cuda.calls.push_back(*bench::CudaCallFromName(name));
  std::vector<std::string> size_names = options.sizes;
  if (app.count("--size") == 0) {
    if (options.quick) {
      size_names.assign(std::begin(kCudaQuickSizes), std::end(kCudaQuickSizes));
    } else {
      size_names.assign(std::begin(kCudaSizes), std::end(kCudaSizes));
    }
  }
  for (const std::string& name : size_names) cuda.sizes.push_back(*ParseSize(name));
  cuda.sizes = Unique(cuda.sizes);
  cuda.channels = options.fused_channels != 0 ? options.fused_channels : kCudaChannels;
  cuda.inner = options.fused_inner;
  const bool bias = std::any_of(directions.begin(), directions.end(),
                                [](const std::string& d) { return d.rfind("bias_", 0) == 0; });
  const std::size_t block = cuda.channels * cuda.inner;
  for (const std::size_t n : cuda.sizes) {
    if (bias && n % block != 0) {
      std::fprintf(stderr,
                   "rectify-bench: bias rows: size %zu is not a multiple of channels * inner = "
                   "%zu (--fused C, --inner)\n",
                   n, block);
      return 2;
    }
  }
  cuda.timing.repeats =
      options.quick && app.count("--repeats") == 0 ? kQuickRepeats : options.repeats;
  const double min_time_ms = app.count("--min-time") != 0 ? options.min_time_ms
                             : options.quick              ? kCudaQuickMinTimeMs
                                                          : kCudaMinTimeMs;
  cuda.timing.min_sample_seconds = min_time_ms / 1e3;
  return bench::RunCudaBench(cuda);
#endif
}

// Declares every option of the program on `app`, into `options`.
void AddOptions(CLI::App* app, BenchOptions* options, std::string* target) {
  app->description(
      "Measure throughput (GB/s) of rectify against the peer implementations compiled in "
      "(plain loop, Eigen, oneDNN, XNNPACK, ATen where found) and against memcpy and a "
      "non-temporal copy of the same bytes; with --device cuda, rectify's CUDA calls against "
      "a device copy and cuDNN");
  app->footer(
      "GB/s = (bytes read + bytes written) / median seconds per call / 1e9. Bytes per "
      "element: forward 2*sizeof(T) (read x, write y), backward 3*sizeof(T) (read x and dy, "
      "write dx), in place or not; sizeof(T) is 8, 4, 2 (bf16, f16) or 1 (s8, u8). The "
      "baselines copy half of those bytes (memcpy reads and "
      "writes each byte once), so they move the same bytes, and their GB/s counts both. "
      "Samples of all implementations of a row are taken round-robin after one warm-up each; "
      "a sample times back-to-back calls for at least --min-time. rectify runs with "
      "rectify_set_num_threads(threads); peers are asked for the same threads; the copies are "
      "split over up to that many threads in pieces of at least 256 KiB. x is uniform in "
      "[-8, 8], dy in [-1, 1] (bf16, f16: rounded to nearest even; s8, u8: random bytes); "
      "buffers are 64-byte aligned. Lists may be comma-separated or "
      "repeated. Peers built on OpenMP (oneDNN, ATen) keep their threads spinning after "
      "each call, taking cores from the implementation timed next: OMP_WAIT_POLICY=passive "
      "in the environment stops that.\n\n"
      "--device cuda (builds with the CUDA backend) times rectify_cuda_forward, _backward, "
      "_bias_forward and _bias_backward on GPU 0 with CUDA events on one stream, out of "
      "place, beside cudaMemcpyAsync of one array (device to device) and cuDNN's "
      "cudnnActivationForward/Backward (relu, clipped_relu, sigmoid, tanh, elu, silu; loaded "
      "at run time from libcudnn.so.9, or $RECTIFY_CUDNN_DIR; n/a where it fails). Defaults "
      "there: sizes 64K,1M,16M,256M, all four directions, --min-time 1, bias rows on "
      "[size/C][C] with C = 1024 (--fused C, --inner). --csv FILE writes one line per row "
      "(bench/gpu/report.py reads it).");

  const std::vector<std::string> ops = AllOpNames();
  app->add_option("--op", options->ops, "Ops to measure (default: all " +
                                            std::to_string(ops.size()) + "): " + Join(ops, ", "))
      ->delimiter(',')
      ->check(OneOf("op", ops, "OP"));
  app->add_option("--dtype", options->dtypes,
                  "Dtypes (default f32): f32, f64, bf16, f16, and the quantized s8, u8 "
                  "(rectify_forward_quantized, forward only, with fixed parameters per op, "
                  "printed before the table)")
      ->delimiter(',')
      ->check(OneOf("dtype", bench::DtypeNames(), Join(bench::DtypeNames(), "|")));
  app->add_option("--accuracy", options->accuracies,
                  "Accuracy tiers (default: default): default, fast, best; each one's rows "
                  "are labeled by tier (--device cuda: the GPU runs best for every tier)")
      ->delimiter(',')
      ->check(OneOf("accuracy", {"default", "fast", "best"}, "default|fast|best"));
  app->add_option("--device", options->device,
                  "cpu (default) or cuda: rectify's CUDA calls on GPU 0 (see below)")
      ->check(OneOf("device", {"cpu", "cuda"}, "cpu|cuda"));
  app->add_option("--direction", options->directions,
                  "forward and/or backward (default both); with --device cuda also "
                  "bias_forward, bias_backward (default all four)")
      ->delimiter(',')
      ->check(OneOf("direction", kDirections, Join(kDirections, "|")));
  app->add_flag("--in-place", options->in_place,
                "Measure in-place calls (y = x; backward dx = dy); with neither this nor "
                "--out-of-place, both are measured");
  app->add_flag("--out-of-place", options->out_of_place, "Measure out-of-place calls");
  app->add_option("--size", options->sizes,
                  "Element counts, with K = 1024 and M = 1048576 (default 1K,64K,1M,64M; "
                  "--device cuda: 64K,1M,16M,256M)")
      ->delimiter(',')
      ->check(SizeValidator());
  app->add_option("--threads", options->threads,
                  "Thread counts, numbers or 'all' = std::thread::hardware_concurrency() "
                  "(default 1,all)")
      ->delimiter(',')
      ->check(ThreadsValidator());
  app->add_option("--repeats", options->repeats,
                  "Timed samples per implementation and row; the median is reported "
                  "(default 11)")
      ->check(CLI::Range(1, 1000));
  app->add_option("--min-time", options->min_time_ms,
                  "Milliseconds that one sample lasts at least (default 20; --device cuda: 1)")
      ->check(CLI::Range(0.001, 60000.0));
  app->add_option("--json", options->json,
                  "Also write every sample, the machine and the command line as JSON "
                  "(rewritten after each row; \"complete\" is true at the end)");
  app->add_option("--csv", options->csv,
                  "--device cuda: also write one CSV line per row (op, dtype, direction, n, "
                  "seconds, GB/s, copy and cuDNN columns), rewritten after each row");
  app->add_option("--peers", options->peers,
                  "Peers to measure by name, or 'none' (default: all compiled in)")
      ->delimiter(',');
  app->add_option("--fused", options->fused_channels,
                  "Also measure the fused calls (rectify_bias_forward, "
                  "rectify_forward_monitored, rectify_bias_backward) on the layout "
                  "[size/(C*inner)][C][inner] with C channels; every size must be a multiple "
                  "of C * inner (not for s8, u8: there are no fused quantized calls). "
                  "--device cuda: the C of the bias rows (default 1024)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  app->add_option("--inner", options->fused_inner,
                  "With --fused: the inner extent of the layout (default 1: a dense layer)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  app->add_flag("--quick", options->quick,
                "Smoke run: sizes 1K,16K, 3 repeats, 1 ms samples (--device cuda: 64K,1M, "
                "0.2 ms; explicit --size, --repeats, --min-time win)");

  app->add_option("--target", *target,
                  "Run rectify on this SIMD target (case-insensitive), e.g. AVX2, SSE4, SCALAR; "
                  "`rectify info` lists the usable ones");
}

}  // namespace
}  // namespace rectify_cli

int main(int argc, char** argv) {
  using namespace rectify_cli;
  CLI::App app;
  app.name("rectify-bench");
  app.set_version_flag("--version", rectify_version());
  BenchOptions options;
  std::string target;
  AddOptions(&app, &options, &target);
  if (const std::optional<int> status = ParseOrExitStatus(app, argc, argv)) return *status;
  try {
    if (!ForceTargetOrExplain("rectify-bench", target)) return 2;
    const std::string command = CommandLine("rectify-bench", app);
    if (options.device == "cuda") return RunCuda(options, app, command);
    return RunBench(options, command, app.count("--size") != 0, app.count("--repeats") != 0,
                    app.count("--min-time") != 0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rectify-bench: %s\n", e.what());
    return 1;
  }
}
