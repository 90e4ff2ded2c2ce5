// The French analyser (analyze.cpp): the same words at index and query time.
#include <catch2/catch.hpp>

#include <hunspell.hxx>
#include <xapian.h>

#include <fstream>
#include <map>
#include <set>

#include "pratiques/analyze.h"
#include "support.h"

using namespace pratiques;

namespace {

std::vector<std::string> terms(const std::string& text, bool with_joined = true) {
  static const Analyzer analyzer;
  std::vector<std::string> out;
  for (const Token& t : analyzer.tokenize(text))
    if (with_joined || !t.joined) out.push_back(t.term);
  return out;
}

using V = std::vector<std::string>;

// Debian's French Hunspell dictionary (hunspell-fr-comprehensive, which tools/install-deps.sh
// installs), against which the analyser's word lists are checked.
constexpr const char* kFrenchAffixes = "/usr/share/hunspell/fr_FR.aff";
constexpr const char* kFrenchWords = "/usr/share/hunspell/fr_FR.dic";

// Each entry of that dictionary: its word, and its whole line (flags, part-of-speech fields).
std::vector<std::pair<std::string, std::string>> french_entries() {
  std::vector<std::pair<std::string, std::string>> entries;
  std::ifstream words(kFrenchWords);
  std::string line;
  std::getline(words, line);  // the number of entries
  while (std::getline(words, line)) entries.emplace_back(line.substr(0, line.find_first_of("/ \t")), line);
  return entries;
}

// `word` folded, as the analyser reads it; "" when it is not one word.
std::string folded_word(const Analyzer& analyzer, const std::string& word) {
  const std::vector<Token> tokens = analyzer.tokenize(word);
  return tokens.size() == 1 ? tokens[0].term : std::string();
}

}  // namespace

TEST_CASE("tokens are case and accent folded", "[analyze]") {
  CHECK(terms("Élève") == V{"eleve"});
  CHECK(terms("L'ÉCOLE des Parents") == V{"ecole", "des", "parents"});
  CHECK(terms("Parentalité, vieillissement.") == V{"parentalite", "vieillissement"});
}

TEST_CASE("ligatures are expanded", "[analyze]") {
  CHECK(terms("œuvre") == V{"oeuvre"});
  CHECK(terms("Œuvre collective") == V{"oeuvre", "collective"});
  CHECK(terms("ex æquo") == V{"ex", "aequo"});
}

TEST_CASE("elisions are stripped with both apostrophes", "[analyze]") {
  const char* elided[] = {"l'", "d'", "qu'", "j'", "n'", "s'", "c'", "m'", "t'", "jusqu'", "lorsqu'", "puisqu'"};
  for (const char* e : elided) {
    const std::string straight = std::string(e) + "école";
    std::string curly = straight;
    curly.replace(curly.find('\''), 1, "\xE2\x80\x99");  // ’
    INFO(straight);
    CHECK(terms(straight) == V{"ecole"});
    CHECK(terms(curly) == V{"ecole"});
  }
  CHECK(terms("L’action d’un groupe qu’on anime") == V{"action", "un", "groupe", "on", "anime"});
  CHECK(terms("jusqu’au bout") == V{"au", "bout"});
}

TEST_CASE("an elided article typed with a space for its apostrophe is left out, as the apostrophe's is", "[analyze]") {
  CHECK(terms("pouvoir d agir") == terms("pouvoir d'agir"));
  CHECK(terms("caisse d allocations familiales") == V{"caisse", "allocations", "familiales"});
  CHECK(terms("l enfance qu il") == V{"enfance", "il"});
  // Not a letter in capitals, before a consonant, at the end, or with two spaces.
  CHECK(terms("vitamine D au") == V{"vitamine", "d", "au"});
  CHECK(terms("plan d pour") == V{"plan", "d", "pour"});
  CHECK(terms("le point d") == V{"le", "point", "d"});
  CHECK(terms("d  agir") == V{"d", "agir"});
}

TEST_CASE("aujourd'hui is one word", "[analyze]") {
  CHECK(terms("aujourd'hui") == V{"aujourd'hui"});
  CHECK(terms("Aujourd’hui") == V{"aujourd'hui"});  // ’ folded to '
}

TEST_CASE("hyphenated words yield their parts and their joined form", "[analyze]") {
  static const Analyzer analyzer;
  const std::string text = "une co-formation réussie";
  const auto tokens = analyzer.tokenize(text);
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].term == "une");
  CHECK(tokens[1].term == "co");
  CHECK(tokens[2].term == "formation");
  CHECK(tokens[3].term == "coformation");
  CHECK(tokens[3].joined);
  CHECK_FALSE(tokens[1].joined);
  CHECK_FALSE(tokens[2].joined);
  CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "co-formation");
  CHECK(tokens[4].term == "reussie");

  CHECK(terms("Vivre-ensemble") == V{"vivre", "ensemble", "vivreensemble"});
  CHECK(terms("Île-de-France") == V{"ile", "de", "france", "iledefrance"});
  // A dash between spaces is not a compound.
  CHECK(terms("co - formation") == V{"co", "formation"});
  // Parts only, when asked.
  CHECK(terms("co-formation", false) == V{"co", "formation"});
}

