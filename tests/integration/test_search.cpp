// Search on the fixture corpus (tests/fixtures/corpus/fiches): what people type, what they find.
//
// The corpus, by design:
//   ecole-ouverte-parents-fives          "École ouverte…"         59, 2015, scolarite, potager, bibliothèque in Genèse
//   familles-cafe-des-parents-roubaix    "Familles et parentalité…" 59, 2012, parentalite, potager + tricot, café
//   dependance-vieillissement-voisinage-rural "Dépendance et vieillissement…" 24, 2017, tricot
//   education-populaire-mutualite-agricole "Éducation populaire…"  62, 2010, says only "mutualité sociale agricole",
//                                                                   bibliothèque in Partenariats
//   sejour-repit-aidants-msa             "Séjour de répit…"       24, 2018, says only "MSA", transport in Freins
//   permanence-revenu-solidarite-active  "Permanence collective…" 62, 2014, says only "caisse d'allocations
//                                                                   familiales" and "revenu de solidarité active",
//                                                                   transport elsewhere than in Freins
//   entraide-mutuelle-echanges-savoirs   "Groupe d'entraide…"     62, 2011, says only the expansions of GEM and RERS,
//                                                                   co-formation
//   habitants-pouvoir-agir-tilleuls      "Habitants et pouvoir d'agir…" 59, 2020, "pouvoir d'agir" (never
//                                                                   "empowerment"), "marche exploratoire"
// Milieu: rural for the three Dordogne and Pas-de-Calais MSA sheets, urbain elsewhere. Only
// sejour-repit-aidants-msa has liens_formation (diplomes: deass, domaines_competences: socle-dc4).
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <xapian.h>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "corpus.h"
#include "pratiques/index_layout.h"

using namespace pratiques;
using testing::contains;
using testing::ids;

namespace {

const char* const kEcole = "ecole-ouverte-parents-fives";
const char* const kFamilles = "familles-cafe-des-parents-roubaix";
const char* const kDependance = "dependance-vieillissement-voisinage-rural";
const char* const kEducation = "education-populaire-mutualite-agricole";
const char* const kSejour = "sejour-repit-aidants-msa";
const char* const kPermanence = "permanence-revenu-solidarite-active";
const char* const kEntraide = "entraide-mutuelle-echanges-savoirs";
const char* const kHabitants = "habitants-pouvoir-agir-tilleuls";

SearchResponse search(const std::string& q, std::vector<std::pair<std::string, std::string>> filters = {},
                      int per_page = 20, int page = 1, Sort sort = Sort::Relevance) {
  SearchRequest r;
  r.query = q;
  r.filters = std::move(filters);
  r.per_page = per_page;
  r.page = page;
  r.sort = sort;
  return testing::corpus_searcher().search(r);
}

std::vector<std::string> found(const std::string& q) { return ids(search(q).hits); }

std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

unsigned facet_count(const SearchResponse& r, const std::string& facet, const std::string& value) {
  for (const auto& f : r.facets)
    if (f.key == facet)
      for (const auto& v : f.values)
        if (v.value == value) return v.count;
  return 0;
}

}  // namespace

TEST_CASE("the fixture corpus is indexed", "[search]") {
  const SearchResponse all = search("");
  CHECK(all.total == 8);
  CHECK(all.hits.size() == 8);
}

TEST_CASE("an unaccented query finds the accented sheet first", "[search][analyser]") {
  const auto ecole = found("ecole");
  REQUIRE_FALSE(ecole.empty());
  CHECK(ecole.front() == kEcole);
  const auto parentalite = found("parentalite");
  REQUIRE_FALSE(parentalite.empty());
  CHECK(parentalite.front() == kFamilles);
  const auto vieillissement = found("vieillissement");
  REQUIRE_FALSE(vieillissement.empty());
  CHECK(vieillissement.front() == kDependance);
  // And the accented query gives the same.
  CHECK(found("École") == ecole);
  CHECK(found("PARENTALITÉ") == parentalite);
}

TEST_CASE("inflections are found through stems", "[search][analyser]") {
  CHECK(contains(found("parentalités"), kFamilles));
  CHECK(contains(found("familles"), kFamilles));
  // A word is sought by its stem: the form typed changes neither the sheets nor their scores.
  const SearchResponse one = search("transport"), other = search("transports");
  REQUIRE(one.hits.size() == other.hits.size());
  REQUIRE_FALSE(one.hits.empty());
  for (std::size_t i = 0; i < one.hits.size(); ++i) {
    CHECK(one.hits[i].id == other.hits[i].id);
    CHECK(one.hits[i].score == other.hits[i].score);
  }
}

TEST_CASE("elided queries work with both apostrophes", "[search][analyser]") {
  const auto plain = found("ecole");
  CHECK(found("l'école") == plain);
  CHECK(found("l’école") == plain);
  CHECK(found("L’ÉCOLE") == plain);
}

TEST_CASE("a hyphenated word is found whole, joined and by its parts", "[search][analyser]") {
  CHECK(found("coformation") == std::vector<std::string>{kEntraide});
  CHECK(contains(found("co-formation"), kEntraide));
  CHECK(contains(found("formation"), kEntraide));
}

TEST_CASE("an acronym finds a sheet that only writes its expansion, and the reverse", "[search][synonyms]") {
  // The sheet says "mutualité sociale agricole", never "MSA".
  CHECK(contains(found("MSA"), kEducation));
  // The sheet says "MSA", never "mutualité sociale agricole".
  CHECK(contains(found("mutualité sociale agricole"), kSejour));
  CHECK(contains(found("mutualite sociale agricole"), kSejour));
  // Written out only: caisse d'allocations familiales, revenu de solidarité active.
  CHECK(contains(found("CAF"), kPermanence));
  CHECK(found("RSA") == std::vector<std::string>{kPermanence});
  CHECK(contains(found("revenu de solidarité active"), kPermanence));
  // Written out only: groupe d'entraide mutuelle, réseau d'échanges réciproques de savoirs.
  CHECK(found("GEM") == std::vector<std::string>{kEntraide});
  CHECK(contains(found("RERS"), kEntraide));
}

