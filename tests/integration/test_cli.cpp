// The `pratiques` command as people use it: check, index, search (text and JSON output, exit codes).
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <regex>
#include <set>
#include <sstream>

#include "corpus.h"

namespace fs = std::filesystem;

namespace {

testing::RunResult run_cli(std::vector<std::string> args, const fs::path& cwd = testing::source_dir()) {
  args.insert(args.begin(), testing::cli());
  return testing::run(args, cwd);
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The rule fixtures share one template, so each is a near-copy of its siblings: the
// [doublon-probable] lines are counted apart.
std::vector<std::string> without_near_copies(const std::vector<std::string>& out, std::size_t& near) {
  std::vector<std::string> kept;
  near = 0;
  for (const auto& l : out) {
    if (l.find("[doublon-probable]") != std::string::npos)
      ++near;
    else
      kept.push_back(l);
  }
  return kept;
}

const std::regex kDiagnostic(R"(^(.+):([0-9]+):([0-9]+): (erreur|avertissement): (.+) \[([A-Za-z0-9-]+)\]$)");

Poco::JSON::Object::Ptr parse_object(const std::string& s) {
  Poco::JSON::Parser parser;
  return parser.parse(s).extract<Poco::JSON::Object::Ptr>();
}

std::set<std::string> keys(const Poco::JSON::Object::Ptr& o) {
  std::vector<std::string> v;
  o->getNames(v);
  return {v.begin(), v.end()};
}

}  // namespace

TEST_CASE("pratiques check prints path:line:column: severity: message [rule] and exits 1 on error", "[cli][check]") {
  const auto r = run_cli({"check", "tests/fixtures/regles/cle-inconnue.md"});
  CHECK(r.status == 1);
  std::size_t near = 0;
  const auto out = without_near_copies(lines(r.out), near);
  REQUIRE(out.size() == 2);
  CHECK(out[0] ==
        "tests/fixtures/regles/cle-inconnue.md:56:1: erreur: clé inconnue « mot_cles » ; vouliez-vous dire « mots_cles "
        "» ? "
        "[cle-inconnue]");
  CHECK(out[1] == "1 fichier(s) vérifié(s) : 1 erreur(s), " + std::to_string(near) + " avertissement(s)");
}

TEST_CASE("every diagnostic line of pratiques check has the documented format", "[cli][check]") {
  const auto r = run_cli({"check", "tests/fixtures/regles"});
  CHECK(r.status == 1);
  const auto out = lines(r.out);
  REQUIRE(out.size() > 40);
  std::set<std::string> rules;
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    INFO(out[i]);
    std::smatch m;
    REQUIRE(std::regex_match(out[i], m, kDiagnostic));
    CHECK(fs::exists(testing::source_dir() / m[1].str()));
    CHECK(std::stoi(m[2]) >= 1);
    CHECK(std::stoi(m[3]) >= 1);
    rules.insert(m[6]);
  }
  CHECK(std::regex_match(
      out.back(), std::regex(R"(^[0-9]+ fichier\(s\) vérifié\(s\) : [0-9]+ erreur\(s\), [0-9]+ avertissement\(s\)$)")));
  for (const char* rule : {"yaml",
                           "front-matter-absent",
                           "fichier-vide",
                           "fichier-binaire",
                           "utf8",
                           "cle-obligatoire",
                           "cle-inconnue",
                           "vocabulaire",
                           "cardinalite",
                           "longueur",
                           "date",
                           "type",
                           "id-nom-fichier",
                           "id-format",
                           "id-doublon",
                           "fiche-liee-inconnue",
                           "fiche-liee-reciproque",
                           "section-obligatoire",
                           "section-ordre",
                           "section-inconnue",
                           "section-doublon",
                           "section-vide",
                           "territoire-departement",
                           "territoire-region",
                           "territoire-commune",
                           "R4-freins-contournements",
                           "R5-paroles-consentement",
                           "R6-en-cours-revue",
                           "R7-evaluation-realisee",
                           "R8-methode",
                           "caractere-controle"}) {
    INFO(rule);
    CHECK(rules.count(rule));
  }
}

