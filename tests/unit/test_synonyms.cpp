// SynonymMatcher (synonyms.cpp): vocabulary labels and synonyms, rings and acronyms, matched on stems.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pratiques/catalog.h"
#include "pratiques/synonyms.h"
#include "support.h"

using namespace pratiques;

namespace {

const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}

const std::vector<SynonymGroup>& groups() {
  static const auto g = testing::grid().synonym_groups();
  return g;
}

const SynonymMatcher& matcher() {
  static const SynonymMatcher m(groups(), analyzer());
  return m;
}

int group_index(const std::string& name) {
  for (std::size_t i = 0; i < groups().size(); ++i)
    if (groups()[i].name == name) return static_cast<int>(i);
  FAIL("no synonym group " << name);
  return -1;
}

std::vector<Token> words(const std::string& text) {
  std::vector<Token> out;
  for (auto& t : analyzer().tokenize_stemmed(text))
    if (!t.joined) out.push_back(std::move(t));
  return out;
}

// Names of the groups matched in a text.
std::set<std::string> matched(const SynonymMatcher& m, const std::string& text) {
  std::set<std::string> out;
  for (const auto& x : m.match(words(text))) out.insert(groups()[static_cast<std::size_t>(x.group)].name);
  return out;
}

}  // namespace

TEST_CASE("an acronym and its expansion belong to the same group", "[synonyms]") {
  CHECK(matched(matcher(), "avec la MSA").count("sigle:MSA"));
  CHECK(matched(matcher(), "avec la Mutualité sociale agricole").count("sigle:MSA"));
  CHECK(matched(matcher(), "la mutualite sociale agricole").count("sigle:MSA"));
  CHECK(matched(matcher(), "un groupe d'entraide mutuelle").count("sigle:GEM"));
  CHECK(matched(matcher(), "Caisse d’allocations familiales").count("sigle:CAF"));
  CHECK(matched(matcher(), "les caisses d'allocations familiales").count("sigle:CAF"));  // stems: plural
  CHECK_FALSE(matched(matcher(), "la mutualité agricole").count("sigle:MSA"));           // every word is needed
}

TEST_CASE("match positions cover the words of the term", "[synonyms]") {
  const auto tokens = words("avec la mutualité sociale agricole du Périgord");
  const int msa = group_index("sigle:MSA");
  bool seen = false;
  for (const auto& m : matcher().match(tokens))
    if (m.group == msa) {
      seen = true;
      CHECK(m.first == 2);
      CHECK(m.last == 4);
    }
  CHECK(seen);
}

TEST_CASE("a ring relates equivalent terms", "[synonyms]") {
  CHECK(matched(matcher(), "empowerment").count("anneau:Pouvoir d'agir"));
  CHECK(matched(matcher(), "le pouvoir d’agir des habitants").count("anneau:Pouvoir d'agir"));
  CHECK(matched(matcher(), "croisement des savoirs").count("anneau:Co-formation"));
}

TEST_CASE("acronyms are matched on their folded form, never on a stem", "[synonyms]") {
  // "DEES" and "ETS" stem to "de" and "et"; "Caf" to the stem of "café".
  CHECK(matched(matcher(), "de la des et").empty());
  CHECK_FALSE(matched(matcher(), "un café").count("sigle:CAF"));
  CHECK(matched(matcher(), "un DEES").count("sigle:DEES"));
  CHECK(matched(matcher(), "la Caf du Nord").count("sigle:CAF"));
  CHECK(matched(matcher(), "le rSa").count("sigle:RSA"));
}

TEST_CASE("acronyms spelling French words match only in capitals", "[synonyms]") {
  CHECK(matched(matcher(), "le CAS").count("sigle:CAS"));
  CHECK_FALSE(matched(matcher(), "dans ce cas").count("sigle:CAS"));
  CHECK(matched(matcher(), "un DE d'assistant social").count("sigle:DE"));
  CHECK_FALSE(matched(matcher(), "un diplôme de travail social").count("sigle:DE"));
}

TEST_CASE("longest keeps the longest match at each position, without overlap", "[synonyms]") {
  const auto tokens = words("le développement du pouvoir d'agir");
  const auto all = matcher().match(tokens);
  const auto longest = matcher().longest(tokens);
  REQUIRE_FALSE(longest.empty());
  CHECK(longest.front().first == 1);
  CHECK(longest.front().last == 4);  // "développement du pouvoir d'agir", not just "pouvoir d'agir"
  CHECK(all.size() >= longest.size());
  for (std::size_t i = 1; i < longest.size(); ++i)
    CHECK((longest[i].first > longest[i - 1].last || longest[i].first == longest[i - 1].first));
}

