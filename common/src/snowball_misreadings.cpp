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
  // - the nouns and adjectives in "-er", "-ir" and "-it" of the French Hunspell dictionary that
  //   are no verbs (po:nom or po:adj, no po:v), whose singular Snowball reads as a verb form, and
  //   stems apart from the plural: "-er" and "-ir" as an infinitive ("usager" under "usage",
  //   "loyer" under "loi", "leader": "lead"; "loisir" under "lois", "désir" under "des"), "-it" as
  //   the verb ending ("conflit": "confl", "répit": "rep" as "repas", "déficit": "défic").
  //   "usager" found 48 sheets and "usagers" 18. Not "retrait", whose stem would be "retraite"'s;
  // - a few nouns of the dictionary that are verbs too, whose noun prose means: "conseiller"
  //   (Snowball: "conseil"), "boulanger", "plancher", "verger", "avenir", "souvenir";
  // - "notamment", which Snowball stems as "note" and "noter" ("not"): `note` found the 19 sheets
  //   that say "notamment";
  // - three nouns that Snowball puts under another word once folded: "mère" under "mer" (`outre
  //   mer` ranked a sheet on « mères » first), "faciès" under "face" (13 of the 14 sheets of
  //   `faciès` said « face »), "réflexif" under "réflexe";
  // - the nouns in "-ment" whose ending Snowball takes off as an adverb's, leaving no verb of
  //   theirs ("document": "docu", apart from "documenter" and "documentation"; "testament": "test";
  //   "tempérament": "temp", as "temps"; "événement": "even"): those of the French Hunspell
  //   dictionary whose verb (in "-er", "-re", "-ir", "-issement" of "-ir") Snowball does not stem
  //   alike. Four more whose verb's stem is another word's: "département" ("départ", "départir"),
  //   "environnement" ("environ"), "équipement" ("équipe"); "avènement" ("aven", as "avenir" was). `département` found
  //   the 15 sheets that say "départ", `équipement` the 45 that say "équipe". Their plural has the same stem.
  // Verbs keep Snowball's stem ("former", "animer"), and so do the nouns in "-ment" of their
  // verb's stem ("accompagnement", "logement"). Each word is its own stem; a few of their forms
  // have theirs.
  static const std::set<std::string, std::less<>> whole = {
      "aidant", "avenir",    "boulanger", "conseiller", "educateur", "elu",   "facies",
      "mere",   "notamment", "plancher",  "reflexif",   "souvenir",  "verger"};
  // clang-format off
  static const std::set<std::string, std::less<>> nouns_in_ment = {
      "avenement", "departement", "environnement", "equipement",
      "abattement", "agissement", "agroequipement", "alicament", "antideplacement", "appartement", "assentiment",
      "autoapitoiement", "autoconditionnement", "autodenigrement", "autorafraichissement", "battelement",
      "battellement", "battement", "biotraitement", "boniment", "broussaillement", "chatiment", "codeveloppement",
      "compartiment", "complement", "compliment", "condiment", "contrargument", "contrinvestissement",
      "coulissement", "cyberharcelement", "debalancement", "debattement", "dechatoiement", "decrement",
      "delineament", "desagrement", "desamortissement", "desembrigadement", "desencerclement", "desengouement",
      "desensablement", "detriment", "dissentiment", "document", "ebattement", "ecoblanchiment", "embasement",
      "emolument", "empagement", "empiecement", "emplacement", "encepagement", "enchevalement", "encorbellement",
      "enjolivement", "enraidissement", "ensellement", "enseuillement", "ensommeillement", "ensouillement",
      "entendement", "entrecolonnement", "evenement", "ferrociment", "fibrociment", "filament", "firmament",
      "geignement", "geopositionnement", "georeferencement", "gisement", "granoclassement", "herissement",
      "hiement", "hydrotraitement", "inacclimatement", "inaccomplissement", "inachevement", "inassouvissement",
      "ligament", "lineament", "liniment", "macronutriment", "malfonctionnement", "medicament", "mesappariement",
      "micromanagement", "micronutriment", "micropaiement", "microplissement", "monument", "multitraitement",
      "myofilament", "nasonnement", "neantissement", "neurodeveloppement", "nucleofilament", "nutriment",
      "oligoelement", "outplacement", "paleoenvironnement", "partenement", "pediment", "photorajeunissement",
      "predimensionnement", "preplacement", "prerecrutement", "pretraitement", "pupulement", "rabattement",
      "radioalignement", "radioelement", "radioralliement", "rapetissement", "rebattement", "recrement",
      "reencastrement", "reendettement", "reenracinement", "regrevement", "rendement", "retordement", "rudiment",
      "sediment", "sociofinancement", "soubassement", "superciment", "superfractionnement", "supplement",
      "surcreusement", "surdeveloppement", "surencombrement", "surpeuplement", "tegument", "teleenseignement",
      "telepaiement", "telereglement", "teletraitement", "temperament", "testament", "truchement", "vehement",
      "voisement"};
  // clang-format on
  // clang-format off
  static const std::set<std::string, std::less<>> no_verbs = {
      "abeiller", "ablier", "acabit", "accessit", "acetobacter", "aciclovir", "acier", "aconit", "affidavit",
      "afrikaander", "afrikander", "afrikaner", "akvavit", "altier", "amylobacter", "andouiller", "angledozer",
      "anier", "anticancer", "appetit", "aquavit", "arbrier", "atrier", "autoportrait", "azotobacter", "bajoyer",
      "bandit", "bankster", "baxter", "becher", "bendir", "benit", "berger", "bessemer", "bestseller", "bienaller",
      "bienfait", "biker", "blazer", "blender", "blister", "blockbuster", "bloomer", "bocager", "boer", "boiler",
      "bookmaker", "boomer", "bootlegger", "broker", "buffer", "bulldozer", "bunker", "burger", "cabincruiser",
      "cacaoyer", "caloyer", "cancer", "canter", "cantilever", "casher", "casimir", "catheter", "centumvir",
      "chalit", "challenger", "charter", "cheerleader", "cheeseburger", "chester", "chienlit", "cinetir",
      "cliffhanger", "clinker", "clubber", "cluster", "cocker", "cockpit", "coecrit", "commit", "confit", "conflit",
      "conscrit", "container", "contredit", "contrefer", "contrit", "copayer", "cornouiller", "coroner",
      "cotoneaster", "cowper", "coyer", "cracker", "credit", "cremaster", "crooner", "cruiser", "cubitainer",
      "cuider", "cuiller", "cutter", "dahir", "danger", "debater", "debit", "decemvir", "decrepit", "dedit",
      "deficit", "delit", "depit", "deplaisir", "designer", "desinscrit", "desir", "destroyer", "diapir", "diester",
      "digit", "discredit", "docker", "dogger", "doppelganger", "dragster", "drifter", "drummer", "durit", "duumvir",
      "ecopaysager", "ecuyer", "eider", "electrolaser", "electromenager", "elixir", "elzevir", "encrier", "entier",
      "entrefer", "erlenmeyer", "erudit", "etier", "etranger", "etrier", "eurocredit", "evier", "exabit", "exbibit",
      "exinscrit", "eyeliner", "fakir", "fauber", "feeder", "footballer", "forfait", "fortrait", "foyer", "frater",
      "freezer", "fromager", "fuhrer", "gabarit", "gagnepetit", "gambit", "gamer", "gangster", "gaucher",
      "gauleiter", "geaster", "getter", "gewurztraminer", "geyser", "gibibit", "gigabit", "granit", "gyrolaser",
      "habit", "hacker", "hamburger", "hamster", "hennuyer", "hier", "highlander", "hipster", "hiver", "hobbit",
      "holster", "horloger", "horsepower", "houiller", "hunter", "hurdler", "hyper", "imparfait", "incipit",
      "inedit", "insatisfait", "interdit", "jigger", "joailler", "joker", "jonkheer", "junker", "kafir", "kaiser",
      "karcher", "kascher", "kasher", "kefir", "kephir", "kibibit", "kicker", "kilobit", "kipper", "klezmer",
      "kreutzer", "kroumir", "labrit", "lander", "laser", "leader", "leger", "lendit", "liber", "lieder", "lieudit",
      "lignager", "liner", "linter", "loader", "loisir", "loser", "loyer", "machefer", "magister", "manuscrit",
      "maraicher", "marguiller", "maser", "masseter", "master", "maudit", "mauser", "mebibit", "mefait", "megabit",
      "menhir", "mensonger", "messager", "messer", "metayer", "microcredit", "minnesinger", "moder", "munster",
      "nadir", "nazir", "neper", "newsletter", "nitrobacter", "nocher", "obier", "onglier", "oreiller", "osier",
      "outremer", "outrigger", "outsider", "pacemaker", "packager", "pandit", "panzer", "papaver", "papayer",
      "parfait", "passager", "pater", "paysager", "peager", "pebibit", "petabit", "petit", "phalanger", "pier",
      "pipit", "pissenlit", "plaidoyer", "plaisir", "plansichter", "poker", "polder", "polyester", "polyether",
      "porcher", "portrait", "potager", "poulailler", "pourparler", "pracrit", "prakrit", "premessager", "preterit",
      "profit", "proscrit", "proyer", "prurit", "pullover", "quaker", "quater", "queer", "quincailler",
      "quindecemvir", "racer", "radioreporter", "raider", "rancher", "raster", "recit", "repit", "requisit",
      "rescrit", "retriever", "retrofit", "revolver", "ripper", "roadster", "rocker", "rocouyer", "roller",
      "rootkit", "rottweiler", "rottweiller", "sabir", "samit", "sampler", "sanscrit", "sanskrit", "saphir",
      "satisfecit", "schnauzer", "schooner", "scooter", "scraper", "scrubber", "septemvir", "setter", "shaker",
      "shipchandler", "skipper", "sniper", "snooker", "soccer", "souhait", "soupir", "soyer", "spalter",
      "sparringpartner", "speaker", "spencer", "sphincter", "spider", "spinnaker", "spirifer", "spoiler",
      "stadhouder", "starter", "stathouder", "statthalter", "stayer", "steamer", "stepper", "sticker", "stoker",
      "strippoker", "suber", "subit", "super", "superleger", "superprofit", "supertanker", "superwelter", "surfait",
      "surloyer", "surprofit", "susdit", "sweater", "sylvaner", "tanker", "tapuscrit", "teaser", "tebibit",
      "teleconseiller", "tender", "terabit", "thaler", "thioether", "thriller", "toner", "trader", "transit",
      "trekker", "triester", "trimmer", "triumvir", "trochanter", "trochiter", "tuner", "turnover", "ultraleger",
      "usager", "vacher", "vetiver", "viager", "vizir", "volailler", "vomer", "voyer", "walkover", "water", "weber",
      "welter", "winchester", "woofer", "yobibit", "yottabit", "zebibit", "zettabit"};
  // clang-format on
  static const std::map<std::string, std::string, std::less<>> forms = {{"aidants", "aidant"},
                                                                        {"aidante", "aidant"},
                                                                        {"aidantes", "aidant"},
                                                                        {"educateurs", "educateur"},
                                                                        {"educatrice", "educateur"},
                                                                        {"educatrices", "educateur"},
                                                                        {"elus", "elu"},
                                                                        {"elue", "elu"},
                                                                        {"elues", "elu"},
                                                                        {"meres", "mere"},
                                                                        {"reflexifs", "reflexif"},
                                                                        {"reflexive", "reflexif"},
                                                                        {"reflexives", "reflexif"},
                                                                        {"reflexivite", "reflexif"}};
  if (const auto it = whole.find(term); it != whole.end()) return &*it;
  if (const auto it = no_verbs.find(term); it != no_verbs.end()) return &*it;
  const std::string_view singular = term.ends_with('s') ? term.substr(0, term.size() - 1) : term;
  if (const auto it = nouns_in_ment.find(singular); it != nouns_in_ment.end()) return &*it;
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

