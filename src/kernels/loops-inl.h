// Loop drivers: apply an op struct from exact_ops-inl.h or smooth_ops-inl.h
// over arrays, with
// the tail handled through a stack buffer (no read or write past n), and
// the PReLU layouts. Re-included once per Highway target.
#if defined(RECTIFY_KERNELS_LOOPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_LOOPS_INL_H_
#undef RECTIFY_KERNELS_LOOPS_INL_H_
#else
#define RECTIFY_KERNELS_LOOPS_INL_H_
#endif

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/kernel_namespace.h"
#include "kernels/exact_ops-inl.h"
#include "kernels/f32_smooth_ops-inl.h"
#include "kernels/kernel_table.h"
#include "kernels/op_select-inl.h"
#include "kernels/smooth_ops-inl.h"
#include "half/half_kernels.h"
#include "ops/op_info.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Largest lane count of any target, for tail buffers.
inline constexpr std::size_t kMaxBytes = 64;

// Elements from `out` to the first address aligned to `vector_bytes`
// (0 when out is aligned): where streaming (non-temporal) stores of whole
// vectors can start. out must be element-aligned.
template <typename T>
HWY_INLINE std::size_t StreamHead(const T* out, std::size_t vector_bytes) {
  const std::uintptr_t address = reinterpret_cast<std::uintptr_t>(out);
  const std::size_t misalign = address % vector_bytes;
  return misalign == 0 ? 0 : (vector_bytes - misalign) / sizeof(T);
}

// out[i] = fn(d, a[i]) (unary) or fn(d, a[i], b[i]) (binary, b != nullptr).
// out may be exactly a or b (in place). Whole vectors first; the last
// n % lanes elements (or a call shorter than one vector) go through masked
// loads and stores (AVX2, AVX-512: they never touch memory outside the
// mask) or a stack buffer: nothing is read or written past n. With
// `stream`, aligned vectors of out are written with non-temporal stores
// (out of place only, large calls); the first vector is stored normally and
// the loop then jumps to the first aligned position. fn is inlined at two
// places only (the loop and the tail): the smooth ops' bodies are large.
template <class D, typename T, class Fn>
HWY_INLINE hn::Vec<D> ApplyAt(D d, const Fn& fn, const T* a, const T* b, std::size_t i) {
  return fn(d, hn::LoadU(d, a + i), b == nullptr ? hn::Zero(d) : hn::LoadU(d, b + i));
}

template <class D, typename T, class Fn>
HWY_INLINE void ElementLoop(D d, const Fn& fn, std::size_t n, const T* a,
                            const T* b, T* out, bool stream) {
  const std::size_t lanes = hn::Lanes(d);
  const std::size_t vector_bytes = lanes * sizeof(T);
  stream = stream && n >= lanes && reinterpret_cast<std::uintptr_t>(out) % sizeof(T) == 0;
  const std::size_t head = stream ? StreamHead(out, vector_bytes) : 0;
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto v = ApplyAt(d, fn, a, b, i);
    if (stream && reinterpret_cast<std::uintptr_t>(out + i) % vector_bytes == 0) {
      hn::Stream(v, d, out + i);
    } else {
      hn::StoreU(v, d, out + i);
    }
    // After the unaligned first vector, continue at the first aligned one
    // (unsigned wrap-around: i + lanes becomes head; the overlap recomputes
    // the same values, out of place).
    if (i == 0 && head != 0) i = head - lanes;
  }
  if (stream) hwy::FlushStream();
  if (i == n) return;
  const std::size_t rest = n - i;
#if HWY_TARGET <= HWY_AVX2
  const auto mask = hn::FirstN(d, rest);
  const auto va = hn::MaskedLoad(mask, d, a + i);
  const auto vb = b == nullptr ? hn::Zero(d) : hn::MaskedLoad(mask, d, b + i);
  hn::BlendedStore(fn(d, va, vb), mask, d, out + i);
