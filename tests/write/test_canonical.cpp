// The canonical Markdown writer: round trips on every sheet of content/ and of the fixtures
// (canonical → `pratiques check` clean → read back → the same sheet → written again, the same
// bytes), and the quoting of values that YAML would otherwise read differently.
#include <catch2/catch.hpp>

#include "pratiques/validate.h"
#include "pratiques/write/canonical.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace pratiques;
using write::canonical_markdown;
using write::same_sheet;

namespace {

std::vector<fs::path> sheets_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".md" && e.path().parent_path().filename() == "fiches")
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

Document parse(const std::string& path, const std::string& text) {
  Diagnostics ignored;
  return parse_document(path, text, ignored);
}

}  // namespace

TEST_CASE("every sheet of content/ round-trips through the canonical writer", "[write][canonical]") {
  const auto& grid = testing::grid();
  testing::TempDir dir;
  std::size_t identical = 0, total = 0;
  for (const auto& file : sheets_under(testing::source_dir() / "content")) {
    INFO(file.filename().string());
    const std::string original = testing::read_file(file);
    const Document doc = parse(file.string(), original);
    REQUIRE(doc.readable);
    const std::string canonical = canonical_markdown(grid, doc);
    const Document back = parse(file.string(), canonical);
    CHECK(same_sheet(doc, back));
    CHECK(canonical_markdown(grid, back) == canonical);  // canonical is a fixed point
    identical += canonical == original;
    ++total;
    testing::write_file(dir / "content" / "fiches" / file.filename(), canonical);
  }
  REQUIRE(total >= 40);
  // The whole collection written canonically passes `pratiques check` (corpus rules included).
  const CheckResult check = check_paths(grid, {(dir / "content").string()});
  CHECK(check.files == total);
  INFO(testing::describe(check.diagnostics));
  CHECK(count_errors(check.diagnostics) == 0);
  // Normalisations, documented in docs/conventions-contenu.md (flow lists of objects written in
  // block style, free-text list items quoted only when needed, document lists in flow style):
  // the rest of the sheets are already canonical.
  WARN(identical << " of " << total << " sheets of content/ are already canonical, byte for byte");
}

TEST_CASE("fixture sheets round-trip too", "[write][canonical]") {
  const auto& grid = testing::grid();
  for (const fs::path& root :
       {testing::fixtures() / "corpus", testing::source_dir() / "tests" / "site" / "fixtures" / "content"}) {
    for (const auto& file : sheets_under(root)) {
      INFO(file.string());
      const Document doc = parse(file.string(), testing::read_file(file));
      if (!doc.readable) continue;
      Diagnostics before, after;
      validate_sheet(grid, doc, before);
      const std::string canonical = canonical_markdown(grid, doc);
      const Document back = parse(file.string(), canonical);
      validate_sheet(grid, back, after);
      CHECK(same_sheet(doc, back));
      CHECK(count_errors(after) == count_errors(before));
      CHECK(canonical_markdown(grid, back) == canonical);
    }
  }
  // A sheet written in the canonical style is left byte for byte as it is.
  const std::string valid = testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md");
  CHECK(canonical_markdown(grid, parse("fiche-valide.md", valid)) == valid);
}

TEST_CASE("front matter keys come in grid order, whatever order they were written in", "[write][canonical]") {
  const std::string text =
      "---\nlicence: cc-by-4-0\ntitre: \"T\"\nid: x\ncle_perso: 3\ncuration:\n  version_grille: \"0.1\"\n  statut: "
      "brouillon\n---\n## Objectifs\nA.\n";
  const std::string c = canonical_markdown(testing::grid(), parse("x.md", text));
  CHECK(c ==
        "---\nid: x\ntitre: \"T\"\ncuration:\n  statut: brouillon\n  version_grille: \"0.1\"\nlicence: "
        "cc-by-4-0\ncle_perso: 3\n---\n\n## Objectifs\n\nA.\n");
}

