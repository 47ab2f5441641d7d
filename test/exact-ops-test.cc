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
#include "support/guarded_buffer.h"
#include "support/op_cases.h"
#include "support/target_param.h"
#include "verify/direction.h"
#include "verify/test_data.h"

namespace rectify::test {
namespace {

using namespace rectify::verify;  // inputs, SameBits, Describe, Direction

// Where the buffers sit: element offsets of the first input, dy and the
// output, and whether the output is the first input or dy itself.
struct Layout {
  std::size_t input_offset;
  std::size_t dy_offset;
  std::size_t output_offset;
  enum { kSeparate, kOverInput, kOverDy } alias;
};

constexpr Layout kLayouts[] = {
    {0, 0, 0, Layout::kSeparate},
    {1, 3, 2, Layout::kSeparate},
    {3, 1, 0, Layout::kOverInput},
    {0, 2, 0, Layout::kOverDy},
};

template <typename T>
constexpr rectify_dtype DtypeOf() {
  return sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;
}

// Runs one call and checks every output element and the guards. Returns
// false (after reporting) on the first failure.
template <typename T>
bool CheckOne(const rectify_activation& act, Direction direction, std::size_t n,
              const Layout& layout, std::uint64_t seed) {
  if (direction == Direction::kForward && layout.alias == Layout::kOverDy) {
    return true;
  }
  const std::vector<T> a = MixedValues<T>(n, seed);
  const std::vector<T> dy = MixedValues<T>(n, seed ^ 0x9E3779B97F4A7C15ull);
  GuardedBuffer<T> a_buffer(a, layout.input_offset);
  GuardedBuffer<T> dy_buffer(dy, layout.dy_offset);
  GuardedBuffer<T> out_buffer(std::vector<T>(n, T(0)), layout.output_offset);
  T* out = layout.alias == Layout::kOverInput ? a_buffer.data()
           : layout.alias == Layout::kOverDy  ? dy_buffer.data()
                                              : out_buffer.data();
  const rectify_status status = CallDirection(act, DtypeOf<T>(), direction, n,
                                              a_buffer.data(), dy_buffer.data(), out);
  const std::string where = "n=" + std::to_string(n) + " offsets=" +
                            std::to_string(layout.input_offset) + "," +
                            std::to_string(layout.output_offset) + " alias=" +
                            std::to_string(static_cast<int>(layout.alias));
  if (status != RECTIFY_OK) {
    ADD_FAILURE() << where << ": status " << rectify_status_string(status);
    return false;
  }
  const std::vector<T> got = layout.alias == Layout::kOverInput ? a_buffer.values()
                             : layout.alias == Layout::kOverDy  ? dy_buffer.values()
                                                                : out_buffer.values();
  for (std::size_t i = 0; i < n; ++i) {
    const T want = ReferenceIn(act, direction, a[i], dy[i]);
    if (!SameBits(got[i], want)) {
      ADD_FAILURE() << where << " i=" << i << " input=" << Describe(a[i])
                    << " dy=" << Describe(dy[i]) << ": got " << Describe(got[i])
                    << ", reference " << Describe(want);
      return false;
    }
  }
  if (!a_buffer.GuardsIntact() || !dy_buffer.GuardsIntact() ||
      !out_buffer.GuardsIntact()) {
    ADD_FAILURE() << where << ": wrote outside the output";
    return false;
  }
  const std::vector<T> a_after = a_buffer.values();
  const std::vector<T> dy_after = dy_buffer.values();
  const bool a_kept = layout.alias == Layout::kOverInput ||
                      std::equal(a.begin(), a.end(), a_after.begin(), SameBits<T>);
  const bool dy_kept = layout.alias == Layout::kOverDy ||
                       std::equal(dy.begin(), dy.end(), dy_after.begin(), SameBits<T>);
  if (!a_kept || !dy_kept) {
    ADD_FAILURE() << where << ": modified an input";
    return false;
  }
  return true;
}

template <typename T>
void SweepSizes(const rectify_activation& act, Direction direction) {
  std::vector<std::size_t> sizes;
  for (std::size_t n = 0; n <= 300; ++n) sizes.push_back(n);
  for (std::size_t n : {1021u, 4099u, 65537u}) sizes.push_back(n);
  for (const std::size_t n : sizes) {
    for (const Layout& layout : kLayouts) {
      if (!CheckOne<T>(act, direction, n, layout, n * 7919 + layout.output_offset)) {
        return;
      }
    }
  }
}

using Param = std::tuple<std::string, OpCase>;

class ExactOpsTest : public ::testing::TestWithParam<Param> {
 protected:
  const rectify_activation& act() const { return std::get<1>(GetParam()).act; }
  ScopedTarget target_{std::get<0>(GetParam())};
};

TEST_P(ExactOpsTest, ForwardF32) { SweepSizes<float>(act(), Direction::kForward); }
TEST_P(ExactOpsTest, ForwardF64) { SweepSizes<double>(act(), Direction::kForward); }
TEST_P(ExactOpsTest, BackwardF32) { SweepSizes<float>(act(), Direction::kBackward); }
TEST_P(ExactOpsTest, BackwardF64) { SweepSizes<double>(act(), Direction::kBackward); }

TEST_P(ExactOpsTest, BackwardFromOutput) {
  const OpCase& c = std::get<1>(GetParam());
  if (!HasFromOutput(c)) {
    float v = 1.0f;
    EXPECT_EQ(rectify_backward_from_output(&c.act, RECTIFY_F32, 1, &v, &v, &v),
              RECTIFY_ERROR_UNSUPPORTED);
    EXPECT_EQ(v, 1.0f);
    return;
  }
  SweepSizes<float>(act(), Direction::kFromOutput);
  SweepSizes<double>(act(), Direction::kFromOutput);
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
