// Reading a sheet (document.cpp): front matter, H2 sections found with cmark, line numbers, and
// every way a file can be unreadable.
#include <catch2/catch.hpp>

#include <tuple>

#include "pratiques/document.h"
#include "pratiques/read_file.h"
#include "support.h"

using namespace pratiques;

namespace {

const std::string kValid = (testing::fixtures() / "valide" / "fiche-valide.md").string();

// Line of the "## " heading of each section of the valid fixture.
const std::vector<std::pair<std::string, int>> kSectionLines = {
    {"Genèse et contexte", 69},
    {"Objectifs", 73},
    {"Nature de l'action et déroulement", 77},
    {"Jalons de la méthode", 85},
    {"Participation des personnes concernées", 91},
    {"Relations, dynamique de groupe et posture professionnelle", 95},
    {"Partenariats", 99},
    {"Pilotage et gouvernance", 103},
    {"Moyens et financement", 107},
    {"Outils de suivi et productions", 111},
    {"Freins et difficultés", 115},
    {"Solutions de contournement et leviers", 119},
    {"Évaluation et effets observés", 123},
    {"Ce que le professionnel a appris", 127},
    {"Reproductibilité de la démarche", 131},
};

Document parse(const std::string& bytes, Diagnostics& diags, const std::string& path = "fiches/essai.md") {
  return parse_document(path, bytes, diags);
}

void check_single(const Diagnostics& diags, const char* rule, int line, int column = 0) {
  INFO(testing::describe(diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == rule);
  CHECK(diags[0].line == line);
  if (column) CHECK(diags[0].column == column);
  CHECK(diags[0].severity == Severity::Error);
}

}  // namespace

TEST_CASE("a valid sheet is split into front matter and H2 sections with their lines", "[document]") {
  Diagnostics diags;
  const Document doc = read_document(kValid, diags);
  INFO(testing::describe(diags));
  CHECK(diags.empty());
  CHECK(doc.readable);
  CHECK(doc.id == "fiche-valide");
  CHECK(doc.path == kValid);
  CHECK(doc.front_line == 1);
  CHECK(doc.body_line == 68);
  REQUIRE(doc.front.IsMap());
  CHECK(doc.front["titre"].as<std::string>() == "Atelier cuisine partagé entre voisins du quartier des Glycines");
  REQUIRE(doc.sections.size() == kSectionLines.size());
  for (std::size_t i = 0; i < kSectionLines.size(); ++i) {
    INFO(kSectionLines[i].first);
    CHECK(doc.sections[i].title == kSectionLines[i].first);
    CHECK(doc.sections[i].line == kSectionLines[i].second);
    CHECK_FALSE(doc.sections[i].undocumented);
  }
}

TEST_CASE("### headings stay inside their section", "[document]") {
  Diagnostics diags;
  const Document doc = read_document(kValid, diags);
  REQUIRE(doc.sections.size() >= 3);
  const BodySection& nature = doc.sections[2];
  CHECK(nature.title == "Nature de l'action et déroulement");
  CHECK(nature.markdown.find("### Un exemple de séance") != std::string::npos);
  CHECK(nature.text.find("Un exemple de séance") != std::string::npos);
  CHECK(nature.text.find("Courses le matin") != std::string::npos);
  CHECK(nature.markdown.find("## Jalons") == std::string::npos);
  // The heading itself is not part of the section.
  CHECK(nature.markdown.find("## Nature") == std::string::npos);
}

TEST_CASE("line numbers of front matter nodes are file lines", "[document]") {
  Diagnostics diags;
  const Document doc = read_document(kValid, diags);
  CHECK(line_of(doc, child(doc.front, "titre")) == 3);
  CHECK(line_of(doc, child(child(doc.front, "periode"), "debut")) == 17);
  CHECK(column_of(child(child(doc.front, "periode"), "debut")) == 10);
  CHECK(line_of(doc, child(child(doc.front, "curation"), "consentement")) == 65);
  // A missing key yields a null node, and no exception.
  CHECK(child(doc.front, "absente").IsNull());
  CHECK_NOTHROW(child(child(doc.front, "absente"), "encore"));
}

TEST_CASE("BOM and CRLF are accepted with the same line numbers", "[document]") {
  const std::string bytes = testing::read_file(testing::fixtures() / "valide" / "fiche-bom-crlf.md");
  REQUIRE(bytes.rfind("\xEF\xBB\xBF---\r\n", 0) == 0);
  Diagnostics diags;
  const Document doc = parse_document("fiches/fiche-bom-crlf.md", bytes, diags);
  INFO(testing::describe(diags));
  CHECK(diags.empty());
  CHECK(doc.readable);
  CHECK(doc.source.find('\r') == std::string::npos);
  CHECK(doc.source.rfind("---\n", 0) == 0);
  CHECK(doc.body_line == 68);
  REQUIRE(doc.sections.size() == kSectionLines.size());
  for (std::size_t i = 0; i < kSectionLines.size(); ++i) CHECK(doc.sections[i].line == kSectionLines[i].second);
  CHECK(line_of(doc, child(doc.front, "stade")) == 19);
}

TEST_CASE("lone CR line endings count as lines too", "[document]") {
  Diagnostics diags;
  const Document doc = parse("\xEF\xBB\xBF---\rid: essai\r---\r\r## Objectifs\r\rTexte.\r", diags);
  CHECK(diags.empty());
  CHECK(doc.readable);
  REQUIRE(doc.sections.size() == 1);
  CHECK(doc.sections[0].line == 5);
  CHECK(doc.sections[0].text.find("Texte.") != std::string::npos);
}

TEST_CASE("a section holding only the undocumented mark is undocumented", "[document]") {
  Diagnostics diags;
  const Document doc = parse(
      "---\nid: essai\n---\n\n## Objectifs\n\n_Non documenté à ce jour._\n\n## Partenariats\n\n*Non documenté à ce "
      "jour*\n\n"
      "## Moyens et financement\n\n## Freins et difficultés\n\nLe _Non documenté à ce jour._ ne suffit pas ici.\n",
      diags);
  CHECK(diags.empty());
  REQUIRE(doc.sections.size() == 4);
  CHECK(doc.sections[0].undocumented);
  CHECK(doc.sections[1].undocumented);  // emphasis style and final period do not matter
  CHECK(doc.sections[2].undocumented);  // empty
  CHECK_FALSE(doc.sections[3].undocumented);
  CHECK(doc.sections[0].line == 5);
  CHECK(doc.sections[3].line == 15);
}

TEST_CASE("only top-level level-2 headings are sections", "[document]") {
  Diagnostics diags;
  const Document doc = parse(
      "---\nid: essai\n---\nPréambule.\n\n# Titre de niveau 1\n\n## Objectifs\n\n```\n## Pas une section "
      "(code)\n```\n\n"
      "> ## Pas une section (citation)\n\n### Sous-titre libre\n\n## Partenariats\nTexte.\n",
      diags);
  CHECK(diags.empty());
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].title == "Objectifs");
  CHECK(doc.sections[0].line == 8);
  CHECK(doc.sections[1].title == "Partenariats");
  CHECK(doc.sections[1].line == 18);
  CHECK(doc.preamble.find("Préambule.") != std::string::npos);
  CHECK(doc.sections[0].text.find("Pas une section (code)") != std::string::npos);
}