TEST_CASE("an acronym is not stemmed into another word", "[search][synonyms]") {
  // "CAF" must not match "café" (both would stem to "caf").
  CHECK_FALSE(contains(found("CAF"), kFamilles));
  CHECK(contains(found("café"), kFamilles));
}

TEST_CASE("a known acronym gets no spelling suggestion", "[search][spelling]") {
  for (const char* q : {"RERS", "GEM", "MSA", "RSA", "CAF"}) {
    INFO(q);
    const SearchResponse r = search(q);
    CHECK(r.total > 0);
    CHECK_FALSE(r.suggestion);
  }
}

TEST_CASE("a synonym ring works", "[search][synonyms]") {
  // The sheet says "pouvoir d'agir", never "empowerment".
  CHECK(contains(found("empowerment"), kHabitants));
  CHECK(contains(found("capacitation"), kHabitants));
  // The co-formation ring: "croisement des savoirs" finds the sheet that says co-formation.
  CHECK(contains(found("croisement des savoirs"), kEntraide));
}

TEST_CASE("a misspelt query is corrected and says so", "[search][spelling]") {
  const SearchResponse r = search("parentalitté");
  REQUIRE(r.suggestion);
  CHECK(*r.suggestion == "parentalité");
  CHECK(r.corrected);
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits.front().id == kFamilles);

  const SearchResponse v = search("vieillissemnt");
  REQUIRE(v.suggestion);
  CHECK(*v.suggestion == "vieillissement");
  CHECK(v.corrected);
  REQUIRE_FALSE(v.hits.empty());
  CHECK(v.hits.front().id == kDependance);

  // "vieilissement" shares its stem with "vieillissement": the sheet is found directly, and
  // the spelling is still suggested.
  const SearchResponse s = search("vieilissement");
  REQUIRE(s.suggestion);
  CHECK(*s.suggestion == "vieillissement");
  REQUIRE_FALSE(s.hits.empty());
  CHECK(s.hits.front().id == kDependance);
}

TEST_CASE("a query with results but a misspelt word gets a suggestion", "[search][spelling]") {
  const SearchResponse r = search("ecole OU vieilissemnt");
  CHECK(r.total >= 2);
  CHECK_FALSE(r.corrected);
  REQUIRE(r.suggestion);
  CHECK(r.suggestion->find("vieillissement") != std::string::npos);
  // A correctly spelt query gets none.
  CHECK_FALSE(search("ecole").suggestion);
  CHECK_FALSE(search("vieillissement").suggestion);
}

TEST_CASE("phrases in quotes match adjacent words only", "[search][syntax]") {
  CHECK(found("\"marche exploratoire\"") == std::vector<std::string>{kHabitants});
  CHECK(found("«\xC2\xA0marche exploratoire\xC2\xA0»") == std::vector<std::string>{kHabitants});
  CHECK(found("“marche exploratoire”") == std::vector<std::string>{kHabitants});
  // Without quotes, the words anywhere.
  const auto loose = as_set(found("marche exploratoire"));
  CHECK(loose == std::set<std::string>{kHabitants, kEntraide, kEducation});
}

TEST_CASE("ET OU SAUF and AND OR NOT", "[search][syntax]") {
  CHECK(found("potager ET tricot") == std::vector<std::string>{kFamilles});
  CHECK(found("potager AND tricot") == std::vector<std::string>{kFamilles});
  CHECK(as_set(found("potager OU tricot")) == std::set<std::string>{kEcole, kFamilles, kDependance});
  CHECK(as_set(found("potager OR tricot")) == std::set<std::string>{kEcole, kFamilles, kDependance});
  CHECK(found("potager SAUF tricot") == std::vector<std::string>{kEcole});
  CHECK(found("potager NOT tricot") == std::vector<std::string>{kEcole});
  CHECK(as_set(found("(potager OU tricot) SAUF vieillissement")) == std::set<std::string>{kEcole, kFamilles});
  CHECK(found("potager -tricot") == std::vector<std::string>{kEcole});
  // Only words to leave out: every sheet but those, as with SAUF (it sought the word instead).
  const auto all = as_set(found("SAUF zzzz"));
  REQUIRE(all.count(kFamilles));
  std::set<std::string> without_tricot = all;
  for (const auto& id : found("tricot")) without_tricot.erase(id);
  CHECK(as_set(found("SAUF tricot")) == without_tricot);
  CHECK(as_set(found("-tricot")) == without_tricot);
  std::set<std::string> without_either = without_tricot;
  for (const auto& id : found("potager")) without_either.erase(id);
  CHECK(as_set(found("-tricot -potager")) == without_either);
  // Words are ANDed by default: the one sheet that holds both comes first and alone holds every
  // word (fewer sheets than a page hold both: those that hold one follow, saying which they lack).
  const SearchResponse both = search("potager tricot");
  CHECK(both.complete == 1);
  REQUIRE(both.hits.size() == 3);
  CHECK(both.hits[0].id == kFamilles);
  CHECK(both.hits[0].missing.empty());
  CHECK(both.hits[1].missing.size() == 1);
  CHECK(both.hits[2].missing.size() == 1);
}

