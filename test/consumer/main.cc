// The C++ consumer: ReLU forward through rectify.hpp, and the version.
// Exit status 0 when everything matches; RECTIFY_EXPECTED_VERSION, when
// defined, is the version it must report.
#include <array>
#include <cstdio>
#include <cstring>
#include <string_view>

#include <rectify/rectify.hpp>

int main() {
  const std::array<float, 6> x = {-2.0f, -0.5f, -0.0f, 0.0f, 0.5f, 3.0f};
  const std::array<float, 6> expected = {0.0f, 0.0f, 0.0f, 0.0f, 0.5f, 3.0f};
  std::array<float, 6> y{};
  int failures = 0;
  try {
    rectify::forward(rectify::Activation::relu(), x, y);
  } catch (const rectify::Error& error) {
    std::fprintf(stderr, "rectify::forward: %s\n", error.what());
    return 1;
  }
  // Compare bits: relu(-0) must be +0.
  if (std::memcmp(y.data(), expected.data(), sizeof y) != 0) {
    std::fprintf(stderr, "relu gave the wrong values\n");
    ++failures;
  }
#ifdef RECTIFY_EXPECTED_VERSION
  if (rectify::version() != std::string_view(RECTIFY_EXPECTED_VERSION)) {
    std::fprintf(stderr, "rectify::version() = \"%.*s\", expected \"%s\"\n",
                 static_cast<int>(rectify::version().size()),
                 rectify::version().data(), RECTIFY_EXPECTED_VERSION);
    ++failures;
  }
#endif
  if (failures == 0) {
    std::printf("rectify %.*s (C++), target %.*s: ok\n",
                static_cast<int>(rectify::version().size()),
                rectify::version().data(),
                static_cast<int>(rectify::active_target().size()),
                rectify::active_target().data());
  }
  return failures == 0 ? 0 : 1;
}
