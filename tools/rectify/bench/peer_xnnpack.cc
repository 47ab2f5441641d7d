// XNNPACK (Debian's 2022-02 snapshot): one NC f32 operator per workload,
// created and set up in Prepare over the caller's buffers (one channel, n
// rows: XNNPACK runs a contiguous NC tensor as one flat vector), run with
// xnn_run_operator on a pthreadpool of w.threads threads. Inference only:
// forward, f32. Ops: relu (clamp to [0, +inf]), clipped_relu (clamp to
// [0, cap]), leaky_relu, elu (XNNPACK requires alpha > 0 and normal),
// hardswish, sigmoid. This version has no tanh, gelu, silu, mish or softplus
// operator: nullptr.
#include <pthreadpool.h>
#include <xnnpack.h>

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "bench/peer.h"

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

// The created operator for w (one channel, strides 1), or nullptr.
Operator Create(const Workload& w) {
  const auto alpha = static_cast<float>(w.act.alpha);
  const auto beta = static_cast<float>(w.act.beta);
  xnn_operator_t op = nullptr;
  xnn_status status = xnn_status_unsupported_parameter;
  switch (w.act.op) {
    case RECTIFY_RELU:
      status = xnn_create_clamp_nc_f32(1, 1, 1, 0.0f, std::numeric_limits<float>::infinity(), 0,
                                       &op);
      break;
    case RECTIFY_CLIPPED_RELU:
      status = xnn_create_clamp_nc_f32(1, 1, 1, 0.0f, beta, 0, &op);
      break;
    case RECTIFY_LEAKY_RELU:
      status = xnn_create_leaky_relu_nc_f32(1, 1, 1, alpha, 0, &op);
      break;
    case RECTIFY_ELU:
      status = xnn_create_elu_nc_f32(1, 1, 1, alpha, 0, &op);
      break;
    case RECTIFY_HARDSWISH:
      status = xnn_create_hardswish_nc_f32(1, 1, 1, 0, &op);
      break;
    case RECTIFY_SIGMOID:
      status = xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op);
      break;
    default:
      break;
  }
  if (status != xnn_status_success) {
    if (op != nullptr) xnn_delete_operator(op);
    return nullptr;
  }
  return Operator(op);
}

xnn_status Setup(rectify_op op_kind, xnn_operator_t op, std::size_t n, const float* x,
                 float* y, pthreadpool_t pool) {
  switch (op_kind) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU:
      return xnn_setup_clamp_nc_f32(op, n, x, y, pool);
    case RECTIFY_LEAKY_RELU:
      return xnn_setup_leaky_relu_nc_f32(op, n, x, y, pool);
    case RECTIFY_ELU:
      return xnn_setup_elu_nc_f32(op, n, x, y, pool);
    case RECTIFY_HARDSWISH:
      return xnn_setup_hardswish_nc_f32(op, n, x, y, pool);
    case RECTIFY_SIGMOID:
      return xnn_setup_sigmoid_nc_f32(op, n, x, y, pool);
    default:
      return xnn_status_unsupported_parameter;
  }
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
    if (!RectifyAccepts(w) || w.dtype != RECTIFY_F32 || w.direction != Direction::kForward ||
        !Initialized()) {
      return nullptr;
    }
    Operator op = Create(w);
    if (!op) return nullptr;
    // One thread: no pool, XNNPACK runs on the calling thread.
    Pool pool(w.threads > 1 ? pthreadpool_create(static_cast<std::size_t>(w.threads))
                            : nullptr);
    if (w.threads > 1 && !pool) return nullptr;
    if (Setup(w.act.op, op.get(), w.n, static_cast<const float*>(b.x),
              static_cast<float*>(b.out), pool.get()) != xnn_status_success) {
      return nullptr;
    }
    return std::make_unique<XnnpackKernel>(std::move(pool), std::move(op));
  }
};

}  // namespace

std::unique_ptr<Peer> MakeXnnpackPeer() { return std::make_unique<XnnpackPeer>(); }

}  // namespace rectify_cli::bench
