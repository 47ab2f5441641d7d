// One row of `rectify bench`: the buffers of a (dtype, size) and the
// measurement of rectify, every peer that has the workload, memcpy and the
// non-temporal copy on them.
#ifndef RECTIFY_BENCH_COMPARE_MEASURE_H_
#define RECTIFY_BENCH_COMPARE_MEASURE_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "peers/dtypes.h"
#include "peers/peer.h"
#include "peers/quantization.h"
#include "rectify/rectify.h"
#include "compare/report.h"
#include "compare/timing.h"

namespace rectify_cli::bench {

// Copies are split over threads only in pieces at least this large, as a
// library would split them (smaller ones cost more to hand out than to
// copy).
inline constexpr std::size_t kCopyGrainBytes = 256 * 1024;

// The buffers of one (dtype, size), shared by every row of it: one
// allocation of x | dy | out | spare, each region on a 64-byte boundary
// right after the previous one (no offsets); spare is half a region, so
// that a backward copy of 1.5 regions fits from out on. x is uniform in
// [-8, 8], dy in [-1, 1], from fixed seeds (bf16 and f16: those values
// rounded to nearest even); s8 and u8: x and dy are uniformly random bytes.
// Pristine copies of both restore what in-place calls overwrite.
class Arena {
 public:
  Arena(rectify_dtype dtype, std::size_t n);

  std::size_t data_bytes() const { return n_ * element_; }
  unsigned char* x() const { return memory_.data(); }
  unsigned char* dy() const { return memory_.data() + region_; }
  unsigned char* out() const { return memory_.data() + 2 * region_; }

  // x and dy, or one of them, back to their initial values.
  void Restore() const;
  void RestoreX() const;
  void RestoreDy() const;

 private:
  template <typename T>
  void Fill();
  void FillHalf(HalfFormat format);
  void FillBytes();

  std::size_t n_;
  std::size_t element_;
  std::size_t region_;
  AlignedBuffer memory_;
  AlignedBuffer pristine_;  // x | dy
};

struct RowSpec {
  rectify_activation act;
  rectify_dtype dtype;
  Direction direction;  // kForward or kBackward: the CPU bench has no kFromOutput rows
  bool in_place;
  std::size_t n;  // arena's
  int threads;
  // With fused_channels != 0 the row also measures the fused calls on the
  // layout [n / (channels * inner)][channels][inner]: rectify_bias_forward
  // and rectify_forward_monitored (forward), rectify_bias_backward
  // (backward).
  std::size_t fused_channels = 0;
  std::size_t fused_inner = 1;
  // S8 and U8 (forward only): rectify_forward_quantized's parameters, which
  // the peers get too. No fused calls.
  Quantization quant{{1.0f, 0}, {1.0f, 0}};
};

// Sets rectify's threads to spec.threads, prepares every peer, and measures
// rectify, the peers that have the workload, memcpy and nt-copy
// interleaved. Throws StatusError when a rectify call fails.
Row MeasureRow(const RowSpec& spec, const Arena& arena,
               const std::vector<std::unique_ptr<Peer>>& peers, WorkerPool& pool,
               const TimingOptions& timing);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_MEASURE_H_
