#include "verify/exact_value.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/op_info.h"
#include "verify/mp.h"
#include "verify/float128_math.h"
// After verify/float128_math.h, so that the formulas see the __float128 functions.
#include "ops/op_formulas.h"

namespace rectify::verify {
namespace {

using reference::Abs;
using reference::IsSmoothOp;
using reference::SmoothDerivative;
using reference::Sum;
using reference::Terms;

// The formulas once, for any number-like type N: the wide types, and Mp
// (ops/op_formulas.h), with the parameters rounded to T.
template <typename N, typename T>
N Forward(const rectify_activation& act, T x) {
  return reference::ForwardFormula(act.op, N(static_cast<T>(act.alpha)),
                                   N(static_cast<T>(act.beta)), N(x));
}

// f'(x) of a smooth op, as two terms (ops/op_formulas.h).
template <typename N, typename T>
Terms<N> Derivative(const rectify_activation& act, T x) {
  return SmoothDerivative(act.op, N(static_cast<T>(act.alpha)), N(static_cast<T>(act.beta)),
                          N(x));
}

template <typename N, typename T>
N Backward(const rectify_activation& act, T x, T dy) {
  return reference::BackwardFormula(act.op, N(static_cast<T>(act.alpha)),
                                    N(static_cast<T>(act.beta)), N(x), N(dy));
}

// dy * g(y), g the derivative in terms of the output (exact_value.h). Every
// subtraction is of exact operands (y * y and y + alpha are exact in the
// wide types), so this is at most three roundings.
template <typename N, typename T>
N BackwardFromOutput(const rectify_activation& act, T y, T dy) {
  return reference::BackwardFromOutputFormula(act.op, N(static_cast<T>(act.alpha)),
                                              N(static_cast<T>(act.beta)), N(y), N(dy));
}

// The wide value of a derivative a + b is trusted while the cancellation
// (|a| + |b|) / |a + b| stays at most this; beyond it, MPFR.
constexpr int kMaxCancellation = 256;

template <typename T>
T Round(const Mp& v) {
  if constexpr (sizeof(T) == 4) {
    return v.ToFloat();
  } else {
    return v.ToDouble();
  }
}

// Whether rounding v to T is decided when v is within relative 2^-k of the
// exact value: as RoundingDecided (ulp.h), in MPFR.
template <typename T>
bool Decided(const Mp& v, long k) {
  const T nearest = Round<T>(v);
  if (std::isinf(nearest) || v == Mp(nearest)) return true;
  const T other = std::nextafter(nearest, Mp(nearest) < v ? std::numeric_limits<T>::infinity()
                                                          : -std::numeric_limits<T>::infinity());
  if (std::isinf(other)) return true;
  const Mp midpoint = (Mp(nearest) + Mp(other)) * Mp(0.5);
  return Abs(v - midpoint) > Abs(v).Scaled(-k);
}

// The exact value of formula() (a function of no arguments returning Mp)
// correctly rounded to T, by Ziv's strategy. At p bits every formula here
// is within 2^-(p - 128) of the exact value: a few dozen roundings,
// amplified by at most 2^31 (erfc's and sigmoid's rounded arguments, down
// to MPFR's underflow) or by a derivative's cancellation near its root
// (below 2^90 for any T input). Where that cannot decide the rounding the
// precision doubles: at tiny inputs the values are x/2 or dy/2 (a midpoint
// of T for odd subnormals) plus a perturbation as small as x^2 (2^-298
// relative in f32, 2^-2148 in f64, which 4096 bits resolve); 8192 bits or
// more is the last try. f32 starts at 384 bits, which decides its tiny
// forward values (2^-150) at once. An exact computation (no rounding at
// all, Mp::Inexact) is decided at once, ties included.
constexpr mpfr_prec_t kMaxBits = 8192;

template <typename T, typename Formula>
T CorrectlyRounded(Formula formula) {
  for (mpfr_prec_t bits = sizeof(T) == 4 ? 384 : 256;; bits *= 2) {
    const Mp::Precision precision(bits);
    const Mp v = formula();
    if (!v.Inexact() || bits >= kMaxBits || Decided<T>(v, bits - 128)) return Round<T>(v);
  }
}

template <typename T>
Wide<T> ToWide(const Mp& v) {
  if constexpr (sizeof(T) == 4) {
    return v.ToLongDouble();
  } else {
    return v.ToFloat128();
  }
}

}  // namespace

// The smooth bound. Let u be the unit roundoff (2^-64, 2^-113) and allow
// each libm call 16 ulps (2^-59, 2^-108; glibc's and libquadmath's tables
// list a few ulps for exp, expm1, log1p, erfc, tanh; the Taylor polynomials
// of numeric/long_double_math.h for tiny arguments are better than that). Every argument
// of exp, expm1 and tanh is exact (x, b*x, 2|x|, x*x/2), log1p's is one
// function value away and log1p does not amplify it, and each formula
// takes at most about ten roundings without cancellation (softplus's
// ln 2 + log1p(expm1(-a)/2) for a < 1/4: a factor 1.41 at most): under
// 2^-57 (2^-106), except where an argument is itself rounded and the
// function amplifies its error:
//  - gelu: erfc(z), z = -x/sqrt(2) two roundings (2u) off; erfc turns a
//    relative argument error into |z erfc'(z) / erfc(z)| <= 2z^2 + 2 times
//    as much, at most 22700 < 2^14.5 up to z = 106.6 where erfc underflows
//    the wide type: 2^-48.5 (2^-97.5). Where f32 results are nonzero
//    (x > -14.3) the factor is under 220, for f64 (x > -38.6) under 1500.
//  - gelu_tanh: sigmoid(v), v = 2u(x) six roundings off; sigmoid amplifies
//    by |v| sigmoid(-v) <= |v| <= 11357 (beyond, exp overflows and the
//    value is 0): 6 * 11357 u = 2^-47.9 (2^-96.9); the derivative's
//    sigmoid(-v) likewise.
//  - the derivatives with a root (gelu, gelu_tanh, silu, mish) near the
//    root (|x| or |b x| about 0.75 to 1.3), where their terms are within
//    2^-56 (2^-105): the cancellation is allowed up to 2^8, so 2^-48
//    (2^-97); beyond it ExactBackward takes MPFR's value (2^-64, 2^-112).
// Hence 2^-46 for long double (a factor 3.7 above the worst case) and
// 2^-88 for __float128 (2^8 of room for libquadmath's less tested tails).
template <typename T>
Wide<T> WideErrorFor(rectify_op op) {
  const OpInfo* info = FindOp(op);
  const bool exact = info != nullptr && info->kind == OpKind::kExact;
  if constexpr (sizeof(T) == 4) {
    return exact ? 0x1p-60L : 0x1p-46L;
  } else {
    return static_cast<__float128>(exact ? 0x1p-100 : 0x1p-88);
  }
}

template <typename T>
Wide<T> ExactForward(const rectify_activation& act, T x) {
  return Forward<Wide<T>>(act, x);
}

template <typename T>
Wide<T> ExactBackward(const rectify_activation& act, T x, T dy) {
  using W = Wide<T>;
  if (!IsSmoothOp(act.op)) return Backward<W>(act, x, dy);
  const Terms<W> terms = Derivative<W>(act, x);
  const W sum = terms.a + terms.b;
  if (Abs(terms.a) + Abs(terms.b) > W(kMaxCancellation) * Abs(sum)) {
    return ToWide<T>(Backward<Mp>(act, x, dy));
  }
  return W(dy) * Sum(terms);
}

template <typename T>
Wide<T> ExactBackwardFromOutput(const rectify_activation& act, T y, T dy) {
  return BackwardFromOutput<Wide<T>>(act, y, dy);
}

template <typename T>
T CorrectlyRoundedForward(const rectify_activation& act, T x) {
  return CorrectlyRounded<T>([&] { return Forward<Mp>(act, x); });
}

template <typename T>
T CorrectlyRoundedBackward(const rectify_activation& act, T x, T dy) {
  return CorrectlyRounded<T>([&] { return Backward<Mp>(act, x, dy); });
}

template <typename T>
T CorrectlyRoundedBackwardFromOutput(const rectify_activation& act, T y, T dy) {
  return CorrectlyRounded<T>([&] { return BackwardFromOutput<Mp>(act, y, dy); });
}

template <typename T>
Wide<T> MpfrForward(const rectify_activation& act, T x) {
  return ToWide<T>(Forward<Mp>(act, x));
}

template <typename T>
Wide<T> MpfrBackward(const rectify_activation& act, T x, T dy) {
  return ToWide<T>(Backward<Mp>(act, x, dy));
}

namespace {

// The 16-bit pattern next to `bits` towards +inf (up) or -inf.
std::uint16_t NextHalfPattern(std::uint16_t bits, bool up) {
  const bool negative = (bits & 0x8000) != 0;
  if ((bits & 0x7FFF) == 0) return static_cast<std::uint16_t>(up ? 0x0001 : 0x8001);
  return static_cast<std::uint16_t>(negative == up ? bits - 1 : bits + 1);  // towards zero: -1
}

// The value of that neighbour, with the pattern after the largest finite
// one taken as the next power of two (so that the midpoint with it is the
// overflow threshold).
double NextHalfValue(HalfFormat format, std::uint16_t bits, bool up) {
  const std::uint16_t next = NextHalfPattern(bits, up);
  if ((next & 0x7FFF) == HalfInfinity(format)) {
    const double beyond = format == HalfFormat::kBf16 ? 0x1p128 : 65536.0;
    return (next & 0x8000) != 0 ? -beyond : beyond;
  }
  return HalfToFloat(format, next);
}

// Whether v (within relative 2^-margin_bits of the exact value, or exact
// when margin_bits is 0) rounds to `bits`: strictly inside the interval
// between the midpoints with its neighbours, or on a midpoint when exact
// (then `bits`, from ties to even, is right).
bool HalfDecided(const Mp& v, long margin_bits, HalfFormat format, std::uint16_t bits) {
  const Mp value(HalfToFloat(format, bits));
  const Mp half(0.5);
  const auto neighbour = [&](bool up) {
    return Mp(NextHalfValue(format, bits, up));
  };
  const Mp low = (value + neighbour(false)) * half;
  const Mp high = (value + neighbour(true)) * half;
  if (margin_bits == 0) return low <= v && v <= high;
  const Mp margin = Abs(v).Scaled(-margin_bits);
  return low < v - margin && v + margin < high;
}

}  // namespace

std::uint16_t CorrectlyRoundedHalfForward(const rectify_activation& act, HalfFormat format,
                                          float x) {
  // First the wide value: decided when its whole error interval (twice the
  // bound, for the roundings of the ends) rounds to one pattern.
  const long double wide = ExactForward<float>(act, x);
  const long double error = 2 * WideErrorFor<float>(act.op);
  if (wide != 0.0L && std::isfinite(wide)) {
    const std::uint16_t low = RoundToHalf(format, wide * (1.0L - error));
    if (low == RoundToHalf(format, wide * (1.0L + error))) return low;
  }
  for (mpfr_prec_t bits = 256;; bits *= 2) {
    const Mp::Precision precision(bits);
    const Mp v = Forward<Mp>(act, x);
    // The long double of v may round onto a midpoint that v is not on:
    // try the pattern it rounds to and both neighbours.
    const std::uint16_t candidate = RoundToHalf(format, v.ToLongDouble());
    if (std::isinf(HalfToFloat(format, candidate))) return candidate;
    for (const std::uint16_t pattern :
         {candidate, NextHalfPattern(candidate, true), NextHalfPattern(candidate, false)}) {
      if ((pattern & 0x7FFF) < HalfInfinity(format) &&
          HalfDecided(v, v.Inexact() ? bits - 128 : 0, format, pattern)) {
        return pattern;
      }
    }
    if (bits >= kMaxBits) {
      // Still undecided: v is a tie to the last bit MPFR can see, which
      // happens where f is its asymptote or leading term plus a tail too
      // small for any precision (elu(-3000) = -alpha + alpha e^-3000 at a
      // midpoint -alpha). The tail's sign, known analytically, decides.
      reference::Asymptote asymptote{};
      const long double wide_v = v.ToLongDouble();
      if (reference::AsymptoteAt(act.op, static_cast<float>(act.alpha),
                                 static_cast<float>(act.beta), x, &asymptote) &&
          asymptote.value == wide_v && asymptote.tail_sign != 0) {
        const std::uint16_t even = RoundToHalf(format, wide_v);  // one side of the tie
        const bool even_below = HalfToFloat(format, even) < wide_v;
        const std::uint16_t up = even_below ? NextHalfPattern(even, true) : even;
        const std::uint16_t down = even_below ? even : NextHalfPattern(even, false);
        return asymptote.tail_sign > 0 ? up : down;
      }
      return candidate;
    }
  }
}

long CorrectlyRoundedQuantized(const rectify_activation& act, bool is_signed, float in_scale,
                               long in_zero_point, float out_scale, long out_zero_point,
                               long q) {
  const long low = is_signed ? -128 : 0;
  const long high = is_signed ? 127 : 255;
  long rounded = 0;
  for (mpfr_prec_t bits = 256;; bits *= 2) {
    const Mp::Precision precision(bits);
    const Mp x = Mp(in_scale) * Mp(static_cast<double>(q - in_zero_point));
    const Mp f = reference::ForwardFormula(act.op, Mp(static_cast<float>(act.alpha)),
                                           Mp(static_cast<float>(act.beta)), x);
    const Mp r = f / Mp(out_scale);
    const long double wide = r.ToLongDouble();
    if (wide > 1e6L || wide < -1e6L) {
      rounded = wide > 0 ? high - out_zero_point + 1 : low - out_zero_point - 1;
      break;
    }
    const long double floor = std::floor(wide);
    const long lower = static_cast<long>(floor);
    const Mp mid = Mp(static_cast<double>(lower)) + Mp(0.5);
    const Mp margin = r.Inexact() ? Abs(r).Scaled(-(bits - 128)) + Mp(0x1p-200) : Mp(0.0);
    if (r.Inexact() && !(r + margin < mid || mid < r - margin) && bits < kMaxBits) continue;
    if (r < mid) {
      rounded = lower;
    } else if (mid < r) {
      rounded = lower + 1;
    } else {
      rounded = lower % 2 == 0 ? lower : lower + 1;  // a tie, exactly
    }
    break;
  }
  return std::clamp(rounded + out_zero_point, low, high);
}

#define RECTIFY_INSTANTIATE(T)                                                      \
  template Wide<T> WideErrorFor<T>(rectify_op);                                    \
  template Wide<T> ExactForward(const rectify_activation&, T);                      \
  template Wide<T> ExactBackward(const rectify_activation&, T, T);                  \
  template Wide<T> ExactBackwardFromOutput(const rectify_activation&, T, T);        \
  template T CorrectlyRoundedForward(const rectify_activation&, T);                 \
  template T CorrectlyRoundedBackward(const rectify_activation&, T, T);             \
  template T CorrectlyRoundedBackwardFromOutput(const rectify_activation&, T, T);   \
  template Wide<T> MpfrForward(const rectify_activation&, T);                       \
  template Wide<T> MpfrBackward(const rectify_activation&, T, T);
RECTIFY_INSTANTIATE(float)
RECTIFY_INSTANTIATE(double)
#undef RECTIFY_INSTANTIATE

void FreeThreadCaches() { mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); }

}  // namespace rectify::verify
