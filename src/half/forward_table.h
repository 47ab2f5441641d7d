// The 16-bit forward tables: for an op, its parameters (as f32 values), an
// accuracy tier and a 16-bit format, values[b] is, at BEST (and for an exact
// op at every tier: one table), f at the exact value of the pattern b,
// rounded once to the format (ties to even) for every one of the 65536
// patterns, NaN, infinities and zero signs as the f32 semantics, built from
// the exact formulas (ops/op_formulas.h) evaluated in long double; at
// DEFAULT and FAST (smooth ops), the tier's f32 forward kernel at b rounded
// once to the format. Kept for the life of the process (up to
// kCachedTables tables; beyond that a call builds a private one).
#ifndef RECTIFY_HALF_FORWARD_TABLE_H_
#define RECTIFY_HALF_FORWARD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "kernels/kernel_table.h"
#include "rectify/rectify.h"
#include "numeric/half_bits.h"

namespace rectify {

// Entries of a table: one per pattern, plus one that pads the 32-bit
// gathers of the SIMD lookup.
inline constexpr std::size_t kHalfTableEntries = 65537;
inline constexpr std::size_t kCachedTables = 64;

struct HalfForwardTable;

// A table for one call: shared and immortal, or owned by this handle.
class ForwardTableRef {
 public:
  ForwardTableRef();
  ~ForwardTableRef();
  ForwardTableRef(const ForwardTableRef&) = delete;
  ForwardTableRef& operator=(const ForwardTableRef&) = delete;

  const std::uint16_t* values() const { return values_; }

 private:
  friend rectify_status GetForwardTable(const OpParams&, HalfFormat, ForwardKernel,
                                        ForwardTableRef*);
  const std::uint16_t* values_ = nullptr;
  std::unique_ptr<HalfForwardTable> owned_;
};

// Finds or builds the table of params (a checked op, parameters and tier)
// in `format`. f32_forward is the active target's f32 forward kernel of the
// op at params.tier, which gives the entries that the exact formulas do not
// cover (NaN, infinities, the signs of zero results), or, for a DEFAULT or
// FAST table, every entry. Thread-safe; OUT_OF_MEMORY when
// a table cannot be allocated. Building takes 8 to 17 ms (measured on Zen 4).
rectify_status GetForwardTable(const OpParams& params, HalfFormat format,
                               ForwardKernel f32_forward, ForwardTableRef* out);

// Fills values[0..65535] (the table of params in format) without caching:
// what GetForwardTable stores. Exposed for tests.
void BuildForwardTable(const OpParams& params, HalfFormat format, ForwardKernel f32_forward,
                       std::uint16_t* values);

}  // namespace rectify

#endif  // RECTIFY_HALF_FORWARD_TABLE_H_
