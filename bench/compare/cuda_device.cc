#include "compare/cuda_device.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "compare/timing.h"
#include "peers/dtypes.h"

namespace rectify_cli::bench {

CudaError::CudaError(const char* what, cudaError_t error)
    : std::runtime_error(std::string(what) + ": " + CudaErrorText(error)), error_(error) {}

void CheckCuda(cudaError_t error, const char* what) {
  if (error != cudaSuccess) throw CudaError(what, error);
}

std::string CudaErrorText(cudaError_t error) {
  return std::string(cudaGetErrorName(error)) + ": " + cudaGetErrorString(error);
}

DeviceBuffer::DeviceBuffer(std::size_t bytes) : size_(bytes) {
  if (bytes != 0) CheckCuda(cudaMalloc(&data_, bytes), "cudaMalloc");
}

DeviceBuffer::~DeviceBuffer() {
  if (data_ != nullptr) cudaFree(data_);
}

DeviceBuffer::DeviceBuffer(DeviceBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

DeviceBuffer& DeviceBuffer::operator=(DeviceBuffer&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) cudaFree(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Stream::Stream() {
  CheckCuda(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "cudaStreamCreate");
}

Stream::~Stream() {
  cudaStreamSynchronize(stream_);
  cudaStreamDestroy(stream_);
}

std::string CudaUnavailableReason() {
  int count = 0;
  const cudaError_t error = cudaGetDeviceCount(&count);
  if (error == cudaErrorInsufficientDriver) {
    return "cudaGetDeviceCount: " + CudaErrorText(error) +
           "; no NVIDIA driver here, or one older than the CUDA runtime rectify was built with";
  }
  if (error != cudaSuccess) return "cudaGetDeviceCount: " + CudaErrorText(error);
  if (count == 0) return "no CUDA device";
  return {};
}

namespace {

// "13.0" from CUDA's 1000 * major + 10 * minor.
std::string CudaVersionText(int version) {
  return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

}  // namespace

std::string DeviceDescription() {
  cudaDeviceProp prop{};
  CheckCuda(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties");
  int driver = 0;
  int runtime = 0;
  CheckCuda(cudaDriverGetVersion(&driver), "cudaDriverGetVersion");
  CheckCuda(cudaRuntimeGetVersion(&runtime), "cudaRuntimeGetVersion");
  char text[512];
  std::snprintf(text, sizeof text,
                "%s (sm_%d%d, %d SMs, %.1f GiB, %d-bit memory bus), driver CUDA %s, runtime %s",
                prop.name, prop.major, prop.minor, prop.multiProcessorCount,
                static_cast<double>(prop.totalGlobalMem) / (1 << 30), prop.memoryBusWidth,
                CudaVersionText(driver).c_str(), CudaVersionText(runtime).c_str());
  return text;
}

std::size_t FreeDeviceBytes() {
  std::size_t free_bytes = 0;
  std::size_t total_bytes = 0;
  CheckCuda(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo");
  return free_bytes;
}

void FillDeviceUniform(void* dst, rectify_dtype dtype, std::size_t n, double lo, double hi,
                       std::uint64_t seed) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  const std::size_t element = ElementBytes(dtype);
  const std::size_t block = std::min(n, kBlock);
  std::vector<unsigned char> host(block * element);
  switch (dtype) {
    case RECTIFY_F64:
      FillUniform(reinterpret_cast<double*>(host.data()), block, lo, hi, seed);
      break;
    case RECTIFY_BF16:
      FillUniformHalf(reinterpret_cast<std::uint16_t*>(host.data()), block, lo, hi, seed,
                      kBf16Format);
      break;
    case RECTIFY_F16:
      FillUniformHalf(reinterpret_cast<std::uint16_t*>(host.data()), block, lo, hi, seed,
                      kF16Format);
      break;
    default:
      FillUniform(reinterpret_cast<float*>(host.data()), block, lo, hi, seed);
      break;
  }
  auto* out = static_cast<unsigned char*>(dst);
  for (std::size_t done = 0; done < n; done += block) {
    const std::size_t count = std::min(block, n - done);
    CheckCuda(cudaMemcpy(out + done * element, host.data(), count * element,
                         cudaMemcpyHostToDevice),
              "cudaMemcpy");
  }
}

}  // namespace rectify_cli::bench
