#include "compare/text_table.h"

#include <algorithm>

namespace rectify_cli::bench {

void TextTable::AddLeftAlignedColumn(const std::string& header, std::size_t width) {
  columns_.push_back({header, std::max(width, header.size()), true});
}

void TextTable::AddRightAlignedColumn(const std::string& header, std::size_t width) {
  columns_.push_back({header, std::max(width, header.size()), false});
}

void TextTable::PrintHeader(std::FILE* out) const {
  std::vector<std::string> headers;
  for (const Column& column : columns_) headers.push_back(column.header);
  PrintRow(out, headers);
}

void TextTable::PrintRow(std::FILE* out, const std::vector<std::string>& cells) const {
  std::string line;
  for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
    const Column& column = columns_[i];
    const std::size_t pad = column.width - std::min(column.width, cells[i].size());
    if (i != 0) line += "  ";
    if (column.left_aligned) {
      line += cells[i];
      if (i + 1 < cells.size()) line.append(pad, ' ');
    } else {
      line.append(pad, ' ');
      line += cells[i];
    }
  }
  std::fprintf(out, "%s\n", line.c_str());
}

std::size_t LongestLength(const std::vector<std::string>& texts) {
  std::size_t longest = 0;
  for (const std::string& text : texts) longest = std::max(longest, text.size());
  return longest;
}

}  // namespace rectify_cli::bench
