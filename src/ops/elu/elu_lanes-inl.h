// elu and selu on f32 lanes (DEFAULT and FAST tiers): EluLanes<kC>.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_ELU_ELU_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_ELU_ELU_LANES_INL_H_
#undef RECTIFY_OPS_ELU_ELU_LANES_INL_H_
#else
#define RECTIFY_OPS_ELU_ELU_LANES_INL_H_
#endif

#include <cmath>
#include <cstdint>
#include <cstring>

#include "hwy/highway.h"
#include "kernels/expm1_lanes-inl.h"
#include "kernels/f32_lanes-inl.h"
#include "kernels/kernel_namespace.h"

// (The GPU's one-lane shadow of Highway, lane/one_lane.h, has no
// HWY_NOINLINE; it compiles these bodies but runs BEST.)
#ifndef HWY_NOINLINE
#define HWY_NOINLINE
#endif

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;


// elu: x > 0 ? x : alpha expm1(x); selu (scaled): lambda times that. alpha
// and lambda are the f32 parameters, used exactly (lambda alpha as an exact
// pair). DEFAULT: forward within 0.5 ulp + 2^-27 relative, backward within
// 0.5 ulp + 2^-28 relative of the exact values (FMA). FAST: forward
// alpha (s expm1(t) + s - 1) in plain f32 (about 2 ulp), backward
// dy (lambda alpha e^x) (about 2 ulp). Unusual parameters (|lambda alpha|
// outside [2^-60, 2^60]) and rare lanes (|x| < 2^-30 in DEFAULT's forward,
// slopes below about 2^-99 / 2^-124 in backward) take a slower exact path,
// chosen per lane (so AVX2 and AVX3 give the same bits).
template <bool kC>
struct EluLanes {
  float alpha;
  float lambda;
  bool scaled;

  // v = m 2^e, |m| in [1/2, 1) (frexp without a library call, so that
  // the compiler can hoist it); v = 0: m = 0, e = 0.
  static HWY_INLINE int FrexpF(float v, float* m) {
    if (v == 0.0f) {
      *m = v;
      return 0;
    }
    int adj = 0;
    if (std::fabs(v) < 0x1p-126f) {
      v *= 0x1p64f;
      adj = 64;
    }
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    const int e = int((bits >> 23) & 255) - 126;
    bits = (bits & 0x807fffffu) | 0x3f000000u;
    std::memcpy(m, &bits, 4);
    return e - adj;
  }

  // The hot path's constants: branch-free scalar arithmetic, so that a
  // loop over vectors computes them once (or the wrapper keeps them).
  struct Consts {
    float c_hi, c_lo;  // lambda alpha = c_hi + c_lo exactly (when nice)
    bool nice;  // |lambda alpha| in [2^-60, 2^60] or 0
    float xlim_d, xlim_f;  // backward: e^x lambda alpha above 2^-98 / 2^-123
  };
  HWY_INLINE Consts Derive() const {
    Consts k;
    const float lam = scaled ? lambda : 1.0f;
    k.c_hi = alpha * lam;
    k.c_lo = std::fma(alpha, lam, -k.c_hi);
    const float ac = std::fabs(k.c_hi);
    k.nice = (ac == 0.0f) | ((ac >= 0x1p-60f) & (ac <= 0x1p60f));
    uint32_t bits;
    std::memcpy(&bits, &ac, 4);
    const int e = int((bits >> 23) & 255) - 126;  // ac in [2^(e-1), 2^e) (nice, not 0)
    const float xd = float(-98 - e) * 0.6931472f, xf = float(-123 - e) * 0.6931472f;
    k.xlim_d = xd > -87.0f ? xd : -87.0f;
    k.xlim_f = xf > -87.0f ? xf : -87.0f;
    return k;
  }
  // lambda alpha = (cm_hi + cm_lo) 2^ec exactly, cm in [1/4, 1) (the
  // exact paths').
  struct ExactConsts {
    float cm_hi, cm_lo, ec;
  };
  HWY_INLINE ExactConsts DeriveExact() const {
    ExactConsts k;
    float am, lm;
    const int ea = FrexpF(alpha, &am);
    const int el = FrexpF(scaled ? lambda : 1.0f, &lm);
    k.cm_hi = am * lm;
    k.cm_lo = std::fma(am, lm, -k.cm_hi);
    k.ec = float(ea + el);
    return k;
  }

