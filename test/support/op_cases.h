// The activations every exact-op test runs, with the reference that each
// must match bit for bit.
#ifndef RECTIFY_TEST_SUPPORT_OP_CASES_H_
#define RECTIFY_TEST_SUPPORT_OP_CASES_H_

#include <string>
#include <vector>

#include "rectify/rectify.h"
#include "reference/exact_reference.h"

namespace rectify::test {

struct OpCase {
  std::string label;  // used in test names: letters, digits, '_'
  rectify_activation act;
};

// relu, leaky_relu with several slopes (0, -0, negative, > 1, subnormal in
// f32), clipped_relu with several caps, hardsigmoid, hardswish.
std::vector<OpCase> ExactOpCases();

// Whether backward-from-output applies to this case.
bool HasFromOutput(const OpCase& c);

template <typename T>
T ReferenceForward(const rectify_activation& act, T x) {
  const T alpha = static_cast<T>(act.alpha);
  const T cap = static_cast<T>(act.beta);
  switch (act.op) {
    case RECTIFY_RELU: return reference::Relu(x);
    case RECTIFY_LEAKY_RELU: return reference::LeakyRelu(x, alpha);
    case RECTIFY_CLIPPED_RELU: return reference::ClippedRelu(x, cap);
    case RECTIFY_HARDSIGMOID: return reference::Hardsigmoid(x);
    case RECTIFY_HARDSWISH: return reference::Hardswish(x);
    default: return T(0);
  }
}

template <typename T>
T ReferenceBackward(const rectify_activation& act, T x, T dy) {
  const T alpha = static_cast<T>(act.alpha);
  const T cap = static_cast<T>(act.beta);
  switch (act.op) {
    case RECTIFY_RELU: return reference::ReluBackward(x, dy);
    case RECTIFY_LEAKY_RELU: return reference::LeakyReluBackward(x, dy, alpha);
    case RECTIFY_CLIPPED_RELU: return reference::ClippedReluBackward(x, dy, cap);
    case RECTIFY_HARDSIGMOID: return reference::HardsigmoidBackward(x, dy);
    case RECTIFY_HARDSWISH: return reference::HardswishBackward(x, dy);
    default: return T(0);
  }
}

template <typename T>
T ReferenceBackwardFromOutput(const rectify_activation& act, T y, T dy) {
  const T alpha = static_cast<T>(act.alpha);
  const T cap = static_cast<T>(act.beta);
  switch (act.op) {
    case RECTIFY_RELU: return reference::ReluBackwardFromOutput(y, dy);
    case RECTIFY_LEAKY_RELU:
      return reference::LeakyReluBackwardFromOutput(y, dy, alpha);
    case RECTIFY_CLIPPED_RELU:
      return reference::ClippedReluBackwardFromOutput(y, dy, cap);
    default: return T(0);
  }
}

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_OP_CASES_H_
