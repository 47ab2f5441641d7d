// Peer implementations that `rectify bench` measures rectify against: the
// plain C loop, Eigen, oneDNN, XNNPACK and PyTorch's ATen, each compiled in
// when its Debian package was found at configure time. A peer prepares one
// workload outside the timed region (primitives, operators, tensor views
// over the caller's buffers) and then runs it any number of times.
#ifndef RECTIFY_BENCH_PEERS_PEER_H_
#define RECTIFY_BENCH_PEERS_PEER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/direction.h"
#include "rectify/rectify.h"

namespace rectify_cli::bench {

// The shared directions (common/direction.h), also as bench::Direction.
using rectify_cli::Direction;

// One measured call: y = f(x) (forward) or dx = dy * f'(x) (backward), on
// `n` elements of `dtype`, with the peer's own threading set to `threads`
// (peers that cannot thread run on one and say so in ThreadsUsed). For the
// quantized dtypes (RECTIFY_S8, RECTIFY_U8; forward only) the call is
// rectify_forward_quantized's: y = saturate(round_half_even(
// f(quant_in.scale * (x - quant_in.zero_point)) / quant_out.scale) +
// quant_out.zero_point).
struct Workload {
  rectify_activation act;
  rectify_dtype dtype;
  Direction direction;
  bool in_place;  // forward: y == x; backward: dx == dy
  std::size_t n;
  int threads;
  rectify_quant quant_in{1.0f, 0};   // S8 and U8 only
  rectify_quant quant_out{1.0f, 0};  // S8 and U8 only
};

// The caller's buffers, n elements each, 64-byte aligned. For in-place
// workloads out aliases x (forward) or dy (backward).
struct Buffers {
  const void* x;
  const void* dy;  // backward only
  void* out;
};

// A prepared workload; Run() does the whole call once.
class PeerKernel {
 public:
  virtual ~PeerKernel() = default;
  virtual void Run() = 0;
  // The threads this kernel really uses (1 for single-threaded peers).
  virtual int ThreadsUsed() const = 0;
};

// A function that prepares a kernel as Peer::Prepare does (nullptr for
// workloads it does not have): what a peer's PerDtype table holds.
using KernelMaker = std::unique_ptr<PeerKernel> (*)(const Workload& w, const Buffers& buffers);

// make_forward() or make_backward() by w.direction; nullptr for
// kFromOutput, which no peer computes (dx from y).
template <class MakeForward, class MakeBackward>
std::unique_ptr<PeerKernel> ByDirection(const Workload& w, const MakeForward& make_forward,
                                        const MakeBackward& make_backward) {
  switch (w.direction) {
    case Direction::kForward: return make_forward();
    case Direction::kBackward: return make_backward();
    case Direction::kFromOutput: return nullptr;
  }
  return nullptr;
}

class Peer {
 public:
  virtual ~Peer() = default;
  // Short name for tables and JSON: "loop", "eigen", "onednn", "xnnpack",
  // "aten".
  virtual std::string Name() const = 0;
  // A prepared kernel, or nullptr when this peer has no such op, dtype,
  // direction (no peer has kFromOutput) or in-place form. Parameters
  // (alpha, beta) come from w.act and have the meaning of
  // docs/semantics.md; a peer that cannot express them exactly returns
  // nullptr. Never throws for "unsupported".
  virtual std::unique_ptr<PeerKernel> Prepare(const Workload& w,
                                              const Buffers& buffers) = 0;
};

// Every peer compiled into this build, the plain loop first.
std::vector<std::unique_ptr<Peer>> MakePeers();

// Whether rectify itself accepts w.act in w.dtype (a call on zero elements
// succeeds: rectify_forward, or for S8 and U8 rectify_forward_quantized with
// w's parameters, and then only forward). Every peer returns nullptr when it
// does not, so a prepared kernel always computes a function that rectify
// defines.
bool RectifyAccepts(const Workload& w);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_PEERS_PEER_H_
