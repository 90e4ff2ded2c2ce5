// Open data (/donnees/): CSV (RFC 4180, read back by Python's csv module) and JSON Lines, one row per
// sheet with every field, formulas neutralised, and the page that documents the columns.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <sstream>

#include "pratiques/site/open_data.h"
#include "site_fixture.h"

using namespace sitetest;

namespace {

// Rows of a CSV file as Python's csv module reads them (a real RFC 4180 reader), one cell per line.
std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  const std::string cmd =
      "python3 -c 'import csv,sys\nfor row in csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\"), "
      "strict=True):\n"
      "  print(len(row))\n  for c in row: print(c.replace(\"\\\\\", \"\\\\\\\\\").replace(\"\\n\", "
      "\"\\\\n\").replace(\"\\r\", \"\\\\r\"))' " +
      file.string();
  const auto [status, out] = command_output(cmd);
  REQUIRE(status == 0);
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    const int n = std::stoi(line);
    std::vector<std::string> row;
    for (int i = 0; i < n && std::getline(in, line); ++i) {
      std::string cell;
      for (std::size_t k = 0; k < line.size(); ++k) {
        if (line[k] == '\\' && k + 1 < line.size()) {
          const char c = line[++k];
          cell += c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
          cell += line[k];
        }
      }
      row.push_back(cell);
    }
    rows.push_back(row);
  }
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  FAIL("colonne absente : " << name);
  return 0;
}

}  // namespace

TEST_CASE("csv_field quotes as RFC 4180 says and neutralises formulas", "[site][donnees]") {
  using pratiques::site::csv_field;
  CHECK(csv_field("simple") == "simple");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("dit \"oui\"") == "\"dit \"\"oui\"\"\"");
  CHECK(csv_field("deux\nlignes") == "\"deux\nlignes\"");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("+33 1 02") == "'+33 1 02");
  CHECK(csv_field("-1") == "'-1");
  CHECK(csv_field("@SOMME(A1)") == "'@SOMME(A1)");
  CHECK(csv_field("") == "");
}

TEST_CASE("fiches.csv and fiches.jsonl: one row per published sheet, every field, read back by real parsers",
          "[site][donnees]") {
  SiteFixture site;
  // A value a spreadsheet would run as a formula, in a sheet with hostile markup already.
  std::string hostile = read(site.sheet_file("fiche-hostile"));
  hostile.replace(hostile.find("thematiques: ["), 14,
                  "mots_cles: [\"=1+1\", \"@SOMME(A1)\", \"sans danger\"]\nthematiques: [");
  write(site.sheet_file("fiche-hostile"), hostile);
  site.rebuild();

  const auto rows = read_csv(site.out / "donnees" / "fiches.csv");
  REQUIRE(rows.size() == 6);  // header + 5 sheets
  const auto& header = rows[0];
  CHECK(header[0] == "url");
  for (const auto& row : rows) CHECK(row.size() == header.size());
  const std::size_t id = column(header, "id"), titre = column(header, "titre"), themes = column(header, "thematiques"),
                    labels = column(header, "thematiques_libelle"), dep = column(header, "territoire.departement_nom"),
                    authors = column(header, "redacteurs.nom"), keywords = column(header, "mots_cles");
  const std::vector<std::string>* h = nullptr;
  for (const auto& row : rows)
    if (row[id] == "fiche-hostile") h = &row;
  REQUIRE(h);
  CHECK((*h)[titre] == "<script>alert('titre')</script> Atelier « test » & essais");
  CHECK((*h)[themes] == "parentalite | isolement-lien-social");
  CHECK((*h)[labels].find(" | ") != std::string::npos);
  CHECK((*h)[dep] == "Nord");
  CHECK((*h)[authors] == "Équipe <i>test</i> {Pratiques} 100% & Cie");
  CHECK((*h)[keywords] == "'=1+1 | @SOMME(A1) | sans danger");  // only a cell's first character matters
  CHECK((*h)[0] == "https://pratiques.example.org/fiches/fiche-hostile/");
  for (const auto& row : rows)
    for (const auto& cell : row) CHECK_FALSE((!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '@')));

  // JSON Lines: the same columns as keys, lists as arrays.
  std::istringstream lines(read(site.out / "donnees" / "fiches.jsonl"));
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    Poco::JSON::Parser parser;
    const auto o = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
    std::vector<std::string> keys;
    for (const auto& c : header) CHECK(o->has(c));
    CHECK(o->isArray("thematiques"));
    if (o->getValue<std::string>("id") == "fiche-hostile") {
      CHECK(o->getArray("mots_cles")->getElement<std::string>(0) == "=1+1");
      CHECK(o->get("periode.en_cours").isBoolean());  // was the string "true"; the CSV says true
      CHECK((*h)[column(header, "periode.en_cours")] == "true");
    }
  }
  CHECK(n == 5);
  CHECK(read_csv(site.out / "donnees" / "parcours.csv").size() == 2);

  // The page documents each column and the licence, with a schema.org Dataset.
  const std::string page = site.page("donnees/index.html");
  CHECK(page.find("\"@type\":\"Dataset\"") != std::string::npos);
  CHECK(page.find("\"contentUrl\":\"https://pratiques.example.org/donnees/fiches.csv\"") != std::string::npos);
  for (const auto& c : header) CHECK(page.find("<code>" + c + "</code>") != std::string::npos);
  CHECK(page.find("creativecommons.org/licenses/by/4.0") != std::string::npos);
  // The grid's definitions are Markdown: "l'`id` ne change jamais" showed its backticks.
  CHECK(page.find("(l'<code>id</code> ne change jamais") != std::string::npos);
  CHECK(page.find("`") == std::string::npos);
}