TEST_CASE("token offsets point into the original text", "[analyze]") {
  static const Analyzer analyzer;
  const std::string text = "À l’École, les Élèves";
  for (const Token& t : analyzer.tokenize(text)) {
    const std::string written = text.substr(t.begin, t.end - t.begin);
    INFO(t.term << " <- " << written);
    CHECK_FALSE(written.empty());
  }
  const auto tokens = analyzer.tokenize(text);
  REQUIRE(tokens.size() == 4);
  CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "Élèves");
}

TEST_CASE("words in capitals are flagged as possible acronyms", "[analyze]") {
  static const Analyzer analyzer;
  const auto tokens = analyzer.tokenize("La CAF et la Caf");
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[1].term == "caf");
  CHECK(tokens[1].upper);
  CHECK_FALSE(tokens[4].upper);
  CHECK_FALSE(tokens[0].upper);
}

TEST_CASE("a narrow no-break space separates words as French typography puts it before a question mark", "[analyze]") {
  CHECK(terms("CAF\u202fMSA") == V{"caf", "msa"});
  CHECK(terms("ISIC\u202f!") == V{"isic"});
  CHECK(terms("«\u202fpouvoir d\u2019agir\u202f»") == V{"pouvoir", "agir"});
  static const Analyzer analyzer;
  const std::string text = "la CAF\u202f?";
  const auto tokens = analyzer.tokenize(text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[1].upper);
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "CAF");
}

TEST_CASE("the French stemmer conflates inflections", "[analyze]") {
  static const Analyzer analyzer;
  CHECK(analyzer.stem("parentalite") == analyzer.stem("parentalites"));
  CHECK(analyzer.stem("familles") == analyzer.stem("famille"));
  CHECK(analyzer.stem("aidants") == analyzer.stem("aidant"));
  CHECK(analyzer.stem("vieillissement") != analyzer.stem("parentalite"));
}

TEST_CASE("query words are folded like indexed words", "[analyze]") {
  static const Analyzer analyzer;
  CHECK(analyzer.fold_query_word("L’École") == "ecole");
  CHECK(analyzer.fold_query_word("d'Œuvre") == "oeuvre");
  CHECK(analyzer.fold_query_word("Parentalités") == "parentalites");
}

TEST_CASE("index_text adds prefixed stems and not the words as written", "[analyze]") {
  static const Analyzer analyzer;
  Xapian::Document doc;
  Xapian::termpos next = index_text(doc, analyzer, "L'école des co-formations", 3, "", 0);
  CHECK(next > 0);
  index_text(doc, analyzer, "Freins : le transport", 1, "XSECFREINS", 0);
  std::set<std::string> all;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) all.insert(*t);
  for (const char* word : {"ecole", "formations", "coformations"}) CHECK(all.count("Z" + analyzer.stem(word)));
  CHECK(all.count("ZXSECFREINS" + analyzer.stem("transport")));
  // A query seeks every word by its stem: the words as written are not stored.
  for (const char* absent : {"ecole", "des", "formations", "coformations", "XSECFREINStransport", "l'ecole"})
    CHECK_FALSE(all.count(absent));
  // The weight is the within-document frequency increment.
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if (*t == "Z" + analyzer.stem("ecole")) CHECK(t.get_wdf() == 3);
}

TEST_CASE("the usual written form of an accented word is the one most written", "[analyze]") {
  static const Analyzer analyzer;
  Xapian::Document doc;
  WrittenForms first, second;
  index_text(doc, analyzer, "Agir isolément contre l'isolement ; la parentalité, l'école.", 1, "", 0, &first);
  index_text(doc, analyzer, "Rompre un isolement, un isolement subi. Développement.", 1, "", 0, &second);
  // One range alone: "isolément" once, "isolement" once after an elided article, which counts
  // as the word itself ("l'intergénérationnel" was not counted, and its corrections unaccented).
  CHECK(first.usual_accented().count("isolement") == 0);
  CHECK(first.usual_accented().at("ecole") == "école");
  first.merge(second);
  const auto usual = first.usual_accented();
  CHECK(usual.count("isolement") == 0);  // written plainly three times, accented once
  CHECK(usual.at("parentalite") == "parentalité");
  CHECK(usual.at("developpement") == "développement");  // capital lowered
  CHECK(usual.count("agir") == 0);
  // After a typographic apostrophe too; a word with an apostrophe of its own is not counted.
  WrittenForms elided;
  index_text(doc, analyzer, "l’intergénérationnel, aujourd'hui", 1, "", 0, &elided);
  CHECK(elided.usual_accented().at("intergenerationnel") == "intergénérationnel");
  CHECK(elided.usual_accented().count("hui") == 0);
  // Accented more often than not, the first accented form is kept.
  WrittenForms third;
  index_text(doc, analyzer, "isolément, isolément, isolement", 1, "", 0, &third);
  CHECK(third.usual_accented().at("isolement") == "isolément");
}

