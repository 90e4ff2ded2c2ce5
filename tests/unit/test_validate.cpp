// Validation rules (validate.cpp): one fixture per rule under tests/fixtures/regles/, each a copy
// of tests/fixtures/valide/fiche-valide.md with one defect; corpus and course rules; robustness.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "pratiques/document.h"
#include "pratiques/validate.h"
#include "pratiques/yaml_json.h"
#include "support.h"

using namespace pratiques;

namespace {

namespace fs = std::filesystem;

const fs::path kRules = testing::fixtures() / "regles";
const fs::path kValid = testing::fixtures() / "valide" / "fiche-valide.md";

struct Expected {
  const char* rule;
  int line, column;
  Severity severity = Severity::Error;
  const char* message_part = "";
};

Diagnostics check_file(const fs::path& path) {
  Diagnostics diags;
  const Document doc = read_document(path.string(), diags);
  validate_sheet(testing::grid(), doc, diags);
  return diags;
}

// The diagnostics of the fixture are exactly the expected ones (rule, file, line, column, severity).
void expect_exactly(const fs::path& path, const std::vector<Expected>& expected) {
  const Diagnostics diags = check_file(path);
  INFO(path.filename().string() << "\n" << testing::describe(diags));
  REQUIRE(diags.size() == expected.size());
  for (const Expected& e : expected) {
    INFO("attendu : " << e.rule << " ligne " << e.line << " colonne " << e.column);
    const auto found = std::find_if(diags.begin(), diags.end(), [&](const Diagnostic& d) {
      return d.rule == e.rule && d.line == e.line && d.column == e.column && d.severity == e.severity &&
             d.message.find(e.message_part) != std::string::npos;
    });
    CHECK(found != diags.end());
    if (found != diags.end()) CHECK(found->path == path.string());
  }
}

// Replaces the first occurrence of `from` (which must be there).
void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

Document read(const fs::path& path) {
  Diagnostics ignored;
  return read_document(path.string(), ignored);
}

}  // namespace

TEST_CASE("the valid fixture sheet gives no diagnostic at all", "[validate]") {
  const Diagnostics diags = check_file(kValid);
  INFO(testing::describe(diags));
  CHECK(diags.empty());
  CHECK(check_file(testing::fixtures() / "valide" / "fiche-bom-crlf.md").empty());
}

TEST_CASE("the fixture corpus has no error", "[validate]") {
  const CheckResult r = check_paths(testing::grid(), {(testing::fixtures() / "corpus").string()});
  INFO(testing::describe(r.diagnostics));
  CHECK(r.files == 8);
  CHECK(testing::errors_of(r.diagnostics) == 0);
}

TEST_CASE("rule fichier-vide", "[validate][rules]") {
  expect_exactly(kRules / "fichier-vide.md", {{"fichier-vide", 1, 1}});
  expect_exactly(kRules / "fichier-vide-espaces.md", {{"fichier-vide", 1, 1}});
}

TEST_CASE("rule fichier-binaire", "[validate][rules]") {
  expect_exactly(kRules / "fichier-binaire.md", {{"fichier-binaire", 1, 1}});
}

TEST_CASE("rule utf8", "[validate][rules]") {
  expect_exactly(kRules / "utf8.md", {{"utf8", 75, 8, Severity::Error, "UTF-8"}});
}

TEST_CASE("rule front-matter-absent", "[validate][rules]") {
  expect_exactly(kRules / "front-matter-absent.md", {{"front-matter-absent", 1, 1}});
}

TEST_CASE("rule front-matter-non-ferme", "[validate][rules]") {
  expect_exactly(kRules / "front-matter-non-ferme.md", {{"front-matter-non-ferme", 1, 1}});
}

TEST_CASE("rule yaml", "[validate][rules]") {
  expect_exactly(kRules / "yaml.md", {{"yaml", 19, 22, Severity::Error, "YAML"}});
}

TEST_CASE("rule cle-obligatoire", "[validate][rules]") {
  // A missing top-level key is reported on the first line of the front matter.
  expect_exactly(kRules / "cle-obligatoire.md", {{"cle-obligatoire", 2, 1, Severity::Error, "« stade »"}});
  // A missing sub-key is reported on its parent key.
  expect_exactly(kRules / "cle-obligatoire-sous-champ.md",
                 {{"cle-obligatoire", 20, 1, Severity::Error, "« porteur.type »"}});
  // An empty value is reported where it is.
  expect_exactly(kRules / "cle-obligatoire-vide.md", {{"cle-obligatoire", 3, 8, Severity::Error, "« titre »"}});
}

TEST_CASE("rule cle-recommandee (warning)", "[validate][rules]") {
  expect_exactly(kRules / "cle-recommandee.md", {{"cle-recommandee", 2, 1, Severity::Warning, "« professions »"}});
}

TEST_CASE("rule cle-inconnue suggests the right key", "[validate][rules]") {
  expect_exactly(kRules / "cle-inconnue.md",
                 {{"cle-inconnue", 56, 1, Severity::Error, "« mot_cles » ; vouliez-vous dire « mots_cles » ?"}});
}

TEST_CASE("rule vocabulaire suggests the right value", "[validate][rules]") {
  expect_exactly(kRules / "vocabulaire.md",
                 {{"vocabulaire", 31, 29, Severity::Error, "vouliez-vous dire « isolement-lien-social » ?"}});
}

