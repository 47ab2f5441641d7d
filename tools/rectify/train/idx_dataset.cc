#include "train/idx_dataset.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

namespace rectify_cli::train {
namespace {

// Limits far above any real image set, so a corrupt header fails with a
// message instead of a huge allocation.
constexpr std::uint32_t kMaxCount = 1u << 26;
constexpr std::uint32_t kMaxSide = 1u << 12;
constexpr std::size_t kMaxPixels = std::size_t{1} << 32;
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

std::string Hex(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

// A gzip (or plain) file open for reading; every failure throws DataError
// naming the path.
class GzReader {
 public:
  explicit GzReader(const std::string& path) : path_(path) {
    errno = 0;
    file_ = gzopen(path.c_str(), "rb");
    if (file_ == nullptr) {
      Fail(std::string("cannot open: ") + (errno != 0 ? std::strerror(errno) : "out of memory"));
    }
    gzbuffer(file_, 256 * 1024);
  }
  ~GzReader() {
    if (file_ != nullptr) gzclose(file_);
  }
  GzReader(const GzReader&) = delete;
  GzReader& operator=(const GzReader&) = delete;

  [[noreturn]] void Fail(const std::string& what) const { throw DataError(path_ + ": " + what); }

  // Up to `size` bytes; fewer only at the end of the file.
  std::size_t Read(void* data, std::size_t size) {
    auto* bytes = static_cast<unsigned char*>(data);
    std::size_t done = 0;
    while (done < size) {
      const auto want = static_cast<unsigned>(std::min(size - done, kChunkBytes));
      const int got = gzread(file_, bytes + done, want);
      if (got < 0) {
        int code = 0;
        const char* message = gzerror(file_, &code);
        Fail(std::string("read error: ") + (message != nullptr ? message : "unknown"));
      }
      if (got == 0) break;
      done += static_cast<std::size_t>(got);
    }
    return done;
  }

  // Exactly `size` bytes of `what`, else "truncated".
  void ReadExactly(void* data, std::size_t size, const char* what) {
    const std::size_t got = Read(data, size);
    if (got != size) {
      Fail("truncated: " + std::to_string(got) + " of the " + std::to_string(size) + " bytes of " +
           what);
    }
  }

  std::uint32_t ReadBigEndian32(const char* what) {
    unsigned char b[4];
    ReadExactly(b, sizeof b, what);
    return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 |
           std::uint32_t{b[3]};
  }

  // Fails when bytes follow what the header describes.
  void ExpectEnd() {
    unsigned char extra;
    if (Read(&extra, 1) != 0) Fail("has bytes after the data its header describes");
  }

 private:
  std::string path_;
  gzFile file_ = nullptr;
};

std::uint32_t ReadMagic(GzReader& in, std::uint32_t expected, const char* kind) {
  const std::uint32_t magic = in.ReadBigEndian32("the header");
  if (magic != expected) {
    in.Fail(std::string("not an IDX ") + kind + " file: magic number " + Hex(magic) +
            ", expected " + Hex(expected));
  }
  return magic;
}

std::uint32_t ReadDimension(GzReader& in, const char* name, std::uint32_t limit) {
  const std::uint32_t value = in.ReadBigEndian32("the header");
  if (value == 0 || value > limit) {
    in.Fail(std::string("bad ") + name + " " + std::to_string(value) + " in the header (1 to " +
            std::to_string(limit) + ")");
  }
  return value;
}

std::size_t Limited(std::uint32_t file_count, std::size_t max_count) {
  return max_count == 0 ? file_count : std::min<std::size_t>(file_count, max_count);
}

}  // namespace

Dataset ReadIdxImages(const std::string& path, std::size_t max_count, std::size_t* file_count) {
  GzReader in(path);
  ReadMagic(in, kIdxImagesMagic, "image");
  const std::uint32_t count_in_file = ReadDimension(in, "image count", kMaxCount);
  if (file_count != nullptr) *file_count = count_in_file;
  Dataset data;
  data.rows = ReadDimension(in, "row count", kMaxSide);
  data.cols = ReadDimension(in, "column count", kMaxSide);
  data.count = Limited(count_in_file, max_count);
  const std::size_t total = data.count * data.Features();
  if (total > kMaxPixels) in.Fail("too many pixels: " + std::to_string(total));

  data.pixels.resize(total);
  std::vector<unsigned char> chunk(std::min(total, kChunkBytes));
  for (std::size_t done = 0; done < total;) {
    const std::size_t n = std::min(chunk.size(), total - done);
    in.ReadExactly(chunk.data(), n, ("the " + std::to_string(total) + " pixels").c_str());
    for (std::size_t i = 0; i < n; ++i) {
      data.pixels[done + i] = static_cast<float>(chunk[i]) / 255.0f;
    }
    done += n;
  }
  if (data.count == count_in_file) in.ExpectEnd();
  return data;
}

std::vector<std::uint8_t> ReadIdxLabels(const std::string& path, std::size_t max_count,
                                        std::size_t* file_count) {
  GzReader in(path);
  ReadMagic(in, kIdxLabelsMagic, "label");
  const std::uint32_t count_in_file = ReadDimension(in, "label count", kMaxCount);
  if (file_count != nullptr) *file_count = count_in_file;
  std::vector<std::uint8_t> labels(Limited(count_in_file, max_count));
  in.ReadExactly(labels.data(), labels.size(),
                 ("the " + std::to_string(labels.size()) + " labels").c_str());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= kClasses) {
      in.Fail("label " + std::to_string(labels[i]) + " at index " + std::to_string(i) +
              " is not a class 0 to " + std::to_string(kClasses - 1));
    }
  }
  if (labels.size() == count_in_file) in.ExpectEnd();
  return labels;
}

