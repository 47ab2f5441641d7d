// The exact value of each op, for measuring accuracy: computed in a wider
// type (long double for f32 inputs, __float128 for f64) with a relative
// error of at most WideErrorFor<T>(op), and, where that cannot decide the
// correct rounding, in MPFR (256 bits, more where needed).
#ifndef RECTIFY_TOOLS_VERIFY_EXACT_VALUE_H_
#define RECTIFY_TOOLS_VERIFY_EXACT_VALUE_H_

#include <cstdint>
#include <type_traits>

#include "rectify/rectify.h"
#include "numeric/half_bits.h"

namespace rectify::verify {

template <typename T>
using Wide = std::conditional_t<sizeof(T) == 4, long double, __float128>;

// Bound on the relative error of the wide values below for `op`, in every
// direction: 2^-60 (long double) and 2^-100 (__float128) for the exact ops,
// which take a few roundings; 2^-46 and 2^-88 for the smooth ops (libm
// error plus its amplification, derived in exact_value.cc). It holds for
// results in the wide type's normal range; smaller results are far below
// half the least T subnormal, where rounding to T is decided anyway.
template <typename T>
Wide<T> WideErrorFor(rectify_op op);

// f(x), dy * f'(x), and dy * g(y) where g is f' written in terms of the
// output y = f(x) (relu: y > 0; leaky_relu, elu with alpha > 0: y > 0 ? 1
// : alpha or y + alpha; clipped_relu: 0 < y < cap; sigmoid: y (1 - y);
// tanh: 1 - y^2; other ops: 0), evaluated exactly at the given y. x, y and
// dy are finite; the op's parameters are rounded to T first, as the library
// does. The result is exact up to WideErrorFor<T>(op) (one rounding of the
// exact product by dy is included).
template <typename T>
Wide<T> ExactForward(const rectify_activation& act, T x);
template <typename T>
Wide<T> ExactBackward(const rectify_activation& act, T x, T dy);
template <typename T>
Wide<T> ExactBackwardFromOutput(const rectify_activation& act, T y, T dy);

// The correctly rounded T value of the same quantities, from MPFR: 256
// bits (f32: 384), and more where that is too close to a midpoint of T to
// decide.
template <typename T>
T CorrectlyRoundedForward(const rectify_activation& act, T x);
template <typename T>
T CorrectlyRoundedBackward(const rectify_activation& act, T x, T dy);
template <typename T>
T CorrectlyRoundedBackwardFromOutput(const rectify_activation& act, T y, T dy);

// The 256-bit MPFR values of the same quantities rounded to Wide<T>
// (relative error 2^-64 or 2^-112): for tests of the wide error bound.
template <typename T>
Wide<T> MpfrForward(const rectify_activation& act, T x);
template <typename T>
Wide<T> MpfrBackward(const rectify_activation& act, T x, T dy);

// f(x) correctly rounded to a 16-bit format (ties to even, as
// RoundToHalf), for a finite x (a 16-bit value, exact in f32); parameters
// rounded to f32. Decided in MPFR by Ziv's strategy; an exact zero comes
// back as +0 (the caller applies the op's zero-sign rule).
std::uint16_t CorrectlyRoundedHalfForward(const rectify_activation& act, HalfFormat format,
                                          float x);

// saturate(round_half_even(f(in.scale * (q - in.zero_point)) / out.scale)
// + out.zero_point) for the integer q, with f exact (MPFR, Ziv's strategy)
// and its parameters rounded to f32: the contract of
// rectify_forward_quantized.
long CorrectlyRoundedQuantized(const rectify_activation& act, bool is_signed, float in_scale,
                               long in_zero_point, float out_scale, long out_zero_point,
                               long q);

// Frees the calling thread's MPFR caches (constants such as pi); a thread
// that used the functions above calls it before it ends.
void FreeThreadCaches();

}  // namespace rectify::verify

#endif  // RECTIFY_TOOLS_VERIFY_EXACT_VALUE_H_
