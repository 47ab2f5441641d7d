// XNNPACK (Debian's 2022-02 snapshot): one NC operator per workload,
// created and set up in Prepare over the caller's buffers (one channel, n
// rows: XNNPACK runs a contiguous NC tensor as one flat vector), run with
// xnn_run_operator on a pthreadpool of w.threads threads. Inference only:
// forward. Operators by dtype (nullptr for everything else):
//   f32: relu (clamp to [0, +inf]), clipped_relu (clamp to [0, cap]),
//        leaky_relu, elu (XNNPACK requires alpha > 0 and normal),
//        hardswish, sigmoid. This version has no f32 tanh, gelu, silu, mish
//        or softplus operator.
//   f16: relu, clipped_relu (clamp), leaky_relu, hardswish; XNNPACK rounds
//        the cap and the slope to f16, so clipped_relu and leaky_relu only
//        where the f32 parameter is an f16 number (not the default slope
//        0.01). Creation fails without XNNPACK's f16 support on this CPU.
//        No bf16 operators.
//   s8:  elu, sigmoid, tanh (lookup tables that XNNPACK fills with f in
//        f32, rounded with lrintf: rectify's exact rounding can differ by
//        one code where f / out.scale is within f32 rounding of a
//        half-integer); relu and clipped_relu as the integer clamp
//        xnn_create_clamp_nc_s8, which is exactly rectify's function when in
//        and out parameters are equal: max(q, zp), and min(that, zp +
//        round_half_even(cap / scale)) for clipped_relu. XNNPACK's sigmoid
//        requires out {1/256, -128}, its tanh {1/128, 0}: other parameters
//        fail at creation (peers/quantization.h gives exactly these).
//   u8:  leaky_relu, sigmoid (out {1/256, 0}), tanh (out {1/128, 128});
//        relu and clipped_relu as xnn_create_clamp_nc_u8, as for s8.
//        This version has no s8 leaky_relu and no quantized hardswish.
#include <pthreadpool.h>
#include <xnnpack.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "peers/half_values.h"
#include "peers/peer.h"
#include "peers/per_dtype.h"
#include "peers/quantization.h"

namespace rectify_cli::bench {
namespace {

struct PoolDeleter {
  void operator()(pthreadpool_t pool) const { pthreadpool_destroy(pool); }
};
using Pool = std::unique_ptr<std::remove_pointer_t<pthreadpool_t>, PoolDeleter>;

struct OperatorDeleter {
  void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
};
using Operator = std::unique_ptr<std::remove_pointer_t<xnn_operator_t>, OperatorDeleter>;

// xnn_setup_<op>_nc_<type> with untyped buffers.
using SetupFunction = xnn_status (*)(xnn_operator_t, std::size_t, const void*, void*,
                                     pthreadpool_t);

// xnn_setup_<op>_nc_<type>, whose buffers are of T, as a SetupFunction.
template <typename T, xnn_status (*kSetup)(xnn_operator_t, std::size_t, const T*, T*,
                                           pthreadpool_t)>
xnn_status SetupAs(xnn_operator_t op, std::size_t n, const void* x, void* y,
                   pthreadpool_t pool) {
  return kSetup(op, n, static_cast<const T*>(x), static_cast<T*>(y), pool);
}

// A created operator and the setup function of its kind.
struct Created {
  Operator op;
  SetupFunction setup = nullptr;
};

class XnnpackKernel final : public PeerKernel {
 public:
  XnnpackKernel(Pool pool, Operator op) : pool_(std::move(pool)), op_(std::move(op)) {}
  void Run() override { xnn_run_operator(op_.get(), pool_.get()); }
  int ThreadsUsed() const override {
    return pool_ ? static_cast<int>(pthreadpool_get_threads_count(pool_.get())) : 1;
  }

