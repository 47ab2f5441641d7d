// The aligned text tables of rectify-bench (compare/report.h on the CPU,
// compare/cuda_report.h with --device cuda): columns of fixed widths, known
// before the first row, so that rows print as they are measured. Cells are
// separated by two spaces; the keys align left, numbers right.
#ifndef RECTIFY_BENCH_COMPARE_TEXT_TABLE_H_
#define RECTIFY_BENCH_COMPARE_TEXT_TABLE_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace rectify_cli::bench {

// Cell widths of the measured values: GB/s ("12345.6") and ratios ("12.34").
inline constexpr std::size_t kGbpsWidth = 7;
inline constexpr std::size_t kRatioWidth = 5;

class TextTable {
 public:
  // Appends a column of left-aligned cells (the keys: op, dtype, ...)
  // titled `header`, as wide as the wider of `header` and `width` (its
  // widest cell).
  void AddLeftAlignedColumn(const std::string& header, std::size_t width);

  // Appends a column of right-aligned cells (numbers), as
  // AddLeftAlignedColumn does.
  void AddRightAlignedColumn(const std::string& header, std::size_t width);

  // The header line: every column's title.
  void PrintHeader(std::FILE* out) const;

  // One line of `cells`, one per column in the order added (cells beyond
  // the last column are left out), each padded to its column's width (a
  // longer cell widens its line). A left-aligned cell that ends the line is
  // not padded.
  void PrintRow(std::FILE* out, const std::vector<std::string>& cells) const;

 private:
  struct Column {
    std::string header;
    std::size_t width;
    bool left_aligned;
  };
  std::vector<Column> columns_;
};

// The length of the longest of `texts` (0 for none): the width of a column
// that holds them.
std::size_t LongestLength(const std::vector<std::string>& texts);

}  // namespace rectify_cli::bench

#endif  // RECTIFY_BENCH_COMPARE_TEXT_TABLE_H_
