// The table of one quantized forward call (rectify_forward_quantized): for
// each of the 256 byte patterns q, saturate(round_half_even(
// f(in.scale * (q - in.zero_point)) / out.scale) + out.zero_point), with f
// evaluated by the exact formulas (ops/op_formulas.h) in long double:
// the dequantized input is exact there (a 24-bit scale times a 9-bit
// integer), f is within 2^-46 relative of the exact value for the smooth
// ops and exact up to one rounding for the others.
#ifndef RECTIFY_HALF_QUANT_TABLE_H_
#define RECTIFY_HALF_QUANT_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "kernels/kernel_table.h"
#include "rectify/rectify.h"

namespace rectify {

// table[b] for every byte pattern b (signed: b is the two's complement of
// an int8). params: a checked op and parameters; in, out: checked
// (positive finite scales, zero points within the type's range).
void BuildQuantTable(const OpParams& params, bool is_signed, rectify_quant in,
                     rectify_quant out, std::uint8_t* table);

// The same table from a process-wide cache (half/table_cache.h: up to
// kCachedQuantTables parameter sets, built once: 256 long double
// evaluations take 30 to 100 us), or built into `scratch` (256 bytes) when
// the cache is full or cannot allocate. Thread-safe.
inline constexpr std::size_t kCachedQuantTables = 256;
const std::uint8_t* GetQuantTable(const OpParams& params, bool is_signed, rectify_quant in,
                                  rectify_quant out, std::uint8_t* scratch);

}  // namespace rectify

#endif  // RECTIFY_HALF_QUANT_TABLE_H_
