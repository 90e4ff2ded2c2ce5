#include "pratiques/grid.h"

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <exception>
#include <future>
#include <set>
#include <sstream>
#include <string_view>

#include "pratiques/pattern.h"
#include "pratiques/read_file.h"
#include "pratiques/text.h"
#include "pratiques/word_class.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

[[noreturn]] void fail(const std::string& file, const YAML::Node& node, const std::string& message) {
  int line = node.IsDefined() ? node.Mark().line + 1 : 1;
  throw GridError(file + ":" + std::to_string(line) + ": " + message);
}

YAML::Node load_yaml(const std::string& file) {
  try {
    return YAML::LoadFile(file);
  } catch (const YAML::BadFile&) {
    throw GridError(file + ":1: fichier de schéma introuvable ou illisible");
  } catch (const YAML::Exception& e) {
    throw GridError(file + ":" + std::to_string(e.mark.line + 1) + ": YAML invalide : " + e.msg);
  }
}

std::string str(const YAML::Node& n, const char* key, const std::string& def = "") {
  const YAML::Node v = n[key];
  if (!v || v.IsNull() || !v.IsScalar()) return def;
  return v.as<std::string>();
}

std::vector<std::string> strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence())
    for (const auto& x : n)
      if (x.IsScalar()) out.push_back(x.as<std::string>());
  return out;
}

Status parse_status(const std::string& file, const YAML::Node& n) {
  const std::string s = str(n, "statut", "O");
  if (s == "M") return Status::Mandatory;
  if (s == "R") return Status::Recommended;
  if (s == "O") return Status::Optional;
  fail(file, n["statut"], "statut inconnu « " + s + " » (attendu M, R ou O)");
}

FieldType parse_type(const std::string& file, const YAML::Node& n) {
  static const std::map<std::string, FieldType> types = {{"identifiant", FieldType::Identifier},
                                                         {"liste_identifiants", FieldType::IdentifierList},
                                                         {"texte", FieldType::Text},
                                                         {"liste_textes", FieldType::TextList},
                                                         {"date", FieldType::Date},
                                                         {"booleen", FieldType::Boolean},
                                                         {"entier", FieldType::Integer},
                                                         {"vocab", FieldType::Vocab},
                                                         {"vocab_liste", FieldType::VocabList},
                                                         {"objet", FieldType::Object},
                                                         {"liste_objets", FieldType::ObjectList},
                                                         {"code_departement", FieldType::DepartementCode},
                                                         {"code_region", FieldType::RegionCode},
                                                         {"communes", FieldType::Communes},
                                                         {"reference_fiche", FieldType::SheetRef},
                                                         {"reference_section", FieldType::SectionRef},
                                                         {"duree", FieldType::Duration}};
  const std::string t = str(n, "type", "texte");
  auto it = types.find(t);
  if (it == types.end()) fail(file, n["type"], "type de champ inconnu « " + t + " »");
  return it->second;
}

FieldSpec parse_field(const std::string& file, const YAML::Node& n) {
  FieldSpec f;
  f.key = str(n, "cle");
  if (f.key.empty()) fail(file, n, "champ sans « cle »");
  f.label = str(n, "libelle", f.key);
  f.type = parse_type(file, n);
  f.status = parse_status(file, n);
  f.definition = str(n, "definition");
  if (n["vocabulaire"]) f.vocabularies.push_back(str(n, "vocabulaire"));
  for (auto& v : strings(n["vocabulaires"])) f.vocabularies.push_back(v);
  if (n["longueur_max"]) f.max_length = n["longueur_max"].as<std::size_t>();
  if (n["min"]) f.min_items = n["min"].as<std::size_t>();
  if (n["max"]) f.max_items = n["max"].as<std::size_t>();
  if ((f.type == FieldType::Vocab || f.type == FieldType::VocabList) && f.vocabularies.empty())
    fail(file, n, "le champ « " + f.key + " » n'indique pas son vocabulaire");
  if (const YAML::Node na = n["sans_objet_si"]; na && na.IsMap()) {
    f.not_applicable_key = str(na, "cle");
    f.not_applicable_values = strings(na["valeurs"]);
  }
  if (const YAML::Node subs = n["sous_champs"]; subs && subs.IsSequence())
    for (const auto& s : subs) f.subfields.push_back(parse_field(file, s));
  return f;
}