TEST_CASE("field prefixes restrict the search to a field", "[search][syntax]") {
  // titre: only the sheet with École in its title; the other one mentions it in its text.
  CHECK(found("titre:ecole") == std::vector<std::string>{kEcole});
  CHECK(found("titre:École") == std::vector<std::string>{kEcole});
  CHECK(as_set(found("ecole")) == std::set<std::string>{kEcole, kFamilles});
  // freins: "transport" is in the Freins section of one sheet and elsewhere in another.
  CHECK(found("freins:transport") == std::vector<std::string>{kSejour});
  CHECK(as_set(found("transport")) == std::set<std::string>{kSejour, kPermanence});
  // partenariats:
  CHECK(found("partenariats:bibliotheque") == std::vector<std::string>{kEducation});
  CHECK(as_set(found("bibliothèque")) == std::set<std::string>{kEducation, kEcole});
  // porteur: (name of the carrier)
  CHECK(found("porteur:tilleuls") == std::vector<std::string>{kHabitants});
  CHECK(as_set(found("tilleuls")) == std::set<std::string>{kHabitants, kEntraide});
  // theme: (vocabulary label), public:, departement: (code or name)
  CHECK(found("theme:parentalite") == std::vector<std::string>{kFamilles});
  CHECK(found("public:aidants") == std::vector<std::string>{kSejour});
  CHECK(as_set(found("departement:59")) == std::set<std::string>{kEcole, kFamilles, kHabitants});
  CHECK(as_set(found("departement:nord")) == std::set<std::string>{kEcole, kFamilles, kHabitants});
  CHECK(as_set(found("departement:dordogne")) == std::set<std::string>{kDependance, kSejour});
  // A prefix with a phrase. A section's words have no positions of their own: the phrase is read in
  // the sheet's text, its words in the section. The other sheet says "transport des participants"
  // outside its Freins section; the words in another order are not the phrase.
  CHECK(found("freins:\"le transport\"") == std::vector<std::string>{kSejour});
  CHECK(found("freins:\"transport des participants\"") == std::vector<std::string>{kSejour});
  CHECK(as_set(found("\"transport des participants\"")) == std::set<std::string>{kSejour, kPermanence});
  CHECK(found("freins:\"participants transport\"").empty());
  // A section holds its words' stems only: any form of the word finds it there, and an excluded
  // word is excluded from that section alone.
  CHECK(found("freins:Transports") == std::vector<std::string>{kSejour});
  CHECK(found("transport -freins:transport") == std::vector<std::string>{kPermanence});
  // An unknown prefix is just words ("inconnu" is in no sheet: any of the words is searched).
  CHECK(as_set(found("inconnu:ecole")) == as_set(found("ecole")));
}

TEST_CASE("malformed queries never throw and search their words", "[search][syntax]") {
  const auto ecole = as_set(found("ecole"));
  for (const char* q : {"\"ecole", "ecole\"", "(ecole", "ecole)", "((ecole", "ecole AND", "AND ecole", "ecole OR",
                        "(((( ecole", "ecole ))))", "ecole :::", "\"\"ecole", "+ecole", "ecole -"}) {
    INFO(q);
    SearchResponse r;
    REQUIRE_NOTHROW(r = search(q));
    CHECK(as_set(ids(r.hits)) == ecole);
  }
  // A prefix before a bracket left open applies within it, as before a closed one.
  CHECK(as_set(found("titre:(ecole")) == as_set(found("titre:ecole")));
  for (const char* q :
       {"AND", "OR", "NOT", "ET", ":::", "((((", "))))", "\"", "\"\"", "()", "-", "+", "titre:", "« »"}) {
    INFO(q);
    CHECK_NOTHROW(search(q));
  }
  // A query without any word lists every sheet, like the empty query.
  CHECK(search("((((").total == 8);
  CHECK(search(":::").total == 8);
}

TEST_CASE("random queries never make the search throw anything but SearchError", "[search][syntax][robustness]") {
  const std::vector<std::string> pieces = {"ecole",
                                           "École",
                                           "l'",
                                           "l’",
                                           "aujourd'hui",
                                           "co-formation",
                                           "MSA",
                                           "RSA",
                                           "de",
                                           "ET",
                                           "OU",
                                           "SAUF",
                                           "AND",
                                           "OR",
                                           "NOT",
                                           "NEAR",
                                           "ADJ",
                                           "XOR",
                                           "(",
                                           ")",
                                           "\"",
                                           "«",
                                           "»",
                                           "“",
                                           "”",
                                           "+",
                                           "-",
                                           "*",
                                           ":",
                                           "titre:",
                                           "freins:",
                                           "theme:",
                                           "syn:",
                                           "syn:0",
                                           "Q",
                                           "XF",
                                           "~",
                                           "^",
                                           "%",
                                           "\\",
                                           "/",
                                           "@",
                                           "#",
                                           "'",
                                           "’",
                                           " ",
                                           "  ",
                                           "\t",
                                           "\n",
                                           "é",
                                           "œ",
                                           "中文",
                                           "\xF0\x9F\x98\x80",
                                           "0",
                                           "2015",
                                           "a",
                                           "zzzzzz"};
  std::mt19937 rng(42);
  for (int i = 0; i < 400; ++i) {
    std::string q;
    const int n = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < n; ++k) q += pieces[rng() % pieces.size()] + ((rng() % 3) ? " " : "");
    INFO("requête : " << q);
    SearchRequest r;
    r.query = q;
    r.page = static_cast<int>(rng() % 5) - 1;
    r.per_page = static_cast<int>(rng() % 30) - 2;
    r.sort = static_cast<Sort>(rng() % 3);
    if (rng() % 2) r.filters = {{"thematiques", "parentalite"}};
    try {
      const SearchResponse resp = testing::corpus_searcher().search(r);
      CHECK(resp.hits.size() <= static_cast<std::size_t>(resp.per_page));
      CHECK(resp.page >= 1);
    } catch (const SearchError&) {
      // a refusal with a message is fine
    } catch (const std::exception& e) {
      FAIL("exception " << e.what());
    } catch (const Xapian::Error& e) {
      FAIL("Xapian " << e.get_description());
    }
  }
}

TEST_CASE("untrusted input is bounded", "[search]") {
  CHECK_THROWS_AS(search(std::string(kMaxQueryChars + 1, 'a')), SearchError);
  // Characters are counted, not bytes: the forms' maxlength (1,000) counts characters.
  std::string accented;
  for (std::size_t i = 0; i < 60; ++i) accented += "hétérogénéité ";  // 14 characters, 19 bytes
  REQUIRE(accented.size() > kMaxQueryChars);
  CHECK_NOTHROW(search(accented));
  // Words past the 64th are ignored, and named: a question pasted whole was refused.
  std::string many_words;
  for (std::size_t i = 0; i < kMaxQueryWords; ++i) many_words += "potager ";
  CHECK(search(many_words).ignored_text.empty());
  const SearchResponse longer = search(many_words + " merci  beaucoup !! ");
  CHECK(longer.ignored_text == "merci  beaucoup !!");
  CHECK(longer.query == many_words + " merci  beaucoup !! ");  // the box keeps what was typed
  CHECK(ids(longer.hits) == ids(search(many_words).hits));
  CHECK_THROWS_AS(search("caf\xE9"), SearchError);  // not UTF-8
  std::vector<std::pair<std::string, std::string>> many(kMaxFilters + 1, {"thematiques", "parentalite"});
  CHECK_THROWS_AS(search("", many), SearchError);
  CHECK(search("", {}, 1000).per_page == kMaxPerPage);
  CHECK(search("", {}, 0).per_page == 1);
}

