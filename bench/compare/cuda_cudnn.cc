#include "compare/cuda_cudnn.h"

#include <climits>
#include <cstdlib>
#include <utility>
#include <vector>

#include <dlfcn.h>

#if RECTIFY_BENCH_CUDNN
#include <cudnn.h>
#endif

namespace rectify_cli::bench {

bool Cudnn::HasOp(rectify_op op) {
  switch (op) {
    case RECTIFY_RELU:
    case RECTIFY_CLIPPED_RELU:
    case RECTIFY_SIGMOID:
    case RECTIFY_TANH:
    case RECTIFY_ELU:
    case RECTIFY_SILU:
      return true;
    default:
      return false;
  }
}

#if RECTIFY_BENCH_CUDNN

// The library handle, the cuDNN objects, and the functions the bench calls,
// with the header's own signatures.
struct Cudnn::Api {
  decltype(&cudnnGetVersion) get_version = nullptr;
  decltype(&cudnnGetErrorString) error_string = nullptr;
  decltype(&cudnnCreate) create = nullptr;
  decltype(&cudnnDestroy) destroy = nullptr;
  decltype(&cudnnSetStream) set_stream = nullptr;
  decltype(&cudnnCreateTensorDescriptor) create_tensor = nullptr;
  decltype(&cudnnSetTensor4dDescriptor) set_tensor = nullptr;
  decltype(&cudnnDestroyTensorDescriptor) destroy_tensor = nullptr;
  decltype(&cudnnCreateActivationDescriptor) create_activation = nullptr;
  decltype(&cudnnSetActivationDescriptor) set_activation = nullptr;
  decltype(&cudnnSetActivationDescriptorSwishBeta) set_swish_beta = nullptr;
  decltype(&cudnnDestroyActivationDescriptor) destroy_activation = nullptr;
  decltype(&cudnnActivationForward) forward = nullptr;
  decltype(&cudnnActivationBackward) backward = nullptr;

  void* library = nullptr;  // never closed: cuDNN stays loaded to the end
  cudnnHandle_t handle = nullptr;
  cudnnTensorDescriptor_t tensor = nullptr;
  cudnnActivationDescriptor_t activation = nullptr;
  bool prepared = false;
  bool double_scalars = false;  // alpha and beta are double for f64 data

  // "" for success, else "call: CUDNN_STATUS_...".
  std::string Text(cudnnStatus_t status, const char* call) const {
    if (status == CUDNN_STATUS_SUCCESS) return {};
    return std::string(call) + ": " + error_string(status);
  }
};

namespace {

// Sets *function to the symbol `name` of `library`; false when missing.
template <typename Function>
bool Resolve(void* library, const char* name, Function* function, std::string* why) {
  *function = reinterpret_cast<Function>(dlsym(library, name));
  if (*function == nullptr) *why = std::string("libcudnn.so.9 has no ") + name;
  return *function != nullptr;
}

// The library opened from the first candidate that loads, and its name;
// nullptr with *why listing every failure.
std::pair<void*, std::string> OpenLibrary(std::string* why) {
  std::vector<std::string> candidates;
  const char* dir = std::getenv("RECTIFY_CUDNN_DIR");
  if (dir != nullptr && *dir != '\0') candidates.push_back(std::string(dir) + "/libcudnn.so.9");
  candidates.push_back("libcudnn.so.9");
  std::string failures;
  for (const std::string& name : candidates) {
    void* library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library != nullptr) return {library, name};
    const char* error = dlerror();
    failures += (failures.empty() ? "" : "; ") + std::string(error != nullptr ? error : name);
  }
  *why = "cannot load cuDNN: " + failures + " (RECTIFY_CUDNN_DIR names its directory)";
  return {nullptr, {}};
}

}  // namespace

std::unique_ptr<Cudnn> Cudnn::Load(void* stream, std::string* why) {
  auto [library, name] = OpenLibrary(why);
  if (library == nullptr) return nullptr;
  auto api = std::make_unique<Api>();
  api->library = library;
  const bool resolved =
      Resolve(library, "cudnnGetVersion", &api->get_version, why) &&
      Resolve(library, "cudnnGetErrorString", &api->error_string, why) &&
      Resolve(library, "cudnnCreate", &api->create, why) &&
      Resolve(library, "cudnnDestroy", &api->destroy, why) &&
      Resolve(library, "cudnnSetStream", &api->set_stream, why) &&
      Resolve(library, "cudnnCreateTensorDescriptor", &api->create_tensor, why) &&
      Resolve(library, "cudnnSetTensor4dDescriptor", &api->set_tensor, why) &&
      Resolve(library, "cudnnDestroyTensorDescriptor", &api->destroy_tensor, why) &&
      Resolve(library, "cudnnCreateActivationDescriptor", &api->create_activation, why) &&
      Resolve(library, "cudnnSetActivationDescriptor", &api->set_activation, why) &&
      Resolve(library, "cudnnSetActivationDescriptorSwishBeta", &api->set_swish_beta, why) &&
      Resolve(library, "cudnnDestroyActivationDescriptor", &api->destroy_activation, why) &&
      Resolve(library, "cudnnActivationForward", &api->forward, why) &&
      Resolve(library, "cudnnActivationBackward", &api->backward, why);
  if (!resolved) return nullptr;

  std::string failure = api->Text(api->create(&api->handle), "cudnnCreate");
  if (failure.empty()) {
    failure = api->Text(api->set_stream(api->handle, static_cast<cudaStream_t>(stream)),
                        "cudnnSetStream");
  }
  if (failure.empty()) {
    failure = api->Text(api->create_tensor(&api->tensor), "cudnnCreateTensorDescriptor");
  }
  if (failure.empty()) {
    failure =
        api->Text(api->create_activation(&api->activation), "cudnnCreateActivationDescriptor");
  }
  std::unique_ptr<Cudnn> cudnn(new Cudnn(std::move(api)));  // cleans up on failure too
  if (!failure.empty()) {
    *why = failure;
    return nullptr;
  }
  const std::size_t version = cudnn->api_->get_version();
  cudnn->description_ = "cuDNN " + std::to_string(version / 10000) + "." +
                        std::to_string(version % 10000 / 100) + "." +
                        std::to_string(version % 100) + " (" + name + ")";
  return cudnn;
}

