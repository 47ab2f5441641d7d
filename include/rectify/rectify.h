/* rectify: neural-network activation functions, forward and backward.
 *
 * The C API. Every function is thread-safe, never prints, never aborts and
 * never lets a C++ exception escape. Entry points that compute validate all
 * of their arguments first; on any error they return a status other than
 * RECTIFY_OK and write nothing to any output.
 *
 * The exact meaning of every op (formula, derivative, special values, NaN
 * payloads, accuracy) is written in docs/semantics.md. Every SIMD target
 * gives the same bits as the scalar reference. */
#ifndef RECTIFY_RECTIFY_H_
#define RECTIFY_RECTIFY_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(RECTIFY_SHARED)
#  if defined(RECTIFY_BUILDING)
#    define RECTIFY_API __declspec(dllexport)
#  else
#    define RECTIFY_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && defined(RECTIFY_BUILDING)
#  define RECTIFY_API __attribute__((visibility("default")))
#else
#  define RECTIFY_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rectify_status {
  RECTIFY_OK = 0,
  RECTIFY_ERROR_NULL_POINTER = 1,     /* a required pointer is NULL */
  RECTIFY_ERROR_INVALID_ARGUMENT = 2, /* bad parameter, enum value or size */
  RECTIFY_ERROR_UNSUPPORTED = 3,      /* valid request this build cannot do */
  RECTIFY_ERROR_OVERLAP = 4,          /* output partially overlaps an input */
  RECTIFY_ERROR_DEVICE = 5,           /* a CUDA call failed: see rectify_cuda_last_error */
  RECTIFY_ERROR_OUT_OF_MEMORY = 6     /* an allocation failed */
} rectify_status;

typedef enum rectify_dtype {
  RECTIFY_F32 = 0, /* IEEE binary32, `float` */
  RECTIFY_F64 = 1, /* IEEE binary64, `double` */
  RECTIFY_BF16 = 2, /* bfloat16 stored as uint16_t bits */
  RECTIFY_F16 = 3,  /* IEEE binary16 stored as uint16_t bits */
  RECTIFY_S8 = 4,   /* int8_t, quantized: rectify_forward_quantized only */
  RECTIFY_U8 = 5    /* uint8_t, quantized: rectify_forward_quantized only */
} rectify_dtype;

typedef enum rectify_op {
  RECTIFY_RELU = 0,
  RECTIFY_LEAKY_RELU = 1,   /* alpha: negative slope, default 0.01 */
  RECTIFY_CLIPPED_RELU = 2, /* beta: cap, default 6 (ReLU6) */
  RECTIFY_HARDSIGMOID = 3,
  RECTIFY_HARDSWISH = 4,
  RECTIFY_ELU = 5,          /* alpha, default 1 */
  RECTIFY_SELU = 6,
  RECTIFY_GELU = 7,
  RECTIFY_GELU_TANH = 8,
  RECTIFY_SILU = 9,         /* alpha: beta of x*sigmoid(beta*x), default 1 */
  RECTIFY_MISH = 10,
  RECTIFY_SOFTPLUS = 11,    /* alpha: beta, default 1 */
  RECTIFY_SIGMOID = 12,
  RECTIFY_TANH = 13,
  RECTIFY_SQUARED_RELU = 14 /* relu(x)^2 (Primer) */
} rectify_op;

/* The accuracy tier of a call: the error bound its smooth ops keep, in ulps
 * of the result, measured against the exact value for every input (tails
 * and subnormals included). Every tier keeps every other rule of
 * docs/semantics.md ("Accuracy tiers"): NaN propagation, signed zeros, the
 * limits at +-inf, no NaN for a non-NaN input. Exact ops (relu,
 * leaky_relu, clipped_relu, hardsigmoid, hardswish, squared_relu) ignore
 * the tier. 16-bit results: BEST is correctly rounded; DEFAULT and FAST are
 * the tier's f32 result rounded once to the format. */
typedef enum rectify_accuracy {
  RECTIFY_ACCURACY_DEFAULT = 0, /* forward <= 1 ulp, backward <= 2 ulp */
  RECTIFY_ACCURACY_FAST = 1,    /* forward <= 4 ulp, backward <= 8 ulp */
  RECTIFY_ACCURACY_BEST = 2     /* f32 <= 0.5 + 2^-14 ulp; 16-bit correctly rounded */
} rectify_accuracy;

