// QueryRewriter (query.cpp): what people type → a Xapian QueryParser string.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "pratiques/query.h"
#include "support.h"

using namespace pratiques;

namespace {

std::set<std::string> stopwords(const Analyzer& analyzer) {
  std::set<std::string> out;
  for (const auto& w : testing::grid().search.stopwords) out.insert(analyzer.fold_query_word(w));
  return out;
}

struct Fixture {
  Analyzer analyzer;
  SynonymMatcher synonyms{testing::grid().synonym_groups(), analyzer};
  QueryRewriter rewriter{
      analyzer, synonyms, {"titre", "porteur", "theme", "public", "departement", "freins"}, stopwords(analyzer)};
};

const Fixture& fx() {
  static const Fixture f;
  return f;
}

RewrittenQuery rw(const std::string& q) { return fx().rewriter.rewrite(q); }

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

using V = std::vector<std::string>;

// The "syn:N" terms of a parser input.
std::set<std::string> groups(const std::string& s) {
  std::set<std::string> out;
  for (std::size_t p = s.find("syn:"); p != std::string::npos; p = s.find("syn:", p + 1))
    out.insert(s.substr(p, s.find_first_of(" )", p) - p));
  return out;
}

}  // namespace

TEST_CASE("plain words are folded, elisions removed", "[query]") {
  const auto q = rw("L’École  des Parents");
  CHECK(q.words == V{"ecole", "parents"});
  CHECK(q.plain_input == "ecole parents");
  CHECK_FALSE(q.has_operators);
  CHECK(rw("Potager  TRICOTÉ").parser_input == "potager tricote");
}

TEST_CASE("stop words never widen nor narrow a query", "[query]") {
  // "visite à domicile" is "visite domicile": "à" is in every sheet.
  for (const char* q : {"visite à domicile", "visites au domicile", "visite de domicile", "visite domicile"}) {
    INFO(q);
    const auto r = rw(q);
    REQUIRE(r.units.size() == 2);
    CHECK(r.parser_input.find(" a ") == std::string::npos);
    CHECK(r.words.size() == 2);
  }
  // All the words, stop words included, are kept as a phrase (documents that hold them in a row).
  CHECK(rw("visite à domicile").phrase == V{"visite", "a", "domicile"});
  // A query of stop words only searches them.
  CHECK(rw("de la").parser_input == "de la");
  // Inside a synonym group they stay: "soutien à la parentalité" is one unit.
  const auto group = rw("soutien à la parentalité");
  REQUIRE(group.units.size() == 1);
  CHECK(has(group.units[0].parser_input, "syn:"));
  CHECK(group.units[0].label == "soutien à la parentalité");
}

TEST_CASE("a plain query is cut into units: words, and synonym groups as a whole", "[query]") {
  const auto q = rw("isolement des Personnes âgées en milieu rural");
  V labels;
  for (const auto& u : q.units) labels.push_back(u.label);
  CHECK(labels == V{"isolement", "Personnes âgées", "milieu rural"});  // two groups (a ring each)
  // A group of several words is sought as a group, never as its words scattered in a sheet.
  CHECK(q.units[1].parser_input.find("personnes") == std::string::npos);
  CHECK(has(q.units[1].parser_input, "syn:"));
  CHECK(has(q.units[2].parser_input, "syn:"));
  CHECK(rw("isolement en milieu urbain").units.size() == 3);  // words that are no group stay words
  // Operators, phrases and prefixes keep their syntax: no units.
  CHECK(rw("potager OU tricot").units.empty());
  CHECK(rw("\"marche exploratoire\" potager").units.empty());
  CHECK(rw("titre:potager").units.empty());
}

TEST_CASE("French and English boolean operators become Xapian operators", "[query]") {
  for (const auto& [in, op] : std::vector<std::pair<std::string, std::string>>{{"potager ET tricot", "AND"},
                                                                               {"potager OU tricot", "OR"},
                                                                               {"potager SAUF tricot", "NOT"},
                                                                               {"potager AND tricot", "AND"},
                                                                               {"potager OR tricot", "OR"},
                                                                               {"potager NOT tricot", "NOT"}}) {
    INFO(in);
    const auto q = rw(in);
    CHECK(q.parser_input == "potager " + op + " tricot");
    CHECK(q.words == V{"potager", "tricot"});
    CHECK(q.has_operators);
  }
  // In lower case they are words (stop words: left out).
  CHECK(rw("potager et tricot").parser_input == "potager tricot");
  CHECK_FALSE(rw("potager ou tricot").has_operators);
}

