// The frame of every route (Handler::handleRequest): in-flight accounting, methods, request
// bodies, admission, and errors turned into responses.
#include <Poco/Net/NetException.h>

#include <algorithm>
#include <iostream>

#include "handlers.h"
#include "pratiques/os_error.h"

namespace pratiques::server {

namespace {

// Reads the request body, up to `keep` bytes into `out` (the rest of at most 64 KiB is read and
// ignored); a larger body is a 413 and the connection is closed. A body that does not arrive whole
// (the client left, or was cut at its deadline: Watchdog::body_started) is never handled.
void read_body(Watchdog& watchdog, Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp,
               std::size_t keep, std::string* out) {
  const std::streamsize max = std::max<std::streamsize>(64 * 1024, static_cast<std::streamsize>(keep));
  const std::string message =
      keep ? "Corps de requête trop volumineux : au plus " + std::to_string(keep) + " octets ici."
           : "Corps de requête trop volumineux : cette adresse n'accepte que des requêtes sans corps (au plus 64 Kio).";
  const bool chunked = req.getChunkedTransferEncoding();
  if (!chunked && (!req.hasContentLength() || req.getContentLength64() == 0)) return;
  if (!chunked && req.getContentLength64() > max) {
    resp.setKeepAlive(false);  // the body is not read: the connection cannot be reused
    throw ClientError(413, message);
  }
  watchdog.body_started(chunked ? static_cast<std::uint64_t>(max)
                                : static_cast<std::uint64_t>(req.getContentLength64()));
  struct Finished {
    Watchdog& w;
    ~Finished() { w.body_finished(); }
  } finished{watchdog};
  char buf[8192];
  std::streamsize total = 0;
  std::istream& in = req.stream();
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    total += in.gcount();
    if (total > max) {
      resp.setKeepAlive(false);
      throw ClientError(413, message);
    }
    if (out) out->append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (watchdog.cut_off() || (!chunked && total < req.getContentLength64())) {
    resp.setKeepAlive(false);
    throw Poco::Net::ConnectionAbortedException("corps de requête incomplet");  // nothing to answer
  }
  if (out && out->size() > keep) throw ClientError(413, message);
}

bool allowed(const std::string& method, std::string_view methods) {
  for (std::size_t start = 0; start < methods.size();) {
    const std::size_t comma = std::min(methods.find(',', start), methods.size());
    std::string_view m = methods.substr(start, comma - start);
    while (!m.empty() && m.front() == ' ') m.remove_prefix(1);
    if (m == method) return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace

void Handler::handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) {
  state_.watchdog.request_started();
  ++state_.requests;
  Exchange ex(state_, req, resp, target_);
  try {
    try {
      check_framing(req.getVersion(), Params(req.begin(), req.end()));
    } catch (const ClientError&) {
      resp.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
      resp.setKeepAlive(false);  // what follows on this connection cannot be trusted to be a request
      throw;
    }
    const std::string& method = req.getMethod();
    if (method == "OPTIONS") {
      SendOptions o;
      o.headers = {
          {"Allow", methods()}, {"Access-Control-Allow-Methods", methods()}, {"Access-Control-Max-Age", "86400"}};
      o.cors = true;
      read_body(state_.watchdog, req, resp, 0, nullptr);
      ex.send(204, "", "", o);
    } else if (!allowed(method, methods())) {
      resp.set("Allow", methods());
      if (req.getChunkedTransferEncoding() || (req.hasContentLength() && req.getContentLength64() > 0))
        resp.setKeepAlive(false);
      ex.send_error(405,
                    "Méthode « " + method + " » non permise à cette adresse (méthodes acceptées : " + methods() + ").");
    } else {
      const bool with_body = method == "POST" || method == "PUT";
      read_body(state_.watchdog, req, resp, with_body ? max_body() : 0, with_body ? &ex.body : nullptr);
      ex.admit();
      handle(ex);
    }
  } catch (const ClientError& e) {
    if (!ex.sent()) ex.send_error(e.status, e.what());
  } catch (const SearchError& e) {
    if (!ex.sent()) ex.send_error(400, e.what());
  } catch (const StorageError& e) {
    // Full, read-only, not permitted: the operator's to fix, and nothing a retry soon will clear.
    ++state_.server_errors;
    std::cerr << "pratiques serve : écriture refusée sur " << target_.path << " : " << e.what() << "\n";
    if (!ex.sent()) {
      try {
        ex.send_error(503,
                      "Le serveur ne peut pas écrire ses fichiers : rien n’a été enregistré. "
                      "L’administrateur du serveur trouvera la cause dans son journal.");
      } catch (...) {
      }
    }
  } catch (const Poco::Net::NetException&) {
    // The client went away (or timed out) while we wrote: nothing to answer.
  } catch (const Poco::TimeoutException&) {
  } catch (const std::exception& e) {
    ++state_.server_errors;
    std::cerr << "pratiques serve : erreur interne sur " << target_.path << " : " << e.what() << "\n";
    if (!ex.sent()) {
      try {
        ex.send_error(500, "Erreur interne du serveur. Elle est consignée ; réessayez dans un instant.");
      } catch (...) {
      }
    }
  }
  state_.watchdog.request_finished();
}

}  // namespace pratiques::server
