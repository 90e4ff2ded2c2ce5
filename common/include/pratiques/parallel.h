// Work spread over threads: the full index's ranges, a publication's files, a check's files, a site build's pages.
#pragma once
#include <cstddef>
#include <functional>

namespace pratiques {

// Calls work(i, worker) for i in [0, count) on `threads` threads (worker in [0, threads)), in
// increasing i per thread; rethrows the first exception once every thread has stopped.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t, unsigned)>& work);

// Threads to use when the caller says 0: the number of cores.
unsigned default_threads();
// The threads asked for (--taches N), or default_threads() when 0 was asked.
unsigned threads_or_default(unsigned asked);

}  // namespace pratiques
