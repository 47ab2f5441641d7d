// OpBody<kOp>: how the kernels get the vector body of op kOp. Each op
// folder specializes it (ops/<op>/<op>-inl.h) with
//   template <typename T> static Body Make(const OpParams& params);
// or, for a body per accuracy tier,
//   template <typename T, Tier kTier> static Body Make(const OpParams& params);
// where Body has Tag (the descriptor its loops use), Forward(d, x) and
// Backward(d, x, dy), and may have FromOutput(d, y, dy); ParameterlessBody
// below and SmoothBody, SmoothBodyOfAlpha (smooth_op-inl.h) give Make for
// the common shapes. Optional members:
//   TieredFor<T>()         true where Make<T, kTier> gives a body of its own
//                          per tier (the table filler then instantiates
//                          the kernels once per tier; otherwise once, for
//                          every tier: exact ops, f64 for now);
//   kOwnFromOutput         FromOutput is the op's own formula in y (else the
//                          from-output kernel, where the registry allows
//                          one, is Backward: the gradient in y is the one in x);
//   ChannelSlopeOp<T>(s)   the body of the op's PReLU form, with slope s
//                          and per-lane slopes (ForwardWithSlope,
//                          BackwardWithSlope).
// OpHalfForward<kOp>, specialized in ops/<op>/<op>_half-inl.h where an op
// has its own 16-bit forward kernel (static Run<kFormat>, the signature of
// ForwardKernel); the others read the op's table (half_loops-inl.h).
// The machinery (loops, tables, the GPU lane) reaches op bodies only
// through OpBody and WithOp. Shared by the CPU loops and the CUDA backend,
// which runs the same bodies on one lane (lane/one_lane.h).
// Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_OP_BODY_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_OP_BODY_INL_H_
#undef RECTIFY_KERNELS_OP_BODY_INL_H_
#else
#define RECTIFY_KERNELS_OP_BODY_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {

template <int kOp>
struct OpBody;

template <int kOp>
struct OpHalfForward {};

// A parameter as the kernels of element type T see it: rounded to T once.
// The round trip goes through a volatile: GCC 12's SLP vectorizer at -O2
// was seen to drop the double -> float -> double rounding of the second of
// two adjacent parameters (selu's lambda came through unrounded).
template <typename T>
double RoundedParam(double value) {
  volatile T rounded = static_cast<T>(value);
  return static_cast<double>(rounded);
}

// OpBody of an op without parameters whose body for T is Body<T>.
template <template <typename> class Body>
struct ParameterlessBody {
  template <typename T>
  static Body<T> Make(const OpParams&) {
    return Body<T>{};
  }
};

// Calls run(body) with the vector body of op kOp for element type T at
// accuracy tier kTier, its parameters rounded to T once: Make<T, kTier>
// where the op has it, else Make<T> (one body for every tier: the exact
// ops). Chosen at compile time: each kernel instantiates its own op's body
// only. The API layer admits valid parameters only.
template <typename T, int kOp, Tier kTier, class Run>
inline void WithOp(const OpParams& params, const Run& run) {
  if constexpr (requires { OpBody<kOp>::template Make<T, kTier>(params); }) {
    run(OpBody<kOp>::template Make<T, kTier>(params));
  } else {
    run(OpBody<kOp>::template Make<T>(params));
  }
}

// Whether op kOp has a body of its own per tier for element type T
// (OpBody<kOp>::TieredFor<T>(), default false): the kernels of T are then
// instantiated per tier, else once and stored in every tier.
template <int kOp, typename T>
inline constexpr bool kTieredBody = requires { requires OpBody<kOp>::template TieredFor<T>(); };

// Whether the op's from-output kernel is its own formula in y.
template <int kOp>
inline constexpr bool kOwnFromOutput = requires { requires OpBody<kOp>::kOwnFromOutput; };

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_OP_BODY_INL_H_
