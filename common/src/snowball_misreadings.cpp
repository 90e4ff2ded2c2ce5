#include "snowball_misreadings.h"

#include <map>
#include <set>

namespace pratiques {

const std::string* own_stem(std::string_view term) {
  // The words with a stem of their own:
  // - the caregiver ("aidant"): Snowball puts it under help ("aide", "aider"), which nearly every
  //   sheet says, and "aidants" found them all;
  // - the educator ("éducateur", "éducatrice"): Snowball puts it under "éducation", and "éducateurs"
  //   ranked the sheets on the Éducation nationale first;
  // - the elected ("élu", "élus"): Snowball keeps the "s" after a "u", and "élu" found 5 sheets,
  //   "élus" 26;
  // - nouns and adjectives in "-er" that are no verbs: Snowball reads the singular as an
  //   infinitive ("usager" under "usage", "conseiller" under "conseil", "loyer" under "loi",
  //   "plaidoyer" under "plaidoi"), and keeps "-er" in the plural and the feminine ("usagers",
  //   "usagère": "usager"). "usager" found 48 sheets and "usagers" 18. Verbs keep Snowball's
  //   stem ("former", "animer"); nouns in "-ier" are stemmed alike already ("quartier(s)");
  // - nouns in "-ir", read as the infinitive of a verb in "-ir" ("loisir" under "lois", "désir"
  //   under "des", "avenir": "aven"), never in the plural ("loisirs": "loisir");
  // - nouns in "-it" read as the verb ending "-it" in the singular ("conflit": "confl", "répit":
  //   "rep" as "repas"), never in the plural or the feminine ("conflits", "petite": "conflit",
  //   "petit").
  // Each word is its own stem; a few of their forms have theirs.
  static const std::set<std::string, std::less<>> whole = {
      "acabit",    "aidant",     "avenir",    "bandit",   "berger",    "bienfait",  "boulanger", "cancer",
      "conflit",   "conseiller", "credit",    "danger",   "debit",     "delit",     "depit",     "desir",
      "educateur", "elu",        "entier",    "etranger", "forfait",   "foyer",     "fromager",  "habit",
      "hiver",     "leger",      "loisir",    "loyer",    "manuscrit", "maraicher", "mefait",    "messager",
      "passager",  "petit",      "plaidoyer", "plaisir",  "plancher",  "portrait",  "potager",   "profit",
      "recit",     "repit",      "souhait",   "soupir",   "souvenir",  "surloyer",  "usager",    "verger"};
  static const std::map<std::string, std::string, std::less<>> forms = {{"aidants", "aidant"},
                                                                        {"aidante", "aidant"},
                                                                        {"aidantes", "aidant"},
                                                                        {"educateurs", "educateur"},
                                                                        {"educatrice", "educateur"},
                                                                        {"educatrices", "educateur"},
                                                                        {"elus", "elu"},
                                                                        {"elue", "elu"},
                                                                        {"elues", "elu"}};
  if (const auto it = whole.find(term); it != whole.end()) return &*it;
  const auto form = forms.find(term);
  return form == forms.end() ? nullptr : &form->second;
}

std::string_view singular_of_misread_plural(std::string_view term) {
  // Plurals in "-aux" of nouns in "-ail", and one plural of its own. Not "baux" ("bail") nor
  // "yeux" ("œil"): a stem begins as its word does (Analyzer::beginning), which extracts rely on.
  static const std::map<std::string, std::string, std::less<>> irregular = {
      {"cieux", "ciel"},      {"coraux", "corail"},   {"soupiraux", "soupirail"},
      {"travaux", "travail"}, {"vantaux", "vantail"}, {"vitraux", "vitrail"}};
  // The nouns of the French Hunspell dictionary (fr_FR, Debian's hunspell-fr-comprehensive) whose
  // plural in "-s" Snowball stems apart from them: it reads "-ions" as the imperfect
  // ("commissions": "comm", as "comme"; "religions": "relig"), "-erons" as the future
  // ("bûcherons": "buch"), "-issons" as the present ("nourrissons": "nourr"), and keeps the "s"
  // after "-ai" and "-oi" ("essais", "emplois", "lois"). Not "foi", "mai" and "sai", whose "fois",
  // "mais" and "sais" are other words. And the nouns in "-eu" and "-au" whose plural in "-x" (or
  // "-s": "feus") Snowball keeps as it is ("milieux", "lieux", "enjeux") or reads as a plural of
  // "-al" ("noyaux": "noyal").
  // clang-format off
  static const std::set<std::string, std::less<>> misread_singulars = {
      "aboi", "acromion", "adieu", "agromateriau", "ai", "aileron", "alerion", "alleu", "alluvion", "aloyau",
      "amphiprion", "annexion", "antijeu", "aouteron", "archenteron", "ardelion", "arroi", "auberon", "aveu", "bai",
      "barzoi", "beauceron", "beffroi", "bestiau", "biberon", "biomateriau", "bitoniau", "boucau", "bourgeron",
      "boutefeu", "boyau", "brai", "brimborion", "bucheron", "burgau", "caieu", "calisson", "camaieu", "centurion",
      "chai", "chalazion", "chaperon", "charroi", "cheveu", "chipiron", "cochampion", "coi", "collodion",
      "colluvion", "commission", "communion", "compassion", "complexion", "compromission", "connexion", "conoyau",
      "contagion", "contrefeu", "contremploi", "convoi", "coqueron", "corroi", "courlieu", "coyau", "crucifixion",
      "cuilleron", "culeron", "decommission", "decomplexion", "deconnexion", "decurion", "deflexion", "degueu",
      "demission", "desarroi", "desaveu", "desunion", "deuteron", "dieu", "dominion", "ecoregion", "ectropion",
      "effroi", "eluvion", "emoi", "emploi", "endymion", "enjeu", "ensoi", "entropion", "envoi", "epieu", "epoi",
      "erigeron", "esquimau", "essai", "essieu", "etai", "etau", "euroregion", "expromission", "fabliau", "feu",
      "fieu", "flutiau", "forgeron", "fourmilion", "frai", "fumeron", "gai", "gelifluxion", "genuflexion",
      "giravion", "glouteron", "gluau", "glutathion", "goi", "grateron", "gratteron", "grau", "gruau", "hebreu",
      "herisson", "hipparion", "hoyau", "hydravion", "hyperconnexion", "hyperon", "inemploi", "inflexion",
      "insoumission", "intercommunion", "interconnexion", "interferon", "intermission", "interroi", "intromission",
      "irreflexion", "irreligion", "jaseron", "jeu", "joyau", "komboloi", "krai", "lai", "laideron", "laiteron",
      "lieu", "liposuccion", "liseron", "lisseron", "lithopedion", "loi", "longeron", "maceron", "mancheron",
      "manichordion", "manumission", "materiau", "merbau", "mesemploi", "micronoyau", "milieu", "moucheron",
      "mousseron", "moyeu", "nanomateriau", "napperon", "nemalion", "nephelion", "neurotransmission", "neveu",
      "nobliau", "nonillion", "nourrisson", "noyau", "oai", "octillion", "octonion", "octroi", "opilion", "opinion",
      "orfroi", "oscabrion", "palefroi", "paleron", "paroi", "patisson", "percheron", "permission", "photoemission",
      "pieu", "polisson", "postcommunion", "potiron", "poursoi", "pourvoi", "prefixion", "promission", "psalterion",
      "pterygion", "puceron", "pyramidion", "quadrillion", "quai", "quarteron", "quaternion", "quatrillion",
      "quintillion", "rai", "readmission", "rebellion", "reconnexion", "reemission", "reemploi", "reflexion",
      "rejeu", "religion", "remission", "remploi", "renvoi", "retransmission", "retrocommission", "retroflexion",
      "roi", "saleron", "salisson", "saucisson", "scrogneugneu", "sedenion", "septentrion", "septillion",
      "sextillion", "skai", "solifluxion", "soumission", "superchampion", "superconnexion", "suremission",
      "suremploi", "surjeu", "surmoi", "suspicion", "tabellion", "tacheron", "teletransmission", "tenebrion", "thai",
      "theridion", "tierceron", "tonlieu", "touchau", "tournoi", "transfixion", "transmission", "trombidion",
      "tuyau", "usucapion", "vengeron", "vesceron", "vespertilion", "videotransmission", "vigneron", "voeu", "vrai",
      "wai", "waterzoi", "waterzooi", "yaoi"};
  // clang-format on
  if (const auto it = irregular.find(term); it != irregular.end()) return it->second;
  if (term.size() < 3) return {};
  const std::string_view singular = term.substr(0, term.size() - 1);
  if ((term.back() == 's' || term.back() == 'x') && misread_singulars.count(singular)) return singular;
  return {};
}

bool keeps_final_s(std::string_view term) {
  static const std::set<std::string, std::less<>> kept = {"abus",   "acquis", "conquis", "confus", "diffus",
                                                          "exclus", "inclus", "intrus",  "obtus",  "perclus",
                                                          "reclus", "refus",  "repos",   "requis"};
  return kept.count(term) > 0;
}

bool is_no_feminine_in_aise(std::string_view term) {
  // The dictionary's nouns in "-aise" ("chaise", "malaise", "falaise") and the forms of its verbs
  // in "-aiser" ("apaise", "biaise"), each with one "e" folded with "é" ("apaisé").
  static const std::set<std::string, std::less<>> words = {
      "alaise",   "apaise",   "balaise", "biaise",     "braise",    "chaise",     "cimaise",  "cymaise",
      "daraise",  "deniaise", "ebraise", "emmortaise", "euphraise", "fadaise",    "falaise",  "fournaise",
      "foutaise", "fraise",   "glaise",  "inapaise",   "malaise",   "mayonnaise", "mortaise", "punaise"};
  return words.count(term) > 0;
}

}  // namespace pratiques
