// gelu's f32-lane bodies: GeluLanes<true> (DEFAULT: forward within 1 ulp,
// backward within 2 ulp) and GeluLanes<false> (FAST: 4 and 8 ulp), both
// relative to the exact value down to underflow. Built on f32_lanes-inl.h.
//
// With a = |x|, E = exp(-a^2/2) and Ft(a) = exp(a^2/2) erfc(a/sqrt 2)/2
// (so Phi(-a) = E Ft(a)):
//   x < 0:  gelu(x) = -E G(a),       G(a) = a Ft(a)
//   x >= 0: gelu(x) = x - E G(a)     (E G <= x/2: no cancellation)
//   x < 0:  gelu'(x) = E (a - a0) K(a),  K(a) = (Ft(a) - a/sqrt(2 pi)) / (a - a0)
//   x >= 0: gelu'(x) = 1 - E (a - a0) K(a)   (gelu'(x) + gelu'(-x) = 1)
// a0 = 0.7518... is the zero of gelu'(-a): writing the slope as (a - a0) K
// with a - a0 computed exactly keeps its relative accuracy near the zero,
// and K is flat (-0.67 .. -0.40) so no cancellation remains anywhere.
// E = 2^k m comes from an exponential of the exact pair -a^2/2 (TwoProd), so
// the tails keep full relative accuracy: 2^k is applied in the last,
// rounding step (results far below 1, subnormal ones included, are rounded
// once). G and K are piecewise polynomials over the binades of a (eight
// pieces, one table lookup per coefficient; gelu_f32_coefficients.h,
// from scripts/coefficients/fit_gelu_f32.py).
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_GELU_GELU_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_GELU_GELU_LANES_INL_H_
#undef RECTIFY_OPS_GELU_GELU_LANES_INL_H_
#else
#define RECTIFY_OPS_GELU_GELU_LANES_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/f32_lanes-inl.h"
#include "kernels/kernel_namespace.h"
#include "ops/gelu/gelu_f32_coefficients.h"

// g++ -O2 leaves the coefficient loops rolled without this; nvcc (which
// compiles these bodies for the GPU lane) knows no GCC pragma.
#ifndef RECTIFY_UNROLL_16
#if defined(__CUDACC__)
#define RECTIFY_UNROLL_16
#else
#define RECTIFY_UNROLL_16 _Pragma("GCC unroll 16")
#endif
#endif

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