TEST_CASE("index_text puts the positions on the stems and on acronyms in capitals", "[analyze]") {
  // A phrase reads one position list per word (its stem), whatever forms the text uses.
  static const Analyzer analyzer;
  Xapian::Document doc;
  const std::set<std::string> acronyms{"caf", "msa", "de"};
  index_text(doc, analyzer, "Groupes de parents, un groupe de la CAF et de la msa", 1, "", 0, nullptr, &acronyms);
  std::map<std::string, std::vector<Xapian::termpos>> positions;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    positions[*t] = std::vector<Xapian::termpos>(t.positionlist_begin(), t.positionlist_end());
  CHECK(positions.at("Z" + analyzer.stem("groupes")) == std::vector<Xapian::termpos>{1, 5});
  CHECK(positions.at("Z" + analyzer.stem("parents")) == std::vector<Xapian::termpos>{3});
  CHECK_FALSE(positions.count("groupes"));
  CHECK_FALSE(positions.count("groupe"));
  // "CAF" in capitals is an acronym: no stem ("café" is not the Caisse d'allocations
  // familiales), so its positions are on the word.
  CHECK(positions.at("caf") == std::vector<Xapian::termpos>{8});
  CHECK_FALSE(positions.count("Z" + analyzer.stem("caf")));
  // An acronym in lower case is stored as written too, with its positions (a query for "MSA"
  // seeks it so, in a section too), beside its stem; not when it is then a French word ("de" is
  // not the DE of a diploma).
  CHECK(positions.at("msa") == std::vector<Xapian::termpos>{12});
  CHECK(positions.at("Z" + analyzer.stem("msa")) == std::vector<Xapian::termpos>{12});
  CHECK_FALSE(positions.count("de"));
  CHECK(positions.at("Z" + analyzer.stem("de")) == std::vector<Xapian::termpos>{2, 6, 10});
}

TEST_CASE("a feminine form without its accents has the stem of its masculine form, a caregiver its own", "[analyze]") {
  // Snowball reads the "ée" of "immigrée" as an ending; folded, "immigree" kept an "e" that
  // "immigre" lost, and "immigrées" found none of the sheets that write "immigrés".
  static const Analyzer analyzer;
  const std::pair<const char*, const char*> pairs[] = {{"immigrées", "immigrés"},
                                                       {"isolée", "isolé"},
                                                       {"accompagnées", "accompagnés"},
                                                       {"journées", "journée"},
                                                       {"arrivée", "arriver"}};
  for (const auto& [feminine, masculine] : pairs) {
    INFO(feminine << " / " << masculine);
    const std::string f = analyzer.fold_query_word(feminine), m = analyzer.fold_query_word(masculine);
    CHECK(analyzer.stem(f) == analyzer.stem(m));
    CHECK(analyzer.stemmer()(f) == analyzer.stem(m));  // Xapian's QueryParser stems the same way
  }
  CHECK(analyzer.stem("idees") == analyzer.stem("idee"));
  // The caregiver is not help: Snowball stems "aidants" as "aide" ("aid").
  CHECK(analyzer.stem("aidants") == analyzer.stem("aidante"));
  CHECK(analyzer.stem("aidants") != analyzer.stem("aide"));
  CHECK(analyzer.stemmer()("aidants") == analyzer.stem("aidant"));
  // A noun in "-er" is no infinitive: Snowball put "usager" under "usage", "loyer" under "loi",
  // while "usagers" and "usagère" kept their "-er".
  for (const auto& [noun, other] : std::vector<std::pair<std::string, std::string>>{{"usager", "usage"},
                                                                                    {"conseiller", "conseil"},
                                                                                    {"loyer", "loi"},
                                                                                    {"foyer", "foi"},
                                                                                    {"passager", "passage"}}) {
    INFO(noun);
    const std::string plural = noun + "s", feminine = noun.substr(0, noun.size() - 2) + "ere";
    CHECK(analyzer.stem(noun) == analyzer.stem(plural));
    CHECK(analyzer.stem(noun) == analyzer.stem(feminine));
    CHECK(analyzer.stemmer()(noun) == analyzer.stem(plural));
    CHECK(analyzer.stem(noun) != analyzer.stem(other));
  }
  CHECK(analyzer.stem("former") == Xapian::Stem("french")("former"));  // a verb keeps Snowball's stem
  // A plural's "s" after a vowel, which Snowball keeps: "emplois" was stemmed apart from "emploi".
  // And nouns in "-it", whose singular Snowball read as a verb ("conflit": "confl").
  for (const char* singular : {"emploi", "revenu", "individu", "detenu", "photo", "video", "delai", "appui", "numero",
                               "quota", "conflit", "credit", "recit", "petit", "souhait"}) {
    INFO(singular);
    CHECK(analyzer.stem(singular) == analyzer.stem(std::string(singular) + "s"));
    CHECK(analyzer.stemmer()(std::string(singular) + "s") == analyzer.stem(singular));
  }
  // Kept with what they were stemmed with: their noun or verb, their feminine.
  CHECK(analyzer.stem("exclus") == analyzer.stem("exclusion"));
  CHECK(analyzer.stem("refus") == analyzer.stem("refuser"));
  CHECK(analyzer.stem("confus") == analyzer.stem("confuse"));
  CHECK(analyzer.stem("acquis") == analyzer.stem("acquise"));
  CHECK(analyzer.stem("mois") != analyzer.stem("moi"));  // four letters: no plural taken off
  // A feminine in "-ière" with its masculine (Snowball: "infirmi", "infirmier").
  for (const char* masculine : {"infirmier", "premier", "financier", "particulier", "saisonnier"}) {
    INFO(masculine);
    const std::string m = masculine, f = m.substr(0, m.size() - 2) + "ere";
    CHECK(analyzer.stem(f) == analyzer.stem(m));
    CHECK(analyzer.stem(f + "s") == analyzer.stem(m + "s"));
    CHECK(analyzer.stemmer()(f) == analyzer.stem(m));
  }
  CHECK(analyzer.stem("maniere") != analyzer.stem("manier"));
  for (const char* short_word : {"agee", "lee", "ees"})  // as Snowball stems them
    CHECK(analyzer.stem(short_word) == Xapian::Stem("french")(short_word));
}

