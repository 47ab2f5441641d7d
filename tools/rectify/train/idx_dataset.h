// Labelled image sets in the IDX format of MNIST and Fashion-MNIST, read
// (gzip-compressed or plain) into memory as floats.
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_IDX_DATASET_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_IDX_DATASET_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace rectify_cli::train {

inline constexpr std::size_t kClasses = 10;
inline constexpr std::uint32_t kIdxImagesMagic = 0x00000803;  // unsigned byte, 3 dims
inline constexpr std::uint32_t kIdxLabelsMagic = 0x00000801;  // unsigned byte, 1 dim

// A data file that is missing, unreadable or malformed; what() names the
// file and what is wrong with it.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Dataset {
  std::size_t count = 0;
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<float> pixels;         // [count][rows * cols]
  std::vector<std::uint8_t> labels;  // [count], each < kClasses

  std::size_t Features() const { return rows * cols; }
};

// The first min(count in the file, max_count) images of an IDX image file
// (max_count 0: all), pixels scaled from 0..255 to [0, 1], with no labels.
// *file_count (when not null) receives the count of the file's header.
// Throws DataError when the file cannot be opened or read, its magic number
// is not kIdxImagesMagic, a dimension is 0 or absurdly large, or it ends
// before the images read (or, when all are read, has bytes after them).
Dataset ReadIdxImages(const std::string& path, std::size_t max_count, std::size_t* file_count);

// The first min(count in the file, max_count) labels of an IDX label file
// (max_count 0: all). *file_count (when not null) receives the count of the file's header.
// Throws DataError as ReadIdxImages, and for a label >= kClasses.
std::vector<std::uint8_t> ReadIdxLabels(const std::string& path, std::size_t max_count,
                                        std::size_t* file_count);

// Images and their labels. Throws DataError as the readers, and when the two
// files' counts differ.
Dataset ReadIdxPair(const std::string& images_path, const std::string& labels_path,
                    std::size_t max_count);

// The Fashion-MNIST split `split` ("train" or "t10k") of directory `dir`:
// <dir>/<split>-images-idx3-ubyte.gz and <split>-labels-idx1-ubyte.gz.
// Throws DataError, naming the directory when it does not exist.
Dataset LoadFashionMnist(const std::string& dir, const std::string& split, std::size_t max_count);

// Mean and standard deviation of every pixel of a set (one scalar each).
struct PixelStats {
  double mean = 0;
  double stddev = 1;
};

// The statistics of `data`'s pixels (summed in double); stddev is 1 when
// the pixels are all equal.
PixelStats MeasurePixels(const Dataset& data);

// pixel = (pixel - mean) / stddev for every pixel of `data`.
void Standardize(Dataset& data, const PixelStats& stats);

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_IDX_DATASET_H_
