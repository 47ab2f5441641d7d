// oneDNN 2.6: one eltwise_forward or eltwise_backward primitive per
// workload, over memory objects that wrap the caller's buffers. f32, bf16
// and f16 (oneDNN 2.6 has no f64 data type; it computes bf16 and f16 in f32
// and rounds the result once, so it differs from rectify's correctly
// rounded result by about an ulp of the 16-bit type, as its f32 results
// differ by its f32 error). Where this oneDNN has no implementation for a
// data type on this CPU, creating the primitive throws: nullptr (f16 on the
// development machine, an AMD Zen 4 without AVX512-FP16; bf16 runs there,
// forward and backward). Threads: Debian's oneDNN runs on OpenMP, so the
// kernel sets OpenMP's thread count (process-wide) in Prepare and again in
// Run if something changed it since.
//
// s8 (forward, inference): oneDNN's int8 eltwise applies f to the raw
// integers, q_out = saturate(round(f(q_in))), not to the dequantized values,
// so it computes rectify_forward_quantized's function only where the two
// coincide for every input: relu with equal in and out parameters and zero
// point 0 (then both give max(q, 0)). That is the only s8 workload it
// prepares. u8 is never prepared: with the bench's zero point 128 the two
// never coincide.
//
// Ops and their algorithms (alpha, beta as oneDNN names them):
//   relu          relu, alpha 0          leaky_relu  relu, alpha = slope
//   clipped_relu  clip_v2, [0, cap]: its backward is 1 on (0, cap) only,
//                 as rectify's (clip's and bounded_relu's include the cap)
//   hardswish     hardswish (no parameters in 2.6); its gradient at the
//                 kinks differs: dy at x = 3 (rectify: 1.5 dy), 0 at x = -3
//                 (rectify: -0.5 dy)
//   elu           elu, alpha
//   gelu          gelu_erf               gelu_tanh   gelu_tanh
//   silu          swish, alpha = beta    mish        mish
//   softplus      soft_relu, only beta = 1 (2.6 has no soft_relu_v2)
//   sigmoid       logistic               tanh        tanh
// nullptr for hardsigmoid (no algorithm in 2.6) and selu: elu followed by a
// linear post-op (lambda * y) would express it, but with a post-op oneDNN
// 2.6 picks its reference implementation (ref:any), which here left the
// output unwritten.
#include <omp.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "peers/peer.h"
#include "peers/per_dtype.h"
#include "peers/quantization.h"
#include "oneapi/dnnl/dnnl.hpp"

namespace rectify_cli::bench {
namespace {

using dnnl::algorithm;

struct Algorithm {
  algorithm kind;
  float alpha;
  float beta;
};

std::optional<Algorithm> AlgorithmFor(const Workload& w) {
  const auto alpha = static_cast<float>(w.act.alpha);
  const auto beta = static_cast<float>(w.act.beta);
  switch (w.act.op) {
    case RECTIFY_RELU:
      return Algorithm{algorithm::eltwise_relu, 0.0f, 0.0f};
    case RECTIFY_LEAKY_RELU:
      return Algorithm{algorithm::eltwise_relu, alpha, 0.0f};
    case RECTIFY_CLIPPED_RELU:
      return Algorithm{algorithm::eltwise_clip_v2, 0.0f, beta};
    case RECTIFY_HARDSWISH:
      return Algorithm{algorithm::eltwise_hardswish, 0.0f, 0.0f};
    case RECTIFY_ELU:
      return Algorithm{algorithm::eltwise_elu, alpha, 0.0f};
    case RECTIFY_GELU:
      return Algorithm{algorithm::eltwise_gelu_erf, 0.0f, 0.0f};
    case RECTIFY_GELU_TANH:
      return Algorithm{algorithm::eltwise_gelu_tanh, 0.0f, 0.0f};
    case RECTIFY_SILU:
      return Algorithm{algorithm::eltwise_swish, alpha, 0.0f};
    case RECTIFY_MISH:
      return Algorithm{algorithm::eltwise_mish, 0.0f, 0.0f};
    case RECTIFY_SOFTPLUS:
      if (alpha != 1.0f) return std::nullopt;
      return Algorithm{algorithm::eltwise_soft_relu, 0.0f, 0.0f};
    case RECTIFY_SIGMOID:
      return Algorithm{algorithm::eltwise_logistic, 0.0f, 0.0f};
    case RECTIFY_TANH:
      return Algorithm{algorithm::eltwise_tanh, 0.0f, 0.0f};
    case RECTIFY_HARDSIGMOID:
    case RECTIFY_SELU:
      break;
    default:  // squared_relu: no oneDNN eltwise algorithm
      return std::nullopt;
  }
  return std::nullopt;
}

class OnednnKernel final : public PeerKernel {
 public:
  OnednnKernel(dnnl::engine engine, dnnl::stream stream, dnnl::primitive primitive,
               std::unordered_map<int, dnnl::memory> args, int threads)
      : engine_(std::move(engine)),
        stream_(std::move(stream)),
        primitive_(std::move(primitive)),
        args_(std::move(args)),
        threads_(threads) {}
  void Run() override {
    if (omp_get_max_threads() != threads_) omp_set_num_threads(threads_);
    primitive_.execute(stream_, args_);
    stream_.wait();
  }
  int ThreadsUsed() const override { return threads_; }

