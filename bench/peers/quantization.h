// The quantization parameters of the s8 and u8 rows of `rectify bench`
// (rectify_forward_quantized: real value = scale * (q - zero_point)), fixed
// per op so that runs compare, and the exact integer arithmetic that peers
// need to tell whether their operator computes the same function.
#ifndef RECTIFY_BENCH_PEERS_QUANTIZATION_H_
#define RECTIFY_BENCH_PEERS_QUANTIZATION_H_

#include "rectify/rectify.h"

namespace rectify_cli::bench {

struct Quantization {
  rectify_quant in;
  rectify_quant out;
};

// The smallest and largest code of RECTIFY_S8 (-128, 127) or RECTIFY_U8
// (0, 255).
int QuantMin(rectify_dtype dtype);
int QuantMax(rectify_dtype dtype);

// The bench's parameters for `act` in `dtype` (S8 or U8):
//   in:  s8 {8/127, 0}, u8 {16/255, 128}: reals of about [-8, 8], like x of
//        the floating-point rows.
//   out: sigmoid, hardsigmoid: {1/256, lowest code}, the range [0, 1);
//        tanh: {1/128, middle code (0 or 128)}, the range [-1, 1). These
//        are exactly what XNNPACK's quantized sigmoid and tanh require.
//        Every other op: `in` itself when f's values on the 256 inputs lie
//        within in's range (relu, leaky_relu, clipped_relu, ...: then
//        relu is an integer max, the form of the int8 peers); else (selu,
//        softplus) the affine map of [min f, max f] onto the 256 codes.
// A dtype other than S8/U8 gives {in = out = {1, 0}}.
Quantization BenchQuantization(const rectify_activation& act, rectify_dtype dtype);

// round_half_even(a / b) for positive finite a and b, computed exactly (no
// rounded quotient), or `limit` when that is smaller. limit <= 1000.
int RoundedQuotient(float a, float b, int limit);

// Whether two parameter sets are equal (scale bit for bit).
bool SameQuant(const rectify_quant& a, const rectify_quant& b);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_PEERS_QUANTIZATION_H_
