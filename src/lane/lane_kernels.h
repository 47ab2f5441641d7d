// One element of every kernel the CUDA backend runs, written once for the
// GPU threads (src/cuda) and for the host test that checks them against
// the CPU kernels (test/lane-test.cc). The op bodies are the CPU's own
// (every ops/<op>/<op>-inl.h through kernels/op_body-inl.h's WithOp),
// compiled on one lane by lane/one_lane.h; this
// file adds what the CPU loops do around them: the bias pre-activation,
// the 16-bit conversions, and the canonical order of the bias gradient.
// Include only where src/lane/shadow precedes Highway on the include path.
#ifndef RECTIFY_LANE_LANE_KERNELS_H_
#define RECTIFY_LANE_LANE_KERNELS_H_

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "kernels/op_body-inl.h"
#include "ops/all_op_bodies-inl.h"
#include "lane/host_device.h"
#include "numeric/float_bits.h"
#include "numeric/half_bits.h"
#include "numeric/prelu_sum.h"

#ifndef RECTIFY_LANE_ONE_LANE_H_
#error "lane_kernels.h needs src/lane/shadow before Highway on the include path"
#endif

namespace rectify::lane {

// The op structs compiled on one lane.
namespace ops = RECTIFY_KERNEL_NAMESPACE::N_ONE_LANE;

// f(x) and dy * f'(x) through an op struct of ops::WithOp.
template <class Op, typename T>
RECTIFY_HD inline T Forward(const Op& op, T x) {
  return op.Forward(typename Op::Tag(), x);
}
template <class Op, typename T>
RECTIFY_HD inline T Backward(const Op& op, T x, T dy) {
  return op.Backward(typename Op::Tag(), x, dy);
}

// The pre-activation x + b, rounded once, with the NaN results of the CPU
// kernels (kernels/bias_loops-inl.h on x86): a NaN x itself, else a NaN b
// quieted. GPU arithmetic would give its own canonical NaN instead.
template <typename T>
RECTIFY_HD inline T PreActivation(T x, T b) {
  if (x != x) return x;
  if (b != b) return Quiet(b);
  return x + b;
}

// The 16-bit pre-activation of half/half_kernels.cc: a NaN x itself, else
// the f32 sum (exact before its one rounding) rounded to the format.
template <HalfFormat kFormat>
RECTIFY_HD inline std::uint16_t HalfPreActivation(std::uint16_t x, float b) {
  if (HalfIsNaN(kFormat, x)) return x;
  return FloatToHalf(kFormat, PreActivation(HalfToFloat(kFormat, x), b));
}

// The 16-bit backward of half/half_kernels.cc: the f32 op struct at the
// exactly widened inputs, rounded once to the format.
template <HalfFormat kFormat, class Op32>
RECTIFY_HD inline std::uint16_t HalfBackward(const Op32& op, std::uint16_t x, std::uint16_t dy) {
  return FloatToHalf(kFormat,
                     Backward(op, HalfToFloat(kFormat, x), HalfToFloat(kFormat, dy)));
}

// Storage type of a kernel dtype: T for f32/f64, uint16_t bits for 16-bit.
// Element<T>::Widen gives the value the bias gradient sums (exact in f64).
template <typename Storage, HalfFormat kFormat = HalfFormat::kBf16>
struct Element;

template <>
struct Element<float> {
  RECTIFY_HD static double Widen(float v) { return v; }
  RECTIFY_HD static float Finish(double* partials) { return FinishPreluSum<float>(partials); }
};
template <>
struct Element<double> {
  RECTIFY_HD static double Widen(double v) { return v; }
  RECTIFY_HD static double Finish(double* partials) { return FinishPreluSum<double>(partials); }
};
template <HalfFormat kFormat>
struct Element<std::uint16_t, kFormat> {
  RECTIFY_HD static double Widen(std::uint16_t v) { return HalfToFloat(kFormat, v); }
  RECTIFY_HD static std::uint16_t Finish(double* partials) {
    return DoubleToHalf(kFormat, FinishPreluSum<double>(partials));
  }
};

// Position of element (o, c, i) of the layout [outer][channels][inner].
RECTIFY_HD inline std::size_t At(std::size_t o, std::size_t c, std::size_t i,
                                 std::size_t channels, std::size_t inner) {
  return (o * channels + c) * inner + i;
}

// Partial sum j of channel c of the bias gradient in the canonical order
// (outer, then inner) over the finished dx: the elements with inner index
// i = j (mod 16), widened exactly to f64, summed from -0. `load` reads one
// dx element (the GPU passes a read-only load). The loops are unrolled on
// the GPU so that the loads of several steps are in flight at once.
template <typename Storage, HalfFormat kFormat, class Load>
RECTIFY_HD inline double BiasGradientPartial(std::size_t outer, std::size_t channels,
                                             std::size_t inner, std::size_t c, std::size_t j,
                                             const Load& load) {
  double partial = -0.0;
  if (j >= inner) return partial;
  if (inner <= kPreluPartials) {  // one element per row
    const std::size_t row_stride = channels * inner;
    std::size_t k = c * inner + j;
    RECTIFY_UNROLL(8)
    for (std::size_t o = 0; o < outer; ++o, k += row_stride) {
      partial += Element<Storage, kFormat>::Widen(load(k));
    }
    return partial;
  }
  for (std::size_t o = 0; o < outer; ++o) {
    const std::size_t row = At(o, c, 0, channels, inner);
    RECTIFY_UNROLL(4)
    for (std::size_t i = j; i < inner; i += kPreluPartials) {
      partial += Element<Storage, kFormat>::Widen(load(row + i));
    }
  }
  return partial;
}

}  // namespace rectify::lane

#endif  // RECTIFY_LANE_LANE_KERNELS_H_