TEST_CASE("an empty file is reported", "[document][rules]") {
  Diagnostics diags;
  const Document doc = parse("", diags);
  check_single(diags, "fichier-vide", 1);
  CHECK_FALSE(doc.readable);
  Diagnostics blank;
  parse(" \n\t\r\n\n", blank);
  check_single(blank, "fichier-vide", 1);
}

TEST_CASE("a binary file is reported", "[document][rules]") {
  Diagnostics diags;
  const Document doc = parse(std::string("---\nid: a\n---\n\0\x01\x02", 17), diags);
  check_single(diags, "fichier-binaire", 1);
  CHECK_FALSE(doc.readable);
}

TEST_CASE("invalid UTF-8 is reported with its position", "[document][rules]") {
  Diagnostics diags;
  const Document doc = parse("---\nid: essai\ntitre: \"caf\xE9\"\n---\n", diags);
  check_single(diags, "utf8", 3, 12);
  CHECK_FALSE(doc.readable);
  Diagnostics latin1;
  parse("---\nid: essai\n---\n\n## Objectifs\n\nÉté \xE9t\xE9\n", latin1);
  check_single(latin1, "utf8", 7, 5);  // columns count characters: "Été " is 4
}

TEST_CASE("a file without front matter is reported", "[document][rules]") {
  Diagnostics diags;
  const Document doc = parse("## Objectifs\n\nTexte.\n", diags);
  check_single(diags, "front-matter-absent", 1);
  CHECK_FALSE(doc.readable);
  Diagnostics late;
  parse("\n---\nid: essai\n---\n", late);  // the first line must be ---
  check_single(late, "front-matter-absent", 1);
}

