// What `rectify bench` needs to time calls fairly on a shared, noisy
// machine: aligned buffers, a small pool of worker threads for the copy
// baselines, a non-temporal copy, and interleaved (round-robin) sampling
// with medians.
#ifndef RECTIFY_BENCH_COMPARE_TIMING_H_
#define RECTIFY_BENCH_COMPARE_TIMING_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "peers/half_values.h"

namespace rectify_cli::bench {

inline constexpr std::size_t kAlignment = 64;

// `bytes` rounded up to a multiple of kAlignment.
constexpr std::size_t RoundUpToAlignment(std::size_t bytes) {
  return (bytes + kAlignment - 1) / kAlignment * kAlignment;
}

// Uninitialised storage that starts on a kAlignment boundary. Throws
// std::bad_alloc when the memory is not there.
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(std::size_t bytes);
  unsigned char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(unsigned char* p) const;
  };
  std::unique_ptr<unsigned char, Free> data_;
  std::size_t size_ = 0;
};

// Fills values[0, n) with reproducible pseudo-random numbers, uniform in
// [lo, hi), the same on every platform for the same seed.
template <typename T>
void FillUniform(T* values, std::size_t n, double lo, double hi, std::uint64_t seed);

// Fills bits[0, n) with FillUniform's doubles for the same seed, each
// rounded once (to nearest, ties to even) to the 16-bit `format`.
void FillUniformHalf(std::uint16_t* bits, std::size_t n, double lo, double hi,
                     std::uint64_t seed, HalfFormat format);

// Fills bytes[0, n) with reproducible pseudo-random bytes, every value
// equally likely, the same on every platform for the same seed.
void FillRandomBytes(unsigned char* bytes, std::size_t n, std::uint64_t seed);

// `threads` - 1 persistent worker threads plus the caller. Workers spin
// briefly after each job and then sleep, so an idle pool costs nothing
// while other implementations are being timed.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }
  // Runs job(i) for every i in [0, count), count <= size(); job(0) on the
  // calling thread. Returns when all of them have returned. One caller at a
  // time.
  void Run(int count, const std::function<void(int)>& job);

 private:
  void Work(int index);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<int> remaining_{0};
  const std::function<void(int)>* job_ = nullptr;  // guarded by mutex_
  int count_ = 0;                                  // guarded by mutex_
  bool stop_ = false;                              // guarded by mutex_
};

// Copies `bytes` from src to dst with non-temporal (streaming) stores that
// bypass the caches, then fences. Buffers must not overlap.
void StreamCopy(void* dst, const void* src, std::size_t bytes);

// How StreamCopy copies on this CPU: "avx" (32-byte streaming stores),
// "sse2" (16-byte), or "memcpy" where there are no streaming stores.
const char* StreamCopyKind();

// Pieces to split a copy of `bytes` into: at most `threads`, each at least
// `grain` bytes, at least one.
int ChunkCount(std::size_t bytes, int threads, std::size_t grain);

// Copies `bytes` from src to dst with `copy` (memcpy or StreamCopy) in
// `pieces` pieces of about equal size, one per thread of `pool`.
void SplitCopy(WorkerPool& pool, int pieces, void* dst, const void* src, std::size_t bytes,
               void (*copy)(void*, const void*, std::size_t));

// One implementation measured in a row. `run` makes one complete call;
// `prepare` (may be empty) runs untimed before every sample, for example to
// restore the input that an in-place call overwrites.
struct Timed {
  std::function<void()> run;
  std::function<void()> prepare;
};

struct TimingOptions {
  int repeats = 11;
  double min_sample_seconds = 0.02;
};

struct TimingResult {
  std::size_t calls_per_sample = 0;
  std::vector<double> samples;  // seconds per call, in the order taken
  double median = 0;            // of samples
};

// Warms up and calibrates every implementation (so that one sample of
// back-to-back calls lasts at least min_sample_seconds, and at least one
// call), then takes `repeats` samples of each round-robin: sample 1 of
// every implementation, then sample 2 of every implementation, ..., the
// starting implementation rotating by one each round.
std::vector<TimingResult> MeasureInterleaved(const std::vector<Timed>& impls,
                                             const TimingOptions& options);

// The median (the mean of the two middle values for an even count); 0 for
// an empty list.
double Median(std::vector<double> values);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_TIMING_H_
