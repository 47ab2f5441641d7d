#include "verify/test_data.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "numeric/float_bits.h"

namespace rectify::verify {

template <typename T>
std::vector<T> SpecialValues() {
  using Bits = typename FloatBits<T>::Uint;
  using L = std::numeric_limits<T>;
  const T kinks[] = {T(0),   T(0.5), T(1),   T(1.5), T(3),     T(6),
                     T(0.7), T(1e30), L::max() / 6, L::max() / 9, T(1) / 3};
  std::vector<T> values;
  for (const T kink : kinks) {
    for (const T sign : {T(1), T(-1)}) {
      const T v = sign * kink;
      values.push_back(v);
      values.push_back(std::nextafter(v, L::infinity()));
      values.push_back(std::nextafter(v, -L::infinity()));
    }
  }
  for (const T v : {L::infinity(), L::denorm_min(), L::min(), L::max(),
                    L::min() - L::denorm_min(), T(2) * L::denorm_min(),
                    L::epsilon()}) {
    values.push_back(v);
    values.push_back(-v);
  }
  values.push_back(T(-0.0));
  const Bits quiet = FloatBits<T>::kQuietBit;
  const Bits exponent = ToBits(L::infinity());
  for (const Bits nan : {Bits(exponent | quiet), Bits(exponent | quiet | 0x2345),
                         Bits(exponent | 1), Bits(exponent | (quiet >> 1)),
                         Bits(exponent | quiet | (quiet - 1))}) {
    values.push_back(FromBits<T>(nan));
    values.push_back(FromBits<T>(nan | FloatBits<T>::kSignBit));
  }
  return values;
}

template <typename T>
std::vector<T> MixedValues(std::size_t n, std::uint64_t seed) {
  using Bits = typename FloatBits<T>::Uint;
  std::mt19937_64 rng(seed);
  const std::vector<T> specials = SpecialValues<T>();
  std::uniform_real_distribution<T> uniform(T(-8), T(8));
  std::vector<T> values(n);
  for (T& v : values) {
    switch (rng() % 3) {
      case 0:
        v = specials[rng() % specials.size()];
        break;
      case 1:
        v = FromBits<T>(static_cast<Bits>(rng()));
        break;
      default:
        v = uniform(rng);
        break;
    }
  }
  return values;
}

template <typename T>
bool SameBits(T a, T b) {
  return ToBits(a) == ToBits(b);
}

template <typename T>
std::string Describe(T value) {
  char text[96];
  std::snprintf(text, sizeof text, "%.17g (0x%llx)", static_cast<double>(value),
                static_cast<unsigned long long>(ToBits(value)));
  return text;
}

template std::vector<float> SpecialValues<float>();
template std::vector<double> SpecialValues<double>();
template std::vector<float> MixedValues<float>(std::size_t, std::uint64_t);
template std::vector<double> MixedValues<double>(std::size_t, std::uint64_t);
template bool SameBits<float>(float, float);
template bool SameBits<double>(double, double);
template std::string Describe<float>(float);
template std::string Describe<double>(double);

}  // namespace rectify::verify
