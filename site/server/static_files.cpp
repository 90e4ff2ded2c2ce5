// The static site: files under --site only (no traversal, no hidden files, no listing), content
// types, ETag / Last-Modified and 304, gzip (compressed bodies cached, bounded), "/dir" → "/dir/".
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "gone.h"
#include "handlers.h"
#include "pratiques/read_file.h"
#include "pratiques/site/templates.h"

namespace fs = std::filesystem;

namespace pratiques::server {

namespace {

constexpr std::uintmax_t kMaxInMemory = 2u << 20;  // larger files are streamed, uncompressed

std::string etag_of(const struct stat& st) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec));
  return buf;
}

// "/a/b/" → {"a", "b", ""}; refuses "..", ".", hidden names, backslashes and empty inner segments.
bool safe_segments(const std::string& path, std::vector<std::string>& segs) {
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool last = slash == std::string::npos;
    if (seg.empty() && !last) return false;  // "//"
    if (!seg.empty() && (seg[0] == '.' || seg.find('\\') != std::string::npos || seg.find('\0') != std::string::npos))
      return false;
    segs.push_back(seg);
    if (last) break;
    start = slash + 1;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::string root, std::size_t cache_bytes) : cache_(cache_bytes) {
  std::error_code ec;
  const fs::path p = fs::canonical(root, ec);
  root_ = ec ? fs::absolute(root).lexically_normal().string() : p.string();
}

std::shared_ptr<const std::string> StaticFiles::gzipped(const std::string& path, const std::string& etag,
                                                        const std::string& raw) {
  const std::string key = path + '\n' + etag;
  if (auto cached = cache_.find(key)) return cached;
  auto z = std::make_shared<const std::string>(gzip(raw, kGzipStatic));
  cache_.put(key, z, key.size() + z->size());
  return z;
}

void StaticFileHandler::handle(Exchange& ex) {
  const std::string& path = ex.target.path;
  std::vector<std::string> segs;
  if (!safe_segments(path, segs)) {
    ex.send_error(404, "Cette adresse ne correspond à aucune page.");
    return;
  }
  const StaticFiles& files = state_.files;
  std::string rel;
  for (std::size_t i = 0; i < segs.size(); ++i) rel += (i ? "/" : "") + segs[i];
  fs::path file = fs::path(files.root()) / rel;
  const bool dir_request = path.back() == '/';

  std::error_code ec;
  auto status = fs::status(file, ec);
  if (!ec && fs::is_directory(status)) {
    if (!dir_request) {  // "/fiches/x" → "/fiches/x/" (relative links of the page need the slash)
      ex.redirect(path + "/" + (ex.target.query.empty() ? "" : "?" + ex.target.query), 301);
      return;
    }
    file /= "index.html";
    status = fs::status(file, ec);
  }
  // Symbolic links may not lead outside the site.
  std::string real;
  if (!ec && fs::is_regular_file(status)) {
    const fs::path canon = fs::canonical(file, ec);
    if (!ec) real = canon.string();
    if (real.size() <= files.root().size() || real.compare(0, files.root().size(), files.root()) != 0 ||
        real[files.root().size()] != '/')
      real.clear();
  }
  if (real.empty()) {
    if (path == "/") {  // no site built yet: the search page is still there
      ex.redirect("/recherche", 302);
      return;
    }
    // Assets of the search page, and the site's icon, are embedded in the binary: served even
    // before `pratiques build` (every browser asks /favicon.ico).
    if (path.starts_with("/assets/") || path == "/favicon.ico" || path == "/favicon.svg") {
      try {
        const std::string_view bytes =
            site::embedded_file(path.starts_with("/assets/") ? path.substr(1) : "assets" + path);
        SendOptions o;
        o.cache = "public, max-age=300";
        ex.send(200, content_type_of(path), std::string(bytes), o);
        return;
      } catch (const std::exception&) {
      }
    }
    if (answer_gone(state_, ex, path)) return;
    std::string page;
    if (read_file(files.root() + "/404.html", page)) {
      SendOptions o;
      o.cache = "no-store";
      ex.send(404, "text/html; charset=utf-8", page, o);
    } else {
      ex.send_error(404, "Cette adresse ne correspond à aucune page.");
    }
    return;
  }

  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) {
    ex.send_error(404, "Cette adresse ne correspond à aucune page.");
    return;
  }
  const std::string type = content_type_of(real);
  const bool worth = compressible(type) && static_cast<std::uintmax_t>(st.st_size) <= kMaxInMemory && st.st_size >= 512;
  const bool gz = worth && accepts_gzip(ex.request.get("Accept-Encoding", ""));
  std::string etag = etag_of(st);
  if (gz) etag.insert(etag.size() - 1, "-gz");
  SendOptions o;
  o.cache = "no-cache";  // always revalidated: a rebuilt site is seen at once, an unchanged file costs a 304
  o.etag = etag;
  o.last_modified = http_date(st.st_mtim.tv_sec);
  o.compress = false;
  if (worth) o.headers.emplace_back("Vary", "Accept-Encoding");

  const std::string inm = ex.request.get("If-None-Match", "");
  bool fresh = false;
  if (!inm.empty()) {
    fresh = etag_matches(inm, etag);
  } else if (ex.request.has("If-Modified-Since")) {
    const std::time_t since = parse_http_date(ex.request.get("If-Modified-Since"));
    fresh = since >= 0 && st.st_mtim.tv_sec <= since;
  }
  if (fresh) {
    ex.send_not_modified(o);
    return;
  }

  if (static_cast<std::uintmax_t>(st.st_size) > kMaxInMemory) {
    std::ifstream in(real, std::ios::binary);
    if (!in) {
      ex.send_error(404, "Cette adresse ne correspond à aucune page.");
      return;
    }
    ex.send_stream(200, type, in, static_cast<std::uint64_t>(st.st_size), o);
    return;
  }
  std::string body;
  if (!read_file(real, body)) {
    ex.send_error(404, "Cette adresse ne correspond à aucune page.");
    return;
  }
  if (gz) {
    auto z = state_.files.gzipped(real, etag, body);
    o.headers.emplace_back("Content-Encoding", "gzip");
    ex.send(200, type, *z, o);
    return;
  }
  ex.send(200, type, body, o);
}

}  // namespace pratiques::server
