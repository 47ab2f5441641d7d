// The peers of rectify-bench (bench/peers/peer.h) compute the
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
//   Documented kinks, where the peer's own value is accepted: hardswish' at
//     x = 3 is dy for aten (its vectorized path) and onednn, 1.5 dy for
//     rectify; at x = -3 onednn gives 0, rectify -0.5 dy.
//
// bf16 and f16 (run once rectify has them: skipped while rectify_forward
// answers UNSUPPORTED; the same inputs, rounded once to the format):
// rectify's results are correctly rounded; the peers
// compute in f32 (XNNPACK's f16 hardswish in f16 steps) and round at the
// end, so |peer - rectify| <= max(ulps * ulp(rectify), abs * s), ulp the
// spacing of the 16-bit format at |rectify|:
//   relu, clipped_relu: equal. leaky_relu: 1 ulp (alpha x rounded to f32
//     first, then to the 16-bit format: two roundings).
//   Everything else: 1 ulp plus the f32 tolerances above as abs, except
//     aten bf16 gelu_tanh, and silu, sigmoid, tanh backward: abs 2^-4.
//     ATen rounds intermediate values to bf16 there (tanh(u), sigmoid(x),
//     and y = f(x) for the backward from the output), and 1 + tanh(u),
//     1 - sigmoid(x), 1 - y^2 then turn that rounding (up to 2^-9) into an
//     absolute error, times |x| for gelu_tanh and silu' (measured: up to
//     0.003 forward, 0.025 |dy| backward). xnnpack f16 hardswish: 2 ulps
//     (f16 intermediate roundings).
//   The documented hardswish kinks hold for bf16 too, where aten's
//     vectorized loop runs; its bf16 scalar tail gives rectify's 1.5 dy at
//     x = 3 (at a kink, rectify's value is accepted as well).
// s8 and u8 (forward; skipped while rectify_forward_quantized answers
// UNSUPPORTED), every one of the 256 codes, with the bench's parameters
// (bench/quantization.h): integer clamps (xnnpack relu, clipped_relu;
// onednn s8 relu) equal; XNNPACK's lookup tables, filled with f in f32,
// within one code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "peers/dtypes.h"
#include "peers/half_values.h"
#include "peers/peer.h"
#include "peers/quantization.h"
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

bool IsHalf(rectify_dtype dtype) { return bench::IsHalf(dtype); }

// The 16-bit format of RECTIFY_BF16 or RECTIFY_F16.
bench::HalfFormat FormatOf(rectify_dtype dtype) {
  return dtype == RECTIFY_BF16 ? bench::kBf16Format : bench::kF16Format;
}

// The spacing of the format's numbers at |value| (the subnormal spacing
// near 0).
double Ulp(double value, bench::HalfFormat format) {
  const int bias = (1 << (format.exponent_bits - 1)) - 1;
  int exponent = 0;
  std::frexp(value, &exponent);
  return std::ldexp(1.0, std::max(exponent - 1, 1 - bias) - format.fraction_bits);
}

// The largest |peer - rectify| accepted where rectify gives `exact`; scale
// is 1 forward and |dy| backward (see the top of this file).
double Allowed(const std::string& peer, rectify_op op, rectify_dtype dtype,
               bench::Direction direction, double exact, double scale) {
  if (!IsHalf(dtype)) {
    const Tolerance t = ToleranceFor(peer, op, dtype, direction);
    return std::max(t.rel * std::abs(exact), t.abs * scale);
  }
  const bench::HalfFormat format = FormatOf(dtype);
  const bool forward = direction == bench::Direction::kForward;
  double ulps = 1;
  double abs = ToleranceFor(peer, op, RECTIFY_F32, direction).abs;
  if (op == RECTIFY_RELU || op == RECTIFY_CLIPPED_RELU) {
    ulps = 0;
  } else if (peer == "aten" && (op == RECTIFY_GELU_TANH ||
                                 (!forward && (op == RECTIFY_SILU || op == RECTIFY_SIGMOID ||
                                               op == RECTIFY_TANH)))) {
    abs = 0x1.0p-4;
  } else if (peer == "xnnpack" && op == RECTIFY_HARDSWISH) {
    ulps = 2;
  }
  return std::max(ulps * Ulp(exact, format), abs * scale);
}

