// The fused bias kernels: y = f(x + bias[c]) with the dead-unit monitor's
// activity count taken in the same pass, and the backward with the bias
// gradient reduced in the pass that writes dx. The pre-activation is
// PreActivation(x, bias[c]): the sum in the element type (one rounding),
// x itself when x is NaN; results are the bits of that add followed by the
// plain kernels. Without a bias the pre-activation is x + (-0), which is x
// for every x. Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_BIAS_LOOPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_BIAS_LOOPS_INL_H_
#undef RECTIFY_KERNELS_BIAS_LOOPS_INL_H_
#else
#define RECTIFY_KERNELS_BIAS_LOOPS_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/channel_gradient-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "kernels/loops-inl.h"
#include "kernels/stores-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The activity count of element type T: an unsigned lane of the same width.
template <typename T>
using CountOf = hwy::MakeUnsigned<T>;

// count + 1 in the lanes where `positive` is true.
template <class DU, class M>
HWY_INLINE hn::Vec<DU> CountWhere(DU du, hn::Vec<DU> count, M positive) {
  return hn::Sub(count, hn::VecFromMask(du, hn::RebindMask(du, positive)));
}

// x + b, rounded once; x itself when x is NaN (so a NaN input's payload
// wins over a NaN bias on every target, whatever operand order an add
// instruction favours). Only a NaN bias needs the select (a NaN x plus a
// non-NaN b is x quieted, which every op treats as x): callers pass
// nan_bias = false when no bias of the call is NaN.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V PreActivation(D d, V x, V b, bool nan_bias) {
  (void)d;
  return nan_bias ? hn::IfThenElse(hn::IsNaN(x), x, hn::Add(x, b)) : hn::Add(x, b);
}

// Whether any of bias[begin, end) is NaN (false for a null bias).
template <typename T>
HWY_INLINE bool AnyNaN(const T* bias, std::size_t begin, std::size_t end) {
  if (bias == nullptr) return false;
  bool nan = false;
  for (std::size_t c = begin; c < end; ++c) nan |= bias[c] != bias[c];
  return nan;
}

// One row of a channels-last layout (inner == 1): y[i] = f(x[i] + bias[i])
// for i < n (bias null: no bias), and counts[i] += (x[i] + bias[i] > 0)
// when counts is not null. y may be x. Nothing outside [0, n) is touched.
template <class D, typename T, class Op>
HWY_INLINE void BiasChannelRow(D d, const Op& op, std::size_t n, const T* x, const T* bias,
                               bool nan_bias, T* y, CountOf<T>* counts, bool stream) {
  const hn::RebindToUnsigned<D> du;
  const std::size_t lanes = hn::Lanes(d);
  const auto no_bias = hn::Set(d, T(-0.0));
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto pre = PreActivation(d, hn::LoadU(d, x + i), bias ? hn::LoadU(d, bias + i) : no_bias,
                                   nan_bias);
    StoreOutput(d, op.Forward(d, pre), y + i, stream);
    if (counts) {
      hn::StoreU(CountWhere(du, hn::LoadU(du, counts + i), hn::Gt(pre, hn::Zero(d))), du,
                 counts + i);
    }
  }
  if (i == n) return;
  const std::size_t rest = n - i;
#if HWY_TARGET <= HWY_AVX2
  const auto mask = hn::FirstN(d, rest);
  const auto pre = PreActivation(d, hn::MaskedLoad(mask, d, x + i),
                                 bias ? hn::MaskedLoad(mask, d, bias + i) : no_bias, nan_bias);
  hn::BlendedStore(op.Forward(d, pre), mask, d, y + i);
  if (counts) {
    const auto count_mask = hn::RebindMask(du, mask);
    const auto count = hn::MaskedLoad(count_mask, du, counts + i);
    hn::BlendedStore(CountWhere(du, count, hn::And(mask, hn::Gt(pre, hn::Zero(d)))),
                     count_mask, du, counts + i);
  }
#else
  HWY_ALIGN T x_buffer[kMaxBytes / sizeof(T)] = {};
  HWY_ALIGN T bias_buffer[kMaxBytes / sizeof(T)];
  for (T& b : bias_buffer) b = T(-0.0);
  std::memcpy(x_buffer, x + i, rest * sizeof(T));
  if (bias) std::memcpy(bias_buffer, bias + i, rest * sizeof(T));
  const auto pre = PreActivation(d, hn::Load(d, x_buffer), hn::Load(d, bias_buffer), nan_bias);
  hn::Store(op.Forward(d, pre), d, x_buffer);
  std::memcpy(y + i, x_buffer, rest * sizeof(T));
  if (counts) {
    HWY_ALIGN CountOf<T> positive[kMaxBytes / sizeof(T)] = {};
    hn::Store(CountWhere(du, hn::Zero(du), hn::Gt(pre, hn::Zero(d))), du, positive);
    for (std::size_t k = 0; k < rest; ++k) counts[i + k] += positive[k];
  }
#endif
}

