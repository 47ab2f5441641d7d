// elu: x > 0 ? x : alpha expm1(x) on vectors (f64: double-word EluMath;
// f32: EluF32Math in plain double), also selu's body (ops/selu).
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_ELU_ELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_ELU_ELU_INL_H_
#undef RECTIFY_OPS_ELU_ELU_INL_H_
#else
#define RECTIFY_OPS_ELU_ELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/plain_double_math-inl.h"
#include "kernels/smooth_math-inl.h"
#include "kernels/smooth_op-inl.h"
#include "kernels/smooth_lanes-inl.h"
#include "ops/elu/elu_lanes-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// elu (lambda = 1) and selu: x > 0 ? lambda x : lambda alpha expm1(x).
struct EluMath {
  static constexpr bool kOddZero = true;  // the zero's sign: x * lambda alpha
  double alpha;
  double lambda;
  bool scaled;  // selu
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xc = hn::Max(x, hn::Set(d, -2300.0));
    DW<D> e = Expm1FromParts(d, ExpCore(d, DWOf(d, hn::Min(xc, hn::Zero(d)))));
    const V la = hn::Set(d, alpha);
    V left;
    V right = x;
    if (scaled) {
      // expm1(x) = x for tiny x: keep alpha expm1(x) out of the subnormals.
      const auto tiny = hn::Lt(hn::Abs(e.hi), hn::Set(d, 0x1p-900));
      e = DwScale(d, e, hn::IfThenElseZero(tiny, hn::Set(d, 128.0)));
      const V k = hn::IfThenElseZero(tiny, hn::Set(d, -128.0));
      left = ScaledProduct(d, hn::Set(d, lambda), DwMul(d, e, la), k);
      right = hn::Mul(hn::Set(d, lambda), x);
    } else {
      left = ScaledProduct(d, la, e, hn::Zero(d));
    }
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, left);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V xc = hn::Min(hn::Max(x, hn::Set(d, -2300.0)), hn::Zero(d));
    const ExpParts<D> parts = ExpCore(d, DWOf(d, xc));
    DW<D> slope = DwMul(d, OnePlus(d, parts.p), hn::Set(d, alpha));
    V right = dy;
    if (scaled) {
      slope = DwMul(d, slope, hn::Set(d, lambda));
      right = hn::Mul(dy, hn::Set(d, lambda));
    }
    const V left = ScaledProduct(d, dy, slope, parts.k);
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, left);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // elu, alpha > 0
    // y < -2^1000 is no elu output: dy (y + alpha) with two roundings.
    const auto huge = hn::Lt(y, hn::Set(d, -0x1p1000));
    const V safe_y = hn::IfThenElse(huge, hn::Zero(d), y);
    const V left = ScaledProduct(d, dy, VTwoSum(d, safe_y, hn::Set(d, alpha)), hn::Zero(d));
    const V plain = hn::Mul(dy, hn::Add(y, hn::Set(d, alpha)));
    return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), dy, hn::IfThenElse(huge, plain, left));
  }
  template <class D>
  HWY_INLINE hn::Vec<D> ZeroSlope(D d) const {
    return hn::Set(d, scaled ? lambda * alpha : alpha);
  }
};

// elu (lambda = 1) and selu: x > 0 ? lambda x : lambda alpha expm1(x).
struct EluF32Math {
  static constexpr bool kOddZero = true;  // the zero's sign: x * lambda alpha
  double alpha;
  double lambda;
  bool scaled;  // selu
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V e = PlainExpAt(d, hn::Min(hn::Max(x, hn::Set(d, -700.0)), hn::Zero(d))).Expm1(d);
    // alpha expm1(x) first: lambda alpha is not one f32 product.
    V left = hn::Mul(hn::Set(d, alpha), e);
    V right = x;
    if (scaled) {
      left = hn::Mul(hn::Set(d, lambda), left);
      right = hn::Mul(hn::Set(d, lambda), x);  // exact
    }
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, left);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    const V xc = hn::Min(hn::Max(x, hn::Set(d, -700.0)), hn::Zero(d));
    V slope = hn::Mul(PlainExpAt(d, xc).Exp(d), hn::Set(d, alpha));
    V right = dy;
    if (scaled) {
      slope = hn::Mul(slope, hn::Set(d, lambda));
      right = hn::Mul(dy, hn::Set(d, lambda));
    }
    return hn::IfThenElse(hn::Gt(x, hn::Zero(d)), right, hn::Mul(dy, slope));
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {  // elu, alpha > 0
    const V left = hn::Mul(dy, hn::Add(y, hn::Set(d, alpha)));
    return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), dy, left);
  }
  template <class D>
  HWY_INLINE hn::Vec<D> ZeroSlope(D d) const {
    return hn::Set(d, scaled ? lambda * alpha : alpha);
  }
};

// The body of elu (scaled false) or selu at tier kTier for element type T:
// its Math of (alpha, lambda, scaled), and EluLanes of the same parameters.
template <typename T, Tier kTier>
HWY_INLINE auto EluBodyOf(double alpha, double lambda, bool scaled) {
  using Math = SmoothMathOf<T, EluMath, EluF32Math>;
  const Math math{alpha, lambda, scaled};
  return TieredMake<T, kTier>(math, [&](auto compensated) {
    return EluLanes<decltype(compensated)::value>{static_cast<float>(alpha),
                                                  static_cast<float>(lambda), scaled};
  });
}

template <>
struct OpBody<RECTIFY_ELU> : TieredSmoothBody {
  static constexpr bool kOwnFromOutput = true;  // dy * (y + alpha) for x <= 0
  template <typename T, Tier kTier>
  static auto Make(const OpParams& params) {
    return EluBodyOf<T, kTier>(RoundedParam<T>(params.alpha), 1.0, false);
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_ELU_ELU_INL_H_
