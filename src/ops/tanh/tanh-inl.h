// tanh on vectors.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_TANH_TANH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_TANH_TANH_INL_H_
#undef RECTIFY_OPS_TANH_TANH_INL_H_
#else
#define RECTIFY_OPS_TANH_TANH_INL_H_
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

struct TanhMath {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // tanh|x| = -E / (2 + E), E = expm1(-2|x|)
    const V a = hn::Mul(hn::Set(d, -2.0), hn::Min(hn::Abs(x), hn::Set(d, 1150.0)));
    const DW<D> e = Expm1FromParts(d, ExpCore(d, DWOf(d, a)));
    const DW<D> t = DwDiv(d, DwNeg(e), DwAdd(d, e, hn::Set(d, 2.0)));
    return hn::CopySign(t.hi, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // 1 - tanh^2 x = 4 sigmoid(2x) sigmoid(-2x)
    const V w = hn::Mul(hn::Set(d, 2.0), hn::Min(hn::Abs(x), hn::Set(d, 1150.0)));
    const Logistic<D> l = LogisticAt(d, DWOf(d, w));
    const V r = ScaledProduct(d, dy, Times(d, l.Derivative(d), 4.0), l.k);
    return hn::IfThenElse(hn::IsInf(x), VProductSignZero(d, dy, hn::Zero(d)), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // dy * (1 - y)(1 + y)
    const V one = hn::Set(d, 1.0);
    const auto huge = hn::Gt(hn::Abs(y), hn::Set(d, 0x1p500));  // no y = f(x); 2 roundings
    const V safe_y = hn::IfThenElse(huge, one, y);
    const DW<D> slope = DwMul(d, VTwoSum(d, one, hn::Neg(safe_y)), VTwoSum(d, one, safe_y));
    const V plain = hn::Mul(hn::Mul(dy, hn::Sub(one, y)), hn::Add(one, y));
    return hn::IfThenElse(huge, plain, ScaledProduct(d, dy, slope, hn::Zero(d)));
  }
};

struct TanhF32Math {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // tanh|x| = -E / (2 + E), E = expm1(-2|x|)
    const V a = hn::Mul(hn::Set(d, -2.0), hn::Min(hn::Abs(x), hn::Set(d, 40.0)));
    const V e = PlainExpAt(d, a).Expm1(d);
    return hn::CopySign(hn::Div(hn::Neg(e), hn::Add(e, hn::Set(d, 2.0))), x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // 1 - tanh^2 x = 4 sigmoid(2x) sigmoid(-2x)
    const V w = hn::Mul(hn::Set(d, 2.0), hn::Min(hn::Abs(x), hn::Set(d, 350.0)));
    const V slope = hn::Mul(hn::Set(d, 4.0), PlainLogisticAt(d, w).Derivative(d));
    return TimesVanishingSlope(d, x, dy, slope);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // dy * (1 - y)(1 + y)
    const V one = hn::Set(d, 1.0);
    return hn::Mul(hn::Mul(dy, hn::Sub(one, y)), hn::Add(one, y));
  }
};

template <bool kC>
struct TanhLanes {
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    // tanh|x| = -E / (2 + E), E = expm1(-2|x|) = 2^k m - 1 (|x| clamped to
    // 10: tanh 10 rounds to 1)
    const V a = hn::Mul(hn::Set(d, -2.0f), hn::Min(hn::Abs(x), hn::Set(d, 10.0f)));
    const Pair<D> em1 = Expm1AtF<kC>(d, PairOf(d, a));
    const Pair<D> den = PlusF<kC>(d, PairOf(d, hn::Set(d, 2.0f)), em1);
    const Pair<D> q = DividePairF<kC>(d, Pair<D>{hn::Neg(em1.hi), hn::Neg(em1.lo)}, den);
    return hn::CopySign(kC ? Value(q) : q.hi, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // 1 - tanh^2 x = 4 sigma'(2x)
    const LogisticF<D> l = LogisticAtF<kC>(d, PairOf(d, hn::Add(x, x)), kSlopeFar);
    ScaledF<D> slope = LogisticSlopeOfF<kC>(d, l);
    const V four = hn::Set(d, 4.0f);
    slope.q = {hn::Mul(slope.q.hi, four), hn::Mul(slope.q.lo, four)};
    return hn::IfThenElse(hn::IsInf(x), hn::CopySign(hn::Zero(d), dy), TimesScaledF<kC>(d, slope, dy));
  }
};


template <>
struct OpBody<RECTIFY_TANH> : SmoothBody<TanhMath, TanhF32Math, TanhLanes> {
  static constexpr bool kOwnFromOutput = true;  // dy (1 - y^2)
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_TANH_TANH_INL_H_
