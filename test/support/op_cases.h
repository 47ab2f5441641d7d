// The activations the op tests run: the exact ops (their reference:
// verify/direction.h, ReferenceIn) and the smooth ops.
#ifndef RECTIFY_TEST_SUPPORT_OP_CASES_H_
#define RECTIFY_TEST_SUPPORT_OP_CASES_H_

#include <string>
#include <vector>

#include "rectify/rectify.h"

namespace rectify::test {

struct OpCase {
  std::string label;  // used in test names: letters, digits, '_'
  rectify_activation act;
};

// Every exact op of the registry with its defaults, and leaky_relu with
// several slopes (0, -0, negative, > 1, subnormal in f32), clipped_relu
// with several caps.
std::vector<OpCase> ExactOpCases();

// Every smooth op with its default parameters, and elu, selu, silu and
// softplus with a few others.
std::vector<OpCase> SmoothOpCases();

// Whether backward-from-output applies to this case.
bool HasFromOutput(const OpCase& c);

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_OP_CASES_H_
