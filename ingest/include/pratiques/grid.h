// The capture grid, the course format, the vocabularies and the search configuration,
// loaded from schemas/ at run time: a documentation service edits data, not code.
#pragma once
#include <map>
#include <set>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pratiques/facets.h"
#include "pratiques/foreign_terms.h"
#include "pratiques/synonyms.h"

namespace pratiques {

struct GridError : std::runtime_error {
  using std::runtime_error::runtime_error;  // message is "file:line: ..."
};

enum class Status { Mandatory, Recommended, Optional };

enum class FieldType {
  Identifier,
  IdentifierList,
  Text,
  TextList,
  Date,
  Boolean,
  Integer,
  Vocab,
  VocabList,
  Object,
  ObjectList,
  DepartementCode,
  RegionCode,
  Communes,
  SheetRef,
  SectionRef,
  Duration  // "3 h", "1 h 30", "45 min" (course sessions and steps)
};

// Minutes of a duration written "3 h", "1 h 30" or "45 min"; nullopt when malformed.
std::optional<int> duration_minutes(std::string_view text);

struct FieldSpec {
  std::string key;
  std::string label;
  FieldType type = FieldType::Text;
  Status status = Status::Optional;
  std::vector<std::string> vocabularies;  // Vocab / VocabList: allowed lists
  std::optional<std::size_t> max_length;  // Text
  std::optional<std::size_t> min_items, max_items;
  std::string definition;
  std::vector<FieldSpec> subfields;  // Object / ObjectList
  // The field does not apply when a sibling field has one of these values (no warning), or, when
  // no value is listed, when the sibling is filled (periode.debut when periode.attestee is given).
  std::string not_applicable_key;
  std::vector<std::string> not_applicable_values;
  const FieldSpec* sub(std::string_view key) const;
};

struct SectionSpec {
  int number = 0;
  std::string part;       // "A", "B", "C" ("" for courses)
  std::string title;      // exact H2 title
  std::string title_key;  // text::title_key(title), for matching headings
  std::string key;        // genese_contexte
  std::string anchor;     // genese-et-contexte
  std::string prefix;     // search prefix, e.g. "freins"
  Status status = Status::Optional;
  std::string definition;
  std::vector<std::string> questions;
};

struct Part {
  std::string code, title;
};

// A document format: the fields of the front matter and the H2 sections of the body.
struct DocumentFormat {
  std::vector<FieldSpec> fields;
  std::vector<SectionSpec> sections;
  const FieldSpec* field(std::string_view key) const;
  // Finds a section by its title (Unicode-normalised comparison), key or anchor.
  const SectionSpec* section_by_title(std::string_view title) const;
  const SectionSpec* section_by_ref(std::string_view key_or_anchor) const;
};

struct VocabEntry {
  std::string slug, label, parent, definition;
  std::vector<std::string> synonyms;
  int order = 0;              // position on an ordered scale; -1 outside it ("ordre: null")
  std::string included_from;  // the vocabulary this entry is copied from (`inclut`), or ""
  // Optional `correspondances`: the same or a close concept elsewhere (SKOS mapping property
  // "exactMatch", "closeMatch"…, and the concept's URI, e.g. in ELSST).
  std::vector<std::pair<std::string, std::string>> matches;
  // `publie: true` (statuts_curation): a status under which a sheet is published (publiee,
  // a-documenter); a publication keeps such a status when the text carries it.
  bool published = false;
};

struct Vocabulary {
  std::string id, label;
  bool ordered = false, hierarchical = false;
  std::vector<VocabEntry> entries;
  const VocabEntry* find(std::string_view slug) const;
  // The slug and all its ancestors (hierarchical vocabularies), nearest first.
  std::vector<std::string> lineage(std::string_view slug) const;
  std::vector<std::string> slugs() const;
};

struct Territories {
  struct Dep {
    std::string name, region;
  };
  std::map<std::string, std::string> regions;                           // code → name
  std::map<std::string, Dep> departements;                              // code → name, region
  std::map<std::string, std::pair<std::string, std::string>> communes;  // INSEE → name, dep
  // The régions before 2016 that the sheets still name ("Nord-Pas-de-Calais") → their
  // départements (schemas/anciennes_regions.tsv).
  std::map<std::string, std::vector<std::string>> former_regions;
  bool loaded = false;
};

struct Sigle {
  std::string sigle;
  std::vector<std::string> variants;
  std::string expansion;
  std::vector<std::string> forms;  // other written forms of the expansion (`formes`): feminine, short
};

// What schemas/synonymes.yaml (`restrictions`) says of the members of a group that are not
// equivalents: more specific terms, and terms left out of the group (too broad, another sense).
struct GroupRestriction {
  std::set<std::string> narrower, excluded;
};

struct SearchConfig {
  int weight_title = 6, weight_summary = 3, weight_vocabulary = 2, weight_keywords = 2, weight_body = 1;
  std::vector<std::pair<std::string, std::string>> prefixes;  // query prefix → field path
  std::vector<std::pair<std::string, std::string>> prefix_aliases;  // another name (`aussi`) → query prefix
  std::vector<FacetSpec> facets;
  std::vector<std::string> stopwords;  // searched, never highlighted in extracts
};

struct Rule {
  std::string id, text;
};

struct Grid {
  std::string version;
  std::string title;
  std::vector<Part> parts;
  std::vector<Rule> rules;
  DocumentFormat sheet;
  DocumentFormat course;
  std::map<std::string, Vocabulary, std::less<>> vocabularies;
  std::vector<Sigle> sigles;
  std::vector<SynonymGroup> rings;  // the reference's (§17), then Pratiques' own (anneaux_recherche)
  std::map<std::string, GroupRestriction> restrictions;  // group name → restriction
  // Abbreviations that users type and sheets do not write (synonymes.yaml « abreviations »): what is
  // typed → what a query seeks instead ("asso" → "association").
  std::vector<std::pair<std::string, std::string>> abbreviations;
  SearchConfig search;
  std::vector<ForeignTerm> foreign_terms;  // termes_etrangers.yaml: marked with their language on pages
  Territories territories;
  std::string fingerprint;  // hash of every schema file: a change forces a full re-index

  const Vocabulary* vocabulary(std::string_view id) const;
  // Label of a controlled value for display; departements and regions come from territories.
  std::string label(std::string_view vocabulary, std::string_view value) const;
  // Every synonym group the search engine knows (vocabulary entries, rings, acronyms).
  std::vector<SynonymGroup> synonym_groups() const;
  // The synonyms that name a value as a whole (neither narrower nor excluded, see `restrictions`):
  // what a sheet tagged with the value is indexed with, beside its label. A sheet whose partner is
  // an établissement médico-social does not say "EHPAD".
  std::vector<std::string> equivalent_synonyms(std::string_view vocabulary, const VocabEntry& entry) const;
};

// Loads schemas/ (grille.yaml, parcours.yaml, vocabulaires/*.yaml, synonymes.yaml,
// recherche.yaml, termes_etrangers.yaml, territoires.tsv). Throws GridError naming the file and line.
Grid load_grid(const std::string& dir);

}  // namespace pratiques