// Elements as the tests handle them: float and double as themselves, the
// 16-bit dtypes as their bits (uint16_t).
template <typename T>
double ToDouble(T value, rectify_dtype dtype) {
  if constexpr (std::is_same_v<T, std::uint16_t>) {
    return bench::HalfToDouble(value, FormatOf(dtype));
  } else {
    return static_cast<double>(value);
  }
}

template <typename T>
T FromDouble(double value, rectify_dtype dtype) {
  if constexpr (std::is_same_v<T, std::uint16_t>) {
    return bench::HalfFromDouble(value, FormatOf(dtype));
  } else {
    return static_cast<T>(value);
  }
}

// Random values in [-10, 10], then points where ops change formula (kinks,
// the caps used here, zeros) and a few larger magnitudes; rounded once to
// the dtype.
template <typename T>
std::vector<T> Inputs(rectify_dtype dtype) {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> uniform(-10.0, 10.0);
  std::vector<T> x(4096);
  for (T& v : x) v = FromDouble<T>(uniform(rng), dtype);
  for (double v : {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 3.0, -3.0, 4.5, 6.0, -6.0, 13.5,
                   -13.5, 19.9, 20.1, 30.0, -30.0, 50.0, -50.0, 87.0, -87.0, 100.0, -100.0,
                   700.0, -700.0}) {
    x.push_back(FromDouble<T>(v, dtype));
  }
  return x;
}

template <typename T>
std::vector<T> Gradients(std::size_t n, rectify_dtype dtype) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uniform(-2.0, 2.0);
  std::vector<T> dy(n);
  for (T& v : dy) v = FromDouble<T>(uniform(rng), dtype);
  return dy;
}

std::string Describe(const std::string& peer, const rectify_activation& act, rectify_dtype dtype,
                     bench::Direction direction, bool in_place) {
  std::ostringstream s;
  s << peer << " " << rectify_op_name(act.op) << "(alpha " << act.alpha << ", beta "
    << act.beta << ") " << bench::DtypeName(dtype) << " "
    << (direction == bench::Direction::kForward ? "forward" : "backward")
    << (in_place ? " in place" : "");
  return s.str();
}

// Runs one prepared workload (when the peer prepares it) and compares with
// rectify. T is float (f32), double (f64) or uint16_t (bf16, f16). Returns
// whether the peer prepared it.
template <typename T>
bool CheckWorkload(bench::Peer& peer, const rectify_activation& act, rectify_dtype dtype,
                   bench::Direction direction, bool in_place) {
  const std::vector<T> x = Inputs<T>(dtype);
  const std::vector<T> dy = Gradients<T>(x.size(), dtype);
  const std::size_t n = x.size();
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

  int failures = 0;
  for (std::size_t i = 0; i < n && failures < 8; ++i) {
    const double got = ToDouble(out[i], dtype);
    const double xi = ToDouble(x[i], dtype);
    const double dyi = ToDouble(dy[i], dtype);
    const std::optional<double> kink = DocumentedKink(peer.Name(), act.op, direction, xi, dyi);
    const double exact = ToDouble(want[i], dtype);
    const double scale = forward ? 1.0 : std::abs(dyi);
    const double allowed = Allowed(peer.Name(), act.op, dtype, direction, exact, scale);
    const bool ok = (kink && got == *kink) || std::abs(got - exact) <= allowed;
    if (!ok) {
      ++failures;
      ADD_FAILURE() << what << ": x = " << xi << (forward ? "" : ", dy = " + std::to_string(dyi))
                    << ": peer " << got << ", rectify " << exact << " (allowed difference "
                    << allowed << (kink ? ", or the documented " + std::to_string(*kink) : "")
                    << ")";
    }
  }
  return true;
}

