// pratiques::text — folding, title keys, slugs, UTF-8 checks, edit distance and suggestions.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "pratiques/text.h"
#include "support.h"

using namespace pratiques;

TEST_CASE("fold removes case and accents", "[text]") {
  CHECK(text::fold("Élève") == "eleve");
  CHECK(text::fold("ÉCOLE") == "ecole");
  CHECK(text::fold("Parentalité") == "parentalite");
  CHECK(text::fold("Ça déménage à Noël") == "ca demenage a noel");
  CHECK(text::fold("Île-de-France") == "ile-de-france");
  CHECK(text::fold("PLAIN ascii") == "plain ascii");
  // A decomposed accent (e + U+0301) folds like the composed one.
  CHECK(text::fold("e\xCC\x81le\xCC\x80ve") == "eleve");
}

TEST_CASE("fold expands the oe and ae ligatures", "[text]") {
  CHECK(text::fold("œuvre") == "oeuvre");
  CHECK(text::fold("Œuvre") == "oeuvre");
  CHECK(text::fold("cœur") == "coeur");
  CHECK(text::fold("Lætitia") == "laetitia");
  CHECK(text::fold("Élève Œuvre") == "eleve oeuvre");
}

TEST_CASE("fold makes the typographic apostrophe a plain one", "[text]") {
  CHECK(text::fold("l’école") == "l'ecole");
  CHECK(text::fold("aujourd’hui") == "aujourd'hui");
}

TEST_CASE("fold gives what ICU gives, character by character and in any text", "[text]") {
  auto same = [](const std::string& text) {
    INFO(text);
    CHECK(text::fold(text) == text::fold_with_icu(text));
  };
  // Every character of U+0001..U+02FF and U+2000..U+20FF (those fold() reads from its table and
  // the neighbours it leaves to ICU), alone, between letters, after a combining accent, doubled.
  std::vector<char32_t> chars;
  for (char32_t c = 1; c < 0x300; ++c) chars.push_back(c);
  for (char32_t c = 0x2000; c < 0x2100; ++c) chars.push_back(c);
  for (char32_t c : chars) {
    const std::string s = testing::utf8(c);
    for (const std::string& text : {s, "a" + s + "B", "É" + s + "é", s + s, "e\xCC\x81" + s, s + "\xCC\x81"}) same(text);
  }
  // Random texts: ASCII, Latin letters, punctuation, combining marks, other scripts, invalid UTF-8.
  const std::vector<std::string> alphabet = {
      "a", "Z", "é", "É", "œ", "Œ", "ß", "ſ", "İ", "ǅ", "ª", "0", " ", "'", "’", "‘", "«", "»", "…", "—",
      "\u00AD", "\u00A0", "\u202F", "\u0301", "\u0327", "\u20AC", "\u2126", "\u212A", "Ω", "я", "日",
      "\xC3", "\x80", "\xE2\x80", "\xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80", std::string(1, '\0')};
  testing::for_random_texts(alphabet, 4242, 20000, same);
}

TEST_CASE("nfkc_visible gives text as the reader sees it", "[text]") {
  CHECK(text::nfkc_visible("ｌｏｇｅｍｅｎｔ ＣＡＦ") == "logement CAF");         // fullwidth, as phones type it
  CHECK(text::nfkc_visible("loge\u200Bment soci\u00ADal") == "logement social");  // zero-width space, soft hyphen
  CHECK(text::nfkc_visible("\uFB01nancement") == "financement");                  // the fi ligature of a pasted PDF
  CHECK(text::nfkc_visible("Élève d\u2019école «\u00A0x\u00A0»") ==
        "Élève d\u2019école « x »");  // accents, apostrophe kept
}

TEST_CASE("in_case_of gives a word the case of another", "[text]") {
  CHECK(text::in_case_of("mobilisation", "MOBILISATON") == "MOBILISATION");
  CHECK(text::in_case_of("développement", "DEVELOPEMENT") == "DÉVELOPPEMENT");
  CHECK(text::in_case_of("éducation", "Education") == "Éducation");
  CHECK(text::in_case_of("l'isolement", "Lisolement") == "L'isolement");
  CHECK(text::in_case_of("habitants", "abitants") == "habitants");
  CHECK(text::in_case_of("accueil", "aCeuil") == "accueil");  // a capital inside: no case to follow
  CHECK(text::in_case_of("accueil", "A") == "Accueil");
  CHECK(text::in_case_of("", "X") == "");
}

TEST_CASE("lower keeps accents", "[text]") {
  CHECK(text::lower("Élève") == "élève");
  CHECK(text::lower("PARENTALITÉ") == "parentalité");
}