TEST_CASE("pratiques check exits 0 without error, warnings included", "[cli][check]") {
  const auto valid = run_cli({"check", "tests/fixtures/valide"});
  CHECK(valid.status == 0);
  // fiche-bom-crlf.md is fiche-valide.md with a BOM and CRLF line ends: the same text, flagged.
  const auto out = lines(valid.out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].find("fiche-bom-crlf.md:1:1: avertissement: fiche très proche de « fiche-valide » (similarité 100 %)") !=
        std::string::npos);
  CHECK(out[1] == "2 fichier(s) vérifié(s) : 0 erreur(s), 1 avertissement(s)");
  const auto warning = run_cli({"check", "tests/fixtures/regles/cle-recommandee.md"});
  CHECK(warning.status == 0);
  REQUIRE_FALSE(lines(warning.out).empty());
  CHECK(lines(warning.out)[0].find(": avertissement: ") != std::string::npos);
}

TEST_CASE("pratiques check --format json is valid JSON with the diagnostics", "[cli][check]") {
  const auto r = run_cli({"check", "--format", "json", "tests/fixtures/regles/r7-evaluation-realisee.md",
                          "tests/fixtures/valide/fiche-valide.md"});
  CHECK(r.status == 1);
  const auto o = parse_object(r.out);
  CHECK(keys(o) == std::set<std::string>{"fichiers", "erreurs", "avertissements", "diagnostics"});
  CHECK(o->getValue<int>("fichiers") == 2);
  CHECK(o->getValue<int>("erreurs") == 1);
  const auto list = o->getArray("diagnostics");
  std::size_t near = 0;
  for (std::size_t i = 0; i < list->size(); ++i)
    near += list->getObject(i)->getValue<std::string>("regle") == "doublon-probable";
  CHECK(o->getValue<std::size_t>("avertissements") == 1 + near);
  REQUIRE(list->size() == 2 + near);
  std::size_t first = 0;
  while (list->getObject(first)->getValue<std::string>("regle") == "doublon-probable") ++first;
  const auto d = list->getObject(first);
  CHECK(keys(d) == std::set<std::string>{"fichier", "ligne", "colonne", "gravite", "regle", "message"});
  CHECK(d->getValue<std::string>("fichier") == "tests/fixtures/regles/r7-evaluation-realisee.md");
  CHECK(d->getValue<int>("ligne") == 44);
  CHECK(d->getValue<std::string>("regle") == "R7-evaluation-realisee");
  const auto ok = run_cli({"check", "--format=json", "tests/fixtures/valide"});
  CHECK(ok.status == 0);
  CHECK(parse_object(ok.out)->getValue<int>("erreurs") == 0);
}

TEST_CASE("build and serve take --proches from 0 to 50, and say so otherwise", "[cli]") {
  for (const char* command : {"build", "serve"})
    for (const char* value : {"51", "-1", "cinq"}) {
      INFO(command << " --proches " << value);
      const auto r = run_cli({command, "--proches", value, "--index", "/nulle/part"});
      CHECK(r.status == 2);
      CHECK(r.err == std::string("pratiques ") + command + " : --proches attend un nombre de 0 à 50\n");
    }
}

TEST_CASE("build and serve take --fiches-par-page from 1 to 10000, and say so otherwise", "[cli]") {
  for (const char* command : {"build", "serve"})
    for (const char* value : {"0", "10001", "-3", "cent"}) {
      INFO(command << " --fiches-par-page " << value);
      const auto r = run_cli({command, "--fiches-par-page", value, "--index", "/nulle/part"});
      CHECK(r.status == 2);
      CHECK(r.err == std::string("pratiques ") + command + " : --fiches-par-page attend un nombre de 1 à 10000\n");
    }
}

TEST_CASE("pratiques search refuses a page number or size that is none, and says so", "[cli]") {
  // « --page abc », « --page 0 » showed the first page; « --par-page 0 » one sheet.
  for (const auto& [flag, value] : std::vector<std::pair<const char*, const char*>>{
           {"--page", "abc"}, {"--page", "0"}, {"--page", "-1"}, {"--par-page", "0"}, {"--par-page", "101"}}) {
    INFO(flag << " " << value);
    const auto r = run_cli({"search", flag, value, "--index", "/nulle/part", "jardin"});
    CHECK(r.status == 2);
    CHECK(r.err == "pratiques search : --page attend un nombre à partir de 1, --par-page un nombre de 1 à 100\n");
  }
}

