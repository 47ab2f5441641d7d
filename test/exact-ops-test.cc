// Every exact op x dtype x direction x target against the scalar reference,
// bit for bit: sizes 0..300 and large odd sizes, misaligned pointers,
// in-place, special values and random data, no write outside the output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "rectify/rectify.h"
#include "support/op_cases.h"
#include "support/size_sweep.h"
#include "support/target_param.h"
#include "verify/direction.h"

namespace rectify::test {
namespace {

using verify::ReferenceIn;

template <typename T>
void SweepReference(const rectify_activation& act, Direction direction) {
  SweepSizes<T>(act, direction, [&](const std::vector<T>& a, const std::vector<T>& dy,
                                    std::size_t i) {
    return ReferenceIn(act, direction, a[i], dy[i]);
  });
}

using Param = std::tuple<std::string, OpCase>;

class ExactOpsTest : public ::testing::TestWithParam<Param> {
 protected:
  const rectify_activation& act() const { return std::get<1>(GetParam()).act; }
  ScopedTarget target_{std::get<0>(GetParam())};
};

TEST_P(ExactOpsTest, ForwardF32) { SweepReference<float>(act(), Direction::kForward); }
TEST_P(ExactOpsTest, ForwardF64) { SweepReference<double>(act(), Direction::kForward); }
TEST_P(ExactOpsTest, BackwardF32) { SweepReference<float>(act(), Direction::kBackward); }
TEST_P(ExactOpsTest, BackwardF64) { SweepReference<double>(act(), Direction::kBackward); }

TEST_P(ExactOpsTest, BackwardFromOutput) {
  const OpCase& c = std::get<1>(GetParam());
  if (!HasFromOutput(c)) {
    float v = 1.0f;
    EXPECT_EQ(rectify_backward_from_output(&c.act, RECTIFY_F32, 1, &v, &v, &v),
              RECTIFY_ERROR_UNSUPPORTED);
    EXPECT_EQ(v, 1.0f);
    return;
  }
  SweepReference<float>(act(), Direction::kFromOutput);
  SweepReference<double>(act(), Direction::kFromOutput);
}

INSTANTIATE_TEST_SUITE_P(
    AllTargets, ExactOpsTest,
    ::testing::Combine(::testing::ValuesIn(UsableTargetNames()),
                       ::testing::ValuesIn(ExactOpCases())),
    [](const ::testing::TestParamInfo<Param>& param_info) {
      return std::get<0>(param_info.param) + "_" + std::get<1>(param_info.param).label;
    });

}  // namespace
}  // namespace rectify::test
