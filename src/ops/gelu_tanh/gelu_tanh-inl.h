// gelu_tanh: x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2 on vectors.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_GELU_TANH_GELU_TANH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_GELU_TANH_GELU_TANH_INL_H_
#undef RECTIFY_OPS_GELU_TANH_GELU_TANH_INL_H_
#else
#define RECTIFY_OPS_GELU_TANH_GELU_TANH_INL_H_
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

struct GeluTanhMath {
  static constexpr bool kOddZero = true;
  // w = 2u = x (A + B x^2), A = 2 sqrt(2/pi), B = 0.044715 A; and w'(x).
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE DW<D> Argument(D d, V xc, DW<D>* slope) {
    const DW<D> square = ExactProduct(d, xc, xc);
    const DW<D> b_square = DwMul(d, DWConst(d, smooth::kGeluTanhB), square);
    if (slope != nullptr) {
      *slope = DwAdd(d, DwMul(d, b_square, hn::Set(d, 3.0)), DWConst(d, smooth::kGeluTanhA));
    }
    return DwMul(d, DwAdd(d, b_square, DWConst(d, smooth::kGeluTanhA)), xc);
  }
  template <class D>
  static HWY_INLINE DW<D> Limited(D d, DW<D> w) {  // |w| <= 2300
    const auto far = hn::Gt(hn::Abs(w.hi), hn::Set(d, 2300.0));
    return {Clamp(d, w.hi, -2300, 2300), hn::IfThenZeroElse(far, w.lo)};
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {  // x sigmoid(w)
    const V xc = Clamp(d, x, -60, 60);
    const DW<D> w = Limited(d, Argument(d, xc, static_cast<DW<D>*>(nullptr)));
    const Logistic<D> l = LogisticAt(d, w);
    const V r = ScaledProduct(d, x, l.Sigmoid(d), l.SigmoidK());
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // sigmoid(w) + x w' sigmoid(w) sigmoid(-w):
    //   w >= 0: (den + x w' e) / den^2;  w < 0: e (den + x w') / den^2
    const V xc = Clamp(d, x, -60, 60);
    DW<D> slope_w;
    const DW<D> w = Limited(d, Argument(d, xc, &slope_w));
    const Logistic<D> l = LogisticAt(d, w);
    const DW<D> x_slope = DwMul(d, slope_w, xc);
    const DW<D> right = DwAdd(d, l.den, DwMul(d, x_slope, l.ScaledE(d)));
    const DW<D> left = DwMul(d, l.e, DwAdd(d, l.den, x_slope));
    DW<D> slope = DwDiv(d, Select<D>(l.negative, left, right), DwMul(d, l.den, l.den));
    V k = hn::IfThenElseZero(l.negative, l.k);
    PatchNearZero(d, DWOf(d, xc), smooth::kGeluTanhZero, smooth::kGeluTanhSlopeK0,
                  smooth::kGeluTanhSlopeK, &slope, &k);
    return ScaledProduct(d, dy, slope, k);
  }
};

// x sigmoid(w), w = x (A + B x^2), A = 2 sqrt(2/pi), B = 0.044715 A.
struct GeluTanhF32Math {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V Argument(D d, V xc) {
    const V b_square = hn::Mul(hn::Set(d, smooth::kGeluTanhB[0]), hn::Mul(xc, xc));
    return hn::Mul(hn::Add(b_square, hn::Set(d, smooth::kGeluTanhA[0])), xc);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xc = Limit(d, x, 60);
    const V r = hn::Mul(x, PlainLogisticAt(d, Limit(d, Argument(d, xc), 700)).Sigmoid(d));
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // s + x w' s (1 - s), w' = A + 3 B x^2
    const V xc = Limit(d, x, 60);
    const V square = hn::Mul(xc, xc);
    const V slope_w = hn::MulAdd(hn::Set(d, 3.0 * smooth::kGeluTanhB[0]), square,
                                 hn::Set(d, smooth::kGeluTanhA[0]));
    const PlainLogistic<D> l = PlainLogisticAt(d, Limit(d, Argument(d, xc), 700));
    V slope = hn::Mul(l.Sigmoid(d),
                      hn::MulAdd(hn::Mul(xc, slope_w), l.Complement(d), hn::Set(d, 1.0)));
    slope = PlainPatchNearZero(d, xc, smooth::kGeluTanhZero, smooth::kGeluTanhSlopeK, slope);
    return hn::Mul(dy, slope);
  }
};

template <bool kC>
struct GeluTanhLanes {
  // DEFAULT (kC): BEST's f64-lane body measured faster than the compensated
  // f32 lanes (docs/performance.md, "Accuracy tiers"), and is within the bound.
  static constexpr bool kBestForward = kC;
  static constexpr bool kBestBackward = kC;

  // w = 2u = x (A + B x^2) as a pair, x clamped to [-14.2, 60] (w beyond
  // -227: every result below has underflowed; beyond 60 sigma(w) = 1).
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE Pair<D> Argument(D d, V xc) {
    const Pair<D> a = PairConst(d, smooth::kGeluTanhA);
    const Pair<D> b = PairConst(d, smooth::kGeluTanhB);
    // a pair in both tiers: e^-|w| needs w to 2^-30 relative in the tail
    const Pair<D> square = TwoProdF(d, xc, xc);
    return PairTimes(d, PlusF<true>(d, a, PairMul(d, b, square)), xc);
  }
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V Clamped(D d, V x) {
    return hn::Min(hn::Max(x, hn::Set(d, -14.2f)), hn::Set(d, 60.0f));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xc = Clamped(d, x);
    const LogisticF<D> l = LogisticAtF<kC>(d, Argument(d, xc), kSlopeFar);
    const V r = TimesScaledF<kC>(d, SigmoidOfF<kC>(d, l), xc);
    // below -14.2 the value has underflowed: -0
    return hn::IfThenElse(hn::Lt(x, xc), hn::Set(d, -0.0f), hn::IfThenElse(hn::Gt(x, xc), x, r));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // sigma(w) + g sigma'(w), g = x w'(x) = x (A + 3 B x^2)
    const V xc = Clamped(d, x);
    const LogisticF<D> l = LogisticAtF<kC>(d, Argument(d, xc), kSlopeFar);
    const Pair<D> a = PairConst(d, smooth::kGeluTanhA);
    const Pair<D> b3 = PairTimes(d, PairConst(d, smooth::kGeluTanhB), hn::Set(d, 3.0f));
    Pair<D> g;
    if constexpr (kC) {
      g = PairTimes(d, PlusF<kC>(d, a, PairMul(d, b3, TwoProdF(d, xc, xc))), xc);
    } else {
      g = PairOf(d, hn::Mul(hn::MulAdd(b3.hi, hn::Mul(xc, xc), a.hi), xc));
    }
    ScaledF<D> slope = LogisticPlusSlopeF<kC>(d, l, g);
    PatchNearZeroF<kC>(d, PairOf(d, xc), smooth::kGeluTanhZero, smooth::kGeluTanhSlopeK0,
                       smooth::kGeluTanhSlopeK, &slope);
    const V r = TimesScaledF<kC>(d, slope, dy);
    return hn::IfThenElse(hn::Gt(x, hn::Set(d, 60.0f)), hn::Mul(dy, hn::Set(d, 1.0f)), r);
  }
};

template <>
struct OpBody<RECTIFY_GELU_TANH> : SmoothBody<GeluTanhMath, GeluTanhF32Math, GeluTanhLanes> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_GELU_TANH_GELU_TANH_INL_H_