  // lambda alpha expm1(x) for x <= 0, any parameters: (cm y) 2^(ec + ey).
  template <class D, class V = hn::Vec<D>>
  HWY_NOINLINE V LeftExact(D d, V x) const {
    const ExactConsts k = DeriveExact();
    const auto tiny = hn::Lt(hn::Abs(x), hn::Set(d, 0x1p-30f));
    Pair<D> y = Expm1PairF(d, hn::Min(hn::Max(x, hn::Set(d, -64.0f)), hn::Zero(d)));
    y.hi = hn::IfThenElse(tiny, hn::Mul(x, hn::Set(d, 0x1p64f)), y.hi);
    y.lo = hn::IfThenZeroElse(tiny, y.lo);
    const V v = Value(PairMul(d, Pair<D>{hn::Set(d, k.cm_hi), hn::Set(d, k.cm_lo)}, y));
    const V e = hn::Add(hn::Set(d, k.ec), hn::IfThenElseZero(tiny, hn::Set(d, -64.0f)));
    return ScaleWideF(d, v, e);
  }
  // dy lambda alpha e^x for x <= 0, any parameters and dy.
  template <class D, class V = hn::Vec<D>>
  HWY_NOINLINE V SlopeExact(D d, V x, V dy) const {
    const ExactConsts k = DeriveExact();
    const V xc = hn::Min(hn::Max(x, hn::Set(d, -300.0f)), hn::Zero(d));
    const ExpWide<D> e = ExpWideC(d, xc);
    const Pair<D> q = PairMul(d, Pair<D>{hn::Set(d, k.cm_hi), hn::Set(d, k.cm_lo)}, e.m);
    const auto small = hn::Lt(hn::Abs(dy), hn::Set(d, 1.0f));
    const V dyn = hn::Mul(dy, hn::IfThenElse(small, hn::Set(d, 0x1p64f), hn::Set(d, 0x1p-64f)));
    const Pair<D> pr = TwoProdF(d, q.hi, dyn);
    // an infinite dy stays infinite (its low part would be NaN)
    const V v = hn::IfThenElse(hn::Eq(hn::Abs(pr.hi), hn::Set(d, HUGE_VALF)), pr.hi,
                               hn::Add(pr.hi, hn::MulAdd(q.lo, dyn, pr.lo)));
    const V ex = hn::Add(hn::Add(e.k, hn::Set(d, k.ec)),
                         hn::IfThenElse(small, hn::Set(d, -64.0f), hn::Set(d, 64.0f)));
    return ScaleWideF(d, v, ex);
  }

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const Consts k = Derive();
    const auto positive = hn::Gt(x, hn::Zero(d));
    const V right = scaled ? hn::Mul(x, hn::Set(d, lambda)) : x;
    if (HWY_UNLIKELY(!k.nice)) return hn::IfThenElse(positive, right, LeftExact(d, x));
    V left;
    if constexpr (kC) {
      const Pair<D> y = Expm1PairF(d, hn::Max(x, hn::Set(d, -64.0f)));
      left = Value(PairMul(d, Pair<D>{hn::Set(d, k.c_hi), hn::Set(d, k.c_lo)}, y));
      const auto tiny = hn::Lt(hn::Abs(x), hn::Set(d, 0x1p-30f));
      if (HWY_UNLIKELY(!hn::AllFalse(d, tiny))) {
        // C x (1 + x/2) = C x to 2^-31, rounded once.
        const V xs = hn::Mul(x, hn::Set(d, 0x1p64f));
        const V p = hn::MulAdd(hn::Set(d, k.c_hi), xs, hn::Mul(hn::Set(d, k.c_lo), xs));
        left = hn::IfThenElse(tiny, hn::Mul(p, hn::Set(d, 0x1p-64f)), left);
      }
    } else {
      // e = s (t + t^2 P(t)) + s - 1; C e = fma(t + t^2 P, C s, C s - C).
      const V z = hn::Max(x, hn::Set(d, -0x1.154246p+4f));
      const SplitF<D> sp = SplitExpF(d, z);
      // one constant (n <= 25 here: its error n 2^-29 stays far below 2^-24 of
      // the result, fused or not)
      const V t = hn::NegMulAdd(sp.n, hn::Set(d, kLn2HiF), z);
      const V p = hn::Mul(PExpm1F(d, t), t);
      const V u = hn::MulAdd(p, t, t);
      const V c = hn::Set(d, k.c_hi);
      const V cs = hn::Mul(c, sp.s);
      left = hn::MulAdd(u, cs, hn::Sub(cs, c));
    }
    return hn::IfThenElse(positive, right, left);
  }

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const Consts k = Derive();
    const auto positive = hn::Gt(x, hn::Zero(d));
    const V right = scaled ? hn::Mul(dy, hn::Set(d, lambda)) : dy;
    if (HWY_UNLIKELY(!k.nice)) return hn::IfThenElse(positive, right, SlopeExact(d, x, dy));
    if (HWY_UNLIKELY(k.c_hi == 0.0f)) {  // slope 0: a zero signed as dy lambda alpha, also for dy = inf
      const V sign = hn::And(hn::Set(d, k.c_hi), hn::Set(d, -0.0f));
      return hn::IfThenElse(positive, right, hn::Xor(hn::And(dy, hn::Set(d, -0.0f)), sign));
    }
    V left;
    const auto far = hn::Lt(x, hn::Set(d, kC ? k.xlim_d : k.xlim_f));
    if constexpr (kC) {
      const ExpSF<D> e = ExpSplitC(d, x);
      const Pair<D> cs{hn::Mul(hn::Set(d, k.c_hi), e.s), hn::Mul(hn::Set(d, k.c_lo), e.s)};
      const Pair<D> sl = PairMul(d, cs, e.m);
      const V hi = hn::Mul(sl.hi, dy);
      const V lo = hn::MulAdd(sl.lo, dy, hn::MulSub(sl.hi, dy, hi));
      // an overflow to +-inf stays (its low part would be NaN)
      left = hn::IfThenElse(hn::Lt(hn::Abs(hi), hn::Set(d, HUGE_VALF)), hn::Add(hi, lo), hi);
    } else {
      const SplitF<D> sp = SplitExpF(d, x);
      const V t = hn::NegMulAdd(sp.n, hn::Set(d, kLn2LoCW), hn::NegMulAdd(sp.n, hn::Set(d, kLn2HiCW), x));
      const V u = hn::MulAdd(hn::Mul(PExpF<false>(d, t), t), t, t);  // e^t - 1
      const V cs = hn::Mul(hn::Set(d, k.c_hi), sp.s);
      left = hn::Mul(dy, hn::MulAdd(cs, u, cs));
    }
    if (HWY_UNLIKELY(!hn::AllFalse(d, far))) left = hn::IfThenElse(far, SlopeExact(d, x, dy), left);
    return hn::IfThenElse(positive, right, left);
  }
};
}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_ELU_ELU_LANES_INL_H_
