// Element loops: apply an op body (kernels/op_body-inl.h) over arrays,
// whole vectors first, the tail through masked or buffered loads and stores
// (no read or write past n); and the element-wise kernels of the table.
// Re-included once per Highway target.
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
#include "kernels/kernel_table.h"
#include "kernels/op_body-inl.h"
#include "kernels/stores-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Largest lane count of any target, for tail buffers.
inline constexpr std::size_t kMaxBytes = 64;

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
  const std::size_t head = stream ? AlignedHead(out, vector_bytes, n) : 0;
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto v = ApplyAt(d, fn, a, b, i);
    StoreOutput(d, v, out + i, stream);
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

// One kernel per (op, element type, tier): the op and tier are template
// arguments, so a call goes straight from the table to its loop.
template <typename T, int kOp, Tier kTier>
void Forward(const OpParams& params, const CallContext& context, std::size_t n,
             const void* x_raw, void* y_raw) {
  const T* x = static_cast<const T*>(x_raw);
  T* y = static_cast<T*>(y_raw);
  WithOp<T, kOp, kTier>(params, [&](const auto& op) { ForwardLoop(op, n, x, y, context.stream); });
}

template <typename T, int kOp, Tier kTier>
void Backward(const OpParams& params, const CallContext& context, std::size_t n,
              const void* x_raw, const void* dy_raw, void* dx_raw) {
  const T* x = static_cast<const T*>(x_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  WithOp<T, kOp, kTier>(params, [&](const auto& op) {
    BackwardLoop(op, n, x, dy, dx, context.stream);
  });
}

// dx = dy * f'(x) written in y = f(x) (docs/semantics.md), for the ops
// whose body has its own formula in y (kOwnFromOutput).
template <typename T, int kOp, Tier kTier>
void BackwardFromOutput(const OpParams& params, const CallContext& context, std::size_t n,
                        const void* y_raw, const void* dy_raw, void* dx_raw) {
  static_assert(kOwnFromOutput<kOp>);
  const T* y = static_cast<const T*>(y_raw);
  const T* dy = static_cast<const T*>(dy_raw);
  T* dx = static_cast<T*>(dx_raw);
  WithOp<T, kOp, kTier>(params, [&](const auto& op) {
    FromOutputLoop(op, n, y, dy, dx, context.stream);
  });
}

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_LOOPS_INL_H_
