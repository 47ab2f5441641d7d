// Blocks of the smooth ops' f32-lane bodies (the DEFAULT and FAST tiers):
// exp, the logistic function and division evaluated in f32 lanes, 16 per
// AVX-512 vector. kCompensated (DEFAULT) carries the rounding errors as
// unevaluated sums hi + lo (error-free transformations built on FMA), so
// that a result has a relative error near 2^-28 before its one rounding;
// without it (FAST) each block is plain f32 arithmetic. Every block is
// deterministic IEEE arithmetic (no approximate reciprocals), so targets
// with FMA give identical bits; the error-free products need a fused
// multiply-add (kExactFma below), which the tier wrapper checks.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_F32_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_F32_LANES_INL_H_
#undef RECTIFY_KERNELS_F32_LANES_INL_H_
#else
#define RECTIFY_KERNELS_F32_LANES_INL_H_
#endif

#include <cstddef>

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/smooth_coefficients.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Whether MulAdd is one fused operation on this target (the error-free
// product below needs it).
#if HWY_TARGET == HWY_SCALAR || HWY_TARGET == HWY_SSSE3 || HWY_TARGET == HWY_SSE4 || \
    HWY_TARGET == HWY_EMU128
inline constexpr bool kExactFma = false;
#else
inline constexpr bool kExactFma = true;
#endif

// An unevaluated sum hi + lo of two f32 lanes, |lo| <= ulp(hi) / 2 or so.
template <class D>
struct Pair {
  hn::Vec<D> hi;
  hn::Vec<D> lo;
};

// a + b exactly, for |a| >= |b| (or a == 0).
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> FastTwoSumF(D, V a, V b) {
  const V s = hn::Add(a, b);
  return {s, hn::Sub(b, hn::Sub(s, a))};
}

// a + b exactly, any order.
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> TwoSumF(D, V a, V b) {
  const V s = hn::Add(a, b);
  const V bb = hn::Sub(s, a);
  return {s, hn::Add(hn::Sub(a, hn::Sub(s, bb)), hn::Sub(b, bb))};
}

// a * b exactly (FMA targets), barring underflow.
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> TwoProdF(D, V a, V b) {
  const V p = hn::Mul(a, b);
  return {p, hn::MulSub(a, b, p)};
}

// (a.hi + a.lo) * b, relative error near 2^-44 (barring underflow).
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> PairTimes(D d, Pair<D> a, V b) {
  const Pair<D> p = TwoProdF(d, a.hi, b);
  return FastTwoSumF(d, p.hi, hn::MulAdd(a.lo, b, p.lo));
}

// (a.hi + a.lo) * (b.hi + b.lo), relative error near 2^-44.
template <class D>
HWY_INLINE Pair<D> PairMul(D d, Pair<D> a, Pair<D> b) {
  const Pair<D> p = TwoProdF(d, a.hi, b.hi);
  const auto cross = hn::MulAdd(a.hi, b.lo, hn::Mul(a.lo, b.hi));
  return FastTwoSumF(d, p.hi, hn::Add(p.lo, cross));
}

// The lanes' value rounded once: hi + lo.
template <class D>
HWY_INLINE hn::Vec<D> Value(Pair<D> a) {
  return hn::Add(a.hi, a.lo);
}

// a + b as a pair (compensated: an exact sum of the highs, the lows
// added; relative error near 2^-44 barring cancellation of the pairs);
// plain: the highs' rounded sum.
template <bool kCompensated, class D>
HWY_INLINE Pair<D> PlusF(D d, Pair<D> a, Pair<D> b) {
  if constexpr (kCompensated) {
    const Pair<D> s = TwoSumF(d, a.hi, b.hi);
    return FastTwoSumF(d, s.hi, hn::Add(s.lo, hn::Add(a.lo, b.lo)));
  } else {
    return {hn::Add(a.hi, b.hi), hn::Zero(d)};
  }
}

// a * b as a pair (PairMul), or the highs' rounded product.
template <bool kCompensated, class D>
HWY_INLINE Pair<D> TimesF(D d, Pair<D> a, Pair<D> b) {
  if constexpr (kCompensated) {
    return PairMul(d, a, b);
  } else {
    return {hn::Mul(a.hi, b.hi), hn::Zero(d)};
  }
}

// The pair of one lane value.
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> PairOf(D d, V v) {
  return {v, hn::Zero(d)};
}

// A constant as a pair: c rounded to f32 and the rest of the double-word
// (c[0] + c[1]) rounded to f32.
template <class D>
HWY_INLINE Pair<D> PairConst(D d, const double (&c)[2]) {
  const float hi = static_cast<float>(c[0]);
  return {hn::Set(d, hi), hn::Set(d, static_cast<float>((c[0] - hi) + c[1]))};
}

// 2^k for integral k in [-126, 127]: k + 127 moved into the exponent
// field through the integer bits of k + 1.5 * 2^23 + 127.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V Pow2F(D d, V k) {
  const hn::RebindToSigned<D> di;
  const V biased = hn::Add(k, hn::Set(d, 0x1.8p23f + 127.0f));
  return hn::BitCast(d, hn::ShiftLeft<23>(hn::BitCast(di, biased)));
}

