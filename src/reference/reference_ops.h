// The scalar reference of every implemented op, chosen by a
// rectify_activation at run time: what the tests and `rectify verify`
// compare each target's output with. Parameters are rounded to T once.
#ifndef RECTIFY_REFERENCE_REFERENCE_OPS_H_
#define RECTIFY_REFERENCE_REFERENCE_OPS_H_

#include "rectify/rectify.h"
#include "reference/exact_reference.h"

namespace rectify::reference {

template <typename T>
T ReferenceForward(const rectify_activation& act, T x) {
  const T alpha = static_cast<T>(act.alpha);
  const T cap = static_cast<T>(act.beta);
  switch (act.op) {
    case RECTIFY_RELU: return Relu(x);
    case RECTIFY_LEAKY_RELU: return LeakyRelu(x, alpha);
    case RECTIFY_CLIPPED_RELU: return ClippedRelu(x, cap);
    case RECTIFY_HARDSIGMOID: return Hardsigmoid(x);
    case RECTIFY_HARDSWISH: return Hardswish(x);
    default: return T(0);
  }
}

template <typename T>
T ReferenceBackward(const rectify_activation& act, T x, T dy) {
  const T alpha = static_cast<T>(act.alpha);
  const T cap = static_cast<T>(act.beta);
  switch (act.op) {
    case RECTIFY_RELU: return ReluBackward(x, dy);
    case RECTIFY_LEAKY_RELU: return LeakyReluBackward(x, dy, alpha);
    case RECTIFY_CLIPPED_RELU: return ClippedReluBackward(x, dy, cap);
    case RECTIFY_HARDSIGMOID: return HardsigmoidBackward(x, dy);
    case RECTIFY_HARDSWISH: return HardswishBackward(x, dy);
    default: return T(0);
  }
}

template <typename T>
T ReferenceBackwardFromOutput(const rectify_activation& act, T y, T dy) {
  const T alpha = static_cast<T>(act.alpha);
  const T cap = static_cast<T>(act.beta);
  switch (act.op) {
    case RECTIFY_RELU: return ReluBackwardFromOutput(y, dy);
    case RECTIFY_LEAKY_RELU:
      return LeakyReluBackwardFromOutput(y, dy, alpha);
    case RECTIFY_CLIPPED_RELU:
      return ClippedReluBackwardFromOutput(y, dy, cap);
    default: return T(0);
  }
}

}  // namespace rectify::reference

#endif  // RECTIFY_REFERENCE_REFERENCE_OPS_H_
