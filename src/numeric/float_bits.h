// Bit-level helpers for IEEE binary32/binary64 shared by the scalar
// reference and the tests.
#ifndef RECTIFY_NUMERIC_FLOAT_BITS_H_
#define RECTIFY_NUMERIC_FLOAT_BITS_H_

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "lane/host_device.h"

namespace rectify {

template <typename T>
struct FloatBits;

template <>
struct FloatBits<float> {
  using Uint = std::uint32_t;
  static constexpr Uint kQuietBit = 0x00400000u;
  static constexpr Uint kSignBit = 0x80000000u;
  static constexpr Uint kCanonicalNaN = 0x7FC00000u;
};

template <>
struct FloatBits<double> {
  using Uint = std::uint64_t;
  static constexpr Uint kQuietBit = 0x0008000000000000ull;
  static constexpr Uint kSignBit = 0x8000000000000000ull;
  static constexpr Uint kCanonicalNaN = 0x7FF8000000000000ull;
};

template <typename T>
RECTIFY_HD typename FloatBits<T>::Uint ToBits(T value) {
  typename FloatBits<T>::Uint bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

template <typename T>
RECTIFY_HD T FromBits(typename FloatBits<T>::Uint bits) {
  T value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// The NaN `value` with its quiet bit set; payload and sign kept.
template <typename T>
RECTIFY_HD T Quiet(T value) {
  return FromBits<T>(ToBits(value) | FloatBits<T>::kQuietBit);
}

// The one NaN the library creates itself (positive, quiet, payload 0).
template <typename T>
RECTIFY_HD T CanonicalNaN() {
  return FromBits<T>(FloatBits<T>::kCanonicalNaN);
}

// A zero whose sign is the sign of the product a * b.
template <typename T>
RECTIFY_HD T ProductSignZero(T a, T b) {
  return FromBits<T>((ToBits(a) ^ ToBits(b)) & FloatBits<T>::kSignBit);
}

// The integer value of an enum, read without a load of the enum type (so a
// value outside the enum's range, passed from C, is not undefined behaviour).
template <typename E>
int RawEnum(const E& value) {
  static_assert(std::is_enum_v<E> && sizeof(E) == sizeof(int));
  int raw;
  std::memcpy(&raw, &value, sizeof raw);
  return raw;
}

}  // namespace rectify

#endif  // RECTIFY_NUMERIC_FLOAT_BITS_H_
