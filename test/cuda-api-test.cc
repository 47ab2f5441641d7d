// The argument checks of the rectify_cuda_* calls, which run on the host
// and need no GPU: the CPU calls' statuses for bad arguments, then
// UNSUPPORTED (a build without CUDA) or, with CUDA built, the device
// checks: host memory is INVALID_ARGUMENT, and with no GPU at all a call
// that has work gives RECTIFY_ERROR_DEVICE with CUDA's text.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rectify/rectify.h"
#include "rectify/rectify.hpp"

namespace {

#ifdef RECTIFY_TEST_HAVE_CUDA
constexpr bool kBuiltWithCuda = true;
#else
constexpr bool kBuiltWithCuda = false;
#endif

// What a well-formed call with work to do on host memory gives here.
rectify_status ExpectedForHostMemory() {
  if (!kBuiltWithCuda) return RECTIFY_ERROR_UNSUPPORTED;
  // With a GPU, host memory is refused; without one, the pointer query fails.
  return rectify_cuda_available() ? RECTIFY_ERROR_INVALID_ARGUMENT : RECTIFY_ERROR_DEVICE;
}

TEST(CudaApi, AvailabilityMatchesTheBuild) {
  if (!kBuiltWithCuda) {
    EXPECT_EQ(rectify_cuda_available(), 0);
  }
  EXPECT_NE(rectify_cuda_last_error(), nullptr);
  EXPECT_STREQ(rectify_status_string(RECTIFY_ERROR_DEVICE), "device (CUDA) failure");
}

TEST(CudaApi, ForwardRejectsBadArgumentsLikeTheCpu) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  float x[8] = {};
  float y[8] = {};
  EXPECT_EQ(rectify_cuda_forward(nullptr, RECTIFY_F32, 8, x, y, nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_F32, 8, nullptr, y, nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_F32, 8, x, nullptr, nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_cuda_forward(&relu, static_cast<rectify_dtype>(99), 8, x, y, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_S8, 8, x, y, nullptr),
            RECTIFY_ERROR_UNSUPPORTED);
  const rectify_activation bad_op{static_cast<rectify_op>(77), 0, 0, RECTIFY_ACCURACY_DEFAULT};
  EXPECT_EQ(rectify_cuda_forward(&bad_op, RECTIFY_F32, 8, x, y, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  const rectify_activation nan_slope{RECTIFY_LEAKY_RELU, std::nan(""), 0, RECTIFY_ACCURACY_DEFAULT};
  EXPECT_EQ(rectify_cuda_forward(&nan_slope, RECTIFY_F32, 8, x, y, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  const rectify_activation negative_cap{RECTIFY_CLIPPED_RELU, 0, -1, RECTIFY_ACCURACY_DEFAULT};
  EXPECT_EQ(rectify_cuda_forward(&negative_cap, RECTIFY_BF16, 8, x, y, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_F64, std::numeric_limits<size_t>::max() / 4, x,
                                 y, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_F32, 8, x, x + 1, nullptr),
            RECTIFY_ERROR_OVERLAP);
}

TEST(CudaApi, BackwardRejectsBadArgumentsLikeTheCpu) {
  const rectify_activation gelu = rectify_activation_default(RECTIFY_GELU);
  double x[8] = {}, dy[8] = {}, dx[8] = {};
  EXPECT_EQ(rectify_cuda_backward(&gelu, RECTIFY_F64, 8, x, nullptr, dx, nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_cuda_backward(&gelu, RECTIFY_F64, 8, x, dy, dy + 2, nullptr),
            RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(rectify_cuda_backward(&gelu, RECTIFY_U8, 8, x, dy, dx, nullptr),
            RECTIFY_ERROR_UNSUPPORTED);
}

TEST(CudaApi, BiasCallsRejectBadArgumentsLikeTheCpu) {
  const rectify_activation silu = rectify_activation_default(RECTIFY_SILU);
  float x[12] = {}, bias[3] = {}, y[12] = {}, dy[12] = {}, dx[12] = {}, db[3] = {};
  EXPECT_EQ(rectify_cuda_bias_forward(&silu, RECTIFY_F32, 2, 3, 2, x, nullptr, y, nullptr),
            RECTIFY_ERROR_NULL_POINTER);
  EXPECT_EQ(rectify_cuda_bias_forward(&silu, RECTIFY_F32, 2, 3, 2, x, bias, bias, nullptr),
            RECTIFY_ERROR_OVERLAP);
  const size_t huge = std::numeric_limits<size_t>::max() / 2;
  EXPECT_EQ(rectify_cuda_bias_forward(&silu, RECTIFY_F32, huge, 3, 2, x, bias, y, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      rectify_cuda_bias_backward(&silu, RECTIFY_F32, 2, 3, 2, x, bias, dy, dx, dx, nullptr),
      RECTIFY_ERROR_OVERLAP);
  EXPECT_EQ(
      rectify_cuda_bias_backward(nullptr, RECTIFY_F32, 2, 3, 2, x, bias, dy, dx, db, nullptr),
      RECTIFY_ERROR_NULL_POINTER);
}

TEST(CudaApi, HostMemoryIsNeverTouched) {
  const rectify_activation tanh_act = rectify_activation_default(RECTIFY_TANH);
  std::vector<float> x(64, 1.5f), y(64, -7.0f);
  EXPECT_EQ(rectify_cuda_forward(&tanh_act, RECTIFY_F32, x.size(), x.data(), y.data(), nullptr),
            ExpectedForHostMemory());
  for (const float v : y) ASSERT_EQ(v, -7.0f);
  std::vector<float> dy(64, 2.0f), dx(64, -7.0f);
  EXPECT_EQ(rectify_cuda_backward(&tanh_act, RECTIFY_F32, x.size(), x.data(), dy.data(),
                                  dx.data(), nullptr),
            ExpectedForHostMemory());
  for (const float v : dx) ASSERT_EQ(v, -7.0f);
  std::vector<float> bias(4, 0.5f), db(4, -7.0f);
  EXPECT_EQ(rectify_cuda_bias_forward(&tanh_act, RECTIFY_F32, 4, 4, 4, x.data(), bias.data(),
                                      y.data(), nullptr),
            ExpectedForHostMemory());
  EXPECT_EQ(rectify_cuda_bias_backward(&tanh_act, RECTIFY_F32, 4, 4, 4, x.data(), bias.data(),
                                       dy.data(), dx.data(), db.data(), nullptr),
            ExpectedForHostMemory());
  for (const float v : y) ASSERT_EQ(v, -7.0f);
  for (const float v : db) ASSERT_EQ(v, -7.0f);
  if (ExpectedForHostMemory() == RECTIFY_ERROR_DEVICE) {
    EXPECT_STRNE(rectify_cuda_last_error(), "") << "a DEVICE status comes with CUDA's text";
  }
}

TEST(CudaApi, EmptyCallsNeedNoDevice) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const rectify_status expected = kBuiltWithCuda ? RECTIFY_OK : RECTIFY_ERROR_UNSUPPORTED;
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_F16, 0, nullptr, nullptr, nullptr), expected);
  EXPECT_EQ(rectify_cuda_backward(&relu, RECTIFY_F32, 0, nullptr, nullptr, nullptr, nullptr),
            expected);
  EXPECT_EQ(rectify_cuda_bias_forward(&relu, RECTIFY_F32, 0, 0, 0, nullptr, nullptr, nullptr,
                                      nullptr),
            expected);
}

TEST(CudaApi, CppCallsThrowTheStatus) {
  const rectify::Activation act = rectify::Activation::relu();
  std::vector<double> x(16), y(16);
  try {
    rectify::cuda::forward(act, x.data(), y.data(), x.size());
    FAIL() << "host memory was accepted";
  } catch (const rectify::Error& e) {
    EXPECT_EQ(e.status(), ExpectedForHostMemory());
    if (e.status() == RECTIFY_ERROR_DEVICE) {
      EXPECT_NE(std::string(e.what()).find("cudaPointerGetAttributes"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_THROW(rectify::cuda::forward(act, x.data(), x.data() + 1, 8), rectify::Error);
  EXPECT_EQ(rectify::cuda::available(), rectify_cuda_available() != 0);
}

TEST(CudaApi, MisalignedElementsAreRefused) {
  if (!kBuiltWithCuda) GTEST_SKIP() << "no CUDA backend in this build";
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  alignas(8) unsigned char buffer[64] = {};
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_F32, 4, buffer + 1, buffer + 1, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(rectify_cuda_forward(&relu, RECTIFY_F64, 4, buffer + 4, buffer + 4, nullptr),
            RECTIFY_ERROR_INVALID_ARGUMENT);
}

}  // namespace
