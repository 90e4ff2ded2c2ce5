// One request and its response: headers, validators, compression, errors (exchange.cpp).
#pragma once
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/server/http.h"
#include "pratiques/server/params.h"
#include "state.h"

namespace pratiques::server {

struct SendOptions {
  std::string cache = "no-cache";
  std::string etag, last_modified;
  bool cors = false;     // Access-Control-Allow-Origin: * (public read-only API)
  bool compress = true;  // gzip when the client accepts it and the type is worth it
  const std::string* gzipped =
      nullptr;  // the body already gzipped; then the body may be empty when the client takes gzip
  std::vector<std::pair<std::string, std::string>> headers;
};

// The security headers of every response (Content-Security-Policy, nosniff, framing, referrer…).
void security_headers(Poco::Net::HTTPResponse& response);
// The HTML page of an error (the site's frame and the "serveur-erreur" template).
std::string error_page(State& st, int status, const std::string& message, const std::string& path);
// An error answered outside any route, before the request could be read (a head Poco refuses):
// the same headers and page as Exchange::send_error, and the connection closed.
void send_bare_error(State& st, Poco::Net::HTTPServerResponse& response, int status, const std::string& message);

class Exchange;
// An application/x-www-form-urlencoded body (at most `max_fields` fields, each valid UTF-8; with
// `multiline`, line breaks are allowed in values). ClientError(400) otherwise.
Params read_form(const Exchange& ex, std::size_t max_fields = 16, bool multiline = false);

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

}  // namespace pratiques::server
