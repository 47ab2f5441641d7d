// Vector mirror of numeric/double_word.h, lane by lane the same IEEE
// operations in the same order, so each lane gives the reference's bits.
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_DOUBLE_WORD_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_DOUBLE_WORD_INL_H_
#undef RECTIFY_KERNELS_DOUBLE_WORD_INL_H_
#else
#define RECTIFY_KERNELS_DOUBLE_WORD_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "numeric/double_word.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <class D>
struct VecPair {
  hn::Vec<D> hi;
  hn::Vec<D> lo;
};

template <class D, class V = hn::Vec<D>>
HWY_INLINE VecPair<D> VFast2Sum(D /*d*/, V a, V b) {
  const V s = hn::Add(a, b);
  return {s, hn::Sub(b, hn::Sub(s, a))};
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE VecPair<D> VTwoSum(D /*d*/, V a, V b) {
  const V s = hn::Add(a, b);
  const V bb = hn::Sub(s, a);
  return {s, hn::Add(hn::Sub(a, hn::Sub(s, bb)), hn::Sub(b, bb))};
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE VecPair<D> VSplit(D d, V a) {
  const V c = hn::Mul(hn::Set(d, dw::kSplitter), a);
  const V hi = hn::Sub(c, hn::Sub(c, a));
  return {hi, hn::Sub(a, hi)};
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE VecPair<D> VTwoProd(D d, V a, V b) {
  const V p = hn::Mul(a, b);
  const VecPair<D> as = VSplit(d, a);
  const VecPair<D> bs = VSplit(d, b);
  const V e = hn::Add(hn::Add(hn::Add(hn::Sub(hn::Mul(as.hi, bs.hi), p),
                                      hn::Mul(as.hi, bs.lo)),
                              hn::Mul(as.lo, bs.hi)),
                      hn::Mul(as.lo, bs.lo));
  return {p, e};
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V VDiv6(D d, V p, V e) {
  const V six = hn::Set(d, 6.0);
  const V q = hn::Div(p, six);
  const VecPair<D> qs = VSplit(d, q);
  const V remainder =
      hn::Sub(hn::Sub(p, hn::Mul(six, qs.hi)), hn::Mul(six, qs.lo));
  return hn::Add(q, hn::Div(hn::Add(remainder, e), six));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V VTimesDoubleWordDiv6(D d, V a, VecPair<D> w) {
  const VecPair<D> p = VTwoProd(d, a, w.hi);
  return VDiv6(d, p.hi, hn::Add(p.lo, hn::Mul(a, w.lo)));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V VScaledTimesDoubleWordDiv6(D d, V a, VecPair<D> w) {
  const V magnitude = hn::Abs(a);
  const auto big = hn::Gt(magnitude, hn::Set(d, dw::kBig));
  const auto tiny = hn::Lt(magnitude, hn::Set(d, dw::kTiny));
  const V one = hn::Set(d, 1.0);
  const V down = hn::Set(d, dw::kScaleDown);
  const V up = hn::Set(d, dw::kScaleUp);
  const V scale = hn::IfThenElse(big, down, hn::IfThenElse(tiny, up, one));
  const V unscale = hn::IfThenElse(big, up, hn::IfThenElse(tiny, down, one));
  return hn::Mul(VTimesDoubleWordDiv6(d, hn::Mul(a, scale), w), unscale);
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_DOUBLE_WORD_INL_H_
