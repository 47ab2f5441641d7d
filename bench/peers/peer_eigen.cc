// Eigen 3: Eigen::Map over the caller's buffers and one array expression per
// op (Eigen's own vectorized exp, expm1, log1p, tanh, logistic and, from
// unsupported/SpecialFunctions, erf). Every op, f32 and f64, forward and
// backward, in place or not, single-threaded (Eigen threads only its matrix
// products). Backward expressions that need one value twice (tanh, the
// sigmoid) evaluate it once into a block-sized scratch array first, as one
// would write it by hand; the blocks keep that scratch in cache.
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>
#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "peers/peer.h"
#include "peers/per_dtype.h"

namespace rectify_cli::bench {
namespace {

constexpr double kSqrtHalf = 0.70710678118654752440;     // 1/sqrt(2)
constexpr double kInvSqrt2Pi = 0.39894228040143267794;   // 1/sqrt(2 pi)
constexpr double kSqrt2OverPi = 0.79788456080286535588;  // sqrt(2/pi)
constexpr double kGeluTanhCubic = 0.044715;

// Elements per backward block: the scratch (4096 doubles: 32 KiB) stays in
// L1/L2 while the expression that reads it runs.
constexpr std::size_t kBlock = 4096;

template <typename T>
using Array = Eigen::Array<T, Eigen::Dynamic, 1>;
template <typename T>
using In = Eigen::Map<const Array<T>>;
template <typename T>
using Out = Eigen::Map<Array<T>>;

// f(x, y) assigns the op's expression of x to y.
template <typename T, typename F>
class EigenForward final : public PeerKernel {
 public:
  EigenForward(std::size_t n, const T* x, T* y, F f) : n_(n), x_(x), y_(y), f_(f) {}
  void Run() override {
    const In<T> x(x_, static_cast<Eigen::Index>(n_));
    Out<T> y(y_, static_cast<Eigen::Index>(n_));
    f_(x, y);
  }
  int ThreadsUsed() const override { return 1; }

 private:
  std::size_t n_;
  const T* x_;
  T* y_;
  F f_;
};

// g(x, dy, dx, scratch) assigns dy * f'(x) to dx, block by block; scratch
// has the block's size.
template <typename T, typename G>
class EigenBackward final : public PeerKernel {
 public:
  EigenBackward(std::size_t n, const T* x, const T* dy, T* dx, G g)
      : n_(n), x_(x), dy_(dy), dx_(dx), g_(g), scratch_(std::min(n, kBlock)) {}
  void Run() override {
    for (std::size_t start = 0; start < n_; start += kBlock) {
      const auto m = static_cast<Eigen::Index>(std::min(kBlock, n_ - start));
      const In<T> x(x_ + start, m);
      const In<T> dy(dy_ + start, m);
      Out<T> dx(dx_ + start, m);
      Out<T> scratch(scratch_.data(), m);
      g_(x, dy, dx, scratch);
    }
  }
  int ThreadsUsed() const override { return 1; }

