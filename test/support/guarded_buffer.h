// A buffer of n elements placed at an element offset inside a larger
// allocation whose other elements hold a canary, so a test can see writes
// past either end and misaligned starts.
#ifndef RECTIFY_TEST_SUPPORT_GUARDED_BUFFER_H_
#define RECTIFY_TEST_SUPPORT_GUARDED_BUFFER_H_

#include <cstddef>
#include <cstring>
#include <vector>

namespace rectify::test {

template <typename T>
class GuardedBuffer {
 public:
  static constexpr std::size_t kGuard = 64;
  static constexpr unsigned char kCanary = 0xA5;

  GuardedBuffer(const std::vector<T>& values, std::size_t offset)
      : storage_(values.size() + offset + 2 * kGuard), offset_(kGuard + offset),
        size_(values.size()) {
    std::memset(storage_.data(), kCanary, storage_.size() * sizeof(T));
    if (size_ != 0) std::memcpy(data(), values.data(), size_ * sizeof(T));
  }

  T* data() { return storage_.data() + offset_; }
  std::vector<T> values() const {
    return std::vector<T>(storage_.begin() + offset_,
                          storage_.begin() + offset_ + size_);
  }
  // Whether every element outside [data(), data() + size) still holds the
  // canary.
  bool GuardsIntact() const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(storage_.data());
    const std::size_t begin = offset_ * sizeof(T);
    const std::size_t end = (offset_ + size_) * sizeof(T);
    for (std::size_t i = 0; i < storage_.size() * sizeof(T); ++i) {
      if ((i < begin || i >= end) && bytes[i] != kCanary) return false;
    }
    return true;
  }

 private:
  std::vector<T> storage_;
  std::size_t offset_;
  std::size_t size_;
};

}  // namespace rectify::test

#endif  // RECTIFY_TEST_SUPPORT_GUARDED_BUFFER_H_
