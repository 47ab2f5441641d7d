// The logistic function on f32 lanes for the DEFAULT and FAST tiers
// (f32_lanes-inl.h's blocks): e^-|w| kept as 2^k m, den = 1 + e^-|w|,
// and sigmoid(w), its derivative and silu's and gelu_tanh's slope shape
// as scaled quotients; the scaled argument beta x of silu and softplus.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_LOGISTIC_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_LOGISTIC_LANES_INL_H_
#undef RECTIFY_KERNELS_LOGISTIC_LANES_INL_H_
#else
#define RECTIFY_KERNELS_LOGISTIC_LANES_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/f32_lanes-inl.h"
#include "kernels/kernel_namespace.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// At w = w.hi + w.lo: E = e^-|w| = 2^k (m.hi + m.lo), |w| clamped to
// far_at: kValueFar = 110 for sigmoid's value (E below 2^-158:
// sigmoid(-110) rounds to 0 in f32), kSlopeFar = 230 for values and slopes
// that multiply an unbounded factor (x or dy: |v| E below 2^-190 for every
// finite v), den = 1 + E.
template <class D>
struct LogisticF {
  hn::Vec<D> k;
  Pair<D> m;
  Pair<D> den;
  hn::Mask<D> negative;  // w < 0
};

inline constexpr float kValueFar = 110.0f;
inline constexpr float kSlopeFar = 230.0f;

template <bool kCompensated, class D>
HWY_INLINE LogisticF<D> LogisticAtF(D d, Pair<D> w, float far_at = kValueFar) {
  using V = hn::Vec<D>;
  const auto negative = hn::Lt(w.hi, hn::Zero(d));
  // -|w| (beyond far_at, -far_at: there lo no longer matters)
  const Pair<D> a{hn::Max(hn::Neg(hn::Abs(w.hi)), hn::Set(d, -far_at)),
                  hn::IfThenElse(negative, w.lo, hn::Neg(w.lo))};
  const ExpF<D> e = ExpAtF<kCompensated>(d, a);
  // E <= 1; below 2^-200 its value no longer matters to den.
  const V k = hn::Max(e.k, hn::Set(d, -200.0f));
  Pair<D> den = FastTwoSumF(d, hn::Set(d, 1.0f), ScaleF(d, e.m.hi, k));
  if constexpr (kCompensated) den.lo = hn::Add(den.lo, ScaleF(d, e.m.lo, k));
  return {e.k, e.m, den, negative};
}

// sigmoid(w) = 2^k q: k = 0 and q = 1 / den for w >= 0; the E's 2^k and
// q = m / den for w < 0.

template <bool kCompensated, class D>
HWY_INLINE ScaledF<D> SigmoidOfF(D d, const LogisticF<D>& l) {
  const Pair<D> one{hn::Set(d, 1.0f), hn::Zero(d)};
  const Pair<D> n{hn::IfThenElse(l.negative, l.m.hi, one.hi), hn::IfThenElseZero(l.negative, l.m.lo)};
  return {hn::IfThenElseZero(l.negative, l.k), DividePairF<kCompensated>(d, n, l.den)};
}

// sigmoid(w) sigmoid(-w) = E / den^2 = 2^k q.
template <bool kCompensated, class D>
HWY_INLINE ScaledF<D> LogisticSlopeOfF(D d, const LogisticF<D>& l) {
  Pair<D> square;
  if constexpr (kCompensated) {
    square = PairMul(d, l.den, l.den);
  } else {
    square = {hn::Mul(l.den.hi, l.den.hi), hn::Zero(d)};
  }
  return {l.k, DividePairF<kCompensated>(d, l.m, square)};
}

// sigma(w) + g sigma'(w) = 2^k q, the slope shape of silu (g = w) and
// gelu_tanh (g = x w'(x)): (den + g E) / den^2 for w >= 0 (k = 0) and
// E (den + g) / den^2 for w < 0, with E = 2^k m. g as a pair; lanes where
// |w| reached far_at must have g clamped by the caller.
template <bool kCompensated, class D>
HWY_INLINE ScaledF<D> LogisticPlusSlopeF(D d, const LogisticF<D>& l, Pair<D> g) {
  const Pair<D> square = TimesF<kCompensated>(d, l.den, l.den);
  const hn::Vec<D> k = hn::Max(l.k, hn::Set(d, -200.0f));
  const hn::Vec<D> scale = Pow2F(d, hn::Max(k, hn::Set(d, -126.0f)));
  // w >= 0: den + g E, where E = 2^k m (2^k clamped: g E is then far below den)
  const Pair<D> e{hn::Mul(l.m.hi, scale), hn::Mul(l.m.lo, scale)};
  const Pair<D> right = PlusF<kCompensated>(d, l.den, TimesF<kCompensated>(d, g, e));
  // w < 0: m (den + g); plain: den + g as ((1 + g) + 2^k) + 2^k (m - 1)
  // (1 + g exact near the zero, where den + g cancels)
  Pair<D> left;
  if constexpr (kCompensated) {
    left = PairMul(d, l.m, PlusF<kCompensated>(d, l.den, g));
  } else {
    const hn::Vec<D> sum = hn::Add(hn::Add(hn::Add(hn::Set(d, 1.0f), g.hi), scale),
                                   hn::MulAdd(scale, l.m.lo, g.lo));
    left = PairOf(d, hn::Mul(l.m.hi, sum));
  }
  const Pair<D> n{hn::IfThenElse(l.negative, left.hi, right.hi),
                  hn::IfThenElse(l.negative, left.lo, right.lo)};
  return {hn::IfThenElseZero(l.negative, l.k), DividePairF<kCompensated>(d, n, square)};
}

// beta x as a pair, |beta x| clamped to kSlopeFar (lo zero there).
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> ScaledArgumentF(D d, float beta, bool unit, V x) {
  const V limit = hn::Set(d, kSlopeFar);
  if (unit) return PairOf(d, hn::Min(hn::Max(x, hn::Neg(limit)), limit));
  // exact in both tiers: the tails and the zero of silu' need beta x's low part
  const Pair<D> w = TwoProdF(d, hn::Set(d, beta), x);
  const auto far = hn::Gt(hn::Abs(w.hi), limit);
  return {hn::IfThenElse(far, hn::CopySign(limit, w.hi), w.hi), hn::IfThenZeroElse(far, w.lo)};
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_LOGISTIC_LANES_INL_H_
