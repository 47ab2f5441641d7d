// Tests that run once per usable SIMD target: the target's name is part of
// the test name, and the fixture forces it for the test's duration.
#ifndef RECTIFY_TEST_SUPPORT_TARGET_PARAM_H_
#define RECTIFY_TEST_SUPPORT_TARGET_PARAM_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rectify/rectify.h"

namespace rectify::test {

// Names of the targets usable here, best first.
inline std::vector<std::string> UsableTargetNames() {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < rectify_target_count(); ++i) {
    names.emplace_back(rectify_target_name(i));
  }
  return names;
}

// Forces `target` while alive, then returns to the best target.
class ScopedTarget {
 public:
  explicit ScopedTarget(const std::string& target) {
    EXPECT_EQ(rectify_force_target(target.c_str()), RECTIFY_OK) << target;
  }
  ~ScopedTarget() { rectify_force_target(nullptr); }
  ScopedTarget(const ScopedTarget&) = delete;
  ScopedTarget& operator=(const ScopedTarget&) = delete;
};

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_TARGET_PARAM_H_
