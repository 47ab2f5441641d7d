// rectify: the C++ API, a thin header-only layer over the C API in
// rectify.h (one implementation). Typed spans in, errors as exceptions
// (rectify::Error), so a failure can't be silently ignored.
#ifndef RECTIFY_RECTIFY_HPP_
#define RECTIFY_RECTIFY_HPP_

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "rectify/rectify.h"

namespace rectify {

enum class Op : int {
  relu = RECTIFY_RELU,
  leaky_relu = RECTIFY_LEAKY_RELU,
  clipped_relu = RECTIFY_CLIPPED_RELU,
  hardsigmoid = RECTIFY_HARDSIGMOID,
  hardswish = RECTIFY_HARDSWISH,
  elu = RECTIFY_ELU,
  selu = RECTIFY_SELU,
  gelu = RECTIFY_GELU,
  gelu_tanh = RECTIFY_GELU_TANH,
  silu = RECTIFY_SILU,
  mish = RECTIFY_MISH,
  softplus = RECTIFY_SOFTPLUS,
  sigmoid = RECTIFY_SIGMOID,
  tanh = RECTIFY_TANH,
  squared_relu = RECTIFY_SQUARED_RELU,
};

// The accuracy tier of a call (rectify_accuracy; docs/semantics.md,
// "Accuracy tiers"): the ulp bounds of the smooth ops. Exact ops ignore it.
// (`default` is a C++ keyword: RECTIFY_ACCURACY_DEFAULT is `standard`.)
enum class Accuracy : int {
  standard = RECTIFY_ACCURACY_DEFAULT,  // forward <= 1 ulp, backward <= 2 ulp
  fast = RECTIFY_ACCURACY_FAST,         // forward <= 4 ulp, backward <= 8 ulp
  best = RECTIFY_ACCURACY_BEST,  // f32 <= 0.5 + 2^-14 ulp; 16-bit correctly rounded
};

// Thrown by every call below that fails; status() is the C status.
class Error : public std::runtime_error {
 public:
  explicit Error(rectify_status status)
      : std::runtime_error(std::string("rectify: ") +
                           rectify_status_string(status)),
        status_(status) {}
  // With details (the CUDA error text of RECTIFY_ERROR_DEVICE).
  Error(rectify_status status, const std::string& details)
      : std::runtime_error(std::string("rectify: ") + rectify_status_string(status) + ": " +
                           details),
        status_(status) {}
  rectify_status status() const noexcept { return status_; }

 private:
  rectify_status status_;
};

// 16-bit elements as their bit patterns (RECTIFY_BF16, RECTIFY_F16): the
// library computes on them; converting to and from float is the caller's.
struct bf16 {
  std::uint16_t bits;
};
struct f16 {
  std::uint16_t bits;
};

namespace detail {
inline void Check(rectify_status status) {
  if (status != RECTIFY_OK) throw Error(status);
}
template <typename T>
constexpr rectify_dtype DtypeOf() {
  if constexpr (std::is_same_v<T, bf16>) {
    return RECTIFY_BF16;
  } else if constexpr (std::is_same_v<T, f16>) {
    return RECTIFY_F16;
  } else {
    static_assert(sizeof(T) == 4 || sizeof(T) == 8);
    return sizeof(T) == 4 ? RECTIFY_F32 : RECTIFY_F64;
  }
}
// Spans of different lengths are an invalid argument.
inline void CheckSameSize(std::size_t a, std::size_t b) {
  if (a != b) throw Error(RECTIFY_ERROR_INVALID_ARGUMENT);
}
}  // namespace detail

// An op with its parameters and accuracy tier. The named constructors give
// the defaults of rectify_activation_default (Accuracy::standard); invalid
// parameters are reported by the compute calls (Error with
// RECTIFY_ERROR_INVALID_ARGUMENT).
class Activation {
 public:
  explicit Activation(Op op)
      : c_(rectify_activation_default(static_cast<rectify_op>(op))) {}
  static Activation relu() { return Activation(Op::relu); }
  static Activation leaky_relu(double alpha = 0.01) {
    return Activation(Op::leaky_relu).with_alpha(alpha);
  }
  static Activation clipped_relu(double cap = 6.0) {
    return Activation(Op::clipped_relu).with_beta(cap);
  }
  static Activation hardsigmoid() { return Activation(Op::hardsigmoid); }
  static Activation hardswish() { return Activation(Op::hardswish); }
  static Activation squared_relu() { return Activation(Op::squared_relu); }
  // The smooth ops (bounds by accuracy tier: Accuracy; docs/semantics.md).
  // elu and selu parameters: finite, |value| <= 2^64; silu and softplus
  // beta in [2^-32, 2^32].
  static Activation elu(double alpha = 1.0) { return Activation(Op::elu).with_alpha(alpha); }
  static Activation selu() { return Activation(Op::selu); }
  static Activation gelu() { return Activation(Op::gelu); }
  static Activation gelu_tanh() { return Activation(Op::gelu_tanh); }
  static Activation silu(double beta = 1.0) { return Activation(Op::silu).with_alpha(beta); }
  static Activation mish() { return Activation(Op::mish); }
  static Activation softplus(double beta = 1.0) {
    return Activation(Op::softplus).with_alpha(beta);
  }
  static Activation sigmoid() { return Activation(Op::sigmoid); }
  static Activation tanh() { return Activation(Op::tanh); }

