// The per-target kernels of the 16-bit and int8 dtypes: table lookups
// (y = table[x], the 16-bit and quantized forward), and the exact
// conversions between the 16-bit formats and f32 that the 16-bit backward
// runs around the f32 kernels. Bit for bit the scalar functions of
// numeric/half_bits.h on every target. Re-included once per Highway
// target.
#if defined(RECTIFY_KERNELS_HALF_LOOPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_HALF_LOOPS_INL_H_
#undef RECTIFY_KERNELS_HALF_LOOPS_INL_H_
#else
#define RECTIFY_KERNELS_HALF_LOOPS_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "kernels/stores-inl.h"
#include "numeric/half_bits.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace half_loops {
namespace hn = hwy::HWY_NAMESPACE;

// F16C (x86 AVX2 and up) converts f16 <-> f32 exactly, ties to even; the
// other targets use the integer versions below.
#undef RECTIFY_NATIVE_F16
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX2 && !defined(HWY_DISABLE_F16C)
#define RECTIFY_NATIVE_F16 1
#else
#define RECTIFY_NATIVE_F16 0
#endif

// One element of ClipHalf below.
template <HalfFormat kFormat>
HWY_INLINE std::uint16_t ClipOne(std::uint16_t h, std::int16_t cap_from, std::uint16_t cap_bits) {
  if (HalfIsNaN(kFormat, h)) return static_cast<std::uint16_t>(h | HalfQuietBit(kFormat));
  const auto v = static_cast<std::int16_t>(h);
  if (v <= 0) return 0;
  return v >= cap_from ? cap_bits : h;
}

// y[i] = table[x[i]] for 16-bit patterns; `table` has 65537 entries.
// y may be exactly x. Scalar loads (Zen 4's AVX2/AVX-512 gathers were no
// faster), into a 1 KiB stack block: with a local destination the
// compiler need not order each load after the previous store to y (which
// may alias x), twice the speed of y[i] = table[x[i]] in cache. The block
// then goes out by vector stores, non-temporal when streaming; it is read
// back only after all of it is written, so no store-forwarding stalls.
HWY_INLINE void LookupHalf(const std::uint16_t* table, std::size_t n, const std::uint16_t* x,
                           std::uint16_t* y, bool stream) {
  std::size_t i = 0;
#if HWY_TARGET != HWY_SCALAR
  const hn::ScalableTag<std::uint16_t> d16;
  const std::size_t lanes = hn::Lanes(d16);
  if (stream) {
    for (const std::size_t head = AlignedHead(y, lanes * 2, n); i < head; ++i) y[i] = table[x[i]];
  }
  constexpr std::size_t kBlock = 512;
  HWY_ALIGN std::uint16_t block[kBlock];
  for (; i + kBlock <= n; i += kBlock) {
    for (std::size_t j = 0; j < kBlock; ++j) block[j] = table[x[i + j]];
    for (std::size_t j = 0; j < kBlock; j += lanes) {
      StoreOutput(d16, hn::Load(d16, block + j), y + i + j, stream);
    }
  }
  if (stream) hwy::FlushStream();
#else
  (void)stream;
#endif
  for (; i < n; ++i) y[i] = table[x[i]];
}

