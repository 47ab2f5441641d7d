// Building blocks of the smooth ops on f64 lanes: double-word arithmetic,
// exp/expm1, log1p and erfc with about 2^-58 relative error, and exact
// scaling by 2^k. Every f64 Math struct of the smooth ops (ops/<op>/<op>-inl.h) is made of these.
//
// Reproducibility: the same operations in the same order on every target;
// products that must be exact use FMA where the target has it
// (HWY_NATIVE_FMA: AVX2, AVX3, AVX3_DL give identical bits) and Dekker's
// product elsewhere. Polynomials are Horner chains of MulAdd, which is fused
// on FMA targets and two roundings on the others (the error bounds below
// hold for both).
// Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_SMOOTH_MATH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_SMOOTH_MATH_INL_H_
#undef RECTIFY_KERNELS_SMOOTH_MATH_INL_H_
#else
#define RECTIFY_KERNELS_SMOOTH_MATH_INL_H_
#endif

#include <cstdint>

#include "hwy/highway.h"
#include "kernels/double_word-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/smooth_coefficients.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// An unevaluated sum hi + lo with |lo| <= ulp(hi) / 2 (after Normalize).
template <class D>
using DW = VecPair<D>;

template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> DWConst(D d, const double (&c)[2]) {
  return {hn::Set(d, c[0]), hn::Set(d, c[1])};
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> DWOf(D d, V v) {
  return {v, hn::Zero(d)};
}

// a * b = p + e exactly (|a|, |b| < 2^996 without FMA; e is inexact only
// when the product is near the subnormal range).
template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> ExactProduct(D d, V a, V b) {
#if HWY_NATIVE_FMA
  (void)d;
  const V p = hn::Mul(a, b);
  return {p, hn::MulSub(a, b, p)};
#else
  return VTwoProd(d, a, b);
#endif
}

template <class D, class M = hn::Mask<D>>
HWY_INLINE DW<D> Select(M mask, DW<D> yes, DW<D> no) {
  return {hn::IfThenElse(mask, yes.hi, no.hi), hn::IfThenElse(mask, yes.lo, no.lo)};
}

template <class D>
HWY_INLINE DW<D> Normalize(D d, DW<D> a) {
  return VFast2Sum(d, a.hi, a.lo);
}

template <class D>
HWY_INLINE DW<D> DwNeg(DW<D> a) {
  return {hn::Neg(a.hi), hn::Neg(a.lo)};
}

// a + b, relative error about 2^-104 (any signs).
template <class D>
HWY_INLINE DW<D> DwAdd(D d, DW<D> a, DW<D> b) {
  DW<D> s = VTwoSum(d, a.hi, b.hi);
  const DW<D> t = VTwoSum(d, a.lo, b.lo);
  s = VFast2Sum(d, s.hi, hn::Add(s.lo, t.hi));
  return VFast2Sum(d, s.hi, hn::Add(s.lo, t.lo));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> DwAdd(D d, DW<D> a, V b) {
  const DW<D> s = VTwoSum(d, a.hi, b);
  return VFast2Sum(d, s.hi, hn::Add(s.lo, a.lo));
}

template <class D>
HWY_INLINE DW<D> DwSub(D d, DW<D> a, DW<D> b) {
  return DwAdd(d, a, DwNeg(b));
}

template <class D>
HWY_INLINE DW<D> DwMul(D d, DW<D> a, DW<D> b) {
  const DW<D> p = ExactProduct(d, a.hi, b.hi);
  const hn::Vec<D> cross = hn::MulAdd(a.lo, b.hi, hn::Mul(a.hi, b.lo));
  return VFast2Sum(d, p.hi, hn::Add(p.lo, cross));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> DwMul(D d, DW<D> a, V b) {
  const DW<D> p = ExactProduct(d, a.hi, b);
  return VFast2Sum(d, p.hi, hn::MulAdd(a.lo, b, p.lo));
}

// a / b, relative error about 2^-100 (b.hi not zero, no overflow).
template <class D>
HWY_INLINE DW<D> DwDiv(D d, DW<D> a, DW<D> b) {
  using V = hn::Vec<D>;
  const V q1 = hn::Div(a.hi, b.hi);
  const DW<D> p = DwMul(d, b, q1);
  // a - p: a.hi - p.hi is exact (p.hi is within an ulp of a.hi).
  const V r = hn::Add(hn::Sub(a.hi, p.hi), hn::Sub(a.lo, p.lo));
  return VFast2Sum(d, q1, hn::Div(r, b.hi));
}

template <class D>
HWY_INLINE DW<D> DwHalf(D d, DW<D> a) {
  const hn::Vec<D> half = hn::Set(d, 0.5);
  return {hn::Mul(a.hi, half), hn::Mul(a.lo, half)};
}

// Horner's rule for c[0] + c[1] v + ... with the coefficients in an array.
template <std::size_t N, class D, class V = hn::Vec<D>>
HWY_INLINE V Polynomial(D d, V v, const double (&c)[N]) {
  V acc = hn::Set(d, c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) acc = hn::MulAdd(acc, v, hn::Set(d, c[i]));
  return acc;
}

// ---- 2^k for integral k with |k| <= 3900 ----
template <class D, class V = hn::Vec<D>>
HWY_INLINE V PowerOfTwo(D d, V k) {  // |k| <= 1000
  const hn::RebindToSigned<D> di;
  const auto biased = hn::Add(hn::ConvertTo(di, k), hn::Set(di, 1023));
  return hn::BitCast(d, hn::ShiftLeft<52>(biased));
}

// v * 2^k, rounded once unless an intermediate underflows (then the extra
// error is below 2^-1075 * 2^-250 in absolute value).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V Scale(D d, V v, V k) {
  const V quarter = hn::Floor(hn::Mul(k, hn::Set(d, 0.25)));
  const V rest = hn::Sub(k, hn::Mul(quarter, hn::Set(d, 3.0)));
  const V step = PowerOfTwo(d, quarter);
  return hn::Mul(hn::Mul(hn::Mul(hn::Mul(v, step), step), step), PowerOfTwo(d, rest));
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE DW<D> DwScale(D d, DW<D> a, V k) {
  return {Scale(d, a.hi, k), Scale(d, a.lo, k)};
}

// a * m * 2^k rounded about once (error below 0.5 ulp + 2^-100 relative)
// for any finite a and m. Huge factors are scaled down (out of the way of
// Dekker's splitting and of overflow) and tiny ones up (so that no step
// before the final scaling rounds in the subnormal range).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V ScaledProduct(D d, V a, DW<D> m, V k) {
  // Factors outside [2^-500, 2^500] move by 2^-+600 into it, so the product
  // lies in [2^-1000, 2^1000].
  const V big = hn::Set(d, 0x1p500);
  const V small = hn::Set(d, 0x1p-500);
  const V down = hn::Set(d, 0x1p-600);
  const V up = hn::Set(d, 0x1p600);
  const V one = hn::Set(d, 1.0);
  const V shift = hn::Set(d, 600.0);
  const auto huge_a = hn::Gt(hn::Abs(a), big);
  const auto tiny_a = hn::Lt(hn::Abs(a), small);
  a = hn::Mul(a, hn::IfThenElse(huge_a, down, hn::IfThenElse(tiny_a, up, one)));
  k = hn::IfThenElse(huge_a, hn::Add(k, shift), hn::IfThenElse(tiny_a, hn::Sub(k, shift), k));
  const auto huge_m = hn::Gt(hn::Abs(m.hi), big);
  const auto tiny_m = hn::Lt(hn::Abs(m.hi), small);
  const V m_scale = hn::IfThenElse(huge_m, down, hn::IfThenElse(tiny_m, up, one));
  m = {hn::Mul(m.hi, m_scale), hn::Mul(m.lo, m_scale)};
  k = hn::IfThenElse(huge_m, hn::Add(k, shift), hn::IfThenElse(tiny_m, hn::Sub(k, shift), k));
  // Beyond |k| = 3900 every result has overflowed or underflowed.
  k = hn::Min(hn::Max(k, hn::Set(d, -3900.0)), hn::Set(d, 3900.0));
  const DW<D> p = ExactProduct(d, hn::IfThenZeroElse(hn::IsInf(a), a), m.hi);
  V sum = hn::Add(p.hi, hn::MulAdd(a, m.lo, p.lo));
  // A zero product keeps its sign (p.lo and a m.lo would make it +0).
  sum = hn::IfThenElse(hn::Eq(p.hi, hn::Zero(d)), p.hi, sum);
  // An infinite a: inf * m, or the signed zero of the zero-slope rule.
  const V infinite = hn::IfThenElse(hn::Eq(m.hi, hn::Zero(d)),
                                    hn::And(hn::Xor(a, m.hi), hn::SignBit(d)), hn::Mul(a, m.hi));
  return hn::IfThenElse(hn::IsInf(a), infinite, Scale(d, sum, k));
}

// ---- exp ----
// exp(x) = 2^k (1 + p) for the double-word x (|x.hi| <= 2300), with p the
// double-word expm1 of the reduced argument |r| <= ln2/2 + 2^-12; relative
// error of 1 + p and of p itself below 2^-58.
template <class D>
struct ExpParts {
  hn::Vec<D> k;
  DW<D> p;
};

template <class D>
HWY_INLINE ExpParts<D> ExpCore(D d, DW<D> x) {
  using V = hn::Vec<D>;
  const V k = hn::Round(hn::Mul(x.hi, hn::Set(d, smooth::kInvLn2)));
  // Cody and Waite: k * kLn2Part1 and k * kLn2Part2 are exact (42-bit
  // parts, |k| < 2^12), the first difference is exact by Sterbenz.
  const V s = hn::NegMulAdd(k, hn::Set(d, smooth::kLn2Parts[0]), x.hi);
  DW<D> r = VTwoSum(d, s, hn::Neg(hn::Mul(k, hn::Set(d, smooth::kLn2Parts[1]))));
  r.lo = hn::Add(r.lo, hn::NegMulAdd(k, hn::Set(d, smooth::kLn2Parts[2]), x.lo));
  r = Normalize(d, r);
  // expm1(r) = r + r^2/2 + r^3 Q(r)
  const V q = Polynomial(d, r.hi, smooth::kExpm1Q);
  const DW<D> square = ExactProduct(d, r.hi, r.hi);
  const V half_hi = hn::Mul(square.hi, hn::Set(d, 0.5));
  const V half_lo = hn::MulAdd(r.hi, r.lo, hn::Mul(square.lo, hn::Set(d, 0.5)));
  const V cubic = hn::Mul(hn::Mul(r.hi, square.hi), q);
  const DW<D> lead = VFast2Sum(d, r.hi, half_hi);
  const V tail = hn::Add(hn::Add(lead.lo, r.lo), hn::Add(half_lo, cubic));
  return {k, VFast2Sum(d, lead.hi, tail)};
}

template <class D>
HWY_INLINE DW<D> OnePlus(D d, DW<D> p) {  // |p.hi| <= 1
  return DwAdd(d, DW<D>{hn::Set(d, 1.0), hn::Zero(d)}, p);
}

// expm1(x) for the parts of exp(x): 2^k (1 + p) - 1, double-word.
template <class D>
HWY_INLINE DW<D> Expm1FromParts(D d, const ExpParts<D>& e) {
  const hn::Vec<D> two_k = Scale(d, hn::Set(d, 1.0), e.k);
  const DW<D> base = VTwoSum(d, two_k, hn::Set(d, -1.0));
  return DwAdd(d, base, DwScale(d, e.p, e.k));
}

// ---- log1p ----
// log1p(t) for the double-word t in [0, 1] (t.lo may be subnormal),
// relative error below 2^-58.
template <class D>
HWY_INLINE DW<D> Log1pCore(D d, DW<D> t) {
  using V = hn::Vec<D>;
  // 1 + t above sqrt(2): log1p(t) = ln2 + log1p(f) with f = (t - 1) / 2;
  // else f = t itself (never 1 + t - 1, which would lose t's low bits).
  const auto above = hn::Gt(t.hi, hn::Set(d, 0x1.a827999fcef32p-2));  // sqrt(2) - 1
  const DW<D> f = Select<D>(above, DwHalf(d, DwAdd(d, t, hn::Set(d, -1.0))), t);
  // log1p(f) = 2s + s^3 R(s^2), s = f / (2 + f)
  const DW<D> s = DwDiv(d, f, DwAdd(d, f, hn::Set(d, 2.0)));
  const V w = hn::Mul(s.hi, s.hi);
  const V tail = hn::Mul(hn::Mul(s.hi, w), Polynomial(d, w, smooth::kLog1pR));
  const DW<D> log_f = VFast2Sum(d, hn::Add(s.hi, s.hi), hn::MulAdd(s.lo, hn::Set(d, 2.0), tail));
  const DW<D> ln2 = DWConst(d, smooth::kLn2);
  const DW<D> shift = {hn::IfThenElseZero(above, ln2.hi), hn::IfThenElseZero(above, ln2.lo)};
  return DwAdd(d, log_f, shift);
}

// ---- erf and erfc ----
// erf(z) for |z.hi| <= 1/2, double-word, relative error below 2^-60:
// z (c0 + c1 w + w^2 E(w)) with w = z^2, the first two terms double-word.
template <class D>
HWY_INLINE DW<D> ErfSmall(D d, DW<D> z) {
  using V = hn::Vec<D>;
  const DW<D> square = ExactProduct(d, z.hi, z.hi);
  const DW<D> w = VFast2Sum(d, square.hi, hn::MulAdd(hn::Add(z.hi, z.hi), z.lo, square.lo));
  const V tail = hn::Mul(hn::Mul(w.hi, w.hi), Polynomial(d, w.hi, smooth::kErfE));
  const DW<D> linear = DwMul(d, DWConst(d, smooth::kErfC1), w);
  const DW<D> sum = DwAdd(d, DwAdd(d, DWConst(d, smooth::kTwoOverSqrtPi), linear), tail);
  return DwMul(d, sum, z);
}

// erfc(z) = 2^k * e * F for z.hi in [1/2, 43]: e = exp(-z^2) / 2^k as a
// double-word near 1, F = exp(z^2) erfc(z) from the piecewise polynomial.
template <class D>
struct ErfcParts {
  hn::Vec<D> k;
  DW<D> e;
  DW<D> f;
};

template <class D>
HWY_INLINE ErfcParts<D> ErfcCore(D d, DW<D> z) {
  using V = hn::Vec<D>;
  const hn::RebindToSigned<D> di;
  using VI = hn::Vec<decltype(di)>;
  // Piece j covers [2^(j-1), 2^j): j from the biased exponent.
  VI piece = hn::Sub(hn::ShiftRight<52>(hn::BitCast(di, z.hi)), hn::Set(di, 1022));
  piece = hn::Min(hn::Max(piece, hn::Zero(di)), hn::Set(di, smooth::kErfcPieces - 1));
  const V centre = hn::GatherIndex(d, smooth::kErfcCentre, piece);
  const V half = hn::GatherIndex(d, smooth::kErfcHalf, piece);
  const V v = hn::Div(hn::Sub(z.hi, centre), half);  // both steps exact
  V acc = hn::GatherIndex(d, smooth::kErfcF[smooth::kErfcDegree], piece);
  for (int i = smooth::kErfcDegree - 1; i >= 2; --i) {
    acc = hn::MulAdd(acc, v, hn::GatherIndex(d, smooth::kErfcF[i], piece));
  }
  DW<D> f = DWOf(d, acc);
  for (int i = 1; i >= 0; --i) {
    const DW<D> c = {hn::GatherIndex(d, smooth::kErfcF[i], piece),
                     hn::GatherIndex(d, smooth::kErfcFLow[i], piece)};
    f = DwAdd(d, DwMul(d, f, v), c);
  }
  // F(z.hi + z.lo) = F(z.hi) + z.lo F'(z.hi), F' = 2 z F - 2 / sqrt(pi).
  const V slope = hn::MulSub(hn::Add(z.hi, z.hi), f.hi, hn::Set(d, smooth::kTwoOverSqrtPi[0]));
  f = DwAdd(d, f, hn::Mul(z.lo, slope));
  // exp(-z^2)
  const DW<D> square = ExactProduct(d, z.hi, z.hi);
  const DW<D> z2 = VFast2Sum(d, square.hi, hn::MulAdd(hn::Add(z.hi, z.hi), z.lo, square.lo));
  const ExpParts<D> e = ExpCore(d, DwNeg(z2));
  return {e.k, OnePlus(d, e.p), f};
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_SMOOTH_MATH_INL_H_