TEST_CASE("plurals and feminines Snowball reads as other words have the stem of their singular or masculine",
          "[analyze]") {
  static const Analyzer analyzer;
  const auto stem = [&](const char* word) { return analyzer.stem(analyzer.fold_query_word(word)); };
  // "commissions" was stemmed "comm" as "comme", "religions" "relig", "milieux" kept its "x",
  // "travaux" was "traval", "essais" and "lois" kept their "s".
  for (const auto& [singular, plural] : std::vector<std::pair<const char*, const char*>>{{"commission", "commissions"},
                                                                                         {"religion", "religions"},
                                                                                         {"réflexion", "réflexions"},
                                                                                         {"connexion", "connexions"},
                                                                                         {"opinion", "opinions"},
                                                                                         {"bûcheron", "bûcherons"},
                                                                                         {"nourrisson", "nourrissons"},
                                                                                         {"milieu", "milieux"},
                                                                                         {"lieu", "lieux"},
                                                                                         {"enjeu", "enjeux"},
                                                                                         {"noyau", "noyaux"},
                                                                                         {"matériau", "matériaux"},
                                                                                         {"travail", "travaux"},
                                                                                         {"essai", "essais"},
                                                                                         {"emploi", "emplois"},
                                                                                         {"loi", "lois"}}) {
    INFO(singular << " / " << plural);
    CHECK(stem(plural) == stem(singular));
    CHECK(analyzer.stemmer()(analyzer.fold_query_word(plural)) == stem(singular));
  }
  CHECK(stem("commissions") != stem("comme"));
  CHECK(stem("fois") != stem("foi"));  // another word, not a plural
  CHECK(stem("mais") != stem("mai"));
  // Nouns in "-ir" and "-it" read as verbs: "loisir" was stemmed "lois", "désir" "des", "répit"
  // "rep" as "repas".
  for (const auto& [noun, other] : std::vector<std::pair<const char*, const char*>>{
           {"loisir", "lois"}, {"désir", "des"}, {"répit", "repas"}, {"avenir", "avenant"}, {"plaisir", "plaise"}}) {
    INFO(noun);
    CHECK(stem(noun) == stem((std::string(noun) + "s").c_str()));
    CHECK(stem(noun) != stem(other));
  }
  // A feminine with its masculine: in "-aise" or "-quise", which Snowball read as an imperfect
  // ("lyonnais": "lyon", "lyonnaise": "lyonnais"), "-ois" with "-oise" as Snowball has them; in
  // "-euse", "-trice" or "-ive", whose masculine Snowball keeps whole ("travailleuse" was stemmed
  // "travaill", as "travail"; "directrice" "directric"; "active" "activ").
  for (const auto& [masculine, feminine] : std::vector<std::pair<const char*, const char*>>{
           {"lyonnais", "lyonnaise"},   {"français", "françaises"},   {"anglais", "anglaise"},
           {"mauvais", "mauvaises"},    {"lillois", "lilloise"},      {"bourgeois", "bourgeoises"},
           {"acquis", "acquises"},      {"exquis", "exquise"},        {"travailleurs", "travailleuses"},
           {"chercheur", "chercheuse"}, {"demandeur", "demandeuses"}, {"porteur", "porteuse"},
           {"directeur", "directrice"}, {"médiateur", "médiatrices"}, {"formateur", "formatrice"},
           {"acteurs", "actrices"},     {"heureux", "heureuse"},      {"actif", "active"},
           {"créatifs", "créatives"},   {"sportif", "sportives"},     {"creux", "creuse"}}) {
    INFO(masculine << " / " << feminine);
    CHECK(stem(feminine) == stem(masculine));
  }
  CHECK(stem("lyonnaise") == stem("Lyon"));
  CHECK(stem("travailleuse") != stem("travail"));
  CHECK(stem("formatrice") != stem("formation"));
  CHECK(stem("matrice") != stem("mateur"));
  // Words in "-aise" that are no feminines keep their stem: a noun, a verb's participle.
  CHECK(stem("fraise") != stem("frais"));
  CHECK(stem("chaise") != stem("chais"));
  CHECK(stem("malaise") != stem("malais"));
  CHECK(stem("apaisé") == stem("apaiser"));
  CHECK(stem("apaisé") == stem("apaisée"));
}

