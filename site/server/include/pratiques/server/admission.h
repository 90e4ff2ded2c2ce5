// The admission queue of the search server. With one thread per keep-alive connection, 64 busy
// connections on 2 cores shared the CPU as the scheduler pleased: some requests waited several
// scheduling periods behind later ones (p99 three times the mean under wrk). Requests now compute
// (search, render, compress) a few at a time, first come first served, and write their response
// to the socket after leaving: the latency of each is the work queued before it.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace pratiques::server {

class Admission {
 public:
  explicit Admission(std::size_t slots);  // at least 1
  // A slot held; released by release() or the destructor.
  class Ticket {
   public:
    Ticket() = default;
    Ticket(Ticket&& o) noexcept : admission_(std::exchange(o.admission_, nullptr)) {}
    Ticket& operator=(Ticket&& o) noexcept;
    ~Ticket() { release(); }
    void release();  // idempotent

   private:
    friend class Admission;
    explicit Ticket(Admission* a) : admission_(a) {}
    Admission* admission_ = nullptr;
  };
  Ticket enter();  // waits for a slot; slots are given in the order of arrival
  std::size_t waiting() const;

 private:
  void leave();
  struct Waiter {
    std::condition_variable wake;
    bool admitted = false;
  };
  mutable std::mutex mutex_;
  std::size_t free_;
  std::deque<Waiter*> waiting_;
};

}  // namespace pratiques::server
