// The routes' handlers; Handler::handleRequest frames them (exchange.cpp), each route has its file.
#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "exchange.h"

namespace pratiques::server {

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

// The files of the built site (--site), then the assets embedded in the program (static_files.cpp).
class StaticFileHandler : public Handler {
  using Handler::Handler;  // inherited constructors keep the base's (public) access
  void handle(Exchange& ex) override;
};

// GET /recherche: the results page (search_page.cpp).
class SearchPageHandler : public Handler {
  using Handler::Handler;
  void handle(Exchange& ex) override;
};

// GET /api/recherche (search_api.cpp).
class SearchApiHandler : public Handler {
  using Handler::Handler;
  void handle(Exchange& ex) override;
};

// GET /api/fiches/<id> and /api/fiches/<id>/similaires (sheet_api.cpp).
class SheetApiHandler : public Handler {
 public:
  SheetApiHandler(State& st, Target t, std::string id) : Handler(st, std::move(t)), id_(std::move(id)) {}

 protected:
  void handle(Exchange& ex) override;
  std::string id_;
};
class SimilarApiHandler : public SheetApiHandler {
  using SheetApiHandler::SheetApiHandler;
  void handle(Exchange& ex) override;
};

// GET /api/suggestions: completions while typing (suggestions.cpp).
class SuggestionsHandler : public Handler {
  using Handler::Handler;
  void handle(Exchange& ex) override;
};

// GET /api/etat: the generation served and the server's counters (search_api.cpp).
class StatusHandler : public Handler {
  using Handler::Handler;
  void handle(Exchange& ex) override;
};

// GET /opensearch.xml (suggestions.cpp).
class OpenSearchHandler : public Handler {
  using Handler::Handler;
  void handle(Exchange& ex) override;
};

// /oai (OAI-PMH) and the native format's schema (oai.cpp). OAI-PMH 2.0 §3.1.1: a repository
// answers GET and POST (the arguments as an application/x-www-form-urlencoded body).
class OaiHandler : public Handler {
  using Handler::Handler;
  const char* methods() const override { return "GET, HEAD, POST, OPTIONS"; }
  std::size_t max_body() const override { return 8192; }
  void handle(Exchange& ex) override;
};

// Every route of the write side on a read node (ServerOptions::primary_url, read_node.cpp): 503,
// saying that writing happens on the primary, with a link to it when its address is known.
class ReadNodeHandler : public Handler {
  using Handler::Handler;
  const char* methods() const override { return "GET, HEAD, POST, PUT, OPTIONS"; }
  std::size_t max_body() const override { return 64 * 1024; }  // read, and ignored
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

// A request line whose target cannot be read: answered, then the connection closed, as for the
// other framing errors (what follows such a line is not trusted to be the next request).
class MalformedTargetHandler : public ErrorHandler {
 public:
  using ErrorHandler::ErrorHandler;

 protected:
  void handle(Exchange& ex) override {
    ex.response.setKeepAlive(false);
    ErrorHandler::handle(ex);
  }
};

}  // namespace pratiques::server
