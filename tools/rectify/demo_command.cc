// `rectify demo`: the exact ops on a few f32 sample values, forward and
// backward, through the public C API on the active target.
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "commands.h"
#include "rectify/rectify.h"

namespace rectify_cli {
namespace {

constexpr int kColumn = 14;  // width of one printed value

// %.9g (enough to tell any two floats apart), with -0, -nan and ±inf
// spelled out the same way on every C library.
std::string Format(double v) {
  if (std::isnan(v)) return std::signbit(v) ? "-nan" : "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.9g", v);
  return buffer;
}

void PrintCell(const std::string& text) { std::printf("%*s", kColumn, text.c_str()); }

// The demonstrated ops and their parameters.
std::vector<rectify_activation> DemoActivations() {
  rectify_activation leaky = rectify_activation_default(RECTIFY_LEAKY_RELU);
  leaky.alpha = 0.1;
  rectify_activation clipped = rectify_activation_default(RECTIFY_CLIPPED_RELU);
  clipped.beta = 6.0;
  return {rectify_activation_default(RECTIFY_RELU), leaky, clipped,
          rectify_activation_default(RECTIFY_HARDSIGMOID),
          rectify_activation_default(RECTIFY_HARDSWISH)};
}

const char* OpName(const rectify_activation& act) {
  const char* name = rectify_op_name(act.op);
  return name != nullptr ? name : "?";
}

// One table: a row per input, a column per op.
void PrintTable(const char* title, const std::vector<float>& x,
                const std::vector<rectify_activation>& acts,
                const std::vector<std::vector<float>>& columns) {
  std::printf("%s\n", title);
  PrintCell("x");
  for (const rectify_activation& act : acts) PrintCell(OpName(act));
  std::printf("\n");
  for (size_t row = 0; row < x.size(); ++row) {
    PrintCell(Format(x[row]));
    for (const std::vector<float>& column : columns) PrintCell(Format(column[row]));
    std::printf("\n");
  }
}

void PrintRow(const char* label, const float* values, size_t n) {
  std::printf("    %-8s", label);
  for (size_t i = 0; i < n; ++i) PrintCell(Format(values[i]));
  std::printf("\n");
}

void RunElementwise() {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const std::vector<float> x = {-kInf, -3.5f, -3.0f, -1.5f, -1.0f, -0.0f, +0.0f,
                                0.5f,  1.0f,  3.0f,  6.5f,  kInf,
                                std::numeric_limits<float>::quiet_NaN()};
  const std::vector<float> dy(x.size(), 1.0f);
  const std::vector<rectify_activation> acts = DemoActivations();

  std::vector<std::vector<float>> forward;
  std::vector<std::vector<float>> backward;
  for (const rectify_activation& act : acts) {
    std::vector<float> y(x.size());
    std::vector<float> dx(x.size());
    Check(rectify_forward(&act, RECTIFY_F32, x.size(), x.data(), y.data()),
          "rectify_forward");
    Check(rectify_backward(&act, RECTIFY_F32, x.size(), x.data(), dy.data(),
                           dx.data()),
          "rectify_backward");
    forward.push_back(std::move(y));
    backward.push_back(std::move(dx));
  }

  std::printf("parameters: leaky_relu alpha = %s, clipped_relu cap = %s "
              "(rounded to f32 once)\n\n",
              Format(static_cast<float>(acts[1].alpha)).c_str(),
              Format(static_cast<float>(acts[2].beta)).c_str());
  PrintTable("forward: y = f(x)", x, acts, forward);
  std::printf("\n");
  PrintTable("backward: dx = f'(x) * dy, with dy = 1", x, acts, backward);
}

void RunPrelu() {
  constexpr size_t kOuter = 1;
  constexpr size_t kChannels = 3;
  constexpr size_t kInner = 4;
  constexpr size_t kSize = kOuter * kChannels * kInner;
  const float x[kSize] = {-2.0f, -1.0f, 0.5f, 3.0f,     // channel 0
                          -4.0f, 1.0f,  2.0f, -0.5f,    // channel 1
                          -0.0f, 1.0f,  -6.0f, 4.0f};   // channel 2
  const float slope[kChannels] = {0.25f, 0.1f, 1.5f};
  float dy[kSize];
  for (float& v : dy) v = 1.0f;
  float y[kSize];
  float dx[kSize];
  float dslope[kChannels];
  Check(rectify_prelu_forward(RECTIFY_F32, kOuter, kChannels, kInner, x, slope, y),
        "rectify_prelu_forward");
  Check(rectify_prelu_backward(RECTIFY_F32, kOuter, kChannels, kInner, x, slope,
                               dy, dx, dslope),
        "rectify_prelu_backward");

  std::printf("prelu: y = x > 0 ? x : slope[c] * x, layout [outer][channels][inner]"
              " = [%zu][%zu][%zu], dy = 1\n",
              kOuter, kChannels, kInner);
  for (size_t c = 0; c < kChannels; ++c) {
    std::printf("  channel %zu, slope %s\n", c, Format(slope[c]).c_str());
    const size_t at = c * kInner;  // outer == 1
    PrintRow("x", x + at, kInner);
    PrintRow("y", y + at, kInner);
    PrintRow("dx", dx + at, kInner);
    PrintRow("dslope", dslope + c, 1);
  }
}

}  // namespace

int RunDemo() {
  std::printf("rectify %s demo: exact ops on f32 sample values, target %s\n",
              rectify_version(), rectify_active_target());
  RunElementwise();
  std::printf("\n");
  RunPrelu();
  return 0;
}

}  // namespace rectify_cli
