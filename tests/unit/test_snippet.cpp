// Result extracts (snippet.cpp): the densest window, as text with the byte offsets of the matches;
// to_html() (extract.cpp) escapes it and puts the matches in <mark>.
#include <catch2/catch.hpp>

#include <filesystem>

#include "pratiques/snippet.h"
#include "support.h"

using namespace pratiques;

namespace {
const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}

Extract extract(const std::string& text, std::set<std::string> terms, std::set<std::string> stems,
                std::size_t max_bytes = 240) {
  Highlight h;
  h.terms = std::move(terms);
  h.stems = std::move(stems);
  return make_snippet(analyzer(), text, h, max_bytes);
}

// As the HTML renderers show it.
std::string snip(const std::string& text, std::set<std::string> terms, std::set<std::string> stems,
                 std::size_t max_bytes = 240) {
  return to_html(extract(text, std::move(terms), std::move(stems), max_bytes));
}
}  // namespace

TEST_CASE("matches are marked as written, accents and case ignored", "[snippet]") {
  const std::string s = snip("À L’École des parents", {"ecole"}, {});
  CHECK(s.find("École</mark>") != std::string::npos);
  CHECK(s.find("parents") != std::string::npos);
  CHECK(s.find("<mark>parents") == std::string::npos);
}

TEST_CASE("stems match inflected forms", "[snippet]") {
  const std::string s = snip("Les familles et la famille", {}, {analyzer().stem("famille")});
  CHECK(s == "Les <mark>familles</mark> et la <mark>famille</mark>");
}

TEST_CASE("an extract is plain text with the byte offsets of its matches", "[snippet]") {
  const Extract e = extract("Voir <b>L’École</b> & les écoles", {}, {analyzer().stem("ecole")});
  CHECK(e.text == "Voir <b>L’École</b> & les écoles");  // as written: nothing escaped, nothing added
  REQUIRE(e.marks.size() == 2);
  CHECK(e.marks[0] ==
        Extract::Mark{8, 18});  // bytes: "Voir <b>" is 8, "L’École" 1 + 3 + 6 (the elision goes with its word)
  CHECK(e.marked_texts() == std::vector<std::string>{"L’École", "écoles"});
  // A cut text: the ellipsis is part of the text, and the offsets count it.
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "remplissage ";
  const Extract cut = extract(long_text + "un potager\nici", {"potager"}, {}, 60);
  REQUIRE(cut.marks.size() == 1);
  CHECK(cut.text.rfind("… ", 0) == 0);
  CHECK(cut.marked_texts().front() == "potager");
  CHECK(cut.text.find('\n') == std::string::npos);  // line breaks become spaces, byte for byte
  // Without a match: the text, no mark.
  CHECK_FALSE(extract("Début du texte", {"absent"}, {}).marked());
}

TEST_CASE("marks read from outside are kept only when they can be rendered", "[snippet]") {
  Extract e{"été à la mer", {{0, 5}, {3, 8}, {9, 6}, {9, 11}, {12, 40}}};
  e.sanitize();  // the second overlaps the first, the third is reversed, the last out of range
  CHECK(e.marks == std::vector<Extract::Mark>{{0, 5}, {9, 11}});
  CHECK(e.marked_texts() == std::vector<std::string>{"été", "la"});
  Extract cut{"été", {{1, 3}}};  // would split "é"
  cut.sanitize();
  CHECK(cut.marks.empty());
  Extract joined{"a", {{0, 1}}};
  joined.append(" — ", Extract{"bé", {{1, 3}}});
  CHECK(joined.text == "a — bé");
  CHECK(joined.marked_texts() == std::vector<std::string>{"a", "é"});
}

TEST_CASE("the text is HTML-escaped", "[snippet]") {
  const std::string s = snip("<script>alert('école')</script> & co", {"ecole"}, {});
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
  const std::string s = snip(text, {"potager"}, {}, 120);
  CHECK(s.find("<mark>potager</mark>") != std::string::npos);
  CHECK(s.rfind("… ", 0) == 0);
  CHECK(s.size() < 200);
  CHECK(s.find('\n') == std::string::npos);
  CHECK(snip("", {"x"}, {}).empty());
  // Without any match, the beginning of the text.
  CHECK(snip("Début du texte", {"absent"}, {}) == "Début du texte");
}

