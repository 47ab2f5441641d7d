// PyTorch's ATen (Debian's libtorch 1.13, CPU): tensors made with
// at::from_blob over the caller's buffers and the `_out` forms of the ATen
// functions that torch.nn.functional calls (in place: the output tensor is
// the input's; relu uses at::relu_). f32, f64, bf16 (at::kBFloat16) and f16
// (at::kHalf), forward and backward. ATen computes bf16 and f16 in f32 and
// rounds once, except where noted below; a function that this libtorch
// lacks for a dtype on the CPU (many are missing for kHalf) throws when
// called, so Prepare first runs the call on a few elements of scratch
// tensors of the same dtype and form: nullptr when that throws.
// Threads: at::set_num_threads(w.threads) in Prepare (process-wide; Run sets
// it again if something changed it since). ATen splits a call across
// threads only above its grain size (32768 elements).
//
// Ops and their functions (alpha, beta as in docs/semantics.md):
//   relu          relu_out / relu_,   threshold_backward_out(0)
//   leaky_relu    leaky_relu_out(alpha), leaky_relu_backward_out
//   clipped_relu  hardtanh_out(0, cap), hardtanh_backward_out: the gradient
//                 is 0 at x <= 0 and x >= cap, as rectify's
//   hardsigmoid   hardsigmoid_out, hardsigmoid_backward_out: the backward
//                 multiplies by 1.0f / 6.0f, a float, also in f64 (relative
//                 error 3e-8 there)
//   hardswish     hardswish_out, hardswish_backward_out: the vectorized
//                 backward gives dy at x = 3 exactly (rectify: 1.5 dy)
//   elu, selu     elu_out(alpha, scale, input_scale = 1), elu_backward_out;
//                 selu is elu with scale = lambda, which is what at::selu
//                 computes (with its fixed constants), so any alpha and
//                 lambda are exact
//   gelu          gelu_out("none"), gelu_backward_out("none")
//   gelu_tanh     gelu_out("tanh"), gelu_backward_out("tanh")
//   silu          silu_out, silu_backward_out: beta = 1 only
//   mish          mish_out; backward: ATen has no mish_backward_out, so
//                 at::mish_backward allocates its result and Run copies it
//                 into dx (the timing includes that allocation and copy)
//   softplus      softplus_out(beta, threshold = 20), softplus_backward_out:
//                 PyTorch's default threshold returns x (gradient dy) where
//                 beta * x > 20, a relative error up to e^-20 / 20 = 1e-10
//                 (below f32's ulp; visible in f64)
//   sigmoid, tanh sigmoid_out, tanh_out; backward from the output
//                 (sigmoid_backward_out, tanh_backward_out), so Prepare
//                 computes y = f(x) once into a tensor the kernel owns: x
//                 must hold its values when Prepare is called. In bf16 and
//                 f16 y is rounded to the dtype first, so 1 - y^2 and
//                 y (1 - y) lose their relative accuracy where |y| is near
//                 1 (up to an ulp of y, absolute, times dy)
#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/elu.h>
#include <ATen/ops/elu_backward.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/gelu.h>
#include <ATen/ops/gelu_backward.h>
#include <ATen/ops/hardsigmoid.h>
#include <ATen/ops/hardsigmoid_backward.h>
#include <ATen/ops/hardswish.h>
#include <ATen/ops/hardswish_backward.h>
#include <ATen/ops/hardtanh.h>
#include <ATen/ops/hardtanh_backward.h>
#include <ATen/ops/leaky_relu.h>
#include <ATen/ops/leaky_relu_backward.h>
#include <ATen/ops/mish.h>
#include <ATen/ops/mish_backward.h>
#include <ATen/ops/relu.h>
#include <ATen/ops/sigmoid.h>
#include <ATen/ops/sigmoid_backward.h>
#include <ATen/ops/silu.h>
#include <ATen/ops/silu_backward.h>
#include <ATen/ops/softplus.h>
#include <ATen/ops/softplus_backward.h>
#include <ATen/ops/tanh.h>
#include <ATen/ops/tanh_backward.h>
#include <ATen/ops/threshold_backward.h>
#include <ATen/ops/zeros.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "peers/peer.h"
#include "peers/per_dtype.h"