TEST_CASE("an unknown filter key throws SearchError with a suggestion", "[search][facets]") {
  try {
    search("", {{"thematique", "parentalite"}});
    FAIL("no exception");
  } catch (const SearchError& e) {
    CHECK(std::string(e.what()).find("« thematique »") != std::string::npos);
    CHECK(std::string(e.what()).find("« thematiques »") != std::string::npos);
  }
  // An unknown value of a vocabulary's facet too (it found nothing, silently), with its slug or code
  // when the value typed is its label or near its slug.
  CHECK_THROWS_WITH(search("", {{"thematiques", "inexistante"}}),
                    Catch::Contains("valeur inconnue « inexistante » pour le filtre « thematiques »"));
  CHECK_THROWS_WITH(search("", {{"thematiques", "Parentalité"}}),
                    Catch::Contains("vouliez-vous dire « parentalite » ?"));
  CHECK_THROWS_WITH(search("", {{"region", "Hauts-de-France"}}), Catch::Contains("vouliez-vous dire « 32 » ?"));
  CHECK_THROWS_WITH(search("", {{"thematiques", "parentalit"}}),
                    Catch::Contains("vouliez-vous dire « parentalite » ?"));
  // A facet of no vocabulary (a year) has the values of its sheets: another finds nothing.
  CHECK(search("", {{"annee", "1999"}}).total == 0);
}

TEST_CASE("filters: OR within a facet, AND across facets", "[search][facets]") {
  CHECK(ids(search("", {{"thematiques", "parentalite"}}).hits) == std::vector<std::string>{kFamilles});
  CHECK(as_set(ids(search("", {{"thematiques", "parentalite"}, {"thematiques", "vieillissement"}}).hits)) ==
        std::set<std::string>{kFamilles, kDependance, kSejour});
  CHECK(
      as_set(ids(search("", {{"thematiques", "parentalite"}, {"thematiques", "vieillissement"}, {"departement", "59"}})
                     .hits)) == std::set<std::string>{kFamilles});
  CHECK(as_set(ids(search("", {{"departement", "24"}, {"publics", "aidants-familiaux"}}).hits)) ==
        std::set<std::string>{kSejour});
  CHECK(as_set(ids(search("", {{"region", "75"}}).hits)) == std::set<std::string>{kDependance, kSejour});
  CHECK(as_set(ids(search("", {{"annee", "2015"}}).hits)) == std::set<std::string>{kEcole});
  // With a query too.
  CHECK(ids(search("potager", {{"departement", "59"}, {"thematiques", "scolarite-reussite-educative"}}).hits) ==
        std::vector<std::string>{kEcole});
}

TEST_CASE("a filter on a parent mode includes sheets tagged with its children", "[search][facets]") {
  // ecole: travail-social-de-groupe; sejour: groupe-socialisation (grandchild);
  // dependance: intervention-de-reseau; entraide: reseau-primaire (grandchild).
  CHECK(as_set(ids(search("", {{"modes_intervention", "isic"}}).hits)) ==
        std::set<std::string>{kEcole, kSejour, kDependance, kEntraide});
  CHECK(as_set(ids(search("", {{"modes_intervention", "travail-social-de-groupe"}}).hits)) ==
        std::set<std::string>{kEcole, kSejour});
  CHECK(ids(search("", {{"modes_intervention", "groupe-socialisation"}}).hits) == std::vector<std::string>{kSejour});
}

TEST_CASE("facet counts cover every match, not only the page shown", "[search][facets]") {
  const SearchResponse r = search("", {}, 1);
  CHECK(r.total == 8);
  CHECK(r.hits.size() == 1);
  CHECK(facet_count(r, "departement", "59") == 3);
  CHECK(facet_count(r, "departement", "62") == 3);
  CHECK(facet_count(r, "departement", "24") == 2);
  CHECK(facet_count(r, "region", "32") == 6);
  CHECK(facet_count(r, "thematiques", "vieillissement") == 2);
  CHECK(facet_count(r, "thematiques", "isolement-lien-social") == 2);
  CHECK(facet_count(r, "thematiques", "parentalite") == 1);
  CHECK(facet_count(r, "publics", "parents") == 2);
  CHECK(facet_count(r, "modes_intervention", "isic") == 4);
  CHECK(facet_count(r, "modes_intervention", "travail-social-de-groupe") == 2);
  CHECK(facet_count(r, "annee", "2020") == 1);
  CHECK(facet_count(r, "type_fiche", "pratique") == 8);
  // With a query: counts of the matches only.
  const SearchResponse q = search("potager OU tricot", {}, 1);
  CHECK(q.total == 3);
  CHECK(facet_count(q, "departement", "59") == 2);
  CHECK(facet_count(q, "departement", "24") == 1);
  CHECK(facet_count(q, "departement", "62") == 0);
  // Values with no match are not listed; values are sorted by count.
  for (const auto& f : q.facets) {
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      CHECK(f.values[i].count > 0);
      if (i > 0) CHECK(f.values[i - 1].count >= f.values[i].count);
    }
  }
}