  Activation with_alpha(double alpha) const {
    Activation copy = *this;
    copy.c_.alpha = alpha;
    return copy;
  }
  Activation with_beta(double beta) const {
    Activation copy = *this;
    copy.c_.beta = beta;
    return copy;
  }
  // A copy at accuracy tier `accuracy` (Accuracy::standard by default):
  // e.g. Activation::gelu().with_accuracy(Accuracy::fast).
  Activation with_accuracy(Accuracy accuracy) const {
    Activation copy = *this;
    copy.c_.accuracy = static_cast<rectify_accuracy>(accuracy);
    return copy;
  }
  Op op() const noexcept { return static_cast<Op>(c_.op); }
  double alpha() const noexcept { return c_.alpha; }
  double beta() const noexcept { return c_.beta; }
  Accuracy accuracy() const noexcept { return static_cast<Accuracy>(c_.accuracy); }
  std::string_view name() const { return rectify_op_name(c_.op); }
  const rectify_activation& c() const noexcept { return c_; }

 private:
  rectify_activation c_;
};

namespace detail {
template <typename T>
void Forward(const Activation& act, std::span<const T> x, std::span<T> y) {
  CheckSameSize(x.size(), y.size());
  Check(rectify_forward(&act.c(), DtypeOf<T>(), x.size(), x.data(), y.data()));
}
template <typename T>
void Backward(const Activation& act, std::span<const T> x,
              std::span<const T> dy, std::span<T> dx, bool from_output) {
  CheckSameSize(x.size(), dy.size());
  CheckSameSize(x.size(), dx.size());
  const auto call = from_output ? &rectify_backward_from_output : &rectify_backward;
  Check(call(&act.c(), DtypeOf<T>(), x.size(), x.data(), dy.data(), dx.data()));
}
}  // namespace detail

// y = f(x) element-wise; y may be the same memory as x (in place), any
// other overlap throws. Sizes must match. See rectify_forward.
inline void forward(const Activation& act, std::span<const float> x,
                    std::span<float> y) {
  detail::Forward(act, x, y);
}
inline void forward(const Activation& act, std::span<const double> x,
                    std::span<double> y) {
  detail::Forward(act, x, y);
}

// dx = dy * f'(x); dx may be the same memory as x or dy. See
// rectify_backward.
inline void backward(const Activation& act, std::span<const float> x,
                     std::span<const float> dy, std::span<float> dx) {
  detail::Backward(act, x, dy, dx, false);
}
inline void backward(const Activation& act, std::span<const double> x,
                     std::span<const double> dy, std::span<double> dx) {
  detail::Backward(act, x, dy, dx, false);
}

// The same gradient from y = f(x); throws UNSUPPORTED for ops whose
// derivative is not a function of y. See rectify_backward_from_output.
inline void backward_from_output(const Activation& act,
                                 std::span<const float> y,
                                 std::span<const float> dy,
                                 std::span<float> dx) {
  detail::Backward(act, y, dy, dx, true);
}
inline void backward_from_output(const Activation& act,
                                 std::span<const double> y,
                                 std::span<const double> dy,
                                 std::span<double> dx) {
  detail::Backward(act, y, dy, dx, true);
}

// The bf16 and f16 forms of the three calls above (forward correctly
// rounded at Accuracy::best, else the tier's f32 result rounded once;
// backward the tier's f32 gradient rounded once): docs/semantics.md,
// "bf16 and f16".
inline void forward(const Activation& act, std::span<const bf16> x, std::span<bf16> y) {
  detail::Forward(act, x, y);
}
inline void forward(const Activation& act, std::span<const f16> x, std::span<f16> y) {
  detail::Forward(act, x, y);
}
inline void backward(const Activation& act, std::span<const bf16> x,
                     std::span<const bf16> dy, std::span<bf16> dx) {
  detail::Backward(act, x, dy, dx, false);
}
inline void backward(const Activation& act, std::span<const f16> x,
                     std::span<const f16> dy, std::span<f16> dx) {
  detail::Backward(act, x, dy, dx, false);
}
inline void backward_from_output(const Activation& act, std::span<const bf16> y,
                                 std::span<const bf16> dy, std::span<bf16> dx) {
  detail::Backward(act, y, dy, dx, true);
}
inline void backward_from_output(const Activation& act, std::span<const f16> y,
                                 std::span<const f16> dy, std::span<f16> dx) {
  detail::Backward(act, y, dy, dx, true);
}

// Quantized forward on int8_t (RECTIFY_S8) or uint8_t (RECTIFY_U8):
// y = saturate(round_half_even(f(in.scale (x - in.zero_point)) / out.scale)
// + out.zero_point), exact for every input; y may be the same memory as x.
// Throws Error as rectify_forward_quantized reports it.
inline void forward_quantized(const Activation& act, rectify_quant in, rectify_quant out,
                              std::span<const std::int8_t> x, std::span<std::int8_t> y) {
  detail::CheckSameSize(x.size(), y.size());
  detail::Check(rectify_forward_quantized(&act.c(), RECTIFY_S8, in, out, x.size(), x.data(),
                                          y.data()));
}
inline void forward_quantized(const Activation& act, rectify_quant in, rectify_quant out,
                              std::span<const std::uint8_t> x, std::span<std::uint8_t> y) {
  detail::CheckSameSize(x.size(), y.size());
  detail::Check(rectify_forward_quantized(&act.c(), RECTIFY_U8, in, out, x.size(), x.data(),
                                          y.data()));
}

// Tensor layout [outer][channels][inner] of the PReLU calls.
struct PreluShape {
  std::size_t outer;
  std::size_t channels;
  std::size_t inner;
  // Element count; throws INVALID_ARGUMENT when it overflows.
  std::size_t size() const {
    constexpr std::size_t kMax = static_cast<std::size_t>(-1);
    if (channels != 0 && outer > kMax / channels) throw Error(RECTIFY_ERROR_INVALID_ARGUMENT);
    if (inner != 0 && outer * channels > kMax / inner) throw Error(RECTIFY_ERROR_INVALID_ARGUMENT);
    return outer * channels * inner;
  }
};

namespace detail {
template <typename T>
void PreluForward(PreluShape s, std::span<const T> x, std::span<const T> slope,
                  std::span<T> y) {
  CheckSameSize(x.size(), s.size());
  CheckSameSize(y.size(), s.size());
  CheckSameSize(slope.size(), s.channels);
  Check(rectify_prelu_forward(DtypeOf<T>(), s.outer, s.channels, s.inner,
                              x.data(), slope.data(), y.data()));
}
template <typename T>
void PreluBackward(PreluShape s, std::span<const T> x, std::span<const T> slope,
                   std::span<const T> dy, std::span<T> dx, std::span<T> dslope) {
  CheckSameSize(x.size(), s.size());
  CheckSameSize(dy.size(), s.size());
  CheckSameSize(dx.size(), s.size());
  CheckSameSize(slope.size(), s.channels);
  CheckSameSize(dslope.size(), s.channels);
  Check(rectify_prelu_backward(DtypeOf<T>(), s.outer, s.channels, s.inner,
                               x.data(), slope.data(), dy.data(), dx.data(),
                               dslope.data()));
}
}  // namespace detail

// y = x > 0 ? x : slope[c] * x over layout `shape`. See rectify_prelu_forward.
inline void prelu_forward(PreluShape shape, std::span<const float> x,
                          std::span<const float> slope, std::span<float> y) {
  detail::PreluForward(shape, x, slope, y);
}
inline void prelu_forward(PreluShape shape, std::span<const double> x,
                          std::span<const double> slope, std::span<double> y) {
  detail::PreluForward(shape, x, slope, y);
}

// dx and the per-channel slope gradient dslope (overwritten). See
// rectify_prelu_backward.
inline void prelu_backward(PreluShape shape, std::span<const float> x,
                           std::span<const float> slope,
                           std::span<const float> dy, std::span<float> dx,
                           std::span<float> dslope) {
  detail::PreluBackward(shape, x, slope, dy, dx, dslope);
}
inline void prelu_backward(PreluShape shape, std::span<const double> x,
                           std::span<const double> slope,
                           std::span<const double> dy, std::span<double> dx,
                           std::span<double> dslope) {
  detail::PreluBackward(shape, x, slope, dy, dx, dslope);
}

// Tensor layout [outer][channels][inner] of the fused bias calls (the
// PReLU layout).
using ChannelShape = PreluShape;

namespace detail {
template <typename T>
void BiasForward(const Activation& act, ChannelShape s, std::span<const T> x,
                 std::span<const T> bias, std::span<T> y) {
  CheckSameSize(x.size(), s.size());
  CheckSameSize(y.size(), s.size());
  CheckSameSize(bias.size(), s.channels);
  Check(rectify_bias_forward(&act.c(), DtypeOf<T>(), s.outer, s.channels, s.inner,
                             x.data(), bias.data(), y.data()));
}
template <typename T>
void BiasBackward(const Activation& act, ChannelShape s, std::span<const T> x,
                  std::span<const T> bias, std::span<const T> dy, std::span<T> dx,
                  std::span<T> dbias) {
  CheckSameSize(x.size(), s.size());
  CheckSameSize(dy.size(), s.size());
  CheckSameSize(dx.size(), s.size());
  CheckSameSize(bias.size(), s.channels);
  CheckSameSize(dbias.size(), s.channels);
  Check(rectify_bias_backward(&act.c(), DtypeOf<T>(), s.outer, s.channels, s.inner,
                              x.data(), bias.data(), dy.data(), dx.data(), dbias.data()));
}
}  // namespace detail

// y = f(x + bias[c]) over `shape`, bit for bit an add then forward; y may
// be the same memory as x. See rectify_bias_forward.
inline void bias_forward(const Activation& act, ChannelShape shape,
                         std::span<const float> x, std::span<const float> bias,
                         std::span<float> y) {
  detail::BiasForward(act, shape, x, bias, y);
}
inline void bias_forward(const Activation& act, ChannelShape shape,
                         std::span<const double> x, std::span<const double> bias,
                         std::span<double> y) {
  detail::BiasForward(act, shape, x, bias, y);
}

// dx = dy * f'(x + bias[c]) and dbias[c] = sum of dx over the channel
// (overwritten, canonical order). See rectify_bias_backward.
inline void bias_backward(const Activation& act, ChannelShape shape,
                          std::span<const float> x, std::span<const float> bias,
                          std::span<const float> dy, std::span<float> dx,
                          std::span<float> dbias) {
  detail::BiasBackward(act, shape, x, bias, dy, dx, dbias);
}
inline void bias_backward(const Activation& act, ChannelShape shape,
                          std::span<const double> x, std::span<const double> bias,
                          std::span<const double> dy, std::span<double> dx,
                          std::span<double> dbias) {
  detail::BiasBackward(act, shape, x, bias, dy, dx, dbias);
}

// The dead-unit monitor (rectify_monitor): owns its C object; movable, not
// copyable. One call at a time per monitor.
class Monitor {
 public:
  // `units` channels over the last `window` steps; throws Error on bad
  // arguments (INVALID_ARGUMENT) or allocation failure (OUT_OF_MEMORY).
  Monitor(std::size_t units, std::uint32_t window) {
    detail::Check(rectify_monitor_create(units, window, &monitor_));
  }
  Monitor(Monitor&& other) noexcept : monitor_(other.monitor_) { other.monitor_ = nullptr; }
  Monitor& operator=(Monitor&& other) noexcept {
    std::swap(monitor_, other.monitor_);
    return *this;
  }
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;
  ~Monitor() { rectify_monitor_destroy(monitor_); }

