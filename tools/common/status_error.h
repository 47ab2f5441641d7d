// A failed rectify call as an exception, for the command-line programs (the
// `rectify` tool, rectify-bench): main prints it and exits with status 1.
#ifndef RECTIFY_TOOLS_COMMON_STATUS_ERROR_H_
#define RECTIFY_TOOLS_COMMON_STATUS_ERROR_H_

#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "rectify/rectify.h"

namespace rectify_cli {

// A rectify call that returned a status other than RECTIFY_OK.
class StatusError : public std::runtime_error {
 public:
  StatusError(const char* call, rectify_status status)
      : std::runtime_error(std::string(call) + ": " + rectify_status_string(status)),
        status_(status) {}
  rectify_status status() const { return status_; }

 private:
  rectify_status status_;
};

// Throws StatusError unless `status` is RECTIFY_OK. `call` names the call.
inline void Check(rectify_status status, const char* call) {
  if (status != RECTIFY_OK) throw StatusError(call, status);
}

// The usable targets, best first, separated by single spaces.
inline std::string UsableTargetList() {
  std::string list;
  const std::size_t count = rectify_target_count();
  for (std::size_t i = 0; i < count; ++i) {
    const char* name = rectify_target_name(i);
    if (name == nullptr) continue;
    if (!list.empty()) list += ' ';
    list += name;
  }
  return list;
}

// Forces `target` (when not empty) for the rest of the process. Prints to
// stderr what is wrong and returns false when this CPU cannot run it.
inline bool ForceTargetOrExplain(const char* program, const std::string& target) {
  if (target.empty()) return true;
  const rectify_status status = rectify_force_target(target.c_str());
  if (status == RECTIFY_OK) return true;
  std::fprintf(stderr,
               "%s: --target %s: %s\n"
               "%s: the targets usable on this CPU are: %s\n",
               program, target.c_str(), rectify_status_string(status), program,
               UsableTargetList().c_str());
  return false;
}

}  // namespace rectify_cli

#endif  // RECTIFY_TOOLS_COMMON_STATUS_ERROR_H_
