// Per-channel gradients over the layout [outer][channels][inner], summed in
// the canonical order of numeric/prelu_sum.h: PReLU's slope gradient and
// the fused bias gradient both go through these loops. A Step function
// object computes dx for one vector and adds that vector's gradient terms
// (in f64) to its partial sums. Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_CHANNEL_GRADIENT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_CHANNEL_GRADIENT_INL_H_
#undef RECTIFY_KERNELS_CHANNEL_GRADIENT_INL_H_
#else
#define RECTIFY_KERNELS_CHANNEL_GRADIENT_INL_H_
#endif

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/loops-inl.h"
#include "numeric/prelu_sum.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The descriptors of the gradient loops: f64 partial sums, and T lanes as
// many as f64 lanes (so lane k of a T vector feeds lane k of a partial).
template <typename T>
struct GradientTags {
  using DD = hn::ScalableTag<double>;
  using DT = hn::Rebind<T, DD>;
};

// An f64 vector of T lanes widened (exactly).
template <class DD, class V>
HWY_INLINE hn::Vec<DD> WidenToF64(DD dd, V v) {
  if constexpr (std::is_same_v<hn::TFromV<V>, double>) {
    (void)dd;
    return v;
  } else {
    return hn::PromoteTo(dd, v);
  }
}

// Runs step over the last `rest` elements of a row (fewer than `vectors`
// full vectors) through zero-padded stack buffers; a padded lane's term is
// a zero, which cannot change a sum that the final + 0 of FinishPreluSum
// does not already fix. Only `rest` dx values are written. param_at(v) is
// the per-channel parameter vector of vector v; acc[v] its partials.
template <typename T, class Step, class ParamAt>
HWY_INLINE void GradientTail(const Step& step, std::size_t vectors, std::size_t rest,
                             const T* x, const T* dy, T* dx, const ParamAt& param_at,
                             hn::Vec<typename GradientTags<T>::DD>* acc) {
  const typename GradientTags<T>::DT dt;
  const std::size_t lanes = hn::Lanes(dt);
  HWY_ALIGN T x_buffer[kPreluPartials] = {};
  HWY_ALIGN T dy_buffer[kPreluPartials] = {};
  std::memcpy(x_buffer, x, rest * sizeof(T));
  std::memcpy(dy_buffer, dy, rest * sizeof(T));
  for (std::size_t v = 0; v < vectors; ++v) {
    T* at = x_buffer + v * lanes;
    const auto r = step(hn::Load(dt, at), hn::Load(dt, dy_buffer + v * lanes),
                        param_at(v), acc[v]);
    hn::Store(r, dt, at);
  }
  std::memcpy(dx, x_buffer, rest * sizeof(T));
}

// Inner rows of at least 16, channels [c_begin, c_end): per channel, 16
// f64 partials carried across all rows of that channel.
template <typename T, class Step>
void GradientLongRows(const Step& step, std::size_t outer, std::size_t channels,
                      std::size_t inner, std::size_t c_begin, std::size_t c_end,
                      const T* x, const T* param, const T* dy, T* dx, T* dparam) {
  const typename GradientTags<T>::DD dd;
  const typename GradientTags<T>::DT dt;
  const std::size_t lanes = hn::Lanes(dd);
  const std::size_t groups = kPreluPartials / lanes;
  for (std::size_t c = c_begin; c < c_end; ++c) {
    hn::Vec<typename GradientTags<T>::DD> acc[kPreluPartials];
    for (std::size_t g = 0; g < groups; ++g) acc[g] = hn::Set(dd, -0.0);
    const auto vparam = hn::Set(dt, param[c]);
    for (std::size_t o = 0; o < outer; ++o) {
      const std::size_t row = (o * channels + c) * inner;
      std::size_t i = 0;
      for (; i + kPreluPartials <= inner; i += kPreluPartials) {
        for (std::size_t g = 0; g < groups; ++g) {
          const std::size_t at = row + i + g * lanes;
          const auto r = step(hn::LoadU(dt, x + at), hn::LoadU(dt, dy + at), vparam, acc[g]);
          hn::StoreU(r, dt, dx + at);
        }
      }
      if (i == inner) continue;
      GradientTail(step, groups, inner - i, x + row + i, dy + row + i, dx + row + i,
                   [&vparam](std::size_t) { return vparam; }, acc);
    }
    HWY_ALIGN double partials[kPreluPartials];
    for (std::size_t g = 0; g < groups; ++g) {
      hn::Store(acc[g], dd, partials + g * lanes);
    }
    dparam[c] = FinishPreluSum<T>(partials);
  }
}