DocumentFormat parse_format(const std::string& file, const YAML::Node& root) {
  DocumentFormat fmt;
  const YAML::Node fields = root["champs"];
  if (!fields || !fields.IsSequence()) fail(file, root, "liste « champs » absente");
  for (const auto& f : fields) fmt.fields.push_back(parse_field(file, f));
  const YAML::Node sections = root["sections"];
  if (!sections || !sections.IsSequence()) fail(file, root, "liste « sections » absente");
  int number = 0;
  for (const auto& s : sections) {
    SectionSpec sec;
    sec.number = s["numero"] ? s["numero"].as<int>() : number + 1;
    number = sec.number;
    sec.part = str(s, "partie");
    sec.title = text::nfc(str(s, "titre"));
    sec.title_key = text::title_key(sec.title);
    if (sec.title.empty()) fail(file, s, "section sans « titre »");
    sec.key = str(s, "cle", text::slugify(sec.title));
    sec.anchor = str(s, "ancre", text::slugify(sec.title));
    sec.prefix = str(s, "prefixe");
    sec.status = parse_status(file, s);
    sec.definition = str(s, "definition");
    sec.questions = strings(s["questions"]);
    fmt.sections.push_back(std::move(sec));
  }
  return fmt;
}

Vocabulary parse_vocabulary(const std::string& file, const YAML::Node& root) {
  Vocabulary v;
  v.id = str(root, "id", fs::path(file).stem().string());
  v.label = str(root, "libelle", v.id);
  v.ordered = root["ordonne"] && root["ordonne"].as<bool>();
  v.hierarchical = root["hierarchique"] && root["hierarchique"].as<bool>();
  const YAML::Node values = root["valeurs"];
  if (values && values.IsSequence()) {
    int order = 0;
    for (const auto& e : values) {
      VocabEntry entry;
      entry.slug = str(e, "slug");
      if (entry.slug.empty()) fail(file, e, "valeur sans « slug »");
      entry.label = str(e, "libelle", entry.slug);
      entry.parent = str(e, "parent");
      entry.definition = str(e, "definition");
      entry.synonyms = strings(e["synonymes"]);
      entry.published = e["publie"] && e["publie"].IsScalar() && e["publie"].as<bool>(false);
      for (auto& s : strings(e["synonymes_ajout"])) entry.synonyms.push_back(s);
      // "ordre: null" puts a value outside the scale (arretee, non-documente): order -1.
      if (!e["ordre"])
        entry.order = order;
      else
        entry.order = e["ordre"].IsScalar() ? e["ordre"].as<int>(order) : -1;
      if (const YAML::Node m = e["correspondances"]; m && m.IsSequence())
        for (const auto& c : m) {
          static const std::set<std::string> kinds{"exactMatch", "closeMatch", "broadMatch", "narrowMatch",
                                                   "relatedMatch"};
          const std::string kind = str(c, "type"), uri = str(c, "uri");
          if (!kinds.count(kind))
            fail(file, c,
                 "correspondance : « type » attend exactMatch, closeMatch, broadMatch, narrowMatch ou relatedMatch");
          if (!(uri.starts_with("http://") || uri.starts_with("https://")) ||
              uri.find_first_of(" <>\"{}|\\^`") != std::string::npos)
            fail(file, c, "correspondance : « uri » attend une adresse http(s) sans espace");
          entry.matches.emplace_back(kind, uri);
        }
      ++order;
      v.entries.push_back(std::move(entry));
    }
  }
  return v;
}

