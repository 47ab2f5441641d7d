// The part of Highway's API that the op bodies (ops/<op>/<op>-inl.h) and
// their shared blocks (kernels/element_rules, double_word, smooth_math,
// plain_double_math, smooth_op) use, for one lane: a "vector" is a plain T and a mask a bool. It lets the CUDA
// backend run the CPU kernels' own op bodies per GPU thread, so that every
// operation, its order and its rounding are those of the CPU's FMA targets
// (AVX2, AVX3, AVX3_DL): HWY_NATIVE_FMA is 1 and MulAdd is one fused
// operation. Where a Highway op's result depends on the instruction set,
// this file follows x86 (Min/Max return the second operand when the first
// comparison fails, as minpd/maxpd do), and the op bodies' x86-only
// shortcuts are off (HWY_ARCH_X86 is 0) in favour of their portable forms,
// which the CPU tests prove bit-identical on every target.
//
// Requirements on the compiler: IEEE binary32/64 arithmetic with round to
// nearest, no contraction of a * b + c (nvcc -fmad=false, GCC
// -ffp-contract=off), no flush of subnormals, correctly rounded division
// and square root (nvcc's defaults). Included through
// src/lane/shadow/hwy/highway.h only; never together with real Highway.
#ifndef RECTIFY_LANE_ONE_LANE_H_
#define RECTIFY_LANE_ONE_LANE_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "lane/host_device.h"

#define HWY_NAMESPACE N_ONE_LANE
#define HWY_BEFORE_NAMESPACE() static_assert(true)
#define HWY_AFTER_NAMESPACE() static_assert(true)
#define HWY_INLINE RECTIFY_HD inline
#define HWY_ATTR
#define HWY_NATIVE_FMA 1
#define HWY_ARCH_X86 0
#define HWY_LIKELY(expr) __builtin_expect(!!(expr), 1)

namespace hwy {
namespace N_ONE_LANE {

// The descriptor of one lane of T.
template <typename T>
struct Simd {
  using LaneType = T;
};

template <typename T>
using ScalableTag = Simd<T>;
template <typename T, class D>
using Rebind = Simd<T>;
template <class D>
using TFromD = typename D::LaneType;
template <class D>
using Vec = TFromD<D>;
template <class D>
using Mask = bool;

namespace one_lane_detail {
template <std::size_t kBytes>
struct Ints;
template <>
struct Ints<4> {
  using Signed = std::int32_t;
  using Unsigned = std::uint32_t;
  using Float = float;
};
template <>
struct Ints<8> {
  using Signed = std::int64_t;
  using Unsigned = std::uint64_t;
  using Float = double;
};

template <typename To, typename From>
RECTIFY_HD inline To BitCopy(From from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

// Bitwise and/or/xor of floating-point values through their bits.
template <typename T, class Op>
RECTIFY_HD inline T Bitwise(T a, T b, Op op) {
  if constexpr (std::is_floating_point_v<T>) {
    using U = typename Ints<sizeof(T)>::Unsigned;
    return BitCopy<T>(static_cast<U>(op(BitCopy<U>(a), BitCopy<U>(b))));
  } else {
    return static_cast<T>(op(a, b));
  }
}
}  // namespace one_lane_detail

template <class D>
using RebindToSigned = Simd<typename one_lane_detail::Ints<sizeof(TFromD<D>)>::Signed>;
template <class D>
using RebindToUnsigned = Simd<typename one_lane_detail::Ints<sizeof(TFromD<D>)>::Unsigned>;
template <class D>
using RebindToFloat = Simd<typename one_lane_detail::Ints<sizeof(TFromD<D>)>::Float>;

template <class D>
RECTIFY_HD constexpr std::size_t MaxLanes(D) {
  return 1;
}
template <class D>
RECTIFY_HD constexpr std::size_t Lanes(D) {
  return 1;
}

// ---- initialisation and conversion ----
template <class D, typename From>
RECTIFY_HD inline TFromD<D> Set(D, From value) {
  return static_cast<TFromD<D>>(value);
}
template <class D>
RECTIFY_HD inline TFromD<D> Zero(D) {
  return TFromD<D>(0);
}
template <class D>
RECTIFY_HD inline TFromD<D> SignBit(D) {
  return TFromD<D>(-0.0);
}
template <class D, typename From>
RECTIFY_HD inline TFromD<D> BitCast(D, From v) {
  return one_lane_detail::BitCopy<TFromD<D>>(v);
}
// Float to integer truncates toward zero (cvttpd2dq); integer to float
// rounds to nearest.
template <class D, typename From>
RECTIFY_HD inline TFromD<D> ConvertTo(D, From v) {
  return static_cast<TFromD<D>>(v);
}
template <class D, typename From>
RECTIFY_HD inline TFromD<D> PromoteTo(D, From v) {
  return static_cast<TFromD<D>>(v);
}
// f64 -> f32 rounds to nearest even (infinity on overflow).
template <class D, typename From>
RECTIFY_HD inline TFromD<D> DemoteTo(D, From v) {
  return static_cast<TFromD<D>>(v);
}
template <class D>
RECTIFY_HD inline TFromD<D> LoadU(D, const TFromD<D>* p) {
  return *p;
}
template <class D, typename Index>
RECTIFY_HD inline TFromD<D> GatherIndex(D, const TFromD<D>* base, Index index) {
  return base[index];
}
// Declared for the multi-lane branches that `if constexpr (MaxLanes(d) >=
// ...)` discards; never defined.
template <class D, typename V>
RECTIFY_HD V IndicesFromVec(D, V);
template <typename V, typename I>
RECTIFY_HD V TableLookupLanes(V, I);

// ---- arithmetic ----
template <typename T>
RECTIFY_HD inline T Add(T a, T b) {
  return a + b;
}
template <typename T>
RECTIFY_HD inline T Sub(T a, T b) {
  return a - b;
}
template <typename T>
RECTIFY_HD inline T Mul(T a, T b) {
  return a * b;
}
template <typename T>
RECTIFY_HD inline T Div(T a, T b) {
  return a / b;
}
template <typename T>
RECTIFY_HD inline T Neg(T a) {
  return -a;
}
template <typename T>
RECTIFY_HD inline T Abs(T a) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::fabs(a);
  } else {
    return a < 0 ? -a : a;
  }
}
// a * b + c, -a * b + c and a * b - c, each rounded once.
template <typename T>
RECTIFY_HD inline T MulAdd(T a, T b, T c) {
  return std::fma(a, b, c);
}
template <typename T>
RECTIFY_HD inline T NegMulAdd(T a, T b, T c) {
  return std::fma(-a, b, c);
}
template <typename T>
RECTIFY_HD inline T MulSub(T a, T b, T c) {
  return std::fma(a, b, -c);
}
template <typename T>
RECTIFY_HD inline T Min(T a, T b) {
  return a < b ? a : b;
}
template <typename T>
RECTIFY_HD inline T Max(T a, T b) {
  return a > b ? a : b;
}
// Round to nearest, ties to even (the current rounding mode).
template <typename T>
RECTIFY_HD inline T Round(T a) {
  return std::rint(a);
}
template <typename T>
RECTIFY_HD inline T Floor(T a) {
  return std::floor(a);
}
template <typename T>
RECTIFY_HD inline T CopySign(T magnitude, T sign) {
  return std::copysign(magnitude, sign);
}
template <int kBits, typename T>
RECTIFY_HD inline T ShiftLeft(T a) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) << kBits);
}
// Arithmetic for signed T, as Highway's.
template <int kBits, typename T>
RECTIFY_HD inline T ShiftRight(T a) {
  return static_cast<T>(a >> kBits);
}

