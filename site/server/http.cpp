#include "pratiques/server/http.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace pratiques::server {

namespace {

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

std::string percent_decode(std::string_view s, bool plus_as_space, Encoded source) {
  const std::string malformed = source == Encoded::Form ? "Formulaire mal formé" : "Adresse mal formée";
  // Poco reads '+' as a space only after a '?': a query string alone is replaced beforehand
  // (an encoded plus is "%2B", decoded after).
  std::string in(s), out;
  if (plus_as_space) std::replace(in.begin(), in.end(), '+', ' ');
  try {
    Poco::URI::decode(in, out);
  } catch (const Poco::SyntaxException&) {
    throw ClientError(400, malformed + " : « % » doit être suivi de deux chiffres hexadécimaux (encodage %XX).");
  }
  if (out.find('\0') != std::string::npos) throw ClientError(400, malformed + " : caractère nul (%00) refusé.");
  return out;
}

std::string percent_encode(std::string_view s) {
  // Poco encodes what RFC 3986 makes illegal in a URI; the delimiters of URIs and query strings
  // are added, so that only unreserved characters stay as they are.
  std::string out;
  Poco::URI::encode(std::string(s), "#&+/:;=?@", out);
  return out;
}

Params parse_query_string(std::string_view query, std::size_t max_params, Encoded source) {
  Params out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    if (out.size() >= max_params)
      throw ClientError(400, (source == Encoded::Form ? "Trop de champs dans le formulaire (au plus "
                                                      : "Trop de paramètres dans l'adresse (au plus ") +
                                 std::to_string(max_params) + ").");
    const std::size_t eq = part.find('=');
    std::string name = percent_decode(part.substr(0, eq), true, source);
    std::string value =
        eq == std::string_view::npos ? std::string() : percent_decode(part.substr(eq + 1), true, source);
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::string build_query_string(const Params& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += percent_encode(k);
    out += '=';
    out += percent_encode(v);
  }
  return out;
}

std::string with_param(const std::string& path, const Params& params, const std::string& key,
                       const std::string& value) {
  Params kept;
  for (const auto& p : params)
    if (p.first != key) kept.push_back(p);
  kept.emplace_back(key, value);
  return path + "?" + build_query_string(kept);
}

namespace {

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

void check_framing(std::string_view version, const Params& fields) {
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    const bool well_formed = version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
                             std::isdigit(static_cast<unsigned char>(version[5])) && version[6] == '.' &&
                             std::isdigit(static_cast<unsigned char>(version[7]));
    if (well_formed)
      throw ClientError(505, "Version du protocole HTTP non prise en charge : HTTP/1.1 ou HTTP/1.0 attendu.");
    throw ClientError(400, "Ligne de requête mal formée (une adresse ne contient pas d'espace).");
  }
  int hosts = 0, lengths = 0;
  bool chunked = false;
  for (const auto& [name, value] : fields) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), token_char))
      throw ClientError(400, "En-tête mal formé : nom de champ invalide.");
    if (same_name(name, "Host")) {
      ++hosts;
    } else if (same_name(name, "Content-Length")) {
      if (++lengths > 1) throw ClientError(400, "En-tête Content-Length répété.");
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw ClientError(400, "En-tête Content-Length invalide.");
    } else if (same_name(name, "Transfer-Encoding")) {
      if (chunked || !same_name(value, "chunked"))
        throw ClientError(400, "En-tête Transfer-Encoding non pris en charge.");
      chunked = true;
    }
  }
  if (chunked && lengths) throw ClientError(400, "Content-Length et Transfer-Encoding ensemble : requête ambiguë.");
  if (hosts > 1 || (hosts == 0 && version == "HTTP/1.1")) throw ClientError(400, "Un seul en-tête Host est attendu.");
}

