// The dead-unit monitor's state (rectify_monitor in the C API) and the
// operations the monitored forward call needs. Definitions of "active",
// "dead" and the activity rate: docs/semantics.md, "Dead-unit monitor".
#ifndef RECTIFY_MONITOR_MONITOR_H_
#define RECTIFY_MONITOR_MONITOR_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "rectify/rectify.h"

namespace rectify {

// An array of T allocated zero-filled with calloc (untouched pages stay
// unmapped until used) and released with free.
struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};
template <typename T>
using ZeroedArray = std::unique_ptr<T[], FreeDeleter>;

}  // namespace rectify

struct rectify_monitor {
  std::size_t units = 0;
  std::uint32_t window = 0;
  std::uint64_t steps = 0;  // recorded since creation or reset
  // Ring of the last `window` steps: positives[slot * units + u] is unit u's
  // count of pre-activations > 0 in that step, elements[slot] the
  // pre-activations each unit had in it. Step s (0-based) is in slot
  // s % window.
  rectify::ZeroedArray<std::uint64_t> positives;
  rectify::ZeroedArray<std::uint64_t> elements;
  // Per unit: 1 + the index of the last step it was active in, 0 if never.
  rectify::ZeroedArray<std::uint64_t> last_active;
  // Sums over the ring: per unit positives, and elements.
  rectify::ZeroedArray<std::uint64_t> window_positives;
  std::uint64_t window_elements = 0;
  // Per-call counts the kernels add to: 32-bit for f32 calls (folded into
  // call_counts after each piece), 64-bit call totals.
  rectify::ZeroedArray<std::uint32_t> piece_counts;
  rectify::ZeroedArray<std::uint64_t> call_counts;
  // Per-thread count slots of a call split over rows (units counts of 8
  // bytes each per slot), grown on demand.
  rectify::ZeroedArray<std::uint64_t> slot_counts;
  std::size_t slot_capacity = 0;
};

namespace rectify {

// Allocates a monitor (see rectify_monitor_create for the errors).
rectify_status CreateMonitor(std::size_t units, std::uint32_t window,
                             rectify_monitor** out);

// Makes room for `slots` count slots; false when the allocation fails
// (the monitor is unchanged).
bool ReserveCountSlots(rectify_monitor& monitor, std::size_t slots);

// Forgets every recorded step.
void ResetMonitor(rectify_monitor& monitor);

// Records one step from monitor.call_counts (positives per unit) with
// `elements` pre-activations per unit.
void RecordStep(rectify_monitor& monitor, std::uint64_t elements);

// Whether unit u (< units) is dead: at least `window` steps recorded and
// none of the last `window` had it active.
inline bool IsDead(const rectify_monitor& monitor, std::size_t u) {
  return monitor.steps >= monitor.window &&
         monitor.last_active[u] + monitor.window <= monitor.steps;
}

}  // namespace rectify

#endif  // RECTIFY_MONITOR_MONITOR_H_