 private:
  std::size_t n_;
  const T* x_;
  const T* dy_;
  T* dx_;
  G g_;
  std::vector<T> scratch_;
};

// log1p(exp(z)) without overflow for large z.
template <typename Derived>
auto Softplus(const Eigen::ArrayBase<Derived>& z) {
  using T = typename Derived::Scalar;
  return z.max(T(0)) + (-z.abs()).exp().log1p();
}

template <typename T>
std::unique_ptr<PeerKernel> MakeForward(const Workload& w, const Buffers& b) {
  const T alpha = static_cast<T>(w.act.alpha);
  const T beta = static_cast<T>(w.act.beta);
  const T sqrt_half = static_cast<T>(kSqrtHalf);
  const T k = static_cast<T>(kSqrt2OverPi);
  const T c = static_cast<T>(kGeluTanhCubic);
  const T one(1);
  const T half(0.5);
  const auto kernel = [&](auto f) -> std::unique_ptr<PeerKernel> {
    return std::make_unique<EigenForward<T, decltype(f)>>(
        w.n, static_cast<const T*>(b.x), static_cast<T*>(b.out), f);
  };
  switch (w.act.op) {
    case RECTIFY_RELU:
      return kernel([](const In<T>& x, Out<T>& y) { y = x.max(T(0)); });
    case RECTIFY_LEAKY_RELU:
      return kernel(
          [alpha](const In<T>& x, Out<T>& y) { y = (x > T(0)).select(x, alpha * x); });
    case RECTIFY_CLIPPED_RELU:
      return kernel([beta](const In<T>& x, Out<T>& y) { y = x.max(T(0)).min(beta); });
    case RECTIFY_HARDSIGMOID:
      return kernel(
          [](const In<T>& x, Out<T>& y) { y = (x + T(3)).max(T(0)).min(T(6)) / T(6); });
    case RECTIFY_HARDSWISH:
      return kernel(
          [](const In<T>& x, Out<T>& y) { y = x * (x + T(3)).max(T(0)).min(T(6)) / T(6); });
    case RECTIFY_ELU:
      return kernel([alpha](const In<T>& x, Out<T>& y) {
        y = (x > T(0)).select(x, alpha * x.expm1());
      });
    case RECTIFY_SELU:  // alpha, lambda = beta
      return kernel([alpha, beta](const In<T>& x, Out<T>& y) {
        y = beta * (x > T(0)).select(x, alpha * x.expm1());
      });
    case RECTIFY_GELU:
      return kernel([sqrt_half, one, half](const In<T>& x, Out<T>& y) {
        y = half * x * (one + (x * sqrt_half).erf());
      });
    case RECTIFY_GELU_TANH:
      return kernel([k, c, one, half](const In<T>& x, Out<T>& y) {
        y = half * x * (one + (k * (x + c * x.cube())).tanh());
      });
    case RECTIFY_SILU:  // beta of x * sigmoid(beta * x) = alpha
      return kernel([alpha](const In<T>& x, Out<T>& y) { y = x * (alpha * x).logistic(); });
    case RECTIFY_MISH:
      return kernel([](const In<T>& x, Out<T>& y) { y = x * Softplus(x).tanh(); });
    case RECTIFY_SOFTPLUS:  // beta = alpha
      return kernel([alpha](const In<T>& x, Out<T>& y) { y = Softplus(alpha * x) / alpha; });
    case RECTIFY_SIGMOID:
      return kernel([](const In<T>& x, Out<T>& y) { y = x.logistic(); });
    case RECTIFY_TANH:
      return kernel([](const In<T>& x, Out<T>& y) { y = x.tanh(); });
    case RECTIFY_SQUARED_RELU:
      return kernel([](const In<T>& x, Out<T>& y) { y = x.max(T(0)).square(); });
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
  const T zero(0);
  const T one(1);
  const T half(0.5);
  const auto kernel = [&](auto g) -> std::unique_ptr<PeerKernel> {
    return std::make_unique<EigenBackward<T, decltype(g)>>(
        w.n, static_cast<const T*>(b.x), static_cast<const T*>(b.dy), static_cast<T*>(b.out),
        g);
  };
  switch (w.act.op) {
    case RECTIFY_RELU:
      return kernel([zero](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = (x > zero).select(dy, zero);
      });
    case RECTIFY_LEAKY_RELU:
      return kernel([alpha](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = (x > T(0)).select(dy, alpha * dy);
      });
    case RECTIFY_CLIPPED_RELU:
      return kernel([beta, zero](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = (x > zero && x < beta).select(dy, zero);
      });
    case RECTIFY_HARDSIGMOID:
      return kernel([zero](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = (x > T(-3) && x < T(3)).select(dy / T(6), zero);
      });
    case RECTIFY_HARDSWISH:
      return kernel([zero](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = (x < T(-3)).select(zero, (x > T(3)).select(dy, dy * (T(2) * x + T(3)) / T(6)));
      });
    case RECTIFY_ELU:
      return kernel([alpha](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = (x > T(0)).select(dy, dy * alpha * x.exp());
      });
    case RECTIFY_SELU: {
      const T lambda_alpha = beta * alpha;
      return kernel(
          [beta, lambda_alpha](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
            dx = (x > T(0)).select(dy * beta, dy * lambda_alpha * x.exp());
          });
    }
    case RECTIFY_GELU:
      return kernel([sqrt_half, inv_sqrt_2pi, one, half](const In<T>& x, const In<T>& dy,
                                                          Out<T>& dx, Out<T>&) {
        dx = dy * (half * (one + (x * sqrt_half).erf()) +
                   x * inv_sqrt_2pi * (-half * x.square()).exp());
      });
    case RECTIFY_GELU_TANH:
      return kernel(
          [k, c, one, half](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>& t) {
            t = (k * (x + c * x.cube())).tanh();
            dx = dy * (half * (one + t) +
                       half * x * (one - t.square()) * k * (one + T(3) * c * x.square()));
          });
    case RECTIFY_SILU:
      return kernel([alpha, one](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>& s) {
        s = (alpha * x).logistic();
        dx = dy * s * (one + alpha * x * (one - s));
      });
    case RECTIFY_MISH:
      return kernel([one](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>& t) {
        t = Softplus(x).tanh();
        dx = dy * (t + x * x.logistic() * (one - t.square()));
      });
    case RECTIFY_SOFTPLUS:
      return kernel([alpha](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = dy * (alpha * x).logistic();
      });
    case RECTIFY_SIGMOID:
      return kernel([one](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>& s) {
        s = x.logistic();
        dx = dy * s * (one - s);
      });
    case RECTIFY_TANH:
      return kernel([one](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>& t) {
        t = x.tanh();
        dx = dy * (one - t.square());
      });
    case RECTIFY_SQUARED_RELU:
      return kernel([zero](const In<T>& x, const In<T>& dy, Out<T>& dx, Out<T>&) {
        dx = (x > zero).select(T(2) * x * dy, zero);
      });
  }
  return nullptr;
}

// The kernel of w in T, or nullptr for kFromOutput (no expression computes dx from y).
template <typename T>
std::unique_ptr<PeerKernel> MakeKernel(const Workload& w, const Buffers& b) {
  return ByDirection(w, [&] { return MakeForward<T>(w, b); },
                     [&] { return MakeBackward<T>(w, b); });
}

// The dtypes this peer computes.
constexpr PerDtype<KernelMaker> kMakers{.f32 = MakeKernel<float>, .f64 = MakeKernel<double>};

class EigenPeer final : public Peer {
 public:
  std::string Name() const override { return "eigen"; }
  std::unique_ptr<PeerKernel> Prepare(const Workload& w, const Buffers& b) override {
    if (!RectifyAccepts(w)) return nullptr;
    const auto make = kMakers.Find(w.dtype);
    return make ? (*make)(w, b) : nullptr;
  }
};

}  // namespace

std::unique_ptr<Peer> MakeEigenPeer() { return std::make_unique<EigenPeer>(); }

}  // namespace rectify_cli::bench
