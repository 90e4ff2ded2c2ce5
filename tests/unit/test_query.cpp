// QueryRewriter (query.cpp): what people type → a Xapian QueryParser string.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "pratiques/query.h"
#include "support.h"

using namespace pratiques;

namespace {

struct Fixture {
  Analyzer analyzer;
  SynonymMatcher synonyms{testing::grid().synonym_groups(), analyzer};
  QueryRewriter rewriter{analyzer, synonyms, {"titre", "porteur", "theme", "public", "departement", "freins"}};
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
  CHECK(q.words == V{"ecole", "des", "parents"});
  CHECK(q.plain_input == "ecole des parents");
  CHECK_FALSE(q.has_operators);
  CHECK(rw("Potager  TRICOTÉ").parser_input == "potager tricote");
}

TEST_CASE("French and English boolean operators become Xapian operators", "[query]") {
  for (const auto& [in, op] : std::vector<std::pair<std::string, std::string>>{
           {"potager ET tricot", "AND"}, {"potager OU tricot", "OR"}, {"potager SAUF tricot", "NOT"},
           {"potager AND tricot", "AND"}, {"potager OR tricot", "OR"}, {"potager NOT tricot", "NOT"}}) {
    INFO(in);
    const auto q = rw(in);
    CHECK(q.parser_input == "potager " + op + " tricot");
    CHECK(q.words == V{"potager", "tricot"});
    CHECK(q.has_operators);
  }
  // In lower case they are words.
  CHECK(rw("potager et tricot").parser_input == "potager et tricot");
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
}

TEST_CASE("phrases are quoted with any French quote", "[query]") {
  CHECK(rw("\"marche exploratoire\"").parser_input == "\"marche exploratoire\"");
  CHECK(rw("« marche exploratoire »").parser_input == "\"marche exploratoire\"");
  CHECK(rw("“Marche  Exploratoire”").parser_input == "\"marche exploratoire\"");
  CHECK(rw("\"marche exploratoire\"").words == V{"marche", "exploratoire"});
}

TEST_CASE("love and hate signs are kept", "[query]") {
  CHECK(rw("+ecole -tricot").parser_input == "+ecole -tricot");
  CHECK(rw("-\"grande pauvreté\"").parser_input == "-\"grande pauvrete\"");
}

TEST_CASE("synonym groups are expanded", "[query][synonyms]") {
  const auto msa = rw("MSA");
  CHECK(has(msa.parser_input, "syn:"));
  CHECK(has(msa.parser_input, "Msa"));  // capitalised: QueryParser does not stem an acronym
  CHECK(msa.known == V{"msa"});
  const auto long_form = rw("mutualité sociale agricole");
  CHECK(has(long_form.parser_input, "(mutualite AND sociale AND agricole)"));
  CHECK(has(long_form.parser_input, "syn:"));
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
}

TEST_CASE("malformed syntax is balanced or dropped", "[query]") {
  CHECK(rw("(potager").parser_input == "( potager )");
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
  // "AND" alone: the word itself is searched.
  CHECK(rw("AND").parser_input == "and");
  CHECK(rw("AND").plain_input == "and");
}