// Inner rows shorter than 16, channels [c_begin, c_end): each (channel,
// inner index) position keeps its own f64 partial, in blocks of whole
// channels, walking rows in order.
template <typename T, class Step>
void GradientShortRows(const Step& step, std::size_t outer, std::size_t channels,
                       std::size_t inner, std::size_t c_begin, std::size_t c_end,
                       const T* x, const T* param, const T* dy, T* dx, T* dparam) {
  const typename GradientTags<T>::DD dd;
  const typename GradientTags<T>::DT dt;
  const std::size_t lanes = hn::Lanes(dd);
  constexpr std::size_t kBlockPositions = 256;
  const std::size_t block_channels = kBlockPositions / inner;
  const std::size_t row_length = channels * inner;
  HWY_ALIGN double acc[kBlockPositions + kMaxBytes / sizeof(double)];
  HWY_ALIGN T params[kBlockPositions + kMaxBytes / sizeof(double)];
  for (std::size_t c0 = c_begin; c0 < c_end; c0 += block_channels) {
    const std::size_t block_c = std::min(block_channels, c_end - c0);
    const std::size_t positions = block_c * inner;
    const std::size_t padded = (positions + lanes - 1) / lanes * lanes;
    for (std::size_t k = 0; k < padded; ++k) {
      acc[k] = -0.0;
      params[k] = k < positions ? param[c0 + k / inner] : T(0);
    }
    for (std::size_t o = 0; o < outer; ++o) {
      const std::size_t start = o * row_length + c0 * inner;
      std::size_t k = 0;
      for (; k + lanes <= positions; k += lanes) {
        auto partial = hn::Load(dd, acc + k);
        const auto r = step(hn::LoadU(dt, x + start + k), hn::LoadU(dt, dy + start + k),
                            hn::Load(dt, params + k), partial);
        hn::Store(partial, dd, acc + k);
        hn::StoreU(r, dt, dx + start + k);
      }
      if (k == positions) continue;
      auto partial = hn::Load(dd, acc + k);
      GradientTail(step, 1, positions - k, x + start + k, dy + start + k, dx + start + k,
                   [&](std::size_t) { return hn::Load(dt, params + k); }, &partial);
      hn::Store(partial, dd, acc + k);
    }
    for (std::size_t c = 0; c < block_c; ++c) {
      double partials[kPreluPartials];
      for (std::size_t j = 0; j < kPreluPartials; ++j) {
        partials[j] = j < inner ? acc[c * inner + j] : -0.0;
      }
      dparam[c0 + c] = FinishPreluSum<T>(partials);
    }
  }
}

// dx over the channels [c_begin, c_end) and dparam[c] of those channels,
// whichever row length the layout has.
template <typename T, class Step>
HWY_INLINE void ChannelGradient(const Step& step, std::size_t outer, std::size_t channels,
                                std::size_t inner, std::size_t c_begin, std::size_t c_end,
                                const T* x, const T* param, const T* dy, T* dx,
                                T* dparam) {
  if (inner >= kPreluPartials) {
    GradientLongRows(step, outer, channels, inner, c_begin, c_end, x, param, dy, dx, dparam);
  } else {
    GradientShortRows(step, outer, channels, inner, c_begin, c_end, x, param, dy, dx,
                      dparam);
  }
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_CHANNEL_GRADIENT_INL_H_
