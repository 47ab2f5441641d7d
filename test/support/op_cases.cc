#include "support/op_cases.h"

namespace rectify::test {

namespace {

rectify_activation With(rectify_op op, double alpha, double beta) {
  rectify_activation act = rectify_activation_default(op);
  act.alpha = alpha;
  act.beta = beta;
  return act;
}

}  // namespace

std::vector<OpCase> ExactOpCases() {
  const auto with = With;
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

std::vector<OpCase> SmoothOpCases() {
  std::vector<OpCase> cases;
  for (int op = RECTIFY_ELU; op <= RECTIFY_TANH; ++op) {
    const auto value = static_cast<rectify_op>(op);
    cases.push_back({rectify_op_name(value), rectify_activation_default(value)});
  }
  cases.push_back({"elu_half", With(RECTIFY_ELU, 0.5, 0)});
  cases.push_back({"elu_negative", With(RECTIFY_ELU, -1.5, 0)});
  cases.push_back({"selu_custom", With(RECTIFY_SELU, 2.0, 0.7)});
  cases.push_back({"silu_1_702", With(RECTIFY_SILU, 1.702, 0)});
  cases.push_back({"softplus_quarter", With(RECTIFY_SOFTPLUS, 0.25, 0)});
  cases.push_back({"softplus_ten", With(RECTIFY_SOFTPLUS, 10.0, 0)});
  return cases;
}

bool HasFromOutput(const OpCase& c) {
  switch (c.act.op) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU:
    case RECTIFY_SIGMOID:
    case RECTIFY_TANH:
      return true;
    case RECTIFY_LEAKY_RELU:
    case RECTIFY_ELU:
      return static_cast<float>(c.act.alpha) > 0.0f;
    default:
      return false;
  }
}

}  // namespace rectify::test