// y[i] = table[x[i]] for bytes (256-entry table). y may be exactly x.
HWY_INLINE void LookupBytes(const std::uint8_t* table, std::size_t n, const std::uint8_t* x,
                            std::uint8_t* y, bool stream) {
  std::size_t i = 0;
#if HWY_TARGET != HWY_SCALAR
  const hn::ScalableTag<std::uint8_t> d;
  const std::size_t lanes = hn::Lanes(d);
  if (stream) {
    for (const std::size_t head = AlignedHead(y, lanes, n); i < head; ++i) y[i] = table[x[i]];
  }
#if HWY_TARGET == HWY_AVX3_DL
  // VBMI: two two-register byte permutes cover the 256 entries (entries
  // 0..127 and 128..255 by the low 7 bits), the top bit picks one: four
  // instructions per 64 bytes instead of the 48 of the generic loop.
  if (n - i >= lanes) {
    const __m512i t0 = _mm512_loadu_si512(table), t1 = _mm512_loadu_si512(table + 64);
    const __m512i t2 = _mm512_loadu_si512(table + 128), t3 = _mm512_loadu_si512(table + 192);
    for (; i + lanes <= n; i += lanes) {
      const __m512i v = _mm512_loadu_si512(x + i);
      const __m512i low_half = _mm512_permutex2var_epi8(t0, v, t1);
      const __m512i high_half = _mm512_permutex2var_epi8(t2, v, t3);
      const __m512i r = _mm512_mask_blend_epi8(_mm512_movepi8_mask(v), low_half, high_half);
      StoreOutput(d, hn::Vec<decltype(d)>{r}, y + i, stream);
    }
    if (stream) hwy::FlushStream();
  }
#endif
  if (n - i >= lanes) {
    // Sixteen 16-entry pieces of the table, each in every 128-bit block.
    hn::Vec<decltype(d)> pieces[16];
    for (std::size_t j = 0; j < 16; ++j) pieces[j] = hn::LoadDup128(d, table + 16 * j);
    const auto low_mask = hn::Set(d, 0x0F);
    for (; i + lanes <= n; i += lanes) {
      const auto v = hn::LoadU(d, x + i);
      const auto low = hn::And(v, low_mask);
      const auto high = hn::ShiftRight<4>(v);
      auto result = hn::TableLookupBytes(pieces[0], low);
      for (std::size_t j = 1; j < 16; ++j) {
        const auto in_piece = hn::Eq(high, hn::Set(d, static_cast<std::uint8_t>(j)));
        result = hn::IfThenElse(in_piece, hn::TableLookupBytes(pieces[j], low), result);
      }
      StoreOutput(d, result, y + i, stream);
    }
    if (stream) hwy::FlushStream();
  }
#else
  (void)stream;
#endif
  for (; i < n; ++i) y[i] = table[x[i]];
}

// The 16-bit forward kernel of every op: context.table holds the op's
// 65537-entry table (forward_table.h).
inline void HalfTableForward(const OpParams&, const CallContext& context, std::size_t n,
                             const void* x, void* y) {
  LookupHalf(static_cast<const std::uint16_t*>(context.table), n,
             static_cast<const std::uint16_t*>(x), static_cast<std::uint16_t*>(y),
             context.stream);
}

// A clip of 16-bit patterns to [+0, cap] without a table, as integer
// selects (bandwidth-bound; relu's and clipped_relu's 16-bit forward): NaN
// -> quieted; x <= 0 (either zero too) -> +0; x >= cap (pattern at least
// `cap_from`) -> `cap_bits`, else x.
template <HalfFormat kFormat>
HWY_INLINE void ClipHalf(std::size_t n, const std::uint16_t* x, std::uint16_t* y,
                         std::int16_t cap_from, std::uint16_t cap_bits, bool stream) {
  std::size_t i = 0;
#if HWY_TARGET != HWY_SCALAR
  const hn::ScalableTag<std::int16_t> d;
  const hn::RebindToUnsigned<decltype(d)> du;
  const std::size_t lanes = hn::Lanes(d);
  const auto infinity = hn::Set(d, static_cast<std::int16_t>(HalfInfinity(kFormat)));
  const auto quiet = hn::Set(d, static_cast<std::int16_t>(HalfQuietBit(kFormat)));
  const auto magnitude_mask = hn::Set(d, 0x7FFF);
  const auto zero = hn::Zero(d);
  const auto from = hn::Set(d, static_cast<std::int16_t>(cap_from - 1));
  const auto cap = hn::Set(d, static_cast<std::int16_t>(cap_bits));
  const auto apply = [&](std::size_t at) {
    const auto v = hn::BitCast(d, hn::LoadU(du, x + at));
    const auto is_nan = hn::Gt(hn::And(v, magnitude_mask), infinity);
    auto r = hn::IfThenElse(hn::Gt(v, from), cap, v);
    r = hn::IfThenElseZero(hn::Gt(v, zero), r);
    return hn::BitCast(du, hn::IfThenElse(is_nan, hn::Or(v, quiet), r));
  };
  if (stream) {
    for (const std::size_t head = AlignedHead(y, lanes * 2, n); i < head; ++i) {
      y[i] = ClipOne<kFormat>(x[i], cap_from, cap_bits);
    }
  }
  for (; i + lanes <= n; i += lanes) StoreOutput(du, apply(i), y + i, stream);
  if (stream) hwy::FlushStream();
#else
  (void)stream;
#endif
  for (; i < n; ++i) y[i] = ClipOne<kFormat>(x[i], cap_from, cap_bits);
}

