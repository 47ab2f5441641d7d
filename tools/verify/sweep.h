// One accuracy sweep: an op, dtype and direction on the active target, over
// every f32 bit pattern or a stratified sample, on several threads. Each
// output is compared with the scalar reference (bits) and with the exact
// value (ulps, correct rounding).
#ifndef RECTIFY_TOOLS_VERIFY_SWEEP_H_
#define RECTIFY_TOOLS_VERIFY_SWEEP_H_

#include <cstdint>
#include <functional>
#include <string>

#include "rectify/rectify.h"
#include "verify/direction.h"

namespace rectify::verify {

// The documented accuracy bound of act's op at act's accuracy tier for
// `direction` in ulps (0.5 means correctly rounded): TierBoundUlp of the
// op registry (ops/op_info.h).
double BoundUlp(const rectify_activation& act, Direction direction);

struct SweepRequest {
  rectify_activation act;
  rectify_dtype dtype = RECTIFY_F32;  // RECTIFY_F32 or RECTIFY_F64
  Direction direction = Direction::kForward;
  bool exhaustive = false;            // every f32 bit pattern (f32 only)
  std::uint64_t samples = 1u << 20;   // otherwise: this many inputs
  unsigned threads = 1;
  // Called now and then from one thread with the fraction done (0..1).
  std::function<void(double)> progress;
};

struct SweepResult {
  std::uint64_t checked = 0;        // inputs compared
  std::uint64_t special = 0;        // of them NaN/inf in x or dy: bits only
  std::uint64_t not_correctly_rounded = 0;
  std::uint64_t reference_mismatches = 0;
  bool bits_checked = false;         // against the scalar reference (exact ops)
  std::uint64_t mpfr_fallbacks = 0;  // roundings the wide value left open
  double max_ulp = 0;
  std::string worst;                 // "x=... dy=... got=..." at max_ulp
  std::string first_mismatch;        // first output differing from reference
  double seconds = 0;
  rectify_status status = RECTIFY_OK;  // of the library calls

  // The library calls succeeded, every output has the reference's bits,
  // and the error is within `bound_ulp` (with 0.5: correctly rounded).
  bool Passed(double bound_ulp) const {
    return status == RECTIFY_OK && reference_mismatches == 0 && max_ulp <= bound_ulp &&
           (bound_ulp > 0.5 || not_correctly_rounded == 0);
  }
};

// Runs the sweep on the active target. Deterministic inputs (fixed seeds).
SweepResult RunSweep(const SweepRequest& request);

}  // namespace rectify::verify

#endif  // RECTIFY_TOOLS_VERIFY_SWEEP_H_
