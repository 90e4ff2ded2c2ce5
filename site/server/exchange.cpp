// Responses: common headers (security, caching, compression), validators, errors.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/NetException.h>

#include <cstdio>
#include <sstream>

#include "exchange.h"
#include "page_frame.h"
#include "pratiques/site/layout.h"
#include "pratiques/text.h"

namespace pratiques::server {

namespace {

// No inline script or style anywhere: the pages load /assets/*.css and /assets/js/*.js only.
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const char* reason_of(int status) {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 201: return "Created";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "";
  }
}

std::string error_title(int status) {
  switch (status) {
    case 400: return "Requête invalide";
    case 401: return "Connexion nécessaire";
    case 403: return "Accès refusé";
    case 404: return "Page introuvable";
    case 410: return "Fiche archivée";
    case 405: return "Méthode non permise";
    case 413: return "Requête trop volumineuse";
    case 414: return "Adresse trop longue";
    case 503: return "Service momentanément indisponible";
    case 505: return "Version HTTP non prise en charge";
    default: return status >= 500 ? "Erreur du serveur" : "Requête refusée";
  }
}

}  // namespace

Exchange::Exchange(State& st, Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, Target t)
    : state(st), request(req), response(resp), target(std::move(t)), started_(Clock::now()) {}

const Params& Exchange::params() {
  if (!params_) params_ = parse_query_string(target.query);
  return *params_;
}

// Never the request's Host header: reflected into canonical links and /opensearch.xml, it let
// anyone poison a shared cache (behind a proxy, --url gives the public origin).
std::string Exchange::base_url() const {
  return state.options.public_url.empty() ? state.local_url : state.options.public_url;
}

double Exchange::elapsed_ms() const {
  return std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
}

void Exchange::add_timing(const std::string& name, double ms) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s;dur=%.2f", name.c_str(), ms);
  timing_ += (timing_.empty() ? "" : ", ") + std::string(buf);
}

bool Exchange::sent() const { return response.sent(); }

void security_headers(Poco::Net::HTTPResponse& response) {
  response.set("Content-Security-Policy", kCsp);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "same-origin");
  response.set("X-Frame-Options", "DENY");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
}

void Exchange::common_headers(int status, const SendOptions& o) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status), reason_of(status));
  security_headers(response);
  if (!o.cache.empty()) response.set("Cache-Control", o.cache);
  if (!o.etag.empty()) response.set("ETag", o.etag);
  if (!o.last_modified.empty()) response.set("Last-Modified", o.last_modified);
  if (o.cors || is_api()) response.set("Access-Control-Allow-Origin", "*");
  for (const auto& [k, v] : o.headers) response.set(k, v);
  if (state.draining || state.watchdog.crowded()) response.setKeepAlive(false);
  add_timing("total", elapsed_ms());
  response.set("Server-Timing", timing_);
}

void Exchange::send(int status, const std::string& type, const std::string& body, const SendOptions& o) {
  const bool worth = o.compress && compressible(type);
  const bool gz = worth && (o.gzipped || body.size() >= 512) && accepts_gzip(request.get("Accept-Encoding", ""));
  common_headers(status, o);
  if (!type.empty()) response.setContentType(type);
  if (worth) {
    const std::string vary = response.get("Vary", "");
    response.set("Vary", vary.empty() ? "Accept-Encoding" : vary + ", Accept-Encoding");
  }
  if (gz && o.gzipped) {
    response.set("Content-Encoding", "gzip");
    ticket_.release();
    response.sendBuffer(o.gzipped->data(), o.gzipped->size());
  } else if (gz) {
    const std::string z = gzip(body, kGzipDynamic);
    response.set("Content-Encoding", "gzip");
    ticket_.release();
    response.sendBuffer(z.data(), z.size());
  } else {
    ticket_.release();
    response.sendBuffer(body.data(), body.size());
  }
}

void Exchange::send_json(int status, const std::string& json, const SendOptions& o) {
  SendOptions opt = o;
  opt.cors = true;
  send(status, "application/json; charset=utf-8", json, opt);
}

void Exchange::send_not_modified(const SendOptions& o) {
  common_headers(304, o);
  ticket_.release();
  response.send();  // headers only
}

void Exchange::send_stream(int status, const std::string& type, std::istream& in, std::uint64_t size,
                           const SendOptions& o) {
  common_headers(status, o);
  response.setContentType(type);
  response.setContentLength64(static_cast<Poco::Int64>(size));
  ticket_.release();
  std::ostream& out = response.send();
  if (request.getMethod() == "HEAD") return;
  char buf[64 * 1024];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.write(buf, in.gcount());
    if (!out) throw Poco::Net::NetException("écriture interrompue");
  }
  out.flush();
}

void Exchange::redirect(const std::string& location, int status) {
  SendOptions o;
  o.headers.emplace_back("Location", location);
  send(status, "text/plain; charset=utf-8", "Voir " + location + "\n", o);
}

void Exchange::send_error(int status, const std::string& message) {
  SendOptions o;
  o.cache = "no-store";
  if (status == 413 || status == 414 || status >= 500) response.setKeepAlive(false);
  if (is_api()) {
    Poco::JSON::Object e(Poco::JSON_PRESERVE_KEY_ORDER);
    e.set("erreur", message);
    e.set("statut", status);
    std::ostringstream out;
    e.stringify(out);
    send_json(status, out.str(), o);
    return;
  }
  send(status, "text/html; charset=utf-8", error_page(state, status, message, target.path.empty() ? "/" : "/recherche"),
       o);
}

std::string error_page(State& st, int status, const std::string& message, const std::string& path) {
  try {
    site::Object m;
    m["title"] = site::Data(error_title(status));
    m["message"] = site::Data(message);
    site::PageMeta meta;
    meta.title = error_title(status);
    meta.path = path;
    meta.noindex = true;
    const std::string base = st.options.public_url.empty() ? st.local_url : st.options.public_url;
    return render_page(st, base, meta, templates().render("serveur-erreur", site::Data(m)));
  } catch (const std::exception&) {
    return "<!DOCTYPE html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Erreur</title><p>" +
           text::html_escape(message) + "</p></html>";
  }
}

void send_bare_error(State& st, Poco::Net::HTTPServerResponse& response, int status, const std::string& message) {
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status), reason_of(status));
  security_headers(response);
  response.set("Cache-Control", "no-store");
  response.setKeepAlive(false);
  response.setContentType("text/html; charset=utf-8");
  const std::string html = error_page(st, status, message, "/");
  response.sendBuffer(html.data(), html.size());
}

Params read_form(const Exchange& ex, std::size_t max_fields, bool multiline) {
  if (ex.request.getContentType().rfind("application/x-www-form-urlencoded", 0) != 0)
    throw ClientError(400, "Formulaire attendu (application/x-www-form-urlencoded).");
  Params p = parse_query_string(ex.body, max_fields, Encoded::Form);
  for (auto& [k, v] : p) {
    if (multiline) {
      // A textarea sends CR LF line breaks: kept as LF; other control characters are refused.
      std::string lf;
      lf.reserve(v.size());
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!(v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n')) lf += v[i] == '\r' ? '\n' : v[i];
      v = std::move(lf);
    }
    std::string plain = v;
    if (multiline)
      for (char& c : plain)
        if (c == '\n') c = ' ';
    if (!clean_utf8(plain)) throw ClientError(400, "Le formulaire contient un texte qui n'est pas en UTF-8 valide.");
  }
  return p;
}

}  // namespace pratiques::server
