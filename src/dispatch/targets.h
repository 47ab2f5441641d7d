// Runtime choice of the SIMD target: the usable targets, the active one,
// and forcing (rectify_force_target, RECTIFY_TARGET).
#ifndef RECTIFY_DISPATCH_TARGETS_H_
#define RECTIFY_DISPATCH_TARGETS_H_

#include <cstddef>
#include <span>

#include "kernels/kernel_table.h"

namespace rectify {

// Compiled targets this CPU can run, best first; SCALAR is always last.
// Computed once; thread-safe.
std::span<const TargetEntry> UsableTargets();

// Every target compiled into this build, best first; SCALAR is last.
std::span<const TargetEntry> CompiledTargets();

// The target compute calls use now. The first call reads RECTIFY_TARGET.
const TargetEntry& ActiveTarget();

// The active target's kernels: one relaxed atomic load after the first call.
const KernelTable& ActiveKernels();

// Makes the usable target named `name` (case-insensitive) active; nullptr
// restores the best. Returns false, changing nothing, for an unknown or
// unusable name.
bool ForceTarget(const char* name);

}  // namespace rectify

#endif  // RECTIFY_DISPATCH_TARGETS_H_
