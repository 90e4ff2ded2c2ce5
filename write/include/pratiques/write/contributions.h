// Contributions: a sheet on its way to publication, every version of it, and the journal of its
// transitions. Every rule is here (permissions, states, bounds, conflicts), so that the JSON API
// and part 2's pages are thin layers that only render what these functions return or refuse.
// Each change is one SQLite transaction: a killed server loses no saved version.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"
#include "pratiques/write/accounts.h"
#include "pratiques/write/compare.h"
#include "pratiques/write/permissions.h"
#include "pratiques/write/publisher.h"
#include "pratiques/write/refusal.h"
#include "pratiques/write/workflow.h"

namespace pratiques::write {

// Bounds of what people send.
inline constexpr std::size_t kMaxSheetBytes = 1 << 20;  // a sheet's Markdown: 1 MiB
inline constexpr std::size_t kMaxCommentChars = 5000;

struct Person {
  std::int64_t id = 0;
  std::string name;  // Account::display_name()
};

struct JournalEntry {
  std::int64_t id = 0;
  std::string at;  // ISO 8601 UTC
  Person who;
  std::string action;         // "creer", "modifier" (a revision), or an Action slug
  std::optional<State> from;  // none for the creation
  State to = State::Brouillon;
  int version = 0;  // the version current after the entry
  std::string comment;
};

struct VersionInfo {
  int number = 0;
  std::string at;
  Person author;
  std::string note;  // "publication", "archivage" for the texts publication wrote; "" otherwise
};

struct Contribution {
  std::int64_t id = 0;
  Kind kind = Kind::Fiche;  // a sheet or a course
  std::string sheet_id, title;
  State state = State::Brouillon;
  int version = 0;  // current version (a save sends it back: If-Match)
  Person author;
  std::optional<Person> reviewer;  // the curator who took it
  std::optional<int> published_version;
  // Its sheet is online: published by it, not archived since (a revision of it may be under way).
  bool online = false;
  // curation.prochaine_revue of the published sheet: the published index's in get() and list(),
  // which follows hand edits of the file; else as stored at its publication.
  std::string next_review;
  // The published file as this contribution last saw it (Publisher::digest, "" when there was
  // none): when it was created, at its publications, when it took the file back (take_file).
  // Unset for a contribution created before it was recorded: not checked.
  std::optional<std::string> file_base;
  // "revue à faire": its sheet is online (published, revised or not) and next_review is today or past
  bool review_due = false;
  std::string created_at, updated_at;
};

struct ContributionDetail {
  Contribution contribution;
  std::string markdown;                          // the current version
  Diagnostics diagnostics;                       // of the current version (as `pratiques check`)
  std::vector<NearSheet> near_duplicates;        // published sheets very close to it ([doublon-probable])
  std::vector<VersionInfo> versions;             // oldest first
  std::vector<JournalEntry> journal;             // oldest first
  std::optional<PublicationReport> publication;  // after publier / archiver
  // The published file changed since the contribution saw it (edited by hand or through Git):
  // publication is refused until the contribution takes it back (take_file).
  bool file_changed = false;
  // create() found the contribution its submission key had already created: nothing was created.
  bool resubmitted = false;
  // save(): the text sent was the current version's: no version made, no state changed.
  bool unchanged = false;
  int kept_copies = 0;  // how many stale saves were kept (stale_saves())
};

struct ListFilter {
  std::optional<State> state;
  bool review_due = false;   // ?etat=revue-a-faire
  std::optional<Kind> kind;  // ?type=fiche|parcours
  bool queue = false;        // submitted or in review: the curators' queue (the desk)
  std::optional<bool> own;   // true: the caller's own contributions; false: the others' (a curator's)
  // One page of the list: `limit` contributions from the `offset`-th (0: every one from there).
  std::size_t offset = 0, limit = 0;
};

// A save refused because it was based on an older version: kept all the same (nothing is lost).
struct StaleSave {
  std::int64_t id = 0;
  int number = 0;  // 1, 2…: the contribution's first copy, second… (what the 412 and the API name)
  int based_on = 0;
  Person author;
  std::string at, markdown;
};

// A published sheet whose review is due soon or overdue (« Revues à faire »), with or without a
// contribution (a sheet written by hand in content/ has none).
struct DueReview {
  std::string sheet_id, title;
  std::string date;                          // curation.prochaine_revue, as the published index gives it
  bool due = false;                          // the day has come (date <= today): « revue à faire »
  bool overdue = false;                      // the day has passed (date < today): « en retard »
  std::optional<std::int64_t> contribution;  // the sheet's contribution, if any
};

struct DueReviews {
  std::string horizon;            // the last day the list covers: today + kReviewHorizonDays
  std::vector<DueReview> sheets;  // earliest first
};

// How far ahead « Revues à faire » looks (the desk, GET /api/revues-a-faire).
inline constexpr int kReviewHorizonDays = 30;

struct ActionInput {
  std::string comment;
  std::string replaced_by;  // archiver: curation.remplacee_par
};

// What the permission rules need to know of a contribution (permissions.h).
Ownership ownership(const Contribution& c);
// The state `a` leads `c` to; none when its state does not allow it. As transition(), and archiving
// an online sheet whatever its revision's state: the published version is archived.
std::optional<State> next_state(const Contribution& c, Action a);

// A new contribution with no title (and, through the API, no id either: its id would be made of
// nothing): Refusal Invalid « Donnez au moins un titre. », its diagnostic on the field « titre ».
Refusal untitled_refusal();

class Contributions {
 public:
  // `publisher` is required for publier and archiver (and to avoid ids of published sheets).
  Contributions(Database& db, Publisher& publisher, Clock clock);

