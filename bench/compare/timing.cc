#include "compare/timing.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RECTIFY_BENCH_X86 1
#else
#define RECTIFY_BENCH_X86 0
#endif

namespace rectify_cli::bench {

AlignedBuffer::AlignedBuffer(std::size_t bytes) : size_(bytes) {
  const std::size_t rounded = RoundUpToAlignment(std::max<std::size_t>(bytes, 1));
  void* p = std::aligned_alloc(kAlignment, rounded);
  if (p == nullptr) throw std::bad_alloc();
  data_.reset(static_cast<unsigned char*>(p));
}

void AlignedBuffer::Free::operator()(unsigned char* p) const { std::free(p); }

namespace {

// SplitMix64: a tiny generator with a fully specified output sequence.
std::uint64_t NextRandom(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

// Keeps the compiler from moving memory accesses across timed calls.
inline void CompilerBarrier() { asm volatile("" ::: "memory"); }

inline void CpuRelax() {
#if RECTIFY_BENCH_X86
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

// A double uniform in [lo, hi) from the next random number.
double NextUniform(std::uint64_t& state, double lo, double hi) {
  const double unit = static_cast<double>(NextRandom(state) >> 11) * 0x1.0p-53;
  return lo + (hi - lo) * unit;
}

}  // namespace

template <typename T>
void FillUniform(T* values, std::size_t n, double lo, double hi, std::uint64_t seed) {
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < n; ++i) values[i] = static_cast<T>(NextUniform(state, lo, hi));
}

template void FillUniform<float>(float*, std::size_t, double, double, std::uint64_t);
template void FillUniform<double>(double*, std::size_t, double, double, std::uint64_t);

void FillUniformHalf(std::uint16_t* bits, std::size_t n, double lo, double hi,
                     std::uint64_t seed, HalfFormat format) {
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < n; ++i) bits[i] = HalfFromDouble(NextUniform(state, lo, hi), format);
}

void FillRandomBytes(unsigned char* bytes, std::size_t n, std::uint64_t seed) {
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < n; i += 8) {
    const std::uint64_t random = NextRandom(state);
    for (std::size_t k = 0; k < 8 && i + k < n; ++k) {
      bytes[i + k] = static_cast<unsigned char>(random >> (8 * k));
    }
  }
}

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i] { Work(i); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void WorkerPool::Run(int count, const std::function<void(int)>& job) {
  count = std::clamp(count, 1, size());
  if (count > 1) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &job;
      count_ = count;
      remaining_.store(count - 1, std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
  }
  job(0);
  while (remaining_.load(std::memory_order_acquire) != 0) CpuRelax();
}

void WorkerPool::Work(int index) {
  // 50 microseconds of spinning before sleeping: long enough to catch
  // back-to-back copies, short enough not to steal time from the next
  // implementation being timed.
  constexpr auto kSpin = std::chrono::microseconds(50);
  std::uint64_t seen = 0;
  for (;;) {
    const auto spin_end = std::chrono::steady_clock::now() + kSpin;
    for (unsigned spin = 1; generation_.load(std::memory_order_acquire) == seen; ++spin) {
      CpuRelax();
      if (spin % 64 == 0 && std::chrono::steady_clock::now() > spin_end) break;
    }
    const std::function<void(int)>* job;
    int count;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_relaxed) != seen; });
      if (stop_) return;
      seen = generation_.load(std::memory_order_relaxed);
      job = job_;
      count = count_;
    }
    // A job's caller waits for its participants, so a participant never
    // misses its generation; a worker past `count` has nothing to do.
    if (index < count) {
      (*job)(index);
      remaining_.fetch_sub(1, std::memory_order_acq_rel);
    }
  }
}

#if RECTIFY_BENCH_X86
namespace {

__attribute__((target("avx"))) void StreamCopyAvx(unsigned char* dst, const unsigned char* src,
                                                  std::size_t bytes) {
  std::size_t i = 0;
  for (; i + 128 <= bytes; i += 128) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i + 32));
    const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i + 64));
    const __m256i d = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i + 96));
    _mm256_stream_si256(reinterpret_cast<__m256i*>(dst + i), a);
    _mm256_stream_si256(reinterpret_cast<__m256i*>(dst + i + 32), b);
    _mm256_stream_si256(reinterpret_cast<__m256i*>(dst + i + 64), c);
    _mm256_stream_si256(reinterpret_cast<__m256i*>(dst + i + 96), d);
  }
  if (i < bytes) std::memcpy(dst + i, src + i, bytes - i);
  _mm_sfence();
}

