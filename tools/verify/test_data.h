// Inputs for tests and sweeps: special values (signed zeros, infinities, NaNs with
// payloads, signaling NaNs, subnormals, extremes, the ops' kinks and their
// neighbours) mixed with random bit patterns and random values.
#ifndef RECTIFY_TOOLS_VERIFY_TEST_DATA_H_
#define RECTIFY_TOOLS_VERIFY_TEST_DATA_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace rectify::verify {

// The special values of T, each once (about 70).
template <typename T>
std::vector<T> SpecialValues();

// n inputs: a third special values, a third random bit patterns, a third
// uniform in [-8, 8], in random order; deterministic for a seed.
template <typename T>
std::vector<T> MixedValues(std::size_t n, std::uint64_t seed);

// Whether a and b have the same bits.
template <typename T>
bool SameBits(T a, T b);

// "1.5 (0x3fc00000)" for failure messages.
template <typename T>
std::string Describe(T value);

}  // namespace rectify::verify

#endif  // RECTIFY_TOOLS_VERIFY_TEST_DATA_H_