TEST_CASE("known prefixes are kept, unknown ones become words", "[query]") {
  CHECK(rw("titre:École").parser_input == "titre:ecole");
  CHECK(rw("Titre:école").parser_input == "titre:ecole");
  CHECK(rw("freins:\"le transport\"").parser_input == "freins:\"le transport\"");
  CHECK(rw("departement:Pas-de-Calais").parser_input == "departement:\"pas de calais\"");
  const auto unknown = rw("inconnu:ecole");
  CHECK(unknown.words == V{"inconnu", "ecole"});
  CHECK_FALSE(has(unknown.parser_input, "inconnu:"));
  CHECK_FALSE(has(rw("syn:12").parser_input, "syn:12"));  // internal prefixes cannot be typed
  // A space before or after the colon, as French typography puts one: the prefix still applies
  // (« titre : jardin » sought « titre » as a word, « freins: élus » the word « freins »).
  for (const char* spaced : {"titre : École", "titre :École", "titre: École", "Titre  :  école"}) {
    INFO(spaced);
    CHECK(rw(spaced).parser_input == "titre:ecole");
  }
  CHECK(rw("freins: \"le transport\"").parser_input == "freins:\"le transport\"");
  CHECK(rw("inconnu : ecole").words == V{"inconnu", "ecole"});
  CHECK_NOTHROW(rw("titre :"));
}

TEST_CASE("a prefix answers to its singular, its plural and its other names, and other names are said unknown",
          "[query]") {
  // « titres:jardin », « frein:temps » were read as two words each.
  CHECK(rw("titres:jardin").parser_input == "titre:jardin");
  CHECK(rw("frein:temps").parser_input == "freins:temps");
  CHECK(rw("Frein : temps").parser_input == "freins:temps");
  CHECK(rw("titres:jardin").unknown_prefixes.empty());
  // Other names, from recherche.yaml's `aussi` (the facet's key): « thematique:logement » found
  // 11 sheets by « thematique » and « logement », 2 of them whole.
  const Fixture& f = fx();
  const QueryRewriter aliased(f.analyzer, f.synonyms, {"theme"}, stopwords(f.analyzer), {},
                              {{"thematique", "theme"}, {"thematiques", "theme"}});
  CHECK(aliased.rewrite("thematique:logement").parser_input == "theme:logement");
  CHECK(aliased.rewrite("Thématiques:(logement OU santé)").parser_input == "( theme:logement OR theme:sante )");
  // Any other name of letters before a colon: sought as a word, and named once, as typed.
  CHECK(rw("Auteur:Freire auteur:Alinsky").unknown_prefixes == V{"Auteur"});
  CHECK(rw("auteur: Freire").unknown_prefixes == V{"auteur"});
  // The words and phrases typed with a "-", as typed, with their prefix; not a "-" alone.
  CHECK(rw("jeunes -\"aller vers\" -freins:transport - isolement").excluded == V{"\"aller vers\"", "freins:transport"});
  CHECK(rw("-Isolement").excluded == V{"Isolement"});
  CHECK(rw("jeunes").excluded.empty());
  // Not a URL's nor a number's.
  CHECK(rw("http://example.org logement").unknown_prefixes.empty());
  CHECK(rw("réunion 10:30").unknown_prefixes.empty());
}

TEST_CASE("an ending glued in brackets is its word's, not a group", "[query]") {
  // « Intervenant(e) social(e) » grouped the letter « e », which every result then lacked.
  CHECK(rw("Intervenant(e) social(e)").words == V{"intervenant", "social"});
  CHECK(rw("intervenant(e)s sociaux").words == V{"intervenant", "sociaux"});
  CHECK_FALSE(rw("Intervenant(e) social(e)").has_operators);
  // Brackets after a prefix or a space are brackets.
  CHECK(rw("theme:(potager OU tricot)").parser_input == "( theme:potager OR theme:tricot )");
  CHECK(rw("theme:(potager)").parser_input == "theme:potager");
  CHECK(rw("jeunes (ados OU sdf)").has_operators);
}