// ---- bits (bool: the mask operations) ----
template <typename T>
RECTIFY_HD inline T And(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a && b;
  } else {
    return one_lane_detail::Bitwise(a, b, [](auto x, auto y) { return x & y; });
  }
}
template <typename T>
RECTIFY_HD inline T Or(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a || b;
  } else {
    return one_lane_detail::Bitwise(a, b, [](auto x, auto y) { return x | y; });
  }
}
template <typename T>
RECTIFY_HD inline T Xor(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a != b;
  } else {
    return one_lane_detail::Bitwise(a, b, [](auto x, auto y) { return x ^ y; });
  }
}
// ~a & b
template <typename T>
RECTIFY_HD inline T AndNot(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return !a && b;
  } else {
    return one_lane_detail::Bitwise(a, b, [](auto x, auto y) { return ~x & y; });
  }
}
RECTIFY_HD inline bool Not(bool m) { return !m; }

// ---- comparisons and selection ----
template <typename T>
RECTIFY_HD inline bool Eq(T a, T b) {
  return a == b;
}
template <typename T>
RECTIFY_HD inline bool Ne(T a, T b) {
  return a != b;
}
template <typename T>
RECTIFY_HD inline bool Lt(T a, T b) {
  return a < b;
}
template <typename T>
RECTIFY_HD inline bool Le(T a, T b) {
  return a <= b;
}
template <typename T>
RECTIFY_HD inline bool Gt(T a, T b) {
  return a > b;
}
template <typename T>
RECTIFY_HD inline bool Ge(T a, T b) {
  return a >= b;
}
template <typename T>
RECTIFY_HD inline bool IsNaN(T a) {
  return a != a;
}
template <typename T>
RECTIFY_HD inline bool IsInf(T a) {
  return std::fabs(a) == static_cast<T>(INFINITY);
}
template <typename T>
RECTIFY_HD inline bool IsFinite(T a) {
  return std::fabs(a) < static_cast<T>(INFINITY);
}
template <typename T>
RECTIFY_HD inline T IfThenElse(bool m, T yes, T no) {
  return m ? yes : no;
}
template <typename T>
RECTIFY_HD inline T IfThenElseZero(bool m, T yes) {
  return m ? yes : T(0);
}
template <typename T>
RECTIFY_HD inline T IfThenZeroElse(bool m, T no) {
  return m ? T(0) : no;
}
template <class D>
RECTIFY_HD inline bool AllFalse(D, bool m) {
  return !m;
}
template <class D>
RECTIFY_HD inline bool AllTrue(D, bool m) {
  return m;
}

}  // namespace N_ONE_LANE
}  // namespace hwy

#endif  // RECTIFY_LANE_ONE_LANE_H_