  // A new draft (a sheet: any role; a course: formateurs and curators, else Forbidden). Its id is the
  // front matter's `id`, else made from the title (neither: untitled_refusal()). Refusal: TooLarge,
  // BadInput (not UTF-8), Conflict (a contribution already holds this id). `submission_key`: the
  // one-time key of the form sent (valid_submission_key); when `who` already created a contribution with
  // it, that one is returned, `resubmitted`, and nothing is created (a form sent twice). "": none.
  ContributionDetail create(const Account& who, const std::string& markdown, Kind kind = Kind::Fiche,
                            const std::string& submission_key = "");
  // Whether a form's submission key is one create() accepts (what random_token() makes: 43
  // characters of base64url); another is ignored, as if the form had none.
  static bool valid_submission_key(const std::string& key);
  ContributionDetail get(const Account& who, std::int64_t id);
  // What `who` may see, most recently changed first: the page the filter asks for, and in `total`
  // how many match in all. Only that page is loaded (a curator may see tens of thousands).
  std::vector<Contribution> list(const Account& who, const ListFilter& filter = {}, std::size_t* total = nullptr);
  // How many contributions `who` may see in each state (the desk's counts), without loading them.
  std::map<State, std::size_t> count_by_state(const Account& who);
  // A new version. `based_on`: the version the text was edited from. Refusal Stale (412) when
  // another save came first: the text is kept as a StaleSave and the current version is untouched.
  // The current version's text again: nothing changes (no version, no state: `unchanged`).
  ContributionDetail save(const Account& who, std::int64_t id, const std::string& markdown, int based_on);
  // The published file's text as a new version (who may edit it may), the file then the one the
  // contribution revises: after the file changed by hand or through Git, the changes are in the
  // contribution, and the edits it had are in its previous version (compare). No file (removed by
  // hand): the contribution only notes it. Refusal as save.
  ContributionDetail take_file(const Account& who, std::int64_t id);
  // soumettre, prendre, demander-modifications, publier, archiver. Refusal: Forbidden (role or
  // ownership), Conflict (state), BadInput (missing comment), Invalid (the sheet has errors).
  ContributionDetail act(const Account& who, std::int64_t id, Action action, const ActionInput& input);

  // The published sheets very close to the current version (a sheet; none for a course), as the
  // detail gives them, without the rest of the detail (the curators' queue).
  std::vector<NearSheet> near_duplicates(const Account& who, std::int64_t id);
  std::string version_text(const Account& who, std::int64_t id, int number);
  Comparison compare(const Account& who, std::int64_t id, int from, int to);
  // The texts of the saves refused as stale (Refusal Stale), oldest first, numbered from 1 per
  // contribution; to whoever may view the contribution.
  std::vector<StaleSave> stale_saves(const Account& who, std::int64_t id);
  // « Revues à faire »: every sheet of the published index whose next review falls within
  // kReviewHorizonDays days or has passed, contribution or not (the desk and GET
  // /api/revues-a-faire show this list). Curators only, else Refusal Forbidden.
  DueReviews reviews_due(const Account& who);

  // Checks what a person sent as a sheet: bounds and UTF-8 (Refusal TooLarge / BadInput).
  static void check_text(const std::string& markdown);
  // The id a contribution's text asks for: the one its front matter gives, else `current` (the id of
  // the contribution edited), else one made from its title (a new one; creating it may add -2…).
  static std::string requested_id(const std::string& markdown, Kind kind, const std::string& current = "");
  // Whether the contribution's id may no longer change: it was published, or a published document
  // holds it (its address is public). Before, a save may give another id (checked as at creation).
  bool id_fixed(const Contribution& c) const;

 private:
  Contribution load(Catalog& db, std::int64_t id);
  // An id a contribution (`self`, 0 for a new one) may take: well formed, held by no other
  // contribution nor by a published document of the other kind, nor by a published one unless
  // `who` curates. Refusal Invalid or Conflict, with a diagnostic on « id ».
  void check_new_id(Catalog& db, const Account& who, const std::string& markdown, const std::string& id, Kind kind,
                    std::int64_t self);
  ContributionDetail detail(Catalog& db, const Contribution& c);
  ContributionDetail detail(std::int64_t id);
  Contribution visible(const Account& who, std::int64_t id, Operation op);
  std::string current_text(Catalog& db, std::int64_t id, int version);
  void journal(Catalog& db, std::int64_t id, const Account& who, const std::string& action, std::optional<State> from,
               State to, int version, const std::string& comment);
  ContributionDetail publish(const Account& who, const Contribution& c, Action action, const ActionInput& input);
  // The next review and "revue à faire" of the published sheets among `contributions`, from the
  // published index: the date stored at their publication misses a later hand edit of the file.
  void with_published_reviews(std::vector<Contribution>& contributions) const;
  // save(), and with `file_base` the file the contribution now revises (take_file).
  ContributionDetail save_version(const Account& who, std::int64_t id, const std::string& markdown, int based_on,
                                  const std::optional<std::string>& file_base);

  Database& db_;
  Publisher& publisher_;
  Clock clock_;
  std::mutex mutations_;  // one change at a time: versions stay consecutive, publications serial
};

}  // namespace pratiques::write
