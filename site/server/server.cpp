// The server: connections accepted by the gate (no thread until a request head has arrived),
// queued by Poco's TCPServerDispatcher for a thread, and served there (WatchedConnection: Poco's
// HTTP session, request and response, with our own answer to a head Poco cannot read); the
// watchdog holds their deadlines (body, next request, graceful drain).
#include "pratiques/server/server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerDispatcher.h>
#include <Poco/ThreadPool.h>


#include <iostream>
#include <optional>
#include <thread>

#include "exchange.h"
#include "gate.h"
#include "pratiques/index_store.h"
#include "router.h"
#include "state.h"

namespace pratiques::server {

State::State(ServerOptions o, std::size_t searches)
    : options(std::move(o)),
      read_node(server::read_node(options)),
      pool(options.index),
      log(options.log_searches ? std::make_unique<SearchLog>(server_database(options.data)) : nullptr),
      files(options.site),
      cache(static_cast<std::size_t>(std::max(0, options.cache_mb)) << 20),
      searchers(searches),
      admission(searches),
      watchdog(options.header_timeout) {
  write::EditorialOptions w;
  w.data = options.data;
  w.paths.content = options.content;
  w.paths.schemas = options.schemas;
  w.paths.index = options.index;
  w.paths.site = options.site;
  w.paths.base_url =
      options.public_url.empty() ? "http://localhost:" + std::to_string(options.port) : options.public_url;
  w.paths.pages = options.pages;
  w.kdf = options.kdf;
  editorial = std::make_unique<write::Editorial>(std::move(w));
}

bool read_node(const ServerOptions& o) { return !o.primary_url.empty() || is_replica(o.index); }

SearchThreads::SearchThreads(std::size_t n) {
  for (std::size_t i = 0; i < std::max<std::size_t>(n, 1); ++i)
    threads_.emplace_back([this] {
      std::unique_lock lock(mutex_);
      for (;;) {
        wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping
        auto job = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        job();
        lock.lock();
      }
    });
}

SearchThreads::~SearchThreads() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

namespace {

// One connection's requests, read and answered in turn (what Poco's HTTPServerConnection does),
// with what Poco would answer on its own made ours: a head it cannot read (too many or too long
// fields, a malformed request line, a truncated head) gets the same 400 as any other error, with
// the security headers and the French page, and the connection is closed.
class WatchedConnection : public Poco::Net::TCPServerConnection {
 public:
  WatchedConnection(const Poco::Net::StreamSocket& s, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory, State& st)
      : TCPServerConnection(s), params_(params), factory_(factory), state_(st) {}
  void run() override {
    auto it = state_.watchdog.enter(socket());
    try {
      serve();
    } catch (...) {
      // a connection reset or a timeout: the connection ends, the server goes on
    }
    state_.watchdog.leave(it);
  }

 private:
  void serve() {
    Poco::Net::HTTPServerSession session(socket(), params_);
    while (session.hasMoreRequests()) {
      Poco::Net::HTTPServerResponseImpl response(session);
      std::optional<Poco::Net::HTTPServerRequestImpl> request;
      try {
        request.emplace(response, session, params_.get());
      } catch (const Poco::Net::NoMessageException&) {
        return;  // the client closed the connection between two requests
      } catch (const Poco::Net::MessageException&) {
        if (!response.sent())
          send_bare_error(state_, response, 400, "Requête mal formée : en-têtes illisibles ou trop nombreux.");
        return;
      }
      response.setDate(Poco::Timestamp());
      response.setVersion(request->getVersion());
      response.setKeepAlive(params_->getKeepAlive() && request->getKeepAlive() && session.canKeepAlive());
      response.set("Server", params_->getSoftwareVersion());
      std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_->createRequestHandler(*request));
      if (!handler) return;  // (the router always answers)
      if (request->getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK)
        response.sendContinue();
      handler->handleRequest(*request, response);  // answers every error itself (Handler::handleRequest)
      session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
    }
  }
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  State& state_;
};

class WatchedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  WatchedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                           State& st)
      : params_(params), factory_(factory), state_(st) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new WatchedConnection(socket, params_, factory_, state_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  State& state_;
};

}  // namespace

