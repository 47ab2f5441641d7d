// The library's thread pool: splits a large call into contiguous chunks run
// by the calling thread and up to (threads - 1) workers that the pool owns.
// Small calls never reach it. Never throws, prints or aborts: if a worker
// cannot be started, or another call already uses the pool, the work runs
// on the calling thread alone (results are the same either way: every
// element is computed by the same kernel whatever thread runs it).
#ifndef RECTIFY_THREADS_THREAD_POOL_H_
#define RECTIFY_THREADS_THREAD_POOL_H_

#include <cstddef>

namespace rectify {

// Runs body(context, begin, end) over [0, count) split into contiguous
// chunks whose starts are multiples of `align` elements (align >= 1), on at
// most `threads` threads including the caller; returns when every chunk is
// done. Chunks are never smaller than `grain` elements, so count < 2 * grain
// runs on the caller alone without touching the pool.
using ChunkBody = void (*)(const void* context, std::size_t begin,
                           std::size_t end);
void ParallelFor(std::size_t count, std::size_t grain, std::size_t align,
                 int threads, ChunkBody body, const void* context);

// Typed front end: fn(begin, end) for each chunk.
template <class Fn>
void ParallelFor(std::size_t count, std::size_t grain, std::size_t align,
                 int threads, const Fn& fn) {
  ParallelFor(
      count, grain, align, threads,
      [](const void* context, std::size_t begin, std::size_t end) {
        (*static_cast<const Fn*>(context))(begin, end);
      },
      &fn);
}

// The thread count large calls use: the value set by SetThreadCount, or
// RECTIFY_NUM_THREADS read once at first use, 0 meaning every hardware
// thread. Always >= 1. Lock-free.
int ThreadCount();

// Sets the thread count (0 = every hardware thread); false for n < 0, and
// the setting is unchanged.
bool SetThreadCount(int n);

}  // namespace rectify

#endif  // RECTIFY_THREADS_THREAD_POOL_H_