TEST_CASE("values that YAML would read differently are quoted", "[write][canonical]") {
  const auto& grid = testing::grid();
  const std::string text =
      "---\n"
      "id: x\n"
      "titre: 'Il a dit \"oui\" : c''est #1\\'\n"
      "en_bref: \"deux\\nlignes\\tet une tabulation\"\n"
      "type_fiche: \"null\"\n"
      "stade: \"true\"\n"
      "mots_cles: [\"a, b\", \"- tiret\", \"clé: valeur\", \"#hash\", simple mot, \"yes\", 'l''apostrophe', "
      "\"[crochet]\"]\n"
      "territoire:\n  departement: \"2A\"\n  politique_de_la_ville: true\n"
      "participants:\n  nombre_personnes: 12\n"
      "---\n";
  const Document doc = parse("x.md", text);
  REQUIRE(doc.readable);
  const std::string c = canonical_markdown(grid, doc);
  const Document back = parse("x.md", c);
  REQUIRE(back.readable);
  CHECK(same_sheet(doc, back));
  CHECK(c.find("titre: \"Il a dit \\\"oui\\\" : c'est #1\\\\\"\n") != std::string::npos);
  CHECK(c.find("en_bref: \"deux\\nlignes\\tet une tabulation\"\n") != std::string::npos);
  CHECK(c.find("type_fiche: \"null\"\n") != std::string::npos);
  CHECK(c.find("mots_cles: [\"a, b\", \"- tiret\", \"clé: valeur\", \"#hash\", simple mot, \"yes\", l'apostrophe, "
               "\"[crochet]\"]\n") != std::string::npos);
  CHECK(c.find("  departement: \"2A\"\n") != std::string::npos);
  CHECK(c.find("  politique_de_la_ville: true\n") != std::string::npos);
  CHECK(c.find("  nombre_personnes: 12\n") != std::string::npos);
}

TEST_CASE("control characters and line separators survive the round trip", "[write][canonical]") {
  const std::string text = "---\nid: x\ntitre: \"a\\x01b\\u2028c\\u0085d\\x7Fe\"\n---\n";
  const Document doc = parse("x.md", text);
  REQUIRE(doc.readable);
  const std::string c = canonical_markdown(testing::grid(), doc);
  const Document back = parse("x.md", c);
  REQUIRE(back.readable);
  CHECK(same_sheet(doc, back));
  CHECK(c.find('\x01') == std::string::npos);
}

TEST_CASE("the body is normalised around headings, and kept byte for byte inside sections", "[write][canonical]") {
  const std::string text =
      "---\nid: x\n---\nPréambule.\n\n\n## Genèse et contexte\nTexte  avec deux espaces  \nà la fin.\n\n\n\n"
      "Objectifs\n---------\n\n- a\n- b\n## Objectifs vides\n\n\n";
  const std::string c = canonical_markdown(testing::grid(), parse("x.md", text));
  CHECK(c ==
        "---\nid: x\n---\n\nPréambule.\n\n## Genèse et contexte\n\nTexte  avec deux espaces  \nà la fin.\n\n## "
        "Objectifs\n\n- a\n- b\n\n"
        "## Objectifs vides\n");
  CHECK(same_sheet(parse("x.md", text), parse("x.md", c)));
}

TEST_CASE("lists of objects are written in block style, lists of values in flow style", "[write][canonical]") {
  const std::string text =
      "---\nid: x\nfiches_liees: [{id: a, relation: voir-aussi}, {relation: voir-aussi, id: b}]\n"
      "territoire:\n  communes: [{nom: \"Lille\", insee: \"59350\"}, \"Roubaix\"]\npublics:\n  - familles\n  - "
      "habitants\n---\n";
  const std::string c = canonical_markdown(testing::grid(), parse("x.md", text));
  CHECK(c ==
        "---\nid: x\nterritoire:\n  communes:\n    - nom: \"Lille\"\n      insee: \"59350\"\n    - "
        "\"Roubaix\"\npublics: [familles, habitants]\n"
        "fiches_liees:\n  - id: a\n    relation: voir-aussi\n  - id: b\n    relation: voir-aussi\n---\n");
}

TEST_CASE("an unreadable sheet has no canonical form", "[write][canonical]") {
  CHECK_THROWS_AS(canonical_markdown(testing::grid(), parse("x.md", "pas d'en-tête\n")), std::invalid_argument);
}
