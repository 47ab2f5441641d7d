// The peers of `rectify bench` (tools/rectify/bench/peer.h) compute the
// function rectify computes, so the benchmark compares like with like: for
// every peer and every op, parameters, dtype, direction and in-place form it
// prepares, its output on a few thousand finite inputs agrees with
// rectify_forward / rectify_backward. What a peer cannot do it refuses with
// nullptr, never with a crash or an exception.
//
// Tolerances: |peer - rectify| <= max(rel * |rectify|, abs * s), s = 1
// forward and |dy| backward (abs bounds the error of f'(x)).
//   relu, leaky_relu, clipped_relu: equal (+0 and -0 count as equal: the
//     peers' max/min and select orders sign zeros differently).
//   Everything else: rel 1e-5, abs 1e-6 in f32; rel 1e-12, abs 1e-13 in
//     f64. The peers round differently (hardsigmoid, hardswish: x / 6 vs.
//     x * (1/6)) and use their own exp, erf, tanh in unfused formulas that
//     cancel near the zeros of f and f' (1 + erf(x), 1 - tanh^2, exp(x) - 1):
//     near zero their error is absolute, of the order of the ulp of the
//     terms (up to |x|^3 for gelu_tanh'), not relative.
//   f32 gelu_tanh backward: abs 2e-6 for every peer. Where tanh(u) rounds
//     to -1 in f32 (x < -5.06), 1 - tanh^2 and 1 + tanh are 0 while the exact
//     f' is still -1.04e-6.
//   Wider for one peer and op, with the reason:
//     eigen f32 backward gelu_tanh, silu, mish: abs 1e-5. Eigen's float
//       tanh and logistic are rational approximations with an absolute
//       error near 1e-7 (tanh is exactly +-1 beyond |z| ~ 7.9), multiplied
//       by |x| and x^2 terms in f'.
//     onednn f32 softplus forward: abs 2e-6. soft_relu's log(1 + e^x) is off
//       by up to 1.03e-6 at x ~ -8.3 (relative 4e-3).
//     aten f64 hardsigmoid backward: rel 1e-7. ATen multiplies by
//       1.0f / 6.0f, a float constant, also in f64.
//     aten f64 softplus: rel 3e-9. PyTorch's threshold 20: x, and dy, where
//       beta x > 20, off by up to e^-20 / 20 = 1e-10 forward and
//       e^-20 = 2.1e-9 backward (below f32's precision).
//   Documented kinks, checked as the peer's own value: hardswish' at x = 3
//     is dy for aten (its vectorized path) and onednn, 1.5 dy for rectify;
//     at x = -3 onednn gives 0, rectify -0.5 dy.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench/peer.h"
#include "rectify/rectify.h"

