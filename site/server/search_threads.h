// The search threads (server.cpp).
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace pratiques::server {

// The threads that run searches. The analyser keeps per-thread caches (folded words, stems) and
// a search is CPU-bound: a few dedicated threads (twice the cores) keep that memory bounded
// whatever the number of connections, instead of one set of caches per connection thread.
class SearchThreads {
 public:
  explicit SearchThreads(std::size_t n);
  ~SearchThreads();
  // Runs f on a search thread; the caller waits (exceptions are rethrown to it).
  template <class F>
  auto run(F f) -> decltype(f()) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    {
      std::lock_guard lock(mutex_);
      queue_.emplace_back([&task] { task(); });
    }
    wake_.notify_one();
    return result.get();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace pratiques::server
