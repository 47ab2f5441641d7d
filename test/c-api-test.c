/* The C API used from C (C99): defaults and names, exact results of relu and
 * leaky_relu in f32 and f64 (forward, backward, backward from the output),
 * PReLU, fused bias and the dead-unit monitor on small tensors, every error status with its output left as it
 * was, and the target functions. Prints each failure to stderr; the exit
 * status is the number of failures (capped), 0 when all pass. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rectify/rectify.h"

static int failures = 0;

#define CHECK(condition, ...)                                 \
  do {                                                        \
    if (!(condition)) {                                       \
      fprintf(stderr, "%s:%d: FAILED: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                           \
      fputc('\n', stderr);                                    \
      ++failures;                                             \
    }                                                         \
  } while (0)

#define CHECK_STATUS(got, want, what)                                   \
  do {                                                                  \
    const rectify_status got_ = (got);                                  \
    const rectify_status want_ = (want);                                \
    CHECK(got_ == want_, "%s: status %d (%s), expected %d (%s)", (what), \
          (int)got_, rectify_status_string(got_), (int)want_,           \
          rectify_status_string(want_));                                \
  } while (0)

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Enum values outside the enums, as a caller could pass them. */
#define BAD_DTYPE ((rectify_dtype)99)
#define BAD_OP ((rectify_op)99)

/* ---- values written as double, tested as f32 or f64 ----------------------- */

enum { kMaxValues = 16 };

/* Storage for up to kMaxValues elements of either dtype. */
typedef union values {
  float f32[kMaxValues];
  double f64[kMaxValues];
} values;

/* Writes in[0..n) into out as `dtype` (f32 or f64). */
static void store(rectify_dtype dtype, const double *in, size_t n,
                  values *out) {
  size_t i;
  for (i = 0; i < n; ++i) {
    if (dtype == RECTIFY_F32) {
      out->f32[i] = (float)in[i];
    } else {
      out->f64[i] = in[i];
    }
  }
}

/* Checks that got[0..n) holds exactly the bits of want converted to
 * `dtype` (so +0 differs from -0 and a NaN must keep its payload). */
static void check_bits(const char *what, rectify_dtype dtype,
                       const values *got, const double *want, size_t n) {
  values expected;
  size_t i;
  store(dtype, want, n, &expected);
  for (i = 0; i < n; ++i) {
    const int same =
        dtype == RECTIFY_F32
            ? memcmp(&got->f32[i], &expected.f32[i], sizeof(float)) == 0
            : memcmp(&got->f64[i], &expected.f64[i], sizeof(double)) == 0;
    if (!same) {
      const double value =
          dtype == RECTIFY_F32 ? (double)got->f32[i] : got->f64[i];
      CHECK(0, "%s (%s) [%u]: got %a, expected %a", what,
            dtype == RECTIFY_F32 ? "f32" : "f64", (unsigned)i, value, want[i]);
    }
  }
}

/* ---- descriptors, names, strings ----------------------------------------- */

