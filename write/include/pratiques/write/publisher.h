// Publication (DESIGN-NOTES decision 5): the sheet's canonical text with its curation fields set,
// (a course's with date_publication and date_derniere_revue), written atomically to
// content/fiches/<id>.md (content/parcours/<id>.md) (temporary file, fsync, rename, fsync of the
// directory: a crash leaves the previous file or the new one, never half of one), committed to Git
// when content/ is a work tree, re-indexed incrementally, and its own page rewritten (the pages
// that depend on it follow in the background: site_refresh.h). The running server then serves
// the new generation at its next request.
#pragma once
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pratiques/document.h"
#include "pratiques/grid.h"
#include "pratiques/write/clock.h"
#include "pratiques/write/current_grid.h"
#include "pratiques/write/git_commit.h"
#include "pratiques/write/kind.h"
#include "pratiques/write/reindex.h"
#include "pratiques/write/site_refresh.h"

namespace pratiques::write {

// What publication sets in curation (the rest of the text is the contribution's).
struct CurationStamp {
  std::string curator;      // curation.curateur
  std::string today;        // "2026-03-01": date_derniere_revue, and date_publication at a first publication
  // date_publication of the published file, "" when there is none (a first publication: today).
  // What the contribution's text says is not used: a first publication could be backdated.
  std::string first_published;
  std::string collected;    // date_collecte when the sheet has none (the contribution's creation day)
  bool archive = false;     // statut archivee; else publiee, or the published status the text carries
  std::string replaced_by;  // curation.remplacee_par (archiving), "" for none
};

struct PublicationReport {
  // The file written, relative to content/ ("fiches/<id>.md", as diagnostics name it): the API
  // gives it to clients, who have no business knowing where the server's disk keeps it.
  std::string path;
  std::string commit;                       // Git commit id, "" when content/ is not a work tree
  std::vector<std::string> pages, deleted;  // site pages rewritten / removed before the answer
  std::vector<std::string> warnings;        // French: what went wrong after the file was written
  double write_ms = 0, index_ms = 0, site_ms = 0;
};

// A published sheet whose text is very close to a contribution's (near_duplicates.h: the
// [doublon-probable] of `pratiques check`), for the curators' workflow.
struct NearSheet {
  std::string id, title;  // the published sheet (title: its catalogue title, the id when it has none)
  double similarity = 0;  // exact Jaccard similarity of the word 3-shingles
  int percent = 0;        // similarity_percent(similarity), as the pages show it
};

class Publisher {
 public:
  Publisher(CurrentGrid& grid, Paths paths);
  ~Publisher();

  // The text to publish: `markdown` with id = sheet_id and the curation stamp, in canonical form.
  // Refusal Invalid with diagnostics when the sheet has errors, checked alone and against the
  // published collection (ids, former ids, linked sheets, the replacement of an archived sheet).
  // A course (Kind::Parcours) is checked against the published sheets its steps cite.
  std::string publication_text(const std::string& markdown, const std::string& sheet_id, const CurationStamp& stamp,
                               Kind kind = Kind::Fiche) const;
  // Writes the file atomically and commits it (Git). Returns the path written.
  std::string write(const std::string& sheet_id, const std::string& text, const GitAuthor& author,
                    const std::string& message, PublicationReport& report, Kind kind = Kind::Fiche);
  // Archiving a course: its file leaves content/parcours/ (courses have no archived state), the
  // removal committed. Returns the path removed.
  std::string remove(const std::string& id, const GitAuthor& author, const std::string& message,
                     PublicationReport& report, Kind kind);
  // Re-indexes, rewrites the sheets' own pages (the courses' pages and the course list) and leaves
  // the pages that depend on them to the site's background steps (SiteRefresher).
  void propagate(const std::vector<std::string>& files, const std::vector<std::string>& sheet_ids,
                 PublicationReport& report, Kind kind = Kind::Fiche);

  // The published file of a sheet (a course): its bytes, nullopt when there is none; and their
  // SHA-256 ("" when there is none), what a contribution remembers of the file it revises.
  std::optional<std::string> published_file(const std::string& sheet_id, Kind kind) const;
  static std::string digest(const std::optional<std::string>& file);
  // The next review (curation.prochaine_revue) of each of these sheets as published, by id: the
  // published index's, which follows the files (edited by hand too); a sheet without one is left out.
  std::map<std::string, std::string> next_reviews(const std::vector<std::string>& sheet_ids) const;
  // The published sheets whose next review is on or before `horizon` (YYYY-MM-DD), earliest first:
  // {id, title, date} (catalogue::reviews_due); none before the first index.
  std::vector<std::array<std::string, 3>> reviews_due(const std::string& horizon) const;
  // The date_publication the published file records (a course's at its top level), "" when none.
  std::string published_date(const std::string& sheet_id, Kind kind) const;
  // Whether a sheet id (or a former id) is in the published index (a course id, for Kind::Parcours).
  bool published(const std::string& sheet_id, Kind kind = Kind::Fiche) const;
  // Sheets and courses share one namespace of ids: what already holds `id` among the published
  // documents of the other kind than `kind` ("de la fiche publiée /fiches/x/", "du parcours publié
  // /parcours/x/"), "" when nothing does.
  std::string other_kind_owner(const std::string& id, Kind kind) const;
  // Diagnostics of a draft: the sheet checked alone (as `pratiques check` would, path fiches/<id>.md),
  // with a [doublon-probable] warning for each published sheet very close to it (other than
  // `sheet_id` itself), which `near` receives when given; a course against the published sheets
  // its steps cite (path parcours/<id>.md); both against the published ids of the other kind
  // (id-doublon). `sheet_id` empty: a new contribution, checked under the id its text gives.
  Diagnostics check(const std::string& markdown, const std::string& sheet_id, Kind kind = Kind::Fiche,
                    std::vector<NearSheet>* near = nullptr) const;
  // The published sheets very close to a sheet's text (most similar first, at most
  // kMaxNearDuplicates), computed from its documented sections as the index computes them; the
  // published version of `sheet_id` itself is left out. None for a course, or before any index.
  std::vector<NearSheet> near_duplicates(const std::string& markdown, const std::string& sheet_id,
                                         Kind kind = Kind::Fiche) const;
  // Removes leftovers of writes a crash interrupted (content/fiches/.*.tmp, content/parcours/.*.tmp).
  void clean_leftovers() const;

  std::shared_ptr<const Grid> grid() const { return grid_.get(); }
  const Paths& paths() const { return paths_; }
  SiteRefresher& site() { return *site_; }

 private:
  std::string file_of(const std::string& sheet_id, Kind kind) const;
  void validate_alone(const Grid& grid, const Document& doc, Kind kind, Diagnostics& out) const;
  // The published sheets `doc` is probably a near copy of, from `cat` (none without it).
  static std::vector<NearSheet> near_sheets(Catalog* cat, const Document& doc, const std::string& sheet_id);
  std::string course_text(const std::string& markdown, const std::string& id, const CurationStamp& stamp) const;
  void commit(const std::string& path, const GitAuthor& author, const std::string& message, PublicationReport& report);
  CurrentGrid& grid_;
  Paths paths_;
  Reindexer reindexer_;
  std::unique_ptr<SiteRefresher> site_;
};

// The sheet's front matter with its id forced to `sheet_id` when absent (a draft may leave it out:
// the contribution knows it), parsed as content/fiches/<sheet_id>.md.
Document parse_contribution(const std::string& markdown, const std::string& sheet_id, Diagnostics& out,
                            Kind kind = Kind::Fiche);

}  // namespace pratiques::write
