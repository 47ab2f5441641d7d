// Where an op approaches a simple value faster than any power of x, or
// starts like a simple value near 0, f(x) = A + tail with A exact (x, x/2,
// alpha x, 1, -1, -alpha, -lambda*alpha) and the tail below A's last bit in
// long double, or even below its range (elu(-3e38) = -alpha + alpha e^-3e38).
// Rounding f(x) at a tie that is exactly A (a midpoint of a 16-bit format,
// or k + 1/2 of a quantized division) is then decided by the tail's sign,
// which these formulas state (each is a product of factors of known sign);
// long double's f(x) alone would be A itself.
#ifndef RECTIFY_REFERENCE_ASYMPTOTES_H_
#define RECTIFY_REFERENCE_ASYMPTOTES_H_

#include "rectify/rectify.h"

namespace rectify::reference {

struct Asymptote {
  long double value;  // A
  int tail_sign;      // the sign of f(x) - A: -1, 0 or 1
};

// A and the tail's sign for (op, parameters rounded to f32, finite x), or
// false where f has no such form at x.
inline bool AsymptoteAt(rectify_op op, long double alpha, long double beta, long double x,
                        Asymptote* out) {
  using L = long double;
  const auto sign = [](L v) { return v > 0 ? 1 : v < 0 ? -1 : 0; };
  const bool tiny = x != 0 && x > -0x1p-16L && x < 0x1p-16L;
  switch (op) {
    case RECTIFY_GELU:       // x/2 + x (Phi(x) - 1/2); x - x Phi(-x)
    case RECTIFY_GELU_TANH:  // x/2 + x (sigmoid(2u) - 1/2); x - x sigmoid(-2u)
    case RECTIFY_SILU:       // x/2 + x (sigmoid(bx) - 1/2); x - x sigmoid(-bx), b > 0
    case RECTIFY_HARDSWISH:  // x/2 + x^2 / 6 on (-3, 3)
      if (tiny) {
        *out = {x / L(2), 1};
        return true;
      }
      if (x > 0 && op != RECTIFY_HARDSWISH) {
        *out = {x, -1};
        return true;
      }
      return false;
    case RECTIFY_MISH:  // x - x 2s^2 / (1 + 2s + 2s^2), s = e^-x
      if (x <= 0) return false;
      *out = {x, -1};
      return true;
    case RECTIFY_SOFTPLUS:  // x + log1p(e^-bx) / b
      if (x <= 0) return false;
      *out = {x, 1};
      return true;
    case RECTIFY_ELU:   // -alpha + alpha e^x; near 0: alpha x + alpha x^2 / 2 + ...
    case RECTIFY_SELU: {  // the same times lambda
      if (x > 0) return false;
      const L slope = op == RECTIFY_ELU ? alpha : beta * alpha;
      *out = tiny ? Asymptote{slope * x, sign(slope)} : Asymptote{-slope, sign(slope)};
      return true;
    }
    case RECTIFY_SIGMOID:  // 1 - sigmoid(-x)
      if (x <= 0) return false;
      *out = {L(1), -1};
      return true;
    case RECTIFY_TANH:  // ±1 ∓ 2e / (1 + e), e = e^-2|x|
      if (x == 0) return false;
      *out = x > 0 ? Asymptote{L(1), -1} : Asymptote{L(-1), 1};
      return true;
    default:
      return false;
  }
}

}  // namespace rectify::reference

#endif  // RECTIFY_REFERENCE_ASYMPTOTES_H_