// A term of termes_etrangers.yaml: words of letters or digits, one space or hyphen between two of
// them (no apostrophe: the pages' typography turns it into ’).
bool well_formed_term(std::string_view term) {
  bool after_letter = false;
  for (std::size_t i = 0; i < term.size();) {
    WordClass cls;
    std::size_t length = 1;
    const bool letter = word_class(term, i, cls, length) && (cls == WordClass::Letter || cls == WordClass::Digit);
    if (!letter && ((term[i] != ' ' && term[i] != '-') || !after_letter)) return false;
    after_letter = letter;
    i += length;
  }
  return after_letter;
}

std::vector<ForeignTerm> parse_foreign_terms(const std::string& file, const YAML::Node& root) {
  const YAML::Node list = root.IsMap() ? root["termes"] : YAML::Node();
  if (!list || !list.IsSequence()) fail(file, root, "liste « termes » absente");
  static const Pattern tag("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");
  std::vector<ForeignTerm> out;
  std::map<std::string, int> seen;  // lower-case term → its line
  for (const auto& e : list) {
    if (!e.IsMap()) fail(file, e, "entrée attendue sous la forme « - terme: …\n    langue: … »");
    for (const auto& kv : e)
      if (const std::string key = kv.first.Scalar(); key != "terme" && key != "langue")
        fail(file, kv.first, "champ inconnu « " + key + " » (attendus : terme, langue)");
    const YAML::Node term = e["terme"], lang = e["langue"];
    if (!term || !term.IsScalar() || !well_formed_term(term.Scalar()))
      fail(file, term ? term : e,
           "« terme » : un ou plusieurs mots (lettres, chiffres), séparés d'une espace ou d'un trait d'union, "
           "est attendu");
    if (!lang || !lang.IsScalar() || !tag.matches(lang.Scalar()))
      fail(file, lang ? lang : e, "« langue » : code de langue BCP 47 attendu (ex. « en », « es », « de »)");
    if (lang.Scalar() == "fr" || lang.Scalar().starts_with("fr-"))
      fail(file, lang, "« langue » : « " + lang.Scalar() + " » est la langue des pages, le terme n'a pas à être balisé");
    const int line = term.Mark().line + 1;
    if (const auto [at, fresh] = seen.emplace(text::lower(term.Scalar()), line); !fresh)
      fail(file, term, "« terme » : « " + term.Scalar() + " » est déjà listé ligne " + std::to_string(at->second));
    out.push_back({term.Scalar(), lang.Scalar()});
  }
  return out;
}

// Read at every `pratiques index`, one-sheet publications included: 845 KB, parsed in place.
void load_territories(const std::string& file, Territories& t) {
  std::string bytes;
  read_file(file, bytes);  // unreadable: codes are reported as unverifiable
  std::string_view rest = bytes;
  std::array<std::string_view, 5> cols;  // the fourth ends at a tab, as the fifth begins
  while (!rest.empty()) {
    const std::size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    if (line.empty() || line[0] == '#') continue;
    std::size_t n = 0;
    for (std::size_t start = 0; n < cols.size();) {
      const std::size_t tab = line.find('\t', start);
      cols[n++] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    // The file lists codes in order: inserted at the end of each map without a search.
    const auto str = [](std::string_view v) { return std::string(v); };
    if (n >= 3 && cols[0] == "R")
      t.regions.insert_or_assign(t.regions.end(), str(cols[1]), str(cols[2]));
    else if (n >= 4 && cols[0] == "D")
      t.departements.insert_or_assign(t.departements.end(), str(cols[1]), Territories::Dep{str(cols[2]), str(cols[3])});
    else if (n >= 4 && cols[0] == "C")
      t.communes.insert_or_assign(t.communes.end(), str(cols[1]), std::pair{str(cols[2]), str(cols[3])});
  }
  t.loaded = !t.departements.empty();
}

// schemas/anciennes_regions.tsv: a name, a tab, département codes separated by commas. Optional (a
// schemas directory without it names no former région); a code that territoires.tsv does not know
// stops the load with its file and line.
void load_former_regions(const std::string& file, Territories& t) {
  if (!fs::exists(file)) return;
  std::string bytes;
  read_file(file, bytes);
  std::istringstream lines(bytes);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      throw GridError(file + ":" + std::to_string(number) + ": « nom<tabulation>départements » attendu");
    std::vector<std::string> codes;
    std::istringstream list(line.substr(tab + 1));
    for (std::string code; std::getline(list, code, ',');) {
      if (t.loaded && !t.departements.count(code))
        throw GridError(file + ":" + std::to_string(number) + ": département inconnu « " + code + " »");
      codes.push_back(code);
    }
    t.former_regions[line.substr(0, tab)] = std::move(codes);
  }
}

