#include "train/progress.h"

#include <unistd.h>

namespace rectify_cli::train {

ProgressLine::ProgressLine(std::FILE* out, bool wanted)
    : out_(out),
      enabled_(wanted && isatty(fileno(out)) != 0),
      last_draw_(Clock::now() - kInterval) {}

ProgressLine::~ProgressLine() { Clear(); }

bool ProgressLine::Due() const { return enabled_ && Clock::now() - last_draw_ >= kInterval; }

void ProgressLine::Draw(const std::string& text) {
  if (!enabled_) return;
  // "\033[K" erases what a longer previous line left to the right.
  std::fprintf(out_, "\r%s\033[K", text.c_str());
  std::fflush(out_);
  shown_ = true;
  last_draw_ = Clock::now();
}

void ProgressLine::Clear() {
  if (!shown_) return;
  std::fprintf(out_, "\r\033[K");
  std::fflush(out_);
  shown_ = false;
}

}  // namespace rectify_cli::train
