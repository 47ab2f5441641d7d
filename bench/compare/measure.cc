#include "compare/measure.h"

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <utility>

#include "common/accuracy.h"
#include "common/status_error.h"

namespace rectify_cli::bench {

namespace {

constexpr std::uint64_t kSeedX = 0x7265637469667931u;
constexpr std::uint64_t kSeedDy = 0x7265637469667932u;

}  // namespace

Arena::Arena(rectify_dtype dtype, std::size_t n)
    : n_(n),
      element_(ElementBytes(dtype)),
      region_(RoundUpToAlignment(n * element_)),
      memory_(3 * region_ + RoundUpToAlignment((n * element_ + 1) / 2)),
      pristine_(2 * region_) {
  switch (dtype) {
    case RECTIFY_F64:
      Fill<double>();
      break;
    case RECTIFY_BF16:
      FillHalf(kBf16Format);
      break;
    case RECTIFY_F16:
      FillHalf(kF16Format);
      break;
    case RECTIFY_S8:
    case RECTIFY_U8:
      FillBytes();
      break;
    default:
      Fill<float>();
      break;
  }
  Restore();
}

template <typename T>
void Arena::Fill() {
  FillUniform(reinterpret_cast<T*>(pristine_.data()), n_, -8.0, 8.0, kSeedX);
  FillUniform(reinterpret_cast<T*>(pristine_.data() + region_), n_, -1.0, 1.0, kSeedDy);
}

void Arena::FillHalf(HalfFormat format) {
  FillUniformHalf(reinterpret_cast<std::uint16_t*>(pristine_.data()), n_, -8.0, 8.0, kSeedX,
                  format);
  FillUniformHalf(reinterpret_cast<std::uint16_t*>(pristine_.data() + region_), n_, -1.0, 1.0,
                  kSeedDy, format);
}

void Arena::FillBytes() {
  FillRandomBytes(pristine_.data(), n_, kSeedX);
  FillRandomBytes(pristine_.data() + region_, n_, kSeedDy);
}

void Arena::Restore() const {
  RestoreX();
  RestoreDy();
}

void Arena::RestoreX() const { std::memcpy(x(), pristine_.data(), data_bytes()); }

void Arena::RestoreDy() const { std::memcpy(dy(), pristine_.data() + region_, data_bytes()); }

namespace {

void MemcpyCopy(void* dst, const void* src, std::size_t bytes) { std::memcpy(dst, src, bytes); }

struct MonitorDeleter {
  void operator()(rectify_monitor* monitor) const { rectify_monitor_destroy(monitor); }
};

// Per-channel biases, small values of both signs, as elements of `dtype`
// (f64, f32, bf16 or f16) in storage of 8 bytes per channel.
std::vector<double> BiasStorage(rectify_dtype dtype, std::size_t channels) {
  std::vector<double> storage(channels);
  unsigned char* bytes = reinterpret_cast<unsigned char*>(storage.data());
  const std::size_t size = ElementBytes(dtype);
  for (std::size_t c = 0; c < channels; ++c) {
    const double value = 0.05 * (static_cast<double>(c % 11) - 5.0);
    const float as_float = static_cast<float>(value);
    const std::uint16_t as_half =
        dtype == RECTIFY_BF16 ? Bf16FromDouble(value) : F16FromDouble(value);
    const void* element = dtype == RECTIFY_F64 ? static_cast<const void*>(&value)
                          : IsHalf(dtype)      ? static_cast<const void*>(&as_half)
                                               : static_cast<const void*>(&as_float);
    std::memcpy(bytes + c * size, element, size);
  }
  return storage;
}

}  // namespace

Row MeasureRow(const RowSpec& spec, const Arena& arena,
               const std::vector<std::unique_ptr<Peer>>& peers, WorkerPool& pool,
               const TimingOptions& timing) {
  const bool forward = spec.direction == Direction::kForward;
  Row row;
  row.op = rectify_op_name(spec.act.op);
  row.tier = AccuracyName(spec.act.accuracy);
  row.alpha = spec.act.alpha;
  row.beta = spec.act.beta;
  row.dtype = DtypeName(spec.dtype);
  row.quantized = IsQuantized(spec.dtype);
  row.quant_in = spec.quant.in;
  row.quant_out = spec.quant.out;
  row.direction = DirectionName(spec.direction);
  row.in_place = spec.in_place;
  row.n = spec.n;
  row.threads = spec.threads;
  row.bytes = arena.data_bytes() * (forward ? 2 : 3);
  row.copy_bytes = row.bytes / 2;

  Check(rectify_set_num_threads(spec.threads), "rectify_set_num_threads");
  const void* x = arena.x();
  const void* dy = arena.dy();
  void* out = !spec.in_place ? arena.out() : forward ? arena.x() : arena.dy();

  // An in-place call overwrites its input: restored before every sample.
  std::function<void()> restore;
  if (spec.in_place) {
    restore = forward ? std::function<void()>([&arena] { arena.RestoreX(); })
                      : std::function<void()>([&arena] { arena.RestoreDy(); });
  }

  std::vector<Timed> impls;
  auto add = [&](const std::string& name, const char* kind, int threads_used,
                 std::function<void()> run, std::function<void()> prepare) {
    impls.push_back({std::move(run), std::move(prepare)});
    Measurement m;
    m.implementation = name;
    m.kind = kind;
    m.threads_used = threads_used;
    row.measurements.push_back(std::move(m));
  };

  const rectify_activation act = spec.act;
  const rectify_dtype dtype = spec.dtype;
  const std::size_t n = spec.n;
  if (IsQuantized(dtype)) {
    const rectify_quant in = spec.quant.in;
    const rectify_quant out_quant = spec.quant.out;
    add(kRectify, "rectify", rectify_get_num_threads(),
        [=] {
          Check(rectify_forward_quantized(&act, dtype, in, out_quant, n, x, out),
                "rectify_forward_quantized");
        },
        restore);
  } else if (forward) {
    add(kRectify, "rectify", rectify_get_num_threads(),
        [=] { Check(rectify_forward(&act, dtype, n, x, out), "rectify_forward"); }, restore);
  } else {
    add(kRectify, "rectify", rectify_get_num_threads(),
        [=] { Check(rectify_backward(&act, dtype, n, x, dy, out), "rectify_backward"); },
        restore);
  }

  // The fused calls on the same buffers (their bias and dbias are extra).
  std::vector<double> bias_storage;
  std::vector<double> dbias_storage;
  std::unique_ptr<rectify_monitor, MonitorDeleter> monitor;
  if (spec.fused_channels != 0 && !IsQuantized(dtype)) {
    const std::size_t channels = spec.fused_channels;
    const std::size_t inner = spec.fused_inner;
    const std::size_t outer = n / (channels * inner);
    bias_storage = BiasStorage(dtype, channels);
    dbias_storage.assign(channels, 0.0);
    const void* bias = bias_storage.data();
    void* dbias = dbias_storage.data();
    const int threads = rectify_get_num_threads();
    if (forward) {
      rectify_monitor* raw = nullptr;
      Check(rectify_monitor_create(channels, 16, &raw), "rectify_monitor_create");
      monitor.reset(raw);
      add(kFusedBias, "fused", threads,
          [=] {
            Check(rectify_bias_forward(&act, dtype, outer, channels, inner, x, bias, out),
                  "rectify_bias_forward");
          },
          restore);
      add(kFusedMonitored, "fused", threads,
          [=] {
            Check(rectify_forward_monitored(&act, dtype, outer, channels, inner, x, bias, out,
                                            raw),
                  "rectify_forward_monitored");
          },
          restore);
    } else {
      add(kFusedBias, "fused", threads,
          [=] {
            Check(rectify_bias_backward(&act, dtype, outer, channels, inner, x, bias, dy, out,
                                        dbias),
                  "rectify_bias_backward");
          },
          restore);
    }
  }

  const Workload workload{spec.act,     spec.dtype,   spec.direction, spec.in_place,
                          spec.n,       spec.threads, spec.quant.in,  spec.quant.out};
  const Buffers buffers{x, forward ? nullptr : dy, out};
  std::vector<std::unique_ptr<PeerKernel>> kernels;  // alive while timed
  for (const auto& peer : peers) {
    std::unique_ptr<PeerKernel> kernel = peer->Prepare(workload, buffers);
    if (kernel == nullptr) {
      row.unsupported.push_back(peer->Name());
      continue;
    }
    PeerKernel* k = kernel.get();
    add(peer->Name(), "peer", k->ThreadsUsed(), [k] { k->Run(); }, restore);
    kernels.push_back(std::move(kernel));
  }

  // The copies read from x on (x and dy are adjacent) and write from out on
  // (into spare for backward): the inputs stay untouched.
  const int pieces = ChunkCount(row.copy_bytes, spec.threads, kCopyGrainBytes);
  const std::size_t copy_bytes = row.copy_bytes;
  void* copy_dst = arena.out();
  WorkerPool* p = &pool;
  add(kMemcpy, "baseline", pieces,
      [=] { SplitCopy(*p, pieces, copy_dst, x, copy_bytes, MemcpyCopy); }, {});
  add(kStreamCopy, "baseline", pieces,
      [=] { SplitCopy(*p, pieces, copy_dst, x, copy_bytes, StreamCopy); }, {});

  arena.Restore();  // in case preparing a peer touched the inputs
  const std::vector<TimingResult> results = MeasureInterleaved(impls, timing);
  for (std::size_t i = 0; i < results.size(); ++i) {
    Measurement& m = row.measurements[i];
    m.timing = results[i];
    m.gbps = m.timing.median > 0 ? static_cast<double>(row.bytes) / m.timing.median / 1e9 : 0;
  }
  return row;
}

}  // namespace rectify_cli::bench