std::string strip_parentheses(const std::string& s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(')
      ++depth;
    else if (c == ')')
      depth = std::max(0, depth - 1);
    else if (depth == 0)
      out += c;
  }
  return text::trim(out);
}

// The files' names within `dir` and their bytes: the same schemas elsewhere (another checkout,
// a relative or an absolute path) give the same fingerprint, and so keep the index usable in place.
std::string file_digest(const std::string& dir, const std::vector<std::string>& files) {
  Poco::SHA2Engine sha;
  for (const auto& f : files) {
    std::string data;
    read_file(f, data);  // unreadable: hashed as empty (its parse reports it)
    sha.update(std::filesystem::path(f).lexically_relative(dir).generic_string());
    sha.update(data);
  }
  return Poco::DigestEngine::digestToHex(sha.digest());
}

}  // namespace

std::optional<int> duration_minutes(std::string_view text) {
  static const Pattern form("([0-9]{1,3}) h(?: ([0-5][0-9]))?|([0-9]{1,4}) min");
  const std::optional<PatternMatch> m = form.match(text);
  if (!m) return std::nullopt;
  if (m->matched(3)) return std::stoi((*m)[3]);
  return std::stoi((*m)[1]) * 60 + (m->matched(2) ? std::stoi((*m)[2]) : 0);
}

const FieldSpec* FieldSpec::sub(std::string_view k) const {
  for (const auto& s : subfields)
    if (s.key == k) return &s;
  return nullptr;
}

const FieldSpec* DocumentFormat::field(std::string_view k) const {
  for (const auto& f : fields)
    if (f.key == k) return &f;
  return nullptr;
}

const SectionSpec* DocumentFormat::section_by_title(std::string_view title) const {
  const std::string key = text::title_key(title);
  for (const auto& s : sections)
    if (s.title_key == key) return &s;
  return nullptr;
}

const SectionSpec* DocumentFormat::section_by_ref(std::string_view ref) const {
  for (const auto& s : sections)
    if (s.key == ref || s.anchor == ref) return &s;
  return nullptr;
}

const VocabEntry* Vocabulary::find(std::string_view slug) const {
  for (const auto& e : entries)
    if (e.slug == slug) return &e;
  return nullptr;
}

std::vector<std::string> Vocabulary::lineage(std::string_view slug) const {
  std::vector<std::string> out;
  const VocabEntry* e = find(slug);
  while (e && out.size() < 16) {
    out.push_back(e->slug);
    e = e->parent.empty() ? nullptr : find(e->parent);
  }
  return out;
}

std::vector<std::string> Vocabulary::slugs() const {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.slug);
  return out;
}

const Vocabulary* Grid::vocabulary(std::string_view id) const {
  auto it = vocabularies.find(id);
  return it == vocabularies.end() ? nullptr : &it->second;
}

std::string Grid::label(std::string_view vocab, std::string_view value) const {
  if (vocab == "departements") {
    auto it = territories.departements.find(std::string(value));
    return it == territories.departements.end() ? std::string(value) : it->second.name;
  }
  if (vocab == "regions") {
    auto it = territories.regions.find(std::string(value));
    return it == territories.regions.end() ? std::string(value) : it->second;
  }
  if (const Vocabulary* v = vocabulary(vocab))
    if (const VocabEntry* e = v->find(value)) return e->label;
  return std::string(value);
}