Dataset ReadIdxPair(const std::string& images_path, const std::string& labels_path,
                    std::size_t max_count) {
  // The headers' counts are compared: a limit must not hide a mismatch.
  std::size_t image_file_count = 0;
  std::size_t label_file_count = 0;
  Dataset data = ReadIdxImages(images_path, max_count, &image_file_count);
  data.labels = ReadIdxLabels(labels_path, max_count, &label_file_count);
  if (label_file_count != image_file_count) {
    throw DataError(labels_path + ": " + std::to_string(label_file_count) + " labels, but " +
                    images_path + " has " + std::to_string(image_file_count) + " images");
  }
  return data;
}

Dataset LoadFashionMnist(const std::string& dir, const std::string& split, std::size_t max_count) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    throw DataError("data directory " + dir +
                    " does not exist (Debian: apt-get install dataset-fashion-mnist; "
                    "or --data DIR)");
  }
  const std::string prefix = (std::filesystem::path(dir) / split).string();
  return ReadIdxPair(prefix + "-images-idx3-ubyte.gz", prefix + "-labels-idx1-ubyte.gz", max_count);
}

PixelStats MeasurePixels(const Dataset& data) {
  PixelStats stats;
  if (data.pixels.empty()) return stats;
  double sum = 0;
  double sum_squares = 0;
  for (const float p : data.pixels) {
    sum += p;
    sum_squares += static_cast<double>(p) * p;
  }
  const auto n = static_cast<double>(data.pixels.size());
  stats.mean = sum / n;
  const double variance = std::max(0.0, sum_squares / n - stats.mean * stats.mean);
  stats.stddev = variance > 0 ? std::sqrt(variance) : 1.0;
  return stats;
}

void Standardize(Dataset& data, const PixelStats& stats) {
  const auto mean = static_cast<float>(stats.mean);
  const auto scale = static_cast<float>(1.0 / stats.stddev);
  for (float& p : data.pixels) p = (p - mean) * scale;
}

}  // namespace rectify_cli::train
