#include "compare/cuda_timing.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "compare/cuda_device.h"

namespace rectify_cli::bench {

namespace {

constexpr std::size_t kMaxCalls = 65536;

// Two events, destroyed with it.
class EventPair {
 public:
  EventPair() {
    CheckCuda(cudaEventCreate(&start_), "cudaEventCreate");
    const cudaError_t error = cudaEventCreate(&stop_);
    if (error != cudaSuccess) {
      cudaEventDestroy(start_);
      throw CudaError("cudaEventCreate", error);
    }
  }
  ~EventPair() {
    cudaEventDestroy(start_);
    cudaEventDestroy(stop_);
  }
  EventPair(const EventPair&) = delete;
  EventPair& operator=(const EventPair&) = delete;

  cudaEvent_t start() const { return start_; }
  cudaEvent_t stop() const { return stop_; }

 private:
  cudaEvent_t start_ = nullptr;
  cudaEvent_t stop_ = nullptr;
};

// Seconds that `count` back-to-back calls took on the stream, or a negative
// value with *failure set when a call failed.
double TimeCalls(const DeviceCall& call, std::size_t count, cudaStream_t stream,
                 const EventPair& events, std::string* failure) {
  CheckCuda(cudaEventRecord(events.start(), stream), "cudaEventRecord");
  for (std::size_t i = 0; i < count; ++i) {
    *failure = call();
    if (!failure->empty()) {
      CheckCuda(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
      return -1;
    }
  }
  CheckCuda(cudaEventRecord(events.stop(), stream), "cudaEventRecord");
  CheckCuda(cudaEventSynchronize(events.stop()), "cudaEventSynchronize");
  float ms = 0;
  CheckCuda(cudaEventElapsedTime(&ms, events.start(), events.stop()), "cudaEventElapsedTime");
  return static_cast<double>(ms) / 1e3;
}

// Calls for one sample to last `seconds` when `count` calls took `taken`.
std::size_t CallsFor(double seconds, std::size_t count, double taken) {
  if (taken <= 0) return kMaxCalls;
  const double per_call = taken / static_cast<double>(count);
  const double calls = std::ceil(seconds / per_call);
  return static_cast<std::size_t>(std::clamp(calls, 1.0, static_cast<double>(kMaxCalls)));
}

}  // namespace

std::vector<DeviceTiming> MeasureOnStream(const std::vector<DeviceCall>& calls,
                                          cudaStream_t stream, const TimingOptions& options) {
  const EventPair events;
  std::vector<DeviceTiming> results(calls.size());
  std::vector<std::size_t> per_sample(calls.size(), 0);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    std::string& failure = results[i].failure;
    if (TimeCalls(calls[i], 1, stream, events, &failure) < 0) continue;  // warm-up
    const double first = TimeCalls(calls[i], 1, stream, events, &failure);
    if (first < 0) continue;
    std::size_t count = CallsFor(options.min_sample_seconds / 4, 1, first);
    if (first < options.min_sample_seconds) {
      const double taken = TimeCalls(calls[i], count, stream, events, &failure);
      if (taken < 0) continue;
      count = CallsFor(options.min_sample_seconds, count, taken);
    }
    per_sample[i] = count;
    results[i].timing.calls_per_sample = count;
  }
  for (int round = 0; round < options.repeats; ++round) {
    for (std::size_t k = 0; k < calls.size(); ++k) {
      const std::size_t i = (static_cast<std::size_t>(round) + k) % calls.size();
      if (per_sample[i] == 0) continue;
      const double taken = TimeCalls(calls[i], per_sample[i], stream, events, &results[i].failure);
      if (taken < 0) {
        per_sample[i] = 0;
        results[i].timing = {};
        continue;
      }
      results[i].timing.samples.push_back(taken / static_cast<double>(per_sample[i]));
    }
  }
  for (DeviceTiming& result : results) result.timing.median = Median(result.timing.samples);
  return results;
}

}  // namespace rectify_cli::bench