 private:
  Pool pool_;
  Operator op_;
};

// The operator that the create call which returned `status` wrote into `op`
// (nothing when it failed), with `setup`. `op` is a reference, read after
// every argument, the create call included, has been evaluated.
Created Made(xnn_status status, const xnn_operator_t& op, SetupFunction setup) {
  if (status != xnn_status_success) {
    if (op != nullptr) xnn_delete_operator(op);
    return {};
  }
  return {Operator(op), setup};
}

Created CreateF32(const Workload& w) {
  const auto alpha = static_cast<float>(w.act.alpha);
  const auto beta = static_cast<float>(w.act.beta);
  constexpr float kInfinity = std::numeric_limits<float>::infinity();
  xnn_operator_t op = nullptr;
  switch (w.act.op) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU:
      return Made(xnn_create_clamp_nc_f32(1, 1, 1, 0.0f,
                                          w.act.op == RECTIFY_RELU ? kInfinity : beta, 0, &op),
                  op, SetupAs<float, xnn_setup_clamp_nc_f32>);
    case RECTIFY_LEAKY_RELU:
      return Made(xnn_create_leaky_relu_nc_f32(1, 1, 1, alpha, 0, &op), op,
                  SetupAs<float, xnn_setup_leaky_relu_nc_f32>);
    case RECTIFY_ELU:
      return Made(xnn_create_elu_nc_f32(1, 1, 1, alpha, 0, &op), op,
                  SetupAs<float, xnn_setup_elu_nc_f32>);
    case RECTIFY_HARDSWISH:
      return Made(xnn_create_hardswish_nc_f32(1, 1, 1, 0, &op), op,
                  SetupAs<float, xnn_setup_hardswish_nc_f32>);
    case RECTIFY_SIGMOID:
      return Made(xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op), op,
                  SetupAs<float, xnn_setup_sigmoid_nc_f32>);
    default:
      return {};
  }
}

Created CreateF16(const Workload& w) {
  const auto alpha = static_cast<float>(w.act.alpha);
  const auto beta = static_cast<float>(w.act.beta);
  constexpr float kInfinity = std::numeric_limits<float>::infinity();
  xnn_operator_t op = nullptr;
  switch (w.act.op) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU:
      if (w.act.op == RECTIFY_CLIPPED_RELU && !IsHalfValue(beta, kF16Format)) return {};
      return Made(xnn_create_clamp_nc_f16(1, 1, 1, 0.0f,
                                          w.act.op == RECTIFY_RELU ? kInfinity : beta, 0, &op),
                  op, SetupAs<void, xnn_setup_clamp_nc_f16>);
    case RECTIFY_LEAKY_RELU:
      if (!IsHalfValue(alpha, kF16Format)) return {};
      return Made(xnn_create_leaky_relu_nc_f16(1, 1, 1, alpha, 0, &op), op,
                  SetupAs<void, xnn_setup_leaky_relu_nc_f16>);
    case RECTIFY_HARDSWISH:
      return Made(xnn_create_hardswish_nc_f16(1, 1, 1, 0, &op), op,
                  SetupAs<void, xnn_setup_hardswish_nc_f16>);
    default:
      return {};
  }
}

// The clamp [lo, hi] of codes that relu (hi = the largest code) or
// clipped_relu is when in and out parameters are equal (see the top).
std::pair<int, int> ClampCodes(const Workload& w) {
  const int zero = w.quant_in.zero_point;
  const int top = QuantMax(w.dtype);
  if (w.act.op == RECTIFY_RELU) return {zero, top};
  const int steps = RoundedQuotient(static_cast<float>(w.act.beta), w.quant_in.scale, 1000);
  return {zero, std::min(top, zero + steps)};
}

Created CreateQs8(const Workload& w) {
  const auto alpha = static_cast<float>(w.act.alpha);
  const auto in_zero = static_cast<std::int8_t>(w.quant_in.zero_point);
  const auto out_zero = static_cast<std::int8_t>(w.quant_out.zero_point);
  const float in_scale = w.quant_in.scale;
  const float out_scale = w.quant_out.scale;
  constexpr std::int8_t kMin = std::numeric_limits<std::int8_t>::min();
  constexpr std::int8_t kMax = std::numeric_limits<std::int8_t>::max();
  xnn_operator_t op = nullptr;
  switch (w.act.op) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU: {
      if (!SameQuant(w.quant_in, w.quant_out)) return {};
      const auto [lo, hi] = ClampCodes(w);
      return Made(xnn_create_clamp_nc_s8(1, 1, 1, static_cast<std::int8_t>(lo),
                                         static_cast<std::int8_t>(hi), 0, &op),
                  op, SetupAs<std::int8_t, xnn_setup_clamp_nc_s8>);
    }
    case RECTIFY_ELU:
      return Made(xnn_create_elu_nc_qs8(1, 1, 1, alpha, in_zero, in_scale, out_zero, out_scale,
                                        kMin, kMax, 0, &op),
                  op, SetupAs<std::int8_t, xnn_setup_elu_nc_qs8>);
    case RECTIFY_SIGMOID:
      return Made(xnn_create_sigmoid_nc_qs8(1, 1, 1, in_zero, in_scale, out_zero, out_scale,
                                            kMin, kMax, 0, &op),
                  op, SetupAs<std::int8_t, xnn_setup_sigmoid_nc_qs8>);
    case RECTIFY_TANH:
      return Made(xnn_create_tanh_nc_qs8(1, 1, 1, in_zero, in_scale, out_zero, out_scale, kMin,
                                         kMax, 0, &op),
                  op, SetupAs<std::int8_t, xnn_setup_tanh_nc_qs8>);
    default:
      return {};
  }
}

