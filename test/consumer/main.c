/* The C consumer: uses rectify the way an application does, ReLU forward
 * on a few floats and the version string. Every consumer test builds it
 * (main.cc is the C++ one). Exit status 0 when everything matches;
 * RECTIFY_EXPECTED_VERSION, when defined, is the version it must report. */
#include <stdio.h>
#include <string.h>

#include <rectify/rectify.h>

int main(void) {
  enum { kCount = 6 };
  const float x[kCount] = {-2.0f, -0.5f, -0.0f, 0.0f, 0.5f, 3.0f};
  const float expected[kCount] = {0.0f, 0.0f, 0.0f, 0.0f, 0.5f, 3.0f};
  float y[kCount] = {1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f};
  const rectify_activation relu = rectify_activation_default(RECTIFY_RELU);
  int failures = 0;
  int i;

  const rectify_status status = rectify_forward(&relu, RECTIFY_F32, kCount, x, y);
  if (status != RECTIFY_OK) {
    fprintf(stderr, "rectify_forward: %s\n", rectify_status_string(status));
    return 1;
  }
  for (i = 0; i < kCount; ++i) {
    /* Compare bits: relu(-0) must be +0. */
    if (memcmp(&y[i], &expected[i], sizeof y[i]) != 0) {
      fprintf(stderr, "relu(%g) = %g, expected %g\n", (double)x[i],
              (double)y[i], (double)expected[i]);
      ++failures;
    }
  }
#ifdef RECTIFY_EXPECTED_VERSION
  if (strcmp(rectify_version(), RECTIFY_EXPECTED_VERSION) != 0) {
    fprintf(stderr, "rectify_version() = \"%s\", expected \"%s\"\n",
            rectify_version(), RECTIFY_EXPECTED_VERSION);
    ++failures;
  }
#endif
  if (failures == 0) {
    printf("rectify %s, target %s: ok\n", rectify_version(),
           rectify_active_target());
  }
  return failures == 0 ? 0 : 1;
}
