// The list of peers compiled into this build (bench/CMakeLists.txt sets
// RECTIFY_BENCH_HAVE_* to 1 for each package it found).
#include <memory>
#include <vector>

#include "peers/dtypes.h"
#include "peers/peer.h"

namespace rectify_cli::bench {

// One factory per peer file; only the ones compiled in are referenced.
std::unique_ptr<Peer> MakeLoopPeer();
#if RECTIFY_BENCH_HAVE_EIGEN
std::unique_ptr<Peer> MakeEigenPeer();
#endif
#if RECTIFY_BENCH_HAVE_ONEDNN
std::unique_ptr<Peer> MakeOnednnPeer();
#endif
#if RECTIFY_BENCH_HAVE_XNNPACK
std::unique_ptr<Peer> MakeXnnpackPeer();
#endif
#if RECTIFY_BENCH_HAVE_ATEN
std::unique_ptr<Peer> MakeAtenPeer();
#endif

std::vector<std::unique_ptr<Peer>> MakePeers() {
  std::vector<std::unique_ptr<Peer>> peers;
  peers.push_back(MakeLoopPeer());
#if RECTIFY_BENCH_HAVE_EIGEN
  peers.push_back(MakeEigenPeer());
#endif
#if RECTIFY_BENCH_HAVE_ONEDNN
  peers.push_back(MakeOnednnPeer());
#endif
#if RECTIFY_BENCH_HAVE_XNNPACK
  peers.push_back(MakeXnnpackPeer());
#endif
#if RECTIFY_BENCH_HAVE_ATEN
  peers.push_back(MakeAtenPeer());
#endif
  return peers;
}

bool RectifyAccepts(const Workload& w) {
  // Zero elements: rectify validates the activation and dtype, then returns
  // without touching any buffer.
  if (IsQuantized(w.dtype)) {
    return w.direction == Direction::kForward &&
           rectify_forward_quantized(&w.act, w.dtype, w.quant_in, w.quant_out, 0, nullptr,
                                     nullptr) == RECTIFY_OK;
  }
  return rectify_forward(&w.act, w.dtype, 0, nullptr, nullptr) == RECTIFY_OK;
}

}  // namespace rectify_cli::bench
