// Every exact op x dtype x direction x target against the scalar reference,
// bit for bit: sizes 0..300 and large odd sizes, misaligned pointers,
// in-place, special values and random data, no write outside the output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
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

// Exact ops ignore the accuracy tier: FAST and BEST give DEFAULT's bits in
// every dtype and call (forward, backward, from output, fused bias).
template <typename S>
void ExpectSameBitsAtEveryTier(const rectify_activation& act, rectify_dtype dtype) {
  // Bit patterns of every kind (the widest type's bits cut to S): random
  // values, zeros, infinities, NaNs, subnormals.
  constexpr std::size_t kN = 515;
  std::vector<S> x(kN), dy(kN);
  std::uint64_t state = 0x2545F4914F6CDD1Du;
  for (std::size_t i = 0; i < kN; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    std::uint64_t bits = state;
    if (i % 7 == 0) bits &= ~std::uint64_t{0} >> 2;  // small magnitudes, subnormals
    std::memcpy(&x[i], &bits, sizeof(S));
    bits = state >> 7;
    std::memcpy(&dy[i], &bits, sizeof(S));
  }
  std::vector<S> bias(x.begin() + 9, x.begin() + 14);  // any values
  const auto run = [&](rectify_accuracy accuracy) {
    rectify_activation tiered = act;
    tiered.accuracy = accuracy;
    std::vector<S> out(5 * kN + 5);
    S* y = out.data();
    EXPECT_EQ(rectify_forward(&tiered, dtype, kN, x.data(), y), RECTIFY_OK);
    EXPECT_EQ(rectify_backward(&tiered, dtype, kN, x.data(), dy.data(), y + kN), RECTIFY_OK);
    if (rectify_backward_from_output(&tiered, dtype, kN, x.data(), dy.data(), y + 2 * kN) !=
        RECTIFY_OK) {
      std::fill(y + 2 * kN, y + 3 * kN, S());
    }
    // [103][5][1] (kN = 515 = 103 * 5).
    EXPECT_EQ(rectify_bias_forward(&tiered, dtype, 103, 5, 1, x.data(), bias.data(), y + 3 * kN),
              RECTIFY_OK);
    EXPECT_EQ(rectify_bias_backward(&tiered, dtype, 103, 5, 1, x.data(), bias.data(), dy.data(),
                                    y + 4 * kN, y + 5 * kN),
              RECTIFY_OK);
    return out;
  };
  const std::vector<S> standard = run(RECTIFY_ACCURACY_DEFAULT);
  for (rectify_accuracy accuracy : {RECTIFY_ACCURACY_FAST, RECTIFY_ACCURACY_BEST}) {
    const std::vector<S> other = run(accuracy);
    EXPECT_EQ(std::memcmp(other.data(), standard.data(), other.size() * sizeof(S)), 0)
        << "tier " << accuracy << ", dtype " << dtype;
  }
}

TEST_P(ExactOpsTest, EveryTierGivesTheSameBits) {
  ExpectSameBitsAtEveryTier<float>(act(), RECTIFY_F32);
  ExpectSameBitsAtEveryTier<double>(act(), RECTIFY_F64);
  ExpectSameBitsAtEveryTier<std::uint16_t>(act(), RECTIFY_BF16);
  ExpectSameBitsAtEveryTier<std::uint16_t>(act(), RECTIFY_F16);
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
