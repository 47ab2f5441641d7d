// cuDNN's activation calls (cudnnActivationForward, cudnnActivationBackward)
// as the peer of `rectify bench --device cuda`. cuDNN is loaded when the
// bench runs (dlopen of libcudnn.so.9), never linked: a machine without it
// still runs the bench, with the peer reported as n/a. Its header is used
// for types only, and only when the build found it (RECTIFY_BENCH_CUDNN);
// otherwise Load always says why there is no cuDNN.
#ifndef RECTIFY_BENCH_COMPARE_CUDA_CUDNN_H_
#define RECTIFY_BENCH_COMPARE_CUDA_CUDNN_H_

#include <cstddef>
#include <memory>
#include <string>

#include "rectify/rectify.h"

namespace rectify_cli::bench {

class Cudnn {
 public:
  // Loads cuDNN 9: $RECTIFY_CUDNN_DIR/libcudnn.so.9 when that variable is
  // set, else (or when that fails) libcudnn.so.9 from the loader's search
  // path; creates a handle whose calls go to `stream` (a cudaStream_t).
  // Returns nullptr and sets *why when it cannot. Never throws for a
  // missing or broken cuDNN.
  static std::unique_ptr<Cudnn> Load(void* stream, std::string* why);
  ~Cudnn();
  Cudnn(const Cudnn&) = delete;
  Cudnn& operator=(const Cudnn&) = delete;

  // "cuDNN 9.19.0 (libcudnn.so.9)": the version it reports and what was
  // opened.
  const std::string& description() const { return description_; }

  // Whether cuDNN has an activation mode for `op`: relu, clipped_relu
  // (coef = cap), sigmoid, tanh, elu (coef = alpha), silu (swish, beta =
  // alpha).
  static bool HasOp(rectify_op op);

  // Describes `act` on n elements of `dtype` for the calls below. Returns
  // "" on success, else why cuDNN cannot (the row's peer is then n/a).
  std::string Prepare(const rectify_activation& act, rectify_dtype dtype, std::size_t n);

  // y = f(x) on the prepared workload, enqueued on the stream. "" or the
  // failure's text.
  std::string Forward(const void* x, void* y);

  // dx = dy * f'(x) given y = f(x) (cuDNN reads y as well), enqueued on
  // the stream. "" or the failure's text.
  std::string Backward(const void* x, const void* y, const void* dy, void* dx);

 private:
  struct Api;
  explicit Cudnn(std::unique_ptr<Api> api);

  std::unique_ptr<Api> api_;
  std::string description_;
};

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_CUDA_CUDNN_H_
