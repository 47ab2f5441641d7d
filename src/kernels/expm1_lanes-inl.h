// e^x and expm1 on f32 lanes for the elu, selu and mish bodies of the
// DEFAULT and FAST tiers: the split of x log2e into n and 2^n by one FMA,
// e^x down to 2^-577 as 2^k m (ExpWideC), any finite value scaled by 2^k
// with one rounding (ScaleWideF), expm1 of a reduced argument and as a
// pair. FAST's Cody-Waite split of ln2 keeps n ln2hi exact without FMA.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_KERNELS_EXPM1_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_EXPM1_LANES_INL_H_
#undef RECTIFY_KERNELS_EXPM1_LANES_INL_H_
#else
#define RECTIFY_KERNELS_EXPM1_LANES_INL_H_
#endif

#include <cmath>
#include <cstdint>

#include "hwy/highway.h"
#include "kernels/f32_lanes-inl.h"
#include "kernels/kernel_namespace.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// 1.5 * 2^23 + 127: fma(z, log2e, kMagicF) holds n = round(z log2e) in its
// low mantissa bits (ties to even, like Round), biased by 127.
inline constexpr float kMagicF = 0x1.8000FEp23f;

// z = n ln2 + ..., n = round(z log2e) as a float and s = 2^n: three
// operations (fma, shift, sub) instead of Round + Pow2F. s is 2^n only for
// n in [-126, 127] (callers clamp z, or discard lanes outside).
template <class D>
struct SplitF {
  hn::Vec<D> n;
  hn::Vec<D> s;
};
template <class D, class V = hn::Vec<D>>
HWY_INLINE SplitF<D> SplitExpF(D d, V z) {
  const hn::RebindToSigned<D> di;
  const V biased = hn::MulAdd(z, hn::Set(d, kLog2EF), hn::Set(d, kMagicF));
  const V s = hn::BitCast(d, hn::ShiftLeft<23>(hn::BitCast(di, biased)));
  return {hn::Sub(biased, hn::Set(d, kMagicF)), s};
}

// ln2 = kLn2HiCW + kLn2LoCW (to 2^-44): the high part has 15 bits, so
// n kLn2HiCW is exact for |n| < 2^9 also without FMA (x - n kLn2HiCW is
// then exact too, by Sterbenz-like alignment), the low part carries the rest.
inline constexpr float kLn2HiCW = 0x1.62e4p-1f;
inline constexpr float kLn2LoCW = 0x1.7f7d1cp-20f;
// DEFAULT's split (its low part must stay tiny: e^(r1 + rlo) is taken as
// e^r1 (1 + rlo)): the nearest f32 high part where FMA makes x - n hi
// exact; without FMA (only FAST's rare lanes run DEFAULT code there) the
// 15-bit split, within FAST's bounds.
inline constexpr float kLn2HiD = kExactFma ? kLn2HiF : kLn2HiCW;
inline constexpr float kLn2LoD = kExactFma ? kLn2LoF : kLn2LoCW;



// e^r = 1 + r + r^2 PExp(r) on |r| <= ln2/2 (+2%): minimax relative to e^r,
// 2^-33 (DEFAULT, degree 5) / 2^-28 (FAST, degree 4).
template <bool kC, class D, class V = hn::Vec<D>>
HWY_INLINE V PExpF(D d, V r) {
  if constexpr (kC) {
    V p = hn::Set(d, 0x1.a18c6cp-13f);
    p = hn::MulAdd(p, r, hn::Set(d, 0x1.6db79ep-10f));
    p = hn::MulAdd(p, r, hn::Set(d, 0x1.1110a4p-7f));
    p = hn::MulAdd(p, r, hn::Set(d, 0x1.55545ep-5f));
    p = hn::MulAdd(p, r, hn::Set(d, 0x1.555556p-3f));
    return hn::MulAdd(p, r, hn::Set(d, 0.5f));
  } else {
    V p = hn::Set(d, 0x1.6a106cp-10f);
    p = hn::MulAdd(p, r, hn::Set(d, 0x1.1245d4p-7f));
    p = hn::MulAdd(p, r, hn::Set(d, 0x1.55593ep-5f));
    p = hn::MulAdd(p, r, hn::Set(d, 0x1.555482p-3f));
    return hn::MulAdd(p, r, hn::Set(d, 0x1.fffffcp-2f));
  }
}

// e^x = s (m.hi + m.lo), s = 2^n, for x in [-87, 88] (n in [-126, 127]);
// m relative error near 2^-32 (compensated, FMA).
template <class D>
struct ExpSF {
  hn::Vec<D> n;
  hn::Vec<D> s;
  Pair<D> m;
};
template <class D, class V = hn::Vec<D>>
HWY_INLINE ExpSF<D> ExpSplitC(D d, V x) {
  const SplitF<D> sp = SplitExpF(d, x);
  const V r1 = hn::NegMulAdd(sp.n, hn::Set(d, kLn2HiD), x);  // exact
  const V rlo = hn::Mul(sp.n, hn::Set(d, -kLn2LoD));
  const V tail = hn::Mul(hn::Mul(r1, r1), PExpF<true>(d, r1));
  const Pair<D> head = FastTwoSumF(d, hn::Set(d, 1.0f), r1);
  const V low = hn::Add(head.lo, hn::MulAdd(rlo, hn::Add(head.hi, tail), tail));
  return {sp.n, sp.s, FastTwoSumF(d, head.hi, low)};
}

