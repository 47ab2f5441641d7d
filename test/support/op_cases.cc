#include "support/op_cases.h"

#include <iterator>

#include "ops/op_info.h"

namespace rectify::test {

namespace {

rectify_activation With(rectify_op op, double alpha, double beta) {
  rectify_activation act = rectify_activation_default(op);
  act.alpha = alpha;
  act.beta = beta;
  return act;
}

// Every op of `kind` with its default parameters (the registry's), named
// as the op.
std::vector<OpCase> DefaultCases(OpKind kind) {
  std::vector<OpCase> cases;
  for (std::size_t i = 0; i < kOpCount; ++i) {
    const OpInfo& info = OpAt(i);
    if (info.kind == kind) cases.push_back({info.name, rectify_activation_default(info.op)});
  }
  return cases;
}

}  // namespace

std::vector<OpCase> ExactOpCases() {
  std::vector<OpCase> cases = DefaultCases(OpKind::kExact);
  const OpCase parameters[] = {
      {"leaky_relu_half", With(RECTIFY_LEAKY_RELU, 0.5, 0)},
      {"leaky_relu_zero", With(RECTIFY_LEAKY_RELU, 0.0, 0)},
      {"leaky_relu_minus_zero", With(RECTIFY_LEAKY_RELU, -0.0, 0)},
      {"leaky_relu_negative", With(RECTIFY_LEAKY_RELU, -2.5, 0)},
      {"leaky_relu_steep", With(RECTIFY_LEAKY_RELU, 3.0, 0)},
      {"leaky_relu_tiny", With(RECTIFY_LEAKY_RELU, 1e-40, 0)},
      {"clipped_relu_one", With(RECTIFY_CLIPPED_RELU, 0, 1.0)},
      {"clipped_relu_inexact", With(RECTIFY_CLIPPED_RELU, 0, 0.7)},
      {"clipped_relu_huge", With(RECTIFY_CLIPPED_RELU, 0, 1e30)},
  };
  cases.insert(cases.end(), std::begin(parameters), std::end(parameters));
  return cases;
}

std::vector<OpCase> SmoothOpCases() {
  std::vector<OpCase> cases = DefaultCases(OpKind::kSmooth);
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
