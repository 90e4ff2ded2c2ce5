#include "pratiques/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace pratiques {

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t, unsigned)>& work) {
  threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, count)));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&](unsigned worker) {
    for (std::size_t i; !failed && (i = next++) < count;) {
      try {
        work(i, worker);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

unsigned threads_or_default(unsigned asked) { return asked ? asked : default_threads(); }

}  // namespace pratiques