namespace rectify::test {
namespace {

namespace bench = rectify_cli::bench;

constexpr int kThreads = 2;

// 64-byte aligned storage, as the bench gives its peers.
template <typename T>
class AlignedBuffer {
 public:
  explicit AlignedBuffer(std::size_t n)
      : data_(static_cast<T*>(std::aligned_alloc(64, (std::max<std::size_t>(n, 1) * sizeof(T) +
                                                       63) / 64 * 64))) {}
  T* data() { return data_.get(); }
  T& operator[](std::size_t i) { return data_.get()[i]; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
};

std::vector<rectify_op> AllOps() {
  std::vector<rectify_op> ops;
  for (int i = 0; rectify_op_name(static_cast<rectify_op>(i)) != nullptr; ++i) {
    ops.push_back(static_cast<rectify_op>(i));
  }
  return ops;
}

bool IsExact(rectify_op op) {
  return op == RECTIFY_RELU || op == RECTIFY_LEAKY_RELU || op == RECTIFY_CLIPPED_RELU;
}

// The default activation and, for ops with parameters, one with others.
std::vector<rectify_activation> Activations(rectify_op op) {
  std::vector<rectify_activation> acts{rectify_activation_default(op)};
  rectify_activation other = acts.front();
  switch (op) {
    case RECTIFY_LEAKY_RELU:
      other.alpha = 0.2;
      break;
    case RECTIFY_CLIPPED_RELU:
      other.beta = 4.5;
      break;
    case RECTIFY_ELU:
      other.alpha = 0.7;
      break;
    case RECTIFY_SELU:
      other.alpha = 1.5;
      other.beta = 1.2;
      break;
    case RECTIFY_SILU:
    case RECTIFY_SOFTPLUS:
      other.alpha = 1.5;
      break;
    default:
      return acts;
  }
  acts.push_back(other);
  return acts;
}

struct Tolerance {
  double rel;
  double abs;
};

Tolerance ToleranceFor(const std::string& peer, rectify_op op, rectify_dtype dtype,
                       bench::Direction direction) {
  if (IsExact(op)) return {0.0, 0.0};
  const bool f32 = dtype == RECTIFY_F32;
  const bool forward = direction == bench::Direction::kForward;
  if (peer == "eigen" && f32 && !forward &&
      (op == RECTIFY_GELU_TANH || op == RECTIFY_SILU || op == RECTIFY_MISH)) {
    return {1e-5, 1e-5};
  }
  if (peer == "onednn" && f32 && forward && op == RECTIFY_SOFTPLUS) return {1e-5, 2e-6};
  if (f32 && !forward && op == RECTIFY_GELU_TANH) return {1e-5, 2e-6};
  if (peer == "aten" && !f32 && !forward && op == RECTIFY_HARDSIGMOID) return {1e-7, 1e-13};
  if (peer == "aten" && !f32 && op == RECTIFY_SOFTPLUS) return {3e-9, 1e-13};
  return f32 ? Tolerance{1e-5, 1e-6} : Tolerance{1e-12, 1e-13};
}

// The peer's own value where it differs from rectify at a kink (see the top
// of this file), or nothing.
std::optional<double> DocumentedKink(const std::string& peer, rectify_op op,
                                     bench::Direction direction, double x, double dy) {
  if (op != RECTIFY_HARDSWISH || direction != bench::Direction::kBackward) return {};
  if ((peer == "aten" || peer == "onednn") && x == 3.0) return dy;
  if (peer == "onednn" && x == -3.0) return 0.0;
  return {};
}

// Random values in [-10, 10], then points where ops change formula (kinks,
// the caps used here, zeros) and a few larger magnitudes.
template <typename T>
std::vector<T> Inputs() {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> uniform(-10.0, 10.0);
  std::vector<T> x(4096);
  for (T& v : x) v = static_cast<T>(uniform(rng));
  for (double v : {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 3.0, -3.0, 4.5, 6.0, -6.0, 13.5,
                   -13.5, 19.9, 20.1, 30.0, -30.0, 50.0, -50.0, 87.0, -87.0, 100.0, -100.0,
                   700.0, -700.0}) {
    x.push_back(static_cast<T>(v));
  }
  return x;
}

template <typename T>
std::vector<T> Gradients(std::size_t n) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uniform(-2.0, 2.0);
  std::vector<T> dy(n);
  for (T& v : dy) v = static_cast<T>(uniform(rng));
  return dy;
}

template <typename T>
constexpr rectify_dtype DtypeOf() {
  return sizeof(T) == sizeof(float) ? RECTIFY_F32 : RECTIFY_F64;
}

std::string Describe(const std::string& peer, const rectify_activation& act, rectify_dtype dtype,
                     bench::Direction direction, bool in_place) {
  std::ostringstream s;
  s << peer << " " << rectify_op_name(act.op) << "(alpha " << act.alpha << ", beta "
    << act.beta << ") " << (dtype == RECTIFY_F32 ? "f32" : "f64") << " "
    << (direction == bench::Direction::kForward ? "forward" : "backward")
    << (in_place ? " in place" : "");
  return s.str();
}

// Runs one prepared workload (when the peer prepares it) and compares with
// rectify. Returns whether the peer prepared it.
template <typename T>
bool CheckWorkload(bench::Peer& peer, const rectify_activation& act, bench::Direction direction,
                   bool in_place) {
  const std::vector<T> x = Inputs<T>();
  const std::vector<T> dy = Gradients<T>(x.size());
  const std::size_t n = x.size();
  constexpr rectify_dtype dtype = DtypeOf<T>();
  const bool forward = direction == bench::Direction::kForward;

  std::vector<T> want(n);
  const rectify_status status =
      forward ? rectify_forward(&act, dtype, n, x.data(), want.data())
              : rectify_backward(&act, dtype, n, x.data(), dy.data(), want.data());
  EXPECT_EQ(status, RECTIFY_OK);

  AlignedBuffer<T> x_buffer(n);
  AlignedBuffer<T> dy_buffer(n);
  AlignedBuffer<T> out(n);
  std::copy(x.begin(), x.end(), x_buffer.data());
  std::copy(dy.begin(), dy.end(), dy_buffer.data());
  // In place, the output starts as the input it replaces.
  const std::vector<T>& replaced = forward ? x : dy;
  if (in_place) std::copy(replaced.begin(), replaced.end(), out.data());

  bench::Buffers buffers{x_buffer.data(), forward ? nullptr : dy_buffer.data(), out.data()};
  if (in_place && forward) buffers.x = out.data();
  if (in_place && !forward) buffers.dy = out.data();
  const bench::Workload w{act, dtype, direction, in_place, n, kThreads};
  const std::unique_ptr<bench::PeerKernel> kernel = peer.Prepare(w, buffers);
  if (!kernel) return false;

  const std::string what = Describe(peer.Name(), act, dtype, direction, in_place);
  SCOPED_TRACE(what);
  EXPECT_GE(kernel->ThreadsUsed(), 1);
  EXPECT_LE(kernel->ThreadsUsed(), kThreads);
  kernel->Run();
  if (!in_place) kernel->Run();  // the same result every time

  const Tolerance tolerance = ToleranceFor(peer.Name(), act.op, dtype, direction);
  int failures = 0;
  for (std::size_t i = 0; i < n && failures < 8; ++i) {
    const double got = out[i];
    const std::optional<double> kink =
        DocumentedKink(peer.Name(), act.op, direction, x[i], dy[i]);
    const double exact = kink ? *kink : static_cast<double>(want[i]);
    const double scale = forward ? 1.0 : std::abs(static_cast<double>(dy[i]));
    const bool ok = IsExact(act.op) || kink
                        ? got == exact
                        : std::abs(got - exact) <=
                              std::max(tolerance.rel * std::abs(exact), tolerance.abs * scale);
    if (!ok) {
      ++failures;
      ADD_FAILURE() << what << ": x = " << static_cast<double>(x[i])
                    << (forward ? "" : ", dy = " + std::to_string(static_cast<double>(dy[i])))
                    << ": peer " << got << ", " << (kink ? "documented " : "rectify ") << exact
                    << " (tolerance rel " << tolerance.rel << ", abs " << tolerance.abs << ")";
    }
  }
  return true;
}

std::vector<std::string> PeerNames() {
  std::vector<std::string> names;
  for (const auto& peer : bench::MakePeers()) names.push_back(peer->Name());
  return names;
}

class BenchPeersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    for (auto& peer : bench::MakePeers()) {
      if (peer->Name() == GetParam()) peer_ = std::move(peer);
    }
    ASSERT_NE(peer_, nullptr);
  }