  // y = f(x + bias[c]) (bias may be empty: no bias), recording one step.
  // See rectify_forward_monitored.
  template <typename T>
  void forward(const Activation& act, ChannelShape s, std::span<const T> x,
               std::span<const T> bias, std::span<T> y) {
    detail::CheckSameSize(x.size(), s.size());
    detail::CheckSameSize(y.size(), s.size());
    if (!bias.empty()) detail::CheckSameSize(bias.size(), s.channels);
    detail::Check(rectify_forward_monitored(&act.c(), detail::DtypeOf<T>(), s.outer,
                                            s.channels, s.inner, x.data(),
                                            bias.empty() ? nullptr : bias.data(),
                                            y.data(), monitor_));
  }

  std::size_t units() const { return rectify_monitor_units(monitor_); }
  std::uint32_t window() const { return rectify_monitor_window(monitor_); }
  std::uint64_t steps() const { return rectify_monitor_steps(monitor_); }
  std::size_t dead_count() const { return rectify_monitor_dead_count(monitor_); }
  // One byte per unit: 1 dead, 0 not.
  std::vector<std::uint8_t> dead_mask() const {
    std::vector<std::uint8_t> mask(units());
    detail::Check(rectify_monitor_dead_mask(monitor_, mask.data()));
    return mask;
  }
  // Per unit: the fraction of its pre-activations > 0 over the window.
  std::vector<double> activity() const {
    std::vector<double> rate(units());
    detail::Check(rectify_monitor_activity(monitor_, rate.data()));
    return rate;
  }
  void reset() { detail::Check(rectify_monitor_reset(monitor_)); }
  rectify_monitor* c() noexcept { return monitor_; }