TEST_CASE("rule cardinalite", "[validate][rules]") {
  expect_exactly(kRules / "cardinalite.md", {{"cardinalite", 31, 14, Severity::Error, "6 valeurs, au plus 5"}});
  expect_exactly(kRules / "cardinalite-stade.md", {{"cardinalite", 19, 8, Severity::Error, "une seule valeur"}});
}

TEST_CASE("rule doublon (warning)", "[validate][rules]") {
  expect_exactly(kRules / "doublon.md", {{"doublon", 31, 29, Severity::Warning, "« alimentation »"}});
}

TEST_CASE("rule longueur", "[validate][rules]") {
  expect_exactly(kRules / "longueur.md", {{"longueur", 4, 10, Severity::Error, "au plus 600"}});
  expect_exactly(kRules / "longueur-titre.md", {{"longueur", 3, 8, Severity::Error, "151 caractères, au plus 120"}});
}

TEST_CASE("rule date", "[validate][rules]") {
  expect_exactly(kRules / "date.md", {{"date", 17, 10, Severity::Error, "« 2019-13 »"}});
}

TEST_CASE("rule date accepts the three ISO forms only", "[validate][rules]") {
  const std::string base = testing::read_file(kValid);
  auto with_debut = [&](const std::string& value) {
    std::string text = base;
    text.replace(text.find("debut: \"2019-09\""), 16, "debut: " + value);
    Diagnostics diags;
    const Document doc = parse_document("fiches/fiche-valide.md", text, diags);
    validate_sheet(testing::grid(), doc, diags);
    return testing::with_rule(diags, "date").size();
  };
  CHECK(with_debut("\"2019\"") == 0);
  CHECK(with_debut("\"2019-09\"") == 0);
  CHECK(with_debut("\"2020-02-29\"") == 0);
  CHECK(with_debut("\"2019-02-30\"") == 1);
  CHECK(with_debut("\"2019-00\"") == 1);
  CHECK(with_debut("\"19-09\"") == 1);
  CHECK(with_debut("\"septembre 2019\"") == 1);
  CHECK(with_debut("[\"2019\"]") == 1);
}

TEST_CASE("rule type", "[validate][rules]") {
  expect_exactly(kRules / "type.md", {{"type", 15, 26, Severity::Error, "true ou false"}});
}

TEST_CASE("rule id-nom-fichier", "[validate][rules]") {
  expect_exactly(kRules / "id-nom-fichier.md", {{"id-nom-fichier", 2, 5, Severity::Error, "« un-autre-identifiant »"}});
}

TEST_CASE("rule id-format", "[validate][rules]") {
  // The file name and the id are both checked.
  expect_exactly(kRules / "id_format.md", {{"id-format", 1, 1, Severity::Error, "id_format.md"},
                                           {"id-format", 2, 5, Severity::Error, "kebab-case"}});
  expect_exactly(kRules / "id-format-anciens.md", {{"id-format", 3, 15, Severity::Error, "anciens_ids"}});
}

TEST_CASE("kebab_case: the form of every id (sheets, courses, contributions)", "[validate]") {
  for (const char* id : {"mon-action-2024", "a", "2024", "caf-13"}) CHECK(kebab_case(id));
  for (const char* id : {"", "-a", "a-", "a--b", "Mon-action", "é-a", "a_b", "a b", "a.md"}) CHECK_FALSE(kebab_case(id));
}

TEST_CASE("rule section-obligatoire", "[validate][rules]") {
  // Reported where the section belongs: at the heading of the section the grid puts after it
  // ("## Nature de l'action…"), not at the last heading of the file.
  expect_exactly(kRules / "section-obligatoire.md",
                 {{"section-obligatoire", 73, 1, Severity::Error, "« ## Objectifs »"}});
}

TEST_CASE("rule section-recommandee (warning)", "[validate][rules]") {
  expect_exactly(kRules / "section-recommandee.md",
                 {{"section-recommandee", 103, 1, Severity::Warning, "« ## Pilotage et gouvernance »"}});
}

TEST_CASE("rule tableau", "[validate][rules]") {
  // CommonMark has no tables: the page would show rows of "|". One in a code block is code.
  expect_exactly(kRules / "tableau.md", {{"tableau", 75, 1, Severity::Error, "« Objectifs »"}});
}

TEST_CASE("rule caractere-controle", "[validate][rules]") {
  // Invisible, and forbidden in XML: the Atom feed would not parse. Named field or section, and character.
  expect_exactly(kRules / "caractere-controle.md",
                 {{"caractere-controle", 3, 16, Severity::Error,
                   "«\u202ftitre\u202f» contient un caractère de contrôle invisible (U+0001)"},
                  {"caractere-controle", 75, 20, Severity::Error,
                   "la section «\u202fObjectifs\u202f» contient un caractère de contrôle invisible (U+007F)"}});
}

TEST_CASE("rule section-ordre", "[validate][rules]") {
  expect_exactly(kRules / "section-ordre.md",
                 {{"section-ordre", 73, 1, Severity::Error, "« Genèse et contexte » placée après « Objectifs »"}});
}

TEST_CASE("rule section-inconnue", "[validate][rules]") {
  expect_exactly(kRules / "section-inconnue.md", {{"section-inconnue", 135, 1, Severity::Error, "« Annexes »"}});
  expect_exactly(kRules / "section-inconnue-suggestion.md",
                 {{"section-inconnue", 127, 1, Severity::Error, "vouliez-vous dire « Paroles d'acteurs » ?"}});
}

TEST_CASE("rule section-doublon", "[validate][rules]") {
  expect_exactly(kRules / "section-doublon.md", {{"section-doublon", 103, 1, Severity::Error, "« Partenariats »"}});
}