void StreamCopySse2(unsigned char* dst, const unsigned char* src, std::size_t bytes) {
  std::size_t i = 0;
  for (; i + 64 <= bytes; i += 64) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + 16));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + 32));
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + 48));
    _mm_stream_si128(reinterpret_cast<__m128i*>(dst + i), a);
    _mm_stream_si128(reinterpret_cast<__m128i*>(dst + i + 16), b);
    _mm_stream_si128(reinterpret_cast<__m128i*>(dst + i + 32), c);
    _mm_stream_si128(reinterpret_cast<__m128i*>(dst + i + 48), d);
  }
  if (i < bytes) std::memcpy(dst + i, src + i, bytes - i);
  _mm_sfence();
}

bool HasAvx() {
  static const bool has_avx = __builtin_cpu_supports("avx");
  return has_avx;
}

}  // namespace
#endif

void StreamCopy(void* dst, const void* src, std::size_t bytes) {
#if RECTIFY_BENCH_X86
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  // Streaming stores need aligned destinations: copy the head normally.
  const std::size_t align = HasAvx() ? 32 : 16;
  const std::size_t misalignment = reinterpret_cast<std::uintptr_t>(d) % align;
  std::size_t head = misalignment == 0 ? 0 : std::min(bytes, align - misalignment);
  if (head != 0) std::memcpy(d, s, head);
  if (HasAvx()) {
    StreamCopyAvx(d + head, s + head, bytes - head);
  } else {
    StreamCopySse2(d + head, s + head, bytes - head);
  }
#else
  std::memcpy(dst, src, bytes);
#endif
}

const char* StreamCopyKind() {
#if RECTIFY_BENCH_X86
  return HasAvx() ? "avx" : "sse2";
#else
  return "memcpy";
#endif
}

int ChunkCount(std::size_t bytes, int threads, std::size_t grain) {
  const std::size_t pieces = std::max<std::size_t>(1, bytes / std::max<std::size_t>(grain, 1));
  const auto most = static_cast<std::size_t>(std::max(threads, 1));
  return static_cast<int>(std::min(pieces, most));
}

void SplitCopy(WorkerPool& pool, int pieces, void* dst, const void* src, std::size_t bytes,
               void (*copy)(void*, const void*, std::size_t)) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (pieces <= 1) {
    copy(d, s, bytes);
    return;
  }
  // Piece boundaries on kAlignment multiples, the last piece takes the rest.
  const std::size_t step = RoundUpToAlignment((bytes + static_cast<std::size_t>(pieces) - 1) /
                                              static_cast<std::size_t>(pieces));
  pool.Run(pieces, [&](int piece) {
    const std::size_t begin = std::min(bytes, step * static_cast<std::size_t>(piece));
    const std::size_t end = piece + 1 == pieces ? bytes : std::min(bytes, begin + step);
    if (end > begin) copy(d + begin, s + begin, end - begin);
  });
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  const double upper = *middle;
  if (values.size() % 2 == 1) return upper;
  // The lower middle value is the largest of those before `middle`.
  return (*std::max_element(values.begin(), middle) + upper) / 2;
}

namespace {

// Seconds for `calls` back-to-back calls of impl.run, after impl.prepare.
double TimeCalls(const Timed& impl, std::size_t calls) {
  if (impl.prepare) impl.prepare();
  CompilerBarrier();
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < calls; ++i) {
    impl.run();
    CompilerBarrier();
  }
  const auto stop = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(stop - start).count();
}

// Calls that make one sample last at least `target` seconds, given that
// `calls` calls took `seconds`.
std::size_t CallsFor(double target, std::size_t calls, double seconds) {
  constexpr double kMaxCalls = 1e8;
  const double per_call = std::max(seconds, 1e-9) / static_cast<double>(calls);
  return static_cast<std::size_t>(std::clamp(std::ceil(target / per_call), 1.0, kMaxCalls));
}

}  // namespace

std::vector<TimingResult> MeasureInterleaved(const std::vector<Timed>& impls,
                                             const TimingOptions& options) {
  std::vector<TimingResult> results(impls.size());
  // Warm-up (first touches, lazy initialisation, caches) and calibration:
  // the first call's time, which overestimates a call, gives a first count;
  // timing that count gives the final one.
  for (std::size_t i = 0; i < impls.size(); ++i) {
    const double first = TimeCalls(impls[i], 1);
    std::size_t calls = CallsFor(options.min_sample_seconds / 4, 1, first);
    if (first < options.min_sample_seconds) {
      calls = CallsFor(options.min_sample_seconds, calls, TimeCalls(impls[i], calls));
    }
    results[i].calls_per_sample = calls;
    results[i].samples.reserve(static_cast<std::size_t>(options.repeats));
  }
  const std::size_t count = impls.size();
  for (int round = 0; round < options.repeats; ++round) {
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t i = (static_cast<std::size_t>(round) + k) % count;
      const std::size_t calls = results[i].calls_per_sample;
      results[i].samples.push_back(TimeCalls(impls[i], calls) / static_cast<double>(calls));
    }
  }
  for (TimingResult& result : results) result.median = Median(result.samples);
  return results;
}

}  // namespace rectify_cli::bench