namespace rectify_cli::bench {
namespace {

// PyTorch's default softplus threshold (torch.nn.functional.softplus).
constexpr double kSoftplusThreshold = 20.0;

class AtenKernel final : public PeerKernel {
 public:
  AtenKernel(std::function<void()> call, int threads)
      : call_(std::move(call)), threads_(threads) {}
  void Run() override {
    if (at::get_num_threads() != threads_) at::set_num_threads(threads_);
    call_();
  }
  int ThreadsUsed() const override { return threads_; }

 private:
  std::function<void()> call_;
  int threads_;
};

// The parameter as the kernel will see it: rounded once to the dtype, to
// f32 for the 16-bit dtypes (rectify's rule; ATen computes those in f32).
double Rounded(double value, rectify_dtype dtype) {
  return dtype == RECTIFY_F64 ? value : static_cast<double>(static_cast<float>(value));
}

// ATen's scalar type for each dtype it has.
constexpr PerDtype<at::ScalarType> kScalarTypes{
    .f32 = at::kFloat, .f64 = at::kDouble, .bf16 = at::kBFloat16, .f16 = at::kHalf};

// The forward call y = f(x); y is x's tensor when in place. Empty when ATen
// has no exact counterpart.
std::function<void()> ForwardCall(const Workload& w, at::Tensor x, at::Tensor y) {
  const double alpha = w.act.alpha;
  const double beta = w.act.beta;
  switch (w.act.op) {
    case RECTIFY_RELU:
      if (x.is_same(y)) return [x]() mutable { at::relu_(x); };
      return [x, y]() mutable { at::relu_out(y, x); };
    case RECTIFY_LEAKY_RELU:
      return [x, y, alpha]() mutable { at::leaky_relu_out(y, x, alpha); };
    case RECTIFY_CLIPPED_RELU:
      return [x, y, beta]() mutable { at::hardtanh_out(y, x, 0.0, beta); };
    case RECTIFY_HARDSIGMOID:
      return [x, y]() mutable { at::hardsigmoid_out(y, x); };
    case RECTIFY_HARDSWISH:
      return [x, y]() mutable { at::hardswish_out(y, x); };
    case RECTIFY_ELU:
      return [x, y, alpha]() mutable { at::elu_out(y, x, alpha, 1.0, 1.0); };
    case RECTIFY_SELU:  // alpha, lambda = beta
      return [x, y, alpha, beta]() mutable { at::elu_out(y, x, alpha, beta, 1.0); };
    case RECTIFY_GELU:
      return [x, y]() mutable { at::gelu_out(y, x, "none"); };
    case RECTIFY_GELU_TANH:
      return [x, y]() mutable { at::gelu_out(y, x, "tanh"); };
    case RECTIFY_SILU:
      if (Rounded(alpha, w.dtype) != 1.0) return {};
      return [x, y]() mutable { at::silu_out(y, x); };
    case RECTIFY_MISH:
      return [x, y]() mutable { at::mish_out(y, x); };
    case RECTIFY_SOFTPLUS:  // beta = alpha
      return [x, y, alpha]() mutable { at::softplus_out(y, x, alpha, kSoftplusThreshold); };
    case RECTIFY_SIGMOID:
      return [x, y]() mutable { at::sigmoid_out(y, x); };
    case RECTIFY_TANH:
      return [x, y]() mutable { at::tanh_out(y, x); };
  }
  return {};
}

// The backward call dx = dy * f'(x); dx is dy's tensor when in place.
std::function<void()> BackwardCall(const Workload& w, at::Tensor x, at::Tensor dy,
                                   at::Tensor dx) {
  const double alpha = w.act.alpha;
  const double beta = w.act.beta;
  switch (w.act.op) {
    case RECTIFY_RELU:
      return [x, dy, dx]() mutable { at::threshold_backward_out(dx, dy, x, 0.0); };
    case RECTIFY_LEAKY_RELU:
      return [x, dy, dx, alpha]() mutable {
        at::leaky_relu_backward_out(dx, dy, x, alpha, /*self_is_result=*/false);
      };
    case RECTIFY_CLIPPED_RELU:
      return [x, dy, dx, beta]() mutable { at::hardtanh_backward_out(dx, dy, x, 0.0, beta); };
    case RECTIFY_HARDSIGMOID:
      return [x, dy, dx]() mutable { at::hardsigmoid_backward_out(dx, dy, x); };
    case RECTIFY_HARDSWISH:
      return [x, dy, dx]() mutable { at::hardswish_backward_out(dx, dy, x); };
    case RECTIFY_ELU:
      return [x, dy, dx, alpha]() mutable {
        at::elu_backward_out(dx, dy, alpha, 1.0, 1.0, /*is_result=*/false, x);
      };
    case RECTIFY_SELU:
      return [x, dy, dx, alpha, beta]() mutable {
        at::elu_backward_out(dx, dy, alpha, beta, 1.0, /*is_result=*/false, x);
      };
    case RECTIFY_GELU:
      return [x, dy, dx]() mutable { at::gelu_backward_out(dx, dy, x, "none"); };
    case RECTIFY_GELU_TANH:
      return [x, dy, dx]() mutable { at::gelu_backward_out(dx, dy, x, "tanh"); };
    case RECTIFY_SILU:
      if (Rounded(alpha, w.dtype) != 1.0) return {};
      return [x, dy, dx]() mutable { at::silu_backward_out(dx, dy, x); };
    case RECTIFY_MISH:
      return [x, dy, dx]() mutable { dx.copy_(at::mish_backward(dy, x)); };
    case RECTIFY_SOFTPLUS:
      return [x, dy, dx, alpha]() mutable {
        at::softplus_backward_out(dx, dy, x, alpha, kSoftplusThreshold);
      };
    case RECTIFY_SIGMOID: {
      at::Tensor y = at::sigmoid(x);
      return [y, dy, dx]() mutable { at::sigmoid_backward_out(dx, dy, y); };
    }
    case RECTIFY_TANH: {
      at::Tensor y = at::tanh(x);
      return [y, dy, dx]() mutable { at::tanh_backward_out(dx, dy, y); };
    }
  }
  return {};
}

// The call of w over x, dy and out (dy unused forward; out is x's or dy's
// tensor when in place), or an empty function (always for kFromOutput).
std::function<void()> Call(const Workload& w, const at::Tensor& x, const at::Tensor& dy,
                           const at::Tensor& out) {
  switch (w.direction) {
    case Direction::kForward: return ForwardCall(w, x, out);
    case Direction::kBackward: return BackwardCall(w, x, dy, out);
    case Direction::kFromOutput: return {};
  }
  return {};
}

// Whether ATen runs w's call: once on scratch tensors of a few elements of
// w's dtype, in w's form. Throws c10::Error when it does not.
bool Runs(const Workload& w, const at::TensorOptions& options) {
  constexpr std::int64_t kScratch = 16;
  const at::Tensor x = at::zeros({kScratch}, options);
  const at::Tensor dy = at::zeros({kScratch}, options);
  const bool forward = w.direction == Direction::kForward;
  const at::Tensor out = !w.in_place ? at::zeros({kScratch}, options) : forward ? x : dy;
  const std::function<void()> call = Call(w, x, dy, out);
  if (!call) return false;
  call();
  return true;
}

class AtenPeer final : public Peer {
 public:
  std::string Name() const override { return "aten"; }
  std::unique_ptr<PeerKernel> Prepare(const Workload& w, const Buffers& b) override {
    if (!RectifyAccepts(w)) return nullptr;
    const std::optional<at::ScalarType> type = kScalarTypes.Find(w.dtype);
    if (!type) return nullptr;
    try {
      const int threads = w.threads > 0 ? w.threads : 1;
      at::set_num_threads(threads);
      const auto options = at::TensorOptions().dtype(*type);
      if (!Runs(w, options)) return nullptr;
      const auto n = static_cast<std::int64_t>(w.n);
      // ATen takes non-const pointers; it writes only the output tensor.
      const at::Tensor x = at::from_blob(const_cast<void*>(b.x), {n}, options);
      const at::Tensor out = b.out == b.x ? x : at::from_blob(b.out, {n}, options);
      const at::Tensor dy =
          w.direction == Direction::kForward ? at::Tensor()
          : b.out == b.dy                    ? out
                                             : at::from_blob(const_cast<void*>(b.dy), {n}, options);
      std::function<void()> call = Call(w, x, dy, out);
      if (!call) return nullptr;
      return std::make_unique<AtenKernel>(std::move(call), threads);
    } catch (const std::exception&) {
      return nullptr;  // c10::Error: ATen refused the tensors or the op
    }
  }
};

}  // namespace

std::unique_ptr<Peer> MakeAtenPeer() { return std::make_unique<AtenPeer>(); }

}  // namespace rectify_cli::bench
