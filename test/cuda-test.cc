// The CUDA backend on a GPU against the CPU library on its best FMA target,
// bit for bit: every op (default and other parameters) and dtype, forward
// and backward, lengths 0..300 at aligned and misaligned starts, in place,
// large calls, every 16-bit input, the fused bias calls, streams, and the
// device checks. With RECTIFY_CUDA_EXHAUSTIVE=1 also every one of the 2^32
// f32 inputs of every op, forward and backward (bench/gpu/run.sh sets it);
// otherwise four 2^26-input slices of it. Skips without a GPU.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "rectify/rectify.h"
#include "rectify/rectify.hpp"

namespace {

// The first usable FMA target (the GPU's bits are theirs), or "".
std::string BestFmaTarget() {
  for (std::size_t i = 0; i < rectify_target_count(); ++i) {
    const std::string name = rectify_target_name(i);
    if (name == "AVX3_DL" || name == "AVX3" || name == "AVX2") return name;
  }
  return "";
}

class CudaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!rectify_cuda_available()) GTEST_SKIP() << "no usable GPU";
    const std::string target = BestFmaTarget();
    if (target.empty()) GTEST_SKIP() << "no FMA target on this CPU to compare with";
    ASSERT_EQ(rectify_force_target(target.c_str()), RECTIFY_OK);
  }
  void TearDown() override { rectify_force_target(nullptr); }
};

// Device memory of `bytes` bytes, freed at scope end.
class DeviceBuffer {
 public:
  explicit DeviceBuffer(std::size_t bytes) : bytes_(bytes) {
    EXPECT_EQ(cudaMalloc(&p_, bytes == 0 ? 1 : bytes), cudaSuccess);
  }
  ~DeviceBuffer() { cudaFree(p_); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  unsigned char* get() const { return static_cast<unsigned char*>(p_); }
  void Upload(const void* host, std::size_t bytes, std::size_t offset = 0) {
    ASSERT_EQ(cudaMemcpy(get() + offset, host, bytes, cudaMemcpyHostToDevice), cudaSuccess);
  }
  void Download(void* host, std::size_t bytes, std::size_t offset = 0) const {
    ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess) << cudaGetErrorString(cudaGetLastError());
    ASSERT_EQ(cudaMemcpy(host, get() + offset, bytes, cudaMemcpyDeviceToHost), cudaSuccess);
  }

 private:
  void* p_ = nullptr;
  std::size_t bytes_;
};

std::vector<rectify_activation> Activations() {
  std::vector<rectify_activation> acts;
  for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
    acts.push_back(rectify_activation_default(static_cast<rectify_op>(op)));
  }
  acts.push_back({RECTIFY_LEAKY_RELU, 0.2, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_CLIPPED_RELU, 0.0, 3.7, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_ELU, 0.3, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_SILU, 1.7, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_SOFTPLUS, 2.5, 0.0, RECTIFY_ACCURACY_DEFAULT});
  // The GPU runs BEST for every tier for now: the CPU calls it matches.
  for (rectify_activation& act : acts) act.accuracy = RECTIFY_ACCURACY_BEST;
  return acts;
}

std::string Name(const rectify_activation& act, rectify_dtype dtype) {
  static const char* const kDtypes[] = {"f32", "f64", "bf16", "f16"};
  return std::string(rectify_op_name(act.op)) + "(" + std::to_string(act.alpha) + ", " +
         std::to_string(act.beta) + ") " + kDtypes[dtype];
}

std::size_t ElementBytes(rectify_dtype dtype) {
  return dtype == RECTIFY_F32 ? 4 : dtype == RECTIFY_F64 ? 8 : 2;
}

// Input bytes for `count` elements of dtype: for 16-bit, every pattern in
// order first; else random bit patterns mixed with values in [-40, 40].
std::vector<unsigned char> Inputs(rectify_dtype dtype, std::size_t count, std::uint32_t seed) {
  const std::size_t size = ElementBytes(dtype);
  std::vector<unsigned char> bytes(count * size);
  std::mt19937_64 random(seed);
  for (std::size_t i = 0; i < count; ++i) {
    unsigned char* at = bytes.data() + i * size;
    if (size == 2) {
      const auto v = static_cast<std::uint16_t>(i < 65536 ? i : random());
      std::memcpy(at, &v, 2);
    } else if (i % 2 == 0) {
      const std::uint64_t v = random();
      std::memcpy(at, &v, size);
    } else {
      const double d = std::uniform_real_distribution<double>(-40, 40)(random);
      const float f = static_cast<float>(d);
      if (size == 4) std::memcpy(at, &f, 4); else std::memcpy(at, &d, 8);
    }
  }
  return bytes;
}

