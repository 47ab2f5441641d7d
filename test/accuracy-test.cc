// Accuracy of every implemented op on every target at every accuracy tier,
// through the same sweep engine as `rectify verify` (tools/verify): each
// output must equal the scalar reference's bits and lie within the tier's
// bound of the exact value (TierBoundUlp, ops/op_info.h: for the exact ops
// the registry's at every tier, 0.5 ulp, i.e. correctly rounded, or 1 ulp
// for hardsigmoid and hardswish; for the smooth ops 1 ulp forward and 2
// backward at DEFAULT, 4 and 8 at FAST, the registry's at BEST). f32 and
// f64, 2^20 stratified inputs (2^18 at FAST and BEST) plus every special
// value per op and direction. The exhaustive f32 sweep is the
// "accuracy-exhaustive" ctest (label long): RECTIFY_ACCURACY_EXHAUSTIVE=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "ops/op_info.h"
#include "rectify/rectify.h"
#include "support/op_cases.h"
#include "support/target_param.h"
#include "verify/sweep.h"

namespace rectify::test {
namespace {

using verify::Direction;

const char* TierName(rectify_accuracy accuracy) {
  return accuracy == RECTIFY_ACCURACY_FAST   ? "fast"
         : accuracy == RECTIFY_ACCURACY_BEST ? "best"
                                             : "default";
}

bool Exhaustive() {
  const char* text = std::getenv("RECTIFY_ACCURACY_EXHAUSTIVE");
  return text != nullptr && std::string(text) == "1";
}

void ExpectWithinBound(const OpCase& c, rectify_accuracy accuracy, rectify_dtype dtype,
                       Direction direction) {
  verify::SweepRequest request;
  request.act = c.act;
  request.act.accuracy = accuracy;
  request.dtype = dtype;
  request.direction = direction;
  request.exhaustive = dtype == RECTIFY_F32 && Exhaustive();
  // DEFAULT, the tier most calls use, gets 2^20 inputs; FAST and BEST 2^18
  // (a CI budget: the exhaustive run below covers every tier in full).
  request.samples = accuracy == RECTIFY_ACCURACY_DEFAULT ? 1u << 20 : 1u << 18;
  request.threads = 2;
  const verify::SweepResult r = verify::RunSweep(request);
  const double bound = verify::BoundUlp(request.act, direction);
  ASSERT_EQ(r.status, RECTIFY_OK);
  EXPECT_EQ(r.reference_mismatches, 0u) << r.first_mismatch;
  EXPECT_LE(r.max_ulp, bound) << r.worst;
  if (bound == 0.5) {
    EXPECT_EQ(r.not_correctly_rounded, 0u) << r.worst;
  }
  EXPECT_TRUE(r.Passed(bound));
  EXPECT_GE(r.checked, request.exhaustive ? (1ull << 32) : request.samples);
  std::printf("%s %s %s %s: max %.4f ulp (bound %.1f), %llu of %llu not correctly rounded\n",
              c.label.c_str(), TierName(accuracy), dtype == RECTIFY_F32 ? "f32" : "f64",
              verify::DirectionName(direction), r.max_ulp, bound,
              static_cast<unsigned long long>(r.not_correctly_rounded),
              static_cast<unsigned long long>(r.checked - r.special));
}

using Param = std::tuple<std::string, OpCase, rectify_accuracy>;

class AccuracyTest : public ::testing::TestWithParam<Param> {
 protected:
  const OpCase& op_case() const { return std::get<1>(GetParam()); }
  rectify_accuracy accuracy() const { return std::get<2>(GetParam()); }
  ScopedTarget target_{std::get<0>(GetParam())};
};

void SetUpTier(const OpCase& c, rectify_accuracy accuracy) {
  if (FindOp(c.act.op)->kind == OpKind::kExact && accuracy != RECTIFY_ACCURACY_DEFAULT) {
    GTEST_SKIP() << "exact ops ignore the tier (exact-ops-test checks every tier's bits)";
  }
}

TEST_P(AccuracyTest, F32) {
  SetUpTier(op_case(), accuracy());
  if (IsSkipped()) return;
  ExpectWithinBound(op_case(), accuracy(), RECTIFY_F32, Direction::kForward);
  ExpectWithinBound(op_case(), accuracy(), RECTIFY_F32, Direction::kBackward);
  if (HasFromOutput(op_case())) {
    ExpectWithinBound(op_case(), accuracy(), RECTIFY_F32, Direction::kFromOutput);
  }
}

TEST_P(AccuracyTest, F64) {
  SetUpTier(op_case(), accuracy());
  if (IsSkipped()) return;
  ExpectWithinBound(op_case(), accuracy(), RECTIFY_F64, Direction::kForward);
  ExpectWithinBound(op_case(), accuracy(), RECTIFY_F64, Direction::kBackward);
  if (HasFromOutput(op_case())) {
    ExpectWithinBound(op_case(), accuracy(), RECTIFY_F64, Direction::kFromOutput);
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

INSTANTIATE_TEST_SUITE_P(AllTargets, AccuracyTest,
                         ::testing::Combine(::testing::ValuesIn(UsableTargetNames()),
                                            ::testing::ValuesIn(DefaultOpCases()),
                                            ::testing::Values(RECTIFY_ACCURACY_DEFAULT,
                                                              RECTIFY_ACCURACY_FAST,
                                                              RECTIFY_ACCURACY_BEST)),
                         [](const ::testing::TestParamInfo<Param>& param_info) {
                           return std::get<0>(param_info.param) + "_" +
                                  std::get<1>(param_info.param).label + "_" +
                                  TierName(std::get<2>(param_info.param));
                         });

}  // namespace
}  // namespace rectify::test
