// PReLU kernels over the layout [outer][channels][inner] for an op body
// with per-lane slopes (SlopeOp: ForwardWithSlope, BackwardWithSlope, and
// construction from one slope; OpBody's ChannelSlopeOp): the forward through
// the element loop, the backward through the canonical-order channel
// gradient. Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_PRELU_LOOPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_PRELU_LOOPS_INL_H_
#undef RECTIFY_KERNELS_PRELU_LOOPS_INL_H_
#else
#define RECTIFY_KERNELS_PRELU_LOOPS_INL_H_
#endif

#include <cstddef>

#include "hwy/highway.h"
#include "kernels/channel_gradient-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/loops-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// y = f(x; slope) over a channel-contiguous row (inner == 1 layouts).
template <typename T, class SlopeOp>
HWY_INLINE void PreluChannelRow(std::size_t channels, const T* x,
                                const T* slope, T* y) {
  const auto forward = [](auto d, auto vx, auto vslope) {
    return SlopeOp::ForwardWithSlope(d, vx, vslope);
  };
  BinaryLoop(hn::ScalableTag<T>(), forward, channels, x, slope, y);
}

template <typename T, class SlopeOp>
void PreluForward(std::size_t outer, std::size_t channels, std::size_t inner,
                  const void* x_raw, const void* slope_raw, void* y_raw) {
  const T* x = static_cast<const T*>(x_raw);
  const T* slope = static_cast<const T*>(slope_raw);
  T* y = static_cast<T*>(y_raw);
  for (std::size_t o = 0; o < outer; ++o) {
    const std::size_t base = o * channels * inner;
    if (inner == 1) {
      PreluChannelRow<T, SlopeOp>(channels, x + base, slope, y + base);
      continue;
    }
    for (std::size_t c = 0; c < channels; ++c) {
      const std::size_t row = base + c * inner;
      ForwardLoop(SlopeOp{slope[c]}, inner, x + row, y + row);
    }
  }
}

// One PReLU backward vector: dx = f'(x; slope) * dy, and the slope
// gradient's term (x > 0 ? none : x * dy, exact in f64 for f32) added to
// acc (numeric/prelu_sum.h).
template <typename T, class SlopeOp>
struct PreluStep {
  using DD = typename GradientTags<T>::DD;
  using DT = typename GradientTags<T>::DT;
  HWY_INLINE hn::Vec<DT> operator()(hn::Vec<DT> x, hn::Vec<DT> dy, hn::Vec<DT> slope,
                                    hn::Vec<DD>& acc) const {
    const DT dt;
    const DD dd;
    const hn::Vec<DD> xd = WidenToF64(dd, x);
    const hn::Vec<DD> product = hn::Mul(xd, WidenToF64(dd, dy));
    const hn::Vec<DD> term = hn::IfThenElse(hn::Gt(xd, hn::Zero(dd)),
                                            hn::Set(dd, -0.0), product);
    acc = hn::Add(acc, term);
    return SlopeOp::BackwardWithSlope(dt, x, dy, slope);
  }
};

template <typename T, class SlopeOp>
void PreluBackward(std::size_t outer, std::size_t channels, std::size_t inner,
                   const void* x, const void* slope, const void* dy, void* dx,
                   void* dslope) {
  ChannelGradient(PreluStep<T, SlopeOp>{}, outer, channels, inner, 0, channels,
                  static_cast<const T*>(x), static_cast<const T*>(slope),
                  static_cast<const T*>(dy), static_cast<T*>(dx),
                  static_cast<T*>(dslope));
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_PRELU_LOOPS_INL_H_