TEST_CASE("milieu, diplomas and competence domains are facets, and diplomas are found by their codes",
          "[search][facets]") {
  const SearchResponse all = search("", {}, 1);
  CHECK(facet_count(all, "milieu", "rural") == 3);
  CHECK(facet_count(all, "milieu", "urbain") == 5);
  CHECK(facet_count(all, "diplomes", "deass") == 1);
  CHECK(facet_count(all, "domaines_competences", "socle-dc4") == 1);
  CHECK(as_set(ids(search("", {{"milieu", "rural"}}).hits)) == std::set<std::string>{kDependance, kEducation, kSejour});
  CHECK(ids(search("", {{"diplomes", "deass"}}).hits) == std::vector<std::string>{kSejour});
  // The acronym in the diploma's label, in any case, and a competence domain's code; not the other
  // words of their labels, which say whom a sheet helps to train, not what it is about.
  CHECK(found("DEASS") == std::vector<std::string>{kSejour});
  CHECK(found("deass") == std::vector<std::string>{kSejour});
  CHECK(found("DC4") == std::vector<std::string>{kSejour});  // socle-dc4: « DC4 « Dynamiques … »
  CHECK_FALSE(contains(found("assistant"), kSejour));
  CHECK_FALSE(contains(found("partenariats et réseaux"), kSejour));
}

TEST_CASE("a selected facet counts its other values as if they were added (OR)", "[search][facets]") {
  const SearchResponse r = search("", {{"departement", "59"}}, 1);
  CHECK(r.total == 3);
  // The departement facet ignores its own filter: other départements keep their counts…
  CHECK(facet_count(r, "departement", "59") == 3);
  CHECK(facet_count(r, "departement", "62") == 3);
  CHECK(facet_count(r, "departement", "24") == 2);
  // …while the other facets are counted within the filter.
  CHECK(facet_count(r, "region", "32") == 3);
  CHECK(facet_count(r, "region", "75") == 0);
  bool selected = false;
  for (const auto& f : r.facets)
    if (f.key == "departement")
      for (const auto& v : f.values) selected = selected || (v.value == "59" && v.selected);
  CHECK(selected);
}

TEST_CASE("with a query and several facets selected, each one counts its values as if chosen instead", "[search][facets]") {
  // A selected facet's count of a value is the total of the same query with that value as the
  // facet's only filter, the other facets' filters kept (all counted in one pass, over the documents
  // in the selection of every facet but one at most).
  using Filters = std::vector<std::pair<std::string, std::string>>;
  const std::vector<Filters> selections = {
      {{"departement", "59"}, {"milieu", "urbain"}},
      {{"departement", "62"}, {"milieu", "rural"}, {"type_fiche", "pratique"}},
      {{"region", "32"}, {"thematiques", "parentalite"}, {"thematiques", "vieillissement"}, {"annee", "2015"}}};
  int checked = 0;
  // (« parents » found the sheet of a stay « au bord de la mer » until « mère » had a stem of its
  // own: « familles » keeps as many values counted.)
  for (const std::string query : {"parents", "potager OU tricot", "social", "familles"}) {
    for (const Filters& filters : selections) {
      const SearchResponse r = search(query, filters, 1);
      for (const auto& f : r.facets) {
        Filters others;
        for (const auto& filter : filters)
          if (filter.first != f.key) others.push_back(filter);
        if (others.size() == filters.size()) continue;  // no value of this facet is selected
        for (const auto& v : f.values) {
          Filters instead = others;
          instead.emplace_back(f.key, v.value);
          CHECK(v.count == search(query, instead, 1).total);
          checked += v.count > 0 && !v.selected;
        }
      }
    }
  }
  CHECK(checked > 10);  // other values than those selected were counted
}

TEST_CASE("sort by date puts the most recent action first", "[search][sort]") {
  const auto by_date = ids(search("", {}, 20, 1, Sort::Date).hits);
  CHECK(by_date == std::vector<std::string>{kHabitants, kSejour, kDependance, kEcole, kPermanence, kFamilles, kEntraide,
                                            kEducation});
  // The empty query is sorted by date even when relevance is asked.
  CHECK(ids(search("").hits) == by_date);
}

TEST_CASE("sort by title follows French collation", "[search][sort]") {
  const auto by_title = ids(search("", {}, 20, 1, Sort::Title).hits);
  // Dépendance < École < Éducation < Familles < Groupe < Habitants < Permanence < Séjour:
  // a byte order would put É after every other letter.
  CHECK(by_title == std::vector<std::string>{kDependance, kEcole, kEducation, kFamilles, kEntraide, kHabitants,
                                             kPermanence, kSejour});
  CHECK(parse_sort("titre") == Sort::Title);
  CHECK(parse_sort("date") == Sort::Date);
  CHECK(parse_sort("") == Sort::Relevance);
  CHECK(parse_sort("pertinence") == Sort::Relevance);
  CHECK_FALSE(parse_sort("hasard"));
}

TEST_CASE("pagination and page clamping", "[search][pagination]") {
  std::vector<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    const SearchResponse r = search("", {}, 3, page, Sort::Title);
    CHECK(r.page == page);
    CHECK(r.per_page == 3);
    CHECK(r.total == 8);
    for (const auto& h : r.hits) seen.push_back(h.id);
  }
  CHECK(seen == ids(search("", {}, 20, 1, Sort::Title).hits));
  // Past the end: the last page.
  const SearchResponse past = search("", {}, 3, 99, Sort::Title);
  CHECK(past.page == 3);
  CHECK(past.hits.size() == 2);
  const SearchResponse zero = search("", {}, 3, 0, Sort::Title);
  CHECK(zero.page == 1);
  CHECK(zero.hits.size() == 3);
  const SearchResponse none = search("zzzzzz", {}, 3, 5);
  CHECK(none.total == 0);
  CHECK(none.page == 1);
  CHECK(none.hits.empty());
}

TEST_CASE("hits carry display data and a highlighted extract", "[search]") {
  const SearchResponse r = search("potager");
  REQUIRE_FALSE(r.hits.empty());
  const Hit* ecole = nullptr;
  for (const auto& h : r.hits)
    if (h.id == kEcole) ecole = &h;
  REQUIRE(ecole);
  CHECK(ecole->title == "École ouverte aux parents du quartier de Fives");
  CHECK(ecole->departement == "59");
  CHECK(ecole->departement_name == "Nord");
  CHECK(ecole->region_name == "Hauts-de-France");
  CHECK(ecole->carrier == "Groupe scolaire Jean Macé");
  REQUIRE(ecole->themes.size() == 1);
  CHECK(ecole->themes[0].value == "scolarite-reussite-educative");
  CHECK(ecole->themes[0].label == "Scolarité et réussite éducative");
  CHECK(to_html(ecole->snippet).find("<mark>potager</mark>") != std::string::npos);
  CHECK(ecole->score > 0);
  // An accent-insensitive match is highlighted as written.
  const SearchResponse e = search("ecole");
  CHECK(e.hits.front().snippet.marked_texts().front() == "école");
}