// v 2^k with one rounding for any finite v (0 stays 0) and any integral k
// (|k| below 2^20): v's exponent moves into k (m in [1, 2)), then
// m 2^(k - h) exactly and times 2^h, rounded once (to inf where it overflows).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V ScaleWideF(D d, V v, V k) {
  const hn::RebindToSigned<D> di;
  using VI = hn::Vec<decltype(di)>;
  // Subnormal v: scale it up exactly first.
  const auto sub = hn::Lt(hn::Abs(v), hn::Set(d, 0x1p-126f));
  v = hn::Mul(v, hn::IfThenElse(sub, hn::Set(d, 0x1p64f), hn::Set(d, 1.0f)));
  k = hn::Sub(k, hn::IfThenElseZero(sub, hn::Set(d, 64.0f)));
  const VI bits = hn::BitCast(di, v);
  const VI e = hn::Sub(hn::ShiftRight<23>(hn::And(bits, hn::Set(di, 0x7f800000))), hn::Set(di, 127));
  const V m = hn::BitCast(d, hn::Or(hn::And(bits, hn::Set(di, int32_t(0x807fffff))), hn::Set(di, 0x3f800000)));
  const V t = hn::Min(hn::Max(hn::Add(k, hn::ConvertTo(d, e)), hn::Set(d, -252.0f)), hn::Set(d, 254.0f));
  const V h = hn::Floor(hn::Mul(t, hn::Set(d, 0.5f)));
  const V r = hn::Mul(hn::Mul(m, Pow2F(d, hn::Sub(t, h))), Pow2F(d, h));
  // 0 and +-inf stay
  const auto keep = hn::Or(hn::Eq(v, hn::Zero(d)), hn::Eq(hn::Abs(v), hn::Set(d, HUGE_VALF)));
  return hn::IfThenElse(keep, v, r);
}

// v * 2^k with one rounding (the result may be subnormal), v normal or
// zero, integral k in [-340, 127]: one multiplication where 2^k is normal,
// ScaleWideF in the lanes where it is not (rare: one test per vector).
// The path is chosen per lane, so a lane's bits never depend on its
// neighbours (vectors of every width give the same results).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V ScaleF(D d, V v, V k) {
  const auto deep = hn::Lt(k, hn::Set(d, -126.0f));
  const V single = hn::Mul(v, Pow2F(d, hn::Max(k, hn::Set(d, -126.0f))));
  if (HWY_LIKELY(hn::AllFalse(d, deep))) return single;
  return hn::IfThenElse(deep, ScaleWideF(d, v, k), single);
}

// ---- exp ----
// ln 2 = kLn2Hi + kLn2Lo, kLn2Hi the f32 nearest.
inline constexpr float kLog2EF = 1.44269502163f;
inline constexpr float kLn2HiF = 0x1.62e430p-1f;
inline constexpr float kLn2LoF = -0x1.05c610p-29f;

