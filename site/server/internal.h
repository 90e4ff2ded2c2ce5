// Internals of the search server shared by its source files (not installed).
#pragma once
#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pratiques/server/admission.h"
#include "pratiques/server/cache.h"
#include "pratiques/server/http.h"
#include "pratiques/server/params.h"
#include "pratiques/server/pool.h"
#include "pratiques/server/search_log.h"
#include "pratiques/server/server.h"
#include "pratiques/server/static_files.h"
#include "pratiques/site/context.h"
#include "pratiques/site/layout.h"
#include "pratiques/site/templates.h"
#include "pratiques/write/editorial.h"

namespace pratiques::server {

using Clock = std::chrono::steady_clock;

// Every connection, from accept to close, with the deadline by which it must have sent a complete
// request header (none while a request is being answered). A thread closes the connections past
// their deadline (slow or idle clients); on stop, it closes the idle ones at once.
class Watchdog {
 public:
  struct Conn {
    Poco::Net::StreamSocket socket;
    std::atomic<std::int64_t> deadline{0};  // steady_clock ns; 0 = answering a request
    std::atomic<bool> served{false};        // answered at least one request
    std::atomic<bool> closed{false};
  };
  Watchdog(std::chrono::milliseconds header_timeout);
  ~Watchdog();
  std::list<Conn>::iterator enter(const Poco::Net::StreamSocket& s);
  void leave(std::list<Conn>::iterator it);
  void request_started();   // on the connection's own thread
  void request_finished();
  void drain();             // close idle connections now, and the ones that become idle
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

// The threads that run searches. The analyser keeps per-thread caches (folded words, stems) and
// a search is CPU-bound: a few dedicated threads (twice the cores) keep that memory bounded
// whatever the number of connections, instead of one set of caches per connection thread.
class SearchThreads {
 public:
  explicit SearchThreads(std::size_t n);
  ~SearchThreads();
  // Runs f on a search thread; the caller waits (exceptions are rethrown to it).
  template <class F>
  auto run(F f) -> decltype(f()) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    {
      std::lock_guard lock(mutex_);
      queue_.emplace_back([&task] { task(); });
    }
    wake_.notify_one();
    return result.get();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

struct State {
  ServerOptions options;
  SearcherPool pool;
  std::unique_ptr<SearchLog> log;
  StaticFiles files;
  ResultCache cache;
  SearchThreads searchers;
  Admission admission;
  Watchdog watchdog;
  std::atomic<bool> draining{false};
  std::atomic<std::uint64_t> requests{0}, server_errors{0};
  std::string bound_url;
  std::unique_ptr<write::Editorial> editorial;  // accounts, contributions, publication (write_handlers.h)
  State(ServerOptions o, std::size_t searches);
};

// The page frame and templates of the static site (pratiques-site), per thread.
const site::Templates& templates();
std::string render_page(State& st, const std::string& base_url, const site::PageMeta& meta, const std::string& main_html);

struct SendOptions {
  std::string cache = "no-cache";
  std::string etag, last_modified;
  bool cors = false;          // Access-Control-Allow-Origin: * (public read-only API)
  bool compress = true;       // gzip when the client accepts it and the type is worth it
  const std::string* gzipped = nullptr;  // the body already gzipped; then the body may be empty when the client takes gzip
  std::vector<std::pair<std::string, std::string>> headers;
};

// One request and its response.
class Exchange {
 public:
  Exchange(State& st, Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, Target target);
  State& state;
  Poco::Net::HTTPServerRequest& request;
  Poco::Net::HTTPServerResponse& response;
  const Target target;
  std::string body;        // the request body of a handler that accepts one (Handler::max_body)
  const Params& params();  // the decoded query string (throws ClientError)
  bool is_api() const { return target.path.starts_with("/api/"); }
  // The origin of absolute URLs: --url, else the Host header when it is a plain host[:port].
  std::string base_url() const;
  void send(int status, const std::string& type, const std::string& body, const SendOptions& o = {});
  void send_json(int status, const std::string& json, const SendOptions& o = {});
  void send_not_modified(const SendOptions& o);
  // A large body copied from a stream as it is read (no compression).
  void send_stream(int status, const std::string& type, std::istream& in, std::uint64_t size, const SendOptions& o);
  void redirect(const std::string& location, int status);
  // An error as the client expects it: JSON under /api/, an HTML page elsewhere.
  void send_error(int status, const std::string& message);
  void add_timing(const std::string& name, double ms);
  double elapsed_ms() const;
  bool sent() const;
  // Waits for the request's turn to compute (Admission); the turn ends when the response is written.
  void admit() { ticket_ = state.admission.enter(); }

 private:
  void common_headers(int status, const SendOptions& o);
  Admission::Ticket ticket_;
  std::optional<Params> params_;
  Clock::time_point started_;
  std::string timing_;
};

// A route. handleRequest() frames handle(): in-flight accounting, method, body limits, errors
// (a ClientError or a SearchError is a 4xx; anything else a 500 that is logged).
class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(State& st, Target target) : state_(st), target_(std::move(target)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override;

 protected:
  virtual void handle(Exchange& ex) = 0;
  virtual bool api() const { return false; }
  // Methods answered (the Allow header); a POST or PUT body is read into Exchange::body, up to
  // max_body() bytes (413 beyond).
  virtual const char* methods() const { return "GET, HEAD, OPTIONS"; }
  virtual std::size_t max_body() const { return 0; }
  State& state_;
  Target target_;
};

class StaticFileHandler : public Handler {
 public:
  using Handler::Handler;
 protected:
  void handle(Exchange& ex) override;
};

class SearchPageHandler : public Handler {
 public:
  using Handler::Handler;
 protected:
  void handle(Exchange& ex) override;
};

class SearchApiHandler : public Handler {
 public:
  using Handler::Handler;
 protected:
  void handle(Exchange& ex) override;
};

class SheetApiHandler : public Handler {
 public:
  SheetApiHandler(State& st, Target t, std::string id) : Handler(st, std::move(t)), id_(std::move(id)) {}
 protected:
  void handle(Exchange& ex) override;
  std::string id_;
};

class SimilarApiHandler : public Handler {
 public:
  SimilarApiHandler(State& st, Target t, std::string id) : Handler(st, std::move(t)), id_(std::move(id)) {}
 protected:
  void handle(Exchange& ex) override;
  std::string id_;
};

class SuggestionsHandler : public Handler {
 public:
  using Handler::Handler;
 protected:
  void handle(Exchange& ex) override;
};

class StatusHandler : public Handler {
 public:
  using Handler::Handler;
 protected:
  void handle(Exchange& ex) override;
};

class OpenSearchHandler : public Handler {
 public:
  using Handler::Handler;
 protected:
  void handle(Exchange& ex) override;
};

// Answers an error found while routing (malformed target, unknown API route…).
class ErrorHandler : public Handler {
 public:
  ErrorHandler(State& st, Target t, int status, std::string message)
      : Handler(st, std::move(t)), status_(status), message_(std::move(message)) {}
 protected:
  void handle(Exchange& ex) override { ex.send_error(status_, message_); }
  int status_;
  std::string message_;
};

class Router : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Router(State& st) : state_(st) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  State& state_;
};

}  // namespace pratiques::server
