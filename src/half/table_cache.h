// A process-wide cache of immutable tables: entries are built once under a
// lock and then read without one (an acquire load per entry looked at),
// and live until the process ends. At most kCapacity entries; beyond that
// the caller builds a private table.
#ifndef RECTIFY_HALF_TABLE_CACHE_H_
#define RECTIFY_HALF_TABLE_CACHE_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <new>

namespace rectify {

// Entry: a struct with a `key` member (comparable with ==) and the table.
template <typename Entry, std::size_t kCapacity>
class TableCache {
 public:
  // The cached entry for `key`, or nullptr.
  template <typename Key>
  const Entry* Find(const Key& key) const {
    const std::size_t count = count_.load(std::memory_order_acquire);
    for (std::size_t i = 0; i < count; ++i) {
      const Entry* entry = entries_[i].load(std::memory_order_acquire);
      if (entry != nullptr && entry->key == key) return entry;
    }
    return nullptr;
  }

  // The entry for `key`: cached, or built by fill(Entry&) (after key is
  // set) and cached. When the cache is full the new entry goes to *owned
  // instead (and is returned). nullptr when allocation fails.
  template <typename Key, typename Fill>
  const Entry* FindOrBuild(const Key& key, Fill fill, std::unique_ptr<Entry>* owned) {
    if (const Entry* entry = Find(key)) return entry;
    const std::lock_guard<std::mutex> lock(mutex_);
    if (const Entry* entry = Find(key)) return entry;
    auto entry = std::unique_ptr<Entry>(new (std::nothrow) Entry);
    if (entry == nullptr) return nullptr;
    entry->key = key;
    fill(*entry);
    const std::size_t count = count_.load(std::memory_order_relaxed);
    if (count == kCapacity) {
      *owned = std::move(entry);
      return owned->get();
    }
    const Entry* result = entry.get();
    entries_[count].store(entry.release(), std::memory_order_release);
    count_.store(count + 1, std::memory_order_release);
    return result;
  }

 private:
  std::mutex mutex_;
  std::atomic<Entry*> entries_[kCapacity] = {};
  std::atomic<std::size_t> count_{0};
};

}  // namespace rectify

#endif  // RECTIFY_HALF_TABLE_CACHE_H_