TEST_CASE("a prefix before brackets applies to each word and phrase within", "[query]") {
  // « theme:(logement OU santé) » searched « logement OU santé » anywhere, its prefix dropped.
  CHECK(rw("theme:(logement OU sante)").parser_input == "( theme:logement OR theme:sante )");
  CHECK(rw("theme: (logement OU \"vie sociale\")").parser_input == "( theme:logement OR theme:\"vie sociale\" )");
  CHECK(rw("(titre:jardin OU potager) ET habitants").parser_input == "( titre:jardin OR potager ) AND habitants");
  CHECK(rw("freins:(temps OU (tricot ET titre:potager)) OU jardin").parser_input ==
        "( freins:temps OR ( freins:tricot AND titre:potager ) ) OR jardin");
  CHECK_NOTHROW(rw("theme:("));
  CHECK_NOTHROW(rw("theme:)) OU ((("));
}

TEST_CASE("brackets without an operator group nothing", "[query]") {
  // A vocabulary label pasted with its gloss required every word, its relaxation lost.
  const auto q = rw("Accompagner la participation (modalites, cadrage)");
  CHECK_FALSE(q.has_operators);
  CHECK(q.units.size() == 4);
  CHECK(rw("(jardin OU potager) habitants").has_operators);
}

TEST_CASE("words are told apart by where they are sought", "[query]") {
  // Anywhere, in one field or section (with its prefix), or nowhere (excluded).
  const auto q = rw("jardin freins:\"le transport\" titre:École -tricot +potager \"marche exploratoire\"");
  CHECK(q.free_words == V{"jardin", "potager", "marche", "exploratoire"});
  using P = std::vector<std::pair<std::string, std::string>>;
  CHECK(q.field_words == P{{"freins", "transport"}, {"titre", "ecole"}});
  CHECK(q.words == V{"jardin", "transport", "ecole", "tricot", "potager", "marche", "exploratoire"});
  CHECK(rw("visite à domicile").free_words == V{"visite", "domicile"});
}

TEST_CASE("phrases are quoted with any French quote", "[query]") {
  CHECK(rw("\"marche exploratoire\"").parser_input == "\"marche exploratoire\"");
  CHECK(rw("« marche exploratoire »").parser_input == "\"marche exploratoire\"");
  CHECK(rw("“Marche  Exploratoire”").parser_input == "\"marche exploratoire\"");
  CHECK(rw("\"marche exploratoire\"").words == V{"marche", "exploratoire"});
}

TEST_CASE("love and hate signs are kept", "[query]") {
  CHECK(rw("+ecole -tricot").parser_input == "+ecole -tricot");
  CHECK(rw("ecole -\"grande pauvreté\"").parser_input == "ecole -\"grande pauvrete\"");
}

TEST_CASE("synonym groups are expanded", "[query][synonyms]") {
  const auto msa = rw("MSA");
  CHECK(has(msa.parser_input, "syn:"));
  CHECK(has(msa.parser_input, "Msa"));  // capitalised: QueryParser does not stem an acronym
  CHECK(msa.known == V{"msa"});
  const auto long_form = rw("mutualité sociale agricole");
  CHECK(has(long_form.parser_input, "syn:"));
  CHECK_FALSE(has(long_form.parser_input, "mutualite"));  // the group, not the words scattered
  // The same group both ways.
  const auto a = groups(msa.parser_input), b = groups(long_form.parser_input);
  CHECK(std::any_of(a.begin(), a.end(), [&](const std::string& g) { return b.count(g) > 0; }));
  // A word that is no synonym stays a word.
  CHECK(rw("potager").parser_input == "potager");
  CHECK(rw("potager").known.empty());
}

TEST_CASE("acronyms that are French words match only in capitals", "[query][synonyms]") {
  CHECK(has(rw("DE").parser_input, "syn:"));
  CHECK_FALSE(has(rw("de").parser_input, "syn:"));
  CHECK_FALSE(has(rw("cas").parser_input, "syn:"));
  CHECK(has(rw("CAS").parser_input, "syn:"));
}