TEST_CASE("stop words are searched but never highlighted", "[search][snippet]") {
  const SearchResponse r = search("café des parents");
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits.front().id == kFamilles);
  const std::string extract = to_html(r.hits.front().snippet);
  CHECK(extract.find("<mark>café</mark>") != std::string::npos);
  CHECK(extract.find("<mark>parents</mark>") != std::string::npos);
  CHECK(extract.find("<mark>des</mark>") == std::string::npos);
  CHECK(extract.find("des") != std::string::npos);
}

TEST_CASE("a result ranked by how many words it holds lists those it lacks", "[search][partial]") {
  // Three words: results rank by how many they hold (fewer sheets than a page hold two of them:
  // those that hold one follow); each lacks exactly the words that, searched alone, do not find it
  // (read from the posting lists of the words' terms).
  const std::vector<std::string> words = {"potager", "tricot", "bibliothèque"};
  const SearchResponse r = search("potager tricot bibliothèque");
  REQUIRE(r.hits.size() >= 2);
  CHECK(r.complete < r.total);
  for (const auto& h : r.hits) {
    std::vector<std::string> lacking;
    for (const auto& w : words)
      if (!contains(found(w), h.id)) lacking.push_back(w);
    INFO(h.id);
    CHECK(h.missing == lacking);
    CHECK(lacking.size() <= 2);
  }
  CHECK(testing::ranked_by_words_held(r.hits));
  CHECK(r.hits.front().missing.size() == 1);  // none holds all three
  CHECK(r.hits.back().missing.size() == 2);
}

TEST_CASE("a sentence ranks the sheet about it before sheets that hold its words in passing", "[search][partial]") {
  // The sheet on a school garden lacks « organiser »; two kitchen workshops hold every word of the
  // sentence, the garden and the school in one line. Counted strictly, they came first. A second
  // garden lacks two words (« organiser », « partagé »): it does not pass the sheets that hold them all.
  testing::TempDir dir;
  const std::string passing =
      "Chaque mardi, le groupe prépare un repas. Il a parlé d'organiser une visite du potager d'un collège voisin.";
  for (const char* id : {"atelier-cuisine-a", "atelier-cuisine-b"})
    testing::write_file(dir / "content" / "fiches" / (std::string(id) + ".md"),
                        testing::replaced(testing::valid_sheet(id), "Chaque mardi, le groupe prépare un repas.", passing));
  std::string garden = testing::valid_sheet("potager-college", "Un potager partagé au collège des Glycines");
  garden = testing::replaced(garden, "mots_cles: [cuisine, voisinage]", "mots_cles: [potager, collège, jardinage]");
  garden = testing::replaced(garden, "Chaque mardi, le groupe prépare un repas.",
                             "Chaque mardi, les élèves du collège cultivent le potager avec les habitants.");
  testing::write_file(dir / "content" / "fiches" / "potager-college.md", garden);
  std::string other = testing::valid_sheet("jardin-college", "Le potager du collège des Tilleuls");
  other = testing::replaced(other, "achètent ensemble et partagent le repas", "achètent ensemble et mangent");
  other = testing::replaced(other, "partager des savoir-faire", "transmettre des savoir-faire");
  other = testing::replaced(other, "repas partagé le soir", "repas le soir");
  other = testing::replaced(other, "mots_cles: [cuisine, voisinage]", "mots_cles: [potager, collège]");
  other = testing::replaced(other, "Chaque mardi, le groupe prépare un repas.",
                            "Chaque mardi, le potager du collège reçoit les élèves. Le collège et son potager.");
  testing::write_file(dir / "content" / "fiches" / "jardin-college.md", other);
  IndexOptions o;
  o.content = (dir / "content").string();
  o.schemas = testing::schemas().string();
  o.out = (dir / "index").string();
  REQUIRE(build_index(o).published);
  SearchRequest request;
  request.query = "organiser un potager partagé au collège";
  const SearchResponse r = Searcher(o.out).search(request);
  REQUIRE(r.hits.size() == 4);
  CHECK(r.complete == 2);
  CHECK(r.hits[0].id == "potager-college");
  CHECK(r.hits[0].missing == std::vector<std::string>{"organiser"});
  CHECK(r.hits[1].missing.empty());
  CHECK(r.hits[2].missing.empty());
  CHECK(r.hits[3].id == "jardin-college");
  CHECK(r.hits[3].missing == std::vector<std::string>{"organiser", "partagé"});
}

TEST_CASE("an extract comes from the sections when the summary lacks the words", "[search][snippet]") {
  // "tricot" is in the sections of the café des parents, not in its summary.
  const SearchResponse r = search("tricot");
  const Hit* familles = nullptr;
  for (const auto& h : r.hits)
    if (h.id == kFamilles) familles = &h;
  REQUIRE(familles);
  CHECK(familles->summary.find("tricot") == std::string::npos);
  CHECK(to_html(familles->snippet).find("<mark>tricot</mark>") != std::string::npos);
}

