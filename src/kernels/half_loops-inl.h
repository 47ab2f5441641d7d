// The per-target kernels of the 16-bit and int8 dtypes: table lookups
// (y = table[x], the 16-bit and quantized forward), and the exact
// conversions between the 16-bit formats and f32 that the 16-bit backward
// runs around the f32 kernels. Bit for bit the scalar functions of
// reference/half_bits.h on every target. Re-included once per Highway
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
#include "reference/half_bits.h"

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

// Writes v to out + i, non-temporally when `stream` and out + i is aligned
// to a whole vector.
template <class D, class V, typename T>
HWY_INLINE void Put(D d, V v, T* out, std::size_t i, bool stream) {
  if (stream && reinterpret_cast<std::uintptr_t>(out + i) % (hn::Lanes(d) * sizeof(T)) == 0) {
    hn::Stream(v, d, out + i);
  } else {
    hn::StoreU(v, d, out + i);
  }
}

// One element of ClipHalf below.
template <HalfFormat kFormat>
HWY_INLINE std::uint16_t ClipOne(std::uint16_t h, std::int16_t cap_from, std::uint16_t cap_bits) {
  if (HalfIsNaN(kFormat, h)) return static_cast<std::uint16_t>(h | HalfQuietBit(kFormat));
  const auto v = static_cast<std::int16_t>(h);
  if (v <= 0) return 0;
  return v >= cap_from ? cap_bits : h;
}

// Elements before out + head is aligned to `vector_bytes` (0 when out is
// not even element-aligned: then nothing is streamed).
template <typename T>
HWY_INLINE std::size_t AlignedHead(const T* out, std::size_t vector_bytes, std::size_t n) {
  const auto address = reinterpret_cast<std::uintptr_t>(out);
  if (address % sizeof(T) != 0) return 0;
  const std::size_t head = (vector_bytes - address % vector_bytes) % vector_bytes / sizeof(T);
  return head < n ? head : n;
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
      const auto v = hn::Load(d16, block + j);
      if (stream) {
        hn::Stream(v, d16, y + i + j);
      } else {
        hn::StoreU(v, d16, y + i + j);
      }
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
      Put(d, hn::Vec<decltype(d)>{r}, y, i, stream);
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
      Put(d, result, y, i, stream);
    }
    if (stream) hwy::FlushStream();
  }
#else
  (void)stream;
#endif
  for (; i < n; ++i) y[i] = table[x[i]];
}

// The 16-bit forward kernel of every op: params.table holds the op's
// 65537-entry table (forward_table.h).
inline void HalfTableForward(const OpParams& params, std::size_t n, const void* x, void* y) {
  LookupHalf(static_cast<const std::uint16_t*>(params.table), n,
             static_cast<const std::uint16_t*>(x), static_cast<std::uint16_t*>(y),
             params.stream);
}

// relu and clipped_relu on 16-bit patterns without the table, as integer
// selects (bandwidth-bound): NaN -> quieted; x <= 0 (either zero too) ->
// +0; clipped_relu: x >= cap (pattern at least `cap_from`, the least
// 16-bit value >= the f32 cap) -> `cap_bits` = the cap rounded once, else
// x. Same bits as the table.
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
  for (; i + lanes <= n; i += lanes) Put(du, apply(i), y, i, stream);
  if (stream) hwy::FlushStream();
#else
  (void)stream;
#endif
  for (; i < n; ++i) y[i] = ClipOne<kFormat>(x[i], cap_from, cap_bits);
}

template <HalfFormat kFormat>
inline void HalfReluForward(const OpParams& params, std::size_t n, const void* x, void* y) {
  // No cap: the threshold lies beyond every pattern (NaN is handled first).
  ClipHalf<kFormat>(n, static_cast<const std::uint16_t*>(x), static_cast<std::uint16_t*>(y),
                    0x7FFF, 0, params.stream);
}

template <HalfFormat kFormat>
inline void HalfClippedForward(const OpParams& params, std::size_t n, const void* x, void* y) {
  const float cap = static_cast<float>(params.cap);  // positive and finite (checked)
  const std::uint16_t cap_bits = FloatToHalf(kFormat, cap);
  // The least pattern whose value is >= cap: the rounded cap, or the next
  // one when the cap was rounded down.
  const auto cap_from = static_cast<std::int16_t>(
      HalfToFloat(kFormat, cap_bits) < cap ? cap_bits + 1 : cap_bits);
  ClipHalf<kFormat>(n, static_cast<const std::uint16_t*>(x), static_cast<std::uint16_t*>(y),
                    cap_from, cap_bits, params.stream);
}

// The quantized forward kernel: params.table holds the call's 256 bytes.
inline void ByteTableForward(const OpParams& params, std::size_t n, const void* x, void* y) {
  LookupBytes(static_cast<const std::uint8_t*>(params.table), n,
              static_cast<const std::uint8_t*>(x), static_cast<std::uint8_t*>(y),
              params.stream);
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
    Put(d16, hn::DemoteTo(d16, hn::BitCast(di, r)), y, i, stream);
  }
  if (stream) hwy::FlushStream();
  for (; i < n; ++i) y[i] = table[x[i]];
}
#endif

template <HalfFormat kFormat>
inline void HalfLeakyForward(const OpParams& params, std::size_t n, const void* x, void* y) {
  const auto* table = static_cast<const std::uint16_t*>(params.table);
  const auto* x16 = static_cast<const std::uint16_t*>(x);
  auto* y16 = static_cast<std::uint16_t*>(y);
  const float alpha = static_cast<float>(params.alpha);
#if HWY_TARGET <= HWY_AVX2 && HWY_ARCH_X86
  if (alpha != 0.0f) return LeakyHalf<kFormat>(table, alpha, n, x16, y16, params.stream);
#endif
  (void)alpha;
  LookupHalf(table, n, x16, y16, params.stream);
}

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

// The per-target 16-bit and int8 entries of the table (the 16-bit forward
// of every op but relu and clipped_relu is the same lookup).
inline void FillHalfLookupKernels(KernelTable& table) {
  for (std::size_t op = 0; op < kKernelOps; ++op) {
    table.forward[op][kBf16Index] = &half_loops::HalfTableForward;
    table.forward[op][kF16Index] = &half_loops::HalfTableForward;
  }
  table.forward[RECTIFY_RELU][kBf16Index] = &half_loops::HalfReluForward<HalfFormat::kBf16>;
  table.forward[RECTIFY_RELU][kF16Index] = &half_loops::HalfReluForward<HalfFormat::kF16>;
  table.forward[RECTIFY_CLIPPED_RELU][kBf16Index] =
      &half_loops::HalfClippedForward<HalfFormat::kBf16>;
  table.forward[RECTIFY_CLIPPED_RELU][kF16Index] =
      &half_loops::HalfClippedForward<HalfFormat::kF16>;
  table.forward[RECTIFY_LEAKY_RELU][kBf16Index] =
      &half_loops::HalfLeakyForward<HalfFormat::kBf16>;
  table.forward[RECTIFY_LEAKY_RELU][kF16Index] = &half_loops::HalfLeakyForward<HalfFormat::kF16>;
  table.byte_forward = &half_loops::ByteTableForward;
  table.widen[0] = &half_loops::WidenHalf<HalfFormat::kBf16>;
  table.widen[1] = &half_loops::WidenHalf<HalfFormat::kF16>;
  table.narrow[0] = &half_loops::NarrowToHalf<HalfFormat::kBf16>;
  table.narrow[1] = &half_loops::NarrowToHalf<HalfFormat::kF16>;
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_HALF_LOOPS_INL_H_
