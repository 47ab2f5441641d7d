// The dead-unit monitor: its allocation, its step bookkeeping and the C
// queries on it. The counting itself happens in the forward kernels
// (kernels/bias_loops-inl.h); this file only folds each call's counts in.
#include "monitor/monitor.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <utility>

#include "rectify/rectify.h"

namespace rectify {
namespace {

// count zero-filled elements of T, or an empty pointer when it fails.
template <typename T>
ZeroedArray<T> AllocateZeroed(std::size_t count) {
  return ZeroedArray<T>(static_cast<T*>(std::calloc(count, sizeof(T))));
}

}  // namespace

rectify_status CreateMonitor(std::size_t units, std::uint32_t window,
                             rectify_monitor** out) {
  if (out == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  if (units == 0 || window == 0) return RECTIFY_ERROR_INVALID_ARGUMENT;
  // The ring and four per-unit arrays, in 8-byte counts.
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max() / 8;
  if (units > (kMax - 1) / (std::size_t{window} + 4)) {
    return RECTIFY_ERROR_INVALID_ARGUMENT;
  }
  rectify_monitor* monitor = new (std::nothrow) rectify_monitor;
  if (monitor == nullptr) return RECTIFY_ERROR_OUT_OF_MEMORY;
  monitor->units = units;
  monitor->window = window;
  monitor->positives = AllocateZeroed<std::uint64_t>(units * std::size_t{window});
  monitor->elements = AllocateZeroed<std::uint64_t>(window);
  monitor->last_active = AllocateZeroed<std::uint64_t>(units);
  monitor->window_positives = AllocateZeroed<std::uint64_t>(units);
  monitor->piece_counts = AllocateZeroed<std::uint32_t>(units);
  monitor->call_counts = AllocateZeroed<std::uint64_t>(units);
  if (!monitor->positives || !monitor->elements || !monitor->last_active ||
      !monitor->window_positives || !monitor->piece_counts || !monitor->call_counts) {
    delete monitor;
    return RECTIFY_ERROR_OUT_OF_MEMORY;
  }
  *out = monitor;
  return RECTIFY_OK;
}

bool ReserveCountSlots(rectify_monitor& monitor, std::size_t slots) {
  if (slots <= monitor.slot_capacity) return true;
  if (slots > std::numeric_limits<std::size_t>::max() / 8 / monitor.units) return false;
  ZeroedArray<std::uint64_t> grown = AllocateZeroed<std::uint64_t>(slots * monitor.units);
  if (!grown) return false;
  monitor.slot_counts = std::move(grown);
  monitor.slot_capacity = slots;
  return true;
}

void ResetMonitor(rectify_monitor& monitor) {
  monitor.steps = 0;
  monitor.window_elements = 0;
  std::memset(monitor.positives.get(), 0,
              monitor.units * std::size_t{monitor.window} * sizeof(std::uint64_t));
  std::memset(monitor.elements.get(), 0, monitor.window * sizeof(std::uint64_t));
  std::memset(monitor.last_active.get(), 0, monitor.units * sizeof(std::uint64_t));
  std::memset(monitor.window_positives.get(), 0, monitor.units * sizeof(std::uint64_t));
}

void RecordStep(rectify_monitor& monitor, std::uint64_t elements) {
  const std::size_t slot = static_cast<std::size_t>(monitor.steps % monitor.window);
  std::uint64_t* ring = monitor.positives.get() + slot * monitor.units;
  const std::uint64_t* counts = monitor.call_counts.get();
  for (std::size_t u = 0; u < monitor.units; ++u) {
    monitor.window_positives[u] += counts[u] - ring[u];
    ring[u] = counts[u];
    if (counts[u] != 0) monitor.last_active[u] = monitor.steps + 1;
  }
  monitor.window_elements += elements - monitor.elements[slot];
  monitor.elements[slot] = elements;
  ++monitor.steps;
}

}  // namespace rectify

extern "C" {

rectify_status rectify_monitor_create(size_t units, uint32_t window,
                                      rectify_monitor** out) {
  return rectify::CreateMonitor(units, window, out);
}

void rectify_monitor_destroy(rectify_monitor* monitor) { delete monitor; }

rectify_status rectify_monitor_reset(rectify_monitor* monitor) {
  if (monitor == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  rectify::ResetMonitor(*monitor);
  return RECTIFY_OK;
}

size_t rectify_monitor_dead_count(const rectify_monitor* monitor) {
  if (monitor == nullptr) return 0;
  std::size_t dead = 0;
  for (std::size_t u = 0; u < monitor->units; ++u) dead += rectify::IsDead(*monitor, u);
  return dead;
}

rectify_status rectify_monitor_dead_mask(const rectify_monitor* monitor,
                                         uint8_t* mask) {
  if (monitor == nullptr || mask == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  for (std::size_t u = 0; u < monitor->units; ++u) {
    mask[u] = rectify::IsDead(*monitor, u) ? 1 : 0;
  }
  return RECTIFY_OK;
}

rectify_status rectify_monitor_activity(const rectify_monitor* monitor,
                                        double* rate) {
  if (monitor == nullptr || rate == nullptr) return RECTIFY_ERROR_NULL_POINTER;
  const double elements = static_cast<double>(monitor->window_elements);
  for (std::size_t u = 0; u < monitor->units; ++u) {
    rate[u] = monitor->window_elements == 0
                  ? 0.0
                  : static_cast<double>(monitor->window_positives[u]) / elements;
  }
  return RECTIFY_OK;
}

uint64_t rectify_monitor_steps(const rectify_monitor* monitor) {
  return monitor == nullptr ? 0 : monitor->steps;
}

size_t rectify_monitor_units(const rectify_monitor* monitor) {
  return monitor == nullptr ? 0 : monitor->units;
}

uint32_t rectify_monitor_window(const rectify_monitor* monitor) {
  return monitor == nullptr ? 0 : monitor->window;
}

}  // extern "C"