TEST_CASE("a match near a chunk boundary keeps its context on both sides", "[snippet]") {
  // Long texts are read in chunks of about 1,000 bytes: put the match just before and just after.
  for (std::size_t filler : {985u, 995u, 1005u, 2990u}) {
    INFO(filler);
    std::string text(filler, 'x');
    for (std::size_t i = 10; i < text.size(); i += 11) text[i] = ' ';
    text += " le potager partagé du quartier est ouvert le samedi matin à tous les habitants";
    text += std::string(400, ' ') + "fin";
    const std::string s = snip(text, {"potager"}, {}, 120);
    CHECK(s.find("<mark>potager</mark>") != std::string::npos);
    CHECK(s.find("samedi") != std::string::npos);  // the words after it, even across the chunk's end
    CHECK(s.size() < 200);
  }
}

TEST_CASE("a word found far into a long text, or only past the scanned part", "[snippet]") {
  std::string text;
  while (text.size() < 9000) text += "remplissage sans rapport ";
  text += "l'atelier d'écriture ";
  const std::string near = snip(text, {}, {analyzer().stem("ecriture")});
  CHECK(near.find("écriture</mark>") != std::string::npos);  // accented word, folded stem
  while (text.size() < 40000) text += "remplissage sans rapport ";
  text += "un potager ";
  // Past the scanned part (12,000 bytes), the beginning of the text, marked as cut.
  const std::string far = snip(text, {"potager"}, {});
  CHECK(far.find("<mark>") == std::string::npos);
  CHECK(far.rfind("remplissage", 0) == 0);
  CHECK(far.size() >= 3);
  CHECK(far.compare(far.size() - 3, 3, "\xE2\x80\xA6") == 0);  // ends with "…"
}

TEST_CASE("an acronym in capitals is highlighted as written, never through a stem", "[snippet]") {
  // "café" stems to "caf": the CAF (caisse d'allocations familiales) is not a café.
  const std::string s = snip("La CAF ouvre un café des parents", {}, {analyzer().stem("café")});
  CHECK(s.find("<mark>café</mark>") != std::string::npos);
  CHECK(s.find("<mark>CAF</mark>") == std::string::npos);
  // Searched as written, it is.
  CHECK(snip("La CAF ouvre un café", {"caf"}, {}).find("<mark>CAF</mark>") != std::string::npos);
}

TEST_CASE("a synonym is marked where one of its terms occurs whole, never by a single word", "[snippet][synonyms]") {
  const auto groups = testing::grid().synonym_groups();
  const SynonymMatcher matcher(groups, analyzer());
  int elderly = -1;
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (groups[g].name == "anneau:Personnes âgées (noms courants)") elderly = static_cast<int>(g);
  REQUIRE(elderly >= 0);
  Highlight h;
  h.groups = {elderly};
  h.synonyms = &matcher;
  const std::string text =
      "Des personnes en recherche d'emploi. Plus loin : l'accueil des personnes âgées et des aînés.";
  const std::string s = to_html(make_snippet(analyzer(), text, h));
  CHECK(s.find("<mark>personnes âgées</mark>") != std::string::npos);
  CHECK(s.find("<mark>aînés</mark>") != std::string::npos);
  CHECK(s.find("<mark>personnes</mark> en recherche") == std::string::npos);  // "personnes" alone is no synonym
}

TEST_CASE("the extract shows the window with the most distinct words sought", "[snippet]") {
  // "potager" three times at the start, "potager" and "tricot" together further: the latter.
  std::string text = "potager potager potager. ";
  for (int i = 0; i < 40; ++i) text += "remplissage ";
  text += "le potager et le tricot du quartier.";
  const std::string s = snip(text, {"potager", "tricot"}, {}, 120);
  CHECK(s.find("<mark>tricot</mark>") != std::string::npos);
  CHECK(s.find("<mark>potager</mark>") != std::string::npos);
}

TEST_CASE("a word whose stem ends in i for its y is marked", "[snippet]") {
  // Extracts skip the words that do not start as a stem sought; Snowball turns y into i in some.
  REQUIRE(analyzer().stem("envoyer") == "envoi");
  REQUIRE(analyzer().stem("voyez") == "voi");
  const std::string s = snip("Envoyer un dossier, payer le loyer. Voyez un envoi", {}, {analyzer().stem("envoyer")});
  CHECK(s.find("<mark>Envoyer</mark>") != std::string::npos);
  CHECK(s.find("<mark>envoi</mark>") != std::string::npos);
  CHECK(s.find("<mark>payer</mark>") == std::string::npos);
  CHECK(snip("Voyez le loyer", {}, {analyzer().stem("voyez")}) == "<mark>Voyez</mark> le loyer");
}

