// The static site after a publication. The pages that show the published sheets are rewritten at
// once (site::rebuild_sheets: the sheet's page, the browse pages that list it, the courses that
// use it, the sheets that link to it and the HTML site map, ~what a reader opens next); every other
// page that mentions them (home page, feeds, sitemap.xml, facet indexes, map, "Pratiques proches"
// of other sheets) by a full incremental rebuild in
// the background, at low priority. A full rebuild takes seconds at 30,000 sheets; a publication
// during one cancels it (its later writes would carry older data) and another follows.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pratiques/site/targeted.h"

namespace pratiques::write {

class SiteRefresher {
 public:
  explicit SiteRefresher(site::BuildOptions options);
  ~SiteRefresher();  // a running full rebuild is cancelled
  SiteRefresher(const SiteRefresher&) = delete;
  SiteRefresher& operator=(const SiteRefresher&) = delete;

  // Rewrites the pages of these sheets now, then schedules a full rebuild. `before`: the sheets'
  // browse values before their publication (site::browse_values).
  site::TargetedReport refresh(const std::vector<std::string>& ids, const site::BrowseValues& before);
  // The same for courses: their pages and the course list now, then a full rebuild.
  site::TargetedReport refresh_courses(const std::vector<std::string>& ids);
  // Schedules a full rebuild (e.g. at start, when the site is older than the index).
  void schedule();
  // Until no full rebuild is running or waiting (tests, benchmark).
  void wait_idle();
  std::size_t full_rebuilds() const;  // completed since start

 private:
  void run();
  // The options of a targeted rebuild (every file operation under files_, the running full rebuild cancelled).
  site::BuildOptions targeted_options();
  site::BuildOptions options_;
  std::mutex files_;         // held by every file operation of both kinds of rebuild
  std::uint64_t epoch_ = 0;  // bumped by each targeted rebuild (under files_)
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool pending_ = false, running_ = false, stop_ = false;
  std::size_t completed_ = 0;
  std::thread thread_;
};

}  // namespace pratiques::write