static void test_defaults_and_names(void) {
  static const struct {
    rectify_op op;
    const char *name;
  } kOps[] = {
      {RECTIFY_RELU, "relu"},           {RECTIFY_LEAKY_RELU, "leaky_relu"},
      {RECTIFY_CLIPPED_RELU, "clipped_relu"},
      {RECTIFY_HARDSIGMOID, "hardsigmoid"},
      {RECTIFY_HARDSWISH, "hardswish"}, {RECTIFY_ELU, "elu"},
      {RECTIFY_SELU, "selu"},           {RECTIFY_GELU, "gelu"},
      {RECTIFY_GELU_TANH, "gelu_tanh"}, {RECTIFY_SILU, "silu"},
      {RECTIFY_MISH, "mish"},           {RECTIFY_SOFTPLUS, "softplus"},
      {RECTIFY_SIGMOID, "sigmoid"},     {RECTIFY_TANH, "tanh"},
      {RECTIFY_SQUARED_RELU, "squared_relu"}};
  size_t i;
  rectify_activation act;

  CHECK(rectify_op_count() == COUNT(kOps), "rectify_op_count() = %d, expected %d",
        (int)rectify_op_count(), (int)COUNT(kOps));
  for (i = 0; i < COUNT(kOps); ++i) {
    const char *name = rectify_op_name(kOps[i].op);
    act = rectify_activation_default(kOps[i].op);
    CHECK(act.op == kOps[i].op, "rectify_activation_default(%s).op = %d",
          kOps[i].name, (int)act.op);
    CHECK(name != NULL && strcmp(name, kOps[i].name) == 0,
          "rectify_op_name(%d) = %s, expected %s", (int)kOps[i].op,
          name ? name : "NULL", kOps[i].name);
  }
  /* The defaults documented in rectify.h. */
  act = rectify_activation_default(RECTIFY_LEAKY_RELU);
  CHECK(act.alpha == 0.01, "leaky_relu default alpha %a", act.alpha);
  act = rectify_activation_default(RECTIFY_CLIPPED_RELU);
  CHECK(act.beta == 6.0, "clipped_relu default beta %a", act.beta);
  act = rectify_activation_default(RECTIFY_ELU);
  CHECK(act.alpha == 1.0, "elu default alpha %a", act.alpha);
  act = rectify_activation_default(RECTIFY_SILU);
  CHECK(act.alpha == 1.0, "silu default alpha %a", act.alpha);
  act = rectify_activation_default(RECTIFY_SOFTPLUS);
  CHECK(act.alpha == 1.0, "softplus default alpha %a", act.alpha);

  act = rectify_activation_default(BAD_OP);
  CHECK(act.op == BAD_OP && act.alpha == 0.0 && act.beta == 0.0,
        "rectify_activation_default(99) = {%d, %a, %a}", (int)act.op,
        act.alpha, act.beta);
  CHECK(rectify_op_name(BAD_OP) == NULL, "rectify_op_name(99) is not NULL");
  CHECK(rectify_op_name((rectify_op)-1) == NULL,
        "rectify_op_name(-1) is not NULL");
}

static void test_status_strings(void) {
  const rectify_status statuses[] = {
      RECTIFY_OK, RECTIFY_ERROR_NULL_POINTER, RECTIFY_ERROR_INVALID_ARGUMENT,
      RECTIFY_ERROR_UNSUPPORTED, RECTIFY_ERROR_OVERLAP, RECTIFY_ERROR_DEVICE,
      RECTIFY_ERROR_OUT_OF_MEMORY};
  const char *unknown = rectify_status_string((rectify_status)99);
  size_t i, j;
  CHECK(unknown != NULL && strcmp(unknown, "unknown status") == 0,
        "rectify_status_string(99) = %s", unknown ? unknown : "NULL");
  for (i = 0; i < COUNT(statuses); ++i) {
    const char *text = rectify_status_string(statuses[i]);
    CHECK(text != NULL && text[0] != '\0' && strcmp(text, unknown) != 0,
          "rectify_status_string(%d) = %s", (int)statuses[i],
          text ? text : "NULL");
    for (j = 0; j < i; ++j) {
      CHECK(text == NULL ||
                strcmp(text, rectify_status_string(statuses[j])) != 0,
            "statuses %d and %d have the same string", (int)statuses[i],
            (int)statuses[j]);
    }
  }
}

/* ---- relu and leaky_relu, exact ----------------------------------------- */

/* Runs act on x (and dy) in `dtype` through forward, backward and backward
 * from the output, out of place and in place, and checks every bit. For
 * relu and leaky_relu with alpha > 0 the gradient from y = f(x) equals the
 * gradient from x, so want_dx serves both. */
static void check_exact(const char *what, const rectify_activation *act,
                        rectify_dtype dtype, size_t n, const double *x,
                        const double *dy, const double *want_y,
                        const double *want_dx) {
  values xs, dys, ys, dxs;
  char label[96];

  store(dtype, x, n, &xs);
  store(dtype, dy, n, &dys);
  snprintf(label, sizeof label, "%s forward", what);
  CHECK_STATUS(rectify_forward(act, dtype, n, &xs, &ys), RECTIFY_OK, label);
  check_bits(label, dtype, &ys, want_y, n);

  snprintf(label, sizeof label, "%s forward in place", what);
  store(dtype, x, n, &ys);
  CHECK_STATUS(rectify_forward(act, dtype, n, &ys, &ys), RECTIFY_OK, label);
  check_bits(label, dtype, &ys, want_y, n);

  snprintf(label, sizeof label, "%s backward", what);
  CHECK_STATUS(rectify_backward(act, dtype, n, &xs, &dys, &dxs), RECTIFY_OK,
               label);
  check_bits(label, dtype, &dxs, want_dx, n);

  snprintf(label, sizeof label, "%s backward in place (dx == dy)", what);
  store(dtype, dy, n, &dxs);
  CHECK_STATUS(rectify_backward(act, dtype, n, &xs, &dxs, &dxs), RECTIFY_OK,
               label);
  check_bits(label, dtype, &dxs, want_dx, n);

  snprintf(label, sizeof label, "%s backward_from_output", what);
  store(dtype, want_y, n, &ys);
  CHECK_STATUS(rectify_backward_from_output(act, dtype, n, &ys, &dys, &dxs),
               RECTIFY_OK, label);
  check_bits(label, dtype, &dxs, want_dx, n);
}

