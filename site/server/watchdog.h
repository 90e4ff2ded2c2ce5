// The server's connections and their deadlines (watchdog.cpp; not installed, like every header
// of site/server/ beside its sources).
#pragma once
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <thread>

namespace pratiques::server {

using Clock = std::chrono::steady_clock;

// Every connection, from accept to close, with the deadline by which it must have sent a complete
// request header (none while a request is being answered). A thread closes the connections past
// their deadline (slow or idle clients); on stop, it closes the idle ones at once.
class Watchdog {
 public:
  struct Conn {
    // A duplicate of the connection's descriptor, closed by leave(): the socket cannot be closed,
    // and its number reused by another connection, while the watchdog may still shut it down.
    int fd = -1;
    std::atomic<std::int64_t> deadline{0};  // steady_clock ns; 0 = answering a request
    std::atomic<bool> served{false};        // answered at least one request
    std::atomic<bool> closed{false};
    std::atomic<bool> in_body{false};  // reading a request body (its own deadline)
  };
  Watchdog(std::chrono::milliseconds header_timeout);
  ~Watchdog();
  std::list<Conn>::iterator enter(const Poco::Net::StreamSocket& s);
  void leave(std::list<Conn>::iterator it);
  void request_started();  // on the connection's own thread
  void request_finished();
  // On the connection's own thread, around the reading of a request body: it must have arrived by
  // the header timeout plus a second per 16 KiB announced (`announced`: Content-Length, or the
  // largest body accepted when it comes in chunks). Past it the connection is cut.
  void body_started(std::uint64_t announced);
  void body_finished();
  bool cut_off() const;  // the current connection was cut (its deadline passed, or the server stops)
  void drain();          // close idle connections now, and the ones that become idle
  bool wait_empty(Clock::time_point until);
  void close_all();
  std::size_t size() const;
  // True when accepted connections wait for a thread and every thread has one (TCPServer).
  void set_queue_probe(std::function<bool()> probe);
  // True while connections wait for a thread: every thread holds a keep-alive connection. Idle
  // ones are then closed, and busy ones end after their response ("Connection: close"), so that a
  // new client is never kept waiting by others that merely stay connected.
  bool crowded() const { return crowded_; }

 private:
  void run();
  void close(Conn& c);
  void cut(Conn& c);
  bool settled_idle(const Conn& c, std::int64_t now_ns) const;
  std::chrono::milliseconds header_timeout_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::list<Conn> conns_;
  std::function<bool()> queue_probe_;
  std::atomic<bool> crowded_{false};
  std::atomic<bool> draining_{false};
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace pratiques::server
