// The publication history of sheets (catalogue table `sheet_history`, DESIGN-NOTES decisions 1
// and 2): per sheet id, the content hash, the datestamp (UTC, to the second) at which that content
// was published, the status (publiee, archivee, supprimee) and the OAI-PMH sets of its last
// published version. Deleted records are persistent: an archived sheet or a removed file keeps its
// row. Every generation carries the history of the published generation forward: same hash → same
// datestamp, whatever the kind of run (incremental, recycled base, full rebuild).
#pragma once
#include <cstddef>
#include <ctime>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pratiques {

class Catalog;

// Status values of the history (and of OAI-PMH: anything but publiee is a deleted record).
inline constexpr const char* kPublished = "publiee";
inline constexpr const char* kArchived = "archivee";  // curation.statut: archivee
inline constexpr const char* kRemoved = "supprimee";  // file removed, or withdrawn (rejected)

struct HistoryEntry {
  std::string id, hash, datestamp, status, title, replaced_by;
  std::vector<std::string> sets;  // OAI-PMH setSpecs of the last published version
  bool deleted() const { return status != kPublished; }
};

// A sheet kept out of the search and the site because it is archived (decision 1).
struct ArchivedSheet {
  std::string id, hash, title, replaced_by;
  std::vector<std::pair<std::string, std::string>> values;  // (facet, value) of its front matter
};

// OAI-PMH setSpecs of a sheet from its (facet, value) pairs: "thematique:<slug>",
// "type_fiche:<slug>", "region:<code>", each with its parent set ("thematique").
std::vector<std::string> oai_sets(const std::vector<std::pair<std::string, std::string>>& values);
// The set hierarchy's top-level specs, with the facet each one comes from.
struct SetFamily {
  const char* spec;   // "thematique"
  const char* facet;  // "thematiques"
  const char* name;   // "Thématiques"
};
const std::vector<SetFamily>& set_families();

// "2026-11-21T09:30:00Z".
std::string utc_datestamp(std::time_t t);
// The time utc_datestamp() wrote; nullopt for anything else.
std::optional<std::time_t> parse_utc_datestamp(const std::string& stamp);

// Brings `work`'s history up to date at `now` (a datestamp), inside the caller's transaction:
// starts from the history of `published_catalogue` (the generation readers see now, when `work`
// is a new generation; none: `work`'s own, for a publication in place), then compares it with the sheets of `work`
// (table `sheets`) and `archived` (sheets archived in this run's parsed files). An unchanged archived sheet that this
// run did not parse keeps its carried row.
void update_history(Catalog& work, const std::optional<std::string>& published_catalogue,
                    const std::vector<ArchivedSheet>& archived, const std::string& now);
// The same for a publication in place, in time proportional to the change: `work`'s own history is
// what readers see, and only the rows of `ids` (the sheets the run added, replaced or withdrew) and
// of `archived` can change.
void update_history_of(Catalog& work, const std::set<std::string>& ids, const std::vector<ArchivedSheet>& archived,
                       const std::string& now);

// Reading the history (OAI-PMH, the server's 410 Gone).
std::optional<HistoryEntry> history_entry(Catalog& cat, const std::string& id);
std::string earliest_datestamp(Catalog& cat);  // "" when empty
// A selective list (OAI-PMH ListIdentifiers and ListRecords): datestamps from `from` to `until`
// ("" : no upper bound), in `set` ("" : any), by id, after the id `after` ("" : from the first).
struct HistoryQuery {
  std::string from, until, set, after;
};
std::size_t history_count(Catalog& cat, const HistoryQuery& q);  // the whole list: `after` ignored
std::vector<HistoryEntry> history_page(Catalog& cat, const HistoryQuery& q, std::size_t limit);

}  // namespace pratiques
