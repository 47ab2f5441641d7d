#include "train/optimizer.h"

#include <cmath>
#include <utility>

namespace rectify_cli::train {
namespace {

// The update loops are compiled for AVX-512, AVX2 and baseline x86-64 and
// chosen once at load time (GCC function multiversioning); they only add,
// multiply, divide and take square roots, each rounded once (no FMA:
// -ffp-contract=off), so every version gives the same bits. The file is
// compiled with -fno-math-errno, which lets sqrt vectorize (v >= 0 here).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define RECTIFY_TRAIN_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define RECTIFY_TRAIN_VECTOR_CLONES
#endif

RECTIFY_TRAIN_VECTOR_CLONES
void AdamUpdate(float* __restrict value, const float* __restrict gradient, float* __restrict m,
                float* __restrict v, std::size_t n, float beta1, float beta2, float step_size,
                float inverse_sqrt_correction2, float epsilon) {
  const float one_minus_beta1 = 1.0f - beta1;
  const float one_minus_beta2 = 1.0f - beta2;
  for (std::size_t i = 0; i < n; ++i) {
    const float g = gradient[i];
    const float m_i = beta1 * m[i] + one_minus_beta1 * g;
    const float v_i = beta2 * v[i] + one_minus_beta2 * (g * g);
    m[i] = m_i;
    v[i] = v_i;
    value[i] -= step_size * m_i / (std::sqrt(v_i) * inverse_sqrt_correction2 + epsilon);
  }
}

RECTIFY_TRAIN_VECTOR_CLONES
void MomentumUpdate(float* __restrict value, const float* __restrict gradient, float* __restrict u,
                    std::size_t n, float momentum, float learning_rate) {
  for (std::size_t i = 0; i < n; ++i) {
    const float u_i = momentum * u[i] + gradient[i];
    u[i] = u_i;
    value[i] -= learning_rate * u_i;
  }
}

RECTIFY_TRAIN_VECTOR_CLONES
void PlainUpdate(float* __restrict value, const float* __restrict gradient, std::size_t n,
                 float learning_rate) {
  for (std::size_t i = 0; i < n; ++i) value[i] -= learning_rate * gradient[i];
}

}  // namespace

const char* OptimizerName(OptimizerKind kind) {
  return kind == OptimizerKind::kAdam ? "adam" : "sgd";
}

Optimizer::Optimizer(const OptimizerConfig& config, std::vector<Parameter> parameters)
    : config_(config), parameters_(std::move(parameters)) {
  const bool adam = config_.kind == OptimizerKind::kAdam;
  for (const Parameter& p : parameters_) {
    if (adam || config_.momentum != 0) first_.emplace_back(p.size, 0.0f);
    if (adam) second_.emplace_back(p.size, 0.0f);
  }
}

void Optimizer::Step() {
  ++steps_;
  if (config_.kind == OptimizerKind::kAdam) {
    const auto t = static_cast<double>(steps_);
    const double correction1 = 1.0 - std::pow(config_.beta1, t);
    const double correction2 = 1.0 - std::pow(config_.beta2, t);
    const auto step_size = static_cast<float>(config_.learning_rate / correction1);
    const auto inverse_sqrt_correction2 = static_cast<float>(1.0 / std::sqrt(correction2));
    for (std::size_t k = 0; k < parameters_.size(); ++k) {
      const Parameter& p = parameters_[k];
      AdamUpdate(p.value, p.gradient, first_[k].data(), second_[k].data(), p.size,
                 static_cast<float>(config_.beta1), static_cast<float>(config_.beta2), step_size,
                 inverse_sqrt_correction2, static_cast<float>(config_.epsilon));
    }
    return;
  }
  const auto learning_rate = static_cast<float>(config_.learning_rate);
  for (std::size_t k = 0; k < parameters_.size(); ++k) {
    const Parameter& p = parameters_[k];
    if (first_.empty()) {
      PlainUpdate(p.value, p.gradient, p.size, learning_rate);
    } else {
      MomentumUpdate(p.value, p.gradient, first_[k].data(), p.size,
                     static_cast<float>(config_.momentum), learning_rate);
    }
  }
}

}  // namespace rectify_cli::train
