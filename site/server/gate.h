// Where new connections wait, without a thread, until their request head has arrived (gate.cpp).
#pragma once
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace pratiques::server {

// One thread accepts the connections and watches them with epoll until a complete request head
// can be read (peeked, so that the HTTP connection still reads it from the socket); then `ready`
// hands the connection to a thread. A client that has not sent its head within `header_timeout`
// of connecting is closed here: slow clients (slowloris) hold no thread, and whoever sends a whole
// request is served at once, however many others trickle theirs. One client address has at most
// `per_address` connections waiting here (0: no bound): past it, its new ones are closed at once, so
// that one client cannot take every place in the gate.
class Gate {
 public:
  Gate(Poco::Net::ServerSocket& listening, std::chrono::milliseconds header_timeout, std::size_t per_address,
       std::function<void(const Poco::Net::StreamSocket&)> ready);
  ~Gate();  // stop()
  void start();
  void stop();                                      // no new connection; the waiting ones are closed
  std::size_t waiting() const { return waiting_; }  // connections whose head has not arrived

 private:
  void run();
  Poco::Net::ServerSocket& listening_;
  std::chrono::milliseconds header_timeout_;
  std::size_t per_address_;
  std::function<void(const Poco::Net::StreamSocket&)> ready_;
  int epoll_ = -1, wake_ = -1;
  std::atomic<std::size_t> waiting_{0};
  std::thread thread_;
};

}  // namespace pratiques::server
