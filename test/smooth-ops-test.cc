// The smooth ops beyond their accuracy (accuracy-test): on every target,
// every size, misaligned and in-place layout gives the bits of one plain
// call; the limits at the infinities, NaN and signed zeros of
// docs/semantics.md; and the FMA targets (AVX2, AVX3, AVX3_DL) agree bit for
// bit on every input, within each accuracy tier (f32 at DEFAULT and FAST
// runs kernels of its own, checked at every size and layout too).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "rectify/rectify.h"
#include "support/op_cases.h"
#include "support/size_sweep.h"
#include "support/target_param.h"
#include "verify/direction.h"
#include "verify/test_data.h"

namespace rectify::test {
namespace {

using verify::SpecialValues;

// The outputs of one call on separate, aligned buffers: what every other
// size and layout must reproduce element by element.
template <typename T>
std::vector<T> PlainCall(const rectify_activation& act, Direction direction,
                         const std::vector<T>& a, const std::vector<T>& dy) {
  std::vector<T> out(a.size());
  const rectify_status status =
      CallDirection(act, DtypeOf<T>(), direction, a.size(), a.data(), dy.data(), out.data());
  EXPECT_EQ(status, RECTIFY_OK);
  return out;
}

template <typename T>
void SweepAgainstPlainCall(const rectify_activation& act, Direction direction) {
  SweepSizes<T>(act, direction, [&](const std::vector<T>& a, const std::vector<T>& dy,
                                    std::size_t i) {
    // CheckOne asks for i = 0, 1, ... in order: one plain call per check.
    static thread_local std::vector<T> last_out;
    if (i == 0) last_out = PlainCall(act, direction, a, dy);
    return last_out[i];
  });
}

using Param = std::tuple<std::string, OpCase>;

class SmoothOpsTest : public ::testing::TestWithParam<Param> {
 protected:
  const OpCase& op_case() const { return std::get<1>(GetParam()); }
  const rectify_activation& act() const { return op_case().act; }
  ScopedTarget target_{std::get<0>(GetParam())};
};

// f32 at DEFAULT and FAST: each has f32-lane kernels of its own on the FMA
// targets (BEST is the f64-lane body that f64 and the other targets share).
TEST_P(SmoothOpsTest, SizesAndLayoutsF32) {
  for (const rectify_accuracy tier : {RECTIFY_ACCURACY_DEFAULT, RECTIFY_ACCURACY_FAST}) {
    rectify_activation tiered = act();
    tiered.accuracy = tier;
    SweepAgainstPlainCall<float>(tiered, Direction::kForward);
    SweepAgainstPlainCall<float>(tiered, Direction::kBackward);
    if (HasFromOutput(op_case())) SweepAgainstPlainCall<float>(tiered, Direction::kFromOutput);
  }
}

TEST_P(SmoothOpsTest, SizesAndLayoutsF64) {
  SweepAgainstPlainCall<double>(act(), Direction::kForward);
  SweepAgainstPlainCall<double>(act(), Direction::kBackward);
  if (HasFromOutput(op_case())) SweepAgainstPlainCall<double>(act(), Direction::kFromOutput);
}

// f(-inf), f(+inf) and the sign of f(+-0) where f(0) = 0 (docs/semantics.md).
struct Limits {
  double at_minus_infinity;
  double at_plus_infinity;
  bool odd_zero;          // f(+-0) = +-0 (times the sign of the zero slope)
  double zero_slope_sign;  // sign of f'(0) for odd_zero ops
  double slope_at_plus_infinity;
};

template <typename T>
Limits LimitsOf(const rectify_activation& act) {
  const double inf = HUGE_VAL;
  const T alpha = static_cast<T>(act.alpha);
  const T lambda = static_cast<T>(act.beta);
  switch (act.op) {
    case RECTIFY_ELU:
      return {-double(alpha), inf, true, double(alpha) < 0 ? -1.0 : 1.0, 1.0};
    case RECTIFY_SELU: {
      const T product = static_cast<T>(double(lambda) * double(alpha));  // rounded once
      return {-double(product), double(lambda) > 0 ? inf : -inf, true,
              double(product) < 0 ? -1.0 : 1.0, double(lambda)};
    }
    case RECTIFY_SOFTPLUS:
      return {0.0, inf, false, 1.0, 1.0};
    case RECTIFY_SIGMOID:
      return {0.0, 1.0, false, 1.0, 0.0};
    case RECTIFY_TANH:
      return {-1.0, 1.0, true, 1.0, 0.0};
    default:  // gelu, gelu_tanh, silu, mish
      return {-0.0, inf, true, 1.0, 1.0};
  }
}

template <typename T>
void ExpectSame(T got, double want, const std::string& what) {
  EXPECT_TRUE(SameBits(got, static_cast<T>(want)))
      << what << ": got " << Describe(got) << ", want " << Describe(static_cast<T>(want));
}

template <typename T>
void CheckLimits(const rectify_activation& act) {
  const Limits limits = LimitsOf<T>(act);
  const T inf = std::numeric_limits<T>::infinity();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  const T big = std::numeric_limits<T>::max();
  const std::vector<T> x = {-inf, inf, T(-0.0), T(0.0), nan, -big, big};
  std::vector<T> y(x.size());
  ASSERT_EQ(rectify_forward(&act, DtypeOf<T>(), x.size(), x.data(), y.data()), RECTIFY_OK);
  ExpectSame(y[0], limits.at_minus_infinity, "f(-inf)");
  ExpectSame(y[1], limits.at_plus_infinity, "f(+inf)");
  if (limits.odd_zero) {
    ExpectSame(y[2], -0.0 * limits.zero_slope_sign, "f(-0)");
    ExpectSame(y[3], 0.0 * limits.zero_slope_sign, "f(+0)");
  } else {
    EXPECT_TRUE(SameBits(y[2], y[3])) << "f(-0) and f(+0) differ";
  }
  EXPECT_TRUE(std::isnan(y[4])) << "f(NaN)";
  // The largest finite inputs behave as the limits (no overflow to NaN).
  EXPECT_TRUE(SameBits(y[5], y[0])) << "f(-max) = " << Describe(y[5]);
  EXPECT_FALSE(std::isnan(y[6])) << "f(max)";
  // Backward at the infinities: the slope's limit times dy, where a zero
  // slope gives a zero signed as dy (never 0 * inf = NaN).
  for (T dy : {T(1), T(-2.5), inf, -inf, T(0), T(-0.0)}) {
    const std::vector<T> at = {-inf, inf};
    const std::vector<T> grad = {dy, dy};
    std::vector<T> dx(2);
    ASSERT_EQ(rectify_backward(&act, DtypeOf<T>(), 2, at.data(), grad.data(), dx.data()),
              RECTIFY_OK);
    const std::string with = " with dy=" + Describe(dy);
    ExpectSame(dx[0], std::copysign(0.0, double(dy)), "dx at -inf" + with);
    const double right = limits.slope_at_plus_infinity == 0.0
                             ? std::copysign(0.0, double(dy))
                             : double(static_cast<T>(double(dy) * limits.slope_at_plus_infinity));
    ExpectSame(dx[1], right, "dx at +inf" + with);
  }
  // NaN in x or dy gives NaN.
  const std::vector<T> xs = {nan, T(1), nan};
  const std::vector<T> dys = {T(1), nan, nan};
  std::vector<T> dx(3);
  ASSERT_EQ(rectify_backward(&act, DtypeOf<T>(), 3, xs.data(), dys.data(), dx.data()),
            RECTIFY_OK);
  for (const T v : dx) EXPECT_TRUE(std::isnan(v));
}

TEST_P(SmoothOpsTest, LimitsF32) {
  for (const rectify_accuracy tier :
       {RECTIFY_ACCURACY_DEFAULT, RECTIFY_ACCURACY_FAST, RECTIFY_ACCURACY_BEST}) {
    rectify_activation tiered = act();
    tiered.accuracy = tier;
    CheckLimits<float>(tiered);
  }
}
TEST_P(SmoothOpsTest, LimitsF64) { CheckLimits<double>(act()); }

INSTANTIATE_TEST_SUITE_P(
    AllTargets, SmoothOpsTest,
    ::testing::Combine(::testing::ValuesIn(UsableTargetNames()),
                       ::testing::ValuesIn(SmoothOpCases())),
    [](const ::testing::TestParamInfo<Param>& param_info) {
      return std::get<0>(param_info.param) + "_" + std::get<1>(param_info.param).label;
    });

// ---- the FMA targets agree ----
std::vector<std::string> UsableFmaTargets() {
  std::vector<std::string> names;
  for (const std::string& name : UsableTargetNames()) {
    if (name == "AVX2" || name == "AVX3" || name == "AVX3_DL") names.push_back(name);
  }
  return names;
}

template <typename T>
std::vector<T> InputsForAgreement(std::uint64_t seed) {
  std::vector<T> values = MixedValues<T>(1 << 16, seed);
  const std::vector<T> specials = SpecialValues<T>();
  values.insert(values.end(), specials.begin(), specials.end());
  return values;
}

template <typename T>
void ExpectFmaTargetsAgree(const rectify_activation& act, Direction direction) {
  const std::vector<std::string> targets = UsableFmaTargets();
  if (targets.size() < 2) GTEST_SKIP() << "fewer than two FMA targets usable here";
  const std::vector<T> a = InputsForAgreement<T>(1);
  const std::vector<T> dy = InputsForAgreement<T>(2);
  std::vector<T> first;
  for (const std::string& target : targets) {
    ScopedTarget scoped(target);
    const std::vector<T> out = PlainCall(act, direction, a, dy);
    if (first.empty()) {
      first = out;
      continue;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!SameBits(out[i], first[i])) {
        ADD_FAILURE() << target << " differs from " << targets[0] << " at x=" << Describe(a[i])
                      << " dy=" << Describe(dy[i]) << ": " << Describe(out[i]) << " vs "
                      << Describe(first[i]);
        return;
      }
    }
  }
}

class FmaAgreementTest : public ::testing::TestWithParam<OpCase> {};

// Within each tier (DEFAULT and FAST run f32-lane bodies of their own).
TEST_P(FmaAgreementTest, F32) {
  for (const rectify_accuracy tier :
       {RECTIFY_ACCURACY_DEFAULT, RECTIFY_ACCURACY_FAST, RECTIFY_ACCURACY_BEST}) {
    rectify_activation tiered = GetParam().act;
    tiered.accuracy = tier;
    ExpectFmaTargetsAgree<float>(tiered, Direction::kForward);
    ExpectFmaTargetsAgree<float>(tiered, Direction::kBackward);
    if (HasFromOutput(GetParam())) ExpectFmaTargetsAgree<float>(tiered, Direction::kFromOutput);
  }
}

TEST_P(FmaAgreementTest, F64) {
  ExpectFmaTargetsAgree<double>(GetParam().act, Direction::kForward);
  ExpectFmaTargetsAgree<double>(GetParam().act, Direction::kBackward);
  if (HasFromOutput(GetParam())) ExpectFmaTargetsAgree<double>(GetParam().act, Direction::kFromOutput);
}

INSTANTIATE_TEST_SUITE_P(SmoothOps, FmaAgreementTest, ::testing::ValuesIn(SmoothOpCases()),
                         [](const ::testing::TestParamInfo<OpCase>& param_info) {
                           return param_info.param.label;
                         });

}  // namespace
}  // namespace rectify::test
