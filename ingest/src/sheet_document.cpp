#include "pratiques/sheet_document.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <unicode/coll.h>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

#include "pratiques/index_layout.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
    else if (c == '-' || c == '_')
      c = 'X';
  return s;
}

// Text kept for extracts: bounded, cut on a UTF-8 boundary.
std::string bounded(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

std::string date_key(const std::string& iso) {
  // "2008" → "2008-00-00": years sort before their months, months before their days.
  std::string k = iso.substr(0, 10);
  if (k.size() == 4)
    k += "-00-00";
  else if (k.size() == 7)
    k += "-00";
  return k.size() == 10 ? k : "0000-00-00";
}

// A vocabulary label without its glosses: a parenthesis after a space that starts in lower case
// explains the value to a reader and says nothing of the sheet. « Professionnels, bénévoles et
// élus (publics de co-formation) »: the 18 sheets of that public came up for `co-formation` and
// `croisement des savoirs`, their extract that label. Kept: « (DEASS) », « (FEDER, fonds
// structurels) », and the parentheses inside a word (« Éducateur(trice) »).
std::string without_glosses(const std::string& label) {
  std::string out;
  std::size_t i = 0;
  while (i < label.size()) {
    const std::size_t open = label.find(" (", i);
    if (open == std::string::npos) break;
    const std::size_t close = label.find(')', open);
    const std::string gloss = label.substr(open + 2, close == std::string::npos ? std::string::npos : close - open - 2);
    out += label.substr(i, open - i);
    if (gloss.empty() || text::lower(gloss.substr(0, gloss.find(' '))) != gloss.substr(0, gloss.find(' ')))
      out += label.substr(open, close == std::string::npos ? std::string::npos : close + 1 - open);
    i = close == std::string::npos ? label.size() : close + 1;
  }
  return out + (i < label.size() ? label.substr(i) : "");
}

// The vocabularies of the training links (liens_formation), which say whom a sheet helps to train,
// not what it is about: they are sought by their codes only ("DEEJE", "DC2", "DF2"). The words of
// their labels found other sheets: `jeunes` listed the 20 sheets linked to the « DE d'éducateur
// de jeunes enfants (DEEJE) » that never speak of young people, `"travail social communautaire"`
// the 8 linked to a competence domain whose label lists it among a course's contents.
const std::set<std::string> kTrainingVocabularies = {"diplomes", "domaines_competences"};

}  // namespace

struct SheetDocumentBuilder::Collation {
  std::unique_ptr<icu::Collator> collator;
};

bool spelling_word(const std::string& term) {
  if (term.size() < 3 || term.size() > 40) return false;
  if (!(term[0] >= 'a' && term[0] <= 'z')) return false;
  return term.find_first_of("0123456789 ") == std::string::npos;
}

std::string field_prefix(const std::string& name) { return name == "titre" ? "S" : "X" + upper_ascii(name); }
std::string section_prefix(const std::string& name) { return std::string(kSectionPrefix) + upper_ascii(name); }

std::string scalar_or_empty(const YAML::Node& node) {
  return node.IsDefined() && node.IsScalar() ? node.Scalar() : std::string();
}