static void test_relu_and_leaky_relu(void) {
  const double x[] = {-2.0, -0.0, 0.0, 0.5, 3.0, NAN, -INFINITY, INFINITY};
  const double dy[] = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0};
  /* relu(-0) is +0; a NaN x comes out unchanged (it is already quiet). */
  const double relu_y[] = {0.0, 0.0, 0.0, 0.5, 3.0, NAN, 0.0, INFINITY};
  const double relu_dx[] = {0.0, 0.0, 0.0, 4.0, 5.0, NAN, 0.0, 8.0};
  /* leaky_relu with alpha 0.5: leaky(-2) = -1, leaky(-0) = -0. */
  const double leaky_y[] = {-1.0, -0.0, 0.0, 0.5, 3.0, NAN, -INFINITY, INFINITY};
  const double leaky_dx[] = {0.5, 1.0, 1.5, 4.0, 5.0, NAN, 3.5, 8.0};
  const rectify_dtype dtypes[] = {RECTIFY_F32, RECTIFY_F64};
  rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  rectify_activation leaky = rectify_activation_default(RECTIFY_LEAKY_RELU);
  size_t i;

  leaky.alpha = 0.5;
  for (i = 0; i < COUNT(dtypes); ++i) {
    check_exact("relu", &relu, dtypes[i], COUNT(x), x, dy, relu_y, relu_dx);
    check_exact("leaky_relu(0.5)", &leaky, dtypes[i], COUNT(x), x, dy,
                leaky_y, leaky_dx);
  }
}

/* ---- prelu on [outer 2][channels 3][inner 2] ------------------------------ */

static void test_prelu(void) {
  enum { kOuter = 2, kChannels = 3, kInner = 2, kN = 12 };
  const double slope[kChannels] = {0.5, -0.25, 2.0};
  const double x[kN] = {1.0,  -2.0, -4.0, 3.0,  -0.0, -1.0,
                        -8.0, 0.0,  2.0,  -2.0, 5.0,  -3.0};
  const double dy[kN] = {1.0, 2.0, 3.0, 4.0,  5.0,  6.0,
                         7.0, 8.0, 9.0, 10.0, 11.0, 12.0};
  /* y = x > 0 ? x : slope[c] * x: 2 * -0 is -0, 0.5 * +0 is +0. */
  const double want_y[kN] = {1.0,  -1.0, 1.0, 3.0, -0.0, -2.0,
                             -4.0, 0.0,  2.0, 0.5, 5.0,  -6.0};
  const double want_dx[kN] = {1.0, 1.0, -0.75, 4.0,  10.0, 12.0,
                              3.5, 4.0, 9.0,   -2.5, 11.0, 24.0};
  /* Sum over outer and inner of x * dy where x <= 0. */
  const double want_dslope[kChannels] = {-60.0, -32.0, -42.0};
  const double zeros[kChannels] = {0.0, 0.0, 0.0};
  const rectify_dtype dtypes[] = {RECTIFY_F32, RECTIFY_F64};
  size_t i;

  for (i = 0; i < COUNT(dtypes); ++i) {
    const rectify_dtype dtype = dtypes[i];
    values xs, dys, ys, dxs, slopes, dslopes;
    store(dtype, x, kN, &xs);
    store(dtype, dy, kN, &dys);
    store(dtype, slope, kChannels, &slopes);

    CHECK_STATUS(rectify_prelu_forward(dtype, kOuter, kChannels, kInner, &xs,
                                       &slopes, &ys),
                 RECTIFY_OK, "prelu forward");
    check_bits("prelu forward", dtype, &ys, want_y, kN);

    store(dtype, x, kN, &ys);
    CHECK_STATUS(rectify_prelu_forward(dtype, kOuter, kChannels, kInner, &ys,
                                       &slopes, &ys),
                 RECTIFY_OK, "prelu forward in place");
    check_bits("prelu forward in place", dtype, &ys, want_y, kN);

    CHECK_STATUS(rectify_prelu_backward(dtype, kOuter, kChannels, kInner, &xs,
                                        &slopes, &dys, &dxs, &dslopes),
                 RECTIFY_OK, "prelu backward");
    check_bits("prelu backward dx", dtype, &dxs, want_dx, kN);
    check_bits("prelu backward dslope", dtype, &dslopes, want_dslope,
               kChannels);

    /* No elements: dslope is the empty sum, +0, in every channel. */
    store(dtype, dy, kChannels, &dslopes);
    CHECK_STATUS(rectify_prelu_backward(dtype, 0, kChannels, kInner, NULL,
                                        &slopes, NULL, NULL, &dslopes),
                 RECTIFY_OK, "prelu backward, outer 0");
    check_bits("prelu backward, outer 0, dslope", dtype, &dslopes, zeros,
               kChannels);
  }
}

