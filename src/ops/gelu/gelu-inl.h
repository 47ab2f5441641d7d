// gelu: x Phi(x) on vectors (f64: double-word GeluMath; f32: GeluF32Math).
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_GELU_GELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_GELU_GELU_INL_H_
#undef RECTIFY_OPS_GELU_GELU_INL_H_
#else
#define RECTIFY_OPS_GELU_GELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"
#include "kernels/plain_double_math-inl.h"
#include "kernels/smooth_math-inl.h"
#include "kernels/smooth_op-inl.h"
#include "kernels/smooth_lanes-inl.h"
#include "ops/gelu/gelu_lanes-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

struct GeluMath {
  static constexpr bool kOddZero = true;
  // Phi(x) = 2^k * m, from erf near 0 and erfc beyond |x| / sqrt(2) = 1/2.
  template <class D>
  struct Cdf {
    hn::Vec<D> k;
    DW<D> m;
  };
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE DW<D> OverSqrt2(D d, V x) {
    return DwMul(d, DWConst(d, smooth::kInvSqrt2), x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V xc = Clamp(d, x, -60, 60);
    const DW<D> u = OverSqrt2(d, xc);
    const auto small = hn::Lt(hn::Abs(u.hi), hn::Set(d, 0.5));
    DW<D> m = DWOf(d, hn::Zero(d));
    V k = hn::Zero(d);
    if (!hn::AllFalse(d, small)) {
      m = DwAdd(d, DwHalf(d, ErfSmall(d, u)), hn::Set(d, 0.5));
    }
    if (!hn::AllTrue(d, small)) {
      const auto negative = hn::Lt(u.hi, hn::Zero(d));
      const DW<D> z = Select<D>(negative, DwNeg(u), u);
      const ErfcParts<D> c = ErfcCore(d, z);
      const DW<D> half_erfc = DwHalf(d, DwMul(d, c.e, c.f));
      const DW<D> right = DwAdd(d, DwNeg(DwScale(d, half_erfc, c.k)), hn::Set(d, 1.0));
      m = Select<D>(small, m, Select<D>(negative, half_erfc, right));
      k = hn::IfThenElse(hn::AndNot(small, negative), c.k, k);
    }
    const V r = ScaledProduct(d, x, m, k);
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // Phi(x) + x phi(x), phi(x) = exp(-x^2/2) / sqrt(2 pi)
    const V xc = Clamp(d, x, -60, 60);
    const DW<D> u = OverSqrt2(d, xc);
    const DW<D> c_phi = DWConst(d, smooth::kInvSqrt2Pi);
    const auto small = hn::Lt(hn::Abs(u.hi), hn::Set(d, 0.5));
    DW<D> m = DWOf(d, hn::Zero(d));
    V k = hn::Zero(d);
    if (!hn::AllFalse(d, small)) {
      const DW<D> cdf = DwAdd(d, DwHalf(d, ErfSmall(d, u)), hn::Set(d, 0.5));
      const DW<D> square = DwMul(d, u, u);
      const ExpParts<D> parts = ExpCore(d, DwNeg(square));
      const DW<D> pdf = DwMul(d, DwScale(d, OnePlus(d, parts.p), parts.k), c_phi);
      m = DwAdd(d, cdf, DwMul(d, pdf, xc));
    }
    if (!hn::AllTrue(d, small)) {
      const auto negative = hn::Lt(u.hi, hn::Zero(d));
      const DW<D> z = Select<D>(negative, DwNeg(u), u);
      const ErfcParts<D> c = ErfcCore(d, z);
      const DW<D> x_phi = DwMul(d, c_phi, xc);
      // x < 0: 2^k e (F/2 + x c);  x > 0: 1 + 2^k e (x c - F/2)
      const DW<D> left = DwMul(d, c.e, DwAdd(d, DwHalf(d, c.f), x_phi));
      const DW<D> inner = DwMul(d, c.e, DwSub(d, x_phi, DwHalf(d, c.f)));
      const DW<D> right = DwAdd(d, DwScale(d, inner, c.k), hn::Set(d, 1.0));
      m = Select<D>(small, m, Select<D>(negative, left, right));
      k = hn::IfThenElse(hn::AndNot(small, negative), c.k, k);
    }
    PatchNearZero(d, DWOf(d, xc), smooth::kGeluZero, smooth::kGeluSlopeK0, smooth::kGeluSlopeK,
                  &m, &k);
    return ScaledProduct(d, dy, m, k);
  }
};

// x Phi(x). With z = |x| / sqrt(2): Phi(-|x|) = erfc(z) / 2 and
// erfc(z) = exp(-x^2/2) F(z) for z >= 1/2 (F from the piecewise fit in
// smooth_coefficients.h; x^2/2 is exact for an f32 x), erf(z) from its
// series below.
struct GeluF32Math {
  static constexpr bool kOddZero = true;