/* An activation: which op, its parameters and the accuracy tier. Parameters
 * an op does not use are ignored. A parameter is rounded once to the dtype
 * of the call (to f32 for the 16-bit and quantized dtypes). A brace
 * initializer {op, alpha, beta} leaves accuracy 0, RECTIFY_ACCURACY_DEFAULT.
 * An accuracy outside the enum is INVALID_ARGUMENT in every call that takes
 * an activation. */
typedef struct rectify_activation {
  rectify_op op;
  double alpha;
  double beta;
  rectify_accuracy accuracy;
} rectify_activation;

/* The activation `op` with its default parameters (see rectify_op) and
 * RECTIFY_ACCURACY_DEFAULT. An op value outside the enum gives
 * {op, 0, 0, DEFAULT}, which the compute calls reject. */
RECTIFY_API rectify_activation rectify_activation_default(rectify_op op);

/* y[i] = f(x[i]) for i < n. x and y hold n elements of `dtype` (f32, f64,
 * bf16 or f16; S8 and U8 are UNSUPPORTED here: see
 * rectify_forward_quantized), within the bound of act->accuracy. bf16 and
 * f16 results at RECTIFY_ACCURACY_BEST are correctly rounded: the exact f
 * at the input, rounded once (docs/semantics.md); at DEFAULT and FAST they
 * are the tier's f32 result rounded once; exact ops are exact at every
 * tier. The first call for an (op, parameters, tier, dtype) builds a
 * 128 KiB table (8 to 17 ms measured; OUT_OF_MEMORY if that allocation
 * fails), later ones reuse it (relu and clipped_relu need none:
 * docs/semantics.md lists the ops; an exact op has one table for all tiers).
 * Aliasing: y == x (in place) is allowed; any other overlap is
 * RECTIFY_ERROR_OVERLAP. Errors: act NULL, or x/y NULL with n > 0:
 * NULL_POINTER; op, dtype or accuracy outside its enum, a bad parameter (NaN
 * or infinite alpha; cap not finite or <= 0 after rounding), n * element size
 * overflowing: INVALID_ARGUMENT; op or dtype not implemented: UNSUPPORTED.
 * n == 0 is a no-op (NULL pointers allowed). Exact ops give the reference's
 * bits; accuracy of each op: docs/semantics.md. No allocation. */
RECTIFY_API rectify_status rectify_forward(const rectify_activation *act,
                                           rectify_dtype dtype, size_t n,
                                           const void *x, void *y);

/* dx[i] = dy[i] * f'(x[i]), the gradient through the activation, within the
 * backward bound of act->accuracy (16-bit: the tier's f32 gradient at the
 * exactly widened inputs, rounded once). Aliasing: dx may be exactly x or
 * exactly dy; other overlaps: OVERLAP.
 * Errors as rectify_forward. */
RECTIFY_API rectify_status rectify_backward(const rectify_activation *act,
                                            rectify_dtype dtype, size_t n,
                                            const void *x, const void *dy,
                                            void *dx);

/* The same gradient computed from the forward output y = f(x) instead of x,
 * for ops whose derivative is a function of y: relu, leaky_relu with
 * alpha > 0, clipped_relu, elu with alpha > 0, sigmoid, tanh.
 * Other ops or parameters: UNSUPPORTED. Aliasing and errors as
 * rectify_backward. */
RECTIFY_API rectify_status rectify_backward_from_output(
    const rectify_activation *act, rectify_dtype dtype, size_t n,
    const void *y, const void *dy, void *dx);

/* Quantization of an int8 tensor: real value = scale * (q - zero_point). */
typedef struct rectify_quant {
  float scale;        /* positive and finite */
  int32_t zero_point; /* within the dtype's range: [-128, 127] or [0, 255] */
} rectify_quant;

