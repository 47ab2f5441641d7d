// Sets rectify's thread count for a scope and restores the previous one.
#ifndef RECTIFY_TEST_SUPPORT_SCOPED_THREADS_H_
#define RECTIFY_TEST_SUPPORT_SCOPED_THREADS_H_

#include <gtest/gtest.h>

#include "rectify/rectify.h"

namespace rectify::test {

class ScopedThreads {
 public:
  explicit ScopedThreads(int n) : saved_(rectify_get_num_threads()) {
    EXPECT_EQ(rectify_set_num_threads(n), RECTIFY_OK);
  }
  ~ScopedThreads() { rectify_set_num_threads(saved_); }
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

 private:
  int saved_;
};

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_SCOPED_THREADS_H_
