// softplus: log1p(e^(beta x)) / beta on vectors (beta: the activation's alpha).
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
#undef RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
#else
#define RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/plain_double_math-inl.h"
#include "kernels/smooth_math-inl.h"
#include "kernels/smooth_op-inl.h"
#include "kernels/logistic_lanes-inl.h"
#include "kernels/smooth_lanes-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

struct SoftplusMath {
  static constexpr bool kOddZero = false;
  double beta;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // max(x, 0) + log1p(exp(-|beta x|)) / beta
    const V b = hn::Set(d, beta);
    const DW<D> z = ScaledArgument(d, b, x);
    const auto negative = hn::Lt(z.hi, hn::Zero(d));
    const DW<D> minus_abs = Select<D>(negative, z, DwNeg(z));
    const ExpParts<D> parts = ExpCore(d, minus_abs);
    const DW<D> e = OnePlus(d, parts.p);
    const DW<D> log = DwDiv(d, Log1pCore(d, DwScale(d, e, parts.k)), DWOf(d, b));
    // (x huge: the logarithm is below ulp(x) / 2; x = inf stays inf)
    const V positive = hn::IfThenElse(hn::Gt(x, hn::Set(d, 0x1p900)), x, DwAdd(d, log, x).hi);
    // Far left, log1p(t) = t within 2^-58: keep the scaled form of t.
    const V tail = Scale(d, DwDiv(d, e, DWOf(d, b)).hi, parts.k);
    const auto far = hn::Lt(minus_abs.hi, hn::Set(d, -40.0));
    return hn::IfThenElse(negative, hn::IfThenElse(far, tail, log.hi), positive);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {  // dy * sigmoid(beta x)
    const Logistic<D> l = LogisticAt(d, ScaledArgument(d, hn::Set(d, beta), x));
    return ScaledProduct(d, dy, l.Sigmoid(d), l.SigmoidK());
  }
};

// max(x, 0) + log1p(e^-|beta x|) / beta
struct SoftplusF32Math {
  static constexpr bool kOddZero = false;
  double beta;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V w = hn::Mul(hn::Set(d, beta), x);  // exact: two f32 significands
    const V e = PlainExpAt(d, hn::Neg(hn::Min(hn::Abs(w), hn::Set(d, 700.0)))).Exp(d);
    // 1 / beta rounded once: a relative error of 2^-53 more.
    const V log = hn::Mul(PlainLog1p(d, e), hn::Set(d, 1.0 / beta));
    // x = +inf stays +inf; far right the logarithm is below ulp(x) / 2.
    return hn::Add(hn::Max(x, hn::Zero(d)), log);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {  // dy * sigmoid(beta x)
    const V w = Limit(d, hn::Mul(hn::Set(d, beta), x), 700);
    return hn::Mul(dy, PlainLogisticAt(d, w).Sigmoid(d));
  }
};

