// French typography: no-break spaces before ; : ! ? and inside guillemets, in generated text and
// in content; dates and numbers in French.
#include <catch2/catch.hpp>

#include <regex>

#include "pratiques/site/markdown.h"
#include "pratiques/site/typography.h"
#include "site_fixture.h"

using namespace sitetest;
using pratiques::site::fr_count;
using pratiques::site::fr_date;
using pratiques::site::fr_number;
using pratiques::site::fr_typo;

namespace {
const std::string nb = "\u00a0";    // espace insécable
const std::string fine = "\u202f";  // espace fine insécable

// The text a reader sees: no tags, scripts, styles or code; entities decoded.
std::string visible_text(std::string html) {
  for (const char* tag : {"script", "style", "code", "pre", "title"}) {
    const std::regex block("<" + std::string(tag) + R"([\s>][\s\S]*?</)" + tag + ">");
    html = std::regex_replace(html, block, " ");
  }
  html = std::regex_replace(html, std::regex("<[^>]*>"), "");
  for (auto [from, to] : {std::pair<std::string, std::string>{"&#160;", nb},
                          {"&amp;", "&"},
                          {"&lt;", "<"},
                          {"&gt;", ">"},
                          {"&quot;", "\""}})
    for (std::size_t p; (p = html.find(from)) != std::string::npos;) html.replace(p, from.size(), to);
  return html;
}
}  // namespace

TEST_CASE("fr_typo puts no-break spaces where French typography wants them", "[site][typography]") {
  CHECK(fr_typo("Pourquoi ?") == "Pourquoi" + fine + "?");
  CHECK(fr_typo("Attention !") == "Attention" + fine + "!");
  CHECK(fr_typo("un ; deux") == "un" + fine + "; deux");
  CHECK(fr_typo("Note : voir") == "Note" + nb + ": voir");
  CHECK(fr_typo("« Crédiscussion »") == "«" + nb + "Crédiscussion" + nb + "»");
  CHECK(fr_typo("«Crédiscussion»") == "«" + nb + "Crédiscussion" + nb + "»");
  CHECK(fr_typo("le \"nom\" du groupe") == "le «" + nb + "nom" + nb + "» du groupe");
  // No space added where there was none (URLs, times, references).
  CHECK(fr_typo("https://example.org/a?b=c") == "https://example.org/a?b=c");
  CHECK(fr_typo("10:30 et 003:2991-3113") == "10:30 et 003:2991-3113");
  CHECK(fr_typo("déjà" + nb + ": bon") == "déjà" + nb + ": bon");
}

TEST_CASE("Markdown text gets French typography, code does not", "[site][typography]") {
  CHECK(pratiques::site::markdown_to_html("Pourquoi ? `a ? b`") == "<p>Pourquoi" + fine + "? <code>a ? b</code></p>\n");
  CHECK(pratiques::site::markdown_to_html("le \"**nom**\" choisi") ==
        "<p>le «" + nb + "<strong>nom</strong>" + nb + "» choisi</p>\n");
}

TEST_CASE("dates and numbers in French", "[site][typography]") {
  CHECK(fr_date("2026-11-21") == "21" + nb + "novembre" + nb + "2026");
  CHECK(fr_date("2026-08-01") == "1er" + nb + "août" + nb + "2026");
  CHECK(fr_date("2011-02") == "février" + nb + "2011");
  CHECK(fr_date("2011") == "2011");
  CHECK(fr_date("n'importe") == "n'importe");
  CHECK(fr_number(10000) == "10" + fine + "000");
  CHECK(fr_number(999) == "999");
  CHECK(fr_count(1, "fiche", "fiches") == "1" + nb + "fiche");
  CHECK(fr_count(1234, "fiche", "fiches") == "1" + fine + "234" + nb + "fiches");
}

TEST_CASE("no ordinary space before a colon, a semicolon, ! and ? or inside guillemets in any generated page",
          "[site][typography]") {
  static SiteFixture site;
  const std::regex bad(R"( [:;!?]| »|« )");  // alternation: » and « are two bytes each
  std::size_t pages = 0;
  for (const auto& e : fs::recursive_directory_iterator(site.out)) {
    if (e.path().extension() != ".html") continue;
    ++pages;
    const std::string text = visible_text(read(e.path()));
    std::smatch m;
    INFO(fs::relative(e.path(), site.out).string());
    if (std::regex_search(text, m, bad)) {
      const auto at = static_cast<std::size_t>(m.position(0));
      FAIL("« " << text.substr(at > 40 ? at - 40 : 0, 80) << " »");
    }
    CHECK(text.find('"') == std::string::npos);  // straight quotes became guillemets
  }
  CHECK(pages > 20);
  // Generated labels themselves.
  const std::string sheet = site.page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  CHECK(sheet.find("Adresse permanente&#160;:") != std::string::npos);
  CHECK(sheet.find("échelle" + nb + ": Commune") != std::string::npos);
}

TEST_CASE("a moment of the journal in French local time, summer and winter time from the time zone database",
          "[site][typography]") {
  using pratiques::site::fr_datetime;
  // Winter: UTC+1 ; summer: UTC+2 ; the change on the last Sunday of March at 01:00 UTC.
  CHECK(fr_datetime("2026-12-06T09:18:14Z") == "6" + nb + "décembre" + nb + "2026 à 10" + nb + "h" + nb + "18");
  CHECK(fr_datetime("2026-07-01T22:05:00Z") == "2" + nb + "juillet" + nb + "2026 à 0" + nb + "h" + nb + "05");
  CHECK(fr_datetime("2026-03-29T00:59:00Z") == "29" + nb + "mars" + nb + "2026 à 1" + nb + "h" + nb + "59");
  CHECK(fr_datetime("2026-03-29T01:00:00Z") == "29" + nb + "mars" + nb + "2026 à 3" + nb + "h" + nb + "00");
  CHECK(fr_datetime("2026-10-31T23:30:00Z") == "1er" + nb + "novembre" + nb + "2026 à 0" + nb + "h" + nb + "30");
  CHECK(fr_datetime("pas une date") == "pas une date");  // what cannot be read is shown as it is
}