bool is_no_feminine(std::string_view term) {
  // The dictionary's nouns in "-aise" ("chaise", "malaise", "falaise") and the forms of its verbs
  // in "-aiser" ("apaise", "biaise"), each with one "e" folded with "é" ("apaisé"); its words in
  // "-trice" with no masculine in "-teur" ("matrice", "cicatrice").
  static const std::set<std::string, std::less<>> words = {
      "alaise",     "apaise",    "balaise",    "biaise",      "braise",    "chaise",     "cimaise",  "cymaise",
      "daraise",    "deniaise",  "ebraise",    "emmortaise",  "euphraise", "fadaise",    "falaise",  "fournaise",
      "foutaise",   "fraise",    "glaise",     "inapaise",    "malaise",   "mayonnaise", "mortaise", "punaise",
      "cantatrice", "cicatrice", "gestatrice", "imperatrice", "matrice",   "patrice",    "tectrice", "voceratrice"};
  return words.count(term) > 0;
}

bool is_feminine_of_eux(std::string_view feminine) {
  // The adjectives in "-eux" of the French Hunspell dictionary whose feminine ends in "-euse"
  // (some also have a noun in "-eur": "soigneux", "soigneur"; the adjective is meant).
  // clang-format off
  static const std::set<std::string, std::less<>> adjectives = {
      "aceteux", "aciereux", "acineux", "acrimonieux", "adipeux", "affectueux", "affreux", "albumineux",
      "alcalinoterreux", "alumineux", "ambitieux", "amoureux", "anfractueux", "angineux", "angoisseux", "angoreux",
      "anguleux", "anthraciteux", "anticancereux", "antiinfectieux", "antimigraineux", "antimonieux",
      "antireligieux", "antituberculeux", "antiveneneux", "antivenimeux", "anxieux", "aphteux", "aqueux",
      "ardoiseux", "areligieux", "areneux", "argileux", "argilosiliceux", "arsenieux", "arteriosclereux",
      "artificieux", "astucieux", "atheromateux", "audacieux", "auspicieux", "avalancheux", "avantageux",
      "avaricieux", "aventureux", "azoteux", "baveux", "belliqueux", "besogneux", "bienheureux", "bigleux", "bileux",
      "bilieux", "bitumeux", "bitumineux", "boiteux", "boueux", "bourbeux", "bourgeonneux", "bouseux", "boutonneux",
      "bronchiteux", "brouillardeux", "broussailleux", "bruineux", "brumeux", "buissonneux", "bulbeux", "bulleux",
      "butyreux", "cadavereux", "cafardeux", "cagneux", "cahoteux", "caillouteux", "calamiteux", "calculeux",
      "calleux", "calomnieux", "cancereux", "caoutchouteux", "capiteux", "capricieux", "captieux", "carcinomateux",
      "carieux", "cartilagineux", "cartonneux", "caseeux", "catarrheux", "cauchemardeux", "cauteleux", "caverneux",
      "celluleux", "cementeux", "cendreux", "cerebelleux", "ceremonieux", "cerumineux", "cespiteux", "chaleureux",
      "champignonneux", "chanceux", "charbonneux", "chartreux", "chassieux", "chatouilleux", "chichiteux",
      "chitineux", "chloreux", "chromeux", "cireux", "clapoteux", "classieux", "claveleux", "colereux", "coliqueux",
      "comateux", "compendieux", "componctueux", "consciencieux", "contagieux", "contentieux", "convoiteux",
      "copieux", "coqueleux", "coquelucheux", "cornemuseux", "cotonneux", "couenneux", "courageux", "couteux",
      "crapoteux", "crapuleux", "crasseux", "crayeux", "crayonneux", "cremeux", "creux", "croustilleux", "crouteux",
      "cuivreux", "curieux", "dangereux", "dartreux", "dedaigneux", "defectueux", "delicieux", "delictueux",
      "desastreux", "desavantageux", "desireux", "devotieux", "difficultueux", "disetteux", "disgracieux",
      "dispendieux", "doucereux", "douloureux", "douteux", "duveteux", "ebouleux", "ecailleux", "ecumeux",
      "eczemateux", "elogieux", "emphysemateux", "ennuyeux", "envieux", "epineux", "erugineux", "erysipelateux",
      "erythemateux", "esquilleux", "ethnoreligieux", "exanthemateux", "excrementeux", "exemateux", "fabuleux",
      "facetieux", "facheux", "factieux", "fallacieux", "fameux", "fangeux", "faramineux", "farineux", "fastidieux",
      "fastueux", "faucheux", "ferreux", "ferrugineux", "fibreux", "fibrilleux", "fibrineux", "fibromateux",
      "fielleux", "fievreux", "filamenteux", "filandreux", "fistuleux", "flacheux", "flegmoneux", "flexueux",
      "floconneux", "flosculeux", "foireux", "folkeux", "fongueux", "footeux", "fougueux", "frauduleux", "frileux",
      "froufrouteux", "fructueux", "fuligineux", "fumeux", "furieux", "furonculeux", "galetteux", "galeux",
      "galvaudeux", "gangreneux", "gateux", "gazeux", "gazonneux", "gelatineux", "genereux", "gibbeux", "giboyeux",
      "givreux", "glaceux", "glaireux", "glaiseux", "glanduleux", "glaucomateux", "globuleux", "glorieux",
      "glutineux", "goitreux", "gommeux", "goudronneux", "gouteux", "goutteux", "gracieux", "graillonneux",
      "graisseux", "graniteux", "granuleux", "graphiteux", "graveleux", "greleux", "greseux", "grigneux",
      "grincheux", "grisouteux", "grumeleux", "gueux", "gypseux", "haillonneux", "haineux", "halitueux", "hargneux",
      "harmonieux", "hasardeux", "herbeux", "hernieux", "heureux", "hideux", "honteux", "houleux", "huileux",
      "hypernerveux", "hypochloreux", "hypophosphoreux", "hyposulfureux", "ichoreux", "ignominieux", "impecunieux",
      "imperieux", "impetigineux", "impetueux", "incestueux", "incurieux", "indesireux", "industrieux", "infectieux",
      "infructueux", "ingenieux", "inharmonieux", "injurieux", "insidieux", "insomnieux", "insoucieux",
      "interosseux", "interreligieux", "intraveineux", "irreligieux", "irrespectueux", "irreverencieux", "jardineux",
      "jargonneux", "journaleux", "joyeux", "judicieux", "juteux", "khagneux", "laborieux", "lacuneux", "laineux",
      "laiteux", "lamelleux", "lamineux", "langoureux", "lanugineux", "laqueux", "legumineux", "lepreux",
      "liberoligneux", "libidineux", "licencieux", "liegeux", "ligamenteux", "ligneux", "limoneux", "liquoreux",
      "litigieux", "lobuleux", "loculeux", "loqueteux", "lumineux", "luxueux", "luxurieux", "maffieux", "mafieux",
      "majestueux", "malandreux", "malchanceux", "maleficieux", "malencontreux", "malgracieux", "malheureux",
      "malicieux", "manganeux", "marecageux", "marmiteux", "marneux", "matheux", "matineux", "meandreux", "mecheux",
      "medicamenteux", "medulleux", "melodieux", "membraneux", "merdeux", "merveilleux", "mesenchymateux",
      "meticuleux", "microporeux", "mielleux", "migraineux", "minutieux", "miraculeux", "misereux", "misericordieux",
      "miteux", "moelleux", "molletonneux", "monstrueux", "montagneux", "montueux", "morbilleux", "morveux",
      "mousseux", "moutonneux", "moyenageux", "mucilagineux", "muqueux", "musculeux", "mysterieux", "myxoedemateux",
      "nareux", "nauseeux", "nebuleux", "necessiteux", "neigeux", "nerveux", "niaiseux", "nitreux", "noduleux",
      "nombreux", "noueux", "nuageux", "obsequieux", "ocreux", "odieux", "oedemateux", "officieux", "oiseux",
      "oleagineux", "oleoproteagineux", "ombrageux", "ombreux", "onctueux", "onduleux", "onereux", "orageux",
      "orgueilleux", "osseux", "ouateux", "oublieux", "outrageux", "pailleux", "papilleux", "papuleux",
      "paraveineux", "parchemineux", "parcimonieux", "parenchymateux", "paresseux", "partageux", "patenteux",
      "pateux", "pavimenteux", "peccamineux", "pedieux", "pellagreux", "pelliculeux", "pelucheux", "perilleux",
      "pernicieux", "pesteux", "peteux", "petreux", "peureux", "pharamineux", "phlegmoneux", "phosphoreux",
      "piegeux", "pierreux", "pieux", "pileux", "piqueux", "pisseux", "piteux", "plantureux", "platreux", "plombeux",
      "plucheux", "plumeux", "pluvieux", "pointilleux", "poisseux", "poissonneux", "polyamoureux", "polypeux",
      "pompeux", "ponceux", "pondereux", "populeux", "poreux", "poudreux", "pouilleux", "poussiereux",
      "precancereux", "precautionneux", "precieux", "presomptueux", "prestigieux", "pretentieux", "preux",
      "prodigieux", "proteagineux", "prurigineux", "pseudomembraneux", "pulpeux", "pustuleux", "pyriteux",
      "pyroligneux", "quartzeux", "querelleux", "quinteux", "raboteux", "radieux", "rageux", "rameux", "rancuneux",
      "rapeux", "ravineux", "rebouteux", "rechigneux", "religieux", "resineux", "respectueux", "reverencieux",
      "rhizomateux", "rigoureux", "robineux", "rocailleux", "rocheux", "ronceux", "rougeoleux", "rouilleux",
      "rubeoleux", "rubigineux", "rugueux", "ruineux", "sableux", "sablonneux", "saccareux", "sacchareux",
      "saigneux", "saliveux", "salpetreux", "sanieux", "sarcomateux", "sarmenteux", "savonneux", "savoureux",
      "scabieux", "scabreux", "scandaleux", "scarieux", "scarlatineux", "schisteux", "sclereux", "scrofuleux",
      "scrupuleux", "seditieux", "seleniteux", "sentencieux", "sereux", "serieux", "serpigineux", "silencieux",
      "siliceux", "siliqueux", "sinueux", "sirupeux", "socioreligieux", "soigneux", "soleilleux", "sommeilleux",
      "somptueux", "soucieux", "souffreteux", "soupconneux", "sourcilleux", "soyeux", "spacieux", "specieux",
      "spiritueux", "spongieux", "spumeux", "squameux", "squirreux", "squirrheux", "stanneux", "stertoreux",
      "striduleux", "studieux", "stuporeux", "subereux", "suiffeux", "sulfureux", "superstitieux", "suspicieux",
      "taiseux", "talentueux", "talqueux", "tartreux", "teigneux", "tellureux", "tempetueux", "tendancieux",
      "tendineux", "tenebreux", "terreux", "theatreux", "tomenteux", "torrentueux", "tortueux", "tourbeux",
      "toussoteux", "toxiinfectieux", "traitreux", "trichineux", "tuberculeux", "tubereux", "tubuleux", "tumultueux",
      "ulcereux", "uligineux", "urineux", "utriculeux", "valeureux", "vaniteux", "vaporeux", "varioleux",
      "variqueux", "vasculeux", "vaseux", "veineux", "velouteux", "veneneux", "venimeux", "venteux", "verbeux",
      "vereux", "vergogneux", "vermineux", "verruqueux", "vertigineux", "vertueux", "verveux", "vesiculeux",
      "vetilleux", "vicieux", "victorieux", "vielleux", "vigoureux", "villeux", "vineux", "violoneux", "vireux",
      "viseux", "visqueux", "vitreux", "volumineux", "voluptueux", "vultueux", "yeux"};
  // clang-format on
  if (!feminine.ends_with("euse")) return false;
  return adjectives.count(std::string(feminine.substr(0, feminine.size() - 4)) + "eux") > 0;
}