TEST_CASE("acronyms are matched unstemmed", "[query][synonyms]") {
  // "DEES" and "ETS" stem to "de" and "et": ordinary words must not expand to them.
  CHECK(rw("des").parser_input == "des");
  CHECK(rw("et").parser_input == "et");
  CHECK(rw("café").parser_input == "cafe");  // not the CAF ("Caf") group
  CHECK(has(rw("DEES").parser_input, "syn:"));
  CHECK(has(rw("Caf").parser_input, "syn:"));
  // After a prefix too, in any case: "porteur:msa" is the acronym, unstemmed.
  CHECK(has(rw("porteur:msa").parser_input, "porteur:Msa"));
  CHECK(rw("porteur:potager").parser_input == "porteur:potager");
}

TEST_CASE("a word sought in a field or section is sought with its synonyms there", "[query][synonyms]") {
  // "vidéo" is a synonym of the technique "Production audiovisuelle", with "film": a section's text
  // has no concept terms, so the group's words are spelled out, each with the prefix.
  const std::string video = rw("freins:vidéo").parser_input;
  CHECK(has(video, "freins:video"));
  CHECK(has(video, "freins:film"));
  CHECK(has(video, "freins:\"production audiovisuelle\""));
  CHECK_FALSE(has(video, "syn:"));
  CHECK(rw("porteur:msa").parser_input == "(porteur:Msa OR porteur:\"mutualite sociale agricole\")");
  // Only a word that is a whole term of a group; an excluded word stays as typed.
  CHECK(rw("departement:Pas-de-Calais").parser_input == "departement:\"pas de calais\"");
  CHECK(rw("ecole -freins:vidéo").parser_input == "ecole -freins:video");
}

TEST_CASE("narrower terms do not expand a query to their group", "[query][synonyms]") {
  // EHPAD is one kind of établissement médico-social (types_porteurs:esms): searching it does not
  // search every ESMS; ESMS still expands (it names the group).
  const auto ehpad = rw("EHPAD");
  const auto esms = rw("ESMS");
  const auto a = groups(ehpad.parser_input), b = groups(esms.parser_input);
  CHECK_FALSE(std::any_of(a.begin(), a.end(), [&](const std::string& g) { return b.count(g) > 0; }));
  CHECK_FALSE(b.empty());
  // "autonomie" is no synonym of vieillissement.
  CHECK_FALSE(has(rw("autonomie").parser_input, "syn:"));
}

TEST_CASE("malformed syntax is balanced or dropped", "[query]") {
  CHECK(rw("(potager OU tricot").parser_input == "( potager OR tricot )");
  CHECK(rw("(potager").parser_input == "potager");  // brackets without an operator group nothing
  CHECK(rw("potager)").parser_input == "potager");
  CHECK(rw("\"potager").parser_input == "\"potager\"");
  const auto empty = rw("((((");
  CHECK(empty.parser_input.empty());
  CHECK(empty.words.empty());
  CHECK(rw(":::").parser_input.empty());
  CHECK(rw("").parser_input.empty());
  CHECK(rw("   ").parser_input.empty());
  // An operator without an operand on each side is dropped; a leading NOT is a pure negation.
  CHECK(rw("potager AND").parser_input == "potager");
  CHECK(rw("OR potager").parser_input == "potager");
  CHECK(rw("potager AND OR tricot").parser_input == "potager OR tricot");
  CHECK(rw("(AND potager)").parser_input == "( potager )");
  CHECK(rw("NOT potager").parser_input == "NOT potager");
  CHECK(rw("potager NOT").parser_input == "potager");
  // Only words to leave out: pure negations, as SAUF is ("-potager" sought the word).
  CHECK(rw("-potager").parser_input == "NOT potager");
  CHECK(rw("-potager -tricot").parser_input == "NOT potager NOT tricot");
  CHECK(rw("jardin -potager").parser_input.find("-potager") != std::string::npos);
  // "AND" alone: the word itself is searched.
  CHECK(rw("AND").parser_input == "and");
  CHECK(rw("AND").plain_input == "and");
}

TEST_CASE("a unit is labelled as typed, without the elided article before it", "[query]") {
  // A result lacked « d'impact », « l'Aube ».
  CHECK(rw("évaluation d'impact").units.back().label == "impact");
  CHECK(rw("vallée de l’Aube").units.back().label == "Aube");
  CHECK(rw("entr'aide").units.back().label == "entr'aide");  // an apostrophe of the word itself
}

