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
#include <cstdint>
#include <cstring>
#include <utility>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/exact_ops-inl.h"
#include "kernels/f32_smooth_ops-inl.h"
#include "kernels/kernel_table.h"
#include "kernels/smooth_ops-inl.h"
#include "reference/prelu_sum.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Largest lane count of any target, for tail buffers.
inline constexpr std::size_t kMaxBytes = 64;

// Elements from `out` to the first address aligned to `vector_bytes`
// (0 when out is aligned): where streaming (non-temporal) stores of whole
// vectors can start. out must be element-aligned.
template <typename T>
HWY_INLINE std::size_t StreamHead(const T* out, std::size_t vector_bytes) {
  const std::uintptr_t address = reinterpret_cast<std::uintptr_t>(out);
  const std::size_t misalign = address % vector_bytes;
  return misalign == 0 ? 0 : (vector_bytes - misalign) / sizeof(T);
}

// out[i] = fn(d, a[i]) (unary) or fn(d, a[i], b[i]) (binary, b != nullptr).
// out may be exactly a or b (in place). Whole vectors first; the last
// n % lanes elements (or a call shorter than one vector) go through masked
// loads and stores (AVX2, AVX-512: they never touch memory outside the
// mask) or a stack buffer: nothing is read or written past n. With
// `stream`, aligned vectors of out are written with non-temporal stores
// (out of place only, large calls); the first vector is stored normally and
// the loop then jumps to the first aligned position. fn is inlined at two
// places only (the loop and the tail): the smooth ops' bodies are large.
template <class D, typename T, class Fn>
HWY_INLINE hn::Vec<D> ApplyAt(D d, const Fn& fn, const T* a, const T* b, std::size_t i) {
  return fn(d, hn::LoadU(d, a + i), b == nullptr ? hn::Zero(d) : hn::LoadU(d, b + i));
}

template <class D, typename T, class Fn>
HWY_INLINE void ElementLoop(D d, const Fn& fn, std::size_t n, const T* a,
                            const T* b, T* out, bool stream) {
  const std::size_t lanes = hn::Lanes(d);
  const std::size_t vector_bytes = lanes * sizeof(T);
  stream = stream && n >= lanes && reinterpret_cast<std::uintptr_t>(out) % sizeof(T) == 0;
  const std::size_t head = stream ? StreamHead(out, vector_bytes) : 0;
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto v = ApplyAt(d, fn, a, b, i);
    if (stream && reinterpret_cast<std::uintptr_t>(out + i) % vector_bytes == 0) {
      hn::Stream(v, d, out + i);
    } else {
      hn::StoreU(v, d, out + i);
    }
    // After the unaligned first vector, continue at the first aligned one
    // (unsigned wrap-around: i + lanes becomes head; the overlap recomputes
    // the same values, out of place).
    if (i == 0 && head != 0) i = head - lanes;
  }
  if (stream) hwy::FlushStream();
  if (i == n) return;
  const std::size_t rest = n - i;
#if HWY_TARGET <= HWY_AVX2
  const auto mask = hn::FirstN(d, rest);
  const auto va = hn::MaskedLoad(mask, d, a + i);
  const auto vb = b == nullptr ? hn::Zero(d) : hn::MaskedLoad(mask, d, b + i);
  hn::BlendedStore(fn(d, va, vb), mask, d, out + i);
#else
  HWY_ALIGN T a_buffer[kMaxBytes / sizeof(T)] = {};
  HWY_ALIGN T b_buffer[kMaxBytes / sizeof(T)] = {};
  std::memcpy(a_buffer, a + i, rest * sizeof(T));
  if (b != nullptr) std::memcpy(b_buffer, b + i, rest * sizeof(T));
  hn::Store(fn(d, hn::Load(d, a_buffer), hn::Load(d, b_buffer)), d, a_buffer);
  std::memcpy(out + i, a_buffer, rest * sizeof(T));
#endif
}

// The op's three directions as always-inlined function objects.
template <class Op>
struct ForwardFn {
  const Op& op;
  template <class D, class V>
  HWY_INLINE V operator()(D d, V x, V) const { return op.Forward(d, x); }
};
template <class Op>
struct BackwardFn {
  const Op& op;
  template <class D, class V>
  HWY_INLINE V operator()(D d, V x, V dy) const { return op.Backward(d, x, dy); }
};
template <class Op>
struct FromOutputFn {
  const Op& op;
  template <class D, class V>
  HWY_INLINE V operator()(D d, V y, V dy) const { return op.FromOutput(d, y, dy); }
};

// y[i] = op.Forward(x[i]). y may be exactly x.
template <typename T, class Op>
HWY_INLINE void ForwardLoop(const Op& op, std::size_t n, const T* x, T* y,
                            bool stream = false) {
  ElementLoop(typename Op::Tag(), ForwardFn<Op>{op}, n, x,
              static_cast<const T*>(nullptr), y, stream);
}

