// The IDX reader of `rectify train` on small crafted files: good ones
// (gzip and plain), and each kind of bad one, which must fail with a
// message naming the file.
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "train/idx_dataset.h"

namespace rectify_cli::train {
namespace {

using Bytes = std::vector<unsigned char>;

void AppendBigEndian(Bytes& bytes, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back((value >> shift) & 0xff);
}

Bytes ImageFile(std::uint32_t magic, std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                std::size_t pixel_bytes) {
  Bytes bytes;
  AppendBigEndian(bytes, magic);
  AppendBigEndian(bytes, count);
  AppendBigEndian(bytes, rows);
  AppendBigEndian(bytes, cols);
  for (std::size_t i = 0; i < pixel_bytes; ++i) bytes.push_back(static_cast<unsigned char>(i));
  return bytes;
}

Bytes LabelFile(std::uint32_t magic, std::uint32_t count, const Bytes& labels) {
  Bytes bytes;
  AppendBigEndian(bytes, magic);
  AppendBigEndian(bytes, count);
  bytes.insert(bytes.end(), labels.begin(), labels.end());
  return bytes;
}

class IdxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("rectify-train-idx-test-" + std::to_string(getpid()) + "-" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `bytes` gzip-compressed to dir/name and returns the path.
  std::string WriteGz(const std::string& name, const Bytes& bytes) {
    const std::string path = (dir_ / name).string();
    gzFile file = gzopen(path.c_str(), "wb");
    EXPECT_NE(file, nullptr);
    EXPECT_EQ(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())),
              static_cast<int>(bytes.size()));
    gzclose(file);
    return path;
  }

  std::string WritePlain(const std::string& name, const Bytes& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return path;
  }

  // Writes a Fashion-MNIST-named pair for `split` into dir.
  void WriteSplit(const std::string& split, const Bytes& images, const Bytes& labels) {
    WriteGz(split + "-images-idx3-ubyte.gz", images);
    WriteGz(split + "-labels-idx1-ubyte.gz", labels);
  }

  std::filesystem::path dir_;
};

// Expects `call` to throw DataError whose message contains each of `parts`.
template <typename Call>
void ExpectDataError(Call call, const std::vector<std::string>& parts) {
  try {
    call();
    ADD_FAILURE() << "no DataError";
  } catch (const DataError& e) {
    const std::string message = e.what();
    for (const std::string& part : parts) {
      EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
    }
  }
}

