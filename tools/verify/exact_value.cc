#include "verify/exact_value.h"

#include <cmath>
#include <limits>

#include "ops/op_info.h"
#include "verify/mp.h"
#include "verify/smooth_formulas.h"
#include "verify/wide_math.h"

namespace rectify::verify {
namespace {

// The formulas once, for any number-like type N: the wide types, and Mp.
// Exact ops here; the smooth ones in smooth_formulas.h.
template <typename N, typename T>
N Forward(const rectify_activation& act, T x_in) {
  const N x(x_in);
  const N zero(0.0);
  switch (act.op) {
    case RECTIFY_RELU:
      return x > zero ? x : zero;
    case RECTIFY_LEAKY_RELU:
      return x > zero ? x : N(static_cast<T>(act.alpha)) * x;
    case RECTIFY_CLIPPED_RELU: {
      const N cap(static_cast<T>(act.beta));
      return x > zero ? (x < cap ? x : cap) : zero;
    }
    case RECTIFY_HARDSIGMOID:
      return x <= N(-3.0) ? zero : x >= N(3.0) ? N(1.0) : (x + N(3.0)) / N(6.0);
    case RECTIFY_HARDSWISH:
      return x <= N(-3.0) ? zero : x >= N(3.0) ? x : x * (x + N(3.0)) / N(6.0);
    default:
      return SmoothForward(act.op, N(static_cast<T>(act.alpha)), N(static_cast<T>(act.beta)), x);
  }
}

// f'(x) of a smooth op, as two terms (smooth_formulas.h).
template <typename N, typename T>
Terms<N> Derivative(const rectify_activation& act, T x) {
  return SmoothDerivative(act.op, N(static_cast<T>(act.alpha)), N(static_cast<T>(act.beta)),
                          N(x));
}

template <typename N, typename T>
N Backward(const rectify_activation& act, T x_in, T dy_in) {
  const N x(x_in);
  const N dy(dy_in);
  const N zero(0.0);
  switch (act.op) {
    case RECTIFY_RELU:
      return x > zero ? dy : zero;
    case RECTIFY_LEAKY_RELU:
      return x > zero ? dy : N(static_cast<T>(act.alpha)) * dy;
    case RECTIFY_CLIPPED_RELU:
      return x > zero && x < N(static_cast<T>(act.beta)) ? dy : zero;
    case RECTIFY_HARDSIGMOID:
      return x > N(-3.0) && x < N(3.0) ? dy / N(6.0) : zero;
    case RECTIFY_HARDSWISH:
      return x < N(-3.0) ? zero : x > N(3.0) ? dy : dy * (N(2.0) * x + N(3.0)) / N(6.0);
    default:
      return IsSmoothOp(act.op) ? dy * Sum(Derivative<N>(act, x_in)) : zero;
  }
}

// dy * g(y), g the derivative in terms of the output (exact_value.h). Every
// subtraction is of exact operands (y * y and y + alpha are exact in the
// wide types), so this is at most three roundings.
template <typename N, typename T>
N BackwardFromOutput(const rectify_activation& act, T y_in, T dy_in) {
  const N y(y_in);
  const N dy(dy_in);
  const N zero(0.0);
  const N one(1.0);
  switch (act.op) {
    case RECTIFY_RELU:
      return y > zero ? dy : zero;
    case RECTIFY_LEAKY_RELU:
      return y > zero ? dy : N(static_cast<T>(act.alpha)) * dy;
    case RECTIFY_CLIPPED_RELU:
      return y > zero && y < N(static_cast<T>(act.beta)) ? dy : zero;
    case RECTIFY_ELU:
      return y > zero ? dy : dy * (y + N(static_cast<T>(act.alpha)));
    case RECTIFY_SIGMOID:
      return dy * (y * (one - y));
    case RECTIFY_TANH:
      return dy * (one - y * y);
    default:
      return zero;
  }
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
// of wide_math.h for tiny arguments are better than that). Every argument
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
