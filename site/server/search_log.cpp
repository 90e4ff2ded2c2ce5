#include "pratiques/server/search_log.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "pratiques/server/http.h"
#include "pratiques/server/suggest.h"
#include "pratiques/site/typography.h"

namespace fs = std::filesystem;

namespace pratiques::server {

namespace {

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

Catalog open_log(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  return Catalog(path, true, server_schema());
}

}  // namespace

SearchLog::SearchLog(const std::string& path) : db_(open_log(path)) {
  thread_ = std::thread([this] { run(); });
}

SearchLog::~SearchLog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SearchLog::record(LogEntry entry) {
  constexpr std::size_t kMaxQueued = 100000;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= kMaxQueued) {
      ++dropped_;
      return;
    }
    queue_.push_back({now_utc(), std::move(entry)});
    ++enqueued_;
  }
  wake_.notify_one();
}

void SearchLog::flush() {
  std::unique_lock lock(mutex_);
  const std::size_t target = enqueued_;
  wake_.notify_one();
  written_.wait(lock, [&] { return done_ >= target; });
}

std::size_t SearchLog::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

void SearchLog::run() {
  std::vector<Queued> batch;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty() && stop_) return;
    // Let a few more arrive: one transaction per batch, a few per second under load.
    if (!stop_ && queue_.size() < 256)
      wake_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stop_ || queue_.size() >= 256; });
    const std::size_t n = std::min<std::size_t>(queue_.size(), 5000);
    batch.assign(std::make_move_iterator(queue_.begin()),
                 std::make_move_iterator(queue_.begin() + static_cast<long>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
    lock.unlock();
    try {
      write(batch);
    } catch (const std::exception& e) {
      std::cerr << "pratiques serve : journal des recherches : " << e.what() << "\n";
    }
    lock.lock();
    done_ += n;
    written_.notify_all();
  }
}

void SearchLog::write(std::vector<Queued>& batch) {
  db_.transaction([&] {
    auto ins = db_.prepare(
        "INSERT INTO search_log(at, query, filters, results, query_key, corrected, origin, suggestion, complete, "
        "collection) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& q : batch) {
      ins.bind(1, q.at)
          .bind(2, q.entry.query)
          .bind(3, q.entry.filters)
          .bind(4, static_cast<long long>(q.entry.results));
      ins.bind(5, Suggester::key(q.entry.query))
          .bind(6, static_cast<long long>(q.entry.corrected ? 1 : 0))
          .bind(7, q.entry.origin);
      ins.bind(8, q.entry.suggestion)
          .bind(9, static_cast<long long>(q.entry.complete))
          .bind(10, static_cast<long long>(q.entry.collection));
      ins.run();
    }
  });
  batch.clear();
}

// ------------------------------------------------------------------------------------ report