TEST_CASE("pratiques check rejects bad options", "[cli][check]") {
  CHECK(run_cli({"check", "--format", "xml"}).status == 2);
  CHECK(run_cli({"check", "--inconnue"}).status == 2);
  CHECK(run_cli({"commande-inconnue"}).status == 2);
  CHECK(run_cli({}).status == 2);
  CHECK(run_cli({"--help"}).status == 0);
  const auto schema = run_cli({"check", "--schemas", "/nulle/part", "tests/fixtures/valide"});
  CHECK(schema.status == 3);
  CHECK(schema.err.find("/nulle/part/grille.yaml:1:") != std::string::npos);
}

TEST_CASE("pratiques serve runs pratiques-serve from beside it, and says so when it is missing", "[cli]") {
  const auto refused = run_cli({"serve", "--inconnue"});
  CHECK(refused.status == 2);
  CHECK(refused.err.find("option inconnue --inconnue") != std::string::npos);
  testing::TempDir dir;
  fs::copy_file(testing::cli(), dir / "pratiques");
  const auto alone = testing::run({(dir / "pratiques").string(), "serve"});
  CHECK(alone.status == 4);
  CHECK(alone.err.find("impossible de lancer le serveur " + (dir / "pratiques-serve").string()) != std::string::npos);
}

TEST_CASE("pratiques serve: --courriel-oai is in its help, and a start without an OAI address warns", "[cli]") {
  const auto help = run_cli({"serve", "--help"});
  CHECK(help.out.find("--courriel-oai ADRESSE") != std::string::npos);
  // OAI-PMH's Identify must give an address: without --courriel-oai nor --courriel-contact, the server
  // says so as it starts (here it stops at once: no index).
  testing::TempDir dir;
  const std::vector<std::string> serve{
      "serve", "--index", (dir / "index").string(), "--donnees", (dir / "var").string(), "--port", "0"};
  const auto warned = run_cli(serve);
  CHECK(warned.status == 4);
  CHECK(warned.err.find("pratiques serve : avertissement : ni --courriel-oai ni --courriel-contact") !=
        std::string::npos);
  auto with_contact = serve;
  with_contact.insert(with_contact.end(), {"--courriel-contact", "contact@exemple.fr"});
  const auto quiet = run_cli(with_contact);
  CHECK(quiet.status == 4);
  CHECK(quiet.err.find("avertissement") == std::string::npos);
}

TEST_CASE("an unexpected failure exits 5, apart from the documented codes", "[cli]") {
  testing::TempDir dir;
  testing::write_file(dir / "var" / "pratiques.sqlite", "ceci n'est pas une base SQLite, mais un texte assez long.");
  const auto r = run_cli({"rapport", "recherches", "--donnees", (dir / "var").string()});
  CHECK(r.status == 5);
  CHECK(r.err.find("pratiques : erreur interne : ") == 0);
}

TEST_CASE("pratiques COMMAND --help prints that command's usage and exits 0", "[cli]") {
  const auto search = run_cli({"search", "--help"});
  CHECK(search.status == 0);
  CHECK(search.out.find("  search REQUÊTE...") != std::string::npos);
  CHECK(search.out.find("--tri pertinence|date|titre") != std::string::npos);
  CHECK(search.out.find("  index [FICHIER...]") == std::string::npos);  // only that command's
  const auto users = run_cli({"utilisateur", "-h"});
  CHECK(users.status == 0);
  CHECK(users.out.find("  utilisateur ajouter") != std::string::npos);
  CHECK(users.out.find("  utilisateur liste") != std::string::npos);
  CHECK(users.out.find("  rapport recherches") == std::string::npos);
  // A wrong option names the command's own help.
  const auto wrong = run_cli({"search", "--index", testing::corpus_index(), "--triage", "x"});
  CHECK(wrong.status == 2);
  CHECK(wrong.err.find("option inconnue --triage (pratiques search --help)") != std::string::npos);
  // "aide" after a command is a word like any other: a search for it.
  const auto word = run_cli({"search", "--index", testing::corpus_index(), "--json", "aide"});
  CHECK(word.status == 0);
  CHECK(word.out.rfind("{\"requete\":\"aide\"", 0) == 0);
}