TEST_CASE("searchers used by several threads at once never interfere", "[search][threads]") {
  // One Searcher per thread, as the server does. An empty query (every sheet, sorted by date) and
  // words, many times: Xapian's shared static objects once made this crash under load.
  constexpr int kThreads = 4;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&failures] {
      try {
        const Searcher searcher(testing::corpus_index());
        for (int i = 0; i < 300; ++i) {
          SearchRequest r;
          r.query = i % 3 == 0 ? "" : (i % 3 == 1 ? "potager" : "aidants répit");
          const SearchResponse resp = searcher.search(r);
          if (resp.total == 0 || (r.query.empty() && resp.total != 8)) ++failures;
        }
      } catch (...) {
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
}

TEST_CASE("to_json escapes hostile text and reads back unchanged", "[search][json]") {
  SearchResponse r;
  r.query = "\"guillemets\" \\ </script><script>alert(1)</script>\n\t\x01 été";
  Hit h;
  h.id = "a\"b";
  h.title = "Titre \u2028 avec « guillemets » et \\";
  h.snippet = {"x & \"y\" <b>", {{0, 1}}};
  h.score = 1.5;
  h.themes.push_back({"t\"1", "Libellé\n"});
  r.hits.push_back(h);
  r.facets.push_back({"thematiques", "Thématiques", {{"v\"", "L\\", 3, false}}});
  r.suggestion = "sug\"gestion";
  const std::string json = to_json(r);
  Poco::JSON::Parser parser;
  Poco::JSON::Object::Ptr o = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  CHECK(o->getValue<std::string>("requete") == r.query);
  CHECK(o->getValue<std::string>("suggestion") == *r.suggestion);
  auto hit = o->getArray("resultats")->getObject(0);
  CHECK(hit->getValue<std::string>("id") == h.id);
  CHECK(hit->getValue<std::string>("titre") == h.title);
  // The extract as HTML (escaped, the match in <mark>), and as text with the offsets of its matches.
  CHECK(hit->getValue<std::string>("extrait") == "<mark>x</mark> &amp; &quot;y&quot; &lt;b&gt;");
  CHECK(hit->getValue<std::string>("extrait_texte") == h.snippet.text);
  CHECK(hit->getArray("extrait_surlignes")->getArray(0)->getElement<int>(1) == 1);
  CHECK(hit->getValue<double>("score") == 1.5);
  CHECK(hit->getArray("thematiques")->getObject(0)->getValue<std::string>("libelle") == "Libellé\n");
  auto v = o->getObject("facettes")->getArray("thematiques")->getObject(0);
  CHECK(v->getValue<std::string>("valeur") == "v\"");
  CHECK(v->getValue<std::string>("libelle") == "L\\");
  CHECK(v->getValue<unsigned>("nombre") == 3);
}

TEST_CASE("from_json reads back what to_json wrote", "[search][json]") {
  // Searches with results, extracts, suggestions, filters and hostile text: the server caches
  // responses as JSON and renders results pages from them.
  std::vector<SearchResponse> responses = {search("potager", {{"departement", "59"}}, 2),
                                           search("parentalitté"),
                                           search("aidants", {{"publics", "aidants-familiaux"}, {"departement", "24"}}),
                                           search(""),
                                           search("zzzz introuvable"),
                                           search("!!!")};
  SearchResponse hostile;
  hostile.query = "\"<script>\" \\ \u2028 été";
  hostile.hits.push_back({"a\"b",
                          "Titre « x »",
                          "En bref\n",
                          {"x & y été", {{0, 1}, {6, 11}}},
                          0.123456789,
                          {{"t", "L\""}},
                          "Fives",
                          "59",
                          "Nord",
                          "32",
                          "Hauts-de-France",
                          "Porteur"});
  hostile.suggestion = "sug\"gestion";
  hostile.alternatives = {"autre « </p>", "\\"};
  hostile.short_truncations = {"<a*"};
  hostile.extra_truncations = {"b\"c*"};
  hostile.unknown_prefixes = {"<au\"teur"};
  hostile.excluded = {"\"</p>\"", "freins:&x"};
  hostile.unfound = {"<im\"pact>"};
  hostile.ignored_text = "merci « </p> »\\";
  hostile.wider = {{"Fre\"ire", "Conscien<tisation"},
                   {"Lens", "Pas-de-Calais", SearchResponse::Wider::Relation::Commune},
                   {"EJE", "DEEJE", SearchResponse::Wider::Relation::Diploma}};
  responses.push_back(hostile);
  for (const auto& r : responses) {
    INFO(r.query);
    const std::string json = to_json(r);
    const SearchResponse back = from_json(json);
    CHECK(to_json(back) == json);
    const std::string hits = hits_to_json(r.hits);  // the array of hits alone (similar sheets), the same text
    CHECK(json.find("\"resultats\":" + hits + ",") != std::string::npos);
    CHECK(back.total == r.total);
    CHECK(back.corrected == r.corrected);
    CHECK(back.suggestion == r.suggestion);
    CHECK(back.alternatives == r.alternatives);
    CHECK(back.wider == r.wider);
    CHECK(back.no_words == r.no_words);
    CHECK(back.short_truncations == r.short_truncations);
    CHECK(back.extra_truncations == r.extra_truncations);
    CHECK(back.unknown_prefixes == r.unknown_prefixes);
    CHECK(back.excluded == r.excluded);
    CHECK(back.unfound == r.unfound);
    CHECK(back.ignored_text == r.ignored_text);
    REQUIRE(back.hits.size() == r.hits.size());
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
      CHECK(back.hits[i].snippet == r.hits[i].snippet);
      CHECK(back.hits[i].score == r.hits[i].score);
    }
    REQUIRE(back.facets.size() == r.facets.size());
    for (std::size_t i = 0; i < r.facets.size(); ++i) {
      CHECK(back.facets[i].key == r.facets[i].key);
      CHECK(back.facets[i].label.empty());  // not in the JSON: the caller restores it
      CHECK(back.facets[i].values.size() == r.facets[i].values.size());
    }
  }
  CHECK_THROWS_AS(from_json("{\"requete\": 1"), SearchError);
  CHECK_THROWS_AS(from_json("[]"), SearchError);
}

TEST_CASE("a query of characters but no word lists every sheet and says so", "[search]") {
  // « !!! », « * » listed every sheet « pour « !!! » », as if each held it.
  for (const std::string q : {"!!!", "*", "\"\"", "😀"}) {
    INFO(q);
    const SearchResponse r = search(q);
    CHECK(r.no_words);
    CHECK(r.total == r.collection);
  }
  CHECK_FALSE(search("").no_words);       // no query: the collection, nothing to say
  CHECK_FALSE(search("de la").no_words);  // short words only: sought
  CHECK_FALSE(search("potager").no_words);
}