/* ---- errors: the status, and no output written ------------------------------ */

/* Fills every output with this byte before a call that must fail. */
#define SENTINEL 0x5A

static int all_sentinel(const void *data, size_t bytes) {
  const unsigned char *p = (const unsigned char *)data;
  size_t i;
  for (i = 0; i < bytes; ++i) {
    if (p[i] != SENTINEL) return 0;
  }
  return 1;
}

/* Calls forward, backward and backward_from_output with act and dtype on
 * valid 4-element buffers; each must return `want` and write nothing. */
static void expect_error_all(const char *what, const rectify_activation *act,
                             rectify_dtype dtype, rectify_status want) {
  const double in[4] = {-1.0, 0.0, 1.0, 2.0};
  const double dy[4] = {1.0, 1.0, 1.0, 1.0};
  double out[4];
  char label[96];

  memset(out, SENTINEL, sizeof out);
  snprintf(label, sizeof label, "%s: forward", what);
  CHECK_STATUS(rectify_forward(act, dtype, 4, in, out), want, label);
  CHECK(all_sentinel(out, sizeof out), "%s wrote its output", label);

  snprintf(label, sizeof label, "%s: backward", what);
  CHECK_STATUS(rectify_backward(act, dtype, 4, in, dy, out), want, label);
  CHECK(all_sentinel(out, sizeof out), "%s wrote its output", label);

  snprintf(label, sizeof label, "%s: backward_from_output", what);
  CHECK_STATUS(rectify_backward_from_output(act, dtype, 4, in, dy, out), want,
               label);
  CHECK(all_sentinel(out, sizeof out), "%s wrote its output", label);
}