TEST_CASE("French flags and their English aliases mean the same", "[cli]") {
  testing::TempDir dir;
  testing::copy_tree(testing::fixtures() / "corpus", dir / "content");
  const auto french = run_cli({"index", "--contenu", (dir / "content").string(), "--schemas",
                               testing::schemas().string(), "--sortie=" + (dir / "index").string(), "--poursuivre"});
  INFO(french.err);
  CHECK(french.status == 0);
  CHECK(french.out.find("8 fiche(s) : 8 ajoutée(s)") != std::string::npos);
  const auto english = run_cli({"index", "--content=" + (dir / "content").string(), "--schemas",
                                testing::schemas().string(), "--out", (dir / "index").string(), "--keep-going"});
  CHECK(english.status == 0);
  CHECK(english.out.find("8 inchangée(s)") != std::string::npos);  // the same index, found through the aliases
  const auto unknown = run_cli({"index", "--sortir", (dir / "index").string()});
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("option inconnue --sortir") != std::string::npos);
  CHECK(run_cli({"index", "--out"}).status == 2);  // a value is missing, under either name
  CHECK(run_cli({"index", "--sortie"}).status == 2);
}

TEST_CASE("pratiques index publishes, reports, and refuses faulty sheets", "[cli][index]") {
  testing::TempDir dir;
  testing::copy_tree(testing::fixtures() / "corpus", dir / "content");
  const std::vector<std::string> base = {"index",
                                         "--content",
                                         (dir / "content").string(),
                                         "--schemas",
                                         testing::schemas().string(),
                                         "--out",
                                         (dir / "index").string()};
  const auto first = run_cli(base);
  INFO(first.err);
  CHECK(first.status == 0);
  CHECK(first.out.find("index publié") != std::string::npos);
  CHECK(first.out.find("8 fiche(s) : 8 ajoutée(s)") != std::string::npos);
  // A faulty sheet: not published, exit 1, the reason on stderr.
  const fs::path faulty = dir / "content" / "fiches" / "fiche-en-erreur.md";
  std::string text = testing::read_file(testing::fixtures() / "regles" / "date.md");
  text.replace(text.find("id: date"), 8, "id: fiche-en-erreur");
  testing::write_file(faulty, text);
  const auto refused = run_cli(base);
  CHECK(refused.status == 1);
  CHECK(refused.err.find("fiche-en-erreur.md:17:10: erreur:") != std::string::npos);
  CHECK(refused.err.find("[date]") != std::string::npos);
  CHECK(refused.err.find("index non publié") != std::string::npos);
  CHECK(refused.out.find("index publié") == std::string::npos);
  // --keep-going publishes the others, and still exits 1.
  auto keep = base;
  keep.push_back("--keep-going");
  const auto kept = run_cli(keep);
  CHECK(kept.status == 1);
  CHECK(kept.out.find("index publié") != std::string::npos);
  CHECK(kept.err.find("non publiée (erreurs) : ") != std::string::npos);
}