#else
  HWY_ALIGN T a_buffer[kMaxBytes / sizeof(T)] = {};
  HWY_ALIGN T b_buffer[kMaxBytes / sizeof(T)] = {};
  std::memcpy(a_buffer, a + i, rest * sizeof(T));
  if (b != nullptr) std::memcpy(b_buffer, b + i, rest * sizeof(T));
  hn::Store(fn(d, hn::Load(d, a_buffer), hn::Load(d, b_buffer)), d, a_buffer);
  std::memcpy(out + i, a_buffer, rest * sizeof(T));
#endif
}

// The op's three directions as always-inlined function objects.
template <class Op>
struct ForwardFn {
  const Op& op;
  template <class D, class V>
  HWY_INLINE V operator()(D d, V x, V) const { return op.Forward(d, x); }
};
template <class Op>
struct BackwardFn {
  const Op& op;
  template <class D, class V>
  HWY_INLINE V operator()(D d, V x, V dy) const { return op.Backward(d, x, dy); }
};
template <class Op>
struct FromOutputFn {
  const Op& op;
  template <class D, class V>
  HWY_INLINE V operator()(D d, V y, V dy) const { return op.FromOutput(d, y, dy); }
};

// y[i] = op.Forward(x[i]). y may be exactly x.
template <typename T, class Op>
HWY_INLINE void ForwardLoop(const Op& op, std::size_t n, const T* x, T* y,
                            bool stream = false) {
  ElementLoop(typename Op::Tag(), ForwardFn<Op>{op}, n, x,
              static_cast<const T*>(nullptr), y, stream);
}

// out[i] = fn(d, a[i], b[i]) for a two-input vector function; out may be
// exactly a or b.
template <class D, typename T, class Fn>
HWY_INLINE void BinaryLoop(D d, const Fn& fn, std::size_t n, const T* a,
                           const T* b, T* out, bool stream = false) {
  ElementLoop(d, fn, n, a, b, out, stream);
}

// dx[i] = op.Backward(x[i], dy[i]). dx may be exactly x or dy.
template <typename T, class Op>
HWY_INLINE void BackwardLoop(const Op& op, std::size_t n, const T* x,
                             const T* dy, T* dx, bool stream = false) {
  ElementLoop(typename Op::Tag(), BackwardFn<Op>{op}, n, x, dy, dx, stream);
}

// dx[i] = op.FromOutput(y[i], dy[i]). dx may be exactly y or dy.
template <typename T, class Op>
HWY_INLINE void FromOutputLoop(const Op& op, std::size_t n, const T* y,
                               const T* dy, T* dx, bool stream = false) {
  ElementLoop(typename Op::Tag(), FromOutputFn<Op>{op}, n, y, dy, dx, stream);
}

// One kernel per (op, element type): the op is a template argument, so a
// call goes straight from the table to its loop.
template <typename T, int kOp>
void Forward(const OpParams& params, std::size_t n, const void* x_raw,
             void* y_raw) {
  const T* x = static_cast<const T*>(x_raw);
  T* y = static_cast<T*>(y_raw);
  WithOp<T, kOp>(params, [&](const auto& op) { ForwardLoop(op, n, x, y, params.stream); });
}