TEST_F(IdxTest, ReadsImagesAndLabels) {
  WriteSplit("train", ImageFile(kIdxImagesMagic, 3, 2, 2, 12),
             LabelFile(kIdxLabelsMagic, 3, {0, 9, 4}));
  const Dataset data = LoadFashionMnist(dir_.string(), "train", 0);
  EXPECT_EQ(data.count, 3u);
  EXPECT_EQ(data.rows, 2u);
  EXPECT_EQ(data.cols, 2u);
  ASSERT_EQ(data.pixels.size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(data.pixels[i], static_cast<float>(i) / 255.0f);
  EXPECT_EQ(data.labels, (std::vector<std::uint8_t>{0, 9, 4}));
}

TEST_F(IdxTest, LimitReadsTheFirstImages) {
  WriteSplit("train", ImageFile(kIdxImagesMagic, 3, 2, 2, 12),
             LabelFile(kIdxLabelsMagic, 3, {0, 9, 4}));
  const Dataset data = LoadFashionMnist(dir_.string(), "train", 2);
  EXPECT_EQ(data.count, 2u);
  EXPECT_EQ(data.pixels.size(), 8u);
  EXPECT_EQ(data.labels, (std::vector<std::uint8_t>{0, 9}));
  EXPECT_EQ(LoadFashionMnist(dir_.string(), "train", 100).count, 3u);
}

TEST_F(IdxTest, ReadsUncompressedFiles) {
  const std::string images = WritePlain("images", ImageFile(kIdxImagesMagic, 1, 1, 3, 3));
  const std::string labels = WritePlain("labels", LabelFile(kIdxLabelsMagic, 1, {7}));
  const Dataset data = ReadIdxPair(images, labels, 0);
  EXPECT_EQ(data.count, 1u);
  EXPECT_EQ(data.pixels[2], 2.0f / 255.0f);
  EXPECT_EQ(data.labels[0], 7);
}

TEST_F(IdxTest, MissingDirectory) {
  ExpectDataError([&] { LoadFashionMnist((dir_ / "nowhere").string(), "train", 0); },
                  {(dir_ / "nowhere").string(), "does not exist"});
}

TEST_F(IdxTest, MissingFile) {
  ExpectDataError([&] { LoadFashionMnist(dir_.string(), "train", 0); },
                  {"train-images-idx3-ubyte.gz", "cannot open"});
}

TEST_F(IdxTest, TruncatedImages) {
  const std::string images = WriteGz("images.gz", ImageFile(kIdxImagesMagic, 3, 2, 2, 11));
  ExpectDataError([&] { ReadIdxImages(images, 0, nullptr); }, {images, "truncated"});
}

TEST_F(IdxTest, TruncatedHeader) {
  Bytes header = ImageFile(kIdxImagesMagic, 3, 2, 2, 0);
  header.resize(10);
  const std::string images = WriteGz("images.gz", header);
  ExpectDataError([&] { ReadIdxImages(images, 0, nullptr); }, {images, "truncated"});
}

TEST_F(IdxTest, TruncatedLabels) {
  const std::string labels = WriteGz("labels.gz", LabelFile(kIdxLabelsMagic, 3, {1, 2}));
  ExpectDataError([&] { ReadIdxLabels(labels, 0, nullptr); }, {labels, "truncated"});
}

TEST_F(IdxTest, TrailingBytes) {
  const std::string images = WriteGz("images.gz", ImageFile(kIdxImagesMagic, 3, 2, 2, 13));
  ExpectDataError([&] { ReadIdxImages(images, 0, nullptr); }, {images, "bytes after"});
}

TEST_F(IdxTest, WrongMagic) {
  const std::string images = WriteGz("images.gz", ImageFile(kIdxLabelsMagic, 3, 2, 2, 12));
  ExpectDataError([&] { ReadIdxImages(images, 0, nullptr); },
                  {images, "magic number 0x00000801", "expected 0x00000803"});
  const std::string labels = WriteGz("labels.gz", LabelFile(kIdxImagesMagic, 1, {1}));
  ExpectDataError([&] { ReadIdxLabels(labels, 0, nullptr); },
                  {labels, "magic number 0x00000803", "expected 0x00000801"});
}

TEST_F(IdxTest, ZeroDimension) {
  const std::string images = WriteGz("images.gz", ImageFile(kIdxImagesMagic, 3, 0, 2, 0));
  ExpectDataError([&] { ReadIdxImages(images, 0, nullptr); }, {images, "row count 0"});
}

TEST_F(IdxTest, CountMismatch) {
  WriteSplit("t10k", ImageFile(kIdxImagesMagic, 3, 2, 2, 12),
             LabelFile(kIdxLabelsMagic, 2, {1, 2}));
  ExpectDataError([&] { LoadFashionMnist(dir_.string(), "t10k", 0); },
                  {"t10k-labels-idx1-ubyte.gz", "2 labels", "has 3 images"});
  // A limit below both counts does not hide the mismatch.
  ExpectDataError([&] { LoadFashionMnist(dir_.string(), "t10k", 1); }, {"2 labels"});
}

TEST_F(IdxTest, LabelOutOfRange) {
  const std::string labels = WriteGz("labels.gz", LabelFile(kIdxLabelsMagic, 3, {1, 10, 2}));
  ExpectDataError([&] { ReadIdxLabels(labels, 0, nullptr); }, {labels, "label 10 at index 1"});
}

TEST(PixelStatsTest, StandardizeGivesMeanZeroStdOne) {
  Dataset data;
  data.count = 1;
  data.rows = 1;
  data.cols = 4;
  data.pixels = {0.0f, 0.25f, 0.5f, 1.0f};
  const PixelStats stats = MeasurePixels(data);
  EXPECT_DOUBLE_EQ(stats.mean, 0.4375);
  Standardize(data, stats);
  double sum = 0, squares = 0;
  for (const float p : data.pixels) {
    sum += p;
    squares += static_cast<double>(p) * p;
  }
  EXPECT_NEAR(sum / 4, 0.0, 1e-6);
  EXPECT_NEAR(squares / 4, 1.0, 1e-6);
}

}  // namespace
}  // namespace rectify_cli::train