struct Server::Impl {
  std::unique_ptr<State> state;
  std::unique_ptr<Poco::ThreadPool> threads;
  Poco::Net::ServerSocket socket;
  // Connections go from the gate (until their request head has arrived) to the dispatcher's queue
  // (until a thread is free), then to a thread (WatchedConnection).
  std::unique_ptr<Gate> gate;
  Poco::Net::TCPServerDispatcher* dispatcher = nullptr;  // reference-counted by Poco
  int port = 0;
  bool running = false;
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  if (options.threads < 1) options.threads = 1;
  // Searches are CPU-bound: more at once than twice the cores only costs memory (a searcher and
  // its caches each) and cache misses. As many requests compute at once (Admission); the others
  // wait their turn.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t searches = options.searches > 0
                                   ? static_cast<std::size_t>(options.searches)
                                   : std::min<std::size_t>(static_cast<std::size_t>(options.threads), 2 * cores);
  impl_->state = std::make_unique<State>(std::move(options), searches);
}

Server::~Server() {
  try {
    stop();
  } catch (...) {
  }
}

void Server::start() {
  State& st = *impl_->state;
  const ServerOptions& o = st.options;
  try {
    Poco::Net::SocketAddress address(o.bind, static_cast<Poco::UInt16>(o.port));
    impl_->socket.bind(address, true, true);
    impl_->socket.listen(256);
  } catch (const Poco::Exception& e) {
    throw ListenError("impossible d'écouter sur " + o.bind + ":" + std::to_string(o.port) + " (" + e.displayText() +
                      ") : adresse déjà utilisée ? choisir --port");
  }
  impl_->port = impl_->socket.address().port();
  st.bound_url = "http://" + (o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind) + ":" +
                 std::to_string(impl_->port);
  const bool local =
      o.bind == "127.0.0.1" || o.bind == "0.0.0.0" || o.bind == "::1" || o.bind == "::" || o.bind == "localhost";
  st.local_url = local ? "http://localhost:" + std::to_string(impl_->port) : st.bound_url;

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(o.threads);
  params->setMaxQueued(std::max(64, o.threads * 4));
  params->setThreadIdleTime(Poco::Timespan(60, 0));
  params->setTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(o.io_timeout).count()));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(
      Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(o.header_timeout).count()));
  params->setMaxKeepAliveRequests(0);
  params->setServerName("pratiques");
  params->setSoftwareVersion("pratiques");
  Poco::Net::HTTPServerParams::Ptr pparams(params);
  impl_->threads = std::make_unique<Poco::ThreadPool>(2, o.threads + 2, 60);
  Poco::Net::HTTPRequestHandlerFactory::Ptr router(new Router(st));
  auto* dispatcher =
      new Poco::Net::TCPServerDispatcher(new WatchedConnectionFactory(pparams, router, st), *impl_->threads, pparams);
  impl_->dispatcher = dispatcher;
  st.watchdog.set_queue_probe([dispatcher, max = o.threads] {
    return dispatcher->queuedConnections() > 0 && dispatcher->currentConnections() >= max;
  });
  impl_->gate = std::make_unique<Gate>(impl_->socket, o.header_timeout, static_cast<std::size_t>(o.waiting_per_address),
                                       [dispatcher](const Poco::Net::StreamSocket& s) { dispatcher->enqueue(s); });
  impl_->gate->start();
  impl_->running = true;
}

int Server::port() const { return impl_->port; }
std::string Server::url() const { return impl_->state->bound_url; }

void Server::stop() {
  if (!impl_->running) return;
  impl_->running = false;
  State& st = *impl_->state;
  st.draining = true;         // every response from now on carries "Connection: close"
  impl_->gate->stop();        // no new connection; those still sending their head are closed
  impl_->dispatcher->stop();  // (connections queued for a thread are closed)
  impl_->socket.close();
  st.watchdog.drain();  // idle keep-alive connections are closed now
  const auto until = Clock::now() + st.options.drain_timeout;
  if (!st.watchdog.wait_empty(until)) {
    std::cerr << "pratiques serve : " << st.watchdog.size() << " connexion(s) encore ouvertes après "
              << st.options.drain_timeout.count() / 1000 << " s : fermées\n";
    st.watchdog.close_all();
    st.watchdog.wait_empty(Clock::now() + std::chrono::seconds(5));
  }
  // Poco's dispatcher wakes the threads waiting for a connection once, in stop(): a thread between
  // its check of the stop and its wait at that instant then waited out its idle time (60 s), and
  // joinAll() with it (twice in 710 test processes run in a loop; gdb: a TCPServerDispatcher::run in
  // waitDequeueNotification, Server::stop in ThreadPool::joinAll). Woken again until none is left.
  while (impl_->threads->used() > 0) {
    impl_->dispatcher->stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->threads->joinAll();
  st.watchdog.set_queue_probe(nullptr);
  impl_->gate.reset();
  impl_->dispatcher->release();
  impl_->dispatcher = nullptr;
  if (st.log) st.log->flush();
}

}  // namespace pratiques::server