// out[i] = fn(d, a[i], b[i]) for a two-input vector function; out may be
// exactly a or b.
template <class D, typename T, class Fn>
HWY_INLINE void BinaryLoop(D d, const Fn& fn, std::size_t n, const T* a,
                           const T* b, T* out, bool stream = false) {
  ElementLoop(d, fn, n, a, b, out, stream);
}

// dx[i] = op.Backward(x[i], dy[i]). dx may be exactly x or dy.
template <typename T, class Op>
HWY_INLINE void BackwardLoop(const Op& op, std::size_t n, const T* x,
                             const T* dy, T* dx, bool stream = false) {
  ElementLoop(typename Op::Tag(), BackwardFn<Op>{op}, n, x, dy, dx, stream);
}

// dx[i] = op.FromOutput(y[i], dy[i]). dx may be exactly y or dy.
template <typename T, class Op>
HWY_INLINE void FromOutputLoop(const Op& op, std::size_t n, const T* y,
                               const T* dy, T* dx, bool stream = false) {
  ElementLoop(typename Op::Tag(), FromOutputFn<Op>{op}, n, y, dy, dx, stream);
}

// A parameter as the kernels of element type T see it: rounded to T once.
// The round trip goes through a volatile: GCC 12's SLP vectorizer at -O2
// was seen to drop the double -> float -> double rounding of the second of
// two adjacent parameters (selu's lambda came through unrounded).
template <typename T>
double RoundedParam(double value) {
  volatile T rounded = static_cast<T>(value);
  return static_cast<double>(rounded);
}

// The Math structs of element type T: double-word bodies for f64, plain
// f64 bodies (rounded once to f32) for f32.
template <typename T>
struct SmoothMaths {
  using Elu = EluMath;
  using Gelu = GeluMath;
  using GeluTanh = GeluTanhMath;
  using Silu = SiluMath;
  using Mish = MishMath;
  using Softplus = SoftplusMath;
  using Sigmoid = SigmoidMath;
  using Tanh = TanhMath;
};

template <>
struct SmoothMaths<float> {
  using Elu = EluF32Math;
  using Gelu = GeluF32Math;
  using GeluTanh = GeluTanhF32Math;
  using Silu = SiluF32Math;
  using Mish = MishF32Math;
  using Softplus = SoftplusF32Math;
  using Sigmoid = SigmoidF32Math;
  using Tanh = TanhF32Math;
};

// Calls run(op) with the op struct of smooth op `which`; false for other
// ops.
template <typename T, class Run>
HWY_INLINE bool WithSmoothOp(rectify_op which, const OpParams& params,
                             const Run& run) {
  using M = SmoothMaths<T>;
  const double alpha = RoundedParam<T>(params.alpha);
  const double beta = RoundedParam<T>(params.cap);
  switch (which) {
    case RECTIFY_ELU:
      run(SmoothOp<T, typename M::Elu>{typename M::Elu{alpha, 1.0, false}});
      return true;
    case RECTIFY_SELU:
      run(SmoothOp<T, typename M::Elu>{typename M::Elu{alpha, beta, true}});
      return true;
    case RECTIFY_GELU:
      run(SmoothOp<T, typename M::Gelu>{});
      return true;
    case RECTIFY_GELU_TANH:
      run(SmoothOp<T, typename M::GeluTanh>{});
      return true;
    case RECTIFY_SILU:
      run(SmoothOp<T, typename M::Silu>{typename M::Silu{alpha}});
      return true;
    case RECTIFY_MISH:
      run(SmoothOp<T, typename M::Mish>{});
      return true;
    case RECTIFY_SOFTPLUS:
      run(SmoothOp<T, typename M::Softplus>{typename M::Softplus{alpha}});
      return true;
    case RECTIFY_SIGMOID:
      run(SmoothOp<T, typename M::Sigmoid>{});
      return true;
    case RECTIFY_TANH:
      run(SmoothOp<T, typename M::Tanh>{});
      return true;
    default:
      return false;
  }
}

// One kernel per (op, element type): the op is a template argument, so a
// call goes straight from the table to its loop.
template <typename T, int kOp>
void Forward(const OpParams& params, std::size_t n, const void* x_raw,
             void* y_raw) {
  const T* x = static_cast<const T*>(x_raw);
  T* y = static_cast<T*>(y_raw);
  constexpr auto kWhich = static_cast<rectify_op>(kOp);
  switch (kWhich) {
    case RECTIFY_RELU:
      return ForwardLoop(ReluOp<T>{}, n, x, y, params.stream);
    case RECTIFY_LEAKY_RELU:
      return ForwardLoop(LeakyReluOp<T>{static_cast<T>(params.alpha)}, n, x, y,
                         params.stream);
    case RECTIFY_CLIPPED_RELU:
      return ForwardLoop(ClippedReluOp<T>{static_cast<T>(params.cap)}, n, x, y,
                         params.stream);
    case RECTIFY_HARDSIGMOID:
      return ForwardLoop(HardsigmoidOp<T>{}, n, x, y, params.stream);
    case RECTIFY_HARDSWISH:
      return ForwardLoop(HardswishOp<T>{}, n, x, y, params.stream);
    default:  // the API layer admits implemented ops only
      WithSmoothOp<T>(kWhich, params, [&](const auto& op) {
        ForwardLoop(op, n, x, y, params.stream);
      });
      return;
  }
}