// Runs one prepared quantized workload (s8 or u8, forward, the bench's
// parameters) on every code (four times, and a few more for the tails of
// vector loops) and compares with rectify_forward_quantized: integer clamps
// (relu, clipped_relu) equal, lookup tables filled in f32 within one code.
// Returns whether the peer prepared it.
bool CheckQuantizedWorkload(bench::Peer& peer, const rectify_activation& act,
                            rectify_dtype dtype, bool in_place) {
  constexpr std::size_t n = 4 * 256 + 7;
  std::vector<unsigned char> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<unsigned char>(i * 37 + 11);
  const bench::Quantization quant = bench::BenchQuantization(act, dtype);

  std::vector<unsigned char> want(n);
  EXPECT_EQ(rectify_forward_quantized(&act, dtype, quant.in, quant.out, n, x.data(), want.data()),
            RECTIFY_OK);

  AlignedBuffer<unsigned char> x_buffer(n);
  AlignedBuffer<unsigned char> out(n);
  std::copy(x.begin(), x.end(), x_buffer.data());
  if (in_place) std::copy(x.begin(), x.end(), out.data());
  const bench::Buffers buffers{in_place ? out.data() : x_buffer.data(), nullptr, out.data()};
  const bench::Workload w{act,      dtype,    bench::Direction::kForward, in_place, n,
                          kThreads, quant.in, quant.out};
  const std::unique_ptr<bench::PeerKernel> kernel = peer.Prepare(w, buffers);
  if (!kernel) return false;

  const std::string what =
      Describe(peer.Name(), act, dtype, bench::Direction::kForward, in_place);
  SCOPED_TRACE(what);
  EXPECT_GE(kernel->ThreadsUsed(), 1);
  EXPECT_LE(kernel->ThreadsUsed(), kThreads);
  kernel->Run();
  if (!in_place) kernel->Run();  // the same result every time

  const auto code = [dtype](unsigned char byte) {
    return dtype == RECTIFY_S8 ? static_cast<int>(static_cast<signed char>(byte))
                               : static_cast<int>(byte);
  };
  const int allowed = act.op == RECTIFY_RELU || act.op == RECTIFY_CLIPPED_RELU ? 0 : 1;
  int failures = 0;
  for (std::size_t i = 0; i < n && failures < 8; ++i) {
    const int got = code(out[i]);
    const int expected = code(want[i]);
    if (std::abs(got - expected) > allowed) {
      ++failures;
      ADD_FAILURE() << what << ": x = " << code(x[i]) << ": peer " << got << ", rectify "
                    << expected << " (allowed difference " << allowed << ")";
    }
  }
  return true;
}

// Whether this rectify computes the 16-bit `dtype` (before it does, the
// 16-bit tests are skipped).
bool RectifyHasHalf(rectify_dtype dtype) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  return rectify_forward(&relu, dtype, 0, nullptr, nullptr) == RECTIFY_OK;
}

