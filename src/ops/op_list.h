// The registry of ops: one line per op, the single list from which the C
// enum's names, defaults, parameter checks, kernel tables, the per-op
// translation units (cmake/op_registry.cmake), tests, tools and benchmarks
// expand. What is particular to an op lives in its folder, ops/<name>/:
// <name>.h (its scalar formulas and reference) and <name>-inl.h (its vector
// bodies). docs/architecture.md gives the recipe for adding an op.
//
// X(ENUM, name, kind, alpha, alpha_domain, beta, beta_domain, from_output,
//   half_table, forward_ulp, backward_ulp)
//   ENUM           suffix of RECTIFY_<ENUM> in rectify.h; listed in enum order
//   name           string returned by rectify_op_name; also the op's folder
//   kind           kExact: every target returns the scalar reference's bits;
//                  kSmooth: a transcendental op held to its ulp bounds, with
//                  the FMA targets bit-identical to each other
//   alpha, beta    parameters of rectify_activation_default
//   *_domain       the values a call may give (checked after rounding to the
//                  call's parameter type): kUnused (ignored), kFinite,
//                  kPositiveFinite, kMagnitude2p64 (finite, |v| <= 2^64),
//                  kScale2p32 (2^-32 <= v <= 2^32)
//   from_output    how backward-from-output applies: kNever, kAlways, or
//                  kPositiveAlpha (only when alpha > 0)
//   half_table     whether the 16-bit forward reads the op's 65536-entry
//                  table (false: the op's own 16-bit kernel never does)
//   *_ulp          accuracy bounds of forward and backward, in ulps of the
//                  result (0.5: correctly rounded); docs/semantics.md
#ifndef RECTIFY_OPS_OP_LIST_H_
#define RECTIFY_OPS_OP_LIST_H_

#define RECTIFY_SELU_ALPHA 1.6732632423543772848170429916717
#define RECTIFY_SELU_LAMBDA 1.0507009873554804934193349852946

// clang-format off
#define RECTIFY_OP_LIST(X)                                                                        \
  X(RELU,         "relu",         kExact,  0.0,  kUnused,        0.0,  kUnused,         kAlways,        false, 0.5, 0.5) \
  X(LEAKY_RELU,   "leaky_relu",   kExact,  0.01, kFinite,        0.0,  kUnused,         kPositiveAlpha, true,  0.5, 0.5) \
  X(CLIPPED_RELU, "clipped_relu", kExact,  0.0,  kUnused,        6.0,  kPositiveFinite, kAlways,        false, 0.5, 0.5) \
  X(HARDSIGMOID,  "hardsigmoid",  kExact,  0.0,  kUnused,        0.0,  kUnused,         kNever,         true,  1.0, 1.0) \
  X(HARDSWISH,    "hardswish",    kExact,  0.0,  kUnused,        0.0,  kUnused,         kNever,         true,  1.0, 1.0) \
  X(ELU,          "elu",          kSmooth, 1.0,  kMagnitude2p64, 0.0,  kUnused,         kPositiveAlpha, true,  1.0, 2.0) \
  X(SELU,         "selu",         kSmooth, RECTIFY_SELU_ALPHA, kMagnitude2p64, RECTIFY_SELU_LAMBDA, kMagnitude2p64, kNever, true, 1.0, 2.0) \
  X(GELU,         "gelu",         kSmooth, 0.0,  kUnused,        0.0,  kUnused,         kNever,         true,  1.0, 2.0) \
  X(GELU_TANH,    "gelu_tanh",    kSmooth, 0.0,  kUnused,        0.0,  kUnused,         kNever,         true,  1.0, 2.0) \
  X(SILU,         "silu",         kSmooth, 1.0,  kScale2p32,     0.0,  kUnused,         kNever,         true,  1.0, 2.0) \
  X(MISH,         "mish",         kSmooth, 0.0,  kUnused,        0.0,  kUnused,         kNever,         true,  1.0, 2.0) \
  X(SOFTPLUS,     "softplus",     kSmooth, 1.0,  kScale2p32,     0.0,  kUnused,         kNever,         true,  1.0, 2.0) \
  X(SIGMOID,      "sigmoid",      kSmooth, 0.0,  kUnused,        0.0,  kUnused,         kAlways,        true,  1.0, 2.0) \
  X(TANH,         "tanh",         kSmooth, 0.0,  kUnused,        0.0,  kUnused,         kAlways,        true,  1.0, 2.0) \
  X(SQUARED_RELU, "squared_relu", kExact,  0.0,  kUnused,        0.0,  kUnused,         kNever,         true,  0.5, 0.5)
// clang-format on

#endif  // RECTIFY_OPS_OP_LIST_H_
