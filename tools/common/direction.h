// The three directions of an activation call, shared by `rectify verify`
// (tools/verify), rectify-bench and its peers (bench/): forward y = f(x),
// backward dx = dy * f'(x), and backward from the output, dx = dy * f'(x)
// computed from y = f(x). Also the library call for each direction.
#ifndef RECTIFY_TOOLS_COMMON_DIRECTION_H_
#define RECTIFY_TOOLS_COMMON_DIRECTION_H_

#include <cstddef>

#include "rectify/rectify.h"

namespace rectify_cli {

enum class Direction { kForward, kBackward, kFromOutput };

// "forward", "backward", "from_output" (the names the programs' options,
// tables and JSON use); "?" outside the enum.
inline const char* DirectionName(Direction direction) {
  switch (direction) {
    case Direction::kForward: return "forward";
    case Direction::kBackward: return "backward";
    case Direction::kFromOutput: return "from_output";
  }
  return "?";
}

// The library's call for `direction` on n elements of `dtype`:
// rectify_forward(act, dtype, n, a, out) for kForward (dy unused), else
// rectify_backward (a is x) or rectify_backward_from_output (a is y), with
// dy. Returns the call's status.
inline rectify_status CallDirection(const rectify_activation& act, rectify_dtype dtype,
                                    Direction direction, std::size_t n, const void* a,
                                    const void* dy, void* out) {
  switch (direction) {
    case Direction::kForward:
      return rectify_forward(&act, dtype, n, a, out);
    case Direction::kBackward:
      return rectify_backward(&act, dtype, n, a, dy, out);
    case Direction::kFromOutput:
      return rectify_backward_from_output(&act, dtype, n, a, dy, out);
  }
  return RECTIFY_ERROR_INVALID_ARGUMENT;
}

}  // namespace rectify_cli

#endif  // RECTIFY_TOOLS_COMMON_DIRECTION_H_