// e^r - 1 - r = r^2 Q(r) for |r| <= ln2/2 + 2^-9. Compensated: Q's
// Taylor terms to r^6/8! (truncation below 2^-32 relative to e^r); plain:
// a degree-4 minimax Q (Chebyshev fit, f32 coefficients: relative error
// of 1 + r + r^2 Q below 2^-26.4 over the interval).
template <bool kCompensated, class D, class V = hn::Vec<D>>
HWY_INLINE V ExpTailF(D d, V r) {
  V q;
  if constexpr (kCompensated) {
    q = hn::MulAdd(hn::Set(d, 1.0f / 40320), r, hn::Set(d, 1.0f / 5040));
    q = hn::MulAdd(q, r, hn::Set(d, 1.0f / 720));
    q = hn::MulAdd(q, r, hn::Set(d, 1.0f / 120));
    q = hn::MulAdd(q, r, hn::Set(d, 1.0f / 24));
    q = hn::MulAdd(q, r, hn::Set(d, 1.0f / 6));
    q = hn::MulAdd(q, r, hn::Set(d, 0.5f));
  } else {
    q = hn::MulAdd(hn::Set(d, 0x1.6d13d2p-10f), r, hn::Set(d, 0x1.120e36p-7f));
    q = hn::MulAdd(q, r, hn::Set(d, 0x1.555518p-5f));
    q = hn::MulAdd(q, r, hn::Set(d, 0x1.5554dap-3f));
    q = hn::MulAdd(q, r, hn::Set(d, 0.5f));
  }
  return hn::Mul(hn::Mul(r, r), q);
}

// e^x = 2^k m, m = hi + lo in about [0.7, 1.42]; without kCompensated
// m.hi alone is the value and m.lo holds m - 1 (see Expm1AtF). x = x.hi + x.lo, x.hi in [-110, 89] (callers clamp),
// |x.lo| <= 2^-20 |x.hi|. Relative error of m: near 2^-27.5 compensated,
// near 2^-23 plain.
template <class D>
struct ExpF {
  hn::Vec<D> k;
  Pair<D> m;
};

template <bool kCompensated, class D>
HWY_INLINE ExpF<D> ExpAtF(D d, Pair<D> x) {
  using V = hn::Vec<D>;
  const V k = hn::Round(hn::Mul(x.hi, hn::Set(d, kLog2EF)));
  // x.hi - k kLn2Hi is exact under FMA (|k| <= 332: a multiple of 2^-24
  // below 1/2).
  const V r1 = hn::NegMulAdd(k, hn::Set(d, kLn2HiF), x.hi);
  if constexpr (kCompensated) {
    const V r_lo = hn::NegMulAdd(k, hn::Set(d, kLn2LoF), x.lo);
    const V tail = ExpTailF<true>(d, r1);  // e^r1 = 1 + r1 + tail
    const Pair<D> head = FastTwoSumF(d, hn::Set(d, 1.0f), r1);
    // e^(r1 + r_lo) = e^r1 (1 + r_lo) to 2^-40: r_lo e^r1 ~ r_lo (1 + r1)
    const V low = hn::Add(head.lo, hn::MulAdd(r_lo, hn::Add(head.hi, tail), tail));
    return {k, FastTwoSumF(d, head.hi, low)};
  } else {
    const V r = hn::Add(hn::NegMulAdd(k, hn::Set(d, kLn2LoF), r1), x.lo);
    const V p = hn::Add(r, ExpTailF<false>(d, r));  // e^r - 1
    // m.lo carries e^r - 1 (for Expm1AtF) rather than a correction
    return {k, {hn::Add(hn::Set(d, 1.0f), p), p}};
  }
}

template <bool kCompensated, class D, class V = hn::Vec<D>>
HWY_INLINE ExpF<D> ExpAtF(D d, V x) {
  return ExpAtF<kCompensated>(d, Pair<D>{x, hn::Zero(d)});
}