  // Checks every combination for T; returns the ones the peer prepared, one
  // line per op.
  template <typename T>
  std::string CheckAll() {
    std::ostringstream supported;
    for (const rectify_op op : AllOps()) {
      std::string line;
      for (const rectify_activation& act : Activations(op)) {
        for (const auto direction : {bench::Direction::kForward, bench::Direction::kBackward}) {
          for (const bool in_place : {false, true}) {
            const bool prepared = CheckWorkload<T>(*peer_, act, direction, in_place);
            if (peer_->Name() == "loop") {
              EXPECT_TRUE(prepared) << Describe("loop", act, DtypeOf<T>(), direction, in_place);
            }
            if (prepared) {
              line += std::string(" ") + (direction == bench::Direction::kForward ? "F" : "B") +
                      (in_place ? "i" : "") +
                      (act.alpha == rectify_activation_default(op).alpha &&
                               act.beta == rectify_activation_default(op).beta
                           ? ""
                           : "'");
            }
          }
        }
      }
      if (!line.empty()) supported << "  " << rectify_op_name(op) << ":" << line << "\n";
    }
    return supported.str();
  }

  std::unique_ptr<bench::Peer> peer_;
};

// The summary lines read: F forward, B backward, i in place, ' with the
// non-default parameters.
TEST_P(BenchPeersTest, AgreesWithRectifyF32) {
  const std::string supported = CheckAll<float>();
  std::cout << GetParam() << " f32:\n" << supported;
}