TEST_CASE("stems: those of the groups asked, the ones that start a pattern apart", "[synonyms]") {
  // sigle:MSA: "msa" (its acronym, as written) and "mutualité sociale agricole".
  const int msa = group_index("sigle:MSA");
  const auto& stems = matcher().stems(msa);
  const auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  CHECK(has(stems.first, "msa"));
  CHECK(has(stems.first, analyzer().stem("mutualite")));
  CHECK_FALSE(has(stems.first, analyzer().stem("sociale")));  // never the first word
  CHECK(has(stems.all, analyzer().stem("sociale")));
  for (const auto& term : groups()[static_cast<std::size_t>(msa)].terms)
    for (const auto& w : words(term)) CHECK((has(stems.all, w.stem) || has(stems.all, w.term)));
  CHECK_FALSE(has(stems.all, analyzer().stem("caisse")));  // another group's
  CHECK(matcher().stems(-1).all.empty());                  // unknown groups
  CHECK(matcher().stems(static_cast<int>(groups().size()) + 5).first.empty());
}

TEST_CASE("synonyms survive a round trip through the catalogue", "[synonyms][catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  cat.transaction([&] { matcher().save(cat); });
  // Every term of every group as it is written: every pattern, acronyms in capitals included.
  std::string text = "avec la MSA, un DE, empowerment. ";
  for (const auto& g : groups())
    for (const auto* list : {&g.terms, &g.narrower})
      for (const auto& t : *list) text += t + ". ";
  const auto tokens = words(text);
  auto same_as_built = [&](const SynonymMatcher& loaded) {
    CHECK(loaded.size() == matcher().size());
    for (const auto& [a, b] : {std::pair{matcher().match(tokens), loaded.match(tokens)},
                               std::pair{matcher().longest(tokens), loaded.longest(tokens)}}) {
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].group == b[i].group);
        CHECK(a[i].first == b[i].first);
        CHECK(a[i].last == b[i].last);
      }
    }
  };
  auto same_stems = [&](const SynonymMatcher& loaded) {
    for (std::size_t g = 0; g < groups().size(); ++g) {
      CHECK(loaded.stems(static_cast<int>(g)).first == matcher().stems(static_cast<int>(g)).first);
      CHECK(loaded.stems(static_cast<int>(g)).all == matcher().stems(static_cast<int>(g)).all);
    }
  };
  same_as_built(SynonymMatcher::load(cat, analyzer()));  // the patterns as saved
  same_stems(SynonymMatcher::load(cat, analyzer()));
  cat.set_meta("synonymes_motifs", "");  // a catalogue written before they were kept
  same_as_built(SynonymMatcher::load(cat, analyzer()));
  same_stems(SynonymMatcher::load(cat, analyzer()));
  // The saved patterns are what a searcher reads, not the terms broken and stemmed again.
  const std::string stem = analyzer().stem("zzzx");
  cat.set_meta("synonymes_motifs", "0\t\t" + stem + "\n");
  const auto read = SynonymMatcher::load(cat, analyzer()).match(words("un zzzx"));
  REQUIRE(read.size() == 1);
  CHECK(read.front().group == 0);
  CHECK(read.front().first == 1);
}

TEST_CASE("a term's short words may differ in a text, words written side by side stay so", "[synonyms]") {
  const auto& stopwords = testing::grid().search.stopwords;
  const std::set<std::string> short_words(stopwords.begin(), stopwords.end());
  const SynonymMatcher m(groups(), analyzer(), short_words);
  // "Conseil de la vie sociale" (the CVS): its short words differ, or are left out.
  for (const char* text : {"les conseils de vie sociale", "un conseil de la vie sociale", "le conseil vie sociale"}) {
    INFO(text);
    CHECK(matched(m, text).count("sigle:CVS"));
  }
  CHECK_FALSE(matched(m, "le conseil de la commune et la vie sociale").count("sigle:CVS"));  // more than two between
  // Words the term writes side by side: no short word may come between them.
  CHECK(matched(m, "une mutualité sociale agricole").count("sigle:MSA"));
  CHECK_FALSE(matched(m, "la mutualité de la sociale agricole").count("sigle:MSA"));
  // The match covers the short words between: an extract marks the whole term.
  const auto tokens = words("les conseils de vie sociale");
  for (const auto& x : m.match(tokens))
    if (groups()[static_cast<std::size_t>(x.group)].name == "sigle:CVS") {
      CHECK(x.first == 1);
      CHECK(x.last == 4);
    }
  // Kept by the catalogue: the patterns with their gaps, the short words from its meta.
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  cat.transaction([&] {
    m.save(cat);
    std::string lines;
    for (const auto& w : stopwords) lines += w + "\n";
    cat.set_meta("mots_vides", lines);
  });
  CHECK(matched(SynonymMatcher::load(cat, analyzer()), "les conseils de vie sociale").count("sigle:CVS"));
  CHECK_FALSE(matched(SynonymMatcher::load(cat, analyzer()), "la mutualité de la sociale agricole").count("sigle:MSA"));
}