Created CreateQu8(const Workload& w) {
  const auto alpha = static_cast<float>(w.act.alpha);
  const auto in_zero = static_cast<std::uint8_t>(w.quant_in.zero_point);
  const auto out_zero = static_cast<std::uint8_t>(w.quant_out.zero_point);
  const float in_scale = w.quant_in.scale;
  const float out_scale = w.quant_out.scale;
  constexpr std::uint8_t kMin = 0;
  constexpr std::uint8_t kMax = 255;
  xnn_operator_t op = nullptr;
  switch (w.act.op) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU: {
      if (!SameQuant(w.quant_in, w.quant_out)) return {};
      const auto [lo, hi] = ClampCodes(w);
      return Made(xnn_create_clamp_nc_u8(1, 1, 1, static_cast<std::uint8_t>(lo),
                                         static_cast<std::uint8_t>(hi), 0, &op),
                  op, SetupAs<std::uint8_t, xnn_setup_clamp_nc_u8>);
    }
    case RECTIFY_LEAKY_RELU:
      return Made(xnn_create_leaky_relu_nc_qu8(1, 1, 1, alpha, in_zero, in_scale, out_zero,
                                               out_scale, kMin, kMax, 0, &op),
                  op, SetupAs<std::uint8_t, xnn_setup_leaky_relu_nc_qu8>);
    case RECTIFY_SIGMOID:
      return Made(xnn_create_sigmoid_nc_qu8(1, 1, 1, in_zero, in_scale, out_zero, out_scale,
                                            kMin, kMax, 0, &op),
                  op, SetupAs<std::uint8_t, xnn_setup_sigmoid_nc_qu8>);
    case RECTIFY_TANH:
      return Made(xnn_create_tanh_nc_qu8(1, 1, 1, in_zero, in_scale, out_zero, out_scale, kMin,
                                         kMax, 0, &op),
                  op, SetupAs<std::uint8_t, xnn_setup_tanh_nc_qu8>);
    default:
      return {};
  }
}

// The operator creation of each dtype XNNPACK has.
constexpr PerDtype<Created (*)(const Workload&)> kCreators{
    .f32 = CreateF32, .f16 = CreateF16, .s8 = CreateQs8, .u8 = CreateQu8};

// The created operator for w (one channel, strides 1), or an empty one.
Created Create(const Workload& w) {
  const auto create = kCreators.Find(w.dtype);
  return create ? (*create)(w) : Created{};
}

// XNNPACK is initialized once per process, at the first Prepare, and stays
// initialized (kernels may outlive their peer).
bool Initialized() {
  static const bool initialized = xnn_initialize(nullptr) == xnn_status_success;
  return initialized;
}

class XnnpackPeer final : public Peer {
 public:
  std::string Name() const override { return "xnnpack"; }
  std::unique_ptr<PeerKernel> Prepare(const Workload& w, const Buffers& b) override {
    // Inference only: neither kBackward nor kFromOutput.
    if (!RectifyAccepts(w) || w.direction != Direction::kForward || !Initialized()) {
      return nullptr;
    }
    Created created = Create(w);
    if (!created.op) return nullptr;
    // One thread: no pool, XNNPACK runs on the calling thread.
    Pool pool(w.threads > 1 ? pthreadpool_create(static_cast<std::size_t>(w.threads))
                            : nullptr);
    if (w.threads > 1 && !pool) return nullptr;
    if (created.setup(created.op.get(), w.n, b.x, b.out, pool.get()) != xnn_status_success) {
      return nullptr;
    }
    return std::make_unique<XnnpackKernel>(std::move(pool), std::move(created.op));
  }
};

}  // namespace

std::unique_ptr<Peer> MakeXnnpackPeer() { return std::make_unique<XnnpackPeer>(); }

}  // namespace rectify_cli::bench