static void test_argument_errors(void) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const double ones[4] = {1.0, 1.0, 1.0, 1.0};
  double dx[4];
  rectify_activation act;

  expect_error_all("NULL act", NULL, RECTIFY_F32, RECTIFY_ERROR_NULL_POINTER);
  expect_error_all("NULL act, f64", NULL, RECTIFY_F64,
                   RECTIFY_ERROR_NULL_POINTER);
  expect_error_all("dtype 99", &relu, BAD_DTYPE,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  expect_error_all("s8", &relu, RECTIFY_S8, RECTIFY_ERROR_UNSUPPORTED);
  expect_error_all("u8", &relu, RECTIFY_U8, RECTIFY_ERROR_UNSUPPORTED);

  act = relu;
  act.op = BAD_OP;
  expect_error_all("op 99", &act, RECTIFY_F32, RECTIFY_ERROR_INVALID_ARGUMENT);
  act = rectify_activation_default(BAD_OP);
  expect_error_all("rectify_activation_default(99)", &act, RECTIFY_F64,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  act = rectify_activation_default(RECTIFY_GELU);
  expect_error_all("gelu, u8", &act, RECTIFY_U8, RECTIFY_ERROR_UNSUPPORTED);
  act = rectify_activation_default(RECTIFY_SOFTPLUS);
  act.alpha = 0.0;
  expect_error_all("softplus beta 0", &act, RECTIFY_F64, RECTIFY_ERROR_INVALID_ARGUMENT);
  act = rectify_activation_default(RECTIFY_SILU);
  act.alpha = NAN;
  expect_error_all("silu beta NaN", &act, RECTIFY_F32, RECTIFY_ERROR_INVALID_ARGUMENT);

  act = rectify_activation_default(RECTIFY_LEAKY_RELU);
  act.alpha = NAN;
  expect_error_all("leaky_relu alpha NaN", &act, RECTIFY_F32,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  expect_error_all("leaky_relu alpha NaN, f64", &act, RECTIFY_F64,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  act.alpha = INFINITY;
  expect_error_all("leaky_relu alpha inf", &act, RECTIFY_F64,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  /* Finite as a double, infinite once rounded to float. */
  act.alpha = 1e300;
  expect_error_all("leaky_relu alpha 1e300, f32", &act, RECTIFY_F32,
                   RECTIFY_ERROR_INVALID_ARGUMENT);

  act = rectify_activation_default(RECTIFY_CLIPPED_RELU);
  act.beta = 0.0;
  expect_error_all("clipped_relu cap 0", &act, RECTIFY_F32,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  act.beta = -1.0;
  expect_error_all("clipped_relu cap -1", &act, RECTIFY_F64,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  act.beta = NAN;
  expect_error_all("clipped_relu cap NaN", &act, RECTIFY_F64,
                   RECTIFY_ERROR_INVALID_ARGUMENT);
  /* Positive as a double, +0 once rounded to float. */
  act.beta = 1e-300;
  expect_error_all("clipped_relu cap 1e-300, f32", &act, RECTIFY_F32,
                   RECTIFY_ERROR_INVALID_ARGUMENT);

  /* Backward from the output exists only where f' is a function of y. */
  memset(dx, SENTINEL, sizeof dx);
  act = rectify_activation_default(RECTIFY_LEAKY_RELU);
  act.alpha = -0.5;
  CHECK_STATUS(
      rectify_backward_from_output(&act, RECTIFY_F64, 4, ones, ones, dx),
      RECTIFY_ERROR_UNSUPPORTED, "leaky_relu alpha -0.5, from output");
  act = rectify_activation_default(RECTIFY_HARDSWISH);
  CHECK_STATUS(
      rectify_backward_from_output(&act, RECTIFY_F64, 4, ones, ones, dx),
      RECTIFY_ERROR_UNSUPPORTED, "hardswish, from output");
  CHECK(all_sentinel(dx, sizeof dx),
        "an unsupported backward_from_output wrote dx");
}

static void test_pointer_and_size_errors(void) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  float buffer[5] = {-1.0f, 2.0f, -3.0f, 4.0f, -5.0f};
  const float ones[4] = {1.0f, 1.0f, 1.0f, 1.0f};
  float saved[5];
  float out[4];
  const size_t huge = SIZE_MAX / sizeof(float) + 1;

  memcpy(saved, buffer, sizeof buffer);
  memset(out, SENTINEL, sizeof out);

  /* Partial overlap of an output and an input: y = x + 1. */
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, 4, buffer, buffer + 1),
               RECTIFY_ERROR_OVERLAP, "forward, y = x + 1");
  CHECK_STATUS(
      rectify_backward(&relu, RECTIFY_F32, 4, buffer, ones, buffer + 1),
      RECTIFY_ERROR_OVERLAP, "backward, dx = x + 1");
  CHECK_STATUS(
      rectify_backward(&relu, RECTIFY_F32, 4, ones, buffer, buffer + 1),
      RECTIFY_ERROR_OVERLAP, "backward, dx = dy + 1");
  CHECK_STATUS(rectify_backward_from_output(&relu, RECTIFY_F32, 4, buffer,
                                            ones, buffer + 1),
               RECTIFY_ERROR_OVERLAP, "backward_from_output, dx = y + 1");
  CHECK(memcmp(buffer, saved, sizeof buffer) == 0,
        "an overlapping call wrote its output");

  /* NULL data with n > 0. */
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, 4, NULL, out),
               RECTIFY_ERROR_NULL_POINTER, "forward, x NULL");
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, 4, buffer, NULL),
               RECTIFY_ERROR_NULL_POINTER, "forward, y NULL");
  CHECK_STATUS(rectify_backward(&relu, RECTIFY_F32, 4, buffer, NULL, out),
               RECTIFY_ERROR_NULL_POINTER, "backward, dy NULL");
  CHECK_STATUS(
      rectify_backward_from_output(&relu, RECTIFY_F32, 4, NULL, ones, out),
      RECTIFY_ERROR_NULL_POINTER, "backward_from_output, y NULL");
  /* n * sizeof(float) overflows size_t. */
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, huge, buffer, out),
               RECTIFY_ERROR_INVALID_ARGUMENT, "forward, n overflowing");
  CHECK(all_sentinel(out, sizeof out), "a failing call wrote its output");

  /* n == 0 is a no-op, NULL pointers allowed. */
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, 0, NULL, NULL), RECTIFY_OK,
               "forward, n 0, NULL");
  CHECK_STATUS(rectify_backward(&relu, RECTIFY_F64, 0, NULL, NULL, NULL),
               RECTIFY_OK, "backward, n 0, NULL");
  CHECK_STATUS(
      rectify_backward_from_output(&relu, RECTIFY_F32, 0, NULL, NULL, NULL),
      RECTIFY_OK, "backward_from_output, n 0, NULL");
  CHECK_STATUS(rectify_prelu_forward(RECTIFY_F32, 0, 0, 0, NULL, NULL, NULL),
               RECTIFY_OK, "prelu forward, empty, NULL");
  CHECK_STATUS(rectify_prelu_backward(RECTIFY_F64, 0, 0, 0, NULL, NULL, NULL,
                                      NULL, NULL),
               RECTIFY_OK, "prelu backward, empty, NULL");
  /* Valid pointers and n == 0: nothing written. */
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, 0, buffer, out), RECTIFY_OK,
               "forward, n 0");
  CHECK(all_sentinel(out, sizeof out), "forward with n 0 wrote its output");
}