namespace {

// The searches counted: since a date, without the intermediate queries of instant results
// (a "saisie" row followed within 30 s by a query that extends it or repeats it, read on the stored
// key of its words). Each is grouped by its report key (report_key()), of old rows too.
std::string base_cte(bool include_typing) {
  std::string sql =
      "WITH base AS (SELECT l.rowid AS id, l.at, l.query, l.filters, l.results, l.corrected, l.origin, l.suggestion, "
      "l.complete, l.collection, report_key(l.query) AS query_key FROM search_log l WHERE l.at >= ?1";
  if (!include_typing)
    sql +=
        " AND NOT (l.origin = 'saisie' AND EXISTS (SELECT 1 FROM search_log n WHERE n.at >= l.at "
        "AND n.at <= strftime('%Y-%m-%d %H:%M:%S', l.at, '+30 seconds') AND n.rowid > l.rowid "
        "AND length(n.query_key) >= length(l.query_key) AND substr(n.query_key, 1, length(l.query_key)) = "
        "l.query_key))";
  return sql + ") ";
}

// Pieces of a query that change what it finds: quotes (a phrase: « », “ ” are quotes too), "*"
// (everything), parentheses, a field prefix's colon, and a sign before a word.
bool meaningful(std::string_view piece, std::size_t i, std::size_t& length) {
  for (std::string_view q : {"\"", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D"})
    if (piece.substr(i, q.size()) == q) {
      length = q.size();
      return true;
    }
  length = 1;
  const char c = piece[i];
  return c == '*' || c == '(' || c == ')' || c == ':' || ((c == '-' || c == '+') && i == 0);
}

// The report key of a query: its words folded (Suggester::key) with what changes its meaning kept:
// `"garantie jeunes"` (a phrase) is not `garantie jeunes`, `-jeunes` not `jeunes`, `*` (everything)
// is a query of its own, and the operators in capitals (`OU`) are not the short words (`ou`).
std::string report_key(std::string_view query) {
  static const std::set<std::string_view> kOperators = {"ET", "OU", "SAUF", "AND", "OR", "NOT"};
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    while (i < query.size() && std::isspace(static_cast<unsigned char>(query[i]))) ++i;
    std::size_t end = i;
    while (end < query.size() && !std::isspace(static_cast<unsigned char>(query[end]))) ++end;
    const std::string_view piece = query.substr(i, end - i);
    i = end;
    std::string key;
    if (kOperators.count(piece)) {
      key = piece;
    } else {
      std::size_t word = 0;
      for (std::size_t k = 0, length = 1; k <= piece.size(); k += length) {
        const bool at_end = k == piece.size();
        if (!at_end && !meaningful(piece, k, length)) continue;
        key += Suggester::key(piece.substr(word, k - word));
        if (at_end) break;
        key += length > 1 ? '"' : piece[k];
        word = k + length;
      }
    }
    if (!key.empty()) out += (out.empty() ? "" : " ") + key;
  }
  return out;
}

void report_key_function(sqlite3_context* context, int, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const std::string key = report_key(text ? text : "");
  sqlite3_result_text(context, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}

std::string readable_filters(const std::string& f) {
  if (f.empty()) return "";
  try {
    std::string out;
    for (const auto& [k, v] : parse_query_string(f)) out += (out.empty() ? "" : ", ") + k + "=" + v;
    return out;
  } catch (...) {
    return f;
  }
}

// The searches of each list of the report (a condition on a row of `base`).
const char* const kFrequent = "1";
const char* const kZero = "results = 0";
const char* const kCorrected = "corrected = 1";
// At least 90 % of the sheets hold every word of a query: "everything". Not the results: a query
// that few sheets hold whole lists those that hold part of it after them ("social potager").
const char* const kEverything = "collection > 1 AND complete * 10 >= collection * 9 AND corrected = 0";

}  // namespace

Report search_report(Catalog& db, const ReportOptions& o) {
  Report r;
  r.since = o.since;
  sqlite3_create_function_v2(db.handle(), "report_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             report_key_function, nullptr, nullptr, nullptr);
  const std::string base = base_cte(o.include_typing);
  const std::string since = o.since.empty() ? std::string("0000") : o.since;
  {
    auto s = db.prepare(base + "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN query_key <> '' THEN query_key END), " +
                        "SUM(CASE WHEN " + kZero + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + kCorrected +
                        " THEN 1 ELSE 0 END), " + "SUM(CASE WHEN query_key <> '' AND " + kEverything +
                        " THEN 1 ELSE 0 END), MIN(at), MAX(at) FROM base");
    s.bind(1, since);
    if (s.step()) {
      r.searches = static_cast<std::size_t>(s.integer(0));
      r.distinct = static_cast<std::size_t>(s.integer(1));
      r.zero = static_cast<std::size_t>(s.integer(2));
      r.corrected = static_cast<std::size_t>(s.integer(3));
      r.everything = static_cast<std::size_t>(s.integer(4));
      r.first = s.text(5);
      r.last = s.text(6);
    }
  }
  // One row per query (folded form) whose searches meet `cond`, most searched first; its numbers
  // are those of its latest search meeting `cond`, preferably without filters.
  auto rows = [&](const std::string& cond) {
    std::vector<ReportRow> out;
    auto s = db.prepare(base + "SELECT (SELECT query FROM base b WHERE b.query_key = g.query_key AND " + cond +
                        " GROUP BY query ORDER BY COUNT(*) DESC, query LIMIT 1), COUNT(*), MAX(at), "
                        "(SELECT id FROM base b WHERE b.query_key = g.query_key AND " +
                        cond +
                        " ORDER BY b.filters = '' DESC, b.id DESC LIMIT 1) "
                        "FROM base g WHERE query_key <> '' AND " +
                        cond + " GROUP BY query_key ORDER BY COUNT(*) DESC, MAX(at) DESC, query_key LIMIT ?2");
    s.bind(1, since).bind(2, static_cast<long long>(o.limit));
    auto latest =
        db.prepare("SELECT results, complete, filters, suggestion, collection FROM search_log WHERE rowid = ?");
    while (s.step()) {
      ReportRow row;
      row.query = s.text(0);
      row.count = static_cast<std::size_t>(s.integer(1));
      row.last = s.text(2);
      latest.bind(1, s.integer(3));
      if (latest.step()) {
        row.results = static_cast<unsigned>(latest.integer(0));
        row.complete = static_cast<unsigned>(latest.integer(1));
        row.filters = latest.text(2);
        row.suggestion = latest.text(3);
        row.collection = static_cast<unsigned>(latest.integer(4));
      }
      latest.reset();
      out.push_back(std::move(row));
    }
    return out;
  };
  r.frequent = rows(kFrequent);
  r.zero_results = rows(kZero);
  r.corrected_queries = rows(kCorrected);
  r.everything_queries = rows(kEverything);
  {
    std::map<std::string, std::size_t> uses;
    auto s = db.prepare(base + "SELECT filters, COUNT(*) FROM base WHERE filters <> '' GROUP BY filters");
    s.bind(1, since);
    while (s.step()) {
      try {
        for (const auto& [k, v] : parse_query_string(s.text(0)))
          uses[k + "=" + v] += static_cast<std::size_t>(s.integer(1));
      } catch (...) {
      }
    }
    r.filters.assign(uses.begin(), uses.end());
    std::stable_sort(r.filters.begin(), r.filters.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (r.filters.size() > o.limit) r.filters.resize(o.limit);
  }
  return r;
}

std::string report_text(const Report& r) {
  std::ostringstream out;
  out << "Recherches" << (r.since.empty() ? "" : " depuis le " + r.since);
  if (r.searches == 0) {
    out << " : aucune recherche enregistrée.\n";
    return out.str();
  }
  auto number = [](std::size_t n) { return site::fr_number(static_cast<long long>(n)); };
  out << " (du " << r.first << " au " << r.last << " UTC) : " << number(r.searches) << " recherche(s), "
      << number(r.distinct) << " requête(s) distincte(s), " << number(r.zero) << " sans résultat, "
      << number(r.corrected) << " corrigée(s), " << number(r.everything) << " trouvant presque tout.\n";
  auto filters = [](const ReportRow& row) {
    return row.filters.empty() ? std::string() : "  [" + readable_filters(row.filters) + "]";
  };
  out << "\nRequêtes les plus fréquentes (résultats : ceux de la dernière recherche, sans filtre si elle a été faite "
         "sans)\n";
  out << "  nombre  résultats  requête\n";
  for (const auto& row : r.frequent) {
    out << std::setw(8) << row.count << "  " << std::setw(9) << row.results << "  " << row.query << filters(row);
    if (row.complete < row.results) out << "  (" << row.complete << " avec tous les mots)";
    out << "\n";
  }
  out << "\nRequêtes sans résultat : ce que les services documentation pourraient écrire ensuite\n";
  if (r.zero_results.empty())
    out << "  (aucune)\n";
  else
    out << "  nombre  dernière fois        requête\n";
  for (const auto& row : r.zero_results) {
    out << std::setw(8) << row.count << "  " << row.last << "  " << row.query << filters(row);
    if (!row.suggestion.empty()) out << "  (suggestion proposée : « " << row.suggestion << " »)";
    out << "\n";
  }
  out << "\nRequêtes corrigées : les résultats montrés étaient ceux de la correction, à vérifier\n";
  if (r.corrected_queries.empty())
    out << "  (aucune)\n";
  else
    out << "  nombre  résultats  requête → correction\n";
  for (const auto& row : r.corrected_queries)
    out << std::setw(8) << row.count << "  " << std::setw(9) << row.results << "  " << row.query << " → "
        << row.suggestion << filters(row) << "\n";
  out << "\nRequêtes qui trouvent presque tout (au moins 90 % des fiches) : trop vagues, ou mal comprises\n";
  if (r.everything_queries.empty())
    out << "  (aucune)\n";
  else
    out << "  nombre  résultats  requête\n";
  for (const auto& row : r.everything_queries)
    out << std::setw(8) << row.count << "  " << std::setw(9)
        << (std::to_string(row.results) + "/" + std::to_string(row.collection)) << "  " << row.query << filters(row)
        << "\n";
  if (!r.filters.empty()) {
    out << "\nFiltres les plus utilisés\n";
    for (const auto& [f, n] : r.filters) out << std::setw(8) << n << "  " << f << "\n";
  }
  return out.str();
}

std::string report_json(const Report& r) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("depuis", r.since);
  root.set("premiere", r.first);
  root.set("derniere", r.last);
  root.set("recherches", r.searches);
  root.set("requetes_distinctes", r.distinct);
  root.set("sans_resultat", r.zero);
  root.set("corrigees", r.corrected);
  root.set("presque_tout", r.everything);
  auto rows = [](const std::vector<ReportRow>& v) {
    Array a;
    for (const auto& row : v) {
      Object o(Poco::JSON_PRESERVE_KEY_ORDER);
      o.set("requete", row.query);
      o.set("nombre", row.count);
      o.set("resultats", row.results);
      o.set("resultats_complets", row.complete);
      o.set("fiches", row.collection);
      o.set("derniere", row.last);
      o.set("filtres", row.filters);
      o.set("suggestion", row.suggestion);
      a.add(o);
    }
    return a;
  };
  root.set("frequentes", rows(r.frequent));
  root.set("sans_resultat_requetes", rows(r.zero_results));
  root.set("corrigees_requetes", rows(r.corrected_queries));
  root.set("presque_tout_requetes", rows(r.everything_queries));
  Array f;
  for (const auto& [k, n] : r.filters) {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("filtre", k);
    o.set("nombre", n);
    f.add(o);
  }
  root.set("filtres", f);
  std::ostringstream out;
  root.stringify(out, 2);
  return out.str();
}

}  // namespace pratiques::server
