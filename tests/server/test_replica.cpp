// Read replicas end to end (issue 12, docs/repliques.md): a primary indexes with replication on
// and offers its database with xapian-replicate-server (Debian xapian-tools); a node runs the real
// `pratiques replique` against it, through a relay that this test controls, and a server serves
// the node's index. A publication on the primary reaches the node's server without a restart; a
// transfer cut in the middle leaves the node serving its previous state, and the next complete
// transfer brings the new one. Every wait is on a condition (the limit only guards a hang).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <regex>
#include <thread>

#include "pratiques/index_store.h"
#include "pratiques/index_writer.h"
#include "pratiques/sheet_history.h"
#include "server_fixture.h"

namespace {

// A program run in the background in its own process group, its outputs in `log`; ended (SIGTERM,
// then SIGKILL) with the test.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const testing::fs::path& log) : log_(log) {
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      // Its own process group: xapian-replicate-server ends its whole group on SIGTERM (Xapian's
      // TcpServer), which must not include this test.
      ::setpgid(0, 0);
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
  }
  ~Child() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    if (!testing::wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, std::chrono::seconds(30))) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  bool running() const { return ::waitpid(pid_, nullptr, WNOHANG) == 0; }
  std::string log() const { return testing::read_file(log_); }

 private:
  pid_t pid_ = -1;
  testing::fs::path log_;
};

// A TCP relay on a free loopback port to `upstream`, one connection at a time (xapian-replicate
// makes one at a time). When told to, it cuts each connection once it has passed `cut` bytes from
// the server: a transfer interrupted in the middle, as by a network failure.
class Relay {
 public:
  explicit Relay(int upstream) : upstream_(upstream) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listener_, 8) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("relais : écoute impossible");
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~Relay() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  int port() const { return port_; }
  void cut_after(long bytes) { cut_ = bytes; }  // -1: relay everything
  int cuts() const { return cuts_; }            // connections cut so far

 private:
  static sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
  }
  static bool send_all(int fd, const char* data, std::size_t n) {
    while (n > 0) {
      const ssize_t k = ::send(fd, data, n, MSG_NOSIGNAL);
      if (k <= 0) return false;
      data += k;
      n -= static_cast<std::size_t>(k);
    }
    return true;
  }
  void run() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      const sockaddr_in a = loopback(upstream_);
      if (::connect(server, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0) relay(client, server);
      ::close(server);
      ::close(client);
    }
  }
  void relay(int client, int server) {
    const long cut = cut_;
    long down = 0;
    std::vector<char> buf(16384);
    while (!stop_) {
      pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
      if (::poll(fds, 2, 50) <= 0) continue;
      if (fds[0].revents) {
        const ssize_t n = ::recv(client, buf.data(), buf.size(), 0);
        if (n <= 0 || !send_all(server, buf.data(), static_cast<std::size_t>(n))) break;
      }
      if (fds[1].revents) {
        const ssize_t n = ::recv(server, buf.data(), buf.size(), 0);
        if (n <= 0) break;
        if (cut >= 0 && down + n > cut) {
          send_all(client, buf.data(), static_cast<std::size_t>(cut - down));
          ++cuts_;
          return;
        }
        if (!send_all(client, buf.data(), static_cast<std::size_t>(n))) break;
        down += n;
      }
    }
  }
  int upstream_, listener_ = -1, port_ = 0;
  std::atomic<long> cut_{-1};
  std::atomic<int> cuts_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A free loopback port, for a program that must be told its port.
int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

bool on_path(const std::string& program) {
  return testing::run({"/bin/sh", "-c", "command -v " + program}).status == 0;
}

