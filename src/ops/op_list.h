// The registry of ops: the single list from which op names, defaults, the
// set of implemented ops, tests and tools expand.
//
// X(ENUM, name, default_alpha, default_beta, implemented, from_output)
//   ENUM           suffix of RECTIFY_<ENUM> in rectify.h
//   name           string returned by rectify_op_name
//   default_*      parameters of rectify_activation_default
//   implemented    1 when this build computes the op (f32 and f64)
//   from_output    how backward-from-output applies: kNever, kAlways, or
//                  kPositiveAlpha (only when alpha > 0)
#ifndef RECTIFY_OPS_OP_LIST_H_
#define RECTIFY_OPS_OP_LIST_H_

#define RECTIFY_SELU_ALPHA 1.6732632423543772848170429916717
#define RECTIFY_SELU_LAMBDA 1.0507009873554804934193349852946

#define RECTIFY_OP_LIST(X)                                              \
  X(RELU, "relu", 0.0, 0.0, 1, kAlways)                                 \
  X(LEAKY_RELU, "leaky_relu", 0.01, 0.0, 1, kPositiveAlpha)             \
  X(CLIPPED_RELU, "clipped_relu", 0.0, 6.0, 1, kAlways)                 \
  X(HARDSIGMOID, "hardsigmoid", 0.0, 0.0, 1, kNever)                    \
  X(HARDSWISH, "hardswish", 0.0, 0.0, 1, kNever)                        \
  X(ELU, "elu", 1.0, 0.0, 0, kPositiveAlpha)                            \
  X(SELU, "selu", RECTIFY_SELU_ALPHA, RECTIFY_SELU_LAMBDA, 0, kNever)   \
  X(GELU, "gelu", 0.0, 0.0, 0, kNever)                                  \
  X(GELU_TANH, "gelu_tanh", 0.0, 0.0, 0, kNever)                        \
  X(SILU, "silu", 1.0, 0.0, 0, kNever)                                  \
  X(MISH, "mish", 0.0, 0.0, 0, kNever)                                  \
  X(SOFTPLUS, "softplus", 1.0, 0.0, 0, kNever)                          \
  X(SIGMOID, "sigmoid", 0.0, 0.0, 0, kAlways)                           \
  X(TANH, "tanh", 0.0, 0.0, 0, kAlways)

#endif  // RECTIFY_OPS_OP_LIST_H_