template <typename T, int kOp>
void Backward(const OpParams& params, std::size_t n, const void* x_raw,
              const void* dy_raw, void* dx_raw) {
  const T* x = static_cast<const T*>(x_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  WithOp<T, kOp>(params, [&](const auto& op) {
    BackwardLoop(op, n, x, dy, dx, params.stream);
  });
}

// dx = dy * f'(x) written in y = f(x) (docs/semantics.md): its own formula
// for sigmoid, tanh and elu (the ops with kOwnFromOutput); for the exact
// ops the gradient in y is the one in x, and the table holds Backward.
template <int kOp>
inline constexpr bool kOwnFromOutput = kOp == RECTIFY_SIGMOID || kOp == RECTIFY_TANH ||
                                       kOp == RECTIFY_ELU;

template <typename T, int kOp>
void BackwardFromOutput(const OpParams& params, std::size_t n, const void* y_raw,
                        const void* dy_raw, void* dx_raw) {
  static_assert(kOwnFromOutput<kOp>);
  const T* y = static_cast<const T*>(y_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  WithOp<T, kOp>(params, [&](const auto& op) {
    FromOutputLoop(op, n, y, dy, dx, params.stream);
  });
}

// ---- the kernel table ----------------------------------------------------
// The kernels are compiled in eight translation units per target (the
// smooth bodies are large; one unit holding all of them took tens of
// minutes and gigabytes to compile under AddressSanitizer): each fills its
// part of the table. kernels/kernel_parts-inl.h lists the parts.

// table.{forward, backward, backward_from_output}[op][dtype of T] for the
// ops kFirst + kOps (backward_from_output stays null where the API never
// calls it: ops whose derivative is not a function of y).
template <typename T, std::size_t kFirst, std::size_t... kOps>
void FillOps(KernelTable& table, std::index_sequence<kOps...>) {
  constexpr std::size_t kDtype = sizeof(T) == sizeof(float) ? 0 : 1;
  ((table.forward[kFirst + kOps][kDtype] = &Forward<T, kFirst + kOps>), ...);
  ((table.backward[kFirst + kOps][kDtype] = &Backward<T, kFirst + kOps>), ...);
  const auto from_output = [&table]<int kOp>() {
    if constexpr (kOwnFromOutput<kOp>) {
      table.backward_from_output[kOp][kDtype] = &BackwardFromOutput<T, kOp>;
    } else if constexpr (kOpTable[kOp].from_output != FromOutput::kNever) {
      table.backward_from_output[kOp][kDtype] = &Backward<T, kOp>;
    }
  };
  (from_output.template operator()<static_cast<int>(kFirst + kOps)>(), ...);
}

// The ops [kFirst, kEnd) for element type T.
template <typename T, std::size_t kFirst, std::size_t kEnd>
void FillOpRange(KernelTable& table) {
  FillOps<T, kFirst>(table, std::make_index_sequence<kEnd - kFirst>());
}

// The parts (defined in kernel_parts-inl.h, compiled where
// RECTIFY_KERNEL_PART selects them).
void FillExactKernels(KernelTable& table);      // exact ops and PReLU, f32 and f64
void FillSmoothF32Kernels(KernelTable& table);  // smooth ops, f32
void FillSmoothF64KernelsA(KernelTable& table);  // elu, selu, gelu, gelu_tanh; f64
void FillSmoothF64KernelsB(KernelTable& table);  // silu .. tanh; f64
// The fused bias kernels (bias_loops-inl.h), in the same four groups.
void FillBiasExactKernels(KernelTable& table);
void FillBiasSmoothF32Kernels(KernelTable& table);
void FillBiasSmoothF64KernelsA(KernelTable& table);
void FillBiasSmoothF64KernelsB(KernelTable& table);
// The 16-bit and int8 lookups and conversions (half_loops-inl.h).
void FillHalfKernels(KernelTable& table);

// The kernel table of this target, assembled once (thread-safe).
inline const KernelTable* GetKernelTable() {
  static const KernelTable table = [] {
    KernelTable t{};
    FillExactKernels(t);
    FillSmoothF32Kernels(t);
    FillSmoothF64KernelsA(t);
    FillSmoothF64KernelsB(t);
    FillBiasExactKernels(t);
    FillBiasSmoothF32Kernels(t);
    FillBiasSmoothF64KernelsA(t);
    FillBiasSmoothF64KernelsB(t);
    FillHalfKernels(t);
    FillHalfSharedKernels(t);  // after the f32 kernels it wraps
    return t;
  }();
  return &table;
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_LOOPS_INL_H_
