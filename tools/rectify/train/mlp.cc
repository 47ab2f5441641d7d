#include "train/mlp.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "train/softmax.h"

namespace rectify_cli::train {
namespace {

void Check(rectify_status status, const char* call) {
  if (status != RECTIFY_OK) {
    throw std::runtime_error(std::string(call) + ": " + rectify_status_string(status));
  }
}

int Int(std::size_t n) { return static_cast<int>(n); }

void InitializeWeights(InitScheme scheme, std::size_t fan_in, std::size_t fan_out, Rng& rng,
                       std::vector<float>& weight) {
  const auto in = static_cast<double>(fan_in);
  const auto out = static_cast<double>(fan_out);
  switch (scheme) {
    case InitScheme::kHeNormal:
    case InitScheme::kLecunNormal: {
      const double stddev = std::sqrt((scheme == InitScheme::kHeNormal ? 2.0 : 1.0) / in);
      for (float& w : weight) w = static_cast<float>(stddev * rng.Normal());
      return;
    }
    case InitScheme::kXavierUniform: {
      const double bound = std::sqrt(6.0 / (in + out));
      for (float& w : weight) w = static_cast<float>(rng.Uniform(-bound, bound));
      return;
    }
  }
}

}  // namespace

InitScheme InitSchemeFor(rectify_op op) {
  switch (op) {
    case RECTIFY_SIGMOID:
    case RECTIFY_TANH:
    case RECTIFY_HARDSIGMOID:
      return InitScheme::kXavierUniform;
    case RECTIFY_SELU:
      return InitScheme::kLecunNormal;
    default:
      return InitScheme::kHeNormal;
  }
}

const char* InitSchemeName(InitScheme scheme) {
  switch (scheme) {
    case InitScheme::kHeNormal:
      return "he_normal";
    case InitScheme::kXavierUniform:
      return "xavier_uniform";
    case InitScheme::kLecunNormal:
      return "lecun_normal";
  }
  return "unknown";
}

Mlp::Mlp(const MlpShape& shape, const rectify_activation& activation, std::size_t max_rows,
         std::uint32_t monitor_window)
    : shape_(shape), activation_(activation), max_rows_(max_rows) {
  std::size_t in = shape.inputs;
  for (std::size_t l = 0; l <= shape.hidden.size(); ++l) {
    const bool hidden = l < shape.hidden.size();
    Layer layer;
    layer.in = in;
    layer.out = hidden ? shape.hidden[l] : shape.classes;
    layer.weight.assign(layer.in * layer.out, 0.0f);
    layer.weight_gradient.assign(layer.in * layer.out, 0.0f);
    layer.bias.assign(layer.out, 0.0f);
    layer.bias_gradient.assign(layer.out, 0.0f);
    layer.z.assign(max_rows * layer.out, 0.0f);
    if (hidden) {
      layer.a.assign(max_rows * layer.out, 0.0f);
      layer.gradient.assign(max_rows * layer.out, 0.0f);
      rectify_monitor* monitor = nullptr;
      Check(rectify_monitor_create(layer.out, monitor_window, &monitor), "rectify_monitor_create");
      layer.monitor.reset(monitor);
    }
    in = layer.out;
    layers_.push_back(std::move(layer));
  }
}

void Mlp::Initialize(Rng& rng) {
  const InitScheme hidden_scheme = InitSchemeFor(activation_.op);
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    Layer& layer = layers_[l];
    const bool hidden = l + 1 < layers_.size();
    InitializeWeights(hidden ? hidden_scheme : InitScheme::kXavierUniform, layer.in, layer.out, rng,
                      layer.weight);
    std::fill(layer.bias.begin(), layer.bias.end(), 0.0f);
    if (layer.monitor) Check(rectify_monitor_reset(layer.monitor.get()), "rectify_monitor_reset");
  }
}

void Mlp::Multiply(const Layer& layer, const float* input, std::size_t rows, float* z) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int(rows), Int(layer.out), Int(layer.in),
              1.0f, input, Int(layer.in), layer.weight.data(), Int(layer.out), 0.0f, z,
              Int(layer.out));
}