/* Quantized forward: for each of the n elements of dtype RECTIFY_S8 or
 * RECTIFY_U8,
 *   y = saturate(round_half_even(f(in.scale * (x - in.zero_point))
 *                                / out.scale) + out.zero_point),
 * with f evaluated exactly (as a real number) for every op, so every one
 * of the 256 inputs gives the correctly rounded result at every accuracy
 * tier (act->accuracy is checked, then ignored). The parameters of act
 * enter as their f32 values. y may be exactly x; other overlap:
 * OVERLAP. Errors (nothing written): act NULL, or x/y NULL with n > 0:
 * NULL_POINTER; dtype, op or accuracy outside its enum, a bad parameter, a scale
 * not positive and finite, a zero point outside the dtype's range:
 * INVALID_ARGUMENT; a dtype other than S8/U8: UNSUPPORTED. The 256-entry
 * table of a parameter set is built once (30 to 100 us) and cached. */
RECTIFY_API rectify_status rectify_forward_quantized(const rectify_activation *act,
                                                     rectify_dtype dtype,
                                                     rectify_quant in,
                                                     rectify_quant out, size_t n,
                                                     const void *x, void *y);

/* PReLU: y = x > 0 ? x : slope[c] * x, one slope per channel.
 * Layout [outer][channels][inner]: NCHW is outer = N, inner = H*W; NHWC and
 * fully connected have inner = 1. slope holds `channels` elements, each
 * finite (else INVALID_ARGUMENT). y may be exactly x; y must not overlap
 * slope. outer*channels*inner overflowing size_t: INVALID_ARGUMENT. */
RECTIFY_API rectify_status rectify_prelu_forward(rectify_dtype dtype,
                                                 size_t outer, size_t channels,
                                                 size_t inner, const void *x,
                                                 const void *slope, void *y);

/* PReLU gradients: dx = x > 0 ? dy : slope[c] * dy, and
 * dslope[c] = sum over outer and inner of (x > 0 ? 0 : x * dy), overwritten,
 * summed in the fixed order of docs/semantics.md (same bits on every target
 * and thread count; f32 sums are accumulated in f64). dx may be exactly x or
 * exactly dy; dslope must not overlap any other buffer. Errors as
 * rectify_prelu_forward. */
RECTIFY_API rectify_status rectify_prelu_backward(
    rectify_dtype dtype, size_t outer, size_t channels, size_t inner,
    const void *x, const void *slope, const void *dy, void *dx, void *dslope);

/* Fused bias + activation: y = f(x + bias[c]) over the layout
 * [outer][channels][inner] of the PReLU calls (fully connected layers:
 * outer = batch, inner = 1). Bit for bit the result of adding bias[c] to
 * each element in the dtype (one rounding) and then calling
 * rectify_forward (at act->accuracy). bias holds `channels` elements (any
 * values). y may be exactly x; y must not overlap bias (OVERLAP). Errors as rectify_forward,
 * plus outer*channels*inner overflowing size_t: INVALID_ARGUMENT. Threads
 * as rectify_forward; no allocation. */
RECTIFY_API rectify_status rectify_bias_forward(
    const rectify_activation *act, rectify_dtype dtype, size_t outer,
    size_t channels, size_t inner, const void *x, const void *bias, void *y);

/* Gradients of y = f(x + bias[c]): dx = dy * f'(x + bias[c]), bit for bit
 * rectify_backward at the biased input, and dbias[c] = sum of dx over
 * outer and inner (overwritten), accumulated in f64 in the fixed order of
 * the PReLU slope gradient (docs/semantics.md), so every target and thread
 * count gives the same bits. dx may be exactly x or exactly dy; dbias must
 * not overlap any other buffer. Errors as rectify_bias_forward. */
RECTIFY_API rectify_status rectify_bias_backward(
    const rectify_activation *act, rectify_dtype dtype, size_t outer,
    size_t channels, size_t inner, const void *x, const void *bias,
    const void *dy, void *dx, void *dbias);

/* The dead-unit monitor. Units are channels. Each monitored forward call is
 * one step; in a step, a unit's activity is the number of its
 * pre-activations x + bias[c] (x alone when bias is NULL) that are > 0
 * (NaN is not > 0), out of outer*inner. A unit is active in a step when
 * that number is not 0, and dead when at least `window` steps have been
 * seen and it was active in none of the last `window`. Not thread-safe:
 * one call at a time per monitor. Definitions: docs/semantics.md. */
typedef struct rectify_monitor rectify_monitor;

/* A monitor of `units` units over the last `window` steps. units == 0 or
 * window == 0, or units * window too large to count: INVALID_ARGUMENT; out
 * NULL: NULL_POINTER; allocation failure: OUT_OF_MEMORY. *out is written
 * only on success. Allocates about 8 * units * (window + 2) bytes. */
