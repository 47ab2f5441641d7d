// mish: x tanh(softplus(x)) on vectors.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_MISH_MISH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_MISH_MISH_INL_H_
#undef RECTIFY_OPS_MISH_MISH_INL_H_
#else
#define RECTIFY_OPS_MISH_MISH_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/plain_double_math-inl.h"
#include "kernels/smooth_math-inl.h"
#include "kernels/smooth_op-inl.h"
#include "kernels/smooth_lanes-inl.h"
#include "ops/mish/mish_lanes-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

struct MishMath {
  static constexpr bool kOddZero = true;
  // With v = e^-|x| = 2^k vm (vs = v as a number):
  //   x >= 0: tanh(softplus x) = (1 + 2v) / (1 + 2v + 2v^2)
  //   x <  0: tanh(softplus x) = 2^k vm (v + 2) / (v (v + 2) + 2)
  template <class D>
  struct Parts {
    hn::Vec<D> k;
    DW<D> vm, vs;
    hn::Mask<D> negative;
  };
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE Parts<D> At(D d, V x) {
    const V xc = Clamp(d, x, -2300, 2300);
    const ExpParts<D> e = ExpCore(d, DWOf(d, hn::Neg(hn::Abs(xc))));
    const DW<D> vm = OnePlus(d, e.p);
    return {e.k, vm, DwScale(d, vm, e.k), hn::Lt(x, hn::Zero(d))};
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const Parts<D> p = At(d, x);
    const DW<D> num_r = DwAdd(d, Times(d, p.vs, 2.0), hn::Set(d, 1.0));
    const DW<D> den_r = DwAdd(d, num_r, Times(d, DwMul(d, p.vs, p.vs), 2.0));
    const DW<D> plus2 = DwAdd(d, p.vs, hn::Set(d, 2.0));
    const DW<D> den_l = DwAdd(d, DwMul(d, p.vs, plus2), hn::Set(d, 2.0));
    const DW<D> q = DwDiv(d, Select<D>(p.negative, DwMul(d, p.vm, plus2), num_r),
                          Select<D>(p.negative, den_l, den_r));
    const V r = ScaledProduct(d, x, q, hn::IfThenElseZero(p.negative, p.k));
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // x >= 0: [num den + 4x (1+v) v^2] / den^2 with num = 1 + 2v,
    //         den = num + 2v^2;
    // x <  0: vm [(v+2) den + 4x (1+v)] / den^2 with den = v (v+2) + 2.
    const Parts<D> p = At(d, x);
    const V xc = Clamp(d, x, -2300, 2300);
    const DW<D> one_plus = DwAdd(d, p.vs, hn::Set(d, 1.0));
    const DW<D> square = DwMul(d, p.vs, p.vs);
    const DW<D> num_r = DwAdd(d, Times(d, p.vs, 2.0), hn::Set(d, 1.0));
    const DW<D> den_r = DwAdd(d, num_r, Times(d, square, 2.0));
    const DW<D> top_r = DwAdd(d, DwMul(d, num_r, den_r),
                              Times(d, DwMul(d, DwMul(d, one_plus, square), xc), 4.0));
    const DW<D> plus2 = DwAdd(d, p.vs, hn::Set(d, 2.0));
    const DW<D> den_l = DwAdd(d, DwMul(d, p.vs, plus2), hn::Set(d, 2.0));
    const DW<D> top_l = DwMul(d, p.vm, DwAdd(d, DwMul(d, plus2, den_l),
                                             Times(d, DwMul(d, one_plus, xc), 4.0)));
    const DW<D> den = Select<D>(p.negative, den_l, den_r);
    DW<D> slope = DwDiv(d, Select<D>(p.negative, top_l, top_r), DwMul(d, den, den));
    V k = hn::IfThenElseZero(p.negative, p.k);
    PatchNearZero(d, DWOf(d, xc), smooth::kMishZero, smooth::kMishSlopeK0, smooth::kMishSlopeK,
                  &slope, &k);
    return ScaledProduct(d, dy, slope, k);
  }
};

// x tanh(softplus x). With v = e^-|x|:
//   x >= 0: tanh(softplus x) = (1 + 2v) / (1 + 2v + 2v^2)
//   x <  0: tanh(softplus x) = v (v + 2) / (v (v + 2) + 2)
struct MishF32Math {
  static constexpr bool kOddZero = true;
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V v = PlainExpAt(d, hn::Neg(hn::Min(hn::Abs(x), hn::Set(d, 700.0)))).Exp(d);
    const V one = hn::Set(d, 1.0);
    const V two = hn::Set(d, 2.0);
    const auto negative = hn::Lt(x, hn::Zero(d));
    const V num_r = hn::MulAdd(two, v, one);
    const V den_r = hn::MulAdd(hn::Add(v, v), v, num_r);
    const V num_l = hn::Mul(v, hn::Add(v, two));
    const V den_l = hn::Add(num_l, two);
    const V q = hn::Div(hn::IfThenElse(negative, num_l, num_r),
                        hn::IfThenElse(negative, den_l, den_r));
    const V r = hn::Mul(x, q);
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // x >= 0: [num den + 4x (1+v) v^2] / den^2, num = 1 + 2v, den = num + 2v^2
    // x <  0: v [(v+2) den + 4x (1+v)] / den^2, den = v (v+2) + 2
    const V xc = Limit(d, x, 700);
    const V v = PlainExpAt(d, hn::Neg(hn::Abs(xc))).Exp(d);
    const V one = hn::Set(d, 1.0);
    const V two = hn::Set(d, 2.0);
    const V four_x_one_plus = hn::Mul(hn::Mul(hn::Set(d, 4.0), xc), hn::Add(v, one));
    const auto negative = hn::Lt(x, hn::Zero(d));
    const V num_r = hn::MulAdd(two, v, one);
    const V den_r = hn::MulAdd(hn::Add(v, v), v, num_r);
    const V top_r = hn::MulAdd(num_r, den_r, hn::Mul(four_x_one_plus, hn::Mul(v, v)));
    const V plus2 = hn::Add(v, two);
    const V den_l = hn::MulAdd(v, plus2, two);
    const V top_l = hn::Mul(v, hn::MulAdd(plus2, den_l, four_x_one_plus));
    const V den = hn::IfThenElse(negative, den_l, den_r);
    V slope = hn::Div(hn::IfThenElse(negative, top_l, top_r), hn::Mul(den, den));
    slope = PlainPatchNearZero(d, xc, smooth::kMishZero, smooth::kMishSlopeK, slope);
    return hn::Mul(dy, slope);
  }
};

template <>
struct OpBody<RECTIFY_MISH> : SmoothBody<MishMath, MishF32Math, MishLanes> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_MISH_MISH_INL_H_
