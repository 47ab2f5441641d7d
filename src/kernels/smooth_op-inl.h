// What the smooth ops' bodies share: pieces built on smooth_math-inl.h
// (the logistic function at a double-word, the patch near a derivative's
// zero) and SmoothOp, the wrapper through which the loops run an op's Math
// struct. Each op folder (ops/<op>/<op>-inl.h) holds two Math structs: an
// f64 one in double-word arithmetic (relative error near 2^-58 before the
// final rounding: f64 within 1 ulp, backward 2) and an f32 one in plain
// double (plain_double_math-inl.h). SmoothOp widens f32 lanes to f64,
// applies the NaN rules, keeps the sign of zero and rounds once.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_SMOOTH_OP_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_SMOOTH_OP_INL_H_
#undef RECTIFY_KERNELS_SMOOTH_OP_INL_H_
#else
#define RECTIFY_KERNELS_SMOOTH_OP_INL_H_
#endif

#include <type_traits>

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "kernels/op_body-inl.h"
#include "kernels/smooth_math-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- shared pieces ----
template <class D, class V = hn::Vec<D>>
HWY_INLINE V WithoutNaN(D d, V x) {
  return hn::IfThenElse(hn::IsNaN(x), hn::Zero(d), x);
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V Clamp(D d, V x, double lo, double hi) {
  return hn::Min(hn::Max(x, hn::Set(d, lo)), hn::Set(d, hi));
}

template <class D>
HWY_INLINE DW<D> Times(D d, DW<D> a, double power_of_two) {
  const hn::Vec<D> c = hn::Set(d, power_of_two);
  return {hn::Mul(a.hi, c), hn::Mul(a.lo, c)};
}

// beta * x as a double-word, |beta x| clamped to 2300 (where every exp
// below has underflowed); beta is positive and at most 2^32.
template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> ScaledArgument(D d, V beta, V x) {
  const V product = hn::Mul(beta, x);
  const auto far = hn::Not(hn::Le(hn::Abs(product), hn::Set(d, 2300.0)));
  const DW<D> exact = ExactProduct(d, beta, hn::IfThenZeroElse(far, x));
  return {hn::IfThenElse(far, hn::CopySign(hn::Set(d, 2300.0), x), exact.hi),
          hn::IfThenZeroElse(far, exact.lo)};
}

// The logistic function's parts at the double-word w (|w.hi| <= 2300):
// e^-|w| = 2^k e, den = 1 + e^-|w|.
template <class D>
struct Logistic {
  hn::Vec<D> k;
  DW<D> e;
  DW<D> den;
  hn::Mask<D> negative;  // w < 0

  // sigmoid(w) = 2^SigmoidK() * Sigmoid()
  HWY_INLINE DW<D> Sigmoid(D d) const {
    const DW<D> one = DWOf(d, hn::Set(d, 1.0));
    return DwDiv(d, Select<D>(negative, e, one), den);
  }
  HWY_INLINE hn::Vec<D> SigmoidK() const { return hn::IfThenElseZero(negative, k); }
  // sigmoid(w) sigmoid(-w) = 2^k * Derivative()
  HWY_INLINE DW<D> Derivative(D d) const { return DwDiv(d, e, DwMul(d, den, den)); }
  HWY_INLINE DW<D> ScaledE(D d) const { return DwScale(d, e, k); }
};

template <class D>
HWY_INLINE Logistic<D> LogisticAt(D d, DW<D> w) {
  const auto negative = hn::Lt(w.hi, hn::Zero(d));
  const DW<D> minus_abs = Select<D>(negative, w, DwNeg(w));
  const ExpParts<D> parts = ExpCore(d, minus_abs);
  const DW<D> e = OnePlus(d, parts.p);
  const DW<D> den = DwAdd(d, DwScale(d, e, parts.k), hn::Set(d, 1.0));
  return {parts.k, e, den, negative};
}

// Near the zero x0 of a derivative (smooth_coefficients.h): h K(h) with
// h = x - x0 as a double-word, accurate however small h is. `near` tells
// the lanes with |h| < kZeroRadius.
template <std::size_t N, class D>
HWY_INLINE DW<D> NearZero(D d, DW<D> x, const double (&zero)[3], const double (&k0)[2],
                          const double (&k)[N]) {
  using V = hn::Vec<D>;
  DW<D> h = VTwoSum(d, hn::Sub(x.hi, hn::Set(d, zero[0])), hn::Sub(x.lo, hn::Set(d, zero[1])));
  h = VFast2Sum(d, h.hi, hn::Sub(h.lo, hn::Set(d, zero[2])));
  V acc = hn::Set(d, k[N - 1]);
  for (std::size_t i = N - 1; i-- > 1;) acc = hn::MulAdd(acc, h.hi, hn::Set(d, k[i]));
  return DwMul(d, h, DwAdd(d, DWConst(d, k0), hn::Mul(acc, h.hi)));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE hn::Mask<D> Near(D d, V x, const double (&zero)[3]) {
  return hn::Lt(hn::Abs(hn::Sub(x, hn::Set(d, zero[0]))), hn::Set(d, smooth::kZeroRadius));
}

// slope := h K(h) and k := 0 in the lanes near the zero.
template <std::size_t N, class D>
HWY_INLINE void PatchNearZero(D d, DW<D> x, const double (&zero)[3], const double (&k0)[2],
                              const double (&coefficients)[N], DW<D>* slope, hn::Vec<D>* k) {
  const auto near = Near(d, x.hi, zero);
  if (hn::AllFalse(d, near)) return;
  *slope = Select<D>(near, NearZero(d, x, zero, k0, coefficients), *slope);
  *k = hn::IfThenZeroElse(near, *k);
}

// ---- the ops on f64 lanes ----
// Forward(d, x) and Backward(d, x, dy) return f(x) and dy * f'(x) for
// every x (NaN lanes are replaced by the wrapper, which also gives the
// backward's zero at x = -inf); FromOutput(d, y, dy) where the op has it.

// The Math struct of element type T: an op's f32 body (plain double,
// rounded once) for f32, its double-word body for f64.
template <typename T, class F64Math, class F32Math>
using SmoothMathOf = std::conditional_t<std::is_same_v<T, float>, F32Math, F64Math>;

// ---- the wrapper the loops use ----
template <class Math, class D>
HWY_INLINE hn::Vec<D> ZeroSlopeOf(const Math& math, D d) {
  if constexpr (requires { math.ZeroSlope(d); }) {
    return math.ZeroSlope(d);
  } else {
    (void)math;
    return hn::Set(d, 1.0);
  }
}

template <typename T, class Math>
struct SmoothOp {
  using Tag = hn::Rebind<T, hn::ScalableTag<double>>;
  Math math;

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const hn::Rebind<double, D> dd;
    const auto xd = WithoutNaN(dd, Widen(dd, x));
    auto r = math.Forward(dd, xd);
    if constexpr (Math::kOddZero) {
      r = hn::IfThenElse(hn::Eq(xd, hn::Zero(dd)),
                         VProductSignZero(dd, xd, ZeroSlopeOf(math, dd)), r);
    }
    return VNaNRules(d, Narrow(d, dd, r), x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const hn::Rebind<double, D> dd;
    const auto xd = WithoutNaN(dd, Widen(dd, x));
    const auto dyd = WithoutNaN(dd, Widen(dd, dy));
    auto r = math.Backward(dd, xd, dyd);
    // f'(-inf) = 0 for every smooth op: a zero signed as dy, also for an
    // infinite dy (the zero-slope rule).
    r = hn::IfThenElse(hn::Eq(xd, hn::Set(dd, -HUGE_VAL)), VProductSignZero(dd, dyd, hn::Zero(dd)), r);
    // dy is used in every lane (a NaN x wins anyway).
    return VNaNRules(d, Narrow(d, dd, r), x, dy, hn::Eq(x, x));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {
    const hn::Rebind<double, D> dd;
    const auto r = math.FromOutput(dd, WithoutNaN(dd, Widen(dd, y)), WithoutNaN(dd, Widen(dd, dy)));
    return VNaNRules(d, Narrow(d, dd, r), y, dy, hn::Eq(y, y));
  }

 private:
  template <class DD, class V>
  static HWY_INLINE hn::Vec<DD> Widen(DD dd, V v) {
    if constexpr (std::is_same_v<T, double>) {
      (void)dd;
      return v;
    } else {
      return hn::PromoteTo(dd, v);
    }
  }
  template <class D, class DD>
  static HWY_INLINE hn::Vec<D> Narrow(D d, DD dd, hn::Vec<DD> v) {
    if constexpr (std::is_same_v<T, double>) {
      (void)d;
      (void)dd;
      return v;
    } else {
      return DemoteRounded(d, dd, v);
    }
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_SMOOTH_OP_INL_H_