namespace {

// The groups as the schemas list them, before restrictions. An entry copied from an included
// vocabulary is the group of that vocabulary already.
std::vector<SynonymGroup> listed_groups(const Grid& grid) {
  std::vector<SynonymGroup> out;
  for (const auto& [id, vocab] : grid.vocabularies) {
    for (const auto& e : vocab.entries) {
      if (!e.included_from.empty()) continue;
      SynonymGroup g;
      g.name = id + ":" + e.slug;
      g.terms.push_back(strip_parentheses(e.label));
      for (const auto& s : e.synonyms) g.terms.push_back(strip_parentheses(s));
      if (g.terms.size() > 1) out.push_back(std::move(g));
    }
  }
  for (const auto& r : grid.rings) out.push_back(r);
  // Every acronym, expanded or not: the index stores an acronym in capitals as written only
  // (index_tokens), so a query must know it for one (« PREFAS » was sought by the stem « pref »).
  for (const auto& s : grid.sigles) {
    SynonymGroup g;
    g.name = "sigle:" + s.sigle;
    g.terms.push_back(s.sigle);
    for (const auto& v : s.variants) g.terms.push_back(v);
    if (!s.expansion.empty()) g.terms.push_back(strip_parentheses(s.expansion));
    for (const auto& f : s.forms) g.terms.push_back(strip_parentheses(f));
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace

std::vector<std::string> Grid::equivalent_synonyms(std::string_view vocabulary, const VocabEntry& entry) const {
  const std::string group =
      (entry.included_from.empty() ? std::string(vocabulary) : entry.included_from) + ":" + entry.slug;
  const auto r = restrictions.find(group);
  std::vector<std::string> out;
  for (const auto& s : entry.synonyms)
    if (r == restrictions.end() ||
        (!r->second.narrower.count(strip_parentheses(s)) && !r->second.excluded.count(strip_parentheses(s))))
      out.push_back(s);
  return out;
}

std::vector<SynonymGroup> Grid::synonym_groups() const {
  std::vector<SynonymGroup> out = listed_groups(*this);
  for (auto& g : out) {
    auto r = restrictions.find(g.name);
    if (r == restrictions.end()) continue;
    std::vector<std::string> kept;
    for (auto& t : g.terms) {
      if (r->second.excluded.count(t)) continue;
      (r->second.narrower.count(t) ? g.narrower : kept).push_back(std::move(t));
    }
    g.terms = std::move(kept);
  }
  // A group of one term expands nothing, but an acronym's tells a query that the word is one
  // (listed_groups).
  std::erase_if(out, [](const SynonymGroup& g) {
    return (g.terms.size() + g.narrower.size() < 2 && !g.name.starts_with("sigle:")) || g.terms.empty();
  });
  return out;
}

namespace {

// A schema file parsed ahead on another thread: its document, or the error to raise when it is read.
struct Parsed {
  YAML::Node node;
  std::exception_ptr error;
  YAML::Node take() const {
    if (error) std::rethrow_exception(error);
    return node;
  }
};

std::vector<Parsed> parse_all(const std::vector<std::string>& files) {
  std::vector<Parsed> out(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) try {
      out[i].node = load_yaml(files[i]);
    } catch (...) {
      out[i].error = std::current_exception();
    }
  return out;
}

}  // namespace

// `current` names the file being read, for the errors yaml-cpp raises while converting values.
// Parsing the YAML is most of the loading time, which every `pratiques index` pays, one-sheet
// publications included: the vocabularies and the territories are read on threads of their own
// while this one parses the grid and the synonyms. The files are then read in one fixed order, so
// the first error reported does not depend on the threads.
static Grid read_grid(const std::string& dir, std::string& current) {
  Grid grid;
  const std::string grille = dir + "/grille.yaml", parcours = dir + "/parcours.yaml",
                    synonymes = dir + "/synonymes.yaml", recherche = dir + "/recherche.yaml",
                    foreign = dir + "/termes_etrangers.yaml", territoires = dir + "/territoires.tsv",
                    former_regions = dir + "/anciennes_regions.tsv";
  std::vector<std::string> vocab_files;
  if (fs::is_directory(dir + "/vocabulaires"))
    for (const auto& e : fs::directory_iterator(dir + "/vocabulaires"))
      if (e.path().extension() == ".yaml") vocab_files.push_back(e.path().string());
  std::sort(vocab_files.begin(), vocab_files.end());
  std::vector<std::string> files{grille, parcours};
  files.insert(files.end(), vocab_files.begin(), vocab_files.end());
  files.insert(files.end(), {synonymes, recherche, foreign, territoires, former_regions});

  std::vector<std::string> ahead{parcours, recherche};
  ahead.insert(ahead.end(), vocab_files.begin(), vocab_files.end());
  auto parsed_ahead = std::async(std::launch::async, parse_all, ahead);
  auto territories = std::async(std::launch::async, [&] {
    load_territories(territoires, grid.territories);
    load_former_regions(former_regions, grid.territories);
    return file_digest(dir, files);
  });
  const std::vector<Parsed> mine = parse_all({grille, synonymes, foreign});
  const std::vector<Parsed> others = parsed_ahead.get();
  grid.fingerprint = territories.get();

  current = grille;
  YAML::Node root = mine[0].take();
  grid.version = str(root, "version");
  grid.title = str(root, "titre");
  for (const auto& p : root["parties"]) grid.parts.push_back({str(p, "code"), str(p, "titre")});
  for (const auto& r : root["regles"]) grid.rules.push_back({str(r, "id"), str(r, "texte")});
  grid.sheet = parse_format(grille, root);

  current = parcours;
  grid.course = parse_format(parcours, others[0].take());

  if (vocab_files.empty()) throw GridError(dir + "/vocabulaires:1: aucun vocabulaire trouvé");
  std::vector<YAML::Node> vocab_roots;
  for (std::size_t i = 0; i < vocab_files.size(); ++i) {
    current = vocab_files[i];
    vocab_roots.push_back(others[2 + i].take());
    Vocabulary v = parse_vocabulary(vocab_files[i], vocab_roots.back());
    grid.vocabularies[v.id] = std::move(v);
  }
  // A vocabulary that "includes" another (types_financeurs ⊃ types_porteurs).
  for (std::size_t i = 0; i < vocab_files.size(); ++i) {
    const std::string& f = vocab_files[i];
    current = f;
    YAML::Node r = vocab_roots[i];
    if (r["inclut"]) {
      const std::string id = str(r, "id", fs::path(f).stem().string());
      for (const auto& inc :
           r["inclut"].IsSequence() ? strings(r["inclut"]) : std::vector<std::string>{str(r, "inclut")}) {
        const Vocabulary* base = grid.vocabulary(inc);
        if (!base) fail(f, r["inclut"], "vocabulaire inclus inconnu « " + inc + " »");
        auto& target = grid.vocabularies[id].entries;
        std::vector<VocabEntry> copied = base->entries;
        for (auto& e : copied) e.included_from = inc;
        target.insert(target.begin(), copied.begin(), copied.end());
      }
    }
  }

  current = synonymes;
  YAML::Node syn = mine[1].take();
  for (const char* key : {"anneaux", "anneaux_recherche"})
    for (const auto& r : syn[key]) grid.rings.push_back({"anneau:" + str(r, "nom"), strings(r["termes"]), {}});
  for (const auto& a : syn["abreviations"]) {
    const std::string sought = str(a, "cherche");
    const auto typed = strings(a["saisies"]);
    if (sought.empty()) fail(synonymes, a, "abréviation sans « cherche »");
    if (typed.empty()) fail(synonymes, a, "abréviation sans « saisies »");
    for (const auto& t : typed) grid.abbreviations.emplace_back(t, sought);
  }
  for (const auto& s : syn["sigles"]) {
    Sigle sg;
    sg.sigle = str(s, "sigle");
    sg.variants = strings(s["variantes"]);
    sg.expansion = str(s, "developpe");
    sg.forms = strings(s["formes"]);
    if (!sg.sigle.empty()) grid.sigles.push_back(std::move(sg));
  }
  {
    // Restrictions name a group and some of its members; homonymies (§18) exclude a term from a
    // vocabulary value ("TSC" is not travail social communautaire).
    std::map<std::string, std::set<std::string>> members;
    for (const auto& g : listed_groups(grid)) members[g.name].insert(g.terms.begin(), g.terms.end());
    // An unknown group is reported at its own line, a term outside it at the term's.
    auto check = [&](const YAML::Node& node, const YAML::Node& group_node, const std::string& group,
                     const std::string& term) {
      auto m = members.find(group);
      if (m == members.end()) fail(synonymes, group_node, "groupe de synonymes inconnu « " + group + " »");
      if (!m->second.count(term))
        fail(synonymes, node, "« " + term + " » n'est pas un terme du groupe « " + group + " »");
    };
    for (const auto& r : syn["restrictions"]) {
      const std::string group = str(r, "groupe");
      if (group.empty()) fail(synonymes, r, "restriction sans « groupe »");
      GroupRestriction& gr = grid.restrictions[group];
      for (const auto& [key, set] : {std::pair{"specifiques", &gr.narrower}, {"exclus", &gr.excluded}})
        for (const auto& t : r[key]) {
          check(t, r["groupe"], group, t.as<std::string>());
          set->insert(t.as<std::string>());
        }
    }
    for (const auto& h : syn["homonymies"])
      for (const auto& x : h["vocab_exclus"]) {
        const std::string group = str(x, "vocabulaire") + ":" + str(x, "slug"), term = str(x, "terme");
        if (members.count(group) && members[group].count(term)) grid.restrictions[group].excluded.insert(term);
      }
  }

  current = recherche;
  YAML::Node rc = others[1].take();
  if (YAML::Node w = rc["poids"]) {
    grid.search.weight_title = w["titre"].as<int>(grid.search.weight_title);
    grid.search.weight_summary = w["en_bref"].as<int>(grid.search.weight_summary);
    grid.search.weight_vocabulary = w["vocabulaire"].as<int>(grid.search.weight_vocabulary);
    grid.search.weight_keywords = w["mots_cles"].as<int>(grid.search.weight_keywords);
    grid.search.weight_body = w["corps"].as<int>(grid.search.weight_body);
  }
  for (const auto& p : rc["prefixes"]) {
    grid.search.prefixes.emplace_back(str(p, "nom"), str(p, "champ"));
    for (const auto& alias : p["aussi"])
      grid.search.prefix_aliases.emplace_back(alias.as<std::string>(), str(p, "nom"));
  }
  for (const auto& f : rc["facettes"])
    grid.search.facets.push_back({str(f, "cle"), str(f, "libelle"), str(f, "champ"), str(f, "vocabulaire")});
  for (const auto& w : rc["mots_vides"]) grid.search.stopwords.push_back(w.as<std::string>());

  current = foreign;
  grid.foreign_terms = parse_foreign_terms(foreign, mine[2].take());

  return grid;
}

Grid load_grid(const std::string& dir) {
  std::string current = dir;
  try {
    return read_grid(dir, current);
  } catch (const YAML::Exception& e) {  // a value of the wrong type ("longueur_max: beaucoup"), a bad subscript…
    throw GridError(current + ":" + std::to_string(e.mark.is_null() ? 1 : e.mark.line + 1) +
                    ": valeur invalide : " + e.msg);
  }
}

}  // namespace pratiques
