// Loop drivers: apply an op struct from exact_ops-inl.h or smooth_ops-inl.h
// over arrays, with
// the tail handled through a stack buffer (no read or write past n), and
// the PReLU layouts. Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_LOOPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_LOOPS_INL_H_
#undef RECTIFY_KERNELS_LOOPS_INL_H_
#else
#define RECTIFY_KERNELS_LOOPS_INL_H_
#endif

#include <cstddef>
#include <algorithm>
#include <cstring>

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/exact_ops-inl.h"
#include "kernels/kernel_table.h"
#include "kernels/smooth_ops-inl.h"
#include "reference/prelu_sum.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Largest lane count of any target, for tail buffers.
inline constexpr std::size_t kMaxBytes = 64;

// y[i] = op.Forward(x[i]). y may be exactly x.
template <typename T, class Op>
HWY_INLINE void ForwardLoop(const Op& op, std::size_t n, const T* x, T* y) {
  const typename Op::Tag d;
  const std::size_t lanes = hn::Lanes(d);
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    hn::StoreU(op.Forward(d, hn::LoadU(d, x + i)), d, y + i);
  }
  if (i == n) return;
  const std::size_t rest = n - i;
  HWY_ALIGN T buffer[kMaxBytes / sizeof(T)] = {};
  std::memcpy(buffer, x + i, rest * sizeof(T));
  hn::Store(op.Forward(d, hn::Load(d, buffer)), d, buffer);
  std::memcpy(y + i, buffer, rest * sizeof(T));
}

// out[i] = fn(d, a[i], b[i]) for a two-input vector function; out may be
// exactly a or b.
template <class D, typename T, class Fn>
HWY_INLINE void BinaryLoop(D d, const Fn& fn, std::size_t n, const T* a,
                           const T* b, T* out) {
  const std::size_t lanes = hn::Lanes(d);
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    hn::StoreU(fn(d, hn::LoadU(d, a + i), hn::LoadU(d, b + i)), d, out + i);
  }
  if (i == n) return;
  const std::size_t rest = n - i;
  HWY_ALIGN T a_buffer[kMaxBytes / sizeof(T)] = {};
  HWY_ALIGN T b_buffer[kMaxBytes / sizeof(T)] = {};
  std::memcpy(a_buffer, a + i, rest * sizeof(T));
  std::memcpy(b_buffer, b + i, rest * sizeof(T));
  hn::Store(fn(d, hn::Load(d, a_buffer), hn::Load(d, b_buffer)), d, a_buffer);
  std::memcpy(out + i, a_buffer, rest * sizeof(T));
}

// dx[i] = op.Backward(x[i], dy[i]). dx may be exactly x or dy.
template <typename T, class Op>
HWY_INLINE void BackwardLoop(const Op& op, std::size_t n, const T* x,
                             const T* dy, T* dx) {
  const auto backward = [&op](auto d, auto vx, auto vdy) {
    return op.Backward(d, vx, vdy);
  };
  BinaryLoop(typename Op::Tag(), backward, n, x, dy, dx);
}

// dx[i] = op.FromOutput(y[i], dy[i]). dx may be exactly y or dy.
template <typename T, class Op>
HWY_INLINE void FromOutputLoop(const Op& op, std::size_t n, const T* y,
                               const T* dy, T* dx) {
  const auto from_output = [&op](auto d, auto vy, auto vdy) {
    return op.FromOutput(d, vy, vdy);
  };
  BinaryLoop(typename Op::Tag(), from_output, n, y, dy, dx);
}

// A parameter as the kernels of element type T see it: rounded to T once.
template <typename T>
double RoundedParam(double value) {
  return static_cast<double>(static_cast<T>(value));
}

// Calls run(op) with the op struct of a smooth op; false for other ops.
template <typename T, class Run>
HWY_INLINE bool WithSmoothOp(const OpParams& params, const Run& run) {
  const double alpha = RoundedParam<T>(params.alpha);
  const double beta = RoundedParam<T>(params.cap);
  switch (params.op) {
    case RECTIFY_ELU:
      run(SmoothOp<T, EluMath>{EluMath{alpha, 1.0, false}});
      return true;
    case RECTIFY_SELU:
      run(SmoothOp<T, EluMath>{EluMath{alpha, beta, true}});
      return true;
    case RECTIFY_GELU:
      run(SmoothOp<T, GeluMath>{});
      return true;
    case RECTIFY_GELU_TANH:
      run(SmoothOp<T, GeluTanhMath>{});
      return true;
    case RECTIFY_SILU:
      run(SmoothOp<T, SiluMath>{SiluMath{alpha}});
      return true;
    case RECTIFY_MISH:
      run(SmoothOp<T, MishMath>{});
      return true;
    case RECTIFY_SOFTPLUS:
      run(SmoothOp<T, SoftplusMath>{SoftplusMath{alpha}});
      return true;
    case RECTIFY_SIGMOID:
      run(SmoothOp<T, SigmoidMath>{});
      return true;
    case RECTIFY_TANH:
      run(SmoothOp<T, TanhMath>{});
      return true;
    default:
      return false;
  }
}

