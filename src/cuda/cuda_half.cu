// The bf16 and f16 launchers of cuda_typed.h: the forward through the op's
// device table (the CPU's correctly rounded values), the backward through
// the f32 op struct (half/half_kernels.cc does the same on the CPU).
#include <type_traits>

#include "cuda/cuda_bias.cuh"
#include "cuda/cuda_common.cuh"
#include "cuda/cuda_typed.h"

namespace rectify::cuda {
namespace {

struct TableFn {
  const std::uint16_t* table;
  __device__ std::uint16_t operator()(std::uint16_t x) const { return __ldg(table + x); }
};

template <HalfFormat kFormat, class Op32>
struct HalfBackwardFn {
  Op32 op;
  __device__ std::uint16_t operator()(std::uint16_t x, std::uint16_t dy) const {
    return lane::HalfBackward<kFormat>(op, x, dy);
  }
};

template <HalfFormat kFormat>
struct HalfBiasTableFn {
  const std::uint16_t* table;
  __device__ std::uint16_t operator()(std::uint16_t x, std::uint16_t b) const {
    return __ldg(table + lane::HalfPreActivation<kFormat>(x, HalfToFloat(kFormat, b)));
  }
};

template <HalfFormat kFormat, class Op32>
struct HalfBiasBackwardFn {
  Op32 op;
  __device__ std::uint16_t operator()(std::uint16_t x, std::uint16_t dy, std::uint16_t b) const {
    return lane::HalfBackward<kFormat>(
        op, lane::HalfPreActivation<kFormat>(x, HalfToFloat(kFormat, b)), dy);
  }
};

// Calls run(std::integral_constant<HalfFormat, format>).
template <class Run>
rectify_status WithFormat(HalfFormat format, const Run& run) {
  if (format == HalfFormat::kBf16) {
    return run(std::integral_constant<HalfFormat, HalfFormat::kBf16>());
  }
  return run(std::integral_constant<HalfFormat, HalfFormat::kF16>());
}

}  // namespace

rectify_status HalfForward(std::size_t n, const void* x, void* y,
                           const std::uint16_t* device_table, void* stream) {
  const auto* in = static_cast<const std::uint16_t*>(x);
  return LaunchElements<false, std::uint16_t>(TableFn{device_table}, n, in, in,
                                              static_cast<std::uint16_t*>(y), stream);
}

rectify_status HalfBackward(HalfFormat format, const OpParams& params, std::size_t n,
                            const void* x, const void* dy, void* dx, void* stream) {
  return WithFormat(format, [&](auto f) {
    return DispatchOp<float>(params, [&](const auto& op) {
      using Op = std::decay_t<decltype(op)>;
      return LaunchElements<true, std::uint16_t>(
          HalfBackwardFn<decltype(f)::value, Op>{op}, n, static_cast<const std::uint16_t*>(x),
          static_cast<const std::uint16_t*>(dy), static_cast<std::uint16_t*>(dx), stream);
    });
  });
}

rectify_status HalfBiasForward(HalfFormat format, std::size_t outer, std::size_t channels,
                               std::size_t inner, const void* x, const void* bias, void* y,
                               const std::uint16_t* device_table, void* stream) {
  return WithFormat(format, [&](auto f) {
    const auto* in = static_cast<const std::uint16_t*>(x);
    return LaunchBiasElements<false, std::uint16_t>(
        HalfBiasTableFn<decltype(f)::value>{device_table}, outer, channels, inner, in, in,
        static_cast<const std::uint16_t*>(bias), static_cast<std::uint16_t*>(y), stream);
  });
}

rectify_status HalfBiasBackward(HalfFormat format, const OpParams& params, std::size_t outer,
                                std::size_t channels, std::size_t inner, const void* x,
                                const void* bias, const void* dy, void* dx, void* dbias,
                                void* stream) {
  return WithFormat(format, [&](auto f) {
    constexpr HalfFormat kFormat = decltype(f)::value;
    return DispatchOp<float>(params, [&](const auto& op) {
      using Op = std::decay_t<decltype(op)>;
      return LaunchBiasBackward<std::uint16_t, kFormat>(
          HalfBiasBackwardFn<kFormat, Op>{op}, outer, channels, inner,
          static_cast<const std::uint16_t*>(x), static_cast<const std::uint16_t*>(bias),
          static_cast<const std::uint16_t*>(dy), static_cast<std::uint16_t*>(dx),
          static_cast<std::uint16_t*>(dbias), stream);
    });
  });
}

}  // namespace rectify::cuda
