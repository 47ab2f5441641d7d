// The smooth ops' f32 bodies of the DEFAULT and FAST tiers: SmoothLanesOp
// runs an op's Lanes<kCompensated> struct (its folder's f32-lane math on
// the blocks of f32_lanes-inl.h) on full f32 vectors and applies what
// docs/semantics.md asks of every smooth op (NaN rules, the sign of
// f(+-0), the zero slope at x = -inf); TieredMake picks the body of a
// tier. Re-included once per Highway target by foreach_target.h.
#if defined(RECTIFY_KERNELS_SMOOTH_LANES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef RECTIFY_KERNELS_SMOOTH_LANES_INL_H_
#undef RECTIFY_KERNELS_SMOOTH_LANES_INL_H_
#else
#define RECTIFY_KERNELS_SMOOTH_LANES_INL_H_
#endif

#include <cmath>
#include <type_traits>

#include "hwy/highway.h"
#include "kernels/element_rules-inl.h"
#include "kernels/f32_lanes-inl.h"
#include "kernels/kernel_namespace.h"
#include "kernels/kernel_table.h"
#include "kernels/smooth_op-inl.h"

HWY_BEFORE_NAMESPACE();
namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Lanes: the op's f32-lane struct: Forward(d, x), Backward(d, x, dy) for x
// never NaN; kBestForward / kBestBackward, where true, send that direction
// to Best instead (for a tier whose f32-lane body measured slower than
// BEST's, which is within every tier's bound). The sign of f(+-0) comes
// from ZeroSlope(d) of Lanes or Best where one has it, else f'(0) > 0.
// Best: the op's BEST f32 Math (plain double, smooth_op-inl.h), whose
// from-output formula (a few products) serves every tier.
template <class Lanes, class Best>
struct SmoothLanesOp {
  using Tag = hn::ScalableTag<float>;
  Lanes lanes;
  Best best;

  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Forward(D d, V x) const {
    if constexpr (requires { requires Lanes::kBestForward; }) {
      return ViaBest(d, x, x, [](const auto& op, auto dh, auto a, auto) HWY_ATTR {
        return op.Forward(dh, a);
      });
    } else {
      return LanesForward(d, x);
    }
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V Backward(D d, V x, V dy) const {
    if constexpr (requires { requires Lanes::kBestBackward; }) {
      return ViaBest(d, x, dy, [](const auto& op, auto dh, auto a, auto b) HWY_ATTR {
        return op.Backward(dh, a, b);
      });
    } else {
      return LanesBackward(d, x, dy);
    }
  }
  // dy g(y) through the BEST body (a few products in f64).
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V FromOutput(D d, V y, V dy) const {
    return ViaBest(d, y, dy, [](const auto& op, auto dh, auto a, auto b) HWY_ATTR {
      return op.FromOutput(dh, a, b);
    });
  }

 private:
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V LanesForward(D d, V x) const {
    const V xs = hn::IfThenZeroElse(hn::IsNaN(x), x);
    V r = lanes.Forward(d, xs);
    if constexpr (Best::kOddZero) {
      r = hn::IfThenElse(hn::Eq(xs, hn::Zero(d)), VProductSignZero(d, xs, ZeroSlope(d)), r);
    }
    // x = +-inf: the limits, as BEST gives them (rare: one test per vector)
    const auto infinite = hn::IsInf(x);
    if (HWY_UNLIKELY(!hn::AllFalse(d, infinite))) {
      r = hn::IfThenElse(infinite, ViaBest(d, x, x, [](const auto& op, auto dh, auto a, auto) HWY_ATTR {
                           return op.Forward(dh, a);
                         }), r);
    }
    return VNaNRules(d, r, x);
  }
  template <class D, class V = hn::Vec<D>>
  HWY_INLINE V LanesBackward(D d, V x, V dy) const {
    const V xs = hn::IfThenZeroElse(hn::IsNaN(x), x);
    const V dys = hn::IfThenZeroElse(hn::IsNaN(dy), dy);
    V r = lanes.Backward(d, xs, dys);
    // x = +-inf (dy times the limit of f', with the zero-slope rule): as
    // BEST gives it (rare: one test per vector)
    const auto infinite = hn::IsInf(x);
    if (HWY_UNLIKELY(!hn::AllFalse(d, infinite))) {
      r = hn::IfThenElse(infinite, ViaBest(d, x, dy, [](const auto& op, auto dh, auto a, auto b) HWY_ATTR {
                           return op.Backward(dh, a, b);
                         }), r);
    }
    return VNaNRules(d, r, x, dy, hn::Eq(x, x));
  }
  // call(op, d', a, b) with op the BEST body (f64 lanes), half a vector at
  // a time where a whole one has more lanes than an f64 vector.
  template <class D, class V, class Call>
  HWY_INLINE V ViaBest(D d, V a, V b, const Call& call) const {
    const SmoothOp<float, Best> op{best};
#if HWY_TARGET == HWY_SCALAR
    return call(op, d, a, b);  // (never runs: SCALAR has no lanes tier)
#else
    if constexpr (hn::MaxLanes(D()) <= hn::MaxLanes(hn::ScalableTag<double>())) {
      return call(op, d, a, b);
    } else {
      const hn::Half<D> dh;
      const hn::Vec<hn::Half<D>> lower = call(op, dh, hn::LowerHalf(dh, a), hn::LowerHalf(dh, b));
      const hn::Vec<hn::Half<D>> upper = call(op, dh, hn::UpperHalf(dh, a), hn::UpperHalf(dh, b));
      return hn::Combine(d, upper, lower);
    }
#endif
  }
  template <class D>
  HWY_INLINE hn::Vec<D> ZeroSlope(D d) const {
    if constexpr (requires { lanes.ZeroSlope(d); }) {
      return lanes.ZeroSlope(d);
    } else if constexpr (requires { best.ZeroSlope(d); }) {
      return best.ZeroSlope(d);
    } else {
      return hn::Set(d, 1.0f);
    }
  }
};

// The f32-lane bodies need exact FMA products (f32_lanes-inl.h); targets
// without FMA (SSE4, SSSE3, SCALAR) run the BEST body in every tier, which
// is within every tier's bound.
template <Tier kTier>
inline constexpr bool kLanesTier = kExactFma && kTier != kBestTier;

// The body of a smooth op for element type T at tier kTier: the f32-lane
// one (lanes, for DEFAULT or FAST on an FMA target) or today's SmoothOp
// over math (BEST, f64, and targets without FMA).
template <typename T, Tier kTier, class Math, class LanesFactory>
HWY_INLINE auto TieredMake(const Math& math, const LanesFactory& lanes_of) {
  if constexpr (std::is_same_v<T, float> && kLanesTier<kTier>) {
    using Lanes = decltype(lanes_of(std::bool_constant<kTier == kDefaultTier>()));
    return SmoothLanesOp<Lanes, Math>{lanes_of(std::bool_constant<kTier == kDefaultTier>()), math};
  } else {
    return SmoothOp<T, Math>{math};
  }
}

// What every smooth op's OpBody says: its f32 kernels differ by tier on
// the FMA targets (TieredFor: op_body-inl.h), its f64 ones do not.
struct TieredSmoothBody {
  template <typename T>
  static constexpr bool TieredFor() {
    return std::is_same_v<T, float> && kExactFma;
  }
};

// OpBody of a smooth op without parameters: SmoothOp over its f64 and f32
// Math structs, and for f32 on FMA targets its Lanes<kCompensated> struct
// in DEFAULT (compensated) and FAST; the f32 kernels are instantiated per
// tier where they differ (TieredFor: op_body-inl.h).
template <class F64Math, class F32Math, template <bool> class Lanes>
struct SmoothBody : TieredSmoothBody {
  template <typename T, Tier kTier>
  static auto Make(const OpParams&) {
    return TieredMake<T, kTier>(SmoothMathOf<T, F64Math, F32Math>{},
                                [](auto compensated) { return Lanes<decltype(compensated)::value>{}; });
  }
};

// The same for a smooth op whose Math takes the activation's alpha (silu's
// and softplus's beta), rounded to T once; Lanes<kCompensated>::Of(alpha)
// makes the f32-lane struct.
template <class F64Math, class F32Math, template <bool> class Lanes>
struct SmoothBodyOfAlpha : TieredSmoothBody {
  template <typename T, Tier kTier>
  static auto Make(const OpParams& params) {
    using Math = SmoothMathOf<T, F64Math, F32Math>;
    const double alpha = RoundedParam<T>(params.alpha);
    return TieredMake<T, kTier>(Math{alpha}, [&](auto compensated) {
      return Lanes<decltype(compensated)::value>::Of(static_cast<float>(alpha));
    });
  }
};

}  // namespace RECTIFY_KERNEL_NAMESPACE::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // RECTIFY_KERNELS_SMOOTH_LANES_INL_H_
