// Connection deadlines: a client has `header_timeout` to send a complete request header after
// connecting or after its previous response; past it the connection is closed (slow clients,
// idle keep-alive). Its body, when it has one, has its own deadline (body_started); while a
// request is answered there is none (socket timeouts bound writes). When connections wait for a
// thread, idle keep-alive connections are closed at once.
#include "watchdog.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pratiques::server {

namespace {
thread_local Watchdog::Conn* current_conn = nullptr;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// A connection is closed as idle only once its last response has had time to leave: Poco flushes
// it after the handler returns, and closing in between lost it (seen as empty replies).
constexpr std::int64_t kSettledNs = 100'000'000;
}  // namespace

Watchdog::Watchdog(std::chrono::milliseconds header_timeout) : header_timeout_(header_timeout) {
  thread_ = std::thread([this] { run(); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::list<Watchdog::Conn>::iterator Watchdog::enter(const Poco::Net::StreamSocket& s) {
  std::lock_guard lock(mutex_);
  auto it = conns_.emplace(conns_.end());
  it->fd = ::fcntl(s.impl()->sockfd(), F_DUPFD_CLOEXEC, 0);
  it->deadline = now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(header_timeout_).count();
  current_conn = &*it;
  return it;
}

void Watchdog::leave(std::list<Conn>::iterator it) {
  {
    std::lock_guard lock(mutex_);
    current_conn = nullptr;
    if (it->fd >= 0) ::close(it->fd);
    conns_.erase(it);
  }
  changed_.notify_all();
}

void Watchdog::request_started() {
  if (current_conn) current_conn->deadline = 0;
}

void Watchdog::request_finished() {
  Conn* c = current_conn;
  if (!c) return;
  c->served = true;
  c->deadline = now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(header_timeout_).count();
  if (draining_) {
    std::lock_guard lock(mutex_);
    close(*c);  // the response carried "Connection: close"; make sure no further request is read
  }
}

void Watchdog::body_started(std::uint64_t announced) {
  Conn* c = current_conn;
  if (!c) return;
  const auto allowed = header_timeout_ + std::chrono::seconds(announced / (16 * 1024));
  c->in_body = true;
  c->deadline = now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(allowed).count();
}

void Watchdog::body_finished() {
  Conn* c = current_conn;
  if (!c) return;
  c->deadline = 0;
  c->in_body = false;
}

bool Watchdog::cut_off() const { return current_conn && current_conn->closed; }

void Watchdog::close(Conn& c) {
  if (c.closed.exchange(true)) return;
  ::shutdown(c.fd, SHUT_RD);  // the reader sees the end of the stream; a response being written still completes
}

// Past its deadline a connection is cut both ways: shutting down only the reading side let Poco
// take the truncated request head it had read for a complete one, and answer it.
void Watchdog::cut(Conn& c) {
  if (c.closed.exchange(true)) return;
  ::shutdown(c.fd, SHUT_RDWR);
}

bool Watchdog::settled_idle(const Conn& c, std::int64_t now) const {
  const std::int64_t d = c.deadline;
  return d != 0 && !c.in_body && c.served &&
         now - (d - std::chrono::duration_cast<std::chrono::nanoseconds>(header_timeout_).count()) > kSettledNs;
}

void Watchdog::drain() {
  draining_ = true;
  std::lock_guard lock(mutex_);
  const std::int64_t now = now_ns();
  for (auto& c : conns_)
    if (settled_idle(c, now)) close(c);  // idle between two requests; the loop below takes the others
  changed_.notify_all();
}

bool Watchdog::wait_empty(Clock::time_point until) {
  std::unique_lock lock(mutex_);
  return changed_.wait_until(lock, until, [&] { return conns_.empty(); });
}

void Watchdog::close_all() {
  std::lock_guard lock(mutex_);
  for (auto& c : conns_) {
    c.closed = true;
    ::shutdown(c.fd, SHUT_RDWR);
  }
}

std::size_t Watchdog::size() const {
  std::lock_guard lock(mutex_);
  return conns_.size();
}

void Watchdog::set_queue_probe(std::function<bool()> probe) {
  std::lock_guard lock(mutex_);
  queue_probe_ = std::move(probe);
  if (!queue_probe_) crowded_ = false;
}

void Watchdog::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    changed_.wait_for(lock, std::chrono::milliseconds(100));
    crowded_ = queue_probe_ && queue_probe_();
    const std::int64_t now = now_ns();
    for (auto& c : conns_) {
      const std::int64_t d = c.deadline;
      if (d != 0 && now > d)
        cut(c);
      else if ((draining_ || crowded_) && settled_idle(c, now))
        close(c);
    }
  }
}

}  // namespace pratiques::server
