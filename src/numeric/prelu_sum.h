// The canonical order of the PReLU slope gradient (docs/semantics.md,
// "prelu"): dslope[c] is a sum in f64 of the terms x <= 0 ? x * dy : (none)
// over the channel's elements. 16 partial sums start at -0 (the exact
// identity of IEEE addition); partial j adds, in (outer, inner) order, the
// terms with inner index i = j (mod 16); a fixed tree then adds the
// partials; a final + 0 makes a zero sum +0; the f64 total is rounded once
// to T; any NaN becomes the canonical quiet NaN. Fixing this order is what
// makes every target and thread count give the same bits.
#ifndef RECTIFY_NUMERIC_PRELU_SUM_H_
#define RECTIFY_NUMERIC_PRELU_SUM_H_

#include <cmath>
#include <cstddef>

#include "lane/host_device.h"
#include "numeric/float_bits.h"

namespace rectify {

inline constexpr std::size_t kPreluPartials = 16;

// Adds the 16 partials in the fixed tree (j with j + 8, then j + 4, j + 2,
// j + 1) and rounds the total to T. Overwrites `partials`.
template <typename T>
RECTIFY_HD T FinishPreluSum(double* partials) {
  for (std::size_t width = kPreluPartials / 2; width >= 1; width /= 2) {
    for (std::size_t j = 0; j < width; ++j) partials[j] += partials[j + width];
  }
  const T total = static_cast<T>(partials[0] + 0.0);
  return std::isnan(total) ? CanonicalNaN<T>() : total;
}

// One slope-gradient term in f64 (exact for f32 inputs); -0 (no term) when
// x > 0.
template <typename T>
double PreluSlopeTerm(T x, T dy) {
  return x > T(0) ? -0.0 : static_cast<double>(x) * static_cast<double>(dy);
}

}  // namespace rectify

#endif  // RECTIFY_NUMERIC_PRELU_SUM_H_
