// Finite test values over a wide range of magnitudes and both signs, for
// sums whose result depends on the order of additions (with the special
// values of MixedValues nearly every sum is NaN or infinite).
#ifndef RECTIFY_TEST_SUPPORT_WIDE_VALUES_H_
#define RECTIFY_TEST_SUPPORT_WIDE_VALUES_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace rectify::test {

// n values m * 2^e with m uniform in (-4, 4) and e in [-20, 20].
template <typename T>
std::vector<T> WideFiniteValues(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> mantissa(T(-4), T(4));
  std::vector<T> values(n);
  for (T& v : values) v = std::ldexp(mantissa(rng), static_cast<int>(rng() % 41) - 20);
  return values;
}

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_WIDE_VALUES_H_