Target split_target(std::string_view target) {
  // Absolute form (proxies): "http://host/path?q" → "/path?q".
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() && iequals(target.substr(0, scheme.size()), scheme)) {
      target.remove_prefix(scheme.size());
      const std::size_t slash = target.find_first_of("/?");
      target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
      if (!target.empty() && target.front() == '?') return {"/", std::string(target.substr(1))};
      break;
    }
  }
  if (target.empty() || target.front() != '/') throw ClientError(400, "Requête mal formée : chemin absolu attendu.");
  const std::size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  const std::size_t q = target.find('?');
  Target t;
  t.path = percent_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) t.query = std::string(target.substr(q + 1));
  return t;
}

bool accepts_gzip(std::string_view header) {
  bool star = false, gzip_seen = false, gzip_ok = false;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string_view coding = trim_ows(item.substr(0, semi));
    bool zero = false;
    if (semi != std::string_view::npos) {
      std::string_view param = trim_ows(item.substr(semi + 1));
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        param.remove_prefix(2);
        zero = true;
        for (char c : param)
          if (c >= '1' && c <= '9') zero = false;
      }
    }
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip_seen = true;
      gzip_ok = !zero;
    } else if (coding == "*") {
      star = !zero;
    }
  }
  return gzip_seen ? gzip_ok : star;
}

std::string http_date(std::time_t t) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(t), Poco::DateTimeFormat::HTTP_FORMAT);
}

std::time_t parse_http_date(std::string_view s) {
  Poco::DateTime date;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(std::string(s.substr(0, 64)), date, zone) || date.year() < 1970) return -1;
  return date.timestamp().epochTime() - zone;
}

std::string gzip(std::string_view data, int level) {
  std::ostringstream out;
  {
    Poco::DeflatingOutputStream z(out, Poco::DeflatingStreamBuf::STREAM_GZIP, level);
    z.write(data.data(), static_cast<std::streamsize>(data.size()));
    z.close();
  }
  return std::move(out).str();
}

std::string gunzip(std::string_view gzipped) {
  std::istringstream in{std::string(gzipped)};
  Poco::InflatingInputStream z(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::ostringstream out;
  out << z.rdbuf();
  return std::move(out).str();
}

bool compressible(std::string_view type) {
  return type.starts_with("text/") || type.starts_with("application/json") ||
         type.starts_with("application/javascript") || type.starts_with("application/xml") ||
         type.starts_with("application/atom+xml") || type.starts_with("application/opensearchdescription+xml") ||
         type.starts_with("image/svg+xml") || type.starts_with("application/manifest+json") ||
         type.starts_with("application/x-bibtex") || type.starts_with("application/x-research-info-systems") ||
         type.starts_with("application/rdf+xml") || type.starts_with("application/jsonl");
}

std::string content_type_of(std::string_view name) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".atom", "application/atom+xml; charset=utf-8"},
      {".svg", "image/svg+xml; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".jsonl", "application/jsonl; charset=utf-8"},  // as /donnees/'s Dataset declares it
      {".ttl", "text/turtle; charset=utf-8"},          // SKOS (/vocabulaires/)
      {".rdf", "application/rdf+xml; charset=utf-8"},
      {".bib", "application/x-bibtex; charset=utf-8"},
      {".ris", "application/x-research-info-systems; charset=utf-8"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".pdf", "application/pdf"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".map", "application/json; charset=utf-8"},
  };
  if (name == "feed.xml" || name.ends_with("/feed.xml")) return "application/atom+xml; charset=utf-8";
  for (const auto& [ext, type] : types) {
    const std::string_view e(ext);
    if (name.size() > e.size() && iequals(name.substr(name.size() - e.size()), e)) return type;
  }
  return "application/octet-stream";
}

bool etag_matches(std::string_view header, std::string_view etag) {
  auto strip_weak = [](std::string_view t) {
    if (t.size() >= 2 && (t[0] == 'W' || t[0] == 'w') && t[1] == '/') t.remove_prefix(2);
    return t;
  };
  etag = strip_weak(etag);
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    const std::string_view item = trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item == "*" || strip_weak(item) == etag) return true;
  }
  return false;
}

}  // namespace pratiques::server
