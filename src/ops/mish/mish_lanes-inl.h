// mish on f32 lanes (DEFAULT and FAST tiers): MishLanes<kC>.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_MISH_MISH_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_MISH_MISH_LANES_INL_H_
#undef RECTIFY_OPS_MISH_MISH_LANES_INL_H_
#else
#define RECTIFY_OPS_MISH_MISH_LANES_INL_H_
#endif

#include <cmath>

#include "hwy/highway.h"
#include "kernels/expm1_lanes-inl.h"
#include "kernels/f32_lanes-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/smooth_coefficients.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;


// x0 (the zero of mish') as three f32, K's Taylor coefficients as f32
// (K(0) as a pair too).
struct MishZeroF {
  static constexpr double z0 = smooth::kMishZero[0], z1 = smooth::kMishZero[1];
  static constexpr float hi = static_cast<float>(z0);
  static constexpr float mid = static_cast<float>((z0 - hi) + z1);
  static constexpr float lo = static_cast<float>(((z0 - hi) - double(mid)) + z1);
  static constexpr float k0hi = static_cast<float>(smooth::kMishSlopeK0[0]);
  static constexpr float k0lo =
      static_cast<float>((smooth::kMishSlopeK0[0] - k0hi) + smooth::kMishSlopeK0[1]);
  static constexpr float K(int i) { return static_cast<float>(smooth::kMishSlopeK[i]); }
};

// mish(x) = x tanh(softplus(x)). With u = e^x, w = u (u + 2):
//   tanh(softplus(x)) = w / (w + 2),  mish'(x) = u N / D^2,
//   N = 4 (x + 1) + u (4x + 6) + u^2 (4 + u),  D = w + 2,
// u from x clamped to 15 (beyond, both are 1 to 2^-36). N cancels at
// x0 = -1.1924 (mish' = 0): within a radius of x0 mish' = h K(h),
// h = x - x0 with x0 as three f32 (exact h), K a Taylor polynomial.
// DEFAULT: pairs throughout (relative error near 2^-27 before the last
// rounding, radius 2^-4, K to h^6); FAST: plain f32, radius 2^-3, K to h^5;
// subnormal results are rounded from 2^k-scaled values (FAST: from
// values scaled by 2^64), slopes below about 2^-109 go through the
// DEFAULT path in FAST (per lane).
template <bool kC>
struct MishLanes {
  // DEFAULT (kC): BEST's f64-lane body measured faster than the compensated
  // f32 lanes (docs/performance.md, "Accuracy tiers"), and is within the bound.
  static constexpr bool kBestForward = kC;
  static constexpr bool kBestBackward = kC;

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xv = hn::Max(x, hn::Set(d, -110.0f));  // mish(-110) rounds to -0
    const V xe = hn::Min(xv, hn::Set(d, 15.0f));
    if constexpr (kC) {
      const ExpWide<D> e = ExpWideC(d, xe);
      const V p = Pow2F(d, hn::Max(e.k, hn::Set(d, -100.0f)));
      const Pair<D> u{hn::Mul(e.m.hi, p), hn::Mul(e.m.lo, p)};
      const Pair<D> g = PlusF<true>(d, u, PairOf(d, hn::Set(d, 2.0f)));
      const Pair<D> w = PairMul(d, u, g);
      const Pair<D> den = PlusF<true>(d, w, PairOf(d, hn::Set(d, 2.0f)));
      const auto neg = hn::Lt(x, hn::Zero(d));
      // x < 0: t = 2^k m (u + 2) / den; x >= 0: w / den
      const Pair<D> mg = PairMul(d, e.m, g);
      const Pair<D> num{hn::IfThenElse(neg, mg.hi, w.hi), hn::IfThenElse(neg, mg.lo, w.lo)};
      const Pair<D> q = DividePairF<true>(d, num, den);
      // tiny x: x 2^64 (so that a subnormal result is rounded once, from
      // a normal value)
      const auto tiny = hn::Lt(hn::Abs(x), hn::Set(d, 0x1p-60f));
      const V xs = hn::Mul(xv, hn::IfThenElse(tiny, hn::Set(d, 0x1p64f), hn::Set(d, 1.0f)));
      const V v = Value(PairTimes(d, q, xs));
      const V r = ScaleF(d, v, hn::Add(hn::IfThenElseZero(neg, e.k), hn::IfThenElseZero(tiny, hn::Set(d, -64.0f))));
      return hn::IfThenElse(hn::Eq(x, hn::Set(d, HUGE_VALF)), x, r);  // (its low part would be NaN)
    } else {
      const auto neg = hn::Lt(x, hn::Zero(d));
      const V b = hn::MulAdd(xe, hn::Set(d, kLog2EF), hn::Set(d, kMagicF));
      const V n = hn::Sub(b, hn::Set(d, kMagicF));
      const hn::RebindToSigned<D> di;
      // 2^(n + 64) where x < 0
      const V s = hn::BitCast(d, hn::ShiftLeft<23>(hn::BitCast(
                                     di, hn::Add(b, hn::IfThenElseZero(neg, hn::Set(d, 64.0f))))));
      const V pm = ExpM1ReducedF(d, xe, n);  // e^r - 1
      const V us = hn::MulAdd(s, pm, s);  // u 2^64 where x < 0
      const V sc = hn::IfThenElse(neg, hn::Set(d, 0x1p-64f), hn::Set(d, 1.0f));
      // t = w / (w + 2), w = u (u + 2) = 2u + u^2, rounded once (u = s (1 + p))
      const V s2 = hn::Add(s, s);
      const V ws = hn::MulAdd(us, hn::Mul(us, sc), hn::MulAdd(s2, pm, s2));
      const V w = hn::Mul(ws, sc);
      const V den = hn::Add(w, hn::Set(d, 2.0f));
      const V q = hn::Div(ws, den);
      // den's rounding error lo (exact where w <= 2, x < 0): t = q (1 - lo / den),
      // 1 / den = (1 - t) / 2; folded into the last product.
      const V lo = hn::Sub(w, hn::Sub(den, hn::Set(d, 2.0f)));
      const V lo_half = hn::IfThenElseZero(
          neg, hn::Mul(hn::Mul(lo, hn::Set(d, -0.5f)), hn::NegMulAdd(q, sc, hn::Set(d, 1.0f))));
      // (xe = xv where the correction is not 0: x = +inf gives inf)
      return hn::Mul(hn::MulAdd(xv, q, hn::Mul(hn::Mul(xe, q), lo_half)), sc);
    }
  }
