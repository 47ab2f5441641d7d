// RECTIFY_TARGET, read once at first use, picks the initial target; ctest
// runs this file with RECTIFY_TARGET=SCALAR and, separately, with a name
// that is not usable (which is ignored).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "rectify/rectify.h"

namespace {

TEST(TargetEnvironment, InitialTargetFollowsTheVariable) {
  const char* requested = std::getenv("RECTIFY_TARGET");
  ASSERT_NE(requested, nullptr) << "run through ctest, which sets RECTIFY_TARGET";
  const std::string expected =
      std::string(requested) == "SCALAR" ? "SCALAR" : rectify_target_name(0);
  EXPECT_EQ(expected, rectify_active_target());
  // Forcing still works, and NULL returns to the best, not to the variable.
  EXPECT_EQ(rectify_force_target(nullptr), RECTIFY_OK);
  EXPECT_STREQ(rectify_active_target(), rectify_target_name(0));
}

}  // namespace