TEST_CASE("pratiques index FILE publishes the named files alone", "[cli][index]") {
  testing::TempDir dir;
  testing::copy_tree(testing::fixtures() / "corpus", dir / "content");
  const std::vector<std::string> base = {"index",
                                         "--contenu",
                                         (dir / "content").string(),
                                         "--schemas",
                                         testing::schemas().string(),
                                         "--sortie",
                                         (dir / "index").string()};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
  };
  auto found = [&](const std::string& word) {
    const auto r = run_cli({"search", "--index", (dir / "index").string(), "--json", word});
    return parse_object(r.out)->getValue<int>("total") > 0;
  };
  // Without an index, named files have nothing to be published into.
  const auto none = with({"fiches/ecole-ouverte-parents-fives.md"});
  CHECK(none.status == 4);
  CHECK(none.err.find("aucun index") != std::string::npos);
  REQUIRE(with({}).status == 0);
  auto rename = [&](const std::string& file, const std::string& word) {
    const fs::path p = dir / "content" / "fiches" / file;
    std::string text = testing::read_file(p);
    text.replace(text.find("titre: \""), 8, "titre: \"" + word + " ");
    testing::write_file(p, text);
  };
  rename("ecole-ouverte-parents-fives.md", "Zygomatiques");
  rename("sejour-repit-aidants-msa.md", "Xylophones");
  const auto one = with({"fiches/ecole-ouverte-parents-fives.md"});
  INFO(one.err);
  CHECK(one.status == 0);
  CHECK(one.out.find("8 fiche(s) : 0 ajoutée(s), 1 mise(s) à jour") != std::string::npos);
  CHECK(found("zygomatiques"));
  CHECK_FALSE(found("xylophones"));  // changed, not named: still the published version
  // A whole run compares every file and publishes the other one.
  CHECK(with({}).out.find("1 mise(s) à jour") != std::string::npos);
  CHECK(found("xylophones"));
  // A file outside the content directory, and --complet with files, are refused.
  CHECK(with({(dir / "ailleurs.md").string()}).err.find("n'est pas une fiche") != std::string::npos);
  CHECK(with({"--complet", "fiches/ecole-ouverte-parents-fives.md"}).status == 2);
}

