#include "verify/direction.h"

namespace rectify::verify {

const char* DirectionName(Direction direction) {
  switch (direction) {
    case Direction::kForward: return "forward";
    case Direction::kBackward: return "backward";
    case Direction::kFromOutput: return "from_output";
  }
  return "?";
}

rectify_status CallDirection(const rectify_activation& act, rectify_dtype dtype,
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

}  // namespace rectify::verify
