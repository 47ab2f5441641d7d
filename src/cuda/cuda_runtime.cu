// The CUDA backend's entry points (cuda_backend.h): the error state, the
// pointer and device queries, the device copies of the 16-bit forward
// tables, and the dispatch to the typed launchers by dtype.
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "cuda/cuda_backend.h"
#include "cuda/cuda_common.cuh"
#include "cuda/cuda_typed.h"
#include "api/validate.h"

namespace rectify::cuda {
namespace {

thread_local char last_error[256] = "";

// A 16-bit forward table on a device, keyed by what determines its values.
struct DeviceTable {
  int device;
  rectify_op op;
  float alpha;
  float beta;
  HalfFormat format;
  std::uint16_t* values;
};

// Tables kept per process (all devices); beyond this a call uses a
// temporary copy and waits for its stream.
constexpr std::size_t kCachedDeviceTables = 256;

std::mutex table_mutex;
std::vector<DeviceTable>& Tables() {
  static auto* tables = new std::vector<DeviceTable>();  // immortal, as the host tables
  return *tables;
}

bool SameKey(const DeviceTable& t, int device, const OpParams& p, HalfFormat format) {
  return t.device == device && t.op == p.op && t.alpha == static_cast<float>(p.alpha) &&
         t.beta == static_cast<float>(p.beta) && t.format == format;
}

constexpr std::size_t kTableBytes = 65536 * sizeof(std::uint16_t);

// The device copy of host_table (65536 entries): cached, or, with the
// cache full, a temporary one (*temporary set; the caller frees it after
// synchronising its stream).
rectify_status DeviceTableFor(const OpParams& params, HalfFormat format,
                              const std::uint16_t* host_table, const std::uint16_t** table,
                              std::uint16_t** temporary) {
  int device = 0;
  RECTIFY_CUDA_CHECK_STATUS(DeviceError(cudaGetDevice(&device), "cudaGetDevice"));
  const std::lock_guard<std::mutex> lock(table_mutex);
  std::size_t on_device = 0;
  for (const DeviceTable& t : Tables()) {
    if (SameKey(t, device, params, format)) {
      *table = t.values;
      return RECTIFY_OK;
    }
    on_device += t.device == device ? 1 : 0;
  }
  void* values = nullptr;
  RECTIFY_CUDA_CHECK_STATUS(DeviceError(cudaMalloc(&values, kTableBytes), "cudaMalloc"));
  const cudaError_t copied = cudaMemcpy(values, host_table, kTableBytes, cudaMemcpyHostToDevice);
  if (copied != cudaSuccess) {
    cudaFree(values);
    return DeviceError(copied, "cudaMemcpy of a forward table");
  }
  auto* typed = static_cast<std::uint16_t*>(values);
  *table = typed;
  if (on_device >= kCachedDeviceTables) {
    *temporary = typed;
    return RECTIFY_OK;
  }
  Tables().push_back(DeviceTable{device, params.op, static_cast<float>(params.alpha),
                                 static_cast<float>(params.beta), format, typed});
  return RECTIFY_OK;
}

// Runs launch(device_table) with the device copy of context.table (the host
// table) and, for a temporary copy, waits for the stream and frees it.
template <class Launch>
rectify_status WithDeviceTable(const OpParams& params, const CallContext& context,
                               HalfFormat format, void* stream, const Launch& launch) {
  const std::uint16_t* table = nullptr;
  std::uint16_t* temporary = nullptr;
  RECTIFY_CUDA_CHECK_STATUS(DeviceTableFor(
      params, format, static_cast<const std::uint16_t*>(context.table), &table, &temporary));
  rectify_status status = launch(table);
  if (temporary != nullptr) {
    const cudaError_t synced = cudaStreamSynchronize(AsStream(stream));
    if (status == RECTIFY_OK) status = DeviceError(synced, "cudaStreamSynchronize");
    cudaFree(temporary);
  }
  return status;
}

// Full waves per launch: RECTIFY_CUDA_WAVES (an integer 1..64, read once;
// anything else: 1). A tuning knob for measuring grid sizes
// (bench/gpu/run.sh sweeps it); results never depend on it.
int Waves() {
  static const int waves = [] {
    const char* text = std::getenv("RECTIFY_CUDA_WAVES");
    if (text == nullptr) return 1;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    return end != text && *end == '\0' && value >= 1 && value <= 64 ? static_cast<int>(value)
                                                                     : 1;
  }();
  return waves;
}

// The resident blocks of `kernel` that fill the current device once, times
// Waves(), cached per device in `cache`.
rectify_status FullWave(const void* kernel, std::atomic<int>* cache, int* blocks) {
  int device = 0;
  int processors = 0;
  int per_processor = 0;
  RECTIFY_CUDA_CHECK_STATUS(DeviceError(cudaGetDevice(&device), "cudaGetDevice"));
  const bool cacheable = device >= 0 && device < kWaveCacheDevices;
  if (cacheable) {
    *blocks = cache[device].load(std::memory_order_relaxed);
    if (*blocks > 0) return RECTIFY_OK;
  }
  RECTIFY_CUDA_CHECK_STATUS(DeviceError(
      cudaDeviceGetAttribute(&processors, cudaDevAttrMultiProcessorCount, device),
      "cudaDeviceGetAttribute"));
  RECTIFY_CUDA_CHECK_STATUS(DeviceError(
      cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_processor, kernel, kThreads, 0),
      "cudaOccupancyMaxActiveBlocksPerMultiprocessor"));
  *blocks = processors * per_processor > 0 ? processors * per_processor * Waves() : 1;
  if (cacheable) cache[device].store(*blocks, std::memory_order_relaxed);
  return RECTIFY_OK;
}

}  // namespace