RECTIFY_API rectify_status rectify_monitor_create(size_t units,
                                                  uint32_t window,
                                                  rectify_monitor **out);

/* Frees the monitor; NULL is a no-op. */
RECTIFY_API void rectify_monitor_destroy(rectify_monitor *monitor);

/* Forgets every step (as if just created). NULL: NULL_POINTER. */
RECTIFY_API rectify_status rectify_monitor_reset(rectify_monitor *monitor);

/* y = f(x + bias[c]) as rectify_bias_forward (bias may be NULL: then
 * y = f(x) as rectify_forward), counting each unit's activity inside the
 * same pass, and recording one step in `monitor`. monitor NULL:
 * NULL_POINTER; its unit count differing from `channels`, or inner >=
 * 2^32: INVALID_ARGUMENT. On any error nothing is written, the monitor
 * included. Results and counts do not depend on target or threads. */
RECTIFY_API rectify_status rectify_forward_monitored(
    const rectify_activation *act, rectify_dtype dtype, size_t outer,
    size_t channels, size_t inner, const void *x, const void *bias, void *y,
    rectify_monitor *monitor);

/* Number of dead units now (0 for NULL). */
RECTIFY_API size_t rectify_monitor_dead_count(const rectify_monitor *monitor);

/* mask[u] = 1 if unit u is dead, else 0, for u < units. NULL monitor or
 * mask: NULL_POINTER. */
RECTIFY_API rectify_status rectify_monitor_dead_mask(
    const rectify_monitor *monitor, uint8_t *mask);

/* rate[u] = the fraction of unit u's pre-activations that were > 0 over the
 * last min(steps, window) steps (0 before any element was seen): near-dead
 * units have rates near 0. NULL monitor or rate: NULL_POINTER. */
RECTIFY_API rectify_status rectify_monitor_activity(
    const rectify_monitor *monitor, double *rate);

/* Steps recorded since creation or the last reset (0 for NULL). */
RECTIFY_API uint64_t rectify_monitor_steps(const rectify_monitor *monitor);

/* The monitor's unit count and window (0 for NULL). */
RECTIFY_API size_t rectify_monitor_units(const rectify_monitor *monitor);
RECTIFY_API uint32_t rectify_monitor_window(const rectify_monitor *monitor);

/* ---- CUDA backend --------------------------------------------------------
 * The same ops on NVIDIA GPUs, on device pointers (memory from cudaMalloc,
 * cudaMallocAsync or cudaMallocManaged), giving the bits of the CPU's FMA
 * targets (AVX2, AVX3, AVX3_DL) at RECTIFY_ACCURACY_BEST for every op, dtype
 * and element: the GPU runs the very op bodies of the CPU kernels on one
 * lane (docs/semantics.md, "GPU"). The accuracy of the activation is
 * checked as in the CPU calls, but the GPU runs BEST for every tier for
 * now. `stream` is a cudaStream_t (NULL: the default stream); calls are
 * asynchronous on it: they return after the launch, and results are there
 * once the stream reaches that point. The arguments are checked as in the
 * CPU calls (same statuses, nothing launched on error); in addition every
 * buffer pointer of nonzero size must be device or managed memory, aligned
 * to its element size (else INVALID_ARGUMENT: a host or misaligned pointer
 * would fault the GPU context). A failing
 * CUDA call gives RECTIFY_ERROR_DEVICE, and rectify_cuda_last_error() then
 * holds its text. A build without CUDA (RECTIFY_CUDA=OFF or no nvcc) still
 * has every function: after the argument checks they return
 * RECTIFY_ERROR_UNSUPPORTED. The first 16-bit forward call of an (op,
 * parameters, dtype) on a device builds its 128 KiB table on the CPU and
 * copies it to the device (synchronously, once; up to 256 tables per
 * device are kept); later calls allocate nothing. */

/* 1 when this build has the CUDA backend and a usable GPU is present, else
 * 0. Never fails. */
RECTIFY_API int rectify_cuda_available(void);

/* The text of the last CUDA failure reported on this thread ("" if none).
 * Valid until the next rectify_cuda_* call on this thread. */
RECTIFY_API const char *rectify_cuda_last_error(void);

