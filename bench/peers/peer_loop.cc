// The plain C loop: one scalar `for` loop per op over the caller's buffers,
// written with <cmath> the way a careful C programmer would (softplus in its
// overflow-free form). Every op, f32 and f64, forward and backward, in place
// or not, on one thread. It gets the project's Release flags (-O3, baseline
// x86-64, no -ffast-math), so the compiler vectorizes what it can: the calls
// into libm stay scalar calls, and GCC 12, under its default
// -ftrapping-math, keeps a ternary that guards a multiply or a division
// (leaky_relu, hardsigmoid, most backward loops) as a branch, which random
// signs mispredict. That is what plain code gets; rectify's ratio to it says
// so.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <string>

#include "peers/peer.h"
#include "peers/per_dtype.h"

namespace rectify_cli::bench {
namespace {

// Decimal constants, rounded once to T.
constexpr double kSqrtHalf = 0.70710678118654752440;     // 1/sqrt(2)
constexpr double kInvSqrt2Pi = 0.39894228040143267794;   // 1/sqrt(2 pi)
constexpr double kSqrt2OverPi = 0.79788456080286535588;  // sqrt(2/pi)
constexpr double kGeluTanhCubic = 0.044715;

template <typename T>
T Sigmoid(T z) {
  return T(1) / (T(1) + std::exp(-z));
}

// log1p(exp(z)) without overflow for large z.
template <typename T>
T Softplus(T z) {
  return std::max(z, T(0)) + std::log1p(std::exp(-std::abs(z)));
}

// y[i] = f(x[i]).
template <typename T, typename F>
class ForwardLoop final : public PeerKernel {
 public:
  ForwardLoop(std::size_t n, const T* x, T* y, F f) : n_(n), x_(x), y_(y), f_(f) {}
  void Run() override {
    const T* x = x_;
    T* y = y_;
    for (std::size_t i = 0; i < n_; ++i) y[i] = f_(x[i]);
  }
  int ThreadsUsed() const override { return 1; }

 private:
  std::size_t n_;
  const T* x_;
  T* y_;
  F f_;
};

// dx[i] = g(x[i], dy[i]), g(x, dy) = dy * f'(x).
template <typename T, typename G>
class BackwardLoop final : public PeerKernel {
 public:
  BackwardLoop(std::size_t n, const T* x, const T* dy, T* dx, G g)
      : n_(n), x_(x), dy_(dy), dx_(dx), g_(g) {}
  void Run() override {
    const T* x = x_;
    const T* dy = dy_;
    T* dx = dx_;
    for (std::size_t i = 0; i < n_; ++i) dx[i] = g_(x[i], dy[i]);
  }
  int ThreadsUsed() const override { return 1; }

