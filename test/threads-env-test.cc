// RECTIFY_NUM_THREADS, read once at first use: ctest runs this binary with
// several values and RECTIFY_EXPECTED_THREADS set to the count that must
// result ("hardware" for the hardware thread count: the value is ignored).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <thread>

#include "rectify/rectify.h"

TEST(ThreadsEnvTest, InitialCount) {
  const char* expected = std::getenv("RECTIFY_EXPECTED_THREADS");
  ASSERT_NE(expected, nullptr) << "run through ctest";
  int want = 0;
  if (std::string(expected) == "hardware") {
    const unsigned hardware = std::thread::hardware_concurrency();
    want = hardware == 0 ? 1 : static_cast<int>(hardware);
  } else {
    want = std::atoi(expected);
  }
  EXPECT_EQ(rectify_get_num_threads(), want);
  // A later call overrides the environment.
  EXPECT_EQ(rectify_set_num_threads(1), RECTIFY_OK);
  EXPECT_EQ(rectify_get_num_threads(), 1);
}