TEST_CASE("a verb and its subject inverted in a question are two words", "[query]") {
  // « peut-on » was one hyphenated word, which every result lacked.
  CHECK(rw("comment peut-on mobiliser les habitants").words == rw("comment peut on mobiliser les habitants").words);
  CHECK(rw("font-ils").units.size() == 1);
  CHECK(rw("font-ils").units[0].label == "font");
  CHECK(rw("a-t-il évalué").words == rw("a il évalué").words);
  // A word the sheets write so stays one, as the index says.
  const Fixture& f = fx();
  QueryRewriter::IndexWords index;
  index.compound = [](const V& parts) { return parts == V{"rendez", "vous"}; };
  const QueryRewriter rewriter(f.analyzer, f.synonyms, {}, stopwords(f.analyzer), index);
  CHECK(rewriter.rewrite("rendez-vous").units.at(0).label == "rendez-vous");
  CHECK(rw("rendez-vous").units.at(0).label == "rendez");
}

TEST_CASE("an abbreviation is read as what it stands for", "[query][abbreviations]") {
  const Fixture& f = fx();
  QueryRewriter::IndexWords index;
  index.abbreviations = {{{"asso"}, "association"}, {{"educ", "spe"}, "éducateur spécialisé"}};
  const QueryRewriter rewriter(f.analyzer, f.synonyms, {"titre"}, stopwords(f.analyzer), index);
  const auto asso = rewriter.rewrite("café asso");
  CHECK(asso.words == V{"cafe", "association"});  // never corrected: « assos » became « assis »
  CHECK(asso.parser_input == rw("café association").parser_input);
  // Words of several pieces, in any case and accents; not inside a phrase, a prefix or a sign.
  CHECK(rewriter.rewrite("ÉDUC SPÉ de rue").parser_input == rw("éducateur spécialisé de rue").parser_input);
  CHECK(rewriter.rewrite("educ").words == V{"educ"});
  CHECK(rewriter.rewrite("\"asso\"").words == V{"asso"});
  CHECK(rewriter.rewrite("titre:asso").words == V{"asso"});
  CHECK(rewriter.rewrite("-asso").words == V{"asso"});
}

TEST_CASE("a place name is one unit, its short words kept, its words never corrected", "[query][places]") {
  const Fixture& f = fx();
  QueryRewriter::IndexWords index;
  const std::map<V, V> places = {
      {{"grand", "est"}, {"region:\"grand est\""}}, {{"val", "de", "marne"}, {}}, {{"marne"}, {}}};
  index.place = [&](const V& words) -> std::optional<V> {
    const auto at = places.find(words);
    return at == places.end() ? std::nullopt : std::optional<V>(at->second);
  };
  const QueryRewriter rewriter(f.analyzer, f.synonyms, {}, stopwords(f.analyzer), index);
  // "est" is a short word: without the place, "grand est" was "grand".
  const auto grand_est = rewriter.rewrite("Grand Est");
  REQUIRE(grand_est.units.size() == 1);
  CHECK(grand_est.units[0].parser_input == "(\"grand est\" OR region:\"grand est\")");
  CHECK(grand_est.units[0].label == "Grand Est");
  CHECK(rw("Grand Est").units.size() == 1);
  CHECK(rw("Grand Est").units[0].parser_input == "grand");
  // Typed with hyphens or apart, with other words: the longest name, labelled as typed.
  const auto val = rewriter.rewrite("accueil de jour val-de-Marne");
  V labels;
  for (const auto& u : val.units) labels.push_back(u.label);
  CHECK(labels.back() == "val-de-Marne");
  CHECK(val.units.back().parser_input == "\"val de marne\"");
  for (const char* w : {"val", "marne"}) CHECK(std::count(val.known.begin(), val.known.end(), w) == 1);
  // A word typed with hyphens is also sought as one word (the sheets may write it so); a place
  // name, which territoires.tsv spells with its hyphens, is not.
  CHECK(rw("inter-culturel").units.back().parser_input == "(\"inter culturel\" OR interculturel)");
  // A one-word place stays a word, known.
  const auto marne = rewriter.rewrite("marne");
  CHECK(marne.units.size() == 1);
  CHECK(marne.known == V{"marne"});
  CHECK(rw("marne").known.empty());
}