// e^x itself as a pair (x.hi in [-110, 88.7]): 2^k m scaled once, into
// the subnormal range where it gets there (two steps when 2^k is below
// 2^-126; the low part then loses bits below 2^-149, which no f32 result
// of such a value can see).
template <bool kCompensated, class D>
HWY_INLINE Pair<D> ExpValueF(D d, Pair<D> x) {
  const ExpF<D> e = ExpAtF<kCompensated>(d, x);
  if constexpr (kCompensated) {
    return {ScaleF(d, e.m.hi, e.k), ScaleF(d, e.m.lo, e.k)};
  } else {
    return PairOf(d, ScaleF(d, e.m.hi, e.k));
  }
}

// e^x - 1 as a pair (x.hi in [-230, 89]): 2^k m - 1, accurate relative
// to the result near 0 too (where k = 0 and m - 1 is exact); plain:
// 2^k (m - 1) + (2^k - 1), exact 2^k - 1.
template <bool kCompensated, class D>
HWY_INLINE Pair<D> Expm1AtF(D d, Pair<D> x) {
  const ExpF<D> e = ExpAtF<kCompensated>(d, x);
  const hn::Vec<D> scale = Pow2F(d, hn::Max(e.k, hn::Set(d, -126.0f)));
  if constexpr (kCompensated) {
    const Pair<D> head = TwoSumF(d, hn::Mul(e.m.hi, scale), hn::Set(d, -1.0f));
    return FastTwoSumF(d, head.hi, hn::MulAdd(e.m.lo, scale, head.lo));
  } else {
    return PairOf(d, hn::MulAdd(scale, e.m.lo, hn::Sub(scale, hn::Set(d, 1.0f))));
  }
}

// ---- division ----
// (n.hi + n.lo) / (den.hi + den.lo) as a pair (den.hi normal): one IEEE
// division for 1 / den.hi and, compensated, one residual step (relative
// error near 2^-44); plain: the quotient of the highs, rounded.
template <bool kCompensated, class D>
HWY_INLINE Pair<D> DividePairF(D d, Pair<D> n, Pair<D> den) {
  if constexpr (kCompensated) {
    const hn::Vec<D> r0 = hn::Div(hn::Set(d, 1.0f), den.hi);
    const hn::Vec<D> q0 = hn::Mul(n.hi, r0);
    hn::Vec<D> res = hn::NegMulAdd(q0, den.hi, n.hi);
    res = hn::Add(hn::NegMulAdd(q0, den.lo, res), n.lo);
    return {q0, hn::Mul(res, r0)};
  } else {
    return {hn::Div(n.hi, den.hi), hn::Zero(d)};
  }
}

// x at +-inf: +inf and -0 (the product with a vanishing or unit factor
// would be NaN or -inf there).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V WithInfiniteLimits(D d, V x, V r) {
  return hn::IfThenElse(hn::IsInf(x), hn::IfThenElse(hn::Gt(x, hn::Zero(d)), x, hn::Set(d, -0.0f)), r);
}

// ---- scaled values ----
// A value 2^k (q.hi + q.lo): k integral, q normal (a tail's value or
// slope keeps its precision until one final scaling).
template <class D>
struct ScaledF {
  hn::Vec<D> k;
  Pair<D> q;
};

// 2^k (q.hi + q.lo) times v (k in [-340, 0]), rounded once where the
// result is normal (a subnormal one is rounded twice: within 1/2 ulp +
// 2^-24 relative). As much of the scale as keeps q normal goes first, so
// that q v cannot overflow where the result does not.
template <bool kCompensated, class D, class V = hn::Vec<D>>
HWY_INLINE V TimesScaledF(D d, const ScaledF<D>& s, V v) {
  const V k_first = hn::Max(s.k, hn::Set(d, -120.0f));
  const V first = Pow2F(d, k_first);
  V product;
  if constexpr (kCompensated) {
    const Pair<D> q{hn::Mul(s.q.hi, first), hn::Mul(s.q.lo, first)};
    const Pair<D> p = TwoProdF(d, q.hi, v);
    // an overflow to +-inf stays (its low part would be NaN)
    product = hn::IfThenElse(hn::IsInf(p.hi), p.hi, hn::Add(p.hi, hn::MulAdd(q.lo, v, p.lo)));
  } else {
    product = hn::Mul(hn::Mul(s.q.hi, first), v);
  }
  const V rest = hn::Sub(s.k, k_first);
  if (HWY_LIKELY(hn::AllTrue(d, hn::Eq(rest, hn::Zero(d))))) return product;
  return ScaleF(d, product, rest);
}

