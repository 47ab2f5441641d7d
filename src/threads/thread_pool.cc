#include "threads/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RECTIFY_CPU_RELAX() _mm_pause()
#else
#define RECTIFY_CPU_RELAX() ((void)0)
#endif

namespace rectify {
namespace {

// Largest pool size; requests above it are clamped.
constexpr int kMaxThreads = 256;

// How long a worker keeps polling for the next job before it sleeps on the
// condition variable, in relax iterations (about 20 microseconds): back-to-
// back large calls then start without a wake-up.
constexpr int kSpinIterations = 4000;

// Read once: glibc answers hardware_concurrency() by reading sysfs.
int HardwareThreads() {
  static const int threads = [] {
    const unsigned count = std::thread::hardware_concurrency();
    return count == 0 ? 1 : static_cast<int>(std::min<unsigned>(count, kMaxThreads));
  }();
  return threads;
}

// The requested count (0 = hardware), initialised from the environment.
std::atomic<int>& RequestedThreads() {
  static std::atomic<int> requested = [] {
    const char* text = std::getenv("RECTIFY_NUM_THREADS");
    if (text == nullptr || *text == '\0') return 0;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < 0) return 0;
    return static_cast<int>(std::min<long>(value, kMaxThreads));
  }();
  return requested;
}

// One parallel job, owned by the caller's stack frame; a worker touches it
// only while counted in Pool::inside_ (see Pool::Run).
struct Job {
  ChunkBody body;
  const void* context;
  std::size_t count;
  std::size_t chunk;  // elements per chunk (a multiple of align)
  std::size_t chunks;
  std::atomic<std::size_t> next{0};

  void Work() {
    for (;;) {
      const std::size_t index = next.fetch_add(1, std::memory_order_relaxed);
      if (index >= chunks) return;
      const std::size_t begin = index * chunk;
      body(context, begin, std::min(count, begin + chunk));
    }
  }
};

class Pool {
 public:
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(wake_mutex_);
      stopping_ = true;
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  // Runs `job` on the caller plus up to helpers workers; false when the
  // pool is busy with another call (the caller then runs the job alone).
  // The caller never waits for a worker that has not started on the job:
  // once its own chunk loop ends it closes the job, and waits only for the
  // workers inside it (a worker descheduled by a busy machine costs
  // nothing).
  bool Run(Job& job, int helpers) {
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    helpers = Grow(helpers);
    if (helpers == 0) return false;
    {
      std::lock_guard<std::mutex> lock(wake_mutex_);
      wanted_ = helpers;
      open_job_.store(&job, std::memory_order_seq_cst);
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    job.Work();
    // Close, then wait for the workers that entered: a worker enters
    // (inside_ + 1) before it reads open_job_, so either it saw the job
    // closed or this loop sees it inside (sequentially consistent order).
    open_job_.store(nullptr, std::memory_order_seq_cst);
    for (int spins = 0; inside_.load(std::memory_order_seq_cst) != 0;) {
      if (++spins < kSpinIterations) {
        RECTIFY_CPU_RELAX();
      } else {
        std::this_thread::yield();
      }
    }
    return true;
  }

 private:
  // Starts workers up to `wanted`; returns how many exist (fewer if a
  // thread could not be created).
  int Grow(int wanted) {
    while (static_cast<int>(workers_.size()) < wanted) {
      const int id = static_cast<int>(workers_.size());
      try {
        workers_.emplace_back([this, id] { WorkerLoop(id); });
      } catch (...) {  // std::system_error or std::bad_alloc
        break;
      }
    }
    return std::min(wanted, static_cast<int>(workers_.size()));
  }

  void WorkerLoop(int id) {
    std::uint64_t seen = 0;
    for (;;) {
      std::uint64_t now = generation_.load(std::memory_order_acquire);
      for (int spins = 0; now == seen && spins < kSpinIterations; ++spins) {
        RECTIFY_CPU_RELAX();
        now = generation_.load(std::memory_order_acquire);
      }
      if (now == seen) {
        std::unique_lock<std::mutex> lock(wake_mutex_);
        wake_.wait(lock, [&] {
          return generation_.load(std::memory_order_acquire) != seen;
        });
        now = generation_.load(std::memory_order_acquire);
      }
      int wanted = 0;
      {
        std::lock_guard<std::mutex> lock(wake_mutex_);
        if (stopping_) return;
        seen = generation_.load(std::memory_order_relaxed);
        wanted = wanted_;
      }
      if (id >= wanted) continue;
      inside_.fetch_add(1, std::memory_order_seq_cst);
      // Whatever job is open now (the one that woke us, a later one, or
      // none when the caller already finished it); it stays alive until
      // inside_ drops back.
      if (Job* job = open_job_.load(std::memory_order_seq_cst)) job->Work();
      inside_.fetch_sub(1, std::memory_order_seq_cst);
    }
  }

  std::mutex busy_;  // held by the call that owns the pool
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<Job*> open_job_{nullptr};  // the job workers may join, if any
  std::atomic<int> inside_{0};           // workers between enter and leave
  int wanted_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

Pool& ThePool() {
  static Pool pool;
  return pool;
}

}  // namespace

int ThreadCount() {
  const int requested = RequestedThreads().load(std::memory_order_relaxed);
  return requested == 0 ? HardwareThreads() : requested;
}

bool SetThreadCount(int n) {
  if (n < 0) return false;
  RequestedThreads().store(std::min(n, kMaxThreads), std::memory_order_relaxed);
  return true;
}

void ParallelFor(std::size_t count, std::size_t grain, std::size_t align,
                 int threads, ChunkBody body, const void* context) {
  grain = std::max<std::size_t>(grain, 1);
  align = std::max<std::size_t>(align, 1);
  const std::size_t most = count / grain;
  const std::size_t parts = std::min<std::size_t>(
      most, static_cast<std::size_t>(std::max(threads, 1)));
  if (parts < 2) {
    body(context, 0, count);
    return;
  }
  // Four chunks per thread balance a late-starting worker; chunk starts stay
  // multiples of align (cache lines and vectors are never shared).
  const std::size_t wanted_chunks = std::min(most, parts * 4);
  std::size_t chunk = (count + wanted_chunks - 1) / wanted_chunks;
  chunk = (chunk + align - 1) / align * align;
  Job job;
  job.body = body;
  job.context = context;
  job.count = count;
  job.chunk = chunk;
  job.chunks = (count + chunk - 1) / chunk;
  if (!ThePool().Run(job, static_cast<int>(parts) - 1)) job.Work();
}

}  // namespace rectify