TEST_CASE("fiches.csv: a list that starts with empty values keeps them, aligned with the other columns",
          "[site][donnees]") {
  SiteFixture site;
  std::string sheet = read(site.sheet_file("fiche-hostile"));
  const std::string one_source =
      "sources:\n  - titre: \"Rapport <script>alert(3)</script>\"\n    type: rapport\n"
      "    date: \"2015\"\n    url: \"javascript:alert(4)\"\n";
  const auto at = sheet.find(one_source);
  REQUIRE(at != std::string::npos);
  sheet.replace(
      at, one_source.size(),
      "sources:\n  - titre: \"Sans adresse\"\n    type: rapport\n  - titre: \"Aussi sans\"\n    type: rapport\n"
      "  - titre: \"En ligne\"\n    type: rapport\n    url: \"https://exemple.org/en-ligne\"\n");
  write(site.sheet_file("fiche-hostile"), sheet);
  site.rebuild();

  const auto rows = read_csv(site.out / "donnees" / "fiches.csv");
  const auto& header = rows.at(0);
  const std::size_t id = column(header, "id"), titles = column(header, "sources.titre"),
                    urls = column(header, "sources.url");
  const std::vector<std::string>* h = nullptr;
  for (const auto& row : rows)
    if (row[id] == "fiche-hostile") h = &row;
  REQUIRE(h);
  CHECK((*h)[titles] == "Sans adresse | Aussi sans | En ligne");
  CHECK((*h)[urls] == " |  | https://exemple.org/en-ligne");  // the third source's address, third
}

TEST_CASE("open data: a course step's own list is one value per step, a value's '|' is escaped", "[site][donnees]") {
  // The steps' competence domains were joined with the steps' separator: 9 steps, 13 values, and
  // no telling which step had which; a partner named "Mairie | Communauté" counted as two.
  SiteFixture site;
  std::string sheet = read(site.sheet_file("fiche-hostile"));
  const std::string title = "titre: \"Rapport <script>alert(3)</script>\"";
  const auto at = sheet.find(title);
  REQUIRE(at != std::string::npos);
  sheet.replace(at, title.size(), "titre: \"Rapport | annexe \\\\ 2\"");
  write(site.sheet_file("fiche-hostile"), sheet);
  site.rebuild();
  const auto courses = read_csv(site.out / "donnees" / "parcours.csv");
  const std::size_t steps = column(courses[0], "etapes.fiche"),
                    domains = column(courses[0], "etapes.domaines_competences");
  const auto count = [](const std::string& joined) {
    std::size_t n = 1;
    for (std::size_t p = joined.find(" | "); p != std::string::npos; p = joined.find(" | ", p + 3)) ++n;
    return n;
  };
  CHECK(count(courses[1][domains]) == count(courses[1][steps]));
  CHECK(courses[1][domains].find(" ; ") != std::string::npos);  // a step with two domains
  const auto sheets = read_csv(site.out / "donnees" / "fiches.csv");
  const std::size_t id = column(sheets[0], "id"), titles = column(sheets[0], "sources.titre");
  for (const auto& row : sheets)
    if (row[id] == "fiche-hostile") CHECK(row[titles] == "Rapport \\| annexe \\\\ 2");
}