namespace gelu_f32 {

using namespace smooth;

// a0 = kA0[0] + kA0[1] + kA0[2] (the zero of gelu'(-a), triple-f32)
inline constexpr float kA0[3] = {0x1.80ead2p-1f, -0x1.a03fd4p-27f, 0x1.eec18cp-52f};
// Clamps: gelu(-14.5) < 2^-152 rounds to -0 and Phi(-14.5) < 2^-152 leaves
// x unchanged; |dy| gelu'(-20) < 2^-157 for every finite dy (and e^-200
// is ExpAtF's limit).
inline constexpr float kGeluValueFar = 14.5f;
inline constexpr float kGeluSlopeFar = 20.0f;

// e^r on |r| <= 0.35, relative error 2^-28.0 (Sollya fpminimax: scripts/coefficients/fit_gelu_f32.py's notes)
inline constexpr float kExpFast[7] = {1.0f, 1.0f, 0x1.fffff8p-2f, 0x1.555486p-3f,
                                     0x1.555b7ep-5f, 0x1.1241bcp-7f, 0x1.687ae6p-10f};
// ln 2 = kLn2A + kLn2B: kLn2A has 9 bits, so k kLn2A is exact (|k| < 2^15)
// with or without FMA.
inline constexpr float kLn2A = 0x1.63p-1f;
inline constexpr float kLn2B = -0x1.bd0106p-13f;
// 1.5 2^23 + 127 + 64: j = round(y log2e) + this holds k + 191 in its low
// bits, so (bits of j) << 23 is 2^(k + 64).
inline constexpr float kExpMagic = 0x1.8p23f + 191.0f;

// The piece of a (a >= 0, below 32): slot = (biased exponent of
// max(a, 1/8)) & 7; slot 4 holds [0, 1/4).
template <class D, class V = hn::Vec<D>>
HWY_INLINE auto SlotOf(D d, V a) {
  const hn::RebindToSigned<D> di;
  const auto e = hn::ShiftRight<23>(hn::BitCast(di, hn::Max(a, hn::Set(d, 0.125f))));
  return hn::And(e, hn::Set(di, 7));
}

// Table row (16 floats, the first 8 used) at the slots.
template <class D>
struct Rows {
  D d;
  hn::Vec<hn::RebindToSigned<D>> slot;
  decltype(hn::IndicesFromVec(D(), hn::Zero(hn::RebindToSigned<D>()))) idx;
  Rows(D d_, hn::Vec<hn::RebindToSigned<D>> s) : d(d_), slot(s), idx(hn::IndicesFromVec(d_, s)) {}
  HWY_INLINE hn::Vec<D> operator()(const float* row) const {
    if constexpr (hn::MaxLanes(D()) >= 8) {
      return hn::TableLookupLanes(hn::LoadU(d, row), idx);
    } else {
      return hn::GatherIndex(d, row, slot);
    }
  }
};

// Plain Horner of the table polynomial at v.
template <int kDegree, class D, class V = hn::Vec<D>>
HWY_INLINE V PolyFast(const Rows<D>& rows, const float (&c)[kDegree + 1][16], V v) {
  V p = rows(c[kDegree]);
RECTIFY_UNROLL_16
  for (int i = kDegree - 1; i >= 0; --i) p = hn::MulAdd(p, v, rows(c[i]));
  return p;
}

// The table polynomial at v as a normalized pair: c0 + c1 v exactly (c0, c1
// hi + lo pairs, v c1.hi by TwoProd), the rest v^2 Q(v) in plain Horner;
// that part is small next to c0 (|v^2 Q| / |c0| below about 1/8 in every
// piece), so its rounding errors stay below 2^-26 relative.
template <int kDegree, class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> PolyPair(D d, const Rows<D>& rows, const float (&c)[kDegree + 1][16],
                            const float (&lo)[2][16], V v) {
  V q = rows(c[kDegree]);
RECTIFY_UNROLL_16
  for (int i = kDegree - 1; i >= 2; --i) q = hn::MulAdd(q, v, rows(c[i]));
  const V tail = hn::Mul(hn::Mul(v, v), q);
  const Pair<D> p1 = TwoProdF(d, v, rows(c[1]));
  const Pair<D> s = FastTwoSumF(d, rows(c[0]), p1.hi);
  const V low = hn::Add(hn::Add(s.lo, tail),
                        hn::MulAdd(v, rows(lo[1]), hn::Add(p1.lo, rows(lo[0]))));
  return FastTwoSumF(d, s.hi, low);
}

// -a^2/2 = hi + lo exactly (a <= 20): by FMA, or Dekker's split without.
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> NegHalfSquare(D d, V a) {
  const V b = hn::Mul(a, hn::Set(d, -0.5f));
  const V hi = hn::Mul(a, b);
  if constexpr (kExactFma) {
    return {hi, hn::MulSub(a, b, hi)};
  } else {
    const V t = hn::Mul(a, hn::Set(d, 4097.0f));  // a = ah + al, 12 bits each
    const V ah = hn::Sub(t, hn::Sub(t, a));
    const V al = hn::Sub(a, ah);
    // a b = -(ah^2 + 2 ah al + al^2)/2, each product exact
    V err = hn::Sub(hn::Mul(ah, hn::Mul(ah, hn::Set(d, -0.5f))), hi);
    err = hn::Sub(err, hn::Mul(ah, al));
    return {hi, hn::Sub(err, hn::Mul(hn::Mul(al, al), hn::Set(d, 0.5f)))};
  }
}

// FAST e^(y.hi + y.lo) = 2^k p for y.hi in [-200, 0]: j's bits give
// 2^(k + 64) (k >= -126 - 64 needed for that to be normal) and the integer
// k (kint below). Relative error of p about 2^-23.5 (2^-28 polynomial, the
// rest roundings), fused or not.
template <class D>
struct ExpFast {
  hn::Vec<D> p;
  hn::Vec<D> j;  // kExpMagic + k
};
template <class D>
HWY_INLINE ExpFast<D> ExpFastAt(D d, Pair<D> y) {
  using V = hn::Vec<D>;
  const V magic = hn::Set(d, kExpMagic);
  const V j = hn::MulAdd(y.hi, hn::Set(d, 1.44269502f), magic);
  const V k = hn::Sub(j, magic);
  V r = hn::NegMulAdd(k, hn::Set(d, kLn2A), y.hi);  // exact
  r = hn::Add(hn::NegMulAdd(k, hn::Set(d, kLn2B), r), y.lo);
  V p = hn::Set(d, kExpFast[6]);
  for (int i = 5; i >= 0; --i) p = hn::MulAdd(p, r, hn::Set(d, kExpFast[i]));
  return {p, j};
}

// 2^(k + 64) from ExpFast's j.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V Pow2Plus64(D d, V j) {
  const hn::RebindToSigned<D> di;
  return hn::BitCast(d, hn::ShiftLeft<23>(hn::BitCast(di, j)));
}

