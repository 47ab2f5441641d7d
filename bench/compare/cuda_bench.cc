#include "compare/cuda_bench.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "compare/cuda_cudnn.h"
#include "compare/cuda_device.h"
#include "compare/cuda_report.h"
#include "compare/cuda_timing.h"
#include "compare/report.h"
#include "peers/dtypes.h"

namespace rectify_cli::bench {

namespace {

// The calls the CUDA backend has, in --direction's order.
constexpr CudaCall kCudaCalls[] = {{Direction::kForward, false},
                                   {Direction::kBackward, false},
                                   {Direction::kForward, true},
                                   {Direction::kBackward, true}};

}  // namespace

std::string CudaCallName(CudaCall call) {
  return std::string(call.bias ? "bias_" : "") + DirectionName(call.direction);
}

std::optional<CudaCall> CudaCallFromName(const std::string& name) {
  for (const CudaCall call : kCudaCalls) {
    if (CudaCallName(call) == name) return call;
  }
  return std::nullopt;
}

namespace {

constexpr std::uint64_t kSeedX = 0x7265637469667931u;
constexpr std::uint64_t kSeedDy = 0x7265637469667932u;
constexpr std::uint64_t kSeedBias = 0x7265637469667933u;

// Whether the call reads dy (every direction but forward does).
bool ReadsDy(CudaCall call) { return call.direction != Direction::kForward; }

// The device buffers of one (dtype, size): x, dy, out (y or dx), cuDNN's
// forward output for its backward, bias and dbias.
struct DeviceArena {
  std::size_t n = 0;
  DeviceBuffer x, dy, out, cudnn_y, bias, dbias;
};

// A rectify status as text, with the CUDA error for RECTIFY_ERROR_DEVICE.
std::string StatusText(rectify_status status) {
  if (status == RECTIFY_OK) return {};
  std::string text = rectify_status_string(status);
  if (status == RECTIFY_ERROR_DEVICE) text += std::string(": ") + rectify_cuda_last_error();
  return text;
}

// One call of rectify's CUDA entry point for the row's call;
// RECTIFY_ERROR_UNSUPPORTED for kFromOutput, which the backend lacks.
rectify_status CallRectify(const rectify_activation& act, rectify_dtype dtype, CudaCall call,
                           const DeviceArena& a, std::size_t channels, std::size_t inner,
                           cudaStream_t stream) {
  const std::size_t outer = a.n / (channels * inner);
  switch (call.direction) {
    case Direction::kForward:
      if (call.bias) {
        return rectify_cuda_bias_forward(&act, dtype, outer, channels, inner, a.x.data(),
                                         a.bias.data(), a.out.data(), stream);
      }
      return rectify_cuda_forward(&act, dtype, a.n, a.x.data(), a.out.data(), stream);
    case Direction::kBackward:
      if (call.bias) {
        return rectify_cuda_bias_backward(&act, dtype, outer, channels, inner, a.x.data(),
                                          a.bias.data(), a.dy.data(), a.out.data(),
                                          a.dbias.data(), stream);
      }
      return rectify_cuda_backward(&act, dtype, a.n, a.x.data(), a.dy.data(), a.out.data(),
                                   stream);
    case Direction::kFromOutput:
      return RECTIFY_ERROR_UNSUPPORTED;
  }
  return RECTIFY_ERROR_INVALID_ARGUMENT;
}

// The cuDNN call of the row, or nullptr with *why when there is none.
// Backward first computes cuDNN's y = f(x) (untimed), which it reads.
DeviceCall CudnnCall(Cudnn* cudnn, const rectify_activation& act, rectify_dtype dtype,
                     CudaCall call, const DeviceArena& a, cudaStream_t stream, std::string* why) {
  if (cudnn == nullptr) {
    *why = "cuDNN not loaded";
    return nullptr;
  }
  if (!Cudnn::HasOp(act.op) || call.bias || call.direction == Direction::kFromOutput) {
    *why = "cuDNN has no such call";
    return nullptr;
  }
  *why = cudnn->Prepare(act, dtype, a.n);
  if (!why->empty()) return nullptr;
  if (call.direction == Direction::kForward) {
    return [cudnn, &a] { return cudnn->Forward(a.x.data(), a.out.data()); };
  }
  *why = cudnn->Forward(a.x.data(), a.cudnn_y.data());
  if (!why->empty()) return nullptr;
  CheckCuda(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
  return [cudnn, &a] {
    return cudnn->Backward(a.x.data(), a.cudnn_y.data(), a.dy.data(), a.out.data());
  };
}

struct RowJob {
  rectify_activation act;
  rectify_dtype dtype;
  CudaCall call;
};

// Measures one row on `a`. Returns false (the row skipped) when rectify
// says UNSUPPORTED for it.
bool MeasureRow(const RowJob& job, const DeviceArena& a, const CudaBenchOptions& options,
                Cudnn* cudnn, cudaStream_t stream, CudaRow* row) {
  const rectify_status probe =
      CallRectify(job.act, job.dtype, job.call, a, options.channels, options.inner, stream);
  if (probe == RECTIFY_ERROR_UNSUPPORTED) return false;
  const std::size_t element = ElementBytes(job.dtype);
  const bool bias = job.call.bias;
  row->op = rectify_op_name(job.act.op);
  row->alpha = job.act.alpha;
  row->beta = job.act.beta;
  row->dtype = DtypeName(job.dtype);
  row->direction = CudaCallName(job.call);
  row->n = a.n;
  row->channels = bias ? options.channels : 0;
  row->inner = bias ? options.inner : 0;
  row->bytes = (ReadsDy(job.call) ? 3 : 2) * a.n * element;
  row->copy_bytes = a.n * element;

  std::vector<DeviceCall> calls;
  calls.push_back([&] {
    return StatusText(
        CallRectify(job.act, job.dtype, job.call, a, options.channels, options.inner, stream));
  });
  calls.push_back([&a, row, stream] {
    const cudaError_t error = cudaMemcpyAsync(a.out.data(), a.x.data(), row->copy_bytes,
                                              cudaMemcpyDeviceToDevice, stream);
    return error == cudaSuccess ? std::string() : CudaErrorText(error);
  });
  std::string cudnn_why;
  if (DeviceCall call = CudnnCall(cudnn, job.act, job.dtype, job.call, a, stream, &cudnn_why)) {
    calls.push_back(std::move(call));
  }
  if (probe != RECTIFY_OK) {
    row->rectify.failure = StatusText(probe);
    calls.erase(calls.begin());
    calls.insert(calls.begin(), [] { return std::string("not measured"); });
  }
  const std::vector<DeviceTiming> timings = MeasureOnStream(calls, stream, options.timing);

  auto fill = [](DeviceMeasurement& m, const DeviceTiming& t, std::size_t bytes) {
    if (m.failure.empty()) m.failure = t.failure;
    m.timing = t.timing;
    if (m.failure.empty() && t.timing.median > 0) {
      m.gbps = static_cast<double>(bytes) / t.timing.median / 1e9;
    }
  };
  fill(row->rectify, timings[0], row->bytes);
  fill(row->copy, timings[1], 2 * row->copy_bytes);
  if (timings.size() > 2) {
    fill(row->cudnn, timings[2], row->bytes);
  } else {
    row->cudnn.failure = cudnn_why;
  }
  return true;
}

// Allocates and fills the buffers of (dtype, n), or returns nullptr with a
// message when the device has no room. Throws CudaError for other failures.
std::unique_ptr<DeviceArena> MakeArena(rectify_dtype dtype, std::size_t n,
                                       const CudaBenchOptions& options, bool cudnn_backward) {
  const std::size_t element = ElementBytes(dtype);
  const bool dy = std::any_of(options.calls.begin(), options.calls.end(), ReadsDy);
  const std::size_t arrays = 2 + (dy ? 1 : 0) + (cudnn_backward ? 1 : 0);
  const std::size_t needed = arrays * n * element + 2 * options.channels * element;
  const std::size_t free_bytes = FreeDeviceBytes();
  if (needed > free_bytes) {
    std::fprintf(stderr,
                 "rectify-bench: %s %s: needs %.2f GiB of device memory, %.2f GiB free; "
                 "skipped\n",
                 DtypeName(dtype), SizeName(n).c_str(), static_cast<double>(needed) / (1 << 30),
                 static_cast<double>(free_bytes) / (1 << 30));
    return nullptr;
  }
  auto a = std::make_unique<DeviceArena>();
  a->n = n;
  try {
    a->x = DeviceBuffer(n * element);
    a->out = DeviceBuffer(n * element);
    if (dy) a->dy = DeviceBuffer(n * element);
    if (cudnn_backward) a->cudnn_y = DeviceBuffer(n * element);
    a->bias = DeviceBuffer(options.channels * element);
    a->dbias = DeviceBuffer(options.channels * element);
  } catch (const CudaError& e) {
    if (e.error() != cudaErrorMemoryAllocation) throw;
    cudaGetLastError();  // not sticky: clear it
    std::fprintf(stderr, "rectify-bench: %s %s: %s; skipped\n", DtypeName(dtype),
                 SizeName(n).c_str(), e.what());
    return nullptr;
  }
  FillDeviceUniform(a->x.data(), dtype, n, -8.0, 8.0, kSeedX);
  if (dy) FillDeviceUniform(a->dy.data(), dtype, n, -1.0, 1.0, kSeedDy);
  FillDeviceUniform(a->bias.data(), dtype, options.channels, -1.0, 1.0, kSeedBias);
  return a;
}

// Writes the files asked for; complete is false until the last row.
void WriteFiles(const CudaBenchOptions& options, const CudaRunInfo& info,
                const std::vector<CudaRow>& rows, bool complete) {
  if (!options.csv.empty()) WriteCudaCsv(options.csv, rows);
  if (!options.json.empty()) WriteCudaJson(options.json, info, rows, complete);
}

}  // namespace

int RunCudaBench(const CudaBenchOptions& options) {
  const std::string unavailable = CudaUnavailableReason();
  if (!unavailable.empty()) {
    std::fprintf(stderr, "rectify-bench: --device cuda: no usable CUDA GPU (%s)\n",
                 unavailable.c_str());
    return 1;
  }
  if (rectify_cuda_available() == 0) {
    std::fprintf(stderr,
                 "rectify-bench: --device cuda: rectify's CUDA backend finds no usable GPU "
                 "(rectify_cuda_available() is 0)%s%s\n",
                 *rectify_cuda_last_error() != '\0' ? ": " : "", rectify_cuda_last_error());
    return 1;
  }

  CudaRunInfo info;
  info.command = options.command;
  info.device = DeviceDescription();
  info.rectify_version = rectify_version();
  info.timing = options.timing;
  std::vector<CudaRow> rows;
  WriteFiles(options, info, rows, false);  // an unwritable file fails now

  const Stream stream;
  std::string why;
  std::unique_ptr<Cudnn> cudnn = Cudnn::Load(stream.get(), &why);
  info.cudnn = cudnn != nullptr ? cudnn->description() : "none: " + why;
  const bool cudnn_backward =
      cudnn != nullptr &&
      std::any_of(options.calls.begin(), options.calls.end(), [](CudaCall call) {
        return call.direction == Direction::kBackward && !call.bias;
      });

  std::vector<std::string> op_names;
  for (const rectify_op op : options.ops) op_names.push_back(rectify_op_name(op));
  const CudaTable table(op_names, options.sizes);
  std::printf("rectify %s, CUDA device 0: %s\npeer: %s\n", info.rectify_version.c_str(),
              info.device.c_str(), info.cudnn.c_str());
  table.PrintLegend(stdout, options.timing.repeats);
  table.PrintHeader(stdout);
  std::fflush(stdout);

  const bool progress = isatty(fileno(stderr)) != 0;
  const auto start = std::chrono::steady_clock::now();
  bool failed = false;
  for (const rectify_dtype dtype : options.dtypes) {
    for (const std::size_t n : options.sizes) {
      const std::unique_ptr<DeviceArena> arena = MakeArena(dtype, n, options, cudnn_backward);
      if (arena == nullptr) {
        failed = true;
        continue;
      }
      for (const rectify_op op : options.ops) {
        for (const CudaCall call : options.calls) {
          const RowJob job{rectify_activation_default(op), dtype, call};
          if (progress) {
            std::fprintf(stderr, "\r%s %s %s %s\033[K", rectify_op_name(op), DtypeName(dtype),
                         CudaCallName(call).c_str(), SizeName(n).c_str());
            std::fflush(stderr);
          }
          CudaRow row;
          const bool measured =
              MeasureRow(job, *arena, options, cudnn.get(), stream.get(), &row);
          if (progress) std::fprintf(stderr, "\r\033[K");
          if (!measured) {
            if (options.ops_given && n == options.sizes.front()) {
              std::fprintf(stderr, "rectify-bench: rectify has no CUDA %s %s %s; skipped\n",
                           rectify_op_name(op), DtypeName(dtype), CudaCallName(call).c_str());
            }
            continue;
          }
          if (!row.rectify.ok()) {
            std::fprintf(stderr, "rectify-bench: %s %s %s %s: %s\n", row.op.c_str(),
                         row.dtype.c_str(), row.direction.c_str(), SizeName(n).c_str(),
                         row.rectify.failure.c_str());
            failed = true;
          }
          table.PrintRow(stdout, row);
          std::fflush(stdout);
          rows.push_back(std::move(row));
          WriteFiles(options, info, rows, false);
        }
      }
    }
  }
  WriteFiles(options, info, rows, true);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\n%zu rows in %.1f s", rows.size(), seconds);
  if (!options.csv.empty()) std::printf("; CSV in %s", options.csv.c_str());
  if (!options.json.empty()) std::printf("; JSON in %s", options.json.c_str());
  std::printf("\n");
  if (rows.empty()) {
    std::fprintf(stderr, "rectify-bench: nothing was measured\n");
    failed = true;
  }
  return failed ? 1 : 0;
}

}  // namespace rectify_cli::bench
