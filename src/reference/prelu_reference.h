// Scalar reference of PReLU forward and backward, element by element in
// the plain layout order; see prelu_sum.h for the slope-gradient order.
#ifndef RECTIFY_REFERENCE_PRELU_REFERENCE_H_
#define RECTIFY_REFERENCE_PRELU_REFERENCE_H_

#include <cstddef>

#include "reference/exact_reference.h"
#include "reference/prelu_sum.h"

namespace rectify::reference {

template <typename T>
void PreluForward(std::size_t outer, std::size_t channels, std::size_t inner,
                  const T* x, const T* slope, T* y) {
  for (std::size_t o = 0; o < outer; ++o) {
    for (std::size_t c = 0; c < channels; ++c) {
      for (std::size_t i = 0; i < inner; ++i) {
        const std::size_t at = (o * channels + c) * inner + i;
        y[at] = LeakyRelu(x[at], slope[c]);
      }
    }
  }
}

template <typename T>
void PreluBackward(std::size_t outer, std::size_t channels, std::size_t inner,
                   const T* x, const T* slope, const T* dy, T* dx, T* dslope) {
  for (std::size_t c = 0; c < channels; ++c) {
    double partials[kPreluPartials];
    for (double& p : partials) p = -0.0;
    for (std::size_t o = 0; o < outer; ++o) {
      for (std::size_t i = 0; i < inner; ++i) {
        const std::size_t at = (o * channels + c) * inner + i;
        partials[i % kPreluPartials] += PreluSlopeTerm(x[at], dy[at]);
        dx[at] = LeakyReluBackward(x[at], dy[at], slope[c]);
      }
    }
    dslope[c] = FinishPreluSum<T>(partials);
  }
}

}  // namespace rectify::reference

#endif  // RECTIFY_REFERENCE_PRELU_REFERENCE_H_
