#include "support/op_cases.h"

namespace rectify::test {

std::vector<OpCase> ExactOpCases() {
  const auto with = [](rectify_op op, double alpha, double beta) {
    rectify_activation act = rectify_activation_default(op);
    act.alpha = alpha;
    act.beta = beta;
    return act;
  };
  return {
      {"relu", rectify_activation_default(RECTIFY_RELU)},
      {"leaky_relu_default", rectify_activation_default(RECTIFY_LEAKY_RELU)},
      {"leaky_relu_half", with(RECTIFY_LEAKY_RELU, 0.5, 0)},
      {"leaky_relu_zero", with(RECTIFY_LEAKY_RELU, 0.0, 0)},
      {"leaky_relu_minus_zero", with(RECTIFY_LEAKY_RELU, -0.0, 0)},
      {"leaky_relu_negative", with(RECTIFY_LEAKY_RELU, -2.5, 0)},
      {"leaky_relu_steep", with(RECTIFY_LEAKY_RELU, 3.0, 0)},
      {"leaky_relu_tiny", with(RECTIFY_LEAKY_RELU, 1e-40, 0)},
      {"relu6", rectify_activation_default(RECTIFY_CLIPPED_RELU)},
      {"clipped_relu_one", with(RECTIFY_CLIPPED_RELU, 0, 1.0)},
      {"clipped_relu_inexact", with(RECTIFY_CLIPPED_RELU, 0, 0.7)},
      {"clipped_relu_huge", with(RECTIFY_CLIPPED_RELU, 0, 1e30)},
      {"hardsigmoid", rectify_activation_default(RECTIFY_HARDSIGMOID)},
      {"hardswish", rectify_activation_default(RECTIFY_HARDSWISH)},
  };
}

bool HasFromOutput(const OpCase& c) {
  switch (c.act.op) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU:
      return true;
    case RECTIFY_LEAKY_RELU:
      return static_cast<float>(c.act.alpha) > 0.0f;
    default:
      return false;
  }
}

}  // namespace rectify::test
