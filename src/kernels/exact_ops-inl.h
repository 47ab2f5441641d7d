// Vector bodies of the exact ops, one struct per op, each the lane-wise
// mirror of reference/exact_reference.h (same operations, same order, no
// FMA), so every target returns the reference's bits.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_EXACT_OPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_EXACT_OPS_INL_H_
#undef RECTIFY_KERNELS_EXACT_OPS_INL_H_
#else
#define RECTIFY_KERNELS_EXACT_OPS_INL_H_
#endif

#include <cmath>

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/double_word-inl.h"
#include "reference/float_bits.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- NaN rules and signed zeros (reference: ApplyNaNRules, SlopeTimes) ----
template <class D, class V = hn::Vec<D>>
HWY_INLINE V VQuiet(D d, V v) {
  const hn::RebindToUnsigned<D> du;
  using U = hn::TFromD<decltype(du)>;
  return hn::BitCast(
      d, hn::Or(hn::BitCast(du, v),
                hn::Set(du, static_cast<U>(FloatBits<hn::TFromD<D>>::kQuietBit))));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V VCanonicalNaN(D d) {
  const hn::RebindToUnsigned<D> du;
  using U = hn::TFromD<decltype(du)>;
  return hn::BitCast(
      d, hn::Set(du, static_cast<U>(FloatBits<hn::TFromD<D>>::kCanonicalNaN)));
}

// A zero signed as the product a * b.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V VProductSignZero(D d, V a, V b) {
  return hn::And(hn::Xor(a, b), hn::SignBit(d));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V VNaNRules(D d, V r, V x) {
  r = hn::IfThenElse(hn::IsNaN(r), VCanonicalNaN(d), r);
  return hn::IfThenElse(hn::IsNaN(x), VQuiet(d, x), r);
}

template <class D, class V = hn::Vec<D>, class M = hn::Mask<D>>
HWY_INLINE V VNaNRules(D d, V r, V x, V dy, M uses_dy) {
  r = hn::IfThenElse(hn::IsNaN(r), VCanonicalNaN(d), r);
  r = hn::IfThenElse(hn::And(uses_dy, hn::IsNaN(dy)), VQuiet(d, dy), r);
  return hn::IfThenElse(hn::IsNaN(x), VQuiet(d, x), r);
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V VSlopeTimes(D d, V slope, V v) {
  return hn::IfThenElse(hn::Eq(slope, hn::Zero(d)),
                        VProductSignZero(d, slope, v), hn::Mul(slope, v));
}

// Each op: Tag<T> is the descriptor its loops use; Forward(d, x) and
// Backward(d, x, dy) compute one vector. T-typed parameters are members.

template <typename T>
struct ReluOp {
  using Tag = hn::ScalableTag<T>;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
#if HWY_ARCH_X86 && HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
    // Two instructions: x + 0 quiets a signaling NaN and turns -0 into +0;
    // x86's max(a, b) returns b when either is NaN or both are zero.
    return hn::Max(hn::Zero(d), hn::Add(x, hn::Zero(d)));
#else
    // The result is NaN only when x is: the NaN rules reduce to quieting x.
    const V r = hn::IfThenElseZero(hn::Gt(x, hn::Zero(d)), x);
    return hn::IfThenElse(hn::IsNaN(x), VQuiet(d, x), r);
#endif
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // NaN only through x or a used dy, so the canonical-NaN step of the
    // rules never applies.
    const auto positive = hn::Gt(x, hn::Zero(d));
    const V r = hn::IfThenElse(hn::IsNaN(dy), VQuiet(d, dy), dy);
    return hn::IfThenElse(hn::IsNaN(x), VQuiet(d, x), hn::IfThenElseZero(positive, r));
  }
};

template <typename T>
struct LeakyReluOp {
  using Tag = hn::ScalableTag<T>;
  T alpha;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    return ForwardWithSlope(d, x, hn::Set(d, alpha));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    return BackwardWithSlope(d, x, dy, hn::Set(d, alpha));
  }
  // Per-lane slopes, for PReLU over channels.
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V ForwardWithSlope(D d, V x, V slope) {
    const auto positive = hn::Gt(x, hn::Zero(d));
    return VNaNRules(d, hn::IfThenElse(positive, x, VSlopeTimes(d, slope, x)),
                     x);
  }
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V BackwardWithSlope(D d, V x, V dy, V slope) {
    const auto positive = hn::Gt(x, hn::Zero(d));
    const V r = hn::IfThenElse(positive, dy, VSlopeTimes(d, slope, dy));
    return VNaNRules(d, r, x, dy, hn::Not(hn::IsNaN(x)));
  }
};

template <typename T>
struct ClippedReluOp {
  using Tag = hn::ScalableTag<T>;
  T cap;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V vcap = hn::Set(d, cap);
#if HWY_ARCH_X86 && HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
    // As relu (x86 max/min return the second operand for a NaN), then
    // min(cap, r) keeps a NaN r; cap > 0, so no zero tie.
    return hn::Min(vcap, hn::Max(hn::Zero(d), hn::Add(x, hn::Zero(d))));
#else
    const V clipped = hn::IfThenElse(hn::Lt(x, vcap), x, vcap);
    return VNaNRules(d, hn::IfThenElseZero(hn::Gt(x, hn::Zero(d)), clipped), x);
#endif
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const auto inside =
        hn::And(hn::Gt(x, hn::Zero(d)), hn::Lt(x, hn::Set(d, cap)));
    return VNaNRules(d, hn::IfThenElseZero(inside, dy), x, dy, inside);
  }
};

