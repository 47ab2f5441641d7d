// The thread pool and streaming stores: rectify_set_num_threads and
// rectify_get_num_threads; large calls on 1..4 threads, out of place
// (streamed above the cache threshold) and in place, misaligned, give the
// bits of the same call made in small single-threaded pieces; calls from
// many user threads at once are safe and give the same bits.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "rectify/rectify.h"
#include "rectify/rectify.hpp"
#include "support/scoped_threads.h"

namespace {

using rectify::test::ScopedThreads;

// Values in [-8, 8] with a sprinkling of specials.
std::vector<float> Inputs(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(-8.0f, 8.0f);
  std::vector<float> values(n);
  for (std::size_t i = 0; i < n; ++i) values[i] = uniform(rng);
  for (std::size_t i = 0; i < n; i += 997) values[i] = -0.0f;
  for (std::size_t i = 5; i < n; i += 1999) values[i] = std::numeric_limits<float>::infinity();
  for (std::size_t i = 7; i < n; i += 3001) values[i] = std::numeric_limits<float>::quiet_NaN();
  return values;
}

// The call applied in pieces of 1000 elements: each piece is below every
// grain, so it runs on the calling thread without streaming.
void InPieces(const rectify_activation& act, bool backward, std::size_t n,
              const float* x, const float* dy, float* out) {
  constexpr std::size_t kPiece = 1000;
  for (std::size_t i = 0; i < n; i += kPiece) {
    const std::size_t m = std::min(kPiece, n - i);
    const rectify_status status =
        backward ? rectify_backward(&act, RECTIFY_F32, m, x + i, dy + i, out + i)
                 : rectify_forward(&act, RECTIFY_F32, m, x + i, out + i);
    ASSERT_EQ(status, RECTIFY_OK);
  }
}

bool SameBits(const float* a, const float* b, std::size_t n) {
  return std::memcmp(a, b, n * sizeof(float)) == 0;
}

TEST(ThreadsTest, SetAndGet) {
  const int saved = rectify_get_num_threads();
  EXPECT_GE(saved, 1);
  EXPECT_EQ(rectify_set_num_threads(3), RECTIFY_OK);
  EXPECT_EQ(rectify_get_num_threads(), 3);
  EXPECT_EQ(rectify_set_num_threads(-1), RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_get_num_threads(), 3);  // unchanged
  EXPECT_EQ(rectify_set_num_threads(0), RECTIFY_OK);
  const int hardware = static_cast<int>(std::thread::hardware_concurrency());
  EXPECT_EQ(rectify_get_num_threads(), hardware > 0 ? hardware : 1);
  EXPECT_EQ(rectify_set_num_threads(1), RECTIFY_OK);
  EXPECT_EQ(rectify_get_num_threads(), 1);
  rectify_set_num_threads(saved);
}

TEST(ThreadsTest, CppApi) {
  const int saved = rectify::num_threads();
  rectify::set_num_threads(2);
  EXPECT_EQ(rectify::num_threads(), 2);
  try {
    rectify::set_num_threads(-5);
    ADD_FAILURE() << "no exception for a negative count";
  } catch (const rectify::Error& e) {
    EXPECT_EQ(e.status(), RECTIFY_ERROR_INVALID_ARGUMENT);
  }
  EXPECT_EQ(rectify::num_threads(), 2);
  rectify::set_num_threads(saved);
}

struct Case {
  rectify_op op;
  bool backward;
};

class LargeCallTest : public ::testing::TestWithParam<Case> {};

// Sizes around the grains (exact ops split at 2^17 f32 elements, smooth
// ones at 2^13) and above the streaming threshold (half the last-level
// cache; 2^23 elements = 32 MiB of output is beyond every common one),
// from misaligned starts, out of place and in place.
TEST_P(LargeCallTest, SameBitsOnEveryThreadCount) {
  const Case c = GetParam();
  const rectify_activation act = rectify_activation_default(c.op);
  const bool smooth = c.op >= RECTIFY_ELU;
  std::vector<std::size_t> sizes = {8191, 8192 * 2 + 3, 131072 * 2 - 1, 131072 * 2 + 17,
                                    1000003};
  if (!smooth) sizes.push_back((std::size_t{1} << 23) + 5);
  for (const std::size_t n : sizes) {
    for (const std::size_t offset : {std::size_t{0}, std::size_t{3}}) {
      const std::vector<float> x = Inputs(n + offset, 1);
      const std::vector<float> dy = Inputs(n + offset, 2);
      std::vector<float> want(n + offset);
      InPieces(act, c.backward, n, x.data() + offset, dy.data() + offset,
               want.data() + offset);
      for (const int threads : {1, 2, 3, 4}) {
        ScopedThreads scoped(threads);
        std::vector<float> out(n + offset, 42.0f);
        const rectify_status status =
            c.backward ? rectify_backward(&act, RECTIFY_F32, n, x.data() + offset,
                                          dy.data() + offset, out.data() + offset)
                       : rectify_forward(&act, RECTIFY_F32, n, x.data() + offset,
                                         out.data() + offset);
        ASSERT_EQ(status, RECTIFY_OK);
        EXPECT_TRUE(SameBits(out.data() + offset, want.data() + offset, n))
            << "n=" << n << " offset=" << offset << " threads=" << threads;
        for (std::size_t i = 0; i < offset; ++i) EXPECT_EQ(out[i], 42.0f);  // untouched
        // In place: the input buffer itself becomes the output.
        std::vector<float> inplace = c.backward ? dy : x;
        const rectify_status in_status =
            c.backward ? rectify_backward(&act, RECTIFY_F32, n, x.data() + offset,
                                          inplace.data() + offset, inplace.data() + offset)
                       : rectify_forward(&act, RECTIFY_F32, n, inplace.data() + offset,
                                         inplace.data() + offset);
        ASSERT_EQ(in_status, RECTIFY_OK);
        EXPECT_TRUE(SameBits(inplace.data() + offset, want.data() + offset, n))
            << "in place, n=" << n << " offset=" << offset << " threads=" << threads;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Ops, LargeCallTest,
                         ::testing::Values(Case{RECTIFY_RELU, false}, Case{RECTIFY_RELU, true},
                                           Case{RECTIFY_LEAKY_RELU, false},
                                           Case{RECTIFY_HARDSWISH, true},
                                           Case{RECTIFY_GELU, false}, Case{RECTIFY_SILU, true},
                                           Case{RECTIFY_TANH, false}));

// Many user threads calling at once (the pool serves one call at a time;
// the others run on their own threads) get the same bits as one thread.
TEST(ThreadsTest, ConcurrentCallers) {
  ScopedThreads scoped(2);
  const rectify_activation act = rectify_activation_default(RECTIFY_SIGMOID);
  constexpr std::size_t kN = 300000;
  const std::vector<float> x = Inputs(kN, 3);
  std::vector<float> want(kN);
  InPieces(act, false, kN, x.data(), nullptr, want.data());
  constexpr int kCallers = 6;
  std::vector<std::vector<float>> outs(kCallers, std::vector<float>(kN));
  std::vector<int> failures(kCallers, 0);
  std::vector<std::thread> callers;
  for (int t = 0; t < kCallers; ++t) {
    callers.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        if (rectify_forward(&act, RECTIFY_F32, kN, x.data(), outs[t].data()) != RECTIFY_OK ||
            !SameBits(outs[t].data(), want.data(), kN)) {
          ++failures[t];
        }
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (int t = 0; t < kCallers; ++t) EXPECT_EQ(failures[t], 0) << "caller " << t;
}

}  // namespace
