#include "server_fixture.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>
#include <stdexcept>

#include "pratiques/index_writer.h"
#include "pratiques/site/build.h"

namespace testing {

std::string raw(int port, const std::string& bytes, int timeout_ms) {
  Poco::Net::StreamSocket s;
  s.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(5, 0));
  s.setReceiveTimeout(Poco::Timespan(static_cast<long>(timeout_ms) * 1000));
  std::size_t sent = 0;
  while (sent < bytes.size())
    sent += static_cast<std::size_t>(s.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
  std::string out;
  char buf[65536];
  for (;;) {
    int n = 0;
    try {
      n = s.receiveBytes(buf, sizeof buf);
    } catch (const Poco::TimeoutException&) {
      break;
    } catch (const Poco::Exception&) {
      break;  // reset
    }
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

Reply parse_reply(const std::string& raw) {
  Reply r;
  const std::size_t end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) return r;
  r.status = std::stoi(raw.substr(9, 3));
  std::istringstream head(raw.substr(0, end));
  std::string line;
  std::getline(head, line);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers[name] = r.headers.count(name) ? r.headers[name] + ", " + value : value;
  }
  r.body = raw.substr(end + 4);
  if (r.headers.count("content-length")) {
    const std::size_t n = std::stoul(r.headers["content-length"]);
    if (r.body.size() > n) r.body.resize(n);
  }
  r.closed = r.header("connection") == "close" || r.header("connection") == "Close";
  return r;
}

Reply get(int port, const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers,
          const std::string& method) {
  std::string req = method + " " + target + " HTTP/1.1\r\n";
  bool connection = false, host = false;
  for (const auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    connection = connection || k == "Connection";
    host = host || k == "Host";
  }
  if (!host) req += "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
  if (!connection) req += "Connection: close\r\n";
  req += "\r\n";
  return parse_reply(raw(port, req));
}

std::string json_get(const std::string& json, const std::string& path) {
  Poco::JSON::Parser p;
  Poco::Dynamic::Var v = p.parse(json);
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (v.type() == typeid(Poco::JSON::Object::Ptr))
      v = v.extract<Poco::JSON::Object::Ptr>()->get(key);
    else if (v.type() == typeid(Poco::JSON::Array::Ptr))
      v = v.extract<Poco::JSON::Array::Ptr>()->get(static_cast<unsigned>(std::stoul(key)));
    else
      return "";
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (v.isEmpty()) return "null";
  if (v.type() == typeid(Poco::JSON::Object::Ptr) || v.type() == typeid(Poco::JSON::Array::Ptr)) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(v, out);
    return out.str();
  }
  return v.convert<std::string>();
}

void build_fixture_site(const fs::path& dir, bool with_site) {
  copy_tree(fixtures() / "corpus", dir / "content");
  pratiques::IndexOptions o;
  o.content = (dir / "content").string();
  o.schemas = schemas().string();
  o.out = (dir / "index").string();
  const auto r = pratiques::build_index(o);
  if (!r.published) throw std::runtime_error("fixture corpus not indexed:\n" + describe(r.diagnostics));
  pratiques::site::BuildOptions b;
  b.index = o.out;
  b.out = (dir / "public").string();
  if (with_site) pratiques::site::build_site(b);
}

void prepare_site(const fs::path& dir, bool with_site) {
  const char* built = std::getenv("PRATIQUES_TEST_SITE");
  if (!built || !*built) return build_fixture_site(dir, with_site);
  fs::create_directories(dir);
  // As built: the index's generation link stays a link, and the content keeps its files' times,
  // which the catalogue holds (a copy with new times would be a changed collection).
  for (const auto& part : fs::directory_iterator(built))
    if (with_site || part.path().filename() != "public")
      fs::copy(part.path(), dir / part.path().filename(), fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  for (const auto& entry : fs::recursive_directory_iterator(built))
    if (entry.is_regular_file() && !entry.is_symlink() && fs::exists(dir / fs::relative(entry.path(), built)))
      fs::last_write_time(dir / fs::relative(entry.path(), built), entry.last_write_time());
}

TestServer::TestServer(pratiques::server::ServerOptions o, bool build_site) {
  prepare_site(dir_.path(), build_site);
  fs::create_directories(dir_.path() / "public");
  o.index = (dir_.path() / "index").string();
  o.site = (dir_.path() / "public").string();
  o.data = (dir_.path() / "var").string();
  o.content = (dir_.path() / "content").string();  // publication writes in the test's own copy
  if (o.schemas == pratiques::server::ServerOptions{}.schemas)
    o.schemas = schemas().string();  // a test may serve a copy
  o.kdf = pratiques::write::KdfLimits::minimum();
  o.bind = "127.0.0.1";
  o.port = 0;
  server_ = std::make_unique<pratiques::server::Server>(o);
  server_->start();
}

TestServer::~TestServer() { server_->stop(); }

ServerProcess spawn_server(const std::vector<std::string>& args, int port) {
  int pipefd[2];
  if (::pipe(pipefd) != 0) throw std::runtime_error("pipe");
  std::vector<std::string> argv{cli(), "serve"};
  argv.insert(argv.end(), args.begin(), args.end());
  ServerProcess p;
  p.pid = ::fork();
  if (p.pid < 0) throw std::runtime_error("fork");
  if (p.pid == 0) {
    ::dup2(pipefd[1], 1);
    ::close(pipefd[0]);
    std::vector<char*> cargs;
    for (const auto& a : argv) cargs.push_back(const_cast<char*>(a.c_str()));
    cargs.push_back(nullptr);
    ::execv(cargs[0], cargs.data());
    ::_exit(127);
  }
  ::close(pipefd[1]);
  p.out = pipefd[0];
  p.port = port;
  if (port) return p;
  // First line: "Pratiques est servi sur http://localhost:PORT …"
  char ch;
  while (::read(p.out, &ch, 1) == 1 && ch != '\n') p.output += ch;
  const auto at = p.output.find("http://localhost:");
  if (at == std::string::npos) throw std::runtime_error("pratiques serve n'a pas démarré : " + p.output);
  p.port = std::stoi(p.output.substr(at + 17));
  return p;
}

std::vector<std::string> serve_args(const fs::path& dir, int port) {
  return {"--index",   (dir / "index").string(), "--site",    (dir / "public").string(),
          "--donnees", (dir / "var").string(),   "--contenu", (dir / "content").string(),
          "--schemas", schemas().string(),       "--port",    std::to_string(port)};
}

int wait_exit(ServerProcess& p, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    int status = 0;
    if (::waitpid(p.pid, &status, WNOHANG) == p.pid) {
      char buf[4096];
      ssize_t n;
      while ((n = ::read(p.out, buf, sizeof buf)) > 0) p.output.append(buf, static_cast<std::size_t>(n));
      ::close(p.out);
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(p.pid, SIGKILL);
  ::waitpid(p.pid, nullptr, 0);
  ::close(p.out);
  return -1;
}

TestServer& shared_server() {
  static TestServer s;
  return s;
}

}  // namespace testing