static void test_prelu_errors(void) {
  float x[6] = {-1.0f, 2.0f, -3.0f, 4.0f, -5.0f, 6.0f};
  const float dy[6] = {1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f};
  const float slope[3] = {0.5f, 0.25f, 2.0f};
  const float bad_slope[3] = {0.5f, NAN, 2.0f};
  float saved_x[6];
  float out[6], dslope[3];
  float shared[8], saved_shared[8];
  size_t i;

  memcpy(saved_x, x, sizeof x);
  memset(out, SENTINEL, sizeof out);
  memset(dslope, SENTINEL, sizeof dslope);
  for (i = 0; i < 8; ++i) shared[i] = (float)i;
  memcpy(saved_shared, shared, sizeof shared);

  CHECK_STATUS(rectify_prelu_forward(BAD_DTYPE, 2, 3, 1, x, slope, out),
               RECTIFY_ERROR_INVALID_ARGUMENT, "prelu forward, dtype 99");
  CHECK_STATUS(rectify_prelu_forward(RECTIFY_S8, 2, 3, 1, x, slope, out),
               RECTIFY_ERROR_UNSUPPORTED, "prelu forward, s8");
  CHECK_STATUS(rectify_prelu_forward(RECTIFY_F32, 2, 3, 1, x, bad_slope, out),
               RECTIFY_ERROR_INVALID_ARGUMENT, "prelu forward, NaN slope");
  CHECK_STATUS(rectify_prelu_forward(RECTIFY_F32, 2, 3, 1, x, NULL, out),
               RECTIFY_ERROR_NULL_POINTER, "prelu forward, slope NULL");
  CHECK_STATUS(rectify_prelu_forward(RECTIFY_F32, 2, 3, 1, NULL, slope, out),
               RECTIFY_ERROR_NULL_POINTER, "prelu forward, x NULL");
  CHECK_STATUS(
      rectify_prelu_forward(RECTIFY_F32, SIZE_MAX / 2, 3, 1, x, slope, out),
      RECTIFY_ERROR_INVALID_ARGUMENT, "prelu forward, size overflowing");
  CHECK(all_sentinel(out, sizeof out), "a failing prelu forward wrote y");
  /* In place (y == x) over shared[0..4), slope at shared[2]. */
  CHECK_STATUS(
      rectify_prelu_forward(RECTIFY_F32, 1, 1, 4, shared, shared + 2, shared),
      RECTIFY_ERROR_OVERLAP, "prelu forward, y overlaps slope");
  CHECK_STATUS(rectify_prelu_forward(RECTIFY_F32, 1, 1, 4, shared + 4, shared,
                                     shared + 3),
               RECTIFY_ERROR_OVERLAP, "prelu forward, y = x - 1");
  CHECK(memcmp(shared, saved_shared, sizeof shared) == 0,
        "an overlapping prelu forward wrote y");

  CHECK_STATUS(rectify_prelu_backward(RECTIFY_F32, 2, 3, 1, x, bad_slope, dy,
                                      out, dslope),
               RECTIFY_ERROR_INVALID_ARGUMENT, "prelu backward, NaN slope");
  CHECK_STATUS(
      rectify_prelu_backward(RECTIFY_F32, 2, 3, 1, x, slope, dy, out, NULL),
      RECTIFY_ERROR_NULL_POINTER, "prelu backward, dslope NULL");
  CHECK_STATUS(
      rectify_prelu_backward(RECTIFY_F32, 2, 3, 1, x, slope, dy, out, x + 1),
      RECTIFY_ERROR_OVERLAP, "prelu backward, dslope overlaps x");
  CHECK_STATUS(
      rectify_prelu_backward(RECTIFY_F32, 2, 3, 1, x, slope, dy, out, out + 2),
      RECTIFY_ERROR_OVERLAP, "prelu backward, dslope overlaps dx");
  CHECK_STATUS(
      rectify_prelu_backward(RECTIFY_F32, 2, 3, 1, x, slope, dy, x + 1, dslope),
      RECTIFY_ERROR_OVERLAP, "prelu backward, dx = x + 1");
  CHECK_STATUS(
      rectify_prelu_backward(RECTIFY_U8, 2, 3, 1, x, slope, dy, out, dslope),
      RECTIFY_ERROR_UNSUPPORTED, "prelu backward, u8");
  CHECK(all_sentinel(out, sizeof out), "a failing prelu backward wrote dx");
  CHECK(all_sentinel(dslope, sizeof dslope),
        "a failing prelu backward wrote dslope");
  CHECK(memcmp(x, saved_x, sizeof x) == 0,
        "a failing prelu backward wrote into x");
}

