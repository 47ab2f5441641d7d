// `rectify info`: the library version, the SIMD targets this build can run
// here and the one in use, and the CPU they were chosen for.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "commands.h"
#include "rectify/rectify.h"

namespace rectify_cli {
namespace {

// The x86 flags (as /proc/cpuinfo spells them) that decide which Highway
// targets can run: SSSE3, SSE4, AVX2, AVX3 (AVX-512 F/VL/DQ/BW), AVX3_DL.
constexpr const char* kRelevantFlags[] = {
    "sse2",          "ssse3",         "sse4_1",         "sse4_2",
    "pclmulqdq",     "aes",           "avx",            "avx2",
    "fma",           "bmi1",          "bmi2",           "f16c",
    "avx512f",       "avx512vl",      "avx512dq",       "avx512bw",
    "avx512cd",      "avx512_vnni",   "avx512vbmi",     "avx512_vbmi2",
    "avx512_bitalg", "avx512_vpopcntdq", "vpclmulqdq",  "vaes",
    "gfni",          "avx512_bf16",   "avx512_fp16",
};

struct CpuInfo {
  std::string model;            // empty when unknown
  std::set<std::string> flags;  // empty when unknown
};

std::string Trim(const std::string& s) {
  size_t begin = 0;
  size_t end = s.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return s.substr(begin, end - begin);
}

// The brand string from CPUID leaves 0x80000002..4, or "" if unavailable.
std::string CpuidBrand() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned regs[12] = {};
  if (__get_cpuid_max(0x80000000u, nullptr) < 0x80000004u) return "";
  for (unsigned leaf = 0; leaf < 3; ++leaf) {
    __get_cpuid(0x80000002u + leaf, &regs[4 * leaf], &regs[4 * leaf + 1],
                &regs[4 * leaf + 2], &regs[4 * leaf + 3]);
  }
  char brand[sizeof(regs) + 1] = {};
  static_assert(sizeof(regs) == 48);
  for (size_t i = 0; i < sizeof(regs); ++i) {
    brand[i] = static_cast<char>((regs[i / 4] >> (8 * (i % 4))) & 0xff);
  }
  return Trim(brand);
#else
  return "";
#endif
}

// Reads the first "model name" and "flags" lines of /proc/cpuinfo; falls
// back to the CPUID brand string for the model.
CpuInfo ReadCpuInfo() {
  CpuInfo info;
  std::ifstream in("/proc/cpuinfo");
  bool have_flags = false;
  for (std::string line; std::getline(in, line);) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = Trim(line.substr(0, colon));
    const std::string value = Trim(line.substr(colon + 1));
    if (key == "model name" && info.model.empty()) {
      info.model = value;
    } else if ((key == "flags" || key == "Features") && !have_flags) {
      have_flags = true;
      std::istringstream words(value);
      for (std::string flag; words >> flag;) info.flags.insert(flag);
    }
    if (!info.model.empty() && have_flags) break;
  }
  if (info.model.empty()) info.model = CpuidBrand();
  return info;
}

// Prints `label` then the words, wrapped to 80 columns under the label.
void PrintWrapped(const char* label, const std::vector<std::string>& words) {
  constexpr size_t kIndent = 16;
  constexpr size_t kWidth = 80;
  std::printf("%-*s", static_cast<int>(kIndent), label);
  size_t column = kIndent;
  bool first = true;
  for (const std::string& word : words) {
    if (!first && column + 1 + word.size() > kWidth) {
      std::printf("\n%*s", static_cast<int>(kIndent), "");
      column = kIndent;
      first = true;
    }
    if (!first) {
      std::printf(" ");
      ++column;
    }
    std::printf("%s", word.c_str());
    column += word.size();
    first = false;
  }
  std::printf("\n");
}

bool SameNameIgnoringCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Why the active target is the active one.
std::string ActiveReason(const GlobalOptions& global, const std::string& active) {
  if (!global.target.empty()) return "forced by --target";
  const char* env = std::getenv("RECTIFY_TARGET");
  if (env == nullptr || *env == '\0') return "best usable";
  if (SameNameIgnoringCase(env, active)) return "from RECTIFY_TARGET";
  return std::string("best usable; RECTIFY_TARGET=") + env +
         " is not usable here and was ignored";
}

}  // namespace

int RunInfo(const GlobalOptions& global) {
  const CpuInfo cpu = ReadCpuInfo();

  std::printf("%-16s%s\n", "rectify", rectify_version());

  const unsigned threads = std::thread::hardware_concurrency();
  std::string model = cpu.model.empty() ? "unknown" : cpu.model;
  if (threads != 0) model += " (" + std::to_string(threads) + " logical CPUs)";
  std::printf("%-16s%s\n", "cpu", model.c_str());

  if (cpu.flags.empty()) {
    std::printf("%-16s%s\n", "cpu flags", "unknown (no flags in /proc/cpuinfo)");
  } else {
    std::vector<std::string> present;
    std::vector<std::string> absent;
    for (const char* flag : kRelevantFlags) {
      (cpu.flags.count(flag) != 0 ? present : absent).push_back(flag);
    }
    if (present.empty()) present.push_back("(none)");
    if (absent.empty()) absent.push_back("(none)");
    PrintWrapped("cpu flags", present);
    PrintWrapped("missing flags", absent);
  }

  std::vector<std::string> compiled;
  for (size_t i = 0; i < rectify_compiled_target_count(); ++i) {
    compiled.push_back(rectify_compiled_target_name(i));
  }
  compiled.push_back("(best first)");
  PrintWrapped("compiled", compiled);

  std::vector<std::string> usable;
  const size_t count = rectify_target_count();
  for (size_t i = 0; i < count; ++i) {
    const char* name = rectify_target_name(i);
    if (name == nullptr) {
      throw std::runtime_error("rectify_target_name(" + std::to_string(i) +
                               ") returned NULL below rectify_target_count()");
    }
    usable.push_back(name);
  }
  usable.push_back("(on this CPU, best first)");
  PrintWrapped("usable", usable);

  const char* active = rectify_active_target();
  if (active == nullptr) throw std::runtime_error("rectify_active_target() returned NULL");
  std::printf("%-16s%s (%s)\n", "active target", active,
              ActiveReason(global, active).c_str());
  return 0;
}

}  // namespace rectify_cli
