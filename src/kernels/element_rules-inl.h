// The rules every op's vector body follows (docs/semantics.md): NaN
// propagation (the lane-wise mirror of numeric/nan_rules.h), signed zeros
// of products, and f64 -> f32 rounding with overflow to infinity.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_ELEMENT_RULES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_ELEMENT_RULES_INL_H_
#undef RECTIFY_KERNELS_ELEMENT_RULES_INL_H_
#else
#define RECTIFY_KERNELS_ELEMENT_RULES_INL_H_
#endif

#include <cmath>

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "numeric/float_bits.h"

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

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_ELEMENT_RULES_INL_H_
