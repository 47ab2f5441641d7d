// The CUDA runtime as `rectify bench --device cuda` uses it: errors as
// exceptions, device memory and a stream that free themselves, the
// description of the GPU, and inputs filled on the host and copied over.
// Compiled only with RECTIFY_BENCH_CUDA (a build with rectify's CUDA
// backend).
#ifndef RECTIFY_BENCH_COMPARE_CUDA_DEVICE_H_
#define RECTIFY_BENCH_COMPARE_CUDA_DEVICE_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <cuda_runtime_api.h>

#include "rectify/rectify.h"

namespace rectify_cli::bench {

// A CUDA runtime call that failed: "what: cudaErrorX: description".
class CudaError : public std::runtime_error {
 public:
  CudaError(const char* what, cudaError_t error);
  cudaError_t error() const { return error_; }

 private:
  cudaError_t error_;
};

// Throws CudaError unless `error` is cudaSuccess; `what` names the call.
void CheckCuda(cudaError_t error, const char* what);

// "cudaErrorX: description" of `error`.
std::string CudaErrorText(cudaError_t error);

// `bytes` of device memory from cudaMalloc (none for 0), freed on
// destruction. Throws CudaError when cudaMalloc fails.
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(std::size_t bytes);
  ~DeviceBuffer();
  DeviceBuffer(DeviceBuffer&& other) noexcept;
  DeviceBuffer& operator=(DeviceBuffer&& other) noexcept;
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  void* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// A non-blocking stream of the current device, destroyed (after it has
// drained) on destruction. Throws CudaError when it cannot be created.
class Stream {
 public:
  Stream();
  ~Stream();
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  cudaStream_t get() const { return stream_; }

 private:
  cudaStream_t stream_ = nullptr;
};

// Whether a CUDA device can be used: empty when device 0 is there, else
// why not (the runtime's error text, or "no CUDA device"). Never throws.
std::string CudaUnavailableReason();

// Device 0 in one line: name, compute capability, SMs, memory, driver and
// runtime versions. Throws CudaError.
std::string DeviceDescription();

// Free device memory in bytes now (cudaMemGetInfo). Throws CudaError.
std::size_t FreeDeviceBytes();

// Fills n elements of `dtype` at device address `dst` with reproducible
// values uniform in [lo, hi) (16-bit dtypes: rounded to nearest even). One
// block of at most 2^20 elements is made on the host from `seed` and copied
// over and over, so the values repeat with that period. Synchronous; throws
// CudaError.
void FillDeviceUniform(void* dst, rectify_dtype dtype, std::size_t n, double lo, double hi,
                       std::uint64_t seed);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_CUDA_DEVICE_H_