double Mlp::ForwardBackward(const float* x, const std::uint8_t* labels, std::size_t rows) {
  const float* input = x;
  const std::size_t hidden_count = layers_.size() - 1;
  for (std::size_t l = 0; l < hidden_count; ++l) {
    Layer& layer = layers_[l];
    Multiply(layer, input, rows, layer.z.data());
    Check(rectify_forward_monitored(&activation_, RECTIFY_F32, rows, layer.out, 1, layer.z.data(),
                                    layer.bias.data(), layer.a.data(), layer.monitor.get()),
          "rectify_forward_monitored");
    input = layer.a.data();
  }

  // Output layer: logits, loss, and the logits' gradient in place of them.
  Layer& output = layers_.back();
  Multiply(output, input, rows, output.z.data());
  const double loss = SoftmaxCrossEntropy(output.z.data(), output.bias.data(), labels, rows,
                                          output.out, output.z.data(), output.bias_gradient.data());

  // Backward: weight gradient = input^T * dz, input gradient = dz * weight^T
  // (skipped for the first layer: x needs none).
  const float* dz = output.z.data();
  for (std::size_t l = layers_.size(); l-- > 0;) {
    Layer& layer = layers_[l];
    const float* layer_input = l == 0 ? x : layers_[l - 1].a.data();
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int(layer.in), Int(layer.out), Int(rows),
                1.0f, layer_input, Int(layer.in), dz, Int(layer.out), 0.0f,
                layer.weight_gradient.data(), Int(layer.out));
    if (l == 0) break;
    Layer& below = layers_[l - 1];
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int(rows), Int(layer.in), Int(layer.out),
                1.0f, dz, Int(layer.out), layer.weight.data(), Int(layer.out), 0.0f,
                below.gradient.data(), Int(layer.in));
    // Through the activation, in place: d loss / d (z + bias), and its column
    // sums as the bias gradient.
    Check(rectify_bias_backward(&activation_, RECTIFY_F32, rows, below.out, 1, below.z.data(),
                                below.bias.data(), below.gradient.data(), below.gradient.data(),
                                below.bias_gradient.data()),
          "rectify_bias_backward");
    dz = below.gradient.data();
  }
  return loss;
}

EvalResult Mlp::Evaluate(const float* x, const std::uint8_t* labels, std::size_t rows) {
  const float* input = x;
  const std::size_t hidden_count = layers_.size() - 1;
  for (std::size_t l = 0; l < hidden_count; ++l) {
    Layer& layer = layers_[l];
    Multiply(layer, input, rows, layer.z.data());
    Check(rectify_bias_forward(&activation_, RECTIFY_F32, rows, layer.out, 1, layer.z.data(),
                               layer.bias.data(), layer.a.data()),
          "rectify_bias_forward");
    input = layer.a.data();
  }
  Layer& output = layers_.back();
  Multiply(output, input, rows, output.z.data());
  EvalResult result;
  result.loss_sum = SoftmaxCrossEntropy(output.z.data(), output.bias.data(), labels, rows,
                                        output.out, nullptr, nullptr);
  result.correct = CountCorrect(output.z.data(), output.bias.data(), labels, rows, output.out);
  return result;
}

std::vector<Parameter> Mlp::Parameters() {
  std::vector<Parameter> parameters;
  for (Layer& layer : layers_) {
    parameters.push_back({layer.weight.data(), layer.weight_gradient.data(), layer.weight.size()});
    parameters.push_back({layer.bias.data(), layer.bias_gradient.data(), layer.bias.size()});
  }
  return parameters;
}

std::vector<std::size_t> Mlp::DeadUnits() const {
  std::vector<std::size_t> dead;
  for (const Layer& layer : layers_) {
    if (layer.monitor) dead.push_back(rectify_monitor_dead_count(layer.monitor.get()));
  }
  return dead;
}

}  // namespace rectify_cli::train
