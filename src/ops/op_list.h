// The registry of ops: the single list from which op names, defaults, the
// set of implemented ops, tests and tools expand.
//
// X(ENUM, name, default_alpha, default_beta, implemented, kind, from_output,
//   forward_ulp, backward_ulp)
//   ENUM           suffix of RECTIFY_<ENUM> in rectify.h
//   name           string returned by rectify_op_name
//   default_*      parameters of rectify_activation_default
//   implemented    1 when this build computes the op (f32 and f64)
//   kind           kExact: every target returns the scalar reference's bits;
//                  kSmooth: a transcendental op held to its ulp bounds, with
//                  the FMA targets bit-identical to each other
//   from_output    how backward-from-output applies: kNever, kAlways, or
//                  kPositiveAlpha (only when alpha > 0)
//   *_ulp          accuracy bounds of forward and backward, in ulps of the
//                  result (0.5: correctly rounded); docs/semantics.md
#ifndef RECTIFY_OPS_OP_LIST_H_
#define RECTIFY_OPS_OP_LIST_H_

#define RECTIFY_SELU_ALPHA 1.6732632423543772848170429916717
#define RECTIFY_SELU_LAMBDA 1.0507009873554804934193349852946

#define RECTIFY_OP_LIST(X)                                                              \
  X(RELU, "relu", 0.0, 0.0, 1, kExact, kAlways, 0.5, 0.5)                               \
  X(LEAKY_RELU, "leaky_relu", 0.01, 0.0, 1, kExact, kPositiveAlpha, 0.5, 0.5)           \
  X(CLIPPED_RELU, "clipped_relu", 0.0, 6.0, 1, kExact, kAlways, 0.5, 0.5)               \
  X(HARDSIGMOID, "hardsigmoid", 0.0, 0.0, 1, kExact, kNever, 1.0, 1.0)                  \
  X(HARDSWISH, "hardswish", 0.0, 0.0, 1, kExact, kNever, 1.0, 1.0)                      \
  X(ELU, "elu", 1.0, 0.0, 1, kSmooth, kPositiveAlpha, 1.0, 2.0)                         \
  X(SELU, "selu", RECTIFY_SELU_ALPHA, RECTIFY_SELU_LAMBDA, 1, kSmooth, kNever, 1.0, 2.0)\
  X(GELU, "gelu", 0.0, 0.0, 1, kSmooth, kNever, 1.0, 2.0)                               \
  X(GELU_TANH, "gelu_tanh", 0.0, 0.0, 1, kSmooth, kNever, 1.0, 2.0)                     \
  X(SILU, "silu", 1.0, 0.0, 1, kSmooth, kNever, 1.0, 2.0)                               \
  X(MISH, "mish", 0.0, 0.0, 1, kSmooth, kNever, 1.0, 2.0)                               \
  X(SOFTPLUS, "softplus", 1.0, 0.0, 1, kSmooth, kNever, 1.0, 2.0)                       \
  X(SIGMOID, "sigmoid", 0.0, 0.0, 1, kSmooth, kAlways, 1.0, 2.0)                        \
  X(TANH, "tanh", 0.0, 0.0, 1, kSmooth, kAlways, 1.0, 2.0)

#endif  // RECTIFY_OPS_OP_LIST_H_
