#include "train/rng.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace rectify_cli::train {
namespace {

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15u;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

}  // namespace

Rng::Rng(std::uint64_t seed, Stream stream)
    : bits_(SplitMix64(SplitMix64(seed) ^ static_cast<std::uint64_t>(stream))) {}

double Rng::Uniform() { return static_cast<double>(bits_() >> 11) * 0x1.0p-53; }

double Rng::Uniform(double low, double high) { return low + (high - low) * Uniform(); }

double Rng::Normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  const double u1 = 1.0 - Uniform();  // (0, 1]: log is finite
  const double u2 = Uniform();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  spare_normal_ = radius * std::sin(angle);
  has_spare_normal_ = true;
  return radius * std::cos(angle);
}

std::uint64_t Rng::Below(std::uint64_t n) {
  // Values below 2^64 mod n would make the low residues more likely.
  const std::uint64_t reject_below = (0 - n) % n;
  std::uint64_t x = bits_();
  while (x < reject_below) x = bits_();
  return x % n;
}

void Rng::Shuffle(std::vector<std::uint32_t>& values) {
  for (std::size_t i = values.size(); i > 1; --i) {
    std::swap(values[i - 1], values[Below(i)]);
  }
}

}  // namespace rectify_cli::train
