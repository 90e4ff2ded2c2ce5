// What the site knows, read once from an index generation's catalogue (never from content/).
#pragma once
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pratiques/foreign_terms.h"

namespace pratiques {
class Catalog;
}

namespace pratiques::site {

using JsonObject = Poco::JSON::Object::Ptr;

struct Section {
  std::string key, title, anchor, markdown;
  int ord = 0;
  bool undocumented = false;
};

struct SheetLink {
  std::string to, relation;
};

struct Sheet {
  std::string id, title, summary, type, date_start, date_published, date_reviewed;
  std::string front_json;                                   // the front matter, as the catalogue keeps it
  JsonObject front;                                         // parsed: sheets loaded whole only, else null
  std::string licence, next_review;                         // front matter: licence, curation.prochaine_revue
  std::vector<Section> sections;                            // grid order (sheets loaded whole)
  std::vector<std::pair<std::string, std::string>> values;  // (facet, value), parents included
  std::vector<SheetLink> links;                             // fiches_liees
  std::vector<std::string> old_ids;                         // anciens_ids: their URLs redirect here
  // Shown wherever the sheet is listed (computed once in load_site_data()): title with French
  // typography, and place: "Nord (59)" when the département's label is known, else the région's
  // label, else territoire.nom (French typography too).
  std::string display_title, place;
  // The latest of publication and review dates (ISO), for feeds and "latest sheets".
  std::string updated() const { return date_reviewed > date_published ? date_reviewed : date_published; }
  // The front matter parsed: `front`, or parsed now for a sheet only listed.
  JsonObject parsed_front() const;
};

// Of one grid section: how many sheets have it, how many of those say it is not documented.
struct SectionCount {
  std::size_t sheets = 0, undocumented = 0;
};

struct FacetValue {
  std::string value, label, parent;
  std::vector<std::size_t> sheets;  // indices into SiteData::sheets, by title
};

struct Facet {
  std::string key, label, vocabulary;
  std::string segment;             // URL directory of its pages ("thematiques"), "" when it has none
  std::vector<FacetValue> values;  // vocabulary order
  const FacetValue* find(std::string_view value) const;
};

struct Course {
  std::string id, title;
  JsonObject front;
  std::string body;  // Markdown before the first section
  std::vector<Section> sections;
};

// A sheet a course's step cites that left the site (archived or removed), as the publication
// history knows it, with the published sheet that replaces it ("" when none).
struct WithdrawnSheet {
  std::string title, replacement, replacement_title;
};

// The text page on writing a sheet: the navigation, the home page, the sheets "à documenter" and a
// search that found nothing link to it when content/pages/ holds it.
inline constexpr const char* kContributePage = "contribuer";

struct TextPage {
  std::string id, title;
  JsonObject front;
  std::string body;  // Markdown
};

struct SiteData {
  std::string generation;       // the index generation directory read
  std::vector<Sheet> sheets;    // by id
  std::vector<Facet> facets;    // recherche.yaml order
  std::vector<Course> courses;  // by id
  std::vector<TextPage> pages;  // by id
  std::map<std::string, WithdrawnSheet, std::less<>> withdrawn;  // cited by a course's step, by id
  // Former ids (anciens_ids) a course's step, or `only`, cites → the current id of their sheet (the
  // validator accepts them with the warning fiche-renommee): pages name the sheet as it is now.
  std::map<std::string, std::string, std::less<>> renamed;
  JsonObject grid;              // grid_to_json(); null with an index built before it existed
  ForeignTerms foreign_terms;   // schemas/termes_etrangers.yaml: marked <span lang> in the texts
  std::map<std::string, std::map<std::string, std::string>, std::less<>> labels;  // vocab → slug → label
  std::map<std::string, std::string> departement_region;                          // code → region code
  std::map<std::string, std::size_t, std::less<>> by_id;
  std::map<std::string, SectionCount> section_counts;  // by section key, over every sheet loaded
  // load_site_listing(): the catalogue, its read transaction open, for load_whole_sheets().
  std::shared_ptr<Catalog> catalogue;

  const Sheet* sheet(std::string_view id) const;
  // Does content/pages/ hold the text page `id` ("contribuer": the pages link to it)?
  bool has_page(std::string_view id) const;
  // The id a course's step cites, or, for a former id, the current id of its sheet.
  std::string_view current_id(std::string_view id) const;
  const Facet* facet(std::string_view key) const;
  // Label of a vocabulary value, or the value itself.
  std::string label(std::string_view vocab, std::string_view slug) const;
};

// Reads the catalogue of a generation directory (resolve_index() of the index path). With `only`,
// just those sheets (a targeted rebuild: browse values then list only the sheets loaded; a former
// id among them loads the sheet that declares it). With
// `whole` (a subset of `only`), only those sheets get their sections, links and former ids: the
// others are listed (title, summary, place, values), not rendered — enough for the browse pages,
// the site map and the "Fiches liées" and "Pratiques proches" of a page.
SiteData load_site_data(const std::string& generation_dir, const std::vector<std::string>* only = nullptr,
                        const std::vector<std::string>* whole = nullptr);

// For a full build, which renders the sheets a few at a time (load_whole_sheets()): every sheet
// listed, only those the courses' steps name loaded whole; the catalogue kept open.
SiteData load_site_listing(const std::string& generation_dir);
// The sheets `ids` of a listing, with their sections, links and former ids read from its catalogue
// (the same publication), in that order. Their front matter is left to parse (parsed_front()): the
// threads that render them do it.
std::vector<Sheet> load_whole_sheets(const SiteData& listing, const std::vector<std::string>& ids);

// The main facets that have browse pages, with their URL directory.
struct BrowseFacet {
  const char* key;
  const char* segment;
  const char* title;     // index page title
  const char* singular;  // "Thématique"
};
const std::vector<BrowseFacet>& browse_facets();

// The JSON object of a catalogue's front_json column (an empty object when it is not one).
JsonObject parse_object(const std::string& json);
// JSON helpers on the front matter: a dotted path ("porteur.nom") → string ("" when absent);
// a list of strings (a scalar yields one item).
std::string json_string(const JsonObject& o, std::string_view path);
std::vector<std::string> json_strings(const JsonObject& o, std::string_view path);
std::vector<JsonObject> json_objects(const JsonObject& o, std::string_view path);

}  // namespace pratiques::site