// e^x = 2^k (m.hi + m.lo) for x in [-400, 88] (k unbounded below, as a
// float), m relative error near 2^-32 (FMA).
template <class D>
struct ExpWide {
  hn::Vec<D> k;
  Pair<D> m;
};
template <class D, class V = hn::Vec<D>>
HWY_INLINE ExpWide<D> ExpWideC(D d, V x) {
  const V k = hn::Round(hn::Mul(x, hn::Set(d, kLog2EF)));
  const V r1 = hn::NegMulAdd(k, hn::Set(d, kLn2HiD), x);  // exact (|k| < 600)
  const V rlo = hn::Mul(k, hn::Set(d, -kLn2LoD));
  const V tail = hn::Mul(hn::Mul(r1, r1), PExpF<true>(d, r1));
  const Pair<D> head = FastTwoSumF(d, hn::Set(d, 1.0f), r1);
  const V low = hn::Add(head.lo, hn::MulAdd(rlo, hn::Add(head.hi, tail), tail));
  return {k, FastTwoSumF(d, head.hi, low)};
}

// e^r - 1 for x = n ln2 + r (FAST): r = r1 + rlo with r1 = x - n ln2hi
// exact, r1 + (rlo + r^2 P(r)) with one last rounding (relative error of
// e^r near 2^-25.5).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V ExpM1ReducedF(D d, V x, V n) {
  const V r1 = hn::NegMulAdd(n, hn::Set(d, kLn2HiCW), x);
  const V rlo = hn::Mul(n, hn::Set(d, -kLn2LoCW));
  const V r = hn::Add(r1, rlo);
  return hn::Add(r1, hn::MulAdd(hn::Mul(r, r), PExpF<false>(d, r), rlo));
}

// ---------------------------------------------------------------------------
// elu / selu.

// expm1(t) = t + t^2/2 + t^3 QExpm1(t)/2 on |t| <= ln2/2 (+2%): minimax,
// relative error of the sum 2^-31.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V QExpm1F(D d, V t) {
  V p = hn::Set(d, 2 * 0x1.9fba4ap-13f);
  p = hn::MulAdd(p, t, hn::Set(d, 2 * 0x1.6d4c7ep-10f));
  p = hn::MulAdd(p, t, hn::Set(d, 2 * 0x1.1111dap-7f));
  p = hn::MulAdd(p, t, hn::Set(d, 2 * 0x1.5554eap-5f));
  return hn::MulAdd(p, t, hn::Set(d, 2 * 0x1.555554p-3f));
}

// expm1(t) = t + t^2 PExpm1(t), minimax relative to expm1 (2^-26).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V PExpm1F(D d, V t) {
  V p = hn::Set(d, 0x1.6beb2ep-10f);
  p = hn::MulAdd(p, t, hn::Set(d, 0x1.122d0cp-7f));
  p = hn::MulAdd(p, t, hn::Set(d, 0x1.555680p-5f));
  p = hn::MulAdd(p, t, hn::Set(d, 0x1.5554aap-3f));
  return hn::MulAdd(p, t, hn::Set(d, 0x1.fffffep-2f));
}

// expm1(x) for x in [-64, 0] (x = z) as a pair, relative error near 2^-29:
// x = n ln2 + t + tl, expm1(x) = (s - 1) + s expm1(t + tl).
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> Expm1PairF(D d, V z) {
  const SplitF<D> sp = SplitExpF(d, z);
  const V t = hn::NegMulAdd(sp.n, hn::Set(d, kLn2HiD), z);  // exact
  const V tl = hn::Mul(sp.n, hn::Set(d, -kLn2LoD));
  const Pair<D> sq = TwoProdF(d, t, hn::Mul(t, hn::Set(d, 0.5f)));  // t^2/2
  const Pair<D> a = FastTwoSumF(d, t, sq.hi);
  const V t3 = hn::Mul(t, sq.hi);
  const V lo = hn::Add(hn::Add(a.lo, sq.lo), hn::MulAdd(t3, QExpm1F(d, t), hn::MulAdd(tl, t, tl)));
  const Pair<D> c = FastTwoSumF(d, hn::Set(d, -1.0f), sp.s);  // s - 1 exactly
  const Pair<D> y = FastTwoSumF(d, c.hi, hn::Mul(sp.s, a.hi));
  return {y.hi, hn::Add(y.lo, hn::MulAdd(sp.s, lo, c.lo))};
}
}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_EXPM1_LANES_INL_H_