/* rectify_forward on the GPU: y[i] = f(x[i]) for i < n, any dtype of
 * rectify_forward (f32, f64, bf16, f16), y may be exactly x. */
RECTIFY_API rectify_status rectify_cuda_forward(const rectify_activation *act,
                                                rectify_dtype dtype, size_t n,
                                                const void *x, void *y,
                                                void *stream);

/* rectify_backward on the GPU: dx[i] = dy[i] * f'(x[i]); dx may be exactly
 * x or exactly dy. */
RECTIFY_API rectify_status rectify_cuda_backward(const rectify_activation *act,
                                                 rectify_dtype dtype, size_t n,
                                                 const void *x, const void *dy,
                                                 void *dx, void *stream);

/* rectify_bias_forward on the GPU (same layout, aliasing and errors; no
 * monitor). */
RECTIFY_API rectify_status rectify_cuda_bias_forward(
    const rectify_activation *act, rectify_dtype dtype, size_t outer,
    size_t channels, size_t inner, const void *x, const void *bias, void *y,
    void *stream);

/* rectify_bias_backward on the GPU: dx and dbias with the CPU's bits (dbias
 * in the same canonical summation order, one GPU thread per partial sum). */
RECTIFY_API rectify_status rectify_cuda_bias_backward(
    const rectify_activation *act, rectify_dtype dtype, size_t outer,
    size_t channels, size_t inner, const void *x, const void *bias,
    const void *dy, void *dx, void *dbias, void *stream);

/* A static English description of `status` ("unknown status" otherwise). */
RECTIFY_API const char *rectify_status_string(rectify_status status);

/* The op's name ("relu", "leaky_relu", ...), or NULL outside the enum. */
RECTIFY_API const char *rectify_op_name(rectify_op op);

/* The number of ops: rectify_op's values are 0 .. rectify_op_count() - 1,
 * in the order of docs/semantics.md. */
RECTIFY_API size_t rectify_op_count(void);

/* The library version, "MAJOR.MINOR.PATCH". */
RECTIFY_API const char *rectify_version(void);

/* Number of SIMD targets compiled in and usable on this CPU, best first;
 * the last one is always "SCALAR". */
RECTIFY_API size_t rectify_target_count(void);

/* Name of usable target `index` ("AVX3_DL", "AVX3", "AVX2", "SSE4",
 * "SSSE3", "EMU128", "SCALAR"), or NULL when index >= rectify_target_count(). */
RECTIFY_API const char *rectify_target_name(size_t index);

/* Number of targets compiled into this build, usable here or not, best
 * first (an extension beyond the usable list, for diagnostics). */
RECTIFY_API size_t rectify_compiled_target_count(void);

/* Name of compiled target `index`, or NULL when index is out of range. */
RECTIFY_API const char *rectify_compiled_target_name(size_t index);

/* Name of the target that compute calls use now. */
RECTIFY_API const char *rectify_active_target(void);

/* Make every later call use target `name` (case-insensitive); NULL returns
 * to the best usable target. Unknown, or not usable on this CPU:
 * UNSUPPORTED, and the active target is unchanged. Process-wide; the
 * environment variable RECTIFY_TARGET, read once at first use, sets the
 * initial choice the same way (an unusable value there is ignored). */
RECTIFY_API rectify_status rectify_force_target(const char *name);

/* Threads for large calls. Calls on more elements than one thread handles
 * efficiently (the grain, chosen per op by measurement; see
 * docs/performance.md) are split across up to `n` threads of a pool that the
 * library owns; smaller calls run on the calling thread and take no lock.
 * n = 0 means every hardware thread (the default); n < 0 gives
 * RECTIFY_ERROR_INVALID_ARGUMENT and leaves the setting unchanged.
 * Process-wide; the environment variable RECTIFY_NUM_THREADS, read once at
 * first use, sets the initial value the same way (a value that is not a
 * non-negative integer is ignored). Results never depend on the thread
 * count, and calls from many threads at once are safe: while one call uses
 * the pool, a concurrent large call runs on its own thread. */
RECTIFY_API rectify_status rectify_set_num_threads(int n);

/* The number of threads large calls use now (at least 1; 0 set is reported
 * as the hardware thread count). */
RECTIFY_API int rectify_get_num_threads(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RECTIFY_RECTIFY_H_ */
