// The SQLite catalogue (catalog.cpp): versioned schema, statements, transactions, metadata.
#include <catch2/catch.hpp>

#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "support.h"

using namespace pratiques;

TEST_CASE("a new catalogue is created at the current schema version", "[catalog]") {
  testing::TempDir dir;
  const std::string path = (dir / "catalogue.sqlite").string();
  {
    Catalog cat(path, true);
    CHECK(cat.schema_version() == Catalog::kSchemaVersion);
    for (const char* table :
         {"meta", "files", "sheets", "sheet_values", "sections", "links", "old_ids", "vocabularies", "facets",
          "facet_values", "synonym_terms", "courses", "course_sections", "pages", "sheet_text"}) {
      INFO(table);
      auto s = cat.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
      s.bind(1, std::string(table));
      REQUIRE(s.step());
      CHECK(s.integer(0) == 1);
    }
  }
  // Reopening migrates nothing and keeps the data.
  Catalog again(path, true);
  CHECK(again.schema_version() == Catalog::kSchemaVersion);
}

TEST_CASE("a version 1 catalogue is migrated to the text table of extracts, its data kept", "[catalog]") {
  testing::TempDir dir;
  const std::string path = (dir / "catalogue.sqlite").string();
  {
    const Schema v1{"catalogue", {catalogue_schema().migrations[0]}};
    Catalog old(path, true, v1);
    old.set_meta("grid_version", "0.1");
    CHECK(old.schema_version() == 1);
  }
  Catalog cat(path, true);
  CHECK(cat.schema_version() == Catalog::kSchemaVersion);
  CHECK(cat.meta("grid_version") == "0.1");
  cat.prepare("INSERT INTO sheet_text(sheet_id, body) VALUES('a', 'Texte')").run();
  auto s = cat.prepare("SELECT body FROM sheet_text WHERE sheet_id = 'a'");
  REQUIRE(s.step());
  CHECK(s.text(0) == "Texte");
}

TEST_CASE("a version 4 catalogue is migrated to find a facet value's label without scanning them all", "[catalog]") {
  testing::TempDir dir;
  const std::string path = (dir / "catalogue.sqlite").string();
  {
    const auto& all = catalogue_schema().migrations;
    const Schema v4{"catalogue", {all.begin(), all.begin() + 4}};
    Catalog old(path, true, v4);
    old.prepare("INSERT INTO facet_values(id, facet, value, label) VALUES(1, 'publics', 'jeunes', 'Jeunes')").run();
  }
  Catalog cat(path, true);
  CHECK(cat.schema_version() == Catalog::kSchemaVersion);
  auto plan =
      cat.prepare("EXPLAIN QUERY PLAN SELECT label FROM facet_values WHERE facet = 'publics' AND value = 'jeunes'");
  std::string steps;
  while (plan.step()) steps += plan.text(3) + "\n";
  CHECK(steps.find("facet_values_by_value") != std::string::npos);
  auto s = cat.prepare("SELECT label FROM facet_values WHERE facet = 'publics' AND value = 'jeunes'");
  REQUIRE(s.step());
  CHECK(s.text(0) == "Jeunes");
}

