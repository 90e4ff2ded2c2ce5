// The static site after a publication, in three steps:
// 1. at once, before the publication answers: the published sheets' own pages
//    (site::rebuild_own_pages: the page, its citations, the redirects of its former ids; removed
//    when the sheet was archived). Its cost does not grow with the collection.
// 2. in the background, right after: the pages that list or include them (site::rebuild_dependents:
//    the browse pages of their values, before and after, the courses that use them — page,
//    students' handout, references —, the pages of the sheets that link to them, the HTML site map).
// 3. in the background, then: a full incremental rebuild (home page, feeds, sitemap.xml, facet
//    indexes, the map, other sheets' "Pratiques proches"; it rewrites only the files whose bytes
//    change).
// Both background steps run on one thread, at low priority. Every page is replaced with rename(2):
// no reader ever sees half a page. A publication during a background step never stops it: the
// step goes on to its end, leaving alone the files that the publication's own pages step wrote or
// removed since it started (they carry newer data than its own), and the publication's steps
// follow it. However many publications arrive during one full rebuild, one more full rebuild
// follows it (at 10,000 sheets a full rebuild takes about 45 s: restarted at each publication, it
// never ended under steady publishing, and the feeds, sitemap.xml and facet indexes fell behind).
//
// Crashes: begin() writes a marker in the site's directory (fsync'ed) before the index changes,
// and the marker goes only when a full rebuild that started after the last begin() completes.
// A server started with the marker present (killed between a publication and the end of its
// background steps) removes the interrupted writes' temporary files and runs the full rebuild in
// the background: the site catches up with the index. A publication's own full rebuild repairs
// the same way.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "pratiques/site/targeted.h"

namespace pratiques::write {

class SiteRefresher {
 public:
  // In the site's directory while the site may be behind the index (hidden: never served).
  static constexpr const char* kBehindMarker = ".pratiques-site-en-retard";

  // A marker left by a crash schedules the repair (a full rebuild) at once. `options.guard`, when
  // set, wraps each file operation of the background steps (tests pause one there).
  explicit SiteRefresher(site::BuildOptions options);
  ~SiteRefresher();  // a running background step is cancelled at its next file
  SiteRefresher(const SiteRefresher&) = delete;
  SiteRefresher& operator=(const SiteRefresher&) = delete;

  // Before a publication changes the index: the marker, written and fsync'ed. Throws
  // std::runtime_error when it cannot be written.
  void begin();
  // Rewrites the own pages of these sheets now; their dependent pages, then a full rebuild, in the
  // background. A full rebuild under way writes them at its next file, then goes on.
  // `before`: the sheets' browse values before their publication (site::browse_values).
  site::TargetedReport refresh(const std::vector<std::string>& ids, const site::BrowseValues& before);
  // Courses: their pages and the course list now, then a full rebuild.
  site::TargetedReport refresh_courses(const std::vector<std::string>& ids);
  // Schedules a full rebuild.
  void schedule();
  // Until no background step is running or waiting (tests, benchmark). Not while held.
  void wait_idle();
  // Until the dependent pages of every publication so far are written (the full rebuild may
  // still be running or waiting). Not while held.
  void wait_dependents();
  std::size_t full_rebuilds() const;       // completed since start
  std::size_t dependent_rebuilds() const;  // completed since start
  // Whether the marker is there (the site may be behind the index).
  bool behind() const;
  // Tests: no background step starts until release() (one running goes on to its end, the
  // dependent pages it writes on its way included).
  void hold();
  void release();

 private:
  void run();
  // Within a full rebuild, at a file: the dependent pages waiting, written now as a publication's
  // own pages are (the rebuild then leaves them alone).
  void dependents_now();
  // The dependent pages waiting, moved into `ids` and `before` (under mutex_).
  void take_dependents(std::vector<std::string>& ids, site::BrowseValues& before);
  // The options of a step run now: every file operation under files_, its path kept in fresh_.
  site::BuildOptions foreground_options();
  std::string marker() const;
  site::BuildOptions options_;
  std::mutex files_;               // held by every file operation of every step
  std::set<std::string> fresh_;    // written or removed by a foreground step since the background one began (under files_)
  bool cancelled_ = false;         // the background step stops at its next file (under files_)
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool pending_ = false, running_ = false, stop_ = false, held_ = false;
  bool running_dependents_ = false;  // the running step is a dependent pages' one
  bool repair_ = false;       // remove the temporary files of interrupted writes before the full rebuild
  bool behind_ = false;       // the marker is on disk
  std::uint64_t begun_ = 0;   // begin() calls
  std::vector<std::string> dependents_;  // sheets whose dependent pages are to be rewritten
  std::atomic<bool> dependents_waiting_{false};  // !dependents_.empty(), read at each file without mutex_
  site::BrowseValues before_;            // their browse values before their publications
  std::size_t completed_ = 0, dependents_completed_ = 0;
  std::thread thread_;
};

}  // namespace pratiques::write