/* ---- targets ------------------------------------------------------------------ */

static void test_targets(void) {
  const size_t count = rectify_target_count();
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const double x[3] = {-1.0, -0.0, 2.0};
  const double want[3] = {0.0, 0.0, 2.0};
  values xs, ys;
  const char *best;
  const char *last;
  size_t i;

  CHECK(count >= 1, "rectify_target_count() = %u", (unsigned)count);
  if (count == 0) return;
  for (i = 0; i < count; ++i) {
    const char *name = rectify_target_name(i);
    CHECK(name != NULL && name[0] != '\0', "rectify_target_name(%u) is empty",
          (unsigned)i);
  }
  CHECK(rectify_target_name(count) == NULL,
        "rectify_target_name(count) is not NULL");
  best = rectify_target_name(0);
  last = rectify_target_name(count - 1);
  CHECK(last != NULL && strcmp(last, "SCALAR") == 0,
        "the last target is %s, expected SCALAR", last ? last : "NULL");

  store(RECTIFY_F32, x, 3, &xs);
  CHECK_STATUS(rectify_force_target("SCALAR"), RECTIFY_OK,
               "rectify_force_target(\"SCALAR\")");
  CHECK(strcmp(rectify_active_target(), "SCALAR") == 0,
        "active target %s after forcing SCALAR", rectify_active_target());
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, 3, &xs, &ys), RECTIFY_OK,
               "relu on SCALAR");
  check_bits("relu on SCALAR", RECTIFY_F32, &ys, want, 3);

  CHECK_STATUS(rectify_force_target("no-such-target"),
               RECTIFY_ERROR_UNSUPPORTED, "rectify_force_target(unknown)");
  CHECK(strcmp(rectify_active_target(), "SCALAR") == 0,
        "an unknown name changed the active target to %s",
        rectify_active_target());
  CHECK_STATUS(rectify_force_target("scalar"), RECTIFY_OK,
               "rectify_force_target(\"scalar\"), lower case");

  CHECK_STATUS(rectify_force_target(NULL), RECTIFY_OK,
               "rectify_force_target(NULL)");
  CHECK(best != NULL && strcmp(rectify_active_target(), best) == 0,
        "active target %s after NULL, expected the best, %s",
        rectify_active_target(), best ? best : "NULL");
  CHECK_STATUS(rectify_forward(&relu, RECTIFY_F32, 3, &xs, &ys), RECTIFY_OK,
               "relu on the best target");
  check_bits("relu on the best target", RECTIFY_F32, &ys, want, 3);
}

/* ---- fused bias and the monitor on [outer 2][channels 2][inner 1] --------- */