 private:
  rectify_monitor* monitor_ = nullptr;
};

// The GPU calls (rectify.h, "CUDA backend"): the same functions on device
// memory, asynchronous on `stream` (a cudaStream_t; nullptr: the default
// stream), with the CPU's bits at Accuracy::best (the GPU runs best for
// every tier for now). T is float, double, bf16 or f16; pointers
// hold n (or shape.size()) elements of device or managed memory. Throws
// Error as the C calls report it; RECTIFY_ERROR_DEVICE carries CUDA's text.
// A build without CUDA throws RECTIFY_ERROR_UNSUPPORTED.
namespace cuda {
namespace detail {
inline void Check(rectify_status status) {
  if (status == RECTIFY_ERROR_DEVICE) throw Error(status, rectify_cuda_last_error());
  rectify::detail::Check(status);
}
}  // namespace detail

// Whether this build has the CUDA backend and a GPU is usable.
inline bool available() { return rectify_cuda_available() != 0; }

// y = f(x); y may be x. See rectify_cuda_forward.
template <typename T>
void forward(const Activation& act, const T* x, T* y, std::size_t n, void* stream = nullptr) {
  detail::Check(
      rectify_cuda_forward(&act.c(), rectify::detail::DtypeOf<T>(), n, x, y, stream));
}

// dx = dy * f'(x); dx may be x or dy. See rectify_cuda_backward.
template <typename T>
void backward(const Activation& act, const T* x, const T* dy, T* dx, std::size_t n,
              void* stream = nullptr) {
  detail::Check(
      rectify_cuda_backward(&act.c(), rectify::detail::DtypeOf<T>(), n, x, dy, dx, stream));
}

// y = f(x + bias[c]) over `shape`. See rectify_cuda_bias_forward.
template <typename T>
void bias_forward(const Activation& act, ChannelShape shape, const T* x, const T* bias, T* y,
                  void* stream = nullptr) {
  detail::Check(rectify_cuda_bias_forward(&act.c(), rectify::detail::DtypeOf<T>(), shape.outer,
                                          shape.channels, shape.inner, x, bias, y, stream));
}

// dx and dbias (CPU bits, canonical order). See rectify_cuda_bias_backward.
template <typename T>
void bias_backward(const Activation& act, ChannelShape shape, const T* x, const T* bias,
                   const T* dy, T* dx, T* dbias, void* stream = nullptr) {
  detail::Check(rectify_cuda_bias_backward(&act.c(), rectify::detail::DtypeOf<T>(), shape.outer,
                                           shape.channels, shape.inner, x, bias, dy, dx, dbias,
                                           stream));
}
}  // namespace cuda

// The library version, "MAJOR.MINOR.PATCH".
inline std::string_view version() { return rectify_version(); }

// Names of the SIMD targets usable on this CPU, best first (last: SCALAR).
inline std::vector<std::string> targets() {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < rectify_target_count(); ++i) {
    names.emplace_back(rectify_target_name(i));
  }
  return names;
}

// The target in use now.
inline std::string_view active_target() { return rectify_active_target(); }

// Uses target `name` from now on, process-wide; throws UNSUPPORTED when it
// is unknown or not usable here.
inline void force_target(const std::string& name) {
  detail::Check(rectify_force_target(name.c_str()));
}

// Back to the best usable target.
inline void reset_target() { detail::Check(rectify_force_target(nullptr)); }

// Threads that large calls use (rectify_set_num_threads): 0 = every hardware
// thread; negative throws Error(RECTIFY_ERROR_INVALID_ARGUMENT).
inline void set_num_threads(int n) { detail::Check(rectify_set_num_threads(n)); }
// The thread count large calls use now (at least 1).
inline int num_threads() { return rectify_get_num_threads(); }

}  // namespace rectify

#endif  // RECTIFY_RECTIFY_HPP_
