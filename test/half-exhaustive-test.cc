// Every one of the 65536 bf16 and f16 inputs, every op (defaults and a
// second parameter set where the op has parameters), every direction, every
// accuracy tier and every usable target:
//  - forward at BEST (and for the exact ops at every tier): the exact value
//    correctly rounded (MPFR, Ziv's strategy), bit for bit; NaN quieted
//    with its payload, the limits at +-inf and the zero signs as the f32
//    semantics; a smooth op at DEFAULT and FAST: bit for bit the tier's f32
//    forward rounded once;
//  - backward and backward-from-output: within 1 ulp of the exact
//    dy * f'(x) (dy * g(y)) for finite inputs, and bit for bit the tier's
//    f32 kernel's result rounded once (which also carries NaN and
//    infinities).
// With RECTIFY_HALF_REPORT=path the counts are written there as the table
// of docs/accuracy.md.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "numeric/half_bits.h"
#include "ops/op_info.h"
#include "rectify/rectify.h"
#include "support/target_param.h"
#include "verify/exact_value.h"

namespace rectify::test {
namespace {

constexpr std::size_t kPatterns = 65536;

struct Case {
  rectify_activation act;
  std::string label;
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
    const auto o = static_cast<rectify_op>(op);
    cases.push_back({rectify_activation_default(o), rectify_op_name(o)});
  }
  const auto with = [](rectify_op op, double alpha, double beta, const char* label) {
    return Case{rectify_activation{op, alpha, beta, RECTIFY_ACCURACY_DEFAULT}, label};
  };
  cases.push_back(with(RECTIFY_LEAKY_RELU, 0.2, 0.0, "leaky_relu(alpha=0.2)"));
  cases.push_back(with(RECTIFY_LEAKY_RELU, -0.5, 0.0, "leaky_relu(alpha=-0.5)"));
  cases.push_back(with(RECTIFY_LEAKY_RELU, 0.0, 0.0, "leaky_relu(alpha=0)"));
  cases.push_back(with(RECTIFY_LEAKY_RELU, 1e-30, 0.0, "leaky_relu(alpha=1e-30)"));
  cases.push_back(with(RECTIFY_CLIPPED_RELU, 0.0, 1.5, "clipped_relu(cap=1.5)"));
  cases.push_back(with(RECTIFY_ELU, 0.5, 0.0, "elu(alpha=0.5)"));
  // -alpha a midpoint of bf16 / f16: elu(x) -> -alpha from above, so the
  // far-left inputs must round towards zero, not to the even neighbour
  // (which is the larger one here).
  cases.push_back(with(RECTIFY_ELU, 1.0 + 0x3p-8, 0.0, "elu(alpha=1+3*2^-8)"));
  cases.push_back(with(RECTIFY_ELU, 1.0 + 0x3p-11, 0.0, "elu(alpha=1+3*2^-11)"));
  cases.push_back(with(RECTIFY_SELU, 1.0 + 0x3p-8, 1.0, "selu(alpha=1+3*2^-8, lambda=1)"));
  cases.push_back(with(RECTIFY_SILU, 1.5, 0.0, "silu(beta=1.5)"));
  cases.push_back(with(RECTIFY_SOFTPLUS, 2.0, 0.0, "softplus(beta=2)"));
  return cases;
}

rectify_dtype DtypeOf(HalfFormat format) {
  return format == HalfFormat::kBf16 ? RECTIFY_BF16 : RECTIFY_F16;
}

const char* FormatName(HalfFormat format) {
  return format == HalfFormat::kBf16 ? "bf16" : "f16";
}

std::vector<std::uint16_t> AllPatterns() {
  std::vector<std::uint16_t> patterns(kPatterns);
  for (std::size_t i = 0; i < kPatterns; ++i) patterns[i] = static_cast<std::uint16_t>(i);
  return patterns;
}

// A finite dy per position: a fixed pseudo-random pattern with |dy| in
// about [2^-6, 4].
std::vector<std::uint16_t> Gradients(HalfFormat format) {
  std::vector<std::uint16_t> dy(kPatterns);
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  for (std::size_t i = 0; i < kPatterns; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    const double unit = static_cast<double>(state >> 11) * 0x1p-53;  // [0, 1)
    const double magnitude = std::ldexp(1.0 + unit, static_cast<int>((state >> 3) % 8) - 6);
    dy[i] = RoundToHalf(format, (state & 1) != 0 ? -magnitude : magnitude);
  }
  return dy;
}

std::vector<float> Widen(HalfFormat format, const std::vector<std::uint16_t>& bits) {
  std::vector<float> wide(bits.size());
  for (std::size_t i = 0; i < bits.size(); ++i) wide[i] = HalfToFloat(format, bits[i]);
  return wide;
}

// The expected forward table (see the file comment).
std::vector<std::uint16_t> ExpectedForward(const rectify_activation& act, HalfFormat format) {
  const std::vector<float> x = Widen(format, AllPatterns());
  std::vector<float> f32(kPatterns);
  EXPECT_EQ(rectify_forward(&act, RECTIFY_F32, kPatterns, x.data(), f32.data()), RECTIFY_OK);
  std::vector<std::uint16_t> expected(kPatterns);
  for (std::size_t i = 0; i < kPatterns; ++i) {
    if (!std::isfinite(x[i])) {
      const bool selu_minus_inf = act.op == RECTIFY_SELU && x[i] < 0 && !std::isnan(x[i]);
      expected[i] = selu_minus_inf
                        ? RoundToHalf(format, -(static_cast<long double>(static_cast<float>(act.beta)) *
                                                static_cast<float>(act.alpha)))
                        : FloatToHalf(format, f32[i]);
      continue;
    }
    const std::uint16_t rounded = verify::CorrectlyRoundedHalfForward(act, format, x[i]);
    const bool exact_zero = (rounded & 0x7FFF) == 0 && f32[i] == 0.0f;
    expected[i] = exact_zero ? FloatToHalf(format, f32[i]) : rounded;
  }
  return expected;
}

// |r - e| in units of the format's last place at e (the subnormal unit
// below the normal range); an infinite r counts as 0 when |e| is at least
// the largest finite value, else as 1e9.
double UlpError(HalfFormat format, float r, long double e) {
  const int precision = HalfPrecision(format);
  const int min_exponent = HalfMinExponent(format);
  const long double largest = format == HalfFormat::kBf16 ? 0x1.FEp127L : 65504.0L;
  if (std::isinf(r)) return std::fabs(e) >= largest && std::signbit(r) == (e < 0) ? 0.0 : 1e9;
  if (std::isnan(r)) return 1e9;
  int exponent = 0;
  (void)std::frexp(std::fabs(e), &exponent);
  const int unit = std::max(exponent - 1, min_exponent) - (precision - 1);
  return static_cast<double>(std::fabs(static_cast<long double>(r) - e) /
                             std::ldexp(1.0L, unit));
}

bool HasFromOutput(const rectify_activation& act) {
  const float dummy = 0.0f;
  float out = 0.0f;
  return rectify_backward_from_output(&act, RECTIFY_F32, 1, &dummy, &dummy, &out) ==
         RECTIFY_OK;
}

// The 16-bit forward of act at a tier below BEST for a smooth op: the
// tier's f32 forward rounded once.
std::vector<std::uint16_t> TierForward(const rectify_activation& act, HalfFormat format) {
  const std::vector<float> x = Widen(format, AllPatterns());
  std::vector<float> f32(kPatterns);
  EXPECT_EQ(rectify_forward(&act, RECTIFY_F32, kPatterns, x.data(), f32.data()), RECTIFY_OK);
  std::vector<std::uint16_t> expected(kPatterns);
  for (std::size_t i = 0; i < kPatterns; ++i) expected[i] = FloatToHalf(format, f32[i]);
  return expected;
}

const char* TierName(rectify_accuracy accuracy) {
  return accuracy == RECTIFY_ACCURACY_FAST   ? "fast"
         : accuracy == RECTIFY_ACCURACY_BEST ? "best"
                                             : "default";
}

// Counts per (case, format, direction, target) for the report (BEST).
std::map<std::string, std::map<std::string, long>>& Report() {
  static std::map<std::string, std::map<std::string, long>> report;
  return report;
}

class HalfExhaustiveTest : public ::testing::TestWithParam<HalfFormat> {};

TEST_P(HalfExhaustiveTest, EveryInputEveryOpEveryTarget) {
  const HalfFormat format = GetParam();
  const rectify_dtype dtype = DtypeOf(format);
  const std::vector<std::uint16_t> x = AllPatterns();
  const std::vector<std::uint16_t> dy = Gradients(format);
  const std::vector<float> x32 = Widen(format, x);
  const std::vector<float> dy32 = Widen(format, dy);
  for (const Case& tierless : Cases()) {
    const bool smooth = FindOp(tierless.act.op)->kind == OpKind::kSmooth;
    for (const rectify_accuracy accuracy :
         {RECTIFY_ACCURACY_BEST, RECTIFY_ACCURACY_DEFAULT, RECTIFY_ACCURACY_FAST}) {
      Case c = tierless;
      c.act.accuracy = accuracy;
      SCOPED_TRACE(c.label + " " + FormatName(format) + " " + TierName(accuracy));
      // Target by target below: a DEFAULT or FAST table is the active
      // target's f32 kernel rounded once.
      const bool from_f32 = smooth && accuracy != RECTIFY_ACCURACY_BEST;
      const std::vector<std::uint16_t> correctly_rounded =
          from_f32 ? std::vector<std::uint16_t>() : ExpectedForward(c.act, format);
      const bool from_output = HasFromOutput(c.act);
      // Exact gradients (finite inputs only).
      std::vector<long double> backward(kPatterns), from_y(kPatterns);
      for (std::size_t i = 0; i < kPatterns; ++i) {
        if (!std::isfinite(x32[i])) continue;
        backward[i] = verify::ExactBackward<float>(c.act, x32[i], dy32[i]);
        if (from_output) from_y[i] = verify::ExactBackwardFromOutput<float>(c.act, x32[i], dy32[i]);
      }
      for (const std::string& target : UsableTargetNames()) {
        const ScopedTarget scoped(target);
        const std::vector<std::uint16_t> forward =
            from_f32 ? TierForward(c.act, format) : correctly_rounded;
        std::vector<std::uint16_t> out(kPatterns);
        ASSERT_EQ(rectify_forward(&c.act, dtype, kPatterns, x.data(), out.data()), RECTIFY_OK);
        long forward_wrong = 0;
        for (std::size_t i = 0; i < kPatterns; ++i) {
          if (out[i] != forward[i]) {
            if (forward_wrong++ < 3) {
              ADD_FAILURE() << target << " forward x=0x" << std::hex << i << " got 0x" << out[i]
                            << " want 0x" << forward[i];
            }
          }
        }
        // Backward directions: within 1 ulp, and the f32 kernel rounded once.
        long directions_wrong[2] = {0, 0};
        double worst[2] = {0.0, 0.0};
        for (int direction = 0; direction < (from_output ? 2 : 1); ++direction) {
          std::vector<float> f32(kPatterns);
          if (direction == 0) {
            ASSERT_EQ(rectify_backward(&c.act, dtype, kPatterns, x.data(), dy.data(), out.data()),
                      RECTIFY_OK);
            ASSERT_EQ(rectify_backward(&c.act, RECTIFY_F32, kPatterns, x32.data(), dy32.data(),
                                       f32.data()),
                      RECTIFY_OK);
          } else {
            ASSERT_EQ(rectify_backward_from_output(&c.act, dtype, kPatterns, x.data(), dy.data(),
                                                   out.data()),
                      RECTIFY_OK);
            ASSERT_EQ(rectify_backward_from_output(&c.act, RECTIFY_F32, kPatterns, x32.data(),
                                                   dy32.data(), f32.data()),
                      RECTIFY_OK);
          }
          const std::vector<long double>& exact = direction == 0 ? backward : from_y;
          for (std::size_t i = 0; i < kPatterns; ++i) {
            const bool same = out[i] == FloatToHalf(format, f32[i]);
            double error = 0.0;
            if (std::isfinite(x32[i])) {
              error = UlpError(format, HalfToFloat(format, out[i]), exact[i]);
              worst[direction] = std::max(worst[direction], error);
            }
            if (!same || error > 1.0) {
              if (directions_wrong[direction]++ < 3) {
                ADD_FAILURE() << target << (direction == 0 ? " backward" : " from_output")
                              << " x=0x" << std::hex << i << " dy=0x" << dy[i] << " got 0x"
                              << out[i] << std::dec << " (" << error << " ulp)";
              }
            }
          }
        }
        if (accuracy != RECTIFY_ACCURACY_BEST) continue;
        auto& row = Report()[c.label + "|" + FormatName(format) + "|" + target];
        row["forward"] = forward_wrong;
        row["backward"] = directions_wrong[0];
        row["backward_ulp_x1000"] = static_cast<long>(worst[0] * 1000);
        row["from_output"] = from_output ? directions_wrong[1] : -1;
        row["from_output_ulp_x1000"] = from_output ? static_cast<long>(worst[1] * 1000) : -1;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, HalfExhaustiveTest,
                         ::testing::Values(HalfFormat::kBf16, HalfFormat::kF16),
                         [](const ::testing::TestParamInfo<HalfFormat>& param) {
                           return std::string(FormatName(param.param));
                         });

// Writes the report after all tests (RECTIFY_HALF_REPORT=path): one line
// per case, format and target.
class ReportWriter : public ::testing::Environment {
 public:
  void TearDown() override {
    const char* path = std::getenv("RECTIFY_HALF_REPORT");
    if (path == nullptr) return;
    std::ofstream file(path);
    file << "case|format|target|forward wrong|backward wrong|backward max ulp|"
            "from_output wrong|from_output max ulp\n";
    for (const auto& [key, row] : Report()) {
      file << key << "|" << row.at("forward") << "|" << row.at("backward") << "|"
           << row.at("backward_ulp_x1000") / 1000.0 << "|" << row.at("from_output") << "|"
           << row.at("from_output_ulp_x1000") / 1000.0 << "\n";
    }
  }
};

const auto* const kReportWriter =
    ::testing::AddGlobalTestEnvironment(new ReportWriter);  // gtest owns it

}  // namespace
}  // namespace rectify::test
