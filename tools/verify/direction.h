// The three directions of an activation call, and the two things every
// checker does with one: call the library, and ask the scalar reference.
#ifndef RECTIFY_TOOLS_VERIFY_DIRECTION_H_
#define RECTIFY_TOOLS_VERIFY_DIRECTION_H_

#include <cstddef>

#include "rectify/rectify.h"
#include "reference/reference_ops.h"

namespace rectify::verify {

enum class Direction { kForward, kBackward, kFromOutput };

// "forward", "backward", "from_output".
const char* DirectionName(Direction direction);

// rectify_forward(act, dtype, n, a, out) for kForward; otherwise
// rectify_backward / rectify_backward_from_output with a as x or y and dy.
rectify_status CallDirection(const rectify_activation& act, rectify_dtype dtype,
                             Direction direction, std::size_t n, const void* a,
                             const void* dy, void* out);

// The scalar reference's result for one element.
template <typename T>
T ReferenceIn(const rectify_activation& act, Direction direction, T a, T dy) {
  switch (direction) {
    case Direction::kForward: return reference::ReferenceForward(act, a);
    case Direction::kBackward: return reference::ReferenceBackward(act, a, dy);
    case Direction::kFromOutput: return reference::ReferenceBackwardFromOutput(act, a, dy);
  }
  return T(0);
}

}  // namespace rectify::verify

#endif  // RECTIFY_TOOLS_VERIFY_DIRECTION_H_