rectify_status DeviceError(cudaError_t error, const char* what) {
  if (error == cudaSuccess) return RECTIFY_OK;
  std::snprintf(last_error, sizeof last_error, "%s: %s (%s)", what, cudaGetErrorString(error),
                cudaGetErrorName(error));
  return RECTIFY_ERROR_DEVICE;
}

rectify_status GridBlocks(const void* kernel, std::atomic<int>* cache, std::size_t work,
                          unsigned* blocks) {
  int wave = 0;
  RECTIFY_CUDA_CHECK_STATUS(FullWave(kernel, cache, &wave));
  const std::size_t needed = (work + kThreads - 1) / kThreads;
  *blocks = static_cast<unsigned>(needed < static_cast<std::size_t>(wave) ? needed : wave);
  return RECTIFY_OK;
}

bool Compiled() { return true; }

rectify_status Zero(void* p, std::size_t bytes, void* stream) {
  return DeviceError(cudaMemsetAsync(p, 0, bytes, AsStream(stream)), "cudaMemsetAsync");
}

bool Available() {
  int count = 0;
  return cudaGetDeviceCount(&count) == cudaSuccess && count > 0;
}

const char* LastError() { return last_error; }

void ClearError() { last_error[0] = '\0'; }

rectify_status CheckDevicePointers(std::initializer_list<const void*> pointers) {
  for (const void* p : pointers) {
    if (p == nullptr) continue;
    cudaPointerAttributes attributes{};
    RECTIFY_CUDA_CHECK_STATUS(
        DeviceError(cudaPointerGetAttributes(&attributes, p), "cudaPointerGetAttributes"));
    if (attributes.type != cudaMemoryTypeDevice && attributes.type != cudaMemoryTypeManaged) {
      return RECTIFY_ERROR_INVALID_ARGUMENT;
    }
  }
  return RECTIFY_OK;
}

rectify_status Forward(const OpParams& params, const CallContext& context, DtypeSlot dtype_slot,
                       std::size_t n, const void* x, void* y, void* stream) {
  switch (dtype_slot) {
    case kF32Slot:
      return ForwardTyped<float>(params, n, x, y, stream);
    case kF64Slot:
      return ForwardTyped<double>(params, n, x, y, stream);
    default:
      return WithDeviceTable(params, context, FormatOf(dtype_slot), stream,
                             [&](const std::uint16_t* device_table) {
                               return HalfForward(n, x, y, device_table, stream);
                             });
  }
}

rectify_status Backward(const OpParams& params, DtypeSlot dtype_slot, std::size_t n,
                        const void* x, const void* dy, void* dx, void* stream) {
  switch (dtype_slot) {
    case kF32Slot:
      return BackwardTyped<float>(params, n, x, dy, dx, stream);
    case kF64Slot:
      return BackwardTyped<double>(params, n, x, dy, dx, stream);
    default:
      return HalfBackward(FormatOf(dtype_slot), params, n, x, dy, dx, stream);
  }
}

rectify_status BiasForward(const OpParams& params, const CallContext& context, DtypeSlot dtype_slot,
                           std::size_t outer, std::size_t channels, std::size_t inner,
                           const void* x, const void* bias, void* y, void* stream) {
  switch (dtype_slot) {
    case kF32Slot:
      return BiasForwardTyped<float>(params, outer, channels, inner, x, bias, y, stream);
    case kF64Slot:
      return BiasForwardTyped<double>(params, outer, channels, inner, x, bias, y, stream);
    default: {
      const HalfFormat format = FormatOf(dtype_slot);
      return WithDeviceTable(params, context, format, stream,
                             [&](const std::uint16_t* device_table) {
                               return HalfBiasForward(format, outer, channels, inner, x, bias,
                                                      y, device_table, stream);
                             });
    }
  }
}

rectify_status BiasBackward(const OpParams& params, DtypeSlot dtype_slot,
                            std::size_t outer, std::size_t channels, std::size_t inner,
                            const void* x, const void* bias, const void* dy, void* dx,
                            void* dbias, void* stream) {
  switch (dtype_slot) {
    case kF32Slot:
      return BiasBackwardTyped<float>(params, outer, channels, inner, x, bias, dy, dx, dbias,
                                      stream);
    case kF64Slot:
      return BiasBackwardTyped<double>(params, outer, channels, inner, x, bias, dy, dx, dbias,
                                       stream);
    default:
      return HalfBiasBackward(FormatOf(dtype_slot), params, outer, channels, inner, x,
                              bias, dy, dx, dbias, stream);
  }
}

}  // namespace rectify::cuda
