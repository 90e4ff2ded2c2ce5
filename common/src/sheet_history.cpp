#include "pratiques/sheet_history.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "pratiques/catalog.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool has_history(Catalog& cat) {
  auto s = cat.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sheet_history'");
  return s.step();
}

const char* const kColumns = "id, hash, datestamp, status, title, replaced_by, sets";

// The rows of `sql` for every sheet, or (`ids` given) for those sheets only, `id_column` naming
// the sheet id: a publication in place reads what it changed, not the whole collection.
void for_rows(Catalog& cat, const std::string& sql, const char* id_column, const std::set<std::string>* ids,
              const std::function<void(const Statement&)>& row) {
  if (!ids) {
    auto s = cat.prepare(sql);
    while (s.step()) row(s);
    return;
  }
  auto s = cat.prepare(sql + (sql.find(" WHERE ") == std::string::npos ? " WHERE " : " AND ") + id_column + " = ?");
  for (const auto& id : *ids) {
    s.bind(1, id);
    while (s.step()) row(s);
    s.reset();
  }
}

HistoryEntry entry_of(const Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), split(s.text(6))};
}

std::map<std::string, HistoryEntry> read_all(Catalog& cat, const std::set<std::string>* ids = nullptr) {
  std::map<std::string, HistoryEntry> out;
  for_rows(cat, std::string("SELECT ") + kColumns + " FROM sheet_history", "id", ids,
           [&](const Statement& s) { out[s.text(0)] = entry_of(s); });
  return out;
}

bool same(const HistoryEntry& a, const HistoryEntry& b) {
  return a.hash == b.hash && a.datestamp == b.datestamp && a.status == b.status && a.title == b.title &&
         a.replaced_by == b.replaced_by && a.sets == b.sets;
}

// Brings the history of `work` from `existing` (its rows now) to what `carried` (the history readers
// see) and this run's sheets make it, for every sheet or only `ids`.
void reconcile(Catalog& work, const std::map<std::string, HistoryEntry>& carried,
               const std::map<std::string, HistoryEntry>& existing, const std::set<std::string>* ids,
               const std::vector<ArchivedSheet>& archived, const std::string& now) {
  std::map<std::string, HistoryEntry> next = carried;

  // Live sheets: a new hash (or a come-back) is a new publication.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> values;
  for_rows(work,
           "SELECT sheet_id, facet, value FROM sheet_values WHERE facet IN ('thematiques', 'type_fiche', 'region')",
           "sheet_id", ids, [&](const Statement& v) { values[v.text(0)].emplace_back(v.text(1), v.text(2)); });
  std::set<std::string> live;
  for_rows(work, "SELECT id, hash, titre FROM sheets", "id", ids, [&](const Statement& s) {
    const std::string id = s.text(0);
    live.insert(id);
    HistoryEntry e{id, s.text(1), now, kPublished, s.text(2), "", oai_sets(values[id])};
    auto it = next.find(id);
    if (it != next.end() && it->second.hash == e.hash && !it->second.deleted()) e.datestamp = it->second.datestamp;
    next[id] = std::move(e);
  });
  // Archived in this run: a deleted record from now on (its datestamp is the archiving time).
  for (const auto& a : archived) {
    live.insert(a.id);
    HistoryEntry e{a.id, a.hash, now, kArchived, a.title, a.replaced_by, oai_sets(a.values)};
    auto it = next.find(a.id);
    if (it != next.end() && it->second.status == kArchived) e.datestamp = it->second.datestamp;
    next[a.id] = std::move(e);
  }
  // Published before, gone now (file removed, or withdrawn because of errors).
  for (auto& [id, e] : next)
    if (!live.count(id) && e.status == kPublished) {
      e.status = kRemoved;
      e.datestamp = now;
    }

  // Write only what differs from the work directory's own history.
  auto drop = work.prepare("DELETE FROM sheet_history WHERE id = ?");
  for (const auto& [id, e] : existing)
    if (!next.count(id)) drop.bind(1, id).run();
  auto put =
      work.prepare(std::string("INSERT OR REPLACE INTO sheet_history(") + kColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?)");
  for (const auto& [id, e] : next) {
    auto it = existing.find(id);
    if (it != existing.end() && same(it->second, e)) continue;
    put.bind(1, e.id)
        .bind(2, e.hash)
        .bind(3, e.datestamp)
        .bind(4, e.status)
        .bind(5, e.title)
        .bind(6, e.replaced_by)
        .bind(7, text::join(e.sets))
        .run();
  }
}

}  // namespace

