#include "half/half_kernels.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "ops/leaky_relu/leaky_relu.h"
#include "numeric/half_bits.h"
#include "numeric/prelu_sum.h"

namespace rectify {
namespace {

// Elements per f32 round trip: three stack buffers of 4 KiB.
constexpr std::size_t kChunk = 1024;

template <HalfFormat kFormat>
constexpr DtypeSlot SlotOf() {
  return kFormat == HalfFormat::kBf16 ? kBf16Slot : kF16Slot;
}

// out = dy * f'(a) (kFromOutput: dy * g(y), a = y) through the f32 kernel.
template <HalfFormat kFormat, bool kFromOutput>
void HalfBackward(const OpParams& params, const CallContext& context, std::size_t n,
                  const void* a, const void* b, void* out) {
  const KernelTable& wide = *context.wide;
  const int format = static_cast<int>(kFormat);
  const BackwardKernel kernel = kFromOutput
                                    ? wide.backward_from_output[params.tier][params.op][kF32Slot]
                                    : wide.backward[params.tier][params.op][kF32Slot];
  const CallContext f32_context;  // on the stack buffers: no streaming
  const auto* a16 = static_cast<const std::uint16_t*>(a);
  const auto* b16 = static_cast<const std::uint16_t*>(b);
  auto* out16 = static_cast<std::uint16_t*>(out);
  float a32[kChunk], b32[kChunk], out32[kChunk];
  for (std::size_t i = 0; i < n; i += kChunk) {
    const std::size_t m = std::min(kChunk, n - i);
    wide.widen[format](m, a16 + i, a32);
    wide.widen[format](m, b16 + i, b32);
    kernel(params, f32_context, m, a32, b32, out32);
    wide.narrow[format](m, out32, out16 + i);
  }
}

// Element (o, c, i) of the layout [outer][channels][inner].
inline std::size_t At(std::size_t o, std::size_t c, std::size_t i, std::size_t channels,
                      std::size_t inner) {
  return (o * channels + c) * inner + i;
}

// The pre-activation: x + bias rounded once, x itself when x is NaN or
// there is no bias.
template <HalfFormat kFormat>
inline std::uint16_t PreActivation(std::uint16_t x, bool has_bias, float bias) {
  if (!has_bias || HalfIsNaN(kFormat, x)) return x;
  return FloatToHalf(kFormat, HalfToFloat(kFormat, x) + bias);
}

template <HalfFormat kFormat>
inline bool Positive(std::uint16_t t) {
  return (t & 0x8000) == 0 && t != 0 && !HalfIsNaN(kFormat, t);
}

// PReLU is leaky_relu with a slope per channel.
using PreluFormula = reference::OpFormula<RECTIFY_LEAKY_RELU>;

template <HalfFormat kFormat>
void HalfPreluForward(std::size_t outer, std::size_t channels, std::size_t inner,
                      const void* x, const void* slope, void* y) {
  const auto* x16 = static_cast<const std::uint16_t*>(x);
  const auto* slope16 = static_cast<const std::uint16_t*>(slope);
  auto* y16 = static_cast<std::uint16_t*>(y);
  for (std::size_t o = 0; o < outer; ++o) {
    for (std::size_t c = 0; c < channels; ++c) {
      const double s = HalfToFloat(kFormat, slope16[c]);
      for (std::size_t i = 0, k = At(o, c, 0, channels, inner); i < inner; ++i, ++k) {
        const double v = HalfToFloat(kFormat, x16[k]);
        y16[k] = DoubleToHalf(kFormat, PreluFormula::Forward(v, s, 0.0));  // s * v exact
      }
    }
  }
}

template <HalfFormat kFormat>
void HalfPreluBackward(std::size_t outer, std::size_t channels, std::size_t inner,
                       const void* x, const void* slope, const void* dy, void* dx,
                       void* dslope) {
  const auto* x16 = static_cast<const std::uint16_t*>(x);
  const auto* slope16 = static_cast<const std::uint16_t*>(slope);
  const auto* dy16 = static_cast<const std::uint16_t*>(dy);
  auto* dx16 = static_cast<std::uint16_t*>(dx);
  auto* dslope16 = static_cast<std::uint16_t*>(dslope);
  for (std::size_t c = 0; c < channels; ++c) {
    const double s = HalfToFloat(kFormat, slope16[c]);
    double partials[kPreluPartials];
    std::fill_n(partials, kPreluPartials, -0.0);
    for (std::size_t o = 0; o < outer; ++o) {
      for (std::size_t i = 0, k = At(o, c, 0, channels, inner); i < inner; ++i, ++k) {
        const double v = HalfToFloat(kFormat, x16[k]);
        const double g = HalfToFloat(kFormat, dy16[k]);
        partials[i % kPreluPartials] += PreluSlopeTerm(v, g);  // exact product
        dx16[k] = DoubleToHalf(kFormat, PreluFormula::Backward(v, g, s, 0.0));
      }
    }
    dslope16[c] = DoubleToHalf(kFormat, FinishPreluSum<double>(partials));
  }
}

template <HalfFormat kFormat>
void HalfBiasForward(const OpParams&, const CallContext& context, const ChannelBlock& block,
                     const void* x, const void* bias, void* y, void* counts) {
  const auto* table = static_cast<const std::uint16_t*>(context.table);
  const auto* x16 = static_cast<const std::uint16_t*>(x);
  const auto* bias16 = static_cast<const std::uint16_t*>(bias);
  auto* y16 = static_cast<std::uint16_t*>(y);
  auto* count32 = static_cast<std::uint32_t*>(counts);
  for (std::size_t o = block.outer_begin; o < block.outer_end; ++o) {
    for (std::size_t c = block.channel_begin; c < block.channel_end; ++c) {
      const float b = bias16 == nullptr ? 0.0f : HalfToFloat(kFormat, bias16[c]);
      std::uint32_t positive = 0;
      std::size_t k = At(o, c, 0, block.channels, block.inner);
      for (std::size_t i = 0; i < block.inner; ++i, ++k) {
        const std::uint16_t t = PreActivation<kFormat>(x16[k], bias16 != nullptr, b);
        positive += Positive<kFormat>(t) ? 1 : 0;
        y16[k] = table[t];
      }
      if (count32 != nullptr) count32[c] += positive;
    }
  }
}

// dx = dy * f'(t) through the f32 kernel, chunk by chunk over each
// channel's elements in the canonical (outer, inner) order, summing the
// rounded dx into the 16 partials of numeric/prelu_sum.h.
template <HalfFormat kFormat>
void HalfBiasBackward(const OpParams& params, const CallContext& context,
                      const ChannelBlock& block, const void* x, const void* bias,
                      const void* dy, void* dx, void* dbias) {
  const KernelTable& wide = *context.wide;
  const BackwardKernel kernel = wide.backward[params.tier][params.op][kF32Slot];
  const CallContext f32_context;  // on the stack buffers: no streaming
  const auto* x16 = static_cast<const std::uint16_t*>(x);
  const auto* bias16 = static_cast<const std::uint16_t*>(bias);
  const auto* dy16 = static_cast<const std::uint16_t*>(dy);
  auto* dx16 = static_cast<std::uint16_t*>(dx);
  auto* dbias16 = static_cast<std::uint16_t*>(dbias);
  const std::size_t per_channel = block.outer * block.inner;
  float t32[kChunk], dy32[kChunk], dx32[kChunk];
  std::size_t index[kChunk];
  for (std::size_t c = block.channel_begin; c < block.channel_end; ++c) {
    const float b = HalfToFloat(kFormat, bias16[c]);
    double partials[kPreluPartials];
    std::fill_n(partials, kPreluPartials, -0.0);
    for (std::size_t start = 0; start < per_channel; start += kChunk) {
      const std::size_t m = std::min(kChunk, per_channel - start);
      for (std::size_t j = 0; j < m; ++j) {
        const std::size_t e = start + j;  // (o, i) = (e / inner, e % inner)
        index[j] = At(e / block.inner, c, e % block.inner, block.channels, block.inner);
        t32[j] = HalfToFloat(kFormat, PreActivation<kFormat>(x16[index[j]], true, b));
        dy32[j] = HalfToFloat(kFormat, dy16[index[j]]);
      }
      kernel(params, f32_context, m, t32, dy32, dx32);
      for (std::size_t j = 0; j < m; ++j) {
        const std::uint16_t g = FloatToHalf(kFormat, dx32[j]);
        dx16[index[j]] = g;
        partials[(start + j) % block.inner % kPreluPartials] += HalfToFloat(kFormat, g);
      }
    }
    dbias16[c] = DoubleToHalf(kFormat, FinishPreluSum<double>(partials));
  }
}

template <HalfFormat kFormat>
void FillFormat(KernelTable& table) {
  constexpr std::size_t dtype = SlotOf<kFormat>();
  for (std::size_t tier = 0; tier < kTiers; ++tier) {
    for (std::size_t op = 0; op < kKernelOps; ++op) {
      table.backward[tier][op][dtype] = &HalfBackward<kFormat, false>;
      table.backward_from_output[tier][op][dtype] =
          table.backward_from_output[tier][op][kF32Slot] != nullptr ? &HalfBackward<kFormat, true>
                                                                    : nullptr;
      table.bias_forward[tier][op][dtype] = &HalfBiasForward<kFormat>;
      table.bias_backward[tier][op][dtype] = &HalfBiasBackward<kFormat>;
    }
  }
  table.prelu_forward[dtype] = &HalfPreluForward<kFormat>;
  table.prelu_backward[dtype] = &HalfPreluBackward<kFormat>;
}

}  // namespace

void FillHalfSharedKernels(KernelTable& table) {
  FillFormat<HalfFormat::kBf16>(table);
  FillFormat<HalfFormat::kF16>(table);
}

}  // namespace rectify
