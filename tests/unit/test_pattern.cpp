// pratiques::Pattern — ICU regular expressions: whole matches and their groups, replacement,
// text that is not UTF-8, long lines.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "pratiques/pattern.h"

using namespace pratiques;

TEST_CASE("a pattern matches the whole text and gives its groups, unmatched ones apart", "[pattern]") {
  const Pattern date("([0-9]{4})(-([0-9]{2}))?");
  CHECK(date.matches("2024"));
  CHECK_FALSE(date.matches("2024-1"));
  CHECK_FALSE(date.matches("x2024"));  // the whole text, not a part of it
  const auto m = date.match("2024-06");
  REQUIRE(m);
  CHECK((*m)[0] == "2024-06");
  CHECK((*m)[1] == "2024");
  CHECK((*m)[3] == "06");
  const auto year = date.match("2024");
  REQUIRE(year);
  CHECK_FALSE(year->matched(3));
  CHECK((*year)[3].empty());
  CHECK_FALSE(year->matched(9));  // no such group
}

TEST_CASE("groups are given as UTF-8 text, accents and all", "[pattern]") {
  const Pattern commune("(.*?) ?\\(([0-9][0-9AB][0-9]{3})\\)");
  const auto m = commune.match("Saint-Étienne-du-Rouvray (76575)");
  REQUIRE(m);
  CHECK((*m)[1] == "Saint-Étienne-du-Rouvray");
  CHECK((*m)[2] == "76575");
  CHECK(commune.match("Ajaccio (2A004)"));
}

TEST_CASE("replace_all replaces each match and keeps the text between them", "[pattern]") {
  const Pattern ref(" ?\\(([0-9]{3}):[0-9]+\\)");
  CHECK(ref.replace_all("Dit (003:12) et redit (004:7).", "") == "Dit et redit.");
  CHECK(ref.replace_all("Dit (003:12), « où » (004:7) !", [](const PatternMatch& m) { return "[" + m[1] + "]"; }) ==
        "Dit[003], « où »[004] !");
  CHECK(ref.replace_all("Rien à remplacer : é", "x") == "Rien à remplacer : é");
  CHECK(ref.replace_all("", "x").empty());
}

TEST_CASE("find_all lists every match in order", "[pattern]") {
  const Pattern code("([0-9]{3}):");
  const auto all = code.find_all("003:12 ; 004:7-9, 012:1");
  REQUIRE(all.size() == 3);
  CHECK(all[0][1] == "003");
  CHECK(all[1][1] == "004");
  CHECK(all[2][1] == "012");
  CHECK(code.find_all("aucun").empty());
}

TEST_CASE("text that is not UTF-8 never matches and is left as it is", "[pattern]") {
  const Pattern any(".*");
  const std::string bad = "caf\xC3";
  CHECK_FALSE(any.matches(bad));
  CHECK(Pattern("f").replace_all(bad, "g") == bad);
}

TEST_CASE("a line of 100,000 characters is matched without exhausting the stack", "[pattern]") {
  // std::regex (libstdc++) recursed once a character: a table line this long crashed it.
  const Pattern delimiter(" {0,3}\\|?[\\t-\\r ]*:?-+:?[\\t-\\r ]*(\\|[\\t-\\r ]*:?-+:?[\\t-\\r ]*)+\\|?[\\t-\\r ]*");
  std::string row = "|";
  for (int i = 0; i < 20000; ++i) row += "----|";
  CHECK(delimiter.matches(row));
  CHECK_FALSE(delimiter.matches(row + "x"));
}

TEST_CASE("an invalid expression is a programming error, reported with its column", "[pattern]") {
  CHECK_THROWS_AS(Pattern("(unclosed"), std::logic_error);
  try {
    Pattern("a{2,1}");
    FAIL("no exception");
  } catch (const std::logic_error& e) {
    CHECK(std::string(e.what()).find("a{2,1}") != std::string::npos);
  }
}