// log1p(E) for E = 2^k m in [0, 1], as 2^k' q: for E >= 2^-24 (k' = 0)
// 2 atanh(s) with s = E / (2 + E) (E <= sqrt2 - 1) or
// ln2 + 2 atanh((E - 1) / (E + 3)), |s| <= 0.172, atanh's series to s^11
// (truncation below 2^-30); below, E (1 - E/2) with k' = k.
template <bool kC, class D>
HWY_INLINE ScaledF<D> Log1pOfExpF(D d, const ExpF<D>& e) {
  using V = hn::Vec<D>;
  const auto tiny = hn::Lt(e.k, hn::Set(d, -24.0f));
  const V scale = Pow2F(d, hn::Max(e.k, hn::Set(d, -24.0f)));
  const Pair<D> v{hn::Mul(e.m.hi, scale), hn::Mul(e.m.lo, scale)};
  const auto upper = hn::Gt(v.hi, hn::Set(d, 0.41421356f));
  const Pair<D> num = PlusF<kC>(d, v, PairOf(d, hn::IfThenElseZero(upper, hn::Set(d, -1.0f))));
  const Pair<D> den =
      PlusF<kC>(d, v, PairOf(d, hn::IfThenElse(upper, hn::Set(d, 3.0f), hn::Set(d, 2.0f))));
  const Pair<D> s = DividePairF<kC>(d, num, den);
  const V s2 = hn::Mul(s.hi, s.hi);
  V p = hn::Set(d, 2.0f / 11);
  p = hn::MulAdd(p, s2, hn::Set(d, 2.0f / 9));
  p = hn::MulAdd(p, s2, hn::Set(d, 2.0f / 7));
  p = hn::MulAdd(p, s2, hn::Set(d, 2.0f / 5));
  p = hn::MulAdd(p, s2, hn::Set(d, 2.0f / 3));
  const V tail = hn::Mul(hn::Mul(s.hi, s2), p);  // 2 atanh(s) - 2 s
  const Pair<D> ln2{hn::IfThenElseZero(upper, hn::Set(d, kLn2HiF)),
                    hn::IfThenElseZero(upper, hn::Set(d, kLn2LoF))};
  Pair<D> log;
  if constexpr (kC) {
    const Pair<D> two_s{hn::Add(s.hi, s.hi), hn::Add(s.lo, s.lo)};
    log = PlusF<kC>(d, ln2, FastTwoSumF(d, two_s.hi, hn::Add(two_s.lo, tail)));
  } else {
    log = PairOf(d, hn::Add(ln2.hi, hn::MulAdd(s.hi, hn::Set(d, 2.0f), tail)));
  }
  // E < 2^-24: m (1 - E/2) = m - m^2 2^(k-1)
  const V half_e = hn::Mul(e.m.hi, Pow2F(d, hn::Max(hn::Sub(e.k, hn::Set(d, 1.0f)), hn::Set(d, -126.0f))));
  Pair<D> small;
  if constexpr (kC) {
    small = FastTwoSumF(d, e.m.hi, hn::NegMulAdd(e.m.hi, half_e, e.m.lo));
  } else {
    small = PairOf(d, hn::NegMulAdd(e.m.hi, half_e, e.m.hi));
  }
  return {hn::IfThenElseZero(tiny, e.k),
          {hn::IfThenElse(tiny, small.hi, log.hi), hn::IfThenElse(tiny, small.lo, log.lo)}};
}

template <bool kC>
struct SoftplusLanes {
  float beta;
  bool unit;  // beta == 1
  static SoftplusLanes Of(float beta) { return {beta, beta == 1.0f}; }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // max(x, 0) + log1p(e^-|w|) / beta, w = beta x
    const Pair<D> w = ScaledArgumentF(d, beta, unit, x);
    const Pair<D> a{hn::Neg(hn::Abs(w.hi)), hn::IfThenElse(hn::Lt(w.hi, hn::Zero(d)), w.lo, hn::Neg(w.lo))};
    ScaledF<D> log = Log1pOfExpF<kC>(d, ExpAtF<kC>(d, a));
    if (!unit) log.q = DividePairF<kC>(d, log.q, PairOf(d, hn::Set(d, beta)));
    const V left = TimesScaledF<kC>(d, log, hn::Set(d, 1.0f));
    // x > 0: x + the logarithm (below 2^-126 it no longer counts)
    const V scale = Pow2F(d, hn::Max(log.k, hn::Set(d, -126.0f)));
    const Pair<D> right = PlusF<kC>(d, PairOf(d, x), Pair<D>{hn::Mul(log.q.hi, scale), hn::Mul(log.q.lo, scale)});
    const V r = hn::IfThenElse(hn::Gt(x, hn::Zero(d)), kC ? Value(right) : right.hi, left);
    return hn::IfThenElse(hn::IsInf(x), hn::Max(x, hn::Zero(d)), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {  // dy sigma(beta x)
    const LogisticF<D> l = LogisticAtF<kC>(d, ScaledArgumentF(d, beta, unit, x), kSlopeFar);
    const V r = TimesScaledF<kC>(d, SigmoidOfF<kC>(d, l), dy);
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VALF)), hn::CopySign(hn::Zero(d), dy), r);
  }
};


template <>
struct OpBody<RECTIFY_SOFTPLUS> : SmoothBodyOfAlpha<SoftplusMath, SoftplusF32Math, SoftplusLanes> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_SOFTPLUS_SOFTPLUS_INL_H_