Cudnn::Cudnn(std::unique_ptr<Api> api) : api_(std::move(api)) {}

Cudnn::~Cudnn() {
  if (api_->activation != nullptr) api_->destroy_activation(api_->activation);
  if (api_->tensor != nullptr) api_->destroy_tensor(api_->tensor);
  if (api_->handle != nullptr) api_->destroy(api_->handle);
}

std::string Cudnn::Prepare(const rectify_activation& act, rectify_dtype dtype, std::size_t n) {
  api_->prepared = false;
  if (!HasOp(act.op)) return "cuDNN has no such activation";
  if (n > static_cast<std::size_t>(INT_MAX)) return "more elements than cuDNN's int dimensions";
  cudnnDataType_t type = CUDNN_DATA_FLOAT;
  switch (dtype) {
    case RECTIFY_F32: type = CUDNN_DATA_FLOAT; break;
    case RECTIFY_F64: type = CUDNN_DATA_DOUBLE; break;
    case RECTIFY_F16: type = CUDNN_DATA_HALF; break;
    case RECTIFY_BF16: type = CUDNN_DATA_BFLOAT16; break;
    default: return "cuDNN has no such dtype";
  }
  cudnnActivationMode_t mode = CUDNN_ACTIVATION_RELU;
  double coef = 0;
  switch (act.op) {
    case RECTIFY_CLIPPED_RELU: mode = CUDNN_ACTIVATION_CLIPPED_RELU; coef = act.beta; break;
    case RECTIFY_SIGMOID: mode = CUDNN_ACTIVATION_SIGMOID; break;
    case RECTIFY_TANH: mode = CUDNN_ACTIVATION_TANH; break;
    case RECTIFY_ELU: mode = CUDNN_ACTIVATION_ELU; coef = act.alpha; break;
    case RECTIFY_SILU: mode = CUDNN_ACTIVATION_SWISH; break;
    default: mode = CUDNN_ACTIVATION_RELU; break;
  }
  std::string failure = api_->Text(
      api_->set_tensor(api_->tensor, CUDNN_TENSOR_NCHW, type, 1, 1, 1, static_cast<int>(n)),
      "cudnnSetTensor4dDescriptor");
  if (failure.empty()) {
    failure = api_->Text(
        api_->set_activation(api_->activation, mode, CUDNN_PROPAGATE_NAN, coef),
        "cudnnSetActivationDescriptor");
  }
  if (failure.empty() && act.op == RECTIFY_SILU) {
    failure = api_->Text(api_->set_swish_beta(api_->activation, act.alpha),
                         "cudnnSetActivationDescriptorSwishBeta");
  }
  api_->double_scalars = dtype == RECTIFY_F64;
  api_->prepared = failure.empty();
  return failure;
}

std::string Cudnn::Forward(const void* x, void* y) {
  if (!api_->prepared) return "not prepared";
  const double one_d = 1, zero_d = 0;
  const float one_f = 1, zero_f = 0;
  const void* one = api_->double_scalars ? static_cast<const void*>(&one_d) : &one_f;
  const void* zero = api_->double_scalars ? static_cast<const void*>(&zero_d) : &zero_f;
  return api_->Text(api_->forward(api_->handle, api_->activation, one, api_->tensor, x, zero,
                                  api_->tensor, y),
                    "cudnnActivationForward");
}

std::string Cudnn::Backward(const void* x, const void* y, const void* dy, void* dx) {
  if (!api_->prepared) return "not prepared";
  const double one_d = 1, zero_d = 0;
  const float one_f = 1, zero_f = 0;
  const void* one = api_->double_scalars ? static_cast<const void*>(&one_d) : &one_f;
  const void* zero = api_->double_scalars ? static_cast<const void*>(&zero_d) : &zero_f;
  return api_->Text(api_->backward(api_->handle, api_->activation, one, api_->tensor, y,
                                   api_->tensor, dy, api_->tensor, x, zero, api_->tensor, dx),
                    "cudnnActivationBackward");
}

#else  // !RECTIFY_BENCH_CUDNN: built without cudnn.h

struct Cudnn::Api {};

std::unique_ptr<Cudnn> Cudnn::Load(void*, std::string* why) {
  *why = "not compiled in (cudnn.h was not found when rectify was built)";
  return nullptr;
}

Cudnn::Cudnn(std::unique_ptr<Api> api) : api_(std::move(api)) {}
Cudnn::~Cudnn() = default;

std::string Cudnn::Prepare(const rectify_activation&, rectify_dtype, std::size_t) {
  return "no cuDNN";
}
std::string Cudnn::Forward(const void*, void*) { return "no cuDNN"; }
std::string Cudnn::Backward(const void*, const void*, const void*, void*) { return "no cuDNN"; }

#endif  // RECTIFY_BENCH_CUDNN

}  // namespace rectify_cli::bench
