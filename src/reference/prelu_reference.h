// Scalar reference of PReLU (leaky_relu with a slope per channel) forward
// and backward, element by element in
// the plain layout order; see prelu_sum.h for the slope-gradient order.
#ifndef RECTIFY_REFERENCE_PRELU_REFERENCE_H_
#define RECTIFY_REFERENCE_PRELU_REFERENCE_H_

#include <cstddef>

#include "numeric/prelu_sum.h"
#include "ops/leaky_relu/leaky_relu.h"

namespace rectify::reference {

template <typename T>
void PreluForward(std::size_t outer, std::size_t channels, std::size_t inner,
                  const T* x, const T* slope, T* y) {
  for (std::size_t o = 0; o < outer; ++o) {
    for (std::size_t c = 0; c < channels; ++c) {
      for (std::size_t i = 0; i < inner; ++i) {
        const std::size_t at = (o * channels + c) * inner + i;
        y[at] = OpFormula<RECTIFY_LEAKY_RELU>::Forward(x[at], slope[c], T(0));
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
        dx[at] = OpFormula<RECTIFY_LEAKY_RELU>::Backward(x[at], dy[at], slope[c], T(0));
      }
    }
    dslope[c] = FinishPreluSum<T>(partials);
  }
}

}  // namespace rectify::reference

#endif  // RECTIFY_REFERENCE_PRELU_REFERENCE_H_
