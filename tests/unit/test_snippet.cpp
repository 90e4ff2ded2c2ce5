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

TEST_CASE("a match near a chunk boundary keeps its context on both sides", "[snippet]") {
  // Long texts are read in chunks of about 1,000 bytes: put the match just before and just after.
  for (std::size_t filler : {985u, 995u, 1005u, 2990u}) {
    INFO(filler);
    std::string text(filler, 'x');
    for (std::size_t i = 10; i < text.size(); i += 11) text[i] = ' ';
    text += " le potager partagé du quartier est ouvert le samedi matin à tous les habitants";
    text += std::string(400, ' ') + "fin";
    const std::string s = make_snippet(analyzer(), text, {"potager"}, {}, 120);
    CHECK(s.find("<mark>potager</mark>") != std::string::npos);
    CHECK(s.find("samedi") != std::string::npos);  // the words after it, even across the chunk's end
    CHECK(s.size() < 200);
  }
}

TEST_CASE("a word found far into a long text, or only past the scanned part", "[snippet]") {
  std::string text;
  while (text.size() < 9000) text += "remplissage sans rapport ";
  text += "l'atelier d'écriture ";
  const std::string near = make_snippet(analyzer(), text, {}, {analyzer().stem("ecriture")});
  CHECK(near.find("écriture</mark>") != std::string::npos);  // accented word, folded stem
  while (text.size() < 40000) text += "remplissage sans rapport ";
  text += "un potager ";
  // Past the scanned part (12,000 bytes), the beginning of the text, marked as cut.
  const std::string far = make_snippet(analyzer(), text, {"potager"}, {});
  CHECK(far.find("<mark>") == std::string::npos);
  CHECK(far.rfind("remplissage", 0) == 0);
  CHECK(far.size() >= 3);
  CHECK(far.compare(far.size() - 3, 3, "\xE2\x80\xA6") == 0);  // ends with "…"
}

TEST_CASE("an acronym in capitals is highlighted as written, never through a stem", "[snippet]") {
  // "café" stems to "caf": the CAF (caisse d'allocations familiales) is not a café.
  const std::string s = make_snippet(analyzer(), "La CAF ouvre un café des parents", {}, {analyzer().stem("café")});
  CHECK(s.find("<mark>café</mark>") != std::string::npos);
  CHECK(s.find("<mark>CAF</mark>") == std::string::npos);
  // Searched as written, it is.
  CHECK(make_snippet(analyzer(), "La CAF ouvre un café", {"caf"}, {}).find("<mark>CAF</mark>") != std::string::npos);
}
