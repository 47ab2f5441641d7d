// Small text helpers shared by the `rectify` tool and the benchmark programs
// (their reports): op names, joining words, JSON values, the CPU model.
#ifndef RECTIFY_TOOLS_COMMON_TEXT_UTIL_H_
#define RECTIFY_TOOLS_COMMON_TEXT_UTIL_H_

#include <cctype>
#include <cmath>
#include <fstream>
#include <cstdio>
#include <string>
#include <vector>

#include "rectify/rectify.h"

namespace rectify_cli {

// Every op's name, in enum order.
inline std::vector<std::string> AllOpNames() {
  std::vector<std::string> names;
  for (int op = 0; op < static_cast<int>(rectify_op_count()); ++op) {
    names.push_back(rectify_op_name(static_cast<rectify_op>(op)));
  }
  return names;
}

// The words with `separator` between them.
inline std::string Join(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += separator;
    out += word;
  }
  return out;
}

// s as a JSON string literal, quotes included (control characters escaped).
inline std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
          out += escape;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// value as a JSON number ("%.10g"); JSON has no NaN or infinity (a
// diverged loss, an empty median): they become null.
inline std::string JsonNumber(double value) {
  if (!std::isfinite(value)) return "null";
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

// The CPU model from /proc/cpuinfo ("unknown" when there is none).
inline std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) != 0) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::size_t begin = colon + 1;
    while (begin < line.size() && std::isspace(static_cast<unsigned char>(line[begin]))) ++begin;
    return line.substr(begin);
  }
  return "unknown";
}

}  // namespace rectify_cli

#endif  // RECTIFY_TOOLS_COMMON_TEXT_UTIL_H_