// Every entry of the French dictionary that ends as the words Snowball misreads ("-ion", "-eron",
// "-isson", "-eu", "-au", "-ai", "-oi"; "-ais", "-ois", "-ier", "-eur", "-teur", "-eux", "-if"),
// against each of its plurals or feminines the dictionary knows. The word lists of
// snowball_misreadings.cpp were drawn from it; this keeps them whole.
TEST_CASE("no word of the French dictionary in the endings Snowball misreads has its plural or feminine stemmed apart",
          "[analyze]") {
  static const Analyzer analyzer;
  Hunspell dictionary(kFrenchAffixes, kFrenchWords);
  const auto entries = french_entries();
  REQUIRE_FALSE(entries.empty());
  const auto folded = [&](const std::string& word) { return folded_word(analyzer, word); };
  // Their plural is another word ("fois", "mais", "sais", "mois", "sois", "peux", "aux"; "baux" is
  // that of "bail"), or their feminine ("fraise", "malaise", "biaise", "manière", "matrice",
  // "yeuse"; "râpeuse" is that of "râpeux" too); "fier" is also a verb ("se fier").
  const std::set<std::string> other_words = {"foi",    "mai",    "sai",   "au",  "bau",    "tau",  "vau",
                                             "frais",  "malais", "biais", "ais", "manier", "fier", "mateur",
                                             "rapeur", "yeux",   "moi",   "soi", "peu"};
  std::vector<std::string> apart;
  std::size_t pairs = 0;
  for (const auto& [word, line] : entries) {
    const std::string term = folded(word);
    if (term.empty() || std::isupper(static_cast<unsigned char>(word[0])) || other_words.count(term)) continue;
    std::vector<std::string> forms;
    for (const char* end : {"ion", "eron", "isson", "eu", "au", "ai", "oi"})
      if (term.ends_with(end)) forms = {word + "s", word + "x"};
    for (const char* end : {"ais", "ois"})
      if (term.ends_with(end)) forms = {word + "e", word + "es"};
    if (term.ends_with("ier"))
      forms = {word.substr(0, word.size() - 2) + "ère", word.substr(0, word.size() - 2) + "ères"};
    // A feminine in "-euse" of both a noun in "-eur" and an adjective in "-eux" ("soigneur",
    // "soigneux"): the adjective's.
    const bool twin_in_eux = term.ends_with("eur") && dictionary.spell(word.substr(0, word.size() - 1) + "x");
    if ((term.ends_with("eur") && !twin_in_eux) || term.ends_with("eux"))
      forms = {word.substr(0, word.size() - 1) + "se", word.substr(0, word.size() - 1) + "ses"};
    // Not the adjectives whose "-ive" is also a verb's form ("vive", "motive", "suive", "esquive",
    // "survive", "revive"), nor "if" and "pif".
    static const std::set<std::string> ive_of_verbs = {"motif",  "vif",   "suif", "esquif",
                                                       "survif", "revif", "if",   "pif"};
    if (term.ends_with("if") && !ive_of_verbs.count(term))
      forms = {word.substr(0, word.size() - 1) + "ve", word.substr(0, word.size() - 1) + "ves"};
    if (term.ends_with("teur")) {
      forms.push_back(word.substr(0, word.size() - 3) + "rice");
      forms.push_back(word.substr(0, word.size() - 3) + "rices");
    }
    for (const std::string& form : forms) {
      if (!dictionary.spell(form)) continue;
      ++pairs;
      if (analyzer.stem(folded(form)) != analyzer.stem(term)) apart.push_back(word + " / " + form);
    }
  }
  for (const std::string& pair : apart) UNSCOPED_INFO(pair);
  CHECK(apart.empty());
  CHECK(pairs > 10000);
}

