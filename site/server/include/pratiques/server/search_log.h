// The search log, in the server's own database (default var/pratiques.sqlite; an index generation
// is replaced by every `pratiques index`, the log must outlive it). One row per search: time (UTC,
// to the second), query, filters, number of results, origin. No IP address, no cookie, no user
// agent, nothing that links two searches to one person.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pratiques/catalog.h"
#include "pratiques/write/server_data.h"

namespace pratiques::server {

// The server database's schema and file (var/pratiques.sqlite), shared with the write side.
using write::server_database;
using write::server_schema;

struct LogEntry {
  std::string query;    // as searched (spaces normalised)
  std::string filters;  // "publics=jeunes&thematiques=logement-habitat" (sorted)
  unsigned results = 0;
  bool corrected = false;   // the results shown are those of the spelling suggestion
  std::string origin;       // "page" (/recherche), "api" (/api/recherche), "saisie" (instant results while typing)
  std::string suggestion;   // the spelling suggestion, applied or offered ("" = none)
  unsigned complete = 0;    // results holding every word of the query
  unsigned collection = 0;  // sheets in the index searched
};

// Writes entries from a background thread, in batches (one transaction each): recording a
// search never waits for the disk. The queue is bounded: past it, entries are counted and dropped.
class SearchLog {
 public:
  explicit SearchLog(const std::string& path);
  ~SearchLog();  // writes what is queued
  SearchLog(const SearchLog&) = delete;
  SearchLog& operator=(const SearchLog&) = delete;

  void record(LogEntry entry);
  void flush();  // waits until everything recorded so far is written
  std::size_t dropped() const;

 private:
  struct Queued {
    std::string at;
    LogEntry entry;
  };
  void run();
  void write(std::vector<Queued>& batch);
  Catalog db_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, written_;
  std::deque<Queued> queue_;
  std::size_t dropped_ = 0, enqueued_ = 0, done_ = 0;
  bool stop_ = false;
  std::thread thread_;
};

// `pratiques rapport recherches`: what people searched, and what they did not find.
struct ReportOptions {
  std::string since;  // "YYYY-MM-DD" (UTC), "" = everything
  std::size_t limit = 20;
  bool include_typing = false;  // count the intermediate queries of instant results too
};

// One query (grouped by folded form) of a list of the report. Its numbers are those of its latest
// search, without filters when it was searched without: true counts, never averages.
struct ReportRow {
  std::string query;        // the most frequent spelling of the group
  std::size_t count = 0;    // searches of the list's kind
  unsigned results = 0;     // results of that search
  unsigned complete = 0;    // of which holding every word
  std::string filters;      // its filters ("" = none)
  std::string suggestion;   // the spelling suggestion then ("" = none)
  unsigned collection = 0;  // sheets in the index then (0 = not recorded)
  std::string last;         // last time (UTC)
};

struct Report {
  std::string since, first, last;
  std::size_t searches = 0, distinct = 0, zero = 0, corrected = 0, everything = 0;
  // The most frequent queries; those without result; those replaced by their spelling suggestion;
  // those that find (almost) everything: at least kEverythingShare of the sheets, too vague or
  // misunderstood.
  std::vector<ReportRow> frequent, zero_results, corrected_queries, everything_queries;
  std::vector<std::pair<std::string, std::size_t>> filters;  // "thematiques=x" → uses
};

Report search_report(Catalog& db, const ReportOptions& options);
std::string report_text(const Report& r);
std::string report_json(const Report& r);

}  // namespace pratiques::server