TEST_CASE("an unclosed front matter is reported", "[document][rules]") {
  Diagnostics diags;
  const Document doc = parse("---\nid: essai\ntitre: x\n\n## Objectifs\n\nTexte.\n", diags);
  check_single(diags, "front-matter-non-ferme", 1);
  CHECK_FALSE(doc.readable);
}

TEST_CASE("a front matter closed at the very end of the file is accepted", "[document]") {
  Diagnostics diags;
  const Document doc = parse("---\nid: essai\n---", diags);
  CHECK(diags.empty());
  CHECK(doc.readable);
  CHECK(doc.sections.empty());
}

TEST_CASE("a YAML syntax error gives the line from yaml-cpp", "[document][rules]") {
  Diagnostics diags;
  const Document doc = parse("---\nid: essai\ntitre: x\nstade: a: b\nlicence: cc-by-4-0\n---\n", diags);
  check_single(diags, "yaml", 4);
  CHECK(diags[0].column > 1);
  CHECK(diags[0].message.find("YAML") != std::string::npos);
  CHECK_FALSE(doc.readable);
  Diagnostics quote;
  parse("---\nid: essai\ntitre: x\npublics: [a, b\nlicence: cc-by-4-0\n---\n", quote);
  REQUIRE(quote.size() == 1);
  CHECK(quote[0].rule == "yaml");
  CHECK(quote[0].line >= 4);
  CHECK(quote[0].line <= 6);
  // Said in French, with what usually causes it (yaml-cpp's words kept after): « illegal map
  // value » and « end of sequence flow not found » told a documentaliste nothing.
  CHECK(diags[0].message.find("« : » inattendu") != std::string::npos);
  CHECK(diags[0].message.find("(yaml-cpp : illegal map value)") != std::string::npos);
  CHECK(quote[0].message.find("crochet « [ » non fermé") != std::string::npos);
}

TEST_CASE("a front matter that is not a mapping is reported", "[document][rules]") {
  Diagnostics diags;
  const Document doc = parse("---\n- un\n- deux\n---\n", diags);
  check_single(diags, "yaml", 2);
  CHECK_FALSE(doc.readable);
}

TEST_CASE("an empty front matter is an error, not a sheet silently dropped", "[document][rules]") {
  for (const char* front : {"---\n---\n", "---\n~\n---\n", "---\n# rien\n---\n"}) {
    INFO(front);
    Diagnostics diags;
    const Document doc = parse(std::string(front) + "\n## Objectifs\n\nTexte.\n", diags);
    check_single(diags, "front-matter-vide", 2);
    CHECK_FALSE(doc.readable);
  }
}

// Bounds on hostile input (kMax… in document.h): each refused with its rule, line and limit.
TEST_CASE("a file larger than the limit is refused before parsing", "[document][rules][bounds]") {
  Diagnostics diags;
  const std::string huge = "---\nid: essai\n---\n" + std::string(kMaxFileBytes, 'a');
  const Document doc = parse(huge, diags);
  check_single(diags, "fichier-trop-gros", 1);
  CHECK(diags[0].message.find(std::to_string(kMaxFileBytes)) != std::string::npos);
  CHECK_FALSE(doc.readable);
  // From disk: not even read.
  testing::TempDir dir;
  testing::write_file(dir / "enorme.md", huge);
  Diagnostics read;
  read_document((dir / "enorme.md").string(), read);
  REQUIRE(read.size() == 1);
  CHECK(read[0].rule == "fichier-trop-gros");
}