// The quantized forward kernel: context.table holds the call's 256 bytes.
inline void ByteTableForward(const OpParams&, const CallContext& context, std::size_t n,
                             const void* x, void* y) {
  LookupBytes(static_cast<const std::uint8_t*>(context.table), n,
              static_cast<const std::uint8_t*>(x), static_cast<std::uint8_t*>(y),
              context.stream);
}

#if HWY_TARGET != HWY_SCALAR
// f32 bits of 16-bit patterns in 32-bit lanes (as HalfToFloat).
template <HalfFormat kFormat, class D32>
HWY_INLINE hn::Vec<D32> WidenBits(D32 du, hn::Vec<D32> h) {
  if constexpr (kFormat == HalfFormat::kBf16) {
    return hn::ShiftLeft<16>(h);
  } else {
    const hn::RebindToFloat<D32> df;
    const hn::RebindToSigned<D32> di;
    const auto sign = hn::ShiftLeft<16>(hn::And(h, hn::Set(du, 0x8000)));
    const auto magnitude = hn::And(h, hn::Set(du, 0x7FFF));
    const auto exponent = hn::And(h, hn::Set(du, 0x7C00));
    const auto normal = hn::Add(hn::ShiftLeft<13>(magnitude), hn::Set(du, 0x38000000u));
    const auto special = hn::Add(normal, hn::Set(du, 0x38000000u));  // inf, NaN
    const auto tiny = hn::BitCast(
        du, hn::Mul(hn::ConvertTo(df, hn::BitCast(di, magnitude)), hn::Set(df, 0x1p-24f)));
    auto bits = hn::IfThenElse(hn::Eq(exponent, hn::Zero(du)), tiny, normal);
    bits = hn::IfThenElse(hn::Eq(exponent, hn::Set(du, 0x7C00)), special, bits);
    return hn::Or(bits, sign);
  }
}

// 16-bit patterns (in 32-bit lanes) of f32 bits, rounded as FloatToHalf.
// Magnitudes are below 2^31, so the comparisons are signed Gt (Highway
// 1.0.3 has neither unsigned 32-bit ordering on x86 nor integer Ge).
template <HalfFormat kFormat, class D32>
HWY_INLINE hn::Vec<D32> NarrowBits(D32 du, hn::Vec<D32> bits) {
  const hn::RebindToSigned<D32> di;
  const auto magnitude = hn::And(bits, hn::Set(du, 0x7FFFFFFFu));
  const auto signed_magnitude = hn::BitCast(di, magnitude);
  const auto at_least = [&](std::int32_t bound) {
    return hn::RebindMask(du, hn::Gt(signed_magnitude, hn::Set(di, bound - 1)));
  };
  const auto is_nan = at_least(0x7F800001);
  if constexpr (kFormat == HalfFormat::kBf16) {
    const auto lsb = hn::And(hn::ShiftRight<16>(bits), hn::Set(du, 1));
    const auto rounded = hn::ShiftRight<16>(hn::Add(hn::Add(bits, hn::Set(du, 0x7FFF)), lsb));
    const auto quiet = hn::Or(hn::ShiftRight<16>(bits), hn::Set(du, 0x0040));
    return hn::IfThenElse(is_nan, quiet, rounded);
  } else {
    const hn::RebindToFloat<D32> df;
    const auto sign = hn::And(hn::ShiftRight<16>(bits), hn::Set(du, 0x8000));
    const auto lsb = hn::And(hn::ShiftRight<13>(magnitude), hn::Set(du, 1));
    const auto normal = hn::ShiftRight<13>(
        hn::Add(hn::Sub(magnitude, hn::Set(du, 0x38000000u)), hn::Add(hn::Set(du, 0xFFF), lsb)));
    // Below 2^-14: |v| + 0.5 rounds (ties to even) to a multiple of 2^-24,
    // the f16 subnormal unit; its low bits are the f16 pattern.
    const auto tiny = hn::Sub(
        hn::BitCast(du, hn::Add(hn::BitCast(df, magnitude), hn::Set(df, 0.5f))),
        hn::Set(du, 0x3F000000u));
    auto result = hn::IfThenElse(at_least(0x38800000), normal, tiny);
    result = hn::IfThenElse(at_least(0x477FF000), hn::Set(du, 0x7C00), result);
    const auto quiet = hn::Or(hn::And(hn::ShiftRight<13>(magnitude), hn::Set(du, 0x3FF)),
                              hn::Set(du, 0x7E00));
    return hn::Or(sign, hn::IfThenElse(is_nan, quiet, result));
  }
}
#endif  // HWY_TARGET != HWY_SCALAR