TEST_CASE("rule section-vide", "[validate][rules]") {
  expect_exactly(kRules / "section-vide.md", {{"section-vide", 73, 1, Severity::Error, "« Objectifs »"}});
}

TEST_CASE("rule territoire-departement", "[validate][rules]") {
  expect_exactly(kRules / "territoire-departement.md",
                 {{"territoire-departement", 13, 16, Severity::Error, "« 599 » ; vouliez-vous dire « 59 » ?"}});
}

TEST_CASE("rule territoire-region", "[validate][rules]") {
  expect_exactly(kRules / "territoire-region.md",
                 {{"territoire-region", 14, 11, Severity::Error, "code de région inconnu « 99 »"}});
  expect_exactly(kRules / "territoire-region-incoherente.md",
                 {{"territoire-region", 14, 11, Severity::Error, "ne contient pas le département 59"}});
}

TEST_CASE("rule territoire-commune", "[validate][rules]") {
  expect_exactly(kRules / "territoire-commune.md", {{"territoire-commune", 12, 14, Severity::Error, "« 00000 »"}});
  expect_exactly(kRules / "territoire-commune-hors-departement.md",
                 {{"territoire-commune", 12, 14, Severity::Warning, "hors du département 59"}});
}

TEST_CASE("rule R4-freins-contournements", "[validate][rules]") {
  expect_exactly(kRules / "r4-freins-contournements.md", {{"R4-freins-contournements", 119, 1}});
}

TEST_CASE("rule R5-paroles-consentement", "[validate][rules]") {
  expect_exactly(kRules / "r5-paroles-consentement.md", {{"R5-paroles-consentement", 65, 17}});
}

TEST_CASE("rule R6-en-cours-revue", "[validate][rules]") {
  expect_exactly(kRules / "r6-en-cours-revue.md", {{"R6-en-cours-revue", 18, 13, Severity::Error, "prochaine_revue"}});
}

TEST_CASE("rule R7-evaluation-realisee", "[validate][rules]") {
  expect_exactly(kRules / "r7-evaluation-realisee.md",
                 {{"R7-evaluation-realisee", 44, 9, Severity::Error, "« realisee »"},
                  {"R7-evaluation-realisee", 44, 9, Severity::Warning, "evaluation.documents"}});
}

TEST_CASE("rule R10-participation-non-documentee (warning)", "[validate][rules]") {
  expect_exactly(kRules / "r10-participation-non-documentee.md",
                 {{"R10-participation-non-documentee", 34, 23, Severity::Warning, "« co-construction »"}});
  // Up to consultation, or "non-documente" (outside the scale), the text need not say more.
  std::string text = testing::read_file(kRules / "r10-participation-non-documentee.md");
  for (const char* level : {"consultation", "information", "non-documente"}) {
    std::string t = text;
    replace_once(t, "niveau_participation: co-construction", std::string("niveau_participation: ") + level);
    Diagnostics diags;
    validate_sheet(testing::grid(), parse_document("fiches/r10-participation-non-documentee.md", t, diags), diags);
    INFO(level << "\n" << testing::describe(diags));
    CHECK(diags.empty());
  }
}

TEST_CASE("a sheet known only through a dated source gives periode.attestee, not a start", "[validate][rules]") {
  std::string text = testing::read_file(kValid);
  replace_once(text, "  debut: \"2019-09\"\n  en_cours: true\n", "  attestee: \"2024\"\n");
  replace_once(text, "  prochaine_revue: \"2027-11-21\"\n", "");
  Diagnostics diags;
  validate_sheet(testing::grid(), parse_document("fiches/fiche-valide.md", text, diags), diags);
  INFO(testing::describe(diags));
  CHECK(diags.empty());
  // Without either date, the start is still required.
  replace_once(text, "  attestee: \"2024\"\n", "  fin: \"2024\"\n");
  Diagnostics missing;
  validate_sheet(testing::grid(), parse_document("fiches/fiche-valide.md", text, missing), missing);
  INFO(testing::describe(missing));
  REQUIRE(testing::with_rule(missing, "cle-obligatoire").size() == 2);
  CHECK(testing::with_rule(missing, "cle-obligatoire")[0].message.find("« periode.debut »") != std::string::npos);
  CHECK(testing::with_rule(missing, "cle-obligatoire")[1].message.find("« periode.en_cours »") != std::string::npos);
}

TEST_CASE("rule R8-methode", "[validate][rules]") {
  expect_exactly(kRules / "r8-methode.md", {{"R8-methode", 85, 1, Severity::Error, "« Jalons de la méthode »"}});
}

TEST_CASE("rule R8: a method sheet may omit part A sections (warning only)", "[validate][rules]") {
  std::string text = testing::read_file(kValid);
  text.replace(text.find("type_fiche: pratique"), 20, "type_fiche: methode");
  const std::size_t from = text.find("## Genèse et contexte"), to = text.find("## Jalons de la méthode");
  text.erase(from, to - from);
  Diagnostics diags;
  const Document doc = parse_document("fiches/fiche-valide.md", text, diags);
  validate_sheet(testing::grid(), doc, diags);
  INFO(testing::describe(diags));
  CHECK(testing::errors_of(diags) == 0);
  CHECK(testing::with_rule(diags, "section-recommandee").size() == 3);  // Genèse, Objectifs, Nature
}

