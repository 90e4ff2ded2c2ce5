#include "pratiques/write/contributions.h"

#include "pratiques/sheet_document.h"
#include "pratiques/site/typography.h"
#include "pratiques/text.h"
#include "pratiques/validate.h"
#include "pratiques/write/publisher.h"
#include "pratiques/write/refusal.h"

namespace pratiques::write {

namespace {

// The last publication action of the contribution aliased `c`: 'publier' or 'archiver', NULL when
// none. 'publier' means its sheet is online (Contribution::online), whatever the contribution's state.
constexpr char kLastPublicationAction[] =
    "(SELECT action FROM journal j WHERE j.contribution_id = c.id AND action IN ('publier', 'archiver') "
    "ORDER BY j.id DESC LIMIT 1)";

constexpr const char* kName = "CASE WHEN name = '' THEN email ELSE name END";

constexpr std::size_t kMaxIdLength = 120;

bool valid_sheet_id(const std::string& id) { return id.size() <= kMaxIdLength && kebab_case(id); }

struct FrontFacts {
  std::string id, title, next_review;
};

FrontFacts facts_of(const std::string& markdown) {
  Diagnostics ignored;
  const Document doc = parse_document("fiche.md", markdown, ignored);
  FrontFacts f;
  if (!doc.readable) return f;
  f.id = scalar_or_empty(child(doc.front, "id"));
  f.title = scalar_or_empty(child(doc.front, "titre"));
  f.next_review = scalar_or_empty(child(child(doc.front, "curation"), "prochaine_revue"));
  return f;
}

// Sheets and courses share one namespace of ids: a new contribution whose id `whose` already holds
// (a document of the other kind) is refused, its diagnostic on the field "id".
[[noreturn]] void refuse_shared_id(const std::string& markdown, const std::string& id, Kind kind,
                                   const std::string& whose) {
  Diagnostics ignored;
  const Diagnostic d = id_of_other_kind(parse_contribution(markdown, id, ignored, kind), whose);
  throw Refusal(Refused::Conflict, "Identifiant refusé : " + d.message + ".", {d});
}

// An id made from the title: "Café des parents à Roubaix" → "cafe-des-parents-a-roubaix".
std::string id_from_title(const std::string& title) {
  std::string id = text::slugify(title);
  if (id.size() > 80) {
    id.resize(80);
    if (const auto dash = id.rfind('-'); dash != std::string::npos && dash > 40) id.resize(dash);
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return valid_sheet_id(id) ? id : "";
}

// The id of a new contribution whose text gives none, before it is made unique (-2, -3…): made
// from its title (a course's starts with "parcours-"), else the kind's slug.
std::string title_id(const std::string& title, Kind kind) {
  const std::string prefix = kind == Kind::Parcours ? "parcours-" : "";
  const std::string id = id_from_title(title);
  return id.empty() ? std::string(kind_slug(kind)) : id.starts_with(prefix) ? id : id_from_title(prefix + id);
}

Person person(const Statement& s, int id_col, int name_col) { return {s.integer(id_col), s.text(name_col)}; }

std::string state_refusal(const Contribution& c, Action a) {
  return "La contribution est « " + std::string(state_label(c.state)) + " » : l'action « " +
         std::string(action_label(a)) + " » n'est pas possible dans cet état.";
}

}  // namespace

Ownership ownership(const Contribution& c) { return {c.author.id, c.state, c.online}; }

std::optional<State> next_state(const Contribution& c, Action a) {
  if (a == Action::Archiver && c.online) return State::Archivee;
  return transition(c.state, a);
}

Refusal untitled_refusal() {
  return Refusal(Refused::Invalid, "Donnez au moins un titre.",
                 {{"fiche.md", 1, 1, Severity::Error, "titre-absent", "Donnez au moins un titre."}});
}

void Contributions::check_text(const std::string& markdown) {
  if (markdown.size() > kMaxSheetBytes)
    throw Refusal(Refused::TooLarge, "Fiche trop volumineuse : " + std::to_string(markdown.size()) +
                                         " octets, au plus " + std::to_string(kMaxSheetBytes) + " (1 Mio).");
  if (const std::size_t bad = text::invalid_utf8_offset(markdown); bad != std::string::npos)
    throw Refusal(Refused::BadInput, "Le texte n'est pas en UTF-8 valide (octet " + std::to_string(bad + 1) +
                                         ") : enregistrez la fiche en UTF-8 et renvoyez-la.");
  if (markdown.find('\0') != std::string::npos)
    throw Refusal(Refused::BadInput, "Le texte contient un octet nul : une fiche est un texte Markdown.");
}

Contributions::Contributions(Database& db, Publisher& publisher, Clock clock)
    : db_(db), publisher_(publisher), clock_(std::move(clock)) {}

Contribution Contributions::load(Catalog& db, std::int64_t id) {
  auto s = db.prepare(std::string("SELECT c.id, c.sheet_id, c.title, c.state, c.version, c.author_id, (SELECT ") +
                      kName + " FROM accounts WHERE id = c.author_id), c.reviewer_id, (SELECT " + kName +
                      " FROM accounts WHERE id = c.reviewer_id), c.published_version, c.next_review, c.created_at, "
                      "c.updated_at, c.kind, c.file_base, " +
                      kLastPublicationAction + " FROM contributions c WHERE c.id = ?");
  s.bind(1, static_cast<long long>(id));
  if (!s.step()) throw Refusal(Refused::NotFound, "Aucune contribution n° " + std::to_string(id) + ".");
  Contribution c;
  c.id = s.integer(0);
  c.sheet_id = s.text(1);
  c.title = s.text(2);
  c.state = parse_state(s.text(3)).value_or(State::Brouillon);
  c.version = static_cast<int>(s.integer(4));
  c.author = person(s, 5, 6);
  if (!s.is_null(7)) c.reviewer = person(s, 7, 8);
  if (!s.is_null(9)) c.published_version = static_cast<int>(s.integer(9));
  c.next_review = s.text(10);
  c.created_at = s.text(11);
  c.updated_at = s.text(12);
  c.kind = parse_kind(s.text(13)).value_or(Kind::Fiche);
  if (!s.is_null(14)) c.file_base = s.text(14);
  c.online = c.published_version && !s.is_null(15) && s.text(15) == "publier";
  c.review_due = c.online && !c.next_review.empty() && c.next_review <= iso_date(clock_());
  return c;
}

std::string Contributions::current_text(Catalog& db, std::int64_t id, int version) {
  auto s = db.prepare("SELECT markdown FROM versions WHERE contribution_id = ? AND number = ?");
  s.bind(1, static_cast<long long>(id)).bind(2, static_cast<long long>(version));
  if (!s.step()) throw Refusal(Refused::NotFound, "Version " + std::to_string(version) + " introuvable.");
  return s.text(0);
}

ContributionDetail Contributions::detail(Catalog& db, const Contribution& c) {
  ContributionDetail d;
  d.contribution = c;
  d.markdown = current_text(db, c.id, c.version);
  d.file_changed = c.file_base && Publisher::digest(publisher_.published_file(c.sheet_id, c.kind)) != *c.file_base;
  auto v = db.prepare(
      std::string("SELECT number, created_at, author_id, (SELECT ") + kName +
      " FROM accounts WHERE id = v.author_id), note FROM versions v WHERE contribution_id = ? ORDER BY number");
  v.bind(1, static_cast<long long>(c.id));
  while (v.step()) d.versions.push_back({static_cast<int>(v.integer(0)), v.text(1), person(v, 2, 3), v.text(4)});
  auto j = db.prepare(std::string("SELECT id, at, account_id, (SELECT ") + kName +
                      " FROM accounts WHERE id = j.account_id), action, from_state, to_state, version, comment "
                      "FROM journal j WHERE contribution_id = ? ORDER BY id");
  j.bind(1, static_cast<long long>(c.id));
  while (j.step()) {
    JournalEntry e;
    e.id = j.integer(0);
    e.at = j.text(1);
    e.who = person(j, 2, 3);
    e.action = j.text(4);
    if (!j.is_null(5)) e.from = parse_state(j.text(5));
    e.to = parse_state(j.text(6)).value_or(State::Brouillon);
    e.version = static_cast<int>(j.integer(7));
    e.comment = j.text(8);
    d.journal.push_back(std::move(e));
  }
  auto kept = db.prepare("SELECT COUNT(*) FROM stale_saves WHERE contribution_id = ?");
  kept.bind(1, static_cast<long long>(c.id));
  if (kept.step()) d.kept_copies = static_cast<int>(kept.integer(0));
  return d;
}

ContributionDetail Contributions::detail(std::int64_t id) {
  ContributionDetail d = db_.with([&](Catalog& db) { return detail(db, load(db, id)); });
  d.diagnostics = publisher_.check(d.markdown, d.contribution.sheet_id, d.contribution.kind, &d.near_duplicates);
  return d;
}

Contribution Contributions::visible(const Account& who, std::int64_t id, Operation op) {
  const Contribution c = db_.with([&](Catalog& db) { return load(db, id); });
  if (const std::string why = forbidden_reason(who, op, ownership(c)); !why.empty())
    throw Refusal(Refused::Forbidden, why);
  return c;
}

void Contributions::journal(Catalog& db, std::int64_t id, const Account& who, const std::string& action,
                            std::optional<State> from, State to, int version, const std::string& comment) {
  auto s = db.prepare(
      "INSERT INTO journal(contribution_id, at, account_id, action, from_state, to_state, version, comment) "
      "VALUES(?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?)");
  s.bind(1, static_cast<long long>(id))
      .bind(2, iso_time(clock_()))
      .bind(3, static_cast<long long>(who.id))
      .bind(4, action);
  s.bind(5, from ? std::string(state_slug(*from)) : std::string());  // '': the creation, from no state
  s.bind(6, std::string(state_slug(to))).bind(7, static_cast<long long>(version)).bind(8, comment).run();
}

void Contributions::check_new_id(Catalog& db, const Account& who, const std::string& markdown, const std::string& id,
                                 Kind kind, std::int64_t self) {
  if (!valid_sheet_id(id))
    throw Refusal(Refused::Invalid, "Identifiant de fiche invalide : « " + id.substr(0, kMaxIdLength) + " ».",
                  {{"fiche.md", 2, 1, Severity::Error, "id-format",
                    "« id » doit être en minuscules ASCII, chiffres et tirets (ex. cafe-des-parents-roubaix), au "
                    "plus 120 caractères"}});
  auto taken = db.prepare("SELECT id, kind, state, author_id FROM contributions WHERE sheet_id = ? AND id <> ?");
  taken.bind(1, id).bind(2, static_cast<long long>(self));
  if (taken.step()) {
    const Kind other = parse_kind(taken.text(1)).value_or(Kind::Fiche);
    if (other != kind)
      refuse_shared_id(markdown, id, kind,
                       std::string(other == Kind::Parcours ? "d'un parcours" : "d'une fiche") + " (contribution " +
                           std::to_string(taken.integer(0)) + ", état « " +
                           std::string(state_label(parse_state(taken.text(2)).value_or(State::Brouillon))) + " »)");
    // Someone else's draft (a revision of the published sheet, which curators see): not hers to edit yet.
    const bool others_draft = taken.text(2) == state_slug(State::Brouillon) && taken.integer(3) != who.id;
    throw Refusal(
        Refused::Conflict,
        "Une contribution existe déjà pour « " + id + " » : /api/contributions/" + std::to_string(taken.integer(0)) +
            (others_draft ? ". Son auteur en rédige une révision (brouillon) : elle pourra être modifiée quand il "
                            "l'aura soumise ; la fiche publiée peut être archivée entre-temps."
                          : ". Modifiez-la plutôt que d'en créer une autre."),
        {{"fiche.md", 2, 1, Severity::Error, "id-doublon",
          "« id » : « " + id + " » est déjà l'identifiant d'une autre contribution : choisissez-en un autre"}});
  }
  if (const std::string whose = publisher_.other_kind_owner(id, kind); !whose.empty())
    refuse_shared_id(markdown, id, kind, whose);
  // A published sheet without a contribution (written by hand in content/): its publication would
  // replace it. Curators may (they revise any published sheet); a contributor revises only her own.
  if (!curates(who.role) && publisher_.published(id, kind))
    throw Refusal(Refused::Conflict,
                  std::string(kind == Kind::Parcours ? "Un parcours publié" : "Une fiche publiée") +
                      " porte déjà l'identifiant « " + id +
                      " ». Pour décrire une autre action, choisissez un autre identifiant ; pour modifier "
                      "celle-ci, demandez à un documentaliste d'en ouvrir une révision.");
}

std::string Contributions::requested_id(const std::string& markdown, Kind kind, const std::string& current) {
  const FrontFacts facts = facts_of(markdown);
  if (!facts.id.empty()) return facts.id;
  return current.empty() ? title_id(facts.title, kind) : current;
}

bool Contributions::id_fixed(const Contribution& c) const {
  return c.published_version.has_value() || publisher_.published(c.sheet_id, c.kind);
}

bool Contributions::valid_submission_key(const std::string& key) {
  return !key.empty() && key.size() <= 64 &&
         key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

ContributionDetail Contributions::create(const Account& who, const std::string& markdown, Kind kind,
                                         const std::string& submission_key) {
  if (const std::string why = create_refusal(who, kind); !why.empty()) throw Refusal(Refused::Forbidden, why);
  check_text(markdown);
  const FrontFacts facts = facts_of(markdown);
  if (facts.id.empty() && text::trim(facts.title).empty()) throw untitled_refusal();
  const bool keyed = valid_submission_key(submission_key);
  std::lock_guard lock(mutations_);
  std::int64_t id = 0;
  bool resubmitted = false;
  db_.transaction([&](Catalog& db) {
    if (keyed) {  // under the lock: of two requests of one form, the second finds the first's draft
      auto sent = db.prepare("SELECT id FROM contributions WHERE author_id = ? AND submission_key = ?");
      sent.bind(1, static_cast<long long>(who.id)).bind(2, submission_key);
      if (sent.step()) {
        id = sent.integer(0);
        resubmitted = true;
        return;
      }
    }
    auto taken = db.prepare("SELECT id FROM contributions WHERE sheet_id = ?");
    std::string sheet_id;
    if (!facts.id.empty()) {
      check_new_id(db, who, markdown, facts.id, kind, 0);
      sheet_id = facts.id;
    } else {
      // No id given: one from the title, never an id in use (contribution or published sheet).
      const std::string base = title_id(facts.title, kind);
      for (int n = 1; sheet_id.empty(); ++n) {
        const std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
        taken.bind(1, candidate);
        const bool used = taken.step();
        taken.reset();
        // Sheets and courses share their ids: one published as either is taken.
        if (!used && !publisher_.published(candidate, Kind::Fiche) && !publisher_.published(candidate, Kind::Parcours))
          sheet_id = candidate;
      }
    }
    const std::string now = iso_time(clock_());
    db.prepare(
          "INSERT INTO contributions(sheet_id, author_id, state, version, title, created_at, updated_at, kind, "
          "file_base, submission_key) VALUES(?, ?, ?, 1, ?, ?, ?, ?, ?, NULLIF(?, ''))")
        .bind(1, sheet_id)
        .bind(2, static_cast<long long>(who.id))
        .bind(3, std::string(state_slug(State::Brouillon)))
        .bind(4, facts.title)
        .bind(5, now)
        .bind(6, now)
        .bind(7, std::string(kind_slug(kind)))
        .bind(8, Publisher::digest(publisher_.published_file(sheet_id, kind)))
        .bind(9, keyed ? submission_key : std::string())
        .run();
    id = sqlite3_last_insert_rowid(db.handle());
    db.prepare("INSERT INTO versions(contribution_id, number, markdown, author_id, created_at) VALUES(?, 1, ?, ?, ?)")
        .bind(1, static_cast<long long>(id))
        .bind(2, markdown)
        .bind(3, static_cast<long long>(who.id))
        .bind(4, now)
        .run();
    journal(db, id, who, "creer", std::nullopt, State::Brouillon, 1, "");
  });
  ContributionDetail d = detail(id);
  d.resubmitted = resubmitted;
  return d;
}

ContributionDetail Contributions::get(const Account& who, std::int64_t id) {
  visible(who, id, Operation::View);
  ContributionDetail d = detail(id);
  std::vector<Contribution> one{d.contribution};
  with_published_reviews(one);
  d.contribution = std::move(one.front());
  return d;
}

namespace {

// Who sees what (the same rule as forbidden_reason(), with Contribution::online's query): a curator
// every contribution but others' drafts, a revision of an online sheet excepted; others their own.
// ?1 is the account's id.
std::string visible_to(const Account& who) {
  return curates(who.role) ? "(author_id = ?1 OR state <> 'brouillon' OR (published_version IS NOT NULL AND " +
                                 std::string(kLastPublicationAction) + " = 'publier'))"
                           : "author_id = ?1";
}

}  // namespace

std::vector<Contribution> Contributions::list(const Account& who, const ListFilter& filter, std::size_t* total) {
  std::string where = visible_to(who);
  if (filter.state) where += " AND state = ?2";
  if (filter.queue) where += " AND state IN ('soumise', 'en-relecture')";
  if (filter.own) where += *filter.own ? " AND author_id = ?1" : " AND author_id <> ?1";
  // Online (a revision under way included); the dates: below.
  if (filter.review_due)
    where += " AND published_version IS NOT NULL AND state <> 'archivee' AND kind = 'fiche' AND " +
             std::string(kLastPublicationAction) + " = 'publier'";
  if (filter.kind) where += " AND kind = ?4";
  // Every match's id (and sheet, for the review dates), then only the page asked for is loaded.
  std::vector<std::pair<std::int64_t, std::string>> matches = db_.with([&](Catalog& db) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    auto s = db.prepare("SELECT c.id, c.sheet_id FROM contributions c WHERE " + where +
                        " ORDER BY updated_at DESC, c.id DESC");
    s.bind(1, static_cast<long long>(who.id));
    if (filter.state) s.bind(2, std::string(state_slug(*filter.state)));
    if (filter.kind) s.bind(4, std::string(kind_slug(*filter.kind)));
    while (s.step()) out.emplace_back(s.integer(0), s.text(1));
    return out;
  });
  if (filter.review_due) {  // the published index's date, as with_published_reviews() reads it
    std::vector<std::string> sheets;
    for (const auto& m : matches) sheets.push_back(m.second);
    const auto reviews = publisher_.next_reviews(sheets);
    const std::string today = iso_date(clock_());
    std::erase_if(matches, [&](const auto& m) {
      const auto it = reviews.find(m.second);
      return it == reviews.end() || it->second.empty() || it->second > today;
    });
  }
  if (total) *total = matches.size();
  const std::size_t first = std::min(filter.offset, matches.size());
  const std::size_t last = filter.limit ? std::min(matches.size(), first + filter.limit) : matches.size();
  std::vector<Contribution> out;
  db_.with([&](Catalog& db) {
    for (std::size_t i = first; i < last; ++i) out.push_back(load(db, matches[i].first));
  });
  with_published_reviews(out);
  return out;
}

std::map<State, std::size_t> Contributions::count_by_state(const Account& who) {
  return db_.with([&](Catalog& db) {
    std::map<State, std::size_t> out;
    auto s = db.prepare("SELECT state, COUNT(*) FROM contributions c WHERE " + visible_to(who) + " GROUP BY state");
    s.bind(1, static_cast<long long>(who.id));
    while (s.step())
      if (const auto state = parse_state(s.text(0))) out[*state] += static_cast<std::size_t>(s.integer(1));
    return out;
  });
}

void Contributions::with_published_reviews(std::vector<Contribution>& contributions) const {
  std::vector<std::string> published;
  for (const auto& c : contributions)
    if (c.online && c.kind == Kind::Fiche) published.push_back(c.sheet_id);
  if (published.empty()) return;
  const auto reviews = publisher_.next_reviews(published);
  const std::string today = iso_date(clock_());
  for (auto& c : contributions) {
    if (!c.online || c.kind != Kind::Fiche) continue;
    const auto it = reviews.find(c.sheet_id);
    c.next_review = it == reviews.end() ? "" : it->second;
    c.review_due = !c.next_review.empty() && c.next_review <= today;  // due on the day, as publication reads it
  }
}

ContributionDetail Contributions::save(const Account& who, std::int64_t id, const std::string& markdown, int based_on) {
  return save_version(who, id, markdown, based_on, std::nullopt);
}

ContributionDetail Contributions::take_file(const Account& who, std::int64_t id) {
  const ContributionDetail d = get(who, id);
  const std::optional<std::string> file = publisher_.published_file(d.contribution.sheet_id, d.contribution.kind);
  return save_version(who, id, file.value_or(d.markdown), d.contribution.version, Publisher::digest(file));
}

ContributionDetail Contributions::save_version(const Account& who, std::int64_t id, const std::string& markdown,
                                               int based_on, const std::optional<std::string>& file_base) {
  check_text(markdown);
  std::lock_guard lock(mutations_);
  const Contribution c = visible(who, id, Operation::Edit);
  const auto next = state_after_edit(who, ownership(c));
  if (!next)
    throw Refusal(Refused::Conflict,
                  "La contribution est « " + std::string(state_label(c.state)) + " » : " +
                      (c.state == State::Soumise       ? "elle attend d'être prise en relecture par un documentaliste."
                       : c.state == State::EnRelecture ? "seul un documentaliste peut la modifier pendant la relecture."
                       : c.state == State::Brouillon && c.online
                           ? "son auteur rédige une révision de la fiche publiée, qui reste en ligne ; vous pourrez la "
                             "modifier quand il l'aura soumise. Vous pouvez la consulter, et archiver la fiche publiée."
                           : "vous ne pouvez pas la modifier dans cet état."));
  const FrontFacts facts = facts_of(markdown);
  // The id is the published page's address: fixed once published, free before (a typo in the title
  // it was made from is not forever).
  const bool renamed = !facts.id.empty() && facts.id != c.sheet_id;
  if (renamed && id_fixed(c))
    throw Refusal(Refused::Invalid, "L'identifiant d'une fiche publiée ne change pas : « " + c.sheet_id + " ».",
                  {{"fiches/" + c.sheet_id + ".md", 2, 1, Severity::Error, "id-contribution",
                    "« id » vaut « " + facts.id.substr(0, kMaxIdLength) + " » ; cette contribution est la fiche « " +
                        c.sheet_id + " » (pour renommer une fiche : anciens_ids)"}});
  if (based_on != c.version) {
    int copy = 0;  // numbered per contribution (copies are never deleted): its first, its second…
    db_.transaction([&](Catalog& db) {
      db.prepare(
            "INSERT INTO stale_saves(contribution_id, based_on, markdown, author_id, created_at) VALUES(?, ?, ?, ?, ?)")
          .bind(1, static_cast<long long>(id))
          .bind(2, static_cast<long long>(based_on))
          .bind(3, markdown)
          .bind(4, static_cast<long long>(who.id))
          .bind(5, iso_time(clock_()))
          .run();
      auto n = db.prepare("SELECT COUNT(*) FROM stale_saves WHERE contribution_id = ?");
      n.bind(1, static_cast<long long>(id));
      copy = n.step() ? static_cast<int>(n.integer(0)) : 0;
    });
    Refusal stale(Refused::Stale, "Cette contribution a changé depuis la version " + std::to_string(based_on) +
                                      " sur laquelle vous avez travaillé : la version actuelle est la " +
                                      std::to_string(c.version) + " (" + site::fr_datetime(c.updated_at) +
                                      "). Votre texte est conservé (copie n° " + std::to_string(copy) +
                                      " de cette contribution) : reportez vos modifications sur la version " +
                                      std::to_string(c.version) + ".");
    stale.kept_copy = copy;
    throw stale;
  }
  // The current text again, with nothing else to record: nothing changes (a no-op save opened a
  // revision, hiding a published sheet from its curators as its author's draft).
  if (!file_base && db_.with([&](Catalog& db) { return current_text(db, id, c.version) == markdown; })) {
    ContributionDetail d = detail(id);
    d.unchanged = true;
    return d;
  }
  db_.transaction([&](Catalog& db) {
    if (renamed) {
      check_new_id(db, who, markdown, facts.id, c.kind, c.id);
      db.prepare("UPDATE contributions SET sheet_id = ?, file_base = ? WHERE id = ?")
          .bind(1, facts.id)
          .bind(2, Publisher::digest(publisher_.published_file(facts.id, c.kind)))
          .bind(3, static_cast<long long>(id))
          .run();
    }
    if (file_base) {
      db.prepare("UPDATE contributions SET file_base = ? WHERE id = ?")
          .bind(1, *file_base)
          .bind(2, static_cast<long long>(id))
          .run();
      const bool same = current_text(db, id, c.version) == markdown;
      journal(db, id, who, "reprendre-fichier", c.state, same ? c.state : *next, c.version + (same ? 0 : 1), "");
    }
    if (current_text(db, id, c.version) == markdown) return;  // nothing new: no version, no state changed
    const int version = c.version + 1;
    const std::string now = iso_time(clock_());
    db.prepare("INSERT INTO versions(contribution_id, number, markdown, author_id, created_at) VALUES(?, ?, ?, ?, ?)")
        .bind(1, static_cast<long long>(id))
        .bind(2, static_cast<long long>(version))
        .bind(3, markdown)
        .bind(4, static_cast<long long>(who.id))
        .bind(5, now)
        .run();
    db.prepare(
          "UPDATE contributions SET version = ?, state = ?, title = ?, updated_at = ?, "
          "reviewer_id = CASE WHEN ?5 = 'en-relecture' AND state <> 'en-relecture' THEN ?6 ELSE reviewer_id END WHERE "
          "id = ?7")
        .bind(1, static_cast<long long>(version))
        .bind(2, std::string(state_slug(*next)))
        .bind(3, facts.title)
        .bind(4, now)
        .bind(5, std::string(state_slug(*next)))
        .bind(6, static_cast<long long>(who.id))
        .bind(7, static_cast<long long>(id))
        .run();
    if (*next != c.state && !file_base) journal(db, id, who, "modifier", c.state, *next, version, "");
  });
  return detail(id);
}

ContributionDetail Contributions::act(const Account& who, std::int64_t id, Action action, const ActionInput& input) {
  if (text::invalid_utf8_offset(input.comment) != std::string::npos)
    throw Refusal(Refused::BadInput, "Le commentaire n'est pas en UTF-8 valide.");
  const std::string comment = text::trim(input.comment);
  if (text::length(comment) > kMaxCommentChars)
    throw Refusal(Refused::TooLarge,
                  "Commentaire trop long : au plus " + std::to_string(kMaxCommentChars) + " caractères.");
  std::lock_guard lock(mutations_);
  const Contribution c = visible(who, id, operation_of(action));
  const auto next = next_state(c, action);
  if (!next) throw Refusal(Refused::Conflict, state_refusal(c, action));
  if (needs_comment(action) && comment.empty())
    throw Refusal(Refused::BadInput, "Un commentaire est obligatoire pour « " + std::string(action_label(action)) +
                                         " » : la personne concernée doit savoir pourquoi.");
  if (action == Action::Publier || action == Action::Archiver)
    return publish(who, c, action, {comment, text::trim(input.replaced_by)});
  if (action == Action::Soumettre) {
    // Submitted only without errors, whatever the way (form or API): a curator would take a sheet
    // that cannot be published.
    const std::string markdown = db_.with([&](Catalog& db) { return current_text(db, c.id, c.version); });
    Diagnostics diags = publisher_.check(markdown, c.sheet_id, c.kind);
    if (count_errors(diags) > 0)
      throw Refusal(
          Refused::Invalid,
          "La contribution a des erreurs : elle ne peut pas être soumise tant qu'elles ne sont pas corrigées.",
          std::move(diags));
  }
  db_.transaction([&](Catalog& db) {
    db.prepare(
          "UPDATE contributions SET state = ?, updated_at = ?, reviewer_id = CASE WHEN ?3 THEN ?4 ELSE reviewer_id END "
          "WHERE id = ?5")
        .bind(1, std::string(state_slug(*next)))
        .bind(2, iso_time(clock_()))
        .bind(3, action == Action::Prendre ? 1LL : 0LL)
        .bind(4, static_cast<long long>(who.id))
        .bind(5, static_cast<long long>(id))
        .run();
    journal(db, id, who, std::string(action_slug(action)), c.state, *next, c.version, comment);
  });
  return detail(id);
}

ContributionDetail Contributions::publish(const Account& who, const Contribution& c, Action action,
                                          const ActionInput& input) {
  const bool archive = action == Action::Archiver;
  // Archiving archives the published version, even while a revision is under way (the revision's
  // text stays in the versions); publishing publishes the current one.
  const int source = archive && c.published_version ? *c.published_version : c.version;
  const std::string current = db_.with([&](Catalog& db) { return current_text(db, c.id, c.version); });
  const std::string markdown =
      source == c.version ? current : db_.with([&](Catalog& db) { return current_text(db, c.id, source); });
  CurationStamp stamp;
  stamp.curator = who.display_name();
  stamp.today = iso_date(clock_());
  stamp.collected = c.created_at.substr(0, 10);
  stamp.first_published = publisher_.published_date(c.sheet_id, c.kind);
  stamp.archive = archive;
  stamp.replaced_by = input.replaced_by;
  const bool course = c.kind == Kind::Parcours;
  // The published file changed since this contribution read it (by hand, through Git): publishing
  // would undo those changes, unsaid.
  if (c.file_base && Publisher::digest(publisher_.published_file(c.sheet_id, c.kind)) != *c.file_base)
    throw Refusal(Refused::Conflict,
                  std::string(course ? "Le parcours publié « " : "La fiche publiée « ") + c.sheet_id +
                      " » a changé depuis que cette contribution l'a lu (modifié à la main ou par Git) : la publier "
                      "effacerait ces changements. « Reprendre le fichier publié » en fait la version courante de la "
                      "contribution ; reportez-y vos modifications (comparez avec la version précédente), puis "
                      "publiez.");
  // Archiving a course takes it offline: its file goes (courses have no archived state); its text stays here.
  const std::string text =
      course && archive ? markdown : publisher_.publication_text(markdown, c.sheet_id, stamp, c.kind);
  PublicationReport report;
  const std::string what = std::string(course ? "du parcours " : "de la fiche ") + c.sheet_id;
  const std::string message = !input.comment.empty() ? input.comment : (archive ? "Archivage " : "Publication ") + what;
  const GitAuthor author{who.display_name(), who.email};
  const std::string path = course && archive ? publisher_.remove(c.sheet_id, author, message, report, c.kind)
                                             : publisher_.write(c.sheet_id, text, author, message, report, c.kind);
  const State next = archive ? State::Archivee : State::Publiee;
  db_.transaction([&](Catalog& db) {
    int version = c.version;
    const std::string now = iso_time(clock_());
    if (text != current) {  // the published text (curation fields, canonical form) is a version too
      version = c.version + 1;
      db.prepare(
            "INSERT INTO versions(contribution_id, number, markdown, author_id, created_at, note) VALUES(?, ?, ?, ?, "
            "?, ?)")
          .bind(1, static_cast<long long>(c.id))
          .bind(2, static_cast<long long>(version))
          .bind(3, text)
          .bind(4, static_cast<long long>(who.id))
          .bind(5, now)
          .bind(6, std::string(archive ? "archivage" : "publication"))
          .run();
    }
    db.prepare(
          "UPDATE contributions SET state = ?, version = ?, published_version = ?, next_review = ?, title = ?, "
          "updated_at = ?, file_base = ? WHERE id = ?")
        .bind(1, std::string(state_slug(next)))
        .bind(2, static_cast<long long>(version))
        .bind(3, static_cast<long long>(version))
        .bind(4, facts_of(text).next_review)
        .bind(5, facts_of(text).title)
        .bind(6, now)
        .bind(7, Publisher::digest(course && archive ? std::nullopt : std::optional<std::string>(text)))
        .bind(8, static_cast<long long>(c.id))
        .run();
    journal(db, c.id, who, std::string(action_slug(action)), c.state, next, version, input.comment);
  });
  publisher_.propagate({path}, {c.sheet_id}, report, c.kind);
  ContributionDetail d = detail(c.id);
  d.publication = std::move(report);
  return d;
}

std::vector<NearSheet> Contributions::near_duplicates(const Account& who, std::int64_t id) {
  const Contribution c = visible(who, id, Operation::View);
  if (c.kind != Kind::Fiche) return {};
  const std::string text = db_.with([&](Catalog& db) { return current_text(db, id, c.version); });
  return publisher_.near_duplicates(text, c.sheet_id);
}

std::string Contributions::version_text(const Account& who, std::int64_t id, int number) {
  visible(who, id, Operation::View);
  return db_.with([&](Catalog& db) { return current_text(db, id, number); });
}

Comparison Contributions::compare(const Account& who, std::int64_t id, int from, int to) {
  const std::string a = version_text(who, id, from), b = version_text(who, id, to);
  const Kind kind = db_.with([&](Catalog& db) { return load(db, id).kind; });
  return compare_sheets(*publisher_.grid(), a, b, kind);
}

std::vector<StaleSave> Contributions::stale_saves(const Account& who, std::int64_t id) {
  visible(who, id, Operation::View);
  return db_.with([&](Catalog& db) {
    std::vector<StaleSave> out;
    auto s = db.prepare(std::string("SELECT id, based_on, author_id, (SELECT ") + kName +
                        " FROM accounts WHERE id = s.author_id), created_at, markdown FROM stale_saves s WHERE "
                        "contribution_id = ? ORDER BY id");
    s.bind(1, static_cast<long long>(id));
    while (s.step())
      out.push_back({s.integer(0), static_cast<int>(out.size()) + 1, static_cast<int>(s.integer(1)), person(s, 2, 3),
                     s.text(4), s.text(5)});
    return out;
  });
}

DueReviews Contributions::reviews_due(const Account& who) {
  if (!curates(who.role))
    throw Refusal(Refused::Forbidden,
                  "Les revues à faire sont réservées aux documentalistes et aux administrateurs "
                  "(votre rôle : " +
                      std::string(role_label(who.role)) + ").");
  const std::int64_t now = clock_();
  const std::string today = iso_date(now);
  DueReviews out;
  out.horizon = iso_date(now + std::int64_t{kReviewHorizonDays} * 86400);
  for (auto& r : publisher_.reviews_due(out.horizon)) {
    DueReview d;
    d.sheet_id = std::move(r[0]);
    d.title = std::move(r[1]);
    d.date = std::move(r[2]);
    d.due = d.date <= today;
    d.overdue = d.date < today;
    out.sheets.push_back(std::move(d));
  }
  db_.with([&](Catalog& db) {
    auto s = db.prepare("SELECT id FROM contributions WHERE sheet_id = ? AND kind = 'fiche'");
    for (auto& d : out.sheets) {
      s.bind(1, d.sheet_id);
      if (s.step()) d.contribution = s.integer(0);
      s.reset();
    }
  });
  return out;
}

}  // namespace pratiques::write
