// The CUDA backend's element code, run on the host: lane/lane_kernels.h
// compiled with lane/one_lane.h in place of Highway (this file's include
// path puts src/lane/shadow first), against the CPU library on every FMA
// target this machine has (AVX2, AVX3, AVX3_DL), bit for bit. The GPU
// threads run this same code (src/cuda), so this is the host half of the
// GPU's bit-identity test; test/cuda-test.cc is the device half.
// Also checks that the 16-bit forward tables the GPU reads give the CPU's
// forward for all 65536 inputs (relu, clipped_relu and leaky_relu are
// computed without the table on the CPU).
#include <cstdint>
#include <cstring>
#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "dispatch/targets.h"
#include "half/forward_table.h"
#include "lane/lane_kernels.h"
#include "rectify/rectify.h"

namespace rectify {
namespace {

// The FMA targets usable here (the GPU's bits are theirs).
std::vector<std::string> FmaTargets() {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < rectify_target_count(); ++i) {
    const std::string name = rectify_target_name(i);
    if (name == "AVX2" || name == "AVX3" || name == "AVX3_DL") names.push_back(name);
  }
  return names;
}

// Every op with its default parameters, and the parameterised ops again
// with other values.
std::vector<rectify_activation> Activations() {
  std::vector<rectify_activation> acts;
  for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
    acts.push_back(rectify_activation_default(static_cast<rectify_op>(op)));
  }
  acts.push_back({RECTIFY_LEAKY_RELU, 0.2, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_LEAKY_RELU, -1.5, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_CLIPPED_RELU, 0.0, 3.7, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_ELU, 0.3, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_SILU, 1.7, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_SOFTPLUS, 2.5, 0.0, RECTIFY_ACCURACY_DEFAULT});
  acts.push_back({RECTIFY_SELU, 1.5, 1.25, RECTIFY_ACCURACY_DEFAULT});
  // The GPU runs BEST for every tier for now: the CPU calls it matches.
  for (rectify_activation& act : acts) act.accuracy = RECTIFY_ACCURACY_BEST;
  return acts;
}

std::string Name(const rectify_activation& act) {
  return std::string(rectify_op_name(act.op)) + "(" + std::to_string(act.alpha) + ", " +
         std::to_string(act.beta) + ")";
}

OpParams ParamsOf(const rectify_activation& act) {
  return OpParams{act.op, act.alpha, act.beta, static_cast<Tier>(act.accuracy)};
}

template <typename T>
using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <typename T>
T FromBitsOf(Bits<T> bits) {
  T v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// Specials, both signs: zeros, subnormals, extremes, infinities, NaNs
// (quiet and signalling, with payloads); then values spread over the
// interesting range and random bit patterns.
template <typename T>
std::vector<T> Inputs(std::size_t random_count, std::uint32_t seed) {
  using B = Bits<T>;
  std::vector<T> v;
  const T specials[] = {T(0), T(1), T(3), T(6), T(0.5), T(-3), T(-1.5), T(2.75),
                        std::numeric_limits<T>::denorm_min(), std::numeric_limits<T>::min(),
                        std::numeric_limits<T>::max(), std::numeric_limits<T>::infinity(),
                        T(1e-30), T(37.5), T(700.25), T(-745.5), T(88.7), T(-103.9)};
  for (const T s : specials) {
    v.push_back(s);
    v.push_back(-s);
  }
  const B exponent_all = sizeof(T) == 4 ? B(0x7F800000u) : B(0x7FF0000000000000ull);
  for (const B payload : {B(1), B(0x123), exponent_all >> 1}) {
    for (const B sign : {B(0), B(B(1) << (sizeof(T) * 8 - 1))}) {
      v.push_back(FromBitsOf<T>(sign | exponent_all | (payload & (exponent_all >> 2))));
      v.push_back(FromBitsOf<T>(sign | exponent_all | (B(1) << (std::numeric_limits<T>::digits - 2)) | payload));
    }
  }
  for (int i = -4000; i <= 4000; ++i) v.push_back(static_cast<T>(i) * T(0.01171875));
  std::mt19937_64 random(seed);
  for (std::size_t i = 0; i < random_count; ++i) {
    v.push_back(FromBitsOf<T>(static_cast<B>(random())));
    v.push_back(static_cast<T>(std::uniform_real_distribution<double>(-40, 40)(random)));
  }
  return v;
}

template <typename T>
std::size_t FirstDifference(const std::vector<T>& a, const std::vector<T>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::memcmp(&a[i], &b[i], sizeof(T)) != 0) return i;
  }
  return a.size();
}