// Each file of a pair is reported at its own line, naming the other: the error named one file only,
// and whoever fixed it looked in that one for the other.
TEST_CASE("rule id-doublon across two files, on each file", "[validate][rules]") {
  const CheckResult r = check_paths(testing::grid(), {(kRules / "id-doublon").string()});
  INFO(testing::describe(r.diagnostics));
  const Diagnostics diags = testing::without_near_copies(r.diagnostics);
  REQUIRE(diags.size() == 2);
  const fs::path one = kRules / "id-doublon" / "un" / "fiche-en-double.md",
                 two = kRules / "id-doublon" / "deux" / "fiche-en-double.md";
  for (const auto& pair : {std::pair{one, two}, std::pair{two, one}}) {
    const fs::path &file = pair.first, &other = pair.second;  // (clang 14 captures no structured binding)
    const auto d = std::find_if(diags.begin(), diags.end(), [&](const Diagnostic& x) { return x.path == file; });
    REQUIRE(d != diags.end());
    CHECK(d->rule == "id-doublon");
    CHECK(d->severity == Severity::Error);
    CHECK(d->line == 2);
    CHECK(d->column == 5);
    CHECK(d->message.find(other.string()) != std::string::npos);
  }
}

TEST_CASE("rule id-doublon through anciens_ids, on each file", "[validate][rules]") {
  const CheckResult r = check_paths(testing::grid(), {(kRules / "id-doublon-anciens").string()});
  INFO(testing::describe(r.diagnostics));
  const Diagnostics diags = testing::without_near_copies(r.diagnostics);
  REQUIRE(diags.size() == 2);
  const std::string renamed = (kRules / "id-doublon-anciens" / "fiche-renommee.md").string(),
                    former = (kRules / "id-doublon-anciens" / "fiche-ancienne.md").string();
  for (const auto& d : diags) {
    CHECK(d.rule == "id-doublon");
    CHECK(d.message.find("« fiche-ancienne »") != std::string::npos);
  }
  const auto at = [&](const std::string& path) {
    return std::find_if(diags.begin(), diags.end(), [&](const Diagnostic& x) { return x.path == path; });
  };
  REQUIRE(at(renamed) != diags.end());
  CHECK(at(renamed)->line == 3);  // its anciens_ids
  CHECK(at(renamed)->column == 15);
  CHECK(at(renamed)->message.find(former) != std::string::npos);
  REQUIRE(at(former) != diags.end());
  CHECK(at(former)->line == 2);  // its id
  CHECK(at(former)->message.find(renamed) != std::string::npos);
}

TEST_CASE("rule fiche-liee-inconnue suggests an existing sheet", "[validate][rules]") {
  const Document doc = read(kRules / "fiche-liee-inconnue.md");
  const Document valid = read(kValid);
  Diagnostics diags;
  validate_corpus({corpus_entry(doc), corpus_entry(valid)}, diags);
  INFO(testing::describe(diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "fiche-liee-inconnue");
  CHECK(diags[0].path == doc.path);
  CHECK(diags[0].line == 57);
  CHECK(diags[0].column == 9);
  CHECK(diags[0].message.find("vouliez-vous dire « fiche-valide »") != std::string::npos);
  // Through check_paths too (the other sheets of the directory are the context).
  const CheckResult r = check_paths(testing::grid(), {(kRules / "fiche-liee-inconnue.md").string()});
  CHECK(testing::with_rule(r.diagnostics, "fiche-liee-inconnue").size() == 1);
}

TEST_CASE("rule fiche-liee-inconnue: a sheet cannot link to itself", "[validate][rules]") {
  Diagnostics diags;
  validate_corpus({corpus_entry(read(kRules / "fiche-liee-soi-meme.md"))}, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "fiche-liee-inconnue");
  CHECK(diags[0].line == 57);
  CHECK(diags[0].message.find("elle-même") != std::string::npos);
}

TEST_CASE("rule fiche-liee-reciproque (warning)", "[validate][rules]") {
  const CheckResult r = check_paths(testing::grid(), {(kRules / "fiche-liee-reciproque").string()});
  INFO(testing::describe(r.diagnostics));
  const Diagnostics diags = testing::without_near_copies(r.diagnostics);
  REQUIRE(diags.size() == 1);
  const Diagnostic& d = diags[0];
  CHECK(d.rule == "fiche-liee-reciproque");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.path == (kRules / "fiche-liee-reciproque" / "lien-aller.md").string());
  CHECK(d.line == 57);
  CHECK(d.column == 9);
  // Declared in both sheets: nothing to say.
  CorpusEntry a{"a.md", {"a", 2, 5}, {}, {{"b", 10, 9}}}, b{"b.md", {"b", 2, 5}, {}, {{"a", 10, 9}}};
  Diagnostics none;
  validate_corpus({a, b}, none);
  CHECK(none.empty());
}