template <typename T>
struct HardsigmoidOp {
  using Tag = hn::ScalableTag<T>;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V three = hn::Set(d, T(3));
    const V six = hn::Set(d, T(6));
    const auto low = hn::Lt(x, hn::Set(d, T(-1.5)));
    // One division: (x + 3) / 6 below -1.5, x / 6 + 0.5 from -1.5 on.
    const V q = hn::Div(hn::IfThenElse(low, hn::Add(x, three), x), six);
    V r = hn::IfThenElse(low, q, hn::Add(q, hn::Set(d, T(0.5))));
    r = hn::IfThenZeroElse(hn::Le(x, hn::Neg(three)), r);
    r = hn::IfThenElse(hn::Ge(x, three), hn::Set(d, T(1)), r);
    return VNaNRules(d, r, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V three = hn::Set(d, T(3));
    const auto inside = hn::And(hn::Gt(x, hn::Neg(three)), hn::Lt(x, three));
    const V r = hn::IfThenElseZero(inside, hn::Div(dy, hn::Set(d, T(6))));
    return VNaNRules(d, r, x, dy, inside);
  }
};

// The inside-(-3, 3) parts of hardswish. f32 lanes are widened to f64, so
// the f32 loops use a float descriptor with the lane count of f64.
template <typename T>
struct HardswishMath;

// f64 -> f32 rounded to nearest even, overflowing to infinity as a C++
// cast does (Highway's DemoteTo saturates to the largest float on some
// targets).
template <class DF, class DD>
HWY_INLINE hn::Vec<DF> DemoteRounded(DF df, DD dd, hn::Vec<DD> v) {
#if HWY_ARCH_X86 && HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
  // The x86 conversions (cvtpd2ps) round to nearest even and overflow to
  // infinity themselves.
  (void)dd;
  return hn::DemoteTo(df, v);
#endif
  // The smallest magnitude that rounds to infinity: 2^128 - 2^103.
  const auto overflows = hn::Ge(hn::Abs(v), hn::Set(dd, 0x1.ffffffp127));
  const auto flag = hn::DemoteTo(df, hn::IfThenElseZero(overflows, hn::Set(dd, 1.0)));
  const auto rounded = hn::DemoteTo(df, v);
  const auto infinity = hn::CopySign(hn::Set(df, HUGE_VALF), rounded);
  return hn::IfThenElse(hn::Eq(flag, hn::Set(df, 1.0f)), infinity, rounded);
}

template <>
struct HardswishMath<float> {
  using Tag = hn::Rebind<float, hn::ScalableTag<double>>;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V Inside(D d, V x) {
    const hn::Rebind<double, D> dd;
    const auto xd = hn::PromoteTo(dd, x);
    const auto r = hn::Div(hn::Mul(xd, hn::Add(xd, hn::Set(dd, 3.0))),
                           hn::Set(dd, 6.0));
    return hn::DemoteTo(d, r);
  }
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V BackwardInside(D d, V x, V dy) {
    const hn::Rebind<double, D> dd;
    const auto xd = hn::PromoteTo(dd, x);
    const auto s = hn::Add(hn::Mul(hn::Set(dd, 2.0), xd), hn::Set(dd, 3.0));
    const auto r = hn::Div(hn::Mul(hn::PromoteTo(dd, dy), s), hn::Set(dd, 6.0));
    return DemoteRounded(d, dd, r);
  }
};

template <>
struct HardswishMath<double> {
  using Tag = hn::ScalableTag<double>;
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V Inside(D d, V x) {
    return VScaledTimesDoubleWordDiv6(d, x, VFast2Sum(d, hn::Set(d, 3.0), x));
  }
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V BackwardInside(D d, V x, V dy) {
    const V s = hn::Mul(hn::Set(d, 2.0), x);
    const V finite = VScaledTimesDoubleWordDiv6(
        d, dy, VTwoSum(d, s, hn::Set(d, 3.0)));
    const V infinite = hn::Mul(dy, hn::Add(s, hn::Set(d, 3.0)));
    return hn::IfThenElse(hn::IsInf(dy), infinite, finite);
  }
};

template <typename T>
struct HardswishOp {
  using Tag = typename HardswishMath<T>::Tag;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V three = hn::Set(d, T(3));
    V r = HardswishMath<T>::Inside(d, x);
    r = hn::IfThenElse(hn::Eq(r, hn::Zero(d)),
                       VProductSignZero(d, x, hn::Set(d, T(1))), r);
    r = hn::IfThenElse(hn::Le(x, hn::Neg(three)), hn::Set(d, T(-0.0)), r);
    r = hn::IfThenElse(hn::Ge(x, three), x, r);
    return VNaNRules(d, r, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V three = hn::Set(d, T(3));
    V r = HardswishMath<T>::BackwardInside(d, x, dy);
    const V s = hn::Add(hn::Mul(hn::Set(d, T(2)), x), three);
    r = hn::IfThenElse(hn::Eq(r, hn::Zero(d)), VProductSignZero(d, dy, s), r);
    const auto below = hn::Lt(x, hn::Neg(three));
    r = hn::IfThenZeroElse(below, r);
    r = hn::IfThenElse(hn::Gt(x, three), dy, r);
    return VNaNRules(d, r, x, dy, hn::Not(below));
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_EXACT_OPS_INL_H_
