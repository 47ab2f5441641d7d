// The accuracy tiers by name, shared by `rectify verify`, `rectify train`
// and rectify-bench: "default", "fast", "best" (the names their options,
// tables and JSON use).
#ifndef RECTIFY_TOOLS_COMMON_ACCURACY_H_
#define RECTIFY_TOOLS_COMMON_ACCURACY_H_

#include <optional>
#include <string>

#include "rectify/rectify.h"

namespace rectify_cli {

inline constexpr rectify_accuracy kAccuracies[] = {RECTIFY_ACCURACY_DEFAULT, RECTIFY_ACCURACY_FAST,
                                                   RECTIFY_ACCURACY_BEST};

// "default", "fast", "best"; "?" outside the enum.
inline const char* AccuracyName(rectify_accuracy accuracy) {
  switch (accuracy) {
    case RECTIFY_ACCURACY_DEFAULT:
      return "default";
    case RECTIFY_ACCURACY_FAST:
      return "fast";
    case RECTIFY_ACCURACY_BEST:
      return "best";
  }
  return "?";
}

// The tier of a name of AccuracyName, or nullopt.
inline std::optional<rectify_accuracy> ParseAccuracy(const std::string& name) {
  for (rectify_accuracy accuracy : kAccuracies) {
    if (name == AccuracyName(accuracy)) return accuracy;
  }
  return std::nullopt;
}

}  // namespace rectify_cli

#endif  // RECTIFY_TOOLS_COMMON_ACCURACY_H_
