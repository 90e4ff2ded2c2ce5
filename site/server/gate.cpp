// New connections wait here until their request head has arrived (issue 16, slowloris): an epoll
// loop that peeks at what each one sent, without taking it, and hands it to a thread only once a
// blank line ends its head (or its head outgrows what is peeked, or the client stops sending).
#include "gate.h"

#include <Poco/Net/StreamSocketImpl.h>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pratiques::server {

namespace {

using Clock = std::chrono::steady_clock;

// A head larger than this is handed over as it is (Poco then reads it, and bounds its fields).
constexpr std::size_t kPeek = 64 * 1024;
// Connections waiting for their head at once; past it new ones are closed at once.
constexpr std::size_t kMaxWaiting = 4096;

// A blank line ends the head ("\r\n\r\n", or bare line feeds, which Poco accepts too).
bool head_complete(std::string_view seen) {
  return seen.find("\n\r\n") != std::string_view::npos || seen.find("\n\n") != std::string_view::npos;
}

}  // namespace

Gate::Gate(Poco::Net::ServerSocket& listening, std::chrono::milliseconds header_timeout, std::size_t per_address,
           std::function<void(const Poco::Net::StreamSocket&)> ready)
    : listening_(listening), header_timeout_(header_timeout), per_address_(per_address), ready_(std::move(ready)) {}

Gate::~Gate() { stop(); }

void Gate::start() {
  listening_.setBlocking(false);
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_ < 0 || wake_ < 0) throw std::runtime_error(std::string("epoll : ") + std::strerror(errno));
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listening_.impl()->sockfd();
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, ev.data.fd, &ev);
  ev.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
  thread_ = std::thread([this] { run(); });
}

void Gate::stop() {
  if (!thread_.joinable()) return;
  const std::uint64_t one = 1;
  if (::write(wake_, &one, sizeof one) < 0) {
  }
  thread_.join();
  ::close(epoll_);
  ::close(wake_);
  epoll_ = wake_ = -1;
}

void Gate::run() {
  struct Waiting {
    Poco::Net::StreamSocket socket;
    Clock::time_point deadline;
    std::string address;  // the client's, without its port
  };
  std::unordered_map<int, Waiting> waiting;
  std::unordered_map<std::string, std::size_t> per_address;  // connections waiting, by client address
  std::vector<char> seen(kPeek);
  const int listen_fd = listening_.impl()->sockfd();
  auto forget = [&](std::unordered_map<int, Waiting>::iterator it) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, it->first, nullptr);
    if (const auto a = per_address.find(it->second.address); a != per_address.end() && --a->second == 0)
      per_address.erase(a);
    waiting.erase(it);  // closes the socket unless it was handed over
    waiting_ = waiting.size();
  };
  auto accept_all = [&] {
    for (;;) {
      sockaddr_storage peer{};
      socklen_t peer_len = sizeof peer;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &peer_len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
          std::this_thread::sleep_for(std::chrono::milliseconds(10));  // EMFILE…
        return;
      }
      Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(fd));
      if (waiting.size() >= kMaxWaiting) continue;  // closed as `socket` goes
      std::string address;
      if (peer.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(peer).sin_addr;
        address.assign(reinterpret_cast<const char*>(&in), sizeof in);
      } else if (peer.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr;
        address.assign(reinterpret_cast<const char*>(&in6), sizeof in6);
      }
      if (const auto a = per_address.find(address);
          per_address_ > 0 && a != per_address.end() && a->second >= per_address_)
        continue;  // this client has enough connections waiting: closed at once
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;  // told of each arrival, once: what is peeked stays readable
      ev.data.fd = fd;
      if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) continue;
      ++per_address[address];
      waiting.emplace(fd, Waiting{socket, Clock::now() + header_timeout_, std::move(address)});
      waiting_ = waiting.size();
    }
  };
  auto examine = [&](int fd, std::uint32_t events) {
    const auto it = waiting.find(fd);
    if (it == waiting.end()) return;
    const ssize_t n = ::recv(fd, seen.data(), seen.size(), MSG_PEEK);
    const bool ended = events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR);
    if (n > 0 && (ended || static_cast<std::size_t>(n) == seen.size() ||
                  head_complete(std::string_view(seen.data(), static_cast<std::size_t>(n))))) {
      // The head is there (or all the client will send): a thread reads it, blocking with timeouts.
      Poco::Net::StreamSocket socket = it->second.socket;
      forget(it);
      try {
        socket.setBlocking(true);
        socket.setNoDelay(true);
        ready_(socket);
      } catch (const Poco::Exception&) {
      }
    } else if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) || (n < 0 && ended)) {
      forget(it);  // gone before sending anything
    }
  };

  std::vector<epoll_event> events(64);
  auto last_sweep = Clock::now();
  for (;;) {
    const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 100);
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == wake_) {
        for (auto& [k, w] : waiting) ::epoll_ctl(epoll_, EPOLL_CTL_DEL, k, nullptr);
        waiting.clear();
        per_address.clear();
        waiting_ = 0;
        return;
      }
      if (fd == listen_fd)
        accept_all();
      else
        examine(fd, events[static_cast<std::size_t>(i)].events);
    }
    const auto now = Clock::now();
    if (now - last_sweep < std::chrono::milliseconds(50)) continue;
    last_sweep = now;
    for (auto it = waiting.begin(); it != waiting.end();) {
      auto next = std::next(it);
      if (now > it->second.deadline) forget(it);  // its head never came: closed, no answer
      it = next;
    }
  }
}

}  // namespace pratiques::server