template <typename T>
constexpr rectify_dtype DtypeOf() {
  return std::is_same_v<T, float> ? RECTIFY_F32 : RECTIFY_F64;
}

// Calls run(op) with the one-lane op struct of act for element type T.
template <typename T, class Run, int... kOps>
void WithLaneOpIn(const rectify_activation& act, const Run& run,
                  std::integer_sequence<int, kOps...>) {
  const OpParams params = ParamsOf(act);
  (void)((act.op == kOps ? (lane::ops::WithOp<T, kOps, kBestTier>(params, run), true) : false) ||
         ...);
}
template <typename T, class Run>
void WithLaneOp(const rectify_activation& act, const Run& run) {
  WithLaneOpIn<T>(act, run, std::make_integer_sequence<int, static_cast<int>(kKernelOps)>());
}

class LaneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (FmaTargets().empty()) GTEST_SKIP() << "no AVX2/AVX3 target usable on this CPU";
  }
  void TearDown() override { rectify_force_target(nullptr); }
};

template <typename T>
void CheckElementwise() {
  const std::vector<T> x = Inputs<T>(1 << 15, 7);
  std::vector<T> dy = Inputs<T>(1 << 15, 11);
  std::shuffle(dy.begin(), dy.end(), std::mt19937(3));
  for (const rectify_activation& act : Activations()) {
    std::vector<T> lane_y(x.size()), lane_dx(x.size());
    WithLaneOp<T>(act, [&](const auto& op) {
      for (std::size_t i = 0; i < x.size(); ++i) {
        lane_y[i] = lane::Forward(op, x[i]);
        lane_dx[i] = lane::Backward(op, x[i], dy[i]);
      }
    });
    for (const std::string& target : FmaTargets()) {
      ASSERT_EQ(rectify_force_target(target.c_str()), RECTIFY_OK);
      std::vector<T> y(x.size()), dx(x.size());
      ASSERT_EQ(rectify_forward(&act, DtypeOf<T>(), x.size(), x.data(), y.data()), RECTIFY_OK);
      ASSERT_EQ(rectify_backward(&act, DtypeOf<T>(), x.size(), x.data(), dy.data(), dx.data()),
                RECTIFY_OK);
      std::size_t i = FirstDifference(y, lane_y);
      EXPECT_EQ(i, x.size()) << Name(act) << " forward on " << target << " at x = " << x[i]
                             << ": CPU " << y[i] << ", lane " << lane_y[i];
      i = FirstDifference(dx, lane_dx);
      EXPECT_EQ(i, x.size()) << Name(act) << " backward on " << target << " at x = " << x[i]
                             << ", dy = " << dy[i] << ": CPU " << dx[i] << ", lane "
                             << lane_dx[i];
    }
  }
}

TEST_F(LaneTest, F32ForwardAndBackwardMatchFmaTargets) { CheckElementwise<float>(); }
TEST_F(LaneTest, F64ForwardAndBackwardMatchFmaTargets) { CheckElementwise<double>(); }

struct Shape {
  std::size_t outer, channels, inner;
};
constexpr Shape kShapes[] = {{3, 5, 37}, {9, 7, 1}, {2, 3, 16}, {4, 2, 5}, {1, 1, 300}};