SheetDocumentBuilder::SheetDocumentBuilder(const Grid& grid, const FacetSpace& facets, const SynonymMatcher& synonyms,
                                           const Analyzer& analyzer)
    : grid_(grid), facets_(facets), synonyms_(synonyms), analyzer_(analyzer), collation_(new Collation) {
  for (const auto& s : grid.sigles) {
    acronyms_.insert(analyzer.fold_query_word(s.sigle));
    for (const auto& v : s.variants) acronyms_.insert(analyzer.fold_query_word(v));
  }
  const auto add_place = [&](const std::string& name) {
    std::vector<Token> words = analyzer.tokenize(name);
    std::erase_if(words, [](const Token& t) { return t.joined; });
    if (words.size() == 1) places_.insert(words[0].term);
  };
  for (const auto& [code, dep] : grid.territories.departements) add_place(dep.name);
  for (const auto& [code, name] : grid.territories.regions) add_place(name);
  for (const auto& [name, departements] : grid.territories.former_regions) add_place(name);
  UErrorCode status = U_ZERO_ERROR;
  collation_->collator.reset(icu::Collator::createInstance(icu::Locale::getFrench(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU : collation française indisponible");
  // Spaces and punctuation are ignored but at the last level: « Crédiscussion » sorts under C, as
  // in a library catalogue, not before every letter.
  collation_->collator->setAttribute(UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU : collation française indisponible");
}

SheetDocumentBuilder::~SheetDocumentBuilder() { delete collation_; }

// Text of a field for search: vocabulary values give their label and synonyms, codes of
// territories give their names, objects give all their leaves.
std::string SheetDocumentBuilder::field_text(const YAML::Node& front, const std::string& path, bool ancestors) const {
  const FieldSpec* spec = nullptr;
  const std::vector<FieldSpec>* specs = &grid_.sheet.fields;
  YAML::Node node;
  node.reset(front);  // reset() rebinds; operator= would write into the front matter
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    spec = nullptr;
    for (const auto& f : *specs)
      if (f.key == key) spec = &f;
    if (!spec || !node.IsMap()) return "";
    node.reset(child(node, key));
    if (dot == std::string::npos) break;
    specs = &spec->subfields;
    start = dot + 1;
  }
  std::string out;
  // The words of a label written in capitals, as the analyser tells them: its codes and acronyms.
  const auto codes_of = [&](const std::string& label) {
    std::string codes;
    for (const Token& t : analyzer_.tokenize(label))
      if (t.upper && !t.joined && t.end - t.begin >= 2) codes += label.substr(t.begin, t.end - t.begin) + " ";
    return codes;
  };
  std::function<void(const FieldSpec&, const YAML::Node&)> walk = [&](const FieldSpec& s, const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull()) return;
    if (s.type == FieldType::Communes) {  // their names, and the départements and régions they add
      if (n.IsSequence())
        for (const auto& commune : n)
          out += (commune.IsMap() ? scalar_or_empty(child(commune, "nom")) : scalar_or_empty(commune)) + ". ";
      out += commune_territory_text(front, true, true);
      return;
    }
    if (n.IsSequence()) {
      for (const auto& x : n) walk(s, x);
      return;
    }
    if (n.IsMap()) {
      for (const auto& sub : s.subfields) walk(sub, n[sub.key]);
      return;
    }
    const std::string v = n.Scalar();
    switch (s.type) {
      case FieldType::Vocab:
      case FieldType::VocabList:
        if (v == "non-documente") break;  // a gap in the sources, not a word of the sheet (as undocumented sections)
        for (const auto& name : s.vocabularies)
          if (const Vocabulary* vocab = grid_.vocabulary(name))
            if (vocab->find(v)) {
              std::vector<std::string> slugs = vocab->lineage(v);  // the value, then its ancestors
              if (ancestors)
                slugs.erase(slugs.begin());
              else
                slugs.resize(1);
              for (const auto& slug : slugs) {
                const VocabEntry* e = vocab->find(slug);
                if (!e) continue;
                out += (kTrainingVocabularies.count(name) ? codes_of(e->label) : without_glosses(e->label)) + ". ";
                for (const auto& syn : grid_.equivalent_synonyms(name, *e))
                  out += (kTrainingVocabularies.count(name) ? codes_of(syn) : syn) + ". ";
              }
              break;
            }
        break;
      case FieldType::DepartementCode: out += v + " " + grid_.label("departements", v) + ". "; break;
      // A région by its name only: its INSEE code is no one's word for it, and "93" found the
      // sheets of Provence-Alpes-Côte d'Azur (code 93) besides those of Seine-Saint-Denis.
      case FieldType::RegionCode: out += grid_.label("regions", v) + ". "; break;
      case FieldType::Boolean:
      case FieldType::Date:
      case FieldType::Integer:
      case FieldType::SheetRef:
      case FieldType::Identifier:
      case FieldType::IdentifierList: break;
      default: out += v + ". ";
    }
  };
  if (spec) walk(*spec, node);
  return out;
}

std::string SheetDocumentBuilder::commune_territory_text(const YAML::Node& front, bool departements,
                                                         bool regions) const {
  const CommuneTerritories added = commune_territories(grid_.territories, front);
  std::string out;
  if (departements)
    for (const auto& code : added.departements) out += code + " " + grid_.label("departements", code) + ". ";
  if (regions)
    for (const auto& code : added.regions) out += grid_.label("regions", code) + ". ";
  return out;
}

std::string SheetDocumentBuilder::vocabulary_text(const YAML::Node& front) const {
  std::string out;
  for (const auto& f : grid_.sheet.fields) {
    if (f.type == FieldType::Vocab || f.type == FieldType::VocabList) {
      if (f.key == "licence" || f.key == "type_fiche") continue;
      out += field_text(front, f.key);
    }
  }
  out += field_text(front, "porteur");
  out += field_text(front, "territoire");
  out += field_text(front, "partenaires");
  out += field_text(front, "liens_formation");  // diplomas and competence domains: "DEASS" finds the sheet
  return out;
}

Xapian::Document SheetDocumentBuilder::build(const Document& sheet, WrittenForms* forms) const {
  const YAML::Node& fm = sheet.front;
  const SearchConfig& cfg = grid_.search;
  Xapian::Document doc;
  doc.add_boolean_term("Q" + sheet.id);

  const std::string titre = scalar_or_empty(child(fm, "titre"));
  const std::string en_bref = scalar_or_empty(child(fm, "en_bref"));
  std::string keywords;
  for (const auto& k : field_values(fm, "mots_cles")) keywords += k + ". ";
  const std::string vocab = vocabulary_text(fm);

  // Free text, weighted by field; phrases never cross fields (index_tokens leaves a gap). Its
  // words go to the spelling table.
  Xapian::termpos pos = 0;
  std::vector<std::string> spelling;
  auto free_text = [&](std::string_view text, const std::vector<Token>& tokens, Xapian::termcount weight,
                       WrittenForms* forms) {
    for (const Token& t : tokens)
      if (spelling_word(t.term)) spelling.push_back(t.term);
    pos = index_tokens(doc, text, tokens, weight, "", pos, forms, &acronyms_, &places_);
  };
  free_text(titre, analyzer_.tokenize_stemmed(titre), cfg.weight_title, forms);
  free_text(en_bref, analyzer_.tokenize_stemmed(en_bref), cfg.weight_summary, forms);
  free_text(vocab, analyzer_.tokenize_stemmed(vocab), cfg.weight_vocabulary, nullptr);
  // Each keyword apart: a phrase never spans two ("focus group, parole des travailleurs sociaux"
  // held « groupe de parole »).
  for (const auto& k : field_values(fm, "mots_cles"))
    free_text(k, analyzer_.tokenize_stemmed(k), cfg.weight_keywords, nullptr);
  // Each section of the grid in a band of positions of its own, which starts with its marker term
  // (XSECFREINS…): a word of a section is the body's term near that marker (QueryPlanner), and no
  // section needs a copy of its words. A section outside the grid follows in the next free band.
  static_assert(kMaxFileBytes / 2 < kSectionWindow, "a section's words fit in its half band");
  std::vector<std::vector<Token>> section_tokens;
  std::vector<bool> band_used(grid_.sheet.sections.size() + 1, false);
  Xapian::termpos next_band = static_cast<Xapian::termpos>(grid_.sheet.sections.size() + 1);
  for (const auto& sec : sheet.sections) {
    if (sec.undocumented) continue;
    const SectionSpec* spec = grid_.sheet.section_by_title(sec.title);
    const std::size_t index = spec ? static_cast<std::size_t>(spec - grid_.sheet.sections.data()) + 1 : 0;
    const bool marked = spec && !spec->prefix.empty() && !band_used[index];
    pos = (marked ? static_cast<Xapian::termpos>(index) : next_band++) * kSectionBand;
    if (marked) {
      band_used[index] = true;
      doc.add_posting(section_prefix(spec->prefix), pos, 0);
    }
    section_tokens.push_back(analyzer_.tokenize_stemmed(sec.text));
    free_text(sec.text, section_tokens.back(), cfg.weight_body, forms);
  }
  std::sort(spelling.begin(), spelling.end());
  spelling.erase(std::unique(spelling.begin(), spelling.end()), spelling.end());
  if (!spelling.empty()) doc.add_value(kSlotSpelling, spelling_value(spelling));
  // Field prefixes: titre:, porteur:, theme:, public:, departement:…
  for (const auto& [name, path] : cfg.prefixes) {
    std::string t = path == "titre" ? titre : field_text(fm, path);
    if (path == "territoire.departement" || path == "territoire.region")
      t += commune_territory_text(fm, path == "territoire.departement", path == "territoire.region");
    const Xapian::termpos next = index_text(doc, analyzer_, t, 1, field_prefix(name), 0, nullptr, &acronyms_);
    // The ancestors of a value of a hierarchical vocabulary: « mode:isic » finds the sheets of its
    // children (DSL, travail social communautaire…), as the filter does and as the vocabulary says
    // (it found 27 of the filter's 44). Matched, never weighed (wdf 0): the sheet's length and its
    // ranking stay those of its own values.
    if (path != "titre")
      index_text(doc, analyzer_, field_text(fm, path, true), 0, field_prefix(name), next, nullptr, &acronyms_);
  }

  // Synonym concepts: a sheet that says "mutualité sociale agricole" is found by "MSA".
  auto concepts = [&](std::vector<Token> tokens) {
    std::erase_if(tokens, [](const Token& t) { return t.joined; });
    return synonyms_.match(tokens);
  };
  auto add_concepts = [&](std::vector<Token> tokens, Xapian::termcount weight) {
    for (const auto& m : concepts(std::move(tokens))) doc.add_term(SynonymMatcher::group_term(m.group), weight);
  };
  add_concepts(analyzer_.tokenize_stemmed(titre), cfg.weight_title);
  add_concepts(analyzer_.tokenize_stemmed(en_bref), cfg.weight_summary);
  add_concepts(analyzer_.tokenize_stemmed(vocab + keywords), cfg.weight_vocabulary);
  for (auto& tokens : section_tokens) add_concepts(std::move(tokens), cfg.weight_body);

  // What the sheet is about (see kAboutPrefix).
  const std::string about = field_text(fm, "thematiques") + field_text(fm, "publics") +
                            field_text(fm, "modes_intervention") + field_text(fm, "porteur") + keywords;
  const std::vector<Token> about_tokens = analyzer_.tokenize_stemmed(about);
  index_tokens(doc, about, about_tokens, 1, kAboutPrefix, 0, nullptr, &acronyms_);
  for (const auto& m : concepts(about_tokens)) doc.add_term(kAboutConceptPrefix + std::to_string(m.group));
  for (const auto& status : field_values(fm, "curation.statut")) doc.add_boolean_term(kStatusPrefix + status);

  // Facets: filter terms and the compact value slot.
  std::vector<std::uint16_t> ids;
  for (const auto& [facet, value] : sheet_facet_values(facets_, fm, grid_.territories)) {
    doc.add_boolean_term(FacetSpace::filter_term(facet, value));
    if (auto id = facets_.id(facet, value)) ids.push_back(*id);
  }
  doc.add_value(kSlotFacets, FacetSpace::encode(ids));

  // Sort keys: date (start of the action, or else the year a source attests it, then curation
  // dates), French collation of the title. Without the attested year, the 49 sheets of content/
  // that give no start followed in no order of date (their curation dates are all alike).
  std::vector<std::string> when = field_values(fm, "periode.debut");
  if (when.empty()) when = field_values(fm, "periode.attestee");
  std::string date = date_key(when.empty() ? "" : when[0]);
  for (const char* path : {"curation.date_publication", "curation.date_derniere_revue"}) {
    auto v = field_values(fm, path);
    date += "|" + date_key(v.empty() ? "" : v[0]);
  }
  doc.add_value(kSlotDate, date);
  {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(titre);
    int32_t len = collation_->collator->getSortKey(u, nullptr, 0);
    std::string key(static_cast<std::size_t>(len), '\0');
    collation_->collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), len);
    if (!key.empty() && key.back() == '\0') key.pop_back();
    doc.add_value(kSlotTitle, key);
  }

  // Display data for result lists: no catalogue round trip at query time.
  Poco::JSON::Object data;
  data.set("id", sheet.id);
  data.set("titre", titre);
  data.set("en_bref", en_bref);
  Poco::JSON::Array themes;
  for (const auto& t : field_values(fm, "thematiques")) themes.add(t);
  data.set("thematiques", themes);
  Poco::JSON::Object territoire;
  territoire.set("nom", field_values(fm, "territoire.nom").empty() ? "" : field_values(fm, "territoire.nom")[0]);
  for (const char* k : {"departement", "region"}) {
    auto v = field_values(fm, std::string("territoire.") + k);
    territoire.set(k, v.empty() ? "" : v[0]);
  }
  data.set("territoire", territoire);
  auto porteur = field_values(fm, "porteur.nom");
  data.set("porteur", porteur.empty() ? "" : porteur[0]);
  std::ostringstream out;
  data.stringify(out);
  doc.set_data(out.str());
  return doc;
}

std::string extract_text(const Document& sheet) {
  std::string body;
  for (const auto& sec : sheet.sections) {
    if (sec.undocumented) continue;
    body += sec.text;
    body += '\n';
  }
  return bounded(std::move(body), kSnippetScannedBytes);  // extracts read no further
}

std::vector<std::string> SheetDocumentBuilder::spelling_words(const Xapian::Document& doc) {
  return spelling_value_words(doc.get_value(kSlotSpelling));
}

}  // namespace pratiques