TEST_CASE("read_file gives a file whole or its first bytes past a limit and fails on what cannot be read",
          "[document][bounds]") {
  testing::TempDir dir;
  const std::string text(200'000, 'x');
  testing::write_file(dir / "f", text);
  std::string out = "before";
  REQUIRE(pratiques::read_file((dir / "f").string(), out));
  CHECK(out == text);
  REQUIRE(pratiques::read_file((dir / "f").string(), out, 1000));
  CHECK(out.size() > 1000);  // enough to tell it is larger
  CHECK(out.size() <= 1000 + 65536);
  CHECK(text.starts_with(out));
  CHECK_FALSE(pratiques::read_file((dir / "absent").string(), out));
  CHECK(out.empty());
  CHECK_FALSE(pratiques::read_file(dir.path().string(), out));  // a directory
  CHECK(out.empty());
  // A directory named like a sheet is unreadable, not an empty sheet.
  std::filesystem::create_directory(dir / "dossier.md");
  Diagnostics read;
  read_document((dir / "dossier.md").string(), read);
  REQUIRE(read.size() == 1);
  CHECK(read[0].rule == "lecture");
}

TEST_CASE("a line longer than the limit is refused, with its line", "[document][rules][bounds]") {
  Diagnostics diags;
  const Document doc = parse("---\nid: essai\n---\n\n## " + std::string(kMaxLineBytes + 1, 'x') + "\n", diags);
  check_single(diags, "ligne-trop-longue", 5);
  CHECK(diags[0].message.find(std::to_string(kMaxLineBytes)) != std::string::npos);
  CHECK_FALSE(doc.readable);
}

TEST_CASE("a front matter larger than the limit is refused", "[document][rules][bounds]") {
  // The case: a huge YAML flow sequence ("zz: [x,x,…]"), here on many short lines.
  std::string front = "---\nid: essai\nzz: [x";
  while (front.size() <= kMaxFrontMatterBytes) front += ",\n  x";
  Diagnostics diags;
  const Document doc = parse(front + "]\n---\n", diags);
  check_single(diags, "front-matter-trop-gros", 1);
  CHECK(diags[0].message.find(std::to_string(kMaxFrontMatterBytes)) != std::string::npos);
  CHECK_FALSE(doc.readable);
}

TEST_CASE("YAML aliases to lists or maps are refused (no exponential expansion)", "[document][rules][bounds]") {
  // "Billion laughs": each level repeats the previous one ten times.
  std::string front = "---\nid: essai\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    front += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) front += (k ? ", " : "") + prev;
    front += "]\n";
  }
  Diagnostics diags;
  const Document doc = parse(front + "---\n", diags);
  check_single(diags, "yaml-alias", 3);  // the list defined on line 3 is repeated
  CHECK_FALSE(doc.readable);
  // A scalar alias expands to nothing bigger: accepted.
  Diagnostics scalar;
  CHECK(parse("---\nid: &i essai\ntitre: *i\n---\n", scalar).readable);
  CHECK(scalar.empty());
}

TEST_CASE("a key given twice in a dictionary is refused, at its second line", "[document][rules]") {
  // yaml-cpp keeps both: the page read the last value, the facets the first.
  Diagnostics diags;
  const Document doc = parse("---\nid: essai\nstade: mise-en-oeuvre\ntitre: T\nstade: emergence\n---\n", diags);
  check_single(diags, "yaml-cle-double", 5);
  CHECK(diags[0].message.find("« stade » en double (déjà ligne 3)") != std::string::npos);
  CHECK_FALSE(doc.readable);
  // Nested too ("porteur.nom"); the same key in two dictionaries is no double.
  Diagnostics nested;
  CHECK_FALSE(parse("---\nid: essai\nporteur:\n  nom: A\n  nom: B\n---\n", nested).readable);
  check_single(nested, "yaml-cle-double", 5);
  Diagnostics apart;
  CHECK(parse("---\nid: essai\nporteur: {nom: A}\nfinanceur: {nom: B}\n---\n", apart).readable);
  CHECK(apart.empty());
}

