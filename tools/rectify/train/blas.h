// The BLAS library that computes the matrix products (OpenBLAS): its
// thread count and its description.
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_BLAS_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_BLAS_H_

#include <string>

namespace rectify_cli::train {

// Makes later matrix products use up to `threads` threads (process-wide).
void SetBlasThreads(int threads);

// The library's own description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH
// NO_AFFINITY Zen MAX_THREADS=64, kernels for SkylakeX, 2 threads".
std::string BlasDescription();

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_BLAS_H_
