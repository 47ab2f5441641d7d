#include "dispatch/targets.h"

#include <atomic>
#include <cctype>
#include <cstdlib>

#include "hwy/base.h"
#include "hwy/targets.h"
#include "kernels/compiled_targets.h"

namespace rectify {
namespace {

// At most every SIMD target plus SCALAR; filled once, never allocates.
struct TargetList {
  TargetEntry entries[16];
  std::size_t count = 0;
};

bool SameNameIgnoringCase(const char* a, const char* b) {
  for (; *a != '\0' && *b != '\0'; ++a, ++b) {
    if (std::toupper(static_cast<unsigned char>(*a)) !=
        std::toupper(static_cast<unsigned char>(*b))) {
      return false;
    }
  }
  return *a == *b;
}

// Index into UsableTargets(), or -1 when the name is not usable here.
long FindUsable(const char* name) {
  const auto targets = UsableTargets();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (SameNameIgnoringCase(name, targets[i].name)) return static_cast<long>(i);
  }
  return -1;
}

std::atomic<std::size_t>& ActiveIndex() {
  static std::atomic<std::size_t> index = [] {
    const char* requested = std::getenv("RECTIFY_TARGET");
    const long found = requested != nullptr ? FindUsable(requested) : -1;
    return static_cast<std::size_t>(found < 0 ? 0 : found);
  }();
  return index;
}

// The kernels of the active target, kept beside ActiveIndex() so the hot
// path reads one pointer.
std::atomic<const KernelTable*> active_kernels{nullptr};

}  // namespace

std::span<const TargetEntry> CompiledTargets() {
  static const TargetList compiled = [] {
    TargetList list;
    for (const TargetEntry& entry : SimdTargets()) list.entries[list.count++] = entry;
    list.entries[list.count++] = ScalarTarget();
    return list;
  }();
  return {compiled.entries, compiled.count};
}

std::span<const TargetEntry> UsableTargets() {
  static const TargetList usable = [] {
    TargetList list;
    const std::int64_t supported = hwy::SupportedTargets() | HWY_SCALAR;
    for (const TargetEntry& entry : CompiledTargets()) {
      if ((entry.hwy_target & supported) != 0) list.entries[list.count++] = entry;
    }
    return list;
  }();
  return {usable.entries, usable.count};
}

const TargetEntry& ActiveTarget() {
  return UsableTargets()[ActiveIndex().load(std::memory_order_relaxed)];
}

const KernelTable& ActiveKernels() {
  const KernelTable* kernels = active_kernels.load(std::memory_order_relaxed);
  if (HWY_LIKELY(kernels != nullptr)) return *kernels;
  kernels = ActiveTarget().kernels;
  // Only the first calls get here; a concurrent ForceTarget wins because it
  // stores after changing the index.
  const KernelTable* expected = nullptr;
  active_kernels.compare_exchange_strong(expected, kernels, std::memory_order_relaxed);
  return *active_kernels.load(std::memory_order_relaxed);
}

bool ForceTarget(const char* name) {
  const long found = name == nullptr ? 0 : FindUsable(name);
  if (found < 0) return false;
  ActiveIndex().store(static_cast<std::size_t>(found), std::memory_order_relaxed);
  active_kernels.store(UsableTargets()[static_cast<std::size_t>(found)].kernels,
                       std::memory_order_relaxed);
  return true;
}

}  // namespace rectify