// One row of n elements sharing bias b (inner > 1): y[i] = f(x[i] + b);
// returns how many x[i] + b are > 0 (n < 2^32). y may be x.
template <class D, typename T, class Op>
HWY_INLINE std::uint64_t BiasBroadcastRow(D d, const Op& op, std::size_t n, const T* x,
                                          T b, T* y, bool stream) {
  const bool nan_bias = b != b;
  const hn::RebindToUnsigned<D> du;
  const std::size_t lanes = hn::Lanes(d);
  const auto vb = hn::Set(d, b);
  auto count = hn::Zero(du);
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto pre = PreActivation(d, hn::LoadU(d, x + i), vb, nan_bias);
    StoreOutput(d, op.Forward(d, pre), y + i, stream);
    count = CountWhere(du, count, hn::Gt(pre, hn::Zero(d)));
  }
  if (i != n) {
    const std::size_t rest = n - i;
    const auto mask = hn::FirstN(d, rest);
#if HWY_TARGET <= HWY_AVX2
    const auto pre = PreActivation(d, hn::MaskedLoad(mask, d, x + i), vb, nan_bias);
    hn::BlendedStore(op.Forward(d, pre), mask, d, y + i);
#else
    HWY_ALIGN T buffer[kMaxBytes / sizeof(T)] = {};
    std::memcpy(buffer, x + i, rest * sizeof(T));
    const auto pre = PreActivation(d, hn::Load(d, buffer), vb, nan_bias);
    hn::Store(op.Forward(d, pre), d, buffer);
    std::memcpy(y + i, buffer, rest * sizeof(T));
#endif
    count = CountWhere(du, count, hn::And(mask, hn::Gt(pre, hn::Zero(d))));
  }
  return static_cast<std::uint64_t>(hn::GetLane(hn::SumOfLanes(du, count)));
}

template <typename T, class Op>
HWY_INLINE void BiasForwardBlock(const Op& op, const ChannelBlock& block, const T* x,
                                 const T* bias, T* y, CountOf<T>* counts, bool stream) {
  const typename Op::Tag d;
  const std::size_t width = block.channel_end - block.channel_begin;
  const bool nan_bias = AnyNaN(bias, block.channel_begin, block.channel_end);
  for (std::size_t o = block.outer_begin; o < block.outer_end; ++o) {
    if (block.inner == 1) {
      const std::size_t start = o * block.channels + block.channel_begin;
      BiasChannelRow(d, op, width, x + start, bias ? bias + block.channel_begin : nullptr,
                     nan_bias, y + start, counts ? counts + block.channel_begin : nullptr, stream);
      continue;
    }
    for (std::size_t c = block.channel_begin; c < block.channel_end; ++c) {
      const std::size_t row = (o * block.channels + c) * block.inner;
      const std::uint64_t positive = BiasBroadcastRow(
          d, op, block.inner, x + row, bias ? bias[c] : T(-0.0), y + row, stream);
      if (counts) counts[c] += static_cast<CountOf<T>>(positive);
    }
  }
  if (stream) hwy::FlushStream();
}

template <typename T, int kOp, Tier kTier>
void BiasForward(const OpParams& params, const CallContext& context, const ChannelBlock& block,
                 const void* x, const void* bias, void* y, void* counts) {
  WithOp<T, kOp, kTier>(params, [&](const auto& op) {
    BiasForwardBlock(op, block, static_cast<const T*>(x), static_cast<const T*>(bias),
                     static_cast<T*>(y), static_cast<CountOf<T>*>(counts), context.stream);
  });
}

// One backward vector at the pre-activation: dx = op.Backward(x + bias, dy),
// and dx itself (widened exactly to f64) added to the bias gradient's
// partials.
template <typename T, class Op>
struct BiasStep {
  using DD = typename GradientTags<T>::DD;
  using DT = typename GradientTags<T>::DT;
  Op op;
  bool nan_bias;  // any bias of the call is NaN
  HWY_INLINE hn::Vec<DT> operator()(hn::Vec<DT> x, hn::Vec<DT> dy, hn::Vec<DT> bias,
                                    hn::Vec<DD>& acc) const {
    const DT dt;
    const hn::Vec<DT> dx = op.Backward(dt, PreActivation(dt, x, bias, nan_bias), dy);
    acc = hn::Add(acc, WidenToF64(DD(), dx));
    return dx;
  }
};

template <typename T, int kOp, Tier kTier>
void BiasBackward(const OpParams& params, const CallContext&, const ChannelBlock& block,
                  const void* x, const void* bias, const void* dy, void* dx, void* dbias) {
  WithOp<T, kOp, kTier>(params, [&](const auto& op) {
    using Op = std::decay_t<decltype(op)>;
    const T* typed_bias = static_cast<const T*>(bias);
    const bool nan_bias = AnyNaN(typed_bias, block.channel_begin, block.channel_end);
    ChannelGradient(BiasStep<T, Op>{op, nan_bias}, block.outer, block.channels, block.inner,
                    block.channel_begin, block.channel_end, static_cast<const T*>(x),
                    static_cast<const T*>(bias), static_cast<const T*>(dy),
                    static_cast<T*>(dx), static_cast<T*>(dbias));
  });
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_BIAS_LOOPS_INL_H_