// dst[i] = the exact f32 value of src[i].
template <HalfFormat kFormat>
void WidenHalf(std::size_t n, const std::uint16_t* src, float* dst) {
  std::size_t i = 0;
#if HWY_TARGET != HWY_SCALAR
  const hn::ScalableTag<float> df;
  const hn::RebindToUnsigned<decltype(df)> du;
  const hn::Rebind<std::uint16_t, decltype(df)> d16;
  const std::size_t lanes = hn::Lanes(df);
  for (; i + lanes <= n; i += lanes) {
#if RECTIFY_NATIVE_F16
    if constexpr (kFormat == HalfFormat::kF16) {
      const hn::Rebind<hwy::float16_t, decltype(df)> dh;
      hn::StoreU(hn::PromoteTo(df, hn::LoadU(dh, reinterpret_cast<const hwy::float16_t*>(src + i))),
                 df, dst + i);
      continue;
    }
#endif
    const auto h = hn::PromoteTo(du, hn::LoadU(d16, src + i));
    hn::StoreU(hn::BitCast(df, WidenBits<kFormat>(du, h)), df, dst + i);
  }
#endif
  for (; i < n; ++i) dst[i] = HalfToFloat(kFormat, src[i]);
}

// dst[i] = src[i] rounded once to the format (FloatToHalf).
template <HalfFormat kFormat>
void NarrowToHalf(std::size_t n, const float* src, std::uint16_t* dst) {
  std::size_t i = 0;
#if HWY_TARGET != HWY_SCALAR
  const hn::ScalableTag<float> df;
  const hn::RebindToUnsigned<decltype(df)> du;
  const hn::RebindToSigned<decltype(df)> di;
  const hn::Rebind<std::uint16_t, decltype(df)> d16;
  const std::size_t lanes = hn::Lanes(df);
  for (; i + lanes <= n; i += lanes) {
    const auto v = hn::LoadU(df, src + i);
#if RECTIFY_NATIVE_F16
    if constexpr (kFormat == HalfFormat::kF16) {
      // F16C quiets a NaN and keeps its leading payload bits, as FloatToHalf.
      const hn::Rebind<hwy::float16_t, decltype(df)> dh;
      hn::StoreU(hn::DemoteTo(dh, v), dh, reinterpret_cast<hwy::float16_t*>(dst + i));
      continue;
    }
#endif
    const auto bits = NarrowBits<kFormat>(du, hn::BitCast(du, v));
    hn::StoreU(hn::DemoteTo(d16, hn::BitCast(di, bits)), d16, dst + i);
  }
#endif
  for (; i < n; ++i) dst[i] = FloatToHalf(kFormat, src[i]);
}

}  // namespace half_loops

// The per-target 16-bit and int8 entries of the table: the 16-bit forward
// of every op as its table lookup (op bodies with their own 16-bit kernel
// replace it: kernels/op_kernels-inl.h), the quantized lookup and the
// conversions.
inline void FillHalfKernels(KernelTable& table) {
  for (auto& tier : table.forward) {
    for (auto& op : tier) {
      op[kBf16Slot] = &half_loops::HalfTableForward;
      op[kF16Slot] = &half_loops::HalfTableForward;
    }
  }
  table.byte_forward = &half_loops::ByteTableForward;
  table.widen[0] = &half_loops::WidenHalf<HalfFormat::kBf16>;
  table.widen[1] = &half_loops::WidenHalf<HalfFormat::kF16>;
  table.narrow[0] = &half_loops::NarrowToHalf<HalfFormat::kBf16>;
  table.narrow[1] = &half_loops::NarrowToHalf<HalfFormat::kF16>;
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_HALF_LOOPS_INL_H_
