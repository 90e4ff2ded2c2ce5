// `pratiques export`: the open data of an index on standard output or in a file, CSV or JSON Lines.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <set>
#include <sstream>

#include "corpus.h"

TEST_CASE("pratiques export writes one row per sheet, CSV or JSON Lines, to a file or stdout", "[cli][export]") {
  testing::TempDir dir;
  const auto csv = testing::run({testing::cli(), "export", "--format", "csv", "--index", testing::corpus_index(),
                                 "--sortie", (dir / "fiches.csv").string()});
  INFO(csv.err);
  REQUIRE(csv.status == 0);
  const std::string text = testing::read_file(dir / "fiches.csv");
  CHECK(text.starts_with("url,id,"));
  std::size_t lines = 0;
  for (std::size_t p = text.find("\r\nhttp://localhost:8080/fiches/"); p != std::string::npos;
       p = text.find("\r\nhttp://localhost:8080/fiches/", p + 1))
    ++lines;
  CHECK(lines == 8);
  CHECK_FALSE(std::filesystem::exists(dir / "fiches.csv.tmp"));
  // --out is the English alias; stdout when no file is given.
  const auto jsonl = testing::run({testing::cli(), "export", "--format", "jsonl", "--index", testing::corpus_index(),
                                   "--base-url", "https://pratiques.example.org"});
  REQUIRE(jsonl.status == 0);
  CHECK(std::count(jsonl.out.begin(), jsonl.out.end(), '\n') == 8);
  std::set<std::string> urls;
  std::istringstream lines_in(jsonl.out);
  for (std::string line; std::getline(lines_in, line);) {
    Poco::JSON::Parser parser;
    urls.insert(parser.parse(line).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("url"));
  }
  CHECK(urls.count("https://pratiques.example.org/fiches/sejour-repit-aidants-msa/") == 1);
  const auto alias = testing::run({testing::cli(), "export", "--format", "csv", "--parcours", "--index",
                                   testing::corpus_index(), "--out", (dir / "parcours.csv").string()});
  CHECK(alias.status == 0);
  CHECK(testing::read_file(dir / "parcours.csv").starts_with("url,"));
  const auto bad = testing::run({testing::cli(), "export", "--format", "xlsx", "--index", testing::corpus_index()});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--format attend csv ou jsonl") != std::string::npos);
}

TEST_CASE("pratiques export: JSON Lines keep the booleans and integers of the front matter, CSV writes them as text",
          "[cli][export]") {
  // They were strings ("false", "7200") while /api/fiches/<id> gave false and 7200.
  testing::Workspace w;
  w.replace_in("sejour-repit-aidants-msa", "  region: \"75\"\n",
               "  region: \"75\"\n  politique_de_la_ville: false\n  population: 7200\n");
  REQUIRE(pratiques::build_index(w.options).published);
  const auto jsonl = testing::run({testing::cli(), "export", "--format", "jsonl", "--index", w.options.out});
  INFO(jsonl.err);
  REQUIRE(jsonl.status == 0);
  std::string line;
  std::istringstream in(jsonl.out);
  for (std::string l; std::getline(in, l);)
    if (l.find("\"id\":\"sejour-repit-aidants-msa\"") != std::string::npos) line = l;
  REQUIRE_FALSE(line.empty());
  CHECK(line.find("\"territoire.politique_de_la_ville\":false") != std::string::npos);
  CHECK(line.find("\"territoire.population\":7200") != std::string::npos);
  CHECK(line.find("\"periode.en_cours\":true") != std::string::npos);
  CHECK(line.find("\"territoire.departement\":\"24\"") != std::string::npos);  // a code written as text stays text
  CHECK(line.find("\"thematiques\":[\"aidants\",\"vieillissement\"]") != std::string::npos);
  // The same values as the parsed JSON of the front matter, as the JSON API gives it.
  Poco::JSON::Parser parser;
  const auto o = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
  CHECK(o->get("periode.en_cours").isBoolean());
  CHECK(o->get("territoire.population").isInteger());

  const auto csv = testing::run({testing::cli(), "export", "--format", "csv", "--index", w.options.out});
  REQUIRE(csv.status == 0);
  const auto row = csv.out.find("/fiches/sejour-repit-aidants-msa/,");
  REQUIRE(row != std::string::npos);
  const std::string text = csv.out.substr(row, csv.out.find("\r\n", row) - row);
  CHECK(text.find(",false,7200,") != std::string::npos);
}

TEST_CASE("pratiques export holds the front matter of the sheets, never their sections", "[cli][export][no-sanitizers]") {
  // It loaded every sheet whole: 370 MB at 10,000 generated sheets (3.7 GB at 100,000) for files that
  // carry no section. 40 sheets of about 900 KB of text each: the export's memory must not grow
  // with their sections (36 MB more), compared with the same sheets nearly empty; what is left is
  // one section read at a time (a few MB here, where one section is 900 KB).
  testing::Workspace small(40), large(40);
  std::string paragraph;
  for (int i = 0; paragraph.size() < 10000; ++i) paragraph += "mot" + std::to_string(i) + " ";
  std::string text;
  for (int i = 0; i < 90; ++i) text += paragraph + "\n\n";
  for (int i = 0; i < 40; ++i)
    large.replace_in("copie-" + std::to_string(i), "un professionnel disponible une demi-journée par semaine.",
                     "un professionnel disponible une demi-journée par semaine.\n\n" + text);
  REQUIRE(pratiques::build_index(small.options).published);
  REQUIRE(pratiques::build_index(large.options).published);
  // Its own peak, as /usr/bin/time reads it (a child forked from this test would count this
  // process's memory too).
  const auto rss = [](const testing::Workspace& w) {
    const auto r =
        testing::run({"/usr/bin/time", "-f", "%M", "-o", (w.dir / "rss.txt").string(), testing::cli(), "export",
                      "--format", "jsonl", "--index", w.options.out, "--sortie", (w.dir / "fiches.jsonl").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return std::stol(testing::read_file(w.dir / "rss.txt"));
  };
  const long without = rss(small), with = rss(large);
  INFO("pic de mémoire : " << without << " Ko, " << with << " Ko avec 36 Mo de sections");
  CHECK(with - without < 18000);
}