// Whether this rectify computes the quantized `dtype`.
bool RectifyHasQuantized(rectify_dtype dtype) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const rectify_quant quant{0.1f, 0};
  return rectify_forward_quantized(&relu, dtype, quant, quant, 0, nullptr, nullptr) ==
         RECTIFY_OK;
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

  // Whether the peer prepared the workload, after checking it.
  bool Check(const rectify_activation& act, rectify_dtype dtype, bench::Direction direction,
             bool in_place) {
    switch (dtype) {
      case RECTIFY_F32:
        return CheckWorkload<float>(*peer_, act, dtype, direction, in_place);
      case RECTIFY_F64:
        return CheckWorkload<double>(*peer_, act, dtype, direction, in_place);
      case RECTIFY_BF16:
      case RECTIFY_F16:
        return CheckWorkload<std::uint16_t>(*peer_, act, dtype, direction, in_place);
      default:
        return CheckQuantizedWorkload(*peer_, act, dtype, in_place);
    }
  }

  // Checks every combination in `dtype` (forward only for s8 and u8);
  // returns the ones the peer prepared, one line per op.
  std::string CheckAll(rectify_dtype dtype) {
    std::vector<bench::Direction> directions = {bench::Direction::kForward};
    if (!bench::IsQuantized(dtype)) directions.push_back(bench::Direction::kBackward);
    std::ostringstream supported;
    for (const rectify_op op : AllOps()) {
      std::string line;
      for (const rectify_activation& act : Activations(op)) {
        for (const auto direction : directions) {
          for (const bool in_place : {false, true}) {
            const bool prepared = Check(act, dtype, direction, in_place);
            if (peer_->Name() == "loop" && (dtype == RECTIFY_F32 || dtype == RECTIFY_F64)) {
              EXPECT_TRUE(prepared) << Describe("loop", act, dtype, direction, in_place);
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
  std::cout << GetParam() << " f32:\n" << CheckAll(RECTIFY_F32);
}

TEST_P(BenchPeersTest, AgreesWithRectifyF64) {
  std::cout << GetParam() << " f64:\n" << CheckAll(RECTIFY_F64);
}

TEST_P(BenchPeersTest, AgreesWithRectifyBf16) {
  if (!RectifyHasHalf(RECTIFY_BF16)) GTEST_SKIP() << "rectify has no bf16 here";
  std::cout << GetParam() << " bf16:\n" << CheckAll(RECTIFY_BF16);
}

TEST_P(BenchPeersTest, AgreesWithRectifyF16) {
  if (!RectifyHasHalf(RECTIFY_F16)) GTEST_SKIP() << "rectify has no f16 here";
  std::cout << GetParam() << " f16:\n" << CheckAll(RECTIFY_F16);
}

TEST_P(BenchPeersTest, AgreesWithRectifyS8) {
  if (!RectifyHasQuantized(RECTIFY_S8)) GTEST_SKIP() << "rectify has no s8 here";
  std::cout << GetParam() << " s8:\n" << CheckAll(RECTIFY_S8);
}

TEST_P(BenchPeersTest, AgreesWithRectifyU8) {
  if (!RectifyHasQuantized(RECTIFY_U8)) GTEST_SKIP() << "rectify has no u8 here";
  std::cout << GetParam() << " u8:\n" << CheckAll(RECTIFY_U8);
}

// A dtype outside the enum, quantized backward, quantization parameters
// rectify rejects, an op outside the enum and activation parameters rectify
// rejects: nullptr from every peer, no exception.
TEST_P(BenchPeersTest, RefusesWhatItCannotDo) {
  constexpr auto kForward = bench::Direction::kForward;
  constexpr auto kBackward = bench::Direction::kBackward;
  const auto workload = [](rectify_activation act, rectify_dtype dtype,
                           bench::Direction direction, rectify_quant in = {1.0f, 0},
                           rectify_quant out = {1.0f, 0}) {
    return bench::Workload{act, dtype, direction, false, 16, 1, in, out};
  };
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const bench::Workload refused[] = {
      workload(relu, static_cast<rectify_dtype>(99), kForward),
      workload(relu, RECTIFY_S8, kBackward),            // quantized: forward only
      workload(relu, RECTIFY_S8, kForward, {0.0f, 0}),  // scale 0
      workload(relu, RECTIFY_U8, kForward, {1.0f, 0}, {1.0f, 300}),  // zero point
      workload({static_cast<rectify_op>(99), 0.0, 0.0, RECTIFY_ACCURACY_DEFAULT}, RECTIFY_F32, kForward),
      workload({RECTIFY_CLIPPED_RELU, 0.0, -1.0, RECTIFY_ACCURACY_DEFAULT}, RECTIFY_F32, kForward),  // cap <= 0
      workload({RECTIFY_LEAKY_RELU, nan, 0.0, RECTIFY_ACCURACY_DEFAULT}, RECTIFY_F32, kBackward),
      workload({RECTIFY_SOFTPLUS, 0.0, 0.0, RECTIFY_ACCURACY_DEFAULT}, RECTIFY_F64, kForward),  // beta = 0
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

// Zero elements, every dtype: a kernel that does nothing, or nullptr; never
// a crash.
TEST_P(BenchPeersTest, ZeroElements) {
  double x[1] = {};
  double out[1] = {};
  for (const rectify_dtype dtype : bench::kAllDtypes) {
    for (const rectify_op op : AllOps()) {
      const rectify_activation act = rectify_activation_default(op);
      const bench::Quantization quant = bench::BenchQuantization(act, dtype);
      const bench::Workload w{act, dtype, bench::Direction::kForward, false, 0, 1,
                              quant.in, quant.out};
      std::unique_ptr<bench::PeerKernel> kernel;
      EXPECT_NO_THROW(kernel = peer_->Prepare(w, {x, nullptr, out}));
      if (kernel) kernel->Run();
    }
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
