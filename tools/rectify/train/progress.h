// A one-line progress display on a terminal: redrawn in place with '\r' at
// most ten times a second, and nothing at all when the stream is not a
// terminal (so logs get no per-batch lines).
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_PROGRESS_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_PROGRESS_H_

#include <chrono>
#include <cstdio>
#include <string>

namespace rectify_cli::train {

class ProgressLine {
 public:
  // Draws on `out` when `wanted` and `out` is a terminal (isatty).
  ProgressLine(std::FILE* out, bool wanted);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Whether a redraw is due now: enabled, and 100 ms passed since the last
  // one. Callers build the text only then.
  bool Due() const;
  // Replaces the line with `text` (one line, no '\n').
  void Draw(const std::string& text);
  // Erases the line, if one is shown, so other output starts clean.
  void Clear();

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::duration kInterval = std::chrono::milliseconds(100);

  std::FILE* out_;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point last_draw_;
};

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_PROGRESS_H_
