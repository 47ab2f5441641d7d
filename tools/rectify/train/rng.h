// The random numbers of `rectify train`: std::mt19937_64 for the bits, and
// distributions written here (not the standard library's, whose algorithms
// differ between implementations), so a seed gives the same numbers
// everywhere.
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_RNG_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_RNG_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace rectify_cli::train {

// Independent streams drawn from one --seed: initialisation and data order
// use different streams, so the order does not depend on how many numbers
// an activation's initialisation draws.
enum class Stream : std::uint64_t { kInit = 1, kDataOrder = 2 };

class Rng {
 public:
  // The stream `stream` of `seed`: the generator is seeded with a
  // SplitMix64 mix of both.
  Rng(std::uint64_t seed, Stream stream);

  // Uniform in [0, 1), 53 random bits.
  double Uniform();
  // Uniform in [low, high).
  double Uniform(double low, double high);
  // Standard normal (Box-Muller; the second value of a pair is kept for the
  // next call).
  double Normal();
  // Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t Below(std::uint64_t n);
  // A uniformly random permutation of `values` (Fisher-Yates).
  void Shuffle(std::vector<std::uint32_t>& values);

 private:
  std::mt19937_64 bits_;
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_RNG_H_
