// Asserts that two arrays hold the same bits element for element, naming
// the first difference (index, both values described).
#ifndef RECTIFY_TEST_SUPPORT_EXPECT_SAME_BITS_H_
#define RECTIFY_TEST_SUPPORT_EXPECT_SAME_BITS_H_

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "verify/test_data.h"

namespace rectify::test {

// `what` names the array in the message; `want_label` the expected side
// ("reference", "unfused", ...).
template <typename T>
void ExpectSameBits(const std::vector<T>& got, const std::vector<T>& want,
                    const std::string& what, const char* want_label = "reference") {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_TRUE(verify::SameBits(got[i], want[i]))
        << what << " i=" << i << ": got " << verify::Describe(got[i]) << ", " << want_label
        << " " << verify::Describe(want[i]);
  }
}

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_EXPECT_SAME_BITS_H_