// a - a0 as a pair, exactly up to 2^-48 relative for every a (TwoSum with
// a0's head; Sterbenz makes it a single exact difference near a0).
template <class D, class V = hn::Vec<D>>
HWY_INLINE Pair<D> MinusA0(D d, V a) {
  const Pair<D> s = TwoSumF(d, a, hn::Set(d, -kA0[0]));
  const Pair<D> t = FastTwoSumF(d, s.hi, hn::Set(d, -kA0[1]));  // |s.hi| >= 2^-24 or 0
  return {t.hi, hn::Add(t.lo, hn::Sub(s.lo, hn::Set(d, kA0[2])))};
}

}  // namespace gelu_f32

template <bool kC>
struct GeluLanes {
  // x not NaN (x = +-inf allowed); f(+-0)'s sign is the wrapper's.
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    using namespace gelu_f32;
    const V a = hn::Min(hn::Abs(x), hn::Set(d, kGeluValueFar));
    const Pair<D> y = NegHalfSquare(d, a);
    const Rows<D> rows(d, SlotOf(d, a));
    if constexpr (kC) {
      const ExpF<D> e = ExpAtF<true>(d, y);
      const V v = hn::Sub(a, rows(kGeluValueDefaultCentre));  // exact
      const Pair<D> g = PolyPair<10>(d, rows, kGeluValueDefault, kGeluValueDefaultLo, v);
      const Pair<D> w = PairMul(d, g, e.m);  // E G = 2^k w
      // x < 0: -2^k w, one rounding (ScaleF).
      const V left = hn::Neg(ScaleF(d, Value(w), e.k));
      // x >= 0: x - 2^k w; where k < -126 that term is far below ulp(x).
      const V scale = Pow2F(d, hn::Max(e.k, hn::Set(d, -126.0f)));
      const V lo = hn::Mul(w.lo, scale);
      const Pair<D> s = FastTwoSumF(d, x, hn::Neg(hn::Mul(w.hi, scale)));
      V right = hn::Add(s.hi, hn::Sub(s.lo, lo));
      right = hn::IfThenElse(hn::Gt(x, hn::Set(d, kGeluValueFar)), x, right);  // +inf
      return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), left, right);
    } else {
      const ExpFast<D> e = ExpFastAt(d, y);
      const V v = hn::Sub(a, rows(kGeluValueFastCentre));
      const V g = PolyFast<8>(rows, kGeluValueFast, v);
      // max(x, -0) - E G: E G 2^64, then 2^-64 in the fused step (one
      // rounding of a tiny result); -0 where x < 0 underflows.
      const V w = hn::Mul(hn::Mul(g, e.p), Pow2Plus64(d, e.j));
      const V base = hn::Max(x, hn::Set(d, -0.0f));
      if constexpr (kExactFma) {
        return hn::NegMulAdd(w, hn::Set(d, 0x1p-64f), base);
      } else {
        return hn::Neg(hn::Sub(hn::Mul(w, hn::Set(d, 0x1p-64f)), base));
      }
    }
  }

  // x not NaN, not -inf; any finite dy (and dy * 1 at x = +inf).
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    using namespace gelu_f32;
    const V a = hn::Min(hn::Abs(x), hn::Set(d, kGeluSlopeFar));
    const auto negative = hn::Lt(x, hn::Zero(d));
    const Pair<D> y = NegHalfSquare(d, a);
    const Rows<D> rows(d, SlotOf(d, a));
    if constexpr (kC) {
      const ExpF<D> e = ExpAtF<true>(d, y);
      const V v = hn::Sub(a, rows(kGeluSlopeDefaultCentre));  // exact
      const Pair<D> kk = PolyPair<10>(d, rows, kGeluSlopeDefault, kGeluSlopeDefaultLo, v);
      const Pair<D> t = PairMul(d, e.m, PairMul(d, MinusA0(d, a), kk));  // E D = 2^k t
      // x >= 0: 1 - 2^k t (|2^k t| <= 1/2), k = 0 from here on.
      const V scale = Pow2F(d, hn::Max(e.k, hn::Set(d, -126.0f)));
      const Pair<D> one = FastTwoSumF(d, hn::Set(d, 1.0f), hn::Neg(hn::Mul(t.hi, scale)));
      const Pair<D> right{one.hi, hn::NegMulAdd(t.lo, scale, one.lo)};
      const Pair<D> q{hn::IfThenElse(negative, t.hi, right.hi),
                      hn::IfThenElse(negative, t.lo, right.lo)};
      const V k = hn::IfThenElseZero(negative, e.k);
      // dy 2^k q: dy times q 2^pre first, the rest in one rounding step.
      // pre = floor(k/3) keeps |q 2^pre| < 0.6 (|q| < 8.5 e^(a^2/2) / 2^k);
      // one less where |dy| > 2^64 (dy q could overflow), 48 more where
      // |dy| < 2^-90 (so that the product stays exact, not subnormal).
      const V dy_abs = hn::Abs(dy);
      V pre = hn::Floor(hn::Mul(k, hn::Set(d, 1.0f / 3)));
      pre = hn::Sub(pre, hn::IfThenElseZero(hn::Gt(dy_abs, hn::Set(d, 0x1p64f)), hn::Set(d, 1.0f)));
      pre = hn::Add(pre, hn::IfThenElseZero(hn::Lt(dy_abs, hn::Set(d, 0x1p-90f)), hn::Set(d, 48.0f)));
      const V first = Pow2F(d, pre);
      const Pair<D> qs{hn::Mul(q.hi, first), hn::Mul(q.lo, first)};
      return ScaleF(d, Value(PairTimes(d, qs, dy)), hn::Sub(k, pre));
    } else {
      const ExpFast<D> e = ExpFastAt(d, y);
      const V v = hn::Sub(a, rows(kGeluSlopeFastCentre));
      const V kk = PolyFast<7>(rows, kGeluSlopeFast, v);
      const V h = hn::Sub(hn::Sub(a, hn::Set(d, kA0[0])), hn::Set(d, kA0[1]));
      const V t = hn::Mul(e.p, hn::Mul(h, kk));  // E D = 2^k t
      // 2^k in three normal factors (k in [-290, 0]): k = k1 + k2 + k3.
      const hn::RebindToSigned<D> di;
      const auto kint = hn::Sub(hn::BitCast(di, e.j), hn::BitCast(di, hn::Set(d, kExpMagic)));
      const auto k1 = hn::ShiftRight<2>(kint);
      const auto k23 = hn::Sub(kint, k1);
      const auto k2 = hn::ShiftRight<1>(k23);
      const auto k3 = hn::Sub(k23, k2);
      const auto pow2 = [&](decltype(kint) k) HWY_ATTR {
        return hn::BitCast(d, hn::ShiftLeft<23>(hn::Add(k, hn::Set(di, 127))));
      };
      // x < 0: ((dy (t 2^k1)) 2^k2) 2^k3, dy before the last two factors
      // (|t 2^k1| < 0.7, so dy t 2^k1 cannot overflow); x >= 0: dy (1 - t 2^k).
      const V t1 = hn::Mul(t, pow2(k1));
      const V u0 = hn::IfThenElse(negative, hn::Mul(dy, t1), t1);
      const V u = hn::Mul(hn::Mul(u0, pow2(k2)), pow2(k3));
      return hn::IfThenElse(negative, u, hn::Mul(dy, hn::Sub(hn::Set(d, 1.0f), u)));
    }
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_GELU_GELU_LANES_INL_H_