// Whether a TCP port of the loopback accepts connections.
bool listening(int port) {
  const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(s, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// A primary: replication on (Xapian keeps changesets, the catalogue travels in the database), its
// site prepared and indexed (unless `indexed` is false), its database offered by
// xapian-replicate-server on a free port; and a node's directory beside it.
struct Primary {
  testing::TempDir dir;
  const testing::fs::path root = dir / "primary", node = dir / "node";
  pratiques::IndexOptions io;
  const int port = free_port();
  std::unique_ptr<Child> offer;
  struct Unset {
    ~Unset() { ::unsetenv("XAPIAN_MAX_CHANGESETS"); }
  } unset;

  Primary() {
    // Debian xapian-tools is a dependency (tools/install-deps.sh): its absence fails the test.
    REQUIRE(on_path("xapian-replicate"));
    REQUIRE(on_path("xapian-replicate-server"));
    ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
    testing::build_fixture_site(root);  // its own: an index written with changesets, to replicate
    io.content = (root / "content").string();
    io.schemas = testing::schemas().string();
    io.out = (root / "index").string();
    offer = std::make_unique<Child>(std::vector<std::string>{"xapian-replicate-server", "-I", "127.0.0.1", "-p",
                                                             std::to_string(port), root.string()},
                                    dir / "replicate-server.log");
    // Listening before the node starts: a connection refused then is no case of these tests (a
    // relay would accept it and close it at once).
    REQUIRE(testing::wait_until([&] { return listening(port); }));
    testing::fs::create_directories(node);
  }
  // A new sheet in the primary's content (published by the next build_index).
  void add_sheet(const std::string& id, const std::string& title) const {
    const std::string sheet = testing::read_file(root / "content" / "fiches" / "sejour-repit-aidants-msa.md");
    std::string s = testing::replaced(sheet, "id: sejour-repit-aidants-msa", "id: " + id);
    s = testing::replaced(s, "titre: \"", "titre: \"" + title + " : ");
    testing::write_file(root / "content" / "fiches" / (id + ".md"), s);
  }
  // A search server on the node's index (the site's pages are the primary's build).
  pratiques::server::ServerOptions node_server() const {
    pratiques::server::ServerOptions so;
    so.index = (node / "index").string();
    so.site = (root / "public").string();
    so.data = (node / "var").string();
    so.content = (root / "content").string();
    so.schemas = testing::schemas().string();
    so.kdf = pratiques::write::KdfLimits::minimum();
    so.port = 0;
    return so;
  }
  // `pratiques replique` for the node, through `via` (a port) and with `extra` arguments.
  std::vector<std::string> follower(int via, const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> argv{testing::cli(), "replique",
                                  "--primaire",   "127.0.0.1:" + std::to_string(via),
                                  "--base",       "index/xapian",
                                  "--sortie",     (node / "index").string(),
                                  "--intervalle", "1"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }
};

}  // namespace

TEST_CASE("a read replica follows the primary's publications, and serves its previous state while a transfer is cut",
          "[server][replica]") {
  Primary primary;
  pratiques::IndexOptions& io = primary.io;
  const testing::fs::path node = primary.node;
  // A second generation on the primary before the node starts: the node numbers its own directories
  // from 1, and names what it serves as the primary does all the same.
  io.full = true;
  REQUIRE(pratiques::build_index(io).published);
  io.full = false;
  auto primary_publication = [&] {
    return pratiques::publication_label(*pratiques::open_catalogue(pratiques::resolve_index(io.out)));
  };
  Relay relay(primary.port);
  const Child follower(primary.follower(relay.port()), primary.dir / "replique.log");
  // On a failed wait, what the follower said.
  auto eventually = [&](const std::function<bool()>& condition) {
    if (testing::wait_until(condition)) return true;
    UNSCOPED_INFO("pratiques replique :\n" << follower.log());
    return false;
  };
  REQUIRE(eventually([&] { return testing::fs::exists(node / "index"); }));

  const pratiques::server::ServerOptions so = primary.node_server();
  pratiques::server::Server served(so);
  served.start();
  auto total = [&](const std::string& q) {
    const auto r = testing::get(served.port(), "/api/recherche?q=" + q);
    return r.status == 200 ? testing::json_get(r.body, "total") : "HTTP " + std::to_string(r.status);
  };
  auto sheet_status = [&](const std::string& id) { return testing::get(served.port(), "/api/fiches/" + id).status; };
  CHECK(total("potager") == "2");  // the primary's state, as the node serves it
  const auto state = testing::get(served.port(), "/api/etat");
  CHECK(state.header("x-pratiques-generation") == primary_publication());
  CHECK(testing::json_get(state.body, "generation") == primary_publication());
  CHECK(testing::json_get(state.body, "role") == "replique");
  // The time of the primary's publication, not of the node's copy: the delay is the replication's.
  auto published_at = [&] {
    return pratiques::open_catalogue(pratiques::resolve_index(io.out))->meta(pratiques::kPublishedAtKey);
  };
  CHECK(testing::json_get(state.body, "publiee_le") == published_at());
  CHECK(std::stoll(testing::json_get(state.body, "delai_chargement_s")) >= 0);
  // A read node, found from its index: the write side answers 503 (test_read_node.cpp), so that the
  // node never publishes into what xapian-replicate keeps (it would diverge, and stop following).
  CHECK(testing::get(served.port(), "/connexion").status == 503);
  CHECK(testing::get(served.port(), "/api/contributions", {{"Authorization", "Bearer x"}}, "POST").status == 503);

  // A publication on the primary (a new sheet, published in place): the node serves it, and says
  // when the primary published it (a clock a day behind: the node's own time would not match).
  primary.add_sheet("atelier-cerfs-volants", "Atelier de cerfs-volants");
  const std::time_t yesterday = std::time(nullptr) - 86400;
  io.clock = [&] { return yesterday; };
  REQUIRE(pratiques::build_index(io).published);
  io.clock = nullptr;
  REQUIRE(eventually([&] { return sheet_status("atelier-cerfs-volants") == 200; }));
  CHECK(total("cerfs-volants") == "1");
  const auto after_publication = testing::get(served.port(), "/api/etat");
  CHECK(testing::json_get(after_publication.body, "publiee_le") == pratiques::utc_datestamp(yesterday));
  CHECK(std::stoll(testing::json_get(after_publication.body, "delai_chargement_s")) >= 86400);
  const std::string before =
      testing::get(served.port(), "/api/recherche?q=cerfs-volants").header("x-pratiques-generation");
  CHECK(before == primary_publication());

  // A new generation on the primary (a full build, so a full copy for the node), whose transfers
  // are all cut after 64 KiB (the database is several times larger): xapian-replicate tries again
  // and again, and meanwhile the node serves its previous state, whole.
  relay.cut_after(64 * 1024);
  primary.add_sheet("atelier-marionnettes", "Atelier de marionnettes");
  io.full = true;
  REQUIRE(pratiques::build_index(io).published);
  REQUIRE(eventually([&] { return relay.cuts() >= 3; }));
  for (const std::string q : {"cerfs-volants", "marionnettes", "potager", ""}) {
    INFO(q);
    const auto r = testing::get(served.port(), "/api/recherche?q=" + q);
    CHECK(r.status == 200);
    CHECK(r.header("x-pratiques-generation") == before);
  }
  CHECK(total("cerfs-volants") == "1");
  CHECK(sheet_status("atelier-cerfs-volants") == 200);
  CHECK(sheet_status("atelier-marionnettes") == 404);
  CHECK(follower.running());  // a cut transfer does not stop the follower

  // The network heals: the next transfer completes, and the node serves the new generation.
  relay.cut_after(-1);
  REQUIRE(eventually([&] { return sheet_status("atelier-marionnettes") == 200; }));
  CHECK(total("marionnettes") == "1");
  CHECK(total("cerfs-volants") == "1");
  CHECK(testing::get(served.port(), "/api/recherche?q=marionnettes").header("x-pratiques-generation") != before);
  served.stop();
}

TEST_CASE("a node rebuilds its static site for a publication that its server applied while --apres was running",
          "[server][replica]") {
  Primary primary;
  // --apres notes each run and waits for the test's word (a FIFO: nothing to poll): the first run
  // is still going when the next publication reaches the node.
  const testing::fs::path runs = primary.dir / "apres.log", word = primary.dir / "suite";
  REQUIRE(::mkfifo(word.c_str(), 0600) == 0);
  const std::string after = "echo run >> " + runs.string() + " && read w < " + word.string();
  const Child follower(primary.follower(primary.port, {"--apres", after}), primary.dir / "replique.log");
  auto eventually = [&](const std::function<bool()>& condition) {
    if (testing::wait_until(condition)) return true;
    UNSCOPED_INFO("pratiques replique :\n" << follower.log());
    return false;
  };
  auto run_count = [&] {
    const std::string r = testing::fs::exists(runs) ? testing::read_file(runs) : "";
    return std::count(r.begin(), r.end(), '\n');
  };
  REQUIRE(eventually([&] { return run_count() == 1; }));  // the first build, waiting

  // Meanwhile, a publication reaches the node's replicated database; a server that opens the index
  // then brings the node's catalogue forward itself (the follower waits for --apres).
  primary.add_sheet("atelier-cerfs-volants", "Atelier de cerfs-volants");
  REQUIRE(pratiques::build_index(primary.io).published);
  const long long published = pratiques::publication_of(Xapian::Database((primary.root / "index" / "xapian").string()));
  const std::string replicated = (primary.node / "index.d" / pratiques::kReplicatedDir).string();
  REQUIRE(eventually([&] {
    try {
      return pratiques::publication_of(Xapian::Database(replicated)) == published;
    } catch (const Xapian::Error&) {
      return false;
    }
  }));
  pratiques::server::Server served(primary.node_server());
  served.start();
  CHECK(testing::get(served.port(), "/api/fiches/atelier-cerfs-volants").status == 200);

  // The first build ends: the follower finds the index already up to date, and builds again all the
  // same, since the publication served is not the one it built.
  testing::write_file(word, "1\n");
  CHECK(eventually([&] { return run_count() == 2; }));
  if (run_count() == 2) testing::write_file(word, "2\n");
  served.stop();
}

TEST_CASE("a node waiting for its first copy says so once, with the time, not that the primary is misconfigured",
          "[server][replica]") {
  Primary primary;
  // A --base that the primary does not have: xapian-replicate makes the node's database, and it
  // stays empty (as during a first copy, or before the primary's first publication).
  const Child follower({testing::cli(), "replique", "--primaire", "127.0.0.1:" + std::to_string(primary.port), "--base",
                        "absente/xapian", "--sortie", (primary.node / "index").string(), "--intervalle", "1"},
                       primary.dir / "replique.log");
  auto count = [&](const std::string& text) {
    const std::string log = testing::fs::exists(primary.dir / "replique.log") ? follower.log() : "";
    std::size_t n = 0;
    for (std::size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++n;
    return n;
  };
  // Three refusals of the primary (one a second) after the first word about the catalogue: the
  // follower has taken many steps (five a second) meanwhile.
  REQUIRE(testing::wait_until([&] { return count("catalogue") + count("en attente") > 0; }));
  const std::size_t refused = count("xapian-replicate: ");
  REQUIRE(testing::wait_until([&] { return count("xapian-replicate: ") >= refused + 3; }));
  INFO(follower.log());
  CHECK(count("pratiques replique : en attente de la première copie du primaire…") == 1);
  CHECK(count("ne contient pas le catalogue") == 0);
  const std::regex stamped(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d pratiques replique : en attente)");
  CHECK(std::regex_search(follower.log(), stamped));
}
