// Diagnostics as people read them (text) and as tools read them (JSON).
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "pratiques/diagnostic.h"

using namespace pratiques;

TEST_CASE("text diagnostics are path:line:column: severity: message [rule]", "[diagnostic]") {
  CHECK(format_text({"content/fiches/a.md", 12, 5, Severity::Error, "cle-inconnue", "clé inconnue « x »"}) ==
        "content/fiches/a.md:12:5: erreur: clé inconnue « x » [cle-inconnue]");
  CHECK(format_text({"b.md", 1, 1, Severity::Warning, "cle-recommandee", "clé recommandée absente"}) ==
        "b.md:1:1: avertissement: clé recommandée absente [cle-recommandee]");
}

TEST_CASE("JSON diagnostics count errors and warnings", "[diagnostic]") {
  const Diagnostics all = {{"a.md", 3, 7, Severity::Error, "date", "date « \"x\" » invalide"},
                           {"a.md", 4, 1, Severity::Warning, "doublon", "répété"},
                           {"b.md", 1, 1, Severity::Error, "yaml", "ligne\nsuivante"}};
  CHECK(count_errors(all) == 2);
  Poco::JSON::Parser parser;
  auto o = parser.parse(format_json(all, 5)).extract<Poco::JSON::Object::Ptr>();
  CHECK(o->getValue<int>("fichiers") == 5);
  CHECK(o->getValue<int>("erreurs") == 2);
  CHECK(o->getValue<int>("avertissements") == 1);
  auto list = o->getArray("diagnostics");
  REQUIRE(list->size() == 3);
  auto first = list->getObject(0);
  CHECK(first->getValue<std::string>("fichier") == "a.md");
  CHECK(first->getValue<int>("ligne") == 3);
  CHECK(first->getValue<int>("colonne") == 7);
  CHECK(first->getValue<std::string>("gravite") == "erreur");
  CHECK(first->getValue<std::string>("regle") == "date");
  CHECK(first->getValue<std::string>("message") == "date « \"x\" » invalide");
  CHECK(list->getObject(1)->getValue<std::string>("gravite") == "avertissement");
  CHECK(list->getObject(2)->getValue<std::string>("message") == "ligne\nsuivante");
  auto empty = parser.parse(format_json({}, 0)).extract<Poco::JSON::Object::Ptr>();
  CHECK(empty->getArray("diagnostics")->size() == 0);
  CHECK(empty->getValue<int>("erreurs") == 0);
}