// The nouns and adjectives of the French dictionary in "-er", "-ir" and "-it" that are no verbs
// (its part-of-speech fields: po:nom, po:adj, and no po:v on any line of the word), against their
// plural: Snowball reads the singular as a verb form ("leader": "lead", "loisir": "lois").
TEST_CASE("no noun of the French dictionary in -er, -ir or -it that is no verb has its plural stemmed apart",
          "[analyze]") {
  static const Analyzer analyzer;
  Hunspell dictionary(kFrenchAffixes, kFrenchWords);
  const auto entries = french_entries();
  REQUIRE_FALSE(entries.empty());
  std::map<std::string, std::pair<bool, bool>> nominal_verbal;  // a word's lines: noun or adjective, verb
  for (const auto& [word, line] : entries) {
    auto& [nominal, verbal] = nominal_verbal[word];
    nominal = nominal || line.find("po:nom") != std::string::npos || line.find("po:adj") != std::string::npos;
    verbal = verbal || line.find("po:v") != std::string::npos;
  }
  std::vector<std::string> apart;
  std::size_t pairs = 0;
  for (const auto& [word, kinds] : nominal_verbal) {
    const std::string term = folded_word(analyzer, word);
    if (!kinds.first || kinds.second || term.empty() || word == "retrait") continue;
    if (!(term.ends_with("er") || term.ends_with("ir") || term.ends_with("it")) || !dictionary.spell(word + "s"))
      continue;
    ++pairs;
    if (analyzer.stem(term) != analyzer.stem(term + "s")) apart.push_back(word);
  }
  for (const std::string& word : apart) UNSCOPED_INFO(word);
  CHECK(apart.empty());
  CHECK(pairs > 1000);
  // "retrait" keeps Snowball's stem: its own would be "retraite"'s ("retrait"), the pension's.
  CHECK(analyzer.stem("retrait") != analyzer.stem("retraite"));
}

// The nouns in "-ment" of the French dictionary: Snowball takes the ending off as an adverb's
// ("logement": "log", with "loger"). Where no verb of the noun has the stem left ("document":
// "docu", "testament": "test", "tempérament": "temp"), the noun keeps its own.
TEST_CASE("a verb's third person plural has the stem of its other forms", "[analyze]") {
  // Snowball leaves "-ent" whole: `animent` found no sheet, `participent` 13 against 55.
  static const Analyzer analyzer;
  const auto same = [&](const char* a, const char* b) {
    INFO(a << " / " << b);
    CHECK(analyzer.stem(folded_word(analyzer, a)) == analyzer.stem(folded_word(analyzer, b)));
  };
  same("animent", "animer");
  same("mènent", "mener");
  same("participent", "participe");
  same("étudient", "étudier");
  same("créent", "créer");
  same("accompagnent", "accompagner");
  same("appellent", "appeler");
  same("partagent", "partager");
  same("soutiennent", "soutien");
  same("accueillent", "accueil");
  // The singular of « tenir » and « venir » is no plural in "-er" (« ti », « vi »).
  CHECK(analyzer.stem("soutient") != analyzer.stem("soutier"));
  CHECK(analyzer.stem("devient") != analyzer.stem("devier"));
}

// The nouns, adjectives and adverbs in "-ent" of the French dictionary, which Snowball leaves whole:
// not read as a verb's plural ("parent" as "parer", "moment" as "mômes"). The list of
// is_no_verb_form_in_ent was drawn from it; this keeps it whole.
TEST_CASE("no noun, adjective or adverb of the French dictionary in -ent is read as a verb", "[analyze]") {
  static const Analyzer analyzer;
  const Xapian::Stem snowball("french");
  const auto entries = french_entries();
  REQUIRE_FALSE(entries.empty());
  std::vector<std::string> misread;
  std::size_t words = 0;
  for (const auto& [word, line] : entries) {
    if (std::isupper(static_cast<unsigned char>(word[0]))) continue;
    const std::string term = folded_word(analyzer, word);
    if (term.size() < 6 || !term.ends_with("ent") || term.ends_with("tient") || term.ends_with("vient")) continue;
    const bool no_verb = line.find("po:nom") != std::string::npos || line.find("po:adj") != std::string::npos ||
                         line.find("po:adv") != std::string::npos;
    if (!no_verb || snowball(term) != term) continue;
    ++words;
    if (analyzer.stem(term).size() < term.size() - 2) misread.push_back(word);  // "-ent" taken off
  }
  for (const std::string& word : misread) UNSCOPED_INFO(word);
  CHECK(misread.empty());
  CHECK(words > 300);
}