TEST_CASE("rule remplacee-par: an archived sheet names an existing replacement", "[validate][rules]") {
  testing::TempDir dir;
  const fs::path sheets = dir / "fiches";
  fs::create_directories(sheets);
  testing::write_file(sheets / "atelier-nouveau.md",
                      testing::valid_sheet("atelier-nouveau", "Atelier cuisine des voisins, nouvelle formule"));
  const fs::path archived = sheets / "atelier-ancien.md";
  auto archive = [&](const std::string& replacement) {
    testing::write_file(archived, testing::replaced(testing::valid_sheet("atelier-ancien"), "  statut: publiee\n",
                                                    "  statut: archivee\n  remplacee_par: " + replacement + "\n"));
    // Checked alone: the other sheets of its directory are the context, as for fiches_liees.
    return check_paths(testing::grid(), {archived.string()}).diagnostics;
  };

  // Accepted: the replacement is a sheet of the collection.
  Diagnostics diags = archive("atelier-nouveau");
  INFO(testing::describe(diags));
  CHECK(testing::errors_of(diags) == 0);

  // Rejected: no such sheet (with the closest id as a hint), or the sheet itself.
  diags = archive("atelier-nouvau");
  Diagnostics found = testing::with_rule(diags, "remplacee-par");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::Error);
  CHECK(found[0].path == archived.string());
  CHECK(found[0].line == 59);
  CHECK(found[0].column == 18);
  CHECK(found[0].message.find("aucune fiche « atelier-nouvau » ; vouliez-vous dire « atelier-nouveau »") !=
        std::string::npos);
  CHECK(testing::errors_of(diags) == 1);

  found = testing::with_rule(archive("atelier-ancien"), "remplacee-par");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("elle-même") != std::string::npos);
}

TEST_CASE("course rules: unknown sheet, undocumented section, missing keys", "[validate][rules][course]") {
  const fs::path dir = testing::fixtures() / "cours";
  const CheckResult r = check_paths(testing::grid(), {dir.string()});
  INFO(testing::describe(r.diagnostics));
  CHECK(r.files == 11);
  CHECK(r.diagnostics.size() == 9);
  auto at = [&](const char* file) {
    const std::string path = (dir / "parcours" / file).string();
    Diagnostics out;
    for (const auto& d : r.diagnostics)
      if (d.path == path) out.push_back(d);
    return out;
  };
  CHECK(at("parcours-valide.md").empty());
  const auto unknown = at("etape-fiche-inconnue.md");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].rule == "fiche-inconnue");
  CHECK(unknown[0].line == 15);
  CHECK(unknown[0].column == 12);
  CHECK(unknown[0].message.find("vouliez-vous dire « fiche-valide »") != std::string::npos);
  const auto undocumented = at("etape-section-non-documentee.md");
  REQUIRE(undocumented.size() == 1);
  CHECK(undocumented[0].rule == "section-non-documentee");
  CHECK(undocumented[0].line == 16);
  CHECK(undocumented[0].message.find("« Paroles d'acteurs »") != std::string::npos);
  const auto bad_section = at("etape-section-inconnue.md");
  REQUIRE(bad_section.size() == 1);
  CHECK(bad_section[0].rule == "section-inconnue");
  CHECK(bad_section[0].line == 16);
  const auto missing = at("parcours-cle-obligatoire.md");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].rule == "cle-obligatoire");
  CHECK(missing[0].line == 2);
  CHECK(missing[0].message.find("« duree »") != std::string::npos);
}

TEST_CASE("course rules: sessions, durations and competence domains", "[validate][rules][course]") {
  const fs::path dir = testing::fixtures() / "cours";
  const CheckResult r = check_paths(testing::grid(), {dir.string()});
  auto only = [&](const char* file) {
    const std::string path = (dir / "parcours" / file).string();
    Diagnostics out;
    for (const auto& d : r.diagnostics)
      if (d.path == path) out.push_back(d);
    INFO(file << "\n" << testing::describe(out));
    REQUIRE(out.size() == 1);
    return out[0];
  };
  const Diagnostic unknown = only("etape-seance-inconnue.md");
  CHECK(unknown.rule == "seance-inconnue");
  CHECK(unknown.severity == Severity::Error);
  CHECK(unknown.line == 24);
  CHECK(unknown.column == 13);
  const Diagnostic twice = only("seance-doublon.md");
  CHECK(twice.rule == "seance-doublon");
  CHECK(twice.severity == Severity::Error);
  CHECK(twice.line == 12);
  const Diagnostic too_long = only("seance-trop-courte.md");
  CHECK(too_long.rule == "duree-seance");
  CHECK(too_long.severity == Severity::Warning);
  CHECK(too_long.line == 25);
  CHECK(too_long.message.find("195 min") != std::string::npos);
  CHECK(too_long.message.find("(180 min)") != std::string::npos);
  const Diagnostic malformed = only("duree-invalide.md");
  CHECK(malformed.rule == "duree");
  CHECK(malformed.severity == Severity::Error);
  CHECK(malformed.line == 19);
  CHECK(malformed.message.find("« une heure et demie »") != std::string::npos);
  const Diagnostic domain = only("etape-domaine-hors-parcours.md");
  CHECK(domain.rule == "domaine-etape");
  CHECK(domain.severity == Severity::Warning);
  CHECK(domain.line == 23);
  CHECK(domain.message.find("« socle-dc4 »") != std::string::npos);
}