std::size_t FirstDifference(const std::vector<unsigned char>& a,
                            const std::vector<unsigned char>& b, std::size_t size) {
  for (std::size_t i = 0; i * size < a.size(); ++i) {
    if (std::memcmp(a.data() + i * size, b.data() + i * size, size) != 0) return i;
  }
  return a.size() / size;
}

constexpr rectify_dtype kDtypes[] = {RECTIFY_F32, RECTIFY_F64, RECTIFY_BF16, RECTIFY_F16};

// Every length 0..300 at element offsets 0 and 1, some in place, and one
// large call, forward and backward, against the CPU.
TEST_F(CudaTest, ElementwiseMatchesTheCpu) {
  constexpr std::size_t kLarge = (3u << 20) + 5;
  for (const rectify_dtype dtype : kDtypes) {
    const std::size_t size = ElementBytes(dtype);
    const std::vector<unsigned char> x = Inputs(dtype, kLarge + 1, 1);
    const std::vector<unsigned char> dy = Inputs(dtype, kLarge + 1, 2);
    DeviceBuffer dx_in(x.size()), ddy(dy.size()), dout(x.size());
    dx_in.Upload(x.data(), x.size());
    ddy.Upload(dy.data(), dy.size());
    for (const rectify_activation& act : Activations()) {
      const std::string name = Name(act, dtype);
      for (const bool backward : {false, true}) {
        // The CPU's results for all elements from offsets 0 and 1.
        std::vector<unsigned char> want[2];
        for (int offset = 0; offset < 2; ++offset) {
          const std::size_t n = kLarge + 1 - offset;
          want[offset].resize(n * size);
          const void* xs = x.data() + offset * size;
          const rectify_status s =
              backward ? rectify_backward(&act, dtype, n, xs, dy.data() + offset * size,
                                          want[offset].data())
                       : rectify_forward(&act, dtype, n, xs, want[offset].data());
          ASSERT_EQ(s, RECTIFY_OK) << name;
        }
        const auto run = [&](std::size_t n, int offset, bool in_place) {
          unsigned char* out = in_place ? dx_in.get() : dout.get();
          const void* xs = dx_in.get() + offset * size;
          void* ys = out + offset * size;
          const rectify_status s =
              backward ? rectify_cuda_backward(&act, dtype, n, xs, ddy.get() + offset * size, ys,
                                               nullptr)
                       : rectify_cuda_forward(&act, dtype, n, xs, ys, nullptr);
          ASSERT_EQ(s, RECTIFY_OK) << name << ": " << rectify_cuda_last_error();
          std::vector<unsigned char> got(n * size);
          (in_place ? dx_in : dout).Download(got.data(), got.size(), offset * size);
          const std::vector<unsigned char> expected(want[offset].begin(),
                                                    want[offset].begin() + n * size);
          const std::size_t i = FirstDifference(got, expected, size);
          EXPECT_EQ(i, n) << name << (backward ? " backward" : " forward") << ", n = " << n
                          << ", offset " << offset << (in_place ? ", in place" : "")
                          << ": first difference at element " << i;
          if (in_place) dx_in.Upload(x.data(), x.size());  // restore the input
        };
        for (std::size_t n = 0; n <= 300; ++n) {
          run(n, 0, false);
          run(n, 1, false);
        }
        for (const std::size_t n : {1, 7, 64, 299}) run(n, 1, true);
        run(kLarge, 1, false);
        run(kLarge, 0, true);
        if (HasFailure()) return;
      }
    }
  }
}

struct Shape {
  std::size_t outer, channels, inner;
};

