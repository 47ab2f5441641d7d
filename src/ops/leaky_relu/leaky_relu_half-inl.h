// leaky_relu's 16-bit forward: round-to-odd products on the FMA targets,
// the table elsewhere. Same bits as the table.
// Re-included once per Highway target (foreach_target.h).
#if defined(RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_HALF_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_HALF_INL_H_
#undef RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_HALF_INL_H_
#else
#define RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_HALF_INL_H_
#endif

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "kernels/half_loops-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/op_body-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {

namespace half_loops {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET <= HWY_AVX2 && HWY_ARCH_X86
// leaky_relu without the table on the FMA targets: alpha * x is rounded
// to f32 with round-to-odd (the FMA gives the exact error of the product),
// then once to the 16-bit format; with 24 >= 11 + 2 bits that is the
// correctly rounded product (round-to-odd's double-rounding theorem).
// Vectors where some product is below 2^-100 (its FMA error could
// underflow) and calls with alpha = 0 (zero-slope rule at -inf) use the
// table. Same bits as the table.
template <HalfFormat kFormat>
HWY_INLINE void LeakyHalf(const std::uint16_t* table, float alpha, std::size_t n,
                          const std::uint16_t* x, std::uint16_t* y, bool stream) {
  const hn::ScalableTag<float> df;
  const hn::RebindToUnsigned<decltype(df)> du;
  const hn::RebindToSigned<decltype(df)> di;
  const hn::Rebind<std::uint16_t, decltype(df)> d16;
  const std::size_t lanes = hn::Lanes(df);
  std::size_t i = 0;
  if (stream) {
    for (const std::size_t head = AlignedHead(y, lanes * 2, n); i < head; ++i) y[i] = table[x[i]];
  }
  const auto a = hn::Set(df, alpha);
  const auto tiny = hn::Set(df, 0x1p-100f);
  const auto one = hn::Set(du, 1);
  const auto quiet = hn::Set(du, HalfQuietBit(kFormat));
  const auto magnitude16 = hn::Set(du, 0x7FFF);
  const auto infinity16 = hn::Set(di, static_cast<std::int32_t>(HalfInfinity(kFormat)));
  for (; i + lanes <= n; i += lanes) {
    const auto h = hn::PromoteTo(du, hn::LoadU(d16, x + i));
    const auto v = hn::BitCast(df, WidenBits<kFormat>(du, h));
    const auto p = hn::Mul(a, v);
    const auto abs_p = hn::Abs(p);
    const auto negative = hn::RebindMask(du, hn::Gt(hn::BitCast(di, h), hn::Set(di, 0x7FFF)));
    const auto is_nan = hn::RebindMask(du, hn::Gt(hn::BitCast(di, hn::And(h, magnitude16)),
                                                  infinity16));
    const auto is_zero = hn::Eq(hn::And(h, magnitude16), hn::Zero(du));
    if (!hn::AllFalse(df, hn::AndNot(hn::RebindMask(df, is_zero), hn::Lt(abs_p, tiny)))) {
      for (std::size_t j = 0; j < lanes; ++j) y[i + j] = table[x[i + j]];
      continue;
    }
    const auto error = hn::MulSub(a, v, p);  // a v - p, exact here
    const auto p_bits = hn::BitCast(du, p);
    const auto even = hn::Eq(hn::And(p_bits, one), hn::Zero(du));
    const auto inexact = hn::And(hn::Ne(error, hn::Zero(df)), hn::IsFinite(p));
    // Towards the exact product: magnitude up when error has p's sign.
    const auto up = hn::Eq(hn::And(hn::BitCast(du, hn::Xor(error, p)), hn::Set(du, 0x80000000u)),
                           hn::Zero(du));
    const auto odd = hn::IfThenElse(up, hn::Add(p_bits, one), hn::Sub(p_bits, one));
    const auto rounded_odd = hn::IfThenElse(hn::And(hn::RebindMask(du, inexact), even), odd, p_bits);
    auto r = NarrowBits<kFormat>(du, rounded_odd);
    r = hn::IfThenElse(hn::Or(negative, is_zero), r, h);  // x > 0: x itself
    r = hn::IfThenElse(is_nan, hn::Or(h, quiet), r);
    StoreOutput(d16, hn::DemoteTo(d16, hn::BitCast(di, r)), y + i, stream);
  }
  if (stream) hwy::FlushStream();
  for (; i < n; ++i) y[i] = table[x[i]];
}
#endif

}  // namespace half_loops

template <>
struct OpHalfForward<RECTIFY_LEAKY_RELU> {
  template <HalfFormat kFormat>
  static void Run(const OpParams& params, const CallContext& context, std::size_t n,
                  const void* x, void* y) {
    const auto* table = static_cast<const std::uint16_t*>(context.table);
    const auto* x16 = static_cast<const std::uint16_t*>(x);
    auto* y16 = static_cast<std::uint16_t*>(y);
    const float alpha = static_cast<float>(params.alpha);
#if HWY_TARGET <= HWY_AVX2 && HWY_ARCH_X86
    if (alpha != 0.0f) {
      return half_loops::LeakyHalf<kFormat>(table, alpha, n, x16, y16, context.stream);
    }
#endif
    (void)alpha;
    half_loops::LookupHalf(table, n, x16, y16, context.stream);
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_OPS_LEAKY_RELU_LEAKY_RELU_HALF_INL_H_