TEST_CASE("reading only around the words that may be sought gives the extract of reading them all", "[snippet]") {
  // make_snippet breaks into words only the passages around the words that may be sought. A term
  // sought that starts with an apostrophe, which no word does, makes it read every word: both
  // extracts must be the same, on every sheet, for words sought near and far, alone, together,
  // inflected, through a synonym, and in texts of other scripts and decomposed accents.
  const auto groups = testing::grid().synonym_groups();
  const SynonymMatcher matcher(groups, analyzer());
  std::set<int> elderly;
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (groups[g].name.find("Personnes âgées") != std::string::npos) elderly.insert(static_cast<int>(g));
  REQUIRE_FALSE(elderly.empty());
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() / "content" / "fiches"))
    texts.push_back(testing::read_file(entry.path()));
  texts.push_back(
      "Un texte en ελληνικά puis l’École, la CAF, 1.5 % et a_b, x@y, co-formation, e\xCC\x81"
      "cole, "
      "œuvre, jusqu'à l'école, des personnes âgées.");
  std::size_t compared = 0, marked = 0;
  for (const std::string& text : texts) {
    const std::vector<Token> words = analyzer().tokenize(text);
    REQUIRE(words.size() > 10);
    for (const std::size_t at : {std::size_t{3}, words.size() / 3, words.size() / 2, words.size() - 2}) {
      for (int kind = 0; kind < 3; ++kind) {
        Highlight h;
        h.synonyms = &matcher;
        if (kind == 0) h.terms = {words[at].term};
        if (kind >= 1) h.stems = {analyzer().stem(words[at].term), analyzer().stem(words[at / 2].term)};
        if (kind == 2) h.groups = elderly;
        for (const std::size_t max_bytes : {std::size_t{80}, std::size_t{240}}) {
          const Extract around = make_snippet(analyzer(), text, h, max_bytes);
          Highlight all_words = h;
          all_words.terms.insert("'");
          const Extract all = make_snippet(analyzer(), text, all_words, max_bytes);
          INFO(text.substr(0, 60) << " | " << words[at].term << " | " << kind << " | " << max_bytes);
          CHECK(around.text == all.text);
          CHECK(around.marks == all.marks);
          ++compared;
          marked += around.marked();
        }
      }
    }
  }
  CHECK(compared > 900);
  CHECK(marked > compared / 2);
}

TEST_CASE("find_snippet gives the extract of a match and nothing without one", "[snippet]") {
  Highlight h;
  h.terms = {"potager"};
  const std::string with = "Le jardin et le potager du quartier", without = "Le jardin du quartier";
  const auto found = find_snippet(analyzer(), with, h);
  REQUIRE(found.has_value());
  CHECK(*found == make_snippet(analyzer(), with, h));
  CHECK(found->marked());
  CHECK_FALSE(find_snippet(analyzer(), without, h).has_value());
  CHECK(make_snippet(analyzer(), without, h).text == without);  // make_snippet: the beginning
}

TEST_CASE("an extract marks its English terms with their language, and its matches inside or across them",
          "[snippet][lang]") {
  const ForeignTerms english({{"community organizing", "en"}, {"empowerment", "en"}});
  Extract e;
  e.text = "Le community organizing & l'empowerment des habitants";
  const auto at = [&](const std::string& s) { return e.text.find(s); };
  // A match inside a term, a phrase matched across a term's edge, one outside.
  e.marks = {{at("organizing"), at("organizing") + 10},
             {at("empowerment"), at("empowerment") + 11 + 4},
             {at("habitants"), at("habitants") + 9}};
  CHECK(to_html(e, &english) ==
        "Le <span lang=\"en\">community <mark>organizing</mark></span> &amp; l&#39;<span lang=\"en\">"
        "<mark>empowerment</mark></span><mark> des</mark> <mark>habitants</mark>");
  // Without terms, as before: the matches alone.
  CHECK(to_html(e) ==
        "Le community <mark>organizing</mark> &amp; l&#39;<mark>empowerment des</mark> <mark>habitants</mark>");
}
