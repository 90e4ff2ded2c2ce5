// SIGTERM: the real binary stops accepting, finishes the responses in flight (a large file read
// slowly by its client), closes idle connections and exits 0.
#include <catch2/catch.hpp>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "server_fixture.h"

TEST_CASE("SIGTERM drains the requests in flight and exits cleanly", "[server][shutdown]") {
  testing::TempDir dir;
  testing::prepare_site(dir.path());
  constexpr std::size_t kSize = 8u << 20;
  {
    std::ofstream big(dir.path() / "public" / "gros.bin", std::ios::binary);
    std::string block(1 << 16, 'p');
    for (std::size_t i = 0; i < kSize / block.size(); ++i) big << block;
  }
  testing::ServerProcess c = testing::spawn_server(testing::serve_args(dir.path()));
  REQUIRE(testing::get(c.port, "/api/etat").status == 200);

  // An idle keep-alive connection: it must not hold the shutdown back.
  Poco::Net::StreamSocket idle;
  idle.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(c.port)));
  const std::string one = "GET /api/etat HTTP/1.1\r\nHost: x\r\n\r\n";
  idle.sendBytes(one.data(), static_cast<int>(one.size()));
  char tmp[4096];
  idle.receiveBytes(tmp, sizeof tmp);

  // A download in flight: its client reads the head, then stops reading until SIGTERM was sent, so
  // that most of the 8 MB are still to be written when the server is told to stop.
  std::atomic<bool> started{false}, terminated{false};
  std::size_t body = 0, expected = 0;
  std::string head;
  std::thread slow([&] {
    Poco::Net::StreamSocket s;
    s.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(c.port)));
    s.setReceiveBufferSize(64 * 1024);
    const std::string req = "GET /gros.bin HTTP/1.1\r\nHost: x\r\n\r\n";
    s.sendBytes(req.data(), static_cast<int>(req.size()));
    s.setReceiveTimeout(Poco::Timespan(60, 0));
    std::string buf(256 * 1024, '\0');
    std::string data;
    for (;;) {
      int n = 0;
      try {
        n = s.receiveBytes(buf.data(), static_cast<int>(buf.size()));
      } catch (...) {
        break;
      }
      if (n <= 0) break;
      data.append(buf.data(), static_cast<std::size_t>(n));
      if (head.empty()) {
        const auto end = data.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        head = data.substr(0, end);
        const auto cl = head.find("Content-Length: ");
        expected = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 16));
        body = data.size() - end - 4;
        data.clear();
        started = true;
        testing::wait_until([&] { return terminated.load(); });
      } else {
        body += static_cast<std::size_t>(n);
        data.clear();
      }
    }
  });
  const bool in_flight = testing::wait_until([&] { return started.load(); });
  const int killed = ::kill(c.pid, SIGTERM);
  terminated = true;
  slow.join();
  REQUIRE(in_flight);
  REQUIRE(killed == 0);
  const int status = testing::wait_exit(c, 60);
  CHECK(head.find("HTTP/1.1 200") == 0);
  CHECK(expected == kSize);
  CHECK(body == kSize);  // the response in flight was completed
  CHECK(status == 0);
  CHECK(c.output.find("arrêté proprement") != std::string::npos);
  // Nothing listens any more.
  Poco::Net::StreamSocket after;
  CHECK_THROWS(
      after.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(c.port)), Poco::Timespan(1, 0)));
}

TEST_CASE("serve --silencieux: no message on stdout, from start to clean stop", "[server][shutdown][cli]") {
  testing::TempDir dir;
  testing::prepare_site(dir.path());
  int port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));  // a free port, released at once
    port = probe.address().port();
  }
  auto args = testing::serve_args(dir.path(), port);
  args.push_back("--silencieux");
  testing::ServerProcess c = testing::spawn_server(args, port);
  // Nothing on stdout to say it listens: wait until it accepts.
  REQUIRE(testing::wait_until([&] {
    try {
      Poco::Net::StreamSocket s;
      s.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
      return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }));
  CHECK(testing::get(port, "/api/etat").status == 200);
  REQUIRE(::kill(c.pid, SIGTERM) == 0);
  CHECK(testing::wait_exit(c, 30) == 0);
  CHECK(c.output.empty());
}

TEST_CASE("pratiques serve says where it listens and, when it is another, its public address", "[server][cli]") {
  testing::TempDir dir;
  testing::prepare_site(dir.path());
  auto args = testing::serve_args(dir.path());
  args.insert(args.end(), {"--url", "https://pratiques.example.org"});
  testing::ServerProcess p = testing::spawn_server(args);
  CHECK(p.output.find("http://localhost:" + std::to_string(p.port)) != std::string::npos);
  CHECK(p.output.find("adresse publique : https://pratiques.example.org") != std::string::npos);
  ::kill(p.pid, SIGTERM);
  CHECK(testing::wait_exit(p, 10) == 0);
}