template <typename T>
void Forward(const OpParams& params, std::size_t n, const void* x_raw,
             void* y_raw) {
  const T* x = static_cast<const T*>(x_raw);
  T* y = static_cast<T*>(y_raw);
  switch (params.op) {
    case RECTIFY_RELU:
      return ForwardLoop(ReluOp<T>{}, n, x, y);
    case RECTIFY_LEAKY_RELU:
      return ForwardLoop(LeakyReluOp<T>{static_cast<T>(params.alpha)}, n, x, y);
    case RECTIFY_CLIPPED_RELU:
      return ForwardLoop(ClippedReluOp<T>{static_cast<T>(params.cap)}, n, x, y);
    case RECTIFY_HARDSIGMOID:
      return ForwardLoop(HardsigmoidOp<T>{}, n, x, y);
    case RECTIFY_HARDSWISH:
      return ForwardLoop(HardswishOp<T>{}, n, x, y);
    default:  // the API layer admits implemented ops only
      WithSmoothOp<T>(params, [&](const auto& op) { ForwardLoop(op, n, x, y); });
      return;
  }
}

template <typename T>
void Backward(const OpParams& params, std::size_t n, const void* x_raw,
              const void* dy_raw, void* dx_raw) {
  const T* x = static_cast<const T*>(x_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  switch (params.op) {
    case RECTIFY_RELU:
      return BackwardLoop(ReluOp<T>{}, n, x, dy, dx);
    case RECTIFY_LEAKY_RELU:
      return BackwardLoop(LeakyReluOp<T>{static_cast<T>(params.alpha)}, n, x,
                          dy, dx);
    case RECTIFY_CLIPPED_RELU:
      return BackwardLoop(ClippedReluOp<T>{static_cast<T>(params.cap)}, n, x,
                          dy, dx);
    case RECTIFY_HARDSIGMOID:
      return BackwardLoop(HardsigmoidOp<T>{}, n, x, dy, dx);
    case RECTIFY_HARDSWISH:
      return BackwardLoop(HardswishOp<T>{}, n, x, dy, dx);
    default:
      WithSmoothOp<T>(params, [&](const auto& op) { BackwardLoop(op, n, x, dy, dx); });
      return;
  }
}

// dx = dy * f'(x) written in y = f(x) (docs/semantics.md): its own formula
// for sigmoid, tanh and elu; for the exact ops the gradient in y is the one
// in x.
template <typename T>
void BackwardFromOutput(const OpParams& params, std::size_t n, const void* y_raw,
                        const void* dy_raw, void* dx_raw) {
  const T* y = static_cast<const T*>(y_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  switch (params.op) {
    case RECTIFY_SIGMOID:
      return FromOutputLoop(SmoothOp<T, SigmoidMath>{}, n, y, dy, dx);
    case RECTIFY_TANH:
      return FromOutputLoop(SmoothOp<T, TanhMath>{}, n, y, dy, dx);
    case RECTIFY_ELU:
      return FromOutputLoop(
          SmoothOp<T, EluMath>{EluMath{RoundedParam<T>(params.alpha), 1.0, false}}, n, y,
          dy, dx);
    default:
      return Backward<T>(params, n, y_raw, dy_raw, dx_raw);
  }
}

// ---- PReLU ----------------------------------------------------------------

// y = leaky(x; slope) over a channel-contiguous row (inner == 1 layouts).
template <typename T>
HWY_INLINE void PreluChannelRow(std::size_t channels, const T* x,
                                const T* slope, T* y) {
  const auto forward = [](auto d, auto vx, auto vslope) {
    return LeakyReluOp<T>::ForwardWithSlope(d, vx, vslope);
  };
  BinaryLoop(hn::ScalableTag<T>(), forward, channels, x, slope, y);
}

template <typename T>
void PreluForward(std::size_t outer, std::size_t channels, std::size_t inner,
                  const void* x_raw, const void* slope_raw, void* y_raw) {
  const T* x = static_cast<const T*>(x_raw);
  const T* slope = static_cast<const T*>(slope_raw);
  T* y = static_cast<T*>(y_raw);
  for (std::size_t o = 0; o < outer; ++o) {
    const std::size_t base = o * channels * inner;
    if (inner == 1) {
      PreluChannelRow(channels, x + base, slope, y + base);
      continue;
    }
    for (std::size_t c = 0; c < channels; ++c) {
      const std::size_t row = base + c * inner;
      ForwardLoop(LeakyReluOp<T>{slope[c]}, inner, x + row, y + row);
    }
  }
}

// PReLU backward accumulates the slope gradient in f64 in the canonical
// order of reference/prelu_sum.h: 16 partial sums, partial j taking the
// terms with inner index i = j (mod 16), in (outer, inner) order, then a
// fixed tree. Lanes of the f64 vectors map onto these 16 partials, so the
// result does not depend on the vector width.
template <typename T>
struct PreluBackwardMath {
  using DD = hn::ScalableTag<double>;
  using DT = hn::Rebind<T, DD>;  // T lanes, as many as f64 lanes

  // dx for one vector, and the slope-gradient term added to acc.
  static HWY_INLINE hn::Vec<DT> Step(hn::Vec<DT> x, hn::Vec<DT> dy,
                                     hn::Vec<DT> slope, hn::Vec<DD>& acc) {
    const DT dt;
    const DD dd;
    const hn::Vec<DD> xd = Widen(dd, x);
    const hn::Vec<DD> product = hn::Mul(xd, Widen(dd, dy));
    const hn::Vec<DD> term = hn::IfThenElse(hn::Gt(xd, hn::Zero(dd)),
                                            hn::Set(dd, -0.0), product);
    acc = hn::Add(acc, term);
    return LeakyReluOp<T>::BackwardWithSlope(dt, x, dy, slope);
  }

  static HWY_INLINE hn::Vec<DD> Widen(DD dd, hn::Vec<DT> v) {
    if constexpr (sizeof(T) == sizeof(double)) {
      (void)dd;
      return v;
    } else {
      return hn::PromoteTo(dd, v);
    }
  }
};

// Runs Math::Step over the last `rest` elements of a row (fewer than
// `vectors` full vectors) through padded stack buffers: x = 1 in the padding
// gives the identity term -0, and only `rest` dx values are written.
// slope_at(v) is the slope vector of vector v; acc[v] its partials.
template <typename T, class SlopeAt>
HWY_INLINE void PreluBackwardTail(std::size_t vectors, std::size_t rest,
                                  const T* x, const T* dy, T* dx,
                                  const SlopeAt& slope_at,
                                  hn::Vec<typename PreluBackwardMath<T>::DD>* acc) {
  using Math = PreluBackwardMath<T>;
  const typename Math::DT dt;
  const std::size_t lanes = hn::Lanes(dt);
  HWY_ALIGN T x_buffer[kPreluPartials];
  HWY_ALIGN T dy_buffer[kPreluPartials] = {};
  for (T& v : x_buffer) v = T(1);
  std::memcpy(x_buffer, x, rest * sizeof(T));
  std::memcpy(dy_buffer, dy, rest * sizeof(T));
  for (std::size_t v = 0; v < vectors; ++v) {
    T* at = x_buffer + v * lanes;
    const auto r = Math::Step(hn::Load(dt, at), hn::Load(dt, dy_buffer + v * lanes),
                              slope_at(v), acc[v]);
    hn::Store(r, dt, at);
  }
  std::memcpy(dx, x_buffer, rest * sizeof(T));
}

// Inner rows of at least 16: per channel, 16 f64 partials carried across
// all rows of that channel.
template <typename T>
void PreluBackwardLongRows(std::size_t outer, std::size_t channels,
                           std::size_t inner, const T* x, const T* slope,
                           const T* dy, T* dx, T* dslope) {
  using Math = PreluBackwardMath<T>;
  const typename Math::DD dd;
  const typename Math::DT dt;
  const std::size_t lanes = hn::Lanes(dd);
  const std::size_t groups = kPreluPartials / lanes;
  for (std::size_t c = 0; c < channels; ++c) {
    hn::Vec<typename Math::DD> acc[kPreluPartials];
    for (std::size_t g = 0; g < groups; ++g) acc[g] = hn::Set(dd, -0.0);
    const auto vslope = hn::Set(dt, slope[c]);
    for (std::size_t o = 0; o < outer; ++o) {
      const std::size_t row = (o * channels + c) * inner;
      std::size_t i = 0;
      for (; i + kPreluPartials <= inner; i += kPreluPartials) {
        for (std::size_t g = 0; g < groups; ++g) {
          const std::size_t at = row + i + g * lanes;
          const auto r = Math::Step(hn::LoadU(dt, x + at), hn::LoadU(dt, dy + at),
                                    vslope, acc[g]);
          hn::StoreU(r, dt, dx + at);
        }
      }
      if (i == inner) continue;
      PreluBackwardTail(groups, inner - i, x + row + i, dy + row + i, dx + row + i,
                        [&vslope](std::size_t) { return vslope; }, acc);
    }
    HWY_ALIGN double partials[kPreluPartials];
    for (std::size_t g = 0; g < groups; ++g) {
      hn::Store(acc[g], dd, partials + g * lanes);
    }
    dslope[c] = FinishPreluSum<T>(partials);
  }
}

// Inner rows shorter than 16: each (channel, inner index) position keeps
// its own f64 partial, in blocks of whole channels, walking rows in order.
template <typename T>
void PreluBackwardShortRows(std::size_t outer, std::size_t channels,
                            std::size_t inner, const T* x, const T* slope,
                            const T* dy, T* dx, T* dslope) {
  using Math = PreluBackwardMath<T>;
  const typename Math::DD dd;
  const typename Math::DT dt;
  const std::size_t lanes = hn::Lanes(dd);
  constexpr std::size_t kBlockPositions = 256;
  const std::size_t block_channels = kBlockPositions / inner;
  const std::size_t row_length = channels * inner;
  HWY_ALIGN double acc[kBlockPositions + kMaxBytes / sizeof(double)];
  HWY_ALIGN T slopes[kBlockPositions + kMaxBytes / sizeof(double)];
  for (std::size_t c0 = 0; c0 < channels; c0 += block_channels) {
    const std::size_t block_c = std::min(block_channels, channels - c0);
    const std::size_t positions = block_c * inner;
    const std::size_t padded = (positions + lanes - 1) / lanes * lanes;
    for (std::size_t k = 0; k < padded; ++k) {
      acc[k] = -0.0;
      slopes[k] = k < positions ? slope[c0 + k / inner] : T(0);
    }
    for (std::size_t o = 0; o < outer; ++o) {
      const std::size_t start = o * row_length + c0 * inner;
      std::size_t k = 0;
      for (; k + lanes <= positions; k += lanes) {
        auto partial = hn::Load(dd, acc + k);
        const auto r =
            Math::Step(hn::LoadU(dt, x + start + k), hn::LoadU(dt, dy + start + k),
                       hn::Load(dt, slopes + k), partial);
        hn::Store(partial, dd, acc + k);
        hn::StoreU(r, dt, dx + start + k);
      }
      if (k == positions) continue;
      auto partial = hn::Load(dd, acc + k);
      PreluBackwardTail(1, positions - k, x + start + k, dy + start + k, dx + start + k,
                        [&](std::size_t) { return hn::Load(dt, slopes + k); }, &partial);
      hn::Store(partial, dd, acc + k);
    }
    for (std::size_t c = 0; c < block_c; ++c) {
      double partials[kPreluPartials];
      for (std::size_t j = 0; j < kPreluPartials; ++j) {
        partials[j] = j < inner ? acc[c * inner + j] : -0.0;
      }
      dslope[c0 + c] = FinishPreluSum<T>(partials);
    }
  }
}

template <typename T>
void PreluBackward(std::size_t outer, std::size_t channels, std::size_t inner,
                   const void* x, const void* slope, const void* dy, void* dx,
                   void* dslope) {
  const auto run = inner >= kPreluPartials ? &PreluBackwardLongRows<T>
                                           : &PreluBackwardShortRows<T>;
  run(outer, channels, inner, static_cast<const T*>(x),
      static_cast<const T*>(slope), static_cast<const T*>(dy),
      static_cast<T*>(dx), static_cast<T*>(dslope));
}

// The kernel table of this target.
inline const KernelTable* GetKernelTable() {
  static constexpr KernelTable kTable = {
      {&Forward<float>, &Forward<double>},
      {&Backward<float>, &Backward<double>},
      {&BackwardFromOutput<float>, &BackwardFromOutput<double>},
      {&PreluForward<float>, &PreluForward<double>},
      {&PreluBackward<float>, &PreluBackward<double>},
  };
  return &kTable;
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_LOOPS_INL_H_
