// The directions of an activation call (common/direction.h, shared with
// rectify-bench), as rectify_verify's checkers and the tests name them, and
// what every checker asks the scalar reference for one.
#ifndef RECTIFY_TOOLS_VERIFY_DIRECTION_H_
#define RECTIFY_TOOLS_VERIFY_DIRECTION_H_

#include "common/direction.h"
#include "reference/reference_ops.h"

namespace rectify::verify {

using rectify_cli::CallDirection;
using rectify_cli::Direction;
using rectify_cli::DirectionName;

// The scalar reference's result for one element: f(a) for kForward, else
// the backward result with a as x (kBackward) or y (kFromOutput) and dy.
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