TEST_CASE("title_key compares section titles as people write them", "[text]") {
  const std::string ref = text::title_key("Paroles d'acteurs");
  CHECK(text::title_key("Paroles d’acteurs") == ref);      // typographic apostrophe
  CHECK(text::title_key("  Paroles d'acteurs  ") == ref);  // surrounding spaces
  CHECK(text::title_key("PAROLES D'ACTEURS") == ref);      // case
  CHECK(text::title_key("paroles d'acteurs\t") == ref);
  // NFC: "Genèse" written with a combining grave accent.
  CHECK(text::title_key("Gene\xCC\x80se et contexte") == text::title_key("Genèse et contexte"));
  // A non-breaking space is a space.
  CHECK(text::title_key("Genèse\xC2\xA0"
                        "et contexte") == text::title_key("Genèse et contexte"));
  // Accents still matter (they are part of the exact title).
  CHECK(text::title_key("Genese et contexte") != text::title_key("Genèse et contexte"));
  CHECK(text::title_key("Objectif") != text::title_key("Objectifs"));
}

TEST_CASE("nfc composes decomposed characters", "[text]") {
  CHECK(text::nfc("e\xCC\x81") == "é");
  CHECK(text::nfc("déjà") == "déjà");
}

TEST_CASE("slugify gives ASCII kebab-case anchors", "[text]") {
  CHECK(text::slugify("Relations, dynamique de groupe et posture professionnelle") ==
        "relations-dynamique-de-groupe-et-posture-professionnelle");
  CHECK(text::slugify("Nature de l'action et déroulement") == "nature-de-laction-et-deroulement");
  CHECK(text::slugify("Paroles d’acteurs") == "paroles-dacteurs");
  CHECK(text::slugify("Évaluation et effets observés") == "evaluation-et-effets-observes");
  CHECK(text::slugify("  Œuvre -- collective !  ") == "oeuvre-collective");
  CHECK(text::slugify("Étape 2 : 2024") == "etape-2-2024");
  CHECK(text::slugify("") == "");
}

TEST_CASE("every section anchor of the grid is the slug of its title", "[text][grid]") {
  for (const auto& s : testing::grid().sheet.sections) {
    INFO(s.title);
    CHECK(text::slugify(s.title) == s.anchor);
  }
}

TEST_CASE("length counts code points, not bytes", "[text]") {
  CHECK(text::length("Élève") == 5);
  CHECK(text::length("œuvre") == 5);
  CHECK(text::length("") == 0);
  CHECK(text::length("abc") == 3);
}

TEST_CASE("invalid_utf8_offset finds the first bad byte", "[text]") {
  CHECK(text::invalid_utf8_offset("Élève ok") == std::string_view::npos);
  CHECK(text::invalid_utf8_offset("abc\xE9"
                                  "def") == 3);                                    // Latin-1 é
  CHECK(text::invalid_utf8_offset("Élève \xC3") == std::string("Élève ").size());  // truncated sequence
  CHECK(text::invalid_utf8_offset("\xED\xA0\x80") == 0);                           // UTF-16 surrogate
  CHECK(text::invalid_utf8_offset("\xC0\xAF") == 0);                               // overlong form
  CHECK(text::invalid_utf8_offset("") == std::string_view::npos);
}

TEST_CASE("trim removes surrounding white space only", "[text]") {
  CHECK(text::trim("  a b \t\n") == "a b");
  CHECK(text::trim("") == "");
  CHECK(text::trim(" \r\n ") == "");
}

TEST_CASE("edit_distance counts code point edits", "[text]") {
  CHECK(text::edit_distance("chat", "chat") == 0);
  CHECK(text::edit_distance("chat", "chats") == 1);
  CHECK(text::edit_distance("chat", "chut") == 1);
  CHECK(text::edit_distance("", "abc") == 3);
  CHECK(text::edit_distance("abc", "") == 3);
  CHECK(text::edit_distance("é", "e") == 1);  // one code point, although two bytes
  CHECK(text::edit_distance("vieilissement", "vieillissement") == 1);
  CHECK(text::edit_distance("kitten", "sitting") == 3);
  // Two neighbours swapped: one slip.
  CHECK(text::edit_distance("ruchre", "rucher") == 1);
  CHECK(text::edit_distance("ab", "ba") == 1);
  CHECK(text::edit_distance("éa", "aé") == 1);
  CHECK(text::edit_distance("voyage", "voyait") == 2);
}