bool splits_feminine_in_ive(std::string_view masculine) {
  // The adjectives in "-if" of the French Hunspell dictionary whose feminine in "-ive" Snowball
  // stems apart ("actif", "active": "activ"), but for those whose "-ive" is also a verb's form
  // ("vive", "motive", "suive", "esquive").
  static const std::set<std::string, std::less<>> adjectives = {
      "actif",   "biactif", "captif",  "chetif", "coactif", "craintif", "creatif",  "cursif",  "datif",     "fautif",
      "festif",  "fictif",  "furtif",  "gelif",  "hatif",   "jointif",  "juif",     "lascif",  "massif",    "mussif",
      "naif",    "natif",   "nocif",   "oisif",  "passif",  "pensif",   "plaintif", "poussif", "preemptif", "proactif",
      "reactif", "retif",   "sportif", "statif", "tardif",  "tractif",  "votif"};
  return adjectives.count(masculine) > 0;
}

bool is_no_verb_form_in_ent(std::string_view term) {
  // The nouns, adjectives and adverbs in "-ent" of six letters or more of the French Hunspell
  // dictionary (po:nom, po:adj, po:adv…) that Snowball leaves whole, but for "-tient" and "-vient";
  // and "empowerment", the English term of a ring.
  // clang-format off
  static const std::set<std::string, std::less<>> words = {
      "empowerment",
      "abaissement", "abrivent", "absent", "abstinent", "accent", "accident", "accrescent", "accroissement",
      "acescent", "acrement", "adherent", "adjacent", "adolescent", "adulescent", "affaissement", "afferent",
      "affluent", "agrement", "alanguissement", "alcalescent", "aliment", "ambivalent", "amplement", "amuissement",
      "antecedent", "antiferment", "apparent", "aprement", "arborescent", "ardemment", "ardent", "ardument",
      "argent", "argument", "armement", "arpent", "astringent", "augment", "auvent", "baissement", "bident",
      "bioluminescent", "birefringent", "bivalent", "bruissement", "caulescent", "cement", "chiendent", "ciment",
      "clement", "client", "coalescent", "coefficient", "coherent", "coincident", "comment", "competent",
      "concrescent", "concupiscent", "concurrent", "conferent", "confident", "confluent", "congruent",
      "connaissement", "connivent", "conscient", "consequent", "constringent", "content", "continent", "contingent",
      "contrevent", "convalescent", "convent", "convergent", "cooccurrent", "coparent", "copresent", "copresident",
      "coregent", "corpulent", "couvent", "covalent", "crissement", "crument", "decadent", "decaissement", "decent",
      "decroissement", "decurrent", "deferent", "deficient", "defluent", "degenerescent", "dehiscent",
      "delaissement", "deliquescent", "delitescent", "dement", "deponent", "detergent", "different", "diffluent",
      "diligent", "dissident", "divalent", "divergent", "dolent", "dument", "efferent", "effervescent", "efficient",
      "efflorescent", "effluent", "electroluminescent", "element", "eloquent", "emergent", "eminent", "emollient",
      "encaissement", "enflement", "engoulevent", "engraissement", "entregent", "equipollent", "equipotent",
      "equivalent", "errement", "erubescent", "escient", "establishment", "eurocent", "evanescent", "evident",
      "excedent", "excellent", "excipient", "excrement", "expedient", "feculent", "ferment", "fervent", "flatulent",
      "flavescent", "fluent", "fluorescent", "fragment", "frequent", "froissement", "froment", "frutescent",
      "glabrescent", "glissement", "gradient", "grandiloquent", "hexavalent", "hyperpresident", "hyperviolent",
      "idempotent", "immanent", "imminent", "immunocompetent", "immunodeficient", "impeachment", "impenitent",
      "impermanent", "impertinent", "impotent", "imprudent", "impudent", "inapparent", "incandescent", "incident",
      "inclement", "incoherent", "incompetent", "inconscient", "inconsequent", "incontinent", "inconvenient",
      "increment", "indecent", "indehiscent", "indifferent", "indigent", "indolent", "indulgent", "indument",
      "inefficient", "influent", "ingredient", "inherent", "inintelligent", "innocent", "insolent", "instamment",
      "instrument", "insurgent", "intelligent", "intercurrent", "interferent", "intermittent", "intumescent",
      "iridescent", "irreverent", "jument", "lactescent", "languissement", "latent", "lianescent", "luminescent",
      "malevolent", "marcescent", "mecontent", "moment", "monovalent", "multivalent", "munificent", "negligent",
      "nilpotent", "nument", "obsolescent", "occident", "occurrent", "omnipotent", "omnipresent", "omniscient",
      "onguent", "opalescent", "opulent", "orient", "ornement", "orpiment", "ossement", "paravent", "parent",
      "patent", "penitent", "pentavalent", "percipient", "permanent", "pertinent", "pestilent", "phosphorescent",
      "pigment", "piment", "pissement", "plissement", "pluripotent", "plurivalent", "polyvalent", "pourcent",
      "preadolescent", "precedent", "preconscient", "preeminent", "prepotent", "prescient", "present", "president",
      "prevalent", "privatdocent", "privatdozent", "proeminent", "provident", "prudent", "pschent", "pubescent",
      "pulverulent", "purulent", "putrescent", "quadrivalent", "querulent", "quiescent", "rabaissement", "rarescent",
      "recent", "recipient", "recrudescent", "recurrent", "redent", "reemergent", "referent", "refringent", "regent",
      "relent", "remanent", "remittent", "rencaissement", "renitent", "resident", "resilient", "restringent",
      "resurgent", "reticent", "reviviscent", "rubescent", "sanguinolent", "sarment", "segment", "senescent",
      "sergent", "serment", "serpent", "somnolent", "souvent", "spumescent", "strident", "subconscient", "subjacent",
      "subsequent", "succulent", "supercontinent", "surbaissement", "surdent", "sureminent", "surincident",
      "surjacent", "susjacent", "talent", "tangent", "tetravalent", "thermoluminescent", "torrent", "totipotent",
      "tourment", "transparent", "triboluminescent", "trident", "trivalent", "truculent", "tumescent", "turbulent",
      "turgescent", "ultraviolent", "uniment", "unipotent", "univalent", "urgemment", "urgent", "ventripotent",
      "violent", "virulent"};
  // clang-format on
  return words.count(term) > 0;
}

}  // namespace pratiques