template <typename T, int kOp>
void Backward(const OpParams& params, std::size_t n, const void* x_raw,
              const void* dy_raw, void* dx_raw) {
  const T* x = static_cast<const T*>(x_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  constexpr auto kWhich = static_cast<rectify_op>(kOp);
  switch (kWhich) {
    case RECTIFY_RELU:
      return BackwardLoop(ReluOp<T>{}, n, x, dy, dx, params.stream);
    case RECTIFY_LEAKY_RELU:
      return BackwardLoop(LeakyReluOp<T>{static_cast<T>(params.alpha)}, n, x,
                          dy, dx, params.stream);
    case RECTIFY_CLIPPED_RELU:
      return BackwardLoop(ClippedReluOp<T>{static_cast<T>(params.cap)}, n, x,
                          dy, dx, params.stream);
    case RECTIFY_HARDSIGMOID:
      return BackwardLoop(HardsigmoidOp<T>{}, n, x, dy, dx, params.stream);
    case RECTIFY_HARDSWISH:
      return BackwardLoop(HardswishOp<T>{}, n, x, dy, dx, params.stream);
    default:
      WithSmoothOp<T>(kWhich, params, [&](const auto& op) {
        BackwardLoop(op, n, x, dy, dx, params.stream);
      });
      return;
  }
}

// dx = dy * f'(x) written in y = f(x) (docs/semantics.md): its own formula
// for sigmoid, tanh and elu; for the exact ops the gradient in y is the one
// in x.
template <typename T, int kOp>
void BackwardFromOutput(const OpParams& params, std::size_t n, const void* y_raw,
                        const void* dy_raw, void* dx_raw) {
  const T* y = static_cast<const T*>(y_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  using M = SmoothMaths<T>;
  switch (static_cast<rectify_op>(kOp)) {
    case RECTIFY_SIGMOID:
      return FromOutputLoop(SmoothOp<T, typename M::Sigmoid>{}, n, y, dy, dx, params.stream);
    case RECTIFY_TANH:
      return FromOutputLoop(SmoothOp<T, typename M::Tanh>{}, n, y, dy, dx, params.stream);
    case RECTIFY_ELU: {
      const typename M::Elu elu{RoundedParam<T>(params.alpha), 1.0, false};
      return FromOutputLoop(SmoothOp<T, typename M::Elu>{elu}, n, y, dy, dx, params.stream);
    }
    default:
      return Backward<T, kOp>(params, n, y_raw, dy_raw, dx_raw);
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

// ---- the kernel table ----------------------------------------------------
// The kernels are compiled in four translation units per target (the
// smooth bodies are large; one unit holding all of them took tens of
// minutes and gigabytes to compile under AddressSanitizer): each fills its
// part of the table. kernels/kernel_parts.cc lists the parts.

// table.{forward, backward, backward_from_output}[op][dtype of T] for the
// ops kFirst + kOps.
template <typename T, std::size_t kFirst, std::size_t... kOps>
void FillOps(KernelTable& table, std::index_sequence<kOps...>) {
  constexpr std::size_t kDtype = sizeof(T) == sizeof(float) ? 0 : 1;
  ((table.forward[kFirst + kOps][kDtype] = &Forward<T, kFirst + kOps>), ...);
  ((table.backward[kFirst + kOps][kDtype] = &Backward<T, kFirst + kOps>), ...);
  ((table.backward_from_output[kFirst + kOps][kDtype] =
        &BackwardFromOutput<T, kFirst + kOps>),
   ...);
}

// The ops [kFirst, kEnd) for element type T.
template <typename T, std::size_t kFirst, std::size_t kEnd>
void FillOpRange(KernelTable& table) {
  FillOps<T, kFirst>(table, std::make_index_sequence<kEnd - kFirst>());
}

// The parts (defined in kernel_parts-inl.h, compiled where
// RECTIFY_KERNEL_PART selects them).
void FillExactKernels(KernelTable& table);      // exact ops and PReLU, f32 and f64
void FillSmoothF32Kernels(KernelTable& table);  // smooth ops, f32
void FillSmoothF64KernelsA(KernelTable& table);  // elu, selu, gelu, gelu_tanh; f64
void FillSmoothF64KernelsB(KernelTable& table);  // silu .. tanh; f64

// The kernel table of this target, assembled once (thread-safe).
inline const KernelTable* GetKernelTable() {
  static const KernelTable table = [] {
    KernelTable t{};
    FillExactKernels(t);
    FillSmoothF32Kernels(t);
    FillSmoothF64KernelsA(t);
    FillSmoothF64KernelsB(t);
    return t;
  }();
  return &table;
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_LOOPS_INL_H_