TEST_CASE("no noun of the French dictionary in -ment is stemmed as another word than its verb", "[analyze]") {
  static const Analyzer analyzer;
  const Xapian::Stem snowball("french");
  const auto entries = french_entries();
  REQUIRE_FALSE(entries.empty());
  std::set<std::string> verbs, adverbs;
  std::map<std::string, std::string> nouns;  // folded: as written
  for (const auto& [word, line] : entries) {
    const std::string term = folded_word(analyzer, word);
    if (term.empty()) continue;
    if (line.find("po:v") != std::string::npos) verbs.insert(term);
    if (line.find("po:adv") != std::string::npos) adverbs.insert(term);
    if (term.ends_with("ment") && line.find("po:nom") != std::string::npos) nouns.emplace(term, word);
  }
  // The verb a noun in "-ment" is made from, as far as its letters tell: "loger", "rendre",
  // "établir" ("établissement"), "payer" ("paiement"), "renouveler" ("renouvellement").
  const auto verb_of = [&](const std::string& noun, const std::string& stem) {
    std::vector<std::string> bases = {noun.substr(0, noun.size() - 4)};
    if (noun.ends_with("ement")) bases.push_back(noun.substr(0, noun.size() - 5));
    for (const std::string& base : bases) {
      std::vector<std::string> candidates = {base + "er", base + "re", base + "ir", base + "r"};
      if (base.ends_with("iss")) candidates.push_back(base.substr(0, base.size() - 3) + "ir");
      if (base.ends_with("i")) candidates.push_back(base.substr(0, base.size() - 1) + "yer");
      if (base.size() > 2 && base.back() == base[base.size() - 2])
        candidates.push_back(base.substr(0, base.size() - 1) + "er");
      for (const std::string& verb : candidates)
        if (verbs.count(verb) && snowball(verb) == stem) return verb;
    }
    return std::string();
  };
  // Kept apart from their verb, whose stem is another word's: "départ", "environ", "équipe";
  // "avenir" has a stem of its own (own_stem).
  const std::set<std::string> apart_from_verb = {"avenement", "departement", "environnement", "equipement"};
  std::vector<std::string> wrong;
  std::size_t own = 0, with_verb = 0;
  for (const auto& [term, word] : nouns) {
    const std::string stem = snowball(term);
    if (adverbs.count(term) || stem == term) continue;
    const std::string verb = verb_of(term, stem);
    if (!verb.empty() && !apart_from_verb.count(term)) {
      ++with_verb;
      if (analyzer.stem(term) != analyzer.stem(verb)) wrong.push_back(word + " apart from " + verb);
    } else {
      ++own;
      if (analyzer.stem(term) != term || analyzer.stem(term + "s") != term) wrong.push_back(word + " not its own");
    }
  }
  for (const std::string& w : wrong) UNSCOPED_INFO(w);
  CHECK(wrong.empty());
  CHECK(with_verb > 1000);
  CHECK(own > 100);
  CHECK(analyzer.stem("departement") != analyzer.stem("depart"));
  CHECK(analyzer.stem("notamment") != analyzer.stem("note"));
  CHECK(analyzer.stem("documents") == analyzer.stem("documentation"));
  CHECK(analyzer.stem("logement") == analyzer.stem("loger"));
}

TEST_CASE("a French stem begins as its word does, which extracts rely on", "[analyze]") {
  // make_snippet stems, and breaks into words, only around the words whose beginning is that of a
  // stem sought (Analyzer::beginning): every word of the collection, stemmed, begins as it did,
  // up to the y that Snowball turns into i.
  static const Analyzer analyzer;
  std::size_t words = 0;
  const auto same_beginning = [](const std::string& term, const std::string& stem) {
    return !stem.empty() && Analyzer::beginning(stem) == Analyzer::beginning(term.substr(0, stem.size()));
  };
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() / "content" / "fiches")) {
    for (const Token& t : analyzer.tokenize_stemmed(testing::read_file(entry.path()))) {
      ++words;
      if (!same_beginning(t.term, t.stem)) FAIL_CHECK(t.term << " → " << t.stem);
    }
  }
  CHECK(words > 50000);
  for (const std::string w : {"envoyer", "payer", "foyers", "voyant", "eaux", "chevaux", "ai", "y"}) {
    INFO(w << " → " << analyzer.stem(w));
    CHECK(same_beginning(w, analyzer.stem(w)));
  }
  CHECK(analyzer.stem("envoyer") == "envoi");  // the reason for reading y as i
  CHECK(Analyzer::beginning("envoyer") == Analyzer::beginning("envoi"));
  CHECK(Analyzer::beginning("lo") != Analyzer::beginning("loi"));  // the length counts
}