 private:
  std::size_t n_;
  const T* x_;
  const T* dy_;
  T* dx_;
  G g_;
};

template <typename T>
std::unique_ptr<PeerKernel> MakeForward(const Workload& w, const Buffers& b) {
  const T alpha = static_cast<T>(w.act.alpha);
  const T beta = static_cast<T>(w.act.beta);
  const T sqrt_half = static_cast<T>(kSqrtHalf);
  const T k = static_cast<T>(kSqrt2OverPi);
  const T c = static_cast<T>(kGeluTanhCubic);
  const auto loop = [&](auto f) -> std::unique_ptr<PeerKernel> {
    return std::make_unique<ForwardLoop<T, decltype(f)>>(
        w.n, static_cast<const T*>(b.x), static_cast<T*>(b.out), f);
  };
  switch (w.act.op) {
    case RECTIFY_RELU:
      return loop([](T x) { return std::max(x, T(0)); });
    case RECTIFY_LEAKY_RELU:
      return loop([alpha](T x) { return x > 0 ? x : alpha * x; });
    case RECTIFY_CLIPPED_RELU:
      return loop([beta](T x) { return std::min(std::max(x, T(0)), beta); });
    case RECTIFY_HARDSIGMOID:
      return loop([](T x) { return std::min(std::max(x + 3, T(0)), T(6)) / 6; });
    case RECTIFY_HARDSWISH:
      return loop([](T x) { return x * std::min(std::max(x + 3, T(0)), T(6)) / 6; });
    case RECTIFY_ELU:
      return loop([alpha](T x) { return x > 0 ? x : alpha * std::expm1(x); });
    case RECTIFY_SELU:  // alpha, lambda = beta
      return loop([alpha, beta](T x) { return beta * (x > 0 ? x : alpha * std::expm1(x)); });
    case RECTIFY_GELU:
      return loop([sqrt_half](T x) { return T(0.5) * x * (1 + std::erf(x * sqrt_half)); });
    case RECTIFY_GELU_TANH:
      return loop([k, c](T x) { return T(0.5) * x * (1 + std::tanh(k * (x + c * x * x * x))); });
    case RECTIFY_SILU:  // beta of x * sigmoid(beta * x) = alpha
      return loop([alpha](T x) { return x * Sigmoid(alpha * x); });
    case RECTIFY_MISH:
      return loop([](T x) { return x * std::tanh(Softplus(x)); });
    case RECTIFY_SOFTPLUS:  // beta = alpha
      return loop([alpha](T x) { return Softplus(alpha * x) / alpha; });
    case RECTIFY_SIGMOID:
      return loop([](T x) { return Sigmoid(x); });
    case RECTIFY_TANH:
      return loop([](T x) { return std::tanh(x); });
    case RECTIFY_SQUARED_RELU:
      return loop([](T x) { return x > 0 ? x * x : T(0); });
  }
  return nullptr;
}

template <typename T>
std::unique_ptr<PeerKernel> MakeBackward(const Workload& w, const Buffers& b) {
  const T alpha = static_cast<T>(w.act.alpha);
  const T beta = static_cast<T>(w.act.beta);
  const T sqrt_half = static_cast<T>(kSqrtHalf);
  const T inv_sqrt_2pi = static_cast<T>(kInvSqrt2Pi);
  const T k = static_cast<T>(kSqrt2OverPi);
  const T c = static_cast<T>(kGeluTanhCubic);
  const auto loop = [&](auto g) -> std::unique_ptr<PeerKernel> {
    return std::make_unique<BackwardLoop<T, decltype(g)>>(
        w.n, static_cast<const T*>(b.x), static_cast<const T*>(b.dy), static_cast<T*>(b.out), g);
  };
  switch (w.act.op) {
    case RECTIFY_RELU:
      return loop([](T x, T dy) { return x > 0 ? dy : T(0); });
    case RECTIFY_LEAKY_RELU:
      return loop([alpha](T x, T dy) { return x > 0 ? dy : alpha * dy; });
    case RECTIFY_CLIPPED_RELU:
      return loop([beta](T x, T dy) { return x > 0 && x < beta ? dy : T(0); });
    case RECTIFY_HARDSIGMOID:
      return loop([](T x, T dy) { return x > -3 && x < 3 ? dy / 6 : T(0); });
    case RECTIFY_HARDSWISH:
      return loop([](T x, T dy) { return x < -3 ? T(0) : x > 3 ? dy : dy * (2 * x + 3) / 6; });
    case RECTIFY_ELU:
      return loop([alpha](T x, T dy) { return x > 0 ? dy : dy * alpha * std::exp(x); });
    case RECTIFY_SELU: {
      const T lambda_alpha = beta * alpha;
      return loop([beta, lambda_alpha](T x, T dy) {
        return x > 0 ? dy * beta : dy * lambda_alpha * std::exp(x);
      });
    }
    case RECTIFY_GELU:
      return loop([sqrt_half, inv_sqrt_2pi](T x, T dy) {
        const T cdf = T(0.5) * (1 + std::erf(x * sqrt_half));
        const T pdf = inv_sqrt_2pi * std::exp(T(-0.5) * x * x);
        return dy * (cdf + x * pdf);
      });
    case RECTIFY_GELU_TANH:
      return loop([k, c](T x, T dy) {
        const T t = std::tanh(k * (x + c * x * x * x));
        const T du = k * (1 + 3 * c * x * x);
        return dy * (T(0.5) * (1 + t) + T(0.5) * x * (1 - t * t) * du);
      });
    case RECTIFY_SILU:
      return loop([alpha](T x, T dy) {
        const T s = Sigmoid(alpha * x);
        return dy * s * (1 + alpha * x * (1 - s));
      });
    case RECTIFY_MISH:
      return loop([](T x, T dy) {
        const T t = std::tanh(Softplus(x));
        return dy * (t + x * Sigmoid(x) * (1 - t * t));
      });
    case RECTIFY_SOFTPLUS:
      return loop([alpha](T x, T dy) { return dy * Sigmoid(alpha * x); });
    case RECTIFY_SIGMOID:
      return loop([](T x, T dy) {
        const T s = Sigmoid(x);
        return dy * s * (1 - s);
      });
    case RECTIFY_TANH:
      return loop([](T x, T dy) {
        const T t = std::tanh(x);
        return dy * (1 - t * t);
      });
    case RECTIFY_SQUARED_RELU:
      return loop([](T x, T dy) { return x > 0 ? 2 * x * dy : T(0); });
    default:
      break;
  }
  return nullptr;
}

// The kernel of w in T, or nullptr for kFromOutput (no loop computes dx from y).
template <typename T>
std::unique_ptr<PeerKernel> MakeKernel(const Workload& w, const Buffers& b) {
  return ByDirection(w, [&] { return MakeForward<T>(w, b); },
                     [&] { return MakeBackward<T>(w, b); });
}

// The dtypes this peer computes.
constexpr PerDtype<KernelMaker> kMakers{.f32 = MakeKernel<float>, .f64 = MakeKernel<double>};

class LoopPeer final : public Peer {
 public:
  std::string Name() const override { return "loop"; }
  std::unique_ptr<PeerKernel> Prepare(const Workload& w, const Buffers& b) override {
    if (!RectifyAccepts(w)) return nullptr;
    const auto make = kMakers.Find(w.dtype);
    return make ? (*make)(w, b) : nullptr;
  }
};

}  // namespace

std::unique_ptr<Peer> MakeLoopPeer() { return std::make_unique<LoopPeer>(); }

}  // namespace rectify_cli::bench