TEST_CASE("a course step citing an archived sheet is an error of check, naming the course, line and field",
          "[validate][rules][course]") {
  testing::TempDir content;
  fs::create_directories(content / "fiches");
  fs::create_directories(content / "parcours");
  const fs::path cours = testing::fixtures() / "cours";
  const std::string sheet = testing::read_file(cours / "fiches" / "fiche-valide.md");
  testing::write_file(content / "fiches" / "fiche-valide.md",
                      testing::replaced(sheet, "  statut: publiee\n", "  statut: archivee\n"));
  fs::copy_file(cours / "parcours" / "parcours-valide.md", content / "parcours" / "parcours-valide.md");
  const std::string course = (content / "parcours" / "parcours-valide.md").string();

  const CheckResult r = check_paths(testing::grid(), {content.path().string()});
  INFO(testing::describe(r.diagnostics));
  const Diagnostics archived = testing::with_rule(r.diagnostics, "fiche-archivee");
  REQUIRE(archived.size() == 2);  // both steps cite it
  CHECK(archived[0].path == course);
  CHECK(archived[0].severity == Severity::Error);
  CHECK(archived[0].line == 14);
  CHECK(archived[0].column == 12);
  CHECK(archived[0].message ==
        "étape : la fiche « fiche-valide » est archivée (retirée du référentiel) ; citez une autre fiche ou retirez "
        "l'étape");
  // The course checked alone resolves its steps against the sheets beside it, archived ones included.
  CHECK(testing::with_rule(check_paths(testing::grid(), {course}).diagnostics, "fiche-archivee").size() == 2);

  // With its replacement, the message names it.
  testing::write_file(
      content / "fiches" / "fiche-valide.md",
      testing::replaced(sheet, "  statut: publiee\n", "  statut: archivee\n  remplacee_par: fiche-remplacante\n"));
  const Diagnostics replaced = testing::with_rule(check_paths(testing::grid(), {course}).diagnostics, "fiche-archivee");
  REQUIRE(replaced.size() == 2);
  CHECK(replaced[0].message.find("elle est remplacée par « fiche-remplacante » : citez celle-ci") != std::string::npos);
}

TEST_CASE("a step listed before the steps of an earlier session is told the number the course page gives it",
          "[validate][rules][course]") {
  // Step 1 in session 2, steps 2 and 3 in session 1: the page shows them 2, 3, 1.
  std::string text = testing::read_file(testing::fixtures() / "cours" / "parcours" / "parcours-valide.md");
  replace_once(text, "    seance: 1\n    duree: \"1 h 30\"\n", "    seance: 2\n    duree: \"1 h\"\n");
  replace_once(text, "    seance: 2\n    duree: \"3 h\"\n",
               "    seance: 1\n    duree: \"1 h\"\n  - fiche: fiche-valide\n    consigne: \"Relisez.\"\n"
               "    domaines_competences: [socle-dc3]\n    seance: 1\n");
  Diagnostics diags;
  const Document doc = parse_document("parcours/parcours-valide.md", text, diags);
  validate_course(testing::grid(), doc, {outline(testing::grid(), read(kValid))}, diags);
  INFO(testing::describe(diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "ordre-etapes");
  CHECK(diags[0].severity == Severity::Warning);
  CHECK(diags[0].line == 18);  // step 1's "seance"
  CHECK(diags[0].message.find("étape n° 1 : ") == 0);
  CHECK(diags[0].message.find("comme étape 3 ;") != std::string::npos);
}

TEST_CASE("a course states how learning is assessed and ties every step to a domain", "[validate][rules][course]") {
  std::string text = testing::read_file(testing::fixtures() / "cours" / "parcours" / "parcours-valide.md");
  const SheetOutline valid = outline(testing::grid(), read(kValid));
  auto check = [&](const std::string& t) {
    Diagnostics diags;
    const Document doc = parse_document("parcours/parcours-valide.md", t, diags);
    validate_course(testing::grid(), doc, {valid}, diags);
    return diags;
  };
  CHECK(check(text).empty());
  std::string no_assessment = text;
  const std::size_t from = no_assessment.find("evaluation_acquis:"), to = no_assessment.find("redacteurs:");
  no_assessment.erase(from, to - from);
  const Diagnostics a = check(no_assessment);
  INFO(testing::describe(a));
  REQUIRE(testing::with_rule(a, "cle-obligatoire").size() == 1);
  CHECK(testing::with_rule(a, "cle-obligatoire")[0].message.find("« evaluation_acquis »") != std::string::npos);
  std::string no_domain = text;
  replace_once(no_domain, "    domaines_competences: [socle-dc3]\n", "");
  const Diagnostics d = check(no_domain);
  INFO(testing::describe(d));
  REQUIRE(testing::with_rule(d, "cle-obligatoire").size() == 1);
  CHECK(testing::with_rule(d, "cle-obligatoire")[0].message.find("« etapes.domaines_competences »") !=
        std::string::npos);
}

TEST_CASE("durations are read in hours and minutes", "[grid][course]") {
  CHECK(duration_minutes("3 h") == 180);
  CHECK(duration_minutes("1 h 30") == 90);
  CHECK(duration_minutes("45 min") == 45);
  CHECK(duration_minutes("0 h 05") == 5);
  CHECK_FALSE(duration_minutes("1h30"));
  CHECK_FALSE(duration_minutes("1 h 75"));
  CHECK_FALSE(duration_minutes("deux heures"));
  CHECK_FALSE(duration_minutes(""));
}

TEST_CASE("course steps resolve against sheet outlines", "[validate][course]") {
  const Document course = read(testing::fixtures() / "cours" / "parcours" / "parcours-valide.md");
  const SheetOutline valid = outline(testing::grid(), read(kValid));
  CHECK(valid.id == "fiche-valide");
  CHECK(valid.sections.count("freins_difficultes"));
  CHECK_FALSE(valid.sections.count("paroles"));
  Diagnostics ok;
  validate_course(testing::grid(), course, {valid}, ok);
  CHECK(ok.empty());
  Diagnostics none;
  validate_course(testing::grid(), course, {}, none);  // no sheet at all: both steps unknown
  CHECK(testing::with_rule(none, "fiche-inconnue").size() == 2);
}

TEST_CASE("check_paths reports missing paths and counts files", "[validate]") {
  const CheckResult r = check_paths(testing::grid(), {(testing::fixtures() / "nulle-part").string(), kValid.string()});
  CHECK(r.files == 1);
  const Diagnostics diags = testing::without_near_copies(r.diagnostics);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "lecture");
}