static void test_bias_and_monitor(void) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const float x[4] = {-1.0f, 1.0f, -2.0f, 2.0f};
  const float bias[2] = {1.5f, -1.5f};
  const float dy[4] = {1.0f, 2.0f, 4.0f, 8.0f};
  float y[4], dx[4], dbias[2];
  uint8_t dead[2] = {7, 7};
  double rate[2];
  rectify_monitor *monitor = NULL;
  CHECK_STATUS(rectify_bias_forward(&relu, RECTIFY_F32, 2, 2, 1, x, bias, y),
               RECTIFY_OK, "bias forward");
  CHECK(y[0] == 0.5f && y[1] == 0.0f && y[2] == 0.0f && y[3] == 0.5f,
        "bias forward: y = %g %g %g %g", y[0], y[1], y[2], y[3]);
  CHECK_STATUS(rectify_bias_backward(&relu, RECTIFY_F32, 2, 2, 1, x, bias, dy, dx, dbias),
               RECTIFY_OK, "bias backward");
  CHECK(dbias[0] == 1.0f && dbias[1] == 8.0f, "dbias = %g %g", dbias[0], dbias[1]);

  CHECK_STATUS(rectify_monitor_create(0, 1, &monitor), RECTIFY_ERROR_INVALID_ARGUMENT,
               "monitor with no units");
  CHECK(monitor == NULL, "a failed create writes nothing");
  CHECK_STATUS(rectify_monitor_create(2, 1, &monitor), RECTIFY_OK, "monitor create");
  CHECK_STATUS(rectify_forward_monitored(&relu, RECTIFY_F32, 2, 2, 1, x, bias, y, monitor),
               RECTIFY_OK, "monitored forward");
  CHECK_STATUS(rectify_forward_monitored(&relu, RECTIFY_F32, 1, 4, 1, x, NULL, y, monitor),
               RECTIFY_ERROR_INVALID_ARGUMENT, "monitored forward, wrong unit count");
  CHECK(rectify_monitor_steps(monitor) == 1, "one step recorded");
  CHECK_STATUS(rectify_monitor_activity(monitor, rate), RECTIFY_OK, "activity");
  CHECK(rate[0] == 0.5 && rate[1] == 0.5, "activity = %g %g", rate[0], rate[1]);
  CHECK_STATUS(rectify_monitor_dead_mask(monitor, dead), RECTIFY_OK, "dead mask");
  CHECK(dead[0] == 0 && dead[1] == 0 && rectify_monitor_dead_count(monitor) == 0,
        "no dead unit");
  rectify_monitor_destroy(monitor);
}

/* bf16 through the C API, and the quantized forward: relu of s8 values
 * scaled by 1/2 (a tie at 1.5 goes to even), a bad scale writing nothing. */
static void test_half_and_quantized(void) {
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  const uint16_t xb[3] = {0x3FC0 /* 1.5 */, 0xC000 /* -2 */, 0x8000 /* -0 */};
  uint16_t yb[3];
  const int8_t q[4] = {-10, 0, 3, 10};
  int8_t out[4];
  const rectify_quant in = {0.5f, 0};
  const rectify_quant unit = {1.0f, 0};
  const rectify_quant bad = {0.0f, 0};

  CHECK_STATUS(rectify_forward(&relu, RECTIFY_BF16, 3, xb, yb), RECTIFY_OK, "bf16 relu");
  CHECK(yb[0] == 0x3FC0 && yb[1] == 0 && yb[2] == 0, "bf16 relu values");
  CHECK_STATUS(rectify_forward_quantized(&relu, RECTIFY_S8, in, unit, 4, q, out), RECTIFY_OK,
               "s8 relu");
  CHECK(out[0] == 0 && out[1] == 0 && out[2] == 2 && out[3] == 5, "s8 relu values");
  memset(out, SENTINEL, sizeof out);
  CHECK_STATUS(rectify_forward_quantized(&relu, RECTIFY_S8, bad, unit, 4, q, out),
               RECTIFY_ERROR_INVALID_ARGUMENT, "s8 relu, scale 0");
  CHECK(all_sentinel(out, sizeof out), "a failing quantized call wrote y");
}

int main(void) {
  test_half_and_quantized();
  test_defaults_and_names();
  test_bias_and_monitor();
  test_status_strings();
  test_relu_and_leaky_relu();
  test_prelu();
  test_argument_errors();
  test_pointer_and_size_errors();
  test_prelu_errors();
  test_targets();
  if (failures != 0) {
    fprintf(stderr, "c-api-test: %d failure(s)\n", failures);
    return failures < 100 ? failures : 100;
  }
  printf("c-api-test: all passed (rectify %s, %u targets)\n",
         rectify_version(), (unsigned)rectify_target_count());
  return 0;
}
