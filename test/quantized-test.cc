// rectify_forward_quantized: all 256 inputs of every op, s8 and u8, several
// quantizations, every target, against the exact value (MPFR); sizes,
// offsets and in place; bad arguments write nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "rectify/rectify.h"
#include "support/target_param.h"
#include "verify/exact_value.h"

namespace rectify::test {
namespace {

struct Quantization {
  rectify_quant in;
  rectify_quant out;
};

// Signed and unsigned sets: symmetric ranges, shifted zero points, an
// output scale that makes many results land on .5 exactly (relu with
// out.scale = 2 * in.scale), and a tiny input scale.
std::vector<Quantization> QuantizationsFor(bool is_signed) {
  if (is_signed) {
    return {{{8.0f / 127, 0}, {8.0f / 127, 0}},
            {{0.05f, -10}, {0.1f, 5}},
            {{0.25f, 0}, {0.5f, 0}},
            {{1e-3f, 3}, {2e-3f, -7}}};
  }
  return {{{16.0f / 255, 128}, {16.0f / 255, 128}},
          {{0.05f, 100}, {0.03f, 20}},
          {{0.25f, 128}, {0.5f, 0}},
          {{1e-3f, 7}, {2e-3f, 250}}};
}

TEST(Quantized, EveryInputOfEveryOpIsCorrectlyRoundedOnEveryTarget) {
  for (bool is_signed : {true, false}) {
    const rectify_dtype dtype = is_signed ? RECTIFY_S8 : RECTIFY_U8;
    std::vector<std::uint8_t> x(256);
    for (int i = 0; i < 256; ++i) x[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
    for (const Quantization& q : QuantizationsFor(is_signed)) {
      for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
        const rectify_activation act = rectify_activation_default(static_cast<rectify_op>(op));
        std::vector<std::uint8_t> want(256);
        for (int i = 0; i < 256; ++i) {
          const long value = is_signed ? static_cast<long>(static_cast<std::int8_t>(i)) : i;
          const long r = verify::CorrectlyRoundedQuantized(act, is_signed, q.in.scale,
                                                           q.in.zero_point, q.out.scale,
                                                           q.out.zero_point, value);
          want[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(r);
        }
        for (const std::string& target : UsableTargetNames()) {
          const ScopedTarget scoped(target);
          std::vector<std::uint8_t> y(256);
          ASSERT_EQ(rectify_forward_quantized(&act, dtype, q.in, q.out, 256, x.data(), y.data()),
                    RECTIFY_OK);
          for (std::size_t i = 0; i < 256; ++i) {
            ASSERT_EQ(y[i], want[i]) << rectify_op_name(act.op) << " " << target << " q=" << i
                                     << " scale " << q.in.scale << "/" << q.out.scale;
          }
        }
      }
    }
  }
}

TEST(Quantized, SizesOffsetsAndInPlaceMatchTheTable) {
  const rectify_activation gelu = rectify_activation_default(RECTIFY_GELU);
  const rectify_quant in{0.05f, 3}, out{0.04f, -2};
  std::vector<std::uint8_t> all(256), table(256);
  for (std::size_t i = 0; i < 256; ++i) all[i] = static_cast<std::uint8_t>(i);
  ASSERT_EQ(rectify_forward_quantized(&gelu, RECTIFY_S8, in, out, 256, all.data(), table.data()),
            RECTIFY_OK);
  std::vector<std::uint8_t> x(70001);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<std::uint8_t>(i * 2654435761u >> 7);
  std::vector<std::size_t> sizes;
  for (std::size_t n = 0; n <= 300; ++n) sizes.push_back(n);
  sizes.push_back(70000);
  for (const std::string& target : UsableTargetNames()) {
    const ScopedTarget scoped(target);
    for (std::size_t n : sizes) {
      std::vector<std::uint8_t> y(n + 2, 0xEE);
      ASSERT_EQ(rectify_forward_quantized(&gelu, RECTIFY_S8, in, out, n, x.data() + 1,
                                          y.data() + 1),
                RECTIFY_OK);
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(y[i + 1], table[x[i + 1]]) << target << n;
      ASSERT_EQ(y[0], 0xEE);
      ASSERT_EQ(y[n + 1], 0xEE);
      std::vector<std::uint8_t> in_place(x.begin() + 1, x.begin() + 1 + static_cast<long>(n));
      ASSERT_EQ(rectify_forward_quantized(&gelu, RECTIFY_S8, in, out, n, in_place.data(),
                                          in_place.data()),
                RECTIFY_OK);
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(in_place[i], table[x[i + 1]]) << target << n;
    }
  }
}

TEST(Quantized, BadArgumentsWriteNothing) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const rectify_quant good{0.1f, 0};
  std::vector<std::uint8_t> x(8, 7), y(8, 0x5A);
  const auto expect = [&](rectify_status want, const rectify_activation* act, int dtype,
                          rectify_quant in, rectify_quant out, std::size_t n, const void* src,
                          void* dst) {
    rectify_dtype d;
    static_assert(sizeof d == sizeof dtype);
    std::memcpy(&d, &dtype, sizeof d);
    EXPECT_EQ(rectify_forward_quantized(act, d, in, out, n, src, dst), want);
    EXPECT_EQ(y, std::vector<std::uint8_t>(8, 0x5A));
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  expect(RECTIFY_ERROR_NULL_POINTER, nullptr, RECTIFY_S8, good, good, 8, x.data(), y.data());
  expect(RECTIFY_ERROR_NULL_POINTER, &relu, RECTIFY_S8, good, good, 8, nullptr, y.data());
  expect(RECTIFY_ERROR_NULL_POINTER, &relu, RECTIFY_S8, good, good, 8, x.data(), nullptr);
  expect(RECTIFY_ERROR_INVALID_ARGUMENT, &relu, 99, good, good, 8, x.data(), y.data());
  expect(RECTIFY_ERROR_UNSUPPORTED, &relu, RECTIFY_F32, good, good, 8, x.data(), y.data());
  expect(RECTIFY_ERROR_UNSUPPORTED, &relu, RECTIFY_BF16, good, good, 8, x.data(), y.data());
  for (float scale : {0.0f, -0.1f, nan, inf}) {
    expect(RECTIFY_ERROR_INVALID_ARGUMENT, &relu, RECTIFY_S8, {scale, 0}, good, 8, x.data(),
           y.data());
    expect(RECTIFY_ERROR_INVALID_ARGUMENT, &relu, RECTIFY_U8, good, {scale, 0}, 8, x.data(),
           y.data());
  }
  for (std::int32_t zp : {-129, 128, 1000}) {
    expect(RECTIFY_ERROR_INVALID_ARGUMENT, &relu, RECTIFY_S8, {0.1f, zp}, good, 8, x.data(),
           y.data());
  }
  for (std::int32_t zp : {-1, 256}) {
    expect(RECTIFY_ERROR_INVALID_ARGUMENT, &relu, RECTIFY_U8, good, {0.1f, zp}, 8, x.data(),
           y.data());
  }
  rectify_activation bad = rectify_activation_default(RECTIFY_LEAKY_RELU);
  bad.alpha = std::nan("");
  expect(RECTIFY_ERROR_INVALID_ARGUMENT, &bad, RECTIFY_S8, good, good, 8, x.data(), y.data());
  // y overlapping x partly.
  expect(RECTIFY_ERROR_OVERLAP, &relu, RECTIFY_S8, good, good, 8, y.data() + 1, y.data());
  // Zero elements with NULL pointers: nothing to do.
  expect(RECTIFY_OK, &relu, RECTIFY_U8, good, good, 0, nullptr, nullptr);
}

}  // namespace
}  // namespace rectify::test