TEST_P(BenchPeersTest, AgreesWithRectifyF64) {
  const std::string supported = CheckAll<double>();
  std::cout << GetParam() << " f64:\n" << supported;
}

// Dtypes without kernels, an op outside the enum and parameters rectify
// rejects: nullptr from every peer, no exception.
TEST_P(BenchPeersTest, RefusesWhatItCannotDo) {
  constexpr auto kForward = bench::Direction::kForward;
  constexpr auto kBackward = bench::Direction::kBackward;
  const auto workload = [](rectify_activation act, rectify_dtype dtype,
                           bench::Direction direction) {
    return bench::Workload{act, dtype, direction, false, 16, 1};
  };
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const bench::Workload refused[] = {
      workload(relu, RECTIFY_BF16, kForward),
      workload(relu, RECTIFY_F16, kBackward),
      workload({static_cast<rectify_op>(99), 0.0, 0.0}, RECTIFY_F32, kForward),
      workload({RECTIFY_CLIPPED_RELU, 0.0, -1.0}, RECTIFY_F32, kForward),  // cap <= 0
      workload({RECTIFY_LEAKY_RELU, nan, 0.0}, RECTIFY_F32, kBackward),
      workload({RECTIFY_SOFTPLUS, 0.0, 0.0}, RECTIFY_F64, kForward),  // beta = 0
  };
  float x[16] = {};
  float dy[16] = {};
  float out[16] = {};
  for (const bench::Workload& w : refused) {
    std::unique_ptr<bench::PeerKernel> kernel;
    EXPECT_NO_THROW(kernel = peer_->Prepare(w, {x, dy, out}));
    EXPECT_EQ(kernel, nullptr) << GetParam() << ": op " << static_cast<int>(w.act.op)
                               << ", dtype " << static_cast<int>(w.dtype);
  }
}

// Zero elements: a kernel that does nothing, or nullptr; never a crash.
TEST_P(BenchPeersTest, ZeroElements) {
  float x[1] = {};
  float out[1] = {};
  for (const rectify_op op : AllOps()) {
    const bench::Workload w{rectify_activation_default(op), RECTIFY_F32, bench::Direction::kForward,
                            false, 0, 1};
    std::unique_ptr<bench::PeerKernel> kernel;
    EXPECT_NO_THROW(kernel = peer_->Prepare(w, {x, nullptr, out}));
    if (kernel) kernel->Run();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Peers, BenchPeersTest, ::testing::ValuesIn(PeerNames()),
    [](const ::testing::TestParamInfo<std::string>& peer) { return peer.param; });

TEST(BenchPeers, LoopComesFirst) {
  const std::vector<std::string> names = PeerNames();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "loop");
}

}  // namespace
}  // namespace rectify::test