TEST_CASE("a version 5 catalogue is migrated to find the reviews due through an index, the horizon day included",
          "[catalog]") {
  // « Revues à faire » read every sheet's front matter at each call (0.1–0.2 s at 10,000 sheets).
  testing::TempDir dir;
  const std::string path = (dir / "catalogue.sqlite").string();
  {
    const auto& all = catalogue_schema().migrations;
    const Schema v5{"catalogue", {all.begin(), all.begin() + 5}};
    Catalog old(path, true, v5);
    old.exec(R"sql(
INSERT INTO sheets(id, path, hash, titre, en_bref, front_json) VALUES
  ('lendemain', 'l.md', 'h', 'Le lendemain', '', '{"curation":{"prochaine_revue":"2027-01-16"}}'),
  ('jour-meme', 'j.md', 'h', 'Le jour même', '', '{"curation":{"prochaine_revue":"2027-01-15"}}'),
  ('b-en-retard', 'b.md', 'h', 'En retard', '', '{"curation":{"prochaine_revue":"2026-03-01"}}'),
  ('a-en-retard', 'a.md', 'h', 'En retard aussi', '', '{"curation":{"prochaine_revue":"2026-03-01"}}'),
  ('nombre', 'n.md', 'h', 'Une date en nombre', '', '{"curation":{"prochaine_revue":2026}}'),
  ('sans-revue', 's.md', 'h', 'Sans revue', '', '{"curation":{"statut":"publiee"}}'),
  ('sans-curation', 'c.md', 'h', 'Sans curation', '', '{}');
)sql");
  }
  Catalog cat(path, true);
  CHECK(cat.schema_version() == Catalog::kSchemaVersion);
  const auto due = catalogue::reviews_due(cat, "2027-01-15");
  std::vector<std::string> ids, dates;
  for (const auto& r : due) {
    ids.push_back(r.id);
    dates.push_back(r.date);
  }
  CHECK(ids == std::vector<std::string>{"a-en-retard", "b-en-retard", "jour-meme"});
  CHECK(dates == std::vector<std::string>{"2026-03-01", "2026-03-01", "2027-01-15"});
  CHECK(due.back().title == "Le jour même");
  CHECK(catalogue::reviews_due(cat, "2027-01-16").size() == 4);
  CHECK(catalogue::reviews_due(cat, "2026-02-28").empty());
  // The query of reviews_due (catalogue.cpp) reads that index's range, sorted already.
  auto plan = cat.prepare(
      "EXPLAIN QUERY PLAN SELECT id, titre, json_extract(front_json, '$.curation.prochaine_revue') FROM sheets WHERE "
      "json_extract(front_json, '$.curation.prochaine_revue') >= '' AND json_extract(front_json, "
      "'$.curation.prochaine_revue') <= '2027-01-15' ORDER BY json_extract(front_json, '$.curation.prochaine_revue'), id");
  std::string steps;
  while (plan.step()) steps += plan.text(3) + "\n";
  INFO(steps);
  CHECK(steps.find("USING INDEX sheets_by_next_review") != std::string::npos);
  CHECK(steps.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("a catalogue of the former version 2 (the search log) gets the tables written since", "[catalog]") {
  // Version 2 was the search log before it moved to the server's database and the step was
  // replaced: such a catalogue has no text of extracts, and no migration made the facets table.
  testing::TempDir dir;
  const std::string path = (dir / "catalogue.sqlite").string();
  {
    const Schema former{"catalogue",
                        {catalogue_schema().migrations[0],
                         "CREATE TABLE search_log(at TEXT, query TEXT, filters TEXT, results INTEGER);"}};
    Catalog old(path, true, former);
    CHECK(old.schema_version() == 2);
    CHECK_FALSE(old.has_table("sheet_text"));
  }
  Catalog cat(path, true);
  CHECK(cat.schema_version() == Catalog::kSchemaVersion);
  CHECK(cat.has_table("sheet_text"));
  CHECK(cat.has_table("facets"));
  CHECK(cat.has_table("search_log"));  // its rows are left as they were
}

TEST_CASE("facets saved before the facets table joined the migrations are kept", "[catalog]") {
  testing::TempDir dir;
  const std::string path = (dir / "catalogue.sqlite").string();
  {
    const Schema v2{"catalogue", {catalogue_schema().migrations[0], catalogue_schema().migrations[1]}};
    Catalog old(path, true, v2);
    old.exec(
        "CREATE TABLE facets(ord INTEGER PRIMARY KEY, key TEXT, label TEXT, field TEXT, vocabulary TEXT);"
        "INSERT INTO facets VALUES(0, 'publics', 'Publics', 'publics', 'publics');");
  }
  Catalog cat(path, true);
  CHECK(cat.schema_version() == Catalog::kSchemaVersion);
  auto s = cat.prepare("SELECT label FROM facets WHERE key = 'publics'");
  REQUIRE(s.step());
  CHECK(s.text(0) == "Publics");
}

TEST_CASE("metadata are stored and replaced", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  CHECK(cat.meta("absente").empty());
  cat.set_meta("grid_version", "0.1");
  CHECK(cat.meta("grid_version") == "0.1");
  cat.set_meta("grid_version", "0.2");
  CHECK(cat.meta("grid_version") == "0.2");
  cat.set_meta("accents", "Œuvre « éàü »");
  CHECK(cat.meta("accents") == "Œuvre « éàü »");
}

TEST_CASE("statements bind, step and read columns", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  auto ins = cat.prepare("INSERT INTO old_ids(old_id, sheet_id) VALUES(?, ?)");
  ins.bind(1, std::string("ancien")).bind(2, std::string("nouveau")).run();
  ins.bind(1, std::string("autre")).bind(2, std::string("nouveau")).run();  // reusable after run()
  auto sel = cat.prepare("SELECT old_id, length(sheet_id), NULL FROM old_ids ORDER BY old_id");
  std::vector<std::string> seen;
  while (sel.step()) {
    seen.push_back(sel.text(0));
    CHECK(sel.integer(1) == 7);
    CHECK(sel.is_null(2));
  }
  CHECK(seen == std::vector<std::string>{"ancien", "autre"});
  // Text with a NUL byte round-trips (sqlite3 lengths, not C strings).
  auto meta = cat.prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
  meta.bind(1, std::string("nul")).bind(2, std::string("a\0b", 3)).run();
  CHECK(cat.meta("nul") == std::string("a\0b", 3));
}

TEST_CASE("errors are CatalogError", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  CHECK_THROWS_AS(cat.prepare("SELECT * FROM table_absente"), CatalogError);
  CHECK_THROWS_AS(cat.exec("INSERT INTO nulle_part VALUES(1)"), CatalogError);
  auto dup = cat.prepare("INSERT INTO old_ids(old_id, sheet_id) VALUES('a', 'b')");
  dup.run();
  CHECK_THROWS_AS(dup.run(), CatalogError);  // primary key
  CHECK_THROWS_AS(Catalog((dir / "absent" / "c.sqlite").string(), false), CatalogError);
}

TEST_CASE("a transaction is rolled back when its body throws", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  CHECK_THROWS_AS(cat.transaction([&] {
    cat.set_meta("dans", "la transaction");
    throw std::runtime_error("échec");
  }),
                  std::runtime_error);
  CHECK(cat.meta("dans").empty());
  cat.transaction([&] { cat.set_meta("dans", "validée"); });
  CHECK(cat.meta("dans") == "validée");
}

TEST_CASE("a read-only catalogue of a newer schema is refused", "[catalog]") {
  testing::TempDir dir;
  const std::string path = (dir / "c.sqlite").string();
  {
    Catalog cat(path, true);
    cat.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_AS(Catalog(path, false), CatalogError);
  CHECK_THROWS_AS(Catalog(path, true), CatalogError);
}

TEST_CASE("a read-only catalogue cannot be written", "[catalog]") {
  testing::TempDir dir;
  const std::string path = (dir / "c.sqlite").string();
  { Catalog cat(path, true); }
  Catalog ro(path, false);
  CHECK(ro.schema_version() == Catalog::kSchemaVersion);
  CHECK_THROWS_AS(ro.set_meta("x", "y"), CatalogError);
}
