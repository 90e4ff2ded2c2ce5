// Result extracts (snippet.cpp): the densest window, HTML-escaped, matches in <mark>.
#include <catch2/catch.hpp>

#include "pratiques/snippet.h"

using namespace pratiques;

namespace {
const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}
}  // namespace

TEST_CASE("matches are marked as written, accents and case ignored", "[snippet]") {
  const std::string s = make_snippet(analyzer(), "À L’École des parents", {"ecole"}, {});
  CHECK(s.find("École</mark>") != std::string::npos);
  CHECK(s.find("parents") != std::string::npos);
  CHECK(s.find("<mark>parents") == std::string::npos);
}

TEST_CASE("stems match inflected forms", "[snippet]") {
  const std::string s = make_snippet(analyzer(), "Les familles et la famille", {}, {analyzer().stem("famille")});
  CHECK(s == "Les <mark>familles</mark> et la <mark>famille</mark>");
}

TEST_CASE("the text is HTML-escaped", "[snippet]") {
  const std::string s = make_snippet(analyzer(), "<script>alert('école')</script> & co", {"ecole"}, {});
  CHECK(s.find("<script") == std::string::npos);
  CHECK(s.find("</script") == std::string::npos);
  CHECK(s.find("&lt;/script&gt;") != std::string::npos);
  CHECK(s.find("<mark>école</mark>") != std::string::npos);
  CHECK(s.find("&amp; co") != std::string::npos);
}

TEST_CASE("a long text is cut around the matches", "[snippet]") {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "remplissage ";
  text += "le potager partagé ";
  for (int i = 0; i < 100; ++i) text += "suite ";
  const std::string s = make_snippet(analyzer(), text, {"potager"}, {}, 120);
  CHECK(s.find("<mark>potager</mark>") != std::string::npos);
  CHECK(s.rfind("… ", 0) == 0);
  CHECK(s.size() < 200);
  CHECK(s.find('\n') == std::string::npos);
  CHECK(make_snippet(analyzer(), "", {"x"}, {}).empty());
  // Without any match, the beginning of the text.
  CHECK(make_snippet(analyzer(), "Début du texte", {"absent"}, {}) == "Début du texte");
}
