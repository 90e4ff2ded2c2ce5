#include "pratiques/server/http.h"

#include <Poco/DeflatingStream.h>
#include <Poco/InflatingStream.h>

#include <array>
#include <cctype>
#include <cstring>
#include <sstream>

namespace pratiques::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string percent_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      const int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        throw ClientError(400, "Adresse mal formée : « % » doit être suivi de deux chiffres hexadécimaux (encodage %XX).");
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') throw ClientError(400, "Adresse mal formée : caractère nul (%00) refusé.");
      out += decoded;
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static const char* const hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Params parse_query_string(std::string_view query, std::size_t max_params) {
  Params out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    if (out.size() >= max_params)
      throw ClientError(400, "Trop de paramètres dans l'adresse (au plus " + std::to_string(max_params) + ").");
    const std::size_t eq = part.find('=');
    std::string name = percent_decode(part.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : percent_decode(part.substr(eq + 1), true);
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
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
                kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::time_t parse_http_date(std::string_view s) {
  // IMF-fixdate only (what every current client sends).
  char day[4] = {}, mon[4] = {};
  int d = 0, y = 0, hh = 0, mm = 0, ss = 0;
  const std::string str(s.substr(0, 64));
  if (std::sscanf(str.c_str(), "%3s, %d %3s %d %d:%d:%d GMT", day, &d, mon, &y, &hh, &mm, &ss) != 7) return -1;
  int m = -1;
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (std::strcmp(mon, kMonths[i]) == 0) m = static_cast<int>(i);
  if (m < 0 || d < 1 || d > 31 || y < 1970 || hh > 23 || mm > 59 || ss > 60) return -1;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m;
  tm.tm_mday = d;
  tm.tm_hour = hh;
  tm.tm_min = mm;
  tm.tm_sec = ss;
  return timegm(&tm);
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
  return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("application/javascript") ||
         type.starts_with("application/xml") || type.starts_with("application/atom+xml") ||
         type.starts_with("application/opensearchdescription+xml") || type.starts_with("image/svg+xml") ||
         type.starts_with("application/manifest+json") || type.starts_with("application/x-bibtex") ||
         type.starts_with("application/x-research-info-systems");
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