#if 0
      return hn::Mul(hn::Mul(xv, q), sc);
    }
  }
#endif

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    using Z = MishZeroF;
    if constexpr (kC) {
      const V xc = hn::Min(hn::Max(x, hn::Set(d, -200.0f)), hn::Set(d, 15.0f));
      const ExpWide<D> e = ExpWideC(d, xc);
      const V p = Pow2F(d, hn::Max(e.k, hn::Set(d, -100.0f)));
      const Pair<D> u{hn::Mul(e.m.hi, p), hn::Mul(e.m.lo, p)};
      const V four = hn::Set(d, 4.0f);
      const Pair<D> c1 = TwoSumF(d, xc, hn::Set(d, 1.0f));
      const Pair<D> c2 = TwoSumF(d, hn::Mul(xc, four), hn::Set(d, 6.0f));
      const Pair<D> h1 = PairMul(d, u, PlusF<true>(d, u, PairOf(d, four)));
      const Pair<D> h2 = PairMul(d, u, PlusF<true>(d, c2, h1));
      const Pair<D> nn = PlusF<true>(d, Pair<D>{hn::Mul(c1.hi, four), hn::Mul(c1.lo, four)}, h2);
      const Pair<D> w = PairMul(d, u, PlusF<true>(d, u, PairOf(d, hn::Set(d, 2.0f))));
      const Pair<D> den = PlusF<true>(d, w, PairOf(d, hn::Set(d, 2.0f)));
      const auto neg = hn::Lt(x, hn::Zero(d));
      const Pair<D> mm{hn::IfThenElse(neg, e.m.hi, u.hi), hn::IfThenElse(neg, e.m.lo, u.lo)};
      Pair<D> q = DividePairF<true>(d, PairMul(d, mm, nn), PairMul(d, den, den));
      V k = hn::IfThenElseZero(neg, e.k);
      // near x0: h K(h)
      const V h0 = hn::Sub(x, hn::Set(d, Z::hi));
      const auto near = hn::Lt(hn::Abs(h0), hn::Set(d, 0x1p-4f));
      if (HWY_UNLIKELY(!hn::AllFalse(d, near))) {
        Pair<D> h = FastTwoSumF(d, h0, hn::Set(d, -Z::mid));
        h.lo = hn::Sub(h.lo, hn::Set(d, Z::lo));
        V tail = hn::Set(d, Z::K(6));
        for (int i = 5; i >= 1; --i) tail = hn::MulAdd(tail, h.hi, hn::Set(d, Z::K(i)));
        const Pair<D> kk = FastTwoSumF(d, hn::Set(d, Z::k0hi), hn::MulAdd(h.hi, tail, hn::Set(d, Z::k0lo)));
        const Pair<D> patch = PairMul(d, h, kk);
        q = {hn::IfThenElse(near, patch.hi, q.hi), hn::IfThenElse(near, patch.lo, q.lo)};
        k = hn::IfThenZeroElse(near, k);
      }
      // dy 2^k q: as much of 2^k as keeps q normal first, then the rest.
      const V k1 = hn::Max(k, hn::Set(d, -120.0f));
      const V first = Pow2F(d, k1);
      const V qh = hn::Mul(q.hi, first);
      const V hi = hn::Mul(qh, dy);
      const V lo = hn::MulAdd(hn::Mul(q.lo, first), dy, hn::MulSub(qh, dy, hi));
      const V prod = hn::IfThenElse(hn::Lt(hn::Abs(hi), hn::Set(d, HUGE_VALF)), hn::Add(hi, lo), hi);
      const V rest = hn::Sub(k, k1);
      if (HWY_LIKELY(hn::AllTrue(d, hn::Eq(rest, hn::Zero(d))))) return prod;
      return ScaleF(d, prod, rest);
    } else {
      const V xc = hn::Min(x, hn::Set(d, 15.0f));
      const SplitF<D> sp = SplitExpF(d, xc);
      const V u = hn::MulAdd(sp.s, ExpM1ReducedF(d, xc, sp.n), sp.s);
      const V four = hn::Set(d, 4.0f);
      const V inner = hn::MulAdd(u, hn::Add(u, four), hn::MulAdd(xc, four, hn::Set(d, 6.0f)));
      const V nn = hn::MulAdd(u, inner, hn::MulAdd(xc, four, four));
      const V two = hn::Set(d, 2.0f);
      // D^2 = w^2 + 4w + 4 with w = u^2 + 2u: w's error reaches it damped
      // by 2w / (w + 2), so D^2 carries about one rounding.
      const V w = hn::MulAdd(u, u, hn::Add(u, u));
      const V den2 = hn::MulAdd(w, hn::Add(w, four), four);
      // x >= 0: mish' = 1 - E / D^2, E = D^2 - u N = (2 - 4x) u^2 + (4 - 4x) u + 4
      // (no large terms that cancel in the quotient); x < 0: u N / D^2.
      const V e = hn::MulAdd(hn::MulAdd(hn::NegMulAdd(four, xc, two), u, hn::NegMulAdd(four, xc, four)), u, four);
      const auto neg = hn::Lt(x, hn::Zero(d));
      const V q = hn::Div(hn::IfThenElse(neg, hn::Mul(u, nn), e), den2);
      V slope = hn::IfThenElse(neg, q, hn::Sub(hn::Set(d, 1.0f), q));
      const V h0 = hn::Sub(x, hn::Set(d, Z::hi));
      const auto near = hn::Lt(hn::Abs(h0), hn::Set(d, 0x1p-3f));
      if (HWY_UNLIKELY(!hn::AllFalse(d, near))) {
        const V h = hn::Sub(h0, hn::Set(d, Z::mid));
        V kk = hn::Set(d, Z::K(5));
        for (int i = 4; i >= 0; --i) kk = hn::MulAdd(kk, h, hn::Set(d, Z::K(i)));
        slope = hn::IfThenElse(near, hn::Mul(h, kk), slope);
      }
      // beyond 15 mish' = 1 to 2^-36: exactly 1 (dy at x = +inf)
      slope = hn::IfThenElse(hn::Gt(x, hn::Set(d, 15.0f)), hn::Set(d, 1.0f), slope);
      V dx = hn::Mul(dy, slope);
      const auto far = hn::Lt(x, hn::Set(d, -80.0f));
      if (HWY_UNLIKELY(!hn::AllFalse(d, far))) {
        dx = hn::IfThenElse(far, MishLanes<true>{}.Backward(d, x, dy), dx);
      }
      return dx;
    }
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_MISH_MISH_LANES_INL_H_