namespace {

// Each of `text`'s tokens, all fields, to compare the two word breakers.
std::string describe(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens)
    out += t.term + "@" + std::to_string(t.begin) + "-" + std::to_string(t.end) + (t.upper ? "U" : "") +
           (t.joined ? "J" : "") + " ";
  return out;
}

}  // namespace

TEST_CASE("words are broken as ICU breaks them", "[analyze]") {
  static const Analyzer analyzer;
  auto same = [](const std::string& text) {
    INFO(text);
    CHECK(describe(analyzer.tokenize(text)) == describe(analyzer.tokenize_with_icu(text)));
  };
  // Every character of U+0000..U+02FF and U+2000..U+20FF alone, between letters, between digits,
  // doubled: those tokenize() breaks itself and those it leaves to ICU (both read a narrow
  // no-break space as a space: the test above).
  std::vector<char32_t> chars;
  for (char32_t c = 1; c < 0x300; ++c) chars.push_back(c);
  for (char32_t c = 0x2000; c < 0x2100; ++c) chars.push_back(c);
  for (char32_t c : chars) {
    const std::string s = testing::utf8(c);
    for (const std::string& text : {s, "a" + s + "b", "É" + s + "é", "1" + s + "2", "a" + s + "2", "1" + s + "b", s + s,
                                    "co" + s + "formation", "x" + s + s + "y"})
      same(text);
  }
  // Random texts of the characters that matter to word breaking.
  const std::vector<std::string> alphabet = {
      "a", "Z", "é", "É",      "œ",      "ª",      "ǀ",      "0", "9", ".",  "'",    "’",  "‘",
      ",", ";", ":", "·",      " ",      "  ",     "-",      "‐", "‑", "\n", "\r\n", "«",  "»",
      "…", "—", "_", "\u00AD", "\u0301", "\u00A0", "\u202F", "(", "/", "l'", "qu’",  "CAF"};
  testing::for_random_texts(alphabet, 12345, 20000, same);
  same(
      "L’Union départementale des associations familiales (UDAF) propose, depuis 2019, 1 500 € "
      "d’aide : « accueil de jour » ; les étudiant·e·s co-animent l'atelier — 3,5 h/semaine, 12.000 km…");
}

TEST_CASE("a capital is a capital of any alphabet", "[analyze]") {
  // « Étampes » typed with its capital was read as lower case, and offered « étapes ».
  for (const char* capitalised : {"Gard", "Étampes", "Île-de-France", "ÉVREUX", "Ωmega"})
    CHECK(starts_with_capital(capitalised));
  for (const char* lower : {"garde", "île", "éducation", "1er", "« Gard »", ""})
    CHECK_FALSE(starts_with_capital(lower));
}

TEST_CASE("an ending glued in brackets to its word is no word", "[analyze]") {
  // « Intervenant(e) social(e) », a profession's label: its « e » held a position between the
  // words, so the phrase « intervenant social » never matched it.
  CHECK(terms("Intervenant(e) social(e)") == V{"intervenant", "social"});
  CHECK(terms("Coordonnateur(trice) social(e) de territoire") == V{"coordonnateur", "social", "de", "territoire"});
  CHECK(terms("intervenant(e)s sociaux") == V{"intervenant", "sociaux"});
  CHECK(terms("éducateur(ice)") == V{"educateur"});
  // Not a word in brackets, apart or glued, nor a bracket of other letters.
  CHECK(terms("jeunes (e) ados") == V{"jeunes", "e", "ados"});
  CHECK(terms("CAF(e)") == V{"caf"});
  CHECK(terms("fonction(s)") == V{"fonction"});
  CHECK(terms("ville(ados)") == V{"ville", "ados"});
}

TEST_CASE("an initialism written with dots is its letters", "[analyze]") {
  // « C.C.A.S. » was the word « c.c.a.s », which no sheet writes.
  CHECK(terms("le C.C.A.S. de Lille") == V{"le", "ccas", "de", "lille"});
  CHECK(terms("r.s.a") == V{"rsa"});
  CHECK(terms("www.caf.fr") == V{"www.caf.fr"});  // words of several letters stay as they are
  CHECK(terms("3.5") == V{"3.5"});
  CHECK(terms("a.") == V{"a"});
}
