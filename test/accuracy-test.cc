// Accuracy of every implemented op on every target, through the same sweep
// engine as `rectify verify` (tools/verify): each output must equal the
// scalar reference's bits and lie within the op's bound of the exact value
// from the op registry (0.5 ulp, i.e. correctly rounded, for the exact
// ops; 1 ulp for hardsigmoid and hardswish; 1 ulp forward and 2 backward for
// the smooth ops). f32 and f64, 2^20 stratified inputs plus every special
// value per op and direction. The exhaustive f32 sweep is the
// "accuracy-exhaustive" ctest (label long): RECTIFY_ACCURACY_EXHAUSTIVE=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "rectify/rectify.h"
#include "support/op_cases.h"
#include "support/target_param.h"
#include "verify/sweep.h"

namespace rectify::test {
namespace {

using verify::Direction;

bool Exhaustive() {
  const char* text = std::getenv("RECTIFY_ACCURACY_EXHAUSTIVE");
  return text != nullptr && std::string(text) == "1";
}

void ExpectWithinBound(const OpCase& c, rectify_dtype dtype, Direction direction) {
  verify::SweepRequest request;
  request.act = c.act;
  request.dtype = dtype;
  request.direction = direction;
  request.exhaustive = dtype == RECTIFY_F32 && Exhaustive();
  request.samples = 1u << 20;
  request.threads = 2;
  const verify::SweepResult r = verify::RunSweep(request);
  const double bound = verify::BoundUlp(c.act.op, direction);
  ASSERT_EQ(r.status, RECTIFY_OK);
  EXPECT_EQ(r.reference_mismatches, 0u) << r.first_mismatch;
  EXPECT_LE(r.max_ulp, bound) << r.worst;
  if (bound == 0.5) {
    EXPECT_EQ(r.not_correctly_rounded, 0u) << r.worst;
  }
  EXPECT_TRUE(r.Passed(bound));
  EXPECT_GE(r.checked, request.exhaustive ? (1ull << 32) : request.samples);
  std::printf("%s %s %s: max %.4f ulp, %llu of %llu not correctly rounded\n",
              c.label.c_str(), dtype == RECTIFY_F32 ? "f32" : "f64",
              verify::DirectionName(direction), r.max_ulp,
              static_cast<unsigned long long>(r.not_correctly_rounded),
              static_cast<unsigned long long>(r.checked - r.special));
}

using Param = std::tuple<std::string, OpCase>;

class AccuracyTest : public ::testing::TestWithParam<Param> {
 protected:
  const OpCase& op_case() const { return std::get<1>(GetParam()); }
  ScopedTarget target_{std::get<0>(GetParam())};
};

TEST_P(AccuracyTest, F32) {
  ExpectWithinBound(op_case(), RECTIFY_F32, Direction::kForward);
  ExpectWithinBound(op_case(), RECTIFY_F32, Direction::kBackward);
  if (HasFromOutput(op_case())) {
    ExpectWithinBound(op_case(), RECTIFY_F32, Direction::kFromOutput);
  }
}

TEST_P(AccuracyTest, F64) {
  ExpectWithinBound(op_case(), RECTIFY_F64, Direction::kForward);
  ExpectWithinBound(op_case(), RECTIFY_F64, Direction::kBackward);
  if (HasFromOutput(op_case())) {
    ExpectWithinBound(op_case(), RECTIFY_F64, Direction::kFromOutput);
  }
}

// One case per exact op with its default parameters, and the smooth cases
// (every smooth op, some with other parameters).
std::vector<OpCase> DefaultOpCases() {
  std::vector<OpCase> cases;
  for (int op = RECTIFY_RELU; op <= RECTIFY_HARDSWISH; ++op) {
    const auto value = static_cast<rectify_op>(op);
    cases.push_back({rectify_op_name(value), rectify_activation_default(value)});
  }
  for (const OpCase& c : SmoothOpCases()) cases.push_back(c);
  return cases;
}

INSTANTIATE_TEST_SUITE_P(
    AllTargets, AccuracyTest,
    ::testing::Combine(::testing::ValuesIn(UsableTargetNames()),
                       ::testing::ValuesIn(DefaultOpCases())),
    [](const ::testing::TestParamInfo<Param>& param_info) {
      return std::get<0>(param_info.param) + "_" + std::get<1>(param_info.param).label;
    });

}  // namespace
}  // namespace rectify::test
