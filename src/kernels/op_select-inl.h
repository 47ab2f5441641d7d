// WithOp: the op struct (exact_ops-inl.h, smooth_ops-inl.h,
// f32_smooth_ops-inl.h) of an op and element type, built from the call's
// parameters. Shared by the CPU loops and the CUDA backend, which runs the
// same structs on one lane (lane/one_lane.h). WithOp itself is host code.
// Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_OP_SELECT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_OP_SELECT_INL_H_
#undef RECTIFY_KERNELS_OP_SELECT_INL_H_
#else
#define RECTIFY_KERNELS_OP_SELECT_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/exact_ops-inl.h"
#include "kernels/f32_smooth_ops-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "kernels/smooth_ops-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {

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

// Calls run(op) with the op struct of op kOp (exact or smooth), its
// parameters rounded to T once. Chosen at compile time: each kernel
// instantiates its own op's body only. The API layer admits implemented
// ops only.
template <typename T, int kOp, class Run>
inline void WithOp(const OpParams& params, const Run& run) {
  using M = SmoothMaths<T>;
  constexpr auto kWhich = static_cast<rectify_op>(kOp);
  if constexpr (kWhich == RECTIFY_RELU) {
    run(ReluOp<T>{});
  } else if constexpr (kWhich == RECTIFY_LEAKY_RELU) {
    run(LeakyReluOp<T>{static_cast<T>(params.alpha)});
  } else if constexpr (kWhich == RECTIFY_CLIPPED_RELU) {
    run(ClippedReluOp<T>{static_cast<T>(params.cap)});
  } else if constexpr (kWhich == RECTIFY_HARDSIGMOID) {
    run(HardsigmoidOp<T>{});
  } else if constexpr (kWhich == RECTIFY_HARDSWISH) {
    run(HardswishOp<T>{});
  } else if constexpr (kWhich == RECTIFY_ELU) {
    run(SmoothOp<T, typename M::Elu>{
        typename M::Elu{RoundedParam<T>(params.alpha), 1.0, false}});
  } else if constexpr (kWhich == RECTIFY_SELU) {
    run(SmoothOp<T, typename M::Elu>{typename M::Elu{
        RoundedParam<T>(params.alpha), RoundedParam<T>(params.cap), true}});
  } else if constexpr (kWhich == RECTIFY_GELU) {
    run(SmoothOp<T, typename M::Gelu>{});
  } else if constexpr (kWhich == RECTIFY_GELU_TANH) {
    run(SmoothOp<T, typename M::GeluTanh>{});
  } else if constexpr (kWhich == RECTIFY_SILU) {
    run(SmoothOp<T, typename M::Silu>{typename M::Silu{RoundedParam<T>(params.alpha)}});
  } else if constexpr (kWhich == RECTIFY_MISH) {
    run(SmoothOp<T, typename M::Mish>{});
  } else if constexpr (kWhich == RECTIFY_SOFTPLUS) {
    run(SmoothOp<T, typename M::Softplus>{
        typename M::Softplus{RoundedParam<T>(params.alpha)}});
  } else if constexpr (kWhich == RECTIFY_SIGMOID) {
    run(SmoothOp<T, typename M::Sigmoid>{});
  } else {
    static_assert(kWhich == RECTIFY_TANH, "every op of ops/op_list.h has a case");
    run(SmoothOp<T, typename M::Tanh>{});
  }
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_OP_SELECT_INL_H_