TEST_CASE("no input makes the parser or the validator throw or crash", "[validate][robustness]") {
  const std::string base = testing::read_file(kValid);
  const Grid& grid = testing::grid();
  std::size_t runs = 0;
  auto feed = [&](const std::string& bytes) {
    ++runs;
    Diagnostics diags;
    Document doc;
    REQUIRE_NOTHROW(doc = parse_document("fiches/fiche-valide.md", bytes, diags));
    REQUIRE_NOTHROW(validate_sheet(grid, doc, diags));
    if (doc.readable) {
      REQUIRE_NOTHROW(outline(grid, doc));
      Diagnostics corpus;
      REQUIRE_NOTHROW(validate_corpus({corpus_entry(doc)}, corpus));
      REQUIRE_NOTHROW(validate_course(grid, doc, {}, corpus));
    }
    for (const auto& d : diags) {
      REQUIRE(d.line >= 1);
      REQUIRE(d.column >= 1);
      REQUIRE_FALSE(d.rule.empty());
    }
  };
  SECTION("truncated prefixes") {
    for (std::size_t n = 0; n <= base.size(); n += (n < 600 ? 1 : 7)) feed(base.substr(0, n));
    feed(base);
  }
  SECTION("byte flips") {
    std::mt19937 rng(20261121);
    static const char kSpecials[] = "\0\xFF\n\r:-#[]{}\"'&*!|>%@`,?\t ";
    const std::string specials(kSpecials, sizeof kSpecials - 1);
    for (int i = 0; i < 1500; ++i) {
      std::string bytes = base;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < flips; ++k) {
        const std::size_t at = rng() % bytes.size();
        if (rng() % 2)
          bytes[at] = specials[rng() % specials.size()];
        else
          bytes[at] = static_cast<char>(rng() % 256);
      }
      feed(bytes);
    }
  }
  SECTION("hostile front matters") {
    for (const char* front : {"id: [a, b]",
                              "id: {a: b}",
                              "? [a, b]\n: c",
                              "territoire: [1, 2]",
                              "territoire: {communes: {a: b}}",
                              "territoire: {communes: [[1], {insee: [1]}, {insee: {a: b}}, {autre: 1}]}",
                              "territoire: {departement: [59]}",
                              "territoire: {departement: \"59\", region: [32]}",
                              "periode: {en_cours: [true], debut: {a: 1}}",
                              "periode: {en_cours: oui}",
                              "curation: x",
                              "curation: {consentement: [a]}",
                              "fiches_liees: [1, {id: [a]}, {id: {b: c}}]",
                              "fiches_liees: {id: a}",
                              "anciens_ids: [[a]]",
                              "sources: {a: b}",
                              "evaluation: {etat: [realisee]}",
                              "thematiques: [[a], {b: c}, ~, '']",
                              "stade: ~",
                              "type_fiche: [methode]",
                              "etapes: [{fiche: [a]}]",
                              "a: &x [1, 2]\nb: *x",
                              "mots_cles: !!binary aGVsbG8=",
                              "titre: !tag x",
                              "participants: {nombre_personnes: 1e999}",
                              "1: 2",
                              "~: 3",
                              "'': 4"}) {
      INFO(front);
      feed(std::string("---\n") + front + "\n---\n\n## Objectifs\n\nTexte.\n");
    }
  }
  SECTION("deep nesting") {
    feed("---\nid: " + std::string(5000, '[') + std::string(5000, ']') + "\n---\n");
    feed("---\nid: " + std::string(5000, '{') + "\n---\n");
    std::string md = "---\nid: essai\n---\n\n## Objectifs\n\n";
    for (int i = 0; i < 5000; ++i) md += "> ";
    md += "fin\n";
    feed(md);
  }
  CHECK(runs > 0);
}