// ---- zeros of derivatives ----
// Near the zero z of a derivative (smooth_coefficients.h: z as a triple
// word, K(0) as a double-word, K's Taylor coefficients): h K(h) with
// h = w - z, for the lanes with |w - z| below the tier's radius (w.hi - z.hi
// is exact there, by Sterbenz). Compensated: radius 2^-4, K to h^7 (the
// rest below 2^-40 of K(0)), h and K(0) as pairs, so the slope keeps a
// relative error near 2^-40 however close w comes to z. Plain: radius
// 2^-2 (the general formula cancels too much within it), K to h^9 (rest
// below 2^-25), f32 Horner.
template <bool kCompensated>
inline constexpr float kZeroRadiusF = kCompensated ? 0x1p-4f : 0x1p-2f;

template <bool kCompensated, std::size_t N, class D>
HWY_INLINE Pair<D> NearZeroF(D d, Pair<D> w, const double (&zero)[3], const double (&k0)[2],
                             const double (&k)[N]) {
  using V = hn::Vec<D>;
  const float z_hi = static_cast<float>(zero[0]);
  const V h0 = hn::Sub(w.hi, hn::Set(d, z_hi));
  const V h_rest = hn::Sub(w.lo, hn::Set(d, static_cast<float>((zero[0] - z_hi) + zero[1])));
  constexpr int kLast = kCompensated ? 7 : 9;
  static_assert(N > kLast, "K needs more terms");
  V tail = hn::Set(d, static_cast<float>(k[kLast]));
  for (int i = kLast - 1; i >= 1; --i) tail = hn::MulAdd(tail, h0, hn::Set(d, static_cast<float>(k[i])));
  if constexpr (kCompensated) {
    const Pair<D> h = FastTwoSumF(d, h0, h_rest);
    const Pair<D> k_zero = PairConst(d, k0);
    const Pair<D> kk = FastTwoSumF(d, k_zero.hi, hn::MulAdd(h.hi, tail, k_zero.lo));
    return PairMul(d, h, kk);
  } else {
    const V h = hn::Add(h0, h_rest);
    return {hn::Mul(h, hn::MulAdd(h, tail, hn::Set(d, static_cast<float>(k0[0])))), hn::Zero(d)};
  }
}

// Whether the lanes of w are near the zero z (NearZeroF's domain).
template <bool kCompensated, class D>
HWY_INLINE hn::Mask<D> NearF(D d, Pair<D> w, const double (&zero)[3]) {
  const hn::Vec<D> h0 = hn::Sub(w.hi, hn::Set(d, static_cast<float>(zero[0])));
  return hn::Lt(hn::Abs(h0), hn::Set(d, kZeroRadiusF<kCompensated>));
}

// slope := the zero's expansion (scale 2^0) in the lanes near z.
template <bool kCompensated, std::size_t N, class D>
HWY_INLINE void PatchNearZeroF(D d, Pair<D> w, const double (&zero)[3], const double (&k0)[2],
                               const double (&k)[N], ScaledF<D>* slope) {
  const auto near = NearF<kCompensated>(d, w, zero);
  if (HWY_LIKELY(hn::AllFalse(d, near))) return;
  const Pair<D> patch = NearZeroF<kCompensated>(d, w, zero, k0, k);
  slope->q = {hn::IfThenElse(near, patch.hi, slope->q.hi), hn::IfThenElse(near, patch.lo, slope->q.lo)};
  slope->k = hn::IfThenZeroElse(near, slope->k);
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_F32_LANES_INL_H_
