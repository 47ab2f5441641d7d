#include "verify/sweep.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

#include "ops/op_info.h"
#include "verify/exact_value.h"
#include "verify/test_data.h"
#include "verify/ulp.h"

namespace rectify::verify {
namespace {

constexpr std::size_t kChunk = 65536;

std::uint64_t Mix(std::uint64_t v) {  // SplitMix64's finaliser
  v += 0x9E3779B97F4A7C15ull;
  v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ull;
  v = (v ^ (v >> 27)) * 0x94D049BB133111EBull;
  return v ^ (v >> 31);
}

// Inputs of chunk `index`: every f32 bit pattern of the chunk when
// exhaustive, else a stratified sample: random bit patterns (uniform over
// exponents), values in [-8, 8], tiny values down into the subnormals, and
// in chunk 0 every special value. dy: random bit patterns or [-8, 8] (0 in
// exhaustive forward sweeps).
template <typename T>
void MakeChunk(const SweepRequest& request, std::uint64_t index, std::size_t count,
               std::vector<T>* x, std::vector<T>* dy) {
  using Bits = typename FloatBits<T>::Uint;
  std::mt19937_64 rng(Mix(index));
  std::uniform_real_distribution<T> moderate(T(-8), T(8));
  const bool forward_exhaustive = request.exhaustive && request.direction == Direction::kForward;
  x->resize(count);
  dy->resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (request.exhaustive) {
      (*x)[i] = FromBits<T>(static_cast<Bits>(index * kChunk + i));
    } else {
      switch (rng() % 8) {
        case 0: case 1: case 2: case 3:
          (*x)[i] = FromBits<T>(static_cast<Bits>(rng()));
          break;
        case 4: case 5:
          (*x)[i] = moderate(rng);
          break;
        default:
          (*x)[i] = std::ldexp(moderate(rng), -static_cast<int>(
                                                  rng() % (std::numeric_limits<T>::digits -
                                                           std::numeric_limits<T>::min_exponent + 8)));
          break;
      }
    }
    // Forward ignores dy; an exhaustive forward sweep skips drawing it (a
    // sixth of its time), sampled ones keep the generator's sequence.
    (*dy)[i] = forward_exhaustive ? T(0)
               : (rng() & 1)      ? FromBits<T>(static_cast<Bits>(rng()))
                                  : moderate(rng);
  }
  if (!request.exhaustive && index == 0) {
    const std::vector<T> specials = SpecialValues<T>();
    for (std::size_t i = 0; i < specials.size() && i < count; ++i) (*x)[i] = specials[i];
  }
}

std::string DescribeCase(double x, double dy, double got, bool with_dy) {
  char text[160];
  if (with_dy) {
    std::snprintf(text, sizeof text, "x=%a dy=%a got=%a", x, dy, got);
  } else {
    std::snprintf(text, sizeof text, "x=%a got=%a", x, got);
  }
  return text;
}

// The exact value (exact_value.h) of one element in `direction`; a is x,
// or y for kFromOutput.
template <typename T>
Wide<T> ExactIn(const rectify_activation& act, Direction direction, T a, T dy) {
  switch (direction) {
    case Direction::kForward: return ExactForward(act, a);
    case Direction::kBackward: return ExactBackward(act, a, dy);
    case Direction::kFromOutput: return ExactBackwardFromOutput(act, a, dy);
  }
  return 0;
}

// The same, correctly rounded to T by MPFR.
template <typename T>
T CorrectlyRoundedIn(const rectify_activation& act, Direction direction, T a, T dy) {
  switch (direction) {
    case Direction::kForward: return CorrectlyRoundedForward(act, a);
    case Direction::kBackward: return CorrectlyRoundedBackward(act, a, dy);
    case Direction::kFromOutput: return CorrectlyRoundedBackwardFromOutput(act, a, dy);
  }
  return T(0);
}

template <typename T>
void CheckChunk(const SweepRequest& request, std::uint64_t index, std::size_t count,
                SweepResult* result) {
  std::vector<T> x, dy, out;
  MakeChunk<T>(request, index, count, &x, &dy);
  out.resize(count);
  const rectify_status status = CallDirection(request.act, request.dtype, request.direction,
                                              count, x.data(), dy.data(), out.data());
  if (status != RECTIFY_OK) {
    result->status = status;
    return;
  }
  const rectify_activation& act = request.act;
  const bool with_dy = request.direction != Direction::kForward;
  // Only the exact ops have a scalar reference to match bit for bit.
  const OpInfo* info = FindOp(act.op);
  const bool bit_reference = info != nullptr && info->kind == OpKind::kExact;
  const Wide<T> bound = WideErrorFor<T>(act.op);
  double chunk_max_ulp = -1;
  std::size_t chunk_worst = count;
  for (std::size_t i = 0; i < count; ++i) {
    ++result->checked;
    if (bit_reference) {
      const T want = ReferenceIn(act, request.direction, x[i], dy[i]);
      if (!SameBits(out[i], want)) {
        if (result->reference_mismatches++ == 0) {
          result->first_mismatch = DescribeCase(x[i], dy[i], out[i], with_dy) +
                                   " reference=" + Describe(want);
        }
      }
    }
    if (!std::isfinite(x[i]) || (with_dy && !std::isfinite(dy[i]))) {
      ++result->special;
      continue;
    }
    const Wide<T> exact = ExactIn(act, request.direction, x[i], dy[i]);
    const double error = UlpError(out[i], exact);
    if (error > chunk_max_ulp) {
      chunk_max_ulp = error;
      chunk_worst = i;
    }
    T rounded;
    if (RoundingDecided<T>(exact, bound)) {
      rounded = static_cast<T>(exact);
    } else {
      ++result->mpfr_fallbacks;
      rounded = CorrectlyRoundedIn(act, request.direction, x[i], dy[i]);
    }
    if (!(out[i] == rounded)) ++result->not_correctly_rounded;
  }
  // The chunk's first worst case (described once: formatting every new
  // maximum costs a tenth of a sweep).
  if (chunk_worst < count && (chunk_max_ulp > result->max_ulp || result->worst.empty())) {
    result->max_ulp = std::max(result->max_ulp, chunk_max_ulp);
    result->worst =
        DescribeCase(x[chunk_worst], dy[chunk_worst], out[chunk_worst], with_dy);
  }
}

void Merge(const SweepResult& part, SweepResult* total) {
  total->checked += part.checked;
  total->special += part.special;
  total->not_correctly_rounded += part.not_correctly_rounded;
  total->mpfr_fallbacks += part.mpfr_fallbacks;
  if (part.reference_mismatches != 0 && total->reference_mismatches == 0) {
    total->first_mismatch = part.first_mismatch;
  }
  total->reference_mismatches += part.reference_mismatches;
  if (!part.worst.empty() && (total->worst.empty() || part.max_ulp > total->max_ulp)) {
    total->max_ulp = part.max_ulp;
    total->worst = part.worst;
  }
  if (part.status != RECTIFY_OK) total->status = part.status;
}

template <typename T>
SweepResult Run(const SweepRequest& request) {
  const std::uint64_t total = request.exhaustive ? (1ull << 32) : request.samples;
  const std::uint64_t chunks = (total + kChunk - 1) / kChunk;
  std::atomic<std::uint64_t> next{0};
  std::atomic<std::uint64_t> done{0};
  const unsigned threads = std::max(1u, request.threads);
  std::vector<SweepResult> parts(threads);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::uint64_t c = next++; c < chunks; c = next++) {
        const std::size_t count =
            static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, total - c * kChunk));
        CheckChunk<T>(request, c, count, &parts[t]);
        ++done;
      }
      FreeThreadCaches();
    });
  }
  while (done.load() < chunks && request.progress) {
    request.progress(static_cast<double>(done.load()) / static_cast<double>(chunks));
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  for (std::thread& worker : workers) worker.join();
  if (request.progress) request.progress(1.0);
  SweepResult result;
  const OpInfo* info = FindOp(request.act.op);
  result.bits_checked = info != nullptr && info->kind == OpKind::kExact;
  for (const SweepResult& part : parts) Merge(part, &result);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace

double BoundUlp(const rectify_activation& act, Direction direction) {
  const OpInfo* info = FindOp(act.op);
  if (info == nullptr) return 0.0;
  return TierBoundUlp(*info, act.accuracy, direction != Direction::kForward);
}

SweepResult RunSweep(const SweepRequest& request) {
  if (request.dtype == RECTIFY_F64) {
    if (request.exhaustive) {
      SweepResult invalid;
      invalid.status = RECTIFY_ERROR_INVALID_ARGUMENT;
      return invalid;
    }
    return Run<double>(request);
  }
  return Run<float>(request);
}

}  // namespace rectify::verify
