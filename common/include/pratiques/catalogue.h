// The catalogue of an index generation as its readers see it: every query of the site, the server
// and the search library, with typed rows, so that none of them writes SQL against it. Its schema
// is catalogue_schema() (catalog.cpp); the index writer (ingest/) fills it.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/catalog.h"

namespace pratiques::catalogue {

// The format of an index generation (its terms and positions, its catalogue), recorded in the
// catalogue's meta "index_format" by the index writer: a generation of another format is rebuilt
// in full, and the search library refuses to read one.
// 2: acronyms matched unstemmed; 3: body text after the JSON data; 4: body text in the catalogue;
// 5: acronyms written with a capital indexed without stem; 6: what a sheet is about (XSUJET, XSY),
// its curation status (XSTATUT), vocabulary synonyms without their narrower terms; 7: diplomas and
// competence domains (liens_formation) searchable; 8: every sheet has its near-duplicate
// fingerprint in the catalogue (a base without them would leave unchanged sheets unfingerprinted);
// 9: files keyed relative to the content directory, publications numbered (metadata and meta
// "publication"), catalogue in WAL mode; 10: positions on the stems (a phrase reads one list a word,
// not one per form), on the word only for an acronym in capitals; 11: a section's words by their
// stems only (index_terms); 12: every word by its stem only, acronyms as written too, the spelling
// words of a sheet in a value (kSlotSpelling); 13: no copy of a section's words, each section in
// a band of positions after its marker term (kSectionBand); 14: titles sorted past their
// punctuation (« Crédiscussion » under C), a narrow no-break space separating words, synonym
// terms matched with other short words between their words; 15: a folded word ending in "ée(s)"
// stemmed as its accented form is ("immigrees" with "immigres"), "aidant" apart from "aide"; 16:
// "éducateur(s)", "éducatrice(s)" and "élu(e)(s)" with stems of their own; 17: the singular of
// nouns in "-er" stemmed as their plural ("usager", "conseiller", "loyer"); 18: a plural's "s" after
// a vowel taken off before stemming ("emplois" with "emploi"), nouns in "-it" ("conflit"); 19: a
// feminine in "-ière" stemmed as its masculine ("infirmière" with "infirmier"); 20: the plurals
// Snowball reads as verb forms or keeps whole stemmed as their singular ("commissions", "milieux",
// "travaux", "essais"), a feminine in "-aise" as its masculine ("lyonnaise" with "lyonnais"), the
// "s" of "-ais" and "-ois" kept ("lillois" with "lilloise"), nouns in "-ir" ("loisir"); 21: a
// feminine in "-euse" or "-trice" stemmed as its masculine ("travailleuse" with "travailleur");
// 22: the nouns and adjectives in "-er", "-ir", "-it" of the French dictionary that are no verbs
// with stems of their own ("leader", "déficit", "loisir"), a feminine in "-ive" stemmed as its
// masculine ("active" with "actif"); 23: nouns in "-ment" whose verb Snowball stems otherwise
// with stems of their own ("département" apart from "départ", "document" with "documentation"),
// "notamment" apart from "note"; 24: vocabulary labels without their glosses in lower case
// (« (publics de co-formation) »), diplomas and competence domains by their codes only; 25: the
// date sort key of a sheet with no start is the year a source attests its action; 26: a sheet's
// communes give it their départements and régions (facets, words, prefixes), and their names;
// 27: an elided article typed with a space for its apostrophe left out ("pouvoir d agir"); 28:
// a place's name of one word written with a capital stored as written too ("Gard": index_tokens),
// and each keyword apart (no phrase across two); 29: "mère", "faciès" and "réflexif" have stems of
// their own (not "mer", "face", "réflexe"); 30: a synonym term of one hyphenated word is matched
// written as one word too ("coformation"); 31: an acronym without expansion is a synonym group of
// its own ("PREFAS", stored as written only, was sought by its stem); 32: an initialism written with
// dots is its letters ("C.C.A.S." is "CCAS"); 33: a field prefix holds the ancestors of a value of a
// hierarchical vocabulary ("mode:isic" finds the sheets of its children); 34: the catalogue holds
// the other names of the query prefixes (`aussi` of recherche.yaml: « thematique: » is « theme: »)
// and the région of each département (offered for a département that no sheet names); a place's
// name written after an elided article is the place (« l'Aube »); an ending glued in brackets
// (« social(e) ») is no word; a synonym term of one word after a prefix is matched with a hyphen
// too (« co-éducation »); 35: the catalogue holds the abbreviations that a query seeks as what they
// stand for (« asso »: « association »); 36: a verb's third person plural has the stem of its
// infinitive in "-er" (« animent »: « anim »)
inline constexpr char kIndexFormat[] = "36";

struct SheetRow {
  std::string id, title, summary;  // titre, en_bref
  std::optional<std::string> type, date_start, date_published, date_reviewed;
  std::string front_json;  // the front matter as JSON
  std::string preamble;    // the text before the first section (Markdown)
};

// A level-2 section of a sheet or of a course.
struct SectionRow {
  std::string owner;  // sheet or course id
  std::string key;
  int order = 0;
  std::string title, anchor, markdown;
  bool undocumented = false;  // « Non documenté à ce jour »
};

struct LinkRow {
  std::string from, to;
  std::optional<std::string> relation;
  std::string title;  // of the other end (links_from: `to`, links_to: `from`), "" when it is unknown
  int line = 0;       // of the link in the front matter of `from`
};

struct SheetValue {
  std::string sheet, facet, value;
};

struct ValueLabel {
  std::string value, label;  // the label is the value itself when the facet space does not know it
};

struct ValueCount {
  std::string facet, value, label;
  std::size_t sheets = 0;
};

struct VocabularyEntry {
  std::string vocab, slug, label, parent;
};

// A course or a text page.
struct DocumentRow {
  std::string id, title, front_json, body;
};

// One sheet.
std::optional<SheetRow> sheet(Catalog& cat, const std::string& id);
bool has_sheet(Catalog& cat, const std::string& id);
// The content file that holds a sheet (as the indexer scanned it), or "" when none does.
std::string sheet_file(Catalog& cat, const std::string& id);
// The current id of a sheet that was renamed (front matter anciens_ids), or "".
std::string renamed_to(Catalog& cat, const std::string& old_id);
// A sheet's values with their labels, by facet key, each facet's in vocabulary order (values the
// facet space does not know first, labelled by themselves). One query for every facet.
std::map<std::string, std::vector<ValueLabel>> sheet_values(Catalog& cat, const std::string& id);
std::vector<SectionRow> sheet_sections(Catalog& cat, const std::string& id);
// The sheets a sheet links to, in the order of its front matter, with their titles.
std::vector<LinkRow> links_from(Catalog& cat, const std::string& id);
// The sheets that link to a sheet, by id, with their titles (unknown ones left out).
std::vector<LinkRow> links_to(Catalog& cat, const std::string& id);

// Whole tables, for the static site and the server's start. Rows are handed over one at a time.
// `only`: the rows of these sheets alone (a publication's targeted rebuild); null: every sheet.
using SheetIds = const std::vector<std::string>*;
std::size_t sheet_count(Catalog& cat);
void each_sheet(Catalog& cat, const std::function<void(SheetRow&)>& row, SheetIds only = nullptr);  // by id
void each_section(Catalog& cat, const std::function<void(SectionRow&)>& row,
                  SheetIds only = nullptr);  // by sheet, order
void each_link(Catalog& cat, const std::function<void(LinkRow&)>& row,
               SheetIds only = nullptr);  // by sheet, line; no titles
void each_sheet_value(Catalog& cat, const std::function<void(SheetValue&)>& row, SheetIds only = nullptr);  // by sheet
// Former ids and the sheet each now names, by former id.
std::vector<std::pair<std::string, std::string>> old_ids(Catalog& cat, SheetIds only = nullptr);
std::vector<VocabularyEntry> vocabularies(Catalog& cat);  // by vocabulary, in its order
// The SKOS side of the vocabularies: each scheme (by id), and its concepts in vocabulary order with
// their definition, synonyms (alt_labels: one per line) and correspondences ("closeMatch URI" lines).
struct VocabularyScheme {
  std::string vocab, label;
};
struct VocabularyConcept {
  std::string slug, label, parent, definition, alt_labels, matches;
};
std::vector<VocabularyScheme> vocabulary_schemes(Catalog& cat);
std::vector<VocabularyConcept> vocabulary_concepts(Catalog& cat, const std::string& vocab);
// The parent of a vocabulary entry (a département's région), "" when it has none or is unknown.
std::string vocabulary_parent(Catalog& cat, const std::string& vocab, const std::string& slug);
// The ids of the sheets that carry a facet value.
std::vector<std::string> sheets_with_value(Catalog& cat, const std::string& facet, const std::string& value);
std::vector<DocumentRow> courses(Catalog& cat);                                       // by id
void each_course_section(Catalog& cat, const std::function<void(SectionRow&)>& row);  // by course, order
std::vector<DocumentRow> pages(Catalog& cat);                                         // by id

// The published sheets whose next review (curation.prochaine_revue) is on or before `horizon`
// (YYYY-MM-DD), earliest first: the curators' re-review list.
struct ReviewDue {
  std::string id, title, date;
};
std::vector<ReviewDue> reviews_due(Catalog& cat, const std::string& horizon);
// The next review of each of these sheets, by id (a sheet without one, or not published, left out).
std::map<std::string, std::string> next_reviews(Catalog& cat, const std::vector<std::string>& ids);

// The values at least one sheet carries, with their number of sheets (all facets, any order).
std::vector<ValueCount> value_counts(Catalog& cat);
// The `limit` values of `facet` that most sheets carry, most first (then by label).
std::vector<ValueCount> top_values(Catalog& cat, const std::string& facet, int limit);
// Each sheet's id and title, with the label of its first value of `facet` ("" when none).
struct TitledSheet {
  std::string id, title, value_label;
};
std::vector<TitledSheet> sheet_titles(Catalog& cat, const std::string& facet);
// Each sheet's id and title, by id (nothing else read: the site map of a targeted rebuild).
void each_sheet_title(Catalog& cat, const std::function<void(const std::string& id, const std::string& title)>& row);
// Every source of every sheet, from its front matter (`sources[]`): passage, titre, date ("" when
// absent). The site turns internal references ("003:4254-4264") into document titles with them.
struct SourceRow {
  std::string passage, title, date;
};
std::vector<SourceRow> sheet_sources(Catalog& cat);
// The terms of the synonym groups, in the order of schemas/synonymes.yaml. A group's name is
// "vocabulaire:valeur" for a vocabulary value's synonyms, "anneau:Nom" for a ring, "sigle:XYZ".
struct SynonymTerm {
  long long group = 0;
  std::string group_name, term;
  bool operator==(const SynonymTerm&) const = default;
};
std::vector<SynonymTerm> synonym_terms(Catalog& cat);

// sheet_values() with its statement prepared once: for each result of a search.
class SheetValues {
 public:
  explicit SheetValues(Catalog& cat);
  std::map<std::string, std::vector<ValueLabel>> of(const std::string& id);

 private:
  Statement query_;
};

// A sheet's keywords (mots_cles), with their statement prepared once: the extract of a result found
// through them.
class SheetKeywords {
 public:
  explicit SheetKeywords(Catalog& cat);
  std::vector<std::string> of(const std::string& id);

 private:
  Statement query_;
};

// The plain text of sheets for result extracts, read for the results shown only. Catalogues
// written before the table existed have none: text() then returns "".
class SheetTexts {
 public:
  explicit SheetTexts(Catalog& cat);
  std::string text(const std::string& id);

 private:
  std::optional<Statement> query_;
};

}  // namespace pratiques::catalogue