TEST_CASE("sheets and courses share their ids: check names the id field, file and line of either side",
          "[validate][rules][course]") {
  testing::TempDir content;
  fs::create_directories(content / "fiches");
  fs::create_directories(content / "parcours");
  const fs::path cours = testing::fixtures() / "cours";
  fs::copy_file(cours / "fiches" / "fiche-valide.md", content / "fiches" / "fiche-valide.md");
  // A course whose id is the sheet's.
  const std::string course = testing::replaced(testing::read_file(cours / "parcours" / "parcours-valide.md"),
                                               "id: parcours-valide", "id: fiche-valide");
  testing::write_file(content / "parcours" / "fiche-valide.md", course);
  const std::string course_path = (content / "parcours" / "fiche-valide.md").string();
  const std::string sheet_path = (content / "fiches" / "fiche-valide.md").string();
  auto shared = [](const CheckResult& r) { return testing::with_rule(r.diagnostics, "id-doublon"); };

  // The whole content: both files, each naming the other.
  const CheckResult all = check_paths(testing::grid(), {content.path().string()});
  INFO(testing::describe(all.diagnostics));
  const Diagnostics both = shared(all);
  REQUIRE(both.size() == 2);
  const auto on = [&](const Diagnostics& ds, const std::string& path) {
    return std::find_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.path == path; });
  };
  REQUIRE(on(both, course_path) != both.end());
  REQUIRE(on(both, sheet_path) != both.end());
  const Diagnostic& c = *on(both, course_path);
  CHECK(c.severity == Severity::Error);
  CHECK(c.line == 2);
  CHECK(c.column == 5);
  CHECK(c.message ==
        "« id » : « fiche-valide » est déjà l'identifiant de la fiche " + sheet_path +
            " ; une fiche et un parcours ne peuvent pas porter le même identifiant : choisissez-en un autre");
  const Diagnostic& s = *on(both, sheet_path);
  CHECK(s.line == 2);
  CHECK(s.message.find("est déjà l'identifiant du parcours " + course_path) != std::string::npos);

  // One file checked alone is checked against the other kind's folder beside it.
  const Diagnostics course_alone = shared(check_paths(testing::grid(), {course_path}));
  REQUIRE(course_alone.size() == 1);
  CHECK(course_alone[0].path == course_path);
  const Diagnostics sheet_alone = shared(check_paths(testing::grid(), {sheet_path}));
  REQUIRE(sheet_alone.size() == 1);
  CHECK(sheet_alone[0].path == sheet_path);
  CHECK(sheet_alone[0].message.find("du parcours " + course_path) != std::string::npos);

  // A course named after a sheet's former id (anciens_ids) is refused too; distinct ids pass.
  std::string renamed = testing::read_file(sheet_path);
  renamed = testing::replaced(renamed, "id: fiche-valide\n", "id: fiche-valide\nanciens_ids: [ancienne-fiche]\n");
  testing::write_file(sheet_path, renamed);
  fs::rename(course_path, content / "parcours" / "ancienne-fiche.md");
  const std::string moved = (content / "parcours" / "ancienne-fiche.md").string();
  testing::write_file(moved, testing::replaced(course, "id: fiche-valide", "id: ancienne-fiche"));
  const Diagnostics old = shared(check_paths(testing::grid(), {moved}));
  REQUIRE(old.size() == 1);
  CHECK(old[0].message.find("d'un ancien identifiant de la fiche " + sheet_path) != std::string::npos);
  fs::remove(moved);
  testing::write_file(content / "parcours" / "parcours-valide.md",
                      testing::read_file(cours / "parcours" / "parcours-valide.md"));
  CHECK(shared(check_paths(testing::grid(), {content.path().string()})).empty());
}

TEST_CASE("course rules: a step citing a sheet by a former id is accepted, with a warning naming the current id",
          "[validate][rules][course]") {
  testing::TempDir dir;
  testing::copy_tree(testing::fixtures() / "cours" / "fiches", dir.path() / "fiches");
  std::string sheet = testing::read_file(dir.path() / "fiches" / "fiche-valide.md");
  replace_once(sheet, "id: fiche-valide\n", "id: fiche-valide\nanciens_ids: [atelier-cuisine-glycines]\n");
  testing::write_file(dir.path() / "fiches" / "fiche-valide.md", sheet);
  std::string course = testing::read_file(testing::fixtures() / "cours" / "parcours" / "parcours-valide.md");
  replace_once(course, "  - fiche: fiche-valide\n    section: jalons\n",
               "  - fiche: atelier-cuisine-glycines\n    section: jalons\n");
  testing::write_file(dir.path() / "parcours" / "parcours-valide.md", course);
  const CheckResult r = check_paths(testing::grid(), {dir.path().string()});
  INFO(testing::describe(r.diagnostics));
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.rule == "fiche-renommee");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.path == (dir.path() / "parcours" / "parcours-valide.md").string());
  CHECK(d.line == 20);  // the second step's "fiche"
  CHECK(d.column == 12);
  CHECK(d.message ==
        "étape : « atelier-cuisine-glycines » est un ancien identifiant de la fiche « fiche-valide » : citez-la "
        "sous son identifiant actuel");
  // Its sections are those of the sheet it names now: one it does not document is still reported.
  replace_once(course, "    section: jalons\n", "    section: paroles\n");
  testing::write_file(dir.path() / "parcours" / "parcours-valide.md", course);
  CHECK(testing::with_rule(check_paths(testing::grid(), {dir.path().string()}).diagnostics, "section-non-documentee")
            .size() == 1);
}

TEST_CASE("a boolean field takes only a plain true or false, the spellings JSON exports as booleans",
          "[validate][rules]") {
  // yes, on, Y, True or a quoted "true" passed the validator and were exported as JSON strings.
  for (const std::string value : {"yes", "no", "on", "off", "y", "n", "True", "FALSE", "\"true\"", "'false'"}) {
    std::string text = testing::read_file(kValid);
    replace_once(text, "  en_cours: true\n", "  en_cours: " + value + "\n");
    Diagnostics diags;
    const Document doc = parse_document("fiches/fiche-valide.md", text, diags);
    validate_sheet(testing::grid(), doc, diags);
    INFO(value << "\n" << testing::describe(diags));
    const Diagnostics type = testing::with_rule(diags, "type");
    REQUIRE(type.size() == 1);
    const Diagnostic& d = type[0];
    CHECK(d.line == 18);
    CHECK(d.path == "fiches/fiche-valide.md");
    CHECK(d.message.find("« periode.en_cours » doit valoir true ou false") != std::string::npos);
  }
  for (const std::string value : {"true", "false"}) {
    std::string text = testing::read_file(kValid);
    replace_once(text, "  en_cours: true\n", "  en_cours: " + value + "\n");
    Diagnostics diags;
    const Document doc = parse_document("fiches/fiche-valide.md", text, diags);
    validate_sheet(testing::grid(), doc, diags);
    INFO(testing::describe(diags));
    CHECK(diags.empty());
    // What the validator accepts, the JSON of the API and the exports writes as a boolean.
    CHECK(yaml_to_json(doc.front["periode"]["en_cours"]) == value);
  }
}
