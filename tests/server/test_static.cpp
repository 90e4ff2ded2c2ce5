// The static site as the server serves it: types, validators and 304, gzip, no traversal, no listing.
#include <catch2/catch.hpp>

#include "server_fixture.h"

using testing::get;
using testing::shared_server;

namespace {

std::string file(const std::string& rel) { return testing::read_file(shared_server().dir() / "public" / rel); }

}  // namespace

TEST_CASE("static pages and assets have their content types and validators", "[server][static]") {
  auto& s = shared_server();
  struct Case {
    const char* path;
    const char* file;
    const char* type;
  };
  for (const Case& c : {Case{"/", "index.html", "text/html; charset=utf-8"},
                        Case{"/assets/style.css", "assets/style.css", "text/css; charset=utf-8"},
                        Case{"/feed.xml", "feed.xml", "application/atom+xml; charset=utf-8"},
                        Case{"/robots.txt", "robots.txt", "text/plain; charset=utf-8"},
                        Case{"/favicon.ico", "favicon.ico", "image/x-icon"},  // was a 404 at every visit
                        Case{"/favicon.svg", "favicon.svg", "image/svg+xml; charset=utf-8"},
                        Case{"/fiches/sejour-repit-aidants-msa/", "fiches/sejour-repit-aidants-msa/index.html",
                             "text/html; charset=utf-8"}}) {
    INFO(c.path);
    const auto r = s.get(c.path);
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == c.type);
    CHECK(r.body == file(c.file));
    CHECK_FALSE(r.header("etag").empty());
    CHECK_FALSE(r.header("last-modified").empty());
    CHECK(r.header("x-content-type-options") == "nosniff");
  }
}

TEST_CASE("conditional requests are answered 304", "[server][static]") {
  auto& s = shared_server();
  const auto first = s.get("/assets/style.css");
  REQUIRE(first.status == 200);
  const auto by_etag = s.get("/assets/style.css", {{"If-None-Match", first.header("etag")}});
  CHECK(by_etag.status == 304);
  CHECK(by_etag.body.empty());
  CHECK(by_etag.header("etag") == first.header("etag"));
  const auto by_date = s.get("/assets/style.css", {{"If-Modified-Since", first.header("last-modified")}});
  CHECK(by_date.status == 304);
  CHECK(s.get("/assets/style.css", {{"If-None-Match", "\"autre\""}}).status == 200);
  CHECK(s.get("/assets/style.css", {{"If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}}).status == 200);
  // A 304 keeps the connection usable: a second request on it is answered.
  const std::string two = "GET /assets/style.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + first.header("etag") +
                          "\r\n\r\nGET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string out = testing::raw(s.port(), two);
  CHECK(out.find("HTTP/1.1 304") == 0);
  CHECK(out.find("HTTP/1.1 200", 10) != std::string::npos);
}

TEST_CASE("gzip when the client accepts it", "[server][static]") {
  auto& s = shared_server();
  const std::string original = file("index.html");
  const auto z = s.get("/", {{"Accept-Encoding", "gzip, deflate, br"}});
  REQUIRE(z.status == 200);
  CHECK(z.header("content-encoding") == "gzip");
  CHECK(z.header("vary").find("Accept-Encoding") != std::string::npos);
  CHECK(z.body.size() < original.size());
  CHECK(testing::gunzip(z.body) == original);
  const auto plain = s.get("/", {{"Accept-Encoding", "gzip;q=0, identity"}});
  CHECK(plain.header("content-encoding").empty());
  CHECK(plain.body == original);
  CHECK(z.header("etag") != plain.header("etag"));  // two representations, two validators
  CHECK(s.get("/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", z.header("etag")}}).status == 304);
  // Images are not compressed again; dynamic pages and JSON are.
  CHECK(s.get("/recherche?q=potager", {{"Accept-Encoding", "gzip"}}).header("content-encoding") == "gzip");
  const auto api = s.get("/api/recherche?q=potager", {{"Accept-Encoding", "gzip"}});
  CHECK(api.header("content-encoding") == "gzip");
  CHECK(testing::json_get(testing::gunzip(api.body), "total") == "2");
  // A cached response is compressed once and served compressed again, identical to the plain one.
  const auto again = s.get("/api/recherche?q=potager", {{"Accept-Encoding", "gzip"}});
  CHECK(again.header("content-encoding") == "gzip");
  CHECK(again.body == api.body);
  CHECK(testing::gunzip(again.body) == s.get("/api/recherche?q=potager").body);
}

TEST_CASE("no directory traversal, no hidden file, no listing", "[server][static]") {
  auto& s = shared_server();
  testing::write_file(s.dir() / "secret.txt", "secret");
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt", "/.pratiques-build", "/assets/.%2e/.%2e/secret.txt", "//etc/passwd", "/fiches/", "/assets/",
        "/thematiques/../../secret.txt"}) {
    INFO(target);
    const auto r = s.get(target);
    CHECK((r.status == 404 || r.status == 400));
    CHECK(r.body.find("secret") == std::string::npos);
    CHECK(r.body.find("Index of") == std::string::npos);
  }
  // A symbolic link inside the site that points outside is not followed.
  std::error_code ec;
  testing::fs::create_symlink(s.dir() / "secret.txt", s.dir() / "public" / "lien.txt", ec);
  REQUIRE_FALSE(ec);
  CHECK(s.get("/lien.txt").status == 404);
}

TEST_CASE("directories redirect to their slash, unknown pages are the site's 404", "[server][static]") {
  auto& s = shared_server();
  const auto r = s.get("/fiches/sejour-repit-aidants-msa");
  CHECK(r.status == 301);
  CHECK(r.header("location") == "/fiches/sejour-repit-aidants-msa/");
  const auto missing = s.get("/nulle-part/");
  CHECK(missing.status == 404);
  CHECK(missing.body == file("404.html"));
  CHECK(s.get("/assets/js/recherche.js").status == 200);  // the search page's script
  CHECK(s.get("/assets/recherche.css").status == 200);
}

TEST_CASE("HEAD has the headers of GET and no body", "[server][static]") {
  auto& s = shared_server();
  const auto g = s.get("/assets/style.css");
  const auto h = s.get("/assets/style.css", {}, "HEAD");
  CHECK(h.status == 200);
  CHECK(h.body.empty());
  CHECK(h.header("content-length") == g.header("content-length"));
  CHECK(h.header("etag") == g.header("etag"));
  const auto hs = s.get("/api/recherche?q=potager", {}, "HEAD");
  CHECK(hs.status == 200);
  CHECK(hs.body.empty());
}

TEST_CASE("without a built site, the search page is still served", "[server][static]") {
  testing::TestServer bare({}, false);
  const auto home = bare.get("/");
  CHECK(home.status == 302);
  CHECK(home.header("location") == "/recherche");
  CHECK(bare.get("/recherche?q=potager").status == 200);
  // The page's own assets come from the binary.
  const auto js = bare.get("/assets/js/recherche.js");
  CHECK(js.status == 200);
  CHECK(js.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(bare.get("/assets/recherche.css").status == 200);
  // So is the site's icon, which every browser asks for: an ICO holding a PNG.
  const auto icon = bare.get("/favicon.ico");
  CHECK(icon.status == 200);
  CHECK(icon.header("content-type") == "image/x-icon");
  CHECK(icon.body.substr(0, 4) == std::string("\0\0\1\0", 4));
  CHECK(icon.body.substr(22, 4) == "\x89PNG");
  CHECK(bare.get("/favicon.svg").status == 200);
  CHECK(bare.get("/nulle-part").status == 404);
}