// The lane version of the fused bias calls for storage type S (float,
// double, or 16-bit bits with kFormat), as the GPU runs them: y, then dx
// element-wise, then dbias from dx.
template <typename S, HalfFormat kFormat, class ForwardAt, class BackwardAt>
void LaneBias(const Shape& s, const std::vector<S>& x, const std::vector<S>& bias,
              const std::vector<S>& dy, const ForwardAt& forward_at,
              const BackwardAt& backward_at, std::vector<S>* y, std::vector<S>* dx,
              std::vector<S>* dbias) {
  for (std::size_t k = 0; k < x.size(); ++k) {
    const S b = bias[(k / s.inner) % s.channels];
    (*y)[k] = forward_at(x[k], b);
    (*dx)[k] = backward_at(x[k], dy[k], b);
  }
  for (std::size_t c = 0; c < s.channels; ++c) {
    double partials[kPreluPartials];
    for (std::size_t j = 0; j < kPreluPartials; ++j) {
      partials[j] = lane::BiasGradientPartial<S, kFormat>(
          s.outer, s.channels, s.inner, c, j, [dx](std::size_t k) { return (*dx)[k]; });
    }
    (*dbias)[c] = lane::Element<S, kFormat>::Finish(partials);
  }
}

template <typename T>
void CheckBias() {
  for (const Shape& s : kShapes) {
    const std::size_t n = s.outer * s.channels * s.inner;
    std::vector<T> x = Inputs<T>(n, 5), dy = Inputs<T>(n, 9);
    std::shuffle(x.begin(), x.end(), std::mt19937(1));
    std::shuffle(dy.begin(), dy.end(), std::mt19937(2));
    x.resize(n);
    dy.resize(n);
    std::vector<T> bias = {T(0.25), T(-1.5), T(3), std::numeric_limits<T>::quiet_NaN(),
                           T(-0.0), T(1e-3), T(-7)};
    bias.resize(s.channels);
    for (const rectify_activation& act : Activations()) {
      std::vector<T> lane_y(n), lane_dx(n), lane_db(s.channels);
      WithLaneOp<T>(act, [&](const auto& op) {
        LaneBias<T, HalfFormat::kBf16>(
            s, x, bias, dy,
            [&](T v, T b) { return lane::Forward(op, lane::PreActivation(v, b)); },
            [&](T v, T g, T b) { return lane::Backward(op, lane::PreActivation(v, b), g); },
            &lane_y, &lane_dx, &lane_db);
      });
      for (const std::string& target : FmaTargets()) {
        ASSERT_EQ(rectify_force_target(target.c_str()), RECTIFY_OK);
        std::vector<T> y(n), dx(n), db(s.channels);
        ASSERT_EQ(rectify_bias_forward(&act, DtypeOf<T>(), s.outer, s.channels, s.inner,
                                       x.data(), bias.data(), y.data()),
                  RECTIFY_OK);
        ASSERT_EQ(rectify_bias_backward(&act, DtypeOf<T>(), s.outer, s.channels, s.inner,
                                        x.data(), bias.data(), dy.data(), dx.data(), db.data()),
                  RECTIFY_OK);
        const std::string where = Name(act) + " on " + target + ", shape " +
                                  std::to_string(s.outer) + "x" + std::to_string(s.channels) +
                                  "x" + std::to_string(s.inner);
        EXPECT_EQ(FirstDifference(y, lane_y), n) << where << ": bias forward";
        EXPECT_EQ(FirstDifference(dx, lane_dx), n) << where << ": bias backward dx";
        EXPECT_EQ(FirstDifference(db, lane_db), s.channels) << where << ": dbias";
      }
    }
  }
}

TEST_F(LaneTest, F32BiasMatchesFmaTargets) { CheckBias<float>(); }
TEST_F(LaneTest, F64BiasMatchesFmaTargets) { CheckBias<double>(); }

// ---- 16-bit ----
struct Format {
  rectify_dtype dtype;
  HalfFormat format;
};
constexpr Format kFormats[] = {{RECTIFY_BF16, HalfFormat::kBf16}, {RECTIFY_F16, HalfFormat::kF16}};

std::vector<std::uint16_t> AllPatterns() {
  std::vector<std::uint16_t> v(65536);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::uint16_t>(i);
  return v;
}

std::vector<std::uint16_t> Table(const rectify_activation& act, HalfFormat format) {
  std::vector<std::uint16_t> table(kHalfTableEntries);
  const OpParams params = ParamsOf(act);
  BuildForwardTable(params, format, ActiveKernels().forward[params.tier][params.op][kF32Slot],
                    table.data());
  table.resize(65536);
  return table;
}