TEST_CASE("a word truncated after too few letters is named, and sought as it is", "[search]") {
  // « ma* » found one sheet, with no word to say why; the help says three letters.
  const SearchResponse r = search("ma* potager");
  CHECK(r.short_truncations == std::vector<std::string>{"ma*"});
  CHECK(search("potag*").short_truncations.empty());
  CHECK(search("potager").short_truncations.empty());
}

TEST_CASE("to_json has exactly the documented keys", "[search][json]") {
  const SearchResponse r = search("potager", {{"departement", "59"}}, 1);
  const std::string json = to_json(r);
  Poco::JSON::Parser parser;
  Poco::JSON::Object::Ptr o = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  std::vector<std::string> keys;
  o->getNames(keys);
  CHECK(as_set(keys) == std::set<std::string>{"requete", "total", "resultats_complets", "page", "par_page", "resultats",
                                              "facettes", "suggestion", "autres_suggestions", "correction_appliquee",
                                              "termes_plus_larges", "aucun_mot", "troncatures_trop_courtes",
                                              "troncatures_en_trop", "prefixes_inconnus", "mots_exclus",
                                              "mots_introuvables", "texte_ignore"});
  CHECK(o->getValue<std::string>("requete") == "potager");
  CHECK(o->getValue<unsigned>("total") == r.total);
  CHECK(o->getValue<int>("page") == 1);
  CHECK(o->getValue<int>("par_page") == 1);
  CHECK(o->isNull("suggestion"));
  CHECK(o->getValue<bool>("correction_appliquee") == false);
  auto results = o->getArray("resultats");
  REQUIRE(results);
  REQUIRE(results->size() == 1);
  auto hit = results->getObject(0);
  std::vector<std::string> hit_keys;
  hit->getNames(hit_keys);
  CHECK(as_set(hit_keys) == std::set<std::string>{"id", "titre", "en_bref", "extrait", "extrait_texte",
                                                  "extrait_surlignes", "score", "thematiques", "territoire", "porteur",
                                                  "mots_absents"});
  std::vector<std::string> place_keys;
  hit->getObject("territoire")->getNames(place_keys);
  CHECK(as_set(place_keys) == std::set<std::string>{"nom", "departement", "departement_nom", "region", "region_nom"});
  auto facets = o->getObject("facettes");
  REQUIRE(facets);
  REQUIRE(facets->getArray("departement"));
  auto dep = facets->getArray("departement")->getObject(0);
  std::vector<std::string> value_keys;
  dep->getNames(value_keys);
  CHECK(as_set(value_keys) == std::set<std::string>{"valeur", "libelle", "nombre"});
  // A corrected query fills suggestion and correction_appliquee.
  Poco::JSON::Object::Ptr c = parser.parse(to_json(search("parentalitté"))).extract<Poco::JSON::Object::Ptr>();
  CHECK(c->getValue<std::string>("suggestion") == "parentalité");
  CHECK(c->getValue<bool>("correction_appliquee"));
}

TEST_CASE("similar() returns related sheets and never the sheet itself", "[search][similar]") {
  for (const char* id : {kEcole, kFamilles, kDependance, kSejour, kHabitants}) {
    INFO(id);
    const auto similar = ids(testing::corpus_searcher().similar(id, 5));
    CHECK_FALSE(similar.empty());
    CHECK(similar.size() <= 5);
    CHECK_FALSE(contains(similar, id));
  }
  // The two sheets about parents and school are each other's closest.
  const auto ecole = ids(testing::corpus_searcher().similar(kEcole, 3));
  REQUIRE_FALSE(ecole.empty());
  CHECK(ecole.front() == kFamilles);
  const auto dependance = ids(testing::corpus_searcher().similar(kDependance, 3));
  REQUIRE_FALSE(dependance.empty());
  CHECK(dependance.front() == kSejour);  // ageing, Dordogne
  CHECK(testing::corpus_searcher().similar("inexistante", 5).empty());
  CHECK(testing::corpus_searcher().similar(kEcole, 0).empty());
}

TEST_CASE("facet keys are listed for forms", "[search][facets]") {
  const auto keys = testing::corpus_searcher().facet_keys();
  REQUIRE_FALSE(keys.empty());
  CHECK(keys.front().first == "thematiques");
  CHECK(keys.front().second == "Thématiques");
}

TEST_CASE("opening a missing index throws SearchError", "[search]") {
  testing::TempDir dir;
  CHECK_THROWS_AS(Searcher((dir / "index").string()), SearchError);
}

TEST_CASE("an index Xapian cannot open is a SearchError, not an uncaught Xapian::Error", "[search]") {
  namespace fs = std::filesystem;
  testing::TempDir dir;
  testing::copy_tree(fs::path(testing::corpus_index()).parent_path() / "index.d", dir / "index.d");
  const fs::path generation = dir / "index.d" / fs::path(resolve_index(testing::corpus_index())).filename();
  fs::remove(generation / kXapianDir / "iamglass");
  try {
    Searcher s(generation.string());
    FAIL("no exception");
  } catch (const SearchError& e) {
    CHECK(std::string(e.what()).find("index illisible") != std::string::npos);
  }
}

TEST_CASE("a sheet that gives its département and not its région is in the région of its département",
          "[search][facets][places]") {
  // The contribution form asks for the département, the région being optional: such a sheet was in
  // no région's filter, nor found by the région's name.
  testing::Workspace w;
  w.replace_in(kEcole, "  region: \"32\"\n", "");
  const IndexReport r = build_index(w.options);
  INFO(testing::describe(r.diagnostics));
  REQUIRE(r.published);
  SearchRequest in_region;
  in_region.filters = {{"region", "32"}};
  in_region.per_page = kMaxPerPage;
  const Searcher searcher(w.options.out);
  CHECK(contains(ids(searcher.search(in_region).hits), std::string(kEcole)));
  CHECK(contains(w.found("Hauts-de-France"), std::string(kEcole)));
  CHECK(contains(w.found("region:\"hauts de france\""), std::string(kEcole)));
  // The file is left as written: the région is the index's.
  CHECK(testing::read_file(w.sheet(kEcole)).find("region:") == std::string::npos);
}