TEST_F(CudaTest, FusedBiasMatchesTheCpu) {
  const Shape shapes[] = {{3, 5, 37}, {9, 7, 1}, {2, 3, 16}, {64, 300, 1}, {8, 16, 4099}};
  for (const rectify_dtype dtype : kDtypes) {
    const std::size_t size = ElementBytes(dtype);
    for (const Shape& s : shapes) {
      const std::size_t n = s.outer * s.channels * s.inner;
      const std::vector<unsigned char> x = Inputs(dtype, n, 3), dy = Inputs(dtype, n, 4);
      const std::vector<unsigned char> bias = Inputs(dtype, s.channels, 5);
      DeviceBuffer gx(x.size()), gdy(dy.size()), gbias(bias.size()), gy(x.size()),
          gdx(x.size()), gdb(bias.size());
      gx.Upload(x.data(), x.size());
      gdy.Upload(dy.data(), dy.size());
      gbias.Upload(bias.data(), bias.size());
      for (const rectify_activation& act : Activations()) {
        const std::string name = Name(act, dtype) + " " + std::to_string(s.outer) + "x" +
                                 std::to_string(s.channels) + "x" + std::to_string(s.inner);
        std::vector<unsigned char> y(x.size()), dx(x.size()), db(bias.size());
        ASSERT_EQ(rectify_bias_forward(&act, dtype, s.outer, s.channels, s.inner, x.data(),
                                       bias.data(), y.data()),
                  RECTIFY_OK);
        ASSERT_EQ(rectify_bias_backward(&act, dtype, s.outer, s.channels, s.inner, x.data(),
                                        bias.data(), dy.data(), dx.data(), db.data()),
                  RECTIFY_OK);
        ASSERT_EQ(rectify_cuda_bias_forward(&act, dtype, s.outer, s.channels, s.inner, gx.get(),
                                            gbias.get(), gy.get(), nullptr),
                  RECTIFY_OK)
            << rectify_cuda_last_error();
        ASSERT_EQ(rectify_cuda_bias_backward(&act, dtype, s.outer, s.channels, s.inner,
                                             gx.get(), gbias.get(), gdy.get(), gdx.get(),
                                             gdb.get(), nullptr),
                  RECTIFY_OK)
            << rectify_cuda_last_error();
        std::vector<unsigned char> got_y(x.size()), got_dx(x.size()), got_db(bias.size());
        gy.Download(got_y.data(), got_y.size());
        gdx.Download(got_dx.data(), got_dx.size());
        gdb.Download(got_db.data(), got_db.size());
        EXPECT_EQ(FirstDifference(got_y, y, size), n) << name << " bias forward";
        EXPECT_EQ(FirstDifference(got_dx, dx, size), n) << name << " bias backward dx";
        EXPECT_EQ(FirstDifference(got_db, db, size), s.channels) << name << " dbias";
      }
    }
  }
}

// Host memory that the GPU copies at full speed (cudaMallocHost), n
// elements of uint32_t.
class PinnedWords {
 public:
  explicit PinnedWords(std::size_t n) : n_(n) {
    EXPECT_EQ(cudaMallocHost(reinterpret_cast<void**>(&p_), n * 4), cudaSuccess);
  }
  ~PinnedWords() { cudaFreeHost(p_); }
  PinnedWords(const PinnedWords&) = delete;
  PinnedWords& operator=(const PinnedWords&) = delete;
  std::uint32_t* data() const { return p_; }
  std::uint32_t& operator[](std::size_t i) const { return p_[i]; }
  std::size_t size() const { return n_; }

 private:
  std::uint32_t* p_ = nullptr;
  std::size_t n_;
};

// Whether a and b hold the same `bytes` bytes, compared on every hardware
// thread (the exhaustive test compares 2^32 words per op and direction).
bool SameBytes(const void* a, const void* b, std::size_t bytes) {
  const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t piece = (bytes + threads - 1) / threads;
  std::vector<char> same(threads, 1);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t begin = std::min(bytes, t * piece);
    const std::size_t end = std::min(bytes, begin + piece);
    workers.emplace_back([&, t, begin, end] {
      same[t] = std::memcmp(static_cast<const char*>(a) + begin,
                            static_cast<const char*>(b) + begin, end - begin) == 0;
    });
  }
  for (std::thread& w : workers) w.join();
  return std::all_of(same.begin(), same.end(), [](char v) { return v != 0; });
}