template <HalfFormat kFormat>
void CheckHalf(rectify_dtype dtype) {
  const std::vector<std::uint16_t> x = AllPatterns();
  std::vector<std::uint16_t> dy = x;
  std::shuffle(dy.begin(), dy.end(), std::mt19937(4));
  for (const rectify_activation& act : Activations()) {
    const std::vector<std::uint16_t> table = Table(act, kFormat);
    std::vector<std::uint16_t> lane_dx(x.size());
    WithLaneOp<float>(act, [&](const auto& op) {
      for (std::size_t i = 0; i < x.size(); ++i) {
        lane_dx[i] = lane::HalfBackward<kFormat>(op, x[i], dy[i]);
      }
    });
    for (const std::string& target : FmaTargets()) {
      ASSERT_EQ(rectify_force_target(target.c_str()), RECTIFY_OK);
      std::vector<std::uint16_t> y(x.size()), dx(x.size());
      ASSERT_EQ(rectify_forward(&act, dtype, x.size(), x.data(), y.data()), RECTIFY_OK);
      ASSERT_EQ(rectify_backward(&act, dtype, x.size(), x.data(), dy.data(), dx.data()),
                RECTIFY_OK);
      std::size_t i = FirstDifference(y, table);
      EXPECT_EQ(i, x.size()) << Name(act) << " 16-bit forward on " << target << " at 0x"
                             << std::hex << i << ": CPU 0x" << y[i] << ", table 0x" << table[i];
      i = FirstDifference(dx, lane_dx);
      EXPECT_EQ(i, x.size()) << Name(act) << " 16-bit backward on " << target << " at 0x"
                             << std::hex << i;
    }
    // The fused calls on one shape with special biases.
    const Shape s{5, 4, 19};
    const std::size_t n = s.outer * s.channels * s.inner;
    std::vector<std::uint16_t> bx(x.begin() + 0x3E00, x.begin() + 0x3E00 + n);
    std::vector<std::uint16_t> bdy(dy.begin(), dy.begin() + n);
    bx[0] = 0xFFC1;  // a NaN with a payload
    const std::vector<std::uint16_t> bias = {0x3F00, 0xFFA0, 0x8000, 0x4100};  // NaN second
    std::vector<std::uint16_t> lane_y(n), lane_bdx(n), lane_db(s.channels);
    WithLaneOp<float>(act, [&](const auto& op) {
      LaneBias<std::uint16_t, kFormat>(
          s, bx, bias, bdy,
          [&](std::uint16_t v, std::uint16_t b) {
            return table[lane::HalfPreActivation<kFormat>(v, HalfToFloat(kFormat, b))];
          },
          [&](std::uint16_t v, std::uint16_t g, std::uint16_t b) {
            return lane::HalfBackward<kFormat>(
                op, lane::HalfPreActivation<kFormat>(v, HalfToFloat(kFormat, b)), g);
          },
          &lane_y, &lane_bdx, &lane_db);
    });
    for (const std::string& target : FmaTargets()) {
      ASSERT_EQ(rectify_force_target(target.c_str()), RECTIFY_OK);
      std::vector<std::uint16_t> y(n), dx(n), db(s.channels);
      ASSERT_EQ(rectify_bias_forward(&act, dtype, s.outer, s.channels, s.inner, bx.data(),
                                     bias.data(), y.data()),
                RECTIFY_OK);
      ASSERT_EQ(rectify_bias_backward(&act, dtype, s.outer, s.channels, s.inner, bx.data(),
                                      bias.data(), bdy.data(), dx.data(), db.data()),
                RECTIFY_OK);
      EXPECT_EQ(FirstDifference(y, lane_y), n) << Name(act) << " 16-bit bias forward";
      EXPECT_EQ(FirstDifference(dx, lane_bdx), n) << Name(act) << " 16-bit bias dx";
      EXPECT_EQ(FirstDifference(db, lane_db), s.channels) << Name(act) << " 16-bit dbias";
    }
  }
}

TEST_F(LaneTest, Bf16MatchesFmaTargets) { CheckHalf<HalfFormat::kBf16>(RECTIFY_BF16); }
TEST_F(LaneTest, F16MatchesFmaTargets) { CheckHalf<HalfFormat::kF16>(RECTIFY_F16); }

}  // namespace
}  // namespace rectify