  // F(z) for z in [1/2, 32): the f32 fit of smooth_coefficients.h (six
  // binade pieces of degree kErfcF32Degree, relative error below 2^-47).
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE V ErfcScaled(D d, V z) {
    const hn::RebindToSigned<D> di;
    auto piece = hn::Sub(hn::ShiftRight<52>(hn::BitCast(di, z)), hn::Set(di, 1022));
    piece = hn::Min(hn::Max(piece, hn::Zero(di)), hn::Set(di, smooth::kErfcF32Pieces - 1));
    const auto row = [&](const double (&table)[8]) HWY_ATTR -> V {
      if constexpr (hn::MaxLanes(D()) >= 8) {
        return hn::TableLookupLanes(hn::LoadU(d, table), hn::IndicesFromVec(d, piece));
      } else {
        return hn::GatherIndex(d, table, piece);
      }
    };
    // (z - centre) / half-width, exactly: the inverse is a power of two.
    const V v = hn::Mul(hn::Sub(z, row(smooth::kErfcF32Centre)), row(smooth::kErfcF32InvHalf));
    V acc = row(smooth::kErfcF32[smooth::kErfcF32Degree]);
    for (int i = smooth::kErfcF32Degree - 1; i >= 0; --i) {
      acc = hn::MulAdd(acc, v, row(smooth::kErfcF32[i]));
    }
    return acc;
  }

  // Phi(x) and exp(-x^2/2) for |x| clamped to 37 (where exp(-x^2/2) is
  // still a normal double; Phi(37) is 1 and Phi(-37) below 2^-990).
  template <class D>
  struct Tail {
    hn::Vec<D> cdf;       // Phi(x)
    hn::Vec<D> gaussian;  // exp(-x^2/2)
  };
  template <class D, class V = hn::Vec<D>>
  static HWY_INLINE Tail<D> At(D d, V x) {
    const V xc = Limit(d, x, 37);
    const V half_square = hn::Mul(hn::Mul(xc, xc), hn::Set(d, 0.5));  // exact
    const V gaussian = PlainExpAt(d, hn::Neg(half_square)).Exp(d);
    const V z = hn::Mul(hn::Abs(xc), hn::Set(d, smooth::kInvSqrt2[0]));
    const auto small = hn::Lt(z, hn::Set(d, 0.5));
    V cdf = hn::Zero(d);
    if (!hn::AllFalse(d, small)) {
      // Phi(x) = 1/2 + erf(x / sqrt 2) / 2, erf(u) = u (c0 + c1 w + w^2 E(w))
      const V u = hn::Mul(xc, hn::Set(d, smooth::kInvSqrt2[0]));
      const V w = half_square;  // u^2
      const V series = hn::MulAdd(hn::Mul(w, w), Polynomial(d, w, smooth::kErfE),
                                  hn::MulAdd(w, hn::Set(d, smooth::kErfC1[0]),
                                             hn::Set(d, smooth::kTwoOverSqrtPi[0])));
      cdf = hn::MulAdd(hn::Mul(u, series), hn::Set(d, 0.5), hn::Set(d, 0.5));
    }
    if (!hn::AllTrue(d, small)) {
      const V lower = hn::Mul(hn::Mul(gaussian, ErfcScaled(d, z)), hn::Set(d, 0.5));
      const V tail = hn::IfThenElse(hn::Lt(x, hn::Zero(d)), lower, hn::Sub(hn::Set(d, 1.0), lower));
      cdf = hn::IfThenElse(small, cdf, tail);
    }
    return {cdf, gaussian};
  }

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    const V r = hn::Mul(x, At(d, x).cdf);
    return hn::IfThenElse(hn::Eq(x, hn::Set(d, -HUGE_VAL)), hn::Set(d, -0.0), r);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    // Phi(x) + x phi(x), phi(x) = exp(-x^2/2) / sqrt(2 pi)
    const Tail<D> t = At(d, x);
    const V xc = Limit(d, x, 37);
    V slope = hn::MulAdd(hn::Mul(xc, t.gaussian), hn::Set(d, smooth::kInvSqrt2Pi[0]), t.cdf);
    slope = PlainPatchNearZero(d, xc, smooth::kGeluZero, smooth::kGeluSlopeK, slope);
    return hn::Mul(dy, slope);
  }
};

template <>
struct OpBody<RECTIFY_GELU> : SmoothBody<GeluMath, GeluF32Math, GeluLanes> {};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_GELU_GELU_INL_H_