const std::vector<SetFamily>& set_families() {
  static const std::vector<SetFamily> families{
      {"thematique", "thematiques", "Thématiques"},
      {"type_fiche", "type_fiche", "Types de fiche"},
      {"region", "region", "Régions"},
  };
  return families;
}

std::vector<std::string> oai_sets(const std::vector<std::pair<std::string, std::string>>& values) {
  std::set<std::string> out;
  for (const auto& [facet, value] : values)
    for (const auto& f : set_families())
      if (facet == f.facet) {
        out.insert(f.spec);
        out.insert(std::string(f.spec) + ":" + value);
      }
  return {out.begin(), out.end()};
}

std::string utc_datestamp(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::time_t> parse_utc_datestamp(const std::string& stamp) {
  std::tm tm{};
  const char* end = stamp.size() == 20 ? strptime(stamp.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) : nullptr;
  if (!end || *end) return std::nullopt;
  return timegm(&tm);
}

void update_history(Catalog& work, const std::optional<std::string>& published_catalogue,
                    const std::vector<ArchivedSheet>& archived, const std::string& now) {
  // What readers see now is the reference; the work directory may be an older generation.
  std::map<std::string, HistoryEntry> carried;
  if (!published_catalogue) {
    carried = read_all(work);  // the work catalogue is what readers see
  } else if (std::filesystem::exists(*published_catalogue)) {
    try {
      Catalog published(*published_catalogue, false);
      if (has_history(published)) carried = read_all(published);
    } catch (const CatalogError&) {
      // A published catalogue that cannot be read (a broken copy linked by hand) has no history to
      // give: the run that replaces it starts one, rather than leaving the broken one in service.
    }
  }
  reconcile(work, carried, read_all(work), nullptr, archived, now);
}

void update_history_of(Catalog& work, const std::set<std::string>& ids, const std::vector<ArchivedSheet>& archived,
                       const std::string& now) {
  std::set<std::string> scope = ids;
  for (const auto& a : archived) scope.insert(a.id);
  const std::map<std::string, HistoryEntry> rows = read_all(work, &scope);
  reconcile(work, rows, rows, &scope, archived, now);
}

std::optional<HistoryEntry> history_entry(Catalog& cat, const std::string& id) {
  auto s = cat.prepare(std::string("SELECT ") + kColumns + " FROM sheet_history WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return entry_of(s);
}

std::string earliest_datestamp(Catalog& cat) {
  auto s = cat.prepare("SELECT MIN(datestamp) FROM sheet_history");
  return s.step() ? s.text(0) : "";
}

namespace {

constexpr const char* kListWhere =
    " WHERE datestamp >= ?1 AND datestamp <= ?2 AND (?3 = '' OR instr(' ' || sets || ' ', ' ' || ?3 || ' ') > 0)";

void bind_list(Statement& s, const HistoryQuery& q) {
  s.bind(1, q.from).bind(2, q.until.empty() ? std::string("9999") : q.until).bind(3, q.set);
}

}  // namespace

std::size_t history_count(Catalog& cat, const HistoryQuery& q) {
  auto s = cat.prepare(std::string("SELECT COUNT(*) FROM sheet_history") + kListWhere);
  bind_list(s, q);
  return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

std::vector<HistoryEntry> history_page(Catalog& cat, const HistoryQuery& q, std::size_t limit) {
  auto s = cat.prepare(std::string("SELECT ") + kColumns + " FROM sheet_history" + kListWhere +
                       " AND id > ?4 ORDER BY id LIMIT ?5");
  bind_list(s, q);
  s.bind(4, q.after).bind(5, static_cast<long long>(limit));
  std::vector<HistoryEntry> out;
  while (s.step()) out.push_back(entry_of(s));
  return out;
}

}  // namespace pratiques
