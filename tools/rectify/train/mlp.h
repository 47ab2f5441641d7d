// A multilayer perceptron for classification: dense hidden layers with one
// rectify activation, fused with their bias (rectify_forward_monitored,
// rectify_bias_forward, rectify_bias_backward), and a dense output layer
// with softmax cross-entropy. Matrix products go through cblas_sgemm.
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_MLP_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_MLP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "rectify/rectify.h"
#include "train/optimizer.h"
#include "train/rng.h"

namespace rectify_cli::train {

struct MlpShape {
  std::size_t inputs = 0;
  std::vector<std::size_t> hidden;  // units per hidden layer, at least one
  std::size_t classes = 0;
};

// The weight initialisation of a layer followed by an activation.
enum class InitScheme {
  kHeNormal,       // N(0, 2/fan_in): the ReLU family, gelu, silu, mish, ...
  kXavierUniform,  // U(-a, a), a = sqrt(6/(fan_in+fan_out)): sigmoid, tanh,
                   // hardsigmoid, and the output layer
  kLecunNormal,    // N(0, 1/fan_in): selu
};

// The scheme for hidden layers of `op`.
InitScheme InitSchemeFor(rectify_op op);
// "he_normal", "xavier_uniform", "lecun_normal".
const char* InitSchemeName(InitScheme scheme);

struct EvalResult {
  std::size_t correct = 0;
  double loss_sum = 0;  // summed over the rows
};

class Mlp {
 public:
  // Allocates weights (layout [in][out], row-major), biases, their
  // gradients, and activation buffers for up to `max_rows` rows per call;
  // one dead-unit monitor per hidden layer over `monitor_window` steps.
  // Throws std::runtime_error when a monitor cannot be created. The weights
  // are zero until Initialize.
  Mlp(const MlpShape& shape, const rectify_activation& activation, std::size_t max_rows,
      std::uint32_t monitor_window);

  // Hidden weights by InitSchemeFor(activation), output weights Xavier
  // uniform, drawn layer by layer in storage order; biases 0. Resets the
  // monitors.
  void Initialize(Rng& rng);

  // One training step's forward and backward pass over `rows` (<= max_rows)
  // rows of x ([rows][inputs]): every gradient is overwritten with that of
  // the mean loss, each monitor records one step. Returns the summed loss.
  // No gradient is computed for x. Throws std::runtime_error when a rectify
  // call fails.
  double ForwardBackward(const float* x, const std::uint8_t* labels, std::size_t rows);

  // Correct predictions and summed loss over `rows` (<= max_rows) rows,
  // without touching gradients or monitors.
  EvalResult Evaluate(const float* x, const std::uint8_t* labels, std::size_t rows);

  // Every weight and bias with its gradient, for an Optimizer.
  std::vector<Parameter> Parameters();

  // Dead units per hidden layer (rectify_monitor_dead_count).
  std::vector<std::size_t> DeadUnits() const;
  std::size_t MaxRows() const { return max_rows_; }
  const MlpShape& Shape() const { return shape_; }

 private:
  struct MonitorDeleter {
    void operator()(rectify_monitor* monitor) const { rectify_monitor_destroy(monitor); }
  };
  struct Layer {
    std::size_t in = 0;
    std::size_t out = 0;
    std::vector<float> weight, bias, weight_gradient, bias_gradient;
    std::vector<float> z;         // input * weight, before bias and activation
    std::vector<float> a;         // f(z + bias): hidden layers only
    std::vector<float> gradient;  // d loss / d a, then d loss / d (z + bias)
    std::unique_ptr<rectify_monitor, MonitorDeleter> monitor;  // hidden only
  };

  // z = input * weight for `rows` rows.
  static void Multiply(const Layer& layer, const float* input, std::size_t rows, float* z);

  MlpShape shape_;
  rectify_activation activation_;
  std::size_t max_rows_;
  std::vector<Layer> layers_;  // hidden layers, then the output layer
};

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_MLP_H_