TEST_CASE("pratiques search --json prints exactly one JSON object", "[cli][search]") {
  const auto r = run_cli({"search", "--index", testing::corpus_index(), "--json", "potager"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  // One object, one line, nothing else.
  REQUIRE_FALSE(r.out.empty());
  CHECK(r.out.front() == '{');
  CHECK(r.out.back() == '\n');
  CHECK(r.out.find('\n') == r.out.size() - 1);
  const auto o = parse_object(r.out);
  const auto k = keys(o);
  for (const char* key : {"requete", "total", "page", "par_page", "resultats", "facettes", "suggestion"}) {
    INFO(key);
    CHECK(k.count(key));
  }
  // And "correction_appliquee", "resultats_complets", "autres_suggestions", "termes_plus_larges",
  // "aucun_mot", "troncatures_trop_courtes", "troncatures_en_trop", "prefixes_inconnus", "mots_exclus",
  // "mots_introuvables", "texte_ignore".
  CHECK(k.size() == 18);
  CHECK(k.count("correction_appliquee"));
  REQUIRE(o->getArray("autres_suggestions"));
  CHECK(o->getArray("autres_suggestions")->size() == 0);
  CHECK(o->getValue<int>("resultats_complets") == 2);
  CHECK(o->getValue<std::string>("requete") == "potager");
  CHECK(o->getValue<int>("total") == 2);
  CHECK(o->getArray("resultats")->size() == 2);
  CHECK(o->isNull("suggestion"));
}

TEST_CASE("pratiques search options: filters, pages, sort", "[cli][search]") {
  const std::string index = testing::corpus_index();
  const auto filtered = run_cli({"search", "--index", index, "--json", "--filtre", "departement=59", "--filtre",
                                 "departement=24", "--par-page", "2", "--page", "2", "--tri", "titre"});
  INFO(filtered.err);
  REQUIRE(filtered.status == 0);
  const auto o = parse_object(filtered.out);
  CHECK(o->getValue<int>("total") == 5);
  CHECK(o->getValue<int>("page") == 2);
  CHECK(o->getValue<int>("par_page") == 2);
  const auto results = o->getArray("resultats");
  REQUIRE(results->size() == 2);
  // Titles: Dépendance, École, Familles, Habitants, Séjour → page 2 = Familles, Habitants.
  CHECK(results->getObject(0)->getValue<std::string>("id") == "familles-cafe-des-parents-roubaix");
  CHECK(results->getObject(1)->getValue<std::string>("id") == "habitants-pouvoir-agir-tilleuls");
  const auto words = run_cli({"search", "--index", index, "--json", "potager", "ET", "tricot"});
  CHECK(parse_object(words.out)->getValue<int>("total") == 1);
  CHECK(run_cli({"search", "--index", index, "--tri", "hasard", "x"}).status == 2);
  CHECK(run_cli({"search", "--index", index, "--filtre", "sans-egal", "x"}).status == 2);
}

TEST_CASE("pratiques search reports errors on stderr", "[cli][search]") {
  const auto unknown = run_cli({"search", "--index", testing::corpus_index(), "--filtre", "thematique=parentalite"});
  CHECK(unknown.status == 4);
  CHECK(unknown.out.empty());
  CHECK(unknown.err.find("filtre inconnu « thematique »") != std::string::npos);
  testing::TempDir dir;
  const auto missing = run_cli({"search", "--index", (dir / "index").string(), "ecole"});
  CHECK(missing.status == 4);
  CHECK(missing.err.find("pratiques index") != std::string::npos);
  // A read node's store before its first copy: `pratiques index` there would make the node diverge
  // from the primary; its follower brings the index (docs/repliques.md).
  fs::create_directories(dir / "index.d" / "xapian-replique");
  const auto waiting = run_cli({"search", "--index", (dir / "index").string(), "ecole"});
  CHECK(waiting.status == 4);
  CHECK(waiting.err.find("« pratiques replique » n'a pas encore reçu la première copie du primaire") !=
        std::string::npos);
  CHECK(waiting.err.find("pratiques index") == std::string::npos);
}

TEST_CASE("every command that reads an index says as search does that there is none, or that it cannot be read",
          "[cli]") {
  // build and export exited 5 with « erreur interne : catalogue SQLite : ouverture de … » or « aucun
  // catalogue dans … »; search said it plainly and exited 4.
  testing::TempDir dir;
  fs::create_directories(dir / "vide");
  fs::create_directories(dir / "illisible");
  testing::write_file(dir / "illisible" / "catalogue.sqlite", std::string(8192, 'x'));
  for (const std::string name : {"nulle-part", "vide", "illisible"}) {
    const std::string index = (dir / name).string();
    const std::vector<std::vector<std::string>> commands = {
        {"search", "--index", index, "ecole"},
        {"build", "--index", index, "--sortie", (dir / "site").string()},
        {"export", "--format", "csv", "--index", index},
        {"export", "--format", "jsonl", "--parcours", "--index", index, "--sortie", (dir / "p.jsonl").string()}};
    for (const auto& command : commands) {
      const auto r = run_cli(command);
      INFO(command[0] << " " << name << " : " << r.err);
      CHECK(r.status == 4);
      CHECK(r.out.empty());
      CHECK(r.err.find("erreur interne") == std::string::npos);
      CHECK(r.err.find("« " + index + " »") != std::string::npos);
      CHECK(r.err.find("« pratiques index") != std::string::npos);
      CHECK(r.err.find(name == "illisible" ? "pratiques : index illisible" : "pratiques : aucun index dans") == 0);
    }
  }
  CHECK_FALSE(fs::exists(dir / "site"));
  CHECK_FALSE(fs::exists(dir / "p.jsonl"));
  CHECK_FALSE(fs::exists(dir / "p.jsonl.tmp"));
  CHECK_FALSE(fs::exists(dir / "nulle-part.d"));
}

TEST_CASE("pratiques search prints readable text by default", "[cli][search]") {
  const auto r = run_cli({"search", "--index", testing::corpus_index(), "parentalitté"});
  REQUIRE(r.status == 0);
  const auto out = lines(r.out);
  REQUIRE_FALSE(out.empty());
  CHECK(out[0].rfind("2 résultat(s) pour « parentalitté » (résultats pour « parentalité »)", 0) == 0);
  CHECK(
      r.out.find("1. Familles et parentalité : le café des parents de Roubaix  [familles-cafe-des-parents-roubaix]") !=
      std::string::npos);
  CHECK(r.out.find("<mark>") == std::string::npos);  // the extract is shown as text
}

TEST_CASE("pratiques search offers both words a typo may be, and applies neither", "[cli][search][spelling]") {
  // "scolaite": "scolarité" with a letter left out, or "scolaire" with a neighbouring key.
  const auto r = run_cli({"search", "--index", testing::corpus_index(), "scolaite"});
  REQUIRE(r.status == 0);
  const auto out = lines(r.out);
  REQUIRE(out.size() > 1);
  CHECK(out[0] == "0 résultat(s) pour « scolaite » — page 1");
  CHECK(out[1] == "Vouliez-vous dire : scolarite ou scolaire ?");
  const auto json = parse_object(run_cli({"search", "--index", testing::corpus_index(), "--json", "scolaite"}).out);
  CHECK(json->getValue<std::string>("suggestion") == "scolarite");
  const auto others = json->getArray("autres_suggestions");
  REQUIRE(others);
  REQUIRE(others->size() == 1);
  CHECK(others->getElement<std::string>(0) == "scolaire");
  CHECK_FALSE(json->getValue<bool>("correction_appliquee"));
}

TEST_CASE("pratiques search says when results hold only part of the words and which ones they lack",
          "[cli][search]") {
  // No sheet of the fixture holds all three words (as on the site's search page).
  const auto r = run_cli({"search", "--index", testing::corpus_index(), "potager", "tricot", "bibliothèque"});
  REQUIRE(r.status == 0);
  const auto out = lines(r.out);
  REQUIRE(out.size() > 2);
  CHECK(out[1] ==
        "Aucune pratique ne contient tous les mots\u00a0; chaque résultat indique ceux qui lui manquent.");
  CHECK(r.out.find("   Ne contient pas : tricot\n") != std::string::npos);
  CHECK(r.out.find("   Ne contient pas : bibliothèque\n") != std::string::npos);
  // Results that hold every word say nothing of the kind.
  const auto full = run_cli({"search", "--index", testing::corpus_index(), "potager"});
  REQUIRE(full.status == 0);
  CHECK(full.out.find("tous les mots") == std::string::npos);
  CHECK(full.out.find("Ne contient pas") == std::string::npos);
}

TEST_CASE("pratiques build: the legal notice flags reach /mentions-legales/, and without them a warning",
          "[cli][build]") {
  testing::TempDir dir;
  testing::copy_tree(testing::fixtures() / "corpus", dir / "content");
  testing::write_file(
      dir / "content" / "pages" / "mentions-legales.md",
      "---\ntitre: \"Mentions légales\"\nresume: \"Qui publie ce site.\"\n---\n\n## Données personnelles\n\nAucune.\n");
  REQUIRE(run_cli({"index", "--contenu", (dir / "content").string(), "--schemas", testing::schemas().string(),
                   "--sortie", (dir / "index").string()})
              .status == 0);
  const std::vector<std::string> build{"build", "--index", (dir / "index").string(), "--sortie",
                                       (dir / "site").string()};
  const auto bare = run_cli(build);
  CHECK(bare.status == 0);
  CHECK(bare.err.find("avertissement : mentions légales incomplètes") != std::string::npos);
  CHECK(testing::read_file(dir / "site" / "mentions-legales" / "index.html").find("<em>Non renseigné</em>") !=
        std::string::npos);

  auto given = build;
  for (const char* a :
       {"--editeur", "Service documentation, 1 rue de l'Exemple, 59000 Lille", "--directeur-publication",
        "Camille Exemple", "--courriel-contact=documentation@exemple.fr", "--hebergeur",
        "Hébergeur Exemple, 69000 Lyon, 01 02 03 04 05"})
    given.push_back(a);
  const auto full = run_cli(given);
  CHECK(full.status == 0);
  CHECK(full.err.find("mentions légales") == std::string::npos);
  const std::string html = testing::read_file(dir / "site" / "mentions-legales" / "index.html");
  CHECK(html.find("<dd>Camille Exemple</dd>") != std::string::npos);
  CHECK(html.find("href=\"mailto:documentation@exemple.fr\"") != std::string::npos);
  CHECK(html.find("Non renseigné") == std::string::npos);

  const auto bad = run_cli({"build", "--index", (dir / "index").string(), "--sortie", (dir / "site").string(),
                            "--courriel-contact", "personne"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--courriel-contact attend une adresse électronique") != std::string::npos);
}

TEST_CASE("pratiques sauvegarde refuses --donnees without a database, writes nothing beside a missing index", "[cli]") {
  // A mistyped --donnees printed « aucune base du serveur … : rien à sauvegarder de ce côté », exited 0
  // and left a backup without the accounts, contributions and journal; a missing --index left INDEX.d/lock.
  testing::Workspace w;
  REQUIRE(pratiques::build_index(w.options).published);
  const fs::path dir = w.dir.path();
  const std::string var = (dir / "var").string();
  const auto user =
      run_cli({"utilisateur", "ajouter", "--donnees", var, "--courriel", "a@exemple.fr", "--role", "contributeur"});
  REQUIRE(user.status == 0);
  const auto backup = [&](const std::string& name, std::vector<std::string> more) {
    std::vector<std::string> args = {"sauvegarde", "--sortie", (dir / name).string()};
    args.insert(args.end(), more.begin(), more.end());
    return run_cli(args, dir);
  };

  const auto mistyped = backup("bk", {"--donnees", (dir / "vaar").string(), "--index", w.options.out});
  INFO(mistyped.err);
  CHECK(mistyped.status == 4);
  CHECK(mistyped.err.find("aucune base du serveur « " + (dir / "vaar" / "pratiques.sqlite").string() + " »") !=
        std::string::npos);
  CHECK(mistyped.err.find("--index-seul") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bk"));
  CHECK_FALSE(fs::exists(dir / "bk.partielle"));
  // The default, var/ of the current directory: there is none in `w.dir/content`.
  const auto elsewhere =
      run_cli({"sauvegarde", "--sortie", (dir / "bk").string(), "--index", w.options.out}, dir / "content");
  CHECK(elsewhere.status == 4);
  CHECK(elsewhere.err.find("aucune base du serveur « var/pratiques.sqlite »") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bk"));

  const auto no_index = backup("sans-index", {"--donnees", var, "--index", (dir / "nulle-part").string()});
  CHECK(no_index.status == 4);
  CHECK(no_index.err.find("aucun index publié à « " + (dir / "nulle-part").string() + " »") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "nulle-part.d"));
  CHECK_FALSE(fs::exists(dir / "sans-index"));
  CHECK_FALSE(fs::exists(dir / "sans-index.partielle"));

  const auto both = backup("complete", {"--donnees", var, "--index", w.options.out});
  CHECK(both.status == 0);
  CHECK(fs::exists(dir / "complete" / "donnees" / "pratiques.sqlite"));
  CHECK(fs::exists(dir / "complete" / "index" / "catalogue.sqlite"));

  // A site without a server (pratiques build, served as static files) backs up its index alone, if asked to.
  const auto alone = backup("bk2", {"--index-seul", "--index", w.options.out});
  CHECK(alone.status == 0);
  CHECK(alone.out.find("--index-seul") != std::string::npos);
  CHECK(fs::exists(dir / "bk2" / "index" / "catalogue.sqlite"));
  CHECK_FALSE(fs::exists(dir / "bk2" / "donnees"));
  CHECK(backup("bk3", {"--index-seul", "--donnees", var}).status == 2);
}

TEST_CASE("pratiques replique says how xapian-replicate ended: its exit code, or the signal that killed it",
          "[cli][replica]") {
  testing::TempDir dir;
  // Stand-ins for xapian-replicate, found first on the PATH.
  const std::vector<std::pair<std::string, std::string>> endings = {{"exit 1", "(code de sortie 1)"},
                                                                    {"kill -9 $$", "(tué par le signal 9)"}};
  for (const auto& [script, said] : endings) {
    INFO(script);
    testing::write_file(dir / "bin" / "xapian-replicate", "#!/bin/sh\n" + script + "\n");
    testing::fs::permissions(dir / "bin" / "xapian-replicate", testing::fs::perms::owner_all);
    const auto r = testing::run({"/bin/sh", "-c",
                                 "PATH=" + (dir / "bin").string() + ":$PATH exec " + testing::cli() +
                                     " replique --primaire 127.0.0.1:7010 --sortie " + (dir / "index").string()});
    CHECK(r.status == 4);
    CHECK(r.err.find("xapian-replicate s'est arrêté " + said) != std::string::npos);
  }
}
