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

namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;
  std::string output;
  int port = 0;
};

// Starts `pratiques serve` on `port` (0: any, read from its first line) with `extra` options.
Child spawn_server(const testing::fs::path& dir, int port = 0, const std::vector<std::string>& extra = {}) {
  int pipefd[2];
  REQUIRE(::pipe(pipefd) == 0);
  Child c;
  std::vector<std::string> argv = {testing::cli(), "serve", "--index", (dir / "index").string(), "--site",
                                   (dir / "public").string(), "--donnees", (dir / "var").string(), "--port",
                                   std::to_string(port)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  c.pid = ::fork();
  REQUIRE(c.pid >= 0);
  if (c.pid == 0) {
    ::dup2(pipefd[1], 1);
    ::close(pipefd[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipefd[1]);
  c.out = pipefd[0];
  c.port = port;
  if (port) return c;
  // First line: "Pratiques est servi sur http://localhost:PORT …"
  char ch;
  while (::read(c.out, &ch, 1) == 1 && ch != '\n') c.output += ch;
  const auto p = c.output.find("http://localhost:");
  REQUIRE(p != std::string::npos);
  c.port = std::stoi(c.output.substr(p + 17));
  return c;
}

int wait_exit(Child& c, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    int status = 0;
    if (::waitpid(c.pid, &status, WNOHANG) == c.pid) {
      char buf[4096];
      ssize_t n;
      while ((n = ::read(c.out, buf, sizeof buf)) > 0) c.output.append(buf, static_cast<std::size_t>(n));
      ::close(c.out);
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(c.pid, SIGKILL);
  ::waitpid(c.pid, nullptr, 0);
  return -1;
}

}  // namespace

TEST_CASE("SIGTERM drains the requests in flight and exits cleanly", "[server][shutdown]") {
  testing::TempDir dir;
  testing::prepare_site(dir.path());
  constexpr std::size_t kSize = 8u << 20;
  {
    std::ofstream big(dir.path() / "public" / "gros.bin", std::ios::binary);
    std::string block(1 << 16, 'p');
    for (std::size_t i = 0; i < kSize / block.size(); ++i) big << block;
  }
  Child c = spawn_server(dir.path());
  REQUIRE(testing::get(c.port, "/api/etat").status == 200);

  // An idle keep-alive connection: it must not hold the shutdown back.
  Poco::Net::StreamSocket idle;
  idle.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(c.port)));
  const std::string one = "GET /api/etat HTTP/1.1\r\nHost: x\r\n\r\n";
  idle.sendBytes(one.data(), static_cast<int>(one.size()));
  char tmp[4096];
  idle.receiveBytes(tmp, sizeof tmp);

  // A slow download in flight.
  std::atomic<bool> started{false};
  std::size_t body = 0, expected = 0;
  std::string head;
  std::thread slow([&] {
    Poco::Net::StreamSocket s;
    s.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(c.port)));
    s.setReceiveBufferSize(64 * 1024);
    const std::string req = "GET /gros.bin HTTP/1.1\r\nHost: x\r\n\r\n";
    s.sendBytes(req.data(), static_cast<int>(req.size()));
    s.setReceiveTimeout(Poco::Timespan(10, 0));
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
      } else {
        body += static_cast<std::size_t>(n);
        data.clear();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(::kill(c.pid, SIGTERM) == 0);
  slow.join();
  const int status = wait_exit(c, 30);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(head.find("HTTP/1.1 200") == 0);
  CHECK(expected == kSize);
  CHECK(body == kSize);  // the response in flight was completed
  CHECK(status == 0);
  CHECK(c.output.find("arrêté proprement") != std::string::npos);
  CHECK(secs < 20);
  // Nothing listens any more.
  Poco::Net::StreamSocket after;
  CHECK_THROWS(after.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(c.port)), Poco::Timespan(1, 0)));
}

TEST_CASE("serve --silencieux: no message on stdout, from start to clean stop", "[server][shutdown][cli]") {
  testing::TempDir dir;
  testing::prepare_site(dir.path());
  int port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));  // a free port, released at once
    port = probe.address().port();
  }
  Child c = spawn_server(dir.path(), port, {"--silencieux"});
  bool listening = false;
  for (int i = 0; i < 200 && !listening; ++i) {  // until it accepts (at most 10 s)
    try {
      Poco::Net::StreamSocket s;
      s.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
      listening = true;
    } catch (const Poco::Exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  REQUIRE(listening);
  CHECK(testing::get(port, "/api/etat").status == 200);
  REQUIRE(::kill(c.pid, SIGTERM) == 0);
  CHECK(wait_exit(c, 30) == 0);
  CHECK(c.output.empty());
}