 private:
  dnnl::engine engine_;
  dnnl::stream stream_;
  dnnl::primitive primitive_;
  std::unordered_map<int, dnnl::memory> args_;
  int threads_;
};

// oneDNN's data types for rectify's (s8 only in the case of SameAsInt8Relu).
constexpr PerDtype<dnnl::memory::data_type> kDataTypes{.f32 = dnnl::memory::data_type::f32,
                                                       .bf16 = dnnl::memory::data_type::bf16,
                                                       .f16 = dnnl::memory::data_type::f16,
                                                       .s8 = dnnl::memory::data_type::s8};

// Whether w is the one s8 workload whose function oneDNN's int8 eltwise
// computes exactly (see the top of this file).
bool SameAsInt8Relu(const Workload& w) {
  return w.act.op == RECTIFY_RELU && SameQuant(w.quant_in, w.quant_out) &&
         w.quant_in.zero_point == 0;
}

// oneDNN's data type for w.dtype, or nothing.
std::optional<dnnl::memory::data_type> DataTypeFor(const Workload& w) {
  if (w.dtype == RECTIFY_S8 && !SameAsInt8Relu(w)) return std::nullopt;
  return kDataTypes.Find(w.dtype);
}

std::unique_ptr<PeerKernel> Build(const Workload& w, const Buffers& b, const Algorithm& a,
                                  dnnl::memory::data_type type) {
  dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  dnnl::stream stream(engine);
  const dnnl::memory::desc md({static_cast<dnnl::memory::dim>(w.n)}, type,
                              dnnl::memory::format_tag::a);
  // oneDNN takes non-const handles; it only reads the inputs.
  void* x = const_cast<void*>(b.x);
  // int8 eltwise exists for inference only.
  const dnnl::prop_kind prop = type == dnnl::memory::data_type::s8
                                   ? dnnl::prop_kind::forward_inference
                                   : dnnl::prop_kind::forward_training;
  const dnnl::eltwise_forward::desc forward_desc(prop, a.kind, md, a.alpha, a.beta);
  const dnnl::eltwise_forward::primitive_desc forward_pd(forward_desc, engine);
  std::unordered_map<int, dnnl::memory> args;
  dnnl::primitive primitive;
  if (w.direction == Direction::kForward) {
    args.emplace(DNNL_ARG_SRC, dnnl::memory(md, engine, x));
    args.emplace(DNNL_ARG_DST, dnnl::memory(md, engine, b.out));
    primitive = dnnl::eltwise_forward(forward_pd);
  } else {
    const dnnl::eltwise_backward::desc backward_desc(a.kind, md, md, a.alpha, a.beta);
    const dnnl::eltwise_backward::primitive_desc backward_pd(backward_desc, engine,
                                                             forward_pd);
    args.emplace(DNNL_ARG_SRC, dnnl::memory(md, engine, x));
    args.emplace(DNNL_ARG_DIFF_DST, dnnl::memory(md, engine, const_cast<void*>(b.dy)));
    args.emplace(DNNL_ARG_DIFF_SRC, dnnl::memory(md, engine, b.out));
    primitive = dnnl::eltwise_backward(backward_pd);
  }
  return std::make_unique<OnednnKernel>(std::move(engine), std::move(stream),
                                        std::move(primitive), std::move(args),
                                        omp_get_max_threads());
}

class OnednnPeer final : public Peer {
 public:
  std::string Name() const override { return "onednn"; }
  std::unique_ptr<PeerKernel> Prepare(const Workload& w, const Buffers& b) override {
    // kFromOutput: not prepared (Build makes forward and backward-from-x
    // primitives only).
    if (!RectifyAccepts(w) || w.direction == Direction::kFromOutput) return nullptr;
    const std::optional<dnnl::memory::data_type> type = DataTypeFor(w);
    const std::optional<Algorithm> a = AlgorithmFor(w);
    if (!type || !a) return nullptr;
    omp_set_num_threads(w.threads > 0 ? w.threads : 1);
    try {
      return Build(w, b, *a, *type);
    } catch (const dnnl::error&) {
      return nullptr;  // no implementation for this algorithm or size
    }
  }
};

}  // namespace

std::unique_ptr<Peer> MakeOnednnPeer() { return std::make_unique<OnednnPeer>(); }

}  // namespace rectify_cli::bench
