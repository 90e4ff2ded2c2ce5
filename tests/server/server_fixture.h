// The search server under test: the fixture corpus (tests/fixtures/corpus, 8 sheets) indexed and
// built as a site in a temporary directory, served in-process on a free loopback port; and a small
// HTTP client on raw sockets (so that malformed requests can be sent too).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/server/http.h"
#include "pratiques/server/server.h"
#include "support.h"

namespace testing {

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;                            // as sent (not decompressed)
  bool closed = false;                         // the server closed the connection after it
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One request on a fresh connection ("Connection: close" unless given).
Reply get(int port, const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers = {},
          const std::string& method = "GET");
// Raw bytes in, the server's answer out (read until the server closes or `timeout_ms`). Every
// caller sends a request that the server answers and closes: the limit only guards a hang, far
// above any answer's time on a loaded machine (a publication renders pages), and is never a measure.
std::string raw(int port, const std::string& bytes, int timeout_ms = 60000);
Reply parse_reply(const std::string& raw);
using pratiques::server::gunzip;  // the server's own (Poco::InflatingInputStream)
// Parses JSON (throws on invalid JSON).
std::string json_get(const std::string& json, const std::string& dotted_path);

// Copies the fixture corpus into `dir`/content, indexes it into `dir`/index and, `with_site`,
// builds the site into `dir`/public.
void build_fixture_site(const fs::path& dir, bool with_site = true);
// The same, copied from $PRATIQUES_TEST_SITE when ctest built it once for every test process
// (a fixture, tests/server/CMakeLists.txt); built otherwise (a test program run alone).
void prepare_site(const fs::path& dir, bool with_site = true);

class TestServer {
 public:
  explicit TestServer(pratiques::server::ServerOptions o = {}, bool build_site = true);
  ~TestServer();
  int port() const { return server_->port(); }
  const fs::path& dir() const { return dir_.path(); }
  std::string index() const { return (dir_.path() / "index").string(); }
  pratiques::server::Server& server() { return *server_; }
  Reply get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers = {},
            const std::string& method = "GET") const {
    return testing::get(port(), target, headers, method);
  }

 private:
  TempDir dir_;
  std::unique_ptr<pratiques::server::Server> server_;
};

// One server for the read-only tests of a test program.
TestServer& shared_server();

// The real binary: `pratiques serve` with `args`. With `port` 0 (--port 0 in `args`), its port is
// read from its first line; otherwise it is `port`.
struct ServerProcess {
  int pid = -1;
  int out = -1;        // its standard output
  std::string output;  // what it printed (the rest once it has exited)
  int port = 0;
};
ServerProcess spawn_server(const std::vector<std::string>& args, int port = 0);
// The flags that serve what prepare_site(dir) wrote (index, site, data, content, schemas) on `port`.
std::vector<std::string> serve_args(const fs::path& dir, int port = 0);
// Waits at most `seconds` for the process to end (then SIGKILL): its exit code, or 128 + signal.
int wait_exit(ServerProcess& p, int seconds);

}  // namespace testing