// All 2^32 f32 inputs (or four slices) of every op with default
// parameters; dy for the backward is a fixed function of the index.
TEST_F(CudaTest, EveryF32InputMatchesTheCpu) {
  const bool exhaustive = std::getenv("RECTIFY_CUDA_EXHAUSTIVE") != nullptr &&
                          std::string(std::getenv("RECTIFY_CUDA_EXHAUSTIVE")) == "1";
  constexpr std::uint64_t kChunk = 1ull << 26;
  std::vector<std::uint64_t> starts;
  if (exhaustive) {
    for (std::uint64_t s = 0; s < (1ull << 32); s += kChunk) starts.push_back(s);
  } else {
    starts = {0x00000000ull, 0x3C000000ull, 0x80000000ull, 0xC0000000ull};
  }
  const PinnedWords x(kChunk), dy(kChunk), want(kChunk), got(kChunk);
  DeviceBuffer gx(kChunk * 4), gdy(kChunk * 4), gout(kChunk * 4);
  std::uint64_t mismatches = 0;
  for (const std::uint64_t start : starts) {
    for (std::uint64_t i = 0; i < kChunk; ++i) {
      x[i] = static_cast<std::uint32_t>(start + i);
      // dy: an f32 in about [-4, 4] drawn from the index (never NaN).
      const std::uint32_t h = static_cast<std::uint32_t>((start + i) * 0x9E3779B1u);
      dy[i] = (h & 0x80000000u) | (0x3C000000u + (h & 0x03FFFFFFu));
    }
    gx.Upload(x.data(), kChunk * 4);
    gdy.Upload(dy.data(), kChunk * 4);
    for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
      rectify_activation act = rectify_activation_default(static_cast<rectify_op>(op));
      act.accuracy = RECTIFY_ACCURACY_BEST;  // the GPU's tier
      for (const bool backward : {false, true}) {
        const rectify_status cpu =
            backward ? rectify_backward(&act, RECTIFY_F32, kChunk, x.data(), dy.data(),
                                        want.data())
                     : rectify_forward(&act, RECTIFY_F32, kChunk, x.data(), want.data());
        ASSERT_EQ(cpu, RECTIFY_OK);
        const rectify_status gpu =
            backward ? rectify_cuda_backward(&act, RECTIFY_F32, kChunk, gx.get(), gdy.get(),
                                             gout.get(), nullptr)
                     : rectify_cuda_forward(&act, RECTIFY_F32, kChunk, gx.get(), gout.get(),
                                            nullptr);
        ASSERT_EQ(gpu, RECTIFY_OK) << rectify_cuda_last_error();
        gout.Download(got.data(), kChunk * 4);
        if (SameBytes(got.data(), want.data(), kChunk * 4)) continue;
        for (std::uint64_t i = 0; i < kChunk; ++i) {
          if (got[i] != want[i]) {
            if (mismatches++ < 10) {
              ADD_FAILURE() << rectify_op_name(act.op) << (backward ? " backward" : " forward")
                            << " at x = 0x" << std::hex << x[i] << ": CPU 0x" << want[i]
                            << ", GPU 0x" << got[i];
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(mismatches, 0u);
  RecordProperty("f32_inputs_checked", std::to_string(starts.size() * kChunk));
}

TEST_F(CudaTest, StreamsAndDeviceChecks) {
  const rectify_activation gelu = rectify_activation_default(RECTIFY_GELU);
  constexpr std::size_t kCount = 1 << 20;
  const std::vector<unsigned char> x = Inputs(RECTIFY_F32, kCount, 9);
  std::vector<unsigned char> want(x.size()), got(x.size());
  ASSERT_EQ(rectify_forward(&gelu, RECTIFY_F32, kCount, x.data(), want.data()), RECTIFY_OK);
  DeviceBuffer gx(x.size()), gy(x.size());
  gx.Upload(x.data(), x.size());
  cudaStream_t stream = nullptr;
  ASSERT_EQ(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), cudaSuccess);
  ASSERT_EQ(rectify_cuda_forward(&gelu, RECTIFY_F32, kCount, gx.get(), gy.get(), stream),
            RECTIFY_OK);
  ASSERT_EQ(cudaStreamSynchronize(stream), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(got.data(), gy.get(), got.size(), cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(FirstDifference(got, want, 4), kCount);
  cudaStreamDestroy(stream);

  // The C++ form of the same call.
  std::fill(got.begin(), got.end(), 0);
  rectify::cuda::forward(rectify::Activation::gelu(), reinterpret_cast<const float*>(gx.get()),
                         reinterpret_cast<float*>(gy.get()), kCount);
  gy.Download(got.data(), got.size());
  EXPECT_EQ(FirstDifference(got, want, 4), kCount);

  // Host memory and misaligned elements are refused before any launch.
  std::vector<float> host(16);
  EXPECT_EQ(rectify_cuda_forward(&gelu, RECTIFY_F32, 16, host.data(), gy.get(), nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_cuda_forward(&gelu, RECTIFY_F32, 16, gx.get() + 2, gy.get(), nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_cuda_forward(&gelu, RECTIFY_F32, 16, gx.get(), gx.get() + 8, nullptr),
            RECTIFY_ERROR_OVERLAP);
}

}  // namespace