TEST_CASE("closest suggests a near candidate or nothing", "[text]") {
  const std::vector<std::string> keys = {"thematiques", "publics", "mots_cles", "modes_intervention"};
  CHECK(text::closest("thematique", keys) == "thematiques");
  CHECK(text::closest("mot_cles", keys) == "mots_cles");
  CHECK(text::closest("Publics", keys) == "publics");  // case does not matter
  CHECK(text::closest("zzzzzzzz", keys).empty());
  CHECK(text::closest("thematiques", {}).empty());
  // Accents do not count as differences.
  CHECK(text::closest("Genese et contexte", {"Genèse et contexte", "Objectifs"}) == "Genèse et contexte");
}

TEST_CASE("html_escape escapes the five special characters", "[text]") {
  CHECK(text::html_escape("<a href=\"x\">l'été & co</a>") ==
        "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;");
  CHECK(text::html_escape("plain") == "plain");
  // The site's templates keep apostrophes (every attribute is double-quoted).
  CHECK(text::html_escape("<a href=\"x\">l'été & co</a>", false) ==
        "&lt;a href=&quot;x&quot;&gt;l'été &amp; co&lt;/a&gt;");
}

TEST_CASE("join separates the items with single spaces", "[text]") {
  CHECK(text::join({"soutien", "à", "la", "parentalité"}) == "soutien à la parentalité");
  CHECK(text::join({"seul"}) == "seul");
  CHECK(text::join({}).empty());
  // A space goes before an item only when something precedes it.
  CHECK(text::join({"", "a", "", "b"}) == "a  b");
  CHECK(text::join({"a", ""}) == "a ");
}

TEST_CASE("fold reads the Latin letters from a table that gives what ICU gives", "[text]") {
  using pratiques::text::fold;
  using pratiques::text::fold_latin;
  using pratiques::text::fold_with_icu;
  // Every code point of U+0000..U+024F alone, between letters, between capitals, and every pair
  // of code points of U+00A0..U+024F.
  std::string out;
  for (char32_t c = 0; c < 0x250; ++c) {
    const std::string ch = testing::utf8(c);
    for (const std::string& s : {ch, "a" + ch + "b", "E" + ch + "Z" + ch}) {
      INFO("U+" << std::hex << static_cast<unsigned>(c));
      CHECK(fold(s) == fold_with_icu(s));
      CHECK(fold_latin(s, out));
      CHECK(out == fold_with_icu(s));
    }
  }
  std::size_t differ = 0;
  for (char32_t a = 0xA0; a < 0x250; ++a)
    for (char32_t b = 0xA0; b < 0x250; ++b) {
      const std::string s = testing::utf8(a) + testing::utf8(b);
      if (!fold_latin(s, out) || out != fold_with_icu(s)) ++differ;
    }
  CHECK(differ == 0);
  // 20,000 random texts of ASCII, Latin letters and a few other characters (left to ICU).
  std::mt19937 rng(12);
  const std::vector<char32_t> others = {0x0301, 0x0250, 0x2019, 0x00AD, 0x0153, 0x1E9E, 0x0130, 0x00DF, 0x0149};
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int length = static_cast<int>(rng() % 12);
    for (int i = 0; i < length; ++i) {
      const unsigned r = rng() % 100;
      s += testing::utf8(r < 50 ? static_cast<char32_t>(0x20 + rng() % 0x5F)
                   : r < 97 ? static_cast<char32_t>(0x80 + rng() % 0x1D0)
                            : others[rng() % others.size()]);
    }
    INFO(s);
    CHECK(fold(s) == fold_with_icu(s));
  }
  // Not in the table: left to ICU.
  CHECK_FALSE(fold_latin("e\xCC\x81", out));    // e + U+0301
  CHECK_FALSE(fold_latin("\xC9\x90", out));     // U+0250
  CHECK_FALSE(fold_latin("\xC3", out));         // truncated
  CHECK_FALSE(fold_latin("\xC3\x28", out));     // no continuation byte
  CHECK(fold_latin("l\xE2\x80\x99", out));      // ’ is in the table (U+2000..U+20CF)
  CHECK(out == "l'");
  CHECK(fold("\xC3\x89l\xC3\xA8ve \xC5\x92uvre") == "eleve oeuvre");
}

TEST_CASE("filing_key files a title under its first letter, past quotes and accents", "[text]") {
  CHECK(text::filing_key("« Crédiscussion » : un groupe") == "crediscussion » : un groupe");
  CHECK(text::filing_key("École ouverte") == "ecole ouverte");
  CHECK(text::filing_key("\"100 jours\"") == "100 jours\"");
  std::vector<std::string> titles = {"Zone de jeux", "« Crédiscussion »", "École ouverte", "Atelier"};
  std::sort(titles.begin(), titles.end(),
            [](const std::string& a, const std::string& b) { return text::filing_key(a) < text::filing_key(b); });
  CHECK(titles == std::vector<std::string>{"Atelier", "« Crédiscussion »", "École ouverte", "Zone de jeux"});
}
