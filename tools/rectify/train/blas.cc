#include "train/blas.h"

#include <cblas.h>

namespace rectify_cli::train {

void SetBlasThreads(int threads) { openblas_set_num_threads(threads); }

std::string BlasDescription() {
  const char* config = openblas_get_config();
  const char* core = openblas_get_corename();
  return std::string(config != nullptr ? config : "OpenBLAS") + ", kernels for " +
         (core != nullptr ? core : "unknown") + ", " + std::to_string(openblas_get_num_threads()) +
         " threads";
}

}  // namespace rectify_cli::train
