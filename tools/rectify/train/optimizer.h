// The optimizers of `rectify train`: Adam and SGD with momentum, with the
// update rules of PyTorch's torch.optim.Adam and torch.optim.SGD (no weight
// decay, no dampening, no Nesterov).
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_OPTIMIZER_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_OPTIMIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace rectify_cli::train {

// A tensor of `size` trainable values and the gradient the model writes for
// them; both stay owned by the model.
struct Parameter {
  float* value;
  const float* gradient;
  std::size_t size;
};

enum class OptimizerKind { kAdam, kSgd };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::kAdam;
  double learning_rate = 1e-3;
  double momentum = 0.9;  // SGD only; 0 is plain SGD
  double beta1 = 0.9;     // Adam only
  double beta2 = 0.999;
  double epsilon = 1e-8;
};

// "adam" or "sgd".
const char* OptimizerName(OptimizerKind kind);

// The state of one optimizer over a fixed set of parameters.
class Optimizer {
 public:
  // Allocates the state (Adam: two moments, SGD: one velocity per value;
  // none for SGD with momentum 0), zeroed.
  Optimizer(const OptimizerConfig& config, std::vector<Parameter> parameters);

  // One update of every parameter from its current gradient.
  //   Adam: m = b1*m + (1-b1)*g, v = b2*v + (1-b2)*g^2, t = t + 1,
  //         p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)
  //   SGD:  u = momentum*u + g, p -= lr*u
  // Arithmetic is in float but for the bias corrections (double, rounded
  // once); it runs on the calling thread and allocates nothing.
  void Step();

  std::uint64_t steps() const { return steps_; }

 private:
  OptimizerConfig config_;
  std::vector<Parameter> parameters_;
  std::vector<std::vector<float>> first_;   // Adam m, SGD u
  std::vector<std::vector<float>> second_;  // Adam v
  std::uint64_t steps_ = 0;
};

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_OPTIMIZER_H_
