// The tester every kernel goes through: one call per size (0..300 and large
// odd sizes) and buffer layout (misaligned, in-place over either input),
// each output element compared bit for bit with an expected value, nothing
// written outside the output, inputs left alone.
#ifndef RECTIFY_TEST_SUPPORT_SIZE_SWEEP_H_
#define RECTIFY_TEST_SUPPORT_SIZE_SWEEP_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "rectify/rectify.h"
#include "support/guarded_buffer.h"
#include "verify/direction.h"
#include "verify/test_data.h"

namespace rectify::test {

using verify::CallDirection;
using verify::Describe;
using verify::Direction;
using verify::MixedValues;
using verify::SameBits;

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

// Runs one call on n elements of MixedValues (seeded) and checks every
// output element against want_at(a, dy, i), the guards and the inputs.
// Returns false (after reporting) on the first failure.
template <typename T, class Want>
bool CheckOne(const rectify_activation& act, Direction direction, std::size_t n,
              const Layout& layout, std::uint64_t seed, const Want& want_at) {
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
    const T want = want_at(a, dy, i);
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

// CheckOne over sizes 0..300 and a few large odd ones, in every layout.
template <typename T, class Want>
void SweepSizes(const rectify_activation& act, Direction direction, const Want& want_at) {
  std::vector<std::size_t> sizes;
  for (std::size_t n = 0; n <= 300; ++n) sizes.push_back(n);
  for (std::size_t n : {1021u, 4099u, 65537u}) sizes.push_back(n);
  for (const std::size_t n : sizes) {
    for (const Layout& layout : kLayouts) {
      if (!CheckOne<T>(act, direction, n, layout, n * 7919 + layout.output_offset, want_at)) {
        return;
      }
    }
  }
}

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_SIZE_SWEEP_H_