TEST_CASE("a control character is refused once per field or section, at its line, naming it", "[document][rules]") {
  // C0 but tab and line breaks, and DEL; in a plain or quoted value, a list, a block, the text
  // before the first section, a heading; and written by a YAML escape ("\x01" in double quotes).
  Diagnostics diags;
  const Document doc = parse(
      "---\nid: essai\ntitre: Un\x02 titre\x03 et\x04 autres\nmots_cles:\n  - a\n  - b\x1b\n"
      "sources:\n  - titre: \"c\\u0001\"\n    passage: |\n      d\n      e\x7f\n"
      "---\nAvant\x05.\n\n## Ob\x06jectifs\n\nTexte\tavec tabulation.\n",
      diags);
  INFO(testing::describe(diags));
  CHECK(doc.readable);
  const std::vector<std::tuple<int, int, std::string>> expected = {
      {3, 10, "«\u202ftitre\u202f» contient un caractère de contrôle invisible (U+0002)"},
      {6, 6, "«\u202fmots_cles\u202f» contient un caractère de contrôle invisible (U+001B)"},
      {11, 8, "«\u202fsources.passage\u202f» contient un caractère de contrôle invisible (U+007F)"},
      {13, 6, "le texte avant la première section contient un caractère de contrôle invisible (U+0005)"},
      {15, 6, "la section «\u202fOb\uFFFDjectifs\u202f» contient un caractère de contrôle invisible (U+0006)"},
      {8, 12, "«\u202fsources.titre\u202f» contient un caractère de contrôle invisible (U+0001)"}};
  REQUIRE(diags.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(diags[i].rule == "caractere-controle");
    CHECK(diags[i].severity == Severity::Error);
    CHECK(diags[i].line == std::get<0>(expected[i]));
    CHECK(diags[i].column == std::get<1>(expected[i]));
    CHECK(diags[i].message.find(std::get<2>(expected[i])) == 0);
  }
  Diagnostics clean;
  parse("---\nid: essai\ntitre: \"Un\ttitre\"\n---\nTexte\r\navec CRLF.\n", clean);
  CHECK(clean.empty());
}

TEST_CASE("a front matter nested deeper than the limit is refused", "[document][rules][bounds]") {
  std::string front = "---\nid: essai\nzz: ";
  for (int i = 0; i < kMaxYamlDepth + 1; ++i) front += "[";
  for (int i = 0; i < kMaxYamlDepth + 1; ++i) front += "]";
  Diagnostics diags;
  const Document doc = parse(front + "\n---\n", diags);
  check_single(diags, "yaml-profondeur", 3);
  CHECK(diags[0].message.find(std::to_string(kMaxYamlDepth)) != std::string::npos);
  CHECK_FALSE(doc.readable);
  // yaml-cpp's own bound (2,000 levels) is the same error, in French, never a crash.
  Diagnostics deeper;
  parse("---\nzz: " + std::string(3000, '[') + std::string(3000, ']') + "\n---\n", deeper);
  check_single(deeper, "yaml-profondeur", 2);
  CHECK(deeper[0].message.find("bad file") == std::string::npos);
}

TEST_CASE("a front matter with more values than the limit is refused", "[document][rules][bounds]") {
  std::string front = "---\nid: essai\nzz: [";
  for (std::size_t i = 0; i < kMaxYamlValues; ++i) front += "1,\n  ";  // lines within their own bound
  Diagnostics diags;
  const Document doc = parse(front + "1]\n---\n", diags);
  check_single(diags, "yaml-taille", 3);
  CHECK_FALSE(doc.readable);
}

TEST_CASE("Markdown nested deeper than the limit is refused, with its line", "[document][rules][bounds]") {
  const std::string quotes(kMaxMarkdownDepth + 1, '>');
  Diagnostics diags;
  const Document doc = parse("---\nid: essai\n---\n\n## Objectifs\n\n" + quotes + " profond\n", diags);
  check_single(diags, "markdown-imbrication", 7);
  CHECK_FALSE(doc.readable);
  // Emphasis nests too ("*x *x y x* x*": emphasis inside emphasis…).
  std::string inline_nest;
  for (int i = 0; i <= kMaxMarkdownDepth; ++i) inline_nest += "*x ";
  inline_nest += "y";
  for (int i = 0; i <= kMaxMarkdownDepth; ++i) inline_nest += " x*";
  Diagnostics inl;
  parse("---\nid: essai\n---\n\n## Objectifs\n\n" + inline_nest + "\n", inl);
  check_single(inl, "markdown-imbrication", 7);
  // Ten levels are fine.
  Diagnostics fine;
  CHECK(parse("---\nid: essai\n---\n\n## Objectifs\n\n>>>>>>>>>> citation\n", fine).readable);
  CHECK(fine.empty());
}

TEST_CASE("a missing file is reported, not thrown", "[document]") {
  Diagnostics diags;
  const Document doc = read_document((testing::fixtures() / "nulle-part.md").string(), diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "lecture");
  CHECK_FALSE(doc.readable);
  CHECK(doc.id == "nulle-part");
}
