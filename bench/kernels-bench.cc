// Google Benchmark microbenchmarks of every op's kernels through the C API
// (sizes 64 to 1M, the library's default threads), with memcpy of the same
// bytes and the plain relu loop as baselines. rectify-bench (`rectify bench`) is the
// side-by-side comparison with the peers. Bytes per element: forward
// reads x and writes y; backward reads x and dy and writes dx.
//
//   build/bench/kernels-bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
//
// RECTIFY_TARGET=AVX2 (etc.) measures another target.
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "rectify/rectify.h"

namespace {

template <typename T>
std::vector<T> Inputs(std::size_t n) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<T> uniform(T(-6), T(6));
  std::vector<T> values(n);
  for (T& v : values) v = uniform(rng);
  return values;
}

template <typename T>
void Forward(benchmark::State& state, rectify_op op) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const rectify_activation act = rectify_activation_default(op);
  const rectify_dtype dtype = sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;
  const std::vector<T> x = Inputs<T>(n);
  std::vector<T> y(n);
  for (auto _ : state) {
    if (rectify_forward(&act, dtype, n, x.data(), y.data()) != RECTIFY_OK) {
      state.SkipWithError("rectify_forward failed");
      break;
    }
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n * 2 * sizeof(T)));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

template <typename T>
void Backward(benchmark::State& state, rectify_op op) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const rectify_activation act = rectify_activation_default(op);
  const rectify_dtype dtype = sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;
  const std::vector<T> x = Inputs<T>(n);
  const std::vector<T> dy = Inputs<T>(n);
  std::vector<T> dx(n);
  for (auto _ : state) {
    if (rectify_backward(&act, dtype, n, x.data(), dy.data(), dx.data()) != RECTIFY_OK) {
      state.SkipWithError("rectify_backward failed");
      break;
    }
    benchmark::DoNotOptimize(dx.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n * 3 * sizeof(T)));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// memcpy moving the same bytes as a forward call on n floats.
void MemcpyF32(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<float> x = Inputs<float>(n);
  std::vector<float> y(n);
  for (auto _ : state) {
    std::memcpy(y.data(), x.data(), n * sizeof(float));
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n * 2 * sizeof(float)));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// The plain C loop of relu on n floats: the small-call baseline (a call on
// 64 elements should cost this plus a few nanoseconds).
void PlainReluLoopF32(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<float> x = Inputs<float>(n);
  std::vector<float> y(n);
  for (auto _ : state) {
    const float* in = x.data();
    float* out = y.data();
    benchmark::DoNotOptimize(in);
    for (std::size_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : 0.0f;
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n * 2 * sizeof(float)));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (const std::int64_t n : {64, 1 << 10, 1 << 16, 1 << 20}) b->Arg(n);
}

int Register() {
  benchmark::RegisterBenchmark("memcpy/f32", MemcpyF32)->Apply(Sizes);
  benchmark::RegisterBenchmark("plain_relu_loop/f32", PlainReluLoopF32)->Apply(Sizes);
  for (int raw = 0; raw < static_cast<int>(rectify_op_count()); ++raw) {
    const auto op = static_cast<rectify_op>(raw);
    const std::string name = rectify_op_name(op);
    benchmark::RegisterBenchmark((name + "/f32/forward").c_str(), Forward<float>, op)->Apply(Sizes);
    benchmark::RegisterBenchmark((name + "/f32/backward").c_str(), Backward<float>, op)->Apply(Sizes);
    benchmark::RegisterBenchmark((name + "/f64/forward").c_str(), Forward<double>, op)->Apply(Sizes);
  }
  return 0;
}

const int registered = Register();

}  // namespace

int main(int argc, char** argv) {
  (void)registered;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("rectify target", rectify_active_target());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
